"""Which ``:::kind`` blocks a Docusaurus site shows as admonitions, from its configuration and
``package.json`` (code, never run).

Docusaurus makes an admonition of a block whose kind is one of its keywords: ``secondary``,
``info``, ``success``, ``danger``, ``note``, ``tip``, ``warning``, ``important`` and ``caution``,
and those a content plugin's ``admonitions: {keywords: [...]}`` adds (Docusaurus 3 adds them to
its own unless ``extendDefaults: false``; Docusaurus 2 puts them in their place). Each content
plugin (docs, blog, pages) has options of its own: the traits are given by plugin folder
(`SCOPED`) and `page_admonitions` picks a page's. Where a plugin's keywords cannot be read here
(a spread, a name set in another file) every kind is boxed, as stagemap read them before it read
keywords; ``admonitions: false`` gives none. Docusaurus 2 reads the opening line with a pattern
of its own, Docusaurus 3 as remark-directive reads it (`stagemap.render.notes` reads both), so
the release matters too: `DOCUSAURUS2` where ``@docusaurus/core`` is older than 3 (no version
known: the newest).
"""

from __future__ import annotations

import re
from typing import Any

from ..lazyre import lazy
from .docusaurus import object_at
from .docusaurusmath import placed, plugin_options
from .packageversions import reaches

DOCUSAURUS2 = "docusaurus-2"
"""A Docusaurus 2 site: its admonitions are read as its own remark plugin read them."""
ADMONITION = "admonition:"
"""A trait ``admonition:<kind>``: a keyword the configuration adds to the admonitions'."""
OWN_ADMONITIONS = "own-admonitions"
"""The configuration's keywords replace Docusaurus's own."""
ANY_KIND = "any-admonitions"
"""The keywords are set in a way not read here: every kind is taken for one."""
NO_ADMONITIONS = "no-admonitions"
"""``admonitions: false``: no kind is one."""
SCOPED = "admonitions@"
"""A trait ``admonitions@<folder>|<trait>,<trait>``: the traits above of the content plugin
reading that folder (relative to the project); none after the bar: Docusaurus's own keywords."""
KEYWORDS = (
    "secondary", "info", "success", "danger", "note", "tip", "warning", "important", "caution",
)  # fmt: skip
"""Docusaurus's own admonition keywords, in the order Docusaurus 2 tries them."""
NO_KEYWORD = frozenset({""})
"""The kinds boxed where a Docusaurus 3 plugin has no admonitions: none, though each ``:::kind``
is still a directive (its text shown plain); an empty set would leave the lines as written."""
_OPTION = lazy(
    r"""(?<![\w$.])['"]?admonitions['"]?\s*(?::\s*(\{|false\b|true\b|[A-Za-z_$][\w$]*)|(?=[,}\s]))"""
)
"""A content plugin's ``admonitions`` option: an object, ``false``, a name, or the shorthand."""
_KEY = lazy(r"""(?<![\w$.])['"]?admonitions['"]?\s*:""")
_KEYWORDS = lazy(r"""(?<![\w$])['"]?keywords['"]?\s*:\s*(\[|[A-Za-z_$][\w$]*)""")
_STRING = lazy(r"""(['"`])([A-Za-z][\w-]{0,60})\1""")
_NO_DEFAULTS = lazy(r"""(?<![\w$])['"]?extendDefaults['"]?\s*:\s*false\b""")
_SPREAD = lazy(r"""\.\.\.""")
_COLON = lazy(r"\s*:")
"""What follows a string that is a key."""


def admonition_traits(code: str | None, packages: dict[str, Any], prefix: str = "") -> list[str]:
    """Return the traits of a Docusaurus site's admonitions from its configuration's ``code``
    (comments blanked) and its ``packages``: `DOCUSAURUS2`, and a `SCOPED` one for each content
    plugin (its folder after ``prefix``, the site's folder in the project, with its ``/``) where
    one reads them other than Docusaurus's defaults."""
    core = packages.get("@docusaurus/core")
    release2 = core is not None and not reaches(core, (3, 0))
    traits = [DOCUSAURUS2] if release2 else []
    if not code or "admonitions" not in code:
        return traits
    places = plugin_options(code)
    if _KEY.search(code) and not any("admonitions" in options for _, options in places):
        return [*traits, ANY_KIND]  # (set in options not read here, a name from another file: any kind)
    readings = [(placed(prefix, where), _reading(code, options, release2)) for where, options in places]
    if not any(reading for _, reading in readings):
        return traits
    return sorted({*traits, *(f"{SCOPED}{where}|{','.join(reading)}" for where, reading in readings)})


