"""Hugo's shortcodes in a body, turned into Markdown that says what the live page shows
(see `SHORTCODES` and docs/real-sites.md). Used by `stagemap.render.dialects`."""

from __future__ import annotations

import collections
import re
import textwrap
import threading
from collections.abc import Callable, Mapping
from typing import Any

from ..lazyre import lazy
from ..read.markdowntext import anchor
from .blocks import escape, indented, quote
from .elements import LIVE, placeholder
from .imgproc import BUNDLE, imgproc
from .links import HUGO_REF
from .ownshortcodes import NOTE, OWN_SHORTCODES, TITLED, go_text, own_output
from .refdefs import worked_definitions

_SHORTCODE = lazy(r"\{\{([<%])(.{0,1000}?)[>%]\}\}", re.S)
"""A shortcode (its arguments within 1,000 characters: thousands left open are read in bounded time)."""
_PAIRED = lazy(
    r"\{\{([<%])\s*(?P<name>[\w.-]+(?:/[\w.-]+)*)(?![\w./-])(?P<args>(?:(?![<%>]\}\}).){0,1000}?)(?<!/)\s*[>%]\}\}"
    r"(?P<inner>.*?)\{\{[<%]\s*/\s*(?P=name)\s*[>%]\}\}",
    re.S,
)
"""A paired shortcode: its opening (not self-closing, ``{{< x />}}``), what it holds, its closing
(of its name). Only tried from an opening to the closing that ends it, as `each_paired`
pairs them, and so read to there. A name may have folders, as a theme's shortcodes do (Docsy's ``blocks/section``)."""
_OPENING = lazy(r"\{\{[<%]\s*([\w.-]+(?:/[\w.-]+)*)")
_CLOSING = lazy(r"\{\{[<%]\s*/\s*([\w.-]+(?:/[\w.-]+)*)\s*[>%]\}\}")


def each_paired(text: str, made: Callable[[re.Match[str]], str]) -> str:
    """Return ``text`` with each outermost paired shortcode replaced by ``made(match)``.

    Hugo pairs a closing with the last opening of its name still open, so a note inside a note
    closes first (`_PAIRED` alone, lazy, would end the outer one at the inner's closing). Each
    tag is found once and matched with a stack per name: linear however many are left open.
    (A self-closing ``{{< x />}}`` opens nothing.) What ``made`` reads of the inner text is read
    so too, up to `MOST_NESTED` shortcodes deep; deeper ones stay as written.
    """
    depth = getattr(_nesting, "value", 0)
    if depth >= MOST_NESTED or not _CLOSING.search(text):
        return text
    _nesting.value = depth + 1
    try:
        return _each_paired(text, made)
    finally:
        _nesting.value = depth


MOST_NESTED = 12
"""Paired shortcodes inside paired shortcodes are read this deep (a page of notes never closed
nests one in each: reading them all would overflow Python's stack)."""
_nesting = threading.local()


def _each_paired(text: str, made: Callable[[re.Match[str]], str]) -> str:
    still_open: dict[str, list[int]] = {}
    pairs: list[tuple[int, int]] = []
    for tag in _TAG.finditer(text):
        if tag.group("closing") is not None:
            if waiting := still_open.get(tag.group("closing")):
                pairs.append((waiting.pop(), tag.end()))
        elif not tag.group("alone"):
            still_open.setdefault(tag.group("name"), []).append(tag.start())
    parts: list[str] = []
    done = 0
    for start, end in sorted(pairs):
        paired = _PAIRED.fullmatch(text, start, end) if start >= done else None
        if paired is not None:
            parts += (text[done:start], made(paired))
            done = end
    return "".join(parts) + text[done:] if parts else text


