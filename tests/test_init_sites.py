"""`stagemap init` in the root of each fixture site, then at most one settings edit, then a report.

Per site, the commands are: `stagemap init`, append `EDITS[site]` to stagemap.yml (the one
settings edit: listing pages and data folders the generator's conventions cannot tell from
pages), `stagemap report`. The site's own files never change.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import stagemap
from stagemap.cli.app import cli
from stagemap.model.library import Vocabulary
from stagemap.read.assets import parse_asset
from stagemap.read.astro import collection_routes
from stagemap.read.gatsby import named_folders
from stagemap.read.mkdocsnav import nav_titles
from stagemap.read.settings import config_from_data
from stagemap.read.versions import configured_version
from tests.conftest import write
from tests.fixture_sites import SETTINGS, copy_site, expected, tree_hashes

SITE_NAMES = sorted(SETTINGS)

EDITS = {
    "astro": "",
    "docusaurus": "non_assets:\n  listing: [getting-started/index.mdx, customers/index.md]\n",
    "gatsby": "non_assets:\n  listing: [customers/index.mdx, product/index.mdx]\n  data: [team/]\n",
    "hugo": "non_assets:\n  legal: [legal/]\n",  # (its pricing and about sections hold prose: pages)
    "jekyll": "non_assets:\n  listing: [/index.md, /customers.md, docs/index.md, blog/index.html]\n  error-page: [/404.md]\n",
    "mkdocs": 'non_assets:\n  listing: ["*/index.md", "!about/index.md"]\n',
}
"""The one settings edit each site needs after init, appended to stagemap.yml."""

FATES_AFTER_INIT = {
    "astro": {"asset": 22, "non-asset": 8, "problem": 1},
    "docusaurus": {"asset": 25, "non-asset": 7, "problem": 1},
    "gatsby": {"asset": 32, "non-asset": 7, "problem": 1},
    "hugo": {"asset": 32, "non-asset": 13, "problem": 1},
    "jekyll": {"asset": 29, "excluded": 2, "non-asset": 13, "problem": 1},
    "mkdocs": {"asset": 32, "non-asset": 5},  # (its broken front matter is text there: a warning)
}
"""Counts by fate of the files under the sources init chose, before the edit."""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def initialised(folder: Path, files: dict[str, str | bytes]) -> Path:
    """Write a site of ``files`` into ``folder`` and run ``stagemap init`` there (it must succeed)."""
    root = write(folder, files)
    assert run("init", str(root))[0] == 0
    return root


@pytest.mark.parametrize("site", SITE_NAMES)
def test_init_in_a_site_then_one_edit_reads_it_as_the_answer_key_says(site: str, tmp_path: Path) -> None:
    root = copy_site(site, tmp_path, settings=False)
    before = tree_hashes(root)
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert out.startswith(f"Wrote {root.as_posix()}/stagemap.yml; nothing else was written.\n")
    project = stagemap.load_project(root)
    assert dict(Counter(f.fate for f in project.library.fates)) == FATES_AFTER_INIT[site]
    with (root / "stagemap.yml").open("a", encoding="utf-8") as settings:
        settings.write(EDITS[site])
    library = stagemap.load_project(root).library
    answer = expected(site)["files"]
    read = {f.path for f in library.fates}
    want = {p for p, f in answer.items() if f["fate"] == "asset"}
    assert {a.path for a in library.assets} == want & read
    internal = {p for p, f in answer.items() if f.get("audience") == "internal"}
    assert {a.path for a in library.assets if a.audience == "internal"} == internal
    code, _, _ = run("-C", str(root), "report")
    assert code in (0, 1)
    after = tree_hashes(root)
    assert {k: v for k, v in after.items() if k in before} == before
    assert {k.split("/")[0] for k in after if k not in before} <= {"stagemap.yml", ".stagemap-cache"}


def test_init_says_what_it_found_in_a_hugo_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_site("hugo", tmp_path, settings=False)
    monkeypatch.chdir(root)
    assert run("init") == (
        0,
        "Wrote stagemap.yml; nothing else was written.\n"
        "Found a Hugo site (hugo.toml); sources: content/.\n"
        "Files under the sources: 46 (.md 44, .json 1, .png 1)\n"
        "Read as assets: 32, 32 of them without stages or questions\n"
        "Problems: 1 file ('stagemap check' shows why): content/blog/quoting-checklist.md\n"
        "Not read as assets: 13 of 46 files, on purpose\n"
        "  8 non-asset: listing by '_index.md'\n"
        "  2 non-asset: not a content file by its ending\n"
        "  1 non-asset: a section page Hugo renders none of (render: never)\n"
        "  1 non-asset: headless: true (the site publishes no page for it)\n"
        "  1 non-asset: resource of a page bundle (a folder with an index page)\n"
        "Outside the sources, not looked at: EXPECTED.yml, README.md, archetypes/, data/, hugo.toml, "
        "layouts/, static/\n"
        "Internal material (audience internal): handbook/\n"
        "Next: check the sources and excludes in stagemap.yml, then run 'stagemap report'; "
        "'stagemap suggest' proposes stages and questions for untagged pages.\n",
        "",
    )
    text = (root / "stagemap.yml").read_text()
    assert "generator: hugo\n" in text
    assert '  - path: content\n    url: "/{path}/"\n' in text
    assert "urls:\n  base: https://www.tallyvan.example/\n" in text
    assert "docs/settings.md in the stagemap source" in text
    assert (
        run("init")[2]
        == "Error: stagemap.yml already exists; init never overwrites, so nothing was written\n"
    )


def test_init_reads_mkdocs_and_jekyll_settings_for_internal_material(tmp_path: Path) -> None:
    mkdocs = copy_site("mkdocs", tmp_path, settings=False)
    jekyll = copy_site("jekyll", tmp_path, settings=False)
    assert run("init", str(mkdocs))[0] == run("init", str(jekyll))[0] == 0
    assert 'audiences:\n  internal: ["internal/"]\n' in (mkdocs / "stagemap.yml").read_text()
    text = (jekyll / "stagemap.yml").read_text()
    # A collection with output: false is a source of its own, for the team
    assert "  - path: _handbook\n    audience: internal\n" in text and "\naudiences:" not in text
    # _config.yml's own excludes are covered already; then the folders build and kits write to
    assert '"/README.md", "/Gemfile*", "/site/", "/kits/"]\n' in text
    assert "urls:\n  base: https://binloom.example/\n" in text
    # Only folders of what is read: Pydantic's package (pydantic/_internal/, beside its docs)
    # was named internal material, a glob that matched nothing read.
    write(mkdocs, {"fernhill/_internal/rota.py": "X = 1\n", "fernhill/handbook/notes.md": "# Notes\n"})
    (mkdocs / "stagemap.yml").unlink()
    assert run("init", str(mkdocs))[0] == 0
    assert 'audiences:\n  internal: ["internal/"]\n' in (mkdocs / "stagemap.yml").read_text()


def test_build_and_kits_work_with_their_defaults_on_a_jekyll_site_read_from_its_root(tmp_path: Path) -> None:
    """The whole repository is the source: init leaves out site/ and kits/, and says Jekyll would publish them."""
    root = write(
        tmp_path / "blog",
        {
            "_config.yml": "title: Blog\nexclude: [kits]\n",
            "_posts/2026-01-02-a.md": "---\ntitle: A\n---\nText.\n",
        },
    )
    code, out, _ = run("init", str(root))
    assert code == 0
    assert (
        "Jekyll publishes every folder its exclude list does not name: add site/ to 'exclude' in "
        "_config.yml, or the site and kits stagemap writes there go out with your public site.\n"
    ) in out
    code, out, err = run("-C", str(root), "build", "--as-of", "2026-03-01")
    assert (code, out.startswith("Built "), (root / "site" / "index.html").is_file()) == (0, True, True)
    code, out, err = run("-C", str(root), "kits", "--as-of", "2026-03-01")
    assert (code, (root / "kits" / "index.md").is_file()) == (0, True)
    code, out, err = run("-C", str(root), "build", "--as-of", "2026-03-01")
    assert (code, out.split(" (")[1]) == (
        0,
        f"0 files changed, 0 removed); open {root.as_posix()}/site/index.html\n",
    )
    code, out, err = run("-C", str(root), "build", "-o", str(root / "out"))
    assert (code, err) == (
        2,
        f"Error: refusing to build into {root / 'out'}: it is inside a source folder ({root}); leave it "
        "out of the source that holds it (add '/out/' to that source's 'exclude' in stagemap.yml) or "
        "choose a folder outside the sources\n",
    )
    code, out, _ = run("-C", str(root), "check", "--format", "json")
    fates = {f["path"]: f["reason"] for f in json.loads(out)["files"]}
    assert (
        fates["site/index.html"] == "excluded by '/site/'"
        and fates["kits/index.md"] == "excluded by '/kits/'"
    )


def test_a_jekyll_site_read_from_its_root_links_to_its_own_files_from_pages_and_posts(tmp_path: Path) -> None:
    """With _posts as the first source, every other file of the site was outside the content
    folder: a page's ``img/van.png`` and a post's ``../img/van.png`` led nowhere and were left
    out of the built pages (Jekyll's own docs, run from their folder)."""
    root = initialised(
        tmp_path / "blog",
        {
            "_config.yml": "title: Blog\nurl: https://blog.example\n",
            "_posts/2026-01-02-a.md": "---\ntitle: A\n---\n![Van](../img/van.png) ![Rota](/img/rota.png)\n",
            "about.md": "---\ntitle: About\n---\n![Van](img/van.png) [Sheet](docs/rates.pdf)\n",
            "img/van.png": b"\x89PNG\r\n\x1a\n",
            "img/rota.png": b"\x89PNG\r\n\x1a\n",
            "docs/rates.pdf": b"%PDF-1.4\n",
        },
    )
    code, _, err = run("-C", str(root), "check", "--links")
    assert (code, [line for line in err.splitlines() if "nowhere" in line]) == (0, [])
    # Never stagemap's own files (a review: signals/ and a copy of the settings were published).
    write(root, {"signals/crm.csv": "deal,stage\n", "stagemap.yml.bak": "name: x\n"})
    write(
        root,
        {
            "about.md": "---\ntitle: About\n---\n![Van](img/van.png) [Sheet](docs/rates.pdf)\n\n[CRM](signals/crm.csv) [Old](stagemap.yml.bak)\n"
        },
    )
    code, _, err = run("-C", str(root), "check", "--links")
    assert [line.split(" (")[0] for line in err.splitlines() if "nowhere" in line] == [
        "about.md:6:7: warning: link to 'signals/crm.csv' leads nowhere",
        "about.md:6:30: warning: link to 'stagemap.yml.bak' leads nowhere",
    ]
    assert run("-C", str(root), "build", "--as-of", "2026-03-01")[0] == 0
    assert (
        not (root / "site/files/~/signals").exists() and not (root / "site/files/~/stagemap.yml.bak").exists()
    )
    about = (root / "site/assets/about.html").read_text()
    assert (
        '<img src="../files/~/img/van.png" alt="Van"> <a href="../files/~/docs/rates.pdf">Sheet</a>' in about
    )
    assert (root / "site/files/~/img/van.png").read_bytes() == b"\x89PNG\r\n\x1a\n"
    assert not (root / "site/files/~/_posts").exists()


def test_a_jekyll_sites_assets_folder_is_served_though_it_holds_no_pages(tmp_path: Path) -> None:
    """Jekyll copies assets/ to the site: init leaves it out of the pages, and so the picture a
    post showed from '/assets/img/cup.png' was taken from the live site, never copied."""
    root = initialised(
        tmp_path / "blog",
        {
            "_config.yml": "title: Blog\nurl: https://blog.example\n",
            "_posts/2026-01-02-a.md": "---\ntitle: A\n---\n![Cup](/assets/img/cup.png)\n",
            "assets/img/cup.png": b"\x89PNG\r\n\x1a\ncup",
            "assets/notes.md": "---\ntitle: Not a page here\n---\n",
        },
    )
    assert run("-C", str(root), "build", "--as-of", "2026-03-01")[0] == 0
    post = (root / "site/assets/posts/2026-01-02-a.html").read_text()
    assert '<img src="../../public/assets/img/cup.png" alt="Cup">' in post
    assert (root / "site/public/assets/img/cup.png").read_bytes() == b"\x89PNG\r\n\x1a\ncup"
    assert [a.path for a in stagemap.load_project(root).library.assets] == ["_posts/2026-01-02-a.md"]


def test_build_refuses_an_output_folder_inside_any_source(tmp_path: Path) -> None:
    """Only the first source (the content folder) was checked: a build could write into blog/."""
    root = initialised(
        tmp_path / "website",
        {
            "docusaurus.config.js": "module.exports = {title: 'D', url: 'https://d.example'}\n",
            "docs/a.md": "---\ntitle: A\n---\nText.\n",
            "blog/2024-01-02-b.md": "---\ntitle: B\n---\nText.\n",
        },
    )
    code, _, err = run("-C", str(root), "build", "-o", str(root / "blog" / "out"))
    assert (code, err) == (
        2,
        f"Error: refusing to build into {root / 'blog' / 'out'}: it is inside a source folder ({root / 'blog'}); "
        "leave it out of the source that holds it (add '/out/' to that source's 'exclude' in stagemap.yml) "
        "or choose a folder outside the sources\n",
    )
    assert not (root / "blog" / "out").exists()


def test_init_names_the_project_after_the_site_and_reads_its_address_past_comments(tmp_path: Path) -> None:
    """The name was the folder's ('website', 'src'), and a commented-out or nested url was taken for the site's."""
    config = (
        "// @ts-check\n/* url: 'https://draft.example', */\nmodule.exports = {\n"
        "  // url: 'https://old.example',\n  image: {url: 'https://cdn.example/logo.png'},\n"
        "  title: 'Pebble Books',\n  url: 'https://pebble.example',\n"
        "  themeConfig: {navbar: {title: 'Docs'}},\n};\n"
    )
    root = initialised(
        tmp_path / "website", {"docusaurus.config.js": config, "docs/a.md": "---\ntitle: A\n---\n"}
    )
    text = (root / "stagemap.yml").read_text()
    assert "\nname: Pebble Books\n" in text and "urls:\n  base: https://pebble.example/\n" in text
    for config_file, body, name in [
        ("hugo.toml", "title = 'Tally Van'\n", "Tally Van"),
        ("mkdocs.yml", "site_name: Birch Wall\n", "Birch Wall"),
        ("_config.yml", "title: Bin Loom\n", "Bin Loom"),
        ("_config.yml", "name: Bin Loom Docs\n", "Bin Loom Docs"),  # Jekyll's own docs say 'name'
    ]:
        site = initialised(
            tmp_path / name.replace(" ", "-"),
            {config_file: body, "content/a.md": "", "docs/a.md": ""},
        )
        assert f"\nname: {name}\n" in (site / "stagemap.yml").read_text()


def test_init_reads_a_multilingual_hugo_site_from_its_default_language(tmp_path: Path) -> None:
    """content/en mounted or set as contentDir is served from the root: /en/docs/alpha/ led nowhere."""
    pages = {
        "content/en/docs/alpha.md": "---\ntitle: Alpha\n---\nSee [beta](/docs/beta/).\n",
        "content/en/docs/beta.md": "---\ntitle: Beta\n---\nText.\n",
        "content/fr/docs/alpha.md": "---\ntitle: Alpha (fr)\n---\nTexte.\n",
    }
    configs = {
        "languages": "[languages.en]\ncontentDir = 'content/en'\n[languages.fr]\ncontentDir = 'content/fr'\n",
        "mounts": (
            "[[module.mounts]]\nsource = 'content/en'\ntarget = 'content'\n"
            "[module.mounts.sites.matrix]\nlanguages = ['en']\n"
            "[[module.mounts]]\nsource = 'content/fr'\ntarget = 'content'\nlang = 'fr'\n"
        ),
    }
    for name, config in configs.items():
        root = write(tmp_path / name, {"hugo.toml": "baseURL = 'https://h.example/'\n" + config, **pages})
        code, out, _ = run("init", str(root))
        assert code == 0
        assert "Found a Hugo site (hugo.toml); sources: content/en/.\n" in out
        assert (
            "Other languages, not read (their pages translate these, at the same paths): content/fr/\n" in out
        )
        assert '  - path: content/en\n    url: "/{path}/"\n' in (root / "stagemap.yml").read_text()
        library = stagemap.load_project(root).library
        assert [a.url for a in library.assets] == [
            "https://h.example/docs/alpha/",
            "https://h.example/docs/beta/",
        ]
        assert run("-C", str(root), "check")[0] == 0
    root = initialised(
        tmp_path / "subdir",
        {
            "hugo.toml": "defaultContentLanguageInSubdir = true\nbaseURL = 'https://h.example/'\n"
            + configs["languages"],
            **pages,
        },
    )
    assert '  - path: content/en\n    url: "/en/{path}/"\n' in (root / "stagemap.yml").read_text()


def test_material_page_badges_are_not_read_as_the_status_of_an_mkdocs_page(tmp_path: Path) -> None:
    """``status: new`` is Material for MkDocs' badge: check failed on a healthy site, and the page became a draft."""
    root = initialised(
        tmp_path / "docs-site",
        {
            "mkdocs.yml": "site_name: S\n",
            "docs/new.md": "---\ntitle: New\nstatus: new\n---\nText.\n",
            "docs/old.md": "---\ntitle: Old\nstatus: deprecated\n---\nText.\n",
            "docs/typo.md": "---\ntitle: Typo\nstatus: publised\n---\nText.\n",
        },
    )
    code, _, err = run("-C", str(root), "check")
    assert code == 1 and [line for line in err.splitlines() if "error" in line] == [
        "docs/typo.md:3:9: error: unknown status 'publised' (did you mean 'published'?)"
    ]
    statuses = {a.path: a.status for a in stagemap.load_project(root).library.assets}
    assert statuses == {"docs/new.md": "published", "docs/old.md": "published", "docs/typo.md": "draft"}


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("config.yaml", "baseURL: https://fernhill.example/\n"),
        ("config.yml", "baseURL: https://fernhill.example/\n"),
        ("config.json", '{"baseURL": "https://fernhill.example/"}\n'),
        ("hugo.json", '{"baseURL": "https://fernhill.example/"}\n'),
    ],
)
def test_init_finds_a_hugo_site_by_its_older_or_json_configuration(
    tmp_path: Path, name: str, text: str
) -> None:
    """gRPC's site keeps Hugo's settings in config.yaml: init took it for no site (174 pages, every one
    an error for lack of stages); hugo.json's address was not read."""
    files = {name: text, "content/docs/rota.md": "---\ntitle: Rota\n---\nText.\n"}
    root = initialised(tmp_path / "site", files)
    settings = (root / "stagemap.yml").read_text()
    assert "generator: hugo\n" in settings and "  base: https://fernhill.example/\n" in settings
    assert run("-C", str(root), "check")[0] == 0
    # Without a content folder, a config.yaml is too common a name to mean Hugo.
    root = write(tmp_path / "other", {name: text, "docs/rota.md": "# Rota\n"})
    if name != "hugo.json":
        assert run("init", str(root))[1].startswith("Created a stagemap project")
        assert "generator:" not in (root / "stagemap.yml").read_text()


