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
    return "".join("[^/]" if char == "?" else re.escape(char) for char in text)


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
    regex = ""
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if part == "**":
            regex += ".*" if last else "(?:[^/]+/)*"
        else:
            regex += _segment(part) + ("" if last else "/")
    if not anchored:
        regex = "(?:[^/]+/)*" + regex
    return Glob(text, negated, folders_only, re.compile(regex + r"\Z"))


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

    def matches(self, rel: str) -> Glob | None:
        """Return the pattern that puts ``rel`` in this set, or None when none does (or a ``!`` took it back)."""
        glob = self.decide(rel)
        return None if glob is None or glob.negated else glob


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
