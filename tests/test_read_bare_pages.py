"""Pages without front matter on sites that publish them, and Hugo's bundles: what is a page."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from stagemap.cli.app import cli
from stagemap.edit.changes import AddItems
from stagemap.edit.lossless import edit_front_matter
from stagemap.model.library import Library, Vocabulary
from stagemap.read.assets import load_library, parse_asset
from stagemap.read.bare import name_title
from stagemap.read.project import read_project
from stagemap.read.settings import config_from_data, load_config
from stagemap.write.cache import save_parse_cache
from tests.conftest import MINIMAL_CONFIG, write

PAGE = "---\ntitle: Tagged\nstages: [awareness]\nquestions: [problems]\n---\nBody.\n"


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def site(root: Path, settings: str, files: dict[str, str | bytes]) -> Path:
    return write(root, {"stagemap.yml": MINIMAL_CONFIG + settings, **files})


def library(root: Path) -> Library:
    return load_library(load_config(root))


def fates(lib: Library) -> dict[str, tuple[str, str]]:
    return {f.path: (f.fate, f.reason) for f in lib.fates}


@pytest.mark.parametrize("generator", ["hugo", "docusaurus", "mkdocs"])
def test_bare_pages_are_untagged_assets_titled_by_heading_else_name(tmp_path: Path, generator: str) -> None:
    root = site(
        tmp_path,
        f"cache: false\ngenerator: {generator}\nsources: [docs]\n",
        {
            "docs/getting-started.md": "Some words first.\n\n# Start in ten minutes\n\nText.\n",
            "docs/how_we_price.md": "No heading here.\n",
            "docs/setup/index.md": "Steps.\n",
            "docs/tagged.md": PAGE,
        },
    )
    lib = library(root)
    assert [(a.path, a.title, a.stages, a.questions) for a in lib.assets] == [
        ("docs/getting-started.md", "Start in ten minutes", (), ()),
        ("docs/how_we_price.md", "How we price", (), ()),
        ("docs/setup/index.md", "Setup", (), ()),
        ("docs/tagged.md", "Tagged", ("awareness",), ("problems",)),
    ]
    assert lib.by_id["getting-started"].body == "Some words first.\n\n# Start in ten minutes\n\nText.\n"
    assert lib.problems == ()


@pytest.mark.parametrize("generator", ["jekyll", "gatsby", "astro"])
def test_bare_files_are_non_assets_where_the_site_needs_front_matter(tmp_path: Path, generator: str) -> None:
    root = site(
        tmp_path, f"cache: false\ngenerator: {generator}\nsources: [docs]\n", {"docs/a.md": "Text.\n"}
    )
    assert fates(library(root)) == {"docs/a.md": ("non-asset", "no front matter")}


def test_bare_pages_setting_turns_them_off_and_on(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"docs/a.md": "# A\n", "docs/b.md": "Text.\n"}
    off = site(tmp_path / "off", "cache: false\ngenerator: mkdocs\npages_without_front_matter: false\n", {})
    write(off, {"stagemap.yml": (off / "stagemap.yml").read_text() + "sources: [docs]\n", **files})
    assert [f.fate for f in library(off).fates] == ["non-asset", "non-asset"]
    on = site(
        tmp_path / "on",
        "cache: false\ngenerator: jekyll\npages_without_front_matter: true\nsources: [docs]\n",
        files,
    )
    assert [a.title for a in library(on).assets] == ["A", "B"]


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            "pages_without_front_matter: yes please\ngenerator: hugo\n",
            "Error: invalid settings:\nstagemap.yml:10:29: error: 'pages_without_front_matter' must be true or false "
            "(e.g. pages_without_front_matter: true)\n",
        ),
        (
            "pages_without_front_matter: true\n",
            "Error: invalid settings:\nstagemap.yml:10:29: error: 'pages_without_front_matter' needs a 'generator' "
            "(set 'generator' to your site's, or give each file front matter)\n",
        ),
    ],
)
def test_bare_pages_setting_errors_say_where_and_how(tmp_path: Path, settings: str, message: str) -> None:
    root = site(tmp_path, settings, {"content/a.md": PAGE})
    assert run(root, "check") == (2, "", message)


def test_bare_pages_are_tagged_by_rules(tmp_path: Path) -> None:
    rules = "rules:\n  - match: {path: pricing/}\n    set: {stages: [evaluation], questions: [risk]}\n"
    root = site(
        tmp_path,
        "cache: false\ngenerator: mkdocs\nsources: [docs]\n" + rules,
        {"docs/pricing/plans.md": "# Plans\n\nThree plans.\n"},
    )
    (plans,) = library(root).assets
    assert (plans.stages, plans.questions, plans.origin("stages")) == (
        ("evaluation",),
        ("risk",),
        (("rule", 1),),
    )


def test_tag_gives_a_bare_page_front_matter_in_its_own_line_endings(tmp_path: Path) -> None:
    body = b"\xef\xbb\xbf# Plans\r\n\r\nThree plans.\r\n"
    root = site(tmp_path, "cache: false\ngenerator: hugo\nsources: [content]\n", {"content/plans.md": body})
    os.chmod(root / "content/plans.md", 0o640)
    code, out, err = run(root, "tag", str(root / "content/plans.md"), "--add-stage", "evaluation")
    assert (code, out, err) == (0, "changed content/plans.md\n1 file changed, 0 unchanged, 0 refused.\n", "")
    assert (root / "content/plans.md").read_bytes() == (
        b"\xef\xbb\xbf---\r\nstages: [evaluation]\r\n---\r\n# Plans\r\n\r\nThree plans.\r\n"
    )
    assert (root / "content/plans.md").stat().st_mode & 0o777 == 0o640
    (plans,) = library(root).assets
    assert (plans.title, plans.stages, plans.body) == (
        "Plans",
        ("evaluation",),
        "# Plans\r\n\r\nThree plans.\r\n",
    )


def test_promote_writes_rule_values_into_a_bare_page(tmp_path: Path) -> None:
    rules = "rules:\n  - match: {path: blog/}\n    set: {stages: [awareness], questions: [problems]}\n"
    root = site(
        tmp_path, "cache: false\ngenerator: mkdocs\nsources: [docs]\n" + rules, {"docs/blog/a.md": "Text.\n"}
    )
    assert run(root, "promote", "--yes")[:2] == (
        0,
        "changed docs/blog/a.md\n1 file changed, 0 unchanged, 0 refused.\n",
    )
    assert (
        root / "docs/blog/a.md"
    ).read_text() == "---\nstages: [awareness]\nquestions: [problems]\n---\nText.\n"


def test_bare_pages_keep_their_whole_body_when_read_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache re-reads a body from the line its parse started it on: a page opening with a
    ``Key: value`` line is not cut as if that were meta-data."""
    text = "Note: prices exclude tax.\n\n# Plans\n"
    root = site(tmp_path, "generator: hugo\nsources: [docs]\n", {"docs/plans.md": text, "docs/t.md": PAGE})
    for name in ("plans.md", "t.md"):
        os.utime(root / "docs" / name, ns=(10**18, 10**18))
    first, update = read_project(root)
    assert save_parse_cache(update, root) is None
    monkeypatch.setattr("stagemap.read.assets.parse_asset", None)  # every file must come from the cache
    second, _ = read_project(root)
    assert (
        [(a.title, a.body) for a in second.library.assets]
        == [(a.title, a.body) for a in first.library.assets]
        == [("Plans", text), ("Tagged", "Body.\n")]
    )


