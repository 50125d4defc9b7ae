"""Sources: every file under them gets a fate, with the rule named; folders and names that cannot be read are problems."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import stagemap
from stagemap.analyse.paths import asset_paths
from stagemap.cli.app import cli
from stagemap.errors import ConfigError, Problem
from stagemap.model.library import FileFate, Library
from stagemap.read import assets
from stagemap.read.assets import load_library
from stagemap.read.settings import load_config
from stagemap.read.sources import scan
from tests.conftest import MINIMAL_CONFIG, write

PAGE = "---\ntitle: {title}\nstages: [awareness]\nquestions: [problems]\n---\nBody.\n"


def library(root: Path, settings: str, files: dict[str, str | bytes]) -> Library:
    write(root, {"stagemap.yml": MINIMAL_CONFIG + "cache: false\n" + settings, **files})
    return load_library(load_config(root))


def fates(lib: Library) -> dict[str, tuple[str, str, str]]:
    return {f.path: (f.fate, f.kind, f.rule) for f in lib.fates}


def test_sources_give_every_file_a_fate(tmp_path: Path) -> None:
    settings = """\
generator: hugo
sources:
  - path: site
    exclude: [legal/, "*.tmp.md"]
non_assets:
  listing: [_index.md, "!pricing/_index.md"]
"""
    lib = library(
        tmp_path,
        settings,
        {
            "site/blog/a.md": PAGE.format(title="A"),
            "site/blog/_index.md": "---\ntitle: Blog\n---\n",
            "site/pricing/_index.md": PAGE.format(title="Plans"),
            "site/legal/terms.md": PAGE.format(title="Terms"),
            "site/blog/b.tmp.md": PAGE.format(title="B"),
            "site/img/x.png": b"\x89PNG",
            "site/snippets/cta.md": "Sign up today.\n",
            "site/snippets/index.md": "---\nheadless: true\n---\n",
            "site/about.md": "Note: we fix vans.\n\n# About us\n",
            "site/blog/broken.md": "---\ntitle: [oops\n---\n",
            "site/.git/config": "x",
        },
    )
    assert fates(lib) == {
        "site/blog/_index.md": ("non-asset", "listing", "_index.md"),
        "site/blog/a.md": ("asset", "", ""),
        "site/blog/b.tmp.md": ("excluded", "", "*.tmp.md"),
        "site/blog/broken.md": ("problem", "", "yaml"),
        "site/img/x.png": ("non-asset", "not content", "extensions"),
        "site/legal/terms.md": ("excluded", "", "legal/"),
        "site/pricing/_index.md": ("asset", "", ""),
        "site/snippets/cta.md": ("non-asset", "resource", "leaf bundle"),
        "site/snippets/index.md": ("non-asset", "unpublished", "headless: true"),
        "site/about.md": ("asset", "", ""),
    }
    assert [(a.id, a.title) for a in lib.assets] == [
        ("about", "About us"),
        ("blog/a", "A"),
        ("pricing/_index", "Plans"),
    ]
    assert [p.path for p in lib.problems] == ["site/blog/broken.md"]


def test_sources_content_setting_is_one_source_reading_md_only(tmp_path: Path) -> None:
    lib = library(
        tmp_path,
        "",
        {
            "content/a.md": PAGE.format(title="A"),
            "content/b.mdx": PAGE.format(title="B"),
            "content/c.png": b"x",
        },
    )
    assert [a.path for a in lib.assets] == ["content/a.md"]
    assert fates(lib)["content/b.mdx"] == ("non-asset", "not content", "extensions")


def test_sources_extensions_setting_reads_mdx_and_mmark(tmp_path: Path) -> None:
    lib = library(
        tmp_path,
        "extensions: [.md, mdx, .MMARK]\n",
        {
            "content/a.md": PAGE.format(title="A"),
            "content/b.mdx": PAGE.format(title="B"),
            "content/c.mmark": PAGE.format(title="C"),
        },
    )
    assert [a.id for a in lib.assets] == ["a", "b", "c"]


def test_sources_include_leaves_out_what_it_does_not_name(tmp_path: Path) -> None:
    settings = "sources:\n  - path: .\n    include: [docs/**/*.md]\n"
    lib = library(tmp_path, settings, {"docs/a.md": PAGE.format(title="A"), "README.md": "# Read me\n"})
    assert fates(lib)["README.md"] == ("excluded", "", "include")
    assert fates(lib)["stagemap.yml"] == ("excluded", "", "include")
    assert [a.id for a in lib.assets] == ["docs/a"]


def test_sources_several_folders_and_audiences(tmp_path: Path) -> None:
    settings = """\
