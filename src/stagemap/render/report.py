"""Render a gap report as Markdown, JSON or CSV, and the words every format shares. Text in, text out.

The terminal table is in ``render.table``.
"""

from __future__ import annotations

import json
from typing import Any

from ..model.journey import Question
from ..model.library import Asset, Library
from ..model.report import (
    CELL_LABELS,
    CELL_STATES,
    FLOW_NOT_TRACKED,
    NO_BALANCE,
    NO_FLOW,
    STUCK_TEXT,
    Action,
    Balance,
    Cell,
    Gap,
    NextIssue,
    PersonaRow,
    Report,
    StageCoverage,
    State,
)
from .csvsafe import csv_text
from .evidence import evidence_data, report_lines
from .headline import sendable

SYMBOLS: dict[State, str] = {
    "empty": "\u00b7",
    "thin": "\u25d0",
    "covered": "\u25cf",
    "n/a": "\u2013",
}
"""One-character marks per state, used in the table and Markdown matrix."""
JSON_VERSION = 1
"""Version of the JSON report: it changes only when a key is removed or changes meaning."""
CSV_COLUMNS = ("stage", "stage_name", "phase", "lead", "question", "count", "threshold", "state", "assets")
"""Columns of the CSV report, one row per stage x question cell."""


def question_groups(report: Report) -> list[tuple[tuple[Question, ...], list[StageCoverage]]]:
    """Return runs of stages that ask the same questions, each with those questions, in order.

    The matrix gets a header per run: the four buyer questions before and at the purchase,
    the customer's questions after it (or one run, when every stage asks the same).
    """
    groups: list[tuple[tuple[Question, ...], list[StageCoverage]]] = []
    for row in report.stages:
        questions = report.config.questions_at(row.stage.id)
        if groups and groups[-1][0] == questions:
            groups[-1][1].append(row)
        else:
            groups.append((questions, [row]))
    return groups


def pct(share: float) -> str:
    """Return a 0-1 share as a whole percentage, e.g. ``25%``."""
    return f"{round(share * 100)}%"


def after_warning(balance: Balance) -> str:
    """Return the warning that too little effort comes after the purchase."""
    return f"less than {pct(balance.min_after_share)} of the effort is after the purchase"


def gap_state(gap: Gap) -> str:
    """Return a gap's state, with ``, stuck`` when its stage is stuck."""
    return f"{gap.state}{', stuck' if gap.stuck else ''}"


def try_formats(gap: Gap) -> str:
    """Return the suggested formats as a sentence after the reason, or nothing."""
    return f" Try: {', '.join(gap.formats)}." if gap.formats else ""


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
        "questions": [_question_data(report, q) for q in config.questions],
        "stages": [_stage_data(row) for row in report.stages],
        "cells": [_cell_data(c) for c in report.cells],
        "stuck": list(report.stuck),
        "dead_ends": list(report.dead_ends),
        "flow": {
            "tracked": report.flow_tracked,
            "with_next": report.with_next[0],
            "assets": report.with_next[1],
        },
        "inferred_next": [{"asset": a, "next": t} for a, t in report.inferred_next],
        "broken_next": [{**_next_data(n), "reason": n.reason} for n in report.broken_next],
        "backward_next": [_next_data(n) for n in report.backward],
        "balance": _balance_data(report.balance),
        "stale": list(report.stale),
        "pipeline": list(report.pipeline),
        "retired": list(report.retired),
        "over_invested": list(report.over_invested),
        "next_to_make": [_gap_data(rank, g) for rank, g in enumerate(report.next_to_make, 1)],
        "actions": [_action_data(rank, a) for rank, a in enumerate(report.actions, 1)],
        "by_persona": [_persona_data(row) for row in report.by_persona],
        "lint": [p.as_dict() for p in report.lint],
        # Only with imported signals: a report without them keeps its bytes.
        **({"evidence": evidence_data(report.evidence)} if report.evidence is not None else {}),
    }


def _question_data(report: Report, question: Question) -> dict[str, Any]:
    stages = [row.stage for row in report.stages]
    return {
        "id": question.id,
        "name": question.name,
        "prompt": question.prompt,
        "stages": [s.id for s in stages if report.config.asks(s.id, question.id)],
    }


