"""What a Hugo site's configuration says of its kinds of page: ``disableKinds``, the taxonomies
(a language's own, in the configuration folder's ``languages.toml``), and the files of a leaf
bundle; and its section pages read once a load."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import stagemap
import stagemap.read.assets
from stagemap.cli.app import cli
from stagemap.read.detect import detect_site
from stagemap.read.sectionpages import disabled_kinds, hugo_kind, taxonomy_folders
from stagemap.read.sitedefaults import site_files
from tests.conftest import QUIET_CONFIG, write

SETTINGS = QUIET_CONFIG + "generator: hugo\nsources:\n  - path: content\n    url: /{path}/\n"
"""No ``urls.base``: a link to a route no page of the site has leads nowhere."""
BREWING = (
    "Our kettles boil water on every kind of hob, gas and induction alike, and the spout pours "
    "without a drip because its lip is rolled by hand. We test each one on a bench of burners "
    "for an afternoon before it leaves the workshop, so that a loose rivet shows before you do.\n"
)
"""More than 50 words of prose: a section page holding it is a page of its own."""
LINKS = (
    "See [making](/making/), [steel](/tags/steel/), [tags](/tags/), [jane](/authors/jane/), "
    "[authors](/authors/).\n"
)
SITE: dict[str, str | bytes] = {
    "stagemap.yml": SETTINGS,
    "content/_index.md": "---\ntitle: Home\n---\nHello.\n",
    "content/making/_index.md": "---\ntitle: Making\n---\n" + BREWING,
    "content/making/press.md": "---\ntitle: Press\ntags: [steel]\nauthors: [jane]\n---\n" + LINKS,
    "content/tags/_index.md": "---\ntitle: Tags\n---\n" + BREWING,
    "content/authors/jane/_index.md": "---\ntitle: Jane\n---\n" + BREWING,
}
TAXONOMIES = "[taxonomies]\n  tag = 'tags'\n  author = 'authors'\n"


def fates(root: Path) -> dict[str, tuple[str, str, str]]:
    """Return each file's fate, kind and reason."""
    return {f.path: (f.fate, f.kind, f.reason) for f in stagemap.load_project(root).library.fates}


def dead_links(root: Path) -> list[str]:
    """Return the addresses ``check --links`` says lead nowhere, in order."""
    result = CliRunner().invoke(cli, ["-C", str(root), "check", "--links"])
    return [line.split("'")[1] for line in result.output.splitlines() if "leads nowhere" in line]


def unmade(kind: str) -> tuple[str, str, str]:
    return ("non-asset", "unpublished", f"a {kind} page, of a kind the site's disableKinds turns off")


LISTING = ("non-asset", "listing", "listing by '_index.md'")
ASSET = ("asset", "", "")


def test_hugo_disabled_kinds_make_no_pages_and_no_live_links(tmp_path: Path) -> None:
    """KEDA, etcd, Let's Encrypt and others set disableKinds = ["taxonomy", "term"]; stagemap
    did not read it: a section page of prose under disableKinds = ["section"] was an asset at
    an address Hugo writes nothing at, a taxonomy's or term's _index.md a listing, and links to
    them led to pages of the site. Hugo 0.111.3 builds none of them (its public/ holds only the
    home page and /making/press/): they are no asset and no listing now, and links to them lead
    nowhere (with ["taxonomy", "term"] alone, /making/ is a page again)."""
    config = "baseURL = 'https://h.example/'\ndisableKinds = ['taxonomy', 'term', 'section']\n" + TAXONOMIES
    root = write(tmp_path / "all", {**SITE, "hugo.toml": config})
    assert fates(root) == {
        "content/_index.md": LISTING,
        "content/authors/jane/_index.md": unmade("term"),
        "content/making/_index.md": unmade("section"),
        "content/making/press.md": ASSET,
        "content/tags/_index.md": unmade("taxonomy"),
    }
    assert dead_links(root) == ["/making/", "/tags/steel/", "/tags/", "/authors/jane/", "/authors/"]
    config = "baseURL = 'https://h.example/'\ndisableKinds = ['taxonomy', 'term']\n" + TAXONOMIES
    root = write(tmp_path / "taxonomies", {**SITE, "hugo.toml": config})
    assert fates(root)["content/making/_index.md"] == ASSET
    assert dead_links(root) == ["/tags/steel/", "/tags/", "/authors/jane/", "/authors/"]
    root = write(tmp_path / "none", {**SITE, "hugo.toml": "baseURL = 'https://h.example/'\n" + TAXONOMIES})
    assert fates(root)["content/authors/jane/_index.md"] == LISTING
    assert not {"/making/", "/tags/", "/authors/jane/", "/authors/"} & set(dead_links(root))


