"""Pages read without front matter: a site that publishes a Markdown file as it is titles it
by its first heading, else by its name (see `ReadRules.bare_pages`)."""

from __future__ import annotations

import dataclasses
import html

from ..errors import Problem
from ..lazyre import lazy
from . import frontmatter, yamlsafe
from .markdowntext import ATTR_LIST


def bare_page(data: bytes) -> tuple[frontmatter.Split, yamlsafe.Loaded]:
    """Return a file without front matter as one whose front matter is empty: all of it is body."""
    text, bom = frontmatter.decode(data)  # it decoded once already, or the split would have said
    newline = "\r\n" if text.split("\n", 1)[0].endswith("\r") else "\n"
    split = frontmatter.Split(text, bom, newline, 0, 0, 1, 0, 1, frontmatter.NONE)
    return split, yamlsafe.Loaded({}, {(): yamlsafe.Pos(1, 1, 0, 0)})


SHOWN_AS_TEXT = "MkDocs shows such front matter as the page's text: fix it, or take the block out"


def shown_as_text(
    data: bytes, problems: list[Problem], generator: str
) -> tuple[tuple[frontmatter.Split, yamlsafe.Loaded], list[Problem]] | None:
    """Return a file whose front matter cannot be read as MkDocs reads it, and its problems as
    warnings: a page whose text is all of the file, the block included (MkDocs' meta reader
    keeps it as text when its YAML fails or is no mapping); None on any other site."""
    if generator != "mkdocs" or [p.code for p in problems] not in (["yaml"], ["not-a-mapping"], ["yaml-tag"]):
        return None
    return bare_page(data), [dataclasses.replace(p, severity="warning", hint=SHOWN_AS_TEXT) for p in problems]


def first_heading(body: str) -> str | None:
    """Return the text of the body's first ``# `` heading (or, in a page written in HTML, its
    first ``<h1>``), the title a site shows when none is set: as the page shows it, without
    its closing ``#``s, its attribute list (``{ #first-steps }``, ``{: .lead}``), the marks of
    its inline Markdown or a template's tags. A ``#`` line or an ``<h1>`` in fenced code (a
    shell comment, an example of HTML), or in code a template tag shows (``{% highlight %}``),
    is no heading."""
    fence, shown = "", False
    prose: list[str] = []  # the lines outside fenced code, where an <h1> may be the title
    for line in body.splitlines():
        if shown or (("highlight" in line) and _HIGHLIGHT.match(line)):  # Liquid's or Hugo's code
            shown = not _HIGHLIGHT_END.search(line)
            continue
        if fence:
            closing = line.strip()
            if len(line) - len(line.lstrip(" ")) < 4 and closing.startswith(fence):
                fence = "" if not closing.strip(fence[0]) else fence
            continue
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group(1)
            continue
        prose.append(line)
        heading = _ATX_ONE.match(line)
        if heading:
            text = heading_text(heading.group(1) or "")
            if text:
                return text
    body = "\n".join(prose)
    lower = body.lower() if "<h" in body or "<H" in body else ""
    start = lower.find("<h1")
    while start >= 0 and lower[start + 3 : start + 4] not in (">", " ", "\t", "\n", "\r", "/"):
        start = lower.find("<h1", start + 3)  # <h1x> is another element
    opened = lower.find(">", start) if start >= 0 else -1
    end = lower.find("</h1", opened) if opened >= 0 else -1
    if end < 0:
        return None
    text = body[opened + 1 : end]
    if "{%" in text or "{{" in text:  # a template's output (``{{ site.homepage.title }}``): the site's work
        text = _TEMPLATE_TAG.sub("", text)
    return " ".join(html.unescape(_TAG.sub("", text)).split()) or None


_TAG = lazy(r"<[^<>]*>")
_HIGHLIGHT = lazy(r"[ \t]*(?:\{%-?[ \t]*highlight\b|\{\{[<%][ \t]*highlight\b)")
"""The start of code shown by a template tag: Jekyll's ``{% highlight ruby %}``, Hugo's ``{{< highlight go >}}``."""
_HIGHLIGHT_END = lazy(r"\{%-?[ \t]*endhighlight\b|\{\{[<%][ \t]*/[ \t]*highlight\b")
_FENCE = lazy(r" {0,3}(`{3,}(?=[^`]*$)|~{3,})")
"""A fenced code block's opening line (a backtick fence's info string holds no backtick)."""
_ATX_ONE = lazy(r" {0,3}#(?:[ \t](.*))?$")
"""A level-one ATX heading (``# Title``), its text (with the spaces around it: stripped after)."""
_ATTRIBUTE_LIST = lazy(ATTR_LIST)
"""An attribute list closing a heading (``{#id}``, ``{ id="x" .class }``, ``{: #id}``): read as
the page's own heading reads it (`stagemap.read.markdowntext.ATTR_LIST`)."""
_INLINE = lazy(
    r"!?\[([^\]]*)\]\([^()]*\)"  # a link or an image: its text
    r"|(`+)(.+?)\2"  # a code span: what it holds, as written
    r"|(\*\*|__)(?=\S)(.+?)(?<=\S)\4"  # strong emphasis
    r"|(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"  # emphasis
    r"|\\([!-/:-@\[-`{-~])"  # a backslash escape
)
MOST_MARKED = 512
"""A heading longer than this keeps its inline marks in the title (reading them takes time
that grows with the square of the length: a hostile page is not worth it)."""


