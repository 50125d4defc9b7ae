"""Where Hugo's ``GetPage`` (and ``ref``) looks a page up, as paths of content files to try.

A path without a first ``/`` is looked for from the page's folder (for a leaf bundle, the
folder holding the bundle: `lookup_folder`), then from the content folder (not one starting
with ``.``); without an ending it may be a page with any content ending, or the index of a
section or bundle (``_index.md``, ``index.md``) in that folder.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator


def page_forms(page: str, path: str, extensions: tuple[str, ...]) -> Iterator[str]:
    """Yield the content files ``path``, written on the page whose file is ``page``, may be, in
    the order Hugo tries them; the first is the path itself (a file beside the page other than a page)."""
    folder = lookup_folder(page, path)
    tried = [posixpath.join(folder, path)] + ([] if path.startswith(".") else [path])
    for target in tried:
        target = posixpath.normpath(target)
        yield target
        if not target.rpartition("/")[2].lower().endswith(extensions):
            yield from (target + e for e in extensions)
            yield from (f"{target}/{index}{e}" for index in ("_index", "index") for e in extensions)


def lookup_folder(page: str, path: str) -> str:
    """Return the folder ``path`` is first looked up from on the page whose file is ``page``:
    Hugo's page-relative lookup (getContentNodeForRef) starts from a leaf bundle's parent, as the
    bundle is the page (``guide/setup/index.md``: ``guide``), except for a path with an ending
    that starts with ``../``; from a section's ``_index`` or a plain page, their own folder."""
    folder, _, name = page.rpartition("/")
    if name.split(".")[0].lower() != "index" or (path.startswith("../") and _has_ending(path)):
        return folder
    return posixpath.dirname(folder)


def _has_ending(path: str) -> bool:
    """Whether the last part of ``path`` holds a dot, as Hugo's paths.HasExt reads it."""
    return "." in path.rpartition("/")[2]


def page_like(path: str, extensions: tuple[str, ...]) -> bool:
    """Whether ``path`` may name a page for ``GetPage``: no ending, or a content file's."""
    last = path.rstrip("/").rpartition("/")[2].lower()
    return "." not in last.lstrip(".") or last.endswith(extensions)