def test_hugo_disabled_page_kind_leaves_the_pages_out(tmp_path: Path) -> None:
    """disableKinds = ["page"] (a site of listings alone): Hugo writes no regular page, a leaf
    bundle's index.md neither; each is left out, saying why, and the home page stays."""
    root = write(tmp_path, {
        "stagemap.yml": SETTINGS,
        "hugo.toml": "disableKinds = ['Page', 'home']\n",
        "content/_index.md": "---\ntitle: Home\n---\nHello.\n",
        "content/kettles/copper.md": "---\ntitle: Copper\n---\nText.\n",
        "content/kettles/steel/index.md": "---\ntitle: Steel\n---\nText.\n",
    })  # fmt: skip
    assert fates(root) == {
        "content/_index.md": unmade("home"),
        "content/kettles/copper.md": unmade("page"),
        "content/kettles/steel/index.md": unmade("page"),
    }
    result = CliRunner().invoke(cli, ["-C", str(root), "check"])
    assert result.output.splitlines()[-3:] == [
        "Not read as assets: 3 of 3 files, on purpose",
        "  2 non-asset: a page page, of a kind the site's disableKinds turns off",
        "  1 non-asset: a home page, of a kind the site's disableKinds turns off",
    ]


@pytest.mark.parametrize(
    ("given", "kinds"),
    [
        (["taxonomy", "term"], ("taxonomy", "term")),
        (["taxonomy", "taxonomyTerm"], ("taxonomy", "term")),
        (["taxonomyTerm", "Taxonomy", "section"], ("section", "taxonomy", "term")),
        (["taxonomyTerm"], ("taxonomy",)),
        (["taxonomyTerm", "term"], ("taxonomy", "term")),
        (["taxonomy"], ("taxonomy",)),
        (["Section", "RSS", "sitemap", "404"], ("section",)),
        ("section", ()),
        (None, ()),
    ],
)
def test_hugo_disabled_kinds_are_read_as_hugo_reads_them(given: object, kinds: tuple[str, ...]) -> None:
    """Containerd's, Harbor's, Tekton's and Vitess's sites set disableKinds = ["taxonomy",
    "taxonomyTerm"], the names before Hugo 0.73, where taxonomy named the term pages: Hugo
    0.111.3 builds neither a taxonomy's page nor a term's for it, and stagemap turned off the
    taxonomy's alone (taxonomyTerm read as taxonomy). Beside taxonomy, taxonomyTerm turns both
    off now; alone it is taxonomy, as Hugo 0.111.3 reads it. In any case; kinds of other files
    (RSS, sitemap, 404) and a value that is no list are no pages' kinds."""
    assert disabled_kinds({"disableKinds": given}) == kinds
    assert disabled_kinds({"disablekinds": given}) == kinds


STEEL = {"content/tags/steel/_index.md": "---\ntitle: Steel\n---\n" + BREWING}
"""A term page of its own, in the taxonomy's folder."""


def test_hugo_the_old_names_of_the_taxonomy_kinds_turn_both_off(tmp_path: Path) -> None:
    """disableKinds = ["taxonomy", "taxonomyTerm"] (Vitess, Harbor): Hugo 0.111.3 builds the
    home page, /making/ and /making/press/ alone. stagemap had the term pages tags/steel/ and
    authors/jane/ listings, so links to them and to /tags/ and /authors/ (folders holding them,
    taken for sections) led to pages of the site."""
    config = "baseURL = 'https://h.example/'\ndisableKinds = ['taxonomy', 'taxonomyTerm']\n" + TAXONOMIES
    root = write(tmp_path, {**SITE, **STEEL, "hugo.toml": config})
    assert fates(root) == {
        "content/_index.md": LISTING,
        "content/authors/jane/_index.md": unmade("term"),
        "content/making/_index.md": ASSET,
        "content/making/press.md": ASSET,
        "content/tags/_index.md": unmade("taxonomy"),
        "content/tags/steel/_index.md": unmade("term"),
    }
    assert dead_links(root) == ["/tags/steel/", "/tags/", "/authors/jane/", "/authors/"]


