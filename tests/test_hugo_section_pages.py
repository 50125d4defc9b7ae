"""Hugo's section pages (``_index.md``) with prose of their own are pages; short ones listings."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import stagemap
from stagemap.cli.app import cli
from stagemap.read.git import Git, Revisions
from stagemap.read.presets import preset_front_matter
from stagemap.read.sectionpages import PROSE_WORDS, prose_words
from stagemap.render import dialects
from stagemap.render.jsx import preformatted
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


def test_hugo_section_pages_a_translation_stays_on_its_originals_side() -> None:
    """OpenTelemetry's site (this sitting's regression check): docs/compatibility/_index.md has
    39 words in English, a listing, and its Japanese translation about 135 characters, which
    counted a word each made a page of it. Three characters are a word: 45 here."""
    hugo = preset_front_matter("hugo", True)
    english = "---\ntitle: T\n---\n" + "word " * 39 + "\n"
    japanese = "---\ntitle: T\n---\n" + "互換性の情報をここに書く" * 11 + "とても短い\n"
    assert prose_words(english.encode(), hugo) == 39
    assert prose_words(japanese.encode(), hugo) == 45 < PROSE_WORDS
    assert prose_words(("---\ntitle: T\n---\n" + "文" * 153 + "\n").encode(), hugo) == 51


def test_hugo_section_pages_prose_words_leave_out_what_is_no_prose() -> None:
    """Lists, tables, code, comments, tags and shortcodes' tags are no prose; a shortcode's inner
    text and a link's text are; three Chinese or Japanese characters are a word."""
    hugo = preset_front_matter("hugo", True)
    text = (
        "---\ntitle: T\n---\nOne two [three](/a/long/address/ 'x') four.\n\n<!-- five six -->\n"
        "{{< note >}}five six{{< /note >}}\n\n- seven\n1. eight\n| nine | ten |\n\n"
        "```\ncode words here\n```\n\n    indented code\n\n<ul><li>eleven</li></ul>\n"
        "<script>var twelve;</script>\n[ref]: https://h.example/\n# Seven\n水を沸かす\n"
    )
    assert prose_words(text.encode(), hugo) == 8
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


RIDE = (
    "A bicycle frame is brazed by hand in our workshop, one joint at a time, and each frame is "
    "measured twice before it is painted. We keep the tubes thin where the rider never feels them "
    "and thick where the chain pulls hardest, so that the whole thing weighs little and lasts long.\n"
)
"""More than PROSE_WORDS words of prose, in one paragraph."""


def section_fates(root: Path) -> dict[str, tuple[str, str, str, tuple[str, ...]]]:
    """Return each _index.md's fate, kind, address (an asset's) and stages."""
    library = stagemap.load_project(root).library
    assets = {a.path: (a.url, a.stages) for a in library.assets}
    return {
        f.path: (f.fate, f.kind, *assets.get(f.path, ("", ())))
        for f in library.fates
        if f.path.endswith("_index.md")
    }


def test_hugo_section_pages_get_their_own_cascade_and_a_headless_one_is_no_page(tmp_path: Path) -> None:
    """Hugo applies a section's own cascade to its section page too (reviewer r1's repro of KEDA's
    kind of section, /tmp/s35_r1_min1): a section page holding prose with cascade {stages:
    [evaluation]} got no stages, and one whose cascade says build: {render: never} (a headless
    section, which Hugo renders no page of) became an asset with an address. Now the first has
    its cascade's stages, one whose cascade targets pages only has none, and the headless one,
    or one whose own front matter says so, is no asset; nor a listing since Harbor's, Linkerd's
    and KEDA's sections of that kind showed that links to their addresses counted as live
    (see tests/test_hugo_site_lists.py)."""
    root = write(
        tmp_path,
        {
            **SITE,
            "content/frames/_index.md": "---\ntitle: Frames\ncascade:\n  stages: [evaluation]\n---\n" + RIDE,
            "content/frames/steel.md": "---\ntitle: Steel\n---\nText.\n",
            "content/wheels/_index.md": (
                "---\ntitle: Wheels\ncascade:\n  - stages: [evaluation]\n    target: {kind: page}\n---\n"
                + RIDE
            ),
            "content/parts-bin/_index.md": (
                "---\ntitle: Bin\ncascade:\n  build: {render: never, list: never}\n---\n" + RIDE
            ),
            "content/parts-bin/bolt.md": "---\ntitle: Bolt\n---\nText.\n",
            "content/drafts/_index.md": "---\ntitle: Drafts\nbuild:\n  render: never\n---\n" + RIDE,
        },
    )
    found = section_fates(root)
    assert {path: found[path] for path in found if "making" not in path and "guides" not in path} == {
        "content/_index.md": ("non-asset", "listing", "", ()),
        "content/drafts/_index.md": ("non-asset", "unpublished", "", ()),
        "content/frames/_index.md": ("asset", "", "https://h.example/frames/", ("evaluation",)),
        "content/parts-bin/_index.md": ("non-asset", "unpublished", "", ()),
        "content/parts/_index.md": ("non-asset", "listing", "", ()),
        "content/wheels/_index.md": ("asset", "", "https://h.example/wheels/", ()),
    }


