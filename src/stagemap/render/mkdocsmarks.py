"""Marks Material for MkDocs and pymdownx make of a page's text: code annotations and emoji.

Each is read only where the site's ``mkdocs.yml`` turns it on (`stagemap.read.mkdocsalerts`):

- Material's ``theme: {features: [content.code.annotate]}``: a comment in code holding an
  annotation's number and ``!`` at a line's end (``# (1)!``, ``// (2)!``, ``/* (3)! */``,
  ``<!-- (1)! -->``) loses its comment characters, as Material strips them around the marker:
  here ``(1)`` stands for the marker. A comment without the ``!`` (``# (1)``) stays as written,
  its number standing for the marker.
- ``markdown_extensions: [pymdownx.emoji]``: a shortcode outside code (``:tada:``) is its
  emoji, for the names of `stagemap.render.ownshortcodes.EMOJI`; another name stays as written
  (Material's icons, ``:material-check:``, are read by `stagemap.render.mkdocsyntax.icons`).
- ``markdown_extensions: [pymdownx.arithmatex]``: math (`stagemap.render.texmath.arithmatex_math`),
  with the syntaxes its options switch off (`math_reader`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from typing import Any

from ..lazyre import lazy
from ..read.mkdocsalerts import ALERTS, ARITHMATEX
from .ownshortcodes import EMOJI
from .shortcodes import SITE_PARAMS
from .texmath import arithmatex_math

_ANNOTATION = lazy(r"(?:#|//|--|;|%|/\*|<!--)[ \t]*(\(\d{1,4}\))![ \t]*(?:\*/|-->)?[ \t]*$", re.M)
"""An annotation's comment to strip, at the end of a line of code: ``# (1)!``."""
_SHORTCODE = lazy(r":([\w+-]{1,40}):")


def syntaxes(params: Mapping[str, Any]) -> tuple[str, ...]:
    """Return what the site's ``mkdocs.yml`` turns on (`stagemap.read.mkdocsalerts.alert_syntaxes`),
    from a page's ``params`` (the site's in them)."""
    site = params.get(SITE_PARAMS)
    found = site.get(ALERTS) if isinstance(site, Mapping) else None
    return found if isinstance(found, tuple) else ()


def code_annotations(code: str) -> str:
    """Return fenced ``code`` with each stripped annotation (``# (1)!``) its marker alone (``(1)``)."""
    return _ANNOTATION.sub(r"\1", code) if ")!" in code else code


def emoji(text: str) -> str:
    """Return ``text`` (outside code) with each known emoji shortcode its emoji."""
    return (
        _SHORTCODE.sub(lambda found: EMOJI.get(found.group(1), found.group()), text) if ":" in text else text
    )


def math_reader(params: Mapping[str, Any] | None, text: str) -> Callable[[str], str] | None:
    """Return how the site's Arithmatex reads math in a part of ``text`` (its code held aside), or
    None where the site does not load it or ``text`` has none of its marks."""
    found = syntaxes(params or {})
    if ARITHMATEX not in found or ("$" not in text and "\\" not in text):
        return None
    off = frozenset(name.partition(":-")[2] for name in found if name.startswith(ARITHMATEX + ":-"))
    return functools.partial(arithmatex_math, off=off)
