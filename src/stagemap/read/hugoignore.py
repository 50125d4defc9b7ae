"""Hugo's ``ignoreFiles``: regular expressions naming the content files Hugo leaves out of its build.

Hugo matches each expression, anywhere in the text (``vendor/.*`` needs no ``^`` or ``$``),
against the absolute path on the machine building the site of every file and folder it walks
under its content folder (``/home/me/site/content/vendor/notes.md``, and
``/home/me/site/content/vendor`` before it), with Go's regular expressions: a folder named is
not entered, so ``/vendor$`` leaves out every file below it. stagemap matches the same paths
(its source folder's absolute path, then the file's path under it, and each folder's on the
way) and leaves such a file out: an ``excluded`` fate naming the expression. The file stays on
disk, so a page that shows it with an include shortcode still does.

Go's engine never backtracks; Python's ``re`` does, and an expression from a site's
configuration could then take hours on one path (``(a+)+$``, or many ``.*`` in a row). So an
expression is applied only within bounds (each a warning at the configuration file when it is
not): at most `MAX_PATTERNS` of them, each at most `MAX_PATTERN` characters, no repeated group
that holds a repetition or a ``|`` (``(x+)*``, ``(a|b)+``, ``(a?){24}``), at most
`MAX_REPEATS` variable repetitions in all (``*``, ``+``, ``?``, ``{m,}``, ``{m,n}``). What Go's
expressions do not have (backreferences, lookarounds, ``**``) Hugo does not leave out: it stops,
building nothing ("failed to compile ignoreFiles pattern"), as it does on any expression Go
cannot compile. stagemap leaves such an expression out with a warning saying so, and goes on
reading, so that the rest of the site can still be checked.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..errors import Problem
from ..lazyre import lazy
from ..model.library import FileFate
from .sources import Scan, ToRead

KEY = "ignoreFiles"
"""The key in Hugo's configuration, as Hugo spells it (any case is read)."""
MAX_PATTERNS = 64
"""The most expressions applied; those after them are left out, with a warning."""
MAX_PATTERN = 300
"""The longest expression applied, in characters."""
MAX_REPEATS = 2
"""The most variable repetitions one expression may hold (``?`` is one): three ``.*`` took
0.2 s on one path of 200 characters, four took 4 s."""
_COUNTED = lazy(r"\{(\d+)(,(\d*))?\}")
"""A counted repetition: ``{m}``, ``{m,}``, ``{m,n}``."""
_NOT_GO = ("(?=", "(?!", "(?<=", "(?<!", "(?P=", "(?>")
"""Lookarounds, a named backreference, an atomic group: Python has them, Go's expressions do not."""
_STOPS = "Hugo stops its build on it"
"""What Hugo does with an expression Go cannot compile."""
_BACKREFERENCE = lazy(r"(?<!\\)(?:\\\\)*\\[1-9]")
"""A numbered backreference (``\\1``), not an escaped backslash before a digit."""


@dataclass(frozen=True, slots=True)
class IgnoreFiles:
    """Hugo's ``ignoreFiles``, as its configuration file gives it."""

    patterns: tuple[str, ...]
    """The expressions, as written."""
    line: int = 0
    """The line of the key in the file (0: not known)."""


def ignore_files(data: dict[Any, Any], text: str) -> IgnoreFiles | None:
    """Return the ``ignoreFiles`` of Hugo's configuration ``data`` (read from ``text``; the key in
    any case): a list of texts, or one text, which Hugo splits at its spaces; None without any."""
    value = next((v for k, v in data.items() if str(k).lower() == KEY.lower()), None)
    if isinstance(value, str):
        found = tuple(value.split())
    elif isinstance(value, list):
        found = tuple(str(v) for v in value if isinstance(v, str | int | float) and str(v))
    else:
        return None
    line = next((n for n, t in enumerate(text.splitlines(), 1) if KEY.lower() in t.lower()), 0)
    return IgnoreFiles(found, line) if found else None


def without_ignored(found: Scan, ignore: IgnoreFiles, config: str) -> Scan:
    """Return ``found`` with every file an expression of ``ignore`` names moved from what is to
    read (and from the sections, whose cascade Hugo never reads then) to the excluded; an
    expression not applied is a warning at the configuration file ``config``."""
    applied, problems = compiled(ignore.patterns, config, ignore.line)
    if not applied:
        return replace(found, problems=(*found.problems, *problems)) if problems else found
    fates: dict[str, FileFate] = {}
    for item in (*found.to_read, *found.sections):
        named = item.rel not in fates and _named(item, applied)
        if named:
            reason = f"excluded by Hugo's {KEY} '{named}'"
            fates[item.rel] = FileFate(item.rel, "excluded", "", f"{KEY} '{named}'", reason)
    if not fates:
        return replace(found, problems=(*found.problems, *problems))
    kept = (f for f in found.fates if f.path not in fates)  # a section's listing fate: excluded first
    return replace(
        found,
        to_read=tuple(i for i in found.to_read if i.rel not in fates),
        sections=tuple(i for i in found.sections if i.rel not in fates),
        fates=tuple(sorted((*kept, *fates.values()), key=_path)),
        problems=(*found.problems, *problems),
    )


def _path(fate: FileFate) -> str:
    return fate.path


