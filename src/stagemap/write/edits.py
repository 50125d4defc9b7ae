"""Write planned edits without losing anyone's change: one by one, or all or nothing.

`write_planned` writes one file, re-reading it just before the replace (``tag``, ``new``).
`write_all` writes a set of files as one change (the renames), through a journal in the
cache folder, so that a kill, Ctrl-C or a full disk leaves either every file as it was or
every file renamed, or a journal from which the next run finishes the job:

1. the journal is written in state ``prepare``, naming each target, its temp file and the
   SHA-256 of its bytes before and after;
2. each file's new bytes go to a temp file beside it, flushed to disk;
3. every target is checked to still hold the bytes the plan was made from (else the temps
   and the journal are removed, nothing has changed, and `ChangedFiles` names the files);
4. with Ctrl-C and termination held off, the journal moves to state ``commit``, the temps
   are renamed into place and the journal is removed; a Ctrl-C meanwhile comes afterwards
   as `Interrupted` (the change is made). An error or Ctrl-C before that (even while a
   journal is saved) removes the temps and the journal: nothing has changed.

`finish_interrupted` reads a journal left by a killed run: in state ``prepare`` it removes
the temps (nothing had changed); in state ``commit`` it renames the temps that are left.

The fault tests stop a rename at its named steps with `faults.fault`.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..edit.tag import FileEdit
from ..errors import OutputError
from ..lazyre import lazy
from ..read.owned import read_owned
from .atomic import (
    ChangedMeanwhile,
    atomic_write,
    current_umask,
    fsync_dir,
    person_target,
    place_new,
    remove_owned_files,
    write_owned,
    write_temp,
)
from .cache import JOURNAL, cache_dir
from .exchange import replace_if_holds, still_holds
from .faults import fault
from .interrupts import signals_held

"""Test hook: the step at which the process kills itself (see the module docstring)."""


class ChangedFiles(OutputError):
    """Files changed after an all-or-nothing edit was planned; nothing was written."""

    def __init__(self, shown: Sequence[str]) -> None:
        listed = ", ".join(shown[:5]) + (f" and {len(shown) - 5} more" if len(shown) > 5 else "")
        super().__init__(
            f"changed by someone else since they were read: {listed}; nothing was written "
            "(run the command again)"
        )
        self.shown = tuple(shown)
        """The files that changed, as named to the user."""


def write_planned(edit: FileEdit, within: Path | None) -> bool:
    """Write one planned edit unless the file changed since it was read (`ChangedMeanwhile`)."""
    if edit.created:
        return atomic_write(edit.path, edit.after, within=within, create=True)
    return atomic_write(edit.path, edit.after, within=within, expect=edit.before)


@dataclass(frozen=True, slots=True)
class _Entry:
    """One file of an all-or-nothing write."""

    target: str
    """The file written (links followed)."""
    shown: str
    """The file as named to the user."""
    temp: str
    """The temp file beside it holding the new bytes."""
    before: str | None
    """SHA-256 of the bytes the plan was made from; None for a file to create."""
    after: str
    """SHA-256 of the new bytes."""


def write_all(planned: Sequence[tuple[FileEdit, Path | None]], folder: Path, what: str) -> None:
    """Write every planned edit or none, through a journal in ``folder``.

    ``planned`` pairs each edit with the folder it must stay in (or None). ``what`` says
    what the change is (``stage 'a' to 'b'``), for the messages of an interrupted run.
    """
    entries = [_entry(edit, within) for edit, within in planned]
    folder = cache_dir(folder)
    # Until the journal says ``commit``, any way out (an error, Ctrl-C, even while a journal
    # is saved) takes the temps and the journal away: no file has changed. From then on Ctrl-C
    # and termination wait until every temp is in place.
    committed = False
    try:
        _save(folder, what, "prepare", entries)
        fault("rename-after-journal")
        for i, ((edit, _), entry) in enumerate(zip(planned, entries, strict=True), 1):
            _write_temp(entry, edit.after)
            fault("rename-after-temp", i)
        changed = [
            e.shown for (edit, _), e in zip(planned, entries, strict=True) if not _holds_before(e, edit)
        ]
        if changed:
            raise ChangedFiles(changed)
        with signals_held():
            _save(folder, what, "commit", entries)
            committed = True
            fault("rename-after-commit")
            late = _commit_all(planned, entries)
            for parent in sorted({os.path.dirname(e.target) for e in entries}):
                fsync_dir(Path(parent))
            if late:
                raise OutputError(
                    f"changed by someone else during the rename, so left as they are: {', '.join(late)}; "
                    f"the other files are renamed: put these right by hand, then delete {folder / JOURNAL}"
                )
            remove_owned_files(folder, [JOURNAL])
    except BaseException:
        if not committed:
            _discard(entries, folder)
        raise


def _commit_all(planned: Sequence[tuple[FileEdit, Path | None]], entries: Sequence[_Entry]) -> list[str]:
    """Put every temp in place; return the files that changed since the check (left alone)."""
    late: list[str] = []
    for i, ((edit, _), entry) in enumerate(zip(planned, entries, strict=True), 1):
        # Checked a moment ago; checked again as it goes in, as an editor may have saved since.
        try:
            placed = _commit(entry, functools.partial(still_holds, expect=edit.before))
        except OSError as exc:
            raise OutputError(
                f"cannot write {entry.shown}: {exc.strerror or exc}; the change is half made: "
                "run the command again (or 'stagemap check') to finish it"
            ) from None
        if not placed:
            late.append(entry.shown)
            with contextlib.suppress(OSError):
                os.unlink(entry.temp)
            continue
        fault("rename-after-replace", i)
    return late


def _entry(edit: FileEdit, within: Path | None) -> _Entry:
    target = str(person_target(edit.path, within))
    parent, name = os.path.split(target)
    return _Entry(
        target,
        edit.rel,
        os.path.join(parent, f".{name}.{os.getpid()}.rename.tmp"),
        None if edit.created else _sha(edit.before),
        _sha(edit.after),
    )


def _write_temp(entry: _Entry, data: bytes) -> None:
    try:
        mode = stat.S_IMODE(os.stat(entry.target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~current_umask()
    try:
        write_temp(entry.temp, data, mode, durable=True)
    except OSError as exc:
        raise OutputError(f"cannot write {entry.shown}: {exc.strerror or exc}; nothing was changed") from None


def _holds_before(entry: _Entry, edit: FileEdit) -> bool:
    if entry.before is None:
        return not os.path.lexists(entry.target)
    return still_holds(entry.target, edit.before)


def _commit(entry: _Entry, holds: Callable[[str], bool]) -> bool:
    """Put one temp file in place while ``holds`` says the target is still the planned-from file.

    A file to create is never put over one that appeared. False, and the target left as it
    is, when it changed (see `replace_if_holds`).
    """
    if entry.before is None:
        try:
            with open(entry.temp, "rb") as handle:
                place_new(entry.temp, entry.target, handle.read(), entry.shown)
        except ChangedMeanwhile:
            return False
        return True
    return replace_if_holds(entry.temp, entry.target, holds, entry.shown)


def _discard(entries: Sequence[_Entry], folder: Path) -> None:
    for entry in entries:
        with contextlib.suppress(OSError):
            os.unlink(entry.temp)
    remove_owned_files(folder, [JOURNAL])


def _save(folder: Path, what: str, state: str, entries: Sequence[_Entry]) -> None:
    files = [
        {"target": e.target, "shown": e.shown, "temp": e.temp, "before": e.before, "after": e.after}
        for e in entries
    ]
    data = {"stagemap_journal": 1, "what": what, "state": state, "files": files}
    write_owned(folder, JOURNAL, json.dumps(data, indent=1).encode("utf-8"))


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_sha(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


@dataclass(frozen=True, slots=True)
class Resumed:
    """What became of a rename that an earlier run left unfinished."""

    what: str
    """The change, e.g. ``stage 'a' to 'b'``."""
    outcome: str
    """``finished``, ``rolled back`` or ``stuck``."""
    problems: tuple[str, ...] = ()
    """For ``stuck``: one line per file that is in neither state, naming it."""
    journal: str = ""
    """Where the journal is, for ``stuck``."""

    @property
    def stuck(self) -> bool:
        """True when some file is in neither state, so a person must look."""
        return self.outcome == "stuck"

    def summary(self) -> str:
        """Say what happened in one sentence (what to do, when stuck)."""
        if self.outcome == "finished":
            return f"an interrupted rename of {self.what} was finished"
        if self.outcome == "rolled back":
            return f"an interrupted rename of {self.what} was rolled back (no file had changed)"
        return (
            f"an interrupted rename of {self.what} cannot be finished; put the files named above "
            f"right by hand, then delete {self.journal}"
        )


def finish_interrupted(folder: Path, root: Path) -> Resumed | None:
    """Finish (or undo) a rename left by a killed run in project ``root``; None when there is none.

    The journal is not trusted further than the project: one that names a file outside
    ``root``, or a temp file that is not beside its target with stagemap's name, is left
    alone and reported (a cloned repository could carry one), and no file is touched.
    """
    path = folder / JOURNAL
    raw = read_owned(path)
    if raw is None:
        return None
    try:
        data = json.loads(raw)
        what, state = str(data["what"]), data["state"]
        entries = [_Entry(**item) for item in data["files"]]
    except (ValueError, KeyError, TypeError):
        return Resumed("unknown ids", "stuck", (f"{path}: cannot be read",), str(path))
    strange = [
        f"{path}: names {e.target!r}, which is not a file of this project"
        for e in entries
        if not _trusted(e, root)
    ]
    if strange or state not in ("prepare", "commit"):
        return Resumed(what, "stuck", tuple(strange) or (f"{path}: cannot be read",), str(path))
    if state == "prepare":
        _discard(entries, folder)
        return Resumed(what, "rolled back")
    problems = [p for p in (_finish(e) for e in entries) if p]
    if problems:
        return Resumed(what, "stuck", tuple(problems), str(path))
    remove_owned_files(folder, [JOURNAL])
    return Resumed(what, "finished")


_TEMP_NAME = lazy(r"\.(?P<name>.+)\.[0-9]+\.rename\.tmp")


def _trusted(entry: _Entry, root: Path) -> bool:
    """True when an entry read from a journal names a file in ``root`` and its own temp file."""
    if not all(isinstance(v, str) for v in (entry.target, entry.shown, entry.temp, entry.after)):
        return False
    if not isinstance(entry.before, str | None):
        return False
    target, temp = Path(entry.target), Path(entry.temp)
    found = _TEMP_NAME.fullmatch(temp.name)
    return (
        target.is_absolute()
        and temp.parent == target.parent
        and found is not None
        and found["name"] == target.name
        and Path(os.path.realpath(target.parent)).is_relative_to(os.path.realpath(root))
    )


def _finish(entry: _Entry) -> str:
    """Put one file of an interrupted commit in its renamed state; say why not when it cannot be."""
    now = _file_sha(entry.target)
    if now == entry.after:
        left = _file_sha(entry.temp)
        if left not in (None, entry.before, entry.after):  # killed while swapping a save back
            return (
                f"{entry.shown}: renamed, but {entry.temp} holds a save made during the rename; compare them"
            )
        with contextlib.suppress(OSError):
            os.unlink(entry.temp)
        return ""
    if now == entry.before and _file_sha(entry.temp) == entry.after:
        try:
            if _commit(entry, lambda at: _file_sha(at) == entry.before):
                return ""
        except (OSError, OutputError) as exc:
            return f"{entry.shown}: not renamed: {exc}"
    elif now == entry.before:
        return f"{entry.shown}: not renamed, and its renamed copy {entry.temp} is missing or damaged"
    return (
        f"{entry.shown}: changed by someone else during the rename; it has neither its old nor its new bytes"
    )
