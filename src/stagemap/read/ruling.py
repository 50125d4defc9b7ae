"""Apply the ``rules`` setting to one file's front matter: what the file gets, and from which rule.

Every rule whose conditions all hold applies, in the order written (like Hugo's ``cascade``):
a later rule adds its stages, questions and personas to those of earlier ones and replaces
their format, audience, status and ``asset``. Then the file's own front matter wins: a field
the file sets (itself or through an alias) keeps the file's value, and the rules fill in only
the fields it leaves out. Nothing is written to the file.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from ..model.settings import RULE_LISTS, Rule, plain_value
from . import yamlsafe
from .aliases import spelt
from .globs import GlobSet


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the rules make of one file."""

    loaded: yamlsafe.Loaded
    """The front matter with the rules' values filled in where the file has none."""
    given: tuple[tuple[str, int], ...] = ()
    """(field, rule number) for every rule whose value the file took, in rule order."""
    not_asset: Rule | None = None
    """The last rule that made the file a non-asset (``asset: false``), if that stands."""


@functools.lru_cache(maxsize=512)
def _globs(paths: tuple[str, ...]) -> GlobSet:
    return GlobSet.of(paths)


@functools.lru_cache(maxsize=512)
def _title(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _heading(body: str) -> str:
    for line in body.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


def _holds(value: Any, wanted: tuple[str, ...]) -> bool:
    """Return True if a front matter value (or any item of a list) is one of ``wanted``; text
    with commas also by any of its parts, as sites and CMS exports write a list in one line
    (``tag: Development, Security``)."""
    items = value if isinstance(value, list) else [value]
    for item in items:
        if not isinstance(item, str | int | float):
            continue
        if plain_value(item) in wanted:
            return True
        if isinstance(item, str) and "," in item and any(plain_value(p) in wanted for p in item.split(",")):
            return True
    return False


def matches(rule: Rule, data: dict[str, Any], sub: str, body: str, any_case: bool = False) -> bool:
    """Return True if every condition of ``rule`` holds for the file at ``sub`` under its source.

    With ``any_case`` (a site whose generator reads keys in any case), a rule's key finds the
    page's key in another case: ``Category`` for ``category``.
    """
    if rule.paths and _globs(rule.paths).matches(sub) is None:
        return False
    if rule.has_body is not None and rule.has_body != bool(body.strip()):
        return False
    if rule.has_date is not None and rule.has_date != (data.get("updated") not in (None, "")):
        return False
    for key, wanted in rule.keys:
        value = data.get(spelt(data, key, any_case))
        if value is None and key == "section":
            folders = sub.split("/")[:-1]
            value = folders[0] if folders else None
        if value is None or not _holds(value, wanted):
            return False
    if rule.title:
        title = data.get("title")
        title = title if isinstance(title, str) else _heading(body)
        if not _title(rule.title).search(title):
            return False
    return True


def apply_rules(
    rules: tuple[Rule, ...], loaded: yamlsafe.Loaded, sub: str, body: str, any_case: bool = False
) -> Verdict:
    """Return the file's front matter with what the matching ``rules`` give it filled in (on
    ``any_case``, see `matches`)."""
    data: dict[str, Any] = loaded.data
    values: dict[str, Any] = {}
    givers: dict[str, list[int]] = {}
    not_asset: Rule | None = None
    for rule in rules:
        if not matches(rule, data, sub, body, any_case):
            continue
        if rule.asset is not None:
            not_asset = None if rule.asset else rule
        for field, value in rule.sets:
            values[field] = list(value) if field in RULE_LISTS else value
            givers[field] = [rule.number]
        for field, ids in rule.adds:
            have = values.setdefault(field, [])
            added = [v for v in ids if v not in have]
            have.extend(added)
            if added:
                givers.setdefault(field, []).append(rule.number)
    if not_asset is not None:
        return Verdict(loaded, (), not_asset)
    filled = {f: v for f, v in values.items() if data.get(f) in (None, "", [])}
    if not filled:
        return Verdict(loaded)
    view = yamlsafe.Loaded(dict(data), dict(loaded.values), dict(loaded.keys), dict(loaded.styles))
    root = loaded.pos() if loaded.values else None
    for field, value in filled.items():
        view.data[field] = value
        for key in [k for k in view.values if k[:1] == (field,)]:
            del view.values[key]  # an empty list's position would stand for items it never had
        if root is not None:
            view.values[(field,)] = root
    given = tuple((f, n) for f in filled for n in givers[f])
    return Verdict(view, tuple(sorted(given, key=lambda g: g[1])))
