"""Render message kits with the Jinja environment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..analyse.kits import build_kit
from ..model.kit import Kit
from ..model.library import Library
from ..model.report import Report
from ..model.settings import Config
from .environment import GENERATOR, environment, render

KIT_FORMATS = ("md", "html", "txt")
"""Formats a kit can be rendered in: each has its ``kit.FORMAT.j2`` and ``kit-index.FORMAT.j2``."""


def _project(config: Config) -> dict[str, str]:
    return {"name": config.name, "purpose": config.purpose}


def kit_context(config: Config, report: Report, kit: Kit, generator: str) -> dict[str, Any]:
    """Return the documented template context of a kit template."""
    return {
        "project": _project(config),
        "kit": kit,
        "as_of": report.as_of.isoformat(),
        "generator": generator,
    }


def render_kit(
    config: Config,
    library: Library,
    report: Report,
    stage_id: str,
    fmt: str,
    *,
    link_base: Path | None = None,
) -> str:
    """Render one stage's kit with the project's (or the built-in) ``kit.FMT.j2`` template."""
    kit = build_kit(config, library, report, stage_id, persona=report.persona, link_base=link_base)
    env = environment(config.templates_dir)
    return render(env, f"kit.{fmt}.j2", kit_context(config, report, kit, GENERATOR))


def render_kits(
    config: Config,
    library: Library,
    reports: dict[str | None, Report],
    fmt: str,
    out_dir: Path,
) -> dict[str, str]:
    """Render every kit (one per stage, per persona report given) and an index.

    ``reports`` maps a persona id (None for everyone) to its report. Returns
    ``{path relative to out_dir: text}``. With more than one report the index is a grid: a
    row per stage (``grid``), a column per report (``columns``: "Everyone" or the persona's name).
    """
    env = environment(config.templates_dir)
    files: dict[str, str] = {}
    entries = []
    for persona, report in reports.items():
        folder = out_dir if persona is None else out_dir / persona
        for stage in config.model.stages:
            kit = build_kit(config, library, report, stage.id, persona=persona, link_base=folder)
            name = f"{stage.index + 1:02d}-{stage.id}.{fmt}"
            rel = name if persona is None else f"{persona}/{name}"
            files[rel] = render(env, f"kit.{fmt}.j2", kit_context(config, report, kit, GENERATOR))
            title = stage.name if kit.persona is None else f"{stage.name} for {kit.persona.name}"
            entries.append({"title": title, "href": rel, "kit": kit})
    first = next(iter(reports.values()))
    per_stage = len(config.model.stages)
    names = {p.id: p.name for p in config.personas}
    columns = [names[p] if p else "Everyone" for p in reports]
    grid = [{"stage": stage, "kits": entries[stage.index :: per_stage]} for stage in config.model.stages]
    context: dict[str, Any] = {
        "project": _project(config),
        "model": config.model,
        "kits": entries,
        "columns": columns,
        "grid": grid,
        "as_of": first.as_of.isoformat(),
        "generator": GENERATOR,
        "format": fmt,
    }
    files[f"index.{fmt}"] = render(env, f"kit-index.{fmt}.j2", context)
    return files
