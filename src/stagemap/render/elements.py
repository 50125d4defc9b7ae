"""What an element of MDX or of a site's HTML shows, in Markdown (`stagemap.render.jsx` reads them).

An element is shown by what it is: a link, an image, emphasis, a heading, a quote, a boxed
note, a table's part, a player or another page in a frame (a link to it), a card (its title a
link, then its text: `card`); any other shows its children, or, holding none, a labelled
placeholder (`placeholder`) when it is a component or a custom element, which only the live
site fills.
"""

from __future__ import annotations

import html
import re
import textwrap
from dataclasses import dataclass

from ..lazyre import lazy
from ..model.safelinks import is_safe_link
from ..read.htmlpage import html_page_to_markdown
from ..read.htmltables import TABLE_PARTS, table_part
from ..read.markdowntext import anchor, element_anchor, link_target, plain_text
from .anchors import anchored
from .blocks import HELD_FENCE, escape, quote
from .jsstrings import js_string

_HIDDEN = frozenset({"script", "style", "template", "noscript"})
"""Elements whose content is no text of the page."""
_MARKS = {"b": "**", "strong": "**", "i": "*", "em": "*"}
"""Inline HTML elements written as Markdown emphasis."""
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
HTML_ELEMENTS = frozenset({
    "a", "abbr", "address", "area", "article", "aside", "audio", "b", "bdi", "bdo", "blockquote",
    "body", "br", "button", "caption", "center", "cite", "code", "col", "colgroup", "data", "dd",
    "del", "details", "dfn", "dialog", "div", "dl", "dt", "em", "embed", "fieldset", "figcaption",
    "figure", "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
    "html", "i", "iframe", "img", "input", "ins", "kbd", "label", "legend", "li", "link", "main",
    "mark", "menu", "meta", "meter", "nav", "noscript", "object", "ol", "optgroup", "option",
    "output", "p", "picture", "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp", "script",
    "section", "select", "small", "source", "span", "strike", "strong", "style", "sub", "summary",
    "sup", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "time", "tr",
    "track", "tt", "u", "ul", "var", "video", "wbr"
})  # fmt: skip
"""HTML's own elements: in a page that is not MDX their names are read whatever their case
(``<BR />``, ``<IMG SRC=...>``), as a browser reads them; any other capitalised name keeps it."""
_CALLOUT = lazy(
    r"(?:^|(?<=[a-z0-9]))(?:Aside|Admonition|Callout|Alert|Note|Tip|Warning|Caution|Danger)(?=[A-Z0-9_]|$)"
)
"""Components that box what they hold (Starlight's ``<Aside type="caution">``, Docusaurus'
``<Admonition type="tip">``): a block quote headed by their ``type`` (else their name) and ``title``."""
_EMBEDS = {"iframe": "Embedded page", "video": "Video", "audio": "Audio", "embed": "Embedded content"}
"""Elements that show another page or a player: a link to what they show, labelled by their title."""
_VIDEOS = {"YouTube": "https://www.youtube.com/watch?v=", "Vimeo": "https://vimeo.com/"}
"""astro-embed's players, whose ``id`` is a video's (or its address): a link to the video's page."""
_FIRST_TARGET = lazy(r"\]\(<?([^()<>\s]+)>?\)")
"""The first link's or image's address in what an element holds: a ``<video>``'s ``<source>``."""
_ID = lazy(r"[\w:.-]{1,200}")
"""A component's ``id`` that can be its heading's own, as ``{#id}`` is in `stagemap.render.dialects`."""
_IMAGE_FILE = lazy(r"\.(?:png|jpe?g|gif|svg|webp|avif)(?:[?#]|$)", re.I)
_LINK = lazy(r"(?<![!\\])\[[^\[\]\n]*\]\(")
"""A Markdown link (no image) in what an element holds: ``<a id="x" href="#x">[`x`](#y)</a>``."""


LIVE = "shown on the live site"
"""What a placeholder says after its label (`placeholder`): ``*[Tabs: shown on the live site]*``."""


