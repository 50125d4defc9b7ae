"""``stagemap list`` output: a table to read, JSON, CSV, or bare paths to pipe. Pure functions."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..model.library import FIELDS, Asset
from .csvsafe import csv_text

COLUMNS = ("path", "status", "stages", "questions", "personas", "title")
"""Columns of the table to read, the title last (it is not padded)."""
CSV_COLUMNS = (
    "path",
    "id",
    "title",
    "status",
    "format",
    "stages",
    "questions",
    "personas",
    "owner",
    "updated",
    "review_by",
    "next",
)
"""Columns of the CSV: the path and the short fields, in spreadsheet order (long text left out)."""


def _json_value(value: object) -> object:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def asset_data(asset: Asset) -> dict[str, Any]:
    """One asset's path and front matter fields as JSON-ready data (dates as YYYY-MM-DD, or null)."""
    return {"path": asset.path, **{name: _json_value(getattr(asset, name)) for name in FIELDS}}


def render_table(assets: Sequence[Asset]) -> str:
    """Aligned columns, a header first; ids joined by commas, '-' for none."""
    rows = [[c.upper() for c in COLUMNS]]
    for a in assets:
        rows.append(
            [
                a.path,
                a.status,
                ",".join(a.stages),
                ",".join(a.questions),
                ",".join(a.personas) or "-",
                " ".join(a.title.split()),
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS) - 1)]
    lines = [
        "  ".join([*(cell.ljust(w) for cell, w in zip(row, widths, strict=False)), row[-1]]) for row in rows
    ]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def render_json(assets: Sequence[Asset]) -> str:
    """``{"version": 1, "assets": [...]}`` with sorted keys."""
    data = {"version": 1, "assets": [asset_data(a) for a in assets]}
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _csv_row(asset: Asset) -> list[str]:
    data = asset_data(asset)
    values = (data[c] for c in CSV_COLUMNS)
    return ["" if v is None else " ".join(v) if isinstance(v, list) else str(v) for v in values]


def render_csv(assets: Sequence[Asset]) -> str:
    """One row per asset; ids separated by spaces; formula-like text neutralised."""
    return csv_text(CSV_COLUMNS, (_csv_row(a) for a in assets))


def render_paths(assets: Sequence[Asset], root: Path, cwd: Path, end: str = "\n") -> str:
    """One file path per line, usable from ``cwd``: relative from inside the project or above
    it, absolute from elsewhere.

    ``end`` follows each path: ``"\0"`` for ``xargs -0``, as a file name may hold a newline.
    """
    relative = root.is_relative_to(cwd) or cwd.is_relative_to(root)
    lines = []
    for a in assets:
        path = root / a.path
        lines.append(os.path.relpath(path, cwd) if relative else str(path))
    return "".join(line + end for line in lines)
