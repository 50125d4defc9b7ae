"""A repository that keeps its website in a folder (``docs/``, ``website/``, ``apps/docs/``):
``stagemap init`` at its root finds the site, writes ``site_root``, and everything reads the
site from there: its configuration, its static files, ``@site/`` imports, pages beside it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import stagemap
from stagemap.read import sitebelow
from stagemap.read.git import Git, Revisions
from stagemap.serve import Preview
from tests.conftest import write
from tests.fixture_sites import tree_hashes
from tests.test_diff import commit_all, git
from tests.test_init_sites import run
from tests.test_read_sitedefaults import JEKYLL_EXPECTED, JEKYLL_SITE, read

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24
DOCUSAURUS = (
    "module.exports = {\n  title: 'Tidewell',\n  url: 'https://tidewell.example',\n  baseUrl: '/',\n"
    "  presets: [['classic', {docs: {path: '../docs', routeBasePath: 'docs'}}]],\n};\n"
)
MONOREPO: dict[str, str | bytes] = {
    "README.md": "# Tidewell\n\nThe tide-table app and its website.\n",
    "packages/app/index.js": "export const high = 1;\n",
    "docs/intro.mdx": (
        "---\ntitle: Reading the tides\n---\nimport Caution from '@site/src/partials/caution.md';\n\n"
        "Start here.\n\n<Caution />\n\n![Chart](/img/chart.png)\n"
    ),
    "docs/setup.md": "---\ntitle: Setting up\n---\nStep one.\n",
    "website/docusaurus.config.js": DOCUSAURUS,
    "website/blog/2024-05-01-spring.md": "---\ntitle: Spring tides\n---\nHigher than usual.\n",
    "website/src/partials/caution.md": "Check the **local harbour notice** before you sail.\n",
    "website/static/img/chart.png": PNG,
}


def test_init_at_the_root_reads_a_jekyll_site_in_docs_as_from_its_own_folder(tmp_path: Path) -> None:
    """A GitHub Pages site in docs/: its _config.yml's defaults reach its pages, named by the
    file and line, in the checkout, from a revision and in the preview."""
    files = {f"docs/{name}": text for name, text in JEKYLL_SITE.items() if name != "stagemap.yml"}
    root = write(tmp_path / "repo", {**files, "README.md": "# Tidewell\n", "src/tides.py": "HIGH = 1\n"})
    before = tree_hashes(root)
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert out.splitlines()[1:7] == [
        "Found a Jekyll site (docs/_config.yml); sources: docs/_posts/, docs/_guides/, docs/.",
        "Files under the sources: 8 (.md 7, .yml 1)",
        "Read as assets: 7, 4 of them without stages or questions",
        "Not read as assets: 1 of 8 files, on purpose",
        "  1 non-asset: not a content file by its ending",
        "Outside the sources, not looked at: README.md, src/",
    ]
    text = (root / "stagemap.yml").read_text()
    assert "\nsite_root: docs\n" in text
    # stagemap's outputs are beside the site's folder: nothing in it is left out for them.
    assert '"/site/"' not in text and '"/kits/"' not in text
    # Init wrote stagemap.yml and nothing else.
    assert tree_hashes(root) == {**before, "stagemap.yml": tree_hashes(root)["stagemap.yml"]}
    with (root / "stagemap.yml").open("a") as settings:
        settings.write("urls:\n  base: https://tidewell.example/\n")
    expected = {f"docs/{path}": value for path, value in JEKYLL_EXPECTED.items()}
    assert read(root) == {**expected, "docs/about/team.md": ("", (), ())}
    code, out, _ = run("-C", str(root), "report", "--explain", "purchase:who-for")
    assert code == 0
    assert (
        "  posts/launches/2024-06-01-big-day\n"
        "    stage from docs/_config.yml:20 (defaults)\n"
        "    question from docs/_config.yml:21 (defaults)\n"
    ) in out
    code, out, _ = run("-C", str(root), "check")
    assert out.startswith(
        "Checked 7 files in docs/_posts/, docs/_guides/ and docs/ against the buyer-journey"
    )
    # A revision reads the configuration from the site's folder as committed.
    git(root, "init", "-q")
    first = commit_all(root, "first", dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC))
    config = root / "docs/_config.yml"
    config.write_text(config.read_text().replace("stages: [onboarding]", "stages: [adoption]"))
    with Git(root) as repo:
        snap = Revisions(repo).at(repo.resolve(first))
        assert snap is not None
        assert {a.path: a.stages for a in snap.library.assets}["docs/_guides/reading.md"] == ("onboarding",)
    assert read(root)["docs/_guides/reading.md"][1] == ("adoption",)


def test_the_preview_rebuilds_when_the_configuration_in_the_sites_folder_changes(tmp_path: Path) -> None:
    files = {f"docs/{name}": text for name, text in JEKYLL_SITE.items() if name != "stagemap.yml"}
    settings = JEKYLL_SITE["stagemap.yml"]
    assert isinstance(settings, str)
    settings = settings.replace("path: _", "path: docs/_").replace("path: .\n", "path: docs\n")
    root = write(tmp_path / "repo", {**files, "stagemap.yml": settings + "site_root: docs\n"})
    preview = Preview(root, tmp_path / "served", as_of=dt.date(2026, 11, 24))
    try:
        assert preview.rebuild().error == ""
        assert not preview.changed()
        config = root / "docs/_config.yml"
        config.write_text(config.read_text().replace("stages: [onboarding]", "stages: [adoption]"))
        assert preview.changed()
    finally:
        preview.stop()


def test_init_at_the_root_reads_the_docs_a_docusaurus_site_keeps_beside_its_folder(tmp_path: Path) -> None:
    """website/ says ``path: '../docs'``: from the repository's root that folder is inside the
    project, so it is a source; ``@site/`` imports and site-root images are the site folder's."""
    root = write(tmp_path / "repo", MONOREPO)
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert (
        "Found a Docusaurus site (website/docusaurus.config.js); sources: docs/, website/blog/, website/src/pages/."
        not in out
    )  # no src/pages folder: not named
    assert "Found a Docusaurus site (website/docusaurus.config.js); sources: docs/, website/blog/.\n" in out
    # The names at the root and in the site's folder that no source reads.
    assert (
        "Outside the sources, not looked at: README.md, packages/, website/docusaurus.config.js,"
        " website/src/, website/static/\n"
    ) in out
    assert "outside the site" not in out
    text = (root / "stagemap.yml").read_text()
    assert "generator: docusaurus\n" in text and "\nsite_root: website\n" in text
    assert '  - path: docs\n    url: "/docs/{doc}"\n  - path: website/blog\n' in text
    library = stagemap.load_project(root).library
    assert {a.id: a.url for a in library.assets} == {
        "intro": "https://tidewell.example/docs/intro",
        "setup": "https://tidewell.example/docs/setup",
        "blog/2024-05-01-spring": "https://tidewell.example/blog/2024/05/01/spring",
    }
    code, out, err = run("-C", str(root), "build", "--as-of", "2026-11-24")
    assert (code, err) == (0, "")
    page = (root / "site/assets/intro.html").read_text()
    assert "<strong>local harbour notice</strong>" in page  # the partial, from website/src/partials
    # /img/chart.png is website/static/img/chart.png, as Docusaurus serves it: copied and linked.
    assert '<img src="../public/img/chart.png" alt="Chart">' in page
    assert (root / "site/public/img/chart.png").read_bytes() == PNG


