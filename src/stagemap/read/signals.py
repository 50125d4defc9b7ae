"""Read analytics and CRM exports (and stored signal files) into `SignalFile` values.

Every malformed cell is reported at its line and column (see `csvcells`). A bad row is a `Problem` and is left out; every other row
is kept, and so are columns no shape knows.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..errors import Problem, UsageError
from ..lazyre import lazy
from ..model.settings import ID_RE, SIGNALS_DIR
from ..model.signals import FORMULA_STARTS, SHAPES, Column, Kind, PageRow, Period, SignalFile, TouchRow
from .csvcells import Cell, guess_delimiter, records

_COUNT_RE = lazy(r"^(\d{1,3}(,\d{3})+|\d+)$")
_AMOUNT_RE = lazy(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_FLAGS = {
    "yes": True,
    "y": True,
    "true": True,
    "1": True,
    "no": False,
    "n": False,
    "false": False,
    "0": False,
}


def signals_dir(root: Path) -> Path:
    """Return the project's folder of stored signal files."""
    return root / SIGNALS_DIR


def _key(header: str) -> str:
    return re.sub(r"[\s\-]+", "_", header.strip().lower())


def detect_kind(headers: list[str]) -> Kind | None:
    """Return the shape a header row belongs to, or None when it fits neither or both."""
    keys = {_key(h) for h in headers}

    def has(kind: Kind, name: str) -> bool:
        column = next(c for c in SHAPES[kind] if c.name == name)
        return bool(keys & {column.name, *column.aliases})

    pages = has("pages", "views")
    deals = has("deals", "stage") and (has("deals", "deal") or has("deals", "contact"))
    if pages == deals:
        return None
    return "pages" if pages else "deals"


def _columns(kind: Kind, header: list[Cell]) -> tuple[dict[str, int], list[int]]:
    """Map each known column to its index in the header; return it and the unknown indexes."""
    known: dict[str, int] = {}
    unknown: list[int] = []
    for index, cell in enumerate(header):
        key = _key(cell.text)
        column = next((c for c in SHAPES[kind] if key == c.name or key in c.aliases), None)
        if column is None or column.name in known:
            unknown.append(index)
        else:
            known[column.name] = index
    return known, unknown


def _plain(text: str) -> str:
    """Undo the ``'`` that protects a stored cell from running as a formula."""
    if text.startswith("'") and text[1:].lstrip("'").startswith(FORMULA_STARTS):
        return text[1:]
    return text


def _value(column: Column, text: str) -> tuple[object, str]:
    """Return a cell's value, or (None, what is wrong) when it is malformed."""
    if column.type == "count":
        if _COUNT_RE.match(text):
            return int(text.replace(",", "")), ""
        return None, f"{column.name} '{text}' is not a whole number (write a count like 1200)"
    if column.type == "amount":
        plain = text.lstrip("$€£").replace(" ", "")
        if _AMOUNT_RE.match(plain):
            try:
                return Decimal(plain.replace(",", "")), ""
            except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
                pass
        return None, f"{column.name} '{text}' is not an amount (write a number like 1200.50)"
    if column.type == "date":
        try:
            return dt.date.fromisoformat(text[:10] if "T" in text[10:11] else text), ""
        except ValueError:
            return None, f"{column.name} '{text}' is not a date (write it like 2026-01-31)"
    if column.type == "flag":
        flag = _FLAGS.get(text.lower())
        if flag is None:
            return None, f"{column.name} '{text}' is not yes or no"
        return flag, ""
    return _plain(text), ""