def placeholder(label: str) -> str:
    """Return the Markdown that stands for something only the live site shows."""
    label = re.sub(r"([\\`*_\[\]<>{}])", r"\\\1", " ".join(label.split()))
    return f"*\\[{label}: {LIVE}\\]*"


@dataclass(slots=True)
class Tag:
    """One tag as read: its name and attributes, whether it closes an element or is one alone
    (``<x />``), and where in the text it ends."""

    name: str
    attrs: dict[str, str]
    closing: bool
    empty: bool
    end: int


_NOT_SPAN = lazy(rf"\]\(|{LIVE}|\||&#124;|&vert;|&verbar;")
"""What a ``<code>`` holds that a code span would show otherwise than the page does."""
_SCHEME_LINK = lazy(
    r"!?\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*<?([A-Za-z][A-Za-z0-9+.-]*:[^()\s<>]*)>?(?:\s+\"[^\"\n]*\")?\s*\)"
)
"""A Markdown link or image whose address has a scheme: ``[Install](vscode:extension/x)``."""


def unsafe_links_as_text(text: str) -> str:
    """Return ``text`` with each link or image whose scheme a page may not link to (an app's,
    ``javascript:``: `stagemap.model.safelinks`) as its text alone, as a browser shows a link it
    cannot follow, rather than the Markdown that Markdown leaves of it (Capacitor's docs link
    ``vscode:`` addresses)."""
    return _SCHEME_LINK.sub(_text_or_path, text)


def _text_or_path(link: re.Match[str]) -> str:
    """Return a link as it stays (a safe scheme), its text alone, or, for Docusaurus's
    ``pathname:///files/x.pdf`` (a plain link to a file of the site), a link to that path."""
    if is_safe_link(link.group(2)):
        return link.group(0)
    if link.group(2).lower().startswith("pathname://") and not link.group(0).startswith("!"):
        return f"[{link.group(1)}]({link.group(2)[len('pathname://') :] or '/'})"
    return link.group(1)


def emphasis_kept(out: str) -> str:
    """Return ``out`` with what would keep emphasis from opening or closing moved aside."""
    if LIVE in out:  # a placeholder against a word: its emphasis would not close (or open)
        out = _GLUED.sub(" ", out)
    if "\ue041*" in out or "\ue041_" in out:  # an anchor's mark is no punctuation to Markdown
        out = _MARK_BEFORE_EMPHASIS.sub(r"\2\1", out)
    return out


_MARK_BEFORE_EMPHASIS = lazy("(\ue040[^\ue040\ue041\n]{0,300}\ue041)([*_]{1,3})(?=[^\\s*_])")
"""An anchor's mark right before emphasis that opens: ``<a id="x"></a>**"Why?"**`` (moved in)."""
_GLUED = lazy(rf"(?<=\w)(?=\*\\\[[^\n]{{0,600}}?: {LIVE}\\\]\*)|(?<=: {LIVE}\\\]\*)(?=\w)")
"""Where a placeholder meets a word (``<Counter />people``): a space goes there."""


def code_span(text: str) -> str:
    """Return ``text`` as a Markdown code span, its fence longer than any run of backticks in it."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


_EMPHASIS = lazy(r"(?<![\\*])(\*\*?)(?=[^\s*])(.+?)(?<=[^\s*\\])\1(?!\*)")
"""Emphasis written with asterisks in a ``<code>``'s text: ``**render**``."""
_MARKDOWN_ESCAPE = lazy(r"\\([!-/:-@\[-`{-~])")


def _code_spans(text: str) -> str:
    """Return a ``<code>``'s text as code spans: CommonMark and MDX read what it holds as Markdown
    (``<code>**render**(input): Promise\\<Object\\></code>``: *render* in bold, ``<Object>``
    without its backslashes), so its emphasis holds a code span, its escapes are characters."""
    if "*" not in text and "\\" not in text:
        return code_span(text)
    parts: list[str] = []
    done = 0
    for found in _EMPHASIS.finditer(text):
        if found.start() > done:
            parts.append(code_span(_MARKDOWN_ESCAPE.sub(r"\1", text[done : found.start()])))
        inner = _MARKDOWN_ESCAPE.sub(r"\1", found.group(2))
        parts.append(f"{found.group(1)}{code_span(inner)}{found.group(1)}")
        done = found.end()
    if done < len(text):
        parts.append(code_span(_MARKDOWN_ESCAPE.sub(r"\1", text[done:])))
    return "".join(parts)


