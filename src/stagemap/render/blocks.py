"""Block constructs of site generators, turned into Markdown: admonitions (Docusaurus ``:::tip``,
MkDocs ``!!! note``) become labelled block quotes, and elements marked ``markdown`` (kramdown,
MkDocs' ``md_in_html``) give up their tags. Used by `stagemap.render.dialects`."""

from __future__ import annotations

import bisect
import re
import textwrap
from collections.abc import Iterable

from ..lazyre import lazy

FENCE = lazy(r"^ {0,3}(`{3,}(?=[^`]*$)|~{3,})")
"""A fence's opening line (a backtick fence's info string holds no backtick: ```` ``` x ``` ```` is a code span)."""
DEEP_FENCE = lazy(r"^[ \t]*(`{3,}(?=[^`]*$)|~{3,})")
"""A fence's opening line at any indentation: MDX has no indented code, so each one opens a fence
(in a list item as deep as its text: Babel's migration guides, whose code came out rewritten)."""
_MARKDOWN_OPEN = lazy(
    r"""^[ \t]*<([A-Za-z][\w-]*)\b[^<>\n]*?\smarkdown(?:=(["']?)(?:1|block|span)\2)?(?=[\s/>])[^<>\n]*>[ \t]*$"""
)
"""An HTML element's opening tag alone on its line, with kramdown's or Python-Markdown's
``markdown`` attribute: what it holds is Markdown (Jekyll, and MkDocs' ``md_in_html``)."""
_SUMMARY = lazy(r"^[ \t]*<summary>(.*?)</summary>[ \t]*$")
CODE_SPAN = lazy(
    r"^[ \t]*`{3,}[^`\n]*$|(?:(?<![\\`])|(?<=\\`))(`+)(?!`)(?:(?!\1)(?!\n[ \t]*\n)[^\ue001])+?\1",
    re.S | re.M,
)
"""A code span (within a paragraph: never across a blank line or a held code block; a backtick
escaped with a backslash opens none), or a fence line indented inside an admonition or tab (not
a span: left in place, so that the block around it can be dedented). A span opens only on a
whole run of backticks: tried from each backtick of a long run with each length, 800 backticks
took 7.5 s (now 100,000 take milliseconds)."""
HELD = lazy("\ue000\\d+\ue000")
"""A token standing for a block cleaned on its own (see `hold_notes_with_code`)."""


def unwrapped(text: str) -> str:
    """Drop the tag lines of elements whose ``markdown`` attribute says they hold Markdown.

    ``<aside markdown="1">``, ``<div markdown>``: the live page renders what is inside as
    Markdown, in a box the theme styles; a CommonMark renderer would show the tags as text (or,
    in the HTML block they start, the Markdown too). The opening and the matching closing line
    go (blank lines keep the blocks apart), a ``<summary>`` line becomes a bold line; code
    blocks are left alone.
    """
    lines = text.split("\n")
    open_names: list[tuple[str, int]] = []  # (tag name, depth of same-named elements inside)
    fence = ""
    for index, line in enumerate(lines):
        was_code, fence = bool(fence), fence_after(fence, line)
        if was_code or fence:
            continue
        opening = _MARKDOWN_OPEN.match(line)
        if opening:
            open_names.append((opening.group(1).lower(), 0))
            lines[index] = ""
        elif open_names:
            name, depth = open_names[-1]
            lower = line.lower()
            if lower.strip() == f"</{name}>" and not depth:
                open_names.pop()
                lines[index] = ""
            elif f"<{name}" in lower or f"</{name}>" in lower:  # same-named elements inside
                opened = len(re.findall(rf"<{re.escape(name)}[\s>]", lower))
                open_names[-1] = (name, depth + opened - lower.count(f"</{name}>"))
            elif _SUMMARY.match(line):
                lines[index] = "**" + _SUMMARY.sub(r"\1", line).strip() + "**\n"
    return "\n".join(lines)


HELD_FENCE = lazy("^([ \t>]*)(\ue001\\d+\ue001)[ \t]*$", re.M)
"""A held code block's token alone on its line, after its indentation or quote marks (``> ``)."""
_HELD_ANYWHERE = lazy("\ue001\\d+\ue001")


