"""What a build, a check and a report ask of their process: the garbage collector paused while they work, and left as it was."""

from __future__ import annotations

import gc
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli

AS_OF = "2026-11-24"


@pytest.fixture
def collections() -> Iterator[list[list[str]]]:
    """The functions running each collection that starts while the test runs, innermost first
    (the thresholds Python's defaults)."""
    seen: list[list[str]] = []

    def note(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            frame, names = sys._getframe(1), []
            while frame is not None:
                names.append(frame.f_code.co_name)
                frame = frame.f_back
            seen.append(names)

    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    gc.callbacks.append(note)
    try:
        yield seen
    finally:
        gc.callbacks.remove(note)
        gc.set_threshold(*before)


COMMANDS = {
    # The command's arguments, and the function whose work must see no collection: from
    # reading the library to the last page written, or to the report made (what the command
    # does around it, such as reading its settings, may collect).
    "build": (["build", "-o", "{out}", "--as-of", AS_OF], "build_site"),
    "check": (["check"], "check_project"),
    "report": (["report", "--format", "json", "--as-of", AS_OF], "analyse"),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_command_runs_no_collection_while_it_works_and_leaves_the_collector_as_it_was(
    sample: Path, tmp_path: Path, collections: list[list[str]], command: str
) -> None:
    gc.unfreeze()  # what an earlier test froze (a preview's) is collectable again
    assert gc.isenabled()
    args, work = COMMANDS[command]
    shutil.rmtree(sample / ".stagemap-cache", ignore_errors=True)  # a cold read: the most to collect
    result = CliRunner().invoke(cli, ["-C", str(sample), *(a.format(out=tmp_path / "site") for a in args)])
    assert result.exit_code in (0, 1), result.output
    assert [names for names in collections if work in names or "read_project" in names] == []
    assert gc.isenabled() and gc.get_freeze_count() == 0
    seen = len(collections)
    made = [[n] for n in range(5000)]  # the collector runs again (and the test would see it)
    assert len(collections) > seen and len(made) == 5000


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
