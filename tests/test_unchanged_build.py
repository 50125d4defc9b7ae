"""A rebuild with nothing changed reports the last result without reading the library; any change reads it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from stagemap.cli import app, loading
from stagemap.cli.app import cli
from stagemap.model.settings import Config
from stagemap.read import project as project_module
from stagemap.read.settings import load_config
from stagemap.render.markdown import compiled_enabled
from stagemap.write.fingerprint import Unchanged, _git_head, _path, remember
from tests.conftest import ROOT

AS_OF = "2026-11-24"
OLD = 1_600_000_000_000_000_000


def invoke(project: Path, out: Path, *extra: str) -> Result:
    return CliRunner().invoke(cli, ["-C", str(project), "build", "-o", str(out), "--as-of", AS_OF, *extra])


def run_build(project: Path, out: Path, *extra: str) -> tuple[int, str, str]:
    result = invoke(project, out, *extra)
    return result.exit_code, result.stdout, result.stderr


def read_again(project: Path, out: Path) -> bool:
    """Build; return True when the build read the library (see `no_reading`)."""
    return isinstance(invoke(project, out).exception, LibraryRead)


class LibraryRead(Exception):
    """Raised by `no_reading` when a build reads the library."""


def age(root: Path) -> None:
    """Give every file under ``root`` an old modification time (new ones are never vouched for)."""
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(OLD, OLD))


def rewrite(path: Path, text: str) -> None:
    """Write ``text`` and give the file another old modification time."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(OLD + 10**9, OLD + 10**9))


@pytest.fixture
def project(sample: Path) -> Path:
    (sample / "signals").mkdir()
    (sample / "signals/pages.csv").write_text("path,views\n/blog/x,3\n", encoding="utf-8")
    age(sample)
    return sample


