"""A site configured in code (Gatsby, Docusaurus, Astro) keeps its title in one place, among
many other ``title:`` keys: a feed plugin's, a GraphQL query's, a blog author's. And Gatsby's
``src/pages/404.*`` is the page it builds for an address with none, not one to send."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import stagemap
from stagemap.cli.app import cli
from stagemap.read import codetitle
from stagemap.read.siteaddress import site_title
from tests.conftest import write

FEED_PLUGIN = """  {
    resolve: 'gatsby-plugin-feed',
    options: {
      query: `
        {
          site {
            siteMetadata {
              title: siteTitle
              siteUrl
            }
          }
        }
      `,
      feeds: [
        {
          output: '/blog/rss.xml',
  title: 'Quillmark - every new post on ledger tooling',
        },
      ],
    },
  },
"""
"""A feed's ``title`` (indented less than the site's, as the real one that was taken) and a
GraphQL query naming ``siteTitle`` ``title``: neither is the site's."""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("metadata", "name"),
    [
        (
            "  siteMetadata: {\n    siteTitle: 'Quillmark - ledger tooling', // <title>\n  },\n",
            "Quillmark - ledger tooling",
        ),
        ("  siteMetadata: {\n    siteTitle: 'Long',\n    title: `Quillmark`,\n  },\n", "Quillmark"),
        ("  siteMetadata: meta,\n", "Quillmark Books"),  # (the constant it names, below)
        ("  siteMetadata: {\n    defaultTitle: 'Quillmark HQ',\n  },\n", "Quillmark HQ"),
        ("  siteMetadata: {\n    title: process.env.TITLE,\n  },\n", ""),  # worked out in code
        ("  siteMetadata: {\n    siteUrl: 'https://quill.example',\n  },\n", ""),  # none: the folder's name
    ],
)
def test_init_names_a_gatsby_project_by_its_site_metadata_never_a_plugins_title(
    tmp_path: Path, metadata: str, name: str
) -> None:
    """Cilium's and eBPF's Gatsby sites keep their title in siteMetadata as ``siteTitle``; init
    named each project after its RSS feed's title ('Cilium - The latest articles covering...'),
    the least indented ``title:`` of the file."""
    config = (
        "const meta = { title: 'Quillmark Books' };\nconst plugins = [\n"
        + FEED_PLUGIN
        + "];\nmodule.exports = {\n"
        + metadata
        + "  plugins,\n};\n"
    )
    root = write(
        tmp_path / "quill-site",
        {"gatsby-config.js": config, "content/posts/a.md": "---\ntitle: A\n---\nText.\n"},
    )
    assert run("init", str(root))[0] == 0
    assert f"\nname: {name or 'quill-site'}\n" in (root / "stagemap.yml").read_text()


def test_a_starlight_sites_title_is_starlights_not_an_authors() -> None:
    """Tauri's Astro configuration lists its blog's authors, each with a ``title`` (a role),
    before Starlight's: init named the project after the first author's role."""
    config = (
        "import starlight from '@astrojs/starlight';\n"
        "const authors = {\n  ada: {\n    name: 'Ada',\n    title: 'Quillmark Co-Founder',\n  },\n};\n"
        "export default defineConfig({\n  integrations: [\n    starlight({\n"
        "      plugins: [blog({ authors, title: 'News' })],\n      title: 'Quillmark Docs',\n"
        "    }),\n  ],\n});\n"
    )
    assert site_title("astro", config, {}) == "Quillmark Docs"
    assert site_title("astro", "export default defineConfig({ site: 'https://q.example' });\n", {}) == ""


def test_a_docusaurus_sites_title_is_its_configurations_not_a_plugins_or_a_feeds() -> None:
    """A plugin's options set by name before the configuration, at the same depth, and the
    blog's feed options: neither is the site's, which sits beside ``url`` and ``baseUrl``."""
    config = (
        "const changelog = {\n  title: 'Changelog',\n  path: 'changelog',\n};\n"
        "const config = {\n  title: 'Quillmark',\n  url: 'https://quill.example',\n  baseUrl: '/',\n"
        "  presets: [['classic', { blog: { feedOptions: { title: 'Quillmark posts' } } }]],\n"
        "  plugins: [['@docusaurus/plugin-content-docs', changelog]],\n};\nexport default config;\n"
    )
    assert site_title("docusaurus", config, {}) == "Quillmark"
    quoted = 'module.exports = {\n  "title": "Quillmark",\n  "url": "https://quill.example",\n};\n'
    assert site_title("docusaurus", quoted, {}) == "Quillmark"


