"""Read journey models: the built-in ones shipped in the package, model files and inline ones.

This is the one parser of a model, used by the settings reader (``model:`` and ``stages:``)
and by ``stagemap models``. Problems go to a `Findings`; a model too broken to use comes
back as a one-stage placeholder (see `is_usable`) so that reading can go on and report the
rest of the settings' problems too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, cast

from ..errors import choices_hint, suggest
from ..model.journey import (
    DEFAULT_MODEL,
    LEADS,
    PHASES,
    STAGE_LIST_FIELDS,
    STAGE_TEXT_FIELDS,
    STALL_FIELDS,
    JourneyModel,
    Lead,
    Phase,
    Stage,
    Stall,
)
from ..model.settings import ID_RE
from . import yamlsafe
from .bounded import TooLarge, Unreadable, read_bounded
from .findings import Findings

STAGE_FIELDS = (*STAGE_TEXT_FIELDS, "phase", "lead", "forward", *STALL_FIELDS, "formats")
"""The fields of a stage besides its id: what a model file and ``stages:`` overrides may set."""
_INVALID = "<invalid>"

MAX_MODEL = 1024 * 1024
"""The largest journey model file read, in bytes."""


def builtin_model_names() -> tuple[str, ...]:
    """Names of the models shipped in the package, the default first."""
    names = sorted(
        p.name.removesuffix(".yml")
        for p in resources.files("stagemap").joinpath("models").iterdir()
        if p.name.endswith(".yml")
    )
    names.remove(DEFAULT_MODEL)
    return (DEFAULT_MODEL, *names)


@cache
def builtin_model_text(name: str) -> str:
    """Return the YAML text of a built-in model."""
    return resources.files("stagemap").joinpath("models", f"{name}.yml").read_text("utf-8")


def builtin_model(name: str) -> JourneyModel:
    """Parse a built-in model; raises `ConfigError` if the shipped file is broken."""
    findings = Findings(f"<built-in model {name}>")
    loaded = yamlsafe.load(builtin_model_text(name))
    model = parse_model(loaded.data, loaded, (), None, findings)
    findings.raise_if_any()
    return model


def is_usable(model: JourneyModel) -> bool:
    """Return False for the placeholder that stands in for a model with problems."""
    return model.id != _INVALID


ModelSource = tuple[dict[str, Any], yamlsafe.Loaded, tuple[Any, ...], str | None]
"""A model's data, where it was read, its place there and its file name (None: stagemap.yml)."""


def resolve_model(
    value: Any, loaded: yamlsafe.Loaded, root: Path, findings: Findings
) -> tuple[JourneyModel, ModelSource | None]:
    """Return the model the ``model:`` setting names (a built-in, a file or a mapping) and its data.

    The data (None when the model could not be read) is read once here, for the readers of
    the model's other keys (``plays``, ``order``, ``questions``).
    """
    names = builtin_model_names()
    source: tuple[Any, yamlsafe.Loaded, tuple[Any, ...], str | None] | None = None
    if isinstance(value, str) and value in names:
        builtin = yamlsafe.load(builtin_model_text(value))
        source = builtin.data, builtin, (), f"<built-in model {value}>"
    elif isinstance(value, str) and value.endswith((".yml", ".yaml")):
        source = _model_file(value, loaded, root, findings)
    elif isinstance(value, str):
        hint = suggest(value, names) + "; or a .yml file path"
        findings.error(loaded, ("model",), f"unknown model '{value}'", hint)
    elif isinstance(value, dict):
        source = (value, loaded, ("model",), None)
    else:
        findings.error(
            loaded,
            ("model",),
            "'model' must be a built-in name, a .yml file or a mapping with 'stages'",
            choices_hint(names),
        )
    if source is None:
        return _placeholder(), None
    model = parse_model(*source, findings)
    return model, (source if is_usable(model) else None)  # a usable model's data is a mapping


