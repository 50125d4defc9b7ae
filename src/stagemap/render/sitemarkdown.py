"""How a site's packages change its Markdown, as `stagemap.render.dialects` applies it: Starlight's
asides, GitHub's alerts, indented text that is no code (`stagemap.read.sitepackages` finds them)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..lazyre import lazy
from ..read.sitepackages import GITHUB_ALERTS, MARKDOWN, NO_INDENTED_CODE, PLAIN_ASIDES
from .notes import STARLIGHT_ASIDES
from .shortcodes import SITE_PARAMS

_ALERT = lazy(r"^([ \t]{0,3}>[ \t]*)\[!(note|tip|important|warning|caution)\][ \t]*$", re.M | re.I)
"""A GitHub-style alert opening a block quote (``> [!NOTE]``): Hugo renders it as a labelled box."""


def traits(params: Mapping[str, Any] | None) -> tuple[str, ...]:
    """Return the traits of the site's Markdown, from a page's ``params`` (the site's in them)."""
    site = params.get(SITE_PARAMS) if params else None
    found = site.get(MARKDOWN) if isinstance(site, Mapping) else None
    return found if isinstance(found, tuple) else ()


def asides(generator: str, params: Mapping[str, Any] | None) -> frozenset[str] | None:
    """Return the only kinds of ``:::kind`` block that are boxes, or None when every kind is:
    Starlight's four on an Astro site, unless it has no Starlight."""
    return STARLIGHT_ASIDES if generator == "astro" and PLAIN_ASIDES not in traits(params) else None


def no_indented_code(generator: str, params: Mapping[str, Any] | None) -> bool:
    """Return whether the site's Markdown reads indented lines as text, not code (Eleventy 2.0+)."""
    return generator == "eleventy" and NO_INDENTED_CODE in traits(params)


def github_alerts(text: str, generator: str, params: Mapping[str, Any]) -> str:
    """Return ``text`` with GitHub's alerts opening quotes labelled (``> **Note**``) where the site
    makes boxes of them: every Hugo site, and an Eleventy site with markdown-it-github-alerts,
    which reads the kind in capitals alone (its default), ``> [!note]`` staying as written."""
    if generator == "hugo":
        return _ALERT.sub(lambda m: f"{m.group(1)}**{m.group(2).capitalize()}**", text)
    if generator != "eleventy" or GITHUB_ALERTS not in traits(params):
        return text
    return _ALERT.sub(
        lambda m: f"{m.group(1)}**{m.group(2).capitalize()}**" if m.group(2).isupper() else m.group(0), text
    )