def element(tag: Tag, children: str, block: bool) -> str:
    """Return the Markdown of an element with its children already rewritten; an HTML element's
    ``id`` (an ``a``'s ``name``) is kept as an anchor in front of it, so that links to it work."""
    made = card(tag, children, block)
    made = _made(tag, children, block) if made is None else made
    mark = element_anchor(tag.name, tag.attrs) if tag.name[:1].islower() else ""
    return anchored(mark, made) if mark else made


def _made(tag: Tag, children: str, block: bool) -> str:
    attrs, name = tag.attrs, tag.name
    if name.lower() in _HIDDEN:
        return ""
    if name.lower() in TABLE_PARTS:
        return table_part(name.lower(), children)
    if name.lower() in _EMBEDS:
        played = None if attrs.get("src") else _FIRST_TARGET.search(children)  # its <source>'s
        if played is not None:
            tag = Tag(name, {**attrs, "src": played.group(1)}, tag.closing, tag.empty, tag.end)
        return empty_element(tag, block)
    if not children.strip() and attrs.get("children"):  # <Heading children={"Setup"} />: that text
        children = attrs["children"]
    lower, text = name.lower(), " ".join(children.split())
    if lower in _MARKS and text and "\n\n" not in children.strip():
        return f"{_MARKS[lower]}{text}{_MARKS[lower]}"
    if lower == "code" and text and "\n\n" not in children.strip() and not _NOT_SPAN.search(text):
        # (One holding a link shows the link, a placeholder shows it; a | would end a table's cell.)
        return _code_spans(html.unescape(text))
    shown = (
        lower if lower in _HEADINGS or not name[:1].isupper() else attrs.get("as", "").lower()
    )  # <Heading as="h2">
    if shown in _HEADINGS and text:
        own = anchor(attrs["id"]) if name[:1].isupper() and _ID.fullmatch(attrs.get("id", "")) else ""
        return f"\n\n{'#' * int(shown[1])} {text}{own}\n\n"
    if not text and "-" in name and name[:1].islower():  # a custom element: its script fills it
        pad = "\n\n" if block else ""
        return pad + placeholder(attrs.get("title") or attrs.get("label") or name) + pad
    target = attrs.get("href") or attrs.get("to") or (attrs.get("url") if name[:1].isupper() else "")
    if target and text and "\n\n" not in children.strip() and not _LINK.search(text):
        link = f"[{text}]({link_target(target)})"  # (one holding a link: that link, after its id)
        return f"\n\n{link}\n\n" if block else link
    if not block:
        return children
    body = textwrap.dedent(children).strip("\n")
    if "quote" in name.lower() or "testimonial" in name.lower():
        who = ", ".join(
            v
            for v in (attrs.get("name") or attrs.get("author"), attrs.get("role") or attrs.get("title"))
            if v
        )
        # A quote is prose: lines indented unevenly (tabs in one, spaces in the next) are not code.
        lines = [*(line.strip() for line in body.splitlines()), *(["", f"— {who}"] if who else [])]
        return "\n\n" + "\n".join(f"> {line}".rstrip() for line in lines) + "\n\n"
    if _CALLOUT.search(name) and name[:1].isupper() and body:
        kind = (attrs.get("type") or _CALLOUT.search(name).group(0)).capitalize()  # type: ignore[union-attr]
        title = attrs.get("title") or ""
        return quote(f"{escape(kind)}: {escape(title)}" if title else escape(kind), body, markdown=True)
    if attrs.get("items", "").startswith("[") and name[:1].isupper():
        body = _labelled_items(attrs["items"], body)
    if attrs.get("values", "").startswith("[") and name[:1].isupper():
        body = _relabelled(attrs["values"], body)
    label = attrs.get("title") or attrs.get("label") or ""
    if not label and name.lower() in ("tabitem", "tab"):
        label = attrs.get("value") or ""  # Docusaurus shows a tab without a label by its value
    if not body and name[:1].isupper():
        return "\n\n" + placeholder(label or name) + "\n\n"
    head = f"**{label}**\n\n" if label and name[:1].isupper() else ""
    return f"\n\n{head}{body}\n\n"


