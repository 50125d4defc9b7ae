"""Files of a real site that are not pages as the generator reads them: empty files, names
Jekyll never reads, files a permalink makes of another kind; keys given twice as the site's
YAML loader reads them."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import stagemap
from stagemap.cli.app import cli
from tests.conftest import write

JEKYLL: dict[str, str | bytes] = {
    "_config.yml": "title: Tidewater\ncollections:\n  widgets:\n    output: true\n",
    "_widgets/empty.md": "",
    "_widgets/blank.md": "\n  \n",
    "_widgets/dial.md": "---\ntitle: Dial\nlayout: widget\nlayout: wide\n---\nTurn it slowly.\n",
    "pages/_scratch.md": "---\ntitle: Scratch\npermalink: /scratch/\n---\nNotes to self.\n",
    "pages/~draft.md": "---\ntitle: Draft\n---\nNot yet.\n",
    "pages/harbour.md": "---\ntitle: Harbour\n---\nWhere the boats sleep.\n",
}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_jekyll_leaves_empty_files_and_special_names_out_and_keeps_a_repeated_keys_last_value(
    tmp_path: Path,
) -> None:
    """The U.S. Web Design System's site has 85 empty Markdown files in its collections: each was
    an error, check exited 1 and the build made error pages of them; Jekyll copies them as they
    are. Its _figure.md was read as a page, which Jekyll never reads; 5 of its pages give a key
    twice and were left out with an error, where Jekyll's loader keeps the last value."""
    root = write(tmp_path / "site", JEKYLL)
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert out.splitlines()[3:8] == [
        "Read as assets: 2, 2 of them without stages or questions",
        "Not read as assets: 6 of 8 files, on purpose",
        "  2 non-asset: a name Jekyll never reads (it starts with _, # or ~)",
        "  2 non-asset: an empty file: the site makes no page of it",
        "  2 non-asset: not a content file by its ending",
    ]
    code, out, err = run("-C", str(root), "check")
    assert code == 0
    assert [line for line in err.splitlines() if "_widgets" in line] == [
        "_widgets/dial.md:4:1: warning: duplicate key 'layout' (the site keeps this value, not line 3's: keep one)"
    ]
    library = stagemap.load_project(root).library
    assert {a.path: a.extra.get("layout") for a in library.assets} == {
        "_widgets/dial.md": "wide",
        "pages/harbour.md": None,
    }


def test_a_key_given_twice_stops_the_page_where_the_sites_loader_refuses_it(tmp_path: Path) -> None:
    """js-yaml, which Docusaurus reads front matter with, stops the build on a key given twice."""
    root = write(
        tmp_path / "site",
        {
            "docusaurus.config.js": "module.exports = { title: 'Tide', url: 'https://tide.example' };\n",
            "docs/dial.md": "---\ntitle: Dial\ntitle: Knob\n---\nTurn it.\n",
        },
    )
    assert run("init", str(root))[0] == 0
    code, _, err = run("-C", str(root), "check")
    assert code == 1
    assert "docs/dial.md:3:1: error: duplicate key 'title' (first defined on line 2; keep one)" in err


def test_an_eleventy_template_that_writes_a_servers_own_file_is_no_page(tmp_path: Path) -> None:
    """The Sass site writes Netlify's redirect rules from _redirects.liquid (permalink: /_redirects):
    it was a published asset titled 'Redirects'."""
    root = write(
        tmp_path / "site",
        {
            "eleventy.config.js": "module.exports = () => ({ dir: { input: 'src' } });\n",
            "src/_redirects.liquid": "---\npermalink: /_redirects\n---\n/old /new 301\n",
            "src/about.md": "---\ntitle: About\npermalink: /about\n---\nWho we are.\n",
        },
    )
    assert run("init", str(root))[0] == 0
    library = stagemap.load_project(root).library
    assert [a.path for a in library.assets] == ["src/about.md"]
    assert {f.path: f.kind for f in library.fates if f.fate == "non-asset"} == {
        "src/_redirects.liquid": "not a page"
    }


