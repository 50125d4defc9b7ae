"""HTML tables as Markdown tables: ``<table>``, ``<tr>`` rows, ``<th>``/``<td>`` cells (see `stagemap.render.jsx`).

The elements are read inside out: each cell becomes its text between marks, each row its cells
between marks, and the table, once closed, a Markdown table whose first row is its head. A
loop's tags between rows (``{% for %}`` making the rows from the site's data, ``{% tablerow %}``)
are kept where they are, around a table of the rows between them, so that the loop is read as
one; other template tags between rows (``{% if %}``, ``{{ x }}``) leave the rows one table.
"""

from __future__ import annotations

import re

from ..lazyre import lazy

TABLE_PARTS = frozenset({"table", "tr", "td", "th"})
CELL, ROW, NEXT_CELL = "\ue010", "\ue011", "\ue012"
"""Marks around a cell's and a row's text, and between cells, until their table is made (`table_part`)."""
HELD_TAG, HELD_LOOP = "\ue030", "\ue032"
"""The start of a template tag held by `stagemap.read.htmlpage` (``{{ x }}``), and of one opening
or closing a loop (``{% for %}``, `LOOP_TAG`), its number after it."""
LOOP_TAG = lazy(r"\{%-?\s*(?:end)?(?:for|tablerow)\b")
"""A Liquid (or Nunjucks) tag opening or closing a loop."""
_HELD = lazy("[\ue030\ue032]\\d+\ue031")
_INNER_RULE = lazy(r"^\|(?:---\|)+$", re.M)
"""The rule under a table's head: a table made inside a cell."""
_INNER_BORDER = lazy(r"(?:^|(?<=\s))\|(?=\s|$)", re.M)
_BARE_BAR = lazy(r"(?<!\\)\|")
"""A ``|`` not yet escaped: in a cell, it would end the cell."""


def table_part(name: str, children: str) -> str:
    """Return a table cell or row, marked, or a table as a Markdown table (the first row its head)."""
    if name in ("td", "th"):
        if "|" in children and _INNER_RULE.search(children):  # a table in the cell: its cells' text
            children = _INNER_RULE.sub(" ", children)
            children = _INNER_BORDER.sub(" ", children)
        text = " ".join(children.replace(CELL, " ").replace(ROW, " ").split())
        return CELL + _BARE_BAR.sub(r"\\|", text) + CELL
    if name == "tr":
        return ROW + NEXT_CELL.join(children.split(CELL)[1::2]) + ROW
    parts = children.split(ROW)
    rows = [row.split(NEXT_CELL) for row in parts[1::2]]
    if not rows:
        return children.replace(CELL, " ")
    if any(HELD_LOOP in between for between in parts[0::2]):  # a loop's tags around rows: kept, in order
        pieces: list[str] = []
        run: list[list[str]] = []  # the rows since the last loop tag
        for i, part in enumerate(parts):
            if i % 2:
                run.append(part.split(NEXT_CELL))
            elif HELD_LOOP in part:
                pieces += [_table(run) if run else "", _tags_in(part)]
                run = []
        return "".join(pieces) + (_table(run) if run else "")
    return _table(rows)


def _table(rows: list[list[str]]) -> str:
    """Return ``rows`` (their cells' text) as a Markdown table, the first row its head."""
    width = max(len(r) for r in rows)
    lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
    lines.insert(1, "|" + "---|" * width)
    return "\n\n" + "\n".join(lines) + "\n\n"


def _tags_in(between: str) -> str:
    """Return the template tags held between a table's rows (`HELD_TAG`, `HELD_LOOP`), each a paragraph of its own."""
    return "".join(f"\n\n{tag}\n\n" for tag in _HELD.findall(between))
