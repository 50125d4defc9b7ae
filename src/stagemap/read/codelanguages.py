"""The languages of a site whose configuration is code: Gatsby's i18n plugins, Astro's ``i18n``.

A Gatsby site translated by file name keeps each translation beside its page, named for its
language before its ending: ``blog/spring/index.md`` and ``index.es.md`` (gatsby-plugin-i18n,
whose ``langKeyDefault`` is the language of the files that name none; gatsby-theme-i18n, whose
``defaultLang`` is that of ``index.mdx`` and whose ``locales``, or the file its ``configPath``
names, lists the others; gatsby-plugin-react-i18next and gatsby-plugin-intl, whose
``defaultLanguage`` and ``languages`` a site's own page code uses so). The default of the
first two, when the option is not given, is ``en``; the others' is not known. The other
languages' files translate the default's, as on Hugo and MkDocs sites
(`stagemap.read.filelanguages`): they are not read, so a page counts once. gatsby-plugin-i18n
lists no languages: every language's code that files name before their ending is one (the
plugin names those of its ``pagesPaths``, ``src/pages/``; a site's own code often names its
posts so too); another plugin's list written as code is not known, and a code is taken for
one only as when the default is not known. A default not known, or written as code
(``langKeyDefault: config.lang``), leaves only the languages most of whose files translate
one named for none (``index.es.md`` beside ``index.md``) taken for other languages.

An Astro site with ``i18n: {defaultLocale, locales}`` (at the top level of its configuration,
the object Astro reads) keeps each language in a folder named
for it (``src/pages/es/``, anywhere there, as Astro's routing finds it; and, as Astro's i18n
recipe lays out content collections, ``src/content/blog/es/``): the folders of the locales but
the default one are translations, as Starlight's (`stagemap.read.astro`). A locale given as
``{path: 'spanish', codes: [...]}`` is kept in the folder its ``path`` names. Files named
for a locale (``about.es.md``, as astro-loader-i18n reads them) are other languages too. A
site doing its i18n in its own code, with no ``i18n`` in its configuration, routes each other
language under a folder of ``src/pages`` of its name (``src/pages/es/``), the default's pages
at the root: a folder of such a language whose pages are twins of those of a folder beside it
named for another one (``blog/es/steam.md``, ``blog/en/steam.md``) holds translations too;
``services/it/`` beside ``services/ar/`` may be the pages of two teams.
"""

from __future__ import annotations

import json
import os
import posixpath
from collections.abc import Callable
from pathlib import Path

from ..lazyre import lazy
from .astro import STARLIGHT
from .codetitle import constant
from .docusauruslocales import at_level, default_locale, top_i18n
from .filelanguages import FileLanguages
from .jsdata import blanked
from .languages import DEEPEST, Folders, holds_page, is_language, own_pages, translation_folders

_GATSBY_PLUGINS = lazy(
    r"""(['"`])(gatsby-plugin-i18n|gatsby-theme-i18n|gatsby-plugin-react-i18next|gatsby-plugin-intl)\1"""
)
_GATSBY_DEFAULT = lazy(
    r"""(?<![\w$.])['"]?(?:langKeyDefault|defaultLangKey|defaultLang|defaultLanguage)['"]?\s*:\s*"""
    r"""(?:(['"`])([^'"`$\n]+)\1|([A-Za-z_$][\w$.]*))"""
)
"""The default language in a plugin's options: a text, else a name (``lang``, ``config.lang``)."""
_GATSBY_LIST = lazy(r"""(?<![\w$.])['"]?(?:languages|locales)['"]?\s*:\s*\[([^\[\]]*)\]""")
"""``languages: ['en', 'es']`` (gatsby-plugin-react-i18next, gatsby-plugin-intl)."""
_SPACED = lazy(r"""(?<![\w$.])['"]?locales['"]?\s*:\s*(['"`])([\w -]+)\1""")
"""gatsby-theme-i18n's ``locales: 'en es'``."""
_CONFIG_PATH = lazy(
    r"""(?<![\w$.])['"]?configPath['"]?\s*:\s*(?:require\.resolve\(\s*)?(['"`])([^'"`$\n]+)\1"""
)
_TEXT = lazy(r"""(['"`])([^'"`\n]+)\1""")
_ASTRO_LOCALES = lazy(r"""(?<![\w$])['"]?locales['"]?\s*:\s*\[""")
_PATH = lazy(r"""(?<![\w$])['"]?path['"]?\s*:\s*(['"`])([^'"`\n]+)\1""")
_PAGE_ENDINGS = (".astro", ".md", ".mdx", ".markdown", ".html", ".js", ".ts")
"""The files Astro makes pages (and endpoints) of in ``src/pages``."""
NAMED_DEFAULT = "en"
"""The default language of gatsby-plugin-i18n and gatsby-theme-i18n when their options give none."""
_DEFAULT_EN = frozenset({"gatsby-plugin-i18n", "gatsby-theme-i18n"})
"""The plugins whose default language is `NAMED_DEFAULT` (gatsby-plugin-intl's has none)."""


