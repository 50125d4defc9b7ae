"""The directives of mkdocs-include-markdown-plugin, written as the includes `stagemap.render.includes` shows.

The plugin (``plugins: [include-markdown]``) puts another file's text where a tag stands:
``{% include-markdown "file.md" %}`` a Markdown file, ``{% include "file" %}`` any file as it is
(most often alone in a fence, to show it as code). The tag may run over several lines, its
arguments after the path (``start="<!--x-->"``, ``comments=false``, ``heading-offset=1``...).
A path starting with ``./`` or ``../`` is read from the including file's folder, any other from
the docs folder, as the plugin's ``resolve_file_paths_to_include`` does.

On a site whose ``mkdocs.yml`` names the plugin (without it MkDocs shows a tag as written),
each tag on lines of its own whose file is there is written as a ``readfile`` shortcode of that
file (`as_includes`, from `stagemap.render.partials`), which `stagemap.render.includes.inline` then shows, with its bounds (how
deep, how much) and its own tags read the same way. ``start`` and ``end`` are honoured as the
plugin's ``filter_inclusions`` reads them (`between`). A tag whose file is not there, a glob, an
address or an absolute path stays as written, and is shown as a placeholder
(`stagemap.render.mkdocsyntax.mkdocs_inserts`). Other arguments change nothing the page here
shows (``comments`` adds HTML comments) or are not read (``heading-offset``).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from ..lazyre import lazy
from ..model.settings import ReadRules
from ..read.markdowntext import lf
from ..read.templateengines import page_engine
from .blocks import fence_after, hold_fences, put_fences_back

DIRECTIVE = lazy(
    r"""^([ \t>]*)\{%-?[ \t]*(?:\n[ \t>]*)?(include-markdown|include)[ \t]+(["'])([^"'\n]{1,500})\3"""
    r"""([^%]{0,2000}?)-?%\}[ \t]*$""",
    re.M,
)
"""A tag of the plugin on lines of its own: what stands before it (an indent, a quote's ``>``),
its name, its quoted path and its arguments (up to 2,000 characters, over lines too)."""
_ARGUMENT = lazy(r"""([\w-]+)=(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)')""")
"""A quoted argument of a tag: ``start="<!--intro-->"``."""
_ESCAPE = lazy(r"\\([nt\\\"'])")
_CLOSING = lazy(r"^---[ \t]*$", re.M)
"""The line closing a file's front matter."""
_FENCE_INFO = lazy(r"[ \t]*(?:`{3,}|~{3,})[ \t]*\{?[ \t]*\.?([\w+#-]*)")
"""A fence's opening line, its language (``yaml``, ``{ .yaml }``) as the first group."""


def uses(body: str) -> bool:
    """Whether ``body`` may hold a tag of the plugin (cheap: most bodies hold no ``{%``)."""
    return "{%" in body and "include" in body and DIRECTIVE.search(body) is not None


def may_include(rules: ReadRules, body: str) -> bool:
    """Whether an MkDocs page's ``body`` may hold a tag of the include-markdown plugin, or an
    include of the macros plugin, on a site that names it (`site_tags`)."""
    return bool(rules.include_markdown or rules.macros_includes) and uses(body)


def macros_run(rules: ReadRules, rel: str, front: Any = None) -> bool:
    """Whether MkDocs' macros plugin renders the page at ``rel`` (of front matter ``front``): it
    does before Markdown's extensions run, so a snippet's text is not read by it."""
    return bool(page_engine("mkdocs", rel, front or {}, rules.template_engines))


def site_tags(
    body: str, rel: str, docs: str, exists: Callable[[str], bool], rules: ReadRules, front: Any = None
) -> str:
    """Return an MkDocs page's ``body`` with its include-markdown tags written as includes
    (`as_includes`) where the site names that plugin; else, where its macros plugin runs over
    the page (by its front matter ``front``), its Jinja2 includes."""
    if rules.include_markdown:
        return as_includes(body, rel, docs, exists)
    runs = rules.macros_includes and page_engine("mkdocs", rel, front or {}, rules.template_engines)
    return as_includes(body, rel, docs, exists, rules.macros_includes) if runs else body


def as_includes(body: str, rel: str, docs: str, exists: Callable[[str], bool], macros: str = "") -> str:
    """Return ``body`` (of the file at ``rel``, in the docs folder ``docs``; both relative to the
    project) with each tag whose file is there written as a ``readfile`` of it. A fence holding
    a tag alone shows the file as code in the fence's language, as the plugin pastes it there.

    ``macros``: the folder the site's macros plugin includes from (`stagemap.read.mkdocsmacros`),
    where it runs over the page and the include-markdown plugin is not named: Jinja2's
    ``{% include 'x.md' %}`` on lines of its own shows that folder's file the same way (a name
    with ``..`` none: Jinja2 refuses it)."""
    if not uses(body):
        return body
    held: dict[str, str] = {}
    text = DIRECTIVE.sub(lambda m: _readfile(m, rel, docs, exists, None, macros), hold_fences(lf(body), held))
    for token, block in held.items():
        lines = block.split("\n")
        info = _FENCE_INFO.match(lines[0])
        closed = len(lines) >= 3 and not fence_after(fence_after("", lines[0]), lines[-1])
        found = DIRECTIVE.fullmatch("\n".join(lines[1:-1])) if info is not None and closed else None
        if info is not None and found is not None:
            made = _readfile(found, rel, docs, exists, info.group(1), macros)
            held[token] = made if made != found.group() else block
    return put_fences_back(text, held)


def _readfile(
    match: re.Match[str],
    rel: str,
    docs: str,
    exists: Callable[[str], bool],
    lang: str | None = None,
    macros: str = "",
) -> str:
    """Return the ``readfile`` shortcode showing the file a tag names (as code in ``lang`` when
    given), or the tag as written when that file cannot be read; with ``macros``, a Jinja2
    include's, from that folder."""
    given = match.group(4).strip()
    if macros and (match.group(2) != "include" or ".." in given.split("/")):
        return match.group()
    if macros:
        given = given.lstrip("/")
    if not given or given.startswith("/") or "://" in given or any(c in given for c in '*?[{\\"'):
        return match.group()
    here = posixpath.dirname(rel)
    start = macros or (here if given.startswith(("./", "../")) else docs)
    path = posixpath.normpath(posixpath.join(start, given))
    if path == ".." or path.startswith(("../", "/")) or not exists(path):
        gone = macros and "ignore missing" in " ".join(match.group(5).split())  # (Jinja2's: nothing shown)
        return match.group(1) if gone and not path.startswith(("../", "/")) else match.group()
    arguments = {
        m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
        for m in _ARGUMENT.finditer(match.group(5))
    }
    shown = f'file="{posixpath.relpath(path, here or ".")}"'
    for bound in ("start", "end"):
        if arguments.get(bound):
            shown += f' {bound}="{quote(_unescaped(arguments[bound]), safe="")}"'
    if lang is not None:
        shown += f' code="true" lang="{lang}"'
    if macros:
        shown += f' jinja="{quote(macros, safe="/")}"'
    return f"{match.group(1)}{{{{% readfile {shown} %}}}}"


def included(
    read: Callable[[str, bool], str | None],
    path: str,
    macros: str,
    docs: str,
    exists: Callable[[str], bool],
    code: bool = False,
) -> str | None:
    """Return what an include shows of the file at ``path``: as ``read`` gives it (the whole file
    for ``code``); for Jinja2's ``{% include %}`` from the macros plugin's include folder ``macros``
    (not as code), the whole file, front matter too (Jinja2 reads none: the page shows its lines),
    with the file's own includes written as includes in turn, as the plugin renders them."""
    if not macros or code:
        return read(path, code)
    got = read(path, True)
    return as_includes(_front_matter_shown(got), path, docs, exists, macros) if got is not None else None


def _front_matter_shown(text: str) -> str:
    """Return an included file's text with its front matter as Python-Markdown shows it: ``---``
    is a rule, and one line under it then ``---`` a heading (its setext processor takes the two
    first lines of a block only); more lines are a paragraph, the closing ``---`` a rule, so a
    blank line is put before it (the Markdown here would make them one heading)."""
    if not text.startswith("---\n"):
        return text
    closing = _CLOSING.search(text, 4)
    if closing is None or text.count("\n", 4, closing.start()) < 2:
        return text
    return text[: closing.start()] + "\n" + text[closing.start() :]


def _unescaped(value: str) -> str:
    """Return an argument's value with its escapes read (``\\n`` a line's end), as the plugin reads them."""
    return _ESCAPE.sub(lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), value)


def between(text: str, start: str | None, end: str | None) -> str:
    """Return the part of an included file's ``text`` its ``start`` and ``end`` markers bound, as
    the plugin cuts it: after the first ``start`` (nothing when there is none); before the first
    ``end`` (all of it when there is none); with both, each stretch from a ``start`` to the next
    ``end``, and after that ``end`` up to another ``end``, as the plugin splits the text."""
    if start and end:
        parts = text.split(start)[1:] if start in text else [text]
        return "".join(piece for part in parts for at, piece in enumerate(part.split(end)) if at % 2 == 0)
    if start:
        return text.split(start, 1)[1] if start in text else ""
    if end:
        return text.split(end, 1)[0]
    return text
