"""The pages a Hugo site lists that no content file stands for, and those it does not render:
taxonomy and term pages made from front matter, sections and pages whose build options say
``render: never``; and a root configuration file read with the configuration folder beside it.
Each fixture was built with Hugo 0.111.3 (``hugo -d /tmp/...``) and its public/ listed."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import stagemap
from stagemap.analyse import hugoroutes, routes
from stagemap.analyse.hugoroutes import term_path
from stagemap.analyse.site import plan_links
from stagemap.cli.app import cli
from stagemap.read.detect import detect_site
from tests.conftest import QUIET_CONFIG, write

SETTINGS = QUIET_CONFIG + "generator: hugo\nsources:\n  - path: content\n    url: /{path}/\n"
"""No ``urls.base``: a link to a route no page of the site has leads nowhere."""
TAXONOMIES = "[taxonomies]\n  tag = 'tags'\n  author = 'authors'\n"
LINKS = (
    "[a](/tags/) [b](/tags/steel/) [c](../../tags/cold-rolled/) [d](/tags/%C3%BCber/) "
    "[e](/authors/) [f](/authors/jane-doe/) [g](/categories/) [h](/tags/unknown/) [i](/tags/inked/)\n"
)
TERMS: dict[str, str | bytes] = {
    "stagemap.yml": SETTINGS,
    "content/kettles/copper.md": (
        "---\ntitle: Copper\ntags: [steel, 'Cold Rolled', Über]\nAuthors: Jane Doe\n---\n" + LINKS
    ),
    "content/kettles/spare.md": "---\ntitle: Spare\ndraft: true\ntags: [inked]\n---\nText.\n",
}


def dead_links(root: Path) -> list[str]:
    """Return the addresses ``check --links`` says lead nowhere, in order."""
    result = CliRunner().invoke(cli, ["-C", str(root), "check", "--links"])
    return [line.split("'")[1] for line in result.output.splitlines() if "leads nowhere" in line]


def fates(root: Path) -> dict[str, tuple[str, str, str]]:
    """Return each file's fate, kind and reason."""
    return {f.path: (f.fate, f.kind, f.reason) for f in stagemap.load_project(root).library.fates}


def test_hugo_taxonomy_and_term_pages_from_front_matter_are_pages_of_the_site(tmp_path: Path) -> None:
    """Flux's website (fluxcd/website) links its blog's term pages, /tags/security/,
    /tags/monthly-update/, /tags/ecosystem/, which Hugo makes from the posts' tags with no
    _index.md there: check --links said 13 such links led nowhere (no urls.base), and the built
    page marked them broken. Hugo 0.111.3 builds /tags/, /tags/steel/, /tags/cold-rolled/,
    /tags/über/, /authors/ and /authors/jane-doe/ here, no /categories/ (the site names its own
    taxonomies) and no term of a draft: only those lead nowhere now, on the built page too."""
    root = write(tmp_path, {**TERMS, "hugo.toml": TAXONOMIES})
    assert dead_links(root) == ["/categories/", "/tags/unknown/", "/tags/inked/"]
    result = CliRunner().invoke(cli, ["-C", str(root), "build", "--as-of", "2026-12-07"])
    assert result.exit_code == 0
    page = (root / "site/assets/kettles/copper.html").read_text()
    assert (
        '<span class="site-link" title="A page of the site, not in this library: /tags/steel/">b</span>'
        in page
    )
    assert '<span class="broken-link" title="Link target not found: /tags/unknown/">h</span>' in page


TERMLESS = ["/authors/", "/authors/jane-doe/", "/tags/unknown/", "/tags/inked/"]
"""What leads nowhere on a site with Hugo's own taxonomies, its terms' pages all made."""


@pytest.mark.parametrize(
    ("config", "dead"),
    [
        ("", TERMLESS),
        ("disableKinds = ['term']\n", ["/tags/steel/", "../../tags/cold-rolled/", "/tags/%C3%BCber/", *TERMLESS]),
        ("disableKinds = ['taxonomy']\n", ["/tags/", *TERMLESS[:2], "/categories/", *TERMLESS[2:]]),
        (
            "[taxonomies]\n",
            ["/tags/", "/tags/steel/", "../../tags/cold-rolled/", "/tags/%C3%BCber/", *TERMLESS[:2],
             "/categories/", *TERMLESS[2:]],
        ),
    ],
    ids=["hugos-own", "no-terms", "no-taxonomies", "none"],
)  # fmt: skip
def test_hugo_term_pages_follow_the_sites_taxonomies_and_disabled_kinds(
    tmp_path: Path, config: str, dead: list[str]
) -> None:
    """As Hugo 0.111.3 builds them: a site naming no taxonomies has tags and categories (the
    front matter's authors make no page); disableKinds ['term'] keeps /tags/ and /categories/
    but no term's page, ['taxonomy'] the terms' pages alone; an empty [taxonomies] none."""
    root = write(tmp_path, {**TERMS, "hugo.toml": config})
    assert dead_links(root) == dead


