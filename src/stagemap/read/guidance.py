"""Read how conversations are run at each stage: the ``plays`` of a journey model and of the settings.

A model file (built-in, a file, or inline) may carry a top-level ``plays`` mapping of stage id
to guide fields; the ``plays`` setting in stagemap.yml changes single fields of single stages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import suggest
from ..model.journey import (
    EMPTY_GUIDE,
    GUIDE_LIST_FIELDS,
    GUIDE_TEXT_FIELDS,
    Decider,
    JourneyModel,
    Objection,
    RankWeights,
    StageGuide,
)
from ..model.settings import ID_RE, LINT_RULES, Config
from . import yamlsafe
from .findings import Findings
from .models import ModelSource

GUIDE_FIELDS = (*GUIDE_TEXT_FIELDS, *GUIDE_LIST_FIELDS, "objections", "deciders")
"""Every field a stage's play data may set."""


def apply_guides(
    model: JourneyModel,
    source: ModelSource | None,
    plays: Any,
    loaded: yamlsafe.Loaded,
    findings: Findings,
) -> JourneyModel:
    """Return the model with its own ``plays`` (from its data, ``source``) and then the settings' ``plays`` applied.

    The model's ``order`` (``line``, the default, or ``any``) is read here too.
    """
    guides: dict[str, StageGuide] = {}
    free_order = False
    if source is not None:
        data, src_loaded, base, src = source
        guides = _read_plays(data.get("plays"), src_loaded, (*base, "plays"), src, model, findings, {})
        order = data.get("order", "line")
        if order not in ("line", "any"):
            hint = "line: buyers move forward stage by stage; any: they move between stages freely"
            findings.error(src_loaded, (*base, "order"), f"unknown model order '{order}'", hint, src)
        free_order = order == "any"
    guides = _read_plays(plays, loaded, ("plays",), None, model, findings, guides)
    return replace(model, guides=guides, free_order=free_order)


def _read_plays(
    data: Any,
    loaded: yamlsafe.Loaded,
    base: tuple[Any, ...],
    src: str | None,
    model: JourneyModel,
    findings: Findings,
    guides: dict[str, StageGuide],
) -> dict[str, StageGuide]:
    """Apply one ``plays`` mapping (stage id to fields) over ``guides``."""
    if data is None:
        return guides
    if not isinstance(data, dict):
        findings.error(
            loaded,
            base,
            "'plays' must map stage ids to play fields",
            "e.g. plays: {awareness: {signals: [...]}}",
            src,
        )
        return guides
    out = dict(guides)
    for stage_id, fields in data.items():
        path = (*base, stage_id)
        if model.stage(str(stage_id)) is None:
            findings.error(
                loaded,
                path,
                f"unknown stage '{stage_id}'",
                suggest(str(stage_id), model.stage_ids),
                src,
                at_key=True,
            )
            continue
        if not isinstance(fields, dict):
            findings.error(loaded, path, "a play must be a mapping of fields", "e.g. signals: [...]", src)
            continue
        findings.unknown_keys(loaded, path, fields, GUIDE_FIELDS, "unknown play field '{}'", src)
        changes = _guide_fields(fields, loaded, path, src, findings)
        out[str(stage_id)] = replace(out.get(str(stage_id), EMPTY_GUIDE), **changes)  # type: ignore[arg-type]
    return out


def _guide_fields(
    item: Mapping[str, Any],
    loaded: yamlsafe.Loaded,
    path: tuple[Any, ...],
    src: str | None,
    findings: Findings,
) -> dict[str, object]:
    """Validate the fields of one stage's play data, returning only the valid ones."""
    out: dict[str, object] = {}
    for key in GUIDE_TEXT_FIELDS:
        if key in item:
            if isinstance(item[key], str):
                out[key] = " ".join(item[key].split())
            else:
                findings.error(loaded, (*path, key), f"play '{key}' must be text", src=src)
    for key in GUIDE_LIST_FIELDS:
        if key in item:
            texts = _texts(item[key])
            if texts is None:
                findings.error(loaded, (*path, key), f"play '{key}' must be a list of text items", src=src)
            else:
                out[key] = texts
    if "objections" in item:
        objections = _objections(item["objections"], loaded, (*path, "objections"), src, findings)
        if objections is not None:
            out["objections"] = objections
    if "deciders" in item:
        deciders = _deciders(item["deciders"])
        if deciders is None:
            hint = "e.g. deciders: [{role: Finance, needs: the total cost over a year}]"
            findings.error(
                loaded, (*path, "deciders"), "play 'deciders' must be a list of role and needs", hint, src
            )
        else:
            out["deciders"] = deciders
    return out


