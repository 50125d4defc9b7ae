"""Jekyll's ``{% include %}`` inside fenced code: the text of the ``_includes`` file it names.

Liquid runs over the whole page before kramdown, code included: a lab page may keep a script
in ``_includes/steps/boil.sh`` and write ``{% include steps/boil.sh -%}`` inside a fence, and
the live page shows the script there. Here the file's text is shown when it is plain text
(no Liquid of its own, which only the site could run), UTF-8 and at most `MAX_INCLUDED`
bytes; else the tag stays as written. Liquid's whitespace control is followed: ``-%}`` takes
the blanks and line ends after the tag away, ``{%-`` those before it. Outside code an include
stays a placeholder (`stagemap.render.liquid`). An include inside ``{% raw %}`` or
``{% comment %}`` is an example of the tag (a page showing how to use one), left as written,
and so is one whose name holds ``..`` or ``//``, which Jekyll refuses to read.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterator

from ..lazyre import lazy
from ..read.liquidspans import raw_spans
from .blocks import fence_after
from .liquidvars import hidden_blocks

INCLUDES_DIR = "_includes"
"""Jekyll's folder of included files, in the site's folder."""
MAX_INCLUDED = 64 * 1024
"""The largest included file shown in code, in bytes."""

_INCLUDE = lazy(r"[ \t]*\{%(-?)\s*include\s+(\w[\w./-]{0,200})(?:\s[^%]{0,500}?)?\s*(-?)%\}\s*")
"""An include of a file by its name (``steps/boil.sh``), with the blanks around it."""

Read = Callable[[str], str | None]
"""The text of a file (a path relative to the project), None when it cannot be read."""


def includes_in_code(body: str) -> bool:
    """Whether ``body`` may hold an include inside fenced code (a cheap look, for `paths_in_code`)."""
    return "include" in body and ("```" in body or "~~~" in body)


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