def test_init_without_an_address_says_so(tmp_path: Path) -> None:
    root = write(
        tmp_path / "site", {"astro.config.mjs": "export default {}\n", "src/pages/about.md": "# About\n"}
    )
    code, out, _ = run("init", str(root))
    assert code == 0
    assert (
        out.splitlines()[-2]
        == "No public site address in astro.config.mjs: set urls.base so that kits link to public pages."
    )
    assert "# urls:\n#   base: https://www.example.com/\n" in (root / "stagemap.yml").read_text()


def test_filling_in_the_address_init_left_out_gives_one_urls_block(tmp_path: Path) -> None:
    """With other urls settings (Hugo's lowercase), init wrote a commented urls block for the
    address and a real one below it: uncommenting the first, as it said to, made a duplicate key."""
    root = write(tmp_path / "site", {"hugo.toml": "title = 'Vans'\n", "content/about.md": "# About\n"})
    assert run("init", str(root))[0] == 0
    settings = root / "stagemap.yml"
    text = settings.read_text()
    assert "urls:\n  # base: https://www.example.com/\n  # Hugo makes its paths lower case" in text
    settings.write_text(text.replace("  # base: https://www.example.com/", "  base: https://vans.example/"))
    _, _, err = run("-C", str(root), "check")
    assert "duplicate key" not in err
    assert stagemap.load_project(root).library.assets[0].url == "https://vans.example/about/"


def test_init_in_a_new_folder_writes_a_gitignore_only_when_there_is_none(tmp_path: Path) -> None:
    assert run("init", str(tmp_path / "new"))[0] == 0
    assert (tmp_path / "new/.gitignore").read_text() == (
        "# What stagemap writes: the built site, message kits and the parse cache.\nsite/\nkits/\n.stagemap-cache/\n"
    )
    write(tmp_path / "old", {".gitignore": "node_modules\n/site/\n"})
    code, out, _ = run("init", str(tmp_path / "old"))
    assert code == 0
    assert "Add to .gitignore: kits/ .stagemap-cache/ (init leaves an existing .gitignore alone)\n" in out
    assert (tmp_path / "old/.gitignore").read_text() == "node_modules\n/site/\n"


def test_init_problems_count_every_file_check_gives_an_error(tmp_path: Path) -> None:
    """A page with a wrong stage is still read (tags are optional on a site) but check reports it:
    init's Problems line names it too, as check does."""
    root = write(
        tmp_path,
        {
            "hugo.toml": "title = 'H'\nbaseURL = 'https://h.example/'\n",
            "content/a.md": "---\ntitle: A\nstages: [awarenes]\n---\n",
            "content/b.md": "---\ntitle: [B\n---\n",
            "content/c.md": "---\ntitle: C\n---\n",
        },
    )
    code, out, _ = run("init", str(root))
    assert code == 0
    assert "Problems: 2 files ('stagemap check' shows why): content/a.md, content/b.md\n" in out
    code, _, err = run("-C", str(root), "check")
    assert code == 1
    assert {line.split(":")[0] for line in err.splitlines() if ": error: " in line} == {
        "content/a.md",
        "content/b.md",
    }


def test_init_gives_every_source_but_the_first_an_id_prefix(tmp_path: Path) -> None:
    """docs/intro.md and blog/intro.md would share the id 'intro': init parts them by source."""
    root = copy_site("docusaurus", tmp_path, settings=False)
    write(root, {"blog/intro.md": "---\ntitle: Hello\n---\nFirst post.\n"})
    assert run("init", str(root))[0] == 0
    text = (root / "stagemap.yml").read_text()
    assert (
        '  - path: blog\n    url: "/blog/{post}"\n    id: blog/  # in front of its pages\' ids: blog/intro\n'
        in text
    )
    assert '  - path: docs\n    url: "/docs/{doc}"\n  - path: blog\n' in text
    project = stagemap.load_project(root)
    assert project.library.by_id["blog/intro"].path == "blog/intro.md"
    assert project.library.by_id["intro"].path == "docs/intro.md"
    assert not [p for p in project.library.problems if p.code == "duplicate-id"]


def test_init_mkdocs_without_directory_urls_routes_pages_to_html_files(tmp_path: Path) -> None:
    root = initialised(
        tmp_path,
        {
            "mkdocs.yml": "site_name: S\nsite_url: https://s.example/\nuse_directory_urls: false\n",
            "docs/index.md": "# Home\n",
            "docs/guide/setup.md": "# Setup\n",
        },
    )
    assert '  - path: docs\n    url: "/{file}.html"\n' in (root / "stagemap.yml").read_text()
    assert [a.url for a in stagemap.load_project(root).library.assets] == [
        "https://s.example/guide/setup.html",
        "https://s.example/index.html",
    ]


@pytest.mark.parametrize(
    ("config_file", "config", "base"),
    [
        (
            "docusaurus.config.js",
            "module.exports = {\n  url: 'https://d.example',\n  baseUrl: '/handbook/',\n};\n",
            "https://d.example/handbook/",
        ),
        (
            "docusaurus.config.js",
            "module.exports = {\n  url: 'https://d.example',\n  baseUrl: '/',\n};\n",
            "https://d.example/",
        ),
        (
            "astro.config.mjs",
            "export default {\n  site: 'https://a.example',\n  base: '/docs',\n};\n",
            "https://a.example/docs/",
        ),
        # An Astro configuration on one line: its site was not read (every page had no address).
        (
            "astro.config.mjs",
            "export default defineConfig({ site: 'https://a.example', integrations: [] });\n",
            "https://a.example/",
        ),
    ],
)
def test_init_puts_the_path_a_site_is_served_under_in_its_address(
    tmp_path: Path, config_file: str, config: str, base: str
) -> None:
    """Docusaurus' baseUrl and Astro's base are part of every page's address: links left them out."""
    folder = "docs" if config_file.startswith("docusaurus") else "src/pages"
    root = initialised(tmp_path, {config_file: config, f"{folder}/a.md": "---\ntitle: A\n---\n"})
    assert f"urls:\n  base: {base}\n" in (root / "stagemap.yml").read_text()
    (asset,) = stagemap.load_project(root).library.assets
    assert asset.url == base + ("docs/a" if folder == "docs" else "a/")  # Docusaurus: no last slash


def test_init_reads_an_mkdocs_configuration_that_inherits_another(tmp_path: Path) -> None:
    """FastAPI's docs for each language hold only 'INHERIT: ../en/mkdocs.yml': init named the
    project after its folder, read the whole repository and found no address. MkDocs deep-merges
    the file INHERIT names under the one that names it, which wins; a loop is read once."""
    root = initialised(
        tmp_path / "site",
        {
            "base.yml": "INHERIT: mkdocs.yml\nsite_name: Acme Docs\nsite_url: https://docs.acme.example/\ndocs_dir: pages\n"
            "theme: {name: material, palette: {primary: red}}\n",
            "mkdocs.yml": "INHERIT: base.yml\ntheme: {palette: {accent: blue}}\n",
            "pages/index.md": "# Welcome\n",
        },
    )
    text = (root / "stagemap.yml").read_text()
    assert (
        "\nname: Acme Docs\n" in text
        and "  - path: pages\n" in text
        and "  base: https://docs.acme.example/\n" in text
    )
    assert [a.url for a in stagemap.load_project(root).library.assets] == ["https://docs.acme.example/"]


def test_mkdocs_pages_are_titled_by_their_nav_entry(tmp_path: Path) -> None:
    """Pydantic's reference pages (``::: pydantic.config``, no heading) were titled by their
    file's name ('Config'), not as the site titles them in nav ('Configuration'): 65 of 89."""
    nav = (
        "nav:\n  - Home: index.md\n  - Reference:\n      - Configuration: api/config.md\n"
        "      - api/plain.md\n      - 'Van rota': ./rota.md\n  - Issues: https://x.example/issues\n"
        "  - Again: api/config.md\n  - Titled: titled.md\n"
    )
    root = initialised(
        tmp_path / "site",
        {
            "mkdocs.yml": "site_name: S\nsite_url: https://s.example/\ndocs_dir: pages\n" + nav,
            "pages/index.md": "# Welcome aboard\n",
            "pages/api/config.md": "::: fernhill.config\n",
            "pages/api/plain.md": "# Plain\n",
            "pages/rota.md": "Text.\n",
            "pages/titled.md": "---\ntitle: Its own\n---\n# Heading\n",
        },
    )
    library = stagemap.load_project(root).library
    assert {a.path: a.title for a in library.assets} == {
        "pages/api/config.md": "Configuration",  # the first entry of two
        "pages/api/plain.md": "Plain",  # no title in nav: its heading
        "pages/index.md": "Home",
        "pages/rota.md": "Van rota",
        "pages/titled.md": "Its own",  # its own title field wins (MkDocs would show nav's)
    }


