"""Jekyll's Liquid and kramdown's extensions in a body, as the live page shows them (see `stagemap.render.dialects`).

Liquid runs before Markdown: ``{% raw %}`` shows what it holds as written, ``{% highlight %}``
is code, ``{% link %}`` a link target, ``{% include %}`` text only the site has (a placeholder,
in the sentence when it stands in one). An output (``{{ ... }}``) is a placeholder, but for what
can be known here: a path through ``relative_url`` or ``absolute_url``, the site's own address
(``site.baseurl``: links are read from the site root), a value of the page's own front matter
(``page.title``), of the site's configuration or data files (``site.data.notes.support``), a
quoted text (``{{ "{{" }}``). In a link target, an output that cannot be known leaves the link's text alone.
kramdown's attribute lists (``{:target="_blank"}``), extensions (``{::comment}``,
``{::options /}``) and its table of contents marker (``* TOC`` over ``{:toc}``) never show.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..lazyre import lazy
from ..read.eleventyprefix import URL_PREFIX
from ..read.liquidlinks import PATH_FILTER, SITE_ADDRESS, filtered_path, tag_address
from ..read.liquidspans import comment_spans, raw_parts, raw_spans
from ..read.mkdocsmacros import JINJA, PAGE_META, PAGE_TITLE
from ..read.ownblocks import NUNJUCKS_COMMENT
from ..read.pairs import paired
from ..read.templateengines import COMMENTED, ENGINE, LIQUID
from .blocks import escape
from .elements import placeholder
from .liquidloops import BUDGET, LoopBudget, known_loop
from .liquidvars import RAW_TAGS, hidden_blocks, shown_captures, without
from .refdefs import worked_definitions
from .shortcodes import SITE_PARAMS

"""Text Liquid leaves alone, with its tags: the page shows it as written, tags and all."""
_HIGHLIGHT = lazy(
    r"^[ \t]*\{%-?\s*highlight\s+([\w+#.-]+)[^%\n]*%\}[ \t]*\n(.*?)\n?[ \t]*\{%-?\s*endhighlight\s*-?%\}[ \t]*$",
    re.S | re.M,
)
"""Jekyll's ``{% highlight ruby %}`` block: code, as a fenced block would show it."""
_LOOP_OPENING = lazy(r"\{%-?\s*(for|tablerow)\b[^%]{0,1000}%\}")
_LOOP_CLOSING = {kind: re.compile(rf"\{{%-?\s*end{kind}\s*-?%\}}") for kind in ("for", "tablerow")}
_TAG = lazy(r"\{%-?\s*(\w+)\s*(.{0,500}?)\s*-?%\}", re.S)
_OUT = lazy(r"\{\{-?\s*(.{0,500}?)\s*-?\}\}", re.S)
"""(A tag or an output runs to its end within 500 characters: thousands left open are read in bounded time.)"""
_OUT_QUOTED = lazy(r"""\{\{-?\s*((?:[^"'}]|"[^"\n]{0,500}"|'[^'\n]{0,500}'|\}(?!\})){0,500}?)\s*-?\}\}""")
"""An output as Nunjucks' and Jinja2's lexers read it: a quoted text in it may hold ``}}``
(``{{ "{{ 2 + 2 }}" }}`` shows ``{{ 2 + 2 }}``); Liquid's ends at the first ``}}``."""
_LINK_TARGET = lazy(
    r"(!?\[(?:[^\[\]\n]|\n(?!\n)|\[[^\[\]\n]*\])*+\])\(((?:[^()\s{]|\{(?!\{)|\{\{[^}]*\}\})++)\)"
)
"""A Markdown link or image, whose target may hold a Liquid output: ``[Setup]({{ '/setup/' | relative_url }})``."""
_ATTRIBUTE_VALUE = lazy(
    r"""(\b(?:href|src)\s*=\s*)(["'])((?:(?!\2)[^\n{]){0,500}\{\{[^\n}]{0,500}\}\}(?:(?!\2)[^\n]){0,500})\2"""
)
"""An ``href`` or ``src`` whose value holds an output, quotes of the other kind in it too:
``href="{{ '/notes/' | url }}"``."""
_KRAMDOWN = lazy(
    r"\{::comment\}.*?\{:/comment\}|\{::comment\s*/\}|\{::options\b[^}]*/\}|\{::nomarkdown\}|\{:/nomarkdown\}"
    r"|^[ \t]*[*-][ \t]+TOC[ \t]*\n[ \t]*\{:[ \t]*toc[ \t]*\}[ \t]*$"
    r"|(?<=\))\{:[^{}\n]*\}|^[ \t]*\{:(?![:/])[^{}\n]*\}[ \t]*(?:\n|$)",
    re.S | re.M,
)
"""kramdown's own syntax, none of which the live page shows as text: comments, options, the table
of contents marker (``* TOC`` then ``{:toc}``), an attribute list after a link or on a line of its
own, whatever its values hold (``{: data-file="config/boxes.yml"}`` under a fence: kramdown reads
a list up to its closing brace)."""


