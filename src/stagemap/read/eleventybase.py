"""Whether an Eleventy configuration adds the HTML base plugin (code never run: patterns).

The plugin is Eleventy's own, exported as ``HtmlBasePlugin`` (Eleventy 3) and
``EleventyHtmlBasePlugin`` (both): the configuration adds it with ``addPlugin(...)`` given the
name an import or ``require`` binds it to, as written or renamed (``import { HtmlBasePlugin as
base }``, ``const { EleventyHtmlBasePlugin: base } = require("@11ty/eleventy")``, ``await
import(...)`` alike), a member of the module (``eleventy.HtmlBasePlugin``), or what
``eleventyConfig.resolvePlugin("@11ty/eleventy/html-base-plugin")`` returns. The RSS plugin
(``@11ty/eleventy-plugin-rss``) adds it too from its release 2.0 (its ``rssPlugin`` and
``feedPlugin`` each call ``addPlugin`` with it; 2.0 needs Eleventy 3): its default export, or
either of those, added is the base plugin added, where ``package.json`` installs 2.0 or later
(or names no release of it: the newest). A plugin added in another module the configuration
imports is not seen.
"""

from __future__ import annotations

from pathlib import Path

from ..lazyre import lazy
from .docusaurus import without_comments
from .owned import read_owned
from .packageversions import installs

_ELEVENTY = "@11ty/eleventy"
_RSS = "@11ty/eleventy-plugin-rss"
_RESOLVED = "@11ty/eleventy/html-base-plugin"
_BASE_NAMES = frozenset({"HtmlBasePlugin", "EleventyHtmlBasePlugin"})
"""The names Eleventy exports the plugin under."""
_RSS_MEMBERS = frozenset(
    {"", "default", "rssPlugin", "feedPlugin", "default.feedPlugin", "default.rssPlugin"}
)
"""What of the RSS plugin's module adds the base plugin (``""``: the module itself, as ``require``
gives it: its 2.x releases export the plugin so)."""
_MODULE = lazy(r"""(['"])(@11ty/eleventy(?:-plugin-rss|/html-base-plugin)?)\1""")
"""A module's name written as a string: Eleventy's, the RSS plugin's, or the name resolvePlugin takes."""
_WINDOW = 600
"""How far before a module's name its import is read (a long list of names fits)."""
_ESM = lazy(r"""import(?=\s)([\w$\s{},*]+)\bfrom\s*""")
"""``import ... from`` right before the module's name (matched whole from the last ``import``)."""
_BOUND = lazy(
    r"""\b(?:const|let|var)\s+([\w$]+|\{[^{}]{0,500}\})\s*=\s*(?:\(\s*)?(?:await\s+)?"""
    r"""(?:require|import|[\w$]+\s*\.\s*resolvePlugin)\(\s*$"""
)
"""``const x = require(``, ``const { A: b } = await import(``, ``const b = config.resolvePlugin(``."""
_GIVEN = lazy(
    r"""\baddPlugin\(\s*(?:\(\s*)?(?:await\s+)?(?:require|import|[\w$]+\s*\.\s*resolvePlugin)\(\s*$"""
)
"""``addPlugin(require(``, ``addPlugin(await config.resolvePlugin(``: the module given at once."""
_AFTER = lazy(r"""\s*\)\s*\)?((?:\s*\.\s*[\w$]+)?(?:\s*\.\s*[\w$]+)?)""")
"""What follows such a module's name: its call's end, and at most two members (``.feedPlugin``)."""
_ADDED = lazy(r"""\baddPlugin\(\s*(?:await\s+)?([\w$.]+)\s*[,)]""")
"""A name (or a member of one) passed to ``addPlugin``."""
_SPACES = lazy(r"\s+")