def test_hugo_a_term_page_makes_no_section_where_the_taxonomy_page_is_off(tmp_path: Path) -> None:
    """disableKinds = ["taxonomy"] (Kustomize, Kueue, OpenTelemetry): Hugo 0.111.3 builds the
    term pages /tags/steel/ and /authors/jane/ and nothing at /tags/ or /authors/; stagemap
    took the folders holding the term pages for sections, so links to /tags/ and /authors/ led
    to pages of the site. A page of its own in the folder makes a section of it (Hugo builds
    /tags/ then, a section's list)."""
    config = "baseURL = 'https://h.example/'\ndisableKinds = ['taxonomy']\n" + TAXONOMIES
    root = write(tmp_path / "terms", {**SITE, **STEEL, "hugo.toml": config})
    assert fates(root) == {
        "content/_index.md": LISTING,
        "content/authors/jane/_index.md": LISTING,
        "content/making/_index.md": ASSET,
        "content/making/press.md": ASSET,
        "content/tags/_index.md": unmade("taxonomy"),
        "content/tags/steel/_index.md": LISTING,
    }
    assert dead_links(root) == ["/tags/", "/authors/"]
    notes = {"content/tags/notes.md": "---\ntitle: Notes\n---\nText.\n"}
    root = write(tmp_path / "notes", {**SITE, **STEEL, **notes, "hugo.toml": config})
    assert dead_links(root) == ["/authors/"]


def test_hugo_a_sites_own_taxonomies_are_known_where_tags_and_categories_are() -> None:
    """Checked this sitting (it already held): a taxonomy the configuration names, author =
    "authors", has its taxonomy and term pages known as such, as tags and categories are on a
    site that names none; a site naming its own has no others (Hugo 0.111.3: /categories/ is a
    section there)."""
    named = taxonomy_folders({"Taxonomies": {"author": "authors", "tag": "tags"}})
    assert named == frozenset({"authors", "tags"})
    subs = ("authors/_index.md", "authors/jane/_index.md", "categories/_index.md", "tags/red/_index.md")
    assert [hugo_kind(sub, named) for sub in subs] == ["taxonomy", "term", "section", "term"]
    assert [hugo_kind(sub, None) for sub in subs] == ["section", "section", "taxonomy", "term"]


LANGUAGES = {
    "stagemap.yml": SETTINGS.replace("path: content\n", "path: content/en\n"),
    "config/_default/hugo.toml": "baseURL = 'https://h.example/'\ndefaultContentLanguage = 'en'\n"
    "[taxonomies]\n  tag = 'tags'\n",
    "content/en/_index.md": "---\ntitle: Home\n---\nHello.\n",
    "content/en/authors/jane/_index.md": "---\ntitle: Jane\n---\n" + BREWING,
    "content/en/tags/_index.md": "---\ntitle: Tags\n---\n" + BREWING,
    "content/de/guides/entkalken.md": "---\ntitle: Entkalken\n---\nText.\n",
}
BOTH = "[en]\n  contentDir = 'content/en'\n  weight = 1\n[de]\n  contentDir = 'content/de'\n  weight = 2\n"
"""Both languages' folders, in a ``languages.toml``."""


