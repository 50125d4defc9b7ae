"""Jekyll's ``{% include %}``: the text of the ``_includes`` file it names, in code and on a line of its own.

Liquid runs over the whole page before kramdown, code included: a lab page may keep a script
in ``_includes/steps/boil.sh`` and write ``{% include steps/boil.sh -%}`` inside a fence, and
the live page shows the script there. Here the file's text is shown when it is plain text
(no Liquid of its own, which only the site could run), UTF-8 and at most `MAX_INCLUDED`
bytes; else the tag stays as written. Liquid's whitespace control is followed: ``-%}`` takes
the blanks and line ends after the tag away, ``{%-`` those before it.

Outside code, an include on a line of its own (a landing page made of sections, each
``{% include home/pricing-cards.html %}`` in its ``<div>``) shows the file's text in its place,
as Liquid puts it there: its own Liquid is then read with the page's (`stagemap.render.liquid`:
``{{ site.baseurl }}``, the page's values, a loop over the site's data as a placeholder), and
its own includes are shown the same way, `MAX_DEPTH` files deep, never a file inside itself,
at most `MAX_SHOWN` characters in all. What the tag passes (``title="Plans"``) fills the
file's ``{{ include.title }}``; a parameter it does not pass is empty there, as in Liquid, and
one given a variable stays for the page's reading (a placeholder). An include within a
sentence, of a file that cannot be read (a theme's, which is not in the site's folder) or of
one too big stays a placeholder (`stagemap.render.liquid`). An include inside ``{% raw %}`` or
``{% comment %}`` is an example of the tag (a page showing how to use one), left as written,
and so is one whose name holds ``..`` or ``//``, which Jekyll refuses to read.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ..lazyre import lazy
from ..read.liquidspans import raw_spans
from ..read.templateengines import page_engine
from .blocks import fence_after
from .liquidvars import hidden_blocks

INCLUDES_DIR = "_includes"
"""Jekyll's folder of included files, in the site's folder."""
MAX_INCLUDED = 64 * 1024
"""The largest included file shown, in bytes."""
MAX_DEPTH = 4
"""How many files deep includes outside code are shown (an include's include's ...)."""
MAX_SHOWN = 512 * 1024
"""The most characters of included files one page shows outside code (past it, placeholders)."""

_INCLUDE = lazy(r"[ \t]*\{%(-?)\s*include\s+(\w[\w./-]{0,200})(?:\s[^%]{0,500}?)?\s*(-?)%\}\s*")
"""An include of a file by its name (``steps/boil.sh``), with the blanks around it."""

_OWN_LINE = lazy(
    r"[ \t]*+\{%(-?)[ \t]*+include[ \t]++(/?\w[\w./-]{0,200}+)((?:[ \t][^%\n]{0,500}+)?+)%\}[ \t]*+\r?\n?"
)
"""An include alone on its line (the line's end taken with it): its name (group 2), what it
passes (group 3, a ``-`` ending it for Liquid's whitespace control), a ``-`` opening it (group
1). Each part is read one way only: a line that is no such include costs its length."""
_PARAM = lazy(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
"""A parameter an include passes: a quoted text (``title="Plans"``), else a variable."""
_PARAM_OUT = lazy(r"\{\{-?\s*include\.(\w+)\s*-?\}\}")
"""An output of a parameter in the included file, without filters: ``{{ include.title }}``."""
_IN_LIQUID = lazy(r"\{\{[^{}]{0,500}\}\}|\{%[^{}%]{0,500}%\}")
"""An output or a tag of the included file (within 500 characters: each is read once)."""
_PARAM_USE = lazy(r"(?<![\w.])include\.(\w+)")
"""A parameter named in an output or a tag: ``{% if include.width %}``."""

Read = Callable[[str], str | None]
"""The text of a file (a path relative to the project), None when it cannot be read."""


def includes_in(body: str) -> bool:
    """Whether ``body`` may hold an include (a cheap look, for `files_in_page`)."""
    return "include" in body and "{%" in body


def shown_in_page(body: str, site: str, read: Read, front: Mapping[str, Any] | None = None) -> str:
    """Return ``body`` with its includes shown (see the module docstring): in fenced code, a
    plain text file's text (`shown_in_code`); outside it, alone on its line, the file's text.
    Nothing is shown on a page whose ``front`` matter (the site's defaults in it) turns Liquid
    off (``render_with_liquid: false``): its tags show as written."""
    if not page_engine("jekyll", "", front or {}):
        return body
    return _outside(shown_in_code(body, site, read), site, read, (), [MAX_SHOWN])


def files_in_page(
    body: str, site: str, read: Read, front: Mapping[str, Any] | None = None
) -> Iterator[tuple[str, str | None]]:
    """Yield each file `shown_in_page` may read for ``body`` (of ``front`` matter) once, however
    deep: its path, relative to the project, and its text (None: it cannot be read; its coming
    makes the page again)."""
    if not page_engine("jekyll", "", front or {}):
        return iter(())
    return iter([(path, read(path)) for path in dict.fromkeys(_paths_in_page(body, site, read))])


def _paths_in_page(body: str, site: str, read: Read) -> Iterator[str]:
    yield from paths_in_code(body, site)
    seen: set[str] = set()
    waiting = [body]
    while waiting:
        for _, found in _own_lines(waiting.pop()):
            path = _path(found.group(2), site)
            if not _readable(found.group(2)) or path in seen:
                continue
            seen.add(path)
            yield path
            text = read(path)
            if text is not None and len(text.encode()) <= MAX_INCLUDED:
                yield from paths_in_code(text, site)
                waiting.append(text)


def _outside(body: str, site: str, read: Read, chain: tuple[str, ...], left: list[int]) -> str:
    """Return ``body`` with each include alone on its line outside code replaced by the file's
    text (``chain``: the files it stands in; ``left``: how many characters may yet be shown)."""
    pieces, at = [], 0
    for line_start, found in _own_lines(body):
        path = _path(found.group(2), site)
        if not _readable(found.group(2)) or path in chain or len(chain) >= MAX_DEPTH:
            continue
        text = read(path)
        if text is None or len(text.encode()) > MAX_INCLUDED or len(text) > left[0]:
            continue
        left[0] -= len(text)
        text = _outside(
            shown_in_code(_passed(text, found.group(3).rstrip(" \t-")), site, read),
            site,
            read,
            (*chain, path),
            left,
        )
        written = found.group(0)
        lead = "" if found.group(1) else written[: len(written) - len(written.lstrip(" \t"))]
        tail = "" if found.group(3).rstrip().endswith("-") else written[len(written.rstrip()) :]
        pieces += [body[at:line_start], lead + text + tail]
        at = line_start + len(written)
    return "".join(pieces) + body[at:] if pieces else body


def _own_lines(body: str) -> Iterator[tuple[int, re.Match[str]]]:
    """Yield where each line of ``body`` holding an include alone starts, and its match: outside
    fenced code, and where Liquid reads it (not in a raw block or a comment)."""
    if "include" not in body:
        return
    fence, line_start, shown = "", 0, _shown(body)
    for line in body.splitlines(keepends=True):
        was, fence = fence, fence_after(fence, line)
        found = _OWN_LINE.fullmatch(line) if not was and not fence and "{%" in line else None
        if found and shown(line_start + len(line) - len(line.lstrip())):
            yield line_start, found
        line_start += len(line)


def _passed(text: str, params: str) -> str:
    """Return an included file's text with what the include passes in place of its uses of
    ``include.x``: a quoted text as that text (in a tag, quoted); a parameter not passed is
    nil (empty where output), as in Liquid; one given a variable stays as written."""
    if "include." not in text:
        return text
    given = {m.group(1): m for m in _PARAM.finditer(params)}

    def value(name: str, output: bool) -> str | None:
        found = given.get(name)
        if found is None:
            return "" if output else "nil"
        quoted = found.group(2) if found.group(2) is not None else found.group(3)
        if quoted is None:
            return None
        return quoted if output else ("'" + quoted + "'" if '"' in quoted else '"' + quoted + '"')

    def liquid(code: re.Match[str]) -> str:
        alone = _PARAM_OUT.fullmatch(code.group(0))
        if alone is not None:
            shown = value(alone.group(1), True)
            return code.group(0) if shown is None else shown
        return _PARAM_USE.sub(lambda use: value(use.group(1), False) or use.group(0), code.group(0))

    return _IN_LIQUID.sub(liquid, text)


def paths_in_code(body: str, site: str) -> Iterator[str]:
    """Yield the path, relative to the project, of each file an include in ``body``'s fenced
    code names (``site``: the site's folder, empty for the project's own)."""
    shown = _shown(body)
    for start, code in _code_blocks(body):
        for found in _INCLUDE.finditer(code):
            if shown(start + found.start()) and _readable(found.group(2)):
                yield _path(found.group(2), site)


def shown_in_code(body: str, site: str, read: Read) -> str:
    """Return ``body`` with each include in its fenced code that names a plain text file
    replaced by that file's text (see the module docstring)."""
    pieces, at, fence, line_start = [], 0, "", 0
    shown = _shown(body)
    for line in body.splitlines(keepends=True):
        was, fence = fence, fence_after(fence, line)
        if was and fence and "include" in line:
            pieces.append(body[at:line_start])
            included = functools.partial(_included, site=site, read=read, shown=shown, at=line_start)
            pieces.append(_INCLUDE.sub(included, line))
            at = line_start + len(line)
        line_start += len(line)
    return "".join(pieces) + body[at:]


def _shown(body: str) -> Callable[[int], bool]:
    """Return whether what starts at a place in ``body`` is read by Liquid: not in a raw block
    or a comment, which show an include as written or not at all."""
    spans = raw_spans(body) if "raw" in body else []
    if "comment" in body:
        spans += [(start, end) for start, end, kind, *_ in hidden_blocks(body) if kind == "comment"]
    spans.sort()
    starts = [start for start, _ in spans]
    ends = list(itertools.accumulate((end for _, end in spans), max))

    def shown(at: int) -> bool:
        before = bisect.bisect_right(starts, at)
        return not before or ends[before - 1] <= at

    return shown


def _readable(name: str) -> bool:
    """Whether Jekyll reads an include of ``name``: not one reaching out of its folder."""
    return ".." not in name and "//" not in name


def _included(found: re.Match[str], site: str, read: Read, shown: Callable[[int], bool], at: int) -> str:
    """Return the text of the file an include names, or the include as written (``at``: where
    the line it is on starts in the body, for ``shown``)."""
    if not shown(at + found.start()) or not _readable(found.group(2)):
        return found.group(0)
    text = read(_path(found.group(2), site))
    if text is None or "{{" in text or "{%" in text or len(text.encode()) > MAX_INCLUDED:
        return found.group(0)
    written = found.group(0)
    lead = "" if found.group(1) else written[: len(written) - len(written.lstrip(" \t"))]
    tail = "" if found.group(3) else written[len(written.rstrip()) :]
    return lead + text + tail


def _path(name: str, site: str) -> str:
    return "/".join(p for p in (site, INCLUDES_DIR, name.strip("/")) if p)


def _code_blocks(body: str) -> Iterator[tuple[int, str]]:
    """Yield where the inner lines of each fenced code block of ``body`` start, and those lines
    as one text."""
    fence, line_start, start = "", 0, 0
    lines: list[str] = []
    for line in body.splitlines(keepends=True):
        was, fence = fence, fence_after(fence, line)
        if was and fence:
            start = start if lines else line_start
            lines.append(line)
        elif was and not fence:
            yield start, "".join(lines)
            lines = []
        line_start += len(line)