def test_init_reads_mkdocs_draft_docs_as_drafts_and_leaves_its_templates_folder_out(tmp_path: Path) -> None:
    """MkDocs builds draft_docs pages only in preview and never builds docs/templates/."""
    root = write(
        tmp_path,
        {
            "mkdocs.yml": "site_name: S\nsite_url: https://s.example/\ndraft_docs: |\n  # ideas\n  ideas/\n  *.wip.md\n",
            "docs/index.md": "# Home\n",
            "docs/ideas/pricing.md": "# Pricing ideas\n",
            "docs/plans.wip.md": "---\ntitle: Plans\nstatus: published\n---\nText.\n",
            "docs/templates/page.md": "# A page to copy\n",
        },
    )
    code, out, _ = run("init", str(root))
    assert code == 0
    assert "Drafts (status draft, as mkdocs.yml says): ideas/, *.wip.md\n" in out
    assert (
        "# From mkdocs.yml's draft_docs: pages it builds only in preview, drafts here.\n"
        'drafts: ["ideas/", "*.wip.md"]\n'
    ) in (root / "stagemap.yml").read_text()
    library = stagemap.load_project(root).library
    assert {a.path: a.status for a in library.assets} == {
        "docs/ideas/pricing.md": "draft",
        "docs/index.md": "published",
        "docs/plans.wip.md": "published",  # its own status wins, as with any drafts glob
    }
    fate = next(f for f in library.fates if f.path == "docs/templates/page.md")
    assert (fate.fate, fate.kind) == ("non-asset", "template")


STARLIGHT_CONFIG = """import starlight from '@astrojs/starlight';
const site = process.env.PREVIEW || 'https://docs.example/';
export default defineConfig({
  site,
  api: { cache: true },
  integrations: [starlight({
    title: 'Docs',
    %s
    locales: {
      %s
      de: { label: 'Deutsch' },
      'pt-br': { label: 'Português do Brasil', lang: 'pt-BR' },
    },
  })],
});
"""


@pytest.mark.parametrize(
    ("root_locale", "folder", "pattern", "url"),
    [
        (True, "src/content/docs", "/{entry}/", "https://docs.example/guides/setup/"),
        (False, "src/content/docs/en", "/en/{entry}/", "https://docs.example/en/guides/setup/"),
    ],
)
def test_init_reads_a_starlight_site_from_its_docs_collection_and_leaves_translations_out(
    tmp_path: Path, root_locale: bool, folder: str, pattern: str, url: str
) -> None:
    """Starlight serves src/content/docs/guides/setup.md at /guides/setup/: init read src/content
    (so /docs/guides/setup/), every link between pages led nowhere, and each translation was an
    asset of its own."""
    english = "" if root_locale else "en/"
    config = STARLIGHT_CONFIG % (
        "" if root_locale else "defaultLocale: 'en',",
        "root: { label: 'English', lang: 'en' }," if root_locale else "en: { label: 'English' },",
    )
    root = write(
        tmp_path,
        {
            "astro.config.mjs": config,
            f"src/content/docs/{english}guides/setup.md": "---\ntitle: Setup\n---\nSee [the FAQ](/{english}faq/).\n",
            f"src/content/docs/{english}faq.md": "---\ntitle: FAQ\n---\nAnswers.\n",
            f"src/content/docs/{english}reference/Beta Notes.md": "---\ntitle: Beta\nslug: beta/route\n---\n",
            f"src/content/docs/{english}reference/Error Codes.md": "---\ntitle: Errors\n---\n",
            "src/content/docs/de/guides/setup.md": "---\ntitle: Einrichtung\n---\nText.\n",
            "src/content/docs/pt-br/faq.md": "---\ntitle: Perguntas\n---\nTexto.\n",
            "src/content/i18n/de.json": "{}\n",
            # A folder named like a key of the configuration that is no locale ('api: {').
            f"src/content/docs/{english}api/index.md": "---\ntitle: API\n---\n",
            # Starlight's own page for an address with no page (its guide says to add one so).
            f"src/content/docs/{english}404.md": "---\ntitle: Not found\n---\nNo page here.\n",
        },
    )
    code, out, _ = run("init", str(root))
    assert code == 0
    text = (root / "stagemap.yml").read_text()
    assert f'  - path: {folder}\n    url: "{pattern}"\n' in text
    assert "urls:\n  base: https://docs.example/\n" in text
    assert (
        "Other languages, not read (their pages translate these, at the same paths): "
        "src/content/docs/de/, src/content/docs/pt-br/\n"
    ) in out
    project = stagemap.load_project(root)
    # A slug is the whole route (under the locale's); a path is lower case, spaces as hyphens.
    assert sorted(a.url for a in project.library.assets) == [
        url.replace("guides/setup", "api"),
        url.replace("guides/setup", "beta/route"),
        url.replace("guides/setup", "faq"),
        url,
        url.replace("guides/setup", "reference/error-codes"),
    ]
    assert run("-C", str(root), "check")[0] == 0  # the link to the FAQ leads to its page
    fate = next(f for f in project.library.fates if f.path == f"src/content/docs/{english}404.md")
    assert (fate.fate, fate.kind) == ("non-asset", "error-page")


ASTRO_COLLECTIONS = """import { defineCollection } from 'astro:content';
import { glob, file } from 'astro/loaders';

const posts = defineCollection({
  loader: glob({ pattern: '**/*.{md,mdx}', base: './src/content/posts' }),
});
const news = defineCollection({ loader: glob({ pattern: '*.md', base: "src/data/news" }) });
const faq = defineCollection({ loader: glob({ pattern: '*.md', base: 'src/content/faq' }) });
const people = defineCollection({ loader: file('src/data/people.json') });
export const collections = { blog: posts, news, faq, people };
"""


def _lists(name: str, extra: str = "") -> str:
    return f"---\nimport {{ getCollection }} from 'astro:content';\nconst all = await getCollection('{name}');\n{extra}---\n"


@pytest.mark.parametrize(
    ("config", "imported"),
    [
        (
            "import { langs } from './config/langs';\n",
            "export const langs = {\n  en: { label: 'English' },\n  de: { label: 'Deutsch' },\n};\n",
        ),
        ("import langs from './config/langs.mjs';\n", "export default {\n  en: {},\n  de: {},\n};\n"),
        ("const langs = {\n  en: { label: 'English' },\n  de: { label: 'Deutsch' },\n};\n", ""),
        # A review: a comment naming the locales was taken for where they are set.
        ("// Starlight reads these locales\nconst langs = {\n  en: {},\n  de: {},\n};\n", ""),
    ],
)
def test_init_finds_starlights_locales_where_the_configuration_names_them(
    tmp_path: Path, config: str, imported: str
) -> None:
    """Astro's docs keep their locales in config/locales.ts ('locales: localesConfig'): all 14
    languages were read, 2,569 pages instead of 420; 'defaultLocale' within a line was missed."""
    files = {
        "astro.config.mjs": (
            "import starlight from '@astrojs/starlight';\n"
            + config
            + "export default {\n  site: 'https://d.example',\n"
            "  integrations: [starlight({ title: 'D', defaultLocale: 'en', locales: langs })],\n};\n"
        ),
        "src/content/docs/en/intro.md": "---\ntitle: Intro\n---\n",
        "src/content/docs/de/intro.md": "---\ntitle: Einstieg\n---\n",
    }
    if imported:
        files["config/langs.mjs" if "mjs" in config else "config/langs.ts"] = imported
    root = write(tmp_path, files)
    code, out, _ = run("init", str(root))
    assert code == 0
    assert '  - path: src/content/docs/en\n    url: "/en/{entry}/"\n' in (root / "stagemap.yml").read_text()
    assert (
        "Other languages, not read (their pages translate these, at the same paths): src/content/docs/de/\n"
        in out
    )


def test_init_routes_astro_collections_as_the_pages_that_list_them_do(tmp_path: Path) -> None:
    """An Astro collection is served where the page listing it says (``src/pages/articles/[...slug].astro``
    calling ``getCollection('blog')``), not at its folder: init read the Capgo-like layout (a
    ``blog`` collection in src/content/posts/en/ routed at /blog/<slug>/) as /posts/en/<name>/."""
    root = write(
        tmp_path,
        {
            "astro.config.mjs": "export default {\n  site: 'https://shop.example',\n};\n",
            "src/content.config.ts": ASTRO_COLLECTIONS,
            "src/content/posts/en/first-look.md": (
                "---\ntitle: First look\nslug: first-look\n---\nThe [launch](/news/launch/).\n"
            ),
            "src/content/posts/en/Second Try.md": "---\ntitle: Second try\n---\nText.\n",
            "src/data/news/launch.md": "---\ntitle: Launch\n---\nRead [the first look](/articles/first-look/).\n",
            "src/content/faq/refunds.md": "---\ntitle: Refunds\n---\nText.\n",
            "src/data/people.json": "[]\n",
            # The page of each entry, beside pages that list the same collection otherwise.
            "src/pages/articles/[...slug].astro": _lists("blog"),
            "src/pages/articles/tag/[tag].astro": _lists("blog"),
            "src/pages/archive/[...page].astro": _lists("blog", "export const pages = paginate(all);\n"),
            "src/pages/[lang]/articles/[slug].astro": _lists("blog"),
            "src/pages/news/[id]/index.astro": _lists("news").replace("'news'", '"news"'),
            # Two pages route the FAQ equally well: no guess.
            "src/pages/help/[slug].astro": _lists("faq"),
            "src/pages/support/[slug].astro": _lists("faq"),
        },
    )
    code, out, _ = run("init", str(root))
    assert code == 0
    assert out.splitlines()[1] == (
        "Found an Astro site (astro.config.mjs); sources: src/content/posts/, src/data/news/, "
        "src/content/, src/pages/."
    )
    text = (root / "stagemap.yml").read_text()
    assert '  - path: src/content/posts\n    url: "/articles/{entry}/"\n    id: posts/' in text
    assert '  - path: src/data/news\n    url: "/news/{entry}/"\n    id: news/' in text
    assert '  - path: src/content\n    url: "/{path}/"\n  - path: src/pages\n' in text
    library = stagemap.load_project(root).library
    assert sorted((a.id, a.url) for a in library.assets) == [
        ("faq/refunds", "https://shop.example/faq/refunds/"),
        ("news/launch", "https://shop.example/news/launch/"),
        ("posts/en/Second Try", "https://shop.example/articles/en/second-try/"),
        ("posts/en/first-look", "https://shop.example/articles/first-look/"),
    ]
    # Each link leads to the page it names, without the public site.
    settings = (root / "stagemap.yml").read_text().replace("urls:\n  base: https://shop.example/\n", "")
    (root / "stagemap.yml").write_text(settings)
    code, _, err = run("-C", str(root), "check", "--links")
    assert code == 0 and "leads nowhere" not in err


def test_astro_collections_without_a_configuration_are_the_folders_of_src_content(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "src/content/customers/tidewell.md": "---\ntitle: Tidewell\n---\n",
            "src/content/guides/setup.md": "---\ntitle: Setup\n---\n",
            "src/pages/stories/[slug].astro": _lists("customers"),
            "elsewhere/[slug].astro": _lists("guides"),
        },
    )
    (root / "src/pages/docs").mkdir()
    (root / "src/pages/docs/[slug].astro").symlink_to(root / "elsewhere/[slug].astro")
    # A page linked in from elsewhere is not read: the guides have no route of their own.
    assert collection_routes(root) == {"src/content/customers": "/stories/{entry}/"}


@pytest.mark.parametrize(("bare", "dressed", "read"), [(6, 5, True), (5, 5, False), (4, 0, False)])
def test_init_reads_pages_without_front_matter_when_they_are_most_of_a_gatsby_site(
    tmp_path: Path, bare: int, dressed: int, read: bool
) -> None:
    """DVC's site (Gatsby) makes a page of every Markdown file in content/docs, 186 of 219 of
    them without front matter: init read 33 pages of 219 and said only 'no front matter'."""
    files: dict[str, str | bytes] = {"gatsby-config.js": "module.exports = {}\n"}
    files |= {f"content/docs/guide-{n}.md": f"# Guide {n}\n\nText.\n" for n in range(bare)}
    files |= {f"content/blog/post-{n}.md": f"---\ntitle: Post {n}\n---\nText.\n" for n in range(dressed)}
    root = write(tmp_path, files)
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    text = (root / "stagemap.yml").read_text()
    assert ("\npages_without_front_matter: true\n" in text) is read
    lines = out.splitlines()
    if read:
        assert (
            f"# {bare} of the {bare + dressed} content files have no front matter: Gatsby makes pages\n"
            in text
        )
        assert (
            f"Pages without front matter: {bare} of the {bare + dressed} content files have none, so Gatsby"
            " makes pages of them here: read as pages (pages_without_front_matter: true)"
        ) in lines
        assert len(stagemap.load_project(root).library.assets) == bare + dressed
    else:
        assert (
            f"{bare} content files without front matter, not read: if Gatsby makes pages of them, add"
            " 'pages_without_front_matter: true' to stagemap.yml"
        ) in lines
        assert len(stagemap.load_project(root).library.assets) == dressed


