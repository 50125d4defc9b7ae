"""Gitignore-style globs, compiled once: which pattern decides a path.

A pattern is matched against a path relative to its source folder, with ``/`` separators:

- ``*`` matches any run of characters except ``/``; ``?`` one character except ``/``;
- ``**`` as a whole segment matches any number of folders (``a/**/b``, ``**/x``, ``docs/**``);
- a pattern without a ``/`` (other than a trailing one) matches the name at any depth, like
  ``_index.md`` or ``*.draft.md``; one with a ``/`` is anchored at the source folder, and a
  leading ``/`` only anchors (``/README.md`` is the top-level read-me alone);
- a trailing ``/`` matches folders only, and so everything under them;
- a leading ``!`` negates: a later ``!pattern`` takes back a path an earlier one matched.

The last matching pattern wins, as in ``.gitignore``. `site_glob` reads the other kind, the
globs site generators take in their own configuration (Hugo's cascade targets, Jekyll's
defaults), each matched against a whole path.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..lazyre import lazy


@dataclass(frozen=True, slots=True)
class Glob:
    """One compiled pattern."""

    text: str
    """The pattern as written."""
    negated: bool
    """It starts with ``!``: a match takes a path back out."""
    folders_only: bool
    """It ends with ``/``: it matches folders (and what is under them)."""
    regex: re.Pattern[str]
    """The pattern as a regular expression over a whole relative path."""


def _segment(segment: str) -> str:
    """Return the pattern of one part of a path (no ``/`` in it): ``*`` any run of characters
    but ``/``, ``?`` one. The pieces between stars are each matched where they are first found,
    in an atomic group (``a*b*c`` is ``a(?>[^/]*?b)[^/]*c``): the same paths match as with a
    plain ``[^/]*`` for each star, without the time that takes growing as a power of the stars
    (``*a*a*a*a*a*a*a*b`` took 7.7 s on one name of 60 characters). A piece is found at its
    first place safely because it has a fixed length and the star after it takes up any gap."""
    pieces = [_piece(p) for p in re.sub(r"\*+", "*", segment).split("*")]
    if len(pieces) == 1:
        return pieces[0]
    middle = "".join(f"(?>[^/]*?{p})" for p in pieces[1:-1])
    return f"{pieces[0]}{middle}[^/]*{pieces[-1]}"


def _piece(text: str) -> str:
    """Return the pattern of a piece of a part without stars: ``?`` one character but ``/``,
    ``[abc]`` (``[!abc]``, ``[a-z]``) one of a set, as in ``.gitignore``; the rest as written."""
    out, at = [], 0
    while at < len(text):
        char = text[at]
        end = text.find("]", at + 2) if char == "[" else -1
        negated = text[at + 1 : at + 2] in ("!", "^")
        if end > 0 and end > at + 1 + negated:
            out.append(("[^/" if negated else "[") + _class(text[at + 1 + negated : end]) + "]")
            at = end + 1
            continue
        out.append("[^/]" if char == "?" else re.escape(char))
        at += 1
    return "".join(out)


def _class(inner: str) -> str:
    """Return the characters of a set (``a-z0-9_``) as a regular expression's set holds them: a
    range running backwards (``z-a``) is its three characters."""
    out, at = [], 0
    while at < len(inner):
        if at + 2 < len(inner) and inner[at + 1] == "-" and inner[at] <= inner[at + 2]:
            out.append(re.escape(inner[at]) + "-" + re.escape(inner[at + 2]))
            at += 3
        else:
            out.append(re.escape(inner[at]))
            at += 1
    return "".join(out)


def compile_glob(text: str) -> Glob:
    """Compile one pattern; raise ValueError when it is empty."""
    pattern = text.strip()
    negated = pattern.startswith("!")
    if negated:
        pattern = pattern[1:]
    folders_only = pattern.endswith("/")
    pattern = pattern.rstrip("/")
    anchored = "/" in pattern
    pattern = pattern.lstrip("/")
    if not pattern:
        raise ValueError(f"empty pattern '{text}'")
    parts = pattern.split("/")
    return Glob(text, negated, folders_only, re.compile(_path(parts if anchored else ["**", *parts]) + r"\Z"))


def _path(parts: list[str]) -> str:
    """Return the pattern of a path's parts: a ``**`` part any number of folders (the rest of
    the path when last). The parts between two ``**`` are matched where they are first found, in
    an atomic group, as `_segment` matches the pieces between stars: the same paths match,
    without the time growing as a power of the ``**`` parts (twelve ``**/*x`` took 4 s on one
    path 24 folders deep). Runs of ``**`` are one."""
    merged = [p for i, p in enumerate(parts) if p != "**" or not i or parts[i - 1] != "**"]
    blocks: list[list[str]] = [[]]
    for part in merged:
        if part == "**":
            blocks.append([])
        else:
            blocks[-1].append(part)
    if len(blocks) == 1:
        return "/".join(_segment(p) for p in blocks[0])
    regex = "".join(_segment(p) + "/" for p in blocks[0])
    for block in blocks[1:-1]:
        regex += "(?>(?:[^/]+/)*?" + "".join(_segment(p) + "/" for p in block) + ")"
    last = blocks[-1]
    return regex + ("(?:[^/]+/)*" + "/".join(_segment(p) for p in last) if last else ".*")


@dataclass(frozen=True, slots=True)
class GlobSet:
    """Patterns in order; `decide` tells which one has the last word on a path."""

    globs: tuple[Glob, ...] = ()
    """The compiled patterns, in the order written."""

    @classmethod
    def of(cls, patterns: tuple[str, ...] | list[str]) -> GlobSet:
        """Compile ``patterns`` (raise ValueError on an empty one)."""
        return cls(tuple(compile_glob(p) for p in patterns))

    def decide(self, rel: str) -> Glob | None:
        """Return the last pattern matching file ``rel`` (negated or not), or None.

        A folder pattern matches a file when it matches one of the file's folders.
        """
        folders = rel.split("/")[:-1]
        prefixes = ["/".join(folders[: i + 1]) for i in range(len(folders))]
        for glob in reversed(self.globs):
            if glob.folders_only:
                if any(glob.regex.match(p) for p in prefixes):
                    return glob
            elif glob.regex.match(rel) or any(glob.regex.match(p) for p in prefixes):
                return glob
        return None

    def left_out(self, folder: str) -> bool:
        """Whether this set (a source's excludes) leaves out the folder ``folder`` with all it
        holds: a pattern leaves out the folder or one above it, and no ``!`` pattern after that
        one may take back a path inside it (``!/docs/*/**/*.md`` after ``/**`` may, in ``docs/3.1``)."""
        rel = folder + "/"
        decided = self.decide(rel)
        if decided is None or decided.negated:
            return False
        at = max(i for i, glob in enumerate(self.globs) if glob is decided)
        return not any(glob.negated and _may_hold(glob.text, folder) for glob in self.globs[at + 1 :])

    def matches(self, rel: str) -> Glob | None:
        """Return the pattern that puts ``rel`` in this set, or None when none does (or a ``!`` took it back)."""
        glob = self.decide(rel)
        return None if glob is None or glob.negated else glob


def _may_hold(pattern: str, folder: str) -> bool:
    """Return whether ``pattern`` may match a path inside ``folder``: each of its parts matches
    the folder's part at its place, up to a ``**`` part or the end of either (a pattern without
    a ``/`` matches a name at any depth)."""
    text = pattern.strip().removeprefix("!").rstrip("/")
    if "/" not in text:
        return True
    for part, name in zip(text.lstrip("/").split("/"), folder.split("/"), strict=False):
        if part == "**":
            return True
        if _part(part).fullmatch(name) is None:
            return False
    return True


@functools.lru_cache(maxsize=1024)
def _part(part: str) -> re.Pattern[str]:
    return re.compile(_segment(part))


@functools.lru_cache(maxsize=256)
def site_glob(pattern: str, *, ignore_case: bool = False) -> re.Pattern[str]:
    """Return a glob as site generators write them in their configuration (Hugo's cascade
    targets, Jekyll's defaults scopes) as a pattern to match a whole path: ``*`` within a part,
    ``**`` across parts, ``?`` one character, ``{a,b}`` either."""
    if "**" not in pattern and "{" not in pattern:  # each part as `_segment` reads it: no runaway stars
        return re.compile("/".join(_segment(p) for p in pattern.split("/")), re.I if ignore_case else 0)
    out, depth = [], 0
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "{":
            out.append("(?:")
            depth += 1
        elif ch == "}" and depth:
            out.append(")")
            depth -= 1
        elif ch == "," and depth:
            out.append("|")
        else:
            out.append(re.escape(ch))
        i += 1
    return re.compile("".join(out) + ")" * depth, re.I if ignore_case else 0)


_BRACES = lazy(r"\{([^{}]*,[^{}]*)\}")
MOST_EXPANDED = 64
"""The most globs one glob with braces stands for (``{a,b}`` in a generator's glob)."""


def expanded(glob: str) -> list[str]:
    """Return the globs a generator's glob with braces stands for, as micromatch and Go's globs
    read them (``*.{md,mdx}`` is ``*.md`` and ``*.mdx``; nested braces, inner first); the glob
    itself without any (at most `MOST_EXPANDED`)."""
    todo, done = [glob], list[str]()
    while todo and len(done) + len(todo) <= MOST_EXPANDED:
        one = todo.pop(0)
        found = _BRACES.search(one)
        if found is None:
            done.append(one)
            continue
        todo += (one[: found.start()] + part + one[found.end() :] for part in found.group(1).split(","))
    return (done + todo)[:MOST_EXPANDED]
