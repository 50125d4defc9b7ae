"""The coverage report of each persona, worked out once per library however many pages ask for it.

The page keys (`stagemap.write.depends`) and the site plan (`stagemap.analyse.site`) both need
the report of every persona that has a play; both ask here, with the same settings and library
objects, so each report is made once per build.

`report_inputs` says when a report made from another library is this one's too: ``serve`` keeps
its reports while an edit leaves what `analyse` reads as it was (a title, a summary, a body).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping
from typing import Any

from ..model.library import Asset, Library
from ..model.report import Report
from ..model.settings import Config
from .coverage import analyse
from .lint import lint_reads

__all__ = ["persona_report", "projected", "remember_reports", "report_inputs"]

_latest: list[tuple[Config, Library, dt.date, dict[str, Report]]] = []
"""The reports of the latest library asked about (one library at a time, so little is kept)."""


def _entry(config: Config, library: Library, as_of: dt.date) -> dict[str, Report]:
    if not _latest or _latest[0][0] is not config or _latest[0][1] is not library or _latest[0][2] != as_of:
        _latest[:] = [(config, library, as_of, {})]
    return _latest[0][3]


def persona_report(config: Config, library: Library, as_of: dt.date, persona: str) -> Report:
    """Return ``analyse(config, library, as_of, persona=persona)``, made once for these objects."""
    reports = _entry(config, library, as_of)
    if persona not in reports:
        reports[persona] = analyse(config, library, as_of, persona=persona)
    return reports[persona]


def remember_reports(config: Config, library: Library, as_of: dt.date, reports: Mapping[str, Report]) -> None:
    """Take ``reports`` as the persona reports of these objects (the caller knows they are the same)."""
    _entry(config, library, as_of).update(reports)


def report_inputs(library: Library) -> str:
    """Return a hash of everything `analyse` reads of a library (with the same settings, day and evidence, the same report).

    That is the assets in their order and, of each, only the fields the coverage, flow,
    ranking and lint read (`analysed`): an edit to anything else leaves the hash as it was.
    Remembered for the latest library, whose unchanged assets (the same objects) are not read again.
    """
    return projected(library, "analysed", analysed)


def projected(library: Library, name: str, project: Callable[[Asset], tuple[Any, ...]]) -> str:
    """Return a hash of ``project(asset)`` for every asset of the library, in order.

    ``project`` picks fields with a stable repr. Remembered by ``name`` for the latest library
    asked about: ``serve`` reads an unchanged file into the same `Asset`, which is not looked at again.
    """
    last = _PROJECTED.get(name)
    if last is not None and last[0] is library:
        return last[2]
    old = last[1] if last is not None else {}
    hashes: dict[str, tuple[Asset, str]] = {}
    for asset in library.assets:
        known = old.get(asset.id)
        if known is None or known[0] is not asset:
            known = asset, _sha(repr(project(asset)))
        hashes[asset.id] = known
    found = _sha("".join(hashes[a.id][1] for a in library.assets))
    _PROJECTED[name] = (library, hashes, found)
    return found


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


_PROJECTED: dict[str, tuple[Library, dict[str, tuple[Asset, str]], str]] = {}
"""By name: the latest library projected, each asset with the hash of its projection, and their hash."""


def analysed(asset: Asset) -> tuple[Any, ...]:
    """Return every field of an asset that `analyse` reads, directly or through lint, ranking and flow.

    A test changes each field of `Asset` and checks that the hash moves exactly for these.
    """
    return (
        asset.id,
        asset.path,  # problems and suggested commands name the file
        asset.stages,
        asset.questions,
        asset.personas,
        asset.status,
        asset.review_by,  # staleness
        asset.publish_on,  # not on the site yet
        asset.next,
        asset.next_pos,  # lint points at it
        asset.cta_pos,
        asset.audience,  # internal material is not handed on, nor linted for "not for"
        asset.url,  # inferred next steps follow links by address
        asset.links,
        lint_reads(asset),  # only what the rules find in the words
    )
