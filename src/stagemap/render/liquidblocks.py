"""A site's own paired Liquid tags (Eleventy's paired shortcodes, a Jekyll plugin's blocks):
``{% codeExample 'units' %}...{% endcodeExample %}``.

The site's code makes what such a block shows, and it is not run here; what it holds is the
text it is given, and that is what the page shows here: its lines without the indentation they
have inside the tags (which Markdown would read as code), as Markdown; a block whose tag names
code or an example holds code, shown as fenced code blocks split at its ``===`` and ``---``
lines (how such tags separate the versions of an example: SCSS, then the indented syntax).
Liquid's and Nunjucks' own blocks are left to `stagemap.render.liquid`. Each closing is looked
for once from its opening on, and a name with no closing left is not looked for again: linear
however many blocks are left open.
"""

from __future__ import annotations

import re
import textwrap

from ..lazyre import lazy

_OPENING = lazy(r"\{%-?\s*([A-Za-z][\w-]*)\b[^%]{0,1000}?-?%\}")
_OWN_NAMES = frozenset(
    {
        "if", "unless", "case", "for", "tablerow", "capture", "comment", "raw", "highlight", "set",
        "macro", "css", "js", "block", "filter", "call", "verbatim", "autoescape", "with", "markdown",
        "liquid", "paginate", "form", "style", "schema", "javascript", "stylesheet", "embed", "switch",
    }
)  # fmt: skip
"""Tags of Liquid, Nunjucks and Jekyll themselves, read elsewhere or left as they are."""
_CODE_NAME = lazy(r"code|example|snippet|sample|highlight", re.I)
_SEPARATOR = lazy(r"^[ \t]*===+[ \t]*$", re.M)
"""Where a code example's versions part (SCSS, then the indented syntax)."""
_QUIET = lazy(r"\{%-?\s*(raw|comment)\s*-?%\}")
"""A block whose tags are text (raw) or nothing (comment): no tag in it is read here."""


MOST_NAMES = 64
"""How many names with no closing are looked for before the rest is left as written."""
MOST_NESTED = 8
"""How deep blocks inside blocks are read (deeper ones keep their tags, which Liquid drops)."""


def own_blocks(text: str, depth: int = 0) -> str:
    """Return prose with each paired tag of the site's own shown as what it holds (see the module)."""
    if "{%" not in text or "end" not in text or depth >= MOST_NESTED:
        return text
    quiet = _quiet_spans(text)
    pieces, at, unclosed = [], 0, set[str]()
    for opening in _OPENING.finditer(text):
        name = opening.group(1)
        if opening.start() < at or name.lower() in _OWN_NAMES or name.startswith("end") or name in unclosed:
            continue
        if any(start <= opening.start() < end for start, end in quiet):
            continue
        if len(unclosed) >= MOST_NAMES:
            break  # (each name's closing is looked for once: a bounded number of looks)
        closing = re.compile(rf"\{{%-?\s*end{re.escape(name)}\s*-?%\}}").search(text, opening.end())
        if closing is None:
            unclosed.add(name)
            continue
        inner = own_blocks(text[opening.end() : closing.start()], depth + 1)
        line_start = text.rfind("\n", 0, opening.start()) + 1
        after = text.find("\n", closing.end())
        alone = (
            not text[line_start : opening.start()].strip()
            and not text[closing.end() : after if after >= 0 else len(text)].strip()
        )
        indent = text[line_start : opening.start()] if alone else ""
        pieces += [text[at : line_start if alone else opening.start()], _shown(name, inner, alone, indent)]
        at = closing.end()
    return "".join(pieces) + text[at:] if pieces else text


def _quiet_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of the raw and comment blocks of ``text`` (each closing looked for once)."""
    spans: list[tuple[int, int]] = []
    at = 0
    while "raw" in text or "comment" in text:
        opening = _QUIET.search(text, at)
        if opening is None:
            break
        closing = re.compile(rf"\{{%-?\s*end{opening.group(1)}\s*-?%\}}").search(text, opening.end())
        if closing is None:
            spans.append((opening.start(), len(text)))
            break
        spans.append((opening.start(), closing.end()))
        at = closing.end()
    return spans


def _shown(name: str, inner: str, alone: bool = True, indent: str = "") -> str:
    """Return what a block of the site's tag ``name`` holding ``inner`` shows here: in a line of
    text, its text in that line; on lines of its own, blocks at the opening tag's indentation
    (inside a list item, in the item)."""
    if not alone:
        return " ".join(inner.split())
    body = textwrap.dedent(inner.strip("\n")).strip("\n")
    if not body.strip():
        return ""
    if not _CODE_NAME.search(name):
        made = body
    else:
        fenced = []
        for part in (p.strip("\n") for p in _SEPARATOR.split(body) if p.strip()):
            part = textwrap.dedent(part)
            fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`{3,}", part))])
            fenced.append(f"{fence}\n{part}\n{fence}")
        made = "\n\n".join(fenced)
    lines = (indent + line if line.strip() else line for line in made.split("\n"))
    return "\n" + "\n".join(lines) + "\n"
