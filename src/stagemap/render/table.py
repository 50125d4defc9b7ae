"""Render a gap report as a terminal table, fitted to a width, coloured or not. Text in, text out."""

from __future__ import annotations

import re
import shlex
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from ..model.journey import PHASES
from ..model.report import (
    CELL_STATES,
    FLOW_NOT_TRACKED,
    FLOW_START,
    NO_BALANCE,
    NO_FLOW,
    STUCK_TEXT,
    Report,
    State,
)
from .evidence import report_lines
from .headline import sendable
from .report import SYMBOLS, after_warning, pct, question_groups

TABLE_GAPS = 10
"""The table lists this many gaps to fill; Markdown and JSON list them all."""
TABLE_IDS = 8
"""Each list of assets in the table names at most this many, then says how many more there
are: on a site of hundreds of pages a list of every dead end is a screenful no one reads."""
ALL_OF_THEM = "(--format md or json lists them all)"
COLORS: dict[State, str] = {"empty": "31", "thin": "33", "covered": "32", "n/a": "2"}
"""ANSI colour codes per state."""


@dataclass(frozen=True, slots=True)
class _Paint:
    """ANSI colours for the table, or none."""

    color: bool
    """Whether to paint at all."""

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.color else text

    def bold(self, text: str) -> str:
        return self(text, "1")


