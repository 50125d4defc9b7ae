"""What a build asks of its own process: the garbage collector is paused while it runs, and left as it was."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli

AS_OF = "2026-11-24"


@pytest.fixture
def collections() -> Iterator[list[str]]:
    """The functions running each collection that starts while the test runs (the thresholds Python's defaults)."""
    seen: list[str] = []

    def note(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            frame, names = sys._getframe(1), []
            while frame is not None:
                names.append(frame.f_code.co_name)
                frame = frame.f_back
            seen.append(" < ".join(names))

    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    gc.callbacks.append(note)
    try:
        yield seen
    finally:
        gc.callbacks.remove(note)
        gc.set_threshold(*before)


def test_a_build_runs_no_collection_and_leaves_the_collector_as_it_was(
    sample: Path, tmp_path: Path, collections: list[str]
) -> None:
    gc.unfreeze()  # what an earlier test froze (a preview's) is collectable again
    assert gc.isenabled()
    result = CliRunner().invoke(
        cli, ["-C", str(sample), "build", "-o", str(tmp_path / "site"), "--as-of", AS_OF]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Built ")
    # From reading the library to the last page written (what the command does around it may collect).
    assert [where for where in collections if "build_site" in where] == []
    assert collections, "no collection at all: the test would see none either way"
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_build_leaves_what_its_caller_froze_frozen(sample: Path, tmp_path: Path) -> None:
    kept = [[n] for n in range(100)]  # objects a caller (the preview, say) froze before building
    gc.freeze()
    try:
        result = CliRunner().invoke(
            cli, ["-C", str(sample), "build", "-o", str(tmp_path / "site"), "--as-of", AS_OF]
        )
        assert result.exit_code == 0, result.output
        # Still frozen (fewer: what was freed since leaves the count), not handed back to the collector.
        assert gc.get_freeze_count() > 0 and gc.isenabled()
    finally:
        gc.unfreeze()
    assert len(kept) == 100