def _named(item: ToRead, applied: Sequence[tuple[str, re.Pattern[str]]]) -> str:
    """Return the first expression that names ``item`` by its absolute path or a folder above it
    under its source by the folder's (``/vendor$`` names ``content/docs/vendor/inc.md``), or
    empty: Hugo's walk filters every entry of a folder, folders too, and enters none it drops."""
    parts = item.sub.split("/")
    paths = [(item.source.path / "/".join(parts[:n])).as_posix() for n in range(1, len(parts) + 1)]
    return next((text for text, pattern in applied if any(pattern.search(p) for p in paths)), "")


def compiled(
    patterns: Sequence[str], config: str, line: int
) -> tuple[list[tuple[str, re.Pattern[str]]], list[Problem]]:
    """Return each expression applied with its compiled pattern, and a warning for each left out."""
    applied: list[tuple[str, re.Pattern[str]]] = []
    problems: list[Problem] = []
    for index, text in enumerate(patterns):
        why = f"more than {MAX_PATTERNS} expressions" if index >= MAX_PATTERNS else costly(text)
        pattern = None if why else _compile(text)
        if isinstance(pattern, re.Pattern):
            applied.append((text, pattern))
            continue
        problems.append(
            Problem(
                config,
                line,
                0,
                "warning",
                f"{KEY} '{text}' is not applied: {why or pattern}",
                "write it more simply; until then the files it names are read",
                "ignore-files",
            )
        )
    return applied, problems


def _compile(text: str) -> re.Pattern[str] | str:
    """Return ``text`` compiled (Go's ``\\z`` is Python's ``\\Z``), or why it cannot be."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a POSIX class ([[:alpha:]]) is a FutureWarning
        try:
            return re.compile(text.replace(r"\z", r"\Z"))
        except (re.error, FutureWarning) as exc:
            return f"not a regular expression stagemap reads ({exc})"


# long: one pass over the expression, each kind of character in its branch
def costly(text: str) -> str:
    """Return why matching ``text`` could take Python's ``re`` too long, or why Go refuses it;
    empty when neither."""
    if len(text) > MAX_PATTERN:
        return f"longer than {MAX_PATTERN} characters"
    if any(mark in text for mark in _NOT_GO) or _BACKREFERENCE.search(text):
        return f"a lookaround or backreference, which Go's expressions do not have ({_STOPS})"
    groups: list[list[bool]] = [[False, False]]  # per open group: holds a repetition, holds a '|'
    closed: list[bool] | None = None  # the group just closed, which a repetition may follow
    repeats, pos, after = 0, 0, False  # after: just after a repetition
    while pos < len(text):
        char, group, closed = text[pos], closed, None
        counted = _COUNTED.match(text, pos) if char == "{" else None
        if char in "*+?" or counted is not None:
            if after and char == "?":  # lazy: ``.*?``
                pos, after = pos + 1, False
                continue
            if after:
                return f"a repetition of a repetition, which Go's expressions refuse ({_STOPS})"
            ranged = counted is not None and counted[2] is not None  # {m,} or {m,n}
            many = char in "*+" or ranged or (counted is not None and int(counted[1]) > 1)
            # ``?`` and ``{0,1}`` too: ``(a?){24}a{24}`` backtracks through 2**24 ways on 24 a's
            variable = char in "*+?" or (ranged and counted is not None and counted[3] != counted[1])
            if group is not None and many and (group[0] or group[1]):
                return "a repeated group holding a repetition or a '|'"
            repeats += variable
            groups[-1][0] = groups[-1][0] or variable
            pos, after = (counted.end() if counted is not None else pos + 1), True
            continue
        after = False
        if char == "\\":
            pos += 2
        elif char == "[":
            pos = class_end(text, pos)
        elif char == "(":
            groups.append([False, False])
            pos = _group_start(text, pos + 1)
        elif char == ")" and len(groups) > 1:
            closed = groups.pop()
            groups[-1] = [groups[-1][0] or closed[0], groups[-1][1] or closed[1]]
            pos += 1
        else:
            groups[-1][1] = groups[-1][1] or char == "|"
            pos += 1
    if repeats > MAX_REPEATS:
        return f"more than {MAX_REPEATS} repetitions (*, +, ?, {{m,n}})"
    return ""


def _group_start(text: str, pos: int) -> int:
    """Return where a group's expression starts, ``pos`` being just after its ``(``: past
    ``?:``, ``?i:``, ``?P<name>`` (a ``(?i)`` ends where its ``)`` is)."""
    if not text.startswith("?", pos):
        return pos
    if text.startswith("?P<", pos):
        end = text.find(">", pos)
        return len(text) if end < 0 else end + 1
    pos += 1
    while pos < len(text) and (text[pos].isalpha() or text[pos] == "-"):
        pos += 1
    return pos + text.startswith(":", pos)


def class_end(text: str, start: int) -> int:
    """Return the position after the character class opening at ``start`` (``[^]a-z]``)."""
    pos = start + 1
    pos += text.startswith("^", pos)
    pos += text.startswith("]", pos)  # a ']' first is one of the characters
    while pos < len(text) and text[pos] != "]":
        pos += 2 if text[pos] == "\\" else 1
    return pos + 1
