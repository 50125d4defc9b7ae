"""Read the ``questions`` and ``personas`` settings: the ids assets answer and serve.

Questions are asked per phase of the journey: the model's ``questions`` and the settings'
``questions`` map phases to lists of questions (see `read_phase_questions`).
"""

from __future__ import annotations

from typing import Any, TypeVar, cast

from ..errors import suggest
from ..model.journey import (
    DEFAULT_PHASE_QUESTIONS,
    DEFAULT_QUESTIONS,
    KNOWN_QUESTIONS,
    PHASES,
    QUESTION_ROLES,
    Persona,
    Phase,
    Question,
    QuestionRole,
)
from ..model.settings import ID_RE
from . import yamlsafe
from .findings import Findings
from .models import ModelSource

QUESTION_FIELDS = ("id", "name", "prompt", "role")
PERSONA_FIELDS = ("id", "name", "needs", "not_fit")

_Item = TypeVar("_Item", Question, Persona)


def read_phase_questions(
    value: Any, model: ModelSource | None, loaded: yamlsafe.Loaded, findings: Findings
) -> tuple[tuple[Question, ...], dict[Phase, tuple[str, ...]]]:
    """Return every question asked, and the ids asked at the stages of each phase.

    A ``questions`` list in the settings is asked at every stage, as it was before phases had
    questions of their own (the mapping returned is then empty). Otherwise each phase asks the
    questions the settings' ``questions`` mapping gives it, else those the model's ``questions``
    mapping gives it, else `DEFAULT_PHASE_QUESTIONS`.
    """
    if value is not None and not isinstance(value, dict):
        return read_questions(value, loaded, findings), {}
    phases = dict(DEFAULT_PHASE_QUESTIONS)
    if model is not None:
        data, model_loaded, base, src = model
        phases.update(_by_phase(data.get("questions"), model_loaded, (*base, "questions"), src, findings))
    phases.update(_by_phase(value, loaded, ("questions",), None, findings))
    # A question asked at several phases is one question: its first definition counts.
    every: dict[str, Question] = {}
    for phase in PHASES:
        for question in phases[phase]:
            every.setdefault(question.id, question)
    return tuple(every.values()), {p: tuple(q.id for q in phases[p]) for p in PHASES}


