"""The preview's watcher is woken by the kernel's news of a change (Linux), and polls where there is none."""

from __future__ import annotations

import ctypes
import datetime as dt
import errno
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from stagemap.serve import preview as preview_module
from stagemap.serve import watch
from stagemap.serve.preview import Preview
from stagemap.serve.watch import Notifier, Snapshot, scan

AS_OF = dt.date(2026, 11, 24)
QUICK = 5.0
"""Seconds to wait for news of a change: far less than the poll interval the tests set."""

linux_only = pytest.mark.skipif(not Notifier(lambda: None).active, reason="no inotify on this system")


class Woken:
    """A notifier on a folder, and whether it woke its watcher."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.event = threading.Event()
        self.notifier = Notifier(self.event.set)

    def look(self) -> None:
        """Follow every folder under the root, as the watcher does after each look."""
        folders: set[str] = set()
        scan((self.root,), folders)
        self.notifier.follow(sorted(folders))

    def woke(self, timeout: float = QUICK) -> bool:
        found = self.event.wait(timeout)
        self.event.clear()
        return found


@pytest.fixture
def woken(tmp_path: Path) -> Iterator[Woken]:
    (tmp_path / "content").mkdir()
    found = Woken(tmp_path / "content")
    found.look()
    found.notifier.start()
    try:
        yield found
    finally:
        found.notifier.close()


@linux_only
def test_watch_a_file_written_in_a_followed_folder_wakes_the_watcher(woken: Woken) -> None:
    (woken.root / "pricing.md").write_text("---\ntitle: Pricing\n---\n", encoding="utf-8")
    assert woken.woke()


@linux_only
def test_watch_hidden_files_and_editor_backups_do_not(woken: Woken) -> None:
    for name in (".pricing.md.swp", "pricing.md~", "pricing.tmp"):
        (woken.root / name).write_text("x", encoding="utf-8")
    assert not woken.woke(0.3)


@linux_only
def test_watch_a_new_folder_is_followed_after_the_next_look(woken: Woken) -> None:
    (woken.root / "blog").mkdir()
    assert woken.woke()  # the folder itself is news
    woken.look()
    (woken.root / "blog/first.md").write_text("Hi\n", encoding="utf-8")
    assert woken.woke()


@linux_only
def test_watch_a_folder_removed_and_made_again_is_followed_again(woken: Woken) -> None:
    (woken.root / "blog").mkdir()
    woken.look()
    assert woken.woke()
    shutil.rmtree(woken.root / "blog")
    assert woken.woke()
    (woken.root / "blog").mkdir()
    assert woken.woke()
    woken.look()
    (woken.root / "blog/again.md").write_text("Hi\n", encoding="utf-8")
    assert woken.woke()


@linux_only
def test_watch_closed_the_notifier_stops_and_drops_its_watches(tmp_path: Path) -> None:
    found = Woken(tmp_path)
    found.look()
    found.notifier.start()
    found.notifier.close()
    assert not found.notifier.active
    (tmp_path / "late.md").write_text("Hi\n", encoding="utf-8")
    assert not found.woke(0.3)


def test_watch_without_inotify_the_notifier_does_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(watch, "_inotify", lambda: None)
    found = Woken(tmp_path)
    assert not found.notifier.active
    found.look()
    found.notifier.start()
    found.notifier.close()


class _FillingLibc:
    """The C library, except that only the first new watch is given: the next ones fail as at the limit (ENOSPC)."""

    def __init__(self, real: ctypes.CDLL) -> None:
        self.real = real
        self.given = 0

    def inotify_add_watch(self, fd: int, path: bytes, mask: int) -> int:
        if self.given:
            ctypes.set_errno(errno.ENOSPC)
            return -1
        self.given += 1
        return int(self.real.inotify_add_watch(fd, path, mask))

    def inotify_rm_watch(self, fd: int, wd: int) -> int:
        return int(self.real.inotify_rm_watch(fd, wd))


@linux_only
def test_watch_at_the_limit_of_watches_it_drops_them_all_and_leaves_the_watcher_to_poll(
    tmp_path: Path,
) -> None:
    (tmp_path / "a").mkdir()
    found = Woken(tmp_path)
    real = found.notifier._libc
    assert real is not None
    found.notifier._libc = _FillingLibc(real)  # type: ignore[assignment]
    found.notifier.follow([str(tmp_path)])  # the first watch is given
    found.notifier.start()
    found.look()  # the second is refused: every watch goes
    assert not found.notifier.active
    found.woke(0.3)  # the news of the dropped watch, if any
    (tmp_path / "late.md").write_text("Hi\n", encoding="utf-8")
    assert not found.woke(0.3)
    found.notifier.close()


def test_watch_a_preview_that_never_watches_holds_no_notifier(sample: Path, tmp_path: Path) -> None:
    preview = Preview(sample, tmp_path / "served", as_of=AS_OF)
    assert preview.rebuild().error == ""
    assert preview._notifier is None
    preview.stop()


@pytest.fixture
def slow_polling(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the watcher poll once a minute: a build within seconds was announced by the kernel."""
    monkeypatch.setattr(preview_module, "WATCH_MIN", 60.0)
    monkeypatch.setattr(preview_module, "WATCH_INTERVAL", 60.0)


