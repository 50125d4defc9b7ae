"""Loops over a list the page's values give, as Jinja2 runs them (MkDocs' macros plugin).

``{% for boat in boats %}...{% else %}...{% endfor %}`` goes through a list: where that list is
known here (a list of the settings' ``extra``, of an ``include_yaml`` file or of the page's front
matter, named as a variable: ``boats``, ``extra.fleet.boats``), the loop shows its body once for
each item, the item named by the loop's variable (``{{ boat }}``, ``{{ boat.name }}``), with
Jinja2's ``loop`` (``loop.index``, ``loop.last``), its conditions decided for that item (`DECIDE`),
and an empty list (or mapping) shows its ``{% else %}`` part, or nothing, as Jinja2 does. Whitespace
control trims as Jinja2 does: ``{%- for`` the text before the loop, ``for -%}`` the start of the
body each time it is shown, ``{%- endfor`` (or ``{%- else``) its end, ``endfor -%}`` the text
after the loop. A loop over anything else (a macro's output, a filtered list, ``items()``, one
with a condition or ``recursive``, more than `MOST_ITEMS` items) is not known here:
`stagemap.render.liquid` shows a placeholder for it.

What loops show on a page is bounded as a whole (`LoopBudget`): loops nested in loops multiply,
so past `MOST_ROUNDS` bodies shown, or text many times the page's, a loop (and every loop after
it) shows the placeholder.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..lazyre import lazy

MOST_ITEMS = 200
"""The most items a loop shown here goes through; past it, a placeholder."""
MOST_ROUNDS = 2000
"""The most times the bodies of the loops in a text are shown, nested ones counted each time."""
MOST_TEXT = 2_000_000
"""The most characters the loops in a text show (see `LoopBudget`)."""
BUDGET = "\0loop-budget"
"""The key under which the page's values hold the `LoopBudget` of the text being worked out."""
DECIDE = "\0loop-decide"
"""The key under which the page's values hold what decides the conditions of a body with the
item known (`stagemap.render.liquidifs.chosen_branches`, which imports the module that reads
loops: handed over so)."""
_HEAD = lazy(r"\{%-?\s*for\s+([A-Za-z_]\w*)\s+in\s+([A-Za-z_]\w*(?:\.[A-Za-z_]\w*){0,20})\s*-?%\}")
"""A loop's opening tag, its variable and the name of what it goes through (nothing more)."""
_BLOCK_TAG = lazy(r"\{%(-?)\s*(for|if|endfor|endif|else)\b(?:[^%{]|%(?!\})|\{(?!%)){0,1000}?(-?)%\}")
"""The tags that open and close blocks an ``{% else %}`` may belong to, and the ``else`` itself
(a ``%`` in a tag, ``loop.index % 2``, does not end it; a ``{%`` does: a tag left open is looked
at up to the next one only, so thousands of them cost their length, not a thousand characters
each)."""

Render = Callable[[str, Mapping[str, Any]], str]


@dataclass
class LoopBudget:
    """What the loops of one text may still show: `MOST_ROUNDS` bodies, and text up to twenty
    times the text's own length and 50,000 characters more (at most `MOST_TEXT`). Once spent,
    every loop shows the placeholder."""

    rounds: int
    text: int
    spent: bool = False

    @classmethod
    def of(cls, text: str) -> LoopBudget:
        """Return the budget of the loops in ``text``."""
        return cls(MOST_ROUNDS, min(MOST_TEXT, 50_000 + 20 * len(text)))


def known_loop(opening: re.Match[str], inner: str, params: Mapping[str, Any], render: Render) -> str | None:
    """Return what a loop shows (its ``opening`` tag, ``inner`` the text up to its closing tag),
    each part made by ``render`` with the page's ``params`` and the item; None where the list it
    goes through is not known here, or the budget in ``params`` (`BUDGET`) is spent (see the
    module docstring)."""
    head = _HEAD.fullmatch(opening.group(0))
    budget = params.get(BUDGET)
    if head is None or not isinstance(budget, LoopBudget) or budget.spent:
        return None
    value: Any = params
    for key in head.group(2).split("."):
        value = value.get(key) if isinstance(value, Mapping) else None
    empty = isinstance(value, Mapping) and not value
    if not empty and (not isinstance(value, list) or len(value) > MOST_ITEMS):
        return None
    body, otherwise = _parts(inner, opening.group(0).endswith("-%}"))
    name, n = head.group(1), len(value)
    rounds = [(otherwise, params)] if not value else [(body, {**params, name: i}) for i in value]
    if value:  # (Jinja2's ``loop``: ``loop.index``, ``{% if not loop.last %}``)
        rounds = [(part, {**given, "loop": _loop(i, n)}) for i, (part, given) in enumerate(rounds)]
    decide = params.get(DECIDE)
    if len(rounds) > budget.rounds or sum(len(part) for part, _ in rounds) > budget.text:
        budget.spent = True
        return None
    made = []
    for part, given in rounds:
        budget.rounds -= 1
        made.append(render(decide(part, given, True) if callable(decide) and "{%" in part else part, given))
        budget.text -= len(made[-1])
        if budget.spent or budget.text < 0:
            budget.spent = True
            return None
    return "".join(made)


def _loop(index: int, length: int) -> dict[str, Any]:
    """Return Jinja2's ``loop`` for the item at ``index`` of ``length``."""
    left = length - index
    return {
        **{"index": index + 1, "index0": index, "revindex": left, "revindex0": left - 1},
        **{"first": index == 0, "last": left == 1, "length": length},
    }


def _parts(inner: str, trim_start: bool) -> tuple[str, str]:
    """Return a loop's body and its ``{% else %}`` part (""), trimmed as the dashes of the tags
    around them say (``trim_start``: the opening tag's ``-%}``): the ``else`` that stands in no
    block the body opens (an ``if``'s, an inner loop's)."""
    depth, body, otherwise = 0, inner, ""
    for found in _BLOCK_TAG.finditer(inner):
        kind = found.group(2)
        if kind in ("for", "if"):
            depth += 1
        elif kind in ("endfor", "endif"):
            depth -= 1
        elif depth == 0:
            body, otherwise = inner[: found.start()], inner[found.end() :]
            body = body.rstrip() if found.group(1) else body
            otherwise = otherwise.lstrip() if found.group(3) else otherwise
            break
    return (body.lstrip() if trim_start else body), otherwise