@pytest.fixture
def no_reading(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Make reading the library fail from now on: a build that reads it exits with an error."""

    def refuse() -> None:
        def read_project(*_args: object, **_kwargs: object) -> None:
            raise LibraryRead

        monkeypatch.setattr(loading, "read_project", read_project)

    return refuse


def test_unchanged_build_reads_nothing_and_says_what_the_last_build_said(
    project: Path, tmp_path: Path, no_reading: Callable[[], None]
) -> None:
    out = tmp_path / "site"
    (project / "content/blog/friday-invoicing.md").write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    age(project)
    code, first, problems = run_build(project, out)
    assert code == 0 and "friday-invoicing.md" in problems
    no_reading()
    again = first.split("(")[0] + "(0 files changed, 0 removed)" + first.split(")", 1)[1]
    assert run_build(project, out) == (0, again, problems)
    # --strict still refuses a library with problems.
    code, _, err = run_build(project, out, "--strict")
    assert code == 1 and err.startswith(problems) and "nothing was written (--strict)" in err


def test_a_build_reads_the_settings_once(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The settings read before the build (for its output folder and its fingerprint) are the ones the read uses."""
    read: list[object] = []

    def counted(*args: Any, **kwargs: Any) -> Config:
        read.append(args)
        return load_config(*args, **kwargs)

    monkeypatch.setattr(app, "load_config", counted)
    monkeypatch.setattr(project_module, "load_config", counted)
    code, out, _ = run_build(project, tmp_path / "site")
    assert code == 0 and out.startswith("Built ")
    assert len(read) == 1


def test_unchanged_build_imports_neither_the_readers_nor_the_renderers(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    code, first, problems = run_build(project, out)
    assert code == 0
    heavy = (
        "jinja2",
        "markdown_it",
        "stagemap.read.project",
        "stagemap.render.site",
        "stagemap.write.publish",
    )
    script = (
        "import sys\n"
        "from stagemap.cli import main\n"
        "try:\n"
        f"    main(['-C', {str(project)!r}, 'build', '-o', {str(out)!r}, '--as-of', {AS_OF!r}])\n"
        "finally:\n"
        f"    print(sorted(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    again = first.split("(")[0] + "(0 files changed, 0 removed)" + first.split(")", 1)[1]
    assert (done.returncode, done.stdout, done.stderr) == (0, again, problems + "[]\n")
    # Anything changed: the same command imports them and builds.
    EDITS["a body"](project)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and "(1 file changed, 0 removed)" in done.stdout, done.stderr
    # (markdown-it-py only if the compiled renderer is not here or off: the edited body is plain.)
    needed = sorted(m for m in heavy if m != "markdown_it" or not compiled_enabled())
    assert done.stderr.endswith(f"{needed!r}\n")


EDITS: dict[str, Callable[[Path], None]] = {
    "a body": lambda p: rewrite(
        p / "content/blog/missed-calls-cost.md",
        (p / "content/blog/missed-calls-cost.md").read_text(encoding="utf-8") + "\nOne more line.\n",
    ),
    "a new attachment": lambda p: rewrite(p / "content/blog/pic.txt", "a file"),
    "the settings": lambda p: rewrite(
        p / "stagemap.yml",
        (p / "stagemap.yml").read_text(encoding="utf-8").replace("name: Fernhill", "name: Fernhall"),
    ),
    "a project site template": lambda p: rewrite(p / "templates/site/partial.html.j2", "<p>x</p>"),
    "a static file": lambda p: rewrite(p / "templates/site/static/stagemap.js", "/* mine */\n"),
    "a signals file": lambda p: rewrite(p / "signals/pages.csv", "path,views\n/blog/x,4\n"),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_unchanged_build_any_change_reads_the_library(
    project: Path, tmp_path: Path, no_reading: Callable[[], None], name: str
) -> None:
    out = tmp_path / "site"
    assert run_build(project, out)[0] == 0
    EDITS[name](project)
    no_reading()
    assert read_again(project, out)


def test_unchanged_build_a_page_edited_by_hand_is_built_again(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    run_build(project, out)
    page = out / "index.html"
    before = page.read_bytes()
    page.write_bytes(b"edited by hand")
    os.utime(page, ns=(OLD, OLD))
    code, line, _ = run_build(project, out)
    assert code == 0 and "(1 file changed" in line
    assert page.read_bytes() == before


def test_unchanged_build_a_file_changed_a_moment_ago_is_never_vouched_for(
    project: Path, tmp_path: Path, no_reading: Callable[[], None]
) -> None:
    out = tmp_path / "site"
    page = project / "content/blog/missed-calls-cost.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nNew.\n", encoding="utf-8")  # modified now
    run_build(project, out)
    no_reading()
    assert read_again(project, out)


def _git(folder: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com"}
    env |= {"GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com"}
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


@pytest.mark.parametrize("where", ["subfolder", "worktree"])
def test_unchanged_build_a_commit_changes_the_inputs_below_the_top_and_in_a_worktree(
    tmp_path: Path, where: str
) -> None:
    """A history on the site follows HEAD: a commit must never look like nothing changed."""
    top = tmp_path / "repo"
    (top / "site").mkdir(parents=True)
    (top / "site/stagemap.yml").write_text("name: T\n", encoding="utf-8")
    _git(top, "init", "-q", "-b", "main")
    _git(top, "add", ".")
    _git(top, "commit", "-q", "-m", "one")
    checkout = top
    if where == "worktree":
        _git(top, "worktree", "add", "-q", "-b", "other", str(tmp_path / "wt"))
        checkout = tmp_path / "wt"
    before = _git_head(checkout / "site")
    _git(checkout, "commit", "-q", "--allow-empty", "-m", "two")
    assert _git_head(checkout / "site") != before


def test_unchanged_build_never_removes_a_record_through_a_linked_cache_folder(tmp_path: Path) -> None:
    project = tmp_path / "p"
    (project / "content").mkdir(parents=True)
    (project / "stagemap.yml").write_text("name: T\n", encoding="utf-8")
    config = load_config(project)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    record = _path(config, tmp_path / "site")
    (elsewhere / record.name).write_text("theirs\n", encoding="utf-8")
    record.parent.symlink_to(elsewhere, target_is_directory=True)
    remember(config, tmp_path / "site", None, Unchanged(0, 0, ()))
    assert (elsewhere / record.name).read_text(encoding="utf-8") == "theirs\n"


@pytest.mark.parametrize("folder", ["", "website/"])
def test_unchanged_build_an_edit_of_the_sites_configuration_reads_the_library(
    tmp_path: Path, no_reading: Callable[[], None], folder: str
) -> None:
    """Seen by a review: editing the cascade in hugo.toml left every page as it was ('0 files
    changed'), as the configuration file was none of the files the fingerprint looked at."""
    root = tmp_path / "repo"
    hugo = "baseURL = 'https://h.example/'\n[[cascade]]\n  stages = ['awareness']\n  questions = ['risk']\n"
    settings = f"name: H\npurpose: Why.\ngenerator: hugo\nsources: [{folder}content]\n"
    if folder:
        settings += f"site_root: {folder.rstrip('/')}\n"
    for name, text in {
        "stagemap.yml": settings,
        f"{folder}hugo.toml": hugo,
        f"{folder}content/notes/plain.md": "---\ntitle: Plain\n---\nText.\n",
    }.items():
        rewrite(root / name, text)
    age(root)
    out = tmp_path / "site"
    assert run_build(root, out)[0] == 0
    rewrite(root / f"{folder}hugo.toml", hugo.replace("awareness", "advocacy"))
    no_reading()
    assert read_again(root, out)


def test_unchanged_build_an_edit_of_a_hugo_language_file_reads_the_library(
    tmp_path: Path, no_reading: Callable[[], None]
) -> None:
    """Seen by a review: a Hugo site's config/_default/languages.en.toml (Let's Encrypt's
    layout) gives the default language's taxonomies, which decide whether authors/jane/_index.md
    is a listing; an edit to it left the build as it was, as the fingerprint looked at
    languages.toml and no file of one language."""
    root = tmp_path / "repo"
    for name, text in {
        "stagemap.yml": "name: H\npurpose: Why.\ngenerator: hugo\nsources: [content]\n",
        "config/_default/hugo.toml": "baseURL = 'https://h.example/'\n",
        "config/_default/languages.en.toml": "weight = 1\n[taxonomies]\n  author = 'authors'\n",
        "content/authors/jane/_index.md": "---\ntitle: Jane\n---\nJane writes.\n",
        "content/notes/plain.md": "---\ntitle: Plain\n---\nText.\n",
    }.items():
        rewrite(root / name, text)
    age(root)
    out = tmp_path / "site"
    assert run_build(root, out)[0] == 0
    rewrite(root / "config/_default/languages.en.toml", "weight = 1\n")
    no_reading()
    assert read_again(root, out)


def test_unchanged_build_an_edit_of_a_jekyll_data_file_renders_the_page_again(
    tmp_path: Path, no_reading: Callable[[], None]
) -> None:
    """Travis CI's docs (Jekyll) show _data/snippets/*.yml through {{ site.data.snippets.x }}:
    now that those values are shown, an edit of a data file outside every source folder makes
    the page again, and a build with nothing changed still reads nothing."""
    root = tmp_path / "repo"
    for name, text in {
        "stagemap.yml": "name: K\npurpose: Why.\ngenerator: jekyll\nsources: [docs]\ncache: false\n",
        "_config.yml": "title: Kettles\n",
        "_data/desk.yml": "phone: 0100 200\n",
        "docs/care.md": "---\ntitle: Care\n---\nCall {{ site.data.desk.phone }} today.\n",
    }.items():
        rewrite(root / name, text)
    age(root)
    out = tmp_path / "site"
    assert run_build(root, out)[0] == 0
    assert "<p>Call 0100 200 today.</p>" in (out / "assets/care.html").read_text(encoding="utf-8")
    rewrite(root / "_data/desk.yml", "phone: 0100 300\n")
    assert run_build(root, out)[0] == 0
    assert "<p>Call 0100 300 today.</p>" in (out / "assets/care.html").read_text(encoding="utf-8")
    no_reading()
    assert not read_again(root, out)
    rewrite(root / "_data/desk.yml", "phone: 0100 4000\n")  # (another size: the same time)
    assert read_again(root, out)
