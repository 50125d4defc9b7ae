"""Errors that stop a run, and problems that are only reported.

A content problem (a bad asset) is data: a `Problem` is collected and printed with the rest.
Anything that stops the command (a broken stagemap.yml, an unknown stage on the command line)
is a `StagemapError`; the main command group (cli/app.py) turns it into one ``Error: ...``
message and its exit code (2).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong in the library, anchored to a place in a file."""

    path: str
    """File path relative to the project root, with forward slashes."""
    line: int
    """1-based line in the file (0 when the problem concerns the whole file)."""
    col: int
    """1-based column in characters (0 when unknown)."""
    severity: Severity
    """``error`` fails a check; ``warning`` fails only with ``--strict``."""
    message: str
    """What is wrong, in one sentence without a final full stop."""
    hint: str = ""
    """How to fix it (valid choices, a did-you-mean), or empty."""
    code: str = ""
    """A stable identifier for the kind of problem, e.g. ``unknown-stage``."""

    def format(self) -> str:
        """Return the ``path:line:col: severity: message (hint)`` line."""
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        text = f"{where}: {self.severity}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    def as_dict(self) -> dict[str, object]:
        """Return the problem as JSON-ready data."""
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


class StagemapError(Exception):
    """A failure that stops the command; its message is shown to the user as is."""

    exit_code = 2


class ConfigError(StagemapError):
    """stagemap.yml (or a model file it names) is missing or wrong."""


class UsageError(StagemapError):
    """The command line asks for something that does not exist."""


class OutputError(StagemapError):
    """A file could not be written, or a path would leave the output folder."""


class TemplateError(StagemapError):
    """A Jinja template failed to load or render."""


def suggest(word: str, choices: Iterable[str]) -> str:
    """Return a ``did you mean 'x'?`` hint, or the list of valid choices."""
    options = list(dict.fromkeys(choices))
    close = difflib.get_close_matches(word, _candidates(word, options), n=1, cutoff=0.6)
    if not close and word:
        # The one option that starts or ends with what was typed ("owner" for "owner-operator").
        partial = [o for o in options if o.startswith(word) or o.endswith(word)]
        close = partial if len(partial) == 1 else []
    if close:
        return f"did you mean '{close[0]}'?"
    return choices_hint(options)


_MANY = 200


def _candidates(word: str, options: list[str]) -> list[str]:
    """Narrow a long list (thousands of asset ids) to plausible matches before difflib.

    difflib compares against every option; with 10,000 ids and many misses that costs
    seconds. A typo rarely changes the folder or the length by much.
    """
    if len(options) <= _MANY:
        return options
    folder = word.rpartition("/")[0]
    near = [o for o in options if abs(len(o) - len(word)) <= 3 and o.rpartition("/")[0] == folder]
    return near[: _MANY * 5]


def choices_hint(choices: Iterable[str]) -> str:
    """Return ``valid: a, b, c`` (the first twenty of a long list, and how many in all)."""
    options = list(choices)
    if not options:
        return "none are defined"
    if len(options) > 20:
        return "valid: " + ", ".join(options[:20]) + f", ... ({len(options)} in all)"
    return "valid: " + ", ".join(options)