@pytest.mark.parametrize(
    "files",
    [
        {"config/_default/languages.toml": BOTH.replace("[de]", "  [en.taxonomies]\n    author = 'authors'\n[de]")},
        {"config/_default/languages.toml": BOTH,
         "config/_default/languages.en.toml": "title = 'Kettles'\n[taxonomies]\n  author = 'authors'\n"},
        {"config/_default/languages.yaml":
            "en:\n  contentDir: content/en\n  taxonomies:\n    author: authors\nde:\n  contentDir: content/de\n"},
    ],
    ids=["languages.toml", "languages.en.toml", "languages.yaml"],
)  # fmt: skip
def test_hugo_a_config_folders_languages_file_is_read_as_the_main_files_languages(
    tmp_path: Path, files: dict[str, str]
) -> None:
    """A configuration folder holding the languages beside hugo.toml (config/_default/languages.toml
    or .yaml; or a file per language, as Let's Encrypt's languages.en.toml, its contentDir
    there): the default language's taxonomies there were not read, so its term page
    authors/jane/_index.md, a list on the site (Hugo 0.111.3 builds /authors/jane/ and no
    /tags/), was an asset; and a languages.en.toml beside a languages.toml replaced what that
    said of English, its contentDir with it, so init read content/ whole, German too. They
    are read as the main file's languages are: the language's taxonomies in place of the site's."""
    root = write(tmp_path, {**LANGUAGES, **files})
    assert fates(root) == {
        "content/en/_index.md": LISTING,
        "content/en/authors/jane/_index.md": LISTING,
        "content/en/tags/_index.md": ASSET,
    }
    found = detect_site(root)
    assert found is not None
    assert ([s.path for s in found.sources], found.translations) == (["content/en"], ("content/de/",))


def test_hugo_a_section_page_below_a_leaf_bundle_is_one_of_its_resources(tmp_path: Path) -> None:
    """Hugo 0.111.3 lists fitting/saddle/_index.md, below the leaf bundle fitting/index.md,
    among the bundle's resources, as it does fitting/saddle/height.md, and makes no page of
    either; stagemap had the _index.md a listing (a page of the site at /fitting/saddle/). Its
    fate says resource now; one beside an index.md stays a listing (Hugo warns: pick one)."""
    root = write(tmp_path, {
        "stagemap.yml": SETTINGS,
        "content/fitting/index.md": "---\ntitle: Fitting\n---\nText.\n",
        "content/fitting/notes.md": "---\ntitle: Notes\n---\nText.\n",
        "content/fitting/saddle/_index.md": "---\ntitle: Saddle\n---\n" + BREWING,
        "content/fitting/saddle/height.md": "---\ntitle: Height\n---\nText.\n",
        "content/frames/index.md": "---\ntitle: Frames\n---\nText.\n",
        "content/frames/_index.md": "---\ntitle: Frame notes\n---\nText.\n",
    })  # fmt: skip
    resource = ("non-asset", "resource", "a resource of the page bundle 'content/fitting/index.md'")
    assert fates(root) == {
        "content/fitting/index.md": ASSET,
        "content/fitting/notes.md": resource,
        "content/fitting/saddle/_index.md": resource,
        "content/fitting/saddle/height.md": resource,
        "content/frames/_index.md": LISTING,
        "content/frames/index.md": ASSET,
    }


def test_hugo_section_pages_are_read_once_a_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """KEDA's docs: each of its 18 section pages was read from disk twice while loading (for its
    cascade, then again for its prose), 39 reads; hugoDocs' 64, 127 reads. Each is read once
    now, and the one that is a page once more, as a page (KEDA: 21 reads)."""
    root = write(tmp_path, {**SITE, "hugo.toml": "baseURL = 'https://h.example/'\n" + TAXONOMIES})
    read = stagemap.read.assets.read_content
    counts: dict[str, int] = {}

    def counting(path: str, rel: str) -> bytes | stagemap.Problem:
        if rel.startswith("content/"):  # (not the configuration file)
            counts[rel] = counts.get(rel, 0) + 1
        return read(path, rel)

    monkeypatch.setattr(stagemap.read.assets, "read_content", counting)
    stagemap.load_project(root)
    assert counts == {
        "content/_index.md": 1,
        "content/authors/jane/_index.md": 1,
        "content/making/_index.md": 2,
        "content/making/press.md": 1,
        "content/tags/_index.md": 1,
    }


