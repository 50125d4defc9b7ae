"""The benchmark moves each timed build's output aside and deletes it only once the timing is over."""

from __future__ import annotations

from pathlib import Path

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
