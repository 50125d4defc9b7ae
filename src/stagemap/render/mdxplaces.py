"""Where a ``{name}`` stands in a line of an MDX page, for the values a page takes from a module
(`stagemap.render.modulevalues`): a template string opening an expression out of code spans
(`template_at`), the quoted value of a JSX attribute (`quoted_values`: JSX reads no expression
there), the children of a code component (`code_children`: shown as code, not as Markdown)."""

from __future__ import annotations

import bisect
import functools
import re

from ..lazyre import lazy
from ..read.markdowntext import escaped

_TEMPLATE = lazy(r"\{[ \t]*(?:[\w$.]+[ \t]*)?`|`+")
"""A template string opening an expression (``{`...``, ``{dedent`...``), or a run of backticks."""
_TICKS = lazy(r"`+")
_TAG_PARTS = lazy(r"""<[A-Za-z][\w.:-]*|>|(?<![\w:.-])[A-Za-z_:][\w:.-]*[ \t]*=[ \t]*("[^"\n]*"|'[^'\n]*')""")
"""What tells a tag's quoted values: a tag's opening (``<img``), its end, an attribute and its quoted value."""
_CODE_IMPORT = lazy(r"""^import\s+([A-Za-z_$][\w$]*)\s+from\s+(['"])@theme/CodeBlock\2""", re.M)
"""The name a Docusaurus page gives the theme's code block component."""
_REACH = 400
"""How far before a use its code component's opening tag is looked for."""


def template_at(line: str, at: int, runs: dict[int, list[int]]) -> re.Match[str] | None:
    """Return the first template string opening an expression in ``line`` from ``at`` that is in
    no code span (MDX reads a code span before the braces in it: the ``{`` of `` `${` `` or
    `` `if (ok) {` `` opens none), or None. A run of backticks opens a span where a run as long
    follows it on the line (not looked for over lines). ``runs``: where each run of backticks of
    the line starts, by its length, filled on the first call for the line (then each is linear)."""
    while (found := _TEMPLATE.search(line, at)) is not None:
        if found.group(0)[0] == "{":
            return found
        at = found.end()
        if escaped(line, found.start()):
            continue  # (text: it opens no span)
        if not runs:
            for run in _TICKS.finditer(line):
                runs.setdefault(len(run.group(0)), []).append(run.start())
        starts = runs.get(len(found.group(0)), [])
        index = bisect.bisect_right(starts, found.start())
        if index < len(starts):
            at = starts[index] + len(found.group(0))  # (after the span)
    return None


def quoted_values(line: str) -> list[tuple[int, int]]:
    """Return where each quoted value of an attribute in a tag opened on ``line`` starts and ends
    (``alt="The {ORG} logo"``): a JSX string, which shows its braces as written. A tag whose
    expression holds a ``>`` ends there, as far as this tells."""
    if "=" not in line or "<" not in line:
        return []
    spans: list[tuple[int, int]] = []
    tag = False
    for found in _TAG_PARTS.finditer(line):
        part = found.group(0)
        if part[0] == "<" or part == ">":
            tag = part[0] == "<"
        elif tag:
            spans.append(found.span(1))
    return spans


def within(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether ``at`` is inside one of ``spans`` (in order, none overlapping)."""
    index = bisect.bisect_left(spans, (at + 1,)) - 1  # (the last that starts at ``at`` or before)
    return index >= 0 and spans[index][0] < at < spans[index][1]


def code_tag(body: str) -> re.Pattern[str] | None:
    """Return the pattern of an opening tag, at the end of a text, of the code component the MDX
    ``body`` imports (``<CodeBlock language="sh">``), or None when it imports none."""
    names = sorted({found.group(1) for found in _CODE_IMPORT.finditer(body)})
    if not names:
        return None
    return re.compile(rf"<(?:{'|'.join(map(re.escape, names))})(?:\s[^<>\n]*)?>[ \t]*\Z")


def code_children(tag: re.Pattern[str] | None, line: str, at: int, after_tag: bool) -> bool:
    """Whether a use at ``at`` in ``line`` is in what a code component (``tag``: `code_tag`)
    holds: after its opening tag on the line (and before its closing one), or first on a line
    right after one (``after_tag``)."""
    if tag is None:
        return False
    head = line[max(0, at - _REACH) : at]
    if (after_tag and not head.strip()) or tag.search(head) is not None:
        return True
    # Further in, on the tag's line (``<CodeBlock>v{versions.cli}</CodeBlock>``): the component
    # joins its texts into one code, none of them read as Markdown.
    ends = [found.end() for found in _opening(tag.pattern).finditer(head)]
    return bool(ends) and "</" not in head[ends[-1] :]


@functools.lru_cache(maxsize=16)
def _opening(pattern: str) -> re.Pattern[str]:
    """The opening tag `code_tag`'s ``pattern`` finds at a text's end, found anywhere."""
    return re.compile(pattern.removesuffix(r"[ \t]*\Z"))


def after_code_tag(tag: re.Pattern[str] | None, line: str) -> bool:
    """Whether ``line`` ends with the opening tag of a code component (``tag``: `code_tag`)."""
    return tag is not None and tag.search(line[-_REACH:]) is not None