def _stage_data(row: StageCoverage) -> dict[str, Any]:
    return {
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


def _cell_data(cell: Cell) -> dict[str, Any]:
    return {
        "stage": cell.stage,
        "question": cell.question,
        "count": cell.count,
        "threshold": cell.threshold,
        "state": cell.state,
        "assets": list(cell.assets),
    }


def _next_data(issue: NextIssue) -> dict[str, Any]:
    return {"asset": issue.asset, "path": issue.path, "next": issue.target}


def _balance_data(balance: Balance) -> dict[str, Any]:
    return {
        "counts": dict(balance.counts),
        "shares": {k: round(v, 4) for k, v in balance.shares.items()},
        "min_after_share": balance.min_after_share,
        "warning": balance.warning,
    }


def _gap_data(rank: int, gap: Gap) -> dict[str, Any]:
    return {
        "rank": rank,
        "stage": gap.stage,
        "question": gap.question,
        "state": gap.state,
        "count": gap.count,
        "needed": gap.needed,
        "stuck": gap.stuck,
        "reason": gap.reason,
        "formats": list(gap.formats),
    }


def _action_data(rank: int, action: Action) -> dict[str, Any]:
    return {
        "rank": rank,
        "kind": action.kind,
        "stage": action.stage,
        "question": action.question,
        "asset": action.asset,
        "text": action.text,
        "command": action.command,
        "weight": action.weight,
    }


def _persona_data(row: PersonaRow) -> dict[str, Any]:
    return {
        "persona": row.persona,
        "stages": [{"stage": s, "count": n, "state": st} for s, n, st in row.cells],
    }


def render_json(report: Report, library: Library | None = None) -> str:
    """Return the report as sorted, indented JSON; with ``library``, each asset's place too (``library``)."""
    data = to_data(report)
    if library is not None:
        data["library"] = [_asset_data(a) for a in library.assets]
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _asset_data(asset: Asset) -> dict[str, Any]:
    """Return where an asset lives and who it is for: what a rep needs to send it."""
    return {
        "id": asset.id,
        "path": asset.path,
        "title": asset.title,
        "status": asset.status,
        "url": asset.url,
        "audience": asset.audience,
    }


# -- CSV --------------------------------------------------------------------------------------
def render_csv(report: Report) -> str:
    """Return one row per stage x question cell; formula-like text is neutralised."""
    stages = {row.stage.id: row.stage for row in report.stages}
    rows = []
    for c in report.cells:
        stage = stages[c.stage]
        values = (c.stage, stage.name, stage.phase, stage.lead, c.question, c.count, c.threshold, c.state)
        rows.append([*map(str, values), " ".join(c.assets)])
    return csv_text(CSV_COLUMNS, rows)


# -- Markdown ---------------------------------------------------------------------------------
def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: Report) -> str:
    """Return a report to paste into a pull request or a wiki page."""
    config = report.config
    lines = [f"# Content gaps: {_md(config.name)}", ""]
    scope = f" for persona `{report.persona}`" if report.persona else ""
    lines.append(f"Model `{config.model.id}`, as of {report.as_of.isoformat()}{scope}: {sendable(report)}")
    lines += ["", "## Coverage", ""]
    for questions, rows in question_groups(report):
        lines += _md_matrix(report, questions, rows)
    lines += [
        ", ".join(f"{SYMBOLS[s]} {CELL_LABELS[s]}" for s in CELL_STATES),
        "",
    ]
    lines += _md_flow_and_balance(report)
    if report.evidence is not None:
        lines += report_lines(report.evidence, markdown=True)
    lines += ["## What to do next", ""]
    for i, action in enumerate(report.actions, 1):
        lines += [f"{i}. {_md(action.text)}  ", f"   `{action.command}`"]
    if not report.actions:
        lines.append("Every cell is covered and every stage hands buyers on.")
    lines.append("")
    if report.lint:
        lines += ["## Lint", ""]
        lines += [f"- {_md(p.format())}" for p in report.lint]
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


def _md_matrix(report: Report, questions: tuple[Question, ...], rows: list[StageCoverage]) -> list[str]:
    """One table of stages that ask the same questions."""
    header = ["Stage", "Phase", "All", *(_md(q.name) for q in questions)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * 2 + "--:|" * (len(header) - 2)]
    for row in rows:
        cells = [c for c in report.cells if c.stage == row.stage.id]
        marks = [f"{SYMBOLS[c.state]} {c.count if c.state != 'n/a' else 'n/a'}" for c in cells]
        lines.append(
            f"| {_md(row.stage.name)} | {row.stage.phase} | {SYMBOLS[row.state]} {row.count} | "
            + " | ".join(marks)
            + " |"
        )
    return [*lines, ""]


def _md_flow_and_balance(report: Report) -> list[str]:
    lines = ["## Where buyers get stuck", ""]
    names = {row.stage.id: row.stage.name for row in report.stages}
    if report.stuck:
        for sid in report.stuck:
            lines.append(f"- **{_md(names[sid])}** (`{sid}`): {STUCK_TEXT}.")
    elif not report.flow_tracked and not report.with_next[1]:
        lines.append(f"- {FLOW_NOT_TRACKED.capitalize()}: {NO_FLOW}.")
    elif not report.flow_tracked:
        have, of = report.with_next
        lines.append(
            f"- {FLOW_NOT_TRACKED.capitalize()}: {have} of {of} assets before the last stage name a next step; "
            "to start, record where each page hands buyers on: `stagemap tag FILE --set next=ASSET-OR-STAGE`."
        )
    else:
        lines.append("- Every stage hands buyers forward.")
    if report.dead_ends:
        lines.append(f"- Dead ends (no next step): {', '.join(f'`{a}`' for a in report.dead_ends)}")
    if report.inferred_next:
        shown = ", ".join(f"`{a}` \u2192 `{t}`" for a, t in report.inferred_next)
        lines.append(
            f"- Next steps inferred from closing links (not written; confirm with `stagemap tag`): {shown}"
        )
    for n in report.broken_next:
        lines.append(f"- Broken next step: `{n.asset}` \u2192 `{n.target}` ({n.reason})")
    for n in report.backward:
        lines.append(f"- Points back: `{n.asset}` \u2192 `{n.target}`")
    b = report.balance
    lines += ["", "## Balance", ""]
    lines.append(
        f"Before the purchase {b.counts['before']} ({pct(b.shares['before'])}), "
        f"at {b.counts['at']} ({pct(b.shares['at'])}), after {b.counts['after']} ({pct(b.shares['after'])})."
        if sum(b.counts.values())
        else f"{NO_BALANCE.capitalize()}."
    )
    if b.warning:
        lines.append(f"**Warning:** {after_warning(b)}.")
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
