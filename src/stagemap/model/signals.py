"""Evidence from outside: rows of analytics and CRM exports, and what they say per asset and stage.

Two export shapes are known (see docs/signals.md): a page report (``pages``: views per URL
over a period) and a deals export (``deals``: a deal or contact touching a piece of content at
a stage on a day). Their columns have one documented name each, plus a few common variants.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

Kind = Literal["pages", "deals"]
KINDS: tuple[Kind, ...] = ("pages", "deals")
"""The export shapes stagemap reads."""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet run a cell: stored text cells get a ``'`` before them."""
ValueType = Literal["text", "count", "amount", "date", "flag"]


@dataclass(frozen=True, slots=True)
class Column:
    """One known column of an export shape."""

    name: str
    """The documented name, used in stored files."""
    aliases: tuple[str, ...]
    """Other header names read as this column (compared lower-case, spaces and '-' as '_')."""
    type: ValueType
    """How a cell is read: text, a whole number, an amount, a date (YYYY-MM-DD) or yes/no."""
    required: bool
    """A row without a value here is malformed."""


_SOURCE = Column("source", ("origin", "tool"), "text", False)
_START = Column("period_start", ("start", "from", "start_date", "date_from"), "date", False)
_END = Column("period_end", ("end", "to", "end_date", "date_to"), "date", False)

SHAPES: dict[Kind, tuple[Column, ...]] = {
    "pages": (
        _SOURCE,
        _START,
        _END,
        Column("url", ("page", "path", "page_path", "page_url", "landing_page", "address"), "text", True),
        Column("views", ("pageviews", "page_views", "hits"), "count", True),
        Column("visitors", ("users", "unique_visitors", "unique_views", "people"), "count", False),
    ),
    "deals": (
        _SOURCE,
        _START,
        _END,
        Column("deal", ("deal_id", "deal_name", "opportunity", "opportunity_id"), "text", False),
        Column("contact", ("email", "contact_email", "contact_id", "person"), "text", False),
        Column("stage", ("deal_stage", "lifecycle_stage", "pipeline_stage", "buyer_stage"), "text", True),
        Column("url", ("content", "page", "page_url", "asset", "path", "content_url"), "text", True),
        Column("date", ("day", "touched", "touched_on", "activity_date", "touch_date"), "date", True),
        Column("amount", ("value", "deal_amount", "deal_value"), "amount", False),
        Column("replied", ("reply", "responded", "answered"), "flag", False),
    ),
}
"""The columns of each shape, in the order a stored file lists them."""


