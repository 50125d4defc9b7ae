"""A site's own paired Liquid tags (Eleventy's paired shortcodes, a Jekyll plugin's blocks):
``{% codeExample 'units' %}...{% endcodeExample %}``.

The site's code makes what such a block shows, and it is not run here; what it holds is the
text it is given, and that is what the page shows here: its lines without the indentation they
have inside the tags (which Markdown would read as code), as Markdown; a block whose tag names
code or an example holds code, shown as fenced code blocks split at its ``===`` and ``---``
lines (how such tags separate the versions of an example: SCSS, then the indented syntax).
Liquid's and Nunjucks' own blocks are left to `stagemap.render.liquid` (which tags are the
site's own, and the warning that their markup is not shown: `stagemap.read.ownblocks`). Each
closing is looked for once from its opening on, and a name with no closing left is not looked
for again: linear however many blocks are left open.
"""

from __future__ import annotations

import re
import textwrap

from ..lazyre import lazy
from ..read.ownblocks import MOST_NAMES, OPENING, OWN_NAMES, Quiet, quiet_spans

_CODE_NAME = lazy(r"code|example|snippet|sample|highlight", re.I)
_SEPARATOR = lazy(r"^[ \t]*===+[ \t]*$", re.M)
"""Where a code example's versions part (SCSS, then the indented syntax)."""


MOST_NESTED = 8
"""How deep blocks inside blocks are read (deeper ones keep their tags, which Liquid drops)."""


def own_blocks(text: str, depth: int = 0) -> str:
    """Return prose with each paired tag of the site's own shown as what it holds (see the module)."""
    if "{%" not in text or "end" not in text or depth >= MOST_NESTED:
        return text
    quiet = Quiet(quiet_spans(text))
    pieces, at, unclosed = [], 0, set[str]()
    for opening in OPENING.finditer(text):
        name = opening.group(1)
        if opening.start() < at or name.lower() in OWN_NAMES or name.startswith("end") or name in unclosed:
            continue
        if quiet.holds(opening.start()):
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
