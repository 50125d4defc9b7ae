"""Fenced code on a Hugo page as Hugo shows it: Hugo works shortcodes out in code too.

A ``param`` the page or the site sets is its value, an escaped shortcode (``{{</* x */>}}``)
shows without its comment marks, and a shortcode of the site's own whose output is known
(`stagemap.render.ownshortcodes`) is that output. Where a page's code shortcodes stand
(`code_spans`): an HTML comment in one is code, shown as written. Used by `stagemap.render.dialects`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..lazyre import lazy
from .elements import LIVE
from .ownshortcodes import HANDLED, OWN_SHORTCODES, go_text, output_of
from .shortcodes import CODE_SHORTCODE, DIAGRAMS, each_paired, page_param

_HUGO_ESCAPED = lazy(r"\{\{([<%])/\*(.*?)\*/([>%])\}\}", re.S)
"""A shortcode written as text (``{{</* x */>}}``): Hugo shows it without the comment marks, in code too."""
_CODE_PARAM = lazy(r"\{\{[<%]\s*param\s+[\"'`]?([\w.-]{1,200})[\"'`]?\s*[>%]\}\}", re.I)
"""Hugo's ``param`` shortcode in code, which Hugo works out there too (an install command's version)."""


_CODE_SHORTCODE = lazy(
    r"\{\{[<%]\s*(?P<closing>/\s*)?(?P<name>[\w.-]{1,100}(?:/[\w.-]{1,100}){0,5})"
    r"(?P<args>\s[^{}]{0,1000}?)?\s*[>%]\}\}"
)
"""A shortcode in code (or its closing), with or without arguments: the site's own, whose
output may be known (`OWN_SHORTCODES`), else one whose output only the live page has."""


def hugo_code(code: str, params: Mapping[str, Any]) -> str:
    """Return fenced code as a Hugo page shows it: Hugo works shortcodes out in code too, so a
    ``param`` the page or the site sets is its value, as text (one not known stays as written),
    and an escaped shortcode (``{{</* x */>}}``) shows without its comment marks (``{{< x >}}``);
    a shortcode of the site's own whose output is known (`OWN_SHORTCODES`) is that output, and
    any other of its own the placeholder's text (Crossplane's ``kubectl apply -f {{< manifest-url ... >}}``:
    ``[manifest-url: shown on the live site]``), its closing nothing."""
    if "aram" in code:
        code = _CODE_PARAM.sub(lambda m: _code_param(m, params), code)
    if "{{<" in code or "{{%" in code:
        code = _CODE_SHORTCODE.sub(lambda m: _code_shortcode(m, params.get(OWN_SHORTCODES)), code)
    return _HUGO_ESCAPED.sub(r"{{\1\2\3}}", code) if "/*" in code else code


_DELIMITER = lazy(r"\{\{[<%]|[>%]\}\}")
"""A shortcode's opening or closing delimiter (`as_written`)."""


def as_written(text: str) -> str:
    """Return ``text`` that Hugo shows in code as it is (a file Docsy's ``readfile`` shows with
    ``code="true"``, which goes through ``highlight`` unread) so that `hugo_code` shows it so:
    each shortcode, from the last opening before a closing to it, escaped (``{{</* x */>}}``,
    which `hugo_code` shows as ``{{< x >}}``; one escaped in the file keeps its marks)."""
    pieces, pos, opened = [], 0, -1
    for found in _DELIMITER.finditer(text):
        if found.group().startswith("{"):
            opened = found.start()
        elif opened >= 0:
            pieces += [text[pos : opened + 3], "/*", text[opened + 3 : found.start()], "*/"]
            pos, opened = found.start(), -1
    return "".join(pieces) + text[pos:] if pieces else text


def _code_shortcode(found: re.Match[str], own: Any) -> str:
    """Return what a shortcode in code (`_CODE_SHORTCODE`) shows: a known output of the site's
    own without arguments, else the placeholder's text; a closing, nothing. Hugo's own and
    those `HANDLED` stay as written, as before (an include in code is not read)."""
    if found.group("closing") is not None:
        return ""
    if found.group("name").lower() in HANDLED:  # Hugo's own (a param not known): as written
        return found.group(0)
    name, args = found.group("name"), (found.group("args") or "").strip()
    made = output_of(own, name.lower()) if args in ("", "/") else None
    return made if made is not None else f"[{name}: {LIVE}]"


def _code_param(found: re.Match[str], params: Mapping[str, Any]) -> str:
    """Return the value a ``param`` in code (`_CODE_PARAM`) shows, as text; as written when unknown."""
    value = page_param(params, found.group(1))
    return go_text(value) if isinstance(value, str | int | float) else found.group(0)


def code_spans(text: str) -> list[tuple[int, int]]:
    """Return, in order, the spans of ``text``'s paired shortcodes that hold code (``highlight``,
    ``code``, a diagram's source), outermost ones and those in other paired shortcodes."""
    spans: list[tuple[int, int]] = []

    def look(found: re.Match[str], offset: int = 0) -> str:
        if CODE_SHORTCODE.match(found.group("name").lower()) or found.group("name").lower() in DIAGRAMS:
            spans.append((offset + found.start(), offset + found.end()))
        else:
            inner_at = offset + found.start("inner")
            each_paired(found.group("inner"), lambda inner: look(inner, inner_at))
        return found.group(0)

    each_paired(text, look)
    return sorted(spans)