def highlights(text: str) -> str:
    """Return ``text`` with its ``{% highlight %}`` blocks as fenced code, but one opening inside
    ``{% raw %}`` (an example of the tag); a raw block inside one stays in its code."""
    spans = raw_spans(text)
    return _HIGHLIGHT.sub(
        lambda m: m.group(0) if any(s <= m.start() < e for s, e in spans) else _fenced(m), text
    )


def liquid(text: str, params: Mapping[str, Any], bare: bool = False, engine: str = LIQUID) -> str:
    """Return prose (no code in it) with Liquid as the live page shows it, and kramdown's extensions gone.

    ``bare``: the page's data is named as it is (Eleventy's ``{{ title }}``), not under
    ``page.`` (Jekyll's ``{{ page.title }}``, which on Eleventy is the page's address and file);
    ``engine``: the one that runs over the page (`stagemap.read.templateengines.page_engine`):
    only Nunjucks has ``{# #}`` comments; none, only kramdown's are gone."""
    if "{:" in text and engine != JINJA:  # (MkDocs' attribute lists are read as its own)
        text = _KRAMDOWN.sub("", text)
    nunjucks = engine in COMMENTED  # (Jinja2's comments too: MkDocs' macros plugin)
    if not engine or ("{%" not in text and "{{" not in text and not (nunjucks and "{#" in text)):
        return text
    parts = raw_parts(text)  # a raw block shows what it holds as written
    return "".join(
        RAW_TAGS.sub("", part) if i % 2 else _outside_raw(part, params, bare, nunjucks)
        for i, part in enumerate(parts)
    )


def without_liquid_comments(text: str) -> str:
    """Return a body without its Liquid comments, whatever they hold, read over the whole of it
    before its code is split out: a fenced block in one shows nothing (Liquid runs before
    Markdown). Not in ``{% raw %}``, whose text shows as written, tags and all; a raw block in a
    comment keeps its tags to itself (an ``{% endcomment %}`` there ends nothing), as Liquid
    reads it."""
    comments = comment_spans(text)
    return without(text, comments) if comments else text


def whole_captures(text: str, marked: bool = False) -> str:
    """Return a body with its captures shown where outputs name them (`shown_captures`, with
    ``marked`` for Jekyll), read over the whole of it before its code is split out, as a capture
    may hold a fenced block; not in ``{% raw %}``."""
    if "capture" not in text:
        return text
    return "".join(part if i % 2 else shown_captures(part, marked) for i, part in enumerate(raw_parts(text)))


def jekyll_code(code: str, params: Mapping[str, Any] | None = None, bare: bool = False) -> str:
    """Return code as Jekyll (and Eleventy) shows it: Liquid is read in code too, so an output of
    a value the page or the site gives (``{{ site.version }}``, ``{{ page.mirror }}``; with
    ``bare``, Eleventy's ``{{ mirror }}``) is that value, other outputs stay as written (the page
    would show what only the site knows), and ``{% raw %}`` blocks show what they hold."""
    if params is not None and "{{" in code:
        parts = raw_parts(code)
        code = "".join(
            part if i % 2 else _OUT.sub(lambda m: _known(m, params, bare), part)
            for i, part in enumerate(parts)
        )
    return RAW_TAGS.sub("", code) if "raw" in code else code


def _known(output: re.Match[str], params: Mapping[str, Any], bare: bool) -> str:
    """Return what an output in code shows: the value it names where known, else as written."""
    found = _page_value(" ".join(output.group(1).split()), params, bare)
    return found if found is not None else output.group(0)


