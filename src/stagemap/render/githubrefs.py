"""docusaurus-theme-github-codeblock's ``reference`` code blocks, shown as a link to the file.

A site whose configuration names the theme (`stagemap.read.sitepackages.GITHUB_CODEBLOCK`)
writes a code block with the word ``reference`` after its language, holding the address of a
file on GitHub, perhaps with the lines it wants (``#L10-L20``, or ``#L10`` for one)::

    ```js reference title="Setup"
    https://github.com/example/tools/blob/main/src/setup.js#L10-L20
    ```

The live page's browser fetches those lines and shows them as a code block, titled with the
file's path in its repository (or the block's ``title="..."``), with a link to the file on
GitHub under it. stagemap never goes to the network: the block is its title (as a code
block's title shows, `stagemap.render.blocks.fence_titles`) over a link to the file, labelled
with the file's name and the lines the live page shows. A block whose text is not one such
address stays as written, as any code block.
"""

from __future__ import annotations

from ..lazyre import lazy
from .blocks import escape

_OPENING = lazy(r"([ \t]*)(`{3,}|~{3,})([^\n]*)")
"""A line opening a fenced code block: its indentation, its fence and its info string."""
_ADDRESS = lazy(
    r"https://github\.com/([^/\s#?]+)/([^/\s#?]+)/blob/([^/\s#?]+)/([^\s#?]+)(?:\?[^\s#]*)?"
    r"(?:#L(\d{1,9})(?:C\d{1,9})?(?:-L(\d{1,9})(?:C\d{1,9})?)?)?"
)
"""The address of a file on GitHub, with the lines wanted: its owner, repository, branch, path,
first line and last line. As the theme's ``parseReference`` reads it, a query (``?plain=1``) is
no part of the file's path, and a column after a line (``#L10C3-L20C5``) changes nothing."""
_UNSAFE_IN_LINK = lazy(r"[()<>\\]")
"""What a link's destination would read as Markdown: percent-encoded, the same address to GitHub."""
_TITLE = lazy(r"""(?:^|\s)title="([^"]*)\"""")
"""The title the block's meta gives (the theme reads ``title="..."`` alone, in double quotes)."""


def github_references(text: str) -> str:
    """Return ``text`` (LF lines) with each ``reference`` code block as its title and a link (see
    the module docstring). Every fenced block is read to its end, once (one inside another
    block, a page showing the syntax in a ```` ```md ```` block, stays as written)."""
    if "reference" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    at = 0
    while at < len(lines):
        opening = _OPENING.fullmatch(lines[at])
        if opening is None or (opening.group(2)[0] == "`" and "`" in opening.group(3)):
            out.append(lines[at])  # (a backtick in a backtick fence's info string: no fence)
            at += 1
            continue
        fence, end = opening.group(2), at + 1
        while end < len(lines) and not _closes(lines[end], fence):
            end += 1  # (never closed: the block runs to the page's end)
        found = _shown(opening.group(1), opening.group(3), lines[at + 1 : end]) if end < len(lines) else None
        if found is None:
            out += lines[at : end + 1]
        else:  # (a blank line around it, where there is none: the title is no paragraph's line)
            after = [""] if end + 1 < len(lines) and lines[end + 1].strip() else []
            out += ([""] if out and out[-1].strip() else []) + found + after
        at = end + 1
    return "\n".join(out)


def _closes(line: str, fence: str) -> bool:
    """Whether ``line`` closes a block opened with ``fence``: as many of its marks or more, alone."""
    stripped = line.strip()
    return stripped.startswith(fence) and not stripped.strip(fence[0])


def _shown(indent: str, info: str, inside: list[str]) -> list[str] | None:
    """Return the lines that show a ``reference`` block (its ``info`` string, the lines ``inside``
    it) at ``indent``, or None when it is no reference to a file on GitHub."""
    if "reference" not in info.split()[1:]:
        return None
    content = [line.strip() for line in inside if line.strip()]
    if len(content) != 1:
        return None
    given = content[0]
    found = _ADDRESS.fullmatch(given[given.find("https") :]) if "https" in given else None
    if found is None:
        return None
    path = found.group(4)
    titled = _TITLE.search(info)
    title = (titled.group(1) if titled and titled.group(1) else path).strip()  # (`* x *` is no emphasis)
    name = path.rpartition("/")[2]
    first, last = found.group(5), found.group(6)
    if first and last and int(last) > int(first):
        label = f"{name}, lines {first} to {last}, on GitHub"
    elif first and (not last or last == first):
        label = f"{name}, line {first}, on GitHub"
    else:  # (none, or the last before the first: the theme shows no line)
        label = f"{name} on GitHub"
    target = _UNSAFE_IN_LINK.sub(lambda m: f"%{ord(m.group()):02X}", found.group(0))
    heading = [f"{indent}*{escape(title)}*", ""] if title else []
    return [*heading, f"{indent}[{escape(label)}]({target})"]