def test_hugo_leaf_bundles_make_their_other_pages_resources(tmp_path: Path) -> None:
    root = site(
        tmp_path,
        "cache: false\ngenerator: hugo\nsources: [content]\n",
        {
            "content/guide/index.md": PAGE,
            "content/guide/part-two.md": PAGE,
            "content/guide/more/index.md": PAGE,
            "content/news/_index.md": PAGE,
            "content/news/launch.md": PAGE,
            "content/index.md": PAGE,
            "content/trip/index.en.md": PAGE,
            "content/trip/notes.md": PAGE,
        },
    )
    lib = library(root)
    assert fates(lib)["content/trip/notes.md"] == (
        "non-asset",
        "a resource of the page bundle 'content/trip/index.en.md'",
    )
    assert [a.path for a in lib.assets] == [
        "content/guide/index.md",
        "content/index.md",
        "content/news/launch.md",
        "content/trip/index.en.md",
    ]
    resource = ("non-asset", "a resource of the page bundle 'content/guide/index.md'")
    assert fates(lib)["content/guide/part-two.md"] == fates(lib)["content/guide/more/index.md"] == resource


def test_hugo_headless_page_is_not_published(tmp_path: Path) -> None:
    root = site(
        tmp_path,
        "cache: false\ngenerator: hugo\nsources: [content]\n",
        {"content/bits/index.md": "+++\nheadless = true\n+++\n", "content/bits/cta.md": "Sign up.\n"},
    )
    assert fates(library(root)) == {
        "content/bits/cta.md": ("non-asset", "a resource of the page bundle 'content/bits/index.md'"),
        "content/bits/index.md": ("non-asset", "headless: true (the site publishes no page for it)"),
    }


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("getting-started", "Getting started"),
        ("a/b/index", "B"),
        ("README", "README"),
        ("x/_index", "X"),
        ("how_to--go", "How to go"),
    ],
)
def test_name_title(path: str, title: str) -> None:
    assert name_title(path) == title


