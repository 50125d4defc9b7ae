"""MkDocs' generic blocks (the ``pymdownx.blocks`` extensions), turned into Markdown.

A block opens with a line of three or more slashes, its name and, after ``|``, its argument
(``/// note | Technical details``); lines indented four spaces right under it are its options
in YAML (``    type: warning``); it closes at a line of as many slashes alone (``///``). What
it holds is Markdown that is not indented, so a block of code may sit in it, and blocks nest:
an outer one usually has more slashes (``//// tab | Python`` around ``/// tip``), one with as
many is closed first. A block never closed runs to the end of the page, as the extension
reads it. In a block of code, a line of slashes is code.

On the page here, as the live page shows them:

- ``admonition`` (its kind in the ``type`` option), ``details`` and any other name (``note``,
  ``tip``, ``warning``, a site's own kinds): a block quote headed by the argument in bold, or,
  without one, by the kind (``details``: "Details");
- ``tab``: its argument in bold, then what it holds, as for MkDocs' ``=== "Title"`` tabs;
- ``html``, ``caption``, ``figure-caption``, ``table-caption``, ``define`` and
  ``definition``: what it holds, as it stands (their tags and their place are the theme's).

Used by `stagemap.render.dialects` for ``generator: mkdocs`` alone.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable

from .blocks import fence_after, indented, may_indent, quote

_OPEN = re.compile(
    r"^(?P<indent>[ \t]*)(?P<slashes>/{3,})[ \t]*(?P<name>[A-Za-z][\w-]*)[ \t]*(?:\|[ \t]*(?P<title>.*?))?[ \t]*$"
)
_CLOSE = re.compile(r"^[ \t]*(/{3,})[ \t]*$")
_OPTION = re.compile(r"^ {4}([\w-]+)[ \t]*:[ \t]*(.*?)[ \t]*$")
_STRONG = re.compile(r"\*\*|__")
_AS_WRITTEN = frozenset({"html", "caption", "figure-caption", "table-caption", "define", "definition"})
"""Blocks whose content is shown as it stands."""


def hold_slash_blocks(text: str, clean_inner: Callable[[str], str], held: dict[str, str]) -> str:
    """Replace each outermost block by a token line; ``held`` maps the token to its Markdown.

    What a block holds is cleaned on its own (``clean_inner``: its code kept as code, its own
    blocks turned the same way), so that the blocks of code in it cannot split it.
    """
    lines = text.split("\n")
    out: list[str] = []
    fence, i = "", 0
    while i < len(lines):
        line = lines[i]
        was, fence = fence, fence_after(fence, line)
        opener = None if was or fence else _OPEN.match(line)
        if opener is None or not may_indent(lines, i, opener.group("indent")):
            out.append(line)
            i += 1
            continue
        end = _end(lines, i, len(opener.group("slashes")))
        options, start = _options(lines, i + 1, end)
        inner = clean_inner(textwrap.dedent("\n".join(lines[start:end])))
        token = f"\ue000{len(held)}\ue000"
        held[token] = indented(_shown(opener, options, inner).strip("\n"), opener.group("indent"))
        out += ["", token, ""]
        i = end + 1
    return "\n".join(out)


def _end(lines: list[str], start: int, slashes: int) -> int:
    """Return the index of the line closing the block opened at ``start`` (past the end: none)."""
    fence, depth = "", 0
    for j in range(start + 1, len(lines)):
        was, fence = fence, fence_after(fence, lines[j])
        if was or fence:
            continue
        closing = _CLOSE.match(lines[j])
        if closing and len(closing.group(1)) == slashes:
            if not depth:
                return j
            depth -= 1
        else:
            opening = _OPEN.match(lines[j])
            depth += bool(opening and len(opening.group("slashes")) == slashes)
    return len(lines)


def _options(lines: list[str], start: int, end: int) -> tuple[dict[str, str], int]:
    """Return the options right under a block's opening line, and the index of its first line of content."""
    options: dict[str, str] = {}
    while start < end:
        option = _OPTION.match(lines[start])
        if option is None:
            break
        options[option.group(1).lower()] = option.group(2).strip("'\"")
        start += 1
    return options, start


def _shown(opener: re.Match[str], options: dict[str, str], inner: str) -> str:
    name = opener.group("name").lower()
    title = _STRONG.sub("", opener.group("title") or "").strip()  # the whole label is bold
    body = inner.strip("\n")
    if name in _AS_WRITTEN:
        return f"\n\n{body}\n\n"
    if name == "tab":
        return f"\n\n**{title or 'Tab'}**\n\n{body}\n\n"
    if name == "admonition":
        name = options.get("type", "") or "note"
    return quote(title or name.replace("-", " ").capitalize(), body, markdown=True)