@pytest.mark.parametrize(
    ("slash", "end"), [("  trailingSlash: 'never',\n", ""), ("  trailingSlash: 'always',\n", "/")]
)
def test_init_reads_a_gatsby_sites_mdx_pages_and_their_trailing_slash(
    tmp_path: Path, slash: str, end: str
) -> None:
    """Theme UI's docs (Gatsby) say trailingSlash: 'never' in gatsby-config.js: its pages are at
    /hooks, and stagemap gave them /hooks/. Three of its src/pages/*.mdx have no front matter,
    pages all the same (gatsby-plugin-mdx has the page creator make one of each MDX file there),
    and were read as no asset. A Markdown file there that the plugin does not read stays one."""
    config = (
        "module.exports = {\n  siteMetadata: { siteUrl: 'https://ui.example' },\n"
        f"{slash}  plugins: ['gatsby-plugin-mdx'],\n}}\n"
    )
    files = {
        "gatsby-config.js": config,
        "src/pages/index.mdx": "# Welcome aboard\n\nText.\n",
        "src/pages/hooks.mdx": "---\ntitle: Hooks\n---\nText.\n",
        "src/pages/notes.md": "# Notes\n\nText.\n",
    }
    root = initialised(tmp_path, files)
    assert f'url: "/{{path}}{end}"' in (root / "stagemap.yml").read_text()
    code, out, _ = run("-C", str(root), "list", "--format", "json")
    assert code == 0
    assert [(a["path"], a["title"], a["url"]) for a in json.loads(out)["assets"]] == [
        ("src/pages/hooks.mdx", "Hooks", f"https://ui.example/hooks{end}"),
        ("src/pages/index.mdx", "Welcome aboard", "https://ui.example/"),
    ]


def test_init_leaves_out_the_mdx_files_gatsbys_page_creator_passes_over(tmp_path: Path) -> None:
    """A review of the Theme UI change: every MDX file of a Gatsby site's src/pages was taken for a
    page, and src/pages/_snippet.mdx got an address. gatsby-plugin-page-creator makes no page of
    a file whose name starts with '_', '.' or 'template-': those without front matter are no
    assets; a name that only holds '.test.' is an MDX page all the same (its test patterns are
    for JavaScript and TypeScript)."""
    files = {
        "gatsby-config.js": "module.exports = {\n  siteMetadata: { siteUrl: 'https://ui.example' },\n"
        "  plugins: ['gatsby-plugin-mdx'],\n}\n",
        "src/pages/index.mdx": "# Welcome aboard\n\nText.\n",
        "src/pages/_snippet.mdx": "A few words shown elsewhere.\n",
        "src/pages/guide/template-step.mdx": "# Step\n\nText.\n",
        "src/pages/widget.test.mdx": "# Widget test\n\nText.\n",
    }
    root = initialised(tmp_path, files)
    code, out, _ = run("-C", str(root), "list", "--format", "json")
    assert code == 0
    assert [(a["path"], a["url"]) for a in json.loads(out)["assets"]] == [
        ("src/pages/index.mdx", "https://ui.example/"),
        ("src/pages/widget.test.mdx", "https://ui.example/widget.test/"),
    ]


@pytest.mark.parametrize(
    ("config", "base"),
    [
        # DVC's: no semicolons, a preview address made of parts, the address the build uses last.
        (
            "const siteUrl = process.env.APP\n  ? `https://${process.env.APP}.example.app/`\n"
            "  : 'https://doc.example'\n\nmodule.exports = {\n  siteMetadata: {\n    siteUrl,\n  },\n}\n",
            "https://doc.example/",
        ),
        (
            "const SITE_URL = process.env.URL || 'https://www.example.org/';\n"
            "module.exports = {\n  siteMetadata: {\n    title: 'Ex',\n    siteUrl: SITE_URL,\n  },\n};\n",
            "https://www.example.org/",
        ),
        ("const siteUrl = `https://${process.env.HOST}`\nmodule.exports = {\n  siteUrl,\n}\n", ""),
        ("module.exports = {\n  siteUrl: process.env.SITE_URL,\n}\n", ""),
        # The address the site is built for, not the one a preview runs on.
        (
            'const siteUrl = process.env.NODE_ENV === "production" ? "https://www.example.com" : '
            '"http://localhost:8000"\nmodule.exports = {\n  siteUrl,\n}\n',
            "https://www.example.com/",
        ),
    ],
)
def test_init_reads_a_gatsby_sites_address_from_the_constant_its_configuration_names(
    tmp_path: Path, config: str, base: str
) -> None:
    """DVC's gatsby-config.js says ``siteUrl,`` after ``const siteUrl = ... : 'https://doc.dvc.org'``:
    init found no address, so kits would have linked to no public page."""
    root = initialised(tmp_path, {"gatsby-config.js": config, "content/a.md": "---\ntitle: A\n---\n"})
    text = (root / "stagemap.yml").read_text()
    if base:
        assert f"urls:\n  base: {base}\n" in text
    else:
        assert "# urls:\n#   base: https://www.example.com/\n" in text


def test_init_leaves_a_jekyll_sites_files_without_front_matter_alone(tmp_path: Path) -> None:
    """Jekyll copies a Markdown file without front matter as it is: no page, whatever their number."""
    files: dict[str, str | bytes] = {"_config.yml": "title: Ex\n", "about.md": "---\ntitle: About\n---\n"}
    files |= {f"notes/n{n}.md": f"# Note {n}\n" for n in range(6)}
    root = write(tmp_path, files)
    code, out, _ = run("init", str(root))
    assert code == 0
    assert "pages_without_front_matter" not in (root / "stagemap.yml").read_text() + out
    assert "  6 non-asset: no front matter" in out.splitlines()


def test_astro_collections_routed_as_a_review_found_they_should_be(tmp_path: Path) -> None:
    """What a review of the first version found: inline and commented collections were missed,
    a tag page alone routed a collection, a collection in another's folder was read as the
    other's, and a collection linked in from outside the site stopped init."""
    outside = write(tmp_path / "outside", {"x.md": "---\ntitle: X\n---\n"})
    config = (
        "export const collections: Record<string, unknown> = {\n"
        "  blog: defineCollection({ loader: glob({ base: './src/content/blog' }) }), // the posts\n"
        "  authors, // who writes them\n"
        "  tagged: defineCollection({ loader: glob({ base: 'src/content/tagged' }) }),\n"
        "  linked: defineCollection({ loader: glob({ base: 'src/content/linked' }) }),\n"
        "};\n"
        "const authors = defineCollection({ loader: glob({ base: 'src/content/blog/authors' }) });\n"
    )
    root = write(
        tmp_path / "site",
        {
            "astro.config.mjs": "export default {\n  site: 'https://shop.example',\n};\n",
            "src/content.config.ts": config,
            "src/content/blog/hello.md": "---\ntitle: Hello\n---\n",
            "src/content/blog/authors/ana.md": "---\ntitle: Ana\n---\n",
            "src/content/tagged/t.md": "---\ntitle: T\n---\n",
            "src/pages/blog/[slug].astro": _lists("blog"),
            "src/pages/people/[id].astro": _lists("authors"),
            "src/pages/tags/[tag].astro": _lists("tagged"),  # lists by tag: no entry's page
            "src/pages/linked/[slug].astro": _lists("linked"),
        },
    )
    (root / "src/content/linked").symlink_to(outside)
    assert collection_routes(root) == {
        "src/content/blog": "/blog/{entry}/",
        "src/content/blog/authors": "/people/{entry}/",
    }
    code, _, err = run("init", str(root))
    assert (code, err) == (0, "")
    library = stagemap.load_project(root).library
    assert sorted((a.id, a.url) for a in library.assets) == [
        ("blog/authors/ana", "https://shop.example/people/ana/"),
        ("blog/hello", "https://shop.example/blog/hello/"),
        ("tagged/t", "https://shop.example/tagged/t/"),
    ]


def test_a_starlight_sites_pages_keep_their_ids_beside_a_routed_collection(tmp_path: Path) -> None:
    config = STARLIGHT_CONFIG % ("", "root: { label: 'English', lang: 'en' },")
    root = write(
        tmp_path,
        {
            "astro.config.mjs": config,
            "src/content/docs/guides/setup.md": "---\ntitle: Setup\n---\n",
            "src/content/blog/launch.md": "---\ntitle: Launch\n---\n",
            "src/pages/blog/[...slug].astro": _lists("blog"),
        },
    )
    assert run("init", str(root))[0] == 0
    library = stagemap.load_project(root).library
    assert sorted((a.id, a.url) for a in library.assets) == [
        ("blog/launch", "https://docs.example/blog/launch/"),
        ("guides/setup", "https://docs.example/guides/setup/"),
    ]


def test_an_astro_sites_address_from_a_constant_keeps_its_base_path(tmp_path: Path) -> None:
    config = "const site = 'https://org.github.io';\nexport default defineConfig({\n  site,\n  base: '/repo',\n});\n"
    root = initialised(tmp_path, {"astro.config.mjs": config, "src/pages/a.md": "---\ntitle: A\n---\n"})
    assert "urls:\n  base: https://org.github.io/repo/\n" in (root / "stagemap.yml").read_text()


def test_init_routes_a_jekyll_sites_posts_collections_and_pages_as_the_answer_key_says(
    tmp_path: Path,
) -> None:
    """init wrote no URL pattern for Jekyll: on Jekyll's own docs 135 of 205 pages had no address.
    Now posts follow the site's permalink, collections theirs, pages the site's style."""
    root = copy_site("jekyll", tmp_path, settings=False)
    assert run("init", str(root))[0] == 0
    answer = expected("jekyll")
    base = answer["url"]["base"].rstrip("/")
    library = stagemap.load_project(root).library
    want = {
        p: base + f["url"] if f.get("url") else "" for p, f in answer["files"].items() if f["fate"] == "asset"
    }
    assert {a.path: a.url for a in library.assets if a.path in want} == want
    assert len(want) == 25  # every asset of the answer key, drafts and internal pages (no address) too


def test_init_reads_jekyll_collections_styles_and_the_folders_jekyll_ignores(tmp_path: Path) -> None:
    root = initialised(
        tmp_path,
        {
            "_config.yml": (
                "url: https://j.example\npermalink: none\ncollections_dir: parts\n"
                "collections: [recipes, old]\ninclude: [_pages]\nexclude: [parts/_old]\n"
            ),
            "parts/_old/gone.md": "---\ntitle: Gone\n---\n",
            "parts/_posts/2024-03-01-launch.md": "---\ntitle: Launch\ncategories: [News, Product]\n---\n",
            "parts/_recipes/soup.md": "---\ntitle: Soup\n---\n",
            "_drafts/idea.md": "---\ntitle: Idea\n---\n",
            "_notes/todo.md": "---\ntitle: To do\n---\n",
            "_pages/team.md": "---\ntitle: Team\npermalink: /about/:basename/\n---\n",
            "about.md": "---\ntitle: About\n---\n",
            "docs/index.md": "---\ntitle: Docs\n---\n",
        },
    )
    text = (root / "stagemap.yml").read_text()
    assert '  - path: parts/_posts\n    url: "/{categories}/{slug}.html"\n' in text
    assert "  - path: parts/_recipes\n    audience: internal\n" in text  # no output: true
    assert "path: parts/_old" not in text  # the site's own exclude list names it
    assert '  - path: .\n    url: "/{file}.html"\n' in text and '"/_notes/"' in text
    library = stagemap.load_project(root).library
    assert {a.path: (a.url, a.status) for a in library.assets} == {
        "parts/_posts/2024-03-01-launch.md": ("https://j.example/news/product/launch.html", "published"),
        "parts/_recipes/soup.md": ("", "published"),
        "_drafts/idea.md": ("", "draft"),  # a draft by its place: Jekyll builds no page of it
        "_pages/team.md": ("https://j.example/about/team/", "published"),
        "about.md": ("https://j.example/about.html", "published"),
        "docs/index.md": ("https://j.example/docs/", "published"),  # an index page: its folder's route
    }
    fate = next(f for f in library.fates if f.path == "_notes/todo.md")
    assert (fate.fate, fate.rule) == ("excluded", "/_notes/")


def test_init_routes_posts_in_a_folders_posts_and_index_pages_as_jekyll_does(tmp_path: Path) -> None:
    """On a site of 17 languages every news post (en/news/_posts/...) was routed as a page,
    '/en/news/_posts/2020-10-02-x/'; an index page was '/index.html' and '/blog/index.html'."""
    files = {
        "_config.yml": ("url: https://j.example\npermalink: pretty\nexclude: [old]\n"),
        "_posts/2024-03-06-pots.md": "---\ntitle: Pots\ncategories: [cook]\n---\n",
        # A review: posts in a folder the site excludes were read; a folder's capitals kept.
        "old/_posts/2020-01-01-gone.md": "---\ntitle: Gone\n---\n",
        "Blog/_posts/2021-02-03-b.md": "---\ntitle: B\n---\n",
        "en/news/_posts/2024-03-05-kettles.md": "---\ntitle: Kettles\n---\n",
        "en/news/_posts/old/2023-01-02-jugs.md": "---\ntitle: Jugs\ncategories: Sale\n---\n",
        "node_modules/x/_posts/2024-01-01-no.md": "---\ntitle: No\n---\n",
        "_drafts/_posts/2024-01-01-no.md": "---\ntitle: No\n---\n",
        "index.md": "---\ntitle: Home\n---\n",
        "blog/index.html": "---\ntitle: Blog\n---\n",
        "contact.md": "---\ntitle: Contact\n---\n",
    }
    root = initialised(tmp_path / "site", files)
    text = (root / "stagemap.yml").read_text()
    assert (
        '  - path: en/news/_posts\n    url: "/en/news/{categories}/{year}/{month}/{day}/{slug}/"\n'
        "    id: en/news/_posts/  # in front of its pages' ids: en/news/_posts/intro\n"
    ) in text
    assert text.count("_posts\n") == 3  # neither node_modules', a draft's nor an excluded folder's
    library = stagemap.load_project(root).library
    assert {a.id: a.url.removeprefix("https://j.example") for a in library.assets} == {
        "posts/2024-03-06-pots": "/cook/2024/03/06/pots/",
        "Blog/_posts/2021-02-03-b": "/blog/2021/02/03/b/",
        "en/news/_posts/2024-03-05-kettles": "/en/news/2024/03/05/kettles/",
        "en/news/_posts/old/2023-01-02-jugs": "/en/news/sale/2023/01/02/jugs/",  # _posts' own folders: none
        "index": "/",
        "blog/index": "/blog/",
        "contact": "/contact/",
        "_drafts/_posts/2024-01-01-no": "",
    }