def hold_fences(text: str, held: dict[str, str], deep: bool = False) -> str:
    """Replace each fenced code block by a token line at the fence's indentation (see `put_fences_back`).

    An MDX element around code (a tab holding the install command) is then read whole: split at
    its fences, its opening tag and its label would be lost with the first part. With ``deep``
    (MDX), a fence opens at any indentation.
    """
    lines = text.split("\n")
    out: list[str] = []
    fence, start = "", 0

    def hold(block: list[str]) -> str:
        indent = block[0][: len(block[0]) - len(block[0].lstrip(" \t"))]
        token = f"\ue001{len(held)}\ue001"
        held[token] = "\n".join(b[len(indent) :] if b.startswith(indent) else b.lstrip(" \t") for b in block)
        return indent + token

    for i, line in enumerate(lines):
        was, fence = fence, fence_after(fence, line, deep)
        if fence and not was:
            start = i
        elif was and not fence:
            out.append(hold(lines[start : i + 1]))
        elif not fence:
            out.append(line)
    if fence:  # a fence never closed runs to the end
        out.append(hold(lines[start:]))
    return "\n".join(out)


_FENCE_TITLE = lazy(
    r"""(?<![^ \t`~{,])title=(?:"([^"\n]*)"|'([^'\n]*)')"""
    r"""|"[^"\n]*"|'[^'\n]*'|(?<![^ \t=])/(?:\\.|[^/\\\n])*/|=\{[^{}\n]*\}"""
)
"""A fence's ``title="..."`` at the start of its meta or after a space (in attributes, after
``{`` or a comma: ``{linenos=true,title="x"}``), or what is passed over to find it: a quoted
text, a ``/regex/``, a ``{...}`` value (Expressive Code's ``mark=/title=".+"/`` marks text in
the code, it names no title). A ``{`` never closed (``={={={``) is passed over alone: one
looked for to the line's end from each took time by the square of the line's length."""
_FENCE_TAB = lazy(r"""^[ \t]*+[`~]++[ \t]*+([\w#.+-]*+)[^\n]*?(?<![\w-])tab=(?:"([^"\n]*)"|'([^'\n]*)')""")
"""A fence's ``tab="..."`` (pymdownx.superfences up to 7.x, Traefik's docs), after its language."""


def fence_titles(text: str, tabs: bool = False, deep: bool = False) -> str:
    """Return ``text`` with each fenced code block's ``title="..."`` (Docusaurus, Starlight,
    Material: a file name shown over the code) as an italic line above the block; with ``tabs``
    (MkDocs), its ``tab="..."`` as a bold line above that (an empty one: the language, as
    SuperFences names the tab), each block apart, where SuperFences groups them in tabs. With
    ``deep`` (MDX), a fence opens at any indentation: a tab's code in a list item is one."""
    lines = text.split("\n")
    out: list[str] = []
    fence = ""
    for line in lines:
        was, fence = fence, fence_after(fence, line, deep)
        tab = _FENCE_TAB.match(line) if tabs and fence and not was else None
        if tab and (label := (tab.group(2) or tab.group(3) or "").strip() or tab.group(1)):
            head = line[: len(line) - len(line.lstrip(" \t"))] + f"**{escape(label)}**"
            out += [*([""] if out and out[-1].strip() else []), head, ""]
        found = (
            next((m for m in _FENCE_TITLE.finditer(line) if m.group(0)[0] == "t"), None)
            if fence and not was
            else None
        )
        if found and (found.group(1) or found.group(2) or "").strip():
            indent = line[: len(line) - len(line.lstrip(" \t"))]
            out += ["", f"{indent}*{escape((found.group(1) or found.group(2)).strip())}*", ""]
        out.append(line)
    return "\n".join(out)


_FENCE_ATTRIBUTES = lazy(r"^([ \t>]*(?:`{3,}|~{3,}))[ \t]*\{[ \t]*\.([\w+#-]+)[^}\n]*\}[ \t]*$")
"""A fence whose info string is an attribute list, its language the first class: ``{ .yaml .no-copy }``."""


def fence_attributes(text: str) -> str:
    """Return ``text`` with each fence's attribute list (pymdownx.superfences, ``{ .yaml .no-copy }``,
    ``{.python title="x"}``) as its language alone: Markdown would take ``{`` for the language.
    At any indentation (inside an admonition or a tab), but not inside code."""
    lines = text.split("\n")
    fence = ""
    for i, line in enumerate(lines):
        bare = line.lstrip(" \t>")
        if fence:
            if bare.startswith(fence) and not bare.strip().strip(fence[0]):
                fence = ""
            continue
        found = _FENCE_ATTRIBUTES.match(line)
        if found is not None:
            lines[i] = found.group(1) + found.group(2)
        opening = FENCE.match(bare)
        fence = opening.group(1) if opening is not None else ""
    return "\n".join(lines)


