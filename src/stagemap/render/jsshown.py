"""How JavaScript shows a plain value (text, a number, ``true``, ``false``, ``null``) where a page
writes it: as text in an MDX page, as an attribute's value, in a template string. For the values
an MDX page takes from a module of its project (`stagemap.render.modulevalues`)."""

from __future__ import annotations

import decimal
import math


def shown_as(value: object, where: str) -> str | None:
    """Return the text JavaScript shows of a plain ``value`` ``where`` it is written (``text``:
    React shows nothing of ``true``, ``false``, ``null``; ``Astro text``: Astro's JSX shows
    ``true``, nothing of the others; ``attribute``: they are no text; ``template``: their
    names), or None for one not known or not shown so."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        if where == "attribute":
            return None
        if where == "text" or (where == "Astro text" and value is not True):
            return ""
        return "null" if value is None else str(value).lower()
    if isinstance(value, int) and abs(value) <= _EXACT:
        return str(value)
    if isinstance(value, (int, float)):
        try:
            return js_number(float(value))
        except OverflowError:  # (``Infinity``: not a literal a module would write)
            return None
    return None


_EXACT = 2**53
"""The largest whole number a JavaScript number holds exactly: a greater one is written as its double."""


def js_number(value: float) -> str | None:
    """Return ``value`` as JavaScript's Number-to-String writes it: the shortest digits that read
    back as it (Python's ``repr`` gives the same ones), as a plain number below 1e21 and down to
    1e-6, else with an exponent (``1e+21``, ``1.5e-7``)."""
    if not math.isfinite(value) or value == 0:
        return None if value else "0"
    _, digits, exponent = decimal.Decimal(repr(abs(value))).normalize().as_tuple()
    shown = "".join(map(str, digits))
    point = len(shown) + int(exponent)  # (the value is 0.<shown> times 10 to the ``point``)
    if len(shown) <= point <= 21:
        text = shown + "0" * (point - len(shown))
    elif 0 < point <= 21:
        text = shown[:point] + "." + shown[point:]
    elif -6 < point <= 0:
        text = "0." + "0" * -point + shown
    else:
        text = shown[0] + "." * (len(shown) > 1) + shown[1:] + f"e{point - 1:+d}"
    return ("-" if value < 0 else "") + text