class _Rows:
    """Reads the data rows of one export against its header, collecting problems."""

    def __init__(self, shown: str, kind: Kind, header: list[Cell], period: Period | None) -> None:
        self.shown, self.kind, self.period = shown, kind, period
        self.known, self.unknown = _columns(kind, header)
        self.width = len(header)
        self.problems: list[Problem] = []

    def problem(self, line: int, col: int, message: str, code: str) -> None:
        self.problems.append(Problem(self.shown, line, col, "error", message, code=code))

    def cells(self, record: list[Cell]) -> dict[str, object] | None:
        """Return a record's known values by column name, or None when it is malformed."""
        line = record[0].line
        if len(record) > self.width:
            extra = record[self.width]
            message = f"the row has {len(record)} cells but the header has {self.width}"
            self.problem(extra.line, extra.col, message, "bad-row")
            return None
        end = record[-1].col + len(record[-1].text) + 1
        values: dict[str, object] = {}
        ok = True
        for column in SHAPES[self.kind]:
            index = self.known.get(column.name)
            cell = record[index] if index is not None and index < len(record) else Cell(line, end, "")
            if any("\udc80" <= c <= "\udcff" for c in cell.text):
                self.problem(cell.line, cell.col, f"{column.name} is not UTF-8 text", "not-utf8")
                ok = False
            elif cell.text:
                value, wrong = _value(column, cell.text)
                if wrong:
                    self.problem(cell.line, cell.col, wrong, f"bad-{column.type}")
                    ok = False
                values[column.name] = value
            elif column.required:
                self.problem(cell.line, cell.col, f"the row has no {column.name}", "missing-value")
                ok = False
        ok = ok and self._period(values, record, end)
        if self.kind == "deals" and not values.get("deal") and not values.get("contact") and ok:
            self.problem(line, record[0].col, "the row names neither a deal nor a contact", "missing-value")
            ok = False
        return values if ok else None

    def _period(self, values: dict[str, object], record: list[Cell], end: int) -> bool:
        """Fill in the row's period from the default; False when it has none or it runs backwards."""
        start, last = values.get("period_start"), values.get("period_end")
        if start is None and last is None and self.kind == "deals":
            return True  # a deals export's period defaults to its first and last day
        start = start or (self.period.start if self.period else None)
        last = last or (self.period.end if self.period else None)
        where = self.known.get("period_end", self.known.get("period_start"))
        cell = record[where] if where is not None and where < len(record) else Cell(record[0].line, end, "")
        if not isinstance(start, dt.date) or not isinstance(last, dt.date):
            self.problem(
                cell.line, cell.col, "the row has no period (period_start and period_end)", "no-period"
            )
            return False
        if last < start:
            self.problem(
                cell.line, cell.col, f"the period ends ({last}) before it starts ({start})", "bad-date"
            )
            return False
        values["period"] = Period(start, last)
        return True

    def extra(self, record: list[Cell]) -> tuple[str, ...]:
        return tuple(_plain(record[i].text) if i < len(record) else "" for i in self.unknown)


def parse_period(text: str) -> Period:
    """Return the period written ``START..END`` (dates like 2026-01-31); raise `UsageError`."""
    first, sep, last = text.partition("..")
    try:
        period = Period(dt.date.fromisoformat(first), dt.date.fromisoformat(last))
    except ValueError:
        period = None
    if not sep or period is None:
        raise UsageError(f"'{text}' is not a period like 2026-01-01..2026-01-31")
    if period.end < period.start:
        raise UsageError(f"the period {text} ends before it starts")
    return period


class _Unusable(Exception):
    """The whole file cannot be read as an export (its message says why)."""


def parse_export(
    data: bytes,
    shown: str,
    *,
    kind: Kind | None = None,
    source: str | None = None,
    period: Period | None = None,
) -> tuple[SignalFile, tuple[Problem, ...]]:
    """Read one export (or a stored signal file) into a `SignalFile` and the problems of its rows.

    ``kind`` is detected from the header when None. ``source`` and ``period`` win over the
    file's ``source`` column and fill its empty period cells. Raises `UsageError` when the
    file as a whole cannot be used: no header, an unknown shape, a required column missing,
    no source or no period.
    """
    try:
        return _parse(data, shown, kind, source, period)
    except _Unusable as exc:
        raise UsageError(f"{shown}: {exc}") from None


def _parse(
    data: bytes, shown: str, kind: Kind | None, source: str | None, period: Period | None
) -> tuple[SignalFile, tuple[Problem, ...]]:
    text = data.decode("utf-8", "surrogateescape").removeprefix("\ufeff")
    unclosed: list[tuple[int, int, str]] = []
    rows = list(records(text, guess_delimiter(text), unclosed))
    if not rows:
        raise _Unusable("the file is empty; an export starts with a header row")
    kind = kind or detect_kind([cell.text for cell in rows[0]])
    if kind is None:
        raise _Unusable(
            "cannot tell the kind of export from its header (a page report has a 'views' column, "
            "a deals export a 'stage' column and a 'deal' or 'contact' column)"
        )
    reader = _Rows(shown, kind, rows[0], period)
    missing = [c.name for c in SHAPES[kind] if c.required and c.name not in reader.known]
    if missing:
        raise _Unusable(f"the header has no {' or '.join(missing)} column, which a {kind} export needs")
    if kind == "pages" and period is None and not {"period_start", "period_end"} & set(reader.known):
        raise _Unusable("the export has no period_start or period_end column; name its period")
    broken = {(line, col) for line, col, _ in unclosed}
    good: list[tuple[list[Cell], dict[str, object]]] = []
    for record in rows[1:]:
        values = reader.cells(record)
        if values is not None and not any((c.line, c.col) in broken for c in record):
            good.append((record, values))
    problems = reader.problems + [
        Problem(shown, ln, col, "error", m, code="bad-quote") for ln, col, m in unclosed
    ]
    source = _source(source, good)
    whole = _file_period(kind, period, good)
    file = SignalFile(
        shown,
        kind,
        source,
        whole,
        tuple(_plain(rows[0][i].text) or f"column_{i + 1}" for i in reader.unknown),
        tuple(sorted((_page(reader, r, v) for r, v in good), key=_page_key)) if kind == "pages" else (),
        tuple(sorted((_touch(reader, r, v, whole) for r, v in good), key=_touch_key))
        if kind == "deals"
        else (),
    )
    return file, tuple(sorted(problems))


