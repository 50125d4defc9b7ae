"""Read stagemap's own files (caches, records, manifests) without following links."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path
from typing import Any

OWNED_LIMIT = 256 * 1024 * 1024
"""The largest of stagemap's own files (cache, page record, manifest) it will read."""
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
"""Open flag: fail on a link at the last step (0 where the platform has no such flag)."""
DIRECTORY = getattr(os, "O_DIRECTORY", 0)
"""Open flag: fail unless it is a folder."""
NONBLOCK = getattr(os, "O_NONBLOCK", 0)
"""Open flag: never block, so that opening a FIFO put in stagemap's place cannot hang."""


def read_owned(path: Path, limit: int = OWNED_LIMIT) -> bytes | None:
    """Read one of stagemap's own files; None when absent, a link, not a regular file or too big.

    Such files (the parse cache, the page record, a manifest) may have been put there by
    anyone who could commit to the project, so a link or a device is never read: a link to
    ``/dev/zero`` would otherwise be read until memory runs out.
    """
    try:
        fd = os.open(path, os.O_RDONLY | NOFOLLOW | NONBLOCK)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        chunks = []
        size = 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def owned_text(path: Path, limit: int) -> str:
    """Return the UTF-8 text (a BOM dropped) of a small file of the site's (a deploy's settings, a
    workflow), read as `read_owned` reads; empty when there is none, it is a link, over ``limit``
    bytes, or no UTF-8."""
    data = read_owned(path, limit)
    try:
        return data.decode("utf-8-sig") if data is not None else ""
    except UnicodeDecodeError:
        return ""


MOST_WORKFLOWS = 50
"""The most GitHub workflow files of a folder read (the first, by name)."""


def workflow_files(folder: Path) -> list[Path]:
    """Return the GitHub workflow files (``.github/workflows/*.yml``, ``*.yaml``) of ``folder``, by
    name, at most `MOST_WORKFLOWS` of them; to be read as `owned_text` reads."""
    flows = folder / ".github" / "workflows"
    try:
        return sorted(flows.glob("*.y*ml"))[:MOST_WORKFLOWS] if flows.is_dir() else []
    except OSError:
        return []


def owned_toml(path: Path, limit: int) -> dict[str, Any]:
    """Return the tables of a small TOML file (`owned_text`); empty when it cannot be read."""
    try:
        return tomllib.loads(owned_text(path, limit))
    except tomllib.TOMLDecodeError:
        return {}