def test_init_asks_which_site_when_the_repository_holds_several(tmp_path: Path) -> None:
    root = write(
        tmp_path / "repo",
        {
            **MONOREPO,
            "apps/handbook/mkdocs.yml": "site_name: Crew handbook\n",
            "apps/handbook/docs/index.md": "# Crew handbook\n",
            # Tests' and examples' sites are samples, never the repository's own.
            "tests/fixtures/mkdocs.yml": "site_name: Sample\n",
            "examples/blog/hugo.toml": "title = 'Sample'\n",
            # So are a generator's scaffolds (Jekyll's repository keeps what 'jekyll new' makes).
            "lib/site_template/_config.yml": "title: Your awesome title\n",
            "lib/blank-template/_config.yml": "title: Blank\n",
        },
    )
    code, out, err = run("init", str(root))
    assert (code, out) == (2, "")
    assert err == (
        "Error: found a site in each of website/, apps/handbook/ (up to 2 folders deep); nothing was"
        " written: say which to read with --site, e.g. stagemap init --site website\n"
    )
    assert not (root / "stagemap.yml").exists()
    code, out, err = run("init", str(root), "--site", "apps/handbook")
    assert (code, err) == (0, "")
    assert "Found a MkDocs site (apps/handbook/mkdocs.yml); sources: apps/handbook/docs/.\n" in out
    assert "\nsite_root: apps/handbook\n" in (root / "stagemap.yml").read_text()
    assert [a.title for a in stagemap.load_project(root).library.assets] == ["Crew handbook"]