_TAG = lazy(
    r"\{\{[<%]\s*(?:(?P<name>[\w.-]+(?:/[\w.-]+)*)(?![\w./-])(?:(?![<%>]\}\}).){0,1000}?(?P<alone>/)?[>%]\}\}"
    r"|/\s*(?P<closing>[\w.-]+(?:/[\w.-]+)*)\s*[>%]\}\})",
    re.S,
)
"""A shortcode's opening (``alone``: self-closing) or its closing, as `_PAIRED` reads them."""


_ARG = lazy(
    r"""([\w-]+)=(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|`([^`]*)`|(\S+))|"((?:[^"\\]|\\.)*)"|`([^`]*)`|(\S+)"""
)
NOTE_SHORTCODES = frozenset(
    {"notice", "note", "tip", "warning", "info", "alert", "callout", "hint", "admonition"}
    | {"important", "caution", "danger", "success"}
)
"""Paired Hugo shortcodes shown as a labelled block quote (the first argument is its kind); a
site's own whose template is an admonition's is too (`stagemap.render.ownshortcodes.NOTE`)."""
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
    "param": "the page's own front matter value of that name (in any case; in its `params` too; `a.b`: `b` inside `a`), else the site's `params` value, else a placeholder",
    "comment": "nothing (what it holds is not on the page)",
    "details": "its `summary` (else *Details*) in bold, then what it holds",
    "x": "a link to the post (`user` and `id`), as `tweet`",
    "notice (and note, tip, warning, info, important, danger...)": "a block quote starting with the kind in bold (the first argument or `type`, else the shortcode's name), then its `title`; Docsy's `alert` with neither: its `title` alone, else no label; a site's own whose template is an admonition's (a partial or class named admonition, alert, callout or notice) too",
    "tabs (a shortcode named with 'tab' holding as many panes as it has arguments)": "each pane after its label, the argument in its place, in bold",
    "tab": "its title (the first argument, `header` or `name`) in bold, then what it holds; a Docsy tab with `lang` (and no `text=true`) holds code in that language; one with no content, its `header` in bold",
    "mermaid, plantuml": "a fenced code block of the diagram's source, in that language",
    "a site's own paired one whose template prints its first argument (or `title`, `summary`, `header`)": "that argument in bold, then what it holds",
    "imgproc (Docsy's)": "the first image of the page's bundle whose name holds the first argument, what it holds as the caption below",
    "any other with a `text` argument (a tooltip, a term of a glossary)": "that text",
}
"""What each Hugo shortcode stagemap knows becomes; any other one shows its inner text, or a placeholder."""


def shortcode_args(raw: str) -> tuple[list[str], dict[str, str]]:
    """Return a shortcode's positional and named arguments."""
    positional: list[str] = []
    named: dict[str, str] = {}
    for m in _ARG.finditer(raw):
        if m.group(1):
            named[m.group(1)] = next(g for g in m.group(2, 3, 4, 5) if g is not None)
        else:
            positional.append(next(g for g in m.group(6, 7, 8) if g is not None))
    return positional, named


DIAGRAMS = frozenset({"mermaid", "plantuml"})
"""Paired shortcodes holding a diagram's source, which the page draws: shown as code in that language."""
CODE_SHORTCODE = lazy(r"highlight$|code(block)?(?:[-_].*)?$|.*[-_]code$")
"""Names of paired shortcodes that hold code: ``code``, ``code-toggle``, ``codeblock``,
``source-code``; not ``barcode`` or ``codepen``, whose inner text is prose or a caption."""


def shortcodes(text: str, params: Mapping[str, Any]) -> str:
    if "{{" not in text:
        return text
    text = each_paired(text, lambda m: _paired(m, params))
    if "](" in text or "<{{" in text:
        text = _LINKED.sub(lambda m: _linked(m, params), text)
    if "]:" in text:  # a link definition whose address holds one (Envoy's '[kit]: https://x/{{< tag >}}/')
        text = worked_definitions(text, _IN_ADDRESS, lambda target: _worked_target(target, params))
    return _SHORTCODE.sub(
        lambda m: _single(m.group(2), params, _in_target(text, m.start()), _alone(text, m)), text
    )


