"""How a site's packages change its Markdown, as `stagemap.render.dialects` applies it: Starlight's
asides, GitHub's alerts, indented text that is no code, an Astro site's remark-directive and
remark-math (a Docusaurus or Gatsby site's too), Jekyll's premonition boxes, Docusaurus's npm2yarn
code for each package manager and its github-codeblock theme's ``reference`` blocks
(`stagemap.read.sitepackages` finds them)."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Mapping
from typing import Any

from ..lazyre import lazy
from ..read.docusaurusnotes import DOCUSAURUS2, admonition_kinds
from ..read.sitepackages import (
    ALERTS_ANY_CASE,
    ATTRS,
    DIRECTIVES,
    EXPRESSIVE_CODE,
    GITHUB_ALERTS,
    GITHUB_CODEBLOCK,
    MARKDOWN,
    MATH,
    MATH3,
    NO_ASIDES,
    NO_INDENTED_CODE,
    NPM2PNPM,
    NPM2YARN,
    PLAIN_ASIDES,
    PREMONITION,
)
from .blocks import ItemColumns, escape, fence_titles, quote
from .elements import placeholder
from .emoji import github_emoji_on
from .filenames import file_name_titles
from .mdxfences import has_deep_fences, unindented_fences
from .notes import STARLIGHT_ASIDES, labelled_tabs
from .remarkmath import EXACT, remark_math, remark_math_blocks
from .shortcodes import SITE_PARAMS

_ALERT = lazy(r"^([ \t]{0,3}>[ \t]*)\[!(note|tip|important|warning|caution)\][ \t]*$", re.M | re.I)
"""A GitHub-style alert opening a block quote (``> [!NOTE]``): Hugo renders it as a labelled box."""
_PREMONITION = lazy(r"""^[ \t]*>[ \t]+([A-Za-z]+)[ \t]+"(.*)"(?:[ \t]+\[.*\])?[ \t]*$""")
"""A quote's first line that makes it a premonition box: ``> kind "Title"``, attributes after
(``[cite="..."]``) perhaps; the title runs to the line's last quote (empty: the box has no header)."""
_QUOTED = lazy(r"^[ \t]*>[ \t]?")
_REMARK_SITES = ("astro", "docusaurus", "gatsby")
"""The generators whose site may load remark-math (`stagemap.read.sitepackages` tells which do)."""
_PREMONITION_KINDS = frozenset({"note", "info", "warning", "error", "citation"})
"""premonition's own kinds of box; a site adds more in its ``_config.yml``."""


def traits(params: Mapping[str, Any] | None) -> tuple[str, ...]:
    """Return the traits of the site's Markdown, from a page's ``params`` (the site's in them)."""
    site = params.get(SITE_PARAMS) if params else None
    found = site.get(MARKDOWN) if isinstance(site, Mapping) else None
    return found if isinstance(found, tuple) else ()


def asides(generator: str, params: Mapping[str, Any] | None) -> frozenset[str] | None:
    """Return the only kinds of ``:::kind`` block that are boxes, or None when every kind is:
    Starlight's four on an Astro site, unless it has no Starlight; none (an empty set: ``:::tip``
    is text) on one with neither Starlight nor a plugin that reads such blocks; a Docusaurus
    site's admonition keywords (`stagemap.read.docusaurusnotes`)."""
    if generator == "docusaurus":
        return admonition_kinds(traits(params))
    found = traits(params) if generator == "astro" else ()
    if NO_ASIDES in found:
        return frozenset()
    return STARLIGHT_ASIDES if generator == "astro" and PLAIN_ASIDES not in found else None


def note_rules(generator: str, params: Mapping[str, Any] | None) -> tuple[frozenset[str] | None, int]:
    """Return how the site reads ``:::kind`` blocks: the kinds that are boxes (`asides`), and a
    Docusaurus site's release as its admonitions read (2, else 3; 0 on another site)."""
    release = (2 if DOCUSAURUS2 in traits(params) else 3) if generator == "docusaurus" else 0
    return asides(generator, params), release


def no_indented_code(generator: str, params: Mapping[str, Any] | None) -> bool:
    """Return whether the site's Markdown reads indented lines as text, not code (Eleventy 2.0+)."""
    return generator == "eleventy" and NO_INDENTED_CODE in traits(params)


def markdown_it_attrs(generator: str, params: Mapping[str, Any] | None) -> bool:
    """Return whether the site's Markdown reads markdown-it-attrs' attribute lists (an Eleventy site's plugin)."""
    return generator == "eleventy" and ATTRS in traits(params)


def package_managers(params: Mapping[str, Any] | None) -> tuple[str, ...]:
    """Return the package managers besides npm that Docusaurus's npm2yarn plugin shows code for
    (``yarn``, ``pnpm``; none: the site has no such plugin)."""
    found = traits(params)
    return tuple(name for trait, name in ((NPM2YARN, "yarn"), (NPM2PNPM, "pnpm")) if trait in found)


