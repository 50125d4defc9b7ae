"""Rename a stage, question or persona id everywhere it is used. Plans only; no writing.

The plan covers every asset that names the id (and ``next:`` steps that name a stage),
stagemap.yml (personas, questions, stage overrides, thresholds, messages, not_applicable)
and a model file in the project. Every file is edited losslessly and checked: the assets
against the renamed vocabulary, the settings by loading them again.

A built-in model's stage ids are fixed. Renaming one of its stages copies the model into the
project as ``MODEL.yml`` (only when asked: ``copy_model``), renames the stage there and
points ``model:`` at the copy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from ..errors import ConfigError, StagemapError, UsageError, suggest
from ..model.journey import DEFAULT_MODEL, KNOWN_QUESTIONS
from ..model.library import Vocabulary
from ..model.settings import ID_RE, SETTINGS, Config
from ..read import formats, frontmatter, yamlsafe
from ..read.aliases import keys_any_case, spelt
from ..read.models import builtin_model_names, builtin_model_text
from ..read.settings import config_from_data
from ..read.sources import walk
from .lossless import Change, EditError, KeyPath, RenameKey, SetValue, edit_document
from .select import Files, parse_item, syntaxes
from .tag import FileEdit, check_edit, not_yaml

Kind = Literal["stage", "question", "persona"]
KEYS: dict[str, str] = {"stage": "stages", "question": "questions", "persona": "personas"}


@dataclass(frozen=True, slots=True)
class RenamePlan:
    """Every file a rename touches, in the order to write them (settings last)."""

    kind: str
    """``stage``, ``question`` or ``persona``."""
    old: str
    """The id now."""
    new: str
    """The id after the rename."""
    files: tuple[FileEdit, ...]
    """Assets, then a model file, then stagemap.yml; refused assets included."""
    places: Mapping[str, tuple[str, ...]]
    """Per file (relative path): the fields that change, for the summary."""

    @property
    def refused(self) -> tuple[FileEdit, ...]:
        """Files that use the id but cannot be edited safely."""
        return tuple(f for f in self.files if f.refused)

    @property
    def changed(self) -> tuple[FileEdit, ...]:
        """Files with something to write."""
        return tuple(f for f in self.files if f.changed)


def current_ids(config: Config, kind: str) -> tuple[str, ...]:
    """The ids of one kind in the project."""
    if kind == "stage":
        return config.model.stage_ids
    if kind == "question":
        return config.question_ids
    return config.persona_ids


def plan_rename(config: Config, kind: Kind, old: str, new: str, *, copy_model: bool = False) -> RenamePlan:
    """Plan renaming ``old`` to ``new``; raise `UsageError` when the rename makes no sense."""
    ids = current_ids(config, kind)
    if old not in ids:
        raise UsageError(f"unknown {kind} '{old}' ({suggest(old, ids)})")
    if new == old:
        raise UsageError(f"'{old}' is already called that")
    if not ID_RE.match(new):
        raise UsageError(f"'{new}' is not a valid id (lowercase letters, digits, '-' and '_'; e.g. {old}-2)")
    if new in ids:
        raise UsageError(f"{kind} '{new}' already exists (merging two {kind}s is not supported)")
    if config.config_path is None:
        raise UsageError("renaming needs a stagemap.yml")
    settings_rel = _rel(config.config_path, config.root)
    settings_before = _read(config.config_path)
    try:
        text, _ = frontmatter.decode(settings_before)
        settings = yamlsafe.load(text).data or {}
    except (frontmatter.SplitProblem, yamlsafe.YamlProblem) as exc:  # pragma: no cover - loaded before
        raise UsageError(f"cannot read {settings_rel}: {exc}") from None

    places: dict[str, tuple[str, ...]] = {}
    model_edit: FileEdit | None = None
    changes: list[Change] = []
    if kind == "stage":
        model_edit, model_changes = _model_changes(config, settings, old, new, copy_model)
        changes += model_changes
        if model_edit is not None:
            places[model_edit.rel] = ("stages",)
    changes += _settings_changes(config, settings, kind, old, new)

    files = _unreachable(config) + _asset_edits(config, kind, old, new, places)
    if model_edit is not None:
        files.append(model_edit)
    settings_after = settings_before
    if changes:
        try:
            settings_after = edit_document(settings_before, changes, order=SETTINGS)
        except EditError as exc:
            raise StagemapError(f"cannot edit {settings_rel} safely: {exc}") from None
        where = sorted(
            dict.fromkeys(_describe(c) for c in changes), key=lambda d: SETTINGS.index(d.split(".")[0])
        )
        places[settings_rel] = tuple(where)
    _check_settings(config, settings_after, model_edit, kind, old, new, settings_rel)
    files.append(FileEdit(config.config_path, settings_rel, settings_before, settings_after))
    return RenamePlan(kind, old, new, tuple(files), places)


class BuiltinStages(UsageError):
    """A stage of a built-in model was to be renamed without copying the model into the project."""

    def __init__(self, model: str) -> None:
        super().__init__(
            f"the stages of the built-in model '{model}' cannot be renamed in place; copy the model "
            f"into the project as {model}.yml, rename the stage there and set "
            f"'model: {model}.yml' in stagemap.yml"
        )
        self.model = model
        """The built-in model's name."""


