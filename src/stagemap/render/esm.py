"""MDX's ESM blocks: the ``import`` and ``export`` lines a page's code is made of, never shown."""

from __future__ import annotations

import re

from ..lazyre import lazy
from ..read.tsconfigpaths import Alias, aliased
from .blocks import fence_after

IMPORT_ALIASES = "\0import-aliases"
"""The key under which a body's params hold the import aliases of an Astro site's
``tsconfig.json`` (`stagemap.read.tsconfigpaths`), by which an image may be imported."""

_ESM = lazy(
    r"^(?:import\s+(?:['\"]|[\w*{$][^\n]*?(?:\bfrom\s*['\"]|$))|export\s+(?:(?:const|let|var|function|async|class|default)\b|[{*]))"
)
"""A line opening an ESM block (MDX reads one at the top level of the page only)."""


def drop_esm(text: str) -> str:
    """Return ``text`` without its ESM blocks: a line opening with ``import`` or ``export`` up to
    the next blank line where the code is whole (as MDX reads it: a template string or braces
    still open go on past a blank line, Expressive Code's ``export const code = `...```), but
    inside a template string (an element's ``code={`...`}`` holding ``export function``: MDX
    reads ESM at its top level alone)."""
    if "import" not in text and "export" not in text:
        return text
    lines = text.split("\n")
    kept: list[str] = []
    template = False  # whether the line is inside an expression's template string
    at = 0
    budget = [_ESM_BUDGET]
    while at < len(lines):
        line = lines[at]
        if not template and _ESM.match(line):
            at = _esm_end(lines, at, budget)
            continue
        kept.append(line)
        if template or "`" in line:
            template = _open_template(line, template)
        at += 1
    return "\n".join(kept)


_TEMPLATE = lazy(r"\{\s*(?:[\w$.]+\s*)?`")
"""A template string opening an expression (``code={`...``, ``{dedent`...``)."""


def _open_template(line: str, inside: bool) -> bool:
    """Whether an expression's template string is open after ``line`` (``inside``: before it).

    Only a backtick right after an expression's ``{`` (or a tag function's name there) opens
    one: the backticks of Markdown's code spans and fences, and one written in an element's
    text (``<code>```</code>``), are none."""
    at = 0
    while True:
        if inside:
            at = line.find("`", at)
            if at < 0:
                return True
            run = at
            while run and line[run - 1] == "\\":  # (the runs before each backtick: each read once)
                run -= 1
            inside, at = (at - run) % 2 == 1, at + 1  # (after an odd run of backslashes it is text)
            continue
        found = _TEMPLATE.search(line, at)
        if found is None:
            return False
        inside, at = True, found.end()


_ESM_REACH = 400
"""The most lines an ESM block is read past its first blank line to find where its code is whole."""
_ESM_BUDGET = 4_000
"""The most lines a page's ESM blocks are read past their first blank lines, all together: a page
of unclosed blocks (hostile or broken) costs no more than this."""


def _esm_end(lines: list[str], start: int, budget: list[int]) -> int:
    """Return the index of the blank line that ends the ESM block opening at ``start`` (or the
    end): the first one where no template string, bracket or brace is left open; the first blank
    line at all when none is within `_ESM_REACH` lines of it (code MDX could not read either) or
    the page's ``budget`` of such lines is spent."""
    state = (False, 0)
    first = -1
    for at in range(start, len(lines)):
        if not lines[at].strip():
            if state == (False, 0) or (not state[0] and state[1] < 0):
                return at
            first = at if first < 0 else first
        if first >= 0:
            budget[0] -= 1
            if at - first > _ESM_REACH or budget[0] < 0:
                break
        if lines[at].strip():
            state = _code_state(lines[at], state)
    return first if first >= 0 else len(lines)


def _code_state(line: str, state: tuple[bool, int]) -> tuple[bool, int]:
    """Return (inside a template string, brackets open) after one line of JavaScript."""
    template, depth = state
    i, n = 0, len(line)
    while i < n:
        c = line[i]
        if c == "\\":
            i += 2
            continue
        if template:
            template = c != "`"
        elif c == "`":
            template = True
        elif c in "'\"":
            end = line.find(c, i + 1)
            while end > 0 and line[end - 1] == "\\":
                end = line.find(c, end + 1)
            i = end if end > 0 else n
        elif c == "/" and line.startswith("//", i):
            break
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        i += 1
    return template, depth


_IMAGE_IMPORT = lazy(
    r"""^import\s+([A-Za-z_$][\w$]*)\s+from\s*(['"])([^'"\n]+\.(?:png|jpe?g|gif|svg|webp|avif))\2""",
    re.I,
)
"""An image imported: ``import shot from '../../assets/shot.png'``."""


def with_imported_images(text: str, aliases: tuple[Alias, ...] = ()) -> str:
    """Return an MDX ``text`` with each attribute whose value is an image it imports (``src={shot}``,
    ``src={shot.src}``: Astro gives the image's address there) as that image's path, written as
    the import names it: relative to the page, or by one of the site's import ``aliases``
    (``@assets/shot.png``; a package's image stays a value); code is left as it is. Astro's own
    blog starters and their themes show an imported screenshot so."""
    if "import" not in text:
        return text
    lines = text.split("\n")
    code = [False] * len(lines)
    images: dict[str, str] = {}
    fence = ""
    for at, line in enumerate(lines):
        was, fence = fence, fence_after(fence, line, True)
        code[at] = bool(was or fence)
        if not code[at] and (found := _IMAGE_IMPORT.match(line)) is not None:
            path = found.group(3)
            if path.startswith(("./", "../")) or aliased(aliases, path):
                images[found.group(1)] = path
    if not images:
        return text
    value = re.compile(r"=\{\s*(" + "|".join(map(re.escape, images)) + r")(?:\.src)?\s*\}")
    for at, line in enumerate(lines):
        if not code[at] and "={" in line:
            lines[at] = value.sub(lambda m: f'="{images[m.group(1)]}"', line)
    return "\n".join(lines)
