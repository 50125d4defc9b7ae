"""The pages a Hugo site lists that no content file stands for, and those it does not render:
taxonomy and term pages made from front matter, sections and pages whose build options say
``render: never``; and a root configuration file read with the configuration folder beside it.
Each fixture was built with Hugo 0.111.3 (``hugo -d /tmp/...``) and its public/ listed."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import stagemap
from stagemap.analyse.hugoroutes import term_path
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
