"""Hashes of what pages and reports are made from: stable across processes, remembered for ``serve``.

`stagemap.write.depends` puts them together into one key per page.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any

from ..analyse.reports import projected
from ..analyse.search import searched_body
from ..model.library import Asset, Library
from ..model.report import Report
from .digests import digest, stable, text_hash

__all__ = [
    "body_hash",
    "digest",
    "front",
    "library_key",
    "projected",
    "same_report",
    "search_key",
    "stable",
    "text_hash",
]


def front(asset: Asset) -> str:
    """Return the hash of every field of an asset but its body (new fields are in without a change here)."""
    values = tuple(getattr(asset, name) for name in _FRONT_FIELDS)
    if not asset.extra:
        return _front_hash(values)
    return text_hash(repr((values, stable(asset.extra))))


@functools.lru_cache(maxsize=1 << 16)
def _front_hash(values: tuple[Any, ...]) -> str:
    """Hash front matter without extra fields; remembered, so that ``serve`` hashes only what changed.

    The fields are strings, tuples of strings, dates and numbers, whose repr is stable.
    """
    return text_hash(repr((values, [])))


@functools.lru_cache(maxsize=1 << 16)
def body_hash(body: str) -> str:
    """Hash a body; remembered, so that ``serve`` hashes only the edited one (a kept body's string hash is cached)."""
    return text_hash(body)


_FRONT_FIELDS = tuple(f.name for f in dataclasses.fields(Asset) if f.name not in ("body", "extra"))


def library_key(library: Library) -> tuple[dict[str, str], str]:
    """Return each asset's front-matter hash by id, and one hash of them all and the problems.

    Remembered for the latest library: the report and the page keys of one build both ask.
    """
    if _LIBRARY and _LIBRARY[0][0] is library:
        return _LIBRARY[0][1]
    # ``serve`` reads an unchanged file into the same `Asset`: only the edited one is hashed again.
    old, known = (_LIBRARY[0][0].by_id, _LIBRARY[0][1][0]) if _LIBRARY else ({}, {})
    fronts = {a.id: known[a.id] if old.get(a.id) is a else front(a) for a in library.assets}
    found = fronts, digest(sorted(fronts.items()), stable(library.problems))
    _LIBRARY[:] = [(library, found)]
    return found


_LIBRARY: list[tuple[Library, tuple[dict[str, str], str]]] = []


def search_key(base: str, library: Library) -> str:
    """Return the key of the search index's files: the site-wide key ``base``, every asset's front
    matter and the part of its body the index reads (see `stagemap.analyse.search.searched_body`).

    An asset's entry is made from its front matter, that part of its body, its state (from its
    front matter and the as-of day) and its page (in the site-wide key): with the same key, the
    index's files are the same bytes.
    """
    _, everything = library_key(library)
    return digest(base, "search", everything, projected(library, "searched", _searched))


def _searched(asset: Asset) -> tuple[str]:
    """The hash of the part of an asset's body the search index reads (`projected` asks only for assets read again)."""
    return (text_hash(searched_body(asset)),)


def same_report(inputs: str, make: Callable[[], Report]) -> Report:
    """Return ``make()``, or the report it made last time when ``inputs`` (a hash of everything it reads) are the same.

    ``serve`` builds again after every save; an edit to a body, or to front matter the report
    does not read (`stagemap.analyse.reports.report_inputs`), leaves the report as it was.
    """
    if not _REPORT or _REPORT[0][0] != inputs:
        _REPORT[:] = [(inputs, make())]
    return _REPORT[0][1]


_REPORT: list[tuple[str, Report]] = []