def code_languages(root: Path, generator: str, config: object) -> FileLanguages | None:
    """Return the languages a Gatsby or Astro configuration (``config``, its code) names, or None
    (another generator, a site of one language, or a Starlight site's, read in `stagemap.read.astro`)."""
    if not isinstance(config, str):
        return None
    if generator == "gatsby":
        return _gatsby_languages(root, blanked(config))
    if generator == "astro" and STARLIGHT.search(config) is None:  # (Starlight's locales are its own)
        return _astro_languages(config)
    return None


def locale_finder(root: Path, generator: str, config: object) -> Folders | None:
    """Return what finds an Astro site's folders of other locales (and of translations, as
    `stagemap.read.languages.translation_folders` finds them), or None (the usual finder).
    With no ``i18n`` in the configuration, the languages the site routes under folders of
    ``src/pages`` of their names (`_routed_languages`) are the other locales, where a folder of
    one holds twins of the pages of a folder beside it named for another language."""
    if generator != "astro":
        return None
    named = code_languages(root, generator, config)
    others = frozenset(named.others) if named is not None else _routed_languages(root / "src/pages")
    if not others:
        return None
    beside = named is None

    def find(folder: Path, extensions: tuple[str, ...], apart: Callable[[str], bool]) -> list[str]:
        found = translation_folders(folder, extensions, apart)
        return sorted({*found, *_named_folders(folder, extensions, others, apart, set(found), beside)})

    return find


def _routed_languages(pages: Path) -> frozenset[str]:
    """Return the languages whose pages a site's ``src/pages`` (``pages``) keeps in folders
    named for them (``src/pages/es/``): as Astro's routing serves every other language but the
    default, whose pages are at the root, under its own folder."""
    try:
        with os.scandir(pages) as listed:
            names = [e.name for e in listed if e.is_dir(follow_symlinks=False) and is_language(e.name)]
    except OSError:
        return frozenset()
    return frozenset(n for n in names if holds_page(pages / n, _PAGE_ENDINGS))


def _gatsby_languages(root: Path, code: str) -> FileLanguages | None:
    if _GATSBY_PLUGINS.search(code) is None:
        return None
    plugins = {m.group(2) for m in _GATSBY_PLUGINS.finditer(code)}
    default = _gatsby_default(code, plugins)
    listed = _listed(root, code)
    others = tuple(c for c in listed if c != default)
    # Only gatsby-plugin-i18n lists no languages; another plugin's list written as code
    # (``languages: Object.keys(locales)``) is not known: a code files name is taken for another
    # language only where most of its files translate pages named for none.
    guessed = not listed and "gatsby-plugin-i18n" not in plugins
    return FileLanguages(default, others, any_named=not listed, twins_only=guessed)


def _gatsby_default(code: str, plugins: set[str]) -> str:
    """Return the default language the options of the ``plugins`` named give (none given: ``en``
    for those whose default it is), or "" when it is worked out in code or not known."""
    found = _GATSBY_DEFAULT.search(code)
    if found is None:
        return NAMED_DEFAULT if plugins & _DEFAULT_EN else ""
    if found.group(2):
        return found.group(2).strip().lower()
    name = found.group(3)
    return "" if "." in name else constant(name, code).strip().lower()


def _listed(root: Path, code: str) -> tuple[str, ...]:
    """Return the languages the options list (lower case), or () when they list none."""
    found = _GATSBY_LIST.search(code)
    if found is not None:
        return tuple(dict.fromkeys(m.group(2).strip().lower() for m in _TEXT.finditer(found.group(1))))
    spaced = _SPACED.search(code)
    if spaced is not None:
        return tuple(dict.fromkeys(spaced.group(2).lower().split()))
    where = _CONFIG_PATH.search(code)
    return _config_codes(root, where.group(2)) if where is not None else ()