sources:
  - content
  - path: handbook
    audience: internal
audiences:
  internal: [sales/]
"""
    lib = library(
        tmp_path,
        settings,
        {
            "content/a.md": PAGE.format(title="A"),
            "content/sales/script.md": PAGE.format(title="Script"),
            "content/b.md": PAGE.format(title="B").replace("title: B", "title: B\naudience: internal"),
            "handbook/process.md": PAGE.format(title="Process"),
        },
    )
    assert {a.path: a.audience for a in lib.assets} == {
        "content/a.md": "buyer",
        "content/b.md": "internal",
        "content/sales/script.md": "internal",
        "handbook/process.md": "internal",
    }


def test_sources_unknown_audience_is_a_problem_at_the_field(tmp_path: Path) -> None:
    lib = library(
        tmp_path,
        "",
        {"content/a.md": PAGE.format(title="A").replace("title: A", "title: A\naudience: staff")},
    )
    assert [p.format() for p in lib.problems] == [
        "content/a.md:3:11: error: unknown audience 'staff' (valid: buyer, internal)"
    ]


def test_a_sites_own_audience_key_is_passed_over(tmp_path: Path) -> None:
    """Knative's docs say 'audience: developer' on 230 pages: each was an error right after init.
    On a site a value none of stagemap's is the site's own; in stagemap's own format, an error."""
    root = tmp_path / "site"
    write(
        root,
        {
            "mkdocs.yml": "site_name: F\nsite_url: https://example.org/\n",
            "docs/roses.md": "---\naudience: gardener\n---\n# Pruning roses\n",
            "docs/plan.md": "---\naudience: internal\n---\n# Our plan\n",
        },
    )
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    library = stagemap.load_project(root).library
    assert library.problems == ()
    assert {a.path: a.audience for a in library.assets} == {
        "docs/plan.md": "internal",
        "docs/roses.md": "buyer",
    }


def test_sources_urls_from_pattern_slug_and_field(tmp_path: Path) -> None:
    settings = """\
urls:
  base: https://www.example.com/
  pattern: /{dir}/{slug}/
"""
    lib = library(
        tmp_path,
        settings,
        {
            "content/blog/a.md": PAGE.format(title="A"),
            "content/blog/b.md": PAGE.format(title="B").replace("title: B", "title: B\nslug: bee"),
            "content/faq.md": PAGE.format(title="F").replace("title: F", "title: F\nurl: /help/faq/"),
            "content/customers/oak/index.md": PAGE.format(title="Oak"),
            "content/x.md": PAGE.format(title="X").replace(
                "title: X", "title: X\nurl: https://other.example/x"
            ),
        },
    )
    assert {a.id: a.url for a in lib.assets} == {
        "blog/a": "https://www.example.com/blog/a/",
        "blog/b": "https://www.example.com/blog/bee/",
        "customers/oak/index": "https://www.example.com/customers/oak/",
        "faq": "https://www.example.com/help/faq/",
        "x": "https://other.example/x",
    }


def test_sources_without_urls_assets_have_no_address(tmp_path: Path) -> None:
    lib = library(tmp_path, "", {"content/a.md": PAGE.format(title="A")})
    assert lib.assets[0].url == ""


def test_sources_unreadable_folder_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"content/a.md": PAGE.format(title="A"), "content/locked/b.md": PAGE.format(title="B")})
    scandir = os.scandir

    def refuse(path: str) -> object:  # as chmod 0 does, for anyone but root
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    lib = library(tmp_path, "", {})
    assert [p.format() for p in lib.problems] == [
        "content/locked: error: cannot read folder (check its permissions; nothing in it was read)"
    ]
    assert fates(lib)["content/locked"] == ("problem", "", "unreadable-folder")


def test_sources_name_that_is_not_utf8_is_a_problem(tmp_path: Path) -> None:
    write(tmp_path, {"content/a.md": PAGE.format(title="A")})
    bad = os.fsencode(tmp_path / "content") + b"/caf\xe9.md"
    try:
        with open(bad, "wb") as handle:
            handle.write(PAGE.format(title="B").encode())
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    lib = library(tmp_path, "", {})
    assert [p.format() for p in lib.problems] == [
        "content/caf\\xe9.md: error: name is not valid UTF-8 (rename it; stagemap reads only UTF-8 names)"
    ]
    assert [a.id for a in lib.assets] == ["a"]