def _model_changes(
    config: Config, settings: dict[str, Any], old: str, new: str, copy_model: bool
) -> tuple[FileEdit | None, list[Change]]:
    """Where the stage itself is defined: a copy of a built-in model, a model file, or inline."""
    model = settings.get("model", DEFAULT_MODEL)
    if isinstance(model, dict):
        index = _stage_index(model, old)
        return None, [
            SetValue(("model", "stages", index, "id"), new),
            *_plays_key(model, old, new, ("model",)),
        ]
    if not isinstance(model, str):  # pragma: no cover - the settings loaded
        raise UsageError("'model' is neither a name, a file nor a mapping")
    if model in builtin_model_names():
        if not copy_model:
            raise BuiltinStages(model)
        name = f"{model}.yml"
        target = config.root / name
        if target.exists():
            raise UsageError(
                f"{name} already exists; set 'model: {name}' in stagemap.yml to use it, "
                "or move it away and run again"
            )
        header = (
            f"# The journey model, copied from stagemap's built-in '{model}' model by\n"
            f"# `stagemap rename-stage {old} {new} --copy-model`. Edit it freely.\n"
        )
        text = header + builtin_model_text(model)
        copied = yamlsafe.load(text).data
        after = edit_document(
            text.encode("utf-8"),
            [SetValue(("stages", _stage_index(copied, old), "id"), new), *_plays_key(copied, old, new, ())],
        )
        return FileEdit(target, name, b"", after, created=True), [SetValue(("model",), name)]
    path = (config.root / model).resolve()
    if not path.is_relative_to(config.root):
        raise UsageError(f"the model file {model} is outside the project; rename the stage in it by hand")
    before = _read(path)
    try:
        text, _ = frontmatter.decode(before)
        data = yamlsafe.load(text).data
        changes = [SetValue(("stages", _stage_index(data, old), "id"), new), *_plays_key(data, old, new, ())]
        after = edit_document(before, changes)
    except (frontmatter.SplitProblem, yamlsafe.YamlProblem, EditError) as exc:
        raise StagemapError(f"cannot edit {model} safely: {exc}") from None
    return FileEdit(path, _rel(path, config.root), before, after), []


def _plays_key(model: Any, old: str, new: str, base: tuple[Any, ...]) -> list[Change]:
    """Rename the stage's entry in the model's ``plays``, when it has one."""
    plays = model.get("plays") if isinstance(model, dict) else None
    return [RenameKey((*base, "plays", old), new)] if isinstance(plays, dict) and old in plays else []


def _stage_index(model: Any, stage_id: str) -> int:
    stages = model.get("stages") if isinstance(model, dict) else None
    for i, item in enumerate(stages or []):
        if isinstance(item, dict) and item.get("id") == stage_id:
            return i
    raise UsageError(f"stage '{stage_id}' is not defined in the model")  # pragma: no cover


