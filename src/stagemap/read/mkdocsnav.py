"""MkDocs' ``nav``: the title it gives each page, from ``mkdocs.yml`` (or Zensical's
``zensical.toml``, whose ``nav`` is a list of inline tables: ``{"Setup" = "guide/setup.md"}``).

MkDocs titles a page by its ``nav`` entry first (``- Configuration: api/config.md``), then by
its ``title`` meta-data, its first ``#`` heading, its file's name. A page of generated
reference (``::: package.config``) often has no heading at all: only ``nav`` names it.

A nav may give one title to pages of several sections (the OpenAI Agents SDK's ``Quickstart``
under its sandbox, realtime and voice sections): the site shows each under its section, but a
list of the pages would show the same name several times. Such a title is qualified with the
section the page is in, ``Quickstart (Voice agents)``, and where pages share that too (a
``Radio`` section in two places), with every section above it, the outermost first:
``Quickstart (Guides / Radio)`` (`_qualified`). A page at the nav's top level keeps its title,
and so do pages of one section that share one (nothing their section adds tells them apart).
The title as written is kept beside the qualified one: a body whose first heading repeats it
has that heading left out on the built page, as it repeats the page's own.

A page the nav does not list takes its title from its own text, and may share it with another
page, listed or not (the OpenAI Agents SDK's reference has an ``Items`` page in four folders,
one in the nav). Such a title is qualified the same way (`unlisted_titles`), the sections being
its folders under the docs folder, named as MkDocs names the sections of a nav it makes from
the folders (``run_internal`` is ``Run internal``): ``Items (Realtime)``; a page the nav lists
without a title (``- changelog/index.md``) is in the nav's sections.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any

from ..lazyre import lazy
from ..model.library import Library
from .filelanguages import site_languages
from .languages import unsuffixed
from .mkdocsettings import plugin_options

WRITTEN_TITLES = "\0nav-written"
"""The key under which an MkDocs site's params hold the title its nav writes for each page whose
title is qualified, by the page's path relative to the project (`nav_titles`): a body's first
heading that repeats it is left out of the built page (`stagemap.render.assetbody.asset_body`)."""
NAV_PAGES = "\0nav-pages"
"""The key under which an MkDocs site's params hold the paths (relative to the project) of the
pages its nav titles, sorted: the others' titles are qualified apart (`unlisted_titles`)."""
NAV_SECTIONS = "\0nav-sections"
"""The key under which an MkDocs site's params hold the sections of the pages its nav lists
without a title, by their paths (`untitled_sections`)."""
MAX_NAV = 10_000
"""The most ``nav`` entries read (a site's whole table of contents is far fewer)."""


def _language_nav(data: Mapping[str, Any]) -> Any:
    """Return the ``nav`` the i18n plugin gives the default language (``languages: [{locale: en,
    default: true, nav: [...]}]``): it stands in for the top-level one in that language's build
    (the OpenAI Agents SDK's docs have no other); None when it gives none."""
    languages = (plugin_options(data, "i18n") or {}).get("languages")
    entries = [e for e in languages if isinstance(e, dict)] if isinstance(languages, list) else []
    default = next((e for e in entries if e.get("default") is True), None)
    nav = default.get("nav") if default is not None else None
    return nav if isinstance(nav, list) and nav else None


def nav_titles(
    data: Mapping[str, Any], name: str, text: str
) -> tuple[dict[str, tuple[str, int]], dict[str, str]]:
    """Return the title ``nav`` gives each page, with its line in the file, by the page's path
    relative to the project (``name`` is the configuration file's, ``text`` its text); and the
    title as the nav writes it of each page whose title is qualified (`_qualified`), likewise.

    An entry without a title (``- api/config.md``), a link (``- Issues: https://...``) and a
    section's own title (``- API: [...]``) give none; of two entries for one page, the first
    wins, as the first is the page's place in the navigation. With MkDocs' i18n plugin naming
    files by language (`stagemap.read.filelanguages`), ``guide/setup.md`` names
    ``guide/setup.en.md`` too, the default language's page.
    """
    languages = site_languages("mkdocs", data)  # i18n's ``x.md`` is ``x.en.md`` when only that is there
    default = languages.default if languages is not None and not languages.folders else ""
    docs = data.get("docs_dir")
    folder = posixpath.join(posixpath.dirname(name), docs if isinstance(docs, str) and docs else "docs")
    pages: dict[str, tuple[str, int, tuple[str, ...]]] = {}
    lines: dict[str, int] | None = None
    for count, (title, path, sections) in enumerate(_entries(_language_nav(data) or data.get("nav"), 0)):
        if count >= MAX_NAV:
            break
        if path.lower().endswith((".md", ".markdown")) and "://" not in path:
            lines = (
                (_toml_lines(text) if name.endswith(".toml") else _value_lines(text))
                if lines is None
                else lines
            )
            rel = posixpath.normpath(posixpath.join(folder, path.strip().lstrip("/")))
            pages.setdefault(rel, (title, lines.get(path.strip(), 1), sections))
    named = _qualified({rel: (title, sections) for rel, (title, _, sections) in pages.items()})
    titles, written = _by_path(pages, named, default), _by_path(pages, {}, default)
    return titles, {path: written[path][0] for path, made in titles.items() if made != written[path]}