def test_init_says_what_is_wrong_with_the_site_folder_it_was_given(tmp_path: Path) -> None:
    root = write(tmp_path / "repo", MONOREPO)
    assert run("init", str(root), "--site", "packages") == (
        2,
        "",
        "Error: --site packages: holds no site's configuration (hugo.toml or config.toml, _config.yml,"
        " docusaurus.config.js, gatsby-config.js, astro.config.mjs, mkdocs.yml or zensical.toml)\n",
    )
    assert run("init", str(root), "--site", "nowhere") == (
        2,
        "",
        f"Error: --site nowhere: no such folder in {root.as_posix()}\n",
    )
    assert (
        run("init", str(root), "--site", "README.md")[2]
        == "Error: --site README.md: is a file, not a folder\n"
    )
    # A folder written the Windows way is the same folder.
    assert run("init", str(root), "--site", "website\\")[0] == 0
    assert "\nsite_root: website\n" in (root / "stagemap.yml").read_text()
    (root / "stagemap.yml").unlink()
    assert run("init", str(root), "--site", "../repo/../..") == (
        2,
        "",
        f"Error: --site ../repo/../..: the site's folder must be inside {root.as_posix()}\n",
    )
    assert not (root / "stagemap.yml").exists()


def test_site_root_settings_that_cannot_be_used_are_errors_at_their_line(tmp_path: Path) -> None:
    head = "name: T\nmodel: buyer-journey\ngenerator: docusaurus\nsources: [docs]\n"
    root = write(tmp_path / "repo", {**MONOREPO, "stagemap.yml": head + "site_root: webiste\n"})
    code, _, err = run("-C", str(root), "check")
    assert code == 2
    assert (
        "stagemap.yml:5:12: error: site folder 'webiste' does not exist (name the folder that holds the"
        " site's configuration file, relative to stagemap.yml)\n"
    ) in err
    (root / "stagemap.yml").write_text(head + "site_root: ../elsewhere\n")
    assert (
        "stagemap.yml:5:12: error: '../elsewhere' must be a folder inside the project (e.g. site_root: website)\n"
        in (run("-C", str(root), "check")[2])
    )
    for written in ("'\\website'", "'C:/website'"):  # a Windows root and drive: never inside
        (root / "stagemap.yml").write_text(head + f"site_root: {written}\n")
        assert "must be a folder inside the project" in run("-C", str(root), "check")[2]
    (root / "stagemap.yml").write_text(head.replace("generator: docusaurus\n", "") + "site_root: website\n")
    assert (
        "stagemap.yml:4:12: error: 'site_root' needs a 'generator' (set 'generator' to your site's)\n"
        in (run("-C", str(root), "check")[2])
    )


def test_a_build_never_writes_over_the_sites_folder(tmp_path: Path) -> None:
    settings = "name: T\ngenerator: mkdocs\nsite_root: handbook\nsources: [pages]\n"
    files = {"handbook/mkdocs.yml": "site_name: H\n", "pages/a.md": "# A\n", "stagemap.yml": settings}
    root = write(tmp_path / "repo", files)
    code, out, err = run("-C", str(root), "build", "-o", str(root / "handbook"))
    assert (code, out) == (2, "")
    assert err == (
        f"Error: refusing to build into {root.as_posix()}/handbook: it is the site's folder, site_root"
        f" ({root.as_posix()}/handbook); choose a folder such as site/ inside the project\n"
    )
    assert sorted(p.name for p in (root / "handbook").iterdir()) == ["mkdocs.yml"]


def test_a_site_in_a_folder_without_its_usual_content_folder_is_read_whole(tmp_path: Path) -> None:
    root = write(tmp_path / "repo", {"manual/mkdocs.yml": "site_name: H\n", "manual/a.md": "# A\n"})
    code, out, _ = run("init", str(root))
    assert code == 0
    assert (
        "Found a MkDocs site (manual/mkdocs.yml); sources: none of the usual folders, so the site's whole"
        " folder, manual/.\n"
    ) in out
    text = (root / "stagemap.yml").read_text()
    assert "\n  - path: manual  # no usual content folder was found: the site's whole folder\n" in text
    assert [a.path for a in stagemap.load_project(root).library.assets] == ["manual/a.md"]


def test_a_site_root_reached_through_a_link_is_read_as_the_folder_it_leads_to(tmp_path: Path) -> None:
    """Seen by a review: with ``site_root: web``, a link to docs/, Jekyll's defaults compared
    the pages' paths (docs/...) with web/ and gave them nothing."""
    files = {f"docs/{name}": text for name, text in JEKYLL_SITE.items() if name != "stagemap.yml"}
    settings = JEKYLL_SITE["stagemap.yml"]
    assert isinstance(settings, str)
    settings = settings.replace("path: _", "path: docs/_").replace("path: .\n", "path: docs\n")
    root = write(tmp_path / "repo", {**files, "stagemap.yml": settings + "site_root: web\n"})
    (root / "web").symlink_to("docs")
    expected = {f"docs/{path}": value for path, value in JEKYLL_EXPECTED.items()}
    assert read(root) == {**expected, "docs/about/team.md": ("", (), ())}