@dataclass(frozen=True, slots=True)
class Period:
    """The days some figures cover, first and last included."""

    start: dt.date
    """First day."""
    end: dt.date
    """Last day."""

    def __str__(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


@dataclass(frozen=True, slots=True)
class PageRow:
    """One row of a page report: views of one URL over a period."""

    url: str
    """The URL, path or asset id as written."""
    views: int
    """Page views."""
    visitors: int | None
    """Distinct visitors, when the export has them."""
    period: Period
    """The days counted."""
    extra: tuple[str, ...]
    """Cells of the unknown columns, in the file's order."""
    line: int
    """1-based line of the row in the file it was read from."""


@dataclass(frozen=True, slots=True)
class TouchRow:
    """One row of a deals export: a deal or contact touched a piece of content at a stage."""

    deal: str
    """Deal id or name; empty when the export lists contacts only."""
    contact: str
    """Contact (often an email address); empty when not given."""
    stage: str
    """The stage as the export names it (matched to the journey model later)."""
    url: str
    """The content touched: a URL, path or asset id, as written."""
    day: dt.date
    """When it was touched."""
    amount: Decimal | None
    """The deal's value, when given."""
    replied: bool | None
    """Whether the buyer replied, when the export says."""
    period: Period
    """The days the export covers."""
    extra: tuple[str, ...]
    """Cells of the unknown columns, in the file's order."""
    line: int
    """1-based line of the row in the file it was read from."""

    @property
    def buyer(self) -> str:
        """Who moves through the journey: the deal, else the contact."""
        return self.deal or self.contact


@dataclass(frozen=True, slots=True)
class SignalFile:
    """One export, normalised: its shape, source, period and good rows."""

    path: str
    """Where it was read from, as shown in problems."""
    kind: Kind
    """``pages`` or ``deals``."""
    source: str
    """The tool or account the data came from, e.g. ``analytics`` or ``crm``."""
    period: Period
    """The days the whole file covers."""
    extra_columns: tuple[str, ...]
    """Header names of the unknown columns, kept as written."""
    pages: tuple[PageRow, ...] = ()
    """Rows of a page report."""
    touches: tuple[TouchRow, ...] = ()
    """Rows of a deals export."""

    @property
    def name(self) -> str:
        """The file name it is stored under in the project's signals folder."""
        return f"{self.source}.{self.kind}.{self.period}.csv"

    @property
    def rows(self) -> int:
        """How many good rows it holds."""
        return len(self.pages) + len(self.touches)


@dataclass(frozen=True, slots=True)
class Basis:
    """Where some figures come from: the sources and the days they cover."""

    sources: tuple[str, ...]
    """Sources, sorted; empty when there is no data."""
    period: Period | None
    """From the first day to the last day of the data, or None without data."""

    def __str__(self) -> str:
        if self.period is None:
            return "no data"
        return f"{', '.join(self.sources)} {self.period}"


NO_BASIS = Basis((), None)
"""The basis of figures without any data behind them."""


@dataclass(frozen=True, slots=True)
class AssetEvidence:
    """What happened around one asset."""

    asset: str
    """Asset id."""
    title: str
    """Asset title."""
    stages: tuple[str, ...]
    """Stage ids the asset serves."""
    views: int
    """Page views of its URL."""
    visitors: int
    """Visitors of its URL (as far as the exports count them)."""
    traffic: Basis
    """Source and period of ``views`` and ``visitors``."""
    touches: int
    """Rows of deals exports that name it."""
    replies: int
    """Touches after which the buyer replied."""
    deals: int
    """Distinct deals (or contacts) that touched it: the deals it influenced."""
    moved: int
    """Of those, how many were seen at a later stage on or after the day they touched it."""
    pipeline: Basis
    """Source and period of ``touches``, ``replies``, ``deals`` and ``moved``."""


@dataclass(frozen=True, slots=True)
class StageEvidence:
    """What happened at one stage of the journey model."""

    stage: str
    """Stage id."""
    name: str
    """Stage name."""
    views: int
    """Page views of the assets that serve the stage."""
    traffic: Basis
    """Source and period of ``views``."""
    touches: int
    """Rows of deals exports at this stage."""
    replies: int
    """Touches at this stage after which the buyer replied."""
    arrived: int
    """Distinct deals (or contacts) seen at this stage."""
    moved: int
    """Of those, how many were seen at a later stage afterwards."""
    pipeline: Basis
    """Source and period of the deal figures."""

    @property
    def lost(self) -> int:
        """Buyers who arrived here and were not seen further on: the leak."""
        return self.arrived - self.moved


@dataclass(frozen=True, slots=True)
class Unmatched:
    """A URL or stage in the exports that names nothing in the project."""

    value: str
    """The URL (normalised) or the stage as written."""
    what: Literal["url", "stage"]
    """Which of the two."""
    source: str
    """The source that named it."""
    rows: int
    """Rows naming it."""
    views: int
    """Page views on those rows (0 for deals)."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """The imported signals, matched to the project."""

    assets: tuple[AssetEvidence, ...]
    """Assets that any signal names, by id."""
    stages: tuple[StageEvidence, ...]
    """Every stage of the model, in journey order."""
    leaks: tuple[str, ...]
    """Stage ids where buyers leaked, most lost first (ties: larger share lost, then order)."""
    hands_on: tuple[str, ...]
    """Asset ids whose buyers moved on, most moved first (ties: by id)."""
    unmatched: tuple[Unmatched, ...]
    """URLs and stages that match nothing, sorted; never dropped silently."""
    files: tuple[tuple[str, Kind, str, Period, int], ...]
    """Each file read: (name, kind, source, period, rows)."""

    def for_asset(self, asset_id: str) -> AssetEvidence | None:
        """Return what happened around one asset, or None when no signal names it."""
        return next((a for a in self.assets if a.asset == asset_id), None)

    def for_stage(self, stage_id: str) -> StageEvidence | None:
        """Return what happened at one stage, or None for an unknown stage id."""
        return next((s for s in self.stages if s.stage == stage_id), None)
