"""Read CSV text cell by cell, keeping where each cell starts.

Python's csv module knows neither the line nor the column of a cell, and a problem in an
export must point at both.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of a CSV file and where it starts."""

    line: int
    """1-based line."""
    col: int
    """1-based column in characters."""
    text: str
    """The value, quotes removed."""


def records(text: str, delimiter: str, problems: list[tuple[int, int, str]]) -> Iterator[list[Cell]]:
    """Yield the records of CSV ``text``, each a list of cells with their positions.

    Quoted cells may hold delimiters, doubled quotes and line breaks. Spaces around a value
    are dropped. A quote never closed is added to ``problems``. Blank lines are skipped.
    """
    i, line, col, n = 0, 1, 1, len(text)
    while i < n:
        record: list[Cell] = []
        while True:
            start_line, start_col, parts = line, col, []
            quoted = i < n and text[i] == '"'
            if quoted:
                i, col = i + 1, col + 1
                while i < n and not (text[i] == '"' and text[i + 1 : i + 2] != '"'):
                    step = 2 if text[i] == '"' else 1  # a doubled quote stands for one
                    parts.append(text[i])
                    line, col = (line + 1, 1) if text[i] == "\n" else (line, col + step)
                    i += step
                if i >= n:
                    problems.append((start_line, start_col, "a quoted cell is never closed"))
                i, col = i + 1, col + 1
            while i < n and text[i] not in (delimiter, "\n", "\r"):
                parts.append(text[i])
                i, col = i + 1, col + 1
            record.append(Cell(start_line, start_col, "".join(parts).strip()))
            if i < n and text[i] == delimiter:
                i, col = i + 1, col + 1
                continue
            break
        i += 2 if text[i : i + 2] == "\r\n" else 1
        line, col = line + 1, 1
        if record != [Cell(record[0].line, 1, "")]:
            yield record


def guess_delimiter(text: str) -> str:
    """Guess the delimiter from the header line: comma unless ';' or tab is more frequent."""
    header = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=lambda d: (header.count(d), d == ","))
