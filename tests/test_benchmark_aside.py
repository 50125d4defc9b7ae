"""The benchmark: each timed build's output moved aside and deleted only once the timing is over; builds compared take turns."""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

import pytest

from tests.conftest import benchmark_module


def test_outputs_are_moved_aside_whole_and_deleted_only_when_cleared(tmp_path: Path) -> None:
    aside = benchmark_module("run").Aside(tmp_path)
    for n in range(2):
        site = tmp_path / "lib" / "site"
        (site / "assets").mkdir(parents=True)
        (site / "assets" / "a.html").write_text(f"build {n}", encoding="utf-8")
        aside.move(site)
        assert not site.exists()  # the next build starts from nothing, as after a deletion
    kept = tmp_path / "aside"
    assert sorted(p.name for p in kept.iterdir()) == ["1", "2"]
    assert (kept / "2" / "assets" / "a.html").read_text(encoding="utf-8") == "build 1"
    aside.move(tmp_path / "lib" / "site")  # nothing there: nothing to move
    assert sorted(p.name for p in kept.iterdir()) == ["1", "2"]
    aside.clear()
    assert not kept.exists()
    assert (tmp_path / "lib").is_dir()


def test_builds_compared_take_turns_and_keep_their_own_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = benchmark_module("run")
    order: list[str] = []
    figures = {
        "stagemap": iter([(2.0, 50, 3.0), (4.0, 60, 5.0), (3.0, 55, 4.0)]),
        "hugo": iter([(1.0, 300, 2.0), (5.0, 200, 6.0)]),
    }

    def run_once(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int, float]:
        order.append(argv[0])
        return next(figures[argv[0]])

    monkeypatch.setattr(run, "run_once", run_once)
    ours = run.Timed("build from scratch", ["stagemap"], tmp_path, 3, lambda: order.append("before"))
    theirs = run.Timed("hugo build", ["hugo"], tmp_path, 2)
    full, other = run.side_by_side([ours, theirs])
    # One run of each in turn, then the runs the other tool does not take.
    assert order == ["before", "stagemap", "hugo", "before", "stagemap", "hugo", "before", "stagemap"]
    assert full == {
        "label": "build from scratch",
        "median": 3.0,
        "min": 2.0,
        "max": 4.0,
        "cpu": 4.0,
        "peak_mb": 60,
    }
    assert other == {"label": "hugo build", "median": 3.0, "min": 1.0, "max": 5.0, "cpu": 4.0, "peak_mb": 300}
    # Round by round: 1.0 / 2.0 and 5.0 / 4.0 (stagemap's third run has no partner).
    assert run.round_ratios(ours, theirs) == [0.5, 1.25]
    assert (run.faster(0.5), run.faster(1.25)) == ("2.0x slower", "1.2x faster")


def test_the_other_tools_write_beside_the_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run = benchmark_module("run")
    monkeypatch.setattr(run, "tool", lambda name: f"/opt/{name}")
    lib = tmp_path / "run" / "lib1000"
    (lib / "content").mkdir(parents=True)
    with contextlib.ExitStack() as stack:
        rivals = run._rivals(lib, stack, ("mkdocs", "pelican", "hugo"), 5, run.Aside(lib.parent))
        # In the folder stagemap writes its site in, not /tmp: file creation speed differs between folders.
        # The slow tools run three times at most, Hugo as often as stagemap.
        assert [(r.label, r.cwd.parent, r.argv[0], r.runs) for r in rivals] == [
            ("mkdocs build", lib.parent, "/opt/mkdocs", 3),
            ("pelican build", lib.parent, "/opt/pelican", 3),
            ("hugo build", lib.parent, "/opt/hugo", 5),
        ]
    assert sorted(p.name for p in lib.parent.iterdir()) == ["lib1000"]  # their folders go with the stack


def test_the_preview_benchmark_times_a_rebuild_only_once_the_edited_files_are_settled(tmp_path: Path) -> None:
    preview = benchmark_module("preview")
    old, new = tmp_path / "old.md", tmp_path / "sub" / "new.md"
    old.write_text("a\n")
    os.utime(old, ns=(1, 1))
    assert preview.settle_files(tmp_path, window_ns=300_000_000) == 0.0
    new.parent.mkdir()
    new.write_text("b\n")
    waited = preview.settle_files(tmp_path, window_ns=300_000_000)
    assert 0 < waited <= 0.3
    assert time.time_ns() - new.stat().st_mtime_ns >= 300_000_000


def test_a_run_deletes_the_libraries_it_generated_unless_asked_to_keep_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = benchmark_module("run")
    monkeypatch.setattr(run, "_bench_dir", lambda: tmp_path)
    monkeypatch.setattr(run, "compile_bytecode", lambda: None)
    monkeypatch.setattr(run, "bench_size", lambda size, lib, *args, **kwargs: run.generate(size, lib))
    monkeypatch.setattr("sys.argv", ["run.py", "--sizes", "3", "--runs", "1", "--compare-up-to", "0"])
    run.main()
    assert list(tmp_path.iterdir()) == []
    kept = tmp_path / "kept"
    monkeypatch.setattr("sys.argv", ["run.py", "--sizes", "3", "--runs", "1", "--keep", str(kept)])
    run.main()
    assert [p.name for p in kept.iterdir()] == ["lib3"]
