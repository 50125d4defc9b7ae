"""Render a gap report as a terminal table, Markdown, JSON or CSV. Text in, text out."""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from collections.abc import Callable
from typing import Any

from ..model.report import Report, State

SYMBOLS: dict[State, str] = {
    "empty": "\u00b7",
    "thin": "\u25d0",
    "covered": "\u25cf",
    "n/a": "\u2013",
}
"""One-character marks per state, used in the table and Markdown matrix."""
TABLE_GAPS = 10
"""The table lists this many gaps to fill; Markdown and JSON list them all."""
COLORS: dict[State, str] = {"empty": "31", "thin": "33", "covered": "32", "n/a": "2"}
"""ANSI colour codes per state."""
JSON_VERSION = 1


def _pct(share: float) -> str:
    return f"{round(share * 100)}%"


# -- JSON -------------------------------------------------------------------------------------
def to_data(report: Report) -> dict[str, Any]:
    """Return the report as JSON-ready data (the documented ``version: 1`` schema)."""
    config = report.config
    return {
        "version": JSON_VERSION,
        "project": config.name,
        "model": config.model.id,
        "as_of": report.as_of.isoformat(),
        "persona": report.persona,
        "assets": {"total": report.total, "eligible": len(report.eligible)},
        "questions": [{"id": q.id, "name": q.name, "prompt": q.prompt} for q in config.questions],
        "stages": [
            {
                "id": row.stage.id,
                "name": row.stage.name,
                "phase": row.stage.phase,
                "lead": row.stage.lead,
                "count": row.count,
                "threshold": row.threshold,
                "state": row.state,
                "assets": list(row.assets),
                "hands_forward": list(row.forward),
            }
            for row in report.stages
        ],
        "cells": [
            {
                "stage": c.stage,
                "question": c.question,
                "count": c.count,
                "threshold": c.threshold,
                "state": c.state,
                "assets": list(c.assets),
            }
            for c in report.cells
        ],
        "stuck": list(report.stuck),
        "dead_ends": list(report.dead_ends),
        "broken_next": [
            {"asset": n.asset, "path": n.path, "next": n.target, "reason": n.reason}
            for n in report.broken_next
        ],
        "backward_next": [{"asset": n.asset, "path": n.path, "next": n.target} for n in report.backward],
        "balance": {
            "counts": dict(report.balance.counts),
            "shares": {k: round(v, 4) for k, v in report.balance.shares.items()},
            "min_after_share": report.balance.min_after_share,
            "warning": report.balance.warning,
        },
        "stale": list(report.stale),
        "pipeline": list(report.pipeline),
        "retired": list(report.retired),
        "over_invested": list(report.over_invested),
        "next_to_make": [
            {
                "rank": i,
                "stage": g.stage,
                "question": g.question,
                "state": g.state,
                "count": g.count,
                "needed": g.needed,
                "stuck": g.stuck,
                "reason": g.reason,
                "formats": list(g.formats),
            }
            for i, g in enumerate(report.next_to_make, 1)
        ],
        "by_persona": [
            {
                "persona": row.persona,
                "stages": [{"stage": s, "count": n, "state": st} for s, n, st in row.cells],
            }
            for row in report.by_persona
        ],
    }


