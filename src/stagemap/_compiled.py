"""Keep the code Python compiles for stagemap's dataclasses between runs, as ``__pycache__`` keeps a module's.

`dataclasses` writes each class's ``__init__``, ``__repr__``, ``__eq__``, ``__hash__`` and
``__setattr__`` as source text and compiles it every time the class's module is imported:
about half a millisecond a class, 45 of the 150 ms that a build spends importing (the model
alone has 51 classes), and the same share of every other command. `install` gives the
`dataclasses` module an ``exec`` of its own that, for the classes of stagemap's modules only,
looks the code up by its source text first; `save` adds the code compiled anew to a file of
the per-user cache (`stagemap.paths.user_cache`). The code is what `compile` gives for that
text, so each class is the same either way. A missing, damaged or foreign file is ignored
(and replaced when saved); a cache that cannot be written is left alone.
"""

from __future__ import annotations

import builtins
import contextlib
import dataclasses
import marshal
import os
import sys
from types import CodeType
from typing import Any

from ._version import __version__
from .paths import user_cache

OURS = "stagemap."
"""Only classes of modules under this name are looked up (any other class is compiled as usual)."""
MOST = 2000
"""Entries a cache file may hold; past that only those of the last run are kept (about 550 are used)."""


class _Codes:
    """The code known for each source text: from the cache file, then compiled in this run."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.known: dict[str, CodeType] | None = None
        """Read from the file on the first class (None until then)."""
        self.used: set[str] = set()
        self.compiled = 0
        """How many entries this run compiled: `save` writes the file only when some were."""

    def code(self, source: str) -> CodeType:
        known = self.known
        if known is None:
            known = self.known = _read(self.path)
        found = known.get(source)
        if found is None:
            # As `exec` compiles a text: no ``from __future__`` of this module, filename "<string>".
            found = known[source] = compile(source, "<string>", "exec", dont_inherit=True)
            self.compiled += 1
        self.used.add(source)
        return found


_codes: _Codes | None = None


def install() -> None:
    """Make the classes of stagemap's modules from kept code from now on (CPython only; once)."""
    global _codes
    if _codes is not None or sys.implementation.name != "cpython" or hasattr(dataclasses, "exec"):
        return  # `dataclasses` already has its own ``exec`` (not ours): it is left alone
    name = f"classes-{__version__}-{sys.implementation.cache_tag}-{sys.hexversion:x}-O{sys.flags.optimize}"
    _codes = _Codes(os.path.join(user_cache(), name + ".marshal"))
    dataclasses.exec = _exec  # type: ignore[attr-defined]


def _exec(source: Any, /, globals: Any = None, locals: Any = None, **options: Any) -> None:
    """What `dataclasses` calls for ``exec``: the built-in one, with kept code for stagemap's classes."""
    if globals is None:  # as the built-in does: the caller's namespaces (dataclasses passes its own)
        frame = sys._getframe(1)
        globals, locals = frame.f_globals, frame.f_locals if locals is None else locals
    if type(source) is str:
        codes = _codes
        if codes is not None and str(globals.get("__name__", "")).startswith(OURS):
            source = codes.code(source)
        else:  # compiled here, not by `exec`: from this module, it would take its ``__future__``
            source = compile(source, "<string>", "exec", dont_inherit=True)
    builtins.exec(source, globals, locals, **options)


def _read(path: str) -> dict[str, CodeType]:
    """Return the entries of a cache file; none when it is missing or is not one."""
    try:
        with open(path, "rb") as handle:
            # Read whole first: `marshal.load` on a file reads it a few bytes at a time (15 ms
            # for this file, against 3 ms for the same bytes from memory).
            data = marshal.loads(handle.read())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(data, dict) or not all(
        type(key) is str and type(value) is CodeType for key, value in data.items()
    ):
        return {}
    return data


def save() -> None:
    """Write the cache file with what this run compiled anew (nothing when it compiled nothing)."""
    codes = _codes
    if codes is None or not codes.compiled or codes.known is None:
        return
    known = codes.known
    if len(known) > MOST:  # entries of classes since changed (an editable install) pile up
        known = {source: known[source] for source in codes.used}
    folder, name = os.path.split(codes.path)
    temp = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    with contextlib.suppress(OSError):
        os.makedirs(folder, mode=0o700, exist_ok=True)
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
            with os.fdopen(fd, "wb") as handle:
                marshal.dump(known, handle)
            os.replace(temp, codes.path)  # a reader sees the old file or the new one
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temp)
    codes.compiled = 0