def test_sources_long_id_is_a_problem_at_the_file(tmp_path: Path) -> None:
    long_id = "a" * 130
    lib = library(
        tmp_path, "", {"content/x.md": PAGE.format(title="X").replace("title: X", f"title: X\nid: {long_id}")}
    )
    assert [p.format() for p in lib.problems] == [
        "content/x.md:3:5: error: id is too long: at most 200 characters, and 120 bytes between slashes (give it a shorter 'id', or leave it out to use the file's path)"
    ]


def test_sources_long_path_id_is_kept_and_its_page_named_short(tmp_path: Path) -> None:
    """A blog's page bundle named after a long post title (over 120 bytes) is an asset: the file
    system named it, and its page on the site gets a short file name of its own."""
    name = "2021-03-04-what-we-learned-moving-every-van-of-a-forty-engineer-plumbing-firm-off-the-whiteboard-and-onto-a-shared-online-diary"
    assert len(name) > 120
    lib = library(tmp_path, "", {f"content/posts/{name}/index.md": PAGE.format(title="X")})
    assert lib.problems == ()
    assert [a.id for a in lib.assets] == [f"posts/{name}/index"]
    (page,) = asset_paths([lib.assets[0].id]).values()
    assert page.startswith("assets/posts/") and len(page) < 120


def test_sources_content_file_over_the_size_cap_is_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("stagemap.read.assets.MAX_CONTENT", 100)
    lib = library(tmp_path, "", {"content/big.md": PAGE.format(title="X" * 200)})
    assert [p.format() for p in lib.problems] == [
        "content/big.md: error: file is larger than 0 MiB (split it, or exclude it with a glob)"
    ]


def test_sources_settings_errors_are_reported_at_their_line(tmp_path: Path) -> None:
    settings = """\
generator: hugoo
sources:
  - path: missing
    exclude: [""]
    audience: staff
    colour: red
urls:
  base: www.example.com
  pattern: /{page}/
"""
    write(tmp_path, {"stagemap.yml": MINIMAL_CONFIG + settings})
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert str(info.value).splitlines()[1:] == [
        "stagemap.yml:10:12: error: unknown generator 'hugoo' (did you mean 'hugo'?)",
        "stagemap.yml:12:11: error: source folder 'missing' does not exist (create it or correct the path)",
        'stagemap.yml:13:14: error: \'exclude\' must be a list of text (e.g. exclude: ["drafts/", "*.tmp.md"])',
        "stagemap.yml:14:15: error: unknown audience 'staff' (valid: buyer, internal)",
        "stagemap.yml:15:5: error: unknown source setting 'colour' (valid: path, include, exclude, audience, url, id)",
        "stagemap.yml:17:9: error: 'base' must be an http(s) address, or the path alone the site is served"
        " under (e.g. base: https://example.com/, or base: /docs/)",
        "stagemap.yml:18:12: error: URL pattern '/{page}/' cannot be filled in: 'page' (use {path}, {dir}, {name}, {slug}, {section}, {year}, {month}, {day}, {date}, {file}, {doc}, {categories}, {entry}, {post})",
    ]


def test_a_bad_mdx_setting_stops_the_command_with_its_line_and_an_example(tmp_path: Path) -> None:
    """The mdx setting (which endings are MDX) is checked as every list of endings is."""
    write(
        tmp_path,
        {
            "stagemap.yml": MINIMAL_CONFIG + "generator: gatsby\nmdx: 5\nsources: [content]\n",
            "content/a.md": "",
        },
    )
    result = CliRunner().invoke(cli, ["-C", str(tmp_path), "check"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: invalid settings:\nstagemap.yml:11:6: error: 'mdx' must be a list of text (e.g. mdx: [.mdx, .md])\n"
    )
    write(
        tmp_path,
        {"stagemap.yml": MINIMAL_CONFIG + "generator: gatsby\nmdx: [MD, .mdx]\nsources: [content]\n"},
    )
    assert load_config(tmp_path).rules.mdx == (".md", ".mdx")  # lower case, with the dot


def test_sources_and_content_together_are_refused(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"stagemap.yml": MINIMAL_CONFIG + "content: content\nsources: [content]\n", "content/a.md": ""},
    )
    with pytest.raises(ConfigError, match="set 'content' or 'sources', not both"):
        load_config(tmp_path)