@pytest.mark.parametrize(
    ("style", "contact", "post"),
    [
        ("", "/contact.html", "/news/2024/03/05/kettles.html"),
        ("permalink: /:title", "/contact", "/kettles"),
        ("permalink: /:categories/:title:output_ext", "/contact.html", "/news/kettles.html"),
        ("permalink: /:categories/:title/", "/contact/", "/news/kettles/"),
        ("permalink: weekdate", "/contact", ""),  # Jekyll adds nothing to a page for weekdate
    ],
)
def test_jekyll_pages_end_as_the_sites_permalink_style_says(
    tmp_path: Path, style: str, contact: str, post: str
) -> None:
    """Jekyll adds '.html' to a page's route only for its own styles or one ending in
    ':output_ext' ('/:title' gave '/contact.html'); an index page is its folder's, whatever the style."""
    files = {
        "_config.yml": f"url: https://j.example\n{style}\ncollections:\n  recipes: {{output: true}}\n",
        "news/_posts/2024-03-05-kettles.md": "---\ntitle: Kettles\n---\n",
        "_recipes/index.md": "---\ntitle: Recipes\n---\n",  # a document: the pages' index rule is not its
        "docs/index.md": "---\ntitle: Docs\n---\n",
        "contact.md": "---\ntitle: Contact\n---\n",
    }
    root = initialised(tmp_path / "site", files)
    library = stagemap.load_project(root).library
    recipes = "/recipes/" if contact.endswith("/") else f"/recipes/index{contact.removeprefix('/contact')}"
    assert {a.path: a.url.removeprefix("https://j.example") for a in library.assets} == {
        "_recipes/index.md": recipes,
        "contact.md": contact,
        "docs/index.md": "/docs/",
        "news/_posts/2024-03-05-kettles.md": post,
    }


def test_jekyll_post_url_links_a_post_whatever_its_ending(tmp_path: Path) -> None:
    """post_url led to '/_posts/NAME.md': a link to a .markdown post led nowhere."""
    root = initialised(
        tmp_path / "site",
        {
            "_config.yml": "title: P\nurl: https://p.example\n",
            "_posts/2024-01-01-one.md": "---\ntitle: One\n---\nSee [two]({% post_url 2024-01-02-two %}).\n",
            "_posts/2024-01-02-two.markdown": "---\ntitle: Two\n---\nText.\n",
        },
    )
    assert run("-C", str(root), "build", "-o", str(tmp_path / "out"))[0] == 0
    page = (tmp_path / "out/assets/posts/2024-01-01-one.html").read_text()
    assert '<p>See <a href="2024-01-02-two.html">two</a>.</p>' in page


def test_init_gives_jekyll_posts_no_address_in_styles_it_cannot_fill(tmp_path: Path) -> None:
    """'ordinal' and 'weekdate' need the day or week of the year: every post was '/ordinal'."""
    root = initialised(
        tmp_path / "site",
        {
            "_config.yml": "url: https://j.example\npermalink: ordinal\n",
            "_posts/2024-03-01-launch.md": "---\ntitle: Launch\n---\n",
        },
    )
    assert [a.url for a in stagemap.load_project(root).library.assets] == [""]


GATSBY_SOURCES = """// Where the site's files come from.
const path = require('path')

module.exports = {
  siteMetadata: {
    siteUrl: 'https://www.example.com',
    description: "resolve: 'gatsby-source-filesystem', path: 'src/old'",
  },
  plugins: [
    { resolve: 'gatsby-source-filesystem', options: { name: 'images', path: `${__dirname}/src/images` } },
    {
      resolve: `gatsby-source-filesystem`,
      options: {
        name: `posts`, // the blog
        path: `${__dirname}/src/posts`,
      },
    },
    { resolve: "gatsby-source-filesystem", options: { name: "stories", path: path.join(__dirname, "src", "stories") } },
    { resolve: 'gatsby-source-filesystem', options: { path: __dirname + '/content/events' } },
    /* { resolve: 'gatsby-source-filesystem', options: { path: `${__dirname}/src/old` } }, */
    { resolve: 'gatsby-source-filesystem', options: { path: `${process.env.DOCS}/docs` } },
    { resolve: 'gatsby-source-filesystem', options: { path: '../shared' } },
    `gatsby-plugin-mdx`,
  ],
}
"""


def test_init_reads_the_folders_a_gatsby_configuration_names(tmp_path: Path) -> None:
    """Cilium's site (Gatsby) keeps its 665 posts in src/posts, named only in gatsby-config.js:
    init read content/ and src/pages/, 44 pages of 707. Its posts' ``path`` is their route."""
    files: dict[str, str | bytes] = {
        "gatsby-config.js": GATSBY_SOURCES,
        "src/images/van.png": b"\x89PNG",
        "src/posts/2024-05-01-routes/index.md": "---\ntitle: Routes\npath: /blog/2024/05/01/routes\n---\nText.\n",
        "src/stories/brightwell.mdx": "---\ntitle: Brightwell\n---\nText.\n",
        "src/old/retired.md": "---\ntitle: Retired\n---\nText.\n",
        "content/events/meetup.md": "---\ntitle: Meetup\n---\nText.\n",
        "docs/intro.md": "---\ntitle: Intro\n---\nText.\n",
    }
    root = initialised(tmp_path, files)
    text = (root / "stagemap.yml").read_text()
    sources = [line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("  - path: ")]
    assert sources == ["src/posts", "src/stories", "content/events"]  # (content/: a guess, none named)
    library = stagemap.load_project(root).library
    assert {a.path: a.url for a in library.assets} == {
        "src/posts/2024-05-01-routes/index.md": "https://www.example.com/blog/2024/05/01/routes",
        "src/stories/brightwell.mdx": "https://www.example.com/brightwell/",
        "content/events/meetup.md": "https://www.example.com/meetup/",
    }


def test_init_reads_only_the_folders_a_gatsby_configuration_names_when_it_names_any(tmp_path: Path) -> None:
    """A Gatsby blog laid out as gatsby-starter-blog names content/blog alone as a source: init read
    content/ too (a guess), and a note kept in content/notes/ was listed as a published page with
    an address, which Gatsby never builds. The usual folders are read when none is named."""
    blog = "module.exports = {\n  plugins: [\n    { resolve: `gatsby-source-filesystem`, options: { path: `${__dirname}/content/blog` } },\n  ],\n}\n"
    files: dict[str, str | bytes] = {
        "gatsby-config.js": blog,
        "content/blog/hello/index.md": "---\ntitle: Hello\n---\nText.\n",
        "content/notes/todo.md": "---\ntitle: To do\n---\nText.\n",
        "src/pages/about.mdx": "---\ntitle: About\n---\nText.\n",
    }
    root = initialised(tmp_path / "named", files)
    assert sorted(a.path for a in stagemap.load_project(root).library.assets) == [
        "content/blog/hello/index.md",
        "src/pages/about.mdx",  # (Gatsby's own folder of pages)
    ]
    root = initialised(tmp_path / "none", {**files, "gatsby-config.js": "module.exports = { plugins: [] }\n"})
    assert sorted(a.path for a in stagemap.load_project(root).library.assets) == [
        "content/blog/hello/index.md",
        "content/notes/todo.md",
        "src/pages/about.mdx",
    ]


def test_init_leaves_out_folders_that_translate_their_parents_pages(tmp_path: Path) -> None:
    """Open Source Guides (Jekyll) keeps 13 articles in _articles/ and their translations in
    28 language folders beside them (_articles/de/best-practices.md): init read 379 pages,
    each article counted up to 29 times. A folder named for a language whose pages are its
    parent's, at the same paths, is a translation: excluded, and said so."""
    page = "---\ntitle: {}\n---\nText.\n"
    files: dict[str, str | bytes] = {
        "_config.yml": "title: Ex\ncollections:\n  articles:\n    output: true\n"
    }
    for name in ("starting", "growing", "funding"):
        files[f"_articles/{name}.md"] = page.format(name)
        files[f"_articles/de/{name}.md"] = page.format(f"{name} (de)")
        files[f"_articles/pt-br/{name}.md"] = page.format(f"{name} (pt)")
    files["_articles/go/tooling.md"] = page.format("Go tooling")  # a topic, not a language
    files["_articles/go/starting.md"] = page.format("Starting in Go")
    files["_articles/it/starting.md"] = page.format("Only one twin")
    files["about.md"] = page.format("About")
    files["pricing.md"] = page.format("Pricing")
    files["fr/about.md"] = page.format("À propos")
    files["fr/pricing.md"] = page.format("Tarifs")
    root = write(tmp_path, files)
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert (
        "Other languages, not read (their pages translate these, at the same paths):"
        " _articles/de/, _articles/pt-br/, fr/"
    ) in out.splitlines()
    text = (root / "stagemap.yml").read_text()
    assert '    exclude: ["/de/", "/pt-br/"]\n' in text
    paths = sorted(a.path for a in stagemap.load_project(root).library.assets)
    assert paths == [
        "_articles/funding.md",
        "_articles/go/starting.md",
        "_articles/go/tooling.md",
        "_articles/growing.md",
        "_articles/it/starting.md",
        "_articles/starting.md",
        "about.md",
        "pricing.md",
    ]


def test_init_leaves_out_folders_of_older_versions_of_the_pages(tmp_path: Path) -> None:
    """Kueue's site (Hugo) keeps two older versions of its docs beside them (content/en/v0.18/docs/
    beside content/en/docs/): init read 431 assets, 282 of them old versions of the others. A
    folder named for a version whose pages are its parent's, at the same paths, is excluded and
    said so; a year's folder of posts and a version folder of other pages are read."""
    page = "---\ntitle: {}\n---\nText.\n"
    files: dict[str, str | bytes] = {"hugo.toml": "title = 'Kettles'\nbaseURL = 'https://kettles.example/'\n"}
    for name in ("setup", "upgrade", "limits"):
        files[f"content/docs/{name}.md"] = page.format(name)
        files[f"content/v0.9/docs/{name}.md"] = page.format(f"{name} (0.9)")
        files[f"content/2.x/docs/{name}.md"] = page.format(f"{name} (2.x)")
    files["content/docs/_index.md"] = page.format("Docs")
    files["content/v3/notes/spring.md"] = page.format("Spring notes")  # no twins: its own pages
    files["content/v3/notes/autumn.md"] = page.format("Autumn notes")
    files["content/2024/docs/setup.md"] = page.format("A post")  # a year, never a version
    files["content/2024/docs/limits.md"] = page.format("Another post")
    root = write(tmp_path, files)
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert (
        "Older versions, not read (their pages are these, at the same paths): content/2.x/, content/v0.9/"
    ) in out.splitlines()
    assert '    exclude: ["/2.x/", "/v0.9/"]\n' in (root / "stagemap.yml").read_text()
    paths = sorted(a.path for a in stagemap.load_project(root).library.assets)
    assert paths == [
        "content/2024/docs/limits.md",
        "content/2024/docs/setup.md",
        "content/docs/limits.md",
        "content/docs/setup.md",
        "content/docs/upgrade.md",
        "content/v3/notes/autumn.md",
        "content/v3/notes/spring.md",
    ]


def test_init_reads_one_of_the_versions_kept_side_by_side_at_any_depth(tmp_path: Path) -> None:
    """etcd's site (Hugo) keeps its docs once per release in content/en/docs/v2.3/ ... v3.8/ (nine
    folders, 610 pages of 135 topics) and its config says params.latest_stable_version: v3.7:
    init read every version, so each page counted up to nine times and suggest proposed the same
    tags five times. Version folders side by side, sharing pages, are versions at any depth: the
    one the configuration names is read (not the newer v3.8 here), else the highest release (a
    pre-release is not); release notes in 1.0/ and 1.1/, each its own pages, are read."""
    page = "---\ntitle: {}\n---\nText.\n"
    files: dict[str, str | bytes] = {
        "hugo.yaml": "title: Kilns\nbaseURL: https://kilns.example/\nParams:\n  Latest_Stable_Version: '2.0'\n"
    }
    for version in ("v1.9", "v2.0", "v2.1", "v2.2-rc.1"):
        for name in ("firing", "glazes", "cooling")[: 2 if version == "v1.9" else 3]:
            files[f"content/guide/{version}/{name}.md"] = page.format(f"{name} ({version})")
        files[f"content/guide/{version}/_index.md"] = page.format(version)
    files["content/guide/_index.md"] = page.format("Guide")
    files["content/notes/1.0/spring.md"] = page.format("Spring release")  # no shared pages: read
    files["content/notes/1.1/autumn.md"] = page.format("Autumn release")
    root = write(tmp_path, files)
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    older = "content/guide/v1.9/, content/guide/v2.1/, content/guide/v2.2-rc.1/"
    assert f"Older versions, not read (their pages are these, at the same paths): {older}" in out.splitlines()
    assert (
        '    exclude: ["/guide/v1.9/", "/guide/v2.1/", "/guide/v2.2-rc.1/"]\n'
        in (root / "stagemap.yml").read_text()
    )
    paths = sorted(a.path for a in stagemap.load_project(root).library.assets)
    assert paths == [
        "content/guide/v2.0/cooling.md",
        "content/guide/v2.0/firing.md",
        "content/guide/v2.0/glazes.md",
        "content/notes/1.0/spring.md",
        "content/notes/1.1/autumn.md",
    ]
    # Without a version named, the highest release is read.
    (root / "stagemap.yml").unlink()
    (root / "hugo.yaml").write_text("title: Kilns\nbaseURL: https://kilns.example/\n")
    out = run("init", str(root))[1]
    older = "content/guide/v1.9/, content/guide/v2.0/, content/guide/v2.2-rc.1/"
    assert f"Older versions, not read (their pages are these, at the same paths): {older}" in out.splitlines()


