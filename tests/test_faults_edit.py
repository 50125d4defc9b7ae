"""Fault tests of the editing commands: kills, concurrent runs, changes made meanwhile, full disks.

The kills run the real command line in a subprocess and stop it with SIGKILL, either at a
named step (the ``STAGEMAP_TEST_FAULT`` test hook in write/faults.py) or after a delay. After any
kill every file must hold its old bytes or its new ones, and the next run must leave the
project consistent.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli import new as new_module
from stagemap.cli import rename as rename_module
from stagemap.cli import tag as tag_module
from stagemap.cli.app import cli
from stagemap.model.settings import NO_CACHE_ENV
from stagemap.write import edits as edits_module
from stagemap.write import lock
from stagemap.write.atomic import ChangedMeanwhile, atomic_write
from stagemap.write.cache import JOURNAL
from stagemap.write.faults import FAULT_ENV
from tests.conftest import MINIMAL_CONFIG, write

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="signals and flock are POSIX")

ASSET = """\
---
title: File {i}
stages: [awareness]
questions: [problems]
personas: [owner]
status: published
---

Body of file {i}.
"""
CACHE = ".stagemap-cache"


def make_project(root: Path, count: int) -> Path:
    """A project of ``count`` assets that all name persona 'owner'."""
    files: dict[str, str | bytes] = {"stagemap.yml": MINIMAL_CONFIG}
    files.update({f"content/f{i:03}.md": ASSET.format(i=i) for i in range(count)})
    return write(root, files)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file outside the cache folder, by relative path."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and CACHE not in p.parts
    }


def stagemap(root: Path, *args: str, fault: str = "") -> subprocess.CompletedProcess[str]:
    """Run the real command line in ``root``."""
    env = {k: v for k, v in os.environ.items() if k != FAULT_ENV}
    if fault:
        env[FAULT_ENV] = fault
    return subprocess.run(
        [sys.executable, "-m", "stagemap", *args], cwd=root, env=env, capture_output=True, text=True
    )


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def renamed(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The files of a 200-asset project before and after renaming persona owner to boss."""
    root = make_project(tmp_path_factory.mktemp("reference"), 200)
    before = snapshot(root)
    result = stagemap(root, "rename-persona", "owner", "boss", "--yes")
    assert result.returncode == 0, result.stderr
    return before, snapshot(root)


def assert_old_or_new(root: Path, before: dict[str, bytes], after: dict[str, bytes]) -> str:
    """Every file holds its old or its new bytes, and nothing else is left; say which state."""
    now = snapshot(root)
    # The temp files a killed rename leaves are named in its journal; the next run clears them.
    strays = sorted(set(now) - set(before) - set(after) - {r for r in now if r.endswith(".rename.tmp")})
    assert strays == []
    mixed = [rel for rel in after if now.get(rel) not in (before.get(rel), after[rel])]
    assert mixed == []
    now = {rel: data for rel, data in now.items() if rel in after}
    return "old" if now == before else "new" if now == after else "some"


STEPS = [
    "rename-after-journal",
    "rename-after-temp:1",
    "rename-after-temp:100",
    "rename-after-temp:201",
    "rename-after-commit",
    "rename-after-replace:1",
    "rename-after-replace:57",
    "rename-after-replace:200",
]


@pytest.mark.parametrize("step", STEPS)
def test_rename_killed_at_each_step_is_finished_or_undone_by_the_next_run(
    tmp_path: Path, renamed: tuple[dict[str, bytes], dict[str, bytes]], step: str
) -> None:
    before, after = renamed
    root = make_project(tmp_path, 200)
    killed = stagemap(root, "rename-persona", "owner", "boss", "--yes", fault=step)
    assert killed.returncode == -signal.SIGKILL
    replaced = step.startswith("rename-after-replace")
    assert assert_old_or_new(root, before, after) == ("some" if replaced else "old")
    assert (root / CACHE / JOURNAL).exists()
    checked = stagemap(root, "check")
    committed = replaced or step == "rename-after-commit"
    what = "finished" if committed else "rolled back (no file had changed)"
    assert f"note: an interrupted rename of persona 'owner' to 'boss' was {what}\n" in checked.stderr
    assert checked.returncode == 0, checked.stderr
    assert snapshot(root) == (after if committed else before)
    assert not (root / CACHE / JOURNAL).exists()
    if not committed:
        again = stagemap(root, "rename-persona", "owner", "boss", "--yes")
        assert again.returncode == 0, again.stderr
        assert snapshot(root) == after