def render_table(report: Report, *, width: int = 100, color: bool = False) -> str:
    """Return the stage x question matrix and the lists below it, fitted to ``width``."""
    paint = _Paint(color)
    config = report.config
    scope = f", persona {report.persona}" if report.persona else ""
    out = [
        paint.bold(f"{config.name}: {config.model.name}") + f" (as of {report.as_of.isoformat()}{scope})",
    ]
    wrap = max(40, width - 4)
    out += [*_wrap(sendable(report), wrap, "", ""), ""]
    col, matrix = _table_matrix(report, width, paint)
    out += matrix
    out += _table_flow(report, wrap, paint)
    out += _table_balance(report, wrap, paint)
    if report.evidence is not None:
        out += report_lines(report.evidence)
    out += _table_gaps(report, wrap, paint)
    out += _table_lint(report, wrap, paint)
    out += _table_personas(report, col, paint)
    return "\n".join(out) + "\n"


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _table_matrix(report: Report, width: int, paint: _Paint) -> tuple[int, list[str]]:
    """Return the column width and the lines of the matrix with its legend.

    Stages that ask other questions (those after the purchase) get a header of their own.
    """
    groups = question_groups(report)
    every = [q for questions, _ in groups for q in questions]
    most = max(len(questions) for questions, _ in groups)
    col = max(7, min(12, (width - 34) // max(1, most + 1)))
    # Question names when they all fit, else the (shorter, exact) ids: never a cut-off word.
    by_name = all(len(q.name) <= col for q in every)
    col = min(col, max(6, *(len(q.name if by_name else q.id) for q in every)))
    name_w = max(12, min(28, width - 4 - (col + 1) * (most + 1) - 8))
    out = []
    stuck = set(report.stuck)
    for n, (questions, rows) in enumerate(groups):
        labels = [q.name if by_name else q.id for q in questions]
        first = f"{'Stage':<{name_w}} {'Phase':<6} {'All':>{col}}" if n == 0 else " " * (name_w + 8 + col)
        out.append(paint.bold(first + "".join(f" {_fit(label, col):>{col}}" for label in labels)))
        for row in rows:
            label = _fit(row.stage.name, name_w - 2) + (" !" if row.stage.id in stuck else "")
            cells = [c for c in report.cells if c.stage == row.stage.id]
            parts = [f"{label:<{name_w}} {row.stage.phase:<6} ", _mark(row.state, row.count, col, paint)]
            parts += [" " + _mark(c.state, c.count, col, paint) for c in cells]
            out.append("".join(parts))
    legend = "  ".join(paint(f"{SYMBOLS[s]} {s}", COLORS[s]) for s in CELL_STATES)
    stuck_legend = "! stuck: nothing hands buyers forward"
    if len(_plain(legend)) + 3 + len(stuck_legend) <= width:
        out += ["", legend + "   " + stuck_legend, ""]
    else:
        out += ["", legend, stuck_legend, ""]
    return col, out


def _table_flow(report: Report, wrap: int, paint: _Paint) -> list[str]:
    names = {row.stage.id: row.stage.name for row in report.stages}
    out = [paint.bold("Where buyers get stuck")]
    for sid in report.stuck:
        out += _wrap(f"{names[sid]} ({sid}): {STUCK_TEXT}", wrap, "  ", "    ")
    if not report.flow_tracked:
        have, of = report.with_next
        text = (
            f"{FLOW_NOT_TRACKED}: {have} of {of} assets before the last stage name a next step; {FLOW_START}"
            if of
            else f"{FLOW_NOT_TRACKED}: {NO_FLOW}"
        )
        out += _wrap(text, wrap, "  ", "    ")
    elif not report.stuck:
        out.append("  every stage hands buyers forward")
    if report.dead_ends:
        out += _wrap("dead ends (no next step): " + _some(report.dead_ends), wrap, "  ", "    ")
    if report.inferred_next:
        shown = _some([f"{a} -> {t}" for a, t in report.inferred_next])
        out += _wrap(f"inferred from closing links (not written): {shown}", wrap, "  ", "    ")
    for lines in (
        [f"broken next step: {n.asset} -> {n.target} ({n.reason})" for n in report.broken_next],
        [f"points back: {n.asset} -> {n.target}" for n in report.backward],
    ):
        for line in lines[:TABLE_IDS]:
            out += _wrap(line, wrap, "  ", "    ")
        if len(lines) > TABLE_IDS:
            out.append(f"  ... and {len(lines) - TABLE_IDS} more {ALL_OF_THEM}")
    return [*out, ""]


def _some(items: Sequence[str]) -> str:
    """Return the first `TABLE_IDS` of ``items``, comma-separated, and how many more there are."""
    hidden = len(items) - TABLE_IDS
    return ", ".join(items[:TABLE_IDS]) + (f" and {hidden} more {ALL_OF_THEM}" if hidden > 0 else "")


def _table_balance(report: Report, wrap: int, paint: _Paint) -> list[str]:
    b = report.balance
    spread = ", ".join(f"{p} {b.counts[p]} ({pct(b.shares[p])})" for p in PHASES)
    out = [paint.bold("Balance"), "  " + (spread if sum(b.counts.values()) else NO_BALANCE)]
    if b.warning:
        out.append("  " + paint(f"warning: {after_warning(b)}", COLORS["thin"]))
    for title, ids in (
        ("stale (past review date)", report.stale),
        ("in the pipeline", report.pipeline),
        ("possibly over-invested", report.over_invested),
    ):
        if ids:
            out += _wrap(f"{title}: " + _some(ids), wrap, "  ", "    ")
    return [*out, ""]


def _table_gaps(report: Report, wrap: int, paint: _Paint) -> list[str]:
    out = [paint.bold("What to do next")]
    if not report.actions:
        out.append("  every cell is covered and every stage hands buyers on")
    shown = report.actions[:TABLE_GAPS]
    for i, action in enumerate(shown, 1):
        out += _wrap(action.text, wrap, f"{i:>3}. ", "     ")
        out += [paint(line, COLORS["covered"]) for line in _command_lines(action.command, wrap, "     $ ")]
    hidden = len(report.actions) - len(shown)
    if hidden:
        out.append(f"  ... and {hidden} more {ALL_OF_THEM}")
    return out


def _table_lint(report: Report, wrap: int, paint: _Paint) -> list[str]:
    if not report.lint:
        return []
    out = ["", paint.bold("Lint")]
    for problem in report.lint:
        out += [paint(line, COLORS["thin"]) for line in _wrap(problem.format(), wrap, "  ", "    ")]
    return out


def _table_personas(report: Report, col: int, paint: _Paint) -> list[str]:
    if not report.by_persona:
        return []
    pw = max(len(r.persona) for r in report.by_persona) + 2
    out = [
        "",
        paint.bold("By persona"),
        " " * pw + "".join(f" {_fit(r.stage.id, col):>{col}}" for r in report.stages),
    ]
    for prow in report.by_persona:
        out.append(
            f"{prow.persona:<{pw}}" + "".join(" " + _mark(st, n, col, paint) for _, n, st in prow.cells)
        )
    return out


def _plain(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def _command_lines(command: str, width: int, first: str) -> list[str]:
    """Break a shell command at spaces with ``\\`` continuations, so it still pastes."""
    rest = " " * len(first)
    lines: list[str] = []
    line = first
    for word in (shlex.quote(w) for w in shlex.split(command)):
        if line.strip() not in ("", "$") and len(line) + 1 + len(word) + 2 > width:
            lines.append(line + " \\")
            line = rest + word
        else:
            line = f"{line}{word}" if line.endswith(" ") else f"{line} {word}"
    return [*lines, line]


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    return textwrap.wrap(
        text,
        width,
        initial_indent=first,
        subsequent_indent=rest,
        break_on_hyphens=False,
        break_long_words=False,
    )


def _mark(state: State, count: int, width: int, paint: _Paint) -> str:
    text = f"{SYMBOLS[state]} {'n/a' if state == 'n/a' else count}"
    return paint(f"{text:>{width}}", COLORS[state])