def _texts(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(" ".join(v.split()) for v in value)
    return None


def _objections(
    value: Any, loaded: yamlsafe.Loaded, path: tuple[Any, ...], src: str | None, findings: Findings
) -> tuple[Objection, ...] | None:
    """Read a list of ``{id, says, answer}`` mappings."""
    hint = "e.g. objections: [{id: too-busy, says: We are too busy to change now, answer: ...}]"
    if not isinstance(value, list):
        findings.error(loaded, path, "play 'objections' must be a list", hint, src)
        return None
    result = []
    for i, item in enumerate(value):
        ok = isinstance(item, dict) and all(isinstance(item.get(k), str) for k in ("id", "says", "answer"))
        if not ok or not ID_RE.match(item["id"]):
            findings.error(
                loaded,
                (*path, i),
                "an objection needs an 'id', what the buyer 'says' and an 'answer'",
                hint,
                src,
            )
            continue
        result.append(Objection(item["id"], " ".join(item["says"].split()), " ".join(item["answer"].split())))
    return tuple(result)


def _deciders(value: Any) -> tuple[Decider, ...] | None:
    if not isinstance(value, list):
        return None
    result = []
    for item in value:
        if not (
            isinstance(item, dict)
            and isinstance(item.get("role"), str)
            and isinstance(item.get("needs"), str)
        ):
            return None
        result.append(Decider(item["role"].strip(), " ".join(item["needs"].split())))
    return tuple(result)


def setting_places(
    data: Mapping[str, Any],
    loaded: yamlsafe.Loaded,
    model: JourneyModel,
    source: ModelSource | None,
    where: str,
) -> dict[str, tuple[str, int, int]]:
    """Return where ``purpose``, ``messages`` and each stage were written (see `Config.places`).

    ``source`` is the model's own data (`resolve_model`), ``where`` the settings file relative
    to the root. A stage points at its ``stages`` override in the settings, else at its item
    in a model file or an inline model, else (a built-in model) at the ``model`` line, else at
    the top of the settings.
    """
    top = (where, 1, 1)

    def key(*path: Any) -> tuple[str, int, int]:
        pos = loaded.keys.get(path)
        return (where, pos.line, pos.col) if pos else top

    places = {"purpose": key("purpose"), "messages": key("messages")}
    # A built-in model is no file of the project: its stages point at the ``model`` line.
    own = source if source is not None and not (source[3] or "").startswith("<built-in") else None
    items = own[0].get("stages") if own is not None else None
    overrides = data["stages"] if isinstance(data.get("stages"), dict) else {}
    for stage in model.stages:
        index = None
        if isinstance(items, list):
            ids = [item.get("id") if isinstance(item, dict) else None for item in items]
            index = ids.index(stage.id) if stage.id in ids else None
        if stage.id in overrides:
            places[stage.id] = key("stages", stage.id)
        elif own is not None and index is not None:
            _, own_loaded, base, src = own
            pos = own_loaded.pos(*base, "stages", index)
            places[stage.id] = (Path(src).as_posix() if src else where, pos.line, pos.col)
        else:
            places[stage.id] = key("model")
    return places


def read_weights(value: Any, loaded: yamlsafe.Loaded, config: Config, findings: Findings) -> RankWeights:
    """Read the ``rank`` setting: ``stages`` and ``personas``, each id to a weight of 0 or more."""
    if value is None:
        return RankWeights()
    hint = "e.g. rank: {stages: {commitment: 2}, personas: {ops-director: 1.5}}"
    if not isinstance(value, dict):
        findings.error(loaded, ("rank",), "'rank' must be a mapping with 'stages' and 'personas'", hint)
        return RankWeights()
    findings.unknown_keys(loaded, ("rank",), value, ("stages", "personas"), "unknown rank setting '{}'")
    parts: dict[str, dict[str, float]] = {"stages": {}, "personas": {}}
    known = {"stages": config.model.stage_ids, "personas": config.persona_ids}
    for part, ids in known.items():
        given = value.get(part) or {}
        if not isinstance(given, dict):
            findings.error(loaded, ("rank", part), f"'rank.{part}' must map ids to weights", hint)
            continue
        for key, weight in given.items():
            path = ("rank", part, key)
            if key not in ids:
                findings.error(
                    loaded, path, f"unknown {part[:-1]} '{key}'", suggest(str(key), ids), at_key=True
                )
            elif isinstance(weight, bool) or not isinstance(weight, int | float) or weight < 0:
                findings.error(loaded, path, "a weight must be a number of 0 or more", hint)
            else:
                parts[part][key] = float(weight)
    return RankWeights(parts["stages"], parts["personas"])


def read_lint(value: Any, loaded: yamlsafe.Loaded, findings: Findings) -> frozenset[str]:
    """Read the ``lint`` setting (rule to true or false) and return the rules switched off."""
    if value is None:
        return frozenset()
    if not isinstance(value, dict):
        hint = "e.g. lint: {no-not-for: false}; rules: " + ", ".join(LINT_RULES)
        findings.error(loaded, ("lint",), "'lint' must map rule names to true or false", hint)
        return frozenset()
    findings.unknown_keys(loaded, ("lint",), value, LINT_RULES, "unknown lint rule '{}'")
    off = set()
    for rule, on in value.items():
        if rule in LINT_RULES and not isinstance(on, bool):
            findings.error(loaded, ("lint", rule), f"lint rule '{rule}' must be true or false")
        elif rule in LINT_RULES and not on:
            off.add(str(rule))
    return frozenset(off)