def untitled_sections(data: Mapping[str, Any], name: str) -> dict[str, list[str]]:
    """Return the sections ``nav`` puts each page it lists without a title in (``- changelog/index.md``
    under ``Changelog``), the outermost first, by the page's path relative to the project (the
    first entry for a page; ``name`` is the configuration file's): `unlisted_titles` tells such a
    page's own title apart by them, not by its folders."""
    docs = data.get("docs_dir")
    folder = posixpath.join(posixpath.dirname(name), docs if isinstance(docs, str) and docs else "docs")
    found: dict[str, list[str]] = {}
    for count, (path, sections) in enumerate(_untitled(_language_nav(data) or data.get("nav"), 0)):
        if count >= MAX_NAV:
            break
        if path.lower().endswith((".md", ".markdown")) and "://" not in path:
            found.setdefault(
                posixpath.normpath(posixpath.join(folder, path.strip().lstrip("/"))), list(sections)
            )
    return found


def _untitled(nav: Any, depth: int, sections: tuple[str, ...] = ()) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Yield (path, sections) of each page ``nav`` (a list of entries) lists without a title, in order."""
    if not isinstance(nav, list) or depth > 32:
        return
    for entry in nav:
        if isinstance(entry, str):
            yield entry, sections
        elif isinstance(entry, dict):
            for title, value in entry.items():
                if isinstance(value, list):
                    section = str(title).strip() if title is not None else ""
                    yield from _untitled(value, depth + 1, (*sections, section) if section else sections)


def _by_path(
    pages: Mapping[str, tuple[str, int, tuple[str, ...]]], named: Mapping[str, str], default: str
) -> dict[str, tuple[str, int]]:
    """Return the title of each of ``pages`` (``named``'s where it gives one) and its line, by
    its path, and with the i18n plugin's ``default`` language by that language's path too."""
    titles: dict[str, tuple[str, int]] = {}
    for rel, (title, line, _) in pages.items():
        titles[rel] = (named.get(rel, title), line)
        if default and unsuffixed(rel, default) == rel:
            stem, _, ending = rel.rpartition(".")
            titles.setdefault(f"{stem}.{default}.{ending}", titles[rel])
    return titles


def _qualified(pages: Mapping[str, tuple[str, tuple[str, ...]]]) -> dict[str, str]:
    """Return the titles of ``pages`` (title and the sections it is in, the outermost first, by
    path) that pages of other sections share, qualified with the page's section (see the module
    docstring); titles and sections are compared ignoring case."""
    shared = _apart(pages.values())
    near = {
        rel: f"{title} ({within[-1]})"
        for rel, (title, within) in pages.items()
        if title.casefold() in shared and within
    }
    again = _apart((made, pages[rel][1]) for rel, made in near.items())
    return {
        rel: f"{pages[rel][0]} ({' / '.join(pages[rel][1])})" if made.casefold() in again else made
        for rel, made in near.items()
    }


def _apart(titled: Iterable[tuple[str, tuple[str, ...]]]) -> set[str]:
    """Return the titles (lower case) that ``titled`` (title, sections) gives pages of different
    sections, ignoring case: pages of one section that share a title are told apart by nothing
    their section adds."""
    sections: dict[str, set[tuple[str, ...]]] = {}
    for title, within in titled:
        sections.setdefault(title.casefold(), set()).add(tuple(s.casefold() for s in within))
    return {title for title, found in sections.items() if len(found) > 1}


def _entries(
    nav: Any, depth: int, sections: tuple[str, ...] = ()
) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """Yield (title, path, sections) of each titled page in ``nav``, a list of entries, in order:
    ``sections`` the titles of the sections it is in, the outermost first."""
    if not isinstance(nav, list) or depth > 32:
        return
    for entry in nav:
        if not isinstance(entry, dict):
            continue  # a path alone: the page titles itself
        for title, value in entry.items():
            if isinstance(value, str) and isinstance(title, str) and title.strip():
                yield title.strip(), value, sections
            else:
                section = str(title).strip() if title is not None else ""  # (``2024:`` is a number in YAML)
                yield from _entries(value, depth + 1, (*sections, section) if section else sections)


def _value_lines(text: str) -> dict[str, int]:
    """Return the first line of each value in ``text`` (after ``key:`` or ``- ``, unquoted), by the value."""
    found: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        value = line.rpartition(": ")[2] if ": " in line else line.strip().removeprefix("- ")
        found.setdefault(value.strip().strip("'\""), number)
    return found


_TOML_VALUE = lazy(r"""=[ \t]*(?:"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)')""")
"""A text value after ``=`` in TOML, in double quotes (escapes kept as written) or single ones."""


