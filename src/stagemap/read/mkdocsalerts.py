"""The plugins, Markdown extensions and theme features of an MkDocs site that change how its
Markdown reads, from ``mkdocs.yml``: those that make admonitions of quotes and paragraphs
(`stagemap.render.mkdocscallouts.alerts` shows them so), and the few marks of `stagemap.render.mkdocsmarks`
and `stagemap.render.mkdocsincludes` (``pymdownx.emoji``, Material's ``content.code.annotate``,
the include-markdown plugin).

GitHub's alerts (``> [!NOTE]``) are a plain quote to MkDocs and to Material; three packages
make them admonitions: the mkdocs-github-admonitions-plugin (``plugins: [gh-admonitions]``),
and markdown-callouts' extensions (``markdown_extensions: [github-callouts]``, and
``callouts`` for a paragraph starting ``NOTE: ...``). Each is named in a list (a name, or a
mapping of its name to its options) or in a mapping of names to options, as MkDocs reads both;
a plugin whose options say ``enabled: false`` is off (MkDocs' own option, since 1.6). An extension may be named by its module too
(``markdown_callouts.github_callouts``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .configfiles import site_config_data
from .mkdocsettings import SETTINGS_FILES, markdown_extensions

ALERTS = "\0alerts"
"""The key under which the site's params hold the syntaxes its configuration turns on (no key
of a configuration file can be this one)."""
GH_ADMONITIONS = "gh-admonitions"
GITHUB_CALLOUTS = "github-callouts"
CALLOUTS = "callouts"
INCLUDE_MARKDOWN = "include-markdown"
EMOJI = "pymdownx.emoji"
ARITHMATEX = "pymdownx.arithmatex"
"""Math (``$x$``, ``\\(x\\)``; blocks of ``$$``, ``\\[``, ``\\begin{env}``): `stagemap.render.texmath.arithmatex_math`.
Beside it, each of its syntaxes the site switches off, as ``pymdownx.arithmatex:-inline-dollar`` and
so on, and ``pymdownx.arithmatex:-smart`` where ``smart_dollar`` is off."""
ANNOTATE = "content.code.annotate"
"""Material's feature (``theme: {features: [...]}``) that makes annotations of ``# (1)`` in code."""
_PLUGINS = {GH_ADMONITIONS: GH_ADMONITIONS, INCLUDE_MARKDOWN: INCLUDE_MARKDOWN}
"""The plugins that change how a page reads, by the name ``plugins`` gives them."""
_EXTENSIONS = {
    CALLOUTS: CALLOUTS,
    "markdown_callouts": CALLOUTS,
    "markdown_callouts.callouts": CALLOUTS,
    "markdown_callouts.callouts:CalloutsExtension": CALLOUTS,
    GITHUB_CALLOUTS: GITHUB_CALLOUTS,
    "markdown_callouts.github_callouts": GITHUB_CALLOUTS,
    "markdown_callouts.github_callouts:GitHubCalloutsExtension": GITHUB_CALLOUTS,
    EMOJI: EMOJI,
    ARITHMATEX: ARITHMATEX,
}
"""The Markdown extensions that change how a page reads, by the names ``markdown_extensions`` may give them."""


def alert_syntaxes(data: Mapping[str, Any]) -> tuple[str, ...]:
    """Return, sorted, which of `GH_ADMONITIONS`, `GITHUB_CALLOUTS`, `CALLOUTS`, `INCLUDE_MARKDOWN`,
    `EMOJI`, `ARITHMATEX` (with what its options switch off) and `ANNOTATE` the settings of
    ``mkdocs.yml`` turn on."""
    found = {_PLUGINS[n] for n in _named(data.get("plugins")) if n in _PLUGINS}
    extensions = markdown_extensions(data)
    found |= {_EXTENSIONS[n] for n in _named(extensions) if n in _EXTENSIONS}
    if ARITHMATEX in found:
        found |= _math_off(_options(extensions, ARITHMATEX))
    theme = data.get("theme")
    features = theme.get("features") if isinstance(theme, dict) else None
    if isinstance(features, list) and ANNOTATE in features:
        found.add(ANNOTATE)
    return tuple(sorted(found))


def _options(value: Any, name: str) -> Mapping[str, Any]:
    """Return the options a ``markdown_extensions`` setting gives the extension ``name`` (none: empty)."""
    items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
    for item in items:
        options = item.get(name) if isinstance(item, dict) else None
        if isinstance(options, dict):
            return options
    return {}


_MATH_SYNTAXES = {"inline_syntax": ("dollar", "round"), "block_syntax": ("dollar", "square", "begin")}
"""Arithmatex's syntaxes, each on unless its option lists the others alone."""


def _math_off(options: Mapping[str, Any]) -> set[str]:
    """Return what Arithmatex's ``options`` switch off, named as `ARITHMATEX` says."""
    off: set[str] = set()
    for option, names in _MATH_SYNTAXES.items():
        given = options.get(option)
        if isinstance(given, list | str):  # (a text is taken as its letters, as Arithmatex does: none)
            kind = option.partition("_")[0]
            off |= {f"{ARITHMATEX}:-{kind}-{n}" for n in names if n not in set(given)}
    smart = options.get("smart_dollar", True)
    if smart in (False, 0, None) or (isinstance(smart, str) and smart.lower() in _FALSE_WORDS):
        off.add(f"{ARITHMATEX}:-smart")
    return off


_FALSE_WORDS = ("false", "no", "off", "0", "none")
"""The texts Python-Markdown reads as false for an option that is true or false."""


def _named(value: Any) -> list[str]:
    """Return the names a ``plugins`` or ``markdown_extensions`` setting gives, but those turned off."""
    items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
    names: list[str] = []
    for item in items:
        if isinstance(item, str):
            names.append(item.strip())
        elif isinstance(item, dict):
            names += (
                str(k).strip()
                for k, options in item.items()
                if not (isinstance(options, dict) and options.get("enabled") is False)
            )
    return names


def includes_markdown(project: Path, site_root: str = "") -> bool:
    """Whether the MkDocs site in ``project`` (its folder ``site_root``) names the include-markdown
    plugin, without which MkDocs shows its tags as they are written."""
    site = project / site_root if site_root else project
    found = next((site / n for n in SETTINGS_FILES if (site / n).is_file()), None)
    data = site_config_data(found) if found is not None else None
    return isinstance(data, Mapping) and INCLUDE_MARKDOWN in alert_syntaxes(data)
