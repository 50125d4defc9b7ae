"""Where a pipe table may be read otherwise by cmark-gfm and markdown-it-py (`table_doubt`, for
`stagemap.render.disputes`), and which tables without their leading pipe both read alike.

GFM lets a table leave out its outer pipes (``Path|Pattern`` over ``:--|:--``), and a table in
a list item is indented as the item's text. Fuzzing such tables (tens of thousands of shapes:
indented 0 to 4 spaces, in list items and quotes, after a paragraph or a blank line, with code
spans, escapes and list markers in cells) found the two parsers apart when:

- the header is not the first line of its paragraph: a table that interrupts a paragraph, or
  a list item's first line, or a line under it, is a table to one and text to the other;
- the header is a single cell with no pipe (``Path`` over ``| :--``): markdown-it wants a pipe
  in the header, cmark-gfm does not;
- the header and the delimiter row are indented differently (one is a list item's first line).

So a header is taken only when it is the first line after a blank line (or of the body), one
to three spaces in at most and as far in as its delimiter row, and starts with an ASCII
letter, a ``&`` or a single backtick: never with a list marker, a quote, a heading's ``#``, a
fence or a pipe. Wider than the differences found, as a margin: a backslash anywhere in the header (each
parser splits cells at an escaped pipe with code of its own, though they agreed on every case
tried), a delimiter row of one cell or not in GFM's plain form, and a header whose cells are
not as many as the delimiter row's (neither makes a table then).
"""

from __future__ import annotations

import re

from ..lazyre import lazy

_DASHES = lazy(r"\n([ \t>]*)([|:\-][ \t|:\-]*)(?=\n)")
"""A line that may be a table's delimiter row, a heading's underline or a rule (its lead, its row)."""
_HEADER = lazy(r"( {0,3})(?:[A-Za-z&]|`(?!``))[^\\\n]*")
"""A header row up to three spaces in (the spaces are group 1) that starts with a letter, an
entity or a code span (not a fence), and holds no backslash."""
_ROW = lazy(r"(?!- )\|? *:?-+:? *(?:\| *:?-+:? *)+\|? *")
"""A delimiter row of two cells or more (each a run of dashes, a colon at either end or none),
not read as a list item by markdown-it (``- |``)."""


def bare_table(text: str, row: re.Match[str]) -> bool:
    """Return True if the delimiter row ``row`` (found in ``text``, which starts with a newline,
    from the newline before it: its indent is group 1, the row group 2) makes a table both
    parsers read alike with the line above it as its header (see the module's docstring)."""
    at = row.start()
    lead, cells = row.group(1, 2)
    start = text.rfind("\n", 0, at)
    found = _HEADER.fullmatch(text, start + 1, at)
    if found is None or found.group(1) != lead or not _ROW.fullmatch(cells):
        return False
    if text[text.rfind("\n", 0, start) + 1 : start].strip(" "):
        return False  # the line above the header holds text: a table that interrupts a paragraph
    header = text[start + 1 : at].rstrip(" ")
    cells = cells.strip(" ")
    between = cells.count("|") - cells.startswith("|") - cells.endswith("|")  # the pipes between cells
    return header.count("|") - header.endswith("|") == between


def table_doubt(text: str) -> bool:
    """Return True if a line of dashes may be read differently: table, heading or rule? Also,
    in a body with a pipe, a row of pipes alone (a table's empty row, or a paragraph) and a
    delimiter-like row, or two delimiter-like rows in one run of lines (a table the first did
    not make, then one that starts inside the paragraph). One pass over such rows."""
    pipes = "|" in text
    text = f"\n{text}\n"
    table = alone = False
    last = 0  # where the latest delimiter-like row ends
    for match in _DASHES.finditer(text):
        lead, row = match.group(1, 2)
        if "-" not in row:
            alone = alone or ("|" in row and ":" not in row)  # (pipes and white space only)
            continue
        # (The blank line above the table, sought up to the row before, a blank line above: linear.)
        paragraph = max(text.rfind("\n\n", last, match.start()), last) if "|" in row else 0
        if pipes:
            # (A line of white space other than spaces and tabs counts as text: wider.)
            if table and _BLANK.search(text, last, match.start() + 1) is None:
                return True
            table, last = True, match.end()
        if "|" in row and _DEFINITION.search(text, paragraph, match.start()):
            return True  # a link definition in the paragraph the table ends: cmark-gfm keeps it as text
        if "|" in row and "\\|" in text[paragraph : text.rfind("\n", 0, match.start())]:
            return True  # an escaped pipe there: cmark-gfm drops its backslash, code span or not
        above = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
        if "|" not in row and ":" not in row:  # a rule or a heading underline, or a table?
            if "|" in above:
                return True
        elif ("|" not in row or lead or not above.startswith("|")) and not bare_table(text, match):
            return True  # markdown-it wants a pipe in the row; a header without its pipes: see bareheads
    return pipes and alone and table


_BLANK = lazy(r"\n[ \t]*\n")
_DEFINITION = lazy(r"\n {0,3}\[[^\n]*\]:")
"""A line that may be a link definition (searched with the newline before it)."""
