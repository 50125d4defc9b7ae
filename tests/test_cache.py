"""The parse cache: same results as a fresh parse, invalidated exactly when it must be."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap import load_project
from stagemap.cli.app import cli
from stagemap.read.cache import CACHE_DIR, CACHE_FILE
from tests.conftest import MINIMAL_CONFIG, write

OLD = 1_600_000_000_000_000_000  # 2020: old enough that the cache stores the entry


def _age(root: Path) -> None:
    """Give every content file an old mtime, as files in a real library have."""
    for path in (root / "content").rglob("*.md"):
        os.utime(path, ns=(OLD, OLD))


def _without_bodies(project_root: Path, *, bodies: bool) -> tuple[object, object]:
    project = load_project(project_root, bodies=bodies)
    assets = tuple(dataclasses.replace(a, body="") for a in project.assets)
    return assets, project.problems


@pytest.fixture
def project(sample: Path) -> Path:
    # A few broken files too, so that problems go through the cache as well.
    write(
        sample,
        {
            "content/broken/no-front.md": "just text\n",
            "content/broken/unknown.md": "---\ntitle: x\nstages: nowhere\nquestions: risk\nTitle: y\n---\n",
            "content/broken/extra.md": "---\ntitle: x\nstages: awareness\nquestions: risk\n7: seven\n---\n",
        },
    )
    _age(sample)
    return sample


def cache_file(root: Path) -> Path:
    return root / CACHE_DIR / CACHE_FILE


def test_cached_results_equal_a_fresh_parse(project: Path) -> None:
    fresh = _without_bodies(project, bodies=True)
    first = _without_bodies(project, bodies=False)  # writes the cache
    assert cache_file(project).exists()
    second = _without_bodies(project, bodies=False)  # reads it
    assert first == fresh
    assert second == fresh
    entries = json.loads(cache_file(project).read_text(encoding="utf-8"))["entries"]
    # The asset with a number as a key is not cached: JSON would turn the key into text.
    assert "content/broken/extra.md" not in entries
    assert "content/broken/unknown.md" in entries


def test_cached_commands_print_the_same_bytes(project: Path) -> None:
    runner = CliRunner()
    args = ["-C", str(project), "report", "--format", "json", "--as-of", "2026-11-24"]
    shutil.rmtree(project / CACHE_DIR, ignore_errors=True)
    cold = runner.invoke(cli, args)
    warm = runner.invoke(cli, args)
    check_cold = runner.invoke(cli, ["-C", str(project), "check"])
    check_warm = runner.invoke(cli, ["-C", str(project), "check"])
    assert cold.output == warm.output
    assert (check_cold.exit_code, check_cold.output) == (check_warm.exit_code, check_warm.output)
    assert check_warm.exit_code == 1


def test_a_changed_file_is_parsed_again(project: Path) -> None:
    load_project(project, bodies=False)
    path = project / "content/blog/friday-invoicing.md"
    text = path.read_text(encoding="utf-8").replace("stages: [awareness]", "stages: [awarenes]")
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(OLD + 10**9, OLD + 10**9))
    problems = load_project(project, bodies=False).problems
    assert any(p.path == "content/blog/friday-invoicing.md" and "awarenes" in p.message for p in problems)


def test_same_size_and_mtime_means_unchanged_but_recent_files_are_never_cached(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "stagemap.yml": MINIMAL_CONFIG,
            "content/a.md": "---\ntitle: A\nstages: awareness\nquestions: risk\n---\n",
        },
    )
    load_project(tmp_path, bodies=False)
    # Just written: too recent to trust its mtime, so nothing was cached.
    data = json.loads(cache_file(tmp_path).read_text(encoding="utf-8"))
    assert data["entries"] == {}


def test_changing_the_settings_invalidates_everything(project: Path) -> None:
    load_project(project, bodies=False)
    config = project / "stagemap.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("id: ops-director", "id: operations"), encoding="utf-8"
    )
    problems = load_project(project, bodies=False).problems
    assert any("unknown persona 'ops-director'" in p.message for p in problems)


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b"[]",
        b'{"format": "stagemap parse cache 2", "key": "someone else", "entries": {}}',
        b"\x00\xff" * 50,
    ],
)
def test_a_corrupt_or_foreign_cache_is_ignored_and_rebuilt(project: Path, damage: bytes) -> None:
    fresh = _without_bodies(project, bodies=True)
    load_project(project, bodies=False)
    cache_file(project).write_bytes(damage)
    assert _without_bodies(project, bodies=False) == fresh
    assert json.loads(cache_file(project).read_bytes())["format"] == "stagemap parse cache 2"


def test_tampered_entries_are_misses_not_trusted(project: Path) -> None:
    fresh = _without_bodies(project, bodies=True)
    load_project(project, bodies=False)
    data = json.loads(cache_file(project).read_text(encoding="utf-8"))
    entries = data["entries"]
    # An entry is [size, mtime, problems, asset]; the asset is a flat list: id, path, title, ...
    entries["content/blog/friday-invoicing.md"][3][10] = [1, 2]  # stages
    entries["content/blog/missed-calls-cost.md"][3][2] = {"not": "text"}  # title
    entries["content/guides/outgrown-paper.md"][3][1] = "content/elsewhere.md"  # path
    entries["content/broken/unknown.md"][2] = [["x", "y"]]  # problems
    entries["content/blog/apprentice-diary.md"][3][14] = "2026-02-30"  # review_by
    entries["content/blog/the-whiteboard-problem.md"] = {"size": 1}
    entries["content/blog/why-we-started-fernhill.md"][3][10] = ["nonexistent-stage"]  # well typed, not ours
    entries["content/blog/plumbing-margins-episode.md"][3][10] = []  # no stages
    entries["content/guides/scheduling-options.md"][3][11] = "problems"  # a string, not a list
    entries["content/case-studies/hollis-heating.md"][3][4] = "finished"  # status
    entries["content/blog/van-time-not-wrench-time.md"][3] = entries[
        "content/blog/van-time-not-wrench-time.md"
    ][3][:5]
    cache_file(project).write_text(json.dumps(data), encoding="utf-8")
    assert _without_bodies(project, bodies=False) == fresh


def test_cache_folder_ignores_itself_in_git(project: Path) -> None:
    load_project(project, bodies=False)
    assert (project / CACHE_DIR / ".gitignore").read_text(encoding="utf-8").endswith("*\n")


def test_unwritable_cache_is_not_an_error(project: Path) -> None:
    (project / CACHE_DIR).write_text("a file where the folder should be", encoding="utf-8")
    assert _without_bodies(project, bodies=False) == _without_bodies(project, bodies=True)


def test_bodies_are_empty_only_when_asked(project: Path) -> None:
    with_bodies = load_project(project)
    assert with_bodies.library.by_id["blog/friday-invoicing"].body.startswith("\n# Friday night invoicing")
    assert load_project(project, bodies=False).library.by_id["blog/friday-invoicing"].body == ""
