"""Read a site's own keys as stagemap fields: ``name`` as the title, ``draft: true`` as the status.

An alias is used only when the stagemap field itself is absent; of a field's aliases, the first
one present with a usable value wins. A value an alias cannot stand for (a date that is not a
date, an author given as a mapping without a ``name``) is left alone: the key is the site's,
and stays in ``extra`` as it is.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from typing import Any

from ..lazyre import lazy
from ..model.library import ALL_FIELDS
from ..model.settings import ReadRules
from . import yamlsafe

_DATE = lazy(r"^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$")
_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_WORDED = lazy(
    r"^(?:[A-Za-z]{3,9},?\s+)?(?:(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3,9})\.?"
    r"|(?P<month2>[A-Za-z]{3,9})\.?\s+(?P<day2>\d{1,2})(?:st|nd|rd|th)?,?)\s+(?P<year>\d{4})(?:[\sT,].*)?$"
)
"""A date written with its month's name, as sites' own date keys often are and their generators
read them (Astro's ``z.coerce.date()``, Hugo, Jekyll): ``Jul 08 2022``, ``July 8, 2022``,
``8 July 2022``, ``Fri, 08 Jul 2022 10:00:00 GMT``."""
_EXPIRY_KEYS = frozenset({"expirydate", "unpublishdate"})
"""Hugo's keys for when a page leaves the site: its review date is the day before."""
DATE_FIELDS = ("updated", "review_by", "publish_on")
"""Fields holding a date: an alias's date-time is cut to its date."""


FLAG_TEXT = frozenset({"hugo", "docusaurus"})
"""Generators that read a draft flag written as text (``draft: "true"``) as the flag: Hugo's
cast.ToBool, Docusaurus's Joi boolean; Astro's schema refuses it, Eleventy's drafts recipe
takes any text for true. With ``flags`` (`alias_value`), such a text is the flag."""
JS_YAML = frozenset({"docusaurus", "gatsby", "astro", "eleventy"})
"""Generators that read front matter with JavaScript's YAML (js-yaml), which makes a date of a day
the month does not have (``2017-02-29``) the days after it (1 March), as JavaScript's ``Date`` does."""


def alias_value(field: str, key: str, value: Any, rolled: bool = False, flags: bool = False) -> Any:
    """Return what ``value`` under the site's ``key`` means for stagemap's ``field``; None if
    nothing. With ``rolled`` (`JS_YAML`), a date of a day its month does not have is the day
    JavaScript makes of it (Babel's posts dated 2017-02-29 were refused as no real date)."""
    if field == "status":
        if (
            flags
            and isinstance(value, str)
            and "draft" in key.lower()
            and value.strip().lower() in ("true", "false")
        ):
            value = value.strip().lower() == "true"  # (``draft: "true"``: `FLAG_TEXT`)
        if not isinstance(value, bool):  # a date is another key's meaning (Hugo's ``published``: publishDate)
            return value if isinstance(value, str) and not _DATE.match(value.strip()) else None
        drafted = value if "draft" in key.lower() else not value
        return "draft" if drafted else None
    if field in DATE_FIELDS:
        if isinstance(value, Mapping):  # Docusaurus's ``last_update: {date: ..., author: ...}``
            value = value.get("date")
        found = _DATE.match(value.strip()) if isinstance(value, str) else None
        date = found.group(1) if found else _worded_date(value) if isinstance(value, str) else None
        if date and field == "review_by" and key.lower() in _EXPIRY_KEYS:
            return _last_day(date, str(value).strip()[10:] if found else "")
        return _rolled(date) if date and rolled else date
    if field == "url" and key == "path":  # Gatsby's route: never a file's path (``images/x.png``)
        return value if isinstance(value, str) and value.startswith("/") else None
    if field == "owner":  # (a person written as a mapping: Harbor's ``author: {name: ...}``)
        names = [_name(v) for v in (value if isinstance(value, list) else [value])]
        return ", ".join(name for name in names if name) or None
    if isinstance(value, str) and value.strip():
        return value
    return None


def _name(person: Any) -> str:
    """Return the name of an author or owner as a site writes one: text, or a mapping's ``name``
    (its other keys, an email or a link, are the site's); "" for none."""
    if isinstance(person, Mapping):
        person = person.get("name")
    return person.strip() if isinstance(person, str) else ""


def _rolled(date: str) -> str:
    """Return ``YYYY-MM-DD`` as JavaScript's ``Date.UTC`` reads it: a day past its month's end
    runs on into the next (``2017-02-29`` is ``2017-03-01``); a real date as it is."""
    try:
        year, month, day = (int(part) for part in date.split("-"))
        return (dt.date(year, month, 1) + dt.timedelta(days=day - 1)).isoformat() if 1 <= day <= 31 else date
    except (ValueError, OverflowError):  # month 13: no date at all
        return date


def _last_day(date: str, time: str) -> str | None:
    """Return the last day a page Hugo leaves out from ``date`` at ``time`` (an expiryDate) is on
    the site: the day before, for a date alone or at midnight; else that day. None: no date."""
    try:
        day = dt.date.fromisoformat(date)
        rest = time.strip(" Tt")
        return (
            (day - dt.timedelta(days=1)).isoformat()
            if not rest or rest.startswith("00:00")
            else day.isoformat()
        )
    except (ValueError, OverflowError):  # 2025-02-30, 0001-01-01
        return None


def _worded_date(value: str) -> str | None:
    """Return a date written with its month's name (`_WORDED`) as ``YYYY-MM-DD``; None if it is none."""
    found = _WORDED.match(value.strip())
    if found is None:
        return None
    name = (found.group("month") or found.group("month2")).lower()
    number = next((n for n, m in enumerate(_MONTHS, 1) if name in (m, m[:3]) or name == m[:4] == "sept"), 0)
    try:
        return dt.date(
            int(found.group("year")), number, int(found.group("day") or found.group("day2"))
        ).isoformat()
    except ValueError:  # no such month, or 31 June
        return None


def apply_aliases(
    loaded: yamlsafe.Loaded, aliases: Mapping[str, tuple[str, ...]], generator: str = ""
) -> yamlsafe.Loaded:
    """Return ``loaded`` with each absent field filled from its first usable alias, positions kept
    (its dates read as the ``generator``'s YAML reads them: see `alias_value`)."""
    data: dict[Any, Any] = loaded.data
    found: dict[str, tuple[str, Any]] = {}
    for field, keys in aliases.items():
        if data.get(field) is not None:
            continue
        for key in keys:
            if key in data and key != field:
                value = alias_value(field, key, data[key], generator in JS_YAML, generator in FLAG_TEXT)
                if value is not None:
                    found[field] = (key, value)
                    break
    if not found:
        return loaded
    view = yamlsafe.Loaded(dict(data), dict(loaded.values), dict(loaded.keys), dict(loaded.styles))
    for field, (key, value) in found.items():
        view.data[field] = value
        view.keys[(field,)] = loaded.keys.get((key,), loaded.pos())
        view.values[(field,)] = loaded.pos(key)
    return view


def fold_keys(loaded: yamlsafe.Loaded, rules: ReadRules) -> yamlsafe.Loaded:
    """Return ``loaded`` with the keys the site's generator reads in any case in our spelling.

    Hugo does (``Title:`` is the title, ``Draft: true`` a draft, ``LinkTitle`` and
    ``linktitle`` its ``linkTitle``): a key that is a field, an alias or a known key of the site in another
    case is read as that one, unless the page has that one too (the page's own spelling
    wins; the other gets the near-miss warning). Positions follow the keys. Any other key,
    and every key on other generators, is left as it is.
    """
    if not keys_any_case(rules.generator) or not isinstance(loaded.data, dict):
        return loaded
    ours = _spellings(rules.known_keys | alias_keys(rules.aliases))
    names = {k: ours[k.lower()] for k in loaded.data if isinstance(k, str) and ours.get(k.lower(), k) != k}
    if not names:
        return loaded
    taken = set(loaded.data)
    for key in list(names):
        if names[key] in taken:
            del names[key]
        taken.add(names.get(key, key))
    data = {names.get(k, k): v for k, v in loaded.data.items()}

    def moved(paths: dict[tuple[Any, ...], Any]) -> dict[tuple[Any, ...], Any]:
        return {(names.get(p[0], p[0]), *p[1:]) if p else p: v for p, v in paths.items()}

    return yamlsafe.Loaded(data, moved(loaded.values), moved(loaded.keys), moved(loaded.styles))


_ANY_CASE = frozenset({"hugo"})
"""Generators that read front matter keys in any case (Hugo lower-cases them as it reads)."""


def keys_any_case(generator: str) -> bool:
    """Whether ``generator`` reads front matter keys in any case (``Status`` is ``status``)."""
    return generator in _ANY_CASE


def spelt(data: Any, key: str, any_case: bool) -> str:
    """Return how a page's front matter ``data`` spells ``key``: ``Status`` for ``status`` on a
    site that reads keys in any case and has no ``status``; else ``key`` itself."""
    if not any_case or not isinstance(data, dict) or key in data:
        return key
    return next((k for k in data if isinstance(k, str) and k.lower() == key.lower()), key)


@functools.lru_cache(maxsize=8)
def _spellings(site_keys: frozenset[str]) -> dict[str, str]:
    """Return our spelling of each field and site key, by its lower case (a field first)."""
    return {k.lower(): k for k in sorted(site_keys, reverse=True) + sorted(ALL_FIELDS, reverse=True)}


def alias_keys(aliases: Mapping[str, tuple[str, ...]]) -> frozenset[str]:
    """Return every site key that stands for a stagemap field."""
    return frozenset(key for keys in aliases.values() for key in keys)
