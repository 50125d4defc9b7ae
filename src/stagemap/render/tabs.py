"""Where a tab may stand in a body the compiled path renders (see `stagemap.render.disputes`).

Where a tab opens a line, or follows a container's marker, it is white space up to the next
multiple of four columns, and cmark-gfm and markdown-it-py split it differently when a marker
or an indentation takes part of it: a fenced block in a quote (``>\\tcode``: two spaces in one,
the tab in the other), a list item after two tabs (``>>1.\\t\\ta``), a tab-indented line after
an empty quote (code in one, nothing in the other), a lazy line after a quote (``>>b\\n\\t#``),
a list item emptied by a blank line of a tab. At a line's end markdown-it keeps a tab before
the newline (``a\\t\\nb``), cmark-gfm drops it. In two kinds of places the fuzzes of
tests/test_markdown_tabs.py found the two agreeing, and a body whose tabs all lie there is
left to the other checks:

- a content line of a fenced code block opened at the first column (so at the top level),
  whose lines both parsers keep as written; its fence lines themselves hold no tab;
- the text of a line: the line's first tab after some character that no block marker,
  underline, rule, fence, table or escape is made of (``a``, not ``>``, ``-``, ``#``, ``1.``),
  its last tab before more text than white space (``a\\tb``, ``- a \\t b``), on a line
  without a table's ``|``, a fence or a link definition's ``]:``: the pages a CLI's
  documentation generator writes (``* [ship](/commands/ship/)\\t - Ship a crate``).

A body with a CR is declined whole (`stagemap.render.markdown.render` hands over LF line ends
only; a CR would hide where a fence closes).

Everything else with a tab is declined: wider than the differences found, by design.
"""

from __future__ import annotations

from ..lazyre import lazy
from .fencelines import FENCE, FENCE_LIKE, closes

_CONTENT = lazy(r"[^\s>*+\-#\d.)=_:|`~\\\[\]]")
"""A character no block marker, underline, rule, fence, table or escape is made of."""
_AFTER = lazy(r"[ \t]*\S")
"""Text after a tab, before the line ends (or other white space: a ``\\r`` may end a line)."""


def tab_doubt(text: str) -> bool:
    """Return True unless every tab of ``text`` lies in a top-level fenced block's content
    or inside a line's text (see the module's notes)."""
    if "\r" in text:
        return True  # (`render` gives LF line ends only: a CR here was left by another caller)
    if "```" not in text and "~~~" not in text:
        return _loose_tabs(text, 0)
    closing = ""
    at = 0  # where the line starts
    for line in text.split("\n"):
        if closing:
            if closes(line, closing):
                closing = ""
                if "\t" in line:
                    return True  # a closing line with a tab
        elif line[:1] in "`~" and "|" not in line and (opening := FENCE.fullmatch(line)):
            if "\t" in line:
                return True  # an opening line with a tab (in its info string or after it)
            closing = opening.group(1) or opening.group(2)
        elif ("```" in line or "~~~" in line) and FENCE_LIKE.match(line):
            return _loose_tabs(text, at)  # a fence further in: from here on, no fence is known
        elif "\t" in line and not _inline(line):
            return True
        at += len(line) + 1
    return False


def _loose_tabs(text: str, start: int) -> bool:
    """Return True if a tab from ``start`` on lies anywhere but inside a line's text."""
    at = text.find("\t", start)
    while at >= 0:
        begin = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        if not _inline(text[begin:end]):
            return True
        at = text.find("\t", end)
    return False


def _inline(line: str) -> bool:
    """Whether each tab of ``line`` stands inside its text: after a character of `_CONTENT`,
    before a character that is no white space, on a line with no ``|``, fence, ``]:`` or ``\\r``."""
    if "|" in line or "```" in line or "~~~" in line or "]:" in line or "\r" in line:
        return False
    first, last = line.index("\t"), line.rindex("\t")
    return _CONTENT.search(line, 0, first) is not None and _AFTER.match(line, last + 1) is not None