def test_init_passes_by_a_folder_it_may_not_enter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Seen by a review: a folder of another user's (a database's volume) ended init with a
    traceback. Tests run as root, whom permissions do not stop: the refusal is simulated."""
    root = write(tmp_path / "repo", {**MONOREPO, "pgdata/PG_VERSION": "16\n"})
    real = sitebelow.site_config

    def refused(folder: Path) -> tuple[str, str] | None:
        if folder.name == "pgdata":
            raise PermissionError(13, "Permission denied", str(folder / "hugo.toml"))
        return real(folder)

    monkeypatch.setattr(sitebelow, "site_config", refused)
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    assert "Found a Docusaurus site (website/docusaurus.config.js)" in out


def test_jekyll_link_tags_name_files_from_the_sites_folder(tmp_path: Path) -> None:
    """Seen on Jekyll's own docs (in docs/): ``{% link _docs/x.md %}`` names the file from the
    site's folder; from the repository's root every such link led nowhere."""
    files = {f"docs/{name}": text for name, text in JEKYLL_SITE.items() if name != "stagemap.yml"}
    files["docs/index.md"] = (
        "---\ntitle: Tidewell\n---\nStart with [setting up]({% link _guides/setup.md %}).\n\n"
        "Then [the old page]({% link _guides/gone.md %}).\n"
    )
    root = write(tmp_path / "repo", files)
    assert run("init", str(root))[0] == 0
    code, _, err = run("-C", str(root), "build", "--as-of", "2026-11-24")
    assert (code, err) == (0, "")
    page = (root / "site/assets/index.html").read_text()
    assert '<a href="guides/setup.html">setting up</a>' in page
    code, _, err = run("-C", str(root), "check", "--links")
    assert [line.split(" (")[0] for line in err.splitlines() if "dead" in line or "nowhere" in line] == [
        "docs/index.md:6:29: warning: link to '_guides/gone.md' leads nowhere"
    ]


def test_a_site_kept_in_site_is_found_and_stagemap_writes_beside_it(tmp_path: Path) -> None:
    """A Hugo site in site/ (as some projects keep theirs) was passed by as stagemap's own
    output folder; found now, stagemap's default outputs move aside rather than refuse."""
    files = {
        "README.md": "# Tidewell\n",
        "site/config.toml": "baseURL = 'https://tidewell.example/'\ntitle = 'Tidewell'\n",
        "site/content/docs/quick-start.md": "---\ntitle: Quick start\n---\nRun it.\n",
    }
    root = write(tmp_path / "repo", files)
    code, out, _ = run("init", str(root))
    assert code == 0
    assert "Found a Hugo site (site/config.toml); sources: site/content/.\n" in out
    assert "site/ is the site's own folder: 'stagemap build' writes to stagemap-site/ instead\n" in out
    assert "add .stagemap-cache/ and stagemap-site/ to the" in (root / "stagemap.yml").read_text()
    code, out, err = run("-C", str(root), "build", "--as-of", "2026-11-24")
    assert (code, err) == (0, "")
    assert out.startswith("Built ") and out.endswith("repo/stagemap-site/index.html\n")
    assert (root / "stagemap-site/index.html").is_file()
    assert sorted(p.name for p in (root / "site").iterdir()) == ["config.toml", "content"]


def test_init_names_the_same_site_in_other_languages_beside_its_folder(tmp_path: Path) -> None:
    """FastAPI keeps its docs in docs/en/ and 12 more languages beside it (docs/es/, each with its
    mkdocs.yml): init read docs/en/ and said nothing of the other 1,488 pages. A folder named for
    a language beside the site's (itself named for one), holding the same configuration file,
    is the site in that language: named, not read."""
    page = "# Home\n"
    files: dict[str, str | bytes] = {
        "docs/en/mkdocs.yml": "site_name: Demo\nsite_url: https://demo.example/\n",
        "docs/en/docs/index.md": page,
        "docs/es/mkdocs.yml": "INHERIT: ../en/mkdocs.yml\n",
        "docs/es/docs/index.md": page,
        "docs/pt-br/mkdocs.yml": "INHERIT: ../en/mkdocs.yml\n",
        "docs/pt-br/docs/index.md": page,
        "docs/api/mkdocs.yml": "site_name: API\n",  # no language: another site
        "docs/fr/notes.md": page,  # no configuration: no site of its own
    }
    root = write(tmp_path, files)
    code, out, err = run("init", str(root), "--site", "docs/en")
    assert (code, err) == (0, "")
    assert (
        "Other languages, not read (their pages translate these, at the same paths): docs/es/, docs/pt-br/\n"
        in out
    )
