"""Render message kits with the Jinja environment."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from ..analyse.kits import build_kit
from ..model.kit import Kit
from ..model.library import Library
from ..model.report import Report
from ..model.settings import Config
from .environment import GENERATOR, environment, render

KIT_FORMATS = ("md", "html", "txt")
"""Formats a kit can be rendered in: each has its ``kit.FORMAT.j2`` and ``kit-index.FORMAT.j2``."""


FullList = Callable[[str, str], str]
"""Where a reader finds every asset of a list a kit cut short: given the stage id and the
question id (empty for a list of the whole stage), the command to run, or "" for none."""


def _project(config: Config) -> dict[str, str]:
    return {"name": config.name, "purpose": config.purpose}


def more_line(fmt: str, full_list: FullList | None) -> Callable[..., str]:
    """Return the ``more(count, stage_id, question_id="")`` of a kit template's context.

    It says how many assets a list left out (see `KIT_LIMIT`) and, when ``full_list`` gives
    one, the command that lists every one: code in Markdown and HTML, plain in text.
    """

    def more(count: int, stage_id: str, question_id: str = "") -> str:
        text = f"and {count} more"
        command = full_list(stage_id, question_id) if full_list is not None else ""
        if not command:
            return text
        if fmt == "html":
            return Markup("{}; list them all: <code>{}</code>").format(text, escape(command))
        if fmt == "md":
            return f"{text}; list them all: `{command}`"
        # Held together until the kit is written (`_written`), so that wrapping a long line
        # (the ``hang`` filter) never breaks the command: pasted, half of one would run.
        return f"{text}; list them all: {command.replace(' ', _HOLD)}"

    return more


_HOLD = "\ue000"
"""Stands for a space inside a command in a text kit while it is rendered (a private-use character)."""


def _written(fmt: str, text: str) -> str:
    """The rendered kit as written: a text kit's commands get their spaces back."""
    return text.replace(_HOLD, " ") if fmt == "txt" else text


def kit_context(
    config: Config, report: Report, kit: Kit, generator: str, *, more: Callable[..., str] | None = None
) -> dict[str, Any]:
    """Return the documented template context of a kit template.

    ``more(count, stage_id, question_id="")`` words the line of a list cut short (see
    `more_line`); by default it only counts.
    """
    return {
        "project": _project(config),
        "kit": kit,
        "as_of": report.as_of.isoformat(),
        "generator": generator,
        "more": more or more_line("txt", None),
    }


def render_kit(
    config: Config,
    library: Library,
    report: Report,
    stage_id: str,
    fmt: str,
    *,
    link_base: Path | None = None,
    full_list: FullList | None = None,
) -> str:
    """Render one stage's kit with the project's (or the built-in) ``kit.FMT.j2`` template.

    ``full_list`` names, for a list the kit cut short, where to find all of it.
    """
    kit = build_kit(config, library, report, stage_id, persona=report.persona, link_base=link_base)
    env = environment(config.templates_dir)
    context = kit_context(config, report, kit, GENERATOR, more=more_line(fmt, full_list))
    return _written(fmt, render(env, f"kit.{fmt}.j2", context))


def render_kits(
    config: Config,
    library: Library,
    reports: dict[str | None, Report],
    fmt: str,
    out_dir: Path,
    *,
    full_list: FullList | None = None,
) -> dict[str, str]:
    """Render every kit (one per stage, per persona report given) and an index.

    ``reports`` maps a persona id (None for everyone) to its report. Returns
    ``{path relative to out_dir: text}``. With more than one report the index is a grid: a
    row per stage (``grid``), a column per report (``columns``: "Everyone" or the persona's name).
    ``full_list`` as in `render_kit`.
    """
    env = environment(config.templates_dir)
    more = more_line(fmt, full_list)
    files: dict[str, str] = {}
    entries = []
    for persona, report in reports.items():
        folder = out_dir if persona is None else out_dir / persona
        for stage in config.model.stages:
            kit = build_kit(config, library, report, stage.id, persona=persona, link_base=folder)
            name = f"{stage.index + 1:02d}-{stage.id}.{fmt}"
            rel = name if persona is None else f"{persona}/{name}"
            values = kit_context(config, report, kit, GENERATOR, more=more)
            files[rel] = _written(fmt, render(env, f"kit.{fmt}.j2", values))
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
