"""Hugo's ``permalinks``: a page's route from a pattern in Hugo's tokens (``/:year/:month/:slug/``).

Hugo fills a pattern from the page's front matter and place: its date (``:year``, ``:month``,
``:monthname``, ``:day``, ``:weekday``, ``:weekdayname``, ``:yearday``, and Go's layout parts
such as ``:2006``, ``:01``, ``:Jan``), its sections (``:section``, ``:sections``, with a slice
such as ``:sections[1:]`` or ``:sections[last]``), its title and slug (``:title``, ``:slug``,
the slug else the title) and its file's base name (``:contentbasename``, ``:filename``, a leaf
bundle's folder; ``:slugorcontentbasename``, ``:slugorfilename``). The date is the first of
``date``, ``publishDate``, ``pubdate``, ``published``, ``lastmod``, ``modified`` the page has
(Hugo's default order), else Hugo's zero date, 0001-01-01. The route is made safe as Hugo
makes it: spaces become ``-``, and characters other than letters, digits and ``./_-%#+~``
are dropped.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import string
import unicodedata
from collections.abc import Mapping
from typing import Any

from ..lazyre import lazy

_TOKEN = lazy(r":(\w+)(\[[^\]]*\])?")
_DATE_KEYS = ("date", "publishdate", "pubdate", "published", "lastmod", "modified")
_DAY = lazy(r"(\d{4})-(\d{2})-(\d{2})")
_ZERO = dt.date(1, 1, 1)
_LAYOUT = {
    "2006": "%Y",
    "06": "%y",
    "01": "%m",
    "1": "month",
    "02": "%d",
    "2": "day",
    "January": "%B",
    "Jan": "%b",
    "Monday": "%A",
    "Mon": "%a",
    "002": "%j",
}
"""Go's time layout parts Hugo accepts as tokens, as ``strftime`` codes (or a number without a zero)."""


def hugo_route(pattern: str, fm: Mapping[str, Any], sub: str) -> str:
    """Return the route Hugo's ``pattern`` gives the page at ``sub`` under its content folder,
    whose front matter is ``fm``."""
    path = sub.rpartition(".")[0] if "." in sub.rpartition("/")[2] else sub
    parts = path.split("/")
    section_page = parts[-1].lower() == "_index"
    if parts[-1].lower() in ("index", "_index"):
        parts = parts[:-1]
    sections = parts if section_page else parts[:-1]
    base = parts[-1] if parts else ""
    title = _text(fm.get("title"))
    slug = _text(fm.get("slug"))
    when = _date(fm)

    def fill(found: re.Match[str]) -> str:
        token, chosen = found.group(1), found.group(2)
        if token in ("sections", "sectionslugs"):
            return "/".join(_slice(sections, chosen or ""))
        value = _value(token, when, sections, title, slug, base)
        return found.group(0) if value is None else value + (chosen or "")

    return hugo_safe(_TOKEN.sub(fill, pattern))


def _value(token: str, when: dt.date, sections: list[str], title: str, slug: str, base: str) -> str | None:
    """Return what one token stands for, None for a token Hugo does not know (kept as written)."""
    simple = {
        "year": f"{when.year:04d}",
        "month": f"{when.month:02d}",
        "monthname": calendar.month_name[when.month],
        "day": f"{when.day:02d}",
        "weekday": str((when.weekday() + 1) % 7),  # Sunday is 0
        "weekdayname": calendar.day_name[when.weekday()],
        "yearday": str(when.timetuple().tm_yday),
        "section": sections[0] if sections else "",
        "sectionslug": sections[0] if sections else "",
        "title": title,
        "slug": slug or title,
        "filename": base,
        "contentbasename": base,
        "slugorfilename": slug or base,
        "slugorcontentbasename": slug or base,
    }
    if token in simple:
        return simple[token]
    code = _LAYOUT.get(token)
    if code == "month":
        return str(when.month)
    if code == "day":
        return str(when.day)
    if code == "%Y":
        return f"{when.year:04d}"  # (strftime writes the year 1 as "1")
    return when.strftime(code) if code else None


def _slice(sections: list[str], chosen: str) -> list[str]:
    """Return the sections a slice picks: ``[1:]``, ``[:last]``, ``[last]``, ``[1:2]`` (never out of range)."""
    inside = chosen.strip("[]").replace(" ", "")
    if not inside:
        return sections
    last = len(sections) - 1

    def index(text: str, default: int) -> int:
        if text == "":
            return default
        if text == "last":
            return last
        return int(text) if text.isdigit() else default

    if ":" not in inside:
        at = index(inside, -1)
        return sections[at : at + 1] if 0 <= at < len(sections) else []
    start, _, end = inside.partition(":")
    return sections[index(start, 0) : index(end, len(sections))]


def _date(fm: Mapping[str, Any]) -> dt.date:
    """Return the page's date as Hugo takes it, Hugo's zero date when it has none."""
    lowered = {str(k).lower(): v for k, v in fm.items()}
    for key in _DATE_KEYS:
        value = lowered.get(key)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        found = _DAY.match(value.strip()) if isinstance(value, str) else None
        if found:
            try:
                return dt.date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
            except ValueError:
                continue
    return _ZERO


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def hugo_safe(route: str) -> str:
    """Return a route as Hugo makes a path safe (its UnicodeSanitize, each part on its own, as
    Hugo makes each token's value): letters, marks, decimal digits and ``._-#+~@`` kept, ``%``
    before two hex digits; a run of spaces is one ``-``, none after a ``-`` (``2.0 - what`` is
    ``2.0-what``) nor at a part's end; anything else left out."""
    return "/".join(_sanitized(part) for part in route.replace("\\", "/").split("/"))


def _sanitized(part: str) -> str:
    out: list[str] = []
    spaced = hyphen = False
    for at, ch in enumerate(part):
        kind = unicodedata.category(ch)
        if kind[0] in "LM" or kind == "Nd" or ch in "._#+~-@" or _escape(part, at):
            hyphen = ch == "-"
            if spaced and not hyphen:
                out.append("-")
            spaced = False
            out.append(ch)
        elif out and not hyphen and ch.isspace():
            spaced = True
    return "".join(out)


def _escape(route: str, at: int) -> bool:
    """Whether a ``%`` at ``at`` starts an escape (two hex digits follow)."""
    return (
        route[at] == "%"
        and all(c in string.hexdigits for c in route[at + 1 : at + 3])
        and at + 2 < len(route)
    )
