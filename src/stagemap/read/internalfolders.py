"""Folders of internal material, found by their names (``handbook/``, ``_internal/``).

A site's sales handbook or internal playbooks often sit in its content folder under one of a
few names: init reads them as internal material (``audience: internal``), never as pages
buyers are sent. What no source reads at the site's top is named too (`names_left`).
"""

from __future__ import annotations

from pathlib import Path

INTERNAL_NAMES = ("handbook", "internal", "playbooks", "sales-playbook")
"""Folder names (a leading ``_`` ignored) that hold a team's internal material."""


def internal_folders(root: Path, depth: int = 3) -> list[str]:
    """Return ``name/`` globs of folders of internal material found within ``depth`` levels."""
    found: list[str] = []

    def visit(folder: Path, level: int) -> None:
        try:
            entries = sorted(folder.iterdir())
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith(".") or entry.name == "node_modules" or not entry.is_dir():
                continue
            if entry.name.lstrip("_") in INTERNAL_NAMES:
                found.append(entry.name + "/")
            elif level < depth:
                visit(entry, level + 1)

    visit(root, 1)
    return found


def names_left(root: Path, folder: str, covered: set[str]) -> tuple[str, ...]:
    """Return the names in ``root``'s ``folder`` (``folder/name``, ``/`` after a folder's) but
    the hidden ones and those ``covered`` (read by a source), sorted: what init says it does
    not look at."""
    prefix = folder + "/" if folder else ""
    try:
        entries = list((root / folder).iterdir())
    except OSError:
        return ()
    return tuple(
        sorted(prefix + p.name + ("/" if p.is_dir() else "") for p in entries
               if not p.name.startswith(".") and p.name not in covered)
    )  # fmt: skip
