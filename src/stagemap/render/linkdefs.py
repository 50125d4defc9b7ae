"""Where cmark-gfm and markdown-it-py read a link definition differently: in a list item or a
quote, below one there, or where a label runs over lines.

A definition makes no HTML of its own, but where it stands still counts in markdown-it-py: a
list item that holds one after a blank line (``- a``, a blank line, ``  [a]: /u``) is loose
there, its text in paragraphs, and tight in cmark-gfm, which drops the definition's paragraph
before it looks at the blank lines. Inside a list item or a quote, a line right below a
definition may continue it lazily in cmark-gfm and not in markdown-it-py (whose definition
ends there); and a label over lines is cut by a line that starts like an ordered list item
(``2)``) or is a heading's underline (``===``) in one parser only: a label's line that starts
with anything but a letter is declined. (A label over lines whose destination is on the next line,
starting with ``[``, escaped the patterns of `disputes`: declined here too.)

A definition one to three spaces in that no list item nor quote can hold is read alike, and
that is where most sites that indent them put them: at the end of a page, or below a section's
text (Material for MkDocs' docs, two spaces in). So a line that starts with ``[`` is doubtful
only where a list item or a quote may still be open. A quote may be open from a line with ``>``
on; a list item from its marker's line, and its text starts at least one column past the
marker (``-`` at column 0: column 2; ``10.``: column 4). Both end at a line after a blank line
that is less indented than that (and has no ``>``): a blank line ends a paragraph, so no lazy
continuation, and no other block goes on with a line less indented than its item. The lowest
such column is kept, so the check may hold an item open longer than it is, never shorter.
Checked on the text outside fenced code blocks at the first column; tabs are declined before.
"""

from __future__ import annotations

from ..lazyre import lazy

_CONTAINERS = lazy(r" *(?:(?:>|(?:[-+*]|\d+[.)])(?= |$)) *)+")
"""The list markers and quote markers a line starts with, and the spaces after each."""
_OPEN_LABEL = lazy(r"\[(?![^\[\]\\\n]*\](?!:))")
"""A ``[`` that may open a definition's label: the label runs over the line, holds a backslash
or a bracket, or is followed by a colon (``[a](x.md)`` and ``[a] b`` are no definitions)."""


_COLON = lazy(r"\]:")
"""What every definition holds (the regex engine tells its absence faster than ``in``)."""
_MARKS = frozenset("->+*0123456789")
_SPECIAL = _MARKS | frozenset(" []")
"""What a line that may change what follows starts with (or nothing: a blank line)."""


def definition_doubt(text: str) -> bool:
    """Return True if a link definition in ``text`` may stand in a list item or a quote, or
    a line may continue one lazily, or a line of a label over lines may start a block."""
    if _COLON.search(text) is None:
        return False  # no definition at all
    bound: int | None = None  # the lowest column the content of a list item still open may start at
    quoted = False  # a quote may be open
    above = ""  # the line above ("" when blank)
    label = False  # a definition's label may be open (runs over lines)
    defined = False  # the line above may hold a definition or end one
    containers, opening = _CONTAINERS.match, _OPEN_LABEL.match  # (looked up once)
    for line in text.split("\n"):
        if above and not label and line and line[0] not in _SPECIAL:
            defined = False  # (most lines: text that goes on, at the first column)
            continue
        bare = line.lstrip(" ")
        if not bare:
            above, label, defined = "", False, False
            continue
        if label and not bare[0].isalpha():
            return True  # a line that may start a block, in a label over lines: cut in one parser only
        indent = len(line) - len(bare)
        if not above and (bound is None or indent < bound):
            bound = None  # after a blank line, less indented than any item's content: all of them end
            quoted = quoted and bare[0] == ">"
        found = containers(line) if bare[0] in _MARKS else None
        if found is not None:
            markers = found.group(0)
            quoted = quoted or ">" in markers
            if bare[0] != ">":
                width = bare.find(" ")  # (the first marker's; -1: it ends the line)
                low = indent + (width if width > 0 else len(bare)) + 1
                bound = low if bound is None or low < bound else bound
            rest = line[found.end() :]
        else:
            rest = bare
        held = quoted or bound is not None  # (a list item or a quote may be open)
        if rest[:1] == "[":
            if held and defined:
                return True  # below a definition, in a list item or a quote: lazy or not?
            if above.rstrip(" ").endswith("]:"):
                return True  # a destination on the next line (the label may start further up)
            opens = opening(rest) is not None
            if held and opens and (found is not None or above or quoted or indent >= (bound or 0)):
                return True  # a definition that may be in a list item or a quote, or lazy
            label = "]" not in rest.replace("\\]", "")
            defined = opens
        else:
            defined = label and "]" in line.replace("\\]", "")
            label = label and not defined
        above = line
    return False