def test_rename_killed_at_random_moments_never_leaves_a_mixed_project(
    tmp_path: Path, renamed: tuple[dict[str, bytes], dict[str, bytes]]
) -> None:
    before, after = renamed
    env = {k: v for k, v in os.environ.items() if k != FAULT_ENV}
    for n, delay in enumerate((0.3, 0.6, 0.9, 1.2)):
        root = make_project(tmp_path / str(n), 200)
        proc = subprocess.Popen(
            [sys.executable, "-m", "stagemap", "rename-persona", "owner", "boss", "--yes"],
            cwd=root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert_old_or_new(root, before, after)
        again = stagemap(root, "rename-persona", "owner", "boss", "--yes")
        # Either the rerun renames, or it finishes the killed run, or the killed run had finished.
        assert again.returncode in (0, 2), again.stderr
        assert snapshot(root) == after, again.stderr


def test_rename_interrupted_by_ctrl_c_changes_all_files_or_none(
    tmp_path: Path, renamed: tuple[dict[str, bytes], dict[str, bytes]]
) -> None:
    before, after = renamed
    env = {k: v for k, v in os.environ.items() if k != FAULT_ENV}
    for n, delay in enumerate((0.4, 0.9)):
        root = make_project(tmp_path / str(n), 200)
        proc = subprocess.Popen(
            [sys.executable, "-m", "stagemap", "rename-persona", "owner", "boss", "--yes"],
            cwd=root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        proc.wait()
        assert assert_old_or_new(root, before, after) in ("old", "new")
        assert not (root / CACHE / JOURNAL).exists()
        assert [p for p in root.rglob("*.tmp")] == []


@pytest.mark.parametrize("state", ["prepare", "commit"])
@pytest.mark.parametrize("saved", [False, True])
def test_rename_interrupted_while_its_journal_is_saved_changes_nothing_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, state: str, saved: bool
) -> None:
    # Ctrl-C a moment before or after the journal is written: the window the test above hit
    # now and then, where a rename left its journal (and, in state commit, its temps) behind.
    root = make_project(tmp_path, 5)
    monkeypatch.chdir(root)
    before = snapshot(root)
    real = edits_module._save

    def save(folder: Path, what: str, now: str, entries: object) -> None:
        if now == state and not saved:
            raise KeyboardInterrupt
        real(folder, what, now, entries)  # type: ignore[arg-type]
        if now == state:
            raise KeyboardInterrupt

    monkeypatch.setattr(edits_module, "_save", save)
    result = CliRunner().invoke(cli, ["rename-persona", "owner", "boss", "--yes"])
    assert (result.exit_code, result.stderr) == (130, "Interrupted; nothing was renamed.\n")
    assert result.stdout.startswith("Renaming persona 'owner' to 'boss' changes 6 files:\n")
    assert snapshot(root) == before
    assert not (root / CACHE / JOURNAL).exists()
    assert [p.name for p in root.rglob("*.tmp")] == []


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_rename_interrupted_while_renaming_finishes_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: int
) -> None:
    # The signal comes once every temp is written and the journal says commit: it waits.
    root = make_project(tmp_path / "project", 5)
    reference = make_project(tmp_path / "reference", 5)
    assert stagemap(reference, "rename-persona", "owner", "boss", "--yes").returncode == 0
    monkeypatch.chdir(root)
    real = edits_module._commit_all

    def commit_all(*args: object) -> list[str]:
        os.kill(os.getpid(), signum)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(edits_module, "_commit_all", commit_all)
    result = CliRunner().invoke(cli, ["rename-persona", "owner", "boss", "--yes"])
    assert (result.exit_code, result.stderr) == (130, "Interrupted, but only once every file was renamed.\n")
    assert result.stdout.endswith("\nRenamed persona 'owner' to 'boss' in 6 files.\n")
    assert snapshot(root) == snapshot(reference)
    assert not (root / CACHE / JOURNAL).exists()


