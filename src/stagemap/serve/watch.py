"""What the preview watches: a look at every watched file, and the kernel's news of a change.

The preview's watcher (`stagemap.serve.preview.Preview`) looks at every watched file
(`scan`) every so often: up to half a second apart in a big library, where one look costs
a tenth of a second. A `Notifier` wakes it as soon as the kernel reports a change in one of
the folders it looked in (Linux inotify). It only says *when* to look: the look still
decides whether anything changed, so a missed or spurious event costs time, never a wrong
site. While the kernel has reported every change a look found, the looks nobody asked for
only make sure: they come at most every `TRUSTED_INTERVAL` seconds and take a hundredth of
the watcher's time (an idle preview of 10,000 assets used 17% of a core, looking twice a
second). The first change a look finds that no event reported (some network and shared
folders never report one) puts the watcher back to looking as often as without the notifier.

Where inotify is not available (not Linux, no C library, the limit of watches reached), the
notifier is inactive and the watcher polls as before. Standard library only (``ctypes``).
"""

from __future__ import annotations

import ctypes
import errno
import os
import select
import struct
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from ..model.settings import Config
from ..write.exchange import c_library

IN_MODIFY = 0x2
IN_ATTRIB = 0x4
IN_CLOSE_WRITE = 0x8
IN_MOVED_FROM = 0x40
IN_MOVED_TO = 0x80
IN_CREATE = 0x100
IN_DELETE = 0x200
IN_DELETE_SELF = 0x400
IN_MOVE_SELF = 0x800
IN_Q_OVERFLOW = 0x4000
IN_IGNORED = 0x8000
IN_ONLYDIR = 0x01000000
MASK = (
    IN_MODIFY
    | IN_ATTRIB
    | IN_CLOSE_WRITE
    | IN_MOVED_FROM
    | IN_MOVED_TO
    | IN_CREATE
    | IN_DELETE
    | IN_DELETE_SELF
    | IN_MOVE_SELF
)
"""What a watch reports: a file written, made, removed, renamed or given another mode, and the folder itself going."""
HEADER = struct.Struct("iIII")
"""``struct inotify_event`` before its name: watch, mask, cookie, length of the name."""
SETTLE = 0.01
"""Seconds to wait after the first event for the rest of one save (an editor writes, renames, sets the mode)."""
TRUSTED_COST = 0.01
"""The share of its time the watcher spends on looks nobody asked for while the kernel reports
every change: the looks only make sure, so a library that takes 85 ms to look over is looked
at every 8.5 s (at most `TRUSTED_INTERVAL`), not every half a second."""
TRUSTED_INTERVAL = 5.0
"""Most seconds between two such looks."""
GRACE = 0.05
"""Seconds a look that found a change waits for news of it before it counts the change as not reported."""


def skipped(name: str) -> bool:
    """True for the names the watcher never looks at: hidden files and editor backups."""
    return name.startswith(".") or name.endswith(("~", ".swp", ".tmp"))


Snapshot = dict[str, tuple[int, int]]


def scan(paths: tuple[Path, ...], folders: set[str] | None = None) -> Snapshot:
    """Return ``{path: (mtime_ns, size)}`` for the given files and everything under the folders.

    Hidden entries and editor backup files are skipped, so a swap file does not rebuild.
    ``folders``, when given, gets every folder looked in (a given file's folder included).
    """
    found: Snapshot = {}
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            continue
        if not path.is_dir():
            found[str(path)] = (info.st_mtime_ns, info.st_size)
            if folders is not None:
                folders.add(str(path.parent))
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            names = [name for name in files if not skipped(name)]
            # The folder counts only the files looked at: a swap file coming or going is no
            # change (nor a change the kernel did not report, which it does not for such names).
            found[folder] = (0, len(names))
            if folders is not None:
                folders.add(folder)
            for name in names:
                full = os.path.join(folder, name)
                try:
                    info = os.stat(full)
                except OSError:
                    continue
                found[full] = (info.st_mtime_ns, info.st_size)
    return found


def static_folders(config: Config, out_dir: Path) -> tuple[Path, ...]:
    """The folders served from the site root that can be watched: not the project itself, none holding the output."""
    root = config.root.resolve()
    out = out_dir.resolve()
    found = []
    for folder in config.rules.static_dirs:
        path = (root / folder).resolve()
        if path != root and path.is_relative_to(root) and not out.is_relative_to(path):
            found.append(path)
    return tuple(found)


def first_change(before: Snapshot, after: Snapshot) -> str:
    """Return the first path (in order) made, removed or changed between two looks, or empty."""
    return next((p for p in sorted({*before, *after}) if before.get(p) != after.get(p)), "")