def _source(given: str | None, good: list[tuple[list[Cell], dict[str, object]]]) -> str:
    named = sorted({str(v["source"]) for _, v in good if v.get("source")})
    if given is None:
        if not named:
            raise _Unusable("it names no source (it has no 'source' column); name the source")
        if len(named) > 1:
            raise _Unusable(
                f"it names {len(named)} sources ({', '.join(named)}); import one source at a time"
            )
        given = named[0]
    if not ID_RE.match(given):
        raise _Unusable(f"'{given}' cannot name a source: use lower-case letters, digits, '-' and '_'")
    return given


def _file_period(
    kind: Kind, given: Period | None, good: list[tuple[list[Cell], dict[str, object]]]
) -> Period:
    """The period of the whole file: from its rows' periods, else the given one, else its days."""
    periods = [p for _, v in good if isinstance(p := v.get("period"), Period)]
    days = [d for _, v in good if isinstance(d := v.get("date"), dt.date)]
    if periods:
        return Period(min([p.start for p in periods] + days), max([p.end for p in periods] + days))
    if given is not None:
        return given
    if kind == "deals" and days:
        return Period(min(days), max(days))
    raise _Unusable("no row could be read, so the period is unknown; name the period")


def _page(reader: _Rows, record: list[Cell], values: dict[str, object]) -> PageRow:
    period = values["period"]
    visitors = values.get("visitors")
    assert isinstance(period, Period)
    return PageRow(
        str(values["url"]),
        int(str(values["views"])),
        int(str(visitors)) if visitors is not None else None,
        period,
        reader.extra(record),
        record[0].line,
    )


def _touch(reader: _Rows, record: list[Cell], values: dict[str, object], whole: Period) -> TouchRow:
    period, day, amount, replied = (values.get(k) for k in ("period", "date", "amount", "replied"))
    assert isinstance(day, dt.date)
    return TouchRow(
        str(values.get("deal") or ""),
        str(values.get("contact") or ""),
        str(values["stage"]),
        str(values["url"]),
        day,
        amount if isinstance(amount, Decimal) else None,
        replied if isinstance(replied, bool) else None,
        period if isinstance(period, Period) else whole,
        reader.extra(record),
        record[0].line,
    )


def _page_key(row: PageRow) -> tuple[object, ...]:
    return (row.url, row.period.start, row.period.end, row.views, row.visitors or 0, row.extra, row.line)


def _touch_key(row: TouchRow) -> tuple[object, ...]:
    return (row.buyer, row.contact, row.day, row.stage, row.url, row.period.start, row.extra, row.line)


def read_signals(root: Path) -> tuple[tuple[SignalFile, ...], tuple[Problem, ...]]:
    """Read every stored signal file of the project at ``root`` (none when there is no folder)."""
    folder = signals_dir(root)
    if not folder.is_dir():
        return (), ()
    files: list[SignalFile] = []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.csv")):
        shown = path.relative_to(root).as_posix()
        try:
            file, found = _parse(path.read_bytes(), shown, None, None, None)
        except _Unusable as exc:
            problems.append(Problem(shown, 0, 0, "error", str(exc), code="unusable-signals"))
            continue
        except OSError as exc:
            problems.append(
                Problem(shown, 0, 0, "error", f"cannot read it: {exc.strerror}", code="unreadable")
            )
            continue
        files.append(file)
        problems.extend(found)
    return tuple(files), tuple(problems)
