"""The parts of an Eleventy configuration that only a development run reaches (code never run).

A site may leave files out of its local runs only, or out of its production build only:
``if (process.env.NODE_ENV === "production") {...} else { config.ignores.add("src/api/*"); }``
(11ty's own site) builds ``src/api/`` for the public site. The public site is the production
build, so what a branch only a development run takes says is not read. A condition counts when
it compares one of the environment variables sites tell their runs apart by (``NODE_ENV``,
``ELEVENTY_ENV``, Eleventy's own ``ELEVENTY_RUN_MODE``: ``build``, ``serve`` or ``watch``) with
``===``, ``==``, ``!==`` or ``!=`` to a quoted name of a production run (``production``,
``prod``, ``build``) or of a development one (``development``, ``dev``, ``serve``, ``watch``),
alone in its parentheses; the ``else`` of such an ``if`` is the other run's. Any other
condition is read as if the production build met it, as before.
"""

from __future__ import annotations

import bisect
import re

from ..lazyre import lazy
from .jsdata import shaped

_CONDITION = lazy(
    r"""\bif\s*\(\s*process\.env\.(?:NODE_ENV|ELEVENTY_ENV|ELEVENTY_RUN_MODE)\s*(===?|!==?)\s*"""
    r"""(['"`])(\w{1,20})\2\s*\)\s*(\{)?"""
)
"""An ``if`` that tells a production run from a development one, up to its block's opening brace
(group 4; without one, its one statement is its block)."""
_ELSE = lazy(r"\s*else\b\s*(\{)?")
_STATEMENT_END = lazy(r"[;\n]")
_PRODUCTION = frozenset({"production", "prod", "build"})
_DEVELOPMENT = frozenset({"development", "dev", "serve", "watch"})
_BRACE = lazy(r"[{}]")


def development_only(code: str) -> list[tuple[int, int]]:
    """Return the spans (start, end) of ``code`` (its comments already blanked) that only a
    development run reaches, in order, none overlapping another: an ``if`` block of a
    development condition, the ``else`` block of a production one (see `reached_locally`)."""
    if "process.env" not in code:
        return []
    closing = _closings(code)
    stops = [found.end() for found in _STATEMENT_END.finditer(code)]
    spans = []
    for found in _CONDITION.finditer(code):
        equal, name = found.group(1).startswith("="), found.group(3).lower()
        if name not in _PRODUCTION | _DEVELOPMENT:
            continue
        production = (name in _PRODUCTION) == equal  # (whether the ``if`` block is the production run's)
        end = _end(code, found, closing, stops)
        if not production:
            spans.append((found.end(), end))
        other = _ELSE.match(code, end)
        if other is not None and production:
            spans.append((other.end(), _end(code, other, closing, stops)))
    return _merged(spans)


def reached_locally(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether the place ``at`` lies in one of ``spans`` (`development_only`'s, merged: in order,
    none overlapping another)."""
    found = bisect.bisect_right(spans, at, key=_start) - 1
    return found >= 0 and spans[found][0] <= at < spans[found][1]


def _start(span: tuple[int, int]) -> int:
    return span[0]


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return ``spans`` in order, those that overlap (a block inside another) made one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _end(code: str, opening: re.Match[str], closing: dict[int, int], stops: list[int]) -> int:
    """Return where the block an ``if`` or ``else`` (``opening``, its last group the block's
    brace) opens ends: past its closing brace, else past its one statement's ``;`` or line
    (``stops``: the places past each, in order)."""
    if opening.group(opening.re.groups) is not None:
        return closing.get(opening.end() - 1, len(code))
    at = bisect.bisect_left(stops, opening.end() + 1)
    return stops[at] if at < len(stops) else len(code)


def _closings(code: str) -> dict[int, int]:
    """Return, by the place of each opening brace of ``code``, the place just past the brace
    that closes it (one pass; an opening never closed has none). Braces in strings are not
    counted (`jsdata.shaped`): a ``log("{")`` would have run a block to the file's end."""
    found: dict[int, int] = {}
    opened: list[int] = []
    for brace in _BRACE.finditer(shaped(code)):
        if brace.group() == "{":
            opened.append(brace.start())
        elif opened:
            found[opened.pop()] = brace.end()
    return found