def test_init_leaves_out_a_development_copy_beside_the_versions(tmp_path: Path) -> None:
    """Crossplane's docs (Hugo) keep content/master/ beside content/v1.20/, v2.1/ ... v2.3/, and
    params.latest: "2.3": init left the older versions out but read master/ as well as v2.3/, so
    45 pages counted twice. A folder named master, main, next, dev, unreleased or latest-dev
    beside version folders, sharing pages with one of them, is a version not yet released: left
    out, and init says so and which version it reads; one of its own pages only is read."""
    page = "---\ntitle: {}\n---\nText.\n"
    files: dict[str, str | bytes] = {
        "hugo.yaml": "title: Kilns\nbaseURL: https://kilns.example/\nparams:\n  latest: '1.1'\n"
    }
    for folder in ("master", "v1.0", "v1.1", "v1.2", "cli/Main", "cli/v1.0", "cli/v1.1"):
        for name in ("firing", "glazes"):
            files[f"content/{folder}/{name}.md"] = page.format(f"{name} ({folder})")
    files["content/master/cooling.md"] = page.format("Cooling, coming")
    files["content/notes/1.0/spring.md"] = page.format("Spring release")  # release notes: read
    files["content/notes/1.1/autumn.md"] = page.format("Autumn release")
    files["content/notes/next/winter.md"] = page.format("Winter release")  # shares none: read
    root = write(tmp_path, files)
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert "Version read: content/cli/v1.1/, content/v1.1/" in lines
    older = "content/cli/v1.0/, content/v1.0/, content/v1.2/"
    assert f"Older versions, not read (their pages are these, at the same paths): {older}" in lines
    assert (
        "Development copy, not released yet, not read (the coming release's pages, at the same paths):"
        " content/cli/Main/, content/master/"
    ) in lines
    assert (
        '    exclude: ["/cli/Main/", "/cli/v1.0/", "/master/", "/v1.0/", "/v1.2/"]\n'
        in (root / "stagemap.yml").read_text()
    )
    paths = sorted(a.path for a in stagemap.load_project(root).library.assets)
    assert paths == [
        "content/cli/v1.1/firing.md",
        "content/cli/v1.1/glazes.md",
        "content/notes/1.0/spring.md",
        "content/notes/1.1/autumn.md",
        "content/notes/next/winter.md",
        "content/v1.1/firing.md",
        "content/v1.1/glazes.md",
    ]


def test_init_reads_each_sections_latest_and_leaves_out_the_unreleased_versions(tmp_path: Path) -> None:
    """KEDA's site (Hugo) names its versions per section, the latest first (params.versions:
    docs = ["2.20", ...], http-add-on = ["0.15", ...]) and the coming ones in params.unreleased
    (docs = ["2.21"]): init read docs/2.21/ and http-add-on/0.16/, pages of releases not out yet,
    in place of 2.20 and 0.15, and said 27 lines of 'excluded by' where one tells it."""
    page = "---\ntitle: {}\n---\nText.\n"
    files: dict[str, str | bytes] = {
        "hugo.toml": (
            "title = 'Kilns'\nbaseURL = 'https://kilns.example/'\n[params.versions]\n"
            "guide = ['2.1', '2.0', '1.9']\nextras = ['0.5', '0.4']\n"
            "[params.unreleased]\nguide = ['2.2']\nextras = ['v0.6']\n"
        )
    }
    for version in (
        "guide/1.9",
        "guide/2.0",
        "guide/2.1",
        "guide/2.2",
        "extras/v0.4",
        "extras/v0.5",
        "extras/v0.6",
    ):
        for name in ("firing", "glazes"):
            files[f"content/{version}/{name}.md"] = page.format(f"{name} ({version})")
    root = write(tmp_path, files)
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[3:6] == [
        "Read as assets: 4, 4 of them without stages or questions",
        "Not read as assets: 10 of 14 files, on purpose",
        "  10 excluded by 5 version folders (see 'exclude')",
    ]
    assert "Version read: content/extras/v0.5/, content/guide/2.1/" in lines
    older = "content/extras/v0.4/, content/guide/1.9/, content/guide/2.0/"
    assert f"Older versions, not read (their pages are these, at the same paths): {older}" in lines
    assert (
        "Development copy, not released yet, not read (the coming release's pages, at the same paths):"
        " content/extras/v0.6/, content/guide/2.2/"
    ) in lines


@pytest.mark.parametrize(
    ("params", "latest"),
    [
        ({"latest_stable_version": "v3.7", "version": {"deprecation_warning": "Old."}}, "v3.7"),
        ({"LATEST": "v1.30", "version": "v1.29"}, "v1.30"),
        (
            {"versions": [{"version": "v1.3-dev", "kind": "next"}, {"version": "v1.2", "kind": "latest"}]},
            "v1.2",
        ),
        ({"version": 0.1, "archived_version": True}, "0.1"),
        ({"version_menu": "Releases"}, ""),
    ],
)
def test_the_version_a_hugo_site_names_as_its_latest(params: dict[str, object], latest: str) -> None:
    """etcd names the version its docs are read at as params.latest_stable_version (its
    params.version holds a banner's text), Kubernetes' site params.latest, Docsy a version menu
    entry of kind latest, or params.version for the docs the site builds."""
    assert configured_version({"params": params}) == latest


@pytest.mark.parametrize(
    ("files", "base", "comment"),
    [
        (
            {"_config.yml": "title: Ex\n", "CNAME": "guides.example.org\n"},
            "https://guides.example.org/",
            "CNAME",
        ),
        (
            {"_config.yml": "title: Ex\nbaseurl: /handbook\n", "CNAME": "www.example.org"},
            "https://www.example.org/handbook/",
            "CNAME",
        ),
        (
            {"hugo.toml": "title = 'Ex'\n", "static/CNAME": "Docs.Example.COM.\n"},
            "https://docs.example.com/",
            "static/CNAME",
        ),
        (
            {
                "docusaurus.config.js": "module.exports = {\n  baseUrl: '/help/',\n};\n",
                "static/CNAME": "example.dev\n",
            },
            "https://example.dev/help/",
            "static/CNAME",
        ),
        (
            {"_config.yml": "url: https://www.example.net\n", "CNAME": "other.example.org\n"},
            "https://www.example.net/",
            "",
        ),
        ({"_config.yml": "title: Ex\n", "CNAME": "not a domain\n"}, "", ""),
    ],
)
def test_init_takes_the_domain_github_pages_publishes_a_site_on(
    tmp_path: Path, files: dict[str, str | bytes], base: str, comment: str
) -> None:
    """Open Source Guides (Jekyll) gives no url in _config.yml: GitHub Pages serves it on the
    domain its CNAME file names. Init said 'no site address', so kits linked to no public page."""
    page = (
        {"content/a.md": "---\ntitle: A\n---\n"}
        if "hugo.toml" in files
        else {"docs/a.md": "---\ntitle: A\n---\n"}
    )
    root = initialised(tmp_path, {**files, **page})
    text = (root / "stagemap.yml").read_text()
    if base:
        assert f"urls:\n  base: {base}\n" in text
        if comment:
            assert f"# From {comment}, the domain GitHub Pages publishes the site on.\n" in text
    else:
        assert "# urls:\n#   base: https://www.example.com/\n" in text


def test_init_never_follows_a_cname_that_is_a_link(tmp_path: Path) -> None:
    root = write(tmp_path / "site", {"_config.yml": "title: Ex\n", "a.md": "---\ntitle: A\n---\n"})
    (tmp_path / "elsewhere").write_text("secret.example.org\n")
    (root / "CNAME").symlink_to(tmp_path / "elsewhere")
    assert run("init", str(root))[0] == 0
    assert "secret.example.org" not in (root / "stagemap.yml").read_text()


def test_init_reads_gatsby_sources_as_a_review_found_they_should_be(tmp_path: Path) -> None:
    """A review of the first version: a folder reached through a link leading out of the site
    stopped init (exit 2), two folders of one name got one id prefix (check then found
    duplicate ids), and a path too long for the system was a traceback."""
    outside = write(tmp_path / "outside", {"posts/x.md": "---\ntitle: X\n---\n"})
    sources = ["content/en/pages", "content/en/posts", "content/de/pages", "content/de/posts"]
    plugins = "".join(
        f"    {{ resolve: 'gatsby-source-filesystem', options: {{ path: `${{__dirname}}/{path}` }} }},\n"
        for path in [*sources, "src/ext/posts", "a" * 300]
    )
    files: dict[str, str | bytes] = {
        "gatsby-config.js": f"module.exports = {{\n  plugins: [\n{plugins}  ],\n}}\n"
    }
    files |= {f"{path}/hello.md": f"---\ntitle: Hello {path}\n---\n" for path in sources}
    root = write(tmp_path / "site", files)
    (root / "src").mkdir()
    (root / "src/ext").symlink_to(outside)
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert "sources: content/en/pages/, content/en/posts/, content/de/pages/, content/de/posts/." in out
    ids = sorted(a.id for a in stagemap.load_project(root).library.assets)
    assert ids == ["content-de-posts/hello", "hello", "pages/hello", "posts/hello"]
    assert run("-C", str(root), "check")[0] == 0


def test_init_reads_an_astro_collection_in_a_folder_of_its_own_that_no_page_routes(tmp_path: Path) -> None:
    """AstroWind keeps its posts in src/data/post (a glob loader's base, in src/content/config.ts)
    and routes them in code: init read 2 pages of 8, none of the posts."""
    outside = write(tmp_path / "outside", {"notes/n.md": "---\ntitle: N\n---\n"})
    config = (
        "import { defineCollection } from 'astro:content';\nimport { glob } from 'astro/loaders';\n"
        "const post = defineCollection({ loader: glob({ pattern: ['*.md'], base: 'src/data/post' }) });\n"
        "const notes = defineCollection({ loader: glob({ base: 'src/linked/notes' }) });\n"
        "export const collections = { post, notes };\n"
    )
    files: dict[str, str | bytes] = {
        "astro.config.mjs": "export default {};\n",
        "src/content/config.ts": config,
        "src/data/post/launch.md": "---\ntitle: Launch\n---\nText.\n",
        "src/pages/[...blog]/index.astro": "---\nconst posts = await fetchPosts();\n---\n",
        "src/pages/terms.md": "---\ntitle: Terms\n---\nText.\n",
    }
    root = write(tmp_path / "site", files)
    (root / "src/linked").symlink_to(outside)
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert "sources: src/data/post/, src/content/, src/pages/." in out  # (not the linked notes)
    text = (root / "stagemap.yml").read_text()
    assert "  - path: src/data/post\n    id: post/" in text
    assets = {a.path: a.url for a in stagemap.load_project(root).library.assets}
    assert assets == {"src/data/post/launch.md": "", "src/pages/terms.md": ""}


def test_init_translations_as_a_review_found_they_should_be(tmp_path: Path) -> None:
    """A review of the first version: folders named cli/, api-docs/ or ml/ were taken for
    languages, a folder named for a language but holding another source was said 'not read'
    while it was, and a very deep tree was a traceback (RecursionError)."""
    page = "---\ntitle: {}\n---\nText.\n"
    files: dict[str, str | bytes] = {"docusaurus.config.js": "module.exports = {};\n"}
    for name in ("index", "installation", "configuration"):
        files[f"docs/{name}.md"] = page.format(name)
        files[f"docs/cli/{name}.md"] = page.format(f"cli {name}")
        files[f"docs/api-docs/{name}.md"] = page.format(f"api {name}")
    files |= {"docs/ml/index.md": page.format("ML"), "docs/ml/installation.md": page.format("ML setup")}
    files["docs/ml/models.md"] = page.format("Models")
    files |= {
        "docs/de/installation.md": page.format("Installation"),
        "docs/de/configuration.md": page.format("K"),
    }
    root = write(tmp_path / "site", files)
    (root / "docs/fr").mkdir()
    folder = os.open(root / "docs/fr", os.O_RDONLY)
    for _ in range(1200):  # (each made inside the one before: the whole path is too long to name)
        os.mkdir("d", dir_fd=folder)
        inner = os.open("d", os.O_RDONLY, dir_fd=folder)
        os.close(folder)
        folder = inner
    os.close(folder)
    try:
        code, out, err = run("init", str(root))
    finally:
        _remove_chain(root / "docs/fr")
    assert (code, err) == (0, "")
    assert (
        "Other languages, not read (their pages translate these, at the same paths): docs/de/"
        in out.splitlines()
    )


def _remove_chain(top: Path) -> None:
    """Remove the folders ``d``, each inside the one before, under ``top``: deeper than pytest's
    clean-up can go (it left them, and a later run with the same --basetemp failed on them)."""
    opened = [os.open(top, os.O_RDONLY)]
    try:
        while True:
            try:
                opened.append(os.open("d", os.O_RDONLY, dir_fd=opened[-1]))
            except FileNotFoundError:
                break
        for parent in reversed(opened[:-1]):
            os.rmdir("d", dir_fd=parent)
    finally:
        for handle in opened:
            os.close(handle)


def test_init_never_reads_a_cname_through_a_linked_folder(tmp_path: Path) -> None:
    outside = write(tmp_path / "outside", {"CNAME": "secret.example.org\n"})
    root = write(tmp_path / "site", {"hugo.toml": "title = 'Ex'\n", "content/a.md": "---\ntitle: A\n---\n"})
    (root / "static").symlink_to(outside)
    assert run("init", str(root))[0] == 0
    assert "secret.example.org" not in (root / "stagemap.yml").read_text()
    (root / "static").unlink()
    write(root, {"static/CNAME": "\ufeffdocs.example.org\r\n"})  # a byte-order mark, a Windows line end
    (root / "stagemap.yml").unlink()
    assert run("init", str(root))[0] == 0
    assert "urls:\n  base: https://docs.example.org/\n" in (root / "stagemap.yml").read_text()


