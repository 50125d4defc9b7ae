"""A save that lands while an edit puts its file in place is kept (stagemap.write.exchange).

The window is made on purpose: `exchange` is wrapped so that a person's save (a rename, as
editors do) lands just before the swap, or while the swap back is under way.
"""

from __future__ import annotations

import errno
import json
import os
import sys
from pathlib import Path

import pytest

from stagemap.write import exchange as exchange_module
from stagemap.write.atomic import ChangedMeanwhile, atomic_write
from stagemap.write.cache import JOURNAL
from stagemap.write.exchange import SaveKept, exchange
from tests.test_faults_edit import CACHE, make_project, run, stagemap

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux's")

PLANNED_FROM = b"as read\n"
OURS = b"planned\n"


def save(path: Path, data: bytes) -> None:
    """Save ``data`` as an editor does: a new file renamed over the old one."""
    beside = path.with_name(path.name + ".saving")
    beside.write_bytes(data)
    os.replace(beside, path)


def saving_before_calls(
    monkeypatch: pytest.MonkeyPatch, path: Path, saves: dict[int, bytes], fail_at: int = 0
) -> list[int]:
    """Wrap `exchange`: before its Nth call, save ``saves[N]`` at ``path``; fail call ``fail_at``."""
    real = exchange_module.exchange
    calls: list[int] = []

    def wrapped(first: str, second: str) -> bool:
        calls.append(len(calls) + 1)
        if len(calls) in saves:
            save(path, saves[len(calls)])
        if len(calls) == fail_at:
            raise OSError(5, "Input/output error")
        return real(first, second)

    monkeypatch.setattr(exchange_module, "exchange", wrapped)
    return calls


def test_exchange_swaps_two_files(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"A")
    (tmp_path / "b").write_bytes(b"B")
    assert exchange(str(tmp_path / "a"), str(tmp_path / "b"))
    assert ((tmp_path / "a").read_bytes(), (tmp_path / "b").read_bytes()) == (b"B", b"A")


def test_an_edit_goes_in_when_nobody_saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(PLANNED_FROM)
    calls = saving_before_calls(monkeypatch, path, {})
    assert atomic_write(path, OURS, expect=PLANNED_FROM)
    assert (path.read_bytes(), calls, sorted(p.name for p in tmp_path.iterdir())) == (OURS, [1], ["a.md"])


@pytest.mark.parametrize(
    ("saves", "swaps"),
    [
        ({1: b"saved by a person\n"}, [1, 2]),  # just before the swap: swapped back in
        ({1: b"first save\n", 2: b"saved by a person\n"}, [1, 2, 3]),  # and one more after it
    ],
)
def test_a_save_around_the_swap_is_put_back_and_the_newest_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, saves: dict[int, bytes], swaps: list[int]
) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(PLANNED_FROM)
    calls = saving_before_calls(monkeypatch, path, saves)
    with pytest.raises(ChangedMeanwhile, match=r"a\.md: changed by someone else since it was read"):
        atomic_write(path, OURS, expect=PLANNED_FROM)
    assert (path.read_bytes(), calls) == (b"saved by a person\n", swaps)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_a_save_that_cannot_be_put_back_is_kept_and_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(PLANNED_FROM)
    saving_before_calls(monkeypatch, path, {1: b"saved by a person\n"}, fail_at=2)
    temp = tmp_path / f".a.md.{os.getpid()}.tmp"
    with pytest.raises(SaveKept) as raised:
        atomic_write(path, OURS, expect=PLANNED_FROM)
    assert str(raised.value) == (
        f"{path} was saved by someone else during this edit, and their save could not be put back "
        f"(Input/output error): it is in {temp}; move it over {path} to keep it"
    )
    assert (path.read_bytes(), temp.read_bytes()) == (OURS, b"saved by a person\n")


def test_without_a_swap_the_file_is_looked_at_just_before_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exchange_module, "_renameat2", lambda: None)
    path = tmp_path / "a.md"
    path.write_bytes(b"saved by a person\n")
    with pytest.raises(ChangedMeanwhile):
        atomic_write(path, OURS, expect=PLANNED_FROM)
    assert path.read_bytes() == b"saved by a person\n"
    path.write_bytes(PLANNED_FROM)
    assert atomic_write(path, OURS, expect=PLANNED_FROM)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]
    assert path.read_bytes() == OURS


@pytest.mark.parametrize("code", [errno.EINVAL, errno.EPERM])
def test_a_file_system_that_refuses_the_swap_gets_a_plain_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    # EINVAL: a file system without the swap; EPERM: one that refuses a flag it lacks.
    def refuses(*args: object) -> int:
        exchange_module.ctypes.set_errno(code)
        return -1

    monkeypatch.setattr(exchange_module, "_renameat2", lambda: refuses)
    path = tmp_path / "a.md"
    path.write_bytes(PLANNED_FROM)
    if code == errno.EINVAL:
        assert not exchange(str(path), str(path))
    else:
        with pytest.raises(PermissionError):
            exchange(str(path), str(path))
    assert atomic_write(path, OURS, expect=PLANNED_FROM)
    assert path.read_bytes() == OURS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_a_rename_keeps_a_save_made_as_its_file_goes_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path, 5)
    monkeypatch.chdir(root)
    target = root / "content/f003.md"
    real = exchange_module.exchange
    saved = target.read_bytes() + b"Saved as the rename put this file in place.\n"
    swaps: list[str] = []

    def save_then_swap(first: str, second: str) -> bool:
        swaps.append(os.path.relpath(second, root))
        if swaps.count("content/f003.md") == 1 and swaps[-1] == "content/f003.md":
            save(target, saved)
        return real(first, second)

    monkeypatch.setattr(exchange_module, "exchange", save_then_swap)
    code, _, err = run("rename-persona", "owner", "boss", "--yes")
    assert (code, err) == (
        2,
        "Error: changed by someone else during the rename, so left as they are: content/f003.md; "
        f"the other files are renamed: put these right by hand, then delete {root / CACHE / JOURNAL}\n",
    )
    assert target.read_bytes() == saved
    assert swaps.count("content/f003.md") == 2  # swapped in, found the save, swapped back
    assert "personas: [boss]" in (root / "content/f004.md").read_text()
    assert [p.name for p in root.rglob("*.tmp")] == []


def test_a_rename_killed_while_a_save_was_out_of_place_is_not_finished_blindly(tmp_path: Path) -> None:
    root = make_project(tmp_path, 20)
    killed = stagemap(root, "rename-persona", "owner", "boss", "--yes", fault="rename-after-replace:5")
    assert killed.returncode < 0
    journal = root / CACHE / JOURNAL
    entries: list[dict[str, str]] = json.loads(journal.read_text())["files"]
    done = next(e for e in entries if e["shown"] == "content/f003.md")
    # As if the run had been killed after swapping its file in, with a save in its temp file.
    Path(done["temp"]).write_text("A save made during the rename.\n")
    checked = stagemap(root, "check")
    assert (checked.returncode, checked.stderr) == (
        2,
        f"content/f003.md: renamed, but {done['temp']} holds a save made during the rename; compare them\n"
        f"Error: an interrupted rename of persona 'owner' to 'boss' cannot be finished; put the files named "
        f"above right by hand, then delete {journal}\n",
    )
    assert Path(done["temp"]).read_text() == "A save made during the rename.\n"
    assert "personas: [boss]" in (root / "content/f003.md").read_text()
    assert "personas: [boss]" in (root / "content/f019.md").read_text()