def test_hugos_configuration_keys_are_read_in_any_case(tmp_path: Path) -> None:
    """rclone's config.json says "baseurl": init said the configuration gave no address. A site
    whose config.toml says contentdir = "pages" (and has no content/) was not taken for a Hugo
    site at all: init made a new stagemap project inside it."""
    root = write(
        tmp_path / "rclone-like",
        {
            "config.toml": 'baseurl = "https://tools.example/"\ncontentdir = "pages"\n',
            "pages/about.md": "---\ntitle: About\n---\nWe copy files.\n",
        },
    )
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert out.splitlines()[:2] == [
        f"Wrote {root / 'stagemap.yml'}; nothing else was written.",
        "Found a Hugo site (config.toml); sources: pages/.",
    ]
    assert "\n  base: https://tools.example/\n" in (root / "stagemap.yml").read_text()
    assert not (root / "content").exists()


def test_a_docusaurus_address_made_of_constants_is_worked_out_or_not_written(tmp_path: Path) -> None:
    """Capacitor's docs say url: `https://${HOSTNAME}` and baseUrl: `${BASE_URL}/`, both plain
    constants: init wrote base: https://${HOSTNAME}/ and every page's address held the template."""
    config = (
        "const HOST = 'docs.tide.example';\nconst BASE = '/guide';\nmodule.exports = {\n"
        "  title: 'Tide guide',\n  url: `https://${HOST}`,\n  baseUrl: `${BASE}/`,\n};\n"
    )
    site = {"docusaurus.config.js": config, "docs/start.md": "---\ntitle: Start\n---\nText.\n"}
    root = write(tmp_path / "tide", site)
    assert run("init", str(root))[0] == 0
    assert "\n  base: https://docs.tide.example/guide/\n" in (root / "stagemap.yml").read_text()
    assert [a.url for a in stagemap.load_project(root).library.assets] == [
        "https://docs.tide.example/guide/docs/start"
    ]
    # A constant the code works out gives no address, rather than a wrong one.
    unknown = {**site, "docusaurus.config.js": config.replace("'docs.tide.example'", "process.env.HOST")}
    root = write(tmp_path / "tide2", unknown)
    assert run("init", str(root))[0] == 0
    assert "\n  base:" not in (root / "stagemap.yml").read_text()
    # Written down by hand, such an address is refused with the reason.
    settings = (
        (root / "stagemap.yml")
        .read_text()
        .replace("# urls:\n#   base: https://www.example.com/", "urls:\n  base: https://${HOST}/")
    )
    (root / "stagemap.yml").write_text(settings)
    code, _, err = run("-C", str(root), "check")
    assert code == 2
    assert "error: 'base' holds a template's placeholder: https://${HOST}/ (write the address" in err


def test_a_text_fragment_is_no_heading_and_a_missing_part_is_placed_where_it_is_written(
    tmp_path: Path,
) -> None:
    """rclone's and Argo CD's docs link '#formats:~:text=...' (a text fragment: the browser finds
    words, not a heading) and '#no%20such,heading': both were warned at the body's first line,
    with no column."""
    root = write(
        tmp_path / "site",
        {
            "config.toml": 'title = "T"\n',
            "content/export.md": "---\ntitle: Export\n---\n## Formats\n\nText.\n",
            "content/guide.md": (
                "---\ntitle: Guide\n---\nIntro.\n\n[formats](/export/#formats:~:text=Some%20text) and"
                " [t](/export/#:~:text=x)\n\n[this](/export/#no%20such,heading)\n"
            ),
        },
    )
    assert run("init", str(root))[0] == 0
    code, _, err = run("-C", str(root), "check", "--links")
    assert code == 0
    assert [line.split(" (")[0] for line in err.splitlines() if line.startswith("content/")] == [
        "content/guide.md:8:8: warning: link to '/export/#no%20such,heading' finds no heading 'no such,heading' on 'Export'"
    ]


