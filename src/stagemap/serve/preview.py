"""The preview's watcher: build the site into a folder, look for changes, rebuild in the background.

Standard library only. A watcher thread polls modification times (no output folder is ever
watched) and rebuilds; on Linux the kernel also tells it at once when a watched folder changes
(`stagemap.serve.watch`), and while it reports every change the polls are rare. Requests
(`stagemap.serve.server`) never wait for a build. Every build that changes what a reader sees
moves the version that open pages poll.
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import jinja2

from ..errors import StagemapError
from ..model.project import Project
from ..model.settings import CONFIG_NAME, Config
from ..read.cache import CacheUpdate
from ..read.project import read_project
from ..read.remembered import Remembered, collector_paused
from ..read.settings import find_root
from ..read.signals import signals_dir
from ..read.sitedata import site_inputs
from ..render.environment import environment
from ..render.hugolookup import watched_folders
from ..render.preview import problem_banner
from ..render.words import plural
from ..write.cache import save_parse_cache
from ..write.publish import build_into
from ..write.record import Kept, forget
from ..write.targets import check_output_dir
from ..write.workers import default_workers
from .watch import Notifier, Snapshot, first_change, scan, static_folders

__all__ = ["BuildState", "Preview"]

WATCH_INTERVAL = 0.5
"""Most seconds between two looks at the watched files."""
WATCH_MIN = 0.05
"""Fewest seconds between two looks: a small library is looked at this often."""
SAVE_AFTER = 2.0
"""Seconds without a change before the parse cache is saved: never on the way to showing an edit."""
WATCH_COST = 0.2
"""The share of its time the watcher may spend looking: a library that takes 40 ms to look
over is looked at every 0.2 s (within `WATCH_MIN` and `WATCH_INTERVAL`)."""


@dataclass(frozen=True, slots=True)
class BuildState:
    """The outcome of the latest build."""

    version: int
    """Goes up by one whenever what a reader sees changes."""
    name: str
    """Project name."""
    pages: int
    """HTML pages in the site."""
    problems: tuple[str, ...]
    """Library problems, formatted."""
    error: str
    """Why the latest rebuild failed (the previous site stays up), or empty."""
    changed: int
    """Files the latest build rewrote."""
    removed: int
    """Files the latest build removed."""


class Preview:
    """Keeps a project's site built in a folder and knows when it changed."""

    # long: every part of the watcher's state, each with what it holds
    def __init__(
        self,
        project_dir: Path | None,
        out_dir: Path,
        *,
        as_of: dt.date | None = None,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.project_dir = project_dir
        self.out_dir = out_dir
        self.as_of = as_of
        self._log = log or (lambda _line: None)
        root = find_root(project_dir or Path.cwd()) or (project_dir or Path.cwd()).resolve()
        self._watched: tuple[Path, ...] = (
            root / CONFIG_NAME,
            root / "content",
            root / "templates",
            signals_dir(root),
        )
        self._snapshot: Snapshot = {}
        self._seen: Snapshot | None = None
        """What the watcher's latest look found, when it found a change: the next build starts from it."""
        self._unsaved: Config | None = None
        """The settings of the latest build whose parse results are not in the parse cache yet."""
        self._built_at = 0.0
        """When the latest build ended (`time.monotonic`)."""
        self._frozen = False
        """True once the objects the first build left were frozen (see `_collected_later`)."""
        self._env: tuple[tuple[Path, Snapshot], jinja2.Environment] | None = None
        """The template environment and the project templates it was made for (see `_environment`)."""
        self._state = BuildState(0, root.name, 0, (), "", 0, 0)
        self._built = False
        """True once a build succeeded: only then is there a last good site to fall back on."""
        self._cache_warned = False
        """True once the parse cache could not be saved and the log said so (once is enough)."""
        self._build_lock = threading.Lock()
        self._changed = threading.Condition()
        self._stop = threading.Event()
        self._wake = threading.Event()
        """Set to make the watcher look now (a page was asked for, or the watcher is stopping)."""
        self._interval = WATCH_MIN
        """Seconds between two looks, from how long the last look took (see `WATCH_COST`)."""
        self._quiet = WATCH_MIN
        """Seconds the watcher waits for news before it looks unasked (see `Notifier.quiet`)."""
        self._events = -1
        """The notifier's count of events when the latest look began (-1: no look since it started)."""
        self._looked_at = 0.0
        """When the latest look ended (`time.monotonic`)."""
        self._found = False
        """True when the latest look found a change."""
        self._idle_wakes = 0
        """How many looks in a row that were woken (not polls) found nothing."""
        self._thread: threading.Thread | None = None
        self._memory = Remembered(deferred=True)
        """Every file's parse result, so that a rebuild parses only what changed."""
        self._config: Config | None = None
        """The settings of the latest build that read them (where its record is kept)."""
        self._notifier: Notifier | None = None
        """Wakes the watcher when the kernel reports a change in a folder it looked in (Linux);
        made when the watcher starts, so that a preview that never watches holds no descriptor."""
        self._looked: set[str] = set()
        """The folders the latest look went through."""
        self._record = Kept()
        """The page record of the output folder, written when the watcher is idle (as the parse cache)."""

    @property
    def state(self) -> BuildState:
        """The latest build's outcome."""
        with self._changed:
            return self._state

    def rebuild(self) -> BuildState:
        """Build the site now; a failure is kept in the state (the last good site stays up).

        A failure before any build succeeded is not logged: there is nothing to serve, and
        the caller reports the error (``state.error``) and stops.
        """
        with self._build_lock:
            # Take the snapshot first: an edit made while building triggers another build. The
            # reader takes each file's time and size from it, instead of asking for them again.
            before, self._seen = self._seen or self._look(), None
            self._memory.looked, old = before, self.state
            new, watched, project, cache = self._collected_later(old)
            if watched != self._watched:
                self._watched = watched
                before = self._look()
            self._snapshot = before
            moved = new.changed or new.removed or new.problems != old.problems or new.error != old.error
            with self._changed:
                self._state = replace(
                    new, version=old.version + 1 if moved or not old.version else old.version
                )
                self._changed.notify_all()
                state = self._state
            built, self._built = self._built, self._built or not state.error
            if project is not None:
                # A read through the cache file (the first) gives its update at once; reads
                # through memory leave it to `save_cache`, once the watcher is idle: the reader
                # does not need it, and at 10,000 assets it costs as much as a rebuild.
                self._unsaved = project.config
                self._built_at = time.monotonic()
        if cache is not None:
            self._save(cache, project.config if project is not None else None)
        self._report(old, state, built)
        return state

    def _collected_later(
        self, old: BuildState
    ) -> tuple[BuildState, tuple[Path, ...], Project | None, CacheUpdate | None]:
        """Build with the garbage collector paused, and after the first build freeze what it keeps.

        At 10,000 assets the library, its parse results and the site's plan are millions of
        objects that live as long as the preview; each full collection during a build went
        over all of them (0.2 to 1 s of every edit). Frozen after the first build, they are
        never looked at again; a build's own garbage is collected after it, while the
        watcher waits.
        """
        with collector_paused():
            found = self._build(old)
        if not self._frozen and found[2] is not None and not found[0].error:
            self._frozen = True
            gc.collect()
            gc.freeze()
        return found

    def _build(
        self, old: BuildState
    ) -> tuple[BuildState, tuple[Path, ...], Project | None, CacheUpdate | None]:
        """Read the project and build its site; return the new state, the files to watch, the project and its cache update."""
        try:
            project, cache = read_project(self.project_dir, memory=self._memory)
            config = project.config
            # The files pages are made from: the settings, every source (attachments too), the
            # site generator's configuration, data, host redirects and shortcode templates (what reaches pages),
            # the templates, the signals' evidence and the folders served from the site root. (Not
            # the git history the history page shows: a commit changes none of these files.)
            generator, site, static = config.rules.generator, config.rules.site_root, config.rules.static_dirs
            watched: tuple[Path, ...] = (
                config.config_path or config.root / "stagemap.yml",
                *dict.fromkeys(source.path for source in config.all_sources),
                *(config.root / name for name in site_inputs(generator, site, config.root, static)),
                *(config.root / name for name in watched_folders(generator, site, config.root)),
                config.templates_dir,
                signals_dir(config.root),
                *static_folders(config, self.out_dir),
            )
            check_output_dir(config, self.out_dir)
            self._config = config
            # Forking page workers is safe only before the watcher and the server run threads.
            workers = default_workers() if self._thread is None else 1
            env = self._environment(config.templates_dir)
            result = build_into(
                project,
                self.out_dir,
                self.as_of or dt.date.today(),
                workers=workers,
                env=env,
                kept=self._record,
            )
        except StagemapError as exc:
            return replace(old, error=str(exc), changed=0, removed=0), self._watched, None, None
        problems = tuple(p.format() for p in project.problems)
        changed, removed = len(result.changed), len(result.removed)
        return (
            BuildState(old.version, config.name, result.pages, problems, "", changed, removed),
            (*watched, *(config.root / name for name in result.shown)),  # and what pages show
            project,
            cache,
        )

    def _environment(self, templates: Path) -> jinja2.Environment:
        """The template environment, kept while the project's templates stay as they are.

        Its compiled templates are then loaded once, not on every build. A new file in the
        project's templates may override a built-in one that Jinja has already loaded, so
        any change there means a new environment.
        """
        files = scan((templates,))
        if self._env is None or self._env[0] != (templates, files):
            self._env = ((templates, files), environment(templates))
        return self._env[1]

    def save_cache(self) -> None:
        """Save the parse cache and the page record as the latest build left them (so that a later `build` does little)."""
        # A build still running when the preview stops is not waited for long: the cache is an aid.
        if not self._build_lock.acquire(timeout=5):
            return
        try:
            config, self._unsaved = self._unsaved, None
            cache = self._memory.pending() if config is not None else None
            self._record.flush()
        finally:
            self._build_lock.release()
        self._save(cache, config)

    def _save(self, cache: CacheUpdate | None, config: Config | None) -> None:
        if cache is None or config is None:
            return
        warning = save_parse_cache(cache, config.root)
        if warning and not self._cache_warned:
            self._cache_warned = True
            self._log(f"warning: {warning}")

    def _report(self, old: BuildState, new: BuildState, built: bool) -> None:
        if new.error:
            if not built:
                return
            self._log(f"Error: {new.error}")
            self._log("The last good build is still being served.")
            return
        if new.problems != old.problems:
            for line in new.problems:
                self._log(line)
        self._log(
            f"Built {plural(new.pages, 'page')} ({plural(new.changed, 'file')} changed, {new.removed} removed)"
            + (f"; {plural(len(new.problems), 'problem')} in the library" if new.problems else "")
        )

    def changed(self) -> bool:
        """Return True when a watched file changed since the latest build."""
        start = time.perf_counter()
        notifier = self._notifier
        since, self._events = self._events, notifier.events if notifier is not None else -1
        now = self._look()
        spent = time.perf_counter() - start
        self._interval = min(max(spent / WATCH_COST, WATCH_MIN), WATCH_INTERVAL)
        self._quiet = notifier.quiet(self._interval, spent) if notifier is not None else self._interval
        self._looked_at = time.monotonic()
        self._found = now != self._snapshot
        if not self._found:
            return False
        self._seen = now
        if notifier is not None and notifier.unreported(since, lambda: first_change(self._snapshot, now)):
            self._log(
                f"note: no news of a change to {notifier.missed} (a shared folder?): looking every {self._interval:.2f} s"
            )
            self._quiet = self._interval
        return True

    def _look(self) -> Snapshot:
        """Scan the watched files, and have the notifier follow every folder looked in."""
        folders: set[str] = set()
        found = scan(self._watched, folders)
        self._looked = folders
        if self._notifier is not None:
            self._notifier.follow(folders)
        return found

    def refresh(self) -> BuildState:
        """Rebuild if anything changed; return the state either way (and save the parse cache when idle)."""
        if self.changed():
            return self.rebuild()
        if self._unsaved is not None and time.monotonic() - self._built_at >= SAVE_AFTER:
            self.save_cache()
        return self.state

    def nudge(self) -> None:
        """Ask the watcher to look for changes now (it builds in its own thread)."""
        self._wake.set()

    def wait(self, since: int, timeout: float) -> int:
        """Wait until the version differs from ``since`` (or the timeout, or stop); return it."""
        with self._changed:
            self._changed.wait_for(lambda: self._state.version != since or self._stop.is_set(), timeout)
            return self._state.version

    def watch_in_background(self) -> None:
        """Start the watcher thread: it looks for changes and rebuilds until `stop`."""
        self._notifier, self._events = Notifier(self.nudge), -1  # what changed before it started went unheard
        self._notifier.follow(self._looked)
        self._notifier.start()
        self._thread = threading.Thread(target=self._watch, name="stagemap-watch", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.is_set():
            woken = self._wake.wait(self._quiet)
            self._wake.clear()
            # A save is usually several events, so one woken look in a row may find nothing.
            # After two, wake-ups change nothing (a program that keeps touching a watched file):
            # the next woken look waits for the interval since the last look, as a poll would.
            rest = self._looked_at + self._interval - time.monotonic() if self._idle_wakes >= 2 else 0
            if self._stop.wait(rest) if woken and rest > 0 else self._stop.is_set():
                return
            try:
                self.refresh()
            except Exception as exc:  # the watcher must outlive any one build
                self._fail(f"{type(exc).__name__}: {exc}")
            self._idle_wakes = 0 if self._found else self._idle_wakes + int(woken)

    def _fail(self, error: str) -> None:
        """Keep an unexpected failure in the state, as a failed build is, and go on watching."""
        # Looked at before the failure is announced: an edit made once it shows must build again.
        self._snapshot = self._look()
        with self._changed:
            old = self._state
            self._state = replace(old, version=old.version + 1, error=error, changed=0, removed=0)
            self._changed.notify_all()
        self._log(f"Error: {error}")

    def stop(self) -> None:
        """Stop the watcher and release waiting requests."""
        self._stop.set()
        self._wake.set()
        with self._changed:
            self._changed.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self._notifier is not None:
            self._notifier.close()
        self.save_cache()

    def forget(self) -> None:
        """Remove what the builds recorded about the output folder (call it before removing the folder)."""
        self._record = Kept()
        if self._config is not None:
            forget(self._config, self.out_dir)

    def banner(self) -> str:
        """Return the HTML of the problem banner, or empty when all is well."""
        state = self.state
        return problem_banner(state.error, state.problems)