@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1
    ).filter(lambda t: t.strip() and not t.startswith(("---", "\ufeff")))
)
def test_bare_edit_adds_a_block_and_keeps_every_byte_of_the_file(text: str) -> None:
    data = text.encode("utf-8")
    out = edit_front_matter(data, [AddItems("stages", ("awareness",))], bare=True)
    newline = "\r\n" if text.split("\n", 1)[0].endswith("\r") else "\n"
    assert out == f"---{newline}stages: [awareness]{newline}---{newline}".encode() + data


@pytest.mark.parametrize(
    ("generator", "opening"),
    [
        ("docusaurus", "{/* Kept in step with the pricing sheet. */}"),
        ("mkdocs", "{% include 'banner.md' %}"),
        ("eleventy", '{% callout "info" %}Moved to the guide.{% endcallout %}'),
    ],
)
def test_a_page_opening_with_a_brace_is_a_page_not_json_front_matter(
    tmp_path: Path, generator: str, opening: str
) -> None:
    """Only Hugo (and stagemap's own format) reads a JSON object opening a file as front
    matter: an MDX comment, a macro or a Liquid tag there was reported as a JSON error."""
    root = site(
        tmp_path,
        f"cache: false\ngenerator: {generator}\nsources: [docs]\n",
        {"docs/pricing.md": f"{opening}\n\n# Prices for crews\n\nText.\n"},
    )
    lib = library(root)
    own = ["own-block"] if generator == "eleventy" else []  # (the callout's markup is not shown)
    assert ([p.code for p in lib.problems], [(a.path, a.title) for a in lib.assets]) == (
        own,
        [("docs/pricing.md", "Prices for crews")],
    )
    hugo = site(
        tmp_path / "hugo", "cache: false\ngenerator: hugo\nsources: [docs]\n", {"docs/a.md": "{oops\n"}
    )
    assert [p.code for p in library(hugo).problems] == ["json"]
    # The editors read the page as the reader does: renaming a stage is not held up by it.
    write(root, {"docs/tagged.md": PAGE})
    code, out, err = run(root, "rename-stage", "awareness", "aware", "--copy-model", "--dry-run")
    assert "docs/pricing.md" not in out + err
    assert code == 0, err


@pytest.mark.parametrize(
    ("body", "title"),
    [
        # An <h1> in an example of HTML is no title (Eleventy's docs: 6 pages titled "From code").
        ("Intro.\n\n```html\n<h1>From code</h1>\n```\n", "X"),
        ("```html\n<h1>From code</h1>\n```\n\n<h1>Rota <b>today</b></h1>\n", "Rota today"),
        # A template's tag in the heading is worked out by the site: not part of the title.
        ('# Shortcodes {% addedin "0.5.0" %}\n', "Shortcodes"),
        ("# {{ displayName }}\n\nText.\n", "X"),  # nothing left: the file's name
        ("# Vans {{< icon van >}}\n", "Vans"),
    ],
)
def test_a_pages_title_leaves_out_code_examples_and_template_tags(body: str, title: str) -> None:
    data = ("---\nlayout: page\n---\n" + body).encode()
    rules = config_from_data(Path("/tmp"), {"generator": "eleventy"}).rules
    asset, _ = parse_asset("c/x.md", "x", data, Vocabulary(("awareness",), ("risk",), ()), rules)
    assert asset is not None and asset.title == title


def test_a_posts_title_by_its_name_leaves_its_date_out() -> None:
    """Eleventy's posts titled 'newstitle' (a key of their own) were '2019 12 05 moving house'."""
    assert name_title("blog/2019-12-05-moving-house") == "Moving house"
    assert name_title("2019-12-05") == "2019 12 05"  # nothing but a date: as it is
