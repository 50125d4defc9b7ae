"""Render coverage history as a text table, CSV, JSON, or an SVG chart. Text in, text out.

The SVG is written by hand (no dependency) and byte-for-byte deterministic. It reads without
JavaScript or CSS, carries a title and a description holding the whole data table as text
(what a screen reader announces), and tells the series apart by colour and by marker shape.
"""

from __future__ import annotations

import csv
import html
import io
import json
import math
from typing import Any

from ..analyse.history import History

HISTORY_JSON_VERSION = 1
COLOURS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#000000", "#b8860b")
"""The Okabe-Ito palette (safe for colour-blind readers), cycled when there are more stages."""
SHAPES = ("circle", "square", "triangle", "diamond", "down", "cross", "plus", "bar")
"""Marker shapes, one per series, so no reader depends on colour."""
FONT = 'font-family="sans-serif" font-size="11"'


def escape(text: str) -> str:
    """Escape ``&``, ``<`` and ``>`` for SVG text (as xml.sax.saxutils does, whose import pulls in urllib)."""
    return html.escape(text, quote=False)


def _csv_text(value: object) -> str:
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def render_csv(hist: History) -> str:
    """Return one row per period and stage (question empty) and per period and cell."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["period", "commit", "date", "stage", "question", "count", "state"])
    for p in hist.points:
        head = [p.period, p.commit, p.date.isoformat()]
        for sid, count, state in p.stages:
            writer.writerow([_csv_text(v) for v in (*head, sid, "", count, state)])
        for sid, qid, count, state in p.cells:
            writer.writerow([_csv_text(v) for v in (*head, sid, qid, count, state)])
    return out.getvalue()


def to_data(hist: History) -> dict[str, Any]:
    """Return the history as JSON-ready data (the shape is documented in docs/diff-history.md)."""
    return {
        "version": HISTORY_JSON_VERSION,
        "by": hist.by,
        "stages": [{"id": sid, "name": name} for sid, name in hist.stages],
        "points": [
            {
                "period": p.period,
                "commit": p.commit,
                "date": p.date.isoformat(),
                "total": p.total,
                "eligible": p.eligible,
                "stuck": list(p.stuck),
                "stages": [{"stage": s, "count": n, "state": st} for s, n, st in p.stages],
                "cells": [{"stage": s, "question": q, "count": n, "state": st} for s, q, n, st in p.cells],
            }
            for p in hist.points
        ],
    }


def render_json(hist: History) -> str:
    """Return the history as sorted, indented JSON."""
    return json.dumps(to_data(hist), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _rows(hist: History) -> list[list[str]]:
    """The data table: a header, then one row of stage counts per period."""
    rows = [["period", "date", *(sid for sid, _ in hist.stages)]]
    for p in hist.points:
        counts = [hist.count(p, sid) for sid, _ in hist.stages]
        rows.append([p.period, p.date.isoformat(), *("-" if n is None else str(n) for n in counts)])
    return rows


def render_table(hist: History) -> str:
    """Return eligible assets per stage and period as an aligned text table."""
    if not hist.points:
        return "No commits in the range change the project.\n"
    rows = _rows(hist)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(
            cell.rjust(w) if i > 1 else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]
    return "\n".join(lines) + "\n"


# -- SVG --------------------------------------------------------------------------------------
def _n(value: float) -> str:
    """A coordinate with at most one decimal, the same text on every platform."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _marker(shape: str, x: float, y: float, colour: str, label: str, r: float = 3.5) -> str:
    fill = f'fill="{colour}" stroke="{colour}"'
    title = f"<title>{escape(label)}</title>"
    if shape == "circle":
        body = f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" {fill}>'
        return body + title + "</circle>"
    points = {
        "square": [(-r, -r), (r, -r), (r, r), (-r, r)],
        "triangle": [(0, -r - 1), (r + 0.5, r), (-r - 0.5, r)],
        "diamond": [(0, -r - 1), (r + 1, 0), (0, r + 1), (-r - 1, 0)],
        "down": [(0, r + 1), (r + 0.5, -r), (-r - 0.5, -r)],
        "cross": [(-r, -r), (r, r), (0, 0), (r, -r), (-r, r), (0, 0)],
        "plus": [(0, -r - 1), (0, r + 1), (0, 0), (-r - 1, 0), (r + 1, 0), (0, 0)],
        "bar": [(-r - 1, -1.5), (r + 1, -1.5), (r + 1, 1.5), (-r - 1, 1.5)],
    }[shape]
    path = " ".join(f"{_n(x + dx)},{_n(y + dy)}" for dx, dy in points)
    if shape in ("cross", "plus"):
        fill = f'fill="none" stroke="{colour}" stroke-width="2"'
    return f'<polygon points="{path}" {fill}>{title}</polygon>'


def _top(hist: History) -> int:
    """A round upper bound for the y axis."""
    high = max((n for p in hist.points for _, n, _ in p.stages), default=0)
    if high <= 5:
        return 5
    step = 10 ** math.floor(math.log10(high))
    return int(math.ceil(high / step) * step)


def _frame(width: int, height: int, title: str, hist: History, ident: str) -> list[str]:
    table = "\n".join(", ".join(row) for row in _rows(hist))
    desc = (
        f"Eligible assets per stage, {len(hist.points)} points by {hist.by}. "
        f"Data table (period, date, then one column per stage):\n{table}"
    )
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]


