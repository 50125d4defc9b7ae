"""Heading ids as the site's Markdown makes them (the ``heading_ids`` setting), and links to
headings matched exactly where that way is known (`stagemap.render.headingids`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.errors import ConfigError
from stagemap.read.detect import detect_site
from stagemap.read.settings import load_config
from stagemap.render import headingids, markdown
from tests.conftest import QUIET_CONFIG, write

TEXTS = (
    "--fast-list",
    "-c, --checksum",
    "Use `--fast` to skip checks",
    "snake_case name",
    "What's new?",
    "1.2.3 release",
    "Café crème",
    "設定",
    "Ⅻ ½ ²",
)


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def parts(root: Path) -> list[str]:
    """The dead-part warnings of ``check --links``, without their hint."""
    err = run(root, "check", "--links")[2]
    return [line.split(" (")[0] for line in err.splitlines() if "finds no heading" in line]


@pytest.mark.parametrize(
    ("way", "ids"),
    [
        # As Hugo 0.111.3 made them, autoHeadingIDType "blackfriday" and "github-ascii".
        (
            "blackfriday",
            ["fast-list", "c-checksum", "use-fast-to-skip-checks", "snake-case-name", "what-s-new",
             "1-2-3-release", "café-crème", "設定", "ⅻ-½-²"],
        ),
        (
            "github-ascii",
            ["--fast-list", "-c---checksum", "use---fast-to-skip-checks", "snake_case-name", "whats-new",
             "123-release", "cafe-creme", "heading", "--"],
        ),
        # As Python-Markdown 3.11's toc extension made them, with its two slugify functions and
        # pymdown-extensions' slugify(case="lower") (uslugify's way).
        (
            "toc",
            ["-fast-list", "-c-checksum", "use-fast-to-skip-checks", "snake_case-name", "whats-new",
             "123-release", "cafe-creme", "", "xii-12-2"],
        ),
        (
            "toc-unicode",
            ["-fast-list", "-c-checksum", "use-fast-to-skip-checks", "snake_case-name", "whats-new",
             "123-release", "café-crème", "設定", "ⅻ-½-²"],
        ),
        (
            "uslugify",
            ["--fast-list", "-c---checksum", "use---fast-to-skip-checks", "snake_case-name", "whats-new",
             "123-release", "café-crème", "設定", "ⅻ-½-²"],
        ),
    ],
)  # fmt: skip
def test_each_way_makes_ids_as_its_generator_does(way: str, ids: list[str]) -> None:
    slugs = headingids.SCHEMES[way]
    assert [slugs(text) for text in TEXTS] == ids


@pytest.mark.parametrize("renderer", ["compiled", "python"])
def test_repeated_and_empty_ids_are_numbered_as_the_generator_numbers_them(
    renderer: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STAGEMAP_MARKDOWN", renderer)
    text = "## Install\n\n## Install\n\n## Install_1\n\n## 設定\n\n## 設定\n\n## Déjà vu\n"
    ids = {
        way: [h.id for h in markdown.render(text, slugs=headingids.SCHEMES[way]).headings]
        for way in ("toc", "blackfriday")
    }
    # Python-Markdown: _1, _2 after the name (a name ending _1 counts on from it); nothing left is _1.
    assert ids["toc"] == ["h-install", "h-install_1", "h-install_2", "h-_1", "h-_2", "h-deja-vu"]
    assert ids["blackfriday"] == [
        "h-install",
        "h-install-1",
        "h-install-1-1",  # Hugo 0.111.3 too: _ parts words, and install-1 is taken
        "h-設定",
        "h-設定-1",
        "h-déjà-vu",
    ]


def test_hugo_blackfriday_ids_are_the_sites_and_links_to_them_are_matched_exactly(tmp_path: Path) -> None:
    """rclone's docs (Hugo, autoHeadingIDType: blackfriday): '## --fast-list' is #fast-list and
    '## -c, --checksum' #c-checksum there; stagemap made GitHub's ids (h---fast-list), so 86
    links between its pages reached no heading on the built site, and check --links matched
    fragments by their letters, passing '#--rc-no-auth', which is broken on the live site."""
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: hugo\nsources: [content]\nheading_ids: blackfriday\n",
        "content/flags.md": (
            "---\ntitle: Flags\n---\n## --fast-list\n\n## -c, --checksum\n\n## --rc-no-auth\n\n"
            "See [the list](#fast-list), not [this](#--fast-list).\n"
        ),
        "content/guide.md": (
            "---\ntitle: Guide\n---\n[l](flags.md#fast-list) [c](flags.md#c-checksum) "
            "[r](flags.md#--rc-no-auth) [a](flags.md#rc-no-auth)\n"
        ),
    }
    root = write(tmp_path, files)
    assert parts(root) == [
        "content/flags.md:10:40: warning: link to '#--fast-list' finds no heading '--fast-list' on this page",
        "content/guide.md:4:54: warning: link to 'flags.md#--rc-no-auth' finds no heading '--rc-no-auth' on 'Flags'",
    ]
    assert run(root, "build", "--as-of", "2026-11-24")[0] == 0
    page = (root / "site/assets/flags.html").read_text()
    assert '<h2 id="h-fast-list">--fast-list</h2>' in page
    assert '<h2 id="h-c-checksum">-c, --checksum</h2>' in page
    assert '<a href="#h-fast-list">the list</a>, not <a href="#h---fast-list">this</a>' in page
    guide = (root / "site/assets/guide.html").read_text()
    assert '<a href="flags.html#h-fast-list">l</a> <a href="flags.html#h-c-checksum">c</a>' in guide


def test_mkdocs_links_to_headings_are_matched_as_its_toc_extension_names_them(tmp_path: Path) -> None:
    """MkDocs' pages get their ids from Python-Markdown's toc extension; stagemap matched links by
    letters and digits, so a GitHub-style '#use---fast-to-skip-checks' (broken on the live
    site) passed and '#_1', the live id of '## 設定', was reported. With pymdownx's uslugify
    (a site's toc: slugify setting) letters beyond ASCII stay."""
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: mkdocs\nsources: [docs]\n",
        "mkdocs.yml": "site_name: M\n",
        "docs/a.md": "# A\n\n## Use `--fast` to skip checks\n\n## 設定\n\n## Café crème\n",
        "docs/b.md": (
            "# B\n\n[u](a.md#use-fast-to-skip-checks) [s](a.md#_1) [c](a.md#cafe-creme)\n\n"
            "[g](a.md#use---fast-to-skip-checks) [k](a.md#設定)\n"
        ),
    }
    root = write(tmp_path, files)
    assert parts(root) == [
        "docs/b.md:5:5: warning: link to 'a.md#use---fast-to-skip-checks' finds no heading"
        " 'use---fast-to-skip-checks' on 'A'",
        "docs/b.md:5:41: warning: link to 'a.md#設定' finds no heading '設定' on 'A'",
    ]
    write(
        root, {"stagemap.yml": QUIET_CONFIG + "generator: mkdocs\nsources: [docs]\nheading_ids: uslugify\n"}
    )
    assert parts(root) == [
        "docs/b.md:3:5: warning: link to 'a.md#use-fast-to-skip-checks' finds no heading"
        " 'use-fast-to-skip-checks' on 'A'",
        "docs/b.md:3:39: warning: link to 'a.md#_1' finds no heading '_1' on 'A'",
        "docs/b.md:3:52: warning: link to 'a.md#cafe-creme' finds no heading 'cafe-creme' on 'A'",
    ]


