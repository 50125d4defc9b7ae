"""Find the project, read stagemap.yml and resolve its journey model, questions and personas.

Every wrong setting is collected with its file, line and column; they are raised together as
one `ConfigError`, because a command cannot run on a half-understood configuration.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar, cast

from ..errors import ConfigError, Problem, choices_hint, suggest
from ..model.journey import (
    DEFAULT_MODEL,
    DEFAULT_QUESTIONS,
    KNOWN_QUESTIONS,
    LEADS,
    PHASES,
    STAGE_LIST_FIELDS,
    STAGE_TEXT_FIELDS,
    JourneyModel,
    Lead,
    Persona,
    Phase,
    Question,
    Stage,
)
from ..model.settings import CONFIG_NAME, ID_RE, SETTINGS, Config, Thresholds
from . import yamlsafe
from .models import builtin_model_names, builtin_model_text


def find_root(start: Path) -> Path | None:
    """Return the nearest folder at or above ``start`` holding stagemap.yml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return None


def load_config(path: Path | str | None = None, *, search: bool = True) -> Config:
    """Read the project at ``path`` (default: the current folder, searching upwards)."""
    start = Path(path) if path is not None else Path.cwd()
    if not start.exists():
        raise ConfigError(f"project folder '{start}' does not exist")
    if start.is_file():
        root, config_path = start.parent.resolve(), start.resolve()
    else:
        found = find_root(start) if search else None
        if found is None:
            if (start / CONFIG_NAME).is_file():
                found = start.resolve()
            else:
                raise ConfigError(
                    f"no {CONFIG_NAME} found in '{start}' or any folder above it "
                    "(run 'stagemap init' to create a project, or pass -C DIR)"
                )
        root, config_path = found, found / CONFIG_NAME
    return _Reader(root, config_path).read()


def config_from_data(root: Path, data: Mapping[str, Any]) -> Config:
    """Build a configuration from settings given as Python data (for the library API)."""
    reader = _Reader(root.resolve(), None)
    return reader.build(dict(data), yamlsafe.Loaded(dict(data)))


_Item = TypeVar("_Item", Question, Persona)