def test_tag_interrupted_says_how_many_files_changed_and_the_same_command_finishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path, 3)
    monkeypatch.chdir(root)
    real = tag_module.write_planned
    calls = iter(range(100))

    def write_planned(*args: object) -> bool:
        if next(calls) == 1:
            raise KeyboardInterrupt
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(tag_module, "write_planned", write_planned)
    command = ["tag", "content", "--add-stage", "exploration"]
    code, out, err = run(*command)
    assert (code, out) == (130, "changed content/f000.md\n")
    assert err == (
        "Interrupted: 1 of 3 files changed (each one whole, the others as they were); "
        "run the same command again to change the rest.\n"
    )
    assert "stages: [awareness, exploration]" in (root / "content/f000.md").read_text()
    assert "stages: [awareness]\n" in (root / "content/f001.md").read_text()
    monkeypatch.setattr(tag_module, "write_planned", real)
    assert run(*command) == (
        0,
        "changed content/f001.md\nchanged content/f002.md\n2 files changed, 1 unchanged, 0 refused.\n",
        "",
    )


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_tag_stopped_by_a_signal_says_how_far_it_got(tmp_path: Path, signum: int) -> None:
    # The real command line, paused after its first file (SIGSTOP), then sent the signal.
    root = make_project(tmp_path, 3)
    env = {**{k: v for k, v in os.environ.items() if k != FAULT_ENV}, FAULT_ENV: "tag-after-write:1:stop"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "stagemap", "tag", "content", "--add-stage", "exploration"],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(1200):
            with open(f"/proc/{proc.pid}/stat") as handle:
                if handle.read().rsplit(")", 1)[1].split()[0] == "T":
                    break
            time.sleep(0.05)
        else:
            raise AssertionError("tag never reached its fault point")
        proc.send_signal(signum)
        proc.send_signal(signal.SIGCONT)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert (proc.returncode, out) == (130, "changed content/f000.md\n")
    assert err == (
        "Interrupted: 1 of 3 files changed (each one whole, the others as they were); "
        "run the same command again to change the rest.\n"
    )
    assert "stages: [awareness]\n" in (root / "content/f001.md").read_text()


def test_a_command_interrupted_says_so_and_exits_130(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(make_project(tmp_path, 3))

    def stop(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(tag_module, "plan_tag", stop)
    assert run("tag", "content", "--add-stage", "exploration") == (130, "", "Interrupted.\n")


def test_rename_copy_model_killed_midway_is_finished_by_running_it_again(tmp_path: Path) -> None:
    root = make_project(tmp_path, 30)
    args = ("rename-stage", "awareness", "noticing", "--copy-model", "--yes")
    killed = stagemap(root, *args, fault="rename-after-replace:10")
    assert killed.returncode == -signal.SIGKILL
    again = stagemap(root, *args)
    assert (again.returncode, again.stdout) == (
        0,
        "Renamed stage 'awareness' to 'noticing' (the interrupted run is now finished).\n",
    )
    assert again.stderr == "note: an interrupted rename of stage 'awareness' to 'noticing' was finished\n"
    assert "model: buyer-journey.yml" in (root / "stagemap.yml").read_text()
    assert "id: noticing" in (root / "buyer-journey.yml").read_text()
    assert all("stages: [noticing]" in (root / f"content/f{i:03}.md").read_text() for i in range(30))
    assert stagemap(root, "check").returncode == 0


def test_rename_refuses_when_a_file_changed_since_it_was_planned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path, 5)
    monkeypatch.chdir(root)
    real = rename_module.plan_rename

    def plan_then_save(*args: object, **kwargs: object) -> object:
        plan = real(*args, **kwargs)  # type: ignore[arg-type]
        (root / "content/f003.md").write_text(ASSET.format(i=3) + "A person's save.\n")
        return plan

    monkeypatch.setattr(rename_module, "plan_rename", plan_then_save)
    before = snapshot(root)
    assert run("rename-persona", "owner", "boss", "--yes")[::2] == (
        1,
        "content/f003.md: changed by someone else since it was read; not written (run the command again)\n"
        "Nothing was renamed: run the command again.\n",
    )
    assert snapshot(root) == {
        **before,
        "content/f003.md": (ASSET.format(i=3) + "A person's save.\n").encode(),
    }
    assert [p.name for p in root.rglob("*.tmp")] == []
    assert not (root / CACHE / JOURNAL).exists()


def test_check_reports_a_rename_that_cannot_be_finished(tmp_path: Path) -> None:
    root = make_project(tmp_path, 20)
    assert (
        stagemap(root, "rename-persona", "owner", "boss", "--yes", fault="rename-after-replace:5").returncode
        < 0
    )
    (root / "content/f010.md").write_text("---\ntitle: Rewritten by hand\n---\n")
    checked = stagemap(root, "check")
    journal = root / CACHE / JOURNAL
    assert (checked.returncode, checked.stderr) == (
        2,
        "content/f010.md: changed by someone else during the rename; it has neither its old nor its new bytes\n"
        f"Error: an interrupted rename of persona 'owner' to 'boss' cannot be finished; put the files named "
        f"above right by hand, then delete {journal}\n",
    )
    assert "personas: [boss]" in (root / "content/f019.md").read_text()


# -- tag ---------------------------------------------------------------------------------------


def test_tag_leaves_a_file_changed_after_planning_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path, 3)
    monkeypatch.chdir(root)
    real = tag_module.plan_tag
    saved = ASSET.format(i=1).replace("title: File 1", "title: Saved by a person")

    def plan_then_save(*args: object, **kwargs: object) -> object:
        plan = real(*args, **kwargs)  # type: ignore[arg-type]
        (root / "content/f001.md").write_text(saved)
        return plan

    monkeypatch.setattr(tag_module, "plan_tag", plan_then_save)
    assert run("tag", "content", "--add-persona", "manager") == (
        1,
        "changed content/f000.md\nchanged content/f002.md\n"
        "2 files changed, 0 unchanged, 0 refused, 1 not written (changed meanwhile).\n",
        "content/f001.md: changed by someone else since it was read; not written (run the command again)\n",
    )
    assert (root / "content/f001.md").read_text() == saved
    assert "personas: [owner, manager]" in (root / "content/f002.md").read_text()


