"""Turn a site generator's own syntax in a body into plain Markdown before it is rendered.

Real sites write more than Markdown: MDX ``import``/``export`` lines, JSX components and
``{expressions}``; Hugo shortcodes; Jekyll's Liquid tags; admonitions (Docusaurus ``:::tip``,
MkDocs ``!!! note`` and ``/// note``, mmark ``A>``); MkDocs ``--8<--`` snippets; attribute lists (``{#id}``).
A CommonMark renderer shows all of them as text or code. `clean` rewrites them into Markdown
that says what the live page shows: a component's text, a labelled placeholder for what only
the live site can compute, a quote, a link, an image, a labelled block quote for a callout.
See docs/real-sites.md for the table of shortcodes and the rules.

Text inside fenced code blocks and code spans is never changed, but for Hugo's escaped
shortcodes (``{{</* x */>}}``, shown there as ``{{< x >}}``, as Hugo shows them). HTML comments
are dropped: the live page never shows them. Bodies in stagemap's own
format (no generator, a ``.md`` or ``.markdown`` file) are returned as they are, so that a
library written for stagemap renders byte for byte as before.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from typing import Any

from ..read.htmlpage import html_page_to_markdown
from ..read.markdowntext import lf
from .anchors import attribute_lists
from .blocks import (
    HELD,
    escape,
    fence_after,
    fence_titles,
    footnotes,
    hold_fences,
    hold_notes_with_code,
    may_indent,
    notes,
    put_fences_back,
    quote,
    unwrapped,
)
from .deflists import definition_lists
from .jsx import html_to_markdown, mdx_to_markdown, placeholder
from .links import HUGO_REF
from .liquid import highlights, jekyll_code, liquid
from .mkdocsyntax import hold_slash_blocks, mkdocs_inserts

__all__ = ["SHORTCODES", "clean", "placeholder"]

_CODE_SPAN = re.compile(r"^[ \t]*`{3,}[^`\n]*$|(`+)(?:(?!\1)(?!\n[ \t]*\n)[^\ue001])+?\1", re.S | re.M)
"""A code span (within a paragraph: never across a blank line or a held code block), or a fence
line indented inside an admonition or tab (not a span: left in place, so that the block around
it can be dedented)."""
_SHORTCODE = re.compile(r"\{\{([<%])(.*?)[>%]\}\}", re.S)
_PAIRED = re.compile(
    r"\{\{([<%])\s*(?P<name>[\w.-]+)(?P<args>(?:(?![<%>]\}\}).)*?)(?<!/)\s*[>%]\}\}"
    r"(?P<inner>.*?)\{\{[<%]\s*/\s*(?P=name)\s*[>%]\}\}",
    re.S,
)
"""A paired shortcode: its opening (not self-closing, ``{{< x />}}``), what it holds, its closing."""
_ARG = re.compile(
    r"""([\w-]+)=(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|`([^`]*)`|(\S+))|"((?:[^"\\]|\\.)*)"|`([^`]*)`|(\S+)"""
)
_SNIPPET = re.compile(r"""^ {0,3}-{1,2}8<-{1,2}[ \t]+["']?([^"'\n]+?)["']?[ \t]*$""", re.M)
_ASIDE = re.compile(r"^([AN])> ?", re.M)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
"""An HTML comment: the live page never shows one (a note to the site's authors, a marker)."""
_HUGO_ESCAPED = re.compile(r"\{\{([<%])/\*(.*?)\*/([>%])\}\}", re.S)
"""A shortcode written as text (``{{</* x */>}}``): Hugo shows it without the comment marks, in code too."""
_ALERT = re.compile(r"^([ \t]{0,3}>[ \t]*)\[!(note|tip|important|warning|caution)\][ \t]*$", re.M | re.I)
"""A GitHub-style alert opening a block quote (``> [!NOTE]``): Hugo renders it as a labelled box."""

_ICON = re.compile(r":(?:material|fontawesome|octicons|simple)-[a-z0-9-]+:[ \t]?")
"""An icon of Material for MkDocs (``:material-check:``): a picture on the live page, nothing here."""

_HINTS = (
    "{",
    ":::",
    "!!!",
    "???",
    "///",
    "8<",
    "A>",
    "N>",
    "<!--",
    "\n: ",
    "markdown",
    "[^",
    "[!",
    '=== "',
    "title=",
    ":material-",
    ":octicons-",
    ":fontawesome-",
    ":simple-",
)
"""Text holding none of these has nothing to rewrite (outside MDX, where ``<`` and ESM lines count too)."""
NOTE_SHORTCODES = frozenset(
    {"notice", "note", "tip", "warning", "info", "alert", "callout", "hint", "admonition"}
)
"""Paired Hugo shortcodes shown as a labelled block quote (the first argument is its kind)."""
SHORTCODES = {
    "figure": "an image (`src`) with its `alt`, `caption` or `title` as the text, the caption below",
    "youtube": "a link to the video on YouTube (the first argument or `id`)",
    "vimeo": "a link to the video on Vimeo (the first argument or `id`)",
    "tweet": "a link to the post (`user` and `id`)",
    "gist": "a link to the gist (user and id)",
    "instagram": "a link to the post (the first argument or `id`)",
    "ref": "a link to the page it names, found as Hugo finds it: from the page's folder, then the content folder, then (a name without a folder) the one content file of that name, with or without its ending; an index page stands for its folder",
    "relref": "the same as `ref`",
    "highlight": "a fenced code block in the language it names",
    "code, code-toggle, codeblock (a paired shortcode named code, code-x or x-code)": "a fenced code block of what it holds",
    "param": "the page's own front matter value of that name, else a placeholder",
    "notice (and note, tip, warning, info...)": "a block quote starting with the kind in bold",
}
"""What each Hugo shortcode stagemap knows becomes; any other one shows its inner text, or a placeholder."""


def clean(
    text: str, suffix: str, generator: str, params: Mapping[str, Any] | None = None, *, html: bool = False
) -> str:
    """Return ``text`` with the generator's own syntax rewritten as Markdown (see the module docstring).

    With ``html`` (raw HTML is not allowed on the site), a site's raw HTML becomes Markdown as
    MDX's elements do (links, images, text), not escaped tags; indented code is left alone.
    ``suffix`` is the file's ending (``.mdx``, ``.html``: `html_page_to_markdown` first),
    ``generator`` the preset in use, ``params`` the page's front matter (for Hugo's ``param``)."""
    suffix = suffix.lower()
    if suffix in (".html", ".htm"):
        text, suffix = html_page_to_markdown(text), ".md"
    if not generator and suffix in (".md", ".markdown"):
        return text
    mdx = suffix == ".mdx" or generator == "docusaurus"
    if not _worth_a_look(text, mdx or (html and bool(generator))):
        return text  # most bodies: nothing to rewrite, and this check is cheap
    text = lf(text)  # the patterns here need the lines Markdown reads
    # In code Hugo still reads shortcodes (escaped ones show plain) and Jekyll Liquid (not in raw).
    code_text = None
    if generator == "hugo" and "/*" in text:
        code_text = _hugo_unescaped
    elif generator == "jekyll" and "{%" in text:
        code_text = jekyll_code
        if "highlight" in text:
            text = highlights(text)
    if generator in ("jekyll", "mkdocs") and "markdown" in text:
        text = unwrapped(text)
    if "title=" in text:
        text = fence_titles(text)
    if "[^" in text:
        text = footnotes(text)
    held: dict[str, str] = {}
    if generator == "mkdocs" and "///" in text:
        text = hold_slash_blocks(text, lambda inner: clean(inner, suffix, generator, params, html=html), held)
    if ":::" in text and ("```" in text or "~~~" in text):
        text = hold_notes_with_code(
            text, lambda inner: clean(inner, suffix, generator, params, html=html), held
        )
    fences: dict[str, str] = {}
    if mdx and "<" in text and ("```" in text or "~~~" in text):
        text = hold_fences(text, fences)  # an element around code (a tab) is read whole
    out = _chunks(text, mdx, generator, params or {}, html, code_text)
    if fences:
        out = put_fences_back(out, fences)
    if held:
        out = HELD.sub(lambda m: held[m.group(0)], out)
    elif out == text:
        return text
    out = out.lstrip("\n").rstrip("\n")
    return out + "\n" if out else out


def _chunks(
    text: str, mdx: bool, generator: str, params: Mapping[str, Any], html: bool, code_text: Any
) -> str:
    """Return ``text`` with the site's syntax rewritten outside its code (fenced, or in spans)."""
    pieces = []
    for chunk, code in _split_fences(text):
        if not code:
            if generator in _DEFINITION_LISTS and "\n:" in chunk:
                chunk = definition_lists(chunk)
            chunk = _outside_spans(chunk, lambda t: _rewrite(t, mdx, generator, params, html), code_text)
            if "\n\n\n" in chunk:
                chunk = re.sub(r"\n{3,}", "\n\n", chunk)
        elif code_text is not None:
            chunk = code_text(chunk)
        pieces.append(chunk)
    return "".join(pieces)


_DEFINITION_LISTS = frozenset({"hugo", "jekyll", "mkdocs"})
"""Generators whose Markdown has definition lists (goldmark, kramdown, MkDocs' def_list)."""


def _worth_a_look(text: str, mdx: bool) -> bool:
    """Return False when ``text`` cannot hold anything to rewrite (most bodies; checked cheaply).

    ``mdx``: tags count too (MDX, or a site's raw HTML to be rewritten)."""
    if any(hint in text for hint in _HINTS):
        return True
    if not mdx:
        return False
    return "<" in text or any(text.startswith(w) or f"\n{w}" in text for w in ("import", "export"))


def _rewrite(text: str, mdx: bool, generator: str, params: Mapping[str, Any], html: bool = False) -> str:
    if "<!--" in text:
        text = _COMMENT.sub("", text)
    text = notes(text)
    if mdx:
        text = mdx_to_markdown(text)
    elif "{" in text:
        text = attribute_lists(text, generator)
    text = _shortcodes(text, params)
    if generator == "jekyll":
        text = liquid(text, params)
    if "8<" in text:
        text = _SNIPPET.sub(lambda m: "\n" + placeholder(f"Included from {m.group(1).strip()}") + "\n", text)
    if generator == "mkdocs":
        text = mkdocs_inserts(text)
    if "A>" in text or "N>" in text:
        text = _ASIDE.sub(lambda m: "> " + ("**Aside:** " if m.group(1) == "A" else "**Note:** "), text)
    if generator == "mkdocs" and ":" in text:
        text = _ICON.sub("", text)
    if generator == "hugo" and "[!" in text:
        text = _ALERT.sub(lambda m: f"{m.group(1)}**{m.group(2).capitalize()}**", text)
    if html and not mdx and "<" in text:
        text = _outside_indented_code(text, html_to_markdown)
    return text


def _outside_indented_code(text: str, change: Any) -> str:
    """Apply ``change`` to the runs of lines that are not an indented code block (four spaces or
    a tab in, after a blank line or another such line, but for a list item's own text), each run
    on its own."""
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
    return "\n".join("\n".join(lines) if code else change("\n".join(lines)) for code, lines in runs)


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _split_fences(text: str) -> list[tuple[str, bool]]:
    """Split a body into (chunk, is fenced code) runs of whole lines."""
    if "```" not in text and "~~~" not in text:
        return [(text, False)]
    runs: list[tuple[str, bool]] = []
    current: list[str] = []
    fence = ""
    for line in text.splitlines(keepends=True):
        was, fence = fence, fence_after(fence, line)
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

    changed: str = change(_CODE_SPAN.sub(hold, text))
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], changed)


def _hugo_unescaped(code: str) -> str:
    """Return code with Hugo's escaped shortcodes (``{{</* x */>}}``) as Hugo shows them (``{{< x >}}``)."""
    return _HUGO_ESCAPED.sub(r"{{\1\2\3}}", code)


# -- Hugo shortcodes ----------------------------------------------------------------------------
def _args(raw: str) -> tuple[list[str], dict[str, str]]:
    """Return a shortcode's positional and named arguments."""
    positional: list[str] = []
    named: dict[str, str] = {}
    for m in _ARG.finditer(raw):
        if m.group(1):
            named[m.group(1)] = next(g for g in m.group(2, 3, 4, 5) if g is not None)
        else:
            positional.append(next(g for g in m.group(6, 7, 8) if g is not None))
    return positional, named


_CODE_SHORTCODE = re.compile(r"highlight$|code(block)?(?:[-_].*)?$|.*[-_]code$")
"""Names of paired shortcodes that hold code: ``code``, ``code-toggle``, ``codeblock``,
``source-code``; not ``barcode`` or ``codepen``, whose inner text is prose or a caption."""


def _shortcodes(text: str, params: Mapping[str, Any]) -> str:
    if "{{" not in text:
        return text
    text = _PAIRED.sub(lambda m: _paired(m, params), text)
    return _SHORTCODE.sub(lambda m: _single(m.group(2), params, _in_target(text, m.start())), text)


_TARGET_BEFORE = re.compile(r"""(?:\]\(<?|=["']|\]:[ \t]*)$""")
"""What stands before a link's target: ``](``, ``href="``, a reference definition's ``]:``."""


def _in_target(text: str, at: int) -> bool:
    """Whether ``text[at:]`` starts a link's target (a ``ref`` there is looked up as Hugo does)."""
    return _TARGET_BEFORE.search(text, max(0, at - 12), at) is not None


def _paired(match: re.Match[str], params: Mapping[str, Any]) -> str:
    name = match.group("name").lower()
    positional, named = _args(match.group("args"))
    if _CODE_SHORTCODE.match(name):  # highlight, code, code-toggle...: code as written
        language = (positional[0] if positional and name == "highlight" else "") or named.get(
            "lang", named.get("language", "")
        )
        code = textwrap.dedent(match.group("inner")).strip("\n")
        fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`{3,}", code))])
        return f"\n{fence}{language}\n{code}\n{fence}\n"
    inner = _shortcodes(match.group("inner"), params)
    if name in NOTE_SHORTCODES:
        kind = (positional[0] if positional else named.get("type", name)).capitalize()
        title = named.get("title", "")
        return quote(f"{kind}: {title}" if title else kind, inner)
    return inner


def _single(raw: str, params: Mapping[str, Any], target: bool = False) -> str:
    raw = raw.strip()
    if raw.startswith("/*") and raw.endswith("*/"):  # Hugo's way of writing a shortcode as text
        return f"`{{{{<{raw[2:-2]}>}}}}`"
    if raw.startswith("/"):
        return ""  # the end of a paired shortcode whose start was not found
    name, *more = raw.split(None, 1)  # arguments may start on the next line
    positional, named = _args(more[0] if more else "")
    first = positional[0] if positional else named.get("id", "")
    name = name.lower()
    if name == "figure":
        text = named.get("alt") or named.get("caption") or named.get("title") or "figure"
        caption = named.get("caption") or named.get("title") or ""
        image = f"![{escape(text)}]({_link_target(named.get('src', ''))})"
        return f"\n{image}\n\n*{escape(caption)}*\n" if caption else f"\n{image}\n"
    links = {
        "youtube": ("Video on YouTube", "https://www.youtube.com/watch?v={}"),
        "vimeo": ("Video on Vimeo", "https://vimeo.com/{}"),
        "instagram": ("Post on Instagram", "https://www.instagram.com/p/{}/"),
    }
    if name in links and first:
        label, address = links[name]
        return f"[{label}]({address.format(first)})"
    if name == "tweet" and named.get("id"):
        return f"[Post by @{named.get('user', 'x')}](https://x.com/{named.get('user', 'x')}/status/{named['id']})"
    if name == "gist" and len(positional) >= 2:
        return f"[Gist {positional[1]}](https://gist.github.com/{positional[0]}/{positional[1]})"
    if name in ("ref", "relref") and first:
        return _link_target(HUGO_REF + first) if target else first  # a target: looked up as Hugo does
    if name == "param" and first:
        value = params.get(first)
        return escape(str(value)) if isinstance(value, str | int | float) else placeholder(first)
    return placeholder(name)


def _link_target(url: str) -> str:
    return f"<{url}>" if " " in url else url