def test_hugo_section_pages_in_or_beside_a_leaf_bundle_and_the_home_page_stay_listings(
    tmp_path: Path,
) -> None:
    """Hugo reads every file in or below a leaf bundle (a folder with an index.md) as one of its
    resources, an _index.md too; the home page (content/_index.md) is the site's front page, a
    list of blocks on Docsy sites. Reviewer r1's repros (/tmp/s35_r1_d, /tmp/s35_r1_c): an
    _index.md with prose beside an index.md, or in a folder below one, and a home page with
    prose were each read as an asset (two at /frames/). They stay listings now; the one below
    is one of the bundle's resources, as Hugo 0.111.3 lists it among them (no page of it)."""
    root = write(
        tmp_path,
        {
            **SITE,
            "content/_index.md": "---\ntitle: Home\n---\n" + RIDE,
            "content/frames/index.md": "---\ntitle: Frames\n---\nText.\n",
            "content/frames/_index.md": "---\ntitle: Frame notes\n---\n" + RIDE,
            "content/fitting/index.md": "---\ntitle: Fitting\n---\nText.\n",
            "content/fitting/saddle/_index.md": "---\ntitle: Saddle\n---\n" + RIDE,
        },
    )
    found = section_fates(root)
    assert {path: found[path][:3] for path in found if "making" not in path and "guides" not in path} == {
        "content/_index.md": ("non-asset", "listing", ""),
        "content/fitting/saddle/_index.md": ("non-asset", "resource", ""),
        "content/frames/_index.md": ("non-asset", "listing", ""),
        "content/parts/_index.md": ("non-asset", "listing", ""),
    }


def test_hugo_section_pages_of_taxonomies_and_terms_stay_listings(tmp_path: Path) -> None:
    """Hugo's taxonomy and term pages (content/tags/_index.md, content/authors/jane-doe/_index.md
    where [taxonomies] names authors) are lists of the pages carrying a term, at the taxonomy's
    own addresses (its [permalinks]): reviewer r1's repro (/tmp/s35_r1_c) had them as assets at
    the section's address, /authors/jane-doe/ where Hugo serves /team/jane-doe/. The folders of
    the site's taxonomies stay listings, tags and categories where it names none; a folder no
    taxonomy names is a section like any other."""
    pages = {
        "content/tags/_index.md": "---\ntitle: Tags\n---\n" + RIDE,
        "content/categories/frames/_index.md": "---\ntitle: Frames\n---\n" + RIDE,
        "content/riders/ana/_index.md": "---\ntitle: Ana\n---\n" + RIDE,
    }
    config = "baseURL = 'https://h.example/'\n[permalinks]\n  riders = '/team/:slug/'\n"
    root = write(tmp_path / "own", {**SITE, **pages, "hugo.toml": config})
    assert {path: fate[:2] for path, fate in section_fates(root).items() if path in pages} == {
        "content/categories/frames/_index.md": ("non-asset", "listing"),
        "content/riders/ana/_index.md": ("asset", ""),
        "content/tags/_index.md": ("non-asset", "listing"),
    }
    named = config + "[taxonomies]\n  rider = 'riders'\n  tag = 'tags'\n"
    root = write(tmp_path / "named", {**SITE, **pages, "hugo.toml": named})
    assert {path: fate[:2] for path, fate in section_fates(root).items() if path in pages} == {
        "content/categories/frames/_index.md": ("asset", ""),
        "content/riders/ana/_index.md": ("non-asset", "listing"),
        "content/tags/_index.md": ("non-asset", "listing"),
    }


