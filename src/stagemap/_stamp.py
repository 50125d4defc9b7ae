"""A stamp of stagemap's code as it is now, for what it keeps between runs (a leaf: any module
may import it; only those that key a cache do, so that ``stagemap --help`` does not load hashlib)."""

from __future__ import annotations

import functools
import hashlib
import os

from ._version import __version__


@functools.cache
def code_stamp() -> str:
    """Return `__version__` with a hash of the package's files as they are now (see `stamp_of`).

    What stagemap keeps between runs (the parse cache, the page record, the last build's
    inputs, the history's figures) is keyed by this, not by the version alone: in a checkout
    installed in place (``pip install -e .``, as the Quick start does) the code changes under
    the same version, and a cache made by the old code must not stand in for the new code's work.
    """
    return f"{__version__}+{stamp_of(os.path.dirname(os.path.abspath(__file__)))}"


def stamp_of(root: str) -> str:
    """Return a short hash of the files under ``root`` (names, sizes, modification times), bytecode left out.

    Stat calls only, no reading: about a millisecond for the package's 230 files. Any change
    to a file's text moves its time (an edit, a ``git pull``, a new install), so the stamp moves.
    A file that is a link (an editable install may lay the package out as links to the
    checkout) is taken for the file it leads to. When the files cannot all be looked at, the
    stamp is new every run: nothing kept is trusted, and nothing fails for it.
    """
    entries: list[str] = []
    folders = [root]
    try:
        while folders:
            folder = folders.pop()
            with os.scandir(folder) as found:
                for entry in found:
                    if entry.name == "__pycache__":
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(entry.path)
                        continue
                    status = entry.stat()
                    rel = os.path.relpath(entry.path, root)
                    entries.append(f"{rel}\0{status.st_size}\0{status.st_mtime_ns}")
    except OSError:
        return "unknown-" + os.urandom(8).hex()
    entries.sort()
    return hashlib.sha256("\n".join(entries).encode("utf-8", "surrogateescape")).hexdigest()[:16]