_IN_ADDRESS = r"\{\{[<%](?:[^>%\n]|[>%](?!\}\})){0,500}[>%]\}\}"
_LINKED = lazy(
    rf"(?P<text>\[[^\[\]\n]*\])\((?P<target>[^()\s{{]*{_IN_ADDRESS}[^()\s]*)\)"
    rf"|<(?P<auto>{_IN_ADDRESS}[^<>\s]*)>"
)
"""A link, or an autolink, whose address holds a shortcode: ``[tree]({{% param repo %}}/tree/main)``
(a shortcode of at most 500 characters: each try stops there, on a line of many left open)."""


def _worked_target(target: str, params: Mapping[str, Any]) -> str:
    """Return a link's address with its shortcodes worked out, or "" when one cannot be here."""
    made = _SHORTCODE.sub(lambda m: _single(m.group(2), params, target=True), target)
    return "" if LIVE in made else made


def _linked(found: re.Match[str], params: Mapping[str, Any]) -> str:
    """Return a link whose address holds shortcodes with its address worked out, where each
    is known here (``ref``, a ``param`` the page sets); else its text alone (an autolink: the
    address as text), never an address that would lead nowhere."""
    target = found.group("target") or found.group("auto")
    made = _SHORTCODE.sub(lambda m: _single(m.group(2), params, target=True), target)
    if LIVE not in made:
        address = made if made.startswith("<") else _link_target(made)
        return f"{found.group('text')}({address})" if found.group("text") else f"<{made}>"
    if found.group("text"):
        return found.group("text")[1:-1]
    return _SHORTCODE.sub(lambda m: _single(m.group(2), params), target)


_TARGET_BEFORE = lazy(r"""(?:\]\(<?|=["']|\]:[ \t]*)$""")
"""What stands before a link's target: ``](``, ``href="``, a reference definition's ``]:``."""


def _alone(text: str, found: re.Match[str]) -> bool:
    """Whether a shortcode stands alone on its line, at its start: a block may stand there (not
    in a table's cell, a block quote, a list item's text or under it, nor within words)."""
    start, end = found.span()
    rest = text[end : end + 100] + ("\n" if end + 100 >= len(text) else "")  # (read 100 characters at most)
    return (not start or text[start - 1] == "\n") and "\n" in rest and not rest.partition("\n")[0].strip()


def _in_target(text: str, at: int) -> bool:
    """Whether ``text[at:]`` starts a link's target (a ``ref`` there is looked up as Hugo does)."""
    return _TARGET_BEFORE.search(text, max(0, at - 12), at) is not None


def hold_paired_with_code(
    text: str, params: Mapping[str, Any], clean_inner: Callable[[str], str], held: dict[str, str]
) -> str:
    """Replace each paired shortcode that holds a fenced code block (a tab of examples, a note
    with a command) by a token line; ``held`` maps the token to its Markdown.

    Split at its fences, such a shortcode would never meet its closing: its opening became a
    placeholder and its closing vanished. What it holds is cleaned on its own instead (its code
    kept as code), then made what the shortcode makes of it (`_paired`), at the indentation
    of its opening (in a list item, it stays in the item).
    """

    def hold(match: re.Match[str]) -> str:
        inner = match.group("inner")
        if CODE_SHORTCODE.match(match.group("name").lower()) or not _FENCE_LINE.search(inner):
            return match.group(0)
        token = f"\ue000{len(held)}\ue000"
        text, at = match.string, match.start()
        before = text[text.rfind("\n", 0, at) + 1 : at]  # its indentation, in a list item
        made = _paired(match, params, clean_inner(textwrap.dedent(_labelled(match))))
        held[token] = indented(made.strip("\n"), before if not before.strip() else "")
        return f"\n\n{token}\n\n"

    return each_paired(text, hold) if "{{" in text else text