@pytest.mark.parametrize(
    ("base", "sources"), [("a" * 300, ""), ("src", ""), ("src/pages/blog", ""), ("docs", "")]
)
def test_init_reads_an_unrouted_astro_collection_only_in_a_folder_of_its_own(
    tmp_path: Path, base: str, sources: str
) -> None:
    """A review: a base too long for the system was a traceback; 'src' swallowed src/pages and
    src/content; one in src/pages took its pages' routes; 'docs' beside src/content/docs gave
    duplicate ids. None of them is a source of its own."""
    config = f"const c = defineCollection({{ loader: glob({{ base: '{base}' }}) }});\nexport const collections = {{ c }};\n"
    files: dict[str, str | bytes] = {
        "astro.config.mjs": "export default {};\n",
        "src/content/config.ts": config,
        "src/content/docs/x.md": "---\ntitle: X\n---\n",
        "src/pages/blog/one.md": "---\ntitle: One\n---\n",
        "docs/x.md": "---\ntitle: Other X\n---\n",
    }
    root = write(tmp_path, files)
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert "sources: src/content/, src/pages/." in out


def test_gatsby_sources_are_read_from_each_plugins_own_options(tmp_path: Path) -> None:
    """A review: the first ``path:`` anywhere in a plugin's object was taken, one of another
    object inside it too, and a quoted key was missed. Now its ``options`` entry's ``path``."""
    config = (
        "module.exports = { plugins: [\n"
        "  { resolve: 'gatsby-source-filesystem', extra: { path: 'src/wrong' }, options: {\n"
        '    name: `posts`, "path": `${__dirname}/src/posts` } },\n'
        "] }\n"
    )
    files: dict[str, str | bytes] = {
        "src/wrong/a.md": "---\ntitle: A\n---\n",
        "src/posts/b.md": "---\ntitle: B\n---\n",
    }
    assert named_folders(write(tmp_path, files), config, (".md",)) == ["src/posts"]


def test_presets_take_only_the_sites_own_layouts_404_pages_and_no_theme_for_a_site(tmp_path: Path) -> None:
    """Docsy's site: a section's content/tests/layouts/ page was a partial by 'layouts/', and
    init took the theme beside the site (theme/, with theme.toml) for a second site; an
    Eleventy 404.md was a page to send to buyers."""
    root = write(
        tmp_path / "repo",
        {
            "docs/hugo.yaml": "baseURL: https://h.example/\n",
            "docs/content/tests/layouts/wide.md": "---\ntitle: Wide layout\n---\nText.\n",
            "docs/content/about.md": "---\ntitle: About\n---\nText.\n",
            # Hugo's page for an address with none (Envoy's site): not one to send.
            "docs/content/404.md": "---\ntitle: Not found\nlayout: 404\nurl: /404.html\n---\nNo page here.\n",
            "docs/content/help/404.md": "---\ntitle: Error code 404\n---\nA section's page.\n",
            "theme/hugo.yaml": "module: {}\n",
            "theme/theme.toml": "name = 'Vanline'\n",
        },
    )
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert "Found a Hugo site (docs/hugo.yaml); sources: docs/content/.\n" in out
    assert sorted(a.path for a in stagemap.load_project(root).library.assets) == [
        "docs/content/about.md",
        "docs/content/help/404.md",
        "docs/content/tests/layouts/wide.md",
    ]
    eleventy = initialised(
        tmp_path / "eleventy",
        {
            "eleventy.config.js": "export default function () { return {dir: {input: 'src'}}; }\n",
            "src/404.md": "---\ntitle: Not found\n---\nNo page here.\n",
            "src/about.md": "---\ntitle: About\n---\nText.\n",
        },
    )
    library = stagemap.load_project(eleventy).library
    assert [a.path for a in library.assets] == ["src/about.md"]
    fate = next(f for f in library.fates if f.path == "src/404.md")
    assert (fate.fate, fate.kind) == ("non-asset", "error-page")


def test_mkdocs_nav_titles_keep_the_line_of_their_entry() -> None:
    """A review: each entry's line was searched for in the whole file (slow on a long nav, and
    index.md was found inside api/index.md)."""
    text = "site_name: S\nnav:\n  - API:\n      - Reference: api/index.md\n  - Home: index.md\n"
    assert nav_titles(yaml.safe_load(text), "site/mkdocs.yml", text) == (
        {"site/docs/api/index.md": ("Reference", 4), "site/docs/index.md": ("Home", 5)},
        {},
    )


def test_init_reads_which_files_a_gatsby_or_docusaurus_site_makes_mdx(tmp_path: Path) -> None:
    """Node.js's site (Gatsby) has gatsby-plugin-mdx read '.md' files too: 12,275 components
    showed as raw tags on 251 built pages. Docusaurus with markdown.format 'detect' reads them
    as plain Markdown: braces are text there."""
    gatsby = initialised(
        tmp_path / "g",
        {
            "gatsby-config.js": (
                "module.exports = {\n  siteMetadata: { siteUrl: 'https://owls.example' },\n  plugins: [\n"
                "    { resolve: 'gatsby-source-filesystem', options: { path: `${__dirname}/content` } },\n"
                "    { resolve: 'gatsby-plugin-mdx', options: { extensions: ['.mdx', `.md`] } },\n  ],\n}\n"
            ),
            "content/owls.md": '---\ntitle: Owls\n---\n<Since data={{"version":"v2"}} />\n\nOwls have {3 * 2} toes.\n',
        },
    )
    assert (
        "# gatsby-config.js has Gatsby read these endings as MDX (components, {expressions}):\nmdx: [.mdx, .md]\n"
    ) in (gatsby / "stagemap.yml").read_text()
    docusaurus = initialised(
        tmp_path / "d",
        {
            "docusaurus.config.js": (
                "module.exports = {\n  url: 'https://d.example',\n  markdown: { mermaid: true, format: 'detect' },\n};\n"
            ),
            "docs/owls.md": "---\ntitle: Owls\n---\nOwls have {3 * 2} toes.\n",
            "docs/hawks.mdx": "---\ntitle: Hawks\n---\nHawks have {4} toes.\n",
        },
    )
    assert "\nmdx: [.mdx]\n" in (docusaurus / "stagemap.yml").read_text()
    for root in (gatsby, docusaurus):
        assert run("-C", str(root), "build", "-o", str(root / "out"))[0] == 0
    owls = (gatsby / "out/assets/owls.html").read_text()
    assert "<p><em>[Since: shown on the live site]</em></p>" in owls
    assert "Owls have <em>[Computed content: shown on the live site]</em> toes." in owls
    # The Docusaurus site's .md page is Markdown; its .mdx page is MDX.
    assert "<p>Owls have {3 * 2} toes.</p>" in (docusaurus / "out/assets/owls.html").read_text()
    hawks = (docusaurus / "out/assets/hawks.html").read_text()
    assert "Hawks have <em>[Computed content: shown on the live site]</em> toes." in hawks


@pytest.mark.parametrize(
    ("name", "generator"),
    [
        ("docusaurus.config.mts", "docusaurus"),
        ("docusaurus.config.cjs", "docusaurus"),
        ("astro.config.cts", "astro"),
    ],
)
def test_init_finds_a_site_by_every_configuration_name_its_generator_reads(
    tmp_path: Path, name: str, generator: str
) -> None:
    """typescript-eslint's site is configured in docusaurus.config.mts: init made a new stagemap
    project inside it (an example asset and all) instead of reading its docs."""
    folder = "docs" if generator == "docusaurus" else "src/pages"
    root = initialised(
        tmp_path, {name: "export default { url: 'https://d.example' };\n", f"{folder}/a.md": "# A\n"}
    )
    assert f"\ngenerator: {generator}\n" in (root / "stagemap.yml").read_text()
    assert not (root / "content").exists()


def test_init_reads_hugo_configuration_subfolders_and_routes_a_slug_as_hugo_does(tmp_path: Path) -> None:
    """Falco's site keeps its content mount in config/_default/module/module.yaml: every one of
    its 232 pages got an address under /en/. Its 43 posts with a ``slug`` are served at it."""
    root = initialised(
        tmp_path,
        {
            "config/_default/hugo.toml": "baseURL = 'https://kiln.example/'\ntitle = 'Kiln notes'\n",
            "config/_default/module/module.yaml": "mounts:\n  - source: content/en\n    target: content\n",
            "content/en/blog/_index.md": "---\ntitle: Blog\nslug: journal\n---\n",
            "content/en/blog/glazes.md": "---\ntitle: Glazes\nslug: Glaze Notes\n---\nText.\n",
            "content/en/blog/firing/index.md": "---\ntitle: Firing\nslug: first-firing\n---\nText.\n",
            "content/en/blog/clay.md": "---\ntitle: Clay\nslug: /clay-basics/\n---\nText.\n",
            "content/en/about.md": "---\ntitle: About\n---\nText.\n",
        },
    )
    code, out, _ = run("-C", str(root), "list", "--format", "json")
    assert code == 0
    assert {a["path"]: a["url"] for a in json.loads(out)["assets"]} == {
        "content/en/about.md": "https://kiln.example/about/",
        "content/en/blog/clay.md": "https://kiln.example/clay-basics/",
        "content/en/blog/firing/index.md": "https://kiln.example/blog/first-firing/",
        "content/en/blog/glazes.md": "https://kiln.example/blog/glaze-notes/",
    }


def test_a_jekyll_or_eleventy_pages_url_key_is_its_own_data_not_its_route(tmp_path: Path) -> None:
    """RubyGems' guides set ``url: /x`` on 93 of 98 pages (their templates read it): Jekyll routes a
    page by its ``permalink`` and the site's style alone, and so does Eleventy."""
    page = "---\ntitle: Beta\nurl: /beta-old\n{}---\nText.\n"
    jekyll = initialised(
        tmp_path / "j",
        {
            "_config.yml": "url: https://j.example\npermalink: pretty\n",
            "beta.md": page.format("permalink: /beta/\n"),
            "gamma.md": page.format(""),
        },
    )
    code, out, _ = run("-C", str(jekyll), "list", "--format", "json")
    assert code == 0
    assert {a["path"]: a["url"] for a in json.loads(out)["assets"]} == {
        "beta.md": "https://j.example/beta/",
        "gamma.md": "https://j.example/gamma/",
    }
    rules = config_from_data(
        tmp_path, {"generator": "eleventy", "urls": {"base": "https://e.example/", "pattern": "/{path}/"}}
    ).rules
    vocab = Vocabulary(("awareness",), ("risk",), ())
    for extra, url in (("", "https://e.example/beta/"), ("permalink: /b/\n", "https://e.example/b/")):
        asset, _ = parse_asset("beta.md", "beta", page.format(extra).encode(), vocab, rules)
        assert asset is not None and asset.url == url


@pytest.mark.parametrize(
    ("rel", "front", "updated"),
    [
        ("_posts/2024-03-05-hello.md", "", dt.date(2024, 3, 5)),
        ("_posts/2024-03-05-hello.md", "date: 2024-04-01\n", dt.date(2024, 4, 1)),
        ("_recipes/2023-11-30-soup.md", "", dt.date(2023, 11, 30)),
        ("2024-03-05-notes.md", "", None),  # a page, not a document: Jekyll reads no date from its name
        ("_posts/2024-02-30-typo.md", "", None),
        ("_posts/2024-3-5-short.md", "", dt.date(2024, 3, 5)),  # one digit, as Jekyll reads it too
    ],
)
def test_a_jekyll_posts_date_is_the_one_in_its_name(rel: str, front: str, updated: dt.date | None) -> None:
    """All six posts of jekyll/minima's demo had no ``updated`` date, though Jekyll dates each by its name."""
    rules = config_from_data(Path("/tmp"), {"generator": "jekyll"}).rules
    text = f"---\ntitle: Hello\n{front}---\nText.\n"
    asset, _ = parse_asset(rel, "hello", text.encode(), Vocabulary(("awareness",), ("risk",), ()), rules)
    assert asset is not None and asset.updated == updated


def test_init_reads_docusaurus_options_set_by_name_and_the_sites_own_title(tmp_path: Path) -> None:
    """typescript-eslint's site gives its docs plugin an object set by name (its 53 main docs were
    not read) and its first ``title:`` is a footer column's (init named the project 'Community')."""
    config = (
        "const guideOptions = { id: 'guides', path: 'guides', routeBasePath: 'guides' };\n"
        "const config = {\n"
        "  themeConfig: {\n    footer: {\n      links: [\n        {\n          title: 'Community',\n"
        "        },\n      ],\n    },\n  },\n"
        "  title: 'Acme Widgets',\n  url: 'https://widgets.example',\n  baseUrl: '/',\n"
        "  presets: [['classic', { docs: { path: 'docs' } }]],\n"
        "  plugins: [['@docusaurus/plugin-content-docs', guideOptions], ['content-blog', elsewhere]],\n"
        "};\nexport default config;\n"
    )
    page = "---\ntitle: {}\n---\nText.\n"
    root = initialised(
        tmp_path,
        {
            "site/docusaurus.config.ts": config,
            "site/docs/intro.md": page.format("Intro"),
            "site/guides/setup.md": page.format("Setup"),
        },
    )
    settings = (root / "stagemap.yml").read_text()
    assert "\nname: Acme Widgets\n" in settings
    code, out, _ = run("-C", str(root), "list", "--format", "json")
    assert code == 0
    assert {a["path"]: a["url"] for a in json.loads(out)["assets"]} == {
        "site/docs/intro.md": "https://widgets.example/docs/intro",
        "site/guides/setup.md": "https://widgets.example/guides/setup",
    }


