"""GitHub's alerts and markdown-callouts' callouts on an MkDocs site, as the plugins mkdocs.yml
names make admonitions of them (`stagemap.read.mkdocsalerts` finds which): see
`stagemap.render.mkdocsyntax`, whose rewrites they join."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

from ..lazyre import lazy
from ..read.mkdocsalerts import ANNOTATE, ARITHMATEX, CALLOUTS, EMOJI, GH_ADMONITIONS, GITHUB_CALLOUTS
from .blocks import ItemColumns
from .mkdocsmarks import syntaxes
from .tablerows import code_in_tables

_GH_ALERT = lazy(r"^> {0,3}\[!(note|tip|important|warning|caution)\] *(.*)$", re.I)
"""An alert as the ``gh-admonitions`` plugin finds it: ``>`` first on the line, a title after it or none."""
_GITHUB_CALLOUT = lazy(r"^( {0,3})> *\[!(note|tip|important|warning|caution)\] *$", re.I)
"""An alert as ``github-callouts`` reads it: nothing after its kind."""
_QUOTED_BLANK = lazy(r"^ *> *$")
_QUOTED_TEXT = lazy(r"^ *(?:> *\S|[^\s>])")
_CALLOUT = lazy(r"^(?:( {0,3})>[!?]? ?)?([A-Z]{2,}):(?: (.*))?$")
"""A callout as ``callouts`` reads it: ``NOTE: Text``, quoted too (``> NOTE:``, ``>? NOTE:``)."""
_BLOCK_LINE = lazy(r"^ {0,3}(?:#{1,6}(?:[ \t]|$)|(?:=+|-+|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})[ \t]*$)")
"""A heading's line, a heading's underline or a rule: a block of its own, the next line starts one."""
_BOLD_TITLE = lazy(r"^(\*\*|__)(.+?)\1(.*)$")
_ITEM = lazy(r"^(?:( {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+)|( +))(?=\S)")
"""A list item's marker with the spaces after it, or the spaces before a line's text."""


def more_hints(text: str, params: Mapping[str, Any] | None) -> bool:
    """Whether an MkDocs body holding none of `stagemap.render.hints.HINTS` may still hold
    something to rewrite: a reference link (``[x][y]``), a code span in a table row (its ``|``
    stays in the cell), a callout the site makes an admonition of, an emoji, a code annotation or math."""
    marks = (":" in text or ")!" in text) and bool({EMOJI, ANNOTATE} & set(syntaxes(params or {})))
    math = ("$" in text or "\\" in text) and ARITHMATEX in syntaxes(params or {})
    return "][" in text or code_in_tables(text) or callouts_in(text, params) or marks or math


def callouts_in(text: str, params: Mapping[str, Any] | None) -> bool:
    """Whether ``text`` may hold a callout the site makes an admonition of (``NOTE: Text``)."""
    return (": " in text or ":\n" in text) and CALLOUTS in syntaxes(params or {})


def alerts(text: str, params: Mapping[str, Any]) -> str:
    """Return ``text`` with the alerts and callouts the site's plugins make admonitions of
    (see `stagemap.render.mkdocsyntax`'s docstring) as labelled quotes; ``params``: the page's, the site's in them."""
    turned_on = syntaxes(params)
    marked = "[!" in text and (GH_ADMONITIONS in turned_on or GITHUB_CALLOUTS in turned_on)
    if not marked and not (":" in text and CALLOUTS in turned_on):
        return text
    lines = text.split("\n")
    out: list[str] = []
    at = 0
    items: list[ItemColumns] = []  # (worked out at the first callout indented in one)
    while at < len(lines):
        made = _alert(lines, at, turned_on)
        nested = made is None  # (in a list item, the item's marker or indentation comes first)
        made = made or _nested_alert(lines, at, turned_on, items)
        if made is None:
            out.append(lines[at])
            at += 1
            continue
        if out and out[-1].strip() and not nested:
            out.append("")  # an admonition stands apart from the text or the quote above it
        out += made[0]
        at = made[1]
    return "\n".join(out)


def _alert(lines: list[str], at: int, syntaxes: Collection[str]) -> tuple[list[str], int] | None:
    """Return the lines showing the admonition opening at line ``at``, and the index past the
    lines it stands for; None when none opens there."""
    line = lines[at]
    if GH_ADMONITIONS in syntaxes and (gh := _GH_ALERT.match(line)):
        end = at + 1
        while end < len(lines) and lines[end].startswith(">"):
            end += 1
        if end > at + 1:
            label = gh.group(2).strip() or gh.group(1).capitalize()  # a title is Markdown
            after = [""] if end < len(lines) and lines[end].strip() else []
            return [f"> **{label}**", ">", *lines[at + 1 : end], *after], end
    if GITHUB_CALLOUTS in syntaxes and (github := _GITHUB_CALLOUT.match(line)):
        below = at + 1
        while below < len(lines) and _QUOTED_BLANK.match(lines[below]):
            below += 1
        above = lines[at - 1].lstrip() if at else ""
        if below < len(lines) and _QUOTED_TEXT.match(lines[below]) and not above.startswith(">"):
            indent = github.group(1)
            return [f"{indent}> **{github.group(2).capitalize()}**", f"{indent}>"], at + 1
    if CALLOUTS in syntaxes and (callout := _CALLOUT.match(line)):
        return _callout(lines, at, callout)
    return None


def _callout(lines: list[str], at: int, callout: re.Match[str]) -> tuple[list[str], int] | None:
    """Return the lines showing a callout (``NOTE: Text``) opening at line ``at``, and the index
    past its paragraph; None for one not starting a paragraph (a quoted one may)."""
    indent = callout.group(1)
    above = lines[at - 1] if at else ""
    if indent is None and above.strip() and not _BLOCK_LINE.match(above):
        return None
    label, rest = callout.group(2).title(), callout.group(3) or ""
    bold = _BOLD_TITLE.match(rest)
    if bold:  # its title, as the extension takes it (a last full stop dropped)
        title = bold.group(2).strip()
        label, rest = title[:-1] if title.endswith(".") else title, bold.group(3).lstrip()
    end = at + 1
    while end < len(lines) and lines[end].strip():
        end += 1
    first = [rest] if rest else []
    body = [*first, *lines[at + 1 : end]] if indent is None else first
    lead = indent or ""
    made = [f"{lead}> **{label}**", f"{lead}>", *(f"{lead}> {b}".rstrip() for b in body)]
    return made + ([] if indent is None else lines[at + 1 : end]), end


def _nested_alert(
    lines: list[str], at: int, syntaxes: Collection[str], items: list[ItemColumns]
) -> tuple[list[str], int] | None:
    """Return, as `_alert` does, the lines showing a callout or a GitHub callout (not
    gh-admonitions', which the plugin finds at a line's start alone) that opens a list item at
    line ``at`` (``- NOTE: Text``), or stands indented in one (``    > [!NOTE]``); None when none
    does. What the item holds is read without its indentation, as Python-Markdown reads it;
    ``items``: the text's list items, once worked out (`stagemap.render.blocks.ItemColumns`)."""
    found = _ITEM.match(lines[at]) if CALLOUTS in syntaxes or GITHUB_CALLOUTS in syntaxes else None
    lead = found.group(0) if found else ""
    rest = lines[at][len(lead) :]
    callout = _CALLOUT.match(rest) if found and CALLOUTS in syntaxes else None
    github = _GITHUB_CALLOUT.match(rest) if found and not callout and GITHUB_CALLOUTS in syntaxes else None
    if found is None or not (callout or github):
        return None
    pad = " " * len(lead)
    above = [] if found.group(1) or not at else [lines[at - 1].removeprefix(pad)]
    quoted_above = bool(above) and above[0].lstrip().startswith(">")
    text_above = bool(above) and bool(above[0].strip()) and not _BLOCK_LINE.match(above[0])
    if (github and quoted_above) or (callout and callout.group(1) is None and text_above):
        return None  # (not where a block starts: known before the item is looked for)
    width = len(found.group(2) or "")
    if width and not items:
        items.append(ItemColumns("\n".join(lines)))
    column = items[0].at(items[0].starts[at], width) if width else 0
    if column is None or width - column >= 4:
        return None  # indented code, or indented text outside a list
    end = at + 1  # (a callout holds its paragraph; a GitHub callout its blank quoted lines, then one)
    while end < len(lines) and lines[end].startswith(pad) and lines[end].strip():
        end += 1
        if github and not _QUOTED_BLANK.match(lines[end - 1]):
            break
    view = [*above, rest, *(line[len(pad) :] for line in lines[at + 1 : end])]
    made = _alert(view, len(above), [s for s in syntaxes if s != GH_ADMONITIONS])
    if made is None:
        return None
    shown, past = made
    return [lead + shown[0], *(pad + line if line else line for line in shown[1:])], at + past - len(above)