def test_tag_waits_for_another_edit_then_gives_up_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path, 2)
    monkeypatch.chdir(root)
    monkeypatch.setattr(lock, "WAIT_SECONDS", 0.2)
    before = snapshot(root)
    with lock.hold_folder_lock(root, "editing this project"):
        code, out, err = run("tag", "content", "--add-persona", "manager")
    assert (code, out) == (2, "")
    assert err == (
        "waiting for another stagemap to finish editing this project...\n"
        f"Error: another stagemap is editing this project ({root.resolve()}); try again when it has "
        "finished (waited 0.2 seconds)\n"
    )
    assert snapshot(root) == before
    assert run("tag", "content", "--add-persona", "manager")[0] == 0


def test_tag_two_at_once_on_the_same_files_lose_nothing(tmp_path: Path) -> None:
    root = make_project(tmp_path, 300)
    env = {k: v for k, v in os.environ.items() if k != FAULT_ENV}
    commands = [
        ["tag", "content", "--add-persona", "manager"],
        ["tag", "content", "--set", "owner=Tom Ashby"],
    ]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "stagemap", *args],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for args in commands
    ]
    outcomes = [(p.wait(), *p.communicate()) for p in procs]
    assert [code for code, _, _ in outcomes] == [0, 0], outcomes
    for i in range(300):
        text = (root / f"content/f{i:03}.md").read_text()
        assert "personas: [owner, manager]" in text and "owner: Tom Ashby" in text


SAVER = """\
import os, sys, time
root, count = sys.argv[1], int(sys.argv[2])
time.sleep(0.3)
for i in range(count):
    path = os.path.join(root, "content", f"f{i * 7:03}.md")
    with open(path, "rb") as handle:
        data = handle.read()
    tmp = path + ".saving"
    with open(tmp, "wb") as handle:
        handle.write(data + f"Saved by a person, {i}.\\n".encode())
    os.replace(tmp, path)
    time.sleep(0.1)
"""


def test_tag_while_a_person_saves_files_keeps_every_save(tmp_path: Path) -> None:
    root = make_project(tmp_path, 300)
    env = {k: v for k, v in os.environ.items() if k != FAULT_ENV}
    saver = subprocess.Popen([sys.executable, "-c", SAVER, str(root), "10"], env=env)
    for _ in range(2):  # tag on and off while the saves land
        stagemap(root, "tag", "content", "--add-persona", "manager")
        stagemap(root, "tag", "content", "--remove-persona", "manager")
    assert saver.wait() == 0
    lost = [
        i
        for i in range(10)
        if f"Saved by a person, {i}." not in (root / f"content/f{i * 7:03}.md").read_text()
    ]
    assert lost == []


