"""The coverage report of each persona, worked out once per library however many pages ask for it.

The page keys (`stagemap.write.depends`) and the site plan (`stagemap.analyse.site`) both need
the report of every persona that has a play; both ask here, with the same settings and library
objects, so each report is made once per build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ..model.library import Library
from ..model.report import Report
from ..model.settings import Config
from .coverage import analyse

__all__ = ["persona_report", "remember_reports"]

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
