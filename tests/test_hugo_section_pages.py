"""Hugo's section pages (``_index.md``) with prose of their own are pages; short ones listings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

import stagemap
from stagemap.cli.app import cli
from stagemap.read.git import Git, Revisions
from stagemap.read.presets import preset_front_matter
from stagemap.read.sectionpages import PROSE_WORDS, prose_words
from tests.conftest import write
from tests.test_diff import commit_all, git

SETTINGS = (
    "name: H\npurpose: Why we exist.\nmodel: buyer-journey\ngenerator: hugo\n"
    "sources:\n  - path: content\n    url: /{path}/\nurls:\n  base: https://h.example/\n"
)
PROSE = (
    "Every kettle we sell starts as a sheet of steel that a press shapes in one stroke. The "
    "handle is riveted, never glued, so that it can be replaced when it wears out.\n\n"
    "## Why steel\n\nSteel holds heat evenly and survives a drop onto a tiled floor. Enamel chips, "
    "glass cracks and aluminium dents; we tried them all before settling on the metal our "
    "grandparents used.\n"
)
LINKS = "".join(f"- [Part {n}](part-{n}/): how the part numbered {n} is made and fitted\n" for n in range(12))
SITE: dict[str, str | bytes] = {
    "stagemap.yml": SETTINGS,
    "hugo.toml": "baseURL = 'https://h.example/'\n[permalinks.section]\n  guides = '/learn/:slug/'\n",
    "content/_index.md": "---\ntitle: Home\n---\n",
    "content/making/_index.md": "+++\ntitle = 'How we make them'\n+++\n\n" + PROSE + "\n" + LINKS,
    "content/making/press.md": "---\ntitle: The press\n---\nSee [how we make them](/making/).\n",
    "content/parts/_index.md": "---\ntitle: Parts\n---\nThe parts of a kettle, one page each.\n\n" + LINKS,
    "content/parts/lid.md": "---\ntitle: Lid\n---\nText.\n",
    "content/guides/_index.md": "---\ntitle: Guides\nslug: guides\n---\n" + PROSE,
    "content/guides/descale.md": "---\ntitle: Descale\n---\nText.\n",
}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def fates(root: Path) -> dict[str, tuple[str, str, str]]:
    library = stagemap.load_project(root).library
    urls = {a.path: a.url for a in library.assets}
    return {f.path: (f.fate, f.kind, urls.get(f.path, "")) for f in library.fates if f.path.endswith(".md")}


EXPECTED = {
    "content/_index.md": ("non-asset", "listing", ""),
    "content/guides/_index.md": ("asset", "", "https://h.example/learn/guides/"),
    "content/guides/descale.md": ("asset", "", "https://h.example/guides/descale/"),
    "content/making/_index.md": ("asset", "", "https://h.example/making/"),
    "content/making/press.md": ("asset", "", "https://h.example/making/press/"),
    "content/parts/_index.md": ("non-asset", "listing", ""),
    "content/parts/lid.md": ("asset", "", "https://h.example/parts/lid/"),
}


def test_hugo_section_pages_with_prose_are_assets_at_the_sections_address(tmp_path: Path) -> None:
    """KEDA's docs explain their concepts in concepts/_index.md (about 1,150 words): it was a
    listing, never an asset, as every _index.md was. A section page with more than PROSE_WORDS
    words of prose is a page at the section's address (Hugo's permalinks for sections too);
    one with an intro over a list of links, or nothing, stays a listing. A link to the
    section's address leads to the page."""
    root = write(tmp_path, SITE)
    assert fates(root) == EXPECTED
    project = stagemap.load_project(root)
    making = next(a for a in project.library.assets if a.path == "content/making/_index.md")
    assert (making.id, making.title) == ("making/_index", "How we make them")
    code, out, _ = run("-C", str(root), "check", "--links")
    assert (code, "making" in out) == (0, False), out


def test_hugo_section_pages_are_read_so_at_a_revision_too(tmp_path: Path) -> None:
    """History reads a commit's blobs, not the files: a section's prose decides there too."""
    root = write(tmp_path, SITE)
    git(root, "init", "-q")
    first = commit_all(root, "first", dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC))
    (root / "content/making/_index.md").write_text("+++\ntitle = 'How we make them'\n+++\n" + LINKS)
    with Git(root) as repo:
        reader = Revisions(repo)
        snap = reader.at(repo.resolve(first))
        assert snap is not None
        then = {a.path for a in snap.library.assets if a.path.endswith("_index.md")}
        assert then == {"content/guides/_index.md", "content/making/_index.md"}
        now = reader.worktree(snap.config).library.assets
        assert {a.path for a in now if a.path.endswith("_index.md")} == {"content/guides/_index.md"}


def test_hugo_section_pages_a_sites_own_listing_globs_decide_alone(tmp_path: Path) -> None:
    """Where the settings name the listings, no section page is read as a page by its prose."""
    root = write(
        tmp_path,
        {**SITE, "stagemap.yml": SETTINGS + 'non_assets:\n  listing: [_index.md, "!parts/_index.md"]\n'},
    )
    assert {path: fate[:2] for path, fate in fates(root).items() if "_index" in path} == {
        "content/_index.md": ("non-asset", "listing"),
        "content/guides/_index.md": ("non-asset", "listing"),
        "content/making/_index.md": ("non-asset", "listing"),
        "content/parts/_index.md": ("asset", ""),
    }


def test_hugo_section_pages_prose_words_leave_out_what_is_no_prose() -> None:
    """Lists, tables, code, comments, tags and shortcodes' tags are no prose; a shortcode's inner
    text and a link's text are; a Chinese or Japanese character is a word, as Hugo counts them."""
    hugo = preset_front_matter("hugo", True)
    text = (
        "---\ntitle: T\n---\nOne two [three](/a/long/address/ 'x') four.\n\n<!-- five six -->\n"
        "{{< note >}}five six{{< /note >}}\n\n- seven\n1. eight\n| nine | ten |\n\n"
        "```\ncode words here\n```\n\n    indented code\n\n<ul><li>eleven</li></ul>\n"
        "<script>var twelve;</script>\n[ref]: https://h.example/\n# Seven\n水を沸かす\n"
    )
    assert prose_words(text.encode(), hugo) == 12
    commented = "<!--\n---\ntitle: Old\n---\n-->\n\nOne two three.\n"
    assert prose_words(commented.encode(), hugo) == 3
    assert prose_words(b"No front matter at all.\n", hugo) == 5
    assert prose_words(b"---\ntitle: [\n---\nBroken front matter.\n", hugo) == 3
    assert (
        prose_words(b"<div>\n  <p>One two</p>\n  <ul><li>three</li></ul>\n</div>\n", hugo, "x/_index.html")
        == 2
    )
    assert prose_words(None, hugo) == 0
    assert PROSE_WORDS == 50