def _plot(
    hist: History, box: tuple[float, float, float, float], top: int, stages: list[int], *, axes: bool
) -> list[str]:
    """Draw the series ``stages`` (indexes into hist.stages) inside box (x, y, width, height)."""
    x0, y0, w, h = box
    count = len(hist.points)
    xs = [x0 + (w * i / (count - 1) if count > 1 else w / 2) for i in range(count)]

    def y(value: int) -> float:
        return y0 + h - h * value / top

    out = [f'<rect x="{_n(x0)}" y="{_n(y0)}" width="{_n(w)}" height="{_n(h)}" fill="none" stroke="#999999"/>']
    ticks = 5 if axes else 1
    for t in range(ticks + 1):
        value = top * t // ticks
        out.append(
            f'<line x1="{_n(x0)}" y1="{_n(y(value))}" x2="{_n(x0 + w)}" y2="{_n(y(value))}" stroke="#e0e0e0"/>'
        )
        out.append(f'<text x="{_n(x0 - 4)}" y="{_n(y(value) + 4)}" text-anchor="end" {FONT}>{value}</text>')
    for i, anchor in _ticks(count, axes=axes):
        label = escape(hist.points[i].period)
        out.append(
            f'<text x="{_n(xs[i])}" y="{_n(y0 + h + 14)}" text-anchor="{anchor}" {FONT}>{label}</text>'
        )
    size = 3.5 if axes else 2.0
    for s in stages:
        sid, name = hist.stages[s]
        colour, shape = COLOURS[s % len(COLOURS)], SHAPES[s % len(SHAPES)]
        dash = ' stroke-dasharray="5 3"' if s >= len(COLOURS) else ""
        known = [(xs[i], hist.count(p, sid), p.period) for i, p in enumerate(hist.points)]
        line = " ".join(f"{_n(px)},{_n(y(n))}" for px, n, _ in known if n is not None)
        out.append(f"<g><title>{escape(name)}</title>")
        out.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
        out += [
            _marker(shape, px, y(n), colour, f"{name}, {period}: {n}", size)
            for px, n, period in known
            if n is not None
        ]
        out.append("</g>")
    return out


def _ticks(count: int, *, axes: bool) -> list[tuple[int, str]]:
    """Return (point index, text anchor) of the labelled periods, never two crowded together.

    A large chart labels about eight periods and always the last; a small panel labels only
    the first and the last, anchored inwards so that they stay inside it.
    """
    if count == 1:
        return [(0, "middle")]
    if not axes:
        return [(0, "start"), (count - 1, "end")]
    every = max(1, math.ceil(count / 8))
    picks = list(range(0, count, every))
    if picks[-1] != count - 1:
        # The last label moves to the last point rather than crowding in next to it.
        if len(picks) > 1:
            picks[-1] = count - 1
        else:
            picks.append(count - 1)
    return [(i, "middle") for i in picks]


def render_svg(hist: History, *, title: str, chart: str = "lines", ident: str = "chart") -> str:
    """Return an SVG chart: one line per stage (``lines``) or one small panel per stage (``grid``).

    ``ident`` starts the ids of its title and description: one per chart of an HTML page.
    """
    if not hist.points:
        out = _frame(480, 60, title, hist, ident)
        out.append(f'<text x="12" y="34" {FONT}>No commits in the range change the project.</text>')
        return "\n".join([*out, "</svg>", ""])
    top = _top(hist)
    if chart == "grid":
        return _grid(hist, title, top, ident)
    width, height = 760, 380
    out = _frame(width, height, title, hist, ident)
    out.append(f'<text x="16" y="22" font-family="sans-serif" font-size="14">{escape(title)}</text>')
    out += _plot(hist, (48, 40, 520, 290), top, list(range(len(hist.stages))), axes=True)
    for s, (_, name) in enumerate(hist.stages):
        colour, shape = COLOURS[s % len(COLOURS)], SHAPES[s % len(SHAPES)]
        ly = 50 + 20 * s
        out.append(_marker(shape, 600, ly, colour, name))
        out.append(f'<text x="612" y="{ly + 4}" {FONT}>{escape(name)}</text>')
    out.append(f'<text x="48" y="370" {FONT}>Eligible assets per stage, by {hist.by}</text>')
    return "\n".join([*out, "</svg>", ""])


def _grid(hist: History, title: str, top: int, ident: str) -> str:
    columns = min(4, len(hist.stages)) or 1
    rows = math.ceil(len(hist.stages) / columns) or 1
    pw, ph = 180, 110
    width, height = 30 + columns * (pw + 60), 40 + rows * (ph + 50)
    out = _frame(width, height, title, hist, ident)
    out.append(f'<text x="16" y="22" font-family="sans-serif" font-size="14">{escape(title)}</text>')
    for s, (sid, name) in enumerate(hist.stages):
        px = 50 + (s % columns) * (pw + 60)
        py = 60 + (s // columns) * (ph + 50)
        latest = hist.count(hist.points[-1], sid)
        now = "-" if latest is None else str(latest)
        out.append(f'<text x="{px}" y="{py - 6}" {FONT} font-weight="bold">{escape(name)} (now {now})</text>')
        out += _plot(hist, (px, py, pw, ph), top, [s], axes=False)
    return "\n".join([*out, "</svg>", ""])