@linux_only
@pytest.mark.parametrize("polls", [0, 3])
def test_watch_the_preview_builds_an_edit_without_waiting_for_its_next_look(
    sample: Path, tmp_path: Path, slow_polling: None, polls: int
) -> None:
    preview = Preview(sample, tmp_path / "served", as_of=AS_OF)
    assert preview.rebuild().error == ""
    version = preview.state.version
    # Most looks are polls that find nothing: only woken looks that find nothing may make the
    # watcher wait, or a save would wait for the next poll as if there were no notifier.
    for _ in range(polls):
        assert preview.refresh().version == version
    preview.watch_in_background()
    try:
        page = sample / "content/blog/missed-calls-cost.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
        assert preview.wait(version, timeout=QUICK * 4) == version + 1
        assert "One more line." in (tmp_path / "served/assets/blog/missed-calls-cost.html").read_text("utf-8")
    finally:
        preview.stop()


def test_watch_woken_over_and_over_with_nothing_changed_looks_once_an_interval(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A program that keeps touching a watched file without changing it wakes the watcher
    # again and again; after two woken looks that found nothing, the next waits for the interval.
    monkeypatch.setattr(preview_module, "WATCH_MIN", 0.25)
    preview = Preview(sample, tmp_path / "served", as_of=AS_OF)
    version, looks = started(preview, monkeypatch)
    try:
        end = time.monotonic() + 1.0
        while time.monotonic() < end:  # about a thousand wake-ups in a second
            preview.nudge()
            time.sleep(0.001)
    finally:
        preview.stop()
    # Without the pause, each wake-up is a look (a look of the sample takes about a millisecond).
    assert 1 <= len(looks) <= 10
    assert preview.state.version == version


@linux_only
def test_watch_while_the_kernel_reports_every_change_the_watcher_seldom_looks_unasked(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Polling alone, a look of the sample (about a millisecond) would come every 0.05 s.
    monkeypatch.setattr(watch, "TRUSTED_COST", 1e-6)
    preview = Preview(sample, tmp_path / "served", as_of=AS_OF)
    version, looks = started(preview, monkeypatch)
    try:
        time.sleep(1.0)
        idle = len(looks)
        page = sample / "content/blog/missed-calls-cost.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
        assert preview.wait(version, timeout=QUICK) == version + 1  # the kernel's news: at once
    finally:
        preview.stop()
    assert idle <= 1
    assert preview._notifier is not None and preview._notifier.missed == ""


@linux_only
def test_watch_a_change_the_kernel_did_not_report_puts_the_watcher_back_to_polling(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As on a shared folder whose changes the kernel never hears of: no event, no wake-up.
    monkeypatch.setattr(watch.Notifier, "_parse", lambda self, data: False)
    # The polling interval is WATCH_MIN however long a look takes on a busy machine (the note says it).
    monkeypatch.setattr(preview_module, "WATCH_COST", 1e9)
    monkeypatch.setattr(watch, "TRUSTED_COST", 1e-6)
    monkeypatch.setattr(watch, "TRUSTED_INTERVAL", 0.5)
    lines: list[str] = []
    preview = Preview(sample, tmp_path / "served", as_of=AS_OF, log=lines.append)
    version, looks = started(preview, monkeypatch)
    try:
        # What changed before the watcher's first look went unheard for another reason.
        end = time.monotonic() + QUICK
        while not looks and time.monotonic() < end:
            time.sleep(0.01)
        page = sample / "content/blog/missed-calls-cost.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
        assert preview.wait(version, timeout=QUICK) == version + 1  # found by a look unasked
        looks.clear()
        time.sleep(0.5)
    finally:
        preview.stop()
    assert preview._notifier is not None and preview._notifier.missed == str(page)
    assert lines[0].startswith("Built 99 pages")
    assert lines[1] == f"note: no news of a change to {page} (a shared folder?): looking every 0.05 s"
    assert lines[2] == "Built 99 pages (1 file changed, 0 removed)"
    assert len(looks) >= 4  # every 0.05 s again (WATCH_MIN), not every 0.5 s


def counted_looks(preview: Preview, monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Return a list that gets the time each look of the watcher ended."""
    looks: list[float] = []
    real = preview._look

    def counted() -> Snapshot:
        found = real()
        looks.append(time.monotonic())
        return found

    monkeypatch.setattr(preview, "_look", counted)
    return looks


def started(preview: Preview, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[float]]:
    """Build, count the watcher's looks (see `counted_looks`) and start it; return the version built and the looks."""
    assert preview.rebuild().error == ""
    version = preview.state.version
    looks = counted_looks(preview, monkeypatch)
    preview.watch_in_background()
    return version, looks


def test_watch_a_swap_file_or_a_backup_changes_nothing_a_look_finds(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text("---\ntitle: A\n---\n", encoding="utf-8")
    before = scan((content,))
    for name in (".a.md.swp", "a.md~", "a.md.tmp", ".hidden"):
        (content / name).write_text("x", encoding="utf-8")
    assert scan((content,)) == before
    (content / "b.md").write_text("---\ntitle: B\n---\n", encoding="utf-8")
    assert set(scan((content,))) - set(before) == {str(content / "b.md")}