def _settings_changes(
    config: Config, settings: dict[str, Any], kind: str, old: str, new: str
) -> list[Change]:
    changes: list[Change] = []
    thresholds = settings.get("thresholds")
    per_kind = thresholds.get(KEYS[kind]) if isinstance(thresholds, dict) else None
    if kind != "persona" and isinstance(per_kind, dict) and old in per_kind:
        changes.append(RenameKey(("thresholds", KEYS[kind], old), new))
    if kind == "stage":
        overrides = settings.get("stages")
        if isinstance(overrides, dict) and old in overrides:
            changes.append(RenameKey(("stages", old), new))
        changes += _plays_key(settings, old, new, ())
    rank = settings.get("rank")
    weights = rank.get(KEYS[kind]) if isinstance(rank, dict) and kind != "question" else None
    if isinstance(weights, dict) and old in weights:
        changes.append(RenameKey(("rank", KEYS[kind], old), new))
    if kind in ("stage", "question"):
        changes += _not_applicable(settings.get("not_applicable"), kind, old, new)
    if kind == "question":
        messages = settings.get("messages")
        if isinstance(messages, dict) and old in messages:
            changes.append(RenameKey(("messages", old), new))
        changes += _question_changes(config, settings.get("questions"), old, new)
    if kind == "persona":
        for i, item in enumerate(settings.get("personas") or []):
            if isinstance(item, dict) and item.get("id") == old:
                changes.append(SetValue(("personas", i, "id"), new))
    return changes


def _not_applicable(cells: Any, kind: str, old: str, new: str) -> list[Change]:
    changes: list[Change] = []
    for i, item in enumerate(cells if isinstance(cells, list) else []):
        if isinstance(item, dict) and item.get(kind) == old:
            changes.append(SetValue(("not_applicable", i, kind), new))
        elif isinstance(item, str) and ":" in item:
            stage, _, question = item.partition(":")
            part = stage if kind == "stage" else question
            if part.strip() == old:
                renamed = part.replace(old, new, 1)
                value = f"{renamed}:{question}" if kind == "stage" else f"{stage}:{renamed}"
                changes.append(SetValue(("not_applicable", i), value))
    return changes


def _question_changes(config: Config, questions: Any, old: str, new: str) -> list[Change]:
    """A question named by a known id alone must be spelt out once it has a new id.

    A question with a role (``risk``...) keeps it: a known id carries its role implicitly, so
    the renamed question says ``role:`` explicitly.
    """
    current = config.question(old)
    assert current is not None
    spelt = {"id": new, "name": current.name, "prompt": current.prompt}
    if current.role != "custom":
        spelt["role"] = current.role
    if questions is None and config.phase_questions:
        # The default questions differ by phase: spell out only the phases that ask it.
        by_phase = {
            phase: [spelt if i == old else i for i in ids]
            for phase, ids in config.phase_questions.items()
            if old in ids
        }
        return [SetValue(("questions",), by_phase)]
    if questions is None:
        return [SetValue(("questions",), [spelt if q.id == old else q.id for q in config.questions])]
    known = {q.id for q in KNOWN_QUESTIONS}
    for i, item in enumerate(questions if isinstance(questions, list) else []):
        if item == old:
            return [SetValue(("questions", i), spelt)]
        if isinstance(item, dict) and item.get("id") == old:
            if all(k in item for k in spelt if k != "id") or old not in known:
                return [SetValue(("questions", i, "id"), new)]
            full = {"id": new, **{k: v for k, v in item.items() if k != "id"}}
            for key, value in spelt.items():
                full.setdefault(key, value)
            return [SetValue(("questions", i), full)]
    return []  # pragma: no cover - the question came from somewhere


def _describe(change: Change) -> str:
    """The setting a change is in: ``model``, ``personas``, ``thresholds.stages``..."""
    path: KeyPath = change.path if isinstance(change, SetValue | RenameKey) else ()
    depth = 2 if path[:1] == ("thresholds",) else 1
    return ".".join(str(p) for p in path[:depth])


_UNREACHABLE = {
    "unreadable": "cannot read this folder, so the rename cannot reach the files in it (check its permissions)",
    "bad-name": "its name is not valid UTF-8, so the rename cannot read it (rename the file)",
}


