"""The titles MkDocs' macros plugin renders: where it runs over a page whose title holds ``{``,
it renders the title too, with the page's values, after its body (``title: About {{ product }}``
is "About Kettle" on the live page, its tab and its nav; mkdocs-macros-plugin's
``on_page_markdown``, Zensical's extension alike)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ..lazyre import lazy
from ..model.library import Library
from ..model.settings import ReadRules
from .mkdocsmacros import JINJA, MACRO_VALUES, PAGE_META
from .templateengines import page_engine

_TITLE_OUTPUT = lazy(
    r"""\{\{-?\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*){0,20}|"[^"\n]{0,200}"|'[^'\n]{0,200}')\s*-?\}\}"""
)
"""An output in a page's title the plugin renders: a variable (``product``, ``extra.desk.mail``) or a quoted text."""


def with_macro_titles(library: Library, rules: ReadRules) -> Library:
    """Return an MkDocs ``library`` with the titles of the pages the macros plugin renders
    rendered too, each output whose value is known here as that value; an output of what is not
    (a macro, the site's Python) stays as written."""
    values = library.site_params.get(MACRO_VALUES)
    if rules.generator != "mkdocs" or not isinstance(values, Mapping):
        return library
    assets = tuple(
        replace(a, title=_rendered(a.title, values, a.extra))
        if "{{" in a.title and page_engine("mkdocs", a.path, a.extra, rules.template_engines) == JINJA
        else a
        for a in library.assets
    )
    return replace(library, assets=assets)


def _rendered(title: str, values: Mapping[str, Any], extra: Mapping[str, Any]) -> str:
    """Return a title with each output whose value is known (`_TITLE_OUTPUT`) as that value."""
    given = extra.get(PAGE_META)
    own = {k: v for k, v in extra.items() if not str(k).startswith("\0")} | (
        dict(given) if isinstance(given, Mapping) else {}
    )
    names = {**values, **own, "page": {"meta": own}}  # (the front matter last, as the plugin renders)

    def value(found: re.Match[str]) -> str:
        said = found.group(1)
        if said[0] in "\"'":
            return said[1:-1]
        where: Any = names
        for key in said.split("."):
            where = where.get(key) if isinstance(where, Mapping) else None
        plain = isinstance(where, str | int | float) and not isinstance(where, bool)
        return str(where) if plain else found.group(0)

    return " ".join(_TITLE_OUTPUT.sub(value, title).split())