def github_codeblocks(params: Mapping[str, Any] | None) -> bool:
    """Whether the Docusaurus site's theme shows ``reference`` code blocks as lines of a file on GitHub."""
    return GITHUB_CODEBLOCK in traits(params)


def github_alerts(text: str, generator: str, params: Mapping[str, Any]) -> str:
    """Return ``text`` with GitHub's alerts opening quotes labelled (``> **Note**``) where the site
    makes boxes of them: every Hugo site, an Astro site with a plugin that reads them in any case,
    an Astro site with one that reads the kind in capitals alone, ``> [!note]`` staying as
    written, and an Eleventy site with markdown-it-github-alerts (`markdown_it_alerts`)."""
    found = traits(params) if generator in ("eleventy", "astro") else ()
    if generator == "hugo" or (generator == "astro" and ALERTS_ANY_CASE in found):
        return _ALERT.sub(lambda m: f"{m.group(1)}**{m.group(2).capitalize()}**", text)
    if GITHUB_ALERTS not in found:
        return text
    if generator == "eleventy":
        return markdown_it_alerts(text)
    return _ALERT.sub(
        lambda m: f"{m.group(1)}**{m.group(2).capitalize()}**" if m.group(2).isupper() else m.group(0), text
    )


_MARKDOWN_IT_ALERT = lazy(r"^([ \t]*>[ \t]?) {0,3}\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]([^\n\r]*)$")
"""markdown-it-github-alerts' marker opening a quote's first paragraph, as its default options
read it: the kind in capitals, what follows on the line the title."""


def markdown_it_alerts(text: str) -> str:
    """Return ``text`` with markdown-it-github-alerts' alerts labelled: the title after the marker
    (``> [!NOTE] Before you start``: plain text, as the plugin escapes it), else the kind
    (``Note``). The plugin looks at every quote, one in a list item too, so a marker indented
    there is one (not one in indented code); a marker under a quoted line is not the quote's start."""
    if "[!" not in text:
        return text
    lines = text.split("\n")
    items: ItemColumns | None = None  # (worked out at the first marker indented in one)
    for at, line in enumerate(lines):
        found = _MARKDOWN_IT_ALERT.match(line) if "[!" in line else None
        if found is None or (at and lines[at - 1].lstrip(" \t").startswith(">")):
            continue
        width = len(found.group(1)[: found.group(1).index(">")].expandtabs(4))
        column: int | None = 0
        if width >= 4:
            items = items or ItemColumns(text)
            column = items.at(items.starts[at], width)
        if column is not None and width - column < 4:
            title = found.group(3).strip() or found.group(2).capitalize()
            lines[at] = f"{found.group(1)}**{escape(title)}**"
    return "\n".join(lines)


_LEAF = lazy(r"^([ \t]{0,3})::([A-Za-z][\w-]*)(?:\[[^\]\n]*\])?(?:\{[^{}\n]*\})?[ \t]*$", re.M)
"""remark-directive's leaf directive alone on its line: ``::github{repo="x/y"}``."""
_TEXT = lazy(r"(?<![:\\])(?<!\w):([A-Za-z][\w-]*)\[([^\[\]\n]*)\](?:\{[^{}\n]*\})?")
"""remark-directive's text directive with its text: ``:spoiler[the end]{.blur}``."""


def remark_syntax(
    text: str, generator: str, params: Mapping[str, Any] | None, mdx: bool = True
) -> Callable[[str], str] | None:
    """Return how an Astro site's remark plugins (a Docusaurus or Gatsby site's: remark-math alone)
    rewrite a part of ``text`` (no fenced code in it, its code spans held aside), or None when they
    find nothing to do in it: remark-math's math as code (`remark_math`; ``mdx``: the page is MDX,
    `_release3`); remark-directive's leaf directive as a placeholder, its text
    directive as its text (with no plugin of the site's for it, its own element shows that)."""
    found = traits(params) if generator in _REMARK_SITES else ()
    math = MATH in found and "$" in text
    directive = DIRECTIVES in found and (_LEAF.search(text) or _TEXT.search(text)) is not None
    if not (math or directive):
        return None
    boxes, release3 = _boxes(generator, params), _release3(found, generator, mdx)

    def rewrite(part: str) -> str:
        part = _math(remark_math(part, release3, boxes, deep=mdx and not release3), mdx) if math else part
        if directive:
            part = _LEAF.sub(lambda m: m.group(1) + placeholder(m.group(2)), part)
            part = _TEXT.sub(lambda m: m.group(2), part)
        return part

    return rewrite