def test_heading_ids_must_be_a_known_way_on_a_site_read_with_its_generator(tmp_path: Path) -> None:
    write(
        tmp_path / "a",
        {"stagemap.yml": QUIET_CONFIG + "generator: hugo\nheading_ids: blackfryday\n", "content/x.md": ""},
    )
    with pytest.raises(ConfigError) as wrong:
        load_config(tmp_path / "a")
    assert (
        "stagemap.yml:12:14: error: unknown heading_ids 'blackfryday' (did you mean 'blackfriday'?)"
        in str(wrong.value)
    )
    write(tmp_path / "b", {"stagemap.yml": QUIET_CONFIG + "heading_ids: toc\n", "content/x.md": ""})
    with pytest.raises(ConfigError) as alone:
        load_config(tmp_path / "b")
    assert "error: 'heading_ids' needs a 'generator'" in str(alone.value)
    write(
        tmp_path / "c",
        {"stagemap.yml": QUIET_CONFIG + "generator: mkdocs\nsources: [content]\n", "content/x.md": ""},
    )
    assert load_config(tmp_path / "c").heading_ids == "toc"
    write(tmp_path / "d", {"stagemap.yml": QUIET_CONFIG + "generator: hugo\n", "content/x.md": ""})
    assert load_config(tmp_path / "d").heading_ids == "github"
    write(tmp_path / "e", {"stagemap.yml": QUIET_CONFIG, "content/x.md": ""})
    assert load_config(tmp_path / "e").heading_ids == ""