class _Reader:
    """Validates settings, remembering every problem with its position."""

    def __init__(self, root: Path, config_path: Path | None) -> None:
        self.root = root
        self.config_path = config_path
        self.problems: list[Problem] = []

    # -- reporting -------------------------------------------------------------------------
    def _where(self) -> str:
        if self.config_path is None:
            return CONFIG_NAME
        try:
            return self.config_path.relative_to(self.root).as_posix()
        except ValueError:
            return str(self.config_path)

    def error(
        self,
        loaded: yamlsafe.Loaded,
        path: tuple[Any, ...],
        message: str,
        hint: str = "",
        src: str | None = None,
        *,
        at_key: bool = False,
    ) -> None:
        pos = None
        if at_key and path in loaded.keys:
            pos = loaded.keys[path]
        elif loaded.values:
            pos = loaded.pos(*path)
        self.problems.append(
            Problem(
                src or self._where(),
                pos.line if pos else 0,
                pos.col if pos else 0,
                "error",
                message,
                hint,
                "config",
            )
        )

    def raise_if_problems(self) -> None:
        if self.problems:
            lines = "\n".join(p.format() for p in sorted(self.problems))
            raise ConfigError(f"invalid settings:\n{lines}")

    # -- reading ---------------------------------------------------------------------------
    def read(self) -> Config:
        assert self.config_path is not None
        try:
            text = self.config_path.read_text("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read {self._where()}: {exc}") from None
        try:
            loaded = yamlsafe.load(text)
        except yamlsafe.YamlProblem as exc:
            self.problems.append(
                Problem(self._where(), exc.line, exc.col, "error", exc.message, exc.hint, exc.code)
            )
            self.raise_if_problems()
            raise AssertionError("unreachable") from None
        data = loaded.data
        if data is None:
            data = {}
        if not isinstance(data, dict):
            self.error(loaded, (), "settings must be a mapping of 'key: value' lines")
            self.raise_if_problems()
        return self.build(data, loaded)

    def build(self, data: dict[str, Any], loaded: yamlsafe.Loaded) -> Config:
        for key in data:
            if key not in SETTINGS:
                self.error(
                    loaded, (key,), f"unknown setting '{key}'", suggest(str(key), SETTINGS), at_key=True
                )
        model = self._model(data.get("model", DEFAULT_MODEL), loaded)
        model_ok = model.id != _INVALID
        if model_ok:
            model = self._stage_overrides(model, data.get("stages"), loaded)
        questions = self._questions(data.get("questions"), loaded)
        personas = self._personas(data.get("personas"), loaded)
        stage_ids = model.stage_ids if model_ok else None
        question_ids = tuple(q.id for q in questions)
        not_applicable = self._not_applicable(data.get("not_applicable"), loaded, stage_ids, question_ids)
        thresholds = self._thresholds(data.get("thresholds"), loaded, stage_ids, question_ids)
        messages = self._messages(data.get("messages"), loaded, question_ids)
        site = data.get("site") or {}
        if not isinstance(site, dict):
            self.error(loaded, ("site",), "'site' must be a mapping", "e.g. site: {title: Our library}")
            site = {}
        for key in site:
            if key not in ("title", "allow_html"):
                self.error(
                    loaded,
                    ("site", key),
                    f"unknown site setting '{key}'",
                    suggest(str(key), ["title", "allow_html"]),
                    at_key=True,
                )
        allow_html = site.get("allow_html", False)
        if not isinstance(allow_html, bool):
            self.error(loaded, ("site", "allow_html"), "'allow_html' must be true or false")
            allow_html = False
        share = data.get("min_after_share", 0.2)
        if isinstance(share, bool) or not isinstance(share, int | float) or not 0 <= share <= 1:
            self.error(
                loaded,
                ("min_after_share",),
                "'min_after_share' must be a number from 0 to 1",
                "e.g. 0.2 for 20%",
            )
            share = 0.2
        name = self._text(data, "name", loaded, default=self.root.name)
        purpose = self._text(data, "purpose", loaded, default="")
        site_title = site.get("title", name)
        if not isinstance(site_title, str):
            self.error(loaded, ("site", "title"), "'title' must be text")
            site_title = name
        content = self._folder(data, "content", loaded)
        if self.config_path is not None and not content.is_dir():
            where = ("content",) if "content" in data else ()
            shown = data.get("content", "content") if isinstance(data.get("content"), str) else "content"
            what = "is not a folder" if content.exists() else "does not exist"
            self.error(
                loaded,
                where,
                f"content folder '{shown}' {what}",
                "create it, or set 'content' to the folder that holds your Markdown files",
            )
        templates = self._folder(data, "templates", loaded)
        self.raise_if_problems()
        return Config(
            root=self.root,
            config_path=self.config_path,
            name=name,
            purpose=purpose,
            model=model,
            questions=questions,
            personas=personas,
            not_applicable=not_applicable,
            content_dir=content,
            templates_dir=templates,
            thresholds=thresholds,
            min_after_share=float(share),
            messages=messages,
            site_title=site_title,
            allow_html=allow_html,
        )

    def _text(self, data: Mapping[str, Any], key: str, loaded: yamlsafe.Loaded, default: str) -> str:
        value = data.get(key, default)
        if value is None:
            return default
        if not isinstance(value, str):
            self.error(loaded, (key,), f"'{key}' must be text", "quote it")
            return default
        return value.strip()

    def _folder(self, data: Mapping[str, Any], key: str, loaded: yamlsafe.Loaded) -> Path:
        value = data.get(key, key)
        if not isinstance(value, str) or not value.strip():
            self.error(loaded, (key,), f"'{key}' must be a folder path", f"e.g. {key}: {key}")
            return self.root / key
        folder = (self.root / value).resolve()
        if not folder.is_relative_to(self.root):
            self.error(loaded, (key,), f"'{key}' folder must be inside the project", f"got '{value}'")
        return folder

    # -- model -----------------------------------------------------------------------------
    def _model(self, value: Any, loaded: yamlsafe.Loaded) -> JourneyModel:
        names = builtin_model_names()
        if isinstance(value, str):
            if value in names:
                builtin = yamlsafe.load(builtin_model_text(value))
                return self._parse_model(builtin.data, builtin, (), f"<built-in model {value}>")
            if value.endswith((".yml", ".yaml")):
                return self._model_file(value, loaded)
            self.error(
                loaded,
                ("model",),
                f"unknown model '{value}'",
                suggest(value, names) + "; or a .yml file path",
            )
            return _fallback_model()
        if isinstance(value, dict):
            return self._parse_model(value, loaded, ("model",), None)
        self.error(
            loaded,
            ("model",),
            "'model' must be a built-in name, a .yml file or a mapping with 'stages'",
            choices_hint(names),
        )
        return _fallback_model()

    def _model_file(self, value: str, loaded: yamlsafe.Loaded) -> JourneyModel:
        path = (self.root / value).resolve()
        try:
            text = path.read_text("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            self.error(
                loaded,
                ("model",),
                f"cannot read model file '{value}'",
                exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc),
            )
            return _fallback_model()
        src = value
        try:
            model_loaded = yamlsafe.load(text)
        except yamlsafe.YamlProblem as exc:
            self.problems.append(Problem(src, exc.line, exc.col, "error", exc.message, exc.hint, exc.code))
            return _fallback_model()
        return self._parse_model(model_loaded.data, model_loaded, (), src)

    def _parse_model(
        self, data: Any, loaded: yamlsafe.Loaded, base: tuple[Any, ...], src: str | None
    ) -> JourneyModel:
        if not isinstance(data, dict):
            self.error(loaded, base, "a model must be a mapping with 'stages'", src=src)
            return _fallback_model()
        stages_data = data.get("stages")
        if not isinstance(stages_data, list) or not stages_data:
            self.error(
                loaded,
                (*base, "stages"),
                "a model needs a non-empty list of 'stages'",
                "each with id, name, phase and lead",
                src=src,
            )
            return _fallback_model()
        stages: list[Stage] = []
        seen: set[str] = set()
        for i, item in enumerate(stages_data):
            stage = self._stage(item, loaded, (*base, "stages", i), src, len(stages))
            if stage is None:
                continue
            if stage.id in seen:
                self.error(loaded, (*base, "stages", i, "id"), f"duplicate stage id '{stage.id}'", src=src)
                continue
            seen.add(stage.id)
            stages.append(stage)
        if not stages:
            return _fallback_model()
        model_id = data.get("id", "custom")
        return JourneyModel(
            id=str(model_id),
            name=str(data.get("name", model_id)),
            description=str(data.get("description", "")).strip(),
            stages=tuple(stages),
        )

    def _stage(
        self, item: Any, loaded: yamlsafe.Loaded, path: tuple[Any, ...], src: str | None, index: int
    ) -> Stage | None:
        if not isinstance(item, dict):
            self.error(loaded, path, "a stage must be a mapping with id, name, phase and lead", src=src)
            return None
        allowed = ("id", *STAGE_TEXT_FIELDS, "phase", "lead", *STAGE_LIST_FIELDS)
        for key in item:
            if key not in allowed:
                self.error(
                    loaded,
                    (*path, key),
                    f"unknown stage field '{key}'",
                    suggest(str(key), allowed),
                    src=src,
                    at_key=True,
                )
        stage_id = item.get("id")
        if not isinstance(stage_id, str) or not ID_RE.match(stage_id):
            self.error(
                loaded,
                (*path, "id"),
                "a stage needs an 'id' of lowercase letters, digits and '-'",
                "e.g. id: awareness",
                src=src,
            )
            return None
        fields = self._stage_fields(item, loaded, path, src)
        for key, choices in (("phase", PHASES), ("lead", LEADS)):
            if key not in item:
                self.error(
                    loaded,
                    path,
                    f"stage '{stage_id}' needs a '{key}'",
                    choices_hint(choices),
                    src=src,
                )
        phase = fields.get("phase", "before")
        lead = fields.get("lead", "marketing")
        return Stage(
            id=stage_id,
            name=cast(str, fields.get("name", stage_id)),
            phase=cast(Phase, phase),
            lead=cast(Lead, lead),
            goal=cast(str, fields.get("goal", "")),
            mindset=cast(str, fields.get("mindset", "")),
            forward=cast(tuple[str, ...], fields.get("forward", ())),
            stuck=cast(tuple[str, ...], fields.get("stuck", ())),
            backward=cast(tuple[str, ...], fields.get("backward", ())),
            formats=cast(tuple[str, ...], fields.get("formats", ())),
            index=index,
        )

    def _stage_fields(
        self,
        item: Mapping[str, Any],
        loaded: yamlsafe.Loaded,
        path: tuple[Any, ...],
        src: str | None,
    ) -> dict[str, object]:
        """Validate the overridable fields of a stage, returning only the valid ones."""
        out: dict[str, object] = {}
        for key in STAGE_TEXT_FIELDS:
            if key in item:
                if isinstance(item[key], str):
                    out[key] = item[key].strip()
                else:
                    self.error(loaded, (*path, key), f"stage '{key}' must be text", src=src)
        for key, choices in (("phase", PHASES), ("lead", LEADS)):
            if key in item:
                value = item[key]
                if value in choices:
                    out[key] = value
                else:
                    self.error(
                        loaded,
                        (*path, key),
                        f"unknown {key} '{value}'",
                        suggest(str(value), choices),
                        src=src,
                    )
        for key in STAGE_LIST_FIELDS:
            if key in item:
                value = item[key]
                if isinstance(value, str):
                    value = [value]
                if isinstance(value, list) and all(isinstance(v, str) for v in value):
                    out[key] = tuple(v.strip() for v in value)
                else:
                    self.error(loaded, (*path, key), f"stage '{key}' must be a list of text items", src=src)
        return out

    def _stage_overrides(self, model: JourneyModel, value: Any, loaded: yamlsafe.Loaded) -> JourneyModel:
        if value is None:
            return model
        if not isinstance(value, dict):
            self.error(
                loaded,
                ("stages",),
                "'stages' must map stage ids to the fields to change",
                "e.g. stages: {awareness: {name: Spotting the problem}}",
            )
            return model
        stages = list(model.stages)
        allowed = (*STAGE_TEXT_FIELDS, "phase", "lead", *STAGE_LIST_FIELDS)
        for stage_id, fields in value.items():
            index = next((i for i, s in enumerate(stages) if s.id == stage_id), None)
            if index is None:
                self.error(
                    loaded,
                    ("stages", stage_id),
                    f"unknown stage '{stage_id}'",
                    suggest(str(stage_id), model.stage_ids),
                )
                continue
            if not isinstance(fields, dict):
                self.error(
                    loaded,
                    ("stages", stage_id),
                    "stage overrides must be a mapping of fields",
                    "e.g. goal: ...",
                )
                continue
            for key in fields:
                if key not in allowed:
                    self.error(
                        loaded,
                        ("stages", stage_id, key),
                        f"unknown stage field '{key}'",
                        suggest(str(key), allowed),
                        at_key=True,
                    )
            changes = self._stage_fields(fields, loaded, ("stages", stage_id), None)
            stages[index] = replace(stages[index], **changes)  # type: ignore[arg-type]
        return replace(model, stages=tuple(stages))

    # -- questions, personas, cells --------------------------------------------------------
    def _questions(self, value: Any, loaded: yamlsafe.Loaded) -> tuple[Question, ...]:
        if value is None:
            return DEFAULT_QUESTIONS
        if not isinstance(value, list) or not value:
            self.error(
                loaded,
                ("questions",),
                "'questions' must be a non-empty list",
                "ids like who-we-are, or mappings with id, name, prompt",
            )
            return DEFAULT_QUESTIONS
        known = {q.id: q for q in KNOWN_QUESTIONS}
        result: list[Question] = []
        for i, item in enumerate(value):
            path = ("questions", i)
            if isinstance(item, str):
                if item not in known:
                    self.error(
                        loaded,
                        path,
                        f"unknown question '{item}'",
                        suggest(item, known) + "; or define it with id, name and prompt",
                    )
                    continue
                result.append(known[item])
                continue
            if not isinstance(item, dict):
                self.error(loaded, path, "a question must be an id or a mapping with id, name, prompt")
                continue
            for key in item:
                if key not in ("id", "name", "prompt"):
                    self.error(
                        loaded,
                        (*path, key),
                        f"unknown question field '{key}'",
                        suggest(str(key), ("id", "name", "prompt")),
                        at_key=True,
                    )
            qid = item.get("id")
            if not isinstance(qid, str) or not ID_RE.match(qid):
                self.error(
                    loaded,
                    (*path, "id"),
                    "a question needs an 'id' of lowercase letters, digits and '-'",
                )
                continue
            base = known.get(qid, Question(qid, qid, ""))
            name, prompt = item.get("name", base.name), item.get("prompt", base.prompt)
            if not isinstance(name, str) or not isinstance(prompt, str):
                self.error(loaded, path, "question 'name' and 'prompt' must be text")
                continue
            result.append(Question(qid, name.strip(), prompt.strip()))
        return self._unique(result, loaded, "questions", "question") or DEFAULT_QUESTIONS

    def _personas(self, value: Any, loaded: yamlsafe.Loaded) -> tuple[Persona, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.error(
                loaded,
                ("personas",),
                "'personas' must be a list",
                "each with id, name, needs and not_fit",
            )
            return ()
        result: list[Persona] = []
        allowed = ("id", "name", "needs", "not_fit")
        for i, item in enumerate(value):
            path = ("personas", i)
            if not isinstance(item, dict):
                self.error(loaded, path, "a persona must be a mapping with id, name, needs and not_fit")
                continue
            for key in item:
                if key not in allowed:
                    self.error(
                        loaded,
                        (*path, key),
                        f"unknown persona field '{key}'",
                        suggest(str(key), allowed),
                        at_key=True,
                    )
            pid = item.get("id")
            if not isinstance(pid, str) or not ID_RE.match(pid):
                self.error(
                    loaded,
                    (*path, "id"),
                    "a persona needs an 'id' of lowercase letters, digits and '-'",
                )
                continue
            texts = []
            for key, default in (("name", pid), ("needs", ""), ("not_fit", "")):
                text = item.get(key, default)
                if not isinstance(text, str):
                    self.error(loaded, (*path, key), f"persona '{key}' must be text")
                    text = default
                texts.append(text.strip())
            result.append(Persona(pid, *texts))
        return self._unique(result, loaded, "personas", "persona")

    def _unique(self, items: list[_Item], loaded: yamlsafe.Loaded, key: str, what: str) -> tuple[_Item, ...]:
        seen: set[str] = set()
        out: list[_Item] = []
        for i, item in enumerate(items):
            if item.id in seen:
                self.error(loaded, (key, i), f"duplicate {what} id '{item.id}'")
                continue
            seen.add(item.id)
            out.append(item)
        return tuple(out)

    def _not_applicable(
        self,
        value: Any,
        loaded: yamlsafe.Loaded,
        stages: tuple[str, ...] | None,
        questions: tuple[str, ...],
    ) -> frozenset[tuple[str, str]]:
        if value is None:
            return frozenset()
        if not isinstance(value, list):
            self.error(
                loaded,
                ("not_applicable",),
                "'not_applicable' must be a list",
                "e.g. - {stage: purchase, question: who-we-are}",
            )
            return frozenset()
        cells: set[tuple[str, str]] = set()
        for i, item in enumerate(value):
            path = ("not_applicable", i)
            if isinstance(item, str) and ":" in item:
                before, _, after = item.partition(":")
                item = {"stage": before.strip(), "question": after.strip()}
                keyed = False
            elif isinstance(item, dict):
                keyed = True
            else:
                self.error(
                    loaded,
                    path,
                    "each entry needs a stage and a question",
                    "e.g. {stage: purchase, question: who-we-are} or 'purchase:who-we-are'",
                )
                continue
            stage, question = item.get("stage"), item.get("question")
            ok = stages is not None
            for key in item:
                if key not in ("stage", "question"):
                    self.error(
                        loaded,
                        (*path, key),
                        f"unknown field '{key}' in a not_applicable entry",
                        suggest(str(key), ("stage", "question")),
                        at_key=True,
                    )
                    ok = False
            missing = [k for k, v in (("stage", stage), ("question", question)) if v is None or v == ""]
            if missing:
                self.error(
                    loaded,
                    path,
                    f"this not_applicable entry needs a {' and a '.join(missing)}",
                    "e.g. {stage: purchase, question: who-we-are} or 'purchase:who-we-are'",
                )
                continue
            if stages is not None and stage not in stages:
                self.error(
                    loaded,
                    (*path, "stage") if keyed else path,
                    f"unknown stage '{stage}'",
                    suggest(str(stage), stages),
                )
                ok = False
            if question not in questions:
                self.error(
                    loaded,
                    (*path, "question") if keyed else path,
                    f"unknown question '{question}'",
                    suggest(str(question), questions),
                )
                ok = False
            if ok and isinstance(stage, str) and isinstance(question, str):
                cells.add((stage, question))
        return frozenset(cells)

    def _thresholds(
        self,
        value: Any,
        loaded: yamlsafe.Loaded,
        stages: tuple[str, ...] | None,
        questions: tuple[str, ...],
    ) -> Thresholds:
        if value is None:
            return Thresholds()
        if not isinstance(value, dict):
            self.error(
                loaded,
                ("thresholds",),
                "'thresholds' must be a mapping",
                "e.g. thresholds: {covered: 2}",
            )
            return Thresholds()
        for key in value:
            if key not in ("covered", "stages", "questions"):
                self.error(
                    loaded,
                    ("thresholds", key),
                    f"unknown threshold setting '{key}'",
                    suggest(str(key), ["covered", "stages", "questions"]),
                    at_key=True,
                )

        def count(path: tuple[Any, ...], v: Any) -> int | None:
            if isinstance(v, bool) or not isinstance(v, int) or v < 1:
                self.error(loaded, path, "a threshold must be a whole number of at least 1")
                return None
            return v

        covered = count(("thresholds", "covered"), value.get("covered", 2)) or 2
        per: dict[str, dict[str, int]] = {}
        for key, ids in (("stages", stages), ("questions", questions)):
            per[key] = {}
            sub = value.get(key) or {}
            if not isinstance(sub, dict):
                self.error(loaded, ("thresholds", key), f"'thresholds.{key}' must map ids to numbers")
                continue
            if ids is None:
                continue
            for item_id, v in sub.items():
                if item_id not in ids:
                    self.error(
                        loaded,
                        ("thresholds", key, item_id),
                        f"unknown {key[:-1]} '{item_id}'",
                        suggest(str(item_id), ids),
                    )
                    continue
                n = count(("thresholds", key, item_id), v)
                if n is not None:
                    per[key][item_id] = n
        return Thresholds(covered, per["stages"], per["questions"])

    def _messages(self, value: Any, loaded: yamlsafe.Loaded, questions: tuple[str, ...]) -> dict[str, str]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.error(loaded, ("messages",), "'messages' must map question ids to a message")
            return {}
        out: dict[str, str] = {}
        for qid, text in value.items():
            if qid not in questions:
                self.error(
                    loaded,
                    ("messages", qid),
                    f"unknown question '{qid}'",
                    suggest(str(qid), questions),
                )
            elif not isinstance(text, str):
                self.error(loaded, ("messages", qid), "a message must be text")
            else:
                out[qid] = text.strip()
        return out


_INVALID = "<invalid>"


def _fallback_model() -> JourneyModel:
    """A one-stage model used only while collecting further problems before raising."""
    stage = Stage("unknown", "Unknown", "before", "marketing", "", "", (), (), (), (), 0)
    return JourneyModel(_INVALID, "Invalid", "", (stage,))
