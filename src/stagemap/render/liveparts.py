"""What of a page only its live site makes, for `check --links`: the parts (ids) a link may
name that the page's own text does not show here.

On a site that fills its pages with Liquid (Jekyll, Eleventy) or Hugo's shortcodes, a body may
hold what only the live site fills, and what may write a heading: an include (or LiquidJS'
``render``, jekyll-include-cache's ``include_cached``) whose file writes one or cannot be
read, a ``{% for %}`` loop writing one per item of the site's data, an output standing alone
on a line (``{{ content }}`` filled from fetched data), a block tag of the site's own (the Sass
site's ``{% function %}`` makes an anchor of each function), a shortcode of the site's own
whose output is not known here and whose template writes headings. Such a page's parts are
not all known here (`unknown_parts`).

An id holding an output (``<h2 id="{{ page.key }}-guidance">``), in the body or in the page's
layout (Jekyll's ``_layouts/<layout>.html``, named by the page's ``layout`` key or the site's
defaults; Eleventy's in its layouts folder) and in the layouts that one names in turn, is read
as a pattern (`id_patterns`): a value of the page's front matter is filled in, on Jekyll a key
the page lacks is nothing, anything else matches any text. A link to ``#button-guidance``
finds that id; one to ``#gone`` does not.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..lazyre import lazy
from ..model.library import Asset
from ..model.settings import Config
from ..read.eleventy import CONFIG_FILES, eleventy_folders
from ..read.hugomarkup import term_ids
from ..read.ownblocks import NUNJUCKS_COMMENT
from ..read.templateengines import COMMENTED, TEMPLATED, page_engine
from .ownshortcodes import output_of, page_templates, used_names
from .partials import own_shortcodes, partial_body

LIQUID = frozenset({"jekyll", "eleventy"})
"""Generators whose pages are Liquid (or Nunjucks) templates."""
KNOWN_BLOCKS = frozenset(
    {"if", "unless", "case", "for", "tablerow", "capture", "comment", "raw", "highlight", "set"}
    | {"macro", "call", "filter", "css", "js", "block", "with"}
)
"""Block tags of Liquid, Nunjucks and Jekyll: any other one closed by ``{% end<name> %}`` is the site's own."""
LAYOUT_DEPTH = 4
"""How many layouts deep ids are read (a layout's layout ...)."""
_FILLED = lazy(
    r"\{%-?\s*(?P<tag>include_relative|include_cached|include|render|for|tablerow)\b(?P<args>[^%]{0,500})%\}"
    r"|^[ \t]*\{\{-?\s*(?P<alone>[^{}\n]{1,300}?)\s*-?\}\}[ \t]*$"
    r"|\{%-?\s*end(?P<end>\w+)\s*-?%\}",
    re.M,
)
"""What of a Liquid body the live site fills: an include, a loop, an output alone on its line,
the closing of a block tag."""
_HIDDEN = lazy(r"\{%-?\s*(raw|comment)\s*-?%\}")
_HIDDEN_END = {kind: lazy(rf"\{{%-?\s*end{kind}\s*-?%\}}") for kind in ("raw", "comment")}
_LOOP_END = {kind: lazy(rf"\{{%-?\s*end{kind}\s*-?%\}}") for kind in ("for", "tablerow")}
_MAY_HEAD = lazy(
    r"\bid\s*=|<h[1-6]\b|^[ \t]{0,3}#{1,6}[ \t]|^[ \t]*\{\{[^{}\n]*\}\}[ \t]*$"
    r"|\{%-?\s*(?:include|render)",
    re.M | re.I,
)
"""What in a loop or an included file may write a heading or an id."""
_HUGO_MAY_HEAD = lazy(r"\bid\s*=|<h[1-6]\b|\bpartial\b|\btemplate\b|readFile|RenderString", re.I)
"""What in a Hugo shortcode's template may write a heading or an id."""
_HUGO_MARKDOWN_HEAD = lazy(r"^[ \t]{0,3}#{1,6}[ \t]", re.M)
_HUGO_TERM = lazy(r"^:[ \t]", re.M)
"""What a Hugo shortcode's template writes as Markdown that makes an id, where the page's Markdown
reads its output (a ``{{% name %}}`` call, not ``{{< name >}}``, whose output stands as it is): a
heading, and a definition list's ``: `` line, whose term gets an id where the site turns
``autoDefinitionTermID`` on (`stagemap.read.hugomarkup`)."""
_MARKDOWN_CALL = lazy(r"\{\{%\s*([\w.-]{1,100})(?=\s|%|/\s*%)")
_NAME = lazy(r"""\s*(["']?)([\w./-]+)\1\s*(?:[,\s]|$)""")
_ID = lazy(r"""\bid\s*=\s*(["'])([^"'\n<>]{1,300})\1""")
_OUTPUT = lazy(r"\{\{-?\s*([^{}]{0,300}?)\s*-?\}\}|\{%[^%]{0,300}%\}")
_PLAIN = lazy(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")
_LAYOUT_KEY = lazy(
    r"""\A---[ \t]*\n(?:(?!---)[^\n]*\n)*?layout:[ \t]*(["']?)([^"'\n#]+?)\1[ \t]*(?:#.*)?\n"""
)
LIKE = "\0like "
"""Among a page's ids: a pattern (``LIKE`` then a regular expression) an id of the live page matches."""
_LAYOUT_ENDINGS = ("", ".html", ".liquid", ".njk", ".md")


def unknown_parts(
    config: Config, item: Asset, in_code: Callable[[int], bool], site: Mapping[str, Any] | None
) -> bool:
    """Whether ``item``'s body (where not ``in_code``) holds what only the live site fills and
    what may write a heading or an id (see the module's docstring); ``site``: the site's params."""
    generator, body = config.rules.generator, item.body
    if generator == "hugo":
        return _own_shortcodes(config, item, site)
    if generator not in TEMPLATED or "{" not in body:  # (MkDocs: where its macros plugin runs)
        return False
    engine = page_engine(generator, item.path, item.extra, config.rules.template_engines)
    if not engine:  # (no engine runs over the page: its tags are text)
        return False
    hidden, looked, next_hidden = _hidden(body, engine in COMMENTED), _Looked(config, item), 0
    for found in _FILLED.finditer(body):
        at = found.start()
        while next_hidden < len(hidden) and hidden[next_hidden][1] <= at:  # (both in the body's order)
            next_hidden += 1
        if in_code(at) or (next_hidden < len(hidden) and hidden[next_hidden][0] <= at):
            continue
        if looked.may_head(found):
            return True
    return False


class _Looked:
    """Whether one thing a Liquid body's live site fills may write a heading (`may_head`), each
    kind looked into once where it may be many: a body is read in bounded time."""

    def __init__(self, config: Config, item: Asset) -> None:
        self.config, self.item = config, item
        self.open_loops = False
        self.included: dict[tuple[str, str], bool] = {}
        self.opened: dict[str, bool] = {}

    def may_head(self, found: re.Match[str]) -> bool:
        """Whether what ``found`` (a match of `_FILLED`) stands for may write a heading or an id."""
        body, tag, end = self.item.body, found.group("tag"), found.group("end")
        if end is not None:  # a block tag of the site's own: ``{% function %}...{% endfunction %}``
            if end not in self.opened:
                opening = re.compile(rf"\{{%-?\s*{re.escape(end)}\b").search(body)
                self.opened[end] = end not in KNOWN_BLOCKS and opening is not None
            return self.opened[end]
        if tag in ("for", "tablerow"):
            if self.open_loops:
                return False
            closing = _LOOP_END[tag].search(body, found.end())
            self.open_loops = closing is None  # never closed: the rest of the body is looked at once
            return _MAY_HEAD.search(body, found.end(), closing.start() if closing else len(body)) is not None
        if tag is not None:
            key = (tag, found.group("args"))
            if key not in self.included:
                self.included[key] = _include_may_head(self.config, self.item.path, tag, key[1])
            return self.included[key]
        # ``{{ content }}``, ``{{ site.data.x | markdownify }}`` alone on a line
        return not _page_value(found.group("alone"), self.item, self.config.rules.generator != "jekyll")


def _hidden(body: str, nunjucks: bool) -> list[tuple[int, int]]:
    """Return the spans of ``{% raw %}`` and ``{% comment %}`` blocks in ``body`` (what Liquid
    never runs), and with ``nunjucks`` of its ``{# #}`` comments, each closing looked for once:
    linear however many are left open."""
    spans, at = [], 0
    while (opening := _HIDDEN.search(body, at)) is not None:
        closing = _HIDDEN_END[opening.group(1)].search(body, opening.end())
        if closing is None:
            break
        spans.append((opening.start(), closing.end()))
        at = closing.end()
    if nunjucks and "{#" in body:  # Nunjucks' comments: nothing in them runs either (Liquid shows them)
        spans += [found.span() for found in NUNJUCKS_COMMENT.finditer(body)]
    return sorted(spans)


def _include_may_head(config: Config, rel: str, tag: str, args: str) -> bool:
    """Whether the file an include names (as ``args`` begins) may write a heading or an id: it
    does, or its name is made by Liquid, or it cannot be read."""
    name = _NAME.match(args)
    if name is None:
        return True
    site = config.rules.site_root
    if tag == "include_relative":
        folders = [posixpath.dirname(rel)]
    elif config.rules.generator == "jekyll":
        folders = [posixpath.join(site, "_includes")]
    elif config.rules.generator == "mkdocs":  # (the macros plugin's include_dir: not read here)
        return True
    else:
        folders = [_eleventy_folder(config.root, site, layouts=False)]
    for folder in folders:
        for ending in ("", ".liquid", ".njk", ".html", ".md"):
            text = partial_body(
                config.root, posixpath.normpath(posixpath.join(folder, name.group(2) + ending)), True
            )
            if text is not None:
                return _MAY_HEAD.search(text) is not None
    return True


def _own_shortcodes(config: Config, item: Asset, site: Mapping[str, Any] | None) -> bool:
    """Whether ``item``'s body uses a shortcode of the Hugo site's own whose output is not known
    here and whose template (the one Hugo finds for the page) may write a heading or an id."""
    body = item.body
    names = used_names(body)
    templates = page_templates(config, item.path, item.extra) if names else {}
    if not templates:
        return False
    known = own_shortcodes(config, item.path, body, site, item.extra)
    read = {m.group(1).lower() for m in _MARKDOWN_CALL.finditer(body)} if "{{%" in body else set()
    terms = term_ids(site)
    for name in names:
        path = templates.get(name.lower())
        if path is None or output_of(known, name.lower()) is not None:  # (a note or a titled block may head)
            continue
        template = partial_body(config.root, path, raw=True)
        if template is None or _HUGO_MAY_HEAD.search(template):
            return True
        if name.lower() in read and (
            _HUGO_MARKDOWN_HEAD.search(template) or (terms and _HUGO_TERM.search(template))
        ):
            return True
    return False


def _page_value(expression: str, item: Asset, bare: bool) -> bool:
    """Whether an output's ``expression`` is a plain value of the page's front matter
    (Jekyll's ``page.summary``, Eleventy's ``summary``), which writes no heading."""
    key = _key(expression, bare)
    return bool(key) and (key in item.extra or key in _OWN_FIELDS)


def _key(expression: str, bare: bool) -> str:
    """Return the front matter key an output names alone (``page.key``; Eleventy's ``key``), else ""."""
    key = expression if bare else expression.removeprefix("page.") if expression.startswith("page.") else ""
    return key if _PLAIN.fullmatch(key) else ""


_OWN_FIELDS = frozenset({"title", "summary", "message", "cta", "owner", "format", "status", "audience"})
"""Front matter keys stagemap reads for itself (not in `Asset.extra`), each a text."""
JEKYLL_PAGE = frozenset(
    {"url", "id", "path", "name", "dir", "slug", "collection", "date", "categories", "tags", "excerpt"}
    | {"content", "next", "previous", "relative_path", "ext", "output"}
)
"""What Jekyll tells of every page under ``page.``: another key its front matter lacks is nothing."""


def id_patterns(config: Config, item: Asset, in_code: Callable[[int], bool]) -> frozenset[str]:
    """Return the ids holding an output that ``item``'s body (where not ``in_code``) and its
    layouts write, each as `LIKE` and a regular expression, and the layouts' other ids too (see
    the module's docstring); none on a site that is no Liquid one."""
    generator = config.rules.generator
    if generator not in LIQUID:
        return frozenset()
    bare = generator == "eleventy"
    runs = page_engine(generator, item.path, item.extra, config.rules.template_engines)
    texts = [item.body] if "{{" in item.body and runs else []  # (none runs: its outputs are text)
    layout, seen = item.extra.get("layout"), set[str]()
    while isinstance(layout, str) and layout and layout not in seen and len(seen) < LAYOUT_DEPTH:
        seen.add(layout)
        text = _layout(config, layout)
        if text is None:
            break
        texts.append(text)
        named = _LAYOUT_KEY.match(text)
        layout = named.group(2).strip() if named else None
    found = set()
    for text in texts:
        for match in _ID.finditer(text):
            value = match.group(2)
            if text is item.body and in_code(match.start()):
                continue
            if "{" in value:
                found.add(LIKE + _pattern(value, item, bare))
            elif text is not item.body:  # (the body's own are in its HTML)
                found.add(LIKE + re.escape(value))
    return frozenset(found)


_MOST_UNKNOWNS = 3
"""How many unknown parts an id's pattern may hold (each a ``.*``) before it matches any id."""


def _pattern(value: str, item: Asset, bare: bool) -> str:
    """Return a regular expression of the ids an id holding outputs (``{{ page.key }}-notes``)
    may be: a value of the page's front matter filled in, on Jekyll a key it lacks as nothing
    (as Liquid shows nil), anything else any text."""
    pieces, at = [], 0
    for output in _OUTPUT.finditer(value):
        pieces.append(re.escape(value[at : output.start()]))
        key = _key(output.group(1) or "", bare)
        known = item.extra[key] if key in item.extra else getattr(item, key) if key in _OWN_FIELDS else None
        if isinstance(known, str | int | float) and not isinstance(known, bool):
            pieces.append(re.escape(str(known)))
        elif key and known is None and not bare and key not in JEKYLL_PAGE:
            pass  # nil: Liquid shows nothing
        else:
            pieces.append(".*")
        at = output.end()
    made = re.sub(r"(?:\.\*)+", ".*", "".join(pieces) + re.escape(value[at:]))
    # (Many unknowns make the pattern slow to fail: then any id may be the page's.)
    return ".*" if made.count(".*") > _MOST_UNKNOWNS else made


def _layout(config: Config, name: str) -> str | None:
    """Return the whole text of the layout file ``name`` names (Jekyll's ``_layouts/``, Eleventy's
    layouts folder; with or without its ending), or None when there is none to read."""
    site = config.rules.site_root
    if config.rules.generator == "jekyll":
        folder = posixpath.join(site, "_layouts")
    else:
        folder = _eleventy_folder(config.root, site, layouts=True)
    for ending in _LAYOUT_ENDINGS:
        path = posixpath.normpath(posixpath.join(folder, name + ending))
        if not path.startswith("../") and (text := partial_body(config.root, path, raw=True)) is not None:
            return text
    return None


def _eleventy_folder(root: Path, site: str, *, layouts: bool) -> str:
    """Return the project-relative folder of an Eleventy site's includes (or its layouts)."""
    folders = _eleventy_folders(root, site)
    input_folder = posixpath.join(site, folders[0])
    return posixpath.normpath(
        posixpath.join(input_folder, folders[2] if layouts and folders[2] else folders[1])
    )


@lru_cache(maxsize=16)
def _eleventy_folders(root: Path, site: str) -> tuple[str, str, str]:
    """The input, includes and layouts folders of the Eleventy site in ``site`` (read once a run)."""
    for name in CONFIG_FILES:
        code = partial_body(root, posixpath.join(site, name), raw=True)
        if code is not None:
            found = eleventy_folders(code)
            return found.input, found.includes, found.layouts
    return ".", "_includes", ""