def test_tag_killed_midway_leaves_each_file_old_or_new(tmp_path: Path) -> None:
    root = make_project(tmp_path, 100)
    before = snapshot(root)
    killed = stagemap(root, "tag", "content", "--add-persona", "manager", fault="tag-after-write:40")
    assert killed.returncode == -signal.SIGKILL
    now = snapshot(root)
    new = [rel for rel in before if now[rel] != before[rel]]
    assert len(new) == 40
    assert all(b"personas: [owner, manager]" in now[rel] for rel in new)
    assert set(now) == set(before)
    assert stagemap(root, "tag", "content", "--add-persona", "manager").stdout.endswith(
        "60 files changed, 40 unchanged, 0 refused.\n"
    )


# -- full disk -------------------------------------------------------------------------------------


@pytest.fixture
def full_disk_after(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Make the Nth ``os.write`` from now on fail with ENOSPC (set the list's one item to N)."""
    real = os.write
    left = [0]

    def write(fd: int, data: bytes) -> int:
        left[0] -= 1
        if left[0] == 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd, data)

    monkeypatch.setattr(os, "write", write)
    yield left


@pytest.mark.parametrize("nth", [1, 2, 7, 21])
def test_rename_on_a_full_disk_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, full_disk_after: list[int], nth: int
) -> None:
    root = make_project(tmp_path, 20)
    monkeypatch.chdir(root)
    before = snapshot(root)
    full_disk_after[0] = nth
    code, _, err = run("rename-persona", "owner", "boss", "--yes")
    assert (code, err.startswith("Error: cannot write "), "No space left on device" in err) == (2, True, True)
    assert snapshot(root) == before
    assert [p.name for p in root.rglob("*.tmp")] == []
    assert not (root / CACHE / JOURNAL).exists()


@pytest.mark.parametrize("nth", [1, 5])
def test_tag_on_a_full_disk_stops_with_every_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, full_disk_after: list[int], nth: int
) -> None:
    root = make_project(tmp_path, 10)
    monkeypatch.chdir(root)
    monkeypatch.setenv(NO_CACHE_ENV, "1")  # so that the Nth write is the Nth file's
    before = snapshot(root)
    full_disk_after[0] = nth
    code, _, err = run("tag", "content", "--add-persona", "manager")
    rel = f"content/f{nth - 1:03}.md"
    assert (code, err) == (2, f"Error: cannot write {root / rel}: No space left on device\n")
    now = snapshot(root)
    assert [r for r in before if now[r] != before[r]] == [f"content/f{i:03}.md" for i in range(nth - 1)]
    assert [p.name for p in root.rglob("*.tmp")] == []


# -- the writer and the listing ---------------------------------------------------------------------


def test_atomic_write_refuses_a_file_changed_since_it_was_read(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"saved by a person\n")
    with pytest.raises(ChangedMeanwhile, match=r"a\.md: changed by someone else since it was read"):
        atomic_write(path, b"planned\n", expect=b"as read\n")
    assert path.read_bytes() == b"saved by a person\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]
    assert atomic_write(path, b"planned\n", expect=b"saved by a person\n")
    assert path.read_bytes() == b"planned\n"


def test_atomic_write_create_never_replaces_a_file_that_appeared(tmp_path: Path) -> None:
    path = tmp_path / "new.md"
    path.write_bytes(b"someone else's\n")
    with pytest.raises(ChangedMeanwhile, match="created by someone else"):
        atomic_write(path, b"ours\n", create=True)
    assert path.read_bytes() == b"someone else's\n"
    assert atomic_write(tmp_path / "other.md", b"ours\n", create=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.md", "other.md"]


def test_list_paths0_ends_each_path_with_nul_so_newlines_in_names_survive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"stagemap.yml": MINIMAL_CONFIG, "content/two\nlines.md": ASSET.format(i=1)})
    monkeypatch.chdir(tmp_path)
    assert run("list", "--format", "paths0") == (0, "content/two\nlines.md\0", "")


