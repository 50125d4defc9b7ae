"""Find the project and read stagemap.yml into a `Config`.

Every wrong setting is collected with its file, line and column; they are raised together as
one `ConfigError`, because a command cannot run on a half-understood configuration. The
journey model is read by models.py, questions and personas by questions.py, and the settings
naming cells by cells.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import ConfigError, suggest
from ..model.journey import DEFAULT_MODEL
from ..model.settings import (
    CACHE_DIR,
    CONFIG_NAME,
    HEADING_IDS,
    LOOSE_HEADING_IDS,
    MAX_PAGE_SIZE,
    PAGE_SIZE,
    SETTINGS,
    Config,
    HistorySpan,
    ReadRules,
)
from ..paths import real
from . import yamlsafe
from .bounded import TooLarge, Unreadable, read_bounded
from .cells import read_messages, read_not_applicable, read_thresholds
from .findings import Findings
from .guidance import apply_guides, read_lint, read_weights, setting_places
from .hugopin import commented_hugo
from .mkdocsalerts import includes_markdown
from .mkdocsmacros import site_macros
from .models import apply_stage_overrides, is_usable, resolve_model
from .questions import read_personas, read_phase_questions
from .rules import read_content_rules, read_max_age
from .sourcing import read_rules, read_sources
from .templateengines import ELEVENTY_ENGINES, site_engines

SITE_SETTINGS = ("title", "allow_html", "page_size")
HISTORY_SETTINGS = ("by", "months")
MAX_SETTINGS = 1024 * 1024
"""The largest stagemap.yml read, in bytes."""
CACHE_OFF = ("off", "false")
"""Text values of the ``cache`` setting that turn the parse cache off, besides ``false``."""


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
        settings = start / CONFIG_NAME
        if settings.is_dir():
            raise ConfigError(f"'{settings}' is a folder; the settings must be a file of that name")
        if settings.exists() and not settings.is_file():  # a device or a pipe: it would never end
            raise ConfigError(f"'{settings}' is not a regular file; the settings must be a file of that name")
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


class _Reader:
    """Reads one stagemap.yml (or settings given as data), remembering every problem."""

    def __init__(self, root: Path, config_path: Path | None) -> None:
        self.root = root
        self.config_path = config_path
        self.findings = Findings(self._where())

    def _where(self) -> str:
        if self.config_path is None:
            return CONFIG_NAME
        try:
            return self.config_path.relative_to(self.root).as_posix()
        except ValueError:
            return str(self.config_path)

    def read(self) -> Config:
        assert self.config_path is not None
        if self.config_path.is_dir():
            raise ConfigError(f"{self._where()} is a folder; the settings must be a file of that name")
        try:
            text = read_bounded(self.config_path, MAX_SETTINGS).decode("utf-8-sig")
        except TooLarge:
            raise ConfigError(f"{self._where()} is larger than {MAX_SETTINGS // 1024} KiB") from None
        except (Unreadable, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read {self._where()}: {exc}") from None
        try:
            loaded = yamlsafe.load(text)
        except yamlsafe.YamlProblem as exc:
            self.findings.yaml_problem(exc)
            self.findings.raise_if_any()
            raise AssertionError("unreachable") from None
        data = loaded.data
        if data is None:
            data = {}
        if not isinstance(data, dict):
            self.findings.error(loaded, (), "settings must be a mapping of 'key: value' lines")
            self.findings.raise_if_any()
        return self.build(data, loaded)

    def build(self, data: dict[str, Any], loaded: yamlsafe.Loaded) -> Config:
        """Check every setting, then raise all problems together or return the config."""
        findings = self.findings
        findings.unknown_keys(loaded, (), data, SETTINGS, "unknown setting '{}'")
        model, source = resolve_model(data.get("model", DEFAULT_MODEL), loaded, self.root, findings)
        stage_ids = None
        if is_usable(model):
            model = apply_stage_overrides(model, data.get("stages"), loaded, findings)
            model = apply_guides(model, source, data.get("plays"), loaded, findings)
            stage_ids = model.stage_ids
        questions, phase_questions = read_phase_questions(data.get("questions"), source, loaded, findings)
        question_ids = tuple(q.id for q in questions)
        not_applicable = read_not_applicable(
            data.get("not_applicable"), loaded, stage_ids, question_ids, findings
        )
        thresholds = read_thresholds(data.get("thresholds"), loaded, stage_ids, question_ids, findings)
        name = self._text(data, "name", loaded, default=self.root.name)
        sources = read_sources(data, loaded, self.root, findings, must_exist=self.config_path is not None)
        site_title, allow_html = self._site(data, loaded, name)
        personas = read_personas(data.get("personas"), loaded, findings)
        ids = {
            "stages": stage_ids or (),
            "questions": question_ids,
            "personas": tuple(p.id for p in personas),
        }
        rules = self._rules(data, loaded, ids)
        config = Config(
            root=self.root,
            config_path=self.config_path,
            name=name,
            purpose=self._text(data, "purpose", loaded, default=""),
            model=model,
            questions=questions,
            personas=personas,
            not_applicable=not_applicable,
            content_dir=sources[0].path if sources else self._content(data, loaded),
            templates_dir=self._folder(data, "templates", loaded),
            thresholds=thresholds,
            min_after_share=self._share(data, loaded),
            messages=read_messages(data.get("messages"), loaded, question_ids, findings),
            site_title=site_title,
            allow_html=allow_html,
            page_size=self._page_size(data, loaded),
            cache_dir=self._cache(data, loaded),
            sources=sources,
            rules=rules,
            phase_questions=phase_questions,
            heading_ids=self._heading_ids(data, loaded, rules.generator),
        )
        config = replace(config, weights=read_weights(data.get("rank"), loaded, config, findings))
        places = setting_places(data, loaded, model, source, self._where()) if self.config_path else {}
        lint_off = read_lint(data.get("lint"), loaded, findings)
        config = replace(config, lint_off=lint_off, history=self._history(data, loaded), places=places)
        findings.raise_if_any()
        return config

    def _rules(
        self, data: Mapping[str, Any], loaded: yamlsafe.Loaded, ids: Mapping[str, tuple[str, ...]]
    ) -> ReadRules:
        """Return how content is read: the front-matter rules, the tagging rules and ``max_age``."""
        findings = self.findings
        rules = read_rules(data, loaded, findings, self.root if self.config_path is not None else None)
        eleventy = rules.generator == "eleventy"
        engines, unread = site_engines(self.root, rules.site_root) if eleventy else (ELEVENTY_ENGINES, ())
        macros = site_macros(self.root, rules.site_root) if rules.generator == "mkdocs" else (engines, "")
        return replace(
            rules,
            rules=read_content_rules(data.get("rules"), loaded, findings, self.root, ids),
            max_age=read_max_age(data.get("max_age"), loaded, findings),
            old_hugo=commented_hugo(self.root, rules.site_root) if rules.generator == "hugo" else "",
            include_markdown=rules.generator == "mkdocs" and includes_markdown(self.root, rules.site_root),
            template_engines=macros[0],
            macros_includes=macros[1],
            unread_pages=unread,
        )

    def _site(self, data: Mapping[str, Any], loaded: yamlsafe.Loaded, name: str) -> tuple[str, bool]:
        """Return the site title and whether raw HTML is allowed."""
        site = data.get("site") or {}
        if not isinstance(site, dict):
            self.findings.error(
                loaded, ("site",), "'site' must be a mapping", "e.g. site: {title: Our library}"
            )
            site = {}
        self.findings.unknown_keys(loaded, ("site",), site, SITE_SETTINGS, "unknown site setting '{}'")
        allow_html = site.get("allow_html", False)
        if not isinstance(allow_html, bool):
            self.findings.error(loaded, ("site", "allow_html"), "'allow_html' must be true or false")
            allow_html = False
        title = site.get("title", name)
        if not isinstance(title, str):
            self.findings.error(loaded, ("site", "title"), "'title' must be text")
            title = name
        return title, allow_html

    def _heading_ids(self, data: Mapping[str, Any], loaded: yamlsafe.Loaded, generator: str) -> str:
        """Return how the site's generator makes a heading's id (``heading_ids``): MkDocs' toc
        extension's way on an MkDocs site, GitHub's with any other generator, unless it says."""
        preset = "toc" if generator == "mkdocs" else LOOSE_HEADING_IDS if generator else ""
        value = data.get("heading_ids")
        if value is None:
            return preset
        if not generator:
            hint = "set 'generator' to your site's: stagemap's own ids are its own"
            self.findings.error(loaded, ("heading_ids",), "'heading_ids' needs a 'generator'", hint)
            return preset
        if value not in HEADING_IDS:
            shown = value if isinstance(value, str) else "that"
            hint = suggest(str(shown), HEADING_IDS)
            self.findings.error(loaded, ("heading_ids",), f"unknown heading_ids '{shown}'", hint)
            return preset
        return str(value)

    def _page_size(self, data: Mapping[str, Any], loaded: yamlsafe.Loaded) -> int:
        """Return how many assets a page of a site list shows (``site.page_size``)."""
        site = data.get("site")
        value = site.get("page_size", PAGE_SIZE) if isinstance(site, dict) else PAGE_SIZE
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_PAGE_SIZE:
            self.findings.error(
                loaded,
                ("site", "page_size"),
                f"'page_size' must be a whole number from 1 to {MAX_PAGE_SIZE}",
                f"e.g. page_size: {PAGE_SIZE}",
            )
            return PAGE_SIZE
        return value

    def _history(self, data: Mapping[str, Any], loaded: yamlsafe.Loaded) -> HistorySpan | None:
        """Return the span of the site's history page; ``history: false`` switches it off."""
        value = data.get("history", True)
        if value is False:
            return None
        if value is True or value is None:
            return HistorySpan()
        if not isinstance(value, dict):
            self.findings.error(
                loaded, ("history",), "'history' must be false or a mapping", "e.g. history: {by: month}"
            )
            return HistorySpan()
        self.findings.unknown_keys(
            loaded, ("history",), value, HISTORY_SETTINGS, "unknown history setting '{}'"
        )
        by, months = value.get("by", "week"), value.get("months", 12)
        if by not in ("commit", "week", "month"):
            self.findings.error(loaded, ("history", "by"), "'by' must be commit, week or month")
            by = "week"
        if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 120:
            self.findings.error(
                loaded, ("history", "months"), "'months' must be a whole number from 1 to 120"
            )
            months = 12
        return HistorySpan(by, months)

    def _share(self, data: Mapping[str, Any], loaded: yamlsafe.Loaded) -> float:
        share = data.get("min_after_share", 0.2)
        if isinstance(share, bool) or not isinstance(share, int | float) or not 0 <= share <= 1:
            self.findings.error(
                loaded,
                ("min_after_share",),
                "'min_after_share' must be a number from 0 to 1",
                "e.g. 0.2 for 20%",
            )
            return 0.2
        return float(share)

    def _text(self, data: Mapping[str, Any], key: str, loaded: yamlsafe.Loaded, default: str) -> str:
        value = data.get(key, default)
        if value is None:
            return default
        if not isinstance(value, str):
            self.findings.error(loaded, (key,), f"'{key}' must be text", "quote it")
            return default
        return value.strip()

    def _folder(self, data: Mapping[str, Any], key: str, loaded: yamlsafe.Loaded, default: str = "") -> Path:
        default = default or key
        value = data.get(key, default)
        if not isinstance(value, str) or not value.strip():
            self.findings.error(loaded, (key,), f"'{key}' must be a folder path", f"e.g. {key}: {default}")
            return self.root / default
        folder = real(self.root / value)
        if not folder.is_relative_to(self.root):
            self.findings.error(
                loaded, (key,), f"'{key}' folder must be inside the project", f"got '{value}'"
            )
        return folder

    def _content(self, data: Mapping[str, Any], loaded: yamlsafe.Loaded) -> Path:
        """Return the content folder; read from a file, it must exist."""
        content = self._folder(data, "content", loaded)
        if self.config_path is not None and not content.is_dir():
            where = ("content",) if "content" in data else ()
            shown = data["content"] if isinstance(data.get("content"), str) else "content"
            what = "is not a folder" if content.exists() else "does not exist"
            self.findings.error(
                loaded,
                where,
                f"content folder '{shown}' {what}",
                "create it, or set 'content' to the folder that holds your Markdown files",
            )
        return content

    def _cache(self, data: Mapping[str, Any], loaded: yamlsafe.Loaded) -> Path | None:
        """Return the parse cache folder, or None when ``cache`` turns it off."""
        value = data.get("cache", True)
        if value is False or value in CACHE_OFF:
            return None
        if value is True or value is None:
            return self.root / CACHE_DIR
        return self._folder(data, "cache", loaded, CACHE_DIR)