def test_hugo_a_folder_holding_index_and_index_pages_is_no_leaf_bundle(tmp_path: Path) -> None:
    """Seen by a review of the rule above: in a folder holding both an index.md and an
    _index.md, Hugo 0.111.3 makes a section of it (the branch bundle wins; it warns), and
    fitting/saddle/ below is a section of its own (/fitting/saddle/ and /fitting/saddle/height/
    are built, /fitting/notes/ too); stagemap took the folder for a leaf bundle, so
    saddle/_index.md, holding prose, and every page there were resources of index.md. They
    are pages; the _index.md beside index.md stays a listing."""
    root = write(tmp_path, {
        "stagemap.yml": SETTINGS,
        "content/fitting/_index.md": "---\ntitle: Fitting list\n---\n",
        "content/fitting/index.md": "---\ntitle: Fitting\n---\nText.\n",
        "content/fitting/notes.md": "---\ntitle: Notes\n---\nText.\n",
        "content/fitting/saddle/_index.md": "---\ntitle: Saddle\n---\n" + BREWING,
        "content/fitting/saddle/height.md": "---\ntitle: Height\n---\nText.\n",
    })  # fmt: skip
    assert fates(root) == {
        "content/fitting/_index.md": LISTING,
        "content/fitting/index.md": ASSET,
        "content/fitting/notes.md": ASSET,
        "content/fitting/saddle/_index.md": ASSET,
        "content/fitting/saddle/height.md": ASSET,
    }


def test_hugo_a_config_folders_files_are_merged_in_the_order_of_their_names(tmp_path: Path) -> None:
    """Hugo 0.111.3 reads config/_default/ in the order of its files' names, a later one's
    values over an earlier one's, key by key: languages.toml over languages.en.toml (it builds
    content/en, not content/english; authors is a taxonomy there and writers a section, tags a
    taxonomy too). stagemap had languages.en.toml win: init read content/english, and writers
    was the taxonomy."""
    files = {
        **LANGUAGES,
        "config/_default/languages.toml": BOTH.replace(
            "[de]", "  [en.taxonomies]\n    author = 'authors'\n[de]"
        ),
        "config/_default/languages.en.toml": "contentDir = 'content/english'\n[taxonomies]\n"
        "  author = 'writers'\n  tag = 'tags'\n",
        "content/en/writers/_index.md": "---\ntitle: Writers\n---\n" + BREWING,
        "content/english/_index.md": "---\ntitle: Home\n---\nHello.\n",
    }
    root = write(tmp_path, files)
    found = detect_site(root)
    assert found is not None
    assert [s.path for s in found.sources] == ["content/en"]
    assert fates(root) == {
        "content/en/_index.md": LISTING,
        "content/en/authors/jane/_index.md": LISTING,
        "content/en/tags/_index.md": LISTING,
        "content/en/writers/_index.md": ASSET,
    }


def test_hugo_every_language_file_of_the_config_folder_is_a_site_file(tmp_path: Path) -> None:
    """Let's Encrypt keeps its languages in config/_default/languages.<lang>.toml: stagemap
    reads the default language's taxonomies there, but site_files named languages.toml alone,
    so build, which vouches for a site by those files, did not see an edit to
    languages.en.toml. With the project's folder, every languages.<lang>.* file there is one."""
    root = write(tmp_path / "own", {
        "config/_default/hugo.toml": "baseURL = 'https://h.example/'\n",
        "config/_default/languages.en.toml": "weight = 1\n",
        "config/_default/languages.de.yaml": "weight: 2\n",
        "config/_default/languages.toml": "[fr]\n  weight = 3\n",
        "config/_default/menus.en.toml": "[[main]]\n  name = 'Blog'\n",
        "config/_default/languages.en.toml.bak": "weight = 1\n",
    })  # fmt: skip
    named = site_files("hugo", "", root)
    assert named[len(site_files("hugo")) :] == (
        "config/_default/languages.de.yaml",
        "config/_default/languages.en.toml",
    )
    inner = write(tmp_path / "inner", {"site/config/_default/languages.nl.toml": "weight = 1\n"})
    assert site_files("hugo", "site", inner)[-1] == "site/config/_default/languages.nl.toml"
