"""Stop a process at a named point of a write when a fault test asks for it; otherwise nothing."""

from __future__ import annotations

import os
import signal

FAULT_ENV = "STAGEMAP_TEST_FAULT"
"""The environment variable that the fault tests set (see `fault`); unset, it has no effect."""


def fault(point: str, count: int = 0) -> None:
    """Stop this process at a named point when a test asks for it; otherwise do nothing.

    Only for tests: ``STAGEMAP_TEST_FAULT=POINT[:COUNT[:ACTION]]`` makes the process kill itself
    (ACTION ``kill``, the default: SIGKILL, as a power cut or the OOM killer would) or pause
    (``stop``: SIGSTOP, so that a test can act while the build is half done, then continue
    it) the COUNT-th time (any time, without COUNT) it reaches POINT. The points, in the
    order of a build: ``taken`` (a chunk of the files to parse or of the pages to render,
    taken by a worker beside the main process, counted in that worker: write/workers.py),
    then those of write/tree.py: ``write`` (a file written to the staging folder, counted in
    each process, workers included), ``staged`` (a file made, counted in the main process),
    ``union`` (before the manifest of old and new files), ``renamed`` (a file renamed into
    place, or in a new output folder a whole folder: write/placing.py), ``removed`` (old files
    removed, before the final manifest) and ``manifest`` (after it, before the staging folder
    is removed). The points of the editing commands
    (write/edits.py, cli/tag.py): ``rename-after-journal``, ``rename-after-temp``
    (COUNT: the file), ``rename-after-commit``, ``rename-after-replace`` (COUNT: the file)
    and ``tag-after-write`` (COUNT: the file).
    """
    wanted = os.environ.get(FAULT_ENV)
    if not wanted:
        return
    name, _, rest = wanted.partition(":")
    number, _, action = rest.partition(":")
    if name != point or (number and number != str(count)):
        return
    os.kill(os.getpid(), signal.SIGSTOP if action == "stop" else signal.SIGKILL)