def test_check_never_follows_a_journal_naming_files_outside_the_project(tmp_path: Path) -> None:
    root = make_project(tmp_path / "cloned", 2)
    victim = write(tmp_path / "home", {"notes.md": "mine\n"}) / "notes.md"
    (victim.parent / ".notes.md.1.rename.tmp").write_text("planted\n")
    journal = root / CACHE / JOURNAL
    journal.parent.mkdir()
    entry = {
        "target": str(victim),
        "shown": "notes.md",
        "temp": str(victim.parent / ".notes.md.1.rename.tmp"),
        "before": hashlib.sha256(b"mine\n").hexdigest(),
        "after": hashlib.sha256(b"planted\n").hexdigest(),
    }
    journal.write_text(json.dumps({"what": "persona 'a' to 'b'", "state": "commit", "files": [entry]}))
    checked = stagemap(root, "check")
    assert (checked.returncode, checked.stderr) == (
        2,
        f"{journal}: names '{victim}', which is not a file of this project\n"
        f"Error: an interrupted rename of persona 'a' to 'b' cannot be finished; put the files named "
        f"above right by hand, then delete {journal}\n",
    )
    assert victim.read_text() == "mine\n"
    assert (victim.parent / ".notes.md.1.rename.tmp").exists()


def test_new_never_replaces_a_file_that_appeared_after_planning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path, 1)
    monkeypatch.chdir(root)
    real = new_module.plan_new

    def plan_then_create(*args: object, **kwargs: object) -> object:
        planned = real(*args, **kwargs)  # type: ignore[arg-type]
        planned.path.write_text("someone else's\n")
        return planned

    monkeypatch.setattr(new_module, "plan_new", plan_then_create)
    code, out, err = run("new", "Costs", "--stage", "awareness", "--question", "problems", "--no-input")
    assert (code, out) == (2, "")
    assert err == (
        f"Error: {root / 'content/costs.md'}: created by someone else since the command started; "
        "not written (run the command again)\n"
    )
    assert (root / "content/costs.md").read_text() == "someone else's\n"


def test_rename_leaves_a_file_saved_during_the_renaming_and_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path, 5)
    monkeypatch.chdir(root)
    real = edits_module._commit
    saved = ASSET.format(i=3) + "Saved while the temps were renamed.\n"

    def save_then_commit(entry: object, holds: object) -> bool:
        if not (root / "content/f003.md").read_text().endswith("renamed.\n"):
            (root / "content/f003.md").write_text(saved)
        return real(entry, holds)  # type: ignore[arg-type]

    monkeypatch.setattr(edits_module, "_commit", save_then_commit)
    journal = root / CACHE / JOURNAL
    assert run("rename-persona", "owner", "boss", "--yes")[::2] == (
        2,
        "Error: changed by someone else during the rename, so left as they are: content/f003.md; "
        f"the other files are renamed: put these right by hand, then delete {journal}\n",
    )
    assert (root / "content/f003.md").read_text() == saved
    assert "personas: [boss]" in (root / "content/f004.md").read_text()
    assert "id: boss" in (root / "stagemap.yml").read_text()
    assert [p.name for p in root.rglob("*.tmp")] == []
    monkeypatch.undo()
    checked = stagemap(root, "check")
    assert checked.returncode == 2
    assert checked.stderr.startswith("content/f003.md: changed by someone else during the rename;")


def test_rename_with_an_unreadable_folder_renames_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path, 3)
    write(root, {"content/locked/g.md": ASSET.format(i=9)})
    monkeypatch.chdir(root)
    before = snapshot(root)
    scandir = os.scandir

    def refuse(path: str) -> object:  # as chmod 0 does, for anyone but root
        if str(path).endswith("locked"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    code, out, err = run("rename-persona", "owner", "boss", "--yes")
    monkeypatch.setattr(os, "scandir", scandir)
    assert (code, out) == (1, "")
    assert err == (
        "content/locked: not changed: cannot read this folder, so the rename cannot reach the files "
        "in it (check its permissions)\n"
        "Nothing was renamed: 1 file that may use 'owner' must be fixed first, so that every file is "
        "renamed together.\n"
    )
    assert snapshot(root) == before


def test_rename_with_a_name_that_is_not_utf8_renames_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path, 3)
    try:
        (root / "content" / os.fsdecode(b"caf\xe9.md")).write_text(ASSET.format(i=9), encoding="utf-8")
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    monkeypatch.chdir(root)
    code, _, err = run("rename-persona", "owner", "boss", "--yes")
    assert code == 1
    assert err.startswith(
        "content/caf\\xe9.md: not changed: its name is not valid UTF-8, so the rename cannot read it "
        "(rename the file)\n"
    )
    assert b"boss" not in (root / "content" / "f000.md").read_bytes()