def test_a_docusaurus_link_that_starts_with_the_base_path_is_not_given_it_twice(tmp_path: Path) -> None:
    """Capacitor's docs (baseUrl /docs/) link [Capacitor Config](/docs/config): it became
    https://capacitorjs.com/docs/docs/config, where Docusaurus adds its base path only once."""
    root = write(
        tmp_path / "site",
        {
            "docusaurus.config.js": (
                "module.exports = {\n  title: 'Acme',\n  url: 'https://acme.example.org',\n  baseUrl: '/guide/',\n"
                "  presets: [['classic', { docs: { routeBasePath: '/' } }]],\n};\n"
            ),
            "docs/setup.md": "---\ntitle: Setup\n---\n## Ports\n\nText.\n",
            "docs/start.md": "---\ntitle: Start\n---\nSee [the setup](/guide/setup#ports), [again](/setup#ports).\n",
        },
    )
    assert run("init", str(root))[0] == 0
    code, _, err = run("-C", str(root), "build", "-o", str(tmp_path / "out"))
    assert (code, err) == (0, "")
    page = (tmp_path / "out/assets/start.html").read_text()
    assert 'See <a href="setup.html#h-ports">the setup</a>, <a href="setup.html#h-ports">again</a>.' in page


def test_front_matter_mkdocs_cannot_read_is_the_pages_text_with_a_warning(tmp_path: Path) -> None:
    """Argo CD's docs have 4 pages whose YAML front matter does not parse: they were left out with
    an error, where MkDocs publishes them with the block as text."""
    root = write(
        tmp_path / "site",
        {
            "mkdocs.yml": "site_name: Tide\n",
            "docs/p.md": '---\ntitle: T\nauthors:\n- "@a"\n  extra: x\n---\n# Proposal\n\nText.\n',
        },
    )
    assert run("init", str(root))[0] == 0
    code, _, err = run("-C", str(root), "check")
    assert code == 0
    assert [line for line in err.splitlines() if line.startswith("docs/")] == [
        "docs/p.md:5:3: warning: YAML syntax error: did not find expected key (MkDocs shows such front"
        " matter as the page's text: fix it, or take the block out)"
    ]
    assert [(a.path, a.title) for a in stagemap.load_project(root).library.assets] == [
        ("docs/p.md", "Proposal")
    ]


def test_an_empty_file_is_a_page_where_a_file_without_front_matter_is_one(tmp_path: Path) -> None:
    """A review: MkDocs 1.6 builds an empty docs/later.md as the page 'Later': it was left out as
    'an empty file'. An unknown YAML tag is shown as text by MkDocs too."""
    root = write(
        tmp_path / "site",
        {
            "mkdocs.yml": "site_name: Tide\n",
            "docs/index.md": "# Home\n",
            "docs/later.md": "",
            "docs/tagged.md": "---\ntitle: Tagged\nwhen: !custom 2020\n---\n# Tagged page\n",
        },
    )
    assert run("init", str(root))[0] == 0
    assert [(a.path, a.title) for a in stagemap.load_project(root).library.assets] == [
        ("docs/index.md", "Home"),
        ("docs/later.md", "Later"),
        ("docs/tagged.md", "Tagged page"),
    ]


def test_two_versions_side_by_side_are_both_read_unless_the_site_names_one(tmp_path: Path) -> None:
    """A review: an API's v1/ and v2/, both live, had v1 left out as an older version."""
    files: dict[str, str | bytes] = {"hugo.toml": 'title = "T"\n'}
    for version in ("v1", "v2"):
        for page in ("users", "orders"):
            files[f"content/api/{version}/{page}.md"] = f"---\ntitle: {page} {version}\n---\nText.\n"
    root = write(tmp_path / "site", files)
    assert run("init", str(root))[0] == 0
    assert len(stagemap.load_project(root).library.assets) == 4
    files["hugo.toml"] = 'title = "T"\n[params]\nlatest_stable_version = "v2"\n'
    root = write(tmp_path / "named", files)
    assert run("init", str(root))[0] == 0
    assert sorted(a.path for a in stagemap.load_project(root).library.assets) == [
        "content/api/v2/orders.md",
        "content/api/v2/users.md",
    ]


