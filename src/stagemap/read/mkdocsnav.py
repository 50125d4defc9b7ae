"""MkDocs' ``nav``: the title it gives each page, from ``mkdocs.yml`` (or Zensical's
``zensical.toml``, whose ``nav`` is a list of inline tables: ``{"Setup" = "guide/setup.md"}``).

MkDocs titles a page by its ``nav`` entry first (``- Configuration: api/config.md``), then by
its ``title`` meta-data, its first ``#`` heading, its file's name. A page of generated
reference (``::: package.config``) often has no heading at all: only ``nav`` names it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Mapping
from typing import Any

from ..lazyre import lazy
from .filelanguages import site_languages
from .languages import unsuffixed
from .mkdocsettings import plugin_options

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


def nav_titles(data: Mapping[str, Any], name: str, text: str) -> dict[str, tuple[str, int]]:
    """Return the title ``nav`` gives each page, with its line in the file, by the page's path
    relative to the project (``name`` is the configuration file's, ``text`` its text).

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
    titles: dict[str, tuple[str, int]] = {}
    lines: dict[str, int] | None = None
    for count, (title, path) in enumerate(_entries(_language_nav(data) or data.get("nav"), 0)):
        if count >= MAX_NAV:
            break
        if path.lower().endswith((".md", ".markdown")) and "://" not in path:
            lines = (
                (_toml_lines(text) if name.endswith(".toml") else _value_lines(text))
                if lines is None
                else lines
            )
            rel = posixpath.normpath(posixpath.join(folder, path.strip().lstrip("/")))
            titles.setdefault(rel, (title, lines.get(path.strip(), 1)))
            if default and unsuffixed(rel, default) == rel:
                stem, _, ending = rel.rpartition(".")
                titles.setdefault(f"{stem}.{default}.{ending}", titles[rel])
    return titles


def _entries(nav: Any, depth: int) -> Iterator[tuple[str, str]]:
    """Yield (title, path) of each titled page in ``nav``, a list of entries, in order."""
    if not isinstance(nav, list) or depth > 32:
        return
    for entry in nav:
        if not isinstance(entry, dict):
            continue  # a path alone: the page titles itself
        for title, value in entry.items():
            if isinstance(value, str) and isinstance(title, str) and title.strip():
                yield title.strip(), value
            else:
                yield from _entries(value, depth + 1)


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