def _model_file(
    value: str, loaded: yamlsafe.Loaded, root: Path, findings: Findings
) -> tuple[Any, yamlsafe.Loaded, tuple[Any, ...], str] | None:
    try:
        text = read_bounded(root / value, MAX_MODEL).decode("utf-8-sig")
    except TooLarge:
        limit = f"at most {MAX_MODEL // 1024} KiB"
        findings.error(loaded, ("model",), f"model file '{value}' is too large", limit)
        return None
    except (Unreadable, UnicodeDecodeError) as exc:
        findings.error(loaded, ("model",), f"cannot read model file '{value}'", str(exc))
        return None
    try:
        model_loaded = yamlsafe.load(text)
    except yamlsafe.YamlProblem as exc:
        findings.yaml_problem(exc, value)
        return None
    return model_loaded.data, model_loaded, (), value


def parse_model(
    data: Any, loaded: yamlsafe.Loaded, base: tuple[Any, ...], src: str | None, findings: Findings
) -> JourneyModel:
    """Build a model from its data, found at ``base`` in ``loaded`` (a file named ``src``)."""
    if not isinstance(data, dict):
        findings.error(loaded, base, "a model must be a mapping with 'stages'", src=src)
        return _placeholder()
    stages_data = data.get("stages")
    if not isinstance(stages_data, list) or not stages_data:
        findings.error(
            loaded,
            (*base, "stages"),
            "a model needs a non-empty list of 'stages'",
            "each with id, name, phase and lead",
            src=src,
        )
        return _placeholder()
    stages: list[Stage] = []
    seen: set[str] = set()
    for i, item in enumerate(stages_data):
        stage = _stage(item, loaded, (*base, "stages", i), src, len(stages), findings)
        if stage is None:
            continue
        if stage.id in seen:
            findings.error(loaded, (*base, "stages", i, "id"), f"duplicate stage id '{stage.id}'", src=src)
            continue
        seen.add(stage.id)
        stages.append(stage)
    if not stages:
        return _placeholder()
    model_id = data.get("id", "custom")
    return JourneyModel(
        id=str(model_id),
        name=str(data.get("name", model_id)),
        description=str(data.get("description", "")).strip(),
        stages=tuple(stages),
    )


def _stage(
    item: Any, loaded: yamlsafe.Loaded, path: tuple[Any, ...], src: str | None, index: int, findings: Findings
) -> Stage | None:
    if not isinstance(item, dict):
        findings.error(loaded, path, "a stage must be a mapping with id, name, phase and lead", src=src)
        return None
    findings.unknown_keys(loaded, path, item, ("id", *STAGE_FIELDS), "unknown stage field '{}'", src)
    stage_id = item.get("id")
    if not isinstance(stage_id, str) or not ID_RE.match(stage_id):
        findings.error(
            loaded,
            (*path, "id"),
            "a stage needs an 'id' of lowercase letters, digits and '-'",
            "e.g. id: awareness",
            src=src,
        )
        return None
    fields = stage_fields(item, loaded, path, src, findings)
    for key, choices in (("phase", PHASES), ("lead", LEADS)):
        if key not in item:
            findings.error(
                loaded, path, f"stage '{stage_id}' needs a '{key}'", choices_hint(choices), src=src
            )
    return Stage(
        id=stage_id,
        name=cast(str, fields.get("name", stage_id)),
        phase=cast(Phase, fields.get("phase", "before")),
        lead=cast(Lead, fields.get("lead", "marketing")),
        goal=cast(str, fields.get("goal", "")),
        mindset=cast(str, fields.get("mindset", "")),
        forward=cast(tuple[str, ...], fields.get("forward", ())),
        stuck=cast(tuple[Stall, ...], fields.get("stuck", ())),
        backward=cast(tuple[Stall, ...], fields.get("backward", ())),
        formats=cast(tuple[str, ...], fields.get("formats", ())),
        index=index,
    )