def _config_codes(root: Path, path: str) -> tuple[str, ...]:
    """Return the ``code`` of each locale gatsby-theme-i18n's configuration file lists."""
    name = posixpath.normpath(path.removeprefix("./"))
    if name.startswith(("/", "..")):
        return ()
    try:
        data = json.loads((root / name).read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return ()
    if not isinstance(data, list):
        return ()
    return tuple(
        dict.fromkeys(
            e["code"].lower() for e in data if isinstance(e, dict) and isinstance(e.get("code"), str)
        )
    )


def _astro_languages(code: str) -> FileLanguages | None:
    """Return the languages of the ``i18n`` object at the top level of the configuration object
    in ``code``, the one Astro reads (not the sitemap integration's, deeper), when it has a
    ``defaultLocale`` and a list of ``locales``."""
    blank = blanked(code)
    options = top_i18n(blank)
    default, locales = default_locale(blank, options), _astro_locales(options)
    if default and locales:
        return FileLanguages(default, tuple(c for c in locales if c != default))
    return None


def _astro_locales(options: str) -> list[str]:
    """Return the folders of the locales the ``i18n`` object ``options`` lists: a text, or an
    object's ``path`` (``{path: 'spanish', codes: ['es']}``). One pass through the list."""
    start = next((m.end() for m in at_level(_ASTRO_LOCALES, options)), None)
    found: list[str] = []
    depth, index, opened = 0, start if start is not None else len(options), 0
    while index < len(options):
        char = options[index]
        text = _TEXT.match(options, index) if char in "'\"`" else None
        if text is not None:  # a string: its brackets are none of the list's
            found += [text.group(2).strip()] if depth == 0 else []
            index = text.end()
            continue
        if char in "[{":
            opened = index if depth == 0 else opened
            depth += 1
        elif char in "]}":
            if depth == 0:
                break
            depth -= 1
            if depth == 0 and char == "}":
                found += [m.group(2).strip() for m in at_level(_PATH, options[opened : index + 1])][:1]
        index += 1
    return list(dict.fromkeys(f for f in found if f))


def _named_folders(
    folder: Path,
    extensions: tuple[str, ...],
    names: frozenset[str],
    apart: Callable[[str], bool],
    seen: set[str],
    beside: bool = False,
) -> list[str]:
    """Return the folders under ``folder`` (its paths in it) named one of ``names`` that hold a
    content file, not looking into them, nor into those ``apart`` names or ``seen`` holds, nor
    following a link; with ``beside``, only those whose pages are twins of a folder beside them
    named for a language not among ``names`` (``blog/es/post.md`` and ``blog/en/post.md``)."""
    found: list[str] = []
    for base, dirs, _ in os.walk(folder):
        rel = os.path.relpath(base, folder).replace(os.sep, "/")
        deep = rel.count("/") + 1 >= DEEPEST
        others = [d for d in dirs if is_language(d) and d not in names] if beside else None
        kept = []
        for name in sorted(dirs):
            sub = name if rel == "." else f"{rel}/{name}"
            if name.startswith(".") or name == "node_modules" or apart(sub) or sub in seen:
                continue
            if name in names and _translated(Path(base), name, others, extensions):
                found.append(sub)
            else:
                kept.append(name)
        dirs[:] = [] if deep else kept
    return found


def _translated(base: Path, name: str, others: list[str] | None, extensions: tuple[str, ...]) -> bool:
    """Whether the folder ``name`` of ``base`` holds translations: a content file, or, given the
    folders of ``others`` languages beside it, as many pages of the same paths as one of those
    holds as `stagemap.read.languages.twin_folders` asks of a folder and its parent (``it/`` and
    ``hr/`` beside ``ar/`` may be topics, not languages)."""
    if (base / name).is_symlink():
        return False
    if others is None:
        return holds_page(base / name, extensions)
    pages = own_pages(base / name, extensions)
    for other in others:
        twins = sum((base / other / page).is_file() for page in pages)
        if twins >= 2 and 2 * twins >= len(pages):
            return True
    return False
