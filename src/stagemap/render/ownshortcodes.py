"""A Hugo site's own shortcodes whose output is known without running Hugo.

A site writes shortcodes of its own in ``layouts/shortcodes/NAME.html`` (Hugo 0.146 and later:
``layouts/_shortcodes/``, or the ``_shortcodes`` folder of a page path's folder, which serves the
pages there alone: `stagemap.render.hugolookup`). Many are a constant (a mark in a table of features: ``✅``) or one of
the site's ``params`` (``{{ .Site.Params.version }}``, a version in an install command), or an
emoji (``{{ emojify ":white_check_mark:" }}``, for the names in `EMOJI`). Such a
template's output is shown here in place of the shortcode, in text and in fenced code (where
Hugo works shortcodes out too); any other template, one with HTML or logic, stays a
placeholder. A page showing one is made again when the template changes (it is one of the
files the page shows, as an include is).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..lazyre import lazy
from ..model.settings import Config
from .blocks import escape
from .hugolookup import Front, all_folders, folders_for, page_path, page_type, site_language
from .owncallouts import CALLOUT, callout, shown_callout

OWN_SHORTCODES = "\0own"
"""The key under which a page's front matter, handed to `stagemap.render.shortcodes`, holds the
outputs of the site's own shortcodes it uses (no front matter key can be this one)."""
_USED = lazy(r"\{\{[<%]\s*([\w.-]{1,100})(?=\s|[>%]|/\s*[>%])")
"""A shortcode's name where it is used (with folders in it, a theme's: never a constant)."""
_COMMENT = lazy(r"\{\{-?\s*/\*.*?\*/\s*-?\}\}", re.S)
_ACTION = lazy(r"\{\{-?\s*(.*?)\s*-?\}\}", re.S)
_SITE_PARAM = lazy(r"(?:\$?\.Site|site)\.Params\.([\w.]{1,200})")
_EMOJIFY = lazy(r"""emojify\s+(["'`])((?::[\w+-]{1,40}:|[^:"'`{}]){1,200})\1""")
EMOJI = {
    "white_check_mark": "\u2705",
    "heavy_check_mark": "\u2714\ufe0f",
    "ballot_box_with_check": "\u2611\ufe0f",
    "x": "\u274c",
    "heavy_multiplication_x": "\u2716\ufe0f",
    "negative_squared_cross_mark": "\u274e",
    "no_entry": "\u26d4",
    "no_entry_sign": "\U0001f6ab",
    "warning": "\u26a0\ufe0f",
    "information_source": "\u2139\ufe0f",
    "question": "\u2753",
    "grey_question": "\u2754",
    "exclamation": "\u2757",
    "construction": "\U0001f6a7",
    "star": "\u2b50",
    "rocket": "\U0001f680",
    "tada": "\U0001f389",
    "+1": "\U0001f44d",
    "-1": "\U0001f44e",
    "lock": "\U0001f512",
    "bulb": "\U0001f4a1",
    "memo": "\U0001f4dd",
    "link": "\U0001f517",
    "smile": "\U0001f604",
    "heart": "\u2764\ufe0f",
    "sparkles": "\u2728",
    "wave": "\U0001f44b",
    "fire": "\U0001f525",
}
"""The emoji Hugo's ``emojify`` makes of the names feature tables and notes use most (a name not
here leaves the template unknown: its shortcode stays a placeholder)."""
HANDLED = frozenset(
    {"figure", "youtube", "vimeo", "instagram", "tweet", "x", "gist", "ref", "relref", "highlight"}
    | {"param", "comment", "details", "tab", "tabs", "include", "readfile", "mermaid", "plantuml"}
)
"""Shortcodes `stagemap.render.shortcodes` makes itself (Hugo's own, and the usual ones of sites)."""
NOTE = "\0note"
"""What `known_outputs` gives for a template that shows what its shortcode holds as an
admonition (Harbor's ``important.html`` hands ``.Inner`` to its ``admonition.html`` partial):
`stagemap.render.shortcodes` shows it as a note of the shortcode's name, never as text."""
TITLED = "\0titled "
"""What `known_outputs` gives, then the argument (``0``, ``title``), for a template that prints
one of its arguments and what it holds (KEDA's ``collapsible.html``: ``{{ .Get 0 }}`` as the
header of a folding card): shown as that argument in bold, then what it holds."""
_TITLE_ARG = lazy(r"""\{\{-?\s*\$?\.Get\s+(0|"(?:title|summary|header)")\s*(?:\|[^{}]{0,100})?-?\}\}""")
"""An action printing the first argument, or the one named title, summary or header."""
_ADMONITION = lazy(
    r"""(?:partial\s*\(?\s*["'`]|class\s*=\s*["']?)[^"'`\n]{0,200}?\b(?:admonition|alert|callout|notice)""",
    re.I,
)
"""A template calling an admonition's (alert's, callout's, notice's) partial, or writing one's class."""
MOST_TEMPLATE = 2_000
"""Characters of a template read at most: a constant is short."""