@pytest.mark.parametrize(
    ("term", "path"),
    [
        ("Cold Rolled", "cold-rolled"),
        ("  padded  ", "padded"),
        ("multi   space", "multi-space"),
        ("dash - spaced", "dash-spaced"),
        ("Tab\there", "tab-here"),
        ("Rock & Roll", "rock-roll"),
        ("50% off", "50-off"),
        ("x?y", "xy"),
        ("(paren)", "paren"),
        ("comma,sep", "commasep"),
        ("q'uote", "quote"),
        ("C++", "c++"),
        ("Node.js", "node.js"),
        ("a/b", "a/b"),
        ("a.b.", "a.b."),
        ("hash#tag", "hash#tag"),
        ("under_score", "under_score"),
        ("tilde~", "tilde~"),
        ("at@", "at@"),
        ("--lead", "--lead"),
        ("trail--", "trail--"),
        ("Mixed_Case Word", "mixed_case-word"),
        ("émigré", "émigré"),
        ("日本語", "日本語"),
        ("2024", "2024"),
    ],
)
def test_hugo_term_path_is_written_as_hugo_writes_it(term: str, path: str) -> None:
    """Each pair is a term of a fixture page and the folder Hugo 0.111.3 wrote its page in
    (public/tags/...), lower case as routes are compared."""
    assert term_path(term) == path


@settings(max_examples=400, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from([chr(c) for c in range(128)] + [" ", "-", "%", "4", "f"] * 8), max_size=14
    )
)
def test_hugo_term_path_reads_ascii_by_pattern_as_by_character(term: str) -> None:
    """term_path reads a term in ASCII with patterns, not a character at a time (a generated
    site's 5,324 terms took most of 0.54 s so): the paths are the same."""
    assert term_path(term) == hugoroutes.by_character(term)


LINKED = (
    "/hidden/", "/hidden/shown/", "/linked/", "/linked/shown/", "/always/", "/local/", "/bin/", "/bin/bolt/",
    "/bin/deep/nut/", "/docs/inner/", "/docs/inner/shown/", "/docs/quiet/", "/docs/stub/", "/docs/unlisted/",
    "/tags/kept/", "/tags/binned/",
)  # fmt: skip
"""Where the links of SECTIONS' content/links.md lead."""
SECTIONS: dict[str, str | bytes] = {
    "stagemap.yml": SETTINGS,
    "content/hidden/_index.md": "---\ntitle: Hidden\n_build: {render: never}\n---\n",
    "content/hidden/shown.md": "---\ntitle: Shown\ntags: [kept]\n---\nText.\n",
    "content/linked/_index.md": "---\ntitle: Linked\n_build: {render: link}\n---\n",
    "content/linked/shown.md": "---\ntitle: Shown\n---\nText.\n",
    "content/always/_index.md": "---\ntitle: Always\n_build: {render: always, list: never}\n---\n",
    "content/always/shown.md": "---\ntitle: Shown\n---\nText.\n",
    "content/local/_index.md": "---\ntitle: Local\n_build: {list: local}\n---\n",
    "content/local/shown.md": "---\ntitle: Shown\n---\nText.\n",
    "content/bin/_index.md": "---\ntitle: Bin\ncascade: {_build: {render: never, list: never}}\n---\n",
    "content/bin/bolt.md": "---\ntitle: Bolt\ntags: [binned]\n---\nText.\n",
    "content/bin/deep/nut.md": "---\ntitle: Nut\n---\nText.\n",
    "content/docs/_index.md": "---\ntitle: Docs\n---\nText.\n",
    "content/docs/inner/_index.md": "---\ntitle: Inner\n_build:\n  render: never\n---\n",
    "content/docs/inner/shown.md": "---\ntitle: Shown\n---\nText.\n",
    "content/docs/quiet.md": "---\ntitle: Quiet\n_build: {render: never}\n---\nText.\n",
    "content/docs/stub.md": "---\ntitle: Stub\n_build: {render: link}\n---\nText.\n",
    "content/docs/unlisted.md": "---\ntitle: Unlisted\n_build: {list: never}\n---\nText.\n",
    "content/links.md": "---\ntitle: Links\n---\n"
    + " ".join(f"[{i}]({r})" for i, r in enumerate(LINKED))
    + "\n",
}