def math_blocks(text: str, generator: str, params: Mapping[str, Any] | None, mdx: bool = True) -> str:
    """Return a whole body (its fenced code in it) with remark-math's blocks of math read over
    its code fences as micromark reads them (`remark_math_blocks`), where the site loads
    remark-math: a block never closed takes the fences below it, a ``$$`` in code is code."""
    if "$$" not in text or ("```" not in text and "~~~" not in text):
        return text
    found = traits(params) if generator in _REMARK_SITES else ()
    if MATH not in found:
        return text
    release3 = _release3(found, generator, mdx)
    return _math(
        remark_math_blocks(text, release3, _boxes(generator, params), deep=mdx and not release3), mdx
    )


def _math(text: str, mdx: bool) -> str:
    """Return ``text`` with its blocks of math as an MDX page holds them: one opened four columns
    or more past what holds it (MDX has no indented code) moved to that column, as its fences were."""
    return unindented_fences(text) if mdx and "```math" in text and has_deep_fences(text) else text


def _release3(found: tuple[str, ...], generator: str, mdx: bool) -> bool:
    """Whether a page reads math as remark-math 2 and 3 do (`MATH3`): on Gatsby its MDX pages
    alone, which gatsby-plugin-mdx reads with the site's remark-math; its ``.md`` pages go through
    gatsby-transformer-remark and gatsby-remark-katex, which brings a remark-math of its own (1, or
    4 from its release 5 on), without those rules."""
    return MATH3 in found and (mdx or generator != "gatsby")


def _boxes(generator: str, params: Mapping[str, Any] | None) -> int:
    """Whether a remark site reads ``:::kind`` blocks (a block of math inside one ends with it):
    Docusaurus, an Astro site with Starlight or a plugin for them; `EXACT` on Docusaurus 2, whose
    blocks close at a line of three colons alone, 1 elsewhere, 0 where none is read."""
    if generator not in ("docusaurus", "astro") or asides(generator, params) == frozenset():
        return 0
    return EXACT if generator == "docusaurus" and DOCUSAURUS2 in traits(params) else 1


def code_titles(text: str, generator: str, params: Mapping[str, Any] | None, mdx: bool) -> str:
    """Return ``text`` with each code block's file name comment as its title, on an Astro site
    whose code Expressive Code shows (`stagemap.render.filenames`), and its ``title="..."`` as
    its title anywhere; on MkDocs its ``tab="..."`` too, where SuperFences reads it (`labelled_tabs`)."""
    if generator == "astro" and EXPRESSIVE_CODE in traits(params) and ("```" in text or "~~~" in text):
        text = file_name_titles(text, mdx)
    if "title=" in text or (generator == "mkdocs" and "tab=" in text):
        text = fence_titles(text, tabs=generator == "mkdocs" and labelled_tabs(params), deep=mdx)
    return text


def plugins_at_work(text: str, generator: str, params: Mapping[str, Any] | None) -> bool:
    """Return whether an Astro site's plugins may change ``text`` (see `remark_syntax`, `code_titles`),
    a Docusaurus or Gatsby site's remark-math, or a Hugo or Jekyll site's emoji shortcodes (`stagemap.render.emoji`)."""
    if generator != "astro":
        return (":" in text and github_emoji_on(generator, params)) or (
            "$" in text and remark_syntax(text, generator, params) is not None
        )
    fenced = "```" in text or "~~~" in text
    return remark_syntax(text, generator, params) is not None or (
        fenced and EXPRESSIVE_CODE in traits(params)
    )


def premonition_boxes(text: str, params: Mapping[str, Any] | None) -> str:
    """Return ``text`` with each premonition box a quote headed by its title (none when empty),
    where the Jekyll site uses the plugin: a quote whose first line is ``kind "Title"``, of a
    kind it knows, holds the quoted lines after it (to the first line that is no quote, as the
    plugin reads them: a blank line ends the box; such a line inside a quote opens a box too),
    each of its lines as far in as the opener (a box in a list item stays in the item)."""
    found = traits(params)
    if PREMONITION not in found or '"' not in text:
        return text
    kinds = _PREMONITION_KINDS | {t.partition(":")[2] for t in found if t.startswith(PREMONITION + ":")}
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        opener = _PREMONITION.match(lines[i])
        if opener is None or opener.group(1).lower() not in kinds:
            out.append(lines[i])
            i += 1
            continue
        end = i + 1
        while end < len(lines) and lines[end].lstrip().startswith(">"):
            end += 1
        inner = "\n".join(_QUOTED.sub("", line, count=1) for line in lines[i + 1 : end])
        indent = lines[i][: lines[i].index(">")]  # (in a list item: the box stays in it)
        out.append(textwrap.indent(quote(opener.group(2).strip(), inner, dedent=False), indent))
        i = end
    return "\n".join(out)