def _outside_raw(text: str, params: Mapping[str, Any], bare: bool, nunjucks: bool) -> str:
    if "capture" in text:
        text = shown_captures(text)
    if nunjucks and "{#" in text:
        text = NUNJUCKS_COMMENT.sub("", text)
    if "comment" in text or "capture" in text or "endcss" in text or "endjs" in text or "endmacro" in text:
        text = without(text, hidden_blocks(text))
    looped = _LOOP_NAME.findall(text) if "for" in text else []
    held: list[str] = []  # (loops shown, each worked out once: `_loops`)
    mark = _held_mark(text) if "{%" in text and params.get(ENGINE) == JINJA else ""
    if "{%" in text:
        text = _loops(text, params, bare, nunjucks, held, mark)
    if "set" in text or "assign" in text:  # (over what an outer text's sets give a loop's body)
        assigned = {**params.get(_ASSIGNED_KEY, {}), **_assigned(text, looped)}
        params = {**params, _ASSIGNED_KEY: assigned} if assigned else params
    if "#" in text:
        text = _INLINE_COMMENT.sub("", text)
    text = _TAG.sub(_tag, text)
    if "](" in text:
        text = _LINK_TARGET.sub(lambda m: _link(m, params, bare), text)
    if "]:" in text:
        text = worked_definitions(text, _IN_TARGET, lambda target: _target(target, params, bare))
    if "=" in text:
        text = _ATTRIBUTE_VALUE.sub(
            lambda m: m.group(1) + m.group(2) + _target(m.group(3), params, bare) + m.group(2), text
        )
    text = (_OUT_QUOTED if nunjucks else _OUT).sub(lambda m: _output(m, params, bare), text)
    if not held:
        return text
    return _HELD.sub(lambda m: _held(m, mark, held), text)


def _loops(
    text: str, params: Mapping[str, Any], bare: bool, nunjucks: bool, held: list[str], mark: str
) -> str:
    """Return ``text`` with each outermost loop as the page shows it: where MkDocs' macros plugin
    runs, one over a list known here (`known_loop`), held back in ``held`` under a mark no text
    of the page's holds (`_held_mark`), trimmed beside as its dashes say; any other a
    placeholder."""
    pieces, at, jinja = [], 0, params.get(ENGINE) == JINJA
    if jinja and not isinstance(params.get(BUDGET), LoopBudget):  # (one for the text, nested loops too)
        params = {**params, BUDGET: LoopBudget.of(text)}
    pairs = list(paired(text, _LOOP_OPENING, _LOOP_CLOSING))
    if jinja and pairs and ("set" in text or "assign" in text):  # (a text set outside the loops, in them)
        outside = without(text, [(opening.start(), closing.end()) for opening, closing in pairs])
        looped = set(_LOOP_NAME.findall(text))
        given = {k: v for k, v in _assigned(outside, []).items() if k not in looped}
        params = {**params, _ASSIGNED_KEY: {**params.get(_ASSIGNED_KEY, {}), **given}} if given else params
    for opening, closing in pairs:
        inner = text[opening.end() : closing.start()]
        inner = inner.rstrip() if closing.group(0).startswith("{%-") else inner
        made = (
            known_loop(opening, inner, params, lambda t, p: _outside_raw(t, p, bare, nunjucks))
            if jinja
            else None
        )
        if made is None:
            pieces += [
                text[at : opening.start()],
                "\n\n" + placeholder("A list from the site's data") + "\n\n",
            ]
        else:
            before = text[at : opening.start()]
            before = before.rstrip() if opening.group(0).startswith("{%-") else before
            pieces += [before, f"\0loop{mark}:{len(held)}\0"]
            held.append(made)
        at = closing.end()
        if made is not None and closing.group(0).endswith("-%}"):
            at = len(text) - len(text[at:].lstrip())
    return "".join(pieces) + text[at:]


def _held(found: re.Match[str], mark: str, held: list[str]) -> str:
    """Return what a mark `_loops` left stands for: the loop's output; another, as written."""
    number = int(found.group(2))
    return held[number] if found.group(1) == mark and number < len(held) else found.group()


def _held_mark(text: str) -> str:
    """Return the number in the mark a loop's output is held under in ``text`` (`_loops`): one
    no mark-like text in it has (values shown in it have no NUL: `_page_value`)."""
    taken = {found.group(1) for found in _HELD.finditer(text)}
    n = 0
    while str(n) in taken:
        n += 1
    return str(n)


_HELD = lazy(r"\0loop(\d{1,12}):(\d{1,12})\0")
"""Where `_loops` holds a loop's output: the text's mark (`_held_mark`), the loop's number."""