def used_names(body: str) -> list[str]:
    """Return the names of the shortcodes ``body`` uses that are not `HANDLED`, once each, in order."""
    if "{{<" not in body and "{{%" not in body:
        return []
    return [n for n in dict.fromkeys(m.group(1) for m in _USED.finditer(body)) if n.lower() not in HANDLED]


def site_templates(root: Path, site: str, page: str = "", language: str = "en") -> dict[str, str]:
    """Return the site's own shortcode templates the page at ``page`` (Hugo's path of it for
    lookups, `stagemap.render.hugolookup.page_path`; "": the templates every page finds) in
    ``language`` finds, by name in lower case: the project-relative path of each, as Hugo picks it
    (``layouts/_shortcodes/`` over ``layouts/shortcodes/``, as Hugo 0.146 prefers, and a page
    path's own ``_shortcodes`` folder over both, the nearest first; in one folder, the template
    named for ``language``, ``note.en.html``, over ``note.html``, and never one named for another
    language or output format). Each folder is listed once for as long as it does not change."""
    found: dict[str, str] = {}
    for folder in folders_for(root, site, page):  # (the nearer folder later: its templates win)
        listed = _listed(root, folder)
        plain = {n: p for n, p in listed.items() if "." not in n}
        found.update(plain)
        found.update((n.partition(".")[0], p) for n, p in listed.items() if n.partition(".")[2] == language)
    return found


def every_template(root: Path, site: str) -> list[str]:
    """Return the path of every shortcode template of the site, in every folder any page reads
    (`stagemap.render.hugolookup.all_folders`), sorted: one added or removed may change a page."""
    return sorted(path for folder in all_folders(root, site) for path in _listed(root, folder).values())


def _listed(root: Path, folder: str) -> dict[str, str]:
    """Return the templates of one shortcode folder by name in lower case (none: no such folder)."""
    mark = _mark(root / folder)
    kept = _LISTED.get((root, folder))
    if kept is not None and kept[0] == mark:
        return kept[1]
    found: dict[str, str] = {}
    if mark is not None:
        with contextlib.suppress(OSError), os.scandir(root / folder) as entries:
            for entry in entries:
                if entry.name.endswith(".html") and entry.is_file(follow_symlinks=False):
                    found[entry.name.removesuffix(".html").lower()] = f"{folder}/{entry.name}"
    _LISTED[(root, folder)] = (mark, found)
    return found


_LISTED: dict[tuple[Path, str], tuple[int | None, dict[str, str]]] = {}


def _mark(folder: Path) -> int | None:
    """The time ``folder`` last had a file added or removed (None: no such folder)."""
    try:
        return folder.stat().st_mtime_ns
    except OSError:
        return None


def known_outputs(
    names: list[str],
    templates: Mapping[str, str],
    read: Callable[[str], str | None],
    params: Mapping[str, Any],
) -> dict[str, str]:
    """Return the output of each of ``names`` whose template (``templates``: `site_templates`,
    read with ``read``) is known here: text alone, text and the site's ``params`` (the site's), emoji."""
    found: dict[str, str] = {}
    for name in names:
        path = templates.get(name.lower())
        template = read(path) if path is not None else None
        made = (
            _kind(template) or _output(template, params) or callout(template)
            if template is not None
            else None
        )
        if made is not None:
            found[name.lower()] = made
    return found


def file_shown(template: str) -> str | None:
    """Return the file a site's own shortcode's ``template`` shows, as Markdown, and nothing else
    (``{{ readFile "includes/why.md" | markdownify }}``, or ``.Page.RenderString``), as the
    template names it (Hugo's ``readFile`` reads it from the site's folder, else the content
    folder); None for any other template."""
    text = _COMMENT.sub("", template[: MOST_TEMPLATE + 1]).strip()
    found = _READS_FILE.fullmatch(text) if len(text) <= MOST_TEMPLATE else None
    return found.group(2) if found else None


