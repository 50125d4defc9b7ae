"""What an Astro site's configuration (code, never run) says about its pages: Starlight's routes.

Starlight, Astro's documentation theme, serves its ``docs`` collection from the site root:
``src/content/docs/guides/setup.md`` is ``/guides/setup/``, not ``/docs/guides/setup/`` as
Astro's usual reading of ``src/content`` would have it, and a page's ``slug`` is its whole
route (the URL pattern name ``{entry}``). A site in several languages keeps
each translation in a folder named after its locale (``de/``, ``zh-cn/``), beside the default
language's pages (the ``root`` locale) or beside its folder (``defaultLocale: 'en'``, served
under ``/en/``). The locales are found as keys of the configuration that name such a folder.
"""

from __future__ import annotations

import re
from pathlib import Path

StarlightDocs = tuple[str, str, tuple[str, ...], tuple[str, ...]]
"""(folder, URL pattern, excluded globs, translations' folders) of a Starlight site's pages."""

STARLIGHT = re.compile(r"""['"]@astrojs/starlight['"]""")
"""The import that makes an Astro site a Starlight one."""
DOCS = "src/content/docs"
"""Starlight's content collection, served from the site root."""
_LOCALE_KEY = re.compile(
    r"""^[ \t]*(['"]?)(root|[a-z]{2,3}(?:-[a-z0-9]{2,8})*)\1[ \t]*:[ \t]*\{""", re.M | re.I
)
"""A key of the ``locales`` object: ``de: { label: 'Deutsch' }``, ``'zh-cn': {...}``, ``root: {...}``."""
_DEFAULT_LOCALE = re.compile(r"""^[ \t]*defaultLocale\s*:\s*['"]([^'"]+)['"]""", re.M)
_SITE_CONSTANT = re.compile(
    r"""^[ \t]*(?:const|let|var)\s+site\s*=[^;\n]*?['"`](https?://[^'"`]+)['"`]""", re.M
)
"""``const site = PREVIEW || 'https://...'``, for a configuration that then says ``site,``."""


def starlight_docs(root: Path, code: str) -> StarlightDocs | None:
    """Return where a Starlight site's pages are and how they are served, or None when the site
    is not one (or has no ``src/content/docs``)."""
    docs = root / DOCS
    if not STARLIGHT.search(code) or not docs.is_dir():
        return None
    keys = {m.group(2).lower() for part in _locales(code) for m in _LOCALE_KEY.finditer(part)}
    languages = sorted(p.name for p in docs.iterdir() if p.is_dir() and p.name.lower() in keys)
    default = _DEFAULT_LOCALE.search(code)
    if "root" not in keys and default and default.group(1) in languages:
        name = default.group(1)
        others = tuple(f"{DOCS}/{n}/" for n in languages if n != name)
        return f"{DOCS}/{name}", f"/{name}/{{entry}}/", (), others
    return DOCS, "/{entry}/", tuple(f"/{n}/" for n in languages), tuple(f"{DOCS}/{n}/" for n in languages)


_LOCALES = re.compile(r"\blocales\s*[:=]\s*\{")
"""Where the ``locales`` object starts: ``locales: {`` in the options, or ``const locales = {``."""


def _locales(code: str) -> list[str]:
    """Return the text of each ``locales`` object in the configuration (its keys name the locales;
    a key elsewhere, ``api: {``, is none)."""
    found = []
    for start in _LOCALES.finditer(code):
        depth, i = 0, start.end() - 1
        while i < len(code):
            depth += {"{": 1, "}": -1}.get(code[i], 0)
            if depth == 0:
                break
            i += 1
        found.append(code[start.end() : i])
    return found


def site_constant(code: str) -> str:
    """Return the address of ``const site = ... 'https://...'`` in an Astro configuration, or ""."""
    found = _SITE_CONSTANT.search(code)
    return found.group(1) if found else ""
