"""The site's title in a configuration written as code (Gatsby, Docusaurus, Astro), read without
running it: by where a ``title:`` key sits, never by how far it is indented.

Such a file holds many ``title:`` keys that are not the site's: a feed plugin's (Gatsby's
``gatsby-plugin-feed`` gives each feed one, ``feeds: [{title: 'The latest articles'}]``), a
GraphQL query's in a template literal (``siteMetadata { title: siteTitle }``), a navbar's or a
footer column's in Docusaurus's ``themeConfig``, a blog's ``feedOptions``. Each generator keeps
the site's in one place:

- Gatsby: ``siteMetadata`` (its ``title``, else ``siteTitle``, else the first key named
  ``...Title`` with a text: ``defaultTitle``), in place or in the constant it names
  (``siteMetadata: meta`` after ``const meta = {...}``); never a plugin's options;
- Docusaurus: the configuration object's own ``title`` (the object holding ``url`` or
  ``baseUrl`` first, then the least nested), never one under ``themeConfig``, ``presets``,
  ``plugins`` or ``themes``;
- Astro, which has no title of its own: Starlight's, ``starlight({title: 'Docs'})``.

A title's value is read where it is written out (a text, no ``${...}`` in it) or a constant
holding one (``title: siteTitle`` after ``const siteTitle = '...'``; ``title,`` for ``title:
title``); any other value is worked out in code, unknown here (""), and no other key is taken
in its place.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..lazyre import lazy
from .jsdata import blanked, object_entries, shaped

_KEY = lazy(r"""(?<![\w$.])(['"]?)([A-Za-z_$][\w$]*)\1\s*(?=[:,}])""")
"""An object's key (maybe quoted, as in JSON), or a shorthand entry (``title,``)."""
_TEXT = lazy(r"""\s*:\s*(['"`])([^'"`\n]*)\1\s*(?=[,}\n]|$)""")
_NAME = lazy(r"""\s*:\s*([A-Za-z_$][\w$]*)\s*(?=[,}\n]|$)""")
_SHORTHAND = lazy(r"""\s*(?=[,}]|$)""")
_KEYED = lazy(r"""(['"]?)([A-Za-z_$][\w$]*)\1\s*:\s*\Z""")
_ASSIGNED = lazy(r"""\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=;\n]{0,80})?=\s*\Z""")
_CALLED = lazy(r"""([A-Za-z_$][\w$.]*)\s*\Z""")
_METADATA_NAMED = lazy(r"""(?<![\w$.])siteMetadata\s*:\s*([A-Za-z_$][\w$]*)\s*[,}\n]""")
_TAIL = 160
"""How far before a bracket its name is looked for (``siteMetadata: {``, ``const config: Config = {``)."""

_NOT_THE_SITES = frozenset({"themeConfig", "presets", "plugins", "themes"})
"""Docusaurus's objects whose titles are a navbar's, a footer's, a plugin's or a feed's."""
_SITE_KEYS = frozenset({"url", "baseUrl"})
"""Keys Docusaurus requires of its configuration object, beside ``title``."""


class _Key(NamedTuple):
    name: str
    at: int
    """Where its name starts (after a quote)."""
    opening: int
    """Where the object holding it opens."""
    holders: tuple[str, ...]
    """The names of the brackets around it, the innermost first (see `_holder`)."""


def code_title(generator: str, text: str) -> str:
    """Return the site's title given in ``text``, the configuration of a ``generator`` written
    as code, or "" when it gives none that can be read (see the module)."""
    code = blanked(text)
    shape = shaped(code)
    keys = _title_keys(code, shape)
    if generator == "gatsby":
        return _gatsby(keys, code, shape)
    if generator == "astro":
        starlight = [k for k in keys if k.name == "title" and k.holders[:2] == ("", "starlight(")]
        return _value(starlight[0], code) if starlight else ""
    titles = [k for k in keys if k.name == "title" and _NOT_THE_SITES.isdisjoint(k.holders)]
    ranked = sorted(titles, key=lambda k: (not _holds(code, shape, k.opening, _SITE_KEYS), len(k.holders)))
    return _value(ranked[0], code) if ranked else ""  # (a stable sort: the first of equals)


def _gatsby(keys: list[_Key], code: str, shape: str) -> str:
    """Return the title Gatsby's ``siteMetadata`` gives: ``title``, else ``siteTitle``, else the
    first key named ``...Title`` whose value is a text."""
    named = {"siteMetadata", *(m.group(1) for m in _METADATA_NAMED.finditer(shape))}
    held = [k for k in keys if k.holders[0] in named]
    for wanted in ("title", "siteTitle"):
        found = next((k for k in held if k.name == wanted), None)
        if found is not None:
            return _value(found, code)
    others = (_value(k, code) for k in held if k.name.lower().endswith("title"))
    return next((v for v in others if v), "")


def _title_keys(code: str, shape: str) -> list[_Key]:
    """Return the keys named ``...title`` (in any case) of the object literals of ``code``, each
    with the names of the brackets around it; a word in a string (a GraphQL query's ``title:``),
    a ternary's ``a ? title : b`` or a key of no object is none."""
    inner, outer = _brackets(shape)
    keys: list[_Key] = []
    for found in _KEY.finditer(code):
        start, name = found.start(), found.group(2)
        opening = inner[start]
        if not name.lower().endswith("title") or shape[start] != code[start] or opening < 0:
            continue  # (inside a string, its quote blanked in the shape; or at the top level)
        before = start - 1
        while before >= 0 and shape[before].isspace():
            before -= 1
        if shape[opening] != "{" or shape[before] not in "{,":
            continue
        holders, at = [], opening
        while at >= 0:
            holders.append(_holder(code, shape, at))
            at = outer[at]
        keys.append(_Key(name, found.start(2), opening, tuple(holders)))
    return keys


def _brackets(shape: str) -> tuple[list[int], dict[int, int]]:
    """Return, for each index of ``shape``, where the innermost bracket open there opens (-1
    where none is), and for each bracket, where the one around it opens (-1)."""
    inner: list[int] = []
    outer: dict[int, int] = {}
    stack: list[int] = []
    for i, char in enumerate(shape):
        inner.append(stack[-1] if stack else -1)
        if char in "{[(":
            outer[i] = stack[-1] if stack else -1
            stack.append(i)
        elif char in "}])" and stack:
            stack.pop()
    return inner, outer


def _holder(code: str, shape: str, opening: int) -> str:
    """Return the name of the bracket opening at ``opening``: the key whose value it is
    (``siteMetadata: {``), the constant set to it (``const config = {``), the function called
    with its ``(`` (``starlight(``); else "" (an item of a list, an argument)."""
    tail = code[max(0, opening - _TAIL) : opening]
    if shape[opening] == "(":
        called = _CALLED.search(tail)
        return called.group(1) + "(" if called else ""
    keyed = _KEYED.search(tail)
    if keyed is not None:
        return keyed.group(2)
    assigned = _ASSIGNED.search(tail)
    return assigned.group(1) if assigned else ""


def _holds(code: str, shape: str, opening: int, wanted: frozenset[str]) -> bool:
    """Whether the object literal opening at ``opening`` has a key of ``wanted`` of its own."""
    for begin, end in object_entries(shape, opening):
        while begin < end and code[begin].isspace():
            begin += 1
        key = _KEY.match(code, begin, end)
        if key is not None and key.group(2) in wanted:
            return True
    return False


def _value(key: _Key, code: str) -> str:
    """Return the text of a title key's value (see the module), or ""."""
    after = key.at + len(key.name) + (1 if code[key.at - 1 : key.at] in ("'", '"') else 0)
    text = _TEXT.match(code, after)
    if text is not None:
        return text.group(2).strip() if "${" not in text.group(2) else ""
    named = _NAME.match(code, after)
    if named is not None:
        return constant(named.group(1), code).strip()
    return constant(key.name, code).strip() if _SHORTHAND.match(code, after) else ""


def constant(name: str, code: str) -> str:
    """Return the text of the constant ``code`` sets ``name`` to (``const HOST = 'x.org'``,
    written once, a plain text), or "" when there is no such constant."""
    given = re.findall(
        rf"""^[ \t]*(?:export\s+)?const\s+{re.escape(name)}\s*=\s*(['"`])([^'"`$\n]*)\1""", code, re.M
    )
    return str(given[0][1]) if len(given) == 1 else ""