def _toml_lines(text: str) -> dict[str, int]:
    """Return the first line of each text value given with ``=`` in TOML ``text``, by the value."""
    found: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        for value in _TOML_VALUE.finditer(line):
            found.setdefault((value.group(1) or value.group(2) or "").strip(), number)
    return found


def unlisted_titles(
    pages: Mapping[str, tuple[str, tuple[str, ...]]], listed: Iterable[str]
) -> dict[str, str]:
    """Return the qualified titles of ``pages`` (by path: the title a page gives itself and the
    sections it is in, the outermost first), the pages the nav gives no title, that share their
    title (ignoring case) with another page: another of ``pages`` in other sections, or one the
    nav titles (``listed``, their titles). Qualified as `_qualified` qualifies nav titles; a page
    in no section keeps its title, and so do pages of one section that share one."""
    counted = Counter(title.casefold() for title in listed)
    places: dict[str, set[tuple[str, ...]]] = {}
    for title, within in pages.values():
        places.setdefault(title.casefold(), set()).add(tuple(s.casefold() for s in within))
    near: dict[str, tuple[str, tuple[str, ...]]] = {}
    for rel, (title, within) in pages.items():
        if title and within and (counted[title.casefold()] or len(places[title.casefold()]) > 1):
            near[rel] = (f"{title} ({within[-1]})", within)
    again = _apart(near.values()) | {t.casefold() for t in listed}
    return {
        rel: f"{pages[rel][0]} ({' / '.join(within)})" if made.casefold() in again else made
        for rel, (made, within) in near.items()
    }


def with_unlisted_titles(library: Library, under: Mapping[str, str], generator: str) -> Library:
    """Return ``library`` (an MkDocs site's) with the titles of the pages its nav does not list
    qualified where they are shared (`unlisted_titles`; ``under``: each file's path under its
    source, by its project-relative path), each title as written kept in the site's params (a
    body's first heading that repeats it is left out on the built page)."""
    if generator != "mkdocs":
        return library
    listed = frozenset(library.site_params.get(NAV_PAGES) or ())
    untitled: Mapping[str, list[str]] = library.site_params.get(NAV_SECTIONS) or {}
    pages = {
        a.path: (
            a.title,
            tuple(untitled[a.path]) if a.path in untitled else _folders(under.get(a.path, a.path)),
        )
        for a in library.assets
        if a.path not in listed
    }
    named = unlisted_titles(pages, [a.title for a in library.assets if a.path in listed])
    if not named:
        return library
    written = {**(library.site_params.get(WRITTEN_TITLES) or {}), **{rel: pages[rel][0] for rel in named}}
    assets = tuple(replace(a, title=named[a.path]) if a.path in named else a for a in library.assets)
    return replace(library, assets=assets, site_params={**library.site_params, WRITTEN_TITLES: written})


def _folders(sub: str) -> tuple[str, ...]:
    """Return the titles MkDocs gives the folders a page's path ``sub`` is in, outermost first."""
    return tuple(folder_title(part) for part in sub.split("/")[:-1] if part)


def folder_title(name: str) -> str:
    """Return the title MkDocs gives a section it makes of a folder: its name with ``-`` and
    ``_`` as spaces, capitalised when it is all lower case (``run_internal``: ``Run internal``)."""
    title = name.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title
