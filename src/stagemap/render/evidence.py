"""Signals as text: the stored CSV of one import, and evidence as a table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from ..model.signals import (
    FORMULA_STARTS,
    SHAPES,
    AssetEvidence,
    Basis,
    Evidence,
    PageRow,
    SignalFile,
    StageEvidence,
    TouchRow,
)
from .csvsafe import csv_text
from .words import plural


def _protect(text: str) -> str:
    """Put a ``'`` before a text cell a spreadsheet would run (read back without it)."""
    return "'" + text if text.lstrip("'").startswith(FORMULA_STARTS) else text


def _flag(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _page_cells(file: SignalFile, row: PageRow) -> list[str]:
    visitors = "" if row.visitors is None else str(row.visitors)
    start, end = row.period.start.isoformat(), row.period.end.isoformat()
    return [file.source, start, end, _protect(row.url), str(row.views), visitors]


def _touch_cells(file: SignalFile, row: TouchRow) -> list[str]:
    return [
        file.source,
        row.period.start.isoformat(),
        row.period.end.isoformat(),
        _protect(row.deal),
        _protect(row.contact),
        _protect(row.stage),
        _protect(row.url),
        row.day.isoformat(),
        "" if row.amount is None else str(row.amount),
        _flag(row.replied),
    ]


def signal_file_csv(file: SignalFile) -> str:
    """Return the stored form of an import: known columns, then the unknown ones, one row a line.

    The rows are in the file's (sorted) order, so the same export always gives the same bytes.
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in SHAPES[file.kind]] + [_protect(n) for n in file.extra_columns])
    for page in file.pages:
        writer.writerow(_page_cells(file, page) + [_protect(v) for v in page.extra])
    for touch in file.touches:
        writer.writerow(_touch_cells(file, touch) + [_protect(v) for v in touch.extra])
    return out.getvalue()


# -- evidence -----------------------------------------------------------------------------------
def _basis_data(basis: Basis) -> dict[str, object]:
    period = basis.period
    return {
        "sources": list(basis.sources),
        "start": period.start.isoformat() if period else None,
        "end": period.end.isoformat() if period else None,
    }


def evidence_data(found: Evidence) -> dict[str, object]:
    """Return the evidence as JSON-ready data (the shape of ``signals show --format json``)."""
    return {
        "files": [
            {
                "path": path,
                "kind": kind,
                "source": source,
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                "rows": rows,
            }
            for path, kind, source, p, rows in found.files
        ],
        "stages": [
            {
                "stage": s.stage,
                "name": s.name,
                "views": s.views,
                "traffic": _basis_data(s.traffic),
                "touches": s.touches,
                "replies": s.replies,
                "arrived": s.arrived,
                "moved": s.moved,
                "lost": s.lost,
                "pipeline": _basis_data(s.pipeline),
            }
            for s in found.stages
        ],
        "assets": [
            {
                "asset": a.asset,
                "title": a.title,
                "stages": list(a.stages),
                "views": a.views,
                "visitors": a.visitors,
                "traffic": _basis_data(a.traffic),
                "touches": a.touches,
                "replies": a.replies,
                "deals": a.deals,
                "moved": a.moved,
                "pipeline": _basis_data(a.pipeline),
            }
            for a in found.assets
        ],
        "leaks": list(found.leaks),
        "hands_on": list(found.hands_on),
        "unmatched": [
            {"what": u.what, "value": u.value, "source": u.source, "rows": u.rows, "views": u.views}
            for u in found.unmatched
        ],
    }


def render_json(found: Evidence) -> str:
    """Return the evidence as indented JSON ending in a newline."""
    return json.dumps(evidence_data(found), indent=2, ensure_ascii=False) + "\n"


CSV_HEADER = (
    "level",
    "id",
    "views",
    "visitors",
    "traffic_sources",
    "traffic_start",
    "traffic_end",
    "touches",
    "replies",
    "buyers",
    "moved",
    "lost",
    "pipeline_sources",
    "pipeline_start",
    "pipeline_end",
)
"""Columns of ``signals show --format csv``: one row per stage, then one per asset."""


def _basis_cells(basis: Basis) -> list[str]:
    period = basis.period
    return [
        " ".join(basis.sources),
        period.start.isoformat() if period else "",
        period.end.isoformat() if period else "",
    ]


def render_csv(found: Evidence) -> str:
    """Return one CSV row per stage and per asset, each figure with its source and period."""
    rows: list[list[str]] = []
    for s in found.stages:
        figures = [str(s.touches), str(s.replies), str(s.arrived), str(s.moved), str(s.lost)]
        rows.append(
            [
                "stage",
                s.stage,
                str(s.views),
                "",
                *_basis_cells(s.traffic),
                *figures,
                *_basis_cells(s.pipeline),
            ]
        )
    for a in found.assets:
        figures = [str(a.touches), str(a.replies), str(a.deals), str(a.moved), ""]
        rows.append(
            [
                "asset",
                a.asset,
                str(a.views),
                str(a.visitors),
                *_basis_cells(a.traffic),
                *figures,
                *_basis_cells(a.pipeline),
            ]
        )
    return csv_text(CSV_HEADER, rows)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [c.rjust(w) if r else c.ljust(w) for c, w, r in zip(row, widths, right, strict=True)]
        lines.append("  ".join(cells).rstrip())
    return lines


def render_table(found: Evidence) -> str:
    """Return the evidence as plain-text tables: stages, assets, leaks, hand-ons, unmatched."""
    if not found.files:
        return "No signals imported yet.\n"
    lines = ["Signals"]
    lines += [
        f"  {path}: {plural(rows, 'row')} ({kind}) from {source}, {p}"
        for path, kind, source, p, rows in found.files
    ]
    stage_rows = [
        [
            s.stage,
            str(s.views),
            str(s.traffic),
            str(s.arrived),
            str(s.moved),
            str(s.lost),
            str(s.replies),
            str(s.pipeline),
        ]
        for s in found.stages
    ]
    header = ["Stage", "Views", "Views from", "Arrived", "Moved on", "Lost", "Replies", "Deals from"]
    lines += ["", *_table(header, stage_rows, [False, True, False, True, True, True, True, False])]
    asset_rows = [
        [a.asset, str(a.views), str(a.traffic), str(a.deals), str(a.moved), str(a.replies), str(a.pipeline)]
        for a in found.assets
    ]
    header = ["Asset", "Views", "Views from", "Deals", "Moved on", "Replies", "Deals from"]
    lines += ["", *_table(header, asset_rows, [False, True, False, True, True, True, False])]
    by_stage = {s.stage: s for s in found.stages}
    lines += ["", "Where buyers leak (seen at a stage, never later), most lost first:"]
    for n, stage_id in enumerate(found.leaks, 1):
        s = by_stage[stage_id]
        lines.append(f"  {n}. {s.stage}: {s.lost} of {s.arrived} lost ({s.pipeline})")
    if not found.leaks:
        lines.append("  none")
    by_asset = {a.asset: a for a in found.assets}
    lines += ["", "Assets that hand buyers on, most first:"]
    for asset_id in found.hands_on:
        a = by_asset[asset_id]
        lines.append(f"  {a.asset}: {a.moved} of {a.deals} moved on ({a.pipeline})")
    if not found.hands_on:
        lines.append("  none")
    lines += ["", f"Unmatched ({len(found.unmatched)}):"]
    for u in found.unmatched:
        views = f", {u.views} views" if u.views else ""
        lines.append(f"  {u.what} {u.value} from {u.source}: {plural(u.rows, 'row')}{views}")
    return "\n".join(lines) + "\n"


# -- evidence inside the report and the plays -----------------------------------------------------
def report_lines(found: Evidence, *, markdown: bool = False) -> list[str]:
    """Return the report's section on evidence: per stage, then the assets that hand buyers on.

    Every figure is followed by the source and period it was counted from.
    """
    head = "## What buyers did" if markdown else "What buyers did (imported signals)"
    lines = [head, ""] if markdown else [head]
    item = "- " if markdown else "  "
    for s in found.stages:
        if s.arrived or s.views:
            lines.append(f"{item}{s.name}: {stage_line(s)}")
    if found.leaks:
        names = {s.stage: s.name for s in found.stages}
        lines.append(f"{item}Where buyers leak, most first: {', '.join(names[sid] for sid in found.leaks)}")
    by_asset = {a.asset: a for a in found.assets}
    for asset_id in found.hands_on[:10]:
        a = by_asset[asset_id]
        shown = f"`{a.asset}`" if markdown else a.asset
        lines.append(
            f"{item}{shown} hands buyers on: {a.moved} of {plural(a.deals, 'deal')} moved on ({a.pipeline})"
        )
    return [*lines, ""]


def asset_line(found: AssetEvidence) -> str:
    """Return what happened around one asset in one line, with the source and period of each figure."""
    return (
        f"{plural(found.views, 'view')} ({found.traffic}); {plural(found.deals, 'deal')}, "
        f"{found.moved} moved on, {_replies(found.replies)} ({found.pipeline})"
    )


def _replies(n: int) -> str:
    return "1 reply" if n == 1 else f"{n} replies"


def stage_line(found: StageEvidence) -> str:
    """Return what happened at one stage in one line, with the source and period of each figure."""
    return (
        f"{plural(found.views, 'view')} ({found.traffic}); {plural(found.arrived, 'buyer')} seen, "
        f"{found.moved} moved on, {found.lost} lost, {_replies(found.replies)} ({found.pipeline})"
    )