def _inotify() -> tuple[ctypes.CDLL, int] | None:
    """Return the C library and a new inotify descriptor, or None where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    libc = c_library()
    init = getattr(libc, "inotify_init1", None) if libc is not None else None
    if libc is None or init is None:
        return None
    fd = init(os.O_NONBLOCK | os.O_CLOEXEC)
    return (libc, fd) if fd >= 0 else None


class Notifier:
    """Calls ``wake`` from its own thread when a file changes in a followed folder."""

    def __init__(self, wake: Callable[[], None]) -> None:
        self._wake = wake
        found = _inotify()
        self._libc: ctypes.CDLL | None = found[0] if found is not None else None
        self._fd = found[1] if found is not None else -1
        self._folders: dict[int, str] = {}
        """Each watch's folder, by watch descriptor."""
        self._followed: set[str] = set()
        self._full = False
        """True once the limit of watches was reached: every watch is dropped, the watcher polls alone."""
        self._lock = threading.Lock()
        self.events = 0
        """How many events about names the watcher looks at were read so far."""
        self.missed = ""
        """The first change a look found that no event reported (the kernel does not report
        changes made on some network and shared folders): the watcher then polls as without it."""
        self._stop_read, self._stop_write = os.pipe() if found is not None else (-1, -1)
        self._thread: threading.Thread | None = None

    @property
    def active(self) -> bool:
        """True while the kernel reports changes (False: the watcher only polls)."""
        return self._fd >= 0 and not self._full

    @property
    def trusted(self) -> bool:
        """True while the kernel reports changes and has reported every change a look found."""
        return self.active and not self.missed

    def quiet(self, interval: float, spent: float) -> float:
        """Return how long the watcher may wait for news before it looks unasked.

        ``interval`` is its time between looks when only polling, ``spent`` what its latest
        look took. While `trusted`, longer: a look then only makes sure (see `TRUSTED_COST`).
        """
        if not self.trusted:
            return interval
        return min(max(spent / TRUSTED_COST, interval), TRUSTED_INTERVAL)

    def unreported(self, since: int, what: Callable[[], str]) -> bool:
        """Return True when a change a look found is the first one no event reported (``what()`` names it).

        ``since`` is `events` when the look before it began (-1: there was none since this
        notifier started, and the change may be older): the change was made after that,
        so its event (if any) came after that too. A short grace lets the notifier's thread read
        an event already queued.
        """
        if since < 0 or not self.active or self.missed or self.events != since:
            return False
        time.sleep(GRACE)
        if self.events != since:
            return False
        self.missed = what() or "a watched file"
        return True

    def follow(self, folders: Iterable[str]) -> None:
        """Watch these folders too, if not watched yet (the watcher passes every folder it looked at)."""
        libc = self._libc
        with self._lock:
            if libc is None or not self.active:
                return
            for folder in folders:
                if folder in self._followed:
                    continue
                wd = libc.inotify_add_watch(self._fd, os.fsencode(folder), MASK | IN_ONLYDIR)
                if wd >= 0:
                    self._folders[wd] = folder
                    self._followed.add(folder)
                elif ctypes.get_errno() == errno.ENOSPC:
                    # At the limit of watches: polling alone, rather than news from only some folders.
                    # The descriptor stays open (the thread may be waiting on it) until `close`.
                    for wd in self._folders:
                        libc.inotify_rm_watch(self._fd, wd)
                    self._folders.clear()
                    self._followed.clear()
                    self._full = True
                    return

    def start(self) -> None:
        """Start the thread that waits for changes (does nothing when inactive)."""
        if self.active and self._thread is None:
            self._thread = threading.Thread(target=self._run, name="stagemap-notify", daemon=True)
            self._thread.start()

    def close(self) -> None:
        """Stop the thread and drop every watch."""
        if self._stop_write >= 0:
            os.write(self._stop_write, b"x")
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        with self._lock:
            self._close_watches()
        for fd in (self._stop_read, self._stop_write):
            if fd >= 0:
                os.close(fd)
        self._stop_read = self._stop_write = -1

    def _close_watches(self) -> None:
        """Close the descriptor, which drops every watch (only once the thread has stopped)."""
        if self._fd >= 0:
            os.close(self._fd)
        self._fd = -1
        self._folders.clear()
        self._followed.clear()

    def _run(self) -> None:
        while True:
            with self._lock:
                fd = self._fd
            if fd < 0:
                return
            try:
                ready = select.select([fd, self._stop_read], [], [])[0]
            except (OSError, ValueError):
                return
            if self._stop_read in ready:
                return
            if self._read(fd):
                # The rest of one save comes within moments: one look for all of it.
                select.select([self._stop_read], [], [], SETTLE)
                self._read(fd)
                self._wake()

    def _read(self, fd: int) -> bool:
        """Read every pending event; return True when one is about a name the watcher looks at."""
        wanted = False
        while True:
            try:
                data = os.read(fd, 64 * 1024)
            except BlockingIOError:
                return wanted
            except OSError:
                return True
            if not data:
                return wanted
            wanted = self._parse(data) or wanted

    def _parse(self, data: bytes) -> bool:
        wanted = False
        offset = 0
        while offset + HEADER.size <= len(data):
            wd, mask, _cookie, size = HEADER.unpack_from(data, offset)
            raw = data[offset + HEADER.size : offset + HEADER.size + size]
            offset += HEADER.size + size
            name = os.fsdecode(raw.rstrip(b"\0"))
            if mask & IN_IGNORED:  # the folder went: follow it again if it comes back
                with self._lock:
                    self._followed.discard(self._folders.pop(wd, ""))
            if mask & IN_Q_OVERFLOW or not name or not skipped(name):
                wanted = True
                self.events += 1
        return wanted
