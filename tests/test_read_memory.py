"""A long-running reader (the preview server) keeps parse results in memory and parses only changed files."""

from __future__ import annotations

import gc
import json
import os
from pathlib import Path

import pytest

from stagemap.read import assets, cache
from stagemap.read.project import read_project
from stagemap.read.remembered import Remembered
from stagemap.read.sources import walk
from stagemap.write.cache import save_parse_cache

OLD = 1_600_000_000_000_000_000


@pytest.fixture
def aged(sample: Path) -> Path:
    for path in sample.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(OLD, OLD))
    return sample


def counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the path of every file parsed from now on."""
    parsed: list[str] = []
    real = assets.parse_asset

    def parse_asset(rel: str, *args: object, **kwargs: object) -> object:
        parsed.append(rel)
        return real(rel, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(assets, "parse_asset", parse_asset)
    return parsed


def test_read_memory_parses_only_the_changed_file_and_gives_the_same_library(
    aged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory = Remembered()
    first, _ = read_project(aged, memory=memory)
    page = aged / "content/blog/missed-calls-cost.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    os.utime(page, ns=(OLD + 10**9, OLD + 10**9))
    parsed = counting(monkeypatch)

    def never(_self: object) -> None:
        raise AssertionError("the cache file was read")

    monkeypatch.setattr(cache.ParseCache, "_read", never)
    again, update = read_project(aged, memory=memory)
    assert parsed == ["content/blog/missed-calls-cost.md"]
    # What the cache file should now hold comes from memory: every asset, the edited one too.
    assert update is not None
    entries = json.loads(update.data)["entries"]
    assert sorted(entries) == sorted(a.path for a in again.library.assets)
    monkeypatch.undo()
    assert again.library == read_project(aged)[0].library
    unchanged = [a for a in again.library.assets if a.path != "content/blog/missed-calls-cost.md"]
    assert all(a is first.library.by_id[a.id] for a in unchanged)


def test_read_memory_forgets_everything_when_the_ids_change(
    aged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory = Remembered()
    read_project(aged, memory=memory)
    settings = aged / "stagemap.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("id: owner-operator", "id: owner"), encoding="utf-8")
    parsed = counting(monkeypatch)
    read_project(aged, memory=memory)
    assert len(parsed) == len(list((aged / "content").rglob("*.md")))


def test_read_memory_never_keeps_a_file_changed_a_moment_ago(
    aged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory = Remembered()
    page = aged / "content/blog/missed-calls-cost.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nNew.\n", encoding="utf-8")
    read_project(aged, memory=memory)
    parsed = counting(monkeypatch)
    read_project(aged, memory=memory)
    assert parsed == ["content/blog/missed-calls-cost.md"]


def test_read_memory_keeps_what_came_from_the_cache_file(aged: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A preview started on a warm cache parses only the edited file, on the second edit too."""
    assert save_parse_cache(read_project(aged)[1], aged) is None
    memory = Remembered()
    read_project(aged, memory=memory)  # every result from the cache file
    page = aged / "content/blog/missed-calls-cost.md"
    for edit in (1, 2):
        page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
        os.utime(page, ns=(OLD + edit * 10**9, OLD + edit * 10**9))
        parsed = counting(monkeypatch)
        read_project(aged, memory=memory)
        assert parsed == ["content/blog/missed-calls-cost.md"]


def test_a_read_pauses_the_garbage_collector_and_leaves_it_as_it_found_it(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    real = assets.parse_asset

    def parse_asset(rel: str, *args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(rel, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(assets, "parse_asset", parse_asset)
    project = read_project(sample)[0]
    assert seen and not any(seen)  # no collection while the files are parsed
    assert gc.isenabled()
    gc.disable()  # a caller that paused it itself (the preview) finds it paused after
    try:
        assert read_project(sample)[0].library == project.library
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_walking_a_folder_leaves_nothing_for_the_garbage_collector(tmp_path: Path) -> None:
    # Commands raise the collector's thresholds (cli/app.py): a reference cycle made on each
    # read would keep what it holds (every path found) until a collection, in `serve` too.
    for rel in ("a.md", "b/c.md", "b/d/e.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x\n")
    gc.collect()
    assert [sub for _, _, sub in walk(str(tmp_path))] == ["a.md", "b/c.md", "b/d/e.md"]
    assert gc.collect() == 0
