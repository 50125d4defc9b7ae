"""Render a cell's explanation as text or JSON."""

from __future__ import annotations

import json
from typing import Any

from ..model.explain import Counted, Explanation


def explain_text(explanation: Explanation) -> str:
    """Return the explanation as lines to read: the count, then each asset with its reason and origins."""
    e = explanation
    who = f" for persona {e.persona}" if e.persona else ""
    needed = f"{e.threshold} {'makes' if e.threshold == 1 else 'make'} it covered"
    where = f"{e.stage} \u00d7 {e.question}" if e.question else f"{e.stage}, every question"
    head = f"{where}{who}: {e.state}, {e.count} counted ({needed})"
    lines = [head + (" (declared not applicable in the settings)" if e.not_applicable else "")]
    counted = [r for r in e.rows if r.counts]
    rest = [r for r in e.rows if not r.counts]
    lines += ["", f"Counts ({len(counted)}):"]
    lines += _rows(counted) or ["  (none)"]
    lines += ["", f"Tagged here but not counted ({len(rest)}):"]
    lines += _rows(rest) or ["  (none)"]
    if not e.rows:
        tags = f"{e.stage} and {e.question}" if e.question else e.stage
        lines += ["", f"No asset is tagged {tags}: tag one, or add a rule that does."]
    return "\n".join(lines) + "\n"


def _rows(rows: list[Counted]) -> list[str]:
    lines = []
    for row in rows:
        note = f": {row.reason}" if row.reason else ""
        internal = " [internal]" if row.audience == "internal" else ""
        lines.append(f"  {row.asset}{internal}{note}")
        lines.append(f"    stage from {'; '.join(row.stage_from)}")
        lines.append(f"    question from {'; '.join(row.question_from)}")
    return lines


def explain_data(explanation: Explanation) -> dict[str, Any]:
    """Return the explanation as plain data for JSON."""
    e = explanation
    return {
        "stage": e.stage,
        "question": e.question,
        "state": e.state,
        "count": e.count,
        "threshold": e.threshold,
        "not_applicable": e.not_applicable,
        "persona": e.persona,
        "assets": [
            {
                "id": r.asset,
                "path": r.path,
                "counts": r.counts,
                "reason": r.reason,
                "audience": r.audience,
                "stage_from": list(r.stage_from),
                "question_from": list(r.question_from),
            }
            for r in e.rows
        ],
    }


def explain_json(explanation: Explanation) -> str:
    """Return the explanation as a JSON document."""
    return json.dumps(explain_data(explanation), indent=2, ensure_ascii=False) + "\n"