_READS_FILE = lazy(
    r"""\{\{-?\s*\(?\s*(?:os\.ReadFile|readFile)\s+(["`])([\w./-]{1,200})\1\s*\)?\s*\|\s*"""
    r"""(?:markdownify|\$?\.Page\.RenderString|page\.RenderString)\s*-?\}\}"""
)
"""A template's one action: a file read, then rendered as Markdown."""


def _kind(template: str) -> str:
    """Return what a paired template does with what it holds, when known (`NOTE`, `TITLED`), or ""."""
    if ".Inner" not in template:
        return ""
    if _ADMONITION.search(template, 0, 4 * MOST_TEMPLATE):
        return NOTE
    titled = _TITLE_ARG.search(template, 0, 4 * MOST_TEMPLATE)
    return TITLED + titled.group(1).strip('"') if titled else ""


def own_output(own: Any, name: str, target: bool, alone: bool = False) -> str | None:
    """Return the known output of the site's shortcode ``name`` in ``own`` (a page's
    `OWN_SHORTCODES`) as Markdown: its text (as written in a link's ``target``), or a callout
    of fixed words (`stagemap.render.owncallouts`) where the shortcode stands ``alone`` on its
    line (elsewhere, in a table's cell or a quote, a block would break what holds it); None when
    not known."""
    made = own.get(name) if isinstance(own, Mapping) else None
    if made is not None and str(made).startswith(CALLOUT):
        return shown_callout(str(made)) if alone and not target else None
    text = output_of(own, name)
    return None if text is None else text if target else escape(text)


def output_of(own: Any, name: str) -> str | None:
    """Return the known output of the site's shortcode ``name`` in ``own`` (a page's
    `OWN_SHORTCODES`), as text; None when not known, or when a kind (`NOTE`, `TITLED`)."""
    made = own.get(name) if isinstance(own, Mapping) else None
    return None if made is None or str(made).startswith("\0") else str(made)


def _output(template: str, params: Mapping[str, Any]) -> str | None:
    """Return what a template shows when it is text and the site's params alone; else None."""
    text = _COMMENT.sub("", template[: MOST_TEMPLATE + 1]).strip()
    if not text or len(text) > MOST_TEMPLATE or "<" in text or "\n" in text:
        return None
    unknown = False

    def value(action: re.Match[str]) -> str:
        nonlocal unknown
        param = _SITE_PARAM.fullmatch(action.group(1))
        emoji = _EMOJIFY.fullmatch(action.group(1)) if param is None else None
        found = (
            _param(params, param.group(1))
            if param is not None
            else _emojified(emoji.group(2))
            if emoji
            else None
        )
        if found is None:
            unknown = True
            return ""
        return found

    made = _ACTION.sub(value, text)
    return None if unknown or "{{" in made else made


def _emojified(text: str) -> str | None:
    """Return ``text`` with each ``:name:`` as Hugo's ``emojify`` shows it; None for a name not in `EMOJI`."""
    unknown = False

    def one(found: re.Match[str]) -> str:
        nonlocal unknown
        made = EMOJI.get(found.group(1))
        unknown = unknown or made is None
        return made or ""

    made = _NAMED_EMOJI.sub(one, text)
    return None if unknown else made


_NAMED_EMOJI = lazy(r":([\w+-]{1,40}):")


def _param(params: Mapping[str, Any], key: str) -> str | None:
    """Return the site's param at the dotted ``key`` (its parts in any case, as Hugo's are), as text."""
    value: Any = params
    for part in key.split("."):
        if not isinstance(value, Mapping):
            return None
        value = next((v for k, v in value.items() if str(k).lower() == part.lower()), None)
    return go_text(value) if isinstance(value, str | int | float) else None


def go_text(value: str | int | float) -> str:
    """Return a value as Hugo prints it (Go's way): ``true``, ``2`` for 2.0, ``2.5``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    return str(value)


def page_templates(config: Config, rel: str, front: Front = None) -> dict[str, str]:
    """Return the Hugo site's own shortcode templates the page at ``rel`` (with the front matter
    ``front``: its ``type``) finds, as Hugo looks them up for it (`stagemap.render.hugolookup`)."""
    path = page_path(config, rel, page_type(front or {}))
    return site_templates(config.root, config.rules.site_root, path, site_language(config))
