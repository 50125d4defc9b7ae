"""Translations kept beside each other, each file naming its language before its ending:
``guide/setup.en.md``, ``guide/setup.fr.md``.

MkDocs' i18n plugin (mkdocs-static-i18n, with its usual ``docs_structure: suffix``) and Hugo name
a page's language so. The site's default language is built at the root (``setup.en.md`` at
``/guide/setup/``, where ``setup.md`` would be), every other one under ``/<language>/``
(``setup.fr.md`` at ``/fr/guide/setup/``). So the default language's files are the pages read,
known by their names without the language (the ``default_language`` setting,
`stagemap.read.languages.unsuffixed`): their routes, ids and titles, and the links to them
(``setup.md`` means ``setup.en.md``). The other languages' files translate them: init excludes
them (``*.fr.*``) as it excludes folders of translations (`stagemap.read.languages`).

A language is one the site's configuration names: the plugin's ``languages`` (0.x: a mapping
of codes, with ``default_language``; 1.x: a list of ``{locale, default}``), Hugo's ``languages``
(the default its ``defaultContentLanguage``, else ``en``). Hugo serves a file naming another
(``notes.de.md``) at its whole name, ``/notes.de/``. With ``docs_structure: folder`` the
plugin keeps each language in a folder of the docs folder (``docs/en/``, ``docs/fr/``), the
default one's served from the root: that folder is the one read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .hugomounts import content_mounts
from .languages import is_language
from .mkdocsettings import plugin_options
from .sources import walk


@dataclass(frozen=True, slots=True)
class FileLanguages:
    """The languages a site's configuration names for its files."""

    default: str
    """The default language's code (``en``)."""
    others: tuple[str, ...]
    """The other languages' codes, in the configuration's order."""
    folders: bool = False
    """Each language is a folder of the docs folder (the plugin's ``docs_structure: folder``)."""
    any_named: bool = False
    """The languages are not listed: each language's code files name is one (gatsby-plugin-i18n's)."""
    twins_only: bool = False
    """The languages are not known (a list written as code): one is another language's only where
    most of its files translate pages named for none, as when the default is not known."""


def site_languages(generator: str, data: Mapping[str, Any]) -> FileLanguages | None:
    """Return the languages a site's configuration (``data``) names its files by, or None."""
    if generator == "mkdocs":
        return _plugin_languages(data)
    if generator == "hugo" and isinstance(data.get("languages"), dict):
        default = str(data.get("defaultContentLanguage") or "en").lower()
        own = {m.lang for m in content_mounts(dict(data)) if m.lang}  # languages kept in folders of their own
        codes = [str(code).lower() for code in data["languages"]]
        return FileLanguages(default, tuple(c for c in codes if c != default and c not in own))
    return None


def _plugin_languages(data: Mapping[str, Any]) -> FileLanguages | None:
    """Return the languages of MkDocs' i18n plugin in ``mkdocs.yml`` (``data``; Zensical's
    ``[project.plugins.i18n]`` too), or None."""
    options = plugin_options(data, "i18n") or {}
    languages = options.get("languages")
    default = options.get("default_language")
    codes: list[str] = []
    if isinstance(languages, dict):  # 0.x: {en: English, fr: {name: Français}}
        codes = [str(code) for code in languages if str(code) != "default"]
    elif isinstance(languages, list):  # 1.x: [{locale: en, default: true}, {locale: fr}]
        entries = [e for e in languages if isinstance(e, dict) and isinstance(e.get("locale"), str)]
        codes = [e["locale"] for e in entries]
        default = next((e["locale"] for e in entries if e.get("default") is True), default)
    if not codes:
        return None
    default = default if isinstance(default, str) and default.strip() else codes[0]
    folders = options.get("docs_structure") == "folder"
    return FileLanguages(default, tuple(c for c in codes if c != default), folders)


def with_languages(
    root: Path, sources: Iterable[Any], languages: FileLanguages, extensions: tuple[str, ...]
) -> tuple[tuple[Any, ...], tuple[str, ...], str]:
    """Return ``sources`` (`stagemap.read.detect.FoundSource`) with the other languages' files
    excluded, what is not read of them (folders, and globs such as ``docs/**/*.fr.*``), and
    the default language when a file names it: the ``default_language`` setting."""
    sources = list(sources)
    if languages.folders:  # the default language's folder of the docs folder is the docs
        first = sources[0] if sources else None
        if first is None:
            return tuple(sources), (), ""
        kept_apart = [c for c in languages.others if (root / first.path / c).is_dir()]
        folders = tuple(f"{first.path}/{c}/" for c in kept_apart)
        if (root / first.path / languages.default).is_dir():
            return (replace(first, path=f"{first.path}/{languages.default}"), *sources[1:]), folders, ""
        # The default language at the docs folder's root, each other one in its folder there.
        globs = [f"/{c}/" for c in kept_apart if f"/{c}/" not in first.exclude]
        return (replace(first, exclude=(*first.exclude, *globs)), *sources[1:]), folders, ""
    kept: list[Any] = []
    found: list[str] = []
    named: set[str] = set()
    for source in sources:
        codes = _named_languages(root / source.path, extensions) if not source.audience else {}
        named |= set(codes)
        listed = [c for c in codes if is_language(c)] if languages.any_named else languages.others
        others = [c for c in listed if c.lower() in codes and c != languages.default]
        known = languages.default and not languages.twins_only
        others = others if known else [c for c in others if _translates(*codes[c.lower()])]
        globs = [f"*.{c}.*" for c in others if f"*.{c}.*" not in source.exclude]
        kept.append(replace(source, exclude=(*source.exclude, *globs)) if globs else source)
        found += (f"{'' if source.path == '.' else source.path + '/'}**/*.{c}.*" for c in others)
    every = {c.lower() for c in (languages.default, *languages.others)}
    default = languages.default if named & every else ""
    return tuple(kept), tuple(found), default


def _translates(files: int, twins: int) -> bool:
    """Whether a language whose ``files`` files are named for it, ``twins`` of them beside a file
    named for none, translates the pages named for none, the default not being known: most of
    its files do (``index.md``, ``index.en.md`` and ``index.pt.md`` beside ``pricing.en.md``
    and ``pricing.pt.md``: English is not left out with Portuguese for one twin)."""
    return twins > 0 and 2 * twins >= files


def _named_languages(folder: Path, extensions: tuple[str, ...]) -> dict[str, tuple[int, int]]:
    """Return what the content files under ``folder`` name before their ending (``fr`` of
    ``setup.fr.md``), lower case, not a language's code only; each with how many files name it
    and how many of those have one beside them named for none (``setup.md``), sorted."""
    files = {sub.lower() for kind, _, sub in walk(str(folder)) if kind == "file"}
    found: dict[str, tuple[int, int]] = {}
    for sub in sorted(files):
        head, slash, name = sub.rpartition("/")
        if not name.endswith(extensions) or name.count(".") < 2:
            continue
        stem, code, ending = name.rsplit(".", 2)
        count, twins = found.get(code, (0, 0))
        found[code] = (count + 1, twins + (f"{head}{slash}{stem}.{ending}" in files))
    return found
