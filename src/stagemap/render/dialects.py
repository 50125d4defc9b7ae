"""Turn a site generator's own syntax in a body into plain Markdown before it is rendered.

Real sites write more than Markdown: MDX ``import``/``export`` lines, JSX components and
``{expressions}``; Hugo shortcodes; Jekyll's Liquid tags; admonitions (Docusaurus ``:::tip``,
MkDocs ``!!! note`` and ``/// note``, mmark ``A>``); MkDocs ``--8<--`` snippets; attribute lists (``{#id}``).
A CommonMark renderer shows all of them as text or code. `clean` rewrites them into Markdown
that says what the live page shows: a component's text, a labelled placeholder for what only
the live site can compute, a quote, a link, an image, a labelled block quote for a callout.
See docs/real-sites.md for the table of shortcodes and the rules.

Code (fenced, or spans) is read only as the generator reads its syntax there too: Hugo's
shortcodes, Jekyll's and Eleventy's Liquid outputs of known values. HTML comments are dropped.
Bodies in stagemap's own format (no generator, a ``.md`` or ``.markdown`` file) are returned as
they are: a library written for stagemap renders byte for byte as before.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Mapping
from typing import Any

from ..lazyre import lazy
from ..read.htmlpage import HTML_PAGE_ENDINGS, html_page_to_markdown
from ..read.markdowntext import anchor, lf
from ..read.mkdocsalerts import ANNOTATE
from ..read.templateengines import ENGINE, TEMPLATED, engine_given
from .anchors import OWN_ALONE, attribute_lists
from .blocks import (
    CODE_SPAN,
    HELD,
    TASK_LISTS,
    fence_attributes,
    hold_fences,
    item_stand_in,
    lines_above,
    may_indent,
    put_fences_back,
    split_fences,
    task_items,
    unwrapped,
)
from .codeblocks import code_attributes, docusaurus_code
from .deflists import definition_lists
from .elements import emphasis_kept, placeholder, unsafe_links_as_text
from .emoji import github_emoji, github_emoji_on
from .esm import IMPORT_ALIASES, with_imported_images
from .footnotes import footnotes
from .hints import worth_a_look
from .htmlblocks import READ_WHOLE, html_blocks
from .htmlcomments import without_comments
from .hugocode import code_spans, hugo_code
from .jsx import html_to_markdown, mdx_to_markdown, preformatted
from .liquid import (
    TEXT_VALUES,
    highlights,
    jekyll_code,
    liquid,
    whole_captures,
    without_liquid_comments,
)
from .liquidblocks import own_blocks
from .liquidifs import chosen_branches
from .liquidloops import DECIDE
from .liquidvars import shown_sets
from .mdxfences import has_deep_fences, uncommented, unindented, unindented_fences
from .mkdocscallouts import alerts, more_hints
from .mkdocsmarks import code_annotations, math_reader, syntaxes
from .mkdocsyntax import cross_references, hold_slash_blocks, link_labels, mkdocs_inserts
from .notes import hold_notes_with_code, notes
from .rawcode import raw_code
from .refdefs import dropped_labels, references_alone
from .shortcodes import SHORTCODES, hold_paired_with_code, shortcodes
from .sitemarkdown import (
    code_titles,
    github_alerts,
    github_codeblocks,
    markdown_it_attrs,
    math_blocks,
    no_indented_code,
    note_rules,
    package_managers,
    plugins_at_work,
    premonition_boxes,
    remark_syntax,
)
from .tablerows import by_rows, code_pipes
from .texmath import kramdown_math

__all__ = ["SHORTCODES", "clean", "placeholder"]

_SNIPPET = lazy(r"""^ {0,3}-{1,2}8<-{1,2}[ \t]+["']?([^"'\n]+?)["']?[ \t]*$""", re.M)
_ASIDE = lazy(r"^([AN])> ?", re.M)


def clean(
    text: str,
    suffix: str,
    generator: str,
    params: Mapping[str, Any] | None = None,
    *,
    html: bool = False,
    mdx: bool | None = None,
) -> str:
    """Return ``text`` with the generator's own syntax rewritten as Markdown (see the module docstring).

    With ``html`` (raw HTML is not allowed on the site), a site's raw HTML becomes Markdown as
    MDX's elements do (links, images, text), not escaped tags; indented code is left alone.
    ``suffix``: the file's ending (``.html``: `html_page_to_markdown` first); ``params``: its front matter;
    ``mdx``: whether the body is MDX (the ``mdx`` setting; by default ``.mdx``, Docusaurus's all)."""
    suffix = suffix.lower()
    params = engine_given(generator, suffix, params)  # Liquid, Nunjucks or none runs over it
    if suffix in HTML_PAGE_ENDINGS:  # (Liquid's values there are no Markdown: `liquid._output`)
        params = {**(params or {}), TEXT_VALUES: suffix} if generator in LIQUID else params
        text, suffix = html_page_to_markdown(text), ".md"
    if not generator and suffix in (".md", ".markdown"):
        return text
    mdx = (suffix == ".mdx" or generator == "docusaurus") if mdx is None else mdx
    if generator == "docusaurus":  # mdx-code-block, <CodeBlock>, comments, npm2yarn, <TOCInline>, reference
        text = docusaurus_code(text, mdx, package_managers(params), github_codeblocks(params))
    if not worth_a_look(text, mdx or (html and bool(generator))) and not (
        (generator == "mkdocs" and more_hints(text, params))
        or ((mdx or no_indented_code(generator, params)) and ("\n    " in text or "\n\t" in text))
        or plugins_at_work(text, generator, params)
        or (generator == "jekyll" and '"' in text and ">" in text)  # (premonition's boxes)
    ):
        return text  # most bodies: nothing to rewrite, and this check is cheap
    text = lf(text)  # the patterns here need the lines Markdown reads
    text = uncommented(text) if mdx and "/*" in text else text  # (a fence in a comment is none)
    if mdx and has_deep_fences(text):  # MDX has no indented code: a fence at any indentation is one
        text = unindented_fences(text)
    if html and not mdx and ("<pre" in text or "<PRE" in text):  # a <pre> block: code, whatever it holds
        text = _pre_blocks(text)
    text, code_text = _prepared(text, generator, params or {}, html, mdx)
    held: dict[str, str] = {}
    if generator == "mkdocs" and "///" in text:
        text = hold_slash_blocks(text, _inner(suffix, generator, params, html, mdx), held)
    if ":::" in text and ("```" in text or "~~~" in text):
        inner = _inner(suffix, generator, params, html, mdx)
        text = hold_notes_with_code(text, inner, held, generator != "mkdocs", *note_rules(generator, params))
    if generator == "hugo" and "{{" in text and ("```" in text or "~~~" in text):
        text = hold_paired_with_code(text, params or {}, _inner(suffix, generator, params, html, mdx), held)
    fences: dict[str, str] = {}
    if mdx and "<" in text and ("```" in text or "~~~" in text):
        text = hold_fences(text, fences, deep=True)  # an element around code (a tab) is read whole
    out = _chunks(text, mdx, generator, params or {}, html, code_text)
    if fences:
        out = put_fences_back(out, fences)
    if held:
        out = HELD.sub(lambda m: held[m.group(0)], out)
    elif out == text:
        return text
    out = emphasis_kept(out)
    out = out.lstrip("\n").rstrip("\n")
    return out + "\n" if out else out


def _prepared(
    text: str, generator: str, params: Mapping[str, Any], html: bool, mdx: bool = False
) -> tuple[str, Callable[[str], str] | None]:
    """Return ``text`` with what spans blocks rewritten first (code a tag shows, raw HTML blocks
    read to their end tag, blocks marked ``markdown``, fence titles and attributes, footnotes),
    and how its code is read, if at all: in code Hugo still reads shortcodes (a ``param`` the
    page or site sets is its value; escaped ones show plain) and Jekyll Liquid (not in raw)."""
    code_text: Callable[[str], str] | None = None
    runs = generator in TEMPLATED and bool(params.get(ENGINE))  # (not: the page shows its tags)
    if generator == "hugo" and ("/*" in text or "aram" in text or "{{<" in text or "{{%" in text):

        def code_text(code: str) -> str:
            return hugo_code(code, params)

    elif runs and ("{%" in text or "{{" in text):  # (MkDocs' macros run before its code annotations)
        code_text = functools.partial(jekyll_code, params=params, bare=generator != "jekyll")
        if generator == "mkdocs" and ")!" in text and ANNOTATE in syntaxes(params):
            code_text = functools.partial(_both, code_text, code_annotations)
        text = without_liquid_comments(text) if "comment" in text else text  # (a fence in one too)
        text = chosen_branches(text, params, bare=generator != "jekyll")  # (a branch may hold a fence)
        text = raw_code(text) if "raw" in text else text  # (a raw block around code: as written)
        if "highlight" in text:
            text = highlights(text)
    elif generator == "mkdocs" and ")!" in text and ANNOTATE in syntaxes(params):
        code_text = code_annotations  # Material's code annotations, their comments stripped
    if runs and "capture" in text:  # (one may hold fenced code: read whole)
        text = whole_captures(text, marked=generator == "jekyll")
    if runs and "{%" in text and "end" in text:  # Nunjucks' sets, the site's own blocks
        text = "".join(chunk if code else own_blocks(shown_sets(chunk)) for chunk, code in split_fences(text))
    if mdx:  # <Code code="...">, <img src={shot}>
        text = with_imported_images(code_attributes(text), (params or {}).get(IMPORT_ALIASES, ()))
    # kramdown's math, a remark-math site's (its blocks first, over fences), MkDocs' Arithmatex,
    # an Astro site's remark-directive: never in code
    text = math_blocks(text, generator, params, mdx)
    plugins = (
        kramdown_math
        if generator == "jekyll" and "$$" in text
        else math_reader(params, text)
        if generator == "mkdocs"
        else remark_syntax(text, generator, params, mdx)
    )
    if plugins is not None:
        text = "".join(
            chunk if code else _outside_spans(chunk, plugins) for chunk, code in split_fences(text)
        )
    if html and generator in READ_WHOLE and "<" in text:  # kramdown's, Python-Markdown's blocks: to their end
        text = html_blocks(text)
    if generator in ("jekyll", "mkdocs") and "markdown" in text:
        text = unwrapped(text)
    text = code_titles(text, generator, params, mdx)  # Expressive Code's // src/greet.js, title="x", tab="x"
    if generator == "mkdocs" and "|" in text and "`" in text:  # Python-Markdown: a code span's | stays
        text = code_pipes(text)  # (not in code, fenced or indented)
    if generator == "mkdocs" and "{" in text:  # superfences: ``` { .yaml .no-copy }
        text = fence_attributes(text)
    if "[^" in text:
        text = footnotes(text, generator)
    return text, code_text


def _both(first: Callable[[str], str], then: Callable[[str], str], code: str) -> str:
    return then(first(code))


MOST_NESTED = 8
"""Blocks inside blocks (admonitions holding code, MkDocs' ``///`` blocks) are read this deep;
deeper ones stay as written (a page of blocks never closed nests one in each)."""
_depth = threading.local()


def _inner(
    suffix: str, generator: str, params: Mapping[str, Any] | None, html: bool, mdx: bool
) -> Callable[[str], str]:
    """Return how what a block holds is cleaned: as the page, up to `MOST_NESTED` blocks deep."""

    def inner(text: str) -> str:
        depth = getattr(_depth, "value", 0)
        if depth >= MOST_NESTED:
            return text
        _depth.value = depth + 1
        try:
            return clean(text, suffix, generator, params, html=html, mdx=mdx)
        finally:
            _depth.value = depth

    return inner


def _chunks(
    text: str, mdx: bool, generator: str, params: Mapping[str, Any], html: bool, code_text: Any
) -> str:
    """Return ``text`` with the site's syntax rewritten outside its code (fenced, or in spans)."""
    # The page's link labels: for MkDocs' cross-references, and references markdown-it-attrs' lists follow
    labelled = (
        "][" in text if generator == "mkdocs" else "]{" in text and markdown_it_attrs(generator, params)
    )
    defined = link_labels(text) if labelled else frozenset[str]()
    pieces: list[str] = []
    chunks, at = split_fences(text, mdx), 0  # (``at``: where the next chunk starts in ``text``)
    rewrite = functools.partial(
        _rewrite, mdx=mdx, generator=generator, params=params, html=html, defined=defined
    )
    for chunk, code in chunks:
        at, start = at + len(chunk), at
        if not code:
            if "\n:" in chunk:
                chunk = definition_lists(chunk, generator, params)
            deep = start and ("\n    " in chunk or "\n\t" in chunk)
            item = item_stand_in(text, start) if deep else ""  # the list item a fence above is in
            made = _outside_spans(item + chunk, rewrite, code_text)
            chunk = made[len(item) :] if made.startswith(item) else _outside_spans(chunk, rewrite, code_text)
            if "\n\n\n" in chunk:
                chunk = re.sub(r"\n{3,}", "\n\n", chunk)
        elif code_text is not None:
            chunk = code_text(chunk)
        pieces.append(chunk)
    templated = generator in (*LIQUID, "hugo") or (generator == "mkdocs" and bool(params.get(ENGINE)))
    if templated and "]:" in text and (gone := dropped_labels(text, "".join(pieces))):
        # A definition left out (its target not known) in one chunk: its links in the others too.
        pieces = [
            p if code else references_alone(p, gone) for p, (_, code) in zip(pieces, chunks, strict=True)
        ]
    return "".join(pieces)


_HEADING_ID = lazy(r"^( {0,3}#{1,6}[ \t].*?)[ \t]+\{#([\w:.-]{1,200})\}[ \t]*$", re.M)
"""A heading's explicit id in MDX (Docusaurus, Gatsby's custom-id plugin): its id, in place of
the one its text would make and never counted with those (`stagemap.render.anchors.OWN_ALONE`)."""
LIQUID = frozenset({"jekyll", "eleventy"})
"""Generators that run Liquid over a Markdown page before rendering it (Eleventy by default)."""


def _rewrite(
    text: str,
    mdx: bool,
    generator: str,
    params: Mapping[str, Any],
    html: bool = False,
    defined: frozenset[str] = frozenset(),
) -> str:
    if "<!--" in text:  # (in Hugo's code shortcodes one is code, shown as written)
        text = without_comments(text, code_spans(text) if generator == "hugo" and "{{" in text else ())
    if (mdx or no_indented_code(generator, params)) and ("\n    " in text or "\n\t" in text):
        # MDX has no indented code, nor Eleventy's Markdown since 2.0: such lines are text
        text = _outside_indented_code(text, lambda run: run, unindented)
    if generator == "mkdocs":  # alerts and callouts a plugin of the site's makes admonitions of
        text = alerts(text, params)
    kinds, release = note_rules(generator, params)
    text = notes(text, containers=generator != "mkdocs", asides=kinds, params=params, release=release)
    if mdx:
        if "{#" in text:  # a heading's own id (``## Setup {#setup}``), not an expression
            text = _HEADING_ID.sub(lambda m: m.group(1) + OWN_ALONE + anchor(m.group(2)), text)
        text = mdx_to_markdown(text)
    elif "{" in text:
        attrs = markdown_it_attrs(generator, params)  # (Eleventy runs Liquid first: its tags are no lists)
        text = attribute_lists(text, generator, attrs, defined, attrs and bool(params.get(ENGINE)))
    text = shortcodes(text, params)
    if generator in LIQUID or (generator == "mkdocs" and params.get(ENGINE)):  # (MkDocs' macros plugin)
        loops = {**params, DECIDE: chosen_branches}  # (a loop's body: its conditions, the item known)
        text = liquid(text, loops, bare=generator != "jekyll", engine=params.get(ENGINE, ""))
    if "8<" in text:
        text = _SNIPPET.sub(lambda m: "\n" + placeholder(f"Included from {m.group(1).strip()}") + "\n", text)
    if generator == "mkdocs":
        text = mkdocs_inserts(text, params)
        if "][" in text:  # (``defined``: the whole page's link definitions, from `_chunks`)
            text = cross_references(text, defined, params)
    if "A>" in text or "N>" in text:
        text = _ASIDE.sub(lambda m: "> " + ("**Aside:** " if m.group(1) == "A" else "**Note:** "), text)
    if generator in TASK_LISTS and "] " in text and not (mdx and generator == "gatsby"):  # (MDX 2: no GFM)
        boxed = task_items if mdx else lambda run: _outside_indented_code(run, task_items)
        text = "".join(
            chunk if code else boxed(chunk) for chunk, code in split_fences(text, mdx)
        )  # (a shortcode's code)
    if "[!" in text:  # GitHub's alerts, where the site makes boxes of them
        text = github_alerts(text, generator, params)
    if generator == "jekyll" and ">" in text:  # premonition's boxes, where the site has the plugin
        text = premonition_boxes(text, params)
    if html and not mdx and "<" in text:
        text = _outside_indented_code(text, html_to_markdown)
    if ":" in text and github_emoji_on(generator, params):  # (Hugo's enableEmoji, Jekyll's jemoji)
        text = _outside_indented_code(text, github_emoji)
    if "](" in text and ":" in text:
        text = unsafe_links_as_text(text)
    return text


def _outside_indented_code(text: str, change: Any, code_change: Any = None) -> str:
    """Apply ``change`` to the runs of lines that are not an indented code block (four spaces or
    a tab in, after a blank line or another such line, but for a list item's own text), each run
    on its own; and ``code_change``, if given, to the runs that are, with the last line with text
    before each."""
    runs: list[tuple[bool, list[str]]] = []
    blank_before = True
    lines = text.split("\n")
    for at, line in enumerate(lines):
        code = line.startswith(("    ", "\t")) and (
            (runs and runs[-1][0]) or (blank_before and not may_indent(lines, at, _indent(line)))
        )
        code = bool(code) or (not line.strip() and bool(runs) and runs[-1][0])
        if not runs or runs[-1][0] != code:
            runs.append((code, []))
        runs[-1][1].append(line)
        blank_before = not line.strip()
    made: list[str] = []
    before = ""  # the last line with text before the run
    for code, run in runs:
        text = "\n".join(run)
        made.append((code_change(text, before) if code_change else text) if code else change(text))
        before = next((line for line in reversed(run) if line.strip()), before)
    return "\n".join(made)


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _pre_blocks(text: str) -> str:
    """Return ``text`` with each ``<pre>`` block outside fenced code as code (`preformatted`), read
    with the body above it: a fence may part a list item's first line from a block in it."""
    made: list[str] = []
    at = 0
    for chunk, code in split_fences(text):
        pre = not code and ("<pre" in chunk or "<PRE" in chunk)
        made.append(preformatted(chunk, lines_above(text, at)) if pre else chunk)
        at += len(chunk)
    return "".join(made)


def _outside_spans(text: str, change: Any, code_text: Any = None) -> str:
    """Apply ``change`` to ``text`` with its code spans held back (changed by ``code_text`` alone, if given)."""
    if "`" not in text:
        return str(change(text))
    kept: list[str] = []

    def hold(match: re.Match[str]) -> str:
        if match.group(1) is None:
            return match.group(0)  # a fence line
        kept.append(match.group(0) if code_text is None else code_text(match.group(0)))
        return f"\x00{len(kept) - 1}\x00"

    changed: str = change(by_rows(text, lambda part: CODE_SPAN.sub(hold, part)))
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], changed)