def _by_phase(
    value: Any, loaded: yamlsafe.Loaded, base: tuple[Any, ...], src: str | None, findings: Findings
) -> dict[Phase, tuple[Question, ...]]:
    """Read a ``questions`` mapping of phase to a list of questions."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        hint = "e.g. questions: {after: [value, help, expand, again]}"
        findings.error(loaded, base, "a model's 'questions' must map phases to lists of questions", hint, src)
        return {}
    findings.unknown_keys(loaded, base, value, PHASES, "unknown phase '{}'", src)
    return {
        cast(Phase, phase): read_questions(items, loaded, findings, (*base, phase), src)
        for phase, items in value.items()
        if phase in PHASES
    }


def read_questions(
    value: Any,
    loaded: yamlsafe.Loaded,
    findings: Findings,
    base: tuple[Any, ...] = ("questions",),
    src: str | None = None,
) -> tuple[Question, ...]:
    """Return the questions in order: known ids, and mappings that define or adjust one."""
    if value is None:
        return DEFAULT_QUESTIONS
    if not isinstance(value, list) or not value:
        findings.error(
            loaded,
            base,
            "'questions' must be a non-empty list",
            "ids like who-we-are, or mappings with id, name, prompt; or lists by phase (before, at, after)",
            src,
        )
        return DEFAULT_QUESTIONS
    known = {q.id: q for q in KNOWN_QUESTIONS}
    found: list[tuple[int, Question]] = []
    for i, item in enumerate(value):
        path = (*base, i)
        if isinstance(item, str):
            if item in known:
                found.append((i, known[item]))
            else:
                hint = suggest(item, known) + "; or define it with id, name and prompt"
                findings.error(loaded, path, f"unknown question '{item}'", hint, src)
        elif isinstance(item, dict):
            question = _question(item, loaded, path, known, findings, src)
            if question is not None:
                found.append((i, question))
        else:
            findings.error(
                loaded, path, "a question must be an id or a mapping with id, name, prompt", src=src
            )
    questions = unique(found, loaded, base, "question", findings, src)
    _check_roles(questions, loaded, base, findings, src)
    return tuple(q for _, q in questions) or DEFAULT_QUESTIONS


def _question(
    item: dict[Any, Any],
    loaded: yamlsafe.Loaded,
    path: tuple[Any, ...],
    known: dict[str, Question],
    findings: Findings,
    src: str | None,
) -> Question | None:
    findings.unknown_keys(loaded, path, item, QUESTION_FIELDS, "unknown question field '{}'", src)
    qid = item.get("id")
    if not isinstance(qid, str) or not ID_RE.match(qid):
        message = "a question needs an 'id' of lowercase letters, digits and '-'"
        findings.error(loaded, (*path, "id"), message, src=src)
        return None
    base = known.get(qid, Question(qid, qid, ""))
    name, prompt = item.get("name", base.name), item.get("prompt", base.prompt)
    if not isinstance(name, str) or not isinstance(prompt, str):
        findings.error(loaded, path, "question 'name' and 'prompt' must be text", src=src)
        return None
    role = item.get("role", base.role)
    if role not in QUESTION_ROLES:
        findings.error(
            loaded,
            (*path, "role"),
            f"unknown question role '{role}'",
            suggest(str(role), QUESTION_ROLES),
            src,
        )
        return None
    return Question(qid, name.strip(), prompt.strip(), cast(QuestionRole, role))


def _check_roles(
    questions: list[tuple[int, Question]],
    loaded: yamlsafe.Loaded,
    base: tuple[Any, ...],
    findings: Findings,
    src: str | None,
) -> None:
    """Report a role (other than custom) that two questions claim: kits need to know which one."""
    taken: dict[str, str] = {}
    for i, question in questions:
        if question.role == "custom":
            continue
        if question.role in taken:
            findings.error(
                loaded,
                (*base, i),
                f"question '{question.id}' has the role '{question.role}' of question '{taken[question.role]}'",
                "give one of them another role, or role: custom",
                src,
            )
            continue
        taken[question.role] = question.id


def read_personas(value: Any, loaded: yamlsafe.Loaded, findings: Findings) -> tuple[Persona, ...]:
    """Return the personas in order."""
    if value is None:
        return ()
    if not isinstance(value, list):
        findings.error(
            loaded, ("personas",), "'personas' must be a list", "each with id, name, needs and not_fit"
        )
        return ()
    found: list[tuple[int, Persona]] = []
    for i, item in enumerate(value):
        path = ("personas", i)
        if not isinstance(item, dict):
            findings.error(loaded, path, "a persona must be a mapping with id, name, needs and not_fit")
            continue
        findings.unknown_keys(loaded, path, item, PERSONA_FIELDS, "unknown persona field '{}'")
        pid = item.get("id")
        if not isinstance(pid, str) or not ID_RE.match(pid):
            findings.error(
                loaded, (*path, "id"), "a persona needs an 'id' of lowercase letters, digits and '-'"
            )
            continue
        texts = []
        for key, default in (("name", pid), ("needs", ""), ("not_fit", "")):
            text = item.get(key, default)
            if not isinstance(text, str):
                findings.error(loaded, (*path, key), f"persona '{key}' must be text")
                text = default
            texts.append(text.strip())
        found.append((i, Persona(pid, *texts)))
    return tuple(p for _, p in unique(found, loaded, ("personas",), "persona", findings))


def unique(
    items: list[tuple[int, _Item]],
    loaded: yamlsafe.Loaded,
    base: tuple[Any, ...],
    what: str,
    findings: Findings,
    src: str | None = None,
) -> list[tuple[int, _Item]]:
    """Drop (and report) each item whose id an earlier one has; items keep their list index."""
    seen: set[str] = set()
    out: list[tuple[int, _Item]] = []
    for i, item in items:
        if item.id in seen:
            findings.error(loaded, (*base, i), f"duplicate {what} id '{item.id}'", src=src)
            continue
        seen.add(item.id)
        out.append((i, item))
    return out
