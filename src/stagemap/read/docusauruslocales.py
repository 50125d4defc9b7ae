"""A Docusaurus site's other languages: the folders of its translations, named, never read.

A site whose configuration lists more ``i18n.locales`` than its ``defaultLocale`` keeps each
other locale's text under ``i18n/<locale>/`` (the ``i18n.path`` option moves that folder):
its docs in ``docusaurus-plugin-content-docs/current/`` (and ``version-*`` for released
versions), its blog posts in ``docusaurus-plugin-content-blog/``, its pages and the theme's
words in files of their own. Docusaurus serves such a translation at the route of the default
locale's file of the same path, under ``/<locale>/``, and makes no page of one whose file the
default locale lacks. So, as the folders of Hugo's other languages, they are named under
"Other languages, not read" (`stagemap.read.detect.FoundSite.translations`): each page counts
once in the coverage, not once per language. ``localeConfigs``' own ``path`` is not read.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from pathlib import Path

from ..lazyre import lazy
from .codetitle import constant
from .jsdata import blanked

_I18N = lazy(r"""(?<![\w$.])['"]?i18n['"]?\s*:\s*\{""")
_LOCALES = lazy(r"""(?<![\w$])['"]?locales['"]?\s*:\s*\[([^\[\]]*)\]""")
_DEFAULT = lazy(r"""(?<![\w$])['"]?defaultLocale['"]?\s*:\s*(['"`])([^'"`\n]+)\1""")
_DEFAULT_NAMED = lazy(r"""(?<![\w$.])['"]?defaultLocale['"]?\s*(?::\s*([A-Za-z_$][\w$]*)\s*)?(?=[,}])""")
"""``defaultLocale`` given by a name (``defaultLocale: DEFAULT_LOCALE``, or alone: ``{defaultLocale,
locales}``), not by an expression (``process.env.LOCALE ?? 'en'``)."""
_PATH = lazy(r"""(?<![\w$])['"]?path['"]?\s*:\s*(['"`])([^'"`\n]+)\1""")
_NAME = lazy(r"""(['"`])([^'"`\n]+)\1""")
_BRACE = lazy(r"[{}]")
FOLDER = "i18n"
"""Where Docusaurus looks for the translations unless ``i18n.path`` says otherwise."""
Locales = tuple[tuple[str, ...], frozenset[str]]
"""A site's other locales' folders (``i18n/fr/``), and the top-level folder they fill (`site_locales`)."""


def locale_folders(root: Path, code: str) -> tuple[str, ...]:
    """Return the folders (relative to ``root``, ending ``/``) of the translations of each locale
    but the default that ``code`` (a ``docusaurus.config.js``) lists in ``i18n.locales`` and that
    are there, in the order listed; () for a site of one locale, or whose default is not known
    (`default_locale`)."""
    code = blanked(code)
    options = i18n_options(code)
    locales = _LOCALES.search(options)
    if locales is None or _depth(options, locales.start()) != 1:
        return ()
    where = _top(_PATH, options) or FOLDER
    chosen = default_locale(code, options)
    if "${" in where or where.startswith(("/", "..")) or not chosen:
        return ()  # worked out in code, or outside the site: not named
    found = []
    for name in dict.fromkeys(m.group(2).strip() for m in _NAME.finditer(locales.group(1))):
        folder = posixpath.normpath(posixpath.join(where, name))
        if name and name != chosen and "${" not in name and (root / folder).is_dir():
            found.append(folder + "/")
    return tuple(found)


def site_locales(root: Path, code: str) -> Locales:
    """Return the folders of the other locales' translations (`locale_folders`), and the name of
    the folder that holds them (``i18n``) when they are all it holds: no name outside the
    sources is then left unsaid (none when they are not, or it is deeper in the site)."""
    named = locale_folders(root, code)
    where = posixpath.normpath(_top(_PATH, i18n_options(blanked(code))) or FOLDER).strip("/")
    if not named or "/" in where:
        return named, frozenset()
    inside = {
        f"{where}/{entry.name}/" for entry in (root / where).iterdir() if not entry.name.startswith(".")
    }
    return named, frozenset({where}) if inside <= set(named) else frozenset()


def default_locale(code: str, options: str) -> str:
    """Return the ``defaultLocale`` the ``i18n`` object ``options`` of ``code`` gives: a string
    written there, or the one a name there stands for, a constant of ``code`` (``const
    defaultLocale = 'en'``, then ``{defaultLocale, ...}``); else "" (worked out in code:
    ``process.env.LOCALE ?? 'en'``). Not knowing it, no locale is named: the default's own folder
    (``i18n/en/``, which ``write-translations`` makes too) could be taken for another language's."""
    written = _DEFAULT.search(options)
    if written is not None:
        return written.group(2).strip()
    named = next(at_level(_DEFAULT_NAMED, options), None)
    if named is None:
        return ""
    return constant(named.group(1) or "defaultLocale", code).strip()


def i18n_options(code: str) -> str:
    """Return the first ``i18n`` object of the configuration ``code`` (comments blanked), else ""."""
    found = _I18N.search(code)
    return closed(code, found.end() - 1) if found is not None else ""


def top_i18n(code: str) -> str:
    """Return the ``i18n`` object at the top level of the configuration object in ``code``
    (comments blanked), else "": the one Astro reads (an Astro site's sitemap integration may
    have one of its own, deeper, in its ``integrations``)."""
    found = next(at_level(_I18N, code), None)
    return closed(code, found.end() - 1) if found is not None else ""


def closed(code: str, start: int) -> str:
    """Return the object that opens at ``start`` in ``code``, braces and all (to the end of
    ``code`` if it is never closed)."""
    depth = 0
    for brace in _BRACE.finditer(code, start):
        depth += 1 if brace.group() == "{" else -1
        if depth == 0:
            return code[start : brace.end()]
    return code[start:]


def at_level(pattern: re.Pattern[str], text: str, level: int = 1) -> Iterator[re.Match[str]]:
    """Yield what ``pattern`` finds in ``text`` inside ``level`` braces, no more, no fewer: the
    braces are counted once through ``text``, not again from its start for each match (a
    configuration may repeat a name thousands of times)."""
    depth, last = 0, 0
    for found in pattern.finditer(text):
        depth += text.count("{", last, found.start()) - text.count("}", last, found.start())
        last = found.start()
        if depth == level:
            yield found


def _top(pattern: re.Pattern[str], options: str) -> str:
    """Return the first value ``pattern`` finds in ``options`` at its own level (not in
    ``localeConfigs``), else ""."""
    found = next(at_level(pattern, options), None)
    return found.group(2).strip() if found is not None else ""


def _depth(text: str, end: int) -> int:
    """How many braces ``text[:end]`` opens less those it closes."""
    return text.count("{", 0, end) - text.count("}", 0, end)
