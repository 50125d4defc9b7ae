"""A site configured in code (Gatsby, Docusaurus, Astro) keeps its title in one place, among
many other ``title:`` keys: a feed plugin's, a GraphQL query's, a blog author's. And Gatsby's
``src/pages/404.*`` is the page it builds for an address with none, not one to send."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import stagemap
from stagemap.cli.app import cli
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
    assert code == 0 and "1 non-asset: error-page by '/404.*'\n" in out
    library = stagemap.load_project(root).library
    assert sorted(a.path for a in library.assets) == ["src/pages/errors/404.md", "src/pages/pricing.mdx"]
    fates = {f.path: (f.fate, f.kind) for f in library.fates}
    assert fates["src/pages/404.mdx"] == ("non-asset", "error-page")
    assert fates["content/pages/missing.md"] == ("non-asset", "error-page")