def test_gatsbys_404_page_is_its_error_page_not_an_asset(tmp_path: Path) -> None:
    """toit.io's src/pages/404.mdx ('Page not found') was read as a page to send to buyers.
    Gatsby builds the page at /404 as the site's 404.html: src/pages/404.* or 404/index.*, or a
    page whose ``path`` is /404; a 404 page deeper in a folder is a page like any other."""
    page = "---\ntitle: {}\n---\nText.\n"
    root = write(
        tmp_path,
        {
            "gatsby-config.js": "module.exports = { siteMetadata: { title: 'Quillmark' } };\n",
            "src/pages/404.mdx": "---\ntitle: Page not found\n---\n\nNothing here.\n",
            "src/pages/404.tsx": "export default function NotFound() { return null; }\n",
            "src/pages/pricing.mdx": page.format("Pricing"),
            "src/pages/errors/404.md": page.format("What a 404 from the ledger API means"),
            "content/pages/missing.md": "---\ntitle: Lost\npath: /404\n---\nText.\n",
        },
    )
    code, out, _ = run("init", str(root))
    # (404.tsx too: a page Gatsby makes of its component, the error page as 404.mdx is.)
    assert code == 0 and "2 non-asset: error-page by '/404.*'\n" in out
    library = stagemap.load_project(root).library
    assert sorted(a.path for a in library.assets) == ["src/pages/errors/404.md", "src/pages/pricing.mdx"]
    fates = {f.path: (f.fate, f.kind) for f in library.fates}
    assert fates["src/pages/404.mdx"] == fates["src/pages/404.tsx"] == ("non-asset", "error-page")
    assert fates["content/pages/missing.md"] == ("non-asset", "error-page")


def _events(generator: str, config: str) -> int:
    """Return how many Python and C calls reading the title of ``config`` makes: a count of the
    work, the same on every machine."""
    calls = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        calls += event in ("call", "c_call")

    sys.setprofile(count)
    try:
        site_title(generator, config, {})
    finally:
        sys.setprofile(None)
    return calls


@pytest.mark.parametrize(
    ("generator", "made"),
    [
        (
            "docusaurus",
            lambda n: "module.exports = {" + "title: 'Quill', " * n + "url: 'https://q.example'};\n",
        ),
        ("docusaurus", lambda n: "module.exports = " + "{title: 'Quill', a: " * n + "1" + "}" * n + ";\n"),
        ("gatsby", lambda n: "module.exports = {siteMetadata: {" + "aTitle: b, " * n + "}};\n"),
        ("docusaurus", lambda n: "module.exports = {title: 'Quill', a: [" + "(/[" * n + "\n]};\n"),
    ],
)
def test_reading_a_title_costs_in_proportion_to_the_configuration(
    generator: str, made: Callable[[int], str]
) -> None:
    """A configuration is code anyone may write: thousands of ``title:`` keys in one object, or
    objects nested a thousand deep, made init take half a minute on a 33 KB file (each key
    walked its object's entries and its enclosing brackets again); a line of ``/`` that never
    close a regular expression was read to its end once per ``/``. Four times the keys is about
    four times the work, not sixteen."""
    small, large = _events(generator, made(150)), _events(generator, made(600))
    assert large < 6 * small


def test_each_constant_is_looked_up_once_not_per_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """Gatsby's ``siteMetadata: {aTitle: b, ...}`` looked up each key's constant by a scan of
    the whole file; the file's constants are gathered once."""
    looked_up: list[str] = []
    monkeypatch.setattr(codetitle, "constant", lambda name, code: looked_up.append(name) or "")
    config = (
        "const b = 'Quillmark';\nmodule.exports = {siteMetadata: {" + "aTitle: c, " * 50 + "bTitle: b}};\n"
    )
    assert site_title("gatsby", config, {}) == "Quillmark"
    assert len(looked_up) <= 1


