"""``stagemap list`` output: a table to read, JSON, CSV, or bare paths to pipe. Pure functions."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..model.library import Asset

COLUMNS = ("path", "status", "stages", "questions", "personas", "title")
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


def asset_data(asset: Asset) -> dict[str, Any]:
    """One asset's front matter fields as JSON-ready data (dates as YYYY-MM-DD, or null)."""
    return {
        "id": asset.id,
        "path": asset.path,
        "title": asset.title,
        "stages": list(asset.stages),
        "questions": list(asset.questions),
        "personas": list(asset.personas),
        "format": asset.format,
        "status": asset.status,
        "owner": asset.owner,
        "updated": asset.updated.isoformat() if asset.updated else None,
        "review_by": asset.review_by.isoformat() if asset.review_by else None,
        "message": asset.message,
        "summary": asset.summary,
        "next": asset.next,
        "cta": asset.cta,
    }


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


def _cell(value: object) -> str:
    text = "" if value is None else " ".join(value) if isinstance(value, list) else str(value)
    # A cell starting like a formula would run in a spreadsheet.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def render_csv(assets: Sequence[Asset]) -> str:
    """One row per asset; ids separated by spaces; formula-like text neutralised."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for a in assets:
        data = asset_data(a)
        writer.writerow([_cell(data[c]) for c in CSV_COLUMNS])
    return out.getvalue()


def render_paths(assets: Sequence[Asset], root: Path, cwd: Path) -> str:
    """One file path per line, usable from ``cwd``: relative from inside the project or above
    it, absolute from elsewhere."""
    relative = root.is_relative_to(cwd) or cwd.is_relative_to(root)
    lines = []
    for a in assets:
        path = root / a.path
        lines.append(os.path.relpath(path, cwd) if relative else str(path))
    return "".join(line + "\n" for line in lines)
