"""Loops over a list the page's values give, as Jinja2 runs them (MkDocs' macros plugin).

``{% for boat in boats %}...{% else %}...{% endfor %}`` goes through a list: where that list is
known here (a list of the settings' ``extra``, of an ``include_yaml`` file or of the page's front
matter, named as a variable: ``boats``, ``extra.fleet.boats``), the loop shows its body once for
each item, the item named by the loop's variable (``{{ boat }}``, ``{{ boat.name }}``), and an
empty list (or mapping) shows its ``{% else %}`` part, or nothing, as Jinja2 does. A loop over
anything else (a macro's output, a filtered list, ``items()``, one with a condition or
``recursive``, more than `MOST_ITEMS` items) is not known here: `stagemap.render.liquid` shows a
placeholder for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from ..lazyre import lazy

MOST_ITEMS = 200
"""The most items a loop shown here goes through; past it, a placeholder."""
_HEAD = lazy(r"\{%-?\s*for\s+([A-Za-z_]\w*)\s+in\s+([A-Za-z_]\w*(?:\.[A-Za-z_]\w*){0,20})\s*-?%\}")
"""A loop's opening tag, its variable and the name of what it goes through (nothing more)."""
_BLOCK_TAG = lazy(r"\{%-?\s*(for|if|endfor|endif|else)\b[^%]{0,1000}%\}")
"""The tags that open and close blocks an ``{% else %}`` may belong to, and the ``else`` itself."""

Render = Callable[[str, Mapping[str, Any]], str]


def known_loop(opening: re.Match[str], inner: str, params: Mapping[str, Any], render: Render) -> str | None:
    """Return what a loop shows (its ``opening`` tag, ``inner`` the text up to its closing tag),
    each part made by ``render`` with the page's ``params`` and the item; None where the list it
    goes through is not known here (see the module docstring)."""
    head = _HEAD.fullmatch(opening.group(0))
    if head is None:
        return None
    value: Any = params
    for key in head.group(2).split("."):
        value = value.get(key) if isinstance(value, Mapping) else None
    empty = isinstance(value, Mapping) and not value
    if not empty and (not isinstance(value, list) or len(value) > MOST_ITEMS):
        return None
    body, otherwise = _parts(inner)
    if not value:
        return render(otherwise, params)
    return "".join(render(body, {**params, head.group(1): item}) for item in value)


def _parts(inner: str) -> tuple[str, str]:
    """Return a loop's body and its ``{% else %}`` part (""): the ``else`` that stands in no
    block the body opens (an ``if``'s, an inner loop's)."""
    depth = 0
    for found in _BLOCK_TAG.finditer(inner):
        kind = found.group(1)
        if kind in ("for", "if"):
            depth += 1
        elif kind in ("endfor", "endif"):
            depth -= 1
        elif depth == 0:
            return inner[: found.start()], inner[found.end() :]
    return inner, ""