_TEMPLATE_TAG = lazy(r"\{%[^\n]{0,300}?%\}|\{\{[^\n]{0,300}?\}\}")
"""A template's tag or output (``{% addedin "0.5" %}``, ``{{ name }}``, Hugo's ``{{< icon >}}``), of at
most 300 characters: on a heading of thousands left open, each try stops there."""


def heading_text(raw: str) -> str:
    """Return a heading's text as its page shows it: its Markdown marks, tags and entities read."""
    text = raw.strip()
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1] in " \t"):  # a closing sequence: ``# Title ##``
        text = bare.rstrip()
    brace = text.rfind("{")
    if brace >= 0 and text.endswith("}") and _ATTRIBUTE_LIST.fullmatch(text, brace):
        text = text[:brace].rstrip()
    if "{%" in text or "{{" in text:  # a tag or shortcode (``{% addedin "0.5" %}``): worked out by the site
        text = _TEMPLATE_TAG.sub("", text).strip()
    if len(text) <= MOST_MARKED and any(mark in text for mark in "[`*_\\<&"):
        text = _inline(text)
    return " ".join(text.split())


def _inline(text: str) -> str:
    """Return ``text`` without its inline Markdown marks, tags and entities; code as written."""
    out: list[str] = []
    last = 0
    for found in _INLINE.finditer(text):
        out.append(html.unescape(_TAG.sub("", text[last : found.start()])))
        if found.group(3) is not None:
            out.append(found.group(3))
        else:
            kept = next(g for g in found.group(1, 5, 6, 7, 8) if g is not None)
            out.append(kept if found.group(8) is not None else _inline(kept))
        last = found.end()
    out.append(html.unescape(_TAG.sub("", text[last:])))
    return "".join(out)


_DATED = lazy(r"^\d{4}-\d{2}-\d{2}[-_]")


RAW_TITLES = frozenset({"jekyll", "eleventy"})
"""Generators whose layouts put a page's ``title`` into the page as HTML, unescaped (Liquid's
and Nunjucks' ``{{ page.title }}``): its tags are markup there, its entities characters."""


def shown_title(title: str, generator: str) -> str:
    """Return a page's own ``title`` as its site shows it: on a site of `RAW_TITLES`, without
    its tags and with its entities read (``<i>Kinds</i> &amp; more`` is "Kinds & more"); on
    any other, as written (Hugo, Astro, Docusaurus escape it: the reader sees the tags)."""
    if generator not in RAW_TITLES or ("<" not in title and "&" not in title):
        return title
    return " ".join(html.unescape(_TAG.sub("", title)).split()) or title


def untitled(body: str, path: str, generator: str, rel: str) -> str:
    """Return the title a site gives a page with none: Jekyll's posts and collections' documents
    (a file under a folder starting with ``_``) their name's words, each capitalized, as Jekyll
    makes it (``2024-03-05-river-walk-notes`` is "River Walk Notes", ``pruning_tips``
    "Pruning_tips"); any other page its first heading, else its name (`name_title`)."""
    if generator == "jekyll" and any(part.startswith("_") for part in rel.split("/")[:-1]):
        slug = _DATED.sub("", path.rpartition("/")[2]).rstrip(".")
        return " ".join(word[:1].upper() + word[1:].lower() for word in slug.split("-")) or slug
    return first_heading(body) or name_title(path)


def name_title(path: str) -> str:
    """Return the title a site gives a page by its name: ``getting-started`` is "Getting started".

    An ``index``, ``_index`` or ``README`` page is named after its folder; a date in front of
    the name (a post's) is left out, as Docusaurus and Jekyll leave it out of a post's title.
    """
    parts = path.split("/")
    name = parts[-1]
    if name.lower() in ("index", "_index", "readme") and len(parts) > 1:
        name = parts[-2]
    name = _DATED.sub("", name) or name  # a post's date: 2019-12-05-moving-house is "Moving house"
    words = " ".join(name.replace("_", " ").replace("-", " ").split()) or name
    return words[:1].upper() + words[1:]