def _assigned(text: str, looped: list[str]) -> dict[str, str | None]:
    """Return the variables the page sets (Nunjucks' ``set``, Liquid's ``assign``), by name:
    the text it gives one, or None where that is not known here: one given two texts shows the
    one set last before each output, one given a value through filters (``label | append: "
    cups"``) or looped over what only the site has."""
    given: dict[str, set[str | None]] = {name: {None} for name in looped}
    for found in _ASSIGNING.finditer(text):
        literal = _LITERAL.fullmatch(found.group(2))
        said = (literal.group(1) if literal.group(1) is not None else literal.group(2)) if literal else ""
        value = said if literal and not {"{", "}", "%"} & set(said) else None
        given.setdefault(found.group(1), set()).add(value)
    return {name: values.pop() if len(values) == 1 else None for name, values in given.items()}


def _link(match: re.Match[str], params: Mapping[str, Any], bare: bool) -> str:
    """Return a link whose target holds Liquid with its target worked out, else its text alone."""
    if "{{" not in match.group(2):
        return match.group(0)
    text, target = match.group(1), _target(match.group(2), params, bare)
    if target:
        return f"{text}({target})"
    return text[2:-1] if text.startswith("!") else text[1:-1]


_IN_TARGET = r"\{\{[^\n]{0,500}?\}\}"
"""A Liquid output in a link definition's target: ``[terms]: {{ site.terms_url }}``."""


def _target(target: str, params: Mapping[str, Any], bare: bool) -> str:
    """Return a link target with each Liquid output worked out, or "" when one cannot be."""
    known, site_only = True, True

    def value(match: re.Match[str]) -> str:
        nonlocal known, site_only
        expression = " ".join(match.group(1).split())
        if expression in SITE_ADDRESS:
            return ""  # the site's own address: the rest of the target is read from the site root
        site_only = False
        path = PATH_FILTER.match(expression)
        if path:
            return filtered_path(path, _url_prefix(params))
        found = _page_value(expression, params, bare)
        if found is None:
            known = False
            return ""
        return found

    worked = _OUT.sub(value, target)
    if known and not worked.strip():  # ``{{ site.url }}{{ site.baseurl }}`` alone: the site's home page
        return "/" if site_only and target.strip() else ""
    return worked if known else ""


def _output(output: re.Match[str], params: Mapping[str, Any], bare: bool) -> str:
    """Return what a Liquid output shows: a path, a value the page or the site gives, else a
    placeholder. On a Markdown page a value is Markdown the page renders, as written (Liquid runs
    before kramdown: ``{{ site.data.notes.support }}`` may hold a heading and a link, ``*Monday*``
    in a sentence is emphasis); alone on its line, a block: its later lines flush left, as Liquid
    puts them (the renderer's sanitiser, not this, takes out scripts). On a page written in HTML
    (`TEXT_VALUES`) no Markdown reads it: its marks are text, its tags tags, and on a Nunjucks
    page, which escapes what it outputs, its tags text too."""
    expression = " ".join(output.group(1).split())
    path = PATH_FILTER.match(expression)
    if path:
        return filtered_path(path, _url_prefix(params))
    found = _page_value(expression, params, bare)
    if found is None:
        return placeholder(expression)
    if (written := params.get(TEXT_VALUES)) is not None:
        return escape(found) if written == ".njk" else _as_text(found)
    text, start, end = output.string, output.start(), output.end()
    before = text[text.rfind("\n", 0, start) + 1 : start]
    after = text[end : (text.find("\n", end) + 1 or len(text) + 1) - 1]
    return found if before.strip() or after.strip() else found.strip("\n")


def _url_prefix(params: Mapping[str, Any]) -> str:
    """Return the path prefix Eleventy's ``url`` filter adds on the page's site, or "" (`URL_PREFIX`)."""
    site = params.get(SITE_PARAMS)
    return str(site.get(URL_PREFIX) or "") if isinstance(site, Mapping) else ""


