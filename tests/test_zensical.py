"""Zensical sites (``zensical.toml``: MkDocs' settings in a ``[project]`` table), read as MkDocs
sites: init, the configuration's addresses, titles and ids, and the mapping form of ``plugins``
and ``markdown_extensions`` that Zensical's tables make (and MkDocs accepts too)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import stagemap
from stagemap.read.detect import detect_site
from stagemap.read.mkdocsalerts import alert_syntaxes
from stagemap.read.mkdocsettings import ZENSICAL, markdown_extensions, project_settings
from stagemap.read.mkdocsnav import nav_titles
from tests.conftest import write
from tests.test_init_sites import run

WORKSHOP_TOML = """\
# The handbook of a bicycle workshop
[project]
site_name = "Spoke and Chain"
site_url = "https://spoke.example/manual/"
docs_dir = "pages"
exclude_docs = \"\"\"
rota/
\"\"\"
draft_docs = "ideas/"
nav = [
  { "Start here" = "index.md" },
  { "Wheels" = [
    { "Truing a wheel" = "wheels/truing.md" },
    "wheels/spokes.md",
  ] },
]

[project.markdown_extensions.toc]
permalink = true
slugify = { object = "pymdownx.slugs.slugify", kwds = { case = "lower" } }

[project.markdown_extensions.pymdownx.superfences]