def test_hugo_sections_and_pages_it_does_not_render_have_no_page(tmp_path: Path) -> None:
    """KEDA's docs/_index.md, http-add-on/_index.md and troubleshooting/_index.md say build:
    {render: false}, Linkerd's tests/_index.md render: never: stagemap kept each a listing, a
    page of the site, and a top section of pages was listed whatever its _index.md said, so a
    link to /docs/ counted as live; so did one to a page saying render: never (read, with no
    address, but found by its file's route). Hugo 0.111.3 writes no /hidden/, /linked/, /bin/
    (nor its pages: the cascade reaches them and the section page itself), /docs/inner/,
    /docs/quiet/ or /docs/stub/; list: never or local and render: always still make pages, and
    a page it does not render still makes its terms' pages (/tags/binned/). (0.111.3 reads
    _build alone; build, its name from 0.123, is read as current Hugo reads it: see
    tests/test_hugo_section_pages.py.)"""
    root = write(tmp_path, {**SECTIONS, "hugo.toml": ""})
    assert dead_links(root) == [
        "/hidden/", "/linked/", "/bin/", "/bin/bolt/", "/bin/deep/nut/", "/docs/inner/", "/docs/quiet/",
        "/docs/stub/",
    ]  # fmt: skip
    listing = ("non-asset", "listing", "listing by '_index.md'")
    found = {path: fate for path, fate in fates(root).items() if path.endswith("_index.md")}
    assert found == {
        "content/always/_index.md": listing,
        "content/bin/_index.md": ("non-asset", "unpublished", "a section page Hugo renders none of (render: never)"),
        "content/docs/_index.md": listing,
        "content/docs/inner/_index.md": (
            "non-asset", "unpublished", "a section page Hugo renders none of (render: never)"
        ),
        "content/hidden/_index.md": (
            "non-asset", "unpublished", "a section page Hugo renders none of (render: never)"
        ),
        "content/linked/_index.md": ("non-asset", "unpublished", "a section page Hugo renders none of (render: link)"),
        "content/local/_index.md": listing,
    }  # fmt: skip


ROOT = "baseURL = 'https://k.example/'\ntitle = 'Root title'\ndefaultContentLanguage = 'en'\n" + (
    "[params]\n  who = 'root'\n  kettle = 'copper'\n[taxonomies]\n  tag = 'tags'\n"
)
BOTH: dict[str, str | bytes] = {
    "hugo.toml": ROOT,
    "config/_default/hugo.toml": "title = 'Folder title'\n[params]\n  who = 'folder'\n[taxonomies]\n"
    "  author = 'authors'\n",
    "config/_default/languages.toml": "[en]\n  contentDir = 'content/en'\n[de]\n  contentDir = 'content/de'\n",
    "content/en/kettles/copper.md": "---\ntitle: Copper\ntags: [steel]\nauthors: [jane]\n---\n"
    "[a](/tags/steel/) [b](/authors/jane/)\n",
    "content/de/kettles/kupfer.md": "---\ntitle: Kupfer\n---\nText.\n",
}


def test_hugo_a_root_configuration_file_is_read_with_the_configuration_folder(tmp_path: Path) -> None:
    """No mirrored site keeps both (Falco, Let's Encrypt, OpenTelemetry, Linkerd's and Docsy's
    sites have the folder alone), but Hugo reads both: a hugo.toml at the root and
    config/_default/ beside it. Hugo 0.111.3 merges them, the folder's over the root's: its
    title, its params key by key (params.who 'folder', params.kettle 'copper'), its taxonomies
    beside the root's (/tags/steel/ and /authors/jane/ both built) and its languages.toml
    (English from content/en, German from content/de). init read the root file alone: the
    root's title, content/ whole as the source, German too; and the folder's authors were no
    taxonomy."""
    root = write(tmp_path, BOTH)
    found = detect_site(root)
    assert found is not None
    assert (found.config_file, found.title, [s.path for s in found.sources], found.translations) == (
        "hugo.toml",
        "Folder title",
        ["content/en"],
        ("content/de/",),
    )
    write(root, {"stagemap.yml": SETTINGS.replace("path: content\n", "path: content/en\n")})
    params = stagemap.load_project(root).library.site_params
    assert {k: v for k, v in params.items() if not k.startswith("\0")} == {
        "who": "folder",
        "kettle": "copper",
    }
    assert dead_links(root) == []