def test_settings_file_that_is_a_folder_says_so(tmp_path: Path) -> None:
    (tmp_path / "stagemap.yml").mkdir()
    with pytest.raises(ConfigError, match="is a folder; the settings must be a file of that name"):
        load_config(tmp_path)


def test_settings_file_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    write(tmp_path, {"stagemap.yml": MINIMAL_CONFIG + "# " + "x" * (1024 * 1024) + "\n"})
    with pytest.raises(ConfigError, match=r"stagemap\.yml is larger than 1024 KiB"):
        load_config(tmp_path)


def test_sources_fates_are_frozen_and_listed_with_the_library(tmp_path: Path) -> None:
    lib = library(tmp_path, "", {"content/a.md": PAGE.format(title="A"), "content/n.txt": "x"})
    assert lib.not_read() == (
        FileFate(
            "content/n.txt", "non-asset", "not content", "extensions", "not a content file by its ending"
        ),
    )


def test_model_file_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"stagemap.yml": "model: big.yml\n", "content/a.md": "", "big.yml": "# " + "x" * (1024 * 1024)},
    )
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert "stagemap.yml:1:8: error: model file 'big.yml' is too large (at most 1024 KiB)" in str(info.value)


def test_sources_drafts_by_place_unless_the_file_sets_a_status(tmp_path: Path) -> None:
    lib = library(
        tmp_path,
        "drafts: [wip/]\n",
        {
            "content/wip/a.md": PAGE.format(title="A"),
            "content/wip/b.md": PAGE.format(title="B").replace("title: B", "title: B\nstatus: review"),
            "content/c.md": PAGE.format(title="C"),
        },
    )
    assert {a.id: a.status for a in lib.assets} == {"c": "published", "wip/a": "draft", "wip/b": "review"}


def test_sources_long_id_builds_no_asset(tmp_path: Path) -> None:
    """A page named after it could not be written: the file is a problem, and the build goes on."""
    lib = library(
        tmp_path,
        "",
        {"content/x.md": PAGE.format(title="X").replace("title: X", f"title: X\nid: {'a' * 201}")},
    )
    assert lib.assets == ()
    assert [(f.path, f.fate, f.rule) for f in lib.fates] == [("content/x.md", "problem", "long-id")]


