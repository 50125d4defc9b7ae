"""Where Hugo's ``GetPage`` (and ``ref``) looks a page up, as paths of content files to try.

A path without a first ``/`` is looked for from the page's folder, then from the content
folder (not one starting with ``.``); without an ending it may be a page with any content
ending, or the index of a section or bundle (``_index.md``, ``index.md``) in that folder.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator


def page_forms(folder: str, path: str, extensions: tuple[str, ...]) -> Iterator[str]:
    """Yield the content files ``path``, written on a page in ``folder``, may be, in the order
    Hugo tries them; the first is the path itself (a file beside the page other than a page)."""
    tried = [posixpath.join(folder, path)] + ([] if path.startswith(".") else [path])
    for target in tried:
        target = posixpath.normpath(target)
        yield target
        if not target.rpartition("/")[2].lower().endswith(extensions):
            yield from (target + e for e in extensions)
            yield from (f"{target}/{index}{e}" for index in ("_index", "index") for e in extensions)


def page_like(path: str, extensions: tuple[str, ...]) -> bool:
    """Whether ``path`` may name a page for ``GetPage``: no ending, or a content file's."""
    last = path.rstrip("/").rpartition("/")[2].lower()
    return "." not in last.lstrip(".") or last.endswith(extensions)
