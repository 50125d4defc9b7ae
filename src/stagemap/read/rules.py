"""Read the ``rules`` and ``max_age`` settings: tags a whole library gets without editing a file.

``rules`` is a list in stagemap.yml, or the name of a YAML file in the project holding that
list. Each rule has a ``match`` (all of its conditions must hold) and gives a matching file
``set`` values, or ``asset: false``. Every wrong value is recorded at its line and column in
the file it is written in. Applying rules to a file is `read.ruling`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import suggest
from ..lazyre import lazy
from ..model.library import AUDIENCES, STATUSES
from ..model.settings import RULE_LISTS, RULE_TEXTS, Rule, plain_value
from ..paths import real
from . import yamlsafe
from .bounded import TooLarge, Unreadable, read_bounded
from .findings import Findings
from .globs import compile_glob

RULE_KEYS = ("match", "set", "add", "asset")
"""Keys of one rule."""
SHAPE_KEYS = ("path", "title", "has_body", "has_date")
"""Conditions of a ``match`` about the file itself; any other key names a front matter key."""
SET_KEYS = RULE_LISTS + RULE_TEXTS
"""Fields a rule may set."""
AGE_UNITS = ("days", "weeks", "months", "years")
"""Units of ``max_age``."""
_AGE = lazy(r"^\s*(\d{1,4})\s*(day|week|month|year)s?\s*$")
MAX_RULES_FILE = 1024 * 1024
"""The largest rules file read, in bytes."""


class _RuleReader:
    """Reads one rules list, from stagemap.yml or a rules file, into `Rule` values."""

    def __init__(
        self, loaded: yamlsafe.Loaded, findings: Findings, src: str | None, ids: Mapping[str, tuple[str, ...]]
    ) -> None:
        self.loaded = loaded
        self.findings = findings
        self.src = src
        self.vocab = ids
        self.where = src or findings.where

    def error(self, path: tuple[Any, ...], message: str, hint: str = "", *, at_key: bool = False) -> None:
        self.findings.error(self.loaded, path, message, hint, self.src, at_key=at_key)

    def read(self, value: Any, path: tuple[Any, ...]) -> tuple[Rule, ...]:
        if not isinstance(value, list):
            self.error(
                path,
                "'rules' must be a list of rules",
                "e.g. rules: [{match: {path: blog/}, set: {stages: [awareness]}}]",
            )
            return ()
        rules = (self.rule(item, (*path, i), i + 1) for i, item in enumerate(value))
        return tuple(r for r in rules if r is not None)

    def rule(self, item: Any, path: tuple[Any, ...], number: int) -> Rule | None:
        if not isinstance(item, dict):
            self.error(
                path,
                f"rule {number} must be a mapping with 'match' and 'set'",
                "e.g. - {match: {path: blog/}, set: {stages: [awareness]}}",
            )
            return None
        before = len(self.findings.problems)
        self.findings.unknown_keys(self.loaded, path, item, RULE_KEYS, "unknown rule key '{}'", self.src)
        match = item.get("match") or {}
        if not isinstance(match, dict):
            self.error(
                (*path, "match"),
                "'match' must be a mapping of conditions",
                "e.g. match: {path: blog/, tags: pricing}",
            )
            match = {}
        sets = self.sets(item.get("set"), (*path, "set"))
        adds = self.adds(item.get("add"), (*path, "add"))
        asset = item.get("asset")
        if asset is not None and not isinstance(asset, bool):
            self.error(
                (*path, "asset"),
                "'asset' must be true or false",
                "asset: false makes matching files non-assets",
            )
            asset = None
        if item.get("set") is None and item.get("add") is None and asset is None:
            self.error(path, f"rule {number} sets nothing", "add 'set: {stages: [...]}' or 'asset: false'")
        paths = self.texts(match.get("path"), (*path, "match", "path"))
        for index, pattern in enumerate(paths):
            try:
                compile_glob(pattern)
            except ValueError:
                self.error(
                    (*path, "match", "path", index),
                    f"empty glob '{pattern}'",
                    "write a file name or folder pattern",
                )
        title = self.title(match.get("title"), (*path, "match", "title"))
        keys = tuple(
            (str(k), self.values(v, (*path, "match", k))) for k, v in match.items() if k not in SHAPE_KEYS
        )
        rule = Rule(
            number=number,
            text="",
            where=f"{self.where}:{self.loaded.pos(*path).line if self.loaded.values else 0}",
            paths=paths,
            title=title,
            keys=keys,
            has_body=self.flag(match, "has_body", path),
            has_date=self.flag(match, "has_date", path),
            sets=sets,
            adds=adds,
            asset=asset,
        )
        if len(self.findings.problems) > before:
            return None
        return replace(rule, text=rule_text(rule))

    def sets(self, value: Any, path: tuple[Any, ...]) -> tuple[tuple[str, tuple[str, ...] | str], ...]:
        if value is None:
            return ()
        if not isinstance(value, dict):
            self.error(
                path, "'set' must map fields to values", "e.g. set: {stages: [awareness], format: blog-post}"
            )
            return ()
        self.findings.unknown_keys(self.loaded, path, value, SET_KEYS, "a rule cannot set '{}'", self.src)
        found: list[tuple[str, tuple[str, ...] | str]] = []
        for field in SET_KEYS:
            if field not in value:
                continue
            if field in RULE_LISTS:
                found.append((field, self.ids(value[field], (*path, field), field)))
                continue
            text = value[field]
            allowed = {"audience": AUDIENCES, "status": STATUSES}.get(field, ())
            if not isinstance(text, str) or not text.strip():
                self.error(
                    (*path, field),
                    f"'{field}' must be text",
                    f"e.g. {field}: {allowed[0] if allowed else 'case-study'}",
                )
            elif allowed and text.strip() not in allowed:
                self.error(
                    (*path, field), f"unknown {field} '{text.strip()}'", suggest(text.strip(), allowed)
                )
            else:
                found.append((field, text.strip()))
        return tuple(found)

    def adds(self, value: Any, path: tuple[Any, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
        if value is None:
            return ()
        if not isinstance(value, dict):
            self.error(path, "'add' must map list fields to ids", "e.g. add: {stages: [exploration]}")
            return ()
        self.findings.unknown_keys(
            self.loaded, path, value, RULE_LISTS, "a rule cannot add to '{}'", self.src
        )
        return tuple((f, self.ids(value[f], (*path, f), f)) for f in RULE_LISTS if f in value)

    def ids(self, value: Any, path: tuple[Any, ...], field: str) -> tuple[str, ...]:
        valid = self.vocab[field]
        what = field[:-1]
        items = self.texts(value, path)
        for index, item in enumerate(items):
            if item not in valid:
                where = (*path, index) if isinstance(value, list) else path
                self.error(where, f"unknown {what} '{item}'", suggest(item, valid))
        return items

    def texts(self, value: Any, path: tuple[Any, ...]) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.error(path, f"'{path[-1]}' must be text or a list of text", f"e.g. {path[-1]}: [a, b]")
            return ()
        return tuple(v.strip() for v in value)

    def values(self, value: Any, path: tuple[Any, ...]) -> tuple[str, ...]:
        """Return the values a front matter key may hold, as lower-case text (numbers and true/false too)."""
        items = value if isinstance(value, list) else [value]
        if not items or not all(isinstance(v, str | int | float | bool) for v in items):
            self.error(
                path,
                f"'{path[-1]}' must be a value or a list of values",
                f"e.g. {path[-1]}: [pricing, plans]",
            )
            return ()
        return tuple(plain_value(v) for v in items)

    def title(self, value: Any, path: tuple[Any, ...]) -> str:
        if value is None:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.error(path, "'title' must be a regular expression", "e.g. title: '\\bvs\\b|alternative to'")
            return ""
        try:
            re.compile(value)
        except re.error as exc:
            self.error(
                path,
                f"'title' is not a valid regular expression: {exc}",
                "escape ( [ . * + ? with a backslash",
            )
            return ""
        return value

    def flag(self, match: Mapping[str, Any], key: str, path: tuple[Any, ...]) -> bool | None:
        value = match.get(key)
        if value is not None and not isinstance(value, bool):
            self.error((*path, "match", key), f"'{key}' must be true or false")
            return None
        return value


def rule_text(rule: Rule) -> str:
    """Return a rule in one line: its conditions, then what it gives."""
    conditions = [f"path {', '.join(rule.paths)}"] if rule.paths else []
    if rule.title:
        conditions.append(f"title ~ /{rule.title}/")
    conditions += [f"{key} = {' or '.join(values)}" for key, values in rule.keys]
    conditions += [
        f"{'has' if value else 'no'} {name[4:]}"
        for name, value in (("has_body", rule.has_body), ("has_date", rule.has_date))
        if value is not None
    ]
    gives = [
        f"{field}: {', '.join(value) if isinstance(value, tuple) else value}" for field, value in rule.sets
    ]
    gives += [f"{field} + {', '.join(value)}" for field, value in rule.adds]
    if rule.asset is not None:
        gives.append("an asset" if rule.asset else "not an asset")
    return f"{' and '.join(conditions) or 'every file'} -> {'; '.join(gives)}"


def read_content_rules(
    value: Any,
    loaded: yamlsafe.Loaded,
    findings: Findings,
    root: Path,
    ids: Mapping[str, tuple[str, ...]],
) -> tuple[Rule, ...]:
    """Return the ``rules`` setting: a list, or the name of a YAML file in the project holding one.

    ``ids`` gives the valid stage, question and persona ids (keys ``stages``, ``questions``,
    ``personas``).
    """
    if value is None:
        return ()
    if not isinstance(value, str):
        return _RuleReader(loaded, findings, None, ids).read(value, ("rules",))
    path = real(root / value.strip())
    if not path.is_relative_to(root):
        findings.error(loaded, ("rules",), "the rules file must be inside the project", f"got '{value}'")
        return ()
    src = path.relative_to(root).as_posix()
    try:
        text = read_bounded(path, MAX_RULES_FILE).decode("utf-8-sig")
    except TooLarge:
        message = f"rules file '{value}' is larger than {MAX_RULES_FILE // 1024} KiB"
        findings.error(loaded, ("rules",), message, "write broader rules: one glob matches many files")
        return ()
    except (Unreadable, UnicodeDecodeError) as exc:
        hint = "create it, or write the rules as a list under 'rules:'"
        findings.error(loaded, ("rules",), f"cannot read rules file '{value}': {exc}", hint)
        return ()
    try:
        rules_loaded = yamlsafe.load(text)
    except yamlsafe.YamlProblem as exc:
        findings.yaml_problem(exc, src)
        return ()
    return _RuleReader(rules_loaded, findings, src, ids).read(rules_loaded.data, ())


def read_max_age(value: Any, loaded: yamlsafe.Loaded, findings: Findings) -> tuple[int, str]:
    """Return ``max_age`` as (count, unit), e.g. ``18 months`` as (18, ``months``); (0, "") when not set."""
    if value is None or value is False:
        return 0, ""
    found = _AGE.match(value) if isinstance(value, str) else None
    if found is None or int(found.group(1)) == 0:
        findings.error(
            loaded,
            ("max_age",),
            "'max_age' must be a count and a unit",
            "e.g. max_age: 18 months (days, weeks, months or years)",
        )
        return 0, ""
    return int(found.group(1)), found.group(2) + "s"