def test_read_content_reads_past_a_size_that_grew(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "grown.md"
    path.write_bytes(b"x" * 50)
    real = os.fstat
    monkeypatch.setattr(assets.os, "fstat", lambda fd: os.stat_result((*real(fd)[:6], 10, *real(fd)[7:])))
    assert assets.read_content(str(path), "grown.md") == b"x" * 50
    monkeypatch.setattr(assets, "MAX_CONTENT", 20)
    found = assets.read_content(str(path), "grown.md")
    assert isinstance(found, Problem) and found.code == "too-large"


def test_read_content_reads_on_after_a_short_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A read may give fewer bytes than asked (a network or FUSE mount): the page is read whole,
    and one over the cap is still too large, never cut off."""
    path = tmp_path / "long.md"
    path.write_bytes(b"y" * 20_005)
    real = os.read
    monkeypatch.setattr(assets.os, "read", lambda fd, n: real(fd, min(n, 4096)))
    assert assets.read_content(str(path), "long.md") == b"y" * 20_005
    monkeypatch.setattr(assets, "MAX_CONTENT", 10_000)
    found = assets.read_content(str(path), "long.md")
    assert isinstance(found, Problem) and found.code == "too-large"


def test_sources_a_second_scan_of_the_same_files_and_rules_is_the_first(tmp_path: Path) -> None:
    """The preview scans after every save: the same files and rules give the kept fates; any change, new ones."""
    write(
        tmp_path,
        {
            "stagemap.yml": MINIMAL_CONFIG + "cache: false\n",
            "content/a.md": PAGE.format(title="A"),
            "content/b.md": PAGE.format(title="B"),
        },
    )
    first = scan(load_config(tmp_path))
    assert scan(load_config(tmp_path)) is first  # settings read again, equal: the same answer
    assert [r.rel for r in first.to_read] == ["content/a.md", "content/b.md"]
    write(tmp_path, {"content/c.txt": "notes"})
    added = scan(load_config(tmp_path))
    assert [f.path for f in added.fates] == ["content/c.txt"] and added.to_read == first.to_read
    # A rule alone (the files and sources as they were) gives new fates too.
    write(tmp_path, {"stagemap.yml": MINIMAL_CONFIG + "cache: false\nnon_assets:\n  partial: [b.md]\n"})
    ruled = scan(load_config(tmp_path))
    assert [r.rel for r in ruled.to_read] == ["content/a.md"]
    assert [(f.path, f.kind) for f in ruled.fates] == [
        ("content/b.md", "partial"),
        ("content/c.txt", "not content"),
    ]
    write(
        tmp_path,
        {"stagemap.yml": MINIMAL_CONFIG + "cache: false\nsources:\n  - path: content\n    exclude: [b.md]\n"},
    )
    excluded = scan(load_config(tmp_path))
    assert [r.rel for r in excluded.to_read] == ["content/a.md"]
    assert [(f.path, f.rule) for f in excluded.fates] == [
        ("content/b.md", "b.md"),
        ("content/c.txt", "extensions"),
    ]
    (tmp_path / "content/c.txt").unlink()
    os.mkfifo(tmp_path / "content/c.txt")
    assert [(f.path, f.fate, f.kind) for f in scan(load_config(tmp_path)).fates] == [
        ("content/b.md", "excluded", ""),
        ("content/c.txt", "non-asset", "special"),
    ]


def test_sources_id_prefix_parts_files_of_the_same_name(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "docs/intro.md": PAGE.format(title="Docs"),
        "blog/intro.md": PAGE.format(title="Post"),
    }
    same = library(tmp_path / "same", "generator: docusaurus\nsources: [docs, blog]\n", files)
    assert [a.path for a in same.assets] == ["blog/intro.md"]
    assert [(p.path, p.message, p.hint) for p in same.problems] == [
        (
            "docs/intro.md",
            "duplicate asset id 'intro'",
            "also used by blog/intro.md; files of the same name in two sources: give one source an "
            "'id' prefix, e.g. {path: blog, id: blog/}",
        )
    ]
    parted = library(
        tmp_path / "parted", "generator: docusaurus\nsources: [docs, {path: blog, id: blog/}]\n", files
    )
    assert [(a.id, a.path) for a in parted.assets] == [
        ("blog/intro", "blog/intro.md"),
        ("intro", "docs/intro.md"),
    ]
    assert parted.problems == ()


@pytest.mark.parametrize("value", ["", "two words/", "/blog/", "../x/", "[a]"])
def test_sources_id_prefix_must_be_text_without_spaces(tmp_path: Path, value: str) -> None:
    write(
        tmp_path,
        {
            "stagemap.yml": MINIMAL_CONFIG
            + f"sources: [{{path: content, id: {json.dumps(value) if value != '[a]' else value}}}]\n",
            "content/a.md": PAGE.format(title="A"),
        },
    )
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert (
        "a source's 'id' must be text without spaces, put in front of its files' ids (e.g. id: blog/)"
        in str(caught.value)
    )


def test_sources_id_prefix_error_is_a_settings_error_at_its_place(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "stagemap.yml": MINIMAL_CONFIG + 'sources:\n  - {path: content, id: "two words/"}\n',
            "content/a.md": PAGE.format(title="A"),
        },
    )
    result = CliRunner().invoke(cli, ["-C", str(tmp_path), "check"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: invalid settings:\nstagemap.yml:11:25: error: a source's 'id' must be text without "
        "spaces, put in front of its files' ids (e.g. id: blog/)\n"
    )


def test_an_mkdocs_readme_beside_an_index_is_left_out_as_mkdocs_does(tmp_path: Path) -> None:
    """MkDocs makes a folder's page of its index.md and drops a README.md beside it (with a warning);
    a README.md alone is the folder's page, and the rule is MkDocs' own."""
    page = "# {title}\n\nSome words.\n"
    settings = "generator: mkdocs\nsources:\n  - path: docs\n"
    files = {
        "docs/README.md": page.format(title="Home"),
        "docs/guide/README.md": page.format(title="Guide, old"),
        "docs/guide/index.md": page.format(title="Guide"),
        "docs/guide/readme.md": page.format(title="Lower case"),
        "docs/setup/README.md": page.format(title="Setup"),
    }
    lib = library(tmp_path, settings, files)
    assert sorted(a.path for a in lib.assets) == [
        "docs/README.md",
        "docs/guide/index.md",
        "docs/guide/readme.md",
        "docs/setup/README.md",
    ]
    assert fates(lib)["docs/guide/README.md"] == ("non-asset", "unpublished", "README.md")
