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
its own includes are shown the same way, `MAX_DEPTH` files deep, never a file inside itself.
What the tag passes (``title="Plans"``) fills the file's ``{{ include.title }}`` and the
conditions naming it, as Jekyll reads it (`stagemap.render.includeparams`: a parameter it does
not pass is nil; an include passing none keeps the outer include's; one Jekyll refuses stays a
placeholder); the file's name may be one it passes (``{% include {{ include.file }} %}``). A
page shows at most `MAX_SHOWN` characters of included files, counted with their parameters in
place, in code and out of it. An include within a sentence, of a file that cannot be read (a
theme's, which is not in the site's folder) or of one too big stays a placeholder
(`stagemap.render.liquid`). An include inside ``{% raw %}`` or ``{% comment %}`` is an example
of the tag (a page showing how to use one), left as written, and so is one whose name holds two
of ``.`` and ``/`` in a row (``..``, ``//``, ``./``), which Jekyll refuses to read. Files are
read only from ``_includes`` (`confined`): a link there to a file elsewhere is not followed.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import os
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ..lazyre import lazy
from ..read.liquidspans import raw_spans
from ..read.templateengines import page_engine
from . import includeparams
from .blocks import fence_after
from .liquidvars import hidden_blocks

INCLUDES_DIR = "_includes"
"""Jekyll's folder of included files, in the site's folder."""
MAX_INCLUDED = 64 * 1024
"""The largest included file shown, in bytes."""
MAX_DEPTH = 4
"""How many files deep includes outside code are shown (an include's include's ...)."""
MAX_SHOWN = 512 * 1024
"""The most characters of included files one page shows, after their parameters are put in
(past it, placeholders outside code, tags as written in it)."""

_INCLUDE = lazy(
    r"(?<![ \t])[ \t]*+\{%(-?)\s*+include\s++(\w(?:[\w./]|-(?!%\})){0,200})(?:\s[^%]{0,500}?)?\s*(-?)%\}\s*"
)
"""An include of a file by its name (``steps/boil.sh``), with the blanks around it. Tried only
where a run of blanks starts, each run taken whole: a line of 40,000 blanks (or of blanks after
``{%``) was tried from each of them, 2.8 s."""

_OWN_LINE = lazy(
    r"[ \t]*+\{%(-?)[ \t]*+include[ \t]++(/?\w(?:[\w./]|-(?!%\})){0,200}+)"
    r"((?:[ \t](?:[^%\n]|%(?!\})){0,500}+|-)?+)%\}[ \t]*+\r?\n?"
)
"""An include alone on its line (the line's end taken with it): its name (group 2), what it
passes (group 3, a ``-`` ending it for Liquid's whitespace control), a ``-`` opening it (group
1). Each part is read one way only: a line that is no such include costs its length."""
Read = Callable[[str], str | None]
"""The text of a file (a path relative to the project), None when it cannot be read."""


def confined(root: Path, site: str, read: Callable[[Path, str, bool], str | None]) -> Read:
    """Return how a site's included files are read (``read``: a file of the project at ``root``,
    whole): only from its ``_includes`` folder, a link there to a file elsewhere (``.git/config``)
    not followed, as Jekyll's safe mode (GitHub Pages') refuses it. The folder's own name must be
    no link: the site's folder's real path, then ``_includes``."""
    folder = os.path.join(os.path.realpath(os.path.join(root, site)), INCLUDES_DIR)

    def confined_read(path: str) -> str | None:
        real = os.path.realpath(os.path.join(root, path))
        return read(root, path, True) if os.path.commonpath([folder, real]) == folder else None

    return confined_read


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
    left = [MAX_SHOWN]
    return _outside(shown_in_code(body, site, read, left), site, read, (), left, {})


def files_in_page(
    body: str, site: str, read: Read, front: Mapping[str, Any] | None = None
) -> Iterator[tuple[str, str | None]]:
    """Yield each file `shown_in_page` reads for ``body`` (of ``front`` matter) once, however
    deep: its path, relative to the project, and its text (None: it cannot be read; its coming
    makes the page again). The page is worked out to find them, so that a file whose name an
    include's parameter gives (``{% include {{ include.file }} %}``) is one of them."""
    got: dict[str, str | None] = {}

    def reading(path: str) -> str | None:
        if path not in got:
            got[path] = read(path)
        return got[path]

    shown_in_page(body, site, reading, front)
    return iter(list(got.items()))


def _outside(
    body: str, site: str, read: Read, chain: tuple[str, ...], left: list[int], given: includeparams.Params
) -> str:
    """Return ``body`` with each include alone on its line outside code replaced by the file's
    text (``chain``: the files it stands in; ``left``: how many characters may yet be shown;
    ``given``: the parameters of the include it stands in, which one passing none keeps)."""
    pieces, at = [], 0
    for line_start, found in _own_lines(body):
        path = _path(found.group(2), site)
        if not _readable(found.group(2)) or path in chain or len(chain) >= MAX_DEPTH:
            continue
        passing = includeparams.params(found.group(3), given)
        text = read(path) if passing is not None else None
        if passing is None or text is None or len(text) > left[0] or len(text.encode()) > MAX_INCLUDED:
            continue
        made = includeparams.passed(text, passing, left[0])
        # What it shows counts, parameters in place, and at least what was read to make it: so
        # the work a page takes is bounded too (a file that grows past the bound ends the count).
        left[0] = 0 if made is None else left[0] - max(len(made), len(text))
        if made is None:
            continue
        text = made
        text = _outside(shown_in_code(text, site, read, left), site, read, (*chain, path), left, passing)
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


def shown_in_code(body: str, site: str, read: Read, left: list[int]) -> str:
    """Return ``body`` with each include in its fenced code that names a plain text file
    replaced by that file's text (see the module docstring), while ``left`` (how many characters
    of files the page may yet show) allows."""
    pieces, at, fence, line_start = [], 0, "", 0
    shown = _shown(body)
    for line in body.splitlines(keepends=True):
        was, fence = fence, fence_after(fence, line)
        if was and fence and "include" in line:
            pieces.append(body[at:line_start])
            included = functools.partial(_included, site=site, read=read, shown=shown, at=(line_start, left))
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
    """Whether Jekyll reads an include of ``name``: none with two of ``.`` and ``/`` in a row
    (its ``INVALID_SEQUENCES``: ``..``, ``//``, ``./``), which reach out of its folder or hide."""
    return not any(pair in name for pair in ("..", "//", "./", "/."))


def _included(
    found: re.Match[str], site: str, read: Read, shown: Callable[[int], bool], at: tuple[int, list[int]]
) -> str:
    """Return the text of the file an include names, or the include as written (``at``: where
    the line it is on starts in the body, for ``shown``, and how many characters may yet be shown)."""
    if not shown(at[0] + found.start()) or not _readable(found.group(2)):
        return found.group(0)
    text = read(_path(found.group(2), site))
    if (
        text is None
        or len(text) > at[1][0]
        or len(text.encode()) > MAX_INCLUDED
        or "{{" in text
        or "{%" in text
    ):
        return found.group(0)
    at[1][0] -= len(text)
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