def test_hugo_section_pages_code_in_a_longer_fence_or_a_highlight_is_no_prose() -> None:
    """Reviewer r1: a four-backtick fence was closed by a ``` line inside it, so the code after
    that line was counted as prose; code inside {{< highlight >}} ... {{< /highlight >}} was
    counted too. Neither is prose now; a fence closes at a line of its own kind, at least as
    long, with nothing after it."""
    hugo = preset_front_matter("hugo", False)
    fenced = "One two.\n\n````md\n```\nthree four five\n```\nsix\n````\n\nSeven.\n"
    assert prose_words(fenced.encode(), hugo) == 3
    assert prose_words(b"One.\n\n```go\nx y\n``` not a close\nz\n```\nTwo.\n", hugo) == 2
    assert prose_words(b"One.\n\n~~~\n```\nx y\n~~~~\nTwo.\n", hugo) == 2
    highlighted = "One.\n\n{{< highlight go >}}\nfunc main() { run(now) }\n{{< / highlight >}}\n\nTwo.\n"
    assert prose_words(highlighted.encode(), hugo) == 2
    assert prose_words(b"One {{% highlight go %}} a b {{% /highlight %}} two.\n", hugo) == 2


@pytest.mark.parametrize(
    ("unit", "words"),
    [
        ("Use <ul> for lists. ", 3),
        ("x {{< y ", 2),
        ("a <!-- b ", 2),
        ("c <script d ", 3),
        ("e {{< highlight f ", 3),
        ("g <h i ", 3),
        ("j](k l ", 3),
    ],
)
def test_hugo_section_pages_unclosed_parts_are_read_once(unit: str, words: int) -> None:
    """Reviewer r1: an opening that nothing closes (a <ul>, a shortcode's {{<, a comment) was
    looked for again from each one to the end of the body: 400 KB of them took 26 to 40 s.
    Each kind's end is looked for once now, and a tag or a link's address stops where another
    could start: the same words, in a fraction of a second."""
    body = ("---\ntitle: T\n---\n" + unit * 20_000).encode()
    start = time.process_time()
    assert prose_words(body, preset_front_matter("hugo", False)) == words * 20_000
    assert time.process_time() - start < 2.0


