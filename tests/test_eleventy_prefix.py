"""An Eleventy site deployed under a path prefix (``pathPrefix: "/handbook/"``, or
``eleventy --pathprefix``): its live pages are at their routes under that path, and links
written with it (by hand, or as the ``url`` filter makes them) reach them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.read.eleventyprefix import path_prefix
from tests.conftest import write

HINT = "(point it at a content file, a page's route or a file in the site's static folders)"
CONFIG = 'export default function (eleventyConfig) {\n  return {\n    dir: { input: "src" },\n%s  };\n}\n'


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("config", "package", "prefix"),
    [
        (CONFIG % '    pathPrefix: "/handbook/",\n', "", "/handbook/"),
        (CONFIG % "    pathPrefix: '/handbook',\n", "", "/handbook/"),
        (
            "config.addPlugin(EleventyHtmlBasePlugin, {\n"
            "  filters: { pathPrefix: 'addPathPrefixToUrl' },\n});\n",
            "",
            "",
        ),
        ("export const config = { pathPrefix: `/crew/guide` };\n", "", "/crew/guide/"),
        (CONFIG % '    pathPrefix: "/",\n', "", ""),
        (CONFIG % "    pathPrefix: process.env.PREFIX || '/',\n", "", ""),
        (CONFIG % '    // pathPrefix: "/old/",\n', "", ""),
        (CONFIG % "", '{"scripts": {"build": "npx @11ty/eleventy --pathprefix=/deck/"}}', "/deck/"),
        (
            CONFIG % '    pathPrefix: "/x/",\n',
            '{"scripts": {"build": "eleventy --pathprefix \'hull\'"}}',
            "/hull/",
        ),
        (CONFIG % '    pathPrefix: "/x/",\n', '{"scripts": {"start": "eleventy --pathprefix=/y/"}}', "/x/"),
        (CONFIG % "", '{"scripts": {"build": "vite build --pathprefix=/z/"}}', ""),
        (CONFIG % "", "not json", ""),
        (CONFIG % '    pathPrefix: "/x/",\n', '{"scripts": {"build": "eleventy --pathprefix=$PREFIX"}}', ""),
    ],
)
def test_the_path_prefix_an_eleventy_site_is_served_under(
    tmp_path: Path, config: str, package: str, prefix: str
) -> None:
    """The configuration's pathPrefix as written out (Eleventy 3's exported config too), made
    to end with '/' as Eleventy does; the build script's --pathprefix wins over it. A prefix the
    code works out, one in a comment, another script's, or the HTML base plugin's option naming
    its filter (Eleventy 2's 'filters: { pathPrefix: ... }'), says nothing."""
    files = {"eleventy.config.js": config, **({"package.json": package} if package else {})}
    root = write(tmp_path, files)
    assert path_prefix(root, config) == prefix


def test_an_eleventy_sites_pages_are_at_their_routes_under_its_path_prefix(tmp_path: Path) -> None:
    """A GitHub Pages project site built by Eleventy sets pathPrefix, and stagemap read none:
    init wrote the CNAME domain alone as the site's address (each page's live address lacked the
    prefix), or no address at all, and check --links reported a link written with the prefix
    ('/handbook/guides/rigging/', as the live page has it without the HTML base plugin) as
    leading nowhere. The prefix is now the path of urls.base, with the domain or alone."""
    pages = {
        "src/index.md": "---\ntitle: Otter handbook\n---\n[Rigging](/handbook/guides/rigging/) and"
        " [about]({{ '/about/' | url }}) and [home](/handbook/) and [lost](/handbook/gone/).\n",
        "src/about.md": "---\ntitle: About the otters\n---\nWe carve paddles.\n",
        "src/guides/rigging.md": "---\ntitle: Rigging a kayak\n---\nTie the lines.\n",
        "eleventy.config.js": CONFIG % '    pathPrefix: "/handbook/",\n',
    }
    alone = write(tmp_path / "alone", pages)
    code, out, _ = run("init", str(alone))
    assert code == 0
    text = (alone / "stagemap.yml").read_text()
    assert "# eleventy.config.js gives no address, only its path prefix (pathPrefix):\n" in text
    assert "urls:\n  base: /handbook/  # e.g. https://www.example.com/handbook/\n" in text
    assert (
        "No public site address in eleventy.config.js (urls.base keeps the path the site is served under,"
        " /handbook/): set urls.base so that kits link to public pages.\n"
    ) in out
    _, _, err = run("-C", str(alone), "check", "--links")
    assert "leads nowhere" in err and err.count("leads nowhere") == 1, err
    assert f"src/index.md:4:107: warning: link to '/handbook/gone/' leads nowhere {HINT}\n" in err

    domain = write(tmp_path / "domain", {**pages, "CNAME": "otters.example.org\n"})
    assert run("init", str(domain))[0] == 0
    text = (domain / "stagemap.yml").read_text()
    assert "urls:\n  base: https://otters.example.org/handbook/\n" in text
    _, out, _ = run("-C", str(domain), "list", "--format", "json")
    assert '"https://otters.example.org/handbook/guides/rigging/"' in out, out
