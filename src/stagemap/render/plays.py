"""Render plays with the Jinja environment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..analyse.plays import build_play
from ..model.library import Library
from ..model.play import Play
from ..model.report import Report
from ..model.settings import Config
from .environment import GENERATOR, environment, render
from .evidence import asset_line, stage_line

PLAY_FORMATS = ("md", "html", "txt")
"""Formats a play can be rendered in: each has its ``play.FORMAT.j2``."""


def play_context(config: Config, report: Report, play: Play, generator: str) -> dict[str, Any]:
    """Return the documented template context of a play template.

    ``evidence`` (asset id to one line) and ``stage_evidence`` say what buyers did, each
    figure with its source and period; empty without imported signals.
    """
    found = report.evidence
    stage = found.for_stage(play.stage.id) if found is not None else None
    return {
        "project": {"name": config.name, "purpose": config.purpose},
        "play": play,
        "as_of": report.as_of.isoformat(),
        "generator": generator,
        "evidence": {a.asset: asset_line(a) for a in found.assets} if found is not None else {},
        "stage_evidence": stage_line(stage) if stage is not None and (stage.arrived or stage.views) else "",
    }


def render_play(
    config: Config,
    library: Library,
    report: Report,
    stage_id: str,
    fmt: str,
    *,
    link_base: Path | None = None,
) -> str:
    """Render one stage's play for the report's persona with ``play.FMT.j2``."""
    play = build_play(config, library, report, stage_id, link_base=link_base)
    env = environment(config.templates_dir)
    return render(env, f"play.{fmt}.j2", play_context(config, report, play, GENERATOR))
