"""Expressive Code's file names in comments: the title of a code block that names its file in
its first lines (``// src/greet.js``, ``<!-- page.html -->``, ``# tool.py``).

Starlight (and astro-expressive-code) frame each code block; where the fence gives no title,
the frame takes one from a comment on one of the first four lines of the code that holds a file
name and nothing else (or a prefix ending in a colon: ``// Example file: x.ts``), and that line
leaves the code, with an empty line after it. A name that could be something else is taken only
when it looks like a file's: a path (``./x``, ``~/x``, ``a/b``, lower case), a dot file, or an
extension of the code's own kind (no ``.css`` name over JavaScript). `file_name_titles` writes
such a block with that ``title="..."``, which `stagemap.render.blocks.fence_titles` shows.
"""

from __future__ import annotations

import re

from ..lazyre import lazy
from .blocks import DEEP_FENCE, FENCE

_GROUPS = (
    ("astro", "cjs", "htm", "html", "js", "jsx", "mjs", "svelte", "ts", "tsx", "typescript", "vb", "vue",
     "vue-html"),
    ("ansi", "bash", "bat", "batch", "cmd", "console", "fish", "nu", "nushell", "powershell", "ps", "ps1",
     "psd1", "psm1", "sh", "shell", "shellscript", "shellsession", "zsh"),
    ("csv", "env", "ini", "json", "toml", "xml", "yaml", "yml"),
    ("css", "less", "sass", "scss", "styl", "stylus", "xsl"),
    ("markdown", "md", "mdx"),
)  # fmt: skip
"""The kinds of language Expressive Code knows, each a group: a name's extension must be of the
code's own group when the code's language is in one. The second is the terminal's."""
_EXTENSIONS = "|".join(sorted({name for group in _GROUPS for name in group}))
_COMMENT = lazy(
    r"^\s*(?://|#(?!!)|<!--|/\*)\s*(?:((?![a-z]:).*?)(?:\uff1a|:(?!//)))?\s*"
    rf"((?:[a-z]:)?[\w./~%\[\]+\\-]*(?:\.(?:{_EXTENSIONS}))?)\s*(?:-->|\*/)?\s*$",
    re.I,
)
"""A comment holding a file name, maybe after a prefix ending in a colon (not a drive's, ``C:``,
nor a scheme's, ``https://``)."""
_TYPICAL = lazy(r"^(?:/|\\|\.[/\\]|~|[a-z]:).+", re.I)
_INFO = lazy(r"^([ \t]*)(`{3,}|~{3,})[ \t]*([\w#.+-]*)([^\n]*)$")
_FRONT_MATTER = ("markdown", "md", "mdx", "astro", "toml", "yaml", "yml")


def file_name(line: str, language: str) -> str | None:
    """Return the file name a code line's comment gives, as Expressive Code reads one, or None."""
    found = _COMMENT.match(line)
    name = found.group(2) if found else ""
    if not name or not re.search(r"[^.:/\\~]", name) or re.match(r"\.{2,}(?![/\\])", name):
        return None
    group = next((g for g in _GROUPS if language in g), None)
    bare = re.sub(r"^.*[/\\]", "", name)
    typical = (
        _TYPICAL.match(name)
        or bare.startswith(".")
        or (re.search(r"[/\\]", name) and re.search(r"[^/\\0-9.]", name) and name == name.lower())
    )
    if typical and (not found.group(1) or group is _GROUPS[1]):  # type: ignore[union-attr]
        return name
    extension = bare.rsplit(".", 1)[1].lower() if "." in bare else ""
    return name if extension and (group is None or extension in group) else None


def file_name_titles(text: str, deep: bool = False) -> str:
    """Return ``text`` with each fenced code block that has no title, but names its file in a
    comment on one of its first four lines, titled by it (``title="..."``), that line out of its
    code (see the module docstring). ``deep``: a fence opens at any indentation (MDX)."""
    lines = text.split("\n")
    out: list[str] = []
    at = 0
    while at < len(lines):
        line = lines[at]
        opening = (DEEP_FENCE if deep else FENCE).match(line)
        info = _INFO.match(line) if opening else None
        if info is None:
            out.append(line)
            at += 1
            continue
        end = _closing(lines, at, info.group(2))
        code = lines[at + 1 : end]
        if "title=" not in info.group(4) and '"' not in info.group(4):
            code, name = _without_name(code, info.group(3).lower())
            if name is not None and '"' not in name:
                line = f'{line.rstrip()} title="{name}"'
        out += [line, *code, *lines[end : end + 1]]
        at = end + 1
    return "\n".join(out)


def _without_name(code: list[str], language: str) -> tuple[list[str], str | None]:
    """Return a block's code lines without the comment naming its file, and that name (None: none)."""
    for index, line in enumerate(code[:4]):
        name = file_name(line, language)
        if name is None:
            continue
        kept = code[:index] + code[index + 1 :]
        fence = kept[index - 1].strip() if 0 < index < len(kept) else ""
        if language in _FRONT_MATTER and fence in ("---", "+++") and kept[index].strip() == fence:
            index -= 1  # front matter left empty: gone too
            kept = kept[:index] + kept[index + 2 :]
        if index < len(kept) and not kept[index].strip():
            kept = kept[:index] + kept[index + 1 :]
        return kept, name
    return code, None


def _closing(lines: list[str], start: int, fence: str) -> int:
    """Return the index of the line closing the fence opened at ``start`` (the end if none)."""
    for at in range(start + 1, len(lines)):
        stripped = lines[at].strip()
        if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
            return at
    return len(lines)