def render_json(report: Report) -> str:
    """Return the report as sorted, indented JSON."""
    return json.dumps(to_data(report), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# -- CSV --------------------------------------------------------------------------------------
def _cell_text(value: object) -> str:
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def render_csv(report: Report) -> str:
    """Return one row per stage x question cell; formula-like text is neutralised."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "stage",
            "stage_name",
            "phase",
            "lead",
            "question",
            "count",
            "threshold",
            "state",
            "assets",
        ]
    )
    stages = {row.stage.id: row.stage for row in report.stages}
    for c in report.cells:
        stage = stages[c.stage]
        row = [
            c.stage,
            stage.name,
            stage.phase,
            stage.lead,
            c.question,
            c.count,
            c.threshold,
            c.state,
            " ".join(c.assets),
        ]
        writer.writerow([_cell_text(v) for v in row])
    return out.getvalue()


# -- Markdown ---------------------------------------------------------------------------------
def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: Report) -> str:
    """Return a report to paste into a pull request or a wiki page."""
    config = report.config
    lines = [f"# Content gaps: {_md(config.name)}", ""]
    scope = f" for persona `{report.persona}`" if report.persona else ""
    lines.append(
        f"Model `{config.model.id}`, as of {report.as_of.isoformat()}{scope}: "
        f"{len(report.eligible)} of {report.total} assets can be sent to buyers today."
    )
    lines += ["", "## Coverage", ""]
    header = ["Stage", "Phase", "All", *(_md(q.name) for q in config.questions)]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "---|" * 2 + "--:|" * (len(header) - 2))
    for row in report.stages:
        cells = [c for c in report.cells if c.stage == row.stage.id]
        marks = [f"{SYMBOLS[c.state]} {c.count if c.state != 'n/a' else 'n/a'}" for c in cells]
        lines.append(
            f"| {_md(row.stage.name)} | {row.stage.phase} | {SYMBOLS[row.state]} {row.count} | "
            + " | ".join(marks)
            + " |"
        )
    lines += [
        "",
        f"{SYMBOLS['covered']} covered, {SYMBOLS['thin']} thin, {SYMBOLS['empty']} empty, {SYMBOLS['n/a']} not applicable",
        "",
    ]
    lines += _md_flow(report)
    lines += ["## What to make next", ""]
    if report.next_to_make:
        for i, gap in enumerate(report.next_to_make, 1):
            formats = f" Try: {', '.join(gap.formats)}." if gap.formats else ""
            lines.append(
                f"{i}. **{gap.stage} \u00d7 {gap.question}** ({gap.state}{', stuck' if gap.stuck else ''}): {_md(gap.reason)}{formats}"
            )
    else:
        lines.append("Every cell is covered.")
    lines.append("")
    if report.by_persona:
        lines += ["## By persona", ""]
        lines.append("| Persona | " + " | ".join(r.stage.id for r in report.stages) + " |")
        lines.append("|---|" + "--:|" * len(report.stages))
        for prow in report.by_persona:
            lines.append(
                f"| {prow.persona} | " + " | ".join(f"{SYMBOLS[st]} {n}" for _, n, st in prow.cells) + " |"
            )
        lines.append("")
    return "\n".join(lines)


def _md_flow(report: Report) -> list[str]:
    lines = ["## Where buyers get stuck", ""]
    names = {row.stage.id: row.stage.name for row in report.stages}
    if report.stuck:
        for sid in report.stuck:
            lines.append(
                f"- **{_md(names[sid])}** (`{sid}`): nothing published hands buyers on to a later stage."
            )
    else:
        lines.append("- Every stage hands buyers forward.")
    if report.dead_ends:
        lines.append(f"- Dead ends (no next step): {', '.join(f'`{a}`' for a in report.dead_ends)}")
    for n in report.broken_next:
        lines.append(f"- Broken next step: `{n.asset}` \u2192 `{n.target}` ({n.reason})")
    for n in report.backward:
        lines.append(f"- Points back: `{n.asset}` \u2192 `{n.target}`")
    b = report.balance
    lines += ["", "## Balance", ""]
    lines.append(
        f"Before the purchase {b.counts['before']} ({_pct(b.shares['before'])}), "
        f"at {b.counts['at']} ({_pct(b.shares['at'])}), after {b.counts['after']} ({_pct(b.shares['after'])})."
    )
    if b.warning:
        lines.append(f"**Warning:** less than {_pct(b.min_after_share)} of the effort is after the purchase.")
    if report.stale:
        lines += ["", f"Stale (past review date): {', '.join(f'`{a}`' for a in report.stale)}"]
    if report.pipeline:
        lines += ["", f"In the pipeline: {', '.join(f'`{a}`' for a in report.pipeline)}"]
    if report.over_invested:
        lines += [
            "",
            f"Possibly over-invested: {', '.join(f'`{a}`' for a in report.over_invested)}",
        ]
    lines.append("")
    return lines


# -- Terminal table ---------------------------------------------------------------------------
def render_table(report: Report, *, width: int = 100, color: bool = False) -> str:
    """Return the stage x question matrix and the lists below it, fitted to ``width``."""
    config = report.config

    def paint(text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if color else text

    def bold(text: str) -> str:
        return paint(text, "1")

    out: list[str] = []
    scope = f", persona {report.persona}" if report.persona else ""
    out.append(bold(f"{config.name}: {config.model.name}") + f" (as of {report.as_of.isoformat()}{scope})")
    out.append(f"{len(report.eligible)} of {report.total} assets can be sent to buyers today.")
    out.append("")
    questions = config.questions
    col = max(7, min(12, (width - 34) // max(1, len(questions) + 1)))

    def fit(text: str, w: int) -> str:
        return text if len(text) <= w else text[: w - 1] + "\u2026"

    # Question names when they all fit, else the (shorter, exact) ids: never a cut-off word.
    labels = [q.name for q in questions]
    if any(len(label) > col for label in labels):
        labels = [q.id for q in questions]
    col = min(col, max(6, *(len(label) for label in labels)))
    name_w = max(12, min(28, width - 4 - (col + 1) * (len(questions) + 1) - 8))
    head = (
        f"{'Stage':<{name_w}} {'Phase':<6} "
        + f"{'All':>{col}}"
        + "".join(f" {fit(label, col):>{col}}" for label in labels)
    )
    out.append(bold(head))
    stuck = set(report.stuck)
    for row in report.stages:
        label = fit(row.stage.name, name_w - 2) + (" !" if row.stage.id in stuck else "")
        cells = [c for c in report.cells if c.stage == row.stage.id]
        parts = [
            f"{label:<{name_w}} {row.stage.phase:<6} ",
            _mark(row.state, row.count, col, paint),
        ]
        parts += [" " + _mark(c.state, c.count, col, paint) for c in cells]
        out.append("".join(parts))
    legend = "  ".join(paint(f"{SYMBOLS[s]} {s}", COLORS[s]) for s in ("covered", "thin", "empty", "n/a"))
    stuck_legend = "! stuck: nothing hands buyers forward"
    if len(_plain(legend)) + 3 + len(stuck_legend) <= width:
        out += ["", legend + "   " + stuck_legend, ""]
    else:
        out += ["", legend, stuck_legend, ""]

    names = {row.stage.id: row.stage.name for row in report.stages}
    wrap = max(40, width - 4)
    out.append(bold("Where buyers get stuck"))
    if report.stuck:
        for sid in report.stuck:
            out += _wrap(
                f"{names[sid]} ({sid}): nothing published hands buyers on to a later stage",
                wrap,
                "  ",
                "    ",
            )
    else:
        out.append("  every stage hands buyers forward")
    if report.dead_ends:
        out += _wrap("dead ends (no next step): " + ", ".join(report.dead_ends), wrap, "  ", "    ")
    for n in report.broken_next:
        out += _wrap(f"broken next step: {n.asset} -> {n.target} ({n.reason})", wrap, "  ", "    ")
    for n in report.backward:
        out += _wrap(f"points back: {n.asset} -> {n.target}", wrap, "  ", "    ")
    out.append("")
    b = report.balance
    out.append(bold("Balance"))
    line = "  " + ", ".join(f"{p} {b.counts[p]} ({_pct(b.shares[p])})" for p in ("before", "at", "after"))
    out.append(line)
    if b.warning:
        out.append(
            "  "
            + paint(
                f"warning: less than {_pct(b.min_after_share)} of the effort is after the purchase",
                COLORS["thin"],
            )
        )
    for title, ids in (
        ("stale (past review date)", report.stale),
        ("in the pipeline", report.pipeline),
        ("possibly over-invested", report.over_invested),
    ):
        if ids:
            out += _wrap(f"{title}: " + ", ".join(ids), wrap, "  ", "    ")
    out.append("")
    out.append(bold("What to make next"))
    if not report.next_to_make:
        out.append("  every cell is covered")
    shown = report.next_to_make[:TABLE_GAPS]
    for i, gap in enumerate(shown, 1):
        head = f"{i:>3}. {gap.stage} \u00d7 {gap.question} ({gap.state}{', stuck' if gap.stuck else ''})"
        out.append(paint(head, COLORS[gap.state]) if color else head)
        text = gap.reason + (f" Try: {', '.join(gap.formats)}." if gap.formats else "")
        out += _wrap(text, wrap, "       ", "       ")
    hidden = len(report.next_to_make) - len(shown)
    if hidden:
        out.append(f"  ... and {hidden} more (--format md or json lists them all)")
    if report.by_persona:
        out += ["", bold("By persona")]
        pw = max(len(r.persona) for r in report.by_persona) + 2
        out.append(" " * pw + "".join(f" {fit(r.stage.id, col):>{col}}" for r in report.stages))
        for prow in report.by_persona:
            out.append(
                f"{prow.persona:<{pw}}" + "".join(" " + _mark(st, n, col, paint) for _, n, st in prow.cells)
            )
    return "\n".join(out) + "\n"


def _plain(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    return textwrap.wrap(
        text,
        width,
        initial_indent=first,
        subsequent_indent=rest,
        break_on_hyphens=False,
        break_long_words=False,
    )


def _mark(state: State, count: int, width: int, paint: Callable[[str, str], str]) -> str:
    text = f"{SYMBOLS[state]} {'n/a' if state == 'n/a' else count}"
    return paint(f"{text:>{width}}", COLORS[state])