def put_fences_back(text: str, held: dict[str, str]) -> str:
    """Return ``text`` with the code blocks `hold_fences` held back, each at its token's indentation."""

    def back(match: re.Match[str]) -> str:
        indent = match.group(1)
        bare = indent.rstrip(" \t") if ">" in indent else indent  # "> " before a line, ">" alone
        return "\n".join(indent + line if line else bare for line in held[match.group(2)].split("\n"))

    def inline(match: re.Match[str]) -> str:  # in a table cell, say: its code as a code span
        code = " ".join(line.strip() for line in held[match.group(0)].split("\n")[1:-1] if line.strip())
        code = code.replace("|", "\\|")  # a table's cell ends at a bare |, in a code span too
        ticks = "`" * (max((len(r) for r in re.findall(r"`+", code)), default=0) + 1)
        return f"{ticks} {code} {ticks}" if code else ""

    return _HELD_ANYWHERE.sub(inline, HELD_FENCE.sub(back, text))


def fence_after(fence: str, line: str, deep: bool = False) -> str:
    """Return the code fence open after ``line`` (empty: none), given the one open before it
    (``deep``: one opens at any indentation, as in MDX)."""
    if not fence:
        match = (DEEP_FENCE if deep else FENCE).match(line)
        return match.group(1) if match else ""
    stripped = line.strip()
    return "" if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]) else fence


def escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)


def quote(label: str, inner: str, markdown: bool = False, dedent: bool = True) -> str:
    """Return ``inner`` as a block quote headed by ``label`` in bold (Markdown itself with
    ``markdown``; none when empty), its common indentation taken off unless ``dedent`` is false
    (it is code)."""
    body = (textwrap.dedent(inner) if dedent else inner).strip("\n")
    head = [f"> **{label if markdown else escape(label)}**", ">"] if label else []
    lines = [*head, *(f"> {line}".rstrip() for line in body.splitlines())]
    return "\n\n" + "\n".join(lines) + "\n\n"


_LIST_ITEM = lazy(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t](?![ \t]*[-*_][ \t]*[-*_][ \t]*$)")
"""A list item's opening (not a thematic break: ``* * *``, ``- - -``)."""


def may_indent(lines: list[str], at: int, indent: str) -> bool:
    """Whether an admonition may open at line ``at`` with ``indent``: up to three spaces, or
    inside a list item, less than four columns past where the item's text starts (the item is
    the nearest line above that is one; a line at the left margin that is none ends the search)."""
    width = len(indent.expandtabs(4))
    if width < 4:
        return True
    column = item_column(reversed(lines[max(0, at - _LOOK_BACK) : at]), width)
    return column is not None and width - column < 4


def listed_fence(lines: list[str], at: int) -> str:
    """Return the fence that the line ``at`` opens inside a list item, four columns in or more
    (etcd's ``1. Save this:`` over a fence four spaces in: code, where the rest of the page reads
    its shortcodes), else ""."""
    deep = DEEP_FENCE.match(lines[at])
    if deep is None or FENCE.match(lines[at]):
        return ""
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip(" \t"))]
    return deep.group(1) if may_indent(lines, at, indent) else ""


def item_column(above: Iterable[str], width: int) -> int | None:
    """Return the column where the text of the list item holding a line indented ``width``
    starts, given the lines ``above`` it, nearest first (looked through up to a line at the left
    margin that is no item); None when no list item holds it."""
    for line in above:
        item = _LIST_ITEM.match(line)
        if item is not None:
            start = len(item.group(0).expandtabs(4))
            start += len(line[item.end() :]) - len(line[item.end() :].lstrip(" "))
            if start <= width:
                return start
        elif line.strip() and not line[:1].isspace():
            return None
    return None


