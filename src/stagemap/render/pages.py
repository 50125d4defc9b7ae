"""What every page of the site is made with: the values each template receives, a rendered page.

Pure; see `stagemap.render.site` for the values every template receives.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import jinja2

from ..analyse.site import SitePage, SitePlan
from .environment import render
from .pagelinks import Links
from .report import SYMBOLS

STATE_LABELS = {
    "ready": "published",
    "scheduled": "scheduled",
    "stale": "published, past review",
    "idea": "idea",
    "draft": "draft",
    "review": "in review",
    "retired": "retired",
}
CELL_LABELS = {"covered": "covered", "thin": "thin", "empty": "empty", "n/a": "not applicable"}
SECTIONS = {
    "home": "home",
    "stages": "stages",
    "plays": "plays",
    "play": "plays",
    "gaps": "gaps",
    "assets": "assets",
    "stage": "stages",
    "question": "questions",
    "persona": "personas",
    "asset": "assets",
    "broken": "assets",
    "history": "history",
    "assets-part": "assets",
    "stage-part": "stages",
    "persona-part": "personas",
}
"""The part of the site (``page.section``) each kind of page belongs to."""


@dataclass(frozen=True, slots=True)
class Rendered:
    """One rendered page."""

    path: str
    """Where it goes, relative to the site root."""
    text: str
    """Its HTML."""
    linked: tuple[str, ...]
    """The content files it links to, as ``files/PATH`` (sorted): the site must copy them."""


def page_text(
    plan: SitePlan, env: jinja2.Environment, template: str, page: SitePage, title: str, **values: Any
) -> str:
    """Render one page's template with the values every template receives, and its own."""
    context = {
        "site": plan.site,
        "page": {"path": page.path, "title": title, "section": SECTIONS[page.kind]},
        "url": Links(page.path, plan.paths),
        "problems": plan.library.problems,
        "state_of": plan.states,
        "state_labels": STATE_LABELS,
        "cell_labels": CELL_LABELS,
        "symbols": SYMBOLS,
        "names": plan.names,
        "broken": plan.broken,
        **values,
    }
    return render(env, f"site/{template}", context)
