"""An output folder's manifest: the files stagemap wrote there, and which kind of output it holds."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import OutputError
from ..read.owned import read_owned
from .atomic import write_owned
from .targets import MANIFEST, plain_relative

__all__ = ["MANIFEST", "check_manifest_kind", "read_manifest", "write_manifest"]


def check_manifest_kind(root: Path, kind: str) -> None:
    """Refuse a folder whose manifest says it holds another kind of output (a site, kits).

    Each command removes the files it wrote earlier that no longer belong; two commands
    sharing a folder would delete each other's files.
    """
    raw = read_owned(root / MANIFEST)
    try:
        data = json.loads(raw.decode("utf-8")) if raw is not None else None
    except (UnicodeDecodeError, ValueError, RecursionError):
        return
    if isinstance(data, dict) and data.get("generator") == "stagemap":
        other = data.get("kind", "site")
        if other != kind:
            raise OutputError(
                f"{root} holds stagemap's {other} (listed in its {MANIFEST}); write the {kind} to another folder"
            )


def read_manifest(root: Path) -> set[str]:
    """Return the files a previous build recorded in ``root``; empty when there is no usable list.

    A manifest that is not stagemap's, or names a path that is absolute, climbs with ``..``
    or is otherwise not plain, is ignored entry by entry: it can never make us touch a file
    outside the folder.
    """
    raw = read_owned(root / MANIFEST)
    if raw is None:
        return set()
    # A build reads the manifest three times, and the preview once more per edit: the same
    # bytes give the same list (checking 10,000 paths took 25 ms each time).
    global _LAST_MANIFEST
    kept = _LAST_MANIFEST
    if kept is None or kept[0] != raw:
        kept = _LAST_MANIFEST = (raw, frozenset(_manifest_files(raw)))
    return set(kept[1])


_LAST_MANIFEST: tuple[bytes, frozenset[str]] | None = None
"""The bytes of the latest manifest read, and the files it lists."""


def _manifest_files(raw: bytes) -> set[str]:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return set()
    if not isinstance(data, dict) or data.get("generator") != "stagemap":
        return set()
    files = data.get("files")
    if not isinstance(files, list):
        return set()
    return {f for f in files if isinstance(f, str) and plain_relative(f)}


def write_manifest(root: Path, files: set[str], kind: str = "site") -> None:
    """Record ``files`` (paths relative to ``root``) as the ``kind`` of output stagemap wrote there."""
    listing = {"generator": "stagemap", "kind": kind, "files": sorted(files)}
    write_owned(root, MANIFEST, (json.dumps(listing, indent=1) + "\n").encode("utf-8"))