def test_a_missing_part_is_placed_at_the_link_that_names_it_in_its_own_case(tmp_path: Path) -> None:
    """A review: on MkDocs, whose ids are matched exactly, the warning for '#Install' was placed
    at an earlier working '#install' link."""
    root = write(
        tmp_path / "site",
        {
            "mkdocs.yml": "site_name: Tide\n",
            "docs/b.md": "# B\n\n## Install\n\nText.\n",
            "docs/a.md": "# A\n\nSee [ok](b.md#install) first, then [bad case](b.md#Install).\n",
        },
    )
    assert run("init", str(root))[0] == 0
    _, _, err = run("-C", str(root), "check", "--links")
    assert [line.split(" finds")[0] for line in err.splitlines() if line.startswith("docs/")] == [
        "docs/a.md:3:47: warning: link to 'b.md#Install'"
    ]


def test_jekyll_reads_a_name_starting_with_an_underscore_that_its_include_list_names(tmp_path: Path) -> None:
    """A review: `include: [_pages, _special.md]` makes Jekyll read _special.md and what _pages/
    holds, _under.md too; the new rule for names Jekyll never reads left them out."""
    root = write(
        tmp_path / "site",
        {
            "_config.yml": "title: T\ninclude: [_pages, _special.md]\n",
            "_special.md": "---\ntitle: Special\n---\nText.\n",
            "_pages/_under.md": "---\ntitle: Under\n---\nText.\n",
            "_other.md": "---\ntitle: Other\n---\nText.\n",
        },
    )
    assert run("init", str(root))[0] == 0
    library = stagemap.load_project(root).library
    assert sorted(a.path for a in library.assets) == ["_pages/_under.md", "_special.md"]
    assert [f.path for f in library.fates if f.kind == "ignored"] == ["_other.md"]


def test_hugo_paths_with_spaces_and_front_matter_after_a_blank_line(tmp_path: Path) -> None:
    """Kustomize's docs keep 27 of 56 pages in folders named with spaces ('Kustomization File/'):
    their addresses kept the spaces, where Hugo makes them hyphens. Two of its posts open with a
    blank line before their front matter, which Hugo reads: they got made-up titles and dates."""
    root = write(
        tmp_path / "site",
        {
            "hugo.toml": 'baseURL = "https://example.org/"\n[permalinks]\nnews = "/:section/:year/:slug/"\n',
            "content/guide/First Steps/tuning.md": "---\ntitle: Tuning\n---\nTurn them.\n",
            "content/news/launch.md": '\n---\ntitle: "Launch day"\ndate: 2024-03-05\n---\nWe shipped.\n',
        },
    )
    assert run("init", str(root))[0] == 0
    assert [(a.title, a.url) for a in stagemap.load_project(root).library.assets] == [
        ("Tuning", "https://example.org/guide/first-steps/tuning/"),
        ("Launch day", "https://example.org/news/2024/launch-day/"),
    ]


def test_mike_versions_and_jekyll_categories_with_spaces_give_the_live_address(tmp_path: Path) -> None:
    """hatch's docs are versioned with mike (extra.version.provider: mike): all 82 addresses
    lacked the /latest/ folder the site serves them from. A Jekyll post in the category 'Field
    Notes' is at /field%20notes/...: its address held a space."""
    root = write(
        tmp_path / "mk",
        {
            "mkdocs.yml": "site_name: Fx\nsite_url: https://fx.example/\nextra:\n  version:\n    provider: mike\n",
            "docs/install.md": "# Install\n",
        },
    )
    assert run("init", str(root))[0] == 0
    assert [a.url for a in stagemap.load_project(root).library.assets] == [
        "https://fx.example/latest/install/"
    ]
    root = write(
        tmp_path / "jk",
        {
            "_config.yml": "url: https://example.org\npermalink: /:categories/:title/\n",
            "_posts/2020-03-01-spring.md": "---\ntitle: Spring notes\ncategories: [Field Notes]\n---\nText.\n",
            "index.md": "---\ntitle: Home\n---\nRead [spring](/field%20notes/spring/).\n",
        },
    )
    assert run("init", str(root))[0] == 0
    assert [a.url for a in stagemap.load_project(root).library.assets] == [
        "https://example.org/field%20notes/spring/",
        "https://example.org/",
    ]
    code, _, err = run("-C", str(root), "build", "-o", str(tmp_path / "out"))
    assert (code, err) == (0, "")
    assert (
        '<a href="posts/2020-03-01-spring.html">spring</a>'
        in (tmp_path / "out/assets/index.html").read_text()
    )