_CARD = lazy(r"(?:[A-Z][\w.]*)?Card")
"""A card: a component named ``Card`` or ending in ``Card`` (Starlight's ``<LinkCard>``, Gatsby
Carbon's ``<FeatureCard>``), as `stagemap.read.linklists` reads one as an item of a menu."""
_SUBTITLES = ("subTitle", "subtitle", "description")
"""A card's line of text under its title: Gatsby Carbon's ``subTitle``, Starlight's ``description``."""


def card(tag: Tag, children: str, block: bool) -> str | None:
    """Return a card with a title and a link (``<Card title="Setup" href="/setup/">Five
    minutes.</Card>``, Starlight's ``<LinkCard>``, Gatsby Carbon's ``<FeatureCard>``): its title in
    bold, a link to where the card leads, then its subtitle or description, then what it holds, as
    the live card shows its title over its text (its text alone was the link; a card holding an
    image showed the linked image and no title); None for any other element."""
    attrs = tag.attrs
    target = attrs.get("href") or attrs.get("to") or attrs.get("url")
    if not (target and _CARD.fullmatch(tag.name) and attrs.get("title", "").strip()):
        return None
    title = escape(" ".join(attrs["title"].split()))
    sub = next((attrs[key] for key in _SUBTITLES if attrs.get(key, "").strip()), "")
    body = textwrap.dedent(children).strip("\n") if block else " ".join(children.split())
    parts = [f"[**{title}**]({link_target(target)})", plain_text(sub), body]
    if not block:
        return " ".join(part for part in parts if part)
    return "\n\n" + "\n\n".join(part for part in parts if part) + "\n\n"


_ITEMS = lazy(r"""\[\s*(?:(['"])[^'"\\\n]*\1\s*(?:,\s*|(?=\])))+\]""")
"""An array of string literals, as a tabs component names its tabs: ``['npm', 'yarn']``."""
_ITEM = lazy(r"""(['"])([^'"\\\n]*)\1""")
_LABEL_LINE = lazy(r"^[ \t]*\*\*[^*\n]+\*\*[ \t]*$", re.M)
"""A line that is a label in bold, as a tab that names itself makes."""


def _labelled_items(items: str, body: str) -> str:
    """Return ``body`` with each of its code blocks after its label in bold, when the component's
    ``items`` name as many (Drizzle's ``<CodeTabs items={['mysql2', 'planetscale']}>`` holding
    two fences: 294 tab groups on 171 pages showed unlabelled); else as it is."""
    if _ITEMS.fullmatch(items.strip()) is None or _LABEL_LINE.search(body):
        return body  # (tabs that name themselves, Fumadocs' <Tab value="npm">, keep their own labels)
    labels = [found.group(2) for found in _ITEM.finditer(items)]
    blocks = list(HELD_FENCE.finditer(body))  # each code block, held aside (see `hold_fences`)
    if len(blocks) != len(labels):
        return body
    parts: list[str] = []
    done = 0
    for block, label in zip(blocks, labels, strict=True):
        parts += (body[done : block.start()], f"\n{block.group(1)}**{escape(label.strip())}**\n\n")
        done = block.start()
    return "".join(parts) + body[done:]


_VALUE_OBJECT = lazy(r"\{[^{}]{0,500}\}")
_KEYED = lazy(r"""\b(value|label)\s*:\s*(['"`])([^'"`\\\n]*)\2""")
_BOLD_LINE = lazy(r"^([ \t]*)\*\*([^*\n]+)\*\*[ \t]*$", re.M)


