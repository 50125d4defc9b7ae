"""Files in the content folder that asset bodies may link to (images, PDFs): which, and their bytes.

The site copies such a file to ``files/PATH`` when a body links to it. Only regular files
inside the content folder count (a link inside it may point anywhere in it, never outside),
hidden ones and Markdown files (those are assets) excepted, and none above `MAX_ATTACHMENT`.
"""

from __future__ import annotations

import os
from pathlib import Path

MAX_ATTACHMENT = 20 * 1024 * 1024
"""Files in the content folder bigger than this are not copied into the site."""


def linkable_files(content_dir: Path) -> frozenset[str]:
    """Return the paths, relative to ``content_dir`` with ``/``, of the files a body may link to."""
    base = Path(os.path.realpath(content_dir))
    if not base.is_dir():
        return frozenset()
    found: set[str] = set()
    # The real folders on the way down to each folder walked: a folder link back up is a loop.
    chains: dict[str, frozenset[str]] = {str(base): frozenset({str(base)})}
    for folder, dirs, names in os.walk(base, followlinks=True):
        chain = chains.pop(folder)
        kept = []
        for name in sorted(dirs):
            real = os.path.realpath(os.path.join(folder, name))
            # A folder link is followed only when it stays inside the content folder.
            if not name.startswith(".") and real not in chain and Path(real).is_relative_to(base):
                chains[os.path.join(folder, name)] = chain | {real}
                kept.append(name)
        dirs[:] = kept
        prefix = os.path.relpath(folder, base).replace(os.sep, "/")
        for name in names:
            if name.startswith(".") or name.endswith((".md", ".markdown")):
                continue
            rel = name if prefix == "." else f"{prefix}/{name}"
            if _readable(base, rel) is not None:
                found.add(rel)
    return frozenset(found)


def read_attachment(content_dir: Path, rel: str) -> bytes | None:
    """Return the bytes of the file at ``rel`` inside ``content_dir``, or None if it may not be copied."""
    path = _readable(Path(os.path.realpath(content_dir)), rel)
    if path is None:
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def _readable(base: Path, rel: str) -> Path | None:
    path = (base / rel).resolve()
    try:
        if not path.is_relative_to(base) or not path.is_file() or path.stat().st_size > MAX_ATTACHMENT:
            return None
    except OSError:
        return None
    return path