@pytest.mark.parametrize(
    ("head", "key", "name"),
    [
        ("const title = 'Acme Widgets';\n", "  title,\n", "Acme Widgets"),
        ("const siteTitle = 'Acme Widgets';\n", "  title: siteTitle,\n", "Acme Widgets"),
        ("", "  title: siteConfig.title,\n", ""),  # worked out in code: unknown (the folder's name)
    ],
)
def test_init_names_a_docusaurus_project_by_its_title_constant(
    tmp_path: Path, head: str, key: str, name: str
) -> None:
    """React Native Testing Library's Docusaurus site says ``const title = '...'`` and then ``title,``
    in the object it exports: init named the project 'Docs', a footer column's title under themeConfig.
    The constant is read; a title under themeConfig (the navbar's, a footer column's) is never the site's."""
    config = (
        f"{head}module.exports = {{\n{key}  url: 'https://widgets.example',\n"
        "  themeConfig: {\n    navbar: {title: 'Navbar'},\n    footer: {\n      links: [\n"
        "        {\n          title: 'Docs',\n        },\n      ],\n    },\n  },\n};\n"
    )
    root = initialised(
        tmp_path, {"docusaurus.config.js": config, "docs/intro.md": "---\ntitle: Intro\n---\n"}
    )
    assert f"\nname: {name or root.name}\n" in (root / "stagemap.yml").read_text()


@pytest.mark.parametrize(
    ("params", "config", "route"),
    [
        ("{ slug: `guide/${entry.slug}` }", "build: { format: 'file' }", "/guide/pricing"),
        ("{ slug: 'guide/' + entry.slug }", "trailingSlash: 'never'", "/guide/pricing"),
        ("{ slug: entry.slug }", "", "/pricing/"),
        # Two ways in one page: which one a page takes is worked out in code.
        ("x ? { slug: `a/${entry.slug}` } : { slug: `b/${entry.slug}` }", "", "/pricing/"),
        # A template string outside the params (an edit link) is no route (seen by the review).
        ("{ slug: entry.slug }, edit: `src/content/docs/${entry.id}`", "", "/pricing/"),
    ],
)
def test_init_routes_an_astro_collection_under_the_folders_its_page_puts_before_a_slug(
    tmp_path: Path, params: str, config: str, route: str
) -> None:
    """Drizzle's docs route their collection with ``src/pages/[...slug].astro`` making each
    ``docs/${entry.slug}``, served as files (``/docs/x``): 524 pages had addresses without /docs/."""
    page = (
        "---\nimport { getCollection } from 'astro:content';\nexport async function getStaticPaths() {\n"
        "  const entries = await getCollection('docs');\n"
        f"  return entries.map((entry) => ({{ params: {params}, props: {{ entry }} }}));\n}}\n---\n"
    )
    root = initialised(
        tmp_path,
        {
            "astro.config.mjs": f"export default defineConfig({{ site: 'https://shop.example', {config} }});\n",
            "src/pages/[...slug].astro": page,
            "src/content/docs/pricing.md": "---\ntitle: Pricing\n---\nPlans start small.\n",
        },
    )
    code, out, _ = run("-C", str(root), "list", "--format", "json")
    assert code == 0
    assert [a["url"] for a in json.loads(out)["assets"]] == ["https://shop.example" + route]


def test_init_reads_hugo_mounts_into_a_folder_of_the_content_as_hugo_serves_them(tmp_path: Path) -> None:
    """Jaeger's docs mount content/docs/v2 at content/docs, leaving files out of each mount with
    excludeFiles: 527 of its 543 pages had addresses under /docs/v2/, and a page no mount
    holds was read."""
    page = "---\ntitle: {}\n---\nText.\n"
    root = initialised(
        tmp_path,
        {
            "hugo.yaml": (
                "baseURL: https://kiln.example/\ntitle: Versioned docs\nmodule:\n  mounts:\n"
                "    - {source: content, target: content, excludeFiles: ['docs/v2/**', old-home.md]}\n"
                "    - {source: content/docs/v2, target: content/docs, excludeFiles: '_*'}\n"
            ),
            "content/about.md": page.format("About"),
            "content/old-home.md": page.format("Old home"),
            "content/docs/v2/_index.md": page.format("Docs"),
            "content/docs/v2/2.0/install.md": page.format("Install"),
        },
    )
    code, out, _ = run("-C", str(root), "list", "--format", "json")
    assert code == 0
    assert {a["id"]: a["url"] for a in json.loads(out)["assets"]} == {
        "about": "https://kiln.example/about/",
        "docs/2.0/install": "https://kiln.example/docs/2.0/install/",
    }


def test_init_leaves_out_what_the_mkdocs_exclude_plugin_leaves_out(tmp_path: Path) -> None:
    """Rook's docs leave README.md and their chart templates out with the exclude plugin: stagemap
    read all three as pages (two of them titled as the real chart pages)."""
    root = initialised(
        tmp_path,
        {
            "mkdocs.yml": (
                "site_name: Fx\nplugins:\n  - search\n  - exclude:\n"
                "      glob: [README.md, '*.tmpl.md', 'drafts*', 'old/*.md']\n"
            ),
            "docs/drafts/a.md": "# Draft\n",
            "docs/notes/drafts-b.md": "# Kept: fnmatch anchors the glob at the docs folder\n",
            "docs/old/x/y.md": "# Old: fnmatch's * crosses folders\n",
            "docs/about.md": "# About\n",
            "docs/README.md": "# Read me\n",
            "docs/charts/README.md": "# Charts\n",
            "docs/charts/chart.tmpl.md": "# Chart\n",
        },
    )
    assert (
        '    exclude: ["/README.md", "*.tmpl.md", "/drafts*", "/old/*.md", "/old/*/**/*.md"]\n'
        in (root / "stagemap.yml").read_text()
    )
    code, out, _ = run("-C", str(root), "list", "--format", "json")
    assert code == 0
    assert [a["path"] for a in json.loads(out)["assets"]] == [
        "docs/about.md",
        "docs/charts/README.md",
        "docs/notes/drafts-b.md",
    ]


def test_init_reads_the_mkdocs_exclude_plugins_globs_and_expressions_as_it_does(tmp_path: Path) -> None:
    """Found on real MkDocs sites by a colleague (the site is not named in the report): the
    mkdocs-exclude plugin matches its globs with fnmatch.fnmatchcase on a file's whole path
    under the docs folder and its 'regex' list with re.match: '**/include-*.md' was written
    '/**/include-*.md' (the top folder's include-top.md left out, which the plugin keeps) and
    its stars mangled; the expressions were not read. Each star may now cross folders or not; an
    expression leaves out the files it names when init runs."""
    root = initialised(
        tmp_path,
        {
            "mkdocs.yml": (
                "site_name: Fx\nplugins:\n  - exclude:\n      glob: ['**/include-*.md', 'gone/']\n"
                "      regex: ['^drafts/.*\\.md$', '(a+)+$']\n"
            ),
            "docs/include-top.md": "# Kept: no folder before it\n",
            "docs/a/include-x.md": "# Left out\n",
            "docs/a/include-x/b.md": "# Left out: the second star crosses a folder\n",
            "docs/a/b/include-y/c.md": "# Left out: both stars cross\n",
            "docs/a/keep.md": "# Kept\n",
            "docs/gone/kept.md": "# Kept: a glob ending in / matches no file\n",
            "docs/drafts/wip.md": "# Left out by the expression\n",
        },
    )
    assert (
        '    exclude: ["/*/include-*.md", "/*/include-*/**/*.md", "/*/**/*/include-*.md", '
        '"/*/**/*/include-*/**/*.md", "/drafts/wip.md"]\n'
    ) in (root / "stagemap.yml").read_text()
    code, out, _ = run("-C", str(root), "list", "--format", "json")
    assert code == 0
    assert [a["path"] for a in json.loads(out)["assets"]] == [
        "docs/a/keep.md",
        "docs/gone/kept.md",
        "docs/include-top.md",
    ]


def test_init_matches_mkdocs_exclude_expressions_as_python_does_and_names_those_it_drops(
    tmp_path: Path,
) -> None:
    """Seen by a review of the mkdocs-exclude reading: its expressions were checked as Hugo's (Go
    has no lookarounds, and no more than two repetitions were taken), so '^(?!index).*_wip\\.md$'
    and '.*/[^/]*_test[^/]*\\.md', which the plugin matches with Python's re, were dropped without
    a word. Only a repeated group holding a repetition or a '|' (time without end on some paths),
    or an expression that does not compile, is dropped now, and init names it."""
    root = write(
        tmp_path,
        {
            "mkdocs.yml": (
                "site_name: Fx\nplugins:\n  - exclude:\n      regex:\n"
                "        - '^(?!index).*_wip\\.md$'\n        - '.*/[^/]*_test[^/]*\\.md'\n"
                "        - '(\\w+\\s?)+$'\n        - '[unclosed'\n"
            ),
            "docs/index_wip.md": "# Kept: the lookahead refuses it\n",
            "docs/api/a_wip.md": "# Left out\n",
            "docs/api/x_test_y.md": "# Left out\n",
            "docs/top_test.md": "# Kept: no folder before it\n",
        },
    )
    code, out, _ = run("init", str(root))
    assert code == 0
    assert (
        "mkdocs-exclude expressions not applied (the files they name are read): "
        "'(\\w+\\s?)+$' (a repeated group holding a repetition or a '|'), "
        "'[unclosed' (not a regular expression: unterminated character set at position 0)"
    ) in out
    assert '    exclude: ["/api/a_wip.md", "/api/x_test_y.md"]\n' in (root / "stagemap.yml").read_text()


def test_a_jekyll_pages_liquid_shows_the_values_of_the_sites_configuration(tmp_path: Path) -> None:
    """CS231n's assignments link their notebooks with ``[here]({{site.hw_1_colab}})``: 29 links on
    20 pages were their text alone, and ``{{ site.title }}`` a placeholder."""
    root = initialised(
        tmp_path,
        {
            "_config.yml": (
                "url: https://c.example\ntitle: Demo course\nstarter_zip: https://c.example/kit.zip\n"
                "author:\n  name: Ada\nshow_excerpts: true\n"
            ),
            "lesson.md": (
                "---\ntitle: Lesson\n---\nGet the [kit]({{ site.starter_zip }}) or the [old]({{ site.missing }}).\n\n"
                "This is {{ site.title }}, by {{ site.author.name }} ({{ site.show_excerpts }}).\n"
            ),
        },
    )
    assert run("-C", str(root), "build")[0] == 0
    page = (root / "site/assets/lesson.html").read_text()
    assert '<p>Get the <a href="https://c.example/kit.zip">kit</a> or the old.</p>' in page
    assert (
        "<p>This is Demo course, by Ada (<em>[site.show_excerpts: shown on the live site]</em>).</p>" in page
    )


def test_init_leaves_out_what_a_docusaurus_plugins_exclude_leaves_out(tmp_path: Path) -> None:
    """typescript-eslint's rules docs set exclude: ['TEMPLATE.md']: the template was a published
    page at /rules/TEMPLATE, its placeholder text built into the site."""
    config = (
        "module.exports = {\n  url: 'https://d.example',\n"
        "  presets: [['classic', { docs: { path: 'docs', exclude: ['TEMPLATE.md', '**/*.draft.{md,mdx}'] } }]],\n};\n"
    )
    page = "---\ntitle: {}\n---\nText.\n"
    root = initialised(
        tmp_path,
        {
            "docusaurus.config.js": config,
            "docs/intro.md": page.format("Intro"),
            "docs/TEMPLATE.md": page.format("Template"),
            "docs/rules/TEMPLATE.md": page.format("Rule template"),
            "docs/rules/a.draft.md": page.format("Draft"),
        },
    )
    assert (
        '    exclude: ["/TEMPLATE.md", "/**/*.draft.md", "/**/*.draft.mdx"]\n'
        in (root / "stagemap.yml").read_text()
    )
    code, out, _ = run("-C", str(root), "list", "--format", "json")
    assert code == 0
    assert [a["path"] for a in json.loads(out)["assets"]] == ["docs/intro.md", "docs/rules/TEMPLATE.md"]


def test_init_reads_no_content_folder_of_its_own_when_hugo_mounts_only_into_a_folder_of_it(
    tmp_path: Path,
) -> None:
    """Seen by the sitting's review: a mount into content/docs replaces Hugo's own mount of
    content/, so its other pages are never published; stagemap read them all the same."""
    page = "---\ntitle: {}\n---\nText.\n"
    mounts = "    - {source: content/docs/v2, target: content/docs, excludeFiles: ['*.{tmp,bak}.md']}\n"
    root = initialised(
        tmp_path,
        {
            "hugo.yaml": "baseURL: https://k.example/\nmodule:\n  mounts:\n" + mounts,
            "content/about.md": page.format("About"),
            "content/docs/v2/intro.md": page.format("Intro"),
            "content/docs/v2/old.tmp.md": page.format("Old"),
        },
    )
    code, out, _ = run("-C", str(root), "list", "--format", "json")
    assert code == 0
    assert {a["path"]: a["url"] for a in json.loads(out)["assets"]} == {
        "content/docs/v2/intro.md": "https://k.example/docs/intro/"
    }


def test_a_development_copy_makes_no_unlike_version_older(tmp_path: Path) -> None:
    """A review of the development copies: content/api/v1/ (users, orders), v2/ (accounts,
    billing) and main/ (accounts, billing): init left v1 out as an older version of v2, whose
    pages it does not have; before, two unlike versions were both read. main/ is v2's coming
    release and stays out; v1 is read."""
    page = "---\ntitle: {}\n---\nText.\n"
    files: dict[str, str | bytes] = {"hugo.toml": 'title = "Api"\n'}
    for folder, names in (
        ("v1", ("users", "orders")),
        ("v2", ("accounts", "billing")),
        ("main", ("accounts", "billing")),
    ):
        for name in names:
            files[f"content/api/{folder}/{name}.md"] = page.format(f"{name} ({folder})")
    root = write(tmp_path, files)
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert "  2 excluded by '/api/main/'" in out.splitlines()
    paths = sorted(a.path for a in stagemap.load_project(root).library.assets)
    assert paths == [
        "content/api/v1/orders.md",
        "content/api/v1/users.md",
        "content/api/v2/accounts.md",
        "content/api/v2/billing.md",
    ]