def _relabelled(values: str, body: str) -> str:
    """Return ``body`` with each tab labelled by its value (``**ng**``, as a Docusaurus ``<TabItem
    value="ng">`` shows when it has no label) labelled as the tabs' ``values`` name it (``<Tabs
    values={[{value: 'ng', label: 'Angular'}]}>``: Capacitor's docs showed **ng**)."""
    labels = {}
    for found in _VALUE_OBJECT.finditer(values):
        keyed = {m.group(1): m.group(3) for m in _KEYED.finditer(found.group(0))}
        if keyed.get("value") and keyed.get("label"):
            labels[keyed["value"]] = keyed["label"]
    if not labels:
        return body
    return _BOLD_LINE.sub(
        lambda m: f"{m.group(1)}**{escape(labels[m.group(2)])}**" if m.group(2) in labels else m.group(0),
        body,
    )


_ANCHORING = lazy(r"^(?:Link|Anchor|A)$|Heading$|Anchor$")
"""Components whose ``id`` is the element's own: a link, an anchor, a heading."""
_SHOWN = ("src", "href", "to", "url", "label", "title", "text", "alt", "set:html")
"""Attributes of a component that it shows (or links to), besides its id."""


def empty_element(tag: Tag, block: bool) -> str:
    """Return the Markdown of a self-closing element (an anchor, ``<a id="x"/>``, its mark); one
    whose ``children`` attribute gives its text (``<Heading as="h2" children={"Setup"} />``) as
    that element, and a custom element (``<my-clock />``) as the placeholder one with no text is."""
    if tag.attrs.get("children") or ("-" in tag.name and tag.name[:1].islower()):
        return element(tag, tag.attrs.get("children", ""), block)
    attrs, mark = tag.attrs, element_anchor(tag.name, tag.attrs)
    # A link's or a heading's id is an anchor when it shows nothing else (Babel's `<Link id="x"/>`
    # in front of a list item, a hidden heading); another component's id is what it shows (a
    # video's: astro-embed's `<YouTube id="..." />`).
    if (
        mark
        and tag.name[:1].isupper()
        and (any(attrs.get(key) for key in _SHOWN) or not _ANCHORING.search(tag.name))
    ):
        mark = ""
    if mark and not (attrs.get("src") or attrs.get("href")):
        return mark + "\n" if tag.name.lower() == "br" else mark
    pad = "\n\n" if block else ""
    if "<" in attrs.get("set:html", ""):  # Astro's <Fragment set:html={"<pre>...</pre>"} />: that HTML
        return pad + html_page_to_markdown(js_string(attrs["set:html"])).strip("\n") + pad
    url = attrs.get("url", "") if tag.name[:1].isupper() else ""  # <Screenshot url="..." />, <Ref url=...>
    if tag.name in _VIDEOS and (video := attrs.get("id", "").strip()):  # <YouTube id="..." />
        target = video if video.startswith(("https://", "http://")) else _VIDEOS[tag.name] + video
        return f"{pad}[{attrs.get('title') or tag.name + ' video'}]({link_target(target)}){pad}"
    if tag.name.lower() in _EMBEDS:  # a player or another page in a frame: a link to it
        label = attrs.get("title") or attrs.get("aria-label") or _EMBEDS[tag.name.lower()]
        target = attrs.get("src") or url
        if target or tag.name[:1].islower():
            return f"{pad}[{label}]({link_target(target)}){pad}" if target else ""
    if src := attrs.get("src") or (url if _IMAGE_FILE.search(url) else ""):
        # An <img> without alt text has none on the live page either (a component names itself).
        alt = attrs.get("alt") or attrs.get("title") or ("" if tag.name.lower() == "img" else tag.name)
        return f"{pad}![{alt}]({link_target(src)}){pad}"
    target = attrs.get("href") or attrs.get("to") or url
    if (made := card(tag, "", block)) is not None:  # Starlight's <LinkCard title=... href=... />
        return made
    label = attrs.get("label") or attrs.get("title") or attrs.get("text") or ""
    if target and label:
        return f"{pad}[{label}]({link_target(target)}){pad}"
    if tag.name[:1].isupper():
        return pad + placeholder(label or tag.name) + pad
    if tag.name.lower() == "img" and attrs.get("alt", "").strip():  # its address is the page's code's
        return pad + escape(" ".join(attrs["alt"].split())) + pad
    return "\n" if tag.name == "br" else ""
