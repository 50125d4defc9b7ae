"""check --links on a site read in place with no public address: one line says how links to
routes no file makes (pages a site's templates or other repositories make) are taken to reach
the live site. Flux's site: 342 such warnings, 46 once 'urls.base' was set, and no message named
the setting."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from stagemap.cli.app import cli
from tests.conftest import QUIET_CONFIG, write

PAGE = "---\ntitle: Launch\n---\nSee [the community](/community/) and [the setup](/docs/setup/).\n"
NOTE = (
    "2 of the links that lead nowhere go to routes of the site that no file read here makes (such as"
    " '/community/'): where the live site serves them (pages its templates or other repositories"
    " make), set 'urls: {base: ADDRESS}' in stagemap.yml to the site's public address, and such"
    " links are taken to reach the live site.\n"
)


def _check(root: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), "check", "--links"])
    return result.exit_code, result.stdout, result.stderr


def test_check_links_names_urls_base_for_routes_no_file_makes(tmp_path: Path) -> None:
    settings = QUIET_CONFIG + "generator: hugo\nsources:\n  - {path: content, url: '/{path}/'}\n"
    files = {"stagemap.yml": settings, "content/blog/launch.md": PAGE, "content/docs/setup.md": PAGE}
    code, out, err = _check(write(tmp_path / "a", files))
    assert code == 0
    assert "link to '/community/' leads nowhere" in err
    assert out.endswith(NOTE)
    # With the public address set, the link is taken to reach the live site: no warning, no note.
    files["stagemap.yml"] = settings + "urls:\n  base: https://kilns.example/\n"
    code, out, err = _check(write(tmp_path / "b", files))
    assert (code, err) == (0, "")
    assert "urls: {base" not in out


def test_no_note_for_a_library_of_stagemaps_own(tmp_path: Path) -> None:
    """A library written for stagemap (no generator) has no routes made elsewhere: no note."""
    files = {"stagemap.yml": QUIET_CONFIG, "content/launch.md": PAGE}
    _, out, _ = _check(write(tmp_path, files))
    assert "urls: {base" not in out


def test_a_route_a_partial_links_to_is_counted_in_the_note(tmp_path: Path) -> None:
    """A dead link a partial writes is reported with the page that shows it (" (shown on ...)"):
    it was no longer counted in the note, which only a message ending in "leads nowhere" was."""
    part = "---\nsidebar_label: Kit\n---\nAsk the [community](/community/).\n"
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: docusaurus\nsources: [docs]\n",
        "docusaurus.config.js": "module.exports = {title: 'Glazeworks'};\n",
        "docs/guide/start.mdx": "---\ntitle: Start\n---\nimport Kit from './parts/_kit.mdx';\n\n<Kit />\n",
        "docs/guide/parts/_kit.mdx": part,
    }
    code, out, err = _check(write(tmp_path, files))
    assert code == 0
    assert "link to '/community/' leads nowhere (shown on docs/guide/start.mdx)" in err
    assert out.endswith(
        "1 of the links that lead nowhere goes to routes of the site that no file read here makes"
        " (such as '/community/'): where the live site serves them (pages its templates or other"
        " repositories make), set 'urls: {base: ADDRESS}' in stagemap.yml to the site's public"
        " address, and such links are taken to reach the live site.\n"
    )
