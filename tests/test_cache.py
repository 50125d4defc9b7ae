"""The parse cache: same results as a fresh parse, invalidated exactly when it must be."""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import stagemap
from stagemap.cli.app import cli
from stagemap.model.project import Project
from stagemap.model.settings import CACHE_DIR
from stagemap.read import assets
from stagemap.read.cache import _TEXT, CACHE_FILE
from stagemap.read.project import read_project
from stagemap.serve import Preview
from stagemap.write.cache import save_parse_cache
from tests.conftest import MINIMAL_CONFIG, write

OLD = 1_600_000_000_000_000_000  # 2020: old enough that the cache stores the entry


def _age(root: Path) -> None:
    """Give every content file an old mtime, as files in a real library have."""
    for path in (root / "content").rglob("*.md"):
        os.utime(path, ns=(OLD, OLD))


def load_project(root: Path, *, bodies: bool = True) -> Project:
    """Load a project and save its parse cache, as the commands do."""
    project, update = read_project(root, bodies=bodies)
    assert save_parse_cache(update, project.config.root) is None
    return project


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


def test_a_pages_own_fields_come_back_from_the_cache_in_their_order(sample: Path) -> None:
    """Tekton's site (the regression check of the thirty-fifth sitting): a page whose text is
    its front matter showed 'Link title' then 'Description' built cold, the other way round
    built warm. The cache file is written with its keys sorted, and a mapping's order was lost
    there (dicts compare equal whatever their order, so no test saw it)."""
    page = (
        "---\ntitle: Ordered\nstages: awareness\nquestions: risk\nzebra: Last letter first here\n"
        "Apple: First letter after it\nnested: {zeta: 1, alpha: {y: 2, b: 3}}\n---\nBody.\n"
    )
    write(sample, {"content/ordered.md": page})
    _age(sample)

    def fields() -> list[object]:
        (found,) = [a for a in load_project(sample).assets if a.path.endswith("ordered.md")]
        nested = found.extra["nested"]
        return [list(found.extra), list(nested), list(nested["alpha"])]

    expected = [["zebra", "Apple", "nested"], ["zeta", "alpha"], ["y", "b"]]
    assert fields() == expected  # parsed, then cached
    assert fields() == expected  # from the cache


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
        b'{"format": "stagemap parse cache 12", "key": "someone else", "entries": {}}',
        b"\x00\xff" * 50,
    ],
)
def test_a_corrupt_or_foreign_cache_is_ignored_and_rebuilt(project: Path, damage: bytes) -> None:
    fresh = _without_bodies(project, bodies=True)
    load_project(project, bodies=False)
    cache_file(project).write_bytes(damage)
    assert _without_bodies(project, bodies=False) == fresh
    assert json.loads(cache_file(project).read_bytes())["format"] == "stagemap parse cache 12"


def test_tampered_entries_are_misses_not_trusted(project: Path) -> None:
    fresh = _without_bodies(project, bodies=True)
    load_project(project, bodies=False)
    data = json.loads(cache_file(project).read_text(encoding="utf-8"))
    entries = data["entries"]
    # An entry is [size, mtime, problems, asset]; the asset is a flat list: the texts, then the ids...
    stages, questions, review_by = len(_TEXT), len(_TEXT) + 1, len(_TEXT) + 4
    entries["content/blog/friday-invoicing.md"][3][stages] = [1, 2]
    entries["content/blog/missed-calls-cost.md"][3][_TEXT.index("title")] = {"not": "text"}
    entries["content/guides/outgrown-paper.md"][3][_TEXT.index("path")] = "content/elsewhere.md"
    entries["content/broken/unknown.md"][2] = [["x", "y"]]  # problems
    entries["content/blog/apprentice-diary.md"][3][review_by] = "2026-02-30"
    entries["content/tools/cost-of-missed-jobs-calculator.md"][3][_TEXT.index("route")] = ["/not/text/"]
    entries["content/blog/the-whiteboard-problem.md"] = {"size": 1}
    entries["content/blog/why-we-started-fernhill.md"][3][stages] = [
        "nonexistent-stage"
    ]  # well typed, not ours
    entries["content/blog/plumbing-margins-episode.md"][3][stages] = []  # no stages
    entries["content/guides/scheduling-options.md"][3][questions] = "problems"  # a string, not a list
    entries["content/case-studies/hollis-heating.md"][3][_TEXT.index("status")] = "finished"
    entries["content/blog/van-time-not-wrench-time.md"][3] = entries[
        "content/blog/van-time-not-wrench-time.md"
    ][3][:5]
    # The review of the ordered mappings: values nested 900 deep (JSON reads them) ended a
    # command in a RecursionError where they were read back.
    extra = len(_TEXT) + 11  # after the ids, three dates, the body's line and two positions
    entries["content/guides/spreadsheet-vs-software.md"][3][extra] = {
        "~": [["x", json.loads("[" * 900 + "]" * 900)]]
    }
    cache_file(project).write_text(json.dumps(data), encoding="utf-8")
    assert _without_bodies(project, bodies=False) == fresh