def item_stand_in(text: str, end: int) -> str:
    """Return a line standing for the list item that holds what follows ``text[:end]`` (an item
    whose text starts at the same column, then a blank line), or "" when none does: what comes
    after a fenced block inside an item, read apart from the lines above that block, keeps its
    place in the item so (an admonition four spaces in under it is one, not indented code)."""
    above = text[max(0, end - 200 * _LOOK_BACK) : end].split("\n")[-_LOOK_BACK:]
    column = item_column(reversed(above), 1 << 16)
    return " " * (column - 2) + "- \x02\n\n" if column is not None and column >= 2 else ""


class ItemColumns:
    """Where the text of the list item holding each line of a text starts (`item_column`'s answer
    for any line, worked out in one pass: an element on every line of a long indented HTML table
    asked `item_column` of 200 lines each)."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        """Each line's offset in the text."""
        self.open: list[tuple[int, ...]] = []
        """Per line, the text columns of the list items above that may hold it, nearest last; an
        older item whose column is not smaller than a newer one's is never the answer, so it goes."""
        columns: tuple[int, ...] = ()
        offset = 0
        for line in text.split("\n"):
            self.starts.append(offset)
            self.open.append(columns)
            offset += len(line) + 1
            item = _LIST_ITEM.match(line)
            if item is not None:
                rest = line[item.end() :]
                start = len(item.group(0).expandtabs(4)) + len(rest) - len(rest.lstrip(" "))
                columns = (*(c for c in columns if c < start), start)
            elif line.strip() and not line[:1].isspace():
                columns = ()

    def at(self, offset: int, width: int) -> int | None:
        """Return the text column of the list item holding the line starting at ``offset`` and
        indented ``width`` columns, or None when no list item holds it."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return next((c for c in reversed(self.open[line]) if c <= width), None)


_LOOK_BACK = 200
"""Lines looked back through for the list item an indented admonition may belong to."""


def indented(text: str, indent: str) -> str:
    """Return ``text`` with ``indent`` before each line that has text (a quote inside a list item)."""
    return "\n".join(indent + line if line else line for line in text.split("\n")) if indent else text


def outdented(block: str, indent: str) -> str:
    """Return ``block`` with up to the width of ``indent`` taken off the front of each line (tabs
    there as four columns; tabs further on are the code's own)."""
    width = len(indent.expandtabs(4))
    if not width:
        return block
    lines = []
    for line in block.split("\n"):
        lead = len(line) - len(line.lstrip(" \t"))
        head = line[:lead].expandtabs(4)
        lines.append(head[min(width, len(head)) :] + line[lead:])
    return "\n".join(lines)


_TASK = lazy(r"^([ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+)\[([ xX])\](?=[ \t])", re.M)
TASK_LISTS = frozenset({"hugo", "jekyll", "docusaurus", "astro", "gatsby"})
"""Generators whose Markdown makes ``- [ ] x`` and ``- [x] x`` boxes (GFM's task lists, on by
default in goldmark, kramdown's GFM input, which is Jekyll's, and remark-gfm; not in the MDX 2
of Gatsby's MDX plugin)."""


def task_items(text: str) -> str:
    """Return ``text`` with each task list item's box as the page shows it, ☐ or ☑ (as text, so
    that both Markdown renderers give the same page)."""
    return _TASK.sub(lambda m: m.group(1) + ("\u2611" if m.group(2) in "xX" else "\u2610"), text)


def lines_above(text: str, at: int, count: int = 200) -> str:
    """Return the last ``count`` lines of ``text[:at]``: as far up as `may_indent` looks."""
    start = at
    for _ in range(count + 1):
        if (start := text.rfind("\n", 0, start)) < 0:
            return text[:at]
    return text[start + 1 : at]


def split_fences(text: str, deep: bool = False) -> list[tuple[str, bool]]:
    """Split a body into (chunk, is fenced code) runs of whole lines (``deep``: see `fence_after`)."""
    if "```" not in text and "~~~" not in text:
        return [(text, False)]
    runs: list[tuple[str, bool]] = []
    current: list[str] = []
    fence = ""
    lines = text.splitlines(keepends=True)
    for at, line in enumerate(lines):
        was, fence = (
            fence,
            fence_after(fence, line, deep) or ("" if fence or deep else listed_fence(lines, at)),
        )
        if fence and not was:
            runs.append(("".join(current), False))
            current = [line]
        elif was and not fence:
            current.append(line)
            runs.append(("".join(current), True))
            current = []
        else:
            current.append(line)
    runs.append(("".join(current), bool(fence)))
    return [r for r in runs if r[0]]
