"""The site's title in a configuration written as code (Gatsby, Docusaurus, Astro), read without
running it: by where a ``title:`` key sits, never by how far it is indented.

Such a file holds many ``title:`` keys that are not the site's: a feed plugin's (Gatsby's
``gatsby-plugin-feed`` gives each feed one, ``feeds: [{title: 'The latest articles'}]``), a
GraphQL query's in a template literal (``siteMetadata { title: siteTitle }``), a navbar's or a
footer column's in Docusaurus's ``themeConfig``, a blog's ``feedOptions``. Each generator keeps
the site's in one place:

- Gatsby: ``siteMetadata`` (its ``title``, else ``siteTitle``, else the first key named
  ``...Title`` in camel case with a text: ``defaultTitle``, never a ``subtitle``), in place or
  in the constant it names (``siteMetadata: meta`` after ``const meta = {...}``); never a
  plugin's options;
- Docusaurus: the configuration object's own ``title`` (the object holding ``url`` or
  ``baseUrl`` first, then the least nested), never one under ``themeConfig``, ``presets``,
  ``plugins`` or ``themes``;
- Astro, which has no title of its own: Starlight's, ``starlight({title: 'Docs'})``, or in the
  constant it names (``starlight(docs)`` after ``const docs = {...}``).

A title's value is read where it is written out (a text, no ``${...}`` in it, its quotes and
escapes read as JavaScript reads them: ``"Bob's Docs"``; TypeScript's ``as const`` after it) or
a constant holding one (``title: siteTitle`` after ``const siteTitle = '...'``; ``title,``
for ``title: title``); any other value is worked out in code, unknown here (""), and no other
key is taken in its place.

The file is read in a few passes over it, whatever it holds: each bracket named once, each
object's keys found once, the constants gathered once (a configuration is code anyone may write,
with thousands of ``title:`` keys).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..lazyre import lazy
from .jsdata import after_string, blanked, literal, shaped

_KEY = lazy(r"""(?<![\w$.])(['"]?)([A-Za-z_$][\w$]*)\1\s*(?=[:,}])""")
"""An object's key (maybe quoted, as in JSON), or a shorthand entry (``title,``)."""
_COLON = lazy(r"""\s*:\s*""")
_NAME = lazy(r"""[A-Za-z_$][\w$]*""")
_END = lazy(r"""\s*(?:(?:as|satisfies)\s+[A-Za-z_$][\w$.]*\s*)?(?:[,}]|\Z)""")
"""Where a value ends: its entry's ``,`` or its object's ``}`` (TypeScript's ``as const`` before)."""
_STATEMENT_END = lazy(r"""[ \t]*(?:(?:as|satisfies)[ \t]+[A-Za-z_$][\w$.]*[ \t]*)?(?:[;,\n]|\Z)""")
"""Where a constant's value ends: its line's, or its statement's ``;``."""
_KEYED = lazy(r"""(?<![\w$.])(['"]?)([A-Za-z_$][\w$]*)\1\s*:\s*(?=[{(\[])""")
"""A bracket that is a key's value: ``siteMetadata: {``, ``themeConfig: (`` (Docusaurus's
template wraps it, ``themeConfig: /** @type */ ({...})``)."""
_ASSIGNED = lazy(r"""\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=;\n]{0,80})?=\s*(?=[{(\[])""")
_CALLED = lazy(r"""(?<![\w$.])([A-Za-z_$][\w$.]*)\s*(?=\()""")
_METADATA_NAMED = lazy(r"""(?<![\w$.])siteMetadata\s*:\s*([A-Za-z_$][\w$]*)\s*[,}\n]""")
_STARLIGHT_NAMED = lazy(r"""(?<![\w$.])starlight\s*\(\s*([A-Za-z_$][\w$]*)\s*\)""")
_CONSTANT = lazy(r"""^[ \t]*(?:export\s+)?const\s+([A-Za-z_$][\w$]*)\s*=\s*(?=['"`])""", re.M)

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


class _Code(NamedTuple):
    """A configuration read once: its brackets' names and places, its objects' keys, its constants."""

    code: str
    shape: str
    names: dict[int, str]
    """Each bracket's name (see `_names`), "" for one with none."""
    outer: dict[int, int]
    """Where the bracket around each bracket opens (-1 for none)."""
    depth: dict[int, int]
    """How many brackets are around each bracket's own."""
    under: dict[int, bool]
    """Whether a bracket is, or sits in, one of Docusaurus's `_NOT_THE_SITES`."""
    sites: set[int]
    """The objects holding a key of `_SITE_KEYS` of their own."""
    keys: list[_Key]
    """The keys named ``title`` or ``...Title`` of the object literals, in order."""
    constants: dict[str, str]
    """The texts the file's constants are set to (one set more than once is none)."""


def code_title(generator: str, text: str) -> str:
    """Return the site's title given in ``text``, the configuration of a ``generator`` written
    as code, or "" when it gives none that can be read (see the module)."""
    read = _read(blanked(text))
    if generator == "gatsby":
        return _gatsby(read)
    if generator == "astro":
        named = {m.group(1) for m in _STARLIGHT_NAMED.finditer(read.shape)}
        starlight = [k for k in read.keys if k.name == "title" and _starlights(read, k.opening, named)]
        return _value(read, starlight[0]) if starlight else ""
    titles = [k for k in read.keys if k.name == "title" and not read.under[k.opening]]
    ranked = sorted(titles, key=lambda k: (k.opening not in read.sites, read.depth[k.opening]))
    return _value(read, ranked[0]) if ranked else ""  # (a stable sort: the first of equals)


def _starlights(read: _Code, opening: int, named: set[str]) -> bool:
    """Whether the object opening at ``opening`` is Starlight's options: ``starlight({...})``,
    or the constant ``starlight(docs)`` names (``const docs = {...}``, at the top level)."""
    outer = read.outer[opening]
    if read.names[opening] == "" and outer >= 0 and read.names[outer] == "starlight(":
        return True
    return outer < 0 and read.names[opening] in named


def _gatsby(read: _Code) -> str:
    """Return the title Gatsby's ``siteMetadata`` gives: ``title``, else ``siteTitle``, else the
    first key named ``...Title`` (in camel case: never a ``subtitle``) whose value is a text."""
    named = {"siteMetadata", *(m.group(1) for m in _METADATA_NAMED.finditer(read.shape))}
    held = [k for k in read.keys if read.names[k.opening] in named]
    for wanted in ("title", "siteTitle"):
        found = next((k for k in held if k.name == wanted), None)
        if found is not None:
            return _value(read, found)
    others = (_value(read, k) for k in held if k.name.endswith("Title") and k.name != "subTitle")
    return next((v for v in others if v), "")


def _read(code: str) -> _Code:
    """Read ``code`` (as `blanked` makes it) once, each part in a pass over the whole (see `_Code`)."""
    shape = shaped(code)
    inner, outer = _brackets(shape)
    named = _names(code, shape)
    names = {opening: named.get(opening, "") for opening in outer}
    depth: dict[int, int] = {}
    under: dict[int, bool] = {}
    for opening, around in outer.items():  # (in order: a bracket's outer one comes first)
        depth[opening] = depth[around] + 1 if around >= 0 else 0
        under[opening] = names[opening] in _NOT_THE_SITES or (around >= 0 and under[around])
    sites: set[int] = set()
    keys: list[_Key] = []
    for found in _KEY.finditer(code):
        start, name = found.start(), found.group(2)
        opening = inner[start]
        if shape[start] != code[start] or opening < 0 or shape[opening] != "{":
            continue  # (inside a string, its quote blanked in the shape; or not in an object)
        before = start - 1
        while before >= 0 and shape[before].isspace():
            before -= 1
        if shape[before] not in "{,":
            continue  # (a ternary's ``a ? title : b``, a value)
        if name in _SITE_KEYS:
            sites.add(opening)
        elif name == "title" or name.endswith("Title"):
            keys.append(_Key(name, found.start(2), opening))
    return _Code(code, shape, names, outer, depth, under, sites, keys, _constants(code, shape))


def _names(code: str, shape: str) -> dict[int, str]:
    """Return the name of each bracket that has one: the key whose value it is (``siteMetadata:
    {``), the constant set to it (``const config = {``), the function called with its ``(``
    (``starlight(``); a bracket missing has none (an item of a list, an argument)."""
    names: dict[int, str] = {}
    for found in _ASSIGNED.finditer(code):
        names[found.end()] = found.group(1)
    for found in _KEYED.finditer(code):
        names[found.end()] = found.group(2)
    for found in _CALLED.finditer(code):
        names[found.end()] = found.group(1) + "("
    return {at: name for at, name in names.items() if shape[at] == code[at]}


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


def _constants(code: str, shape: str) -> dict[str, str]:
    """Return the texts the constants of ``code`` are set to (``const HOST = 'x.org'``, a
    plain text), but for one set to a text more than once."""
    found: dict[str, str] = {}
    twice: set[str] = set()
    for match in _CONSTANT.finditer(code):
        text = _text(code, shape, match.end(), _STATEMENT_END)
        if text is None or shape[match.start(1)] != code[match.start(1)]:
            continue
        if match.group(1) in found:
            twice.add(match.group(1))
        found[match.group(1)] = text
    return {name: text for name, text in found.items() if name not in twice}


def _text(code: str, shape: str, at: int, end_of: re.Pattern[str] = _END) -> str | None:
    """Return the text of the string literal opening at ``at`` (quotes and escapes read as
    JavaScript reads them) when it is a whole value, else None (``${...}`` in it, or more after it)."""
    end = after_string(code, at)
    value = literal(code[at:end])
    if not isinstance(value, str) or end_of.match(shape, end) is None:
        return None
    return value.strip()


def _value(read: _Code, key: _Key) -> str:
    """Return the text of a title key's value (see the module), or ""."""
    code, shape = read.code, read.shape
    after = key.at + len(key.name) + (1 if code[key.at - 1 : key.at] in ("'", '"') else 0)
    colon = _COLON.match(code, after)
    if colon is None:  # ``title,``: ``title: title``
        return read.constants.get(key.name, "") if _END.match(shape, after) else ""
    at = colon.end()
    if code[at : at + 1] in ("'", '"', "`"):
        return _text(code, shape, at) or ""
    named = _NAME.match(code, at)
    if named is not None and _END.match(shape, named.end()):
        return read.constants.get(named.group(0), "")
    return ""


def constant(name: str, code: str) -> str:
    """Return the text of the constant ``code`` sets ``name`` to (``const HOST = 'x.org'``,
    written once, a plain text), or "" when there is no such constant."""
    given = re.findall(
        rf"""^[ \t]*(?:export\s+)?const\s+{re.escape(name)}\s*=\s*(['"`])([^'"`$\n]*)\1""", code, re.M
    )
    return str(given[0][1]) if len(given) == 1 else ""
