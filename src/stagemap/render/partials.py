"""MDX's reusable content: a page that imports another Markdown file and shows it as a component.

Docusaurus (and Astro, Gatsby) pages may say ``import NeedHelp from '@site/docs/_need-help.mdx'``
and then ``<NeedHelp />`` on a line of its own: the live site shows that file's content there.
So does the page here: the file is read (a path relative to the page's file, or ``@site/``
for the site's root, the project's folder; a package or another alias is not a file to read),
its front matter left out, and its own imports shown the same way, up to `MAX_DEPTH` files
deep and never a file inside itself. A component used within a line, or given children,
is left to the MDX reading (`stagemap.render.jsx`), as is one whose file cannot be read.

A file is read only from inside the project (a link leading out of it is not followed), up
to `MAX_PARTIAL` bytes, once per content (keyed by its size and modification time). What a
page shows of its partials is part of its key (`stagemap.write.depends`): editing a partial
re-renders the pages that show it.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from ..read.frontmatter import SplitProblem, split

MAX_DEPTH = 4
"""How many files deep partials are shown (a partial's partial's ...)."""
MAX_PARTIAL = 256 * 1024
"""The largest partial read, in bytes."""

_IMPORT = re.compile(r"""^import\s+([A-Z_$][\w$]*)\s+from\s+(['"])([^'"\n]+?\.mdx?)\2\s*;?[ \t]*\r?$""", re.M)
# A component on a line of its own, without children: ``<NeedHelp />``, ``  <Note kind="x"/>``.
_USE = re.compile(r"""^([ \t>]*)<([A-Z_$][\w$]*)(?:\s+[^<>]*?)?\s*/>[ \t]*\r?$""", re.M)


def applies(rel: str, generator: str, body: str) -> bool:
    """Whether the file at ``rel`` may show partials: MDX (a Docusaurus site reads ``.md`` as MDX
    too) that imports something."""
    return (generator == "docusaurus" or rel.lower().endswith(".mdx")) and "import" in body


def imported(body: str, rel: str) -> dict[str, str]:
    """Return the Markdown files ``body`` (of the file at ``rel`` in the project) imports, by
    component name, each as a path in the project; one that is no file in it is left out."""
    found: dict[str, str] = {}
    for match in _IMPORT.finditer(body):
        spec = match.group(3).replace("\\_", "_")  # an escaped '_' in a .md file's import
        if spec.startswith("@site/"):
            path = posixpath.normpath(spec.removeprefix("@site/"))
        elif spec.startswith(("./", "../")):
            path = posixpath.normpath(posixpath.join(posixpath.dirname(rel), spec))
        else:
            continue
        if path != ".." and not path.startswith(("../", "/")):
            found[match.group(1)] = path
    return found


def inline(body: str, rel: str, root: Path) -> str:
    """Return ``body`` with each component it imports from a Markdown file, used on a line of its
    own, replaced by that file's body (see the module docstring)."""
    return _inline(body, rel, root, (rel,))


def shown(body: str, rel: str, root: Path) -> Iterator[tuple[str, str | None]]:
    """Yield each partial ``inline`` would show in ``body``, however deep: its path, and its
    body (None when it cannot be read). For a page's key."""
    yield from _used(body, rel, root, (rel,))


def _used(body: str, rel: str, root: Path, seen: tuple[str, ...]) -> Iterator[tuple[str, str | None]]:
    if len(seen) > MAX_DEPTH or "import" not in body:
        return
    names = imported(body, rel)
    if not names:
        return
    used = {m.group(2) for m in _USE.finditer(body)}
    for name, path in names.items():
        if name in used and path not in seen:
            text = partial_body(root, path)
            yield path, text
            if text is not None:
                yield from _used(text, path, root, (*seen, path))


def _inline(body: str, rel: str, root: Path, seen: tuple[str, ...]) -> str:
    if len(seen) > MAX_DEPTH or "import" not in body:
        return body
    names = imported(body, rel)
    if not names:
        return body

    def replace(match: re.Match[str]) -> str:
        path = names.get(match.group(2))
        text = partial_body(root, path) if path is not None and path not in seen else None
        if path is None or text is None:
            return match.group()
        inner = _inline(text, path, root, (*seen, path)).strip("\n")
        prefix = match.group(1)
        return "\n".join(prefix + line if line.strip() else prefix.rstrip() for line in inner.split("\n"))

    return _USE.sub(replace, body)


def partial_body(root: Path, path: str) -> str | None:
    """Return the body of the Markdown file at ``path`` in the project at ``root`` (its front
    matter left out), or None when it is no regular file inside the project or too big."""
    base = os.path.realpath(root)
    real = os.path.realpath(os.path.join(base, path))
    if os.path.commonpath([base, real]) != base:
        return None
    try:
        info = os.stat(real)
    except (OSError, ValueError):
        return None
    if not os.path.isfile(real) or info.st_size > MAX_PARTIAL:
        return None
    return _read(real, info.st_size, info.st_mtime_ns)


@lru_cache(maxsize=256)
def _read(real: str, size: int, mtime_ns: int) -> str | None:
    """The body of the file at ``real`` as it was at that size and time (see `partial_body`)."""
    try:
        with open(real, "rb") as handle:
            data = handle.read(MAX_PARTIAL + 1)
    except OSError:
        return None
    if len(data) > MAX_PARTIAL:
        return None
    try:
        return split(data).body
    except SplitProblem:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None
