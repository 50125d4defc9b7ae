"""How Liquid (Jekyll's, Eleventy's) and Nunjucks compare two values a condition reads
(`stagemap.render.liquidifs`), where that is known here: ``mode`` is ``liquid``, ``js``
(Nunjucks) or ``either`` (the page's engine may be either)."""

from __future__ import annotations

from typing import Any

UNKNOWN: Any = type("Unknown", (), {"__repr__": lambda self: "UNKNOWN"})()
"""What a value or a condition is when it cannot be known here."""
EMPTY: Any = type("Empty", (), {})()
"""Liquid's ``empty``."""
BLANK: Any = type("Blank", (), {})()
"""Liquid's ``blank``."""


def compare(left: Any, op: str, right: Any, mode: str) -> bool | None:
    """Return what Liquid's (or Nunjucks') comparison of two values gives, None when not known."""
    if left is UNKNOWN or right is UNKNOWN:
        return None
    if op in ("==", "!=", "<>", "===", "!=="):
        same = _same(left, right) if mode == "liquid" else _same_js(left, right)
        return None if same is None else same == (op in ("==", "==="))
    if op == "contains":
        if isinstance(left, str) and isinstance(right, str):
            return right in left
        if isinstance(left, list) and isinstance(right, str | int | float):
            # Eleventy's data cascade merges lists (a layout's tags join the page's): one the
            # page's lacks may be there all the same.
            return True if any(_same(item, right) for item in left) else (False if mode == "liquid" else None)
        return False if left is None and mode == "liquid" else None
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (left, right))
    if not numbers and not (isinstance(left, str) and isinstance(right, str)):
        return None  # (Liquid stops with an error: what the page shows is not known)
    return bool({"<": left < right, ">": left > right, "<=": left <= right, ">=": left >= right}[op])


def _same(left: Any, right: Any) -> bool | None:
    """Liquid's ``==``: values of one kind (numbers together), ``empty`` and ``blank`` as Liquid has them."""
    for special, other in ((left, right), (right, left)):
        if special is EMPTY:
            return other in ("", [], {}) if other is not BLANK else None
        if special is BLANK:  # (Jekyll's Liquid 4 has no ``blank?``: a blank value equals it only
            # where a plugin loads ActiveSupport's, and every other value equals it nowhere)
            blank = (
                other is None
                or other is False
                or other is EMPTY
                or other in ([], {})
                or (isinstance(other, str) and not other.strip())
            )
            return None if blank else False
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right
    if isinstance(left, int | float) and isinstance(right, int | float):
        return left == right
    return type(left) is type(right) and left == right


def _same_js(left: Any, right: Any) -> bool | None:
    """JavaScript's ``==`` where it is plain: values of one kind, or null with null; else not known."""
    if left is None or right is None:
        return left is right
    if isinstance(left, bool) != isinstance(right, bool):
        return None
    if isinstance(left, int | float) and isinstance(right, int | float):
        return left == right
    if (isinstance(left, str) and isinstance(right, str)) or isinstance(left, bool):
        return bool(left == right)
    return None