SUBDIR = (
    "defaultContentLanguage = 'en'\ndefaultContentLanguageInSubdir = true\n"
    "[languages.en]\n  weight = 1\n[languages.de]\n  weight = 2\n  contentDir = 'content.de'\n"
)


def test_hugo_lists_are_under_the_default_languages_code_where_the_site_serves_it_so(tmp_path: Path) -> None:
    """A site with defaultContentLanguageInSubdir = true (init routes its content at
    /en/{path}/, as Hugo serves its pages): Hugo 0.111.3 writes /en/tags/, /en/tags/steel/ and
    /en/kettles/ and nothing at /tags/steel/ or /kettles/, but stagemap listed the terms and the
    sections at the root: the links to /en/... led nowhere, those to the root were live."""
    links = (
        "[a](/en/tags/steel/) [b](/en/tags/) [c](/en/kettles/) [d](/tags/steel/) [e](/kettles/) [f](/tags/)\n"
    )
    root = write(
        tmp_path,
        {
            "stagemap.yml": SETTINGS.replace("url: /{path}/", "url: /en/{path}/"),
            "hugo.toml": SUBDIR,
            "content/kettles/copper.md": "---\ntitle: Copper\ntags: [steel]\n---\n" + links,
        },
    )
    assert dead_links(root) == ["/tags/steel/", "/kettles/", "/tags/"]


MOVED = (
    "[permalinks]\n  tags = '/topic/:slug/'\n  categories = '/:section/by/:title/'\n"
    "[taxonomies]\n  tag = 'tags'\n  category = 'categories'\n  series = 'series'\n  author = 'authors'\n"
)
"""Taxonomies' permalinks as Hugo 0.111.3 reads them (a section's name: its terms' pages)."""


def test_hugo_a_taxonomys_permalinks_move_its_terms_pages(tmp_path: Path) -> None:
    """Hugo has read a taxonomy's name in [permalinks] since 0.31: tags = '/topic/:slug/' puts
    the term 'Steel Beams' at /topic/steel-beams/, and 0.111.3 leaves /tags/ where it was; a '+'
    there is read as a space ('C++': /topic/c-/, 'f + g': /topic/f--g/). stagemap listed
    /tags/steel-beams/ (which Hugo does not write) and not /topic/steel-beams/. Each address
    here was written by Hugo 0.111.3 from this configuration (less the kinds' maps, which
    Hugo's documentation gives from 0.112 on: [permalinks.term] and [permalinks.taxonomy])."""
    links = (
        "[a](/topic/steel-beams/) [b](/topic/c-/) [c](/topic/f--g/) [d](/tags/) [e](/categories/by/big-news/) "
        "[f](/run/basics/) [g](/series-all/) [h](/tags/steel-beams/) [i](/topic/) [j](/series/) "
        "[k](/series/basics/) [l](/people/jane-doe/) [m](/authors/)\n"
    )
    config = MOVED + "[permalinks.term]\n  series = '/run/:slug/'\n  authors = '/people/:slug/'\n"
    config += "[permalinks.taxonomy]\n  series = '/series-all/'\n"
    page = "---\ntitle: Copper\ntags: [Steel Beams, 'C++', 'f + g']\ncategories: Big News\nseries: [basics]\n"
    root = write(
        tmp_path,
        {
            **TERMS,
            "hugo.toml": config,
            "content/kettles/copper.md": page + "authors: [Jane Doe]\n---\n" + links,
        },
    )
    assert dead_links(root) == ["/tags/steel-beams/", "/topic/", "/series/", "/series/basics/"]


UNBUILT: dict[str, str | bytes] = {
    "stagemap.yml": SETTINGS,
    "hugo.toml": "",
    "content/kettles/copper.md": "---\ntitle: Copper\ntags: [steel]\n---\n"
    + " ".join(f"[{t}](/tags/{t}/)" for t in ("steel", "soon", "dated", "gone", "lasting", "old"))
    + "\n",
    "content/kettles/later.md": "---\ntitle: Later\npublishDate: 2999-01-01\ntags: [soon]\n---\nText.\n",
    "content/kettles/dated.md": "---\ntitle: Dated\ndate: 2999-06-01\ntags: [dated]\n---\nText.\n",
    "content/kettles/gone.md": "---\ntitle: Gone\nexpiryDate: 2001-01-01\ntags: [gone]\n---\nText.\n",
    "content/kettles/lasting.md": "---\ntitle: Lasting\nexpiryDate: 2999-01-01\ntags: [lasting]\n---\nText.\n",
    "content/kettles/old.md": "---\ntitle: Old\ndate: 2001-01-01\ntags: [old]\n---\nText.\n",
}


