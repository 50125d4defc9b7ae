"""Docusaurus's magic comments: lines of a code block that mark others to highlight.

A line of fenced code that holds nothing but a comment naming a directive (``// highlight-next-line``,
``# highlight-start``, ``{/* highlight-end */}``) tells Docusaurus which lines to highlight, and
is left out of the code the page shows. `without_magic_comments` leaves them out too: the lines
a comment of the block's language's kinds holds, as Docusaurus reads them by the language the
fence names (``//`` and ``/* */`` for ``js``, ``#`` for ``bash`` and ``python``, every common kind
for a language it has no rule for). A block that names no language, or highlights lines by
number (``js {1,3}``), is shown as written: Docusaurus reads no directive there. A block in a
quote (``> // highlight-next-line``) is read without the quote's marks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..lazyre import lazy
from .blocks import fence_after

DIRECTIVES = ("highlight-next-line", "highlight-start", "highlight-end")
"""The directives Docusaurus reads unless ``themeConfig.prism.magicComments`` names others."""

_KINDS = {
    "js": (r"//", ""),
    "jsBlock": (r"/\*", r"\*/"),
    "jsx": (r"\{\s*/\*", r"\*/\s*\}"),
    "bash": ("#", ""),
    "html": ("<!--", "-->"),
    "lua": ("--", ""),
    "wasm": (";;", ""),
    "tex": ("%", ""),
    "vb": ("['\u2018\u2019]", ""),
    "vbnet": ("(?:_\\s*)?['\u2018\u2019]", ""),
    "rem": (r"[Rr][Ee][Mm]\b", ""),
    "f90": ("!", ""),
    "ml": (r"\(\*", r"\*\)"),
    "cobol": (r"\*>", ""),
}
"""Each kind of comment a directive may stand in: how it opens and closes."""
_COMMON = ("js", "jsBlock", "jsx", "bash", "html")
"""The kinds read in a block of a language with no rule of its own (``yaml``, ``sh``, ``go``)."""
_BY_LANGUAGE = {
    **dict.fromkeys(("js", "javascript", "ts", "typescript"), ("js", "jsBlock")),
    **dict.fromkeys(("jsx", "tsx"), ("js", "jsBlock", "jsx")),
    "html": ("js", "jsBlock", "html"),
    **dict.fromkeys(("python", "py", "bash"), ("bash",)),
    **dict.fromkeys(("markdown", "md"), ("html", "jsx", "bash")),
    **dict.fromkeys(("tex", "latex", "matlab"), ("tex",)),
    **dict.fromkeys(("lua", "haskell"), ("lua",)),
    "sql": ("lua", "jsBlock"),
    "wasm": ("wasm",),
    **dict.fromkeys(("vb", "vba", "visual-basic"), ("vb", "rem")),
    "vbnet": ("vbnet", "rem"),
    "batch": ("rem",),
    "basic": ("rem", "f90"),
    "fsharp": ("js", "ml"),
    **dict.fromkeys(("ocaml", "sml"), ("ml",)),
    "fortran": ("f90",),
    "cobol": ("cobol",),
}
"""The kinds of comment Docusaurus reads directives in, by the language a fence names."""
_QUOTE = lazy(r"[ \t]*>[ \t]?")
"""A block quote's mark, and the space after it."""
_RANGE = lazy(r"\{[\d,-]+\}")
"""Lines highlighted by number in a fence's meta (``{1,3-4}``): its directives are not read."""


def without_magic_comments(text: str, directives: Iterable[str] = DIRECTIVES) -> str:
    """Return ``text`` (Markdown, its lines LF) with each line of fenced code that is a magic
    comment left out (see the module docstring); ``directives``: the names the site reads."""
    names = tuple(directives)
    if not names or not any(name in text for name in names):
        return text
    lines = text.split("\n")
    out: list[str] = []
    fence, pattern, depth = "", None, 0  # depth: the quotes the open block is in
    for line in lines:
        quotes, bare = _unquoted(line, depth if fence else len(line))
        if fence and quotes < depth:
            fence = ""  # the quote holding the code ended, and the code with it
        was, fence = fence, fence_after(fence, bare, deep=True)
        if fence and not was:
            depth, pattern = quotes, _pattern(bare.lstrip(" \t").lstrip(fence[0]).strip(), names)
        elif fence and pattern is not None and pattern.fullmatch(bare):
            continue
        out.append(line)
    return "\n".join(out)


def _unquoted(line: str, most: int) -> tuple[int, str]:
    """Return how many quote marks (``> ``) ``line`` opens with, up to ``most``, and the line
    after them: code in a quote is read without its marks, as Docusaurus's code block gets it."""
    quotes = at = 0
    while quotes < most and (mark := _QUOTE.match(line, at)) is not None:
        quotes, at = quotes + 1, mark.end()
    return quotes, line[at:]


def _pattern(info: str, names: tuple[str, ...]) -> re.Pattern[str] | None:
    """The line a directive stands alone on in a block whose fence says ``info``, or None."""
    language, _, meta = info.partition(" ")
    if not language or _RANGE.search(meta):
        return None
    return _compiled(_BY_LANGUAGE.get(language, _COMMON), names)


@lru_cache(maxsize=64)
def _compiled(kinds: tuple[str, ...], names: tuple[str, ...]) -> re.Pattern[str]:
    """The pattern of a line holding one of ``names`` in a comment of one of ``kinds``."""
    named = "|".join(map(re.escape, names))
    either = "|".join(rf"(?:{_KINDS[k][0]}\s*(?:{named})\s*{_KINDS[k][1]})" for k in kinds)
    return re.compile(rf"\s*(?:{either})\s*")
