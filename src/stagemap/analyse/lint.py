"""Lint rules: content that works against the buyer's journey, as warnings. Pure.

- ``hard-sell``: an asset led by marketing (its earliest stage) whose next step jumps to a
  stage at the purchase, or whose call to action is a hard sell ("20% off this week").
- ``no-not-for``: a stage before the purchase with buyer-facing assets, none of which says who
  the offer is not for (a stage with none is an empty stage, which the report lists already).
- ``own-block``: an Eleventy site's own paired shortcode, shown without its markup; found as the
  pages are read (`stagemap.read.ownblocks`), and left out there when switched off.
- ``placeholder``: ``purpose`` or ``messages`` missing, or ``purpose`` still the text that
  ``stagemap init`` writes.

The ``lint`` setting switches rules off, e.g. ``lint: {no-not-for: false}``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

from ..errors import Problem
from ..lazyre import lazy
from ..model.library import Asset, Library
from ..model.settings import Config
from .audience import is_internal
from .latest import Latest

INIT_PURPOSE = "Say why the company exists and what it believes, not what it sells."
"""The ``purpose`` that ``stagemap init`` writes for the user to replace."""
HARD_SELL = lazy(
    r"\b\d+\s*% off\b|\bdiscount|\bbuy (it )?now\b|\border (it )?now\b|\blimited[- ]time\b"
    r"|\b(this week|today) only\b|\bact now\b|\blast chance\b|\bbefore (it|the offer) ends\b",
    re.IGNORECASE,
)
"""Calls to action that push for the sale instead of the buyer's next step."""
NOT_FOR = lazy(r"\bnot (for|a fit|the right fit)\b|\bwrong fit\b|\bwho .{0,40} is not for\b", re.IGNORECASE)
"""Words that say who an offer is not for."""
_OFF_HINT = "switch the rule off with 'lint: {{{rule}: false}}' in stagemap.yml"


def lint(config: Config, library: Library, as_of: dt.date) -> tuple[Problem, ...]:
    """Return the lint warnings of a library, sorted; rules in ``config.lint_off`` are skipped.

    The same for every persona: a build makes a report per persona of the same library and
    settings (frozen values), so the last answer is kept for those.
    """
    return _LINTED.get((config, library, as_of), lambda: _lint(config, library, as_of))


def placeholder_warnings(config: Config) -> tuple[Problem, ...]:
    """Return the ``placeholder`` rule's warnings alone (none where the rule is off): what a kit
    or a play opens with, or says per question, is missing or still init's placeholder."""
    return () if "placeholder" in config.lint_off else tuple(_placeholders(config))


_LINTED: Latest[tuple[Problem, ...]] = Latest()
"""The warnings of the last settings, library and day linted."""


def lint_reads(asset: Asset) -> tuple[str | None, bool]:
    """Return what the rules read of an asset's words: the hard sell its call to action makes, if any,
    and whether its title, summary or message say who the offer is not for.

    (The other fields they read are listed in `stagemap.analyse.reports.report_inputs`.)
    """
    match = HARD_SELL.search(asset.cta)
    return match.group(0) if match else None, bool(
        NOT_FOR.search(f"{asset.title} {asset.summary} {asset.message}")
    )


def _lint(config: Config, library: Library, as_of: dt.date) -> tuple[Problem, ...]:
    eligible = [a for a in library.assets if a.is_eligible(as_of)]
    problems: list[Problem] = []
    if "hard-sell" not in config.lint_off:
        problems += _hard_sell(config, library)
    if "no-not-for" not in config.lint_off:
        problems += _no_not_for(config, eligible)
    if "placeholder" not in config.lint_off:
        problems += _placeholders(config)
    return tuple(sorted(problems))


def _hard_sell(config: Config, library: Library) -> list[Problem]:
    stages = {s.id: s for s in config.model.stages}
    by_id = library.by_id  # made once: the property builds a new dict on each call
    problems = []
    for asset in library.assets:
        own = [stages[s] for s in asset.stages if s in stages]
        if asset.status == "retired" or not own or min(own, key=lambda s: s.index).lead != "marketing":
            continue
        line, col = asset.next_pos if asset.next_pos != (0, 0) else (1, 1)
        if _lands_at_purchase(asset.next, config, by_id):
            message = f"marketing-led asset hands buyers straight to '{asset.next}', at the purchase"
            hint = "give it the next step a buyer at this stage is ready for"
            problems.append(_warning(asset.path, line, col, message, hint, "hard-sell"))
        match = HARD_SELL.search(asset.cta)
        if match:
            message = f"marketing-led asset's call to action is a hard sell ('{match.group(0)}')"
            hint = "offer the buyer's next step, not a deal"
            at = asset.cta_pos if asset.cta_pos != (0, 0) else (1, 1)
            problems.append(_warning(asset.path, *at, message, hint, "hard-sell"))
    return problems


def _lands_at_purchase(target: str, config: Config, by_id: Mapping[str, Asset]) -> bool:
    """Return True if a next step leads to a stage at the purchase, or an asset only there."""
    stage = config.model.stage(target)
    if stage is not None:
        return stage.phase == "at"
    asset = by_id.get(target)
    phases = {s.phase for sid in (asset.stages if asset else ()) if (s := config.model.stage(sid))}
    return phases == {"at"}


def _warning(path: str, line: int, col: int, message: str, hint: str, rule: str) -> Problem:
    return Problem(path, line, col, "warning", message, f"{hint}; {_OFF_HINT.format(rule=rule)}", rule)


def _no_not_for(config: Config, eligible: Sequence[Asset]) -> list[Problem]:
    problems = []
    for stage in config.model.stages:
        here = [a for a in eligible if stage.id in a.stages and not is_internal(a)]
        if (
            stage.phase != "before"
            or not here
            or any(NOT_FOR.search(f"{a.title} {a.summary} {a.message}") for a in here)
        ):
            continue
        message = f"no asset at stage '{stage.id}' says who the offer is not for"
        hint = "say it in an asset's title, summary or message"
        problems.append(_warning(*_place(config, stage.id), message, hint, "no-not-for"))
    return problems


def _placeholders(config: Config) -> list[Problem]:
    problems = []
    purpose = " ".join(config.purpose.split())
    if not purpose:
        message = "'purpose' is missing: kits and plays open with it"
        hint = "say why the company exists"
        problems.append(_warning(*_place(config, "purpose"), message, hint, "placeholder"))
    elif purpose == INIT_PURPOSE:
        message = "'purpose' is still the placeholder written by stagemap init"
        hint = "say why the company exists"
        problems.append(_warning(*_place(config, "purpose"), message, hint, "placeholder"))
    if not any(config.messages.values()):
        message = "'messages' is missing: kits show no company message per question"
        hint = "give each question a one-line answer under 'messages'"
        problems.append(_warning(*_place(config, "messages"), message, hint, "placeholder"))
    return problems


def _place(config: Config, name: str) -> tuple[str, int, int]:
    """Return where a setting or stage was written (see `Config.places`), or the settings file."""
    if name in config.places:
        return config.places[name]
    if config.config_path is None:
        return "stagemap.yml", 0, 0
    return config.config_path.relative_to(config.root).as_posix(), 0, 0
