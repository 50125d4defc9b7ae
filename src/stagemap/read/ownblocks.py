"""A site's own paired Liquid tags in a page's body (Eleventy's paired shortcodes, a Jekyll
plugin's blocks: ``{% aside "info" %}...{% endaside %}``), found where the page is read.

The page shows what such a block holds (`stagemap.render.liquidblocks`); the markup the site's
code wraps it in (a box, a label, an icon) is not known here. `own_block_problems` says so on an
Eleventy site, at each name's first use in a file, and `once_per_site` keeps the first of the
whole site's for each name: one warning per shortcode, not one per page. The warning is a lint
rule's, ``own-block``, which the ``lint`` setting switches off (`stagemap.read.assets`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from ..errors import Problem
from ..lazyre import lazy
from .templateengines import COMMENTED, LIQUID

OPENING = lazy(r"\{%-?\s*([A-Za-z][\w-]*)\b[^%]{0,1000}?-?%\}")
"""A Liquid or Nunjucks tag that may open a block: its name, then its arguments."""
OWN_NAMES = frozenset(
    {
        "if", "unless", "case", "for", "tablerow", "capture", "comment", "raw", "highlight", "set",
        "macro", "css", "js", "block", "filter", "call", "verbatim", "autoescape", "with", "markdown",
        "liquid", "paginate", "form", "style", "schema", "javascript", "stylesheet", "embed", "switch",
    }
)  # fmt: skip
"""Tags of Liquid, Nunjucks and Jekyll themselves, read elsewhere or left as they are."""
_MARKUP_KNOWN = frozenset({"rendertemplate"})
"""Paired tags of Eleventy's own plugins that add no markup of their own: the Render plugin's
``{% renderTemplate "md" %}`` shows what it holds, rendered, as the page here does."""
_NOT_OWN = OWN_NAMES | _MARKUP_KNOWN
_QUIET = lazy(r"\{%-?\s*(raw|verbatim|comment)\s*-?%\}")
"""A block whose tags are text (Liquid's raw, Nunjucks' verbatim) or nothing (comment): no tag
in it is read."""
_COMMENT = lazy(r"\{#[\s\S]*?#\}")


class _NunjucksComments:
    """Nunjucks' comments (Eleventy), never shown: from any ``{#`` to the next ``#}``, however
    far (its lexer has no bound, nor needs a space after ``{#``): ``{# a note #}``, ``{#{% if x
    %}#}``. Only a page Nunjucks runs over has them. Looked for up to the text's last ``#}``
    alone, so that an opening never closed is not read to the end once for each: linear. Offers
    what the pattern offers that stagemap uses: ``finditer``, ``search``, ``sub``."""

    @staticmethod
    def end(text: str) -> int:
        """Where the text's comments end at the latest: past its last ``#}`` (0: none)."""
        last = text.rfind("#}")
        return last + 2 if last >= 0 else 0

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return _COMMENT.finditer(text, 0, self.end(text))

    def search(self, text: str, pos: int = 0, end: int | None = None) -> re.Match[str] | None:
        return _COMMENT.search(text, pos, self.end(text) if end is None else end)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str) -> str:
        end = self.end(text)
        return _COMMENT.sub(repl, text[:end]) + text[end:]


NUNJUCKS_COMMENT = _NunjucksComments()
"""Nunjucks' comments: see `_NunjucksComments`."""
OWN_BLOCK = "own-block"
"""Code of the warning that a site's own paired tag is shown without its markup."""
_HINT = (
    "the site's code makes that text into markup of its own, such as a box, a label or a link, not known here; "
    "said once for the site, at its first use; 'lint: {own-block: false}' in stagemap.yml says it no more"
)
MOST_NAMES = 64
"""How many names with no closing a page's rendering looks for before it leaves the rest as
written (`stagemap.render.liquidblocks`); how many names at all the warnings look for."""


def quiet_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of the raw, verbatim and comment blocks of ``text``, in order (each
    closing looked for once)."""
    spans: list[tuple[int, int]] = []
    at = 0
    if "raw" not in text and "comment" not in text and "verbatim" not in text:
        return spans  # (asked once: each block's look for the next one starts where it ends)
    while True:
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


class Quiet:
    """Tells whether a place in a text is in one of its quiet spans (raw, verbatim and comment
    blocks, Nunjucks comments), asked in order: the spans are walked once, however many tags
    there are (one look over them all for each tag was quadratic)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._next = 0  # the first span that may hold a place at or after the last one asked about
        self._reach = -1  # how far the spans before it reach

    def holds(self, at: int) -> bool:
        """Whether ``at`` (no smaller than any place asked about before) is in a quiet span."""
        spans = self._spans
        while self._next < len(spans) and spans[self._next][0] <= at:
            self._reach = max(self._reach, spans[self._next][1])
            self._next += 1
        return at < self._reach


def first_own_blocks(text: str, nunjucks: bool = False) -> dict[str, int]:
    """Return where each paired tag of the site's own in ``text`` (one with its closing after it,
    not in a raw, verbatim or comment block, nor, where ``nunjucks`` runs over it, a Nunjucks
    comment: Liquid shows ``{# #}`` as text and runs the tags in it) is first opened, by name.
    Each name's closing is looked for once, and the first `MOST_NAMES` names alone (no page has
    more of its own)."""
    if "{%" not in text or "end" not in text:
        return {}
    spans = quiet_spans(text)
    if nunjucks and "{#" in text:  # (a use an author commented out is none)
        spans += [comment.span() for comment in NUNJUCKS_COMMENT.finditer(text)]
    quiet = Quiet(spans)
    found: dict[str, int] = {}
    looked: set[str] = set()
    for opening in OPENING.finditer(text):
        name = opening.group(1)
        if name in looked or name.startswith("end") or name.lower() in _NOT_OWN:
            continue
        if quiet.holds(opening.start()):
            continue
        if len(looked) >= MOST_NAMES:
            break  # (each look may read to the body's end: a bounded number of them)
        looked.add(name)
        if re.compile(rf"\{{%-?\s*end{re.escape(name)}\s*-?%\}}").search(text, opening.end()):
            found[name] = opening.start()
    return found


def own_block_problems(rel: str, body: str, body_line: int, engine: str = LIQUID) -> list[Problem]:
    """Return a warning at the first use in ``body`` (whose first line is the file's ``body_line``)
    of each paired tag of the site's own: its text is shown, its markup is not. ``engine``: the
    one that runs over the page (`stagemap.read.templateengines`); none, its tags are text."""
    problems = []
    for name, at in first_own_blocks(body, engine in COMMENTED).items() if engine else ():
        line_start = body.rfind("\n", 0, at) + 1
        line = body_line + body.count("\n", 0, at)
        message = f"paired shortcode '{name}' is the site's own: what it holds is shown, not its markup"
        problems.append(Problem(rel, line, at - line_start + 1, "warning", message, _HINT, OWN_BLOCK))
    return problems


def once_per_site(problems: Iterable[Problem]) -> list[Problem]:
    """Return ``problems`` with only the first (by file, line and column) of the `OWN_BLOCK`
    warnings about each name."""
    kept: list[Problem] = []
    said: set[str] = set()
    for problem in sorted(problems):
        if problem.code == OWN_BLOCK:
            if problem.message in said:
                continue
            said.add(problem.message)
        kept.append(problem)
    return kept