MKDOCS_TOC = (
    "site_name: M\nmarkdown_extensions:\n  - attr_list\n  - toc:\n      permalink: true\n      slugify: {}\n"
)


@pytest.mark.parametrize(
    ("config", "text", "found"),
    [
        ("config.json", '{"markup": {"goldmark": {"parser": {"autoHeadingIDType": "blackfriday"}}}}', "blackfriday"),
        ("hugo.toml", "[markup.goldmark.parser]\nautoheadingidtype = 'github-ascii'\n", "github-ascii"),
        ("hugo.toml", "[markup.goldmark.parser]\nautoHeadingIDType = 'github'\n", ""),
        ("mkdocs.yml", MKDOCS_TOC.format("!!python/name:pymdownx.slugs.uslugify"), "uslugify"),
        ("mkdocs.yml", MKDOCS_TOC.format("!!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}"), "uslugify"),
        ("mkdocs.yml", MKDOCS_TOC.format("!!python/object/apply:pymdownx.slugs.slugify {kwds: {case: fold}}"), "github"),
        ("mkdocs.yml", MKDOCS_TOC.format("!!python/name:markdown.extensions.toc.slugify_unicode"), "toc-unicode"),
        ("mkdocs.yml", MKDOCS_TOC.format("!!python/name:markdown.extensions.toc.slugify"), ""),
        ("mkdocs.yml", MKDOCS_TOC.format("!!python/name:fernhill.slugs.ours"), "github"),
        ("mkdocs.yml", "site_name: M\nmarkdown_extensions: [toc, admonition]\n", ""),
    ],
)  # fmt: skip
def test_init_reads_how_the_sites_configuration_makes_heading_ids(
    tmp_path: Path, config: str, text: str, found: str
) -> None:
    folder = "docs" if config == "mkdocs.yml" else "content"
    root = write(tmp_path, {config: text, f"{folder}/a.md": "# A\n"})
    site = detect_site(root)
    assert site is not None and site.heading_ids == found


def test_init_writes_the_heading_ids_the_site_chose(tmp_path: Path) -> None:
    files = {
        "config.json": '{"baseurl": "https://example.org", "markup": {"goldmark": {"parser": {"autoHeadingIDType": "blackfriday"}}}}',
        "content/a.md": "---\ntitle: A\n---\n## --fast-list\n",
        "content/b.md": "---\ntitle: B\n---\n[l](a.md#fast-list)\n",
    }
    root = write(tmp_path, files)
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    text = (root / "stagemap.yml").read_text()
    assert (
        "generator: hugo\n"
        "# config.json makes heading ids the 'blackfriday' way: so do the pages, and links are checked so.\n"
        "heading_ids: blackfriday\n"
    ) in text
    assert parts(root) == []