def test_pre_blocks_hand_each_block_only_the_lines_a_list_item_is_looked_for_in(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Reviewer r1: each <pre> between fences was handed the whole body above it, a copy as long
    as the page each time (4,000 steps of a numbered list took 1.8 s). It gets the last 200 lines
    now, as far up as a list item is looked for, and reads as before."""
    seen: list[int] = []

    def counted(text: str, above: str = "") -> str:
        seen.append(above.count("\n"))
        return preformatted(text, above)

    step = "1. Step\n\n    ```\n    run\n    ```\n\n    <pre>out</pre>\n\n"
    before = dialects._pre_blocks(step * 300)
    monkeypatch.setattr(dialects, "preformatted", counted)
    assert dialects._pre_blocks(step * 300) == before
    assert (len(seen), max(seen)) == (300, 200)
    assert before.count("    ```\n    out\n    ```\n") == 300


def test_hugo_the_sites_cascade_reaches_the_home_page(tmp_path: Path) -> None:
    """Reviewer r1 (/tmp/s35_r1_c): Hugo applies the [cascade] of its configuration to the home
    page too, as a section's own cascade to its page; where a site's own globs make its home page
    an asset, it got none of it."""
    settings = SETTINGS + "non_assets:\n  listing: [drafts/_index.md]\n"
    root = write(
        tmp_path,
        {
            "stagemap.yml": settings,
            "hugo.toml": "baseURL = 'https://h.example/'\n[cascade]\n  stages = ['evaluation']\n",
            "content/_index.md": "---\ntitle: Home\n---\nHello.\n",
            "content/frames/_index.md": "---\ntitle: Frames\n---\nHello.\n",
        },
    )
    assert {path: fate[2:] for path, fate in section_fates(root).items()} == {
        "content/_index.md": ("https://h.example/", ("evaluation",)),
        "content/frames/_index.md": ("https://h.example/frames/", ("evaluation",)),
    }


def test_hugo_cascade_targets_name_the_home_taxonomy_and_term_kinds(tmp_path: Path) -> None:
    """Reviewer r5 (/tmp/s35_r5_hc): every _index page read as an asset counted as kind section
    for a cascade's target, the home page too, so [cascade.target] kind = 'section' gave the
    home page its stages and kind = 'home' gave it nothing. Hugo's kinds are home, section,
    taxonomy, term and page: a target now matches the one Hugo gives each page."""
    config = (
        "baseURL = 'https://h.example/'\n"
        "[[cascade]]\n  stages = ['adoption']\n  [cascade.target]\n    kind = 'section'\n"
        "[[cascade]]\n  owner = 'front-desk'\n  [cascade.target]\n    kind = 'home'\n"
        "[[cascade]]\n  owner = 'librarian'\n  [cascade.target]\n    kind = '{taxonomy,term}'\n"
    )
    settings = SETTINGS + "non_assets:\n  listing: [drafts/**]\n"
    root = write(tmp_path, {
        "stagemap.yml": settings,
        "hugo.toml": config,
        "content/_index.md": "---\ntitle: Home\n---\nHello.\n",
        "content/frames/_index.md": "---\ntitle: Frames\n---\nHello.\n",
        "content/frames/steel.md": "---\ntitle: Steel\n---\nHello.\n",
        "content/tags/_index.md": "---\ntitle: Tags\n---\nHello.\n",
        "content/tags/touring/_index.md": "---\ntitle: Touring\n---\nHello.\n",
    })  # fmt: skip
    assets = stagemap.load_project(root).library.assets
    assert {a.path: (a.stages, a.owner) for a in assets} == {
        "content/_index.md": ((), "front-desk"),
        "content/frames/_index.md": (("adoption",), ""),
        "content/frames/steel.md": ((), ""),
        "content/tags/_index.md": ((), "librarian"),
        "content/tags/touring/_index.md": ((), "librarian"),
    }


@pytest.mark.parametrize(
    ("files"),
    [
        {"config/_default/hugo.toml": "baseURL = 'https://h.example/'\n",
         "config/_default/taxonomies.toml": "rider = 'riders'\ntag = 'tags'\n"},
        {"hugo.toml": "baseURL = 'https://h.example/'\ndefaultContentLanguage = 'de'\n[languages.de]\n"
         "  weight = 1\n  [languages.de.taxonomies]\n    rider = 'riders'\n    tag = 'tags'\n"},
    ],
    ids=["config-folder", "default-language"],
)  # fmt: skip
def test_hugo_taxonomies_of_the_config_folder_or_the_default_language_are_read(
    tmp_path: Path, files: dict[str, str]
) -> None:
    """Reviewer r5 (/tmp/s35_r5_tax, /tmp/s35_r5_hb): only a top-level taxonomies key was read,
    so a site naming its taxonomies in config/_default/taxonomies.toml, or in its default
    language's [languages.<lang>.taxonomies], had its taxonomy and term pages holding prose read
    as assets. Both are read now (a language's own taxonomies in place of the site's); a folder
    no taxonomy names is still a section."""
    pages = {
        "content/riders/_index.md": "---\ntitle: Riders\n---\n" + RIDE,
        "content/riders/ana/_index.md": "---\ntitle: Ana\n---\n" + RIDE,
        "content/tags/_index.md": "---\ntitle: Tags\n---\n" + RIDE,
        "content/trails/_index.md": "---\ntitle: Trails\n---\n" + RIDE,
    }
    root = write(tmp_path, {"stagemap.yml": SETTINGS, **files, **pages})
    assert {path: fate[:2] for path, fate in section_fates(root).items()} == {
        "content/riders/_index.md": ("non-asset", "listing"),
        "content/riders/ana/_index.md": ("non-asset", "listing"),
        "content/tags/_index.md": ("non-asset", "listing"),
        "content/trails/_index.md": ("asset", ""),
    }
