"""Relative links between the site's own pages: every link is relative, so the site works from
``file://`` and from any sub-path of a web server (links in asset bodies: `stagemap.render.links`)."""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Mapping

from ..model.report import Cell


def gap_anchor(stage: str, question: str) -> str:
    """Return the id of a gap's brief on the gaps page (ids never contain a dot)."""
    return f"gap-{stage}.{question}"


@functools.lru_cache(maxsize=4096)
def _climb(here: str, there: str) -> str:
    """Return the relative prefix from folder ``here`` to folder ``there`` (both site-relative)."""
    if here == there:
        return ""
    rel = posixpath.relpath(there or ".", here or ".")
    return "" if rel == "." else rel + "/"


class Links:
    """Relative links from one page to the others."""

    def __init__(self, page: str, assets: Mapping[str, str]) -> None:
        self._here = posixpath.dirname(page)
        self._assets = assets

    def to(self, path: str) -> str:
        """Return a link to a path relative to the site root."""
        folder, _, name = path.rpartition("/")
        return _climb(self._here, folder) + name

    def home(self) -> str:
        return self.to("index.html")

    def gaps(self) -> str:
        return self.to("gaps.html")

    def gap(self, stage: str, question: str) -> str:
        return self.to("gaps.html") + "#" + gap_anchor(stage, question)

    def index(self) -> str:
        return self.to("assets.html")

    def stages(self) -> str:
        return self.to("stages.html")

    def plays(self) -> str:
        return self.to("plays.html")

    def play(self, stage_id: str, persona_id: str = "") -> str:
        """Return a link to a stage's play, for everyone or for one persona."""
        return self.to(f"plays/{stage_id}/{persona_id}.html" if persona_id else f"plays/{stage_id}.html")

    def root(self) -> str:
        """Return the prefix that leads from this page to the site root (empty at the root)."""
        return _climb(self._here, "")

    def stage(self, stage_id: str) -> str:
        return self.to(f"stages/{stage_id}.html")

    def question(self, question_id: str) -> str:
        return self.to(f"questions/{question_id}.html")

    def persona(self, persona_id: str) -> str:
        return self.to(f"personas/{persona_id}.html")

    def asset(self, asset_id: str) -> str:
        return self.to(self._assets[asset_id])

    def static(self, name: str) -> str:
        return self.to(f"static/{name}")

    def cell(self, cell: Cell) -> str:
        """Where a heatmap cell leads: the stage's assets when covered, else the gap's brief."""
        if cell.state == "covered":
            return self.stage(cell.stage) + f"#q-{cell.question}"
        return self.gap(cell.stage, cell.question)