def test_a_page_whose_own_values_nest_deep_is_parsed_each_time_not_a_traceback(sample: Path) -> None:
    """The same review: a page whose front matter nests lists some 340 deep (within the YAML
    reader's limit) ended a cold check in a RecursionError while its entry was made for the
    cache. Such a page is parsed each time; the rest are cached."""
    write(
        sample,
        {
            "content/deep.md": "---\ntitle: Deep\nstages: awareness\nquestions: risk\n"
            f"x: {'[' * 340}{']' * 340}\n---\nBody.\n"
        },
    )
    _age(sample)
    assert any(a.path.endswith("deep.md") for a in load_project(sample).assets)
    entries = json.loads(cache_file(sample).read_text(encoding="utf-8"))["entries"]
    assert "content/deep.md" not in entries
    assert "content/blog/friday-invoicing.md" in entries


def test_cache_folder_ignores_itself_in_git(project: Path) -> None:
    load_project(project, bodies=False)
    assert (project / CACHE_DIR / ".gitignore").read_text(encoding="utf-8").endswith("*\n")


WARNING = (
    "warning: cannot save the parse cache in .stagemap-cache/: {}; "
    "set 'cache: false' in stagemap.yml or STAGEMAP_NO_CACHE=1 to turn it off\n"
)


def test_reading_a_project_never_writes(sample: Path) -> None:
    stagemap.load_project(sample, bodies=False)
    _, update = read_project(sample, bodies=False)
    assert not (sample / CACHE_DIR).exists()
    assert update is not None and update.folder == sample.resolve() / CACHE_DIR


def test_unwritable_cache_is_not_an_error(project: Path) -> None:
    (project / CACHE_DIR).write_text("a file where the folder should be", encoding="utf-8")
    fresh, update = read_project(project, bodies=False)
    assert fresh.library == stagemap.load_project(project, bodies=False).library
    assert save_parse_cache(update, fresh.config.root) == WARNING.format("it is not a folder")[9:-1]


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        ("file", "it is not a folder"),
        ("link", "it is a symbolic link"),
        ("full", "No space left on device"),
    ],
)
def test_check_warns_once_and_passes_when_the_cache_cannot_be_saved(
    sample: Path, monkeypatch: pytest.MonkeyPatch, damage: str, reason: str
) -> None:
    if damage == "file":  # the folder cannot be made: as good as a read-only checkout, even for root
        (sample / CACHE_DIR).write_text("not a folder", encoding="utf-8")
    elif damage == "link":
        (sample.parent / "elsewhere").mkdir()
        (sample / CACHE_DIR).symlink_to(sample.parent / "elsewhere")
    else:

        def full(*_args: object) -> bool:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr("stagemap.write.cache.write_owned", full)
    result = CliRunner().invoke(cli, ["-C", str(sample), "check"])
    assert (result.exit_code, result.stderr) == (0, WARNING.format(reason))
    assert result.stdout.startswith("Checked ")
    if damage == "link":
        assert list((sample.parent / "elsewhere").iterdir()) == []


