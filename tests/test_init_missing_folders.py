"""Content folders a site names that are not there: a link to nothing, a git submodule not checked out.

A site keeping its docs in another repository links to a git submodule's folder; a clone made
without ``--recurse-submodules`` has none of those files, and init read nothing there without a word.
"""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from stagemap.cli.app import cli
from tests.conftest import write

DOCUSAURUS = "module.exports = {title: 'Tidewater Kayaks', url: 'https://tidewater.example'}\n"
POST = "---\ntitle: Our first season\n---\nWe hired out forty kayaks on the estuary.\n"
MODULES = '[submodule "manual"]\n\tpath = vendor/manual\n\turl = https://git.example/manual.git\n'


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def site(tmp_path: Path, modules: str = MODULES, target: str = "vendor/manual/website/docs") -> Path:
    """A Docusaurus site whose docs/ links into a submodule's folder that is empty (not checked out)."""
    root = write(tmp_path / "site", {"docusaurus.config.js": DOCUSAURUS, "blog/2024-05-01-season.md": POST})
    (root / "vendor/manual").mkdir(parents=True)
    if modules:
        (root / ".gitmodules").write_text(modules)
    os.symlink(target, root / "docs")
    return root


def test_init_says_a_docs_folder_linking_into_a_submodule_not_checked_out_is_not_read(tmp_path: Path) -> None:
    root = site(tmp_path)
    code, out, err = run("init", str(root))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[1] == "Found a Docusaurus site (docusaurus.config.js); sources: blog/."
    assert (
        "Named in docusaurus.config.js but not there, not read: docs/ (a link to vendor/manual/website/docs,"
        " which is missing: the git submodule vendor/manual is not checked out); run 'git submodule update"
        " --init', then 'stagemap init' again"
    ) in lines
    assert not any(line.startswith("Outside the sources") and "docs" in line for line in lines)
    assert "path: docs" not in (root / "stagemap.yml").read_text()


def test_init_says_a_link_to_nothing_outside_a_submodule_is_not_read(tmp_path: Path) -> None:
    root = site(tmp_path, modules="")
    code, out, _ = run("init", str(root))
    assert code == 0
    assert (
        "Named in docusaurus.config.js but not there, not read: docs/ (a link to vendor/manual/website/docs,"
        " which is missing); make the folder, or fix the link, then 'stagemap init' again"
    ) in out.splitlines()


def test_init_reads_an_empty_submodule_folder_and_says_it_is_empty_for_now(tmp_path: Path) -> None:
    files = {"mkdocs.yml": "site_name: Tidewater\n", ".gitmodules": MODULES.replace("vendor/manual", "docs")}
    root = write(tmp_path / "manual", files)
    (root / "docs").mkdir()
    code, out, _ = run("init", str(root))
    assert code == 0
    lines = out.splitlines()
    assert lines[1] == "Found a MkDocs site (mkdocs.yml); sources: docs/."
    assert (
        "Empty for now, nothing read there: docs/ (a git submodule that is not checked out);"
        " run 'git submodule update --init'"
    ) in lines
    assert "- path: docs\n" in (root / "stagemap.yml").read_text()  # read once it is checked out


def test_init_says_nothing_of_a_usual_folder_the_site_does_not_have(tmp_path: Path) -> None:
    """No docs/ at all, and no submodule: a blog-only site, not a folder missing."""
    root = write(tmp_path / "blog", {"docusaurus.config.js": DOCUSAURUS, "blog/2024-05-01-season.md": POST})
    code, out, _ = run("init", str(root))
    assert code == 0
    assert "not there" not in out and "Empty for now" not in out


def test_check_says_why_a_source_linking_into_a_submodule_is_missing(tmp_path: Path) -> None:
    root = site(tmp_path)
    assert run("init", str(root))[0] == 0
    settings = root / "stagemap.yml"
    settings.write_text(settings.read_text().replace("sources:\n", "sources:\n  - path: docs\n", 1))
    line = next(i for i, text in enumerate(settings.read_text().splitlines(), 1) if "- path: docs" in text)
    code, out, err = run("-C", str(root), "check")
    assert (code, out) == (2, "")
    assert err == (
        "Error: invalid settings:\n"
        f"stagemap.yml:{line}:11: error: source folder 'docs' does not exist: a link to"
        " vendor/manual/website/docs, which is missing: the git submodule vendor/manual is not checked"
        " out (run 'git submodule update --init')\n"
    )


def test_init_reads_a_link_to_an_empty_submodule_folder_and_says_it_is_empty_for_now(tmp_path: Path) -> None:
    """docs/ links to the submodule's own folder, there but empty: a source, filled by the checkout."""
    root = site(tmp_path, target="vendor/manual")
    code, out, _ = run("init", str(root))
    assert code == 0
    assert (
        "Empty for now, nothing read there: docs/ (a link to vendor/manual, in the git submodule"
        " vendor/manual, which is not checked out); run 'git submodule update --init'"
    ) in out.splitlines()


def test_a_site_in_a_folder_names_the_submodule_the_repositorys_gitmodules_lists(tmp_path: Path) -> None:
    """git keeps .gitmodules at the repository's top: a site in website/ links into a submodule
    beside it, and init names it there, each path from the project, the link once."""
    project = write(
        tmp_path / "repo",
        {
            ".gitmodules": MODULES,
            "website/docusaurus.config.js": DOCUSAURUS,
            "website/blog/2024-05-01-season.md": POST,
        },
    )
    (project / "vendor/manual").mkdir(parents=True)
    os.symlink("../vendor/manual/website/docs", project / "website/docs")
    code, out, _ = run("init", str(project))
    assert code == 0
    lines = out.splitlines()
    assert "Outside the sources, not looked at: vendor/, website/docusaurus.config.js" in lines
    assert (
        "Named in website/docusaurus.config.js but not there, not read: website/docs/ (a link to"
        " ../vendor/manual/website/docs, which is missing: the git submodule vendor/manual is not"
        " checked out); run 'git submodule update --init', then 'stagemap init' again"
    ) in lines
