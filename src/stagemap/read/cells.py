"""Read the settings that name stages and questions: not_applicable, thresholds, messages.

``stages`` is None when the model could not be read: stage ids are then not checked (every
one would be reported as unknown), but everything else still is.
"""

from __future__ import annotations

from typing import Any

from ..errors import suggest
from ..model.settings import Thresholds
from . import yamlsafe
from .findings import Findings

_CELL_EXAMPLE = "e.g. {stage: purchase, question: who-we-are} or 'purchase:who-we-are'"


def read_not_applicable(
    value: Any,
    loaded: yamlsafe.Loaded,
    stages: tuple[str, ...] | None,
    questions: tuple[str, ...],
    findings: Findings,
) -> frozenset[tuple[str, str]]:
    """Return the (stage, question) cells that are empty on purpose."""
    if value is None:
        return frozenset()
    if not isinstance(value, list):
        findings.error(
            loaded,
            ("not_applicable",),
            "'not_applicable' must be a list",
            "e.g. - {stage: purchase, question: who-we-are}",
        )
        return frozenset()
    cells: set[tuple[str, str]] = set()
    for i, item in enumerate(value):
        cell = _cell(item, loaded, ("not_applicable", i), stages, questions, findings)
        if cell is not None:
            cells.add(cell)
    return frozenset(cells)


def _cell(
    item: Any,
    loaded: yamlsafe.Loaded,
    path: tuple[Any, ...],
    stages: tuple[str, ...] | None,
    questions: tuple[str, ...],
    findings: Findings,
) -> tuple[str, str] | None:
    """Read one entry, a mapping or ``'stage:question'``; None when it is wrong."""
    keyed = isinstance(item, dict)
    if isinstance(item, str) and ":" in item:
        before, _, after = item.partition(":")
        item = {"stage": before.strip(), "question": after.strip()}
    elif not keyed:
        findings.error(loaded, path, "each entry needs a stage and a question", _CELL_EXAMPLE)
        return None
    message = "unknown field '{}' in a not_applicable entry"
    ok = not findings.unknown_keys(loaded, path, item, ("stage", "question"), message) and stages is not None
    stage, question = item.get("stage"), item.get("question")
    missing = [k for k, v in (("stage", stage), ("question", question)) if v is None or v == ""]
    if missing:
        findings.error(
            loaded, path, f"this not_applicable entry needs a {' and a '.join(missing)}", _CELL_EXAMPLE
        )
        return None
    if stages is not None and stage not in stages:
        where = (*path, "stage") if keyed else path
        findings.error(loaded, where, f"unknown stage '{stage}'", suggest(str(stage), stages))
        ok = False
    if question not in questions:
        where = (*path, "question") if keyed else path
        findings.error(loaded, where, f"unknown question '{question}'", suggest(str(question), questions))
        ok = False
    if ok and isinstance(stage, str) and isinstance(question, str):
        return stage, question
    return None


def read_thresholds(
    value: Any,
    loaded: yamlsafe.Loaded,
    stages: tuple[str, ...] | None,
    questions: tuple[str, ...],
    findings: Findings,
) -> Thresholds:
    """Return the coverage thresholds: the global one, and those per stage and per question."""
    if value is None:
        return Thresholds()
    if not isinstance(value, dict):
        findings.error(
            loaded, ("thresholds",), "'thresholds' must be a mapping", "e.g. thresholds: {covered: 2}"
        )
        return Thresholds()
    allowed = ("covered", "stages", "questions")
    findings.unknown_keys(loaded, ("thresholds",), value, allowed, "unknown threshold setting '{}'")
    covered = _count(("thresholds", "covered"), value.get("covered", 2), loaded, findings) or 2
    per: dict[str, dict[str, int]] = {}
    for key, ids in (("stages", stages), ("questions", questions)):
        per[key] = {}
        sub = value.get(key) or {}
        if not isinstance(sub, dict):
            findings.error(loaded, ("thresholds", key), f"'thresholds.{key}' must map ids to numbers")
            continue
        if ids is None:
            continue
        for item_id, v in sub.items():
            path = ("thresholds", key, item_id)
            if item_id not in ids:
                findings.error(loaded, path, f"unknown {key[:-1]} '{item_id}'", suggest(str(item_id), ids))
                continue
            n = _count(path, v, loaded, findings)
            if n is not None:
                per[key][item_id] = n
    return Thresholds(covered, per["stages"], per["questions"])


def _count(path: tuple[Any, ...], value: Any, loaded: yamlsafe.Loaded, findings: Findings) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        findings.error(loaded, path, "a threshold must be a whole number of at least 1")
        return None
    return value


def read_messages(
    value: Any, loaded: yamlsafe.Loaded, questions: tuple[str, ...], findings: Findings
) -> dict[str, str]:
    """Return the company's message per question id."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        findings.error(loaded, ("messages",), "'messages' must map question ids to a message")
        return {}
    out: dict[str, str] = {}
    for qid, text in value.items():
        if qid not in questions:
            findings.error(
                loaded, ("messages", qid), f"unknown question '{qid}'", suggest(str(qid), questions)
            )
        elif not isinstance(text, str):
            findings.error(loaded, ("messages", qid), "a message must be text")
        else:
            out[qid] = text.strip()
    return out