def test_a_file_that_could_not_be_read_is_read_again_next_time(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    denied = str(project / "content/blog/friday-invoicing.md")
    real_open = os.open

    def unreadable(path: Any, *args: Any, **kwargs: Any) -> Any:
        if str(path) == denied:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(assets.os, "open", unreadable)
    first = load_project(project, bodies=False)
    assert [p.message for p in first.problems if p.path.endswith("friday-invoicing.md")] == [
        "cannot read file: Permission denied"
    ]
    monkeypatch.undo()  # the permissions are fixed; size and mtime did not change
    second = load_project(project, bodies=False)
    assert not [p for p in second.problems if p.path.endswith("friday-invoicing.md")]
    assert "blog/friday-invoicing" in second.library.by_id


def test_cache_setting_moves_or_turns_off_the_cache(project: Path) -> None:
    settings = project / "stagemap.yml"
    original = settings.read_text(encoding="utf-8")
    settings.write_text(original + "cache: build-cache\n", encoding="utf-8")
    load_project(project, bodies=False)
    assert (project / "build-cache" / CACHE_FILE).is_file()
    assert not (project / CACHE_DIR).exists()
    for off in ("false", "off"):
        settings.write_text(original + f"cache: {off}\n", encoding="utf-8")
        assert read_project(project, bodies=False)[1] is None


def test_no_cache_environment_variable_neither_reads_nor_saves(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_project(project, bodies=False)
    cache_file(project).write_bytes(b"damaged")
    monkeypatch.setenv("STAGEMAP_NO_CACHE", "1")
    result = CliRunner().invoke(cli, ["-C", str(project), "check"])
    assert result.exit_code == 1
    assert cache_file(project).read_bytes() == b"damaged"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("../outside", "'cache' folder must be inside the project (got '../outside')"),
        ("0", "'cache' must be a folder path (e.g. cache: .stagemap-cache)"),
    ],
)
def test_cache_setting_must_be_a_folder_in_the_project_or_off(
    project: Path, value: str, message: str
) -> None:
    settings = project / "stagemap.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + f"cache: {value}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["-C", str(project), "check"])
    assert result.exit_code == 2
    assert f"error: {message}\n" in result.stderr


def test_a_read_through_the_cache_gives_every_asset_with_its_body(project: Path) -> None:
    shutil.rmtree(project / CACHE_DIR, ignore_errors=True)
    fresh = load_project(project)  # parses every file, and writes the cache
    cached = load_project(project)  # the front matter from the cache, each body from its file
    assert cache_file(project).is_file()
    assert cached.assets == fresh.assets and cached.problems == fresh.problems
    assert sum(bool(a.body) for a in cached.assets) >= 20  # bodies compared above, not all empty


def test_bodies_are_empty_only_when_asked(project: Path) -> None:
    with_bodies = load_project(project)
    assert with_bodies.library.by_id["blog/friday-invoicing"].body.startswith("\n# Friday night invoicing")
    assert load_project(project, bodies=False).library.by_id["blog/friday-invoicing"].body == ""


def test_preview_saves_the_cache_and_warns_once_when_it_cannot(sample: Path, tmp_path: Path) -> None:
    lines: list[str] = []
    preview = Preview(sample, tmp_path / "site", log=lines.append)
    assert preview.rebuild().error == ""
    assert cache_file(sample).is_file()
    shutil.rmtree(sample / CACHE_DIR)
    (sample / CACHE_DIR).write_text("not a folder", encoding="utf-8")
    # The preview saves the cache once its watcher is idle (or it stops), not after each build.
    for _ in range(2):
        preview.rebuild()
        preview.save_cache()
    assert [line for line in lines if line.startswith("warning:")] == [
        WARNING.format("it is not a folder")[:-1]
    ]
