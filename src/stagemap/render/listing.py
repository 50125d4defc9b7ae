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

COLUMNS = ("path", "status", "stages", "questions", "personas", "owner", "review_by", "title")
"""Columns of the table to read, the title last (it is not padded)."""
SHRINK = {"personas": 10, "questions": 10, "stages": 10, "title": 20, "owner": 8}
"""Columns cut short (with '…') to fit the width, in this order, and the narrowest each may get."""
DROP = ("personas", "questions", "stages", "owner", "review_by")
"""Columns left out, in this order, when cutting is not enough; path, status and title stay."""
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
    "url",
    "audience",
    "publish_on",
)
"""Columns of the CSV: the path and the short fields, in spreadsheet order (long text left out),
then where the page is published and for whom (added last, so that older columns keep their place)."""


def _json_value(value: object) -> object:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def asset_data(asset: Asset) -> dict[str, Any]:
    """One asset's path, front matter fields (dates as YYYY-MM-DD, or null), public address
    (empty when not known) and audience, as JSON-ready data."""
    fields = {name: _json_value(getattr(asset, name)) for name in FIELDS}
    return {"path": asset.path, **fields, "url": asset.url, "audience": asset.audience}


def table_rows(assets: Sequence[Asset], as_of: dt.date) -> list[list[str]]:
    """The header and one row per asset; ids joined by commas, '-' for none.

    A published asset past its review date shows as ``stale``: it no longer counts; one whose
    day on the site has not come, as ``scheduled``: it does not count yet.
    """
    rows = [[c.upper().replace("_", " ") for c in COLUMNS]]
    for a in assets:
        shown = a.status
        if a.status == "published" and a.is_stale(as_of):
            shown = "stale"
        elif a.status == "published" and a.is_scheduled(as_of):
            shown = "scheduled"
        rows.append(
            [
                a.path,
                shown,
                ",".join(a.stages),
                ",".join(a.questions),
                ",".join(a.personas) or "-",
                " ".join(a.owner.split()) or "-",
                a.review_by.isoformat() if a.review_by else "-",
                " ".join(a.title.split()),
            ]
        )
    return rows


def fit_widths(natural: Sequence[int], width: int) -> list[int | None]:
    """Return each column's width to fit in ``width`` characters (None: left out).

    Columns in `SHRINK` are cut first, down to their narrowest; when that is not enough,
    the columns in `DROP` are left out one by one (the others get their room back). ``width``
    0 means no limit.
    """
    index = {name: i for i, name in enumerate(COLUMNS)}
    widths: list[int | None] = list(natural)
    dropped: set[int] = set()
    for name in (None, *DROP):
        if width <= 0 or _excess(widths, width) <= 0:
            break
        if name is not None:
            dropped.add(index[name])
        widths = [None if i in dropped else w for i, w in enumerate(natural)]
        for column, narrowest in SHRINK.items():
            current, over = widths[index[column]], _excess(widths, width)
            if over > 0 and current is not None and current > narrowest:
                widths[index[column]] = max(narrowest, current - over)
    return widths


def _excess(widths: Sequence[int | None], width: int) -> int:
    """How many characters a row of these columns is wider than ``width``."""
    shown = [w for w in widths if w is not None]
    return sum(shown) + 2 * (len(shown) - 1) - width


WIDEST_PADDED = 120
"""Columns of a table with no width limit are padded to their widest value, at most this wide
(a longer value is shown whole, its row's later columns further right)."""


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def render_table(assets: Sequence[Asset], as_of: dt.date, width: int = 0) -> tuple[str, tuple[str, ...]]:
    """Return aligned columns, a header first, fitted to ``width`` characters (0: no limit),
    and the names of the columns left out to fit."""
    rows = table_rows(assets, as_of)
    natural = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    # With no limit nothing is cut, and a column is padded no wider than `WIDEST_PADDED`: one
    # value of 60,000 characters made every row as long (18 MB for 300 assets).
    widths = fit_widths(natural, width) if width > 0 else [min(n, WIDEST_PADDED) for n in natural]
    fit = _cut if width > 0 else lambda cell, _: cell
    lines = []
    for row in rows:
        cells = [fit(cell, w).ljust(w) for cell, w in zip(row, widths, strict=True) if w is not None]
        lines.append("  ".join(cells).rstrip())
    left_out = tuple(name.replace("_", " ") for name, w in zip(COLUMNS, widths, strict=True) if w is None)
    return "\n".join(lines) + "\n", left_out


def due_for_review(assets: Sequence[Asset], as_of: dt.date, days: int) -> list[Asset]:
    """Return the assets whose review date is at most ``days`` days after ``as_of`` (past ones too)."""
    last = as_of + dt.timedelta(days=days)
    return [a for a in assets if a.review_by is not None and a.review_by <= last]


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
