"""Which template engine runs over a Jekyll or Eleventy page before its Markdown is read:
Liquid, Nunjucks, or none (its tags are text).

Jekyll runs Liquid over every page but one whose front matter (or the ``defaults`` of its
``_config.yml``) says ``render_with_liquid: false``. Eleventy runs the engine a page's ending
names: Nunjucks over ``.njk``, Liquid over ``.liquid``, and over ``.md`` and ``.html`` the one
its configuration's ``markdownTemplateEngine`` and ``htmlTemplateEngine`` name (Eleventy 3's
``setMarkdownTemplateEngine(...)`` and ``setHtmlTemplateEngine(...)`` too), Liquid unless it
says otherwise, none where it says ``false``. A page's ``templateEngineOverride`` (``njk,md``,
``md``) wins: the first engine of Liquid and Nunjucks it names, else none.

MkDocs' macros plugin runs Jinja2 over a Markdown page where the site names it
(`stagemap.read.mkdocsmacros`), but one whose front matter says ``render_macros: false``, and,
where it renders none by default, every page but one saying ``render_macros: true``.

The engines differ where stagemap reads a body: ``{# ... #}`` is a comment only in Nunjucks and
Jinja2 (Liquid shows it as written, and runs the tags in it).
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..lazyre import lazy
from ..model.settings import ReadRules
from .docusaurus import without_comments
from .eleventy import CONFIG_FILES, unread_page_endings
from .eleventylanguages import older_languages
from .mkdocsmacros import JINJA, MACRO_VALUES, PAGE_META

LIQUID = "liquid"
NUNJUCKS = "njk"
ENGINES = frozenset({LIQUID, NUNJUCKS})
"""The engines Eleventy names that stagemap reads; any other one (``md``, ``html``, ``11ty.js``) runs no tag here."""
COMMENTED = frozenset({NUNJUCKS, JINJA})
"""The engines whose ``{# ... #}`` is a comment (`JINJA`: MkDocs' macros plugin)."""
TEMPLATED = frozenset({"jekyll", "eleventy", "mkdocs"})
"""The generators that may run an engine over a page (MkDocs: only with its macros plugin)."""
ELEVENTY_ENGINES = (LIQUID, LIQUID)
"""Eleventy's own engines over a Markdown page and over an HTML page (its defaults)."""
ENGINE = "\0engine"
"""The key under which a page's params hold the engine that runs over it (`page_engine`): no
key of front matter can be this one."""
_SETTING = lazy(r"""\b(markdown|html)TemplateEngine\s*:\s*(?:(['"`])([\w.-]{0,30})\2|(false)\b)""")
"""A setting in the configuration's returned (or exported) object: ``markdownTemplateEngine: "njk"``."""
_SETTER = lazy(r"""\.set(Markdown|Html)TemplateEngine\(\s*(?:(['"`])([\w.-]{0,30})\2|(false))\s*\)""")
"""Eleventy 3's way of setting one: ``eleventyConfig.setMarkdownTemplateEngine(false)``."""
_MOST_BYTES = 1024 * 1024
"""A configuration larger than this is not read for its engines (Eleventy's defaults then)."""


def eleventy_engines(code: str) -> tuple[str, str]:
    """Return the engines an Eleventy configuration's ``code`` runs over Markdown and over HTML
    pages (empty: none, where it says ``false``), the last one written winning; Eleventy's own
    (Liquid) where it names none. A commented-out setting is none."""
    if "TemplateEngine" not in code:
        return ELEVENTY_ENGINES
    named = {"markdown": LIQUID, "html": LIQUID}
    plain = without_comments(code)
    for found in sorted([*_SETTING.finditer(plain), *_SETTER.finditer(plain)], key=lambda m: m.start()):
        named[found.group(1).lower()] = "" if found.group(4) else found.group(3).lower()
    return named["markdown"], named["html"]


def site_engines(root: Path, site_root: str = "") -> tuple[tuple[str, str], tuple[str, ...]]:
    """Return the engines over Markdown and HTML pages (`eleventy_engines`) of the Eleventy site
    in ``root``'s folder ``site_root``, from its first configuration file, and the endings of
    the templates it makes pages of that stagemap does not read (`unread_page_endings`, and
    `stagemap.read.eleventylanguages.older_languages`: Pug, EJS...);
    Eleventy's own where it has none that can be read."""
    site = root / site_root if site_root else root
    for name in CONFIG_FILES:
        try:
            if (site / name).is_file() and (site / name).stat().st_size <= _MOST_BYTES:
                code = (site / name).read_text(encoding="utf-8-sig")
                return eleventy_engines(code), unread_page_endings(code) + older_languages(site, code)
        except (OSError, UnicodeDecodeError):
            break
    return ELEVENTY_ENGINES, unread_page_endings("") + older_languages(site, "")


def page_engine(
    generator: str, path: str, front_matter: Mapping[str, Any], engines: tuple[str, str] | None = None
) -> str:
    """Return the engine that runs over the page at ``path`` (or a bare ending, ``.md``) with
    ``front_matter`` on a ``generator`` site: `LIQUID`, `NUNJUCKS`, `JINJA`, or "" (none: the
    page shows its tags as written; any site but a Jekyll, an Eleventy or an MkDocs one).
    ``engines``: the Eleventy site's over Markdown and HTML pages (`eleventy_engines`; its own
    where not given), the MkDocs site's by default and on request (`stagemap.read.mkdocsmacros.macros_engines`;
    none where not given)."""
    if generator == "jekyll":
        return LIQUID if front_matter.get("render_with_liquid", True) is not False else ""
    if generator == "mkdocs":
        return _macros_engine(path, front_matter, engines or ("", ""))
    engines = engines or ELEVENTY_ENGINES
    if generator != "eleventy":
        return ""
    override = front_matter.get("templateEngineOverride")
    if isinstance(override, str) and override.strip():
        named = [e.strip().lower() for e in override.split(",")]
        return next((e for e in named if e in ENGINES), "")
    ending = posixpath.basename(path).rpartition(".")[2].lower()
    if ending in ("md", "markdown"):
        return engines[0] if engines[0] in ENGINES else ""
    if ending in ("html", "htm"):
        return engines[1] if engines[1] in ENGINES else ""
    return ending if ending in ENGINES else ""


def _macros_engine(path: str, front_matter: Mapping[str, Any], engines: tuple[str, str]) -> str:
    """Return the engine MkDocs' macros plugin runs over a page: none over a page that is not
    Markdown, nor where its front matter says ``render_macros: false``; where the plugin renders
    none by default (``engines[0]`` empty), only over one saying ``render_macros: true``."""
    ending = posixpath.basename(path).rpartition(".")[2].lower()
    asked = front_matter.get("render_macros")
    if asked is False or ending not in ("md", "markdown"):
        return ""
    return engines[0] or (engines[1] if asked is True else "")


def with_engine(
    rules: ReadRules, path: str, params: Mapping[str, Any], site: Mapping[str, Any] | None = None
) -> Mapping[str, Any]:
    """Return a Jekyll, Eleventy or MkDocs page's ``params`` with the engine that runs over the
    page at ``path`` (`ENGINE`), by the site's ``rules`` too; any other site's as they are. Where
    MkDocs' macros plugin runs, the variables it gives every page (from the ``site``'s params)
    are under the page's own (its front matter, stagemap's fields too), as the plugin gives them;
    `PAGE_META` holds the front matter alone (``page.meta``)."""
    if rules.generator not in TEMPLATED:
        return params
    engine = page_engine(rules.generator, path, params, rules.template_engines)
    values = (site or {}).get(MACRO_VALUES) if engine == JINJA else None
    if engine != JINJA:
        return {**params, ENGINE: engine}
    given = params.get(PAGE_META)
    own = {k: v for k, v in params.items() if not str(k).startswith("\0")} | (
        dict(given) if isinstance(given, Mapping) else {}
    )  # (the whole front matter: stagemap's fields too)
    return {
        **(values if isinstance(values, Mapping) else {}),
        **params,
        **own,
        ENGINE: engine,
        PAGE_META: own,
    }


def engine_given(generator: str, suffix: str, params: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """Return a Jekyll or Eleventy page's ``params`` with the engine that runs over it (`ENGINE`):
    the one they hold, else the one its front matter and ``suffix`` give it under Eleventy's own
    settings; any other site's as they are (an MkDocs page's engine is the site's: `with_engine`)."""
    if generator not in ("jekyll", "eleventy") or (params is not None and ENGINE in params):
        return params
    return {**(params or {}), ENGINE: page_engine(generator, suffix, params or {})}