def stage_fields(
    item: Mapping[str, Any],
    loaded: yamlsafe.Loaded,
    path: tuple[Any, ...],
    src: str | None,
    findings: Findings,
) -> dict[str, object]:
    """Validate the fields of a stage other than its id, returning only the valid ones."""
    out: dict[str, object] = {}
    for key in STAGE_TEXT_FIELDS:
        if key in item:
            if isinstance(item[key], str):
                out[key] = item[key].strip()
            else:
                findings.error(loaded, (*path, key), f"stage '{key}' must be text", src=src)
    for key, choices in (("phase", PHASES), ("lead", LEADS)):
        if key in item:
            value = item[key]
            if value in choices:
                out[key] = value
            else:
                hint = suggest(str(value), choices)
                findings.error(loaded, (*path, key), f"unknown {key} '{value}'", hint, src=src)
    for key in STAGE_LIST_FIELDS:
        if key in item:
            value = item[key]
            if isinstance(value, str):
                value = [value]
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                out[key] = tuple(v.strip() for v in value)
            else:
                findings.error(loaded, (*path, key), f"stage '{key}' must be a list of text items", src=src)
    seen: set[str] = set()
    for key in STALL_FIELDS:
        if key in item:
            stalls = _stalls(item[key], loaded, (*path, key), src, findings, seen)
            if stalls is not None:
                out[key] = stalls
    return out


_STALL_HINT = "e.g. - {id: no-time, text: They cannot find an hour to look at it}"


def _stalls(
    value: Any,
    loaded: yamlsafe.Loaded,
    path: tuple[Any, ...],
    src: str | None,
    findings: Findings,
    seen: set[str],
) -> tuple[Stall, ...] | None:
    """Read a stage's ``stuck`` or ``backward`` list: plain text, or ``{id, text}`` to be named.

    ``seen`` holds the ids met so far in the stage: an id names one obstacle of a stage.
    """
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        message = f"stage '{path[-1]}' must be a list of text items or {{id, text}} mappings"
        findings.error(loaded, path, message, _STALL_HINT, src)
        return None
    result = []
    for i, item in enumerate(value):
        if isinstance(item, str):
            result.append(Stall(item.strip()))
            continue
        ok = isinstance(item, dict) and isinstance(item.get("id"), str) and isinstance(item.get("text"), str)
        if not ok or not ID_RE.match(item["id"]):
            message = (
                "an obstacle is text, or a mapping with an 'id' (lowercase letters, digits, -) and its 'text'"
            )
            findings.error(loaded, (*path, i), message, _STALL_HINT, src)
            continue
        findings.unknown_keys(loaded, (*path, i), item, ("id", "text"), "unknown obstacle field '{}'", src)
        if item["id"] in seen:
            findings.error(
                loaded, (*path, i, "id"), f"duplicate obstacle id '{item['id']}' in this stage", src=src
            )
            continue
        seen.add(item["id"])
        result.append(Stall(" ".join(item["text"].split()), item["id"]))
    return tuple(result)


def apply_stage_overrides(
    model: JourneyModel, value: Any, loaded: yamlsafe.Loaded, findings: Findings
) -> JourneyModel:
    """Apply the ``stages:`` setting (fields to change, by stage id) to a model."""
    if value is None:
        return model
    if not isinstance(value, dict):
        findings.error(
            loaded,
            ("stages",),
            "'stages' must map stage ids to the fields to change",
            "e.g. stages: {awareness: {name: Spotting the problem}}",
        )
        return model
    stages = list(model.stages)
    for stage_id, fields in value.items():
        index = next((i for i, s in enumerate(stages) if s.id == stage_id), None)
        path = ("stages", stage_id)
        if index is None:
            hint = suggest(str(stage_id), model.stage_ids)
            findings.error(loaded, path, f"unknown stage '{stage_id}'", hint)
            continue
        if not isinstance(fields, dict):
            hint = "e.g. goal: ..."
            findings.error(loaded, path, "stage overrides must be a mapping of fields", hint)
            continue
        findings.unknown_keys(loaded, path, fields, STAGE_FIELDS, "unknown stage field '{}'")
        changes = stage_fields(fields, loaded, path, None, findings)
        stages[index] = replace(stages[index], **changes)  # type: ignore[arg-type]
    return replace(model, stages=tuple(stages))


def _placeholder() -> JourneyModel:
    """A one-stage model used only while collecting further problems before raising."""
    stage = Stage("unknown", "Unknown", "before", "marketing", "", "", (), (), (), (), 0)
    return JourneyModel(_INVALID, "Invalid", "", (stage,))