def test_hugo_pages_it_does_not_build_make_no_terms_pages(tmp_path: Path) -> None:
    """Hugo builds no page whose publishDate (else date) has not come (buildFuture is off unless
    set) nor one past its expiryDate, and makes no term page of theirs: 0.111.3 writes
    /tags/steel/, /tags/lasting/ and /tags/old/ here, not /tags/soon/, /tags/dated/ or
    /tags/gone/. stagemap left out a draft's terms alone, so the links to those three were live."""
    root = write(tmp_path, UNBUILT)
    assert dead_links(root) == ["/tags/soon/", "/tags/dated/", "/tags/gone/"]


def test_hugo_term_pages_are_judged_on_the_day_the_site_is_built_for(tmp_path: Path) -> None:
    """Review r3: the terms of pages dated ahead were judged on the day stagemap ran, not on the
    build's --as-of day, so a build for a day after a page's publishDate marked its term page's
    link broken while it showed the page itself as published. The link plan of a build is made
    for its day."""
    root = write(tmp_path, UNBUILT)
    routes._LATEST.clear()
    library = stagemap.load_project(root).library
    config = stagemap.load_project(root).config
    later = plan_links(config, library, as_of=dt.date(2999, 3, 1)).routes
    now = plan_links(config, library).routes
    assert ("tags/soon" in later.listed, "tags/soon" in now.listed) == (True, False)
    assert ("tags/dated" in later.listed, "tags/gone" in later.listed) == (False, False)


def test_hugo_a_configuration_folder_without_a_main_file_is_read_beside_the_root_file(tmp_path: Path) -> None:
    """A hugo.toml at the root and config/_default/ holding languages.toml alone: Hugo 0.111.3
    reads the folder's files all the same (English from content/en, German from content/de, at
    /de/), but stagemap read the folder only where it held a hugo.* or config.* file: init took
    content/ whole as the source, German too."""
    root = write(
        tmp_path,
        {
            "hugo.toml": "baseURL = 'https://k.example/'\ntitle = 'Root title'\n",
            "config/_default/languages.toml": BOTH["config/_default/languages.toml"],
            "config/_default/params.toml": "who = 'folder'\n",
            "content/en/kettles/copper.md": "---\ntitle: Copper\n---\nText.\n",
            "content/de/kettles/kupfer.md": "---\ntitle: Kupfer\n---\nText.\n",
        },
    )
    found = detect_site(root)
    assert found is not None
    assert (found.config_file, found.title, [s.path for s in found.sources], found.translations) == (
        "hugo.toml",
        "Root title",
        ["content/en"],
        ("content/de/",),
    )


def test_hugo_terms_are_gathered_once_each_and_the_routes_remembered_by_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A generated site of 10,000 pages in 4 taxonomies, 12 terms a page (5,324 distinct): the
    term routes took 0.54 s, term_path run for each of the 120,000 terms, and serve's replan
    after a save paid it again as the routes were part of the memo's key (plan_routes went from
    0.22 s to 0.75 s a call). The terms are now gathered once each, and the routes made again
    only when they (or another input) change."""
    root = write(
        tmp_path,
        {**TERMS, "hugo.toml": "", "content/kettles/tin.md": "---\ntitle: Tin\ntags: [steel, Tin]\n---\n"},
    )
    project = stagemap.load_project(root)
    assert hugoroutes.hugo_terms(project.library, dt.date(2026, 12, 7)) == (
        "",
        (),
        (),
        (("categories", frozenset()), ("tags", frozenset({"steel", "Cold Rolled", "Über", "Tin"}))),
    )
    made: list[int] = []
    listed = hugoroutes.hugo_listed
    monkeypatch.setattr(routes, "hugo_listed", lambda *args: made.append(1) or listed(*args))
    routes._LATEST.clear()
    first = routes.plan_routes(project.config, project.library, {})
    assert routes.plan_routes(project.config, project.library, {}) is first
    assert len(made) == 1
    tin = next(a for a in project.library.assets if a.id.endswith("tin"))
    changed = replace(tin, extra={"title": "Tin", "tags": ["steel", "Zinc"]})
    library = replace(
        project.library, assets=tuple(changed if a is tin else a for a in project.library.assets)
    )
    assert "tags/zinc" in routes.plan_routes(project.config, library, {}).listed
    assert len(made) == 2