_FENCE_LINE = lazy(r"^[ \t>]*(?:`{3,}|~{3,})", re.M)


def _paired(match: re.Match[str], params: Mapping[str, Any], inner: str | None = None) -> str:
    """Return a paired shortcode as Markdown (``inner``: what it holds, cleaned already; else
    its shortcodes are read here); its ``id`` (``{{< warning id=x >}}``), which the
    theme makes the element's, as an anchor in front of it, so that links to it work: a
    paragraph of its own before a shortcode whose lines stand alone (whatever blocks they make:
    code, a rule, a link definition), in the text before one within a paragraph."""
    positional, named = shortcode_args(match.group("args"))
    made = _paired_made(match, params, positional, named, inner)
    mark = anchor(named.get("id", ""))
    if not mark:
        return made
    text, at = match.string, match.start()
    alone = not text[text.rfind("\n", 0, at) + 1 : at].strip() and match.group("inner").startswith("\n")
    return f"\n\n{mark}\n\n{made}" if alone or made.startswith("\n") else mark + made


def _paired_made(
    match: re.Match[str],
    params: Mapping[str, Any],
    positional: list[str],
    named: dict[str, str],
    cleaned: str | None = None,
) -> str:
    name = match.group("name").lower()
    if name == "comment":  # Hugo's own: what it holds is left off the page
        return ""
    own = params.get(OWN_SHORTCODES)
    kind = str(own.get(name, "")) if isinstance(own, Mapping) else ""
    label = (
        (positional[0] if positional else named.get("header", named.get("name", "")))
        if name == "tab"
        else named.get("summary", "Details")
        if name == "details"
        else _argument(kind.removeprefix(TITLED), positional, named)
        if kind.startswith(TITLED)
        else ""
    )
    title = f"\n\n**{escape(label.strip())}**\n\n" if label.strip() else ""
    docsy_code = name == "tab" and "lang" in named and named.get("text", "").lower() != "true"
    if CODE_SHORTCODE.match(name) or docsy_code or name in DIAGRAMS:  # code, or a diagram's source
        language = (positional[0] if positional and name == "highlight" else "") or named.get(
            "lang", named.get("language", name if name in DIAGRAMS else "")
        )
        code = textwrap.dedent(match.group("inner")).strip("\n")
        fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`{3,}", code))])
        return f"{title}\n{fence}{language}\n{code}\n{fence}\n"
    inner = shortcodes(_labelled(match), params) if cleaned is None else cleaned
    if name == "imgproc" and (shown := imgproc(positional, inner, params.get(BUNDLE))) is not None:
        return shown
    if name in NOTE_SHORTCODES or kind == NOTE:
        heading = named.get("title", "")
        if name == "alert" and not positional and "type" not in named:
            # Docsy's alert shows its title alone (its colour says the rest), or no label at all.
            return quote(heading, inner)
        kind = (positional[0] if positional else named.get("type", name)).capitalize()
        return quote(f"{kind}: {heading}" if heading else kind, inner)
    if name == "details":  # what it holds as it is written (indented code stays code)
        return f"{title}{inner.strip(chr(10))}\n\n"
    return f"{title}{textwrap.dedent(inner).strip(chr(10))}\n\n" if title else inner


def _argument(key: str, positional: list[str], named: dict[str, str]) -> str:
    """Return a shortcode's argument ``key``: a position (``0``) or a name; "" when not given."""
    if key.isdigit():
        return positional[int(key)] if int(key) < len(positional) else ""
    return named.get(key, "")


def _labelled(match: re.Match[str]) -> str:
    """Return what a paired shortcode holds, each of its panes after its label in bold when its
    arguments name them: Dapr's ``{{< tabs "Self-Hosted" Kubernetes >}}`` holds as many
    ``{{% codetab %}}`` panes, the first shown under "Self-Hosted", the next under "Kubernetes".
    A pane is a paired shortcode of one name in it, as many of them as there are arguments."""
    inner, name = match.group("inner"), match.group("name").lower()
    positional, named = shortcode_args(match.group("args")) if "tab" in name else ([], {})
    if len(positional) < 2 or named:
        return inner
    openings = [o for o in _OPENING.finditer(inner) if o.group(1) != match.group("name")]
    counts = collections.Counter(o.group(1) for o in openings)
    pane = next((n for n, c in counts.items() if c == len(positional) and n in _closed(inner)), None)
    if pane is None:
        return inner
    parts: list[str] = []
    done = 0
    for opening, label in zip((o for o in openings if o.group(1) == pane), positional, strict=True):
        parts += (inner[done : opening.start()], f"\n\n**{escape(label.strip())}**\n\n")
        done = opening.start()
    return "".join(parts) + inner[done:]


def _closed(text: str) -> frozenset[str]:
    """Return the names of the paired shortcodes closed in ``text``."""
    return frozenset(c.group(1) for c in _CLOSING.finditer(text))


def _single(raw: str, params: Mapping[str, Any], target: bool = False, alone: bool = False) -> str:
    raw = raw.strip()
    if raw.startswith("/*") and raw.endswith("*/"):  # Hugo's way of writing a shortcode as text
        return f"`{{{{<{raw[2:-2]}>}}}}`"
    if raw.startswith("/"):
        return ""  # the end of a paired shortcode whose start was not found
    name, *more = raw.split(None, 1)  # arguments may start on the next line
    positional, named = shortcode_args(more[0] if more else "")
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
    if name in ("tweet", "x") and named.get("id"):
        return f"[Post by @{named.get('user', 'x')}](https://x.com/{named.get('user', 'x')}/status/{named['id']})"
    if name == "gist" and len(positional) >= 2:
        return f"[Gist {positional[1]}](https://gist.github.com/{positional[0]}/{positional[1]})"
    if name in ("ref", "relref") and first:
        return _link_target(HUGO_REF + first) if target else first  # a target: looked up as Hugo does
    if name == "tab" and named.get("header", "").strip():  # Docsy's tab with no content: its header
        return f"**{escape(named['header'].strip())}**"
    if name == "param" and first:
        value = page_param(params, first)
        if not isinstance(value, str | int | float):
            return placeholder(first)
        return go_text(value) if target else escape(go_text(value))  # in an address: as written
    made = own_output(params.get(OWN_SHORTCODES), name, target, alone)
    if made is not None:  # the site's own: a constant, a param of the site, a callout of fixed words
        return made
    if named.get("text", "").strip() and not target:  # Falco's glossary_tooltip: the words, a tip on them
        return escape(named["text"].strip())
    return placeholder(name)


SITE_PARAMS = "\0site"
"""The key under which a page's front matter, handed to `shortcodes`, holds the site's own
``params`` (no front matter key can be this one)."""


def page_param(params: Mapping[str, Any], key: str) -> Any:
    """Return the value Hugo's ``param`` gives ``key`` on a page whose front matter is ``params``:
    its keys in any case, then those of its ``params`` map, then the site's (`SITE_PARAMS`);
    ``a.b`` is ``b`` inside ``a``. None: none."""
    for where in (params, _key(params, "params"), params.get(SITE_PARAMS)):
        value: Any = where
        for part in key.split("."):
            value = _key(value, part)
        if value is not None:
            return value
    return None


def _key(mapping: Any, name: str) -> Any:
    """Return the value of ``name`` in ``mapping``, its own spelling first, then in any case (None: none)."""
    if not isinstance(mapping, Mapping):
        return None
    if name in mapping:
        return mapping[name]
    folded = name.casefold()
    return next((v for k, v in mapping.items() if isinstance(k, str) and k.casefold() == folded), None)


def _link_target(url: str) -> str:
    return f"<{url}>" if " " in url else url
