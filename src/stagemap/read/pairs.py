"""Blocks of a template language's tags in a body: which closing ends which opening.

Liquid (and Nunjucks) pair a closing with the last opening of its kind still open, so a
``{% for %}`` inside a ``{% for %}`` closes first; a block that does not nest (``raw``) ends at
its first closing. Used by `stagemap.read.liquidspans` and the renderers of Liquid.
"""

from __future__ import annotations

import re
from collections.abc import Mapping


def paired(
    text: str, opening: re.Pattern[str], closings: Mapping[str, re.Pattern[str]], flat: bool = False
) -> list[tuple[re.Match[str], re.Match[str]]]:
    """Return the opening and closing of each outermost block in ``text``, in order: ``opening``
    matches any kind's opening (its first group the kind), ``closings`` each kind's closing.
    With ``flat`` the blocks do not nest: inside one, an opening is text, and the first closing
    ends it. Each tag is found once (one pass per pattern): linear however many are left open."""
    tags = [(found.start(), found.group(1), found, False) for found in opening.finditer(text)]
    for kind, closing in closings.items():
        tags += [(found.start(), kind, found, True) for found in closing.finditer(text)]
    tags.sort(key=lambda tag: tag[0])
    still_open: dict[str, list[re.Match[str]]] = {}
    blocks: list[tuple[re.Match[str], re.Match[str]]] = []
    for _, kind, found, closes in tags:
        waiting = still_open.setdefault(kind, [])
        if not closes:
            if not (flat and waiting):
                waiting.append(found)
        elif waiting:
            blocks.append((waiting.pop(), found))
    blocks.sort(key=lambda block: block[0].start())
    outermost: list[tuple[re.Match[str], re.Match[str]]] = []
    at = 0
    for block in blocks:
        if block[0].start() >= at:  # a block inside one taken already goes with it
            outermost.append(block)
            at = block[1].end()
    return outermost
