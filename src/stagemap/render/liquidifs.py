"""Liquid's (and Nunjucks') conditions in a body, decided where everything they ask is known.

Jekyll and Eleventy run ``{% if %}`` / ``{% elsif %}`` / ``{% else %}``, ``{% unless %}`` and
``{% case %}{% when %}`` before Markdown, and the live page shows one branch. Where each value a
condition reads is known here (the page's own front matter: ``page.x`` on Jekyll, the bare ``x``
on Eleventy; the site's configuration as stagemap reads it: ``site.x``; literals: texts, numbers,
``true``, ``false``, ``nil``, ``empty``, ``blank``), `chosen_branches` keeps the branch that
applies and drops the rest, tags and all. Where one is not (a variable a layout, an include or a
loop gives, one the page assigns; a key the page lacks on Jekyll, where a plugin may set it, and
Jekyll's own page keys; one ``eleventyComputed`` sets; the title stagemap gave the page), the
block is left as written: `stagemap.render.liquid` drops its tags and every branch shows. When in
doubt a value is not known: a wrong guess loses text the live page shows.

Liquid reads ``and`` and ``or`` from the right, without precedence (``a and b or c`` is ``a and
(b or c)``), and only ``false`` and ``nil`` are false; Nunjucks (the page's `ENGINE`) reads them
as JavaScript does (``and`` first; ``""`` and ``0`` false, ``not``; no ``.size``). Eleventy's
Liquid may count values as JavaScript does, so there a value or a grouping the two read
differently is not known. Tags in raw and verbatim blocks and Nunjucks comments are not read. A side known
to decide an ``and`` or ``or`` decides it whatever the other holds. Whitespace control
(``{%- ... -%}``) trims the text beside a tag as Liquid does. Each tag is read once; blocks deeper
than `MOST_NESTED` are left as written: linear however many are nested or left open.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..lazyre import lazy
from ..read.liquidspans import raw_spans
from ..read.mkdocsmacros import JINJA, PAGE_META
from ..read.ownblocks import NUNJUCKS_COMMENT, quiet_spans
from ..read.templateengines import COMMENTED, ENGINE, NUNJUCKS
from .liquid import TEXT_VALUES
from .liquidvalues import BLANK, EMPTY, UNKNOWN, compare
from .liveparts import JEKYLL_PAGE
from .shortcodes import SITE_PARAMS

MOST_NESTED = 16
"""How deep blocks inside blocks are decided (deeper ones keep every branch)."""
_BRANCHING = lazy(
    r"\{%(-?)\s*(if|elsif|elif|elseif|else|unless|case|when|endif|endunless|endcase"
    r"|for|endfor|tablerow|endtablerow)(?![\w-])((?:[^%]|%(?!\})){0,500}?)(-?)%\}"
)
"""A tag that opens, parts or closes a block with branches (a loop's ``{% else %}`` is its own)."""
_OPENS = {"if": "if", "unless": "if", "case": "case", "for": "for", "tablerow": "tablerow"}
_CLOSES = {"endif": "if", "endunless": "if", "endcase": "case", "endfor": "for", "endtablerow": "tablerow"}
_PARTS = frozenset({"elsif", "elif", "elseif", "else", "when"})
_TOKEN = lazy(
    r"""\s*(?:(["'])([^"']*)\1|(===|!==|==|!=|<>|<=|>=|<|>)|(-?\d+(?:\.\d+)?)(?![\w.])"""
    r"|([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)|(\S))"
)
"""One piece of a condition: a quoted text, an operator, a number, a name (``page.tags.size``),
anything else (which leaves the condition unknown)."""
_SHADOWING = lazy(r"\{%-?\s*(?:assign|set|capture|for|tablerow)\s+([A-Za-z_][\w-]*)")
"""A variable the page gives a value of its own (or a loop's): a name it reads is not the front matter's."""
_INCLUDE = lazy(r"\{%-?\s*include\b")
"""An include: on Eleventy's Liquid it shares the page's names, and may assign any of them."""
OWN_TITLE = "\0own title"
"""A key in a page's params saying its ``title`` is stagemap's own (its first heading or its file
name, for outputs only), which no condition reads: the live page may have none."""
_LITERALS = {"true": True, "false": False, "nil": None, "null": None}
_PLAIN = (str, int, float, bool, type(None), list, dict)


@dataclass
class _Block:
    """An open block: its kind, the tags that start its branches, the decided blocks inside it."""

    kind: str
    tags: list[re.Match[str]]
    decided: list[_Edit] = field(default_factory=list)
    opaque: bool = False


@dataclass
class _Edit:
    """A decided block: the span it takes (its whitespace control's included), what of it shows."""

    start: int
    end: int
    first: int
    last: int
    shown: list[tuple[int, int]]
    inner: list[_Edit]


class _Reader:
    """How one page's conditions read their values: its front matter, the site's, the engine."""

    def __init__(self, text: str, params: Mapping[str, Any], bare: bool) -> None:
        self.params, self.bare = params, bare
        self.shadowed = {found.group(1) for found in _SHADOWING.finditer(text)} if "{%" in text else set()
        computed = params.get("eleventyComputed") if bare else None  # (it outranks the front matter)
        self.changed = set(computed) if isinstance(computed, Mapping) else set()
        if OWN_TITLE in params:
            self.changed.add("title")
        engine = params.get(ENGINE, NUNJUCKS if params.get(TEXT_VALUES) == ".njk" else None)
        self.mode = ("js" if engine in COMMENTED else "either") if bare else "liquid"
        self.python = engine == JINJA  # (MkDocs' macros plugin: an empty list or mapping is false)
        self.included = bare and not self.python and bool(_INCLUDE.search(text))  # (Jinja's sets no name)

    def value(self, name: str) -> Any:
        """Return the value a name (``page.audience``, ``site.lang``, ``tags.size``) has, or `UNKNOWN`."""
        keys = name.split(".")
        size = keys[-1] == "size" and len(keys) > 1
        keys = keys[:-1] if size else keys
        if keys[0] in self.shadowed or (size and self.mode == "js") or (self.mode == "js" and "-" in name):
            return UNKNOWN  # (Nunjucks has no .size, and reads ``show-toc`` as a subtraction)
        where: Any = self.params
        if self.python and keys[:2] == ["page", "meta"] and len(keys) > 2:
            where, keys = self.params.get(PAGE_META, {}), keys[2:]  # (the macros plugin's: the front matter)
            if isinstance(where, Mapping) and keys[0] not in where and not size:
                return None  # (all of it is known: a key it lacks is undefined, false)
        if self.bare:  # (Eleventy's data cascade may give what the front matter lacks)
            where = None if self.included else where
        elif keys[0] == "page" and len(keys) > 1 and keys[1] not in JEKYLL_PAGE:
            keys = keys[1:]  # (a key the page lacks is not known: a plugin may give it)
        elif keys[0] == "site" and len(keys) > 1:
            where, keys = self.params.get(SITE_PARAMS), keys[1:]
        else:  # (Jekyll's own page keys too: it adds a post's folders to its categories)
            return UNKNOWN
        if where is self.params and keys[0] in self.changed:
            return UNKNOWN
        for key in keys:
            if not isinstance(where, Mapping) or key not in where:
                return UNKNOWN
            where = where.get(key)
        if not isinstance(where, _PLAIN):
            return UNKNOWN
        if size:  # (Eleventy's data cascade adds a layout's and a folder's lists to the page's)
            merged = self.bare and isinstance(where, list | dict)
            return len(where) if isinstance(where, str | list | dict) and not merged else UNKNOWN
        return where

    def truth(self, value: Any) -> bool | None:
        """Whether a value counts as true in a condition, None when not known."""
        if value is UNKNOWN or value is EMPTY or value is BLANK:
            return None
        liquid = value is not None and value is not False
        js = bool(value) if isinstance(value, str | int | float | bool | type(None)) or self.python else True
        if self.mode == "either":
            return liquid if liquid == js else None
        return js if self.mode == "js" else liquid


def chosen_branches(text: str, params: Mapping[str, Any], bare: bool = False) -> str:
    """Return ``text`` with each condition that can be decided here showing its branch alone
    (see the module's docstring); not in ``{% raw %}``, ``{% verbatim %}`` or, on a Nunjucks
    page, a ``{# #}`` comment. ``bare``: Eleventy's names."""
    if "{%" not in text:
        return text
    spans = sorted([*raw_spans(text), *quiet_spans(text)])
    if params.get(ENGINE) in COMMENTED and "{#" in text:
        spans = _with_comments(text, spans)
    pieces, at = [], 0
    for start, end in spans:  # (a tag in them is text: never read, its place kept)
        if end > max(start, at):
            pieces += [text[at : max(start, at)], "\0" * (end - max(start, at))]
            at = end
    return _decided("".join([*pieces, text[at:]]), _Reader(text, params, bare), text)


def _with_comments(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return ``spans`` (in order) with the Nunjucks comments outside them, in order."""
    found, at, i, end = list(spans), 0, 0, NUNJUCKS_COMMENT.end(text)
    while (comment := NUNJUCKS_COMMENT.search(text, at, end)) is not None:
        while i < len(spans) and spans[i][1] <= comment.start():
            i += 1
        if i < len(spans) and spans[i][0] <= comment.start():  # (in a raw block: text)
            at = spans[i][1]
            continue
        found.append(comment.span())
        at = comment.end()
    return sorted(found)


def _decided(text: str, reader: _Reader, shown: str) -> str:
    """Return ``shown`` with its decidable blocks shown as they decide, read in ``text``: the
    same with its quiet spans masked."""
    if "{%" not in text:
        return shown
    stack = [_Block("", [])]  # (at the bottom: the text itself, never closed)
    counts = dict.fromkeys(("if", "case", "for", "tablerow"), 0)
    for tag in _BRANCHING.finditer(text):
        name = tag.group(2)
        if name in _OPENS:
            stack.append(_Block(_OPENS[name], [tag], opaque=len(stack) > MOST_NESTED))
            counts[stack[-1].kind] += 1
        elif name in _PARTS:
            if len(stack) > 1 and (name == "else" or (name == "when") == (stack[-1].kind == "case")):
                stack[-1].tags.append(tag)
        elif counts[_CLOSES[name]]:
            while stack[-1].kind != _CLOSES[name]:  # blocks left open inside: decided nowhere
                _close(stack, counts, None, reader)
            _close(stack, counts, tag, reader)
    while len(stack) > 1:
        _close(stack, counts, None, reader)
    return _apply(shown, 0, len(shown), stack[0].decided) if stack[0].decided else shown


def _close(
    stack: list[_Block], counts: dict[str, int], closing: re.Match[str] | None, reader: _Reader
) -> None:
    """Pop the innermost block: decided where ``closing`` ends it and its conditions are known."""
    block = stack.pop()
    counts[block.kind] -= 1
    chosen = None if closing is None or block.opaque else _chosen(block, reader)
    if chosen is None or closing is None:
        stack[-1].decided.extend(block.decided)  # (its tags stay; what is decided inside shows)
        return
    ends = [*block.tags[1:], closing]
    shown = [_trimmed(block.tags[i], ends[i]) for i in chosen]
    opening, text = block.tags[0], closing.string
    start = len(text[: opening.start()].rstrip()) if opening.group(1) else opening.start()
    end = len(text) - len(text[closing.end() :].lstrip()) if closing.group(4) else closing.end()
    inner = [edit for edit in block.decided if any(s <= edit.first and edit.last <= e for s, e in shown)]
    stack[-1].decided.append(_Edit(start, end, opening.start(), closing.end(), shown, inner))


def _trimmed(tag: re.Match[str], following: re.Match[str]) -> tuple[int, int]:
    """Return the span of the branch ``tag`` starts, up to ``following``, trimmed as their dashes say."""
    text, start, end = tag.string, tag.end(), following.start()
    if tag.group(4):
        start = end - len(text[start:end].lstrip())
    if following.group(1):
        end = start + len(text[start:end].rstrip())
    return start, end


def _apply(text: str, start: int, end: int, edits: list[_Edit]) -> str:
    """Return ``text[start:end]`` with each decided block in it as the branches it shows."""
    pieces, at = [], start
    for edit in edits:
        if edit.first < start or edit.last > end:
            continue
        pieces.append(text[at : max(edit.start, at)])
        pieces += [_apply(text, s, e, edit.inner) for s, e in edit.shown]
        at = max(at, min(edit.end, end))
    return "".join(pieces) + text[at:end]


def _chosen(block: _Block, reader: _Reader) -> list[int] | None:
    """Return which of a closed block's branches show (by their tags' order), None when not known."""
    if block.kind == "case":
        return _chosen_when(block, reader)
    if block.kind != "if":
        return None
    for i, tag in enumerate(block.tags):
        if tag.group(2) == "else":
            return [i]
        truth = _condition(tag.group(3), reader)
        if truth is None:
            return None
        if truth != (i == 0 and tag.group(2) == "unless"):
            return [i]
    return []


def _chosen_when(block: _Block, reader: _Reader) -> list[int] | None:
    """Return which ``when`` branches of a ``case`` show: on Jekyll each that matches (Liquid
    shows them all), else the ``else``; on Eleventy one, unknown where several match."""
    subject = _operand(_tokens(block.tags[0].group(3)), reader)
    if subject is UNKNOWN:
        return None
    matched: list[int] = []
    for i, tag in enumerate(block.tags[1:], 1):
        if tag.group(2) == "else":
            return matched or [i]
        for option in _OPTIONS.split(tag.group(3)):
            same = compare(subject, "==", _operand(_tokens(option), reader), reader.mode)
            if same is None:
                return None
            if same:
                matched.append(i)
                break
    return None if reader.bare and len(matched) > 1 else matched


_OPTIONS = lazy(r"""\s*,\s*|\s+or\s+(?=(?:[^"']*["'][^"']*["'])*[^"']*$)""")
"""What parts a ``when``'s values: a comma, or ``or`` outside quotes."""


def _tokens(expression: str) -> list[tuple[str, Any]]:
    """Return a condition's pieces: ("value", a literal), ("name", a name), ("op", an operator)
    or ("word", and / or / not / contains); ("bad", ...) for anything not read here."""
    found = []
    for piece in _TOKEN.finditer(expression):
        quoted, op, number, name, other = piece.group(2, 3, 4, 5, 6)
        if quoted is not None:
            found.append(("value", quoted))
        elif op is not None:
            found.append(("op", op))
        elif number is not None:
            found.append(("value", float(number) if "." in number else int(number)))
        elif name in ("and", "or", "not", "contains"):
            found.append(("word", name))
        elif name is not None:
            found.append(("name", name))
        elif other is not None:
            found.append(("bad", other))
    return found


def _condition(expression: str, reader: _Reader) -> bool | None:
    """Return whether a condition holds, None when that is not known here."""
    tokens = _tokens(expression)
    if not tokens or len(tokens) > 60:
        return None
    parts: list[list[tuple[str, Any]]] = [[]]
    joins: list[str] = []
    for token in tokens:
        if token[0] == "word" and token[1] in ("and", "or"):
            parts.append([])
            joins.append(token[1])
        else:
            parts[-1].append(token)
    truths = [_comparison(part, reader) for part in parts]
    if reader.mode == "liquid":
        return _from_the_right(joins, truths)
    ors, run = [], truths[0]  # JavaScript: ``and`` before ``or``
    for join, truth in zip(joins, truths[1:], strict=True):
        if join == "and":
            run = _both(run, truth)
        else:
            ors.append(run)
            run = truth
    js = _either_of([*ors, run])
    if reader.mode == "js":
        return js
    return js if js == _from_the_right(joins, truths) else None  # (either engine: both must agree)


def _from_the_right(joins: list[str], truths: list[bool | None]) -> bool | None:
    """Return what Liquid makes of the sides of an ``and``/``or``: it reads them from the right."""
    result = truths[-1]
    for join, truth in zip(reversed(joins), reversed(truths[:-1]), strict=True):
        result = _both(truth, result) if join == "and" else _either_of([truth, result])
    return result


def _both(left: bool | None, right: bool | None) -> bool | None:
    if left is False or right is False:
        return False
    return None if left is None or right is None else True


def _either_of(truths: list[bool | None]) -> bool | None:
    if any(truth is True for truth in truths):
        return True
    return None if any(truth is None for truth in truths) else False


def _comparison(tokens: list[tuple[str, Any]], reader: _Reader) -> bool | None:
    """Return whether one side of an ``and``/``or`` holds: a value's truth, or a comparison."""
    negated = bool(tokens) and tokens[0] == ("word", "not") and reader.mode != "liquid"
    if negated and reader.mode == "either":
        return None  # (Liquid reads no ``not``)
    tokens = tokens[1:] if negated else tokens
    ops = [i for i, token in enumerate(tokens) if token[0] == "op" or token == ("word", "contains")]
    if len(ops) > 1 or not tokens or (ops and ops[0] in (0, len(tokens) - 1)):
        return None
    if ops:
        at = ops[0]
        left, right = _operand(tokens[:at], reader), _operand(tokens[at + 1 :], reader)
        truth = compare(left, str(tokens[at][1]), right, reader.mode)
    else:
        truth = reader.truth(_operand(tokens, reader))
    return truth if truth is None or not negated else not truth


def _operand(tokens: list[tuple[str, Any]], reader: _Reader) -> Any:
    """Return the value one token names, `UNKNOWN` for anything else."""
    if len(tokens) != 1:
        return UNKNOWN
    kind, value = tokens[0]
    if kind == "value":
        return value
    if kind != "name":
        return UNKNOWN
    if value in ("empty", "blank"):  # (Liquid's; a name like any other to Nunjucks)
        return (EMPTY if value == "empty" else BLANK) if reader.mode == "liquid" else UNKNOWN
    if value in _LITERALS or (value == "none" and reader.mode == "js"):
        return _LITERALS.get(value)
    return reader.value(value)