@pytest.mark.parametrize(
    ("generator", "config", "title"),
    [
        (
            "docusaurus",
            """module.exports = {\n  title: "Bob's Ledger",\n  url: 'https://b.example',\n};\n""",
            "Bob's Ledger",
        ),
        (
            "docusaurus",
            "module.exports = {\n  title: 'Bob\\'s Ledger',\n  url: 'https://b.example',\n};\n",
            "Bob's Ledger",
        ),
        ("docusaurus", "module.exports = {\n  title: 'Caf\\u00e9 \"Quill\"',\n};\n", 'Café "Quill"'),
        (
            "gatsby",
            """module.exports = {\n  siteMetadata: {\n    title: "Ann's Quill",\n  },\n};\n""",
            "Ann's Quill",
        ),
        (
            "gatsby",
            """const title = "Ann's Quill";\nmodule.exports = { siteMetadata: { title } };\n""",
            "Ann's Quill",
        ),
        (
            "astro",
            'export default defineConfig({\n  integrations: [starlight({ title: `Ann\'s "Docs"` })]\n});\n',
            'Ann\'s "Docs"',
        ),
    ],
)
def test_a_title_is_read_as_javascript_reads_it_quotes_and_escapes_included(
    generator: str, config: str, title: str
) -> None:
    """An apostrophe in a title left it unread (the folder's name taken instead)."""
    assert site_title(generator, config, {}) == title


def test_starlights_options_in_a_constant_are_read() -> None:
    """``starlight(docs)`` after ``const docs = {...}``: the constant holds Starlight's options."""
    options = "const docs = {\n  title: 'Quill Docs',\n};\n"
    config = options + "export default defineConfig({\n  integrations: [starlight(docs)],\n});\n"
    assert site_title("astro", config, {}) == "Quill Docs"


def test_a_typescript_as_const_after_a_title_is_no_part_of_it() -> None:
    typed = "const config: Config = {\n  title: 'Quill' as const,\n  url: 'https://q.example',\n};\n"
    assert site_title("docusaurus", typed, {}) == "Quill"


def test_a_gatsby_subtitle_is_no_title() -> None:
    """A ``...Title`` key is one in camel case (``defaultTitle``): a ``subtitle`` is a tagline."""
    config = "module.exports = {\n  siteMetadata: {\n    subtitle: 'Ledgers made calm',\n  },\n};\n"
    assert site_title("gatsby", config, {}) == ""


def test_docusaurus_template_wrapped_theme_config_is_still_no_site_title() -> None:
    """Docusaurus's own template writes ``themeConfig: /** @type ... */ ({navbar: ...})``: the
    navbar's title is not the site's, wrapped or not."""
    config = (
        "const config = {\n  url: 'https://q.example',\n  themeConfig:\n"
        "    /** @type {import('@docusaurus/preset-classic').ThemeConfig} */\n"
        "    ({\n      navbar: {\n        title: 'Quill Nav',\n      },\n    }),\n};\n"
        "module.exports = config;\n"
    )
    assert site_title("docusaurus", config, {}) == ""


def test_gatsbys_500_page_is_an_error_page_too(tmp_path: Path) -> None:
    """Gatsby builds the page at /500 as 500.html, the page shown for an error while rendering,
    as it builds /404 as 404.html."""
    page = "---\ntitle: {}\n---\nText.\n"
    root = write(
        tmp_path,
        {
            "gatsby-config.js": "module.exports = { siteMetadata: { title: 'Quillmark' } };\n",
            "src/pages/500.mdx": page.format("Something broke"),
            "src/pages/pricing.mdx": page.format("Pricing"),
            "content/pages/oops.md": "---\ntitle: Oops\npath: /500/\n---\nText.\n",
        },
    )
    assert run("init", str(root))[0] == 0
    library = stagemap.load_project(root).library
    assert [a.path for a in library.assets] == ["src/pages/pricing.mdx"]
    fates = {f.path: (f.fate, f.kind) for f in library.fates}
    assert fates["src/pages/500.mdx"] == ("non-asset", "error-page")
    assert fates["content/pages/oops.md"] == ("non-asset", "error-page")