def _unreachable(config: Config) -> list[FileEdit]:
    """Refuse the folders and names that cannot be read: a rename must reach every file or none."""
    if not config.content_dir.is_dir():
        return []
    refused: list[FileEdit] = []
    for what, path, _ in walk(str(config.content_dir)):
        if what in _UNREACHABLE:
            rel = _rel(Path(path), config.root).encode("utf-8", "surrogateescape")
            shown = rel.decode("utf-8", "backslashreplace")
            refused.append(FileEdit(Path(path), shown, b"", b"", _UNREACHABLE[what]))
    return refused


def _asset_edits(
    config: Config, kind: str, old: str, new: str, places: dict[str, tuple[str, ...]]
) -> list[FileEdit]:
    key = KEYS[kind]
    vocab = Vocabulary.of(config)
    changes: dict[str, object] = {key: tuple(new if i == old else i for i in getattr(vocab, key))}
    if kind == "stage":  # the objections and obstacles an asset may answer move with their stage
        changes["answers"] = tuple((new if s == old else s, i) for s, i in vocab.answers)
    new_vocab = replace(vocab, **changes)  # type: ignore[arg-type]
    edits: list[FileEdit] = []
    for item in Files.of(config).found.to_read:
        file, rel = Path(item.path), item.rel
        try:
            before = file.read_bytes()
        except OSError as exc:
            edits.append(FileEdit(file, rel, b"", b"", f"cannot read it: {exc.strerror or exc}"))
            continue
        paths = _uses(before, key, old, kind == "stage", config)
        if paths == []:
            continue
        refusal = not_yaml(config, item, before)
        if refusal is not None:
            edits.append(refusal)
            continue
        _, problems = parse_item(config, item, before, vocab)
        errors = tuple(p for p in problems if p.severity == "error")
        if paths is None or errors:
            reason = "fix its problems first (stagemap check)"
            if paths is None:
                reason = f"cannot tell whether it uses '{old}': " + reason
            edits.append(FileEdit(file, rel, before, before, reason, errors))
            continue
        places[rel] = tuple(dict.fromkeys(str(p[0]) for p in paths))
        edits.append(check_edit(config, item, before, [SetValue(p, new) for p in paths], new_vocab))
    return edits


def _uses(data: bytes, key: str, old: str, with_next: bool, config: Config) -> list[KeyPath] | None:
    """The places in a file's front matter (in any syntax the reader knows) that hold ``old``.

    None when it cannot be read. A file without front matter uses nothing where the site may
    have such files (they are not assets).
    """
    try:
        split = frontmatter.split(data, syntaxes(config))
        fm = formats.load(split, aliases=bool(config.rules.generator)).data
    except frontmatter.SplitProblem as exc:
        return [] if exc.code == "no-front-matter" and not config.rules.front_matter_required else None
    except yamlsafe.YamlProblem:
        return None
    if not isinstance(fm, dict):
        return None
    paths: list[KeyPath] = []
    key = spelt(fm, key, keys_any_case(config.rules.generator))  # Hugo's ``Stages``, if so spelt
    value = fm.get(key)
    if isinstance(value, str) and value.strip() == old:
        paths.append((key,))
    elif isinstance(value, list):
        paths += [(key, i) for i, v in enumerate(value) if isinstance(v, str) and v.strip() == old]
    step = fm.get(spelt(fm, "next", keys_any_case(config.rules.generator)))
    if with_next and isinstance(step, str) and step.strip() == old:
        paths.append(("next",))
    return paths


def _check_settings(
    config: Config,
    after: bytes,
    model_edit: FileEdit | None,
    kind: str,
    old: str,
    new: str,
    rel: str,
) -> None:
    """Load the edited settings (with the edited model) and make sure the id was renamed."""
    try:
        text, _ = frontmatter.decode(after)
        data = yamlsafe.load(text).data or {}
        if model_edit is not None:
            data["model"] = yamlsafe.load(frontmatter.decode(model_edit.after)[0]).data
        renamed = config_from_data(config.root, data)
    except (frontmatter.SplitProblem, yamlsafe.YamlProblem, ConfigError) as exc:
        raise StagemapError(f"the renamed {rel} would not load: {exc}") from None
    ids = current_ids(renamed, kind)
    if new not in ids or old in ids:  # pragma: no cover - a bug in the plan
        raise StagemapError(f"the renamed {rel} does not define {kind} '{new}'")


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
