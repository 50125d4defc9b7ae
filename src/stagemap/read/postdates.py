"""The day a Jekyll post's route takes from its ``date``, in the site's time zone.

Jekyll gives a post the date in its file's name (``2016-08-24-admin.md``), then its front
matter's ``date`` over it; ``:year``, ``:month`` and ``:day`` in a permalink are that date in
the site's ``timezone`` (a post dated ``2016-08-25 09:50:00 +0300`` on a site in
``America/Los_Angeles`` is at ``/2016/08/24/``). A date without a time, or a time without a
zone, is the day as written: Jekyll reads it in the site's zone already.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo
from collections.abc import Mapping
from typing import Any

from ..lazyre import lazy
from .yamlsafe import Loaded

_WHEN = lazy(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[ \t]*[T ][ \t]*(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?"
    r"[ \t]*(Z|[+-]\d{2}:?\d{2}|[+-]\d{1,2})?[ \t]*"
)
"""A date as YAML and Ruby's ``Time.parse`` read it: ``2014-11-05``, ``2014-11-05 10:48:22 -0800``,
``2016-08-25T09:50:00+03:00``."""


def post_day(value: Any, timezone: str = "") -> tuple[str, str, str] | None:
    """Return (year, month, day) of a post's ``date`` in ``timezone`` (empty: UTC), zero-padded;
    None when ``value`` is no date."""
    if isinstance(value, dt.datetime):
        when = value
    elif isinstance(value, dt.date):
        return _parts(value)
    elif isinstance(value, str) and (found := _WHEN.fullmatch(value.strip())):
        try:
            when = _parsed(found)
        except ValueError:  # 2024-02-31, 25:00
            return None
    else:
        return None
    if when.tzinfo is None:
        return _parts(when.date())
    zone = _zone(timezone) if timezone else dt.UTC
    return _parts(when.astimezone(zone or dt.UTC).date())


def site_zone(settings: Any) -> str:
    """Return a Jekyll site's ``timezone`` (its ``_config.yml``'s data) when the time zone database
    here knows it; else empty (its posts' days are then read in UTC)."""
    zone = settings.get("timezone") if isinstance(settings, dict) else None
    return zone if isinstance(zone, str) and known_zone(zone) else ""


def known_zone(name: str) -> bool:
    """Whether ``name`` is a zone of the time zone database here (``Europe/London``)."""
    return _zone(name) is not None


@functools.lru_cache(maxsize=16)
def _zone(name: str) -> dt.tzinfo | None:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def _parsed(found: re.Match[str]) -> dt.datetime:
    year, month, day = (int(found.group(i)) for i in (1, 2, 3))
    if found.group(4) is None:
        return dt.datetime(year, month, day)
    hour, minute, second = int(found.group(4)), int(found.group(5)), int(found.group(6) or 0)
    offset = found.group(7)
    zone: dt.tzinfo | None = None
    if offset == "Z":
        zone = dt.UTC
    elif offset:
        digits = offset[1:].replace(":", "")
        hours, minutes = (int(digits[:-2] or 0), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
        delta = dt.timedelta(hours=hours, minutes=minutes)
        zone = dt.timezone(delta if offset[0] == "+" else -delta)
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=zone)


def _parts(day: dt.date) -> tuple[str, str, str]:
    return f"{day.year:04d}", f"{day.month:02d}", f"{day.day:02d}"


_NAME_DATE = lazy(r"(\d{4})-(\d{1,2})-(\d{1,2})-")
"""A date a Jekyll document's name starts with (a month and day of one digit too: ``2024-3-5-x``)."""


def name_day(sub: str) -> dt.date | None:
    """Return the date a Jekyll document's file name starts with (``_posts/2024-03-05-hello.md``),
    which Jekyll gives the post when its front matter has no ``date``; None for a page (in no
    folder starting with ``_``), a name without a date, or one that is no real day."""
    folders, _, name = sub.rpartition("/")
    found = _NAME_DATE.match(name)
    if found is None or not any(part.startswith("_") for part in folders.split("/")):
        return None
    try:
        return dt.date(*(int(part) for part in found.groups()))
    except ValueError:
        return None


def add_age(day: dt.date, count: int, unit: str) -> dt.date:
    """Return ``day`` plus ``count`` days, weeks, months or years (a month end stays in its month).

    A day past the calendar's end (year 9999) is its last day: such an age never runs out.
    """
    try:
        if unit in ("days", "weeks"):
            return day + dt.timedelta(days=count * (7 if unit == "weeks" else 1))
        months = day.month - 1 + count * (12 if unit == "years" else 1)
        year, month = day.year + months // 12, months % 12 + 1
        last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
        return dt.date(year, month, min(day.day, last))
    except (OverflowError, ValueError):
        return dt.date.max


def document_dates(loaded: Loaded, rel: str, sub: str, aliases: Mapping[str, tuple[str, ...]]) -> Loaded:
    """Return a Jekyll page's front matter with the day it goes on the site as its ``publish_on``.

    Jekyll writes a document (a post, a collection's page: in a source, ``sub`` being the file's
    path under it, that is a folder starting with ``_``) only once its date has come, unless the
    site sets ``future: true``: that date is its front matter's ``date`` (read as an alias), else
    the one in its file's name. A page is written whatever its ``date`` says, in a folder
    starting with ``_`` too (``_pages/``, which ``include`` brings in): it has none. ``aliases: {publish_on: []}`` in
    ``stagemap.yml`` (a site with ``future: true``) reads neither.
    """
    view = Loaded(dict(loaded.data), dict(loaded.values), dict(loaded.keys), dict(loaded.styles))
    folders = rel[: len(rel) - len(sub)] if sub and rel.endswith(sub) else rel.rpartition("/")[0]
    document = any(part.startswith("_") for part in folders.split("/"))
    if loaded.data.get("publish_on") is not None:
        if not document:  # a page's ``date``: Jekyll writes the page whatever it says
            del view.data["publish_on"]
        return view
    day = name_day(rel) if document and aliases.get("publish_on") else None
    if day is not None:
        view.data["publish_on"] = day.isoformat()
        view.values[("publish_on",)] = loaded.pos()
    return view