def _reading(code: str, options: str, release2: bool) -> tuple[str, ...]:
    """Return the traits of one content plugin's admonitions from its ``options`` (names in them
    looked up in ``code``): () for Docusaurus's own keywords."""
    level = _own_level(options)
    found = _OPTION.search(level)
    if found is None:
        return (ANY_KIND,) if _SPREAD.search(level) else ()  # (a spread of the options may set them)
    value = found.group(1) or "admonitions"  # (the shorthand: the name ``admonitions``)
    if value in ("false", "true"):
        return (NO_ADMONITIONS,) if value == "false" else ()
    given = object_at(options, found.end() - 1) if value == "{" else _named(code, value, "{")
    if not given or _SPREAD.search(given):
        return (ANY_KIND,)
    listed = _KEYWORDS.search(given)
    if listed is None:
        return ()  # (``extendDefaults`` alone: Docusaurus's own)
    names = (
        object_at(given, listed.end() - 1) if listed.group(1) == "[" else _named(code, listed.group(1), "[")
    )
    kinds = [found.group(2) for found in _STRING.finditer(names)]
    if not names or _SPREAD.search(names) or _STRING.sub("", names[1:-1]).strip(" \t\n,"):
        return (ANY_KIND,)  # (a name or a spread among them: not known here)
    own = [OWN_ADMONITIONS] if release2 or _NO_DEFAULTS.search(given) else []
    return tuple(sorted({*(ADMONITION + kind for kind in kinds), *own}))


def _own_level(options: str) -> str:
    """Return a plugin's ``options`` (an object literal) as long as written, what is not its own
    keys and values blanked: what objects, arrays and calls inside it hold (a function's
    ``{...args}`` sets no option), and the text of strings other than keys (``routeBasePath:
    'admonitions'`` is no option). The brackets opening and closing what is blanked are kept."""
    kept = list(options)
    depth, quote, start, index = 0, "", 0, 0
    while index < len(options):
        char = options[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
                if depth > 1 or not _COLON.match(options, index + 1):
                    kept[start + 1 : index] = " " * (index - start - 1)
        elif char in "'\"`":
            quote, start = char, index
        elif char in "{[(":
            depth += 1
        elif char in "}])":
            depth -= 1
        elif depth > 1:
            kept[index] = " "
        index += 1
    if quote:  # (a string never closed: blanked to the end)
        kept[start + 1 :] = " " * (len(options) - start - 1)
    return "".join(kept)


def _named(code: str, name: str, opening: str) -> str:
    """Return the object (``opening`` ``{``) or array (``[``) ``code`` sets ``name`` to, or ""."""
    found = re.search(
        rf"(?<![\w$.])(?:const|let|var)\s+{re.escape(name)}\s*(?::[^=\n]*)?=\s*\{opening}", code
    )
    return object_at(code, found.end() - 1) if found else ""


def page_admonitions(traits: tuple[str, ...], path: str) -> tuple[str, ...]:
    """Return a Docusaurus site's ``traits`` as the page at ``path`` (relative to the project)
    reads them: the `SCOPED` ones of the plugin reading the deepest folder holding it, unscoped
    (none: Docusaurus's own keywords)."""
    scoped = [t for t in traits if t.startswith(SCOPED)]
    if not scoped:
        return traits
    kept = [t for t in traits if not t.startswith(SCOPED)]
    places = [t.removeprefix(SCOPED).partition("|") for t in scoped]
    mine = max(
        ((len(where), given) for where, _, given in places if path.startswith(where + "/")), default=None
    )
    return tuple(sorted({*kept, *(mine[1].split(",") if mine and mine[1] else ())}))


def admonition_kinds(traits: tuple[str, ...]) -> frozenset[str] | None:
    """Return the kinds a Docusaurus site with these ``traits`` shows as admonitions (None: any)."""
    if ANY_KIND in traits:
        return None
    if NO_ADMONITIONS in traits:
        return frozenset() if DOCUSAURUS2 in traits else NO_KEYWORD
    own = {t.removeprefix(ADMONITION) for t in traits if t.startswith(ADMONITION)}
    return frozenset(own if OWN_ADMONITIONS in traits else {*KEYWORDS, *own})