[project.plugins.blog]
post_url_format = "{slug}"
"""
WORKSHOP: dict[str, str | bytes] = {
    "zensical.toml": WORKSHOP_TOML,
    "pages/index.md": "# Welcome to the bench\n",
    "pages/wheels/truing.md": "Spin it and watch the rim.\n",
    "pages/wheels/spokes.md": "# Spokes\n\nCount them twice.\n",
    "pages/blog/index.md": "# News\n",
    "pages/blog/posts/bench.md": "---\ndate: 2025-02-03\n---\n# A second bench\n\nIt opens on Monday.\n",
    "pages/rota/march.md": "# Who opens the shop\n",
    "pages/ideas/lamps.md": "# Brighter lamps\n",
}
"""A Zensical site: its folder, address, nav titles, blog, heading ids and unpublished pages."""


def test_init_reads_a_zensical_site_as_an_mkdocs_site(tmp_path: Path) -> None:
    """The Practical Python community's site (practicalpython.org) is built by Zensical from a
    zensical.toml and docs/ alone: init found no generator there and wrote the settings of a new
    project, and a site read as MkDocs by hand lost its title, address, nav titles and blog routes,
    all in the [project] table."""
    root = write(tmp_path / "workshop", WORKSHOP)
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert (
        out.splitlines()
        == [
            "Wrote " + (root / "stagemap.yml").as_posix() + "; nothing else was written.",
            "Found a Zensical site (zensical.toml), read as a MkDocs site; sources: pages/.",
            "Files under the sources: 7 (.md 7)",
            "Read as assets: 6, 6 of them without stages or questions",
            "Not read as assets: 1 of 7 files, on purpose",
            "  1 non-asset: listing by 'plugins: blog (zensical.toml)'",  # (the page the posts are listed on)
            "Outside the sources, not looked at: zensical.toml",
            "Internal material (audience internal): rota/",
            "Drafts (status draft, as zensical.toml says): ideas/",
            "Next: cd " + root.as_posix() + ", check the sources and excludes in stagemap.yml, then run"
            " 'stagemap report'; 'stagemap suggest' proposes stages and questions for untagged pages.",
        ]
    )
    settings = (root / "stagemap.yml").read_text()
    assert settings.startswith(
        "# stagemap settings for this Zensical site, written by `stagemap init` from what it found\n"
        "# (zensical.toml and the folders beside it)."
    )
    assert "\nname: Spoke and Chain\n" in settings
    assert (
        "# Zensical keeps MkDocs' settings (in zensical.toml's [project]) and its Markdown.\n"
        "generator: mkdocs\n"
        "# zensical.toml makes heading ids the 'uslugify' way: so do the pages, and links are checked so.\n"
        "heading_ids: uslugify\n"
    ) in settings
    assert '  - path: pages\n    url: "/{path}/"\n' in settings
    assert 'audiences:\n  internal: ["rota/"]\n' in settings
    assert "# From zensical.toml's draft_docs: pages it builds only in preview, drafts here.\n" in settings
    assert "urls:\n  base: https://spoke.example/manual/\n" in settings
    library = stagemap.load_project(root).library
    assert [(a.path, a.title, a.url, a.audience) for a in library.assets if a.status != "draft"] == [
        (
            "pages/blog/posts/bench.md",
            "A second bench",
            "https://spoke.example/manual/blog/a-second-bench/",
            "buyer",
        ),
        ("pages/index.md", "Start here", "https://spoke.example/manual/", "buyer"),
        ("pages/rota/march.md", "Who opens the shop", "https://spoke.example/manual/rota/march/", "internal"),
        ("pages/wheels/spokes.md", "Spokes", "https://spoke.example/manual/wheels/spokes/", "buyer"),
        ("pages/wheels/truing.md", "Truing a wheel", "https://spoke.example/manual/wheels/truing/", "buyer"),
    ]
    assert [a.path for a in library.assets if a.status == "draft"] == ["pages/ideas/lamps.md"]


def test_mkdocs_yml_wins_over_zensical_toml_beside_it(tmp_path: Path) -> None:
    """A site moving to Zensical keeps its mkdocs.yml while MkDocs still builds it: that file is
    the one read, as before, whatever zensical.toml says."""
    mkdocs = "site_name: Old Name\nsite_url: https://old.example/\n"
    root = write(tmp_path / "moving", {**WORKSHOP, "mkdocs.yml": mkdocs, "docs/index.md": "# Old\n"})
    code, out, _ = run("init", str(root))
    assert code == 0
    assert out.splitlines()[1] == "Found a MkDocs site (mkdocs.yml); sources: docs/."
    settings = (root / "stagemap.yml").read_text()
    assert "\nname: Old Name\n" in settings and "  base: https://old.example/\n" in settings
    assert "heading_ids" not in settings


def test_zensical_nav_titles_and_problems_point_into_zensical_toml(tmp_path: Path) -> None:
    """Each nav title keeps the line of its entry in zensical.toml (its inline tables, not
    mkdocs.yml's '- Title: path' lines, which gave every title line 1), and a file Zensical
    cannot read is a warning at its line there."""
    data = tomllib.loads(WORKSHOP_TOML)["project"]
    assert nav_titles(data, "site/zensical.toml", WORKSHOP_TOML) == (
        {"site/pages/index.md": ("Start here", 11), "site/pages/wheels/truing.md": ("Truing a wheel", 13)},
        {},
    )
    root = write(tmp_path / "workshop", WORKSHOP)
    assert run("init", str(root))[0] == 0
    broken = WORKSHOP_TOML.replace('{ "Start here" = "index.md" },', '{ "Start here" = "index.md",')
    (root / "zensical.toml").write_text(broken, encoding="utf-8")
    code, _, err = run("-C", str(root), "check")
    assert code == 0
    (line,) = [line for line in err.splitlines() if line.startswith("zensical.toml")]
    # (Python's own words for the error between the two, which differ from one version to the next)
    assert line.startswith(
        "zensical.toml:11:1: warning: cannot read the site's configuration: TOML syntax error: "
    )
    assert line.endswith(
        "(at line 11, column 31) (fix the file: until then what it gives the pages (Jekyll's defaults,"
        " Hugo's cascade) is not applied)"
    )


MAPPED_YAML = """\
site_name: Lamps
site_url: https://lamps.example/
extra:
  version:
    provider: mike
plugins:
  search: {}
  mike:
    canonical_version: stable
  exclude:
    glob: ["*.draft.md"]
  i18n:
    languages:
      - locale: en
        default: true
      - locale: de
"""
MAPPED_TOML = """\
[project]
site_name = "Lamps"
site_url = "https://lamps.example/"

[project.extra.version]
provider = "mike"

[project.plugins.search]

[project.plugins.mike]
canonical_version = "stable"

[project.plugins.exclude]
glob = ["*.draft.md"]

[project.plugins.i18n]
languages = [{ locale = "en", default = true }, { locale = "de" }]
"""


@pytest.mark.parametrize(("name", "text"), [("mkdocs.yml", MAPPED_YAML), ("zensical.toml", MAPPED_TOML)])
def test_plugins_given_as_a_mapping_are_read_as_the_list_is(tmp_path: Path, name: str, text: str) -> None:
    """MkDocs takes ``plugins`` as one mapping of names to options too, and Zensical's
    [project.plugins.x] tables make it so: the mike and exclude plugins were read only from a list
    (the address lacked its version's folder, the files the site leaves out were pages), and a
    zensical.toml not at all (its translations were pages too)."""
    root = write(
        tmp_path,
        {
            name: text,
            "docs/index.en.md": "# Lamps\n",
            "docs/index.de.md": "# Lampen\n",
            "docs/x.draft.md": "",
        },
    )
    site = detect_site(root)
    assert site is not None
    assert (site.generator, site.config_file, site.base_url) == (
        "mkdocs",
        name,
        "https://lamps.example/stable/",
    )
    assert [(s.path, s.exclude) for s in site.sources] == [("docs", ("*.draft.md", "*.de.*"))]
    assert (site.language, site.translations) == ("en", ("docs/**/*.de.*",))


@pytest.mark.parametrize(
    ("slugify", "found"),
    [
        ('{ object = "pymdownx.slugs.slugify", kwds = { case = "lower" } }', "uslugify"),
        ('{ kwds = { case = "lower" } }', "uslugify"),  # pymdownx's slugify when no object is named
        ('{ object = "pymdownx.slugs.slugify", kwds = { case = "fold" } }', "github"),
        ('{ object = "fernhill.slugs.ours", kwds = {} }', "github"),
        ('"pymdownx.slugs.uslugify"', "github"),  # a text is no function to Zensical
    ],
)
def test_init_reads_the_toc_slugify_zensical_names_in_a_table(
    tmp_path: Path, slugify: str, found: str
) -> None:
    """Zensical names the toc extension's slugify as a table of the function and its options,
    not with YAML's !!python tags: its heading ids were taken for MkDocs' own."""
    text = f'[project]\nsite_name = "S"\n\n[project.markdown_extensions.toc]\nslugify = {slugify}\n'
    root = write(tmp_path, {"zensical.toml": text, "docs/a.md": "# A\n"})
    site = detect_site(root)
    assert site is not None and site.heading_ids == found


def test_markdown_extensions_given_as_a_mapping_in_mkdocs_yml_are_read(tmp_path: Path) -> None:
    """The toc extension's options are found in MkDocs' mapping form of markdown_extensions as in
    its list (a guard: the reader took both already; the TOML tables above rely on it)."""
    text = "site_name: S\nmarkdown_extensions:\n  toc:\n    slugify: !!python/name:pymdownx.slugs.uslugify\n"
    root = write(tmp_path, {"mkdocs.yml": text, "docs/a.md": "# A\n"})
    site = detect_site(root)
    assert site is not None and site.heading_ids == "uslugify"


def test_dotted_extension_names_in_zensical_toml_are_read_as_zensical_reads_them() -> None:
    """Seen by a review of the Zensical reading: '[project.markdown_extensions.pymdownx.emoji]'
    is a table 'emoji' in a table 'pymdownx' to TOML, so the emoji extension was not found and
    ':tada:' stayed as written. Zensical reads the extensions of pymdownx and zensical one level
    up (and those of pymdownx.blocks and zensical.extensions one more)."""
    text = (
        '[project]\nsite_name = "S"\n\n[project.markdown_extensions.admonition]\n'
        "[project.markdown_extensions.pymdownx.emoji]\n[project.markdown_extensions.pymdownx.superfences]\n"
        "[project.markdown_extensions.pymdownx.blocks.tab]\nalternate_style = true\n"
        "[project.markdown_extensions.zensical.extensions.preview]\n"
        '[project.markdown_extensions.toc]\nslugify = {object = "pymdownx.slugs.slugify"}\n'
    )
    data = project_settings(ZENSICAL, tomllib.loads(text))
    assert markdown_extensions(data) == {
        "admonition": {},
        "toc": {"slugify": {"object": "pymdownx.slugs.slugify"}},
        "pymdownx.emoji": {},
        "pymdownx.superfences": {},
        "pymdownx.blocks.tab": {"alternate_style": True},
        "zensical.extensions.preview": {},
    }
    assert alert_syntaxes(data) == ("pymdownx.emoji",)
    assert markdown_extensions({"markdown_extensions": ["pymdownx.emoji"]}) == ["pymdownx.emoji"]