def _page_value(expression: str, params: Mapping[str, Any], bare: bool) -> str | None:
    """Return the page's own front matter value ``page.x`` names (text or a number), or the
    site's configuration's that ``site.x`` (``site.author.name``) names, else None. With
    ``bare``, the page's value ``x`` (``author.name``) names: ``page.x`` is Eleventy's page
    there (its address, its file), not its front matter."""
    if "|" in expression:
        return None
    if literal := _LITERAL.fullmatch(expression):  # ``{{ "{{" }}``: Liquid's way to show its braces
        return literal.group(1) if literal.group(1) is not None else literal.group(2)
    assigned: Mapping[str, str | None] = params.get(_ASSIGNED_KEY, {})
    if expression in assigned:  # (None: set to what only the site knows)
        return assigned[expression]
    value: Any = None
    if bare and params.get(ENGINE) == JINJA and expression.startswith("page."):  # MkDocs' macros plugin:
        # its page's title (for an output only: `stagemap.render.liquidifs.OWN_TITLE`), its front matter alone
        title = params.get(PAGE_TITLE, params.get("title"))
        params, expression = {"title": title, "meta": params.get(PAGE_META, {})}, expression[5:]
    if bare:
        value = params if _NAME.fullmatch(expression) and not expression.startswith("page.") else None
        for key in expression.split(".") if value is not None else ():
            value = value.get(key) if isinstance(value, Mapping) else None
    elif not expression.startswith(("page.", "site.")):
        return None
    elif expression.startswith("page."):
        value = params.get(expression[5:])
    else:
        value = params.get(SITE_PARAMS)
        for key in expression[5:].split("."):
            value = value.get(key) if isinstance(value, Mapping) else None
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return None
    return str(value).replace("\0", "\ufffd")  # (as a browser shows it; no value makes `_loops`' mark)


_INLINE_COMMENT = lazy(r"\{%-?\s*#[^%]{0,500}%\}")
"""LiquidJS's inline comment, never shown: ``{%- # an old anchor, kept -%}``."""
_ASSIGNING = lazy(r"""\{%-?\s*(?:set|assign)\s+(\w+)\s*=\s*([^%\n]{0,500}?)\s*-?%\}""")
"""A variable given a value where the page sets it (Nunjucks' ``set``, Liquid's ``assign``)."""
_LOOP_NAME = lazy(r"\{%-?\s*for\s+(\w+)\s+in\b")
"""The variable a loop gives each item of what it goes through."""
_ASSIGNED_KEY = "\0assigned"
_LITERAL = lazy(r""""([^"\n]*)"|'([^'\n]*)'""")
"""A quoted text, which an output shows as it is."""
_NAME = lazy(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")
"""A variable, maybe a key of a mapping in it: ``title``, ``author.name``."""


def _fenced(match: re.Match[str]) -> str:
    """Return a ``{% highlight %}`` block as a fenced code block, with a fence longer than any inside."""
    code = match.group(2)
    ticks = max((len(m.group(0)) for m in re.finditer(r"`{3,}", code)), default=2) + 1
    return f"{'`' * ticks}{match.group(1)}\n{code}\n{'`' * ticks}"


def _tag(match: re.Match[str]) -> str:
    tag, rest = match.group(1), match.group(2).strip().strip("\"'")
    address = tag_address(tag, rest)  # (a post's file by its path without the ending: .md, .markdown...)
    if address is not None:
        return address
    if tag in ("include", "include_relative", "render"):
        # The file's name, quoted or not, before its parameters (``"card.html", title: x``).
        name = re.match(r"""\s*(["']?)([^"'\s,]+)\1""", match.group(2))
        shown = placeholder(f"Included from {name.group(2) if name else 'a file'}")
        # In a sentence ("since version {% include badge.html %}, it ..."), it stays in the sentence.
        text, start, end = match.string, match.start(), match.end()
        before = text[text.rfind("\n", 0, start) + 1 : start]
        after = text[end : (text.find("\n", end) + 1 or len(text) + 1) - 1]
        return shown if before.strip() or after.strip() else "\n\n" + shown + "\n\n"
    return ""


TEXT_VALUES = "\0text-values"
"""The key under which a page written in HTML (``.html``, ``.njk``, ``.liquid``) tells `_output`
its ending: no Markdown reads the values it outputs (`stagemap.render.dialects.clean` sets it)."""


def _as_text(value: str) -> str:
    """Return a value as an HTML page shows it: Markdown's marks as written, its HTML tags as tags."""
    pieces, at = [], 0
    for tag in _HTML_TAG.finditer(value):
        pieces += [escape(value[at : tag.start()]), tag.group(0)]
        at = tag.end()
    return "".join(pieces) + escape(value[at:])


_HTML_TAG = lazy(r"</?[A-Za-z][\w-]*(?:\s[^<>\n]*)?/?>")
