"""The fates of files that were not read as assets, as a short summary and as data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from ..model.library import FATES, FileFate
from ..read.versions import version_glob


def _label(fate: FileFate) -> str:
    """Return how one group of fates reads in the summary."""
    if fate.fate == "excluded":  # the reason names the glob (or Hugo's ignoreFiles expression)
        return "excluded by 'include' (matches none)" if fate.rule == "include" else fate.reason
    if (
        fate.rule in ("extensions", "front matter", "regular files only", "empty", "name")
        or fate.kind == "unpublished"
    ):
        return f"non-asset: {fate.reason}"
    if fate.kind == "resource":
        return "non-asset: resource of a page bundle (a folder with an index page)"
    return f"non-asset: {fate.kind} by '{fate.rule}'"


def not_read_lines(fates: Iterable[FileFate]) -> list[str]:
    """Return the summary lines of files left out on purpose: a head line, then one per reason.

    Non-assets and excluded files; files with problems are not counted here, since each
    problem has its own line already. Empty when there are none. Reasons are grouped and
    counted, in the order of `FATES`, then most files first, then by name; the folders of other
    versions of the pages (two or more) are counted on one line, as init lists them in ``exclude``.
    """
    fates = tuple(fates)
    left = [f for f in fates if f.fate in ("non-asset", "excluded")]
    if not left:
        return []
    versions = {f.rule for f in left if f.fate == "excluded" and version_glob(f.rule)}
    folded = f"excluded by {len(versions)} version folders (see 'exclude')"
    counts = Counter(
        (FATES.index(f.fate), folded if len(versions) > 1 and f.rule in versions else _label(f)) for f in left
    )
    width = len(str(max(counts.values())))
    lines = [f"Not read as assets: {len(left)} of {len(fates)} files, on purpose"]
    for (_, label), count in sorted(counts.items(), key=lambda item: (item[0][0], -item[1], item[0][1])):
        lines.append(f"  {count:>{width}} {label}")
    return lines


def fates_data(fates: Iterable[FileFate]) -> list[dict[str, Any]]:
    """Return every fate as a JSON-ready mapping, for ``--format json`` outputs."""
    return [
        {"path": f.path, "fate": f.fate, "kind": f.kind, "rule": f.rule, "reason": f.reason} for f in fates
    ]