def base_plugin(site: Path, code: str) -> bool:
    """Whether the Eleventy configuration ``code`` (of the site in the folder ``site``) adds the
    HTML base plugin (see the module)."""
    if "addPlugin" not in code or ("HtmlBasePlugin" not in code and "@11ty/eleventy" not in code):
        return False
    plain = without_comments(code)
    rss = installs(read_owned(site / "package.json", 1024 * 1024), _RSS, (2, 0))
    bound: dict[str, tuple[str, str]] = {}
    for found in _MODULE.finditer(plain):
        module = found.group(2)
        before = plain[max(0, found.start() - _WINDOW) : found.start()]
        if _GIVEN.search(before) is not None:  # (the module given to addPlugin at once)
            after = _AFTER.match(plain, found.end())
            member = _SPACES.sub("", after.group(1)).lstrip(".") if after is not None else ""
            if _adds(*_named(module, member), rss):
                return True
            continue
        for name, export in _bindings(before, module):
            bound[name] = _named(module, export)
    for found in _ADDED.finditer(plain):
        first, _, rest = found.group(1).partition(".")
        if first in bound:
            module, export = bound[first]
            if _adds(module, ".".join(p for p in (export, rest) if p), rss):
                return True
        elif (rest or first).rpartition(".")[2] in _BASE_NAMES:  # (one imported from elsewhere)
            return True
    return False


def _named(module: str, member: str) -> tuple[str, str]:
    """Return the module and export a reference names: resolvePlugin's name is the plugin."""
    return (_ELEVENTY, "HtmlBasePlugin") if module == _RESOLVED else (module, member)


def _adds(module: str, member: str, rss: bool) -> bool:
    """Whether ``member`` of ``module`` (``""``: the module) added is the base plugin added."""
    if module == _ELEVENTY:
        return member in _BASE_NAMES
    return module == _RSS and rss and member in _RSS_MEMBERS


def _bindings(before: str, module: str) -> list[tuple[str, str]]:
    """Return the names the import or ``require`` ending ``before`` (right before ``module``'s
    name) binds, each with what of the module it is (``default``, an export, ``""``: the module)."""
    esm = _ESM.fullmatch(before, max(0, before.rfind("import")))
    if esm is not None:
        return _esm_names(esm.group(1))
    bound = _BOUND.search(before)
    if bound is None:
        return []
    target = bound.group(1)
    if module == _RESOLVED:
        return [(target, "HtmlBasePlugin")] if not target.startswith("{") else []
    if not target.startswith("{"):
        return [(target, "")]
    pairs = []
    for part in target.strip("{}").split(","):
        export, _, name = (p.strip() for p in part.partition(":"))
        if export:
            pairs.append((name or export, export))
    return pairs


def _esm_names(clause: str) -> list[tuple[str, str]]:
    """Return the names an ``import`` clause binds (``base, { A as b }``, ``* as all``)."""
    named, _, outside = clause.partition("{")
    inner, _, tail = outside.partition("}")
    pairs = []
    for part in (named + "," + tail).split(","):
        words = part.split()
        if words[:2] == ["*", "as"] and len(words) == 3:
            pairs.append((words[2], ""))
        elif len(words) == 1 and words[0] != "*":
            pairs.append((words[0], "default"))
    for part in inner.split(","):
        words = part.split()
        if len(words) == 3 and words[1] == "as":
            pairs.append((words[2], "default" if words[0] == "default" else words[0]))
        elif len(words) == 1:
            pairs.append((words[0], words[0]))
    return pairs


def module_added(plain: str, module: str) -> bool:
    """Whether the configuration ``plain`` (its comments out) passes the package ``module``, or
    a name its import or ``require`` binds, to ``addPlugin`` (an import alone adds nothing)."""
    if module not in plain:
        return False
    names: set[str] = set()
    for quote in "\"'":
        written = f"{quote}{module}{quote}"
        at = plain.find(written)
        while at >= 0:
            before = plain[max(0, at - _WINDOW) : at]
            if _GIVEN.search(before) is not None:
                return True
            names.update(name for name, _ in _bindings(before, module))
            at = plain.find(written, at + len(written))
    return any(found.group(1).partition(".")[0] in names for found in _ADDED.finditer(plain))
