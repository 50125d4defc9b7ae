"""Assets and the library: what one content file says, and all of them with their problems."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import Problem
from ..lazyre import lazy
from .settings import Config

STATUSES = ("idea", "draft", "review", "published", "retired")
"""Every status an asset may have, in the order an asset moves through them."""
PIPELINE = ("idea", "draft", "review")
"""Statuses of work in progress: not sendable yet, but on its way to filling a cell."""
FIELDS = (
    "id",
    "title",
    "stages",
    "questions",
    "personas",
    "format",
    "status",
    "owner",
    "updated",
    "publish_on",
    "review_by",
    "message",
    "summary",
    "next",
    "cta",
)
"""The front matter fields of stagemap's own format, in the order an edit writes them."""
PLACE_FIELDS = ("audience", "url")
"""Fields about where a page is published and for whom, read beside `FIELDS`."""
ALL_FIELDS = FIELDS + PLACE_FIELDS
"""Every front matter field stagemap reads; other keys are kept in `Asset.extra`."""
TEXT_FIELDS = ("format", "owner", "message", "summary", "cta")
"""Optional text fields, empty when not given."""
DATE_RE = lazy(r"^\d{4}-\d{2}-\d{2}$")
"""How a date must be written in front matter."""
ASSET_SUFFIXES = (".md", ".markdown")
"""File endings of content files when the settings name no others, matched without regard to case."""
AUDIENCES = ("buyer", "internal")
"""Who an asset is for: buyers (the default) or the company's own team."""
INTERNAL_FORMATS = frozenset(
    {
        "battlecard",
        "call-guide",
        "demo",
        "demo-script",
        "playbook",
        "proposal",
        "proposal-template",
        "sales-script",
        "talk-track",
    }
)
"""Formats of material the team uses in a conversation and never sends as it is."""
ORIGIN_FIELDS = ("stages", "questions", "personas", "format", "audience", "status", "review_by")
"""Fields whose origin an asset keeps: the file's own line, a rule, or the ``max_age`` setting."""
FATES = ("asset", "non-asset", "excluded", "problem")
"""What can become of a file under a source, in the order summaries list them."""
MAX_ID = 200
"""The longest ``id`` a file may give itself, in characters; each ``/`` part of it is also kept
under `MAX_ID_PART` bytes. An id taken from the file's path has no such bound (see
`stagemap.read.fields.read_id`): a page's file name is made short anyway."""
MAX_ID_PART = 120
"""The longest part of a given ``id`` between ``/``, in UTF-8 bytes."""


@dataclass(frozen=True, slots=True)
class Asset:
    """One content file: its front matter, validated, and its body."""

    id: str
    """Unique id: the ``id`` field, or the path under the content folder without extension."""
    path: str
    """File path relative to the project root, with forward slashes."""
    title: str
    """Title."""
    stages: tuple[str, ...]
    """Stage ids it serves (only valid ids)."""
    questions: tuple[str, ...]
    """Question ids it answers (only valid ids)."""
    personas: tuple[str, ...]
    """Persona ids it is for; empty means everyone."""
    format: str
    """Format, e.g. ``article``, ``case-study``; empty when not given."""
    status: str
    """One of idea, draft, review, published (the default), retired."""
    owner: str
    """Who keeps it up to date."""
    updated: dt.date | None
    """When it was last updated."""
    review_by: dt.date | None
    """After this date the asset is stale and no longer counts as coverage."""
    message: str
    """The key message in one sentence."""
    summary: str
    """A short summary."""
    next: str
    """Id of the asset or stage it hands the buyer on to; empty when none."""
    cta: str
    """Call-to-action text."""
    body: str
    """The Markdown body."""
    body_line: int
    """1-based line of the file where the body starts."""
    next_pos: tuple[int, int] = (0, 0)
    """(line, col) of the ``next`` value, for problems about it."""
    cta_pos: tuple[int, int] = (0, 0)
    """(line, col) of the ``cta`` value, for problems about it."""
    id_pos: tuple[int, int] = (0, 0)
    """(line, col) of the ``id`` value; (0, 0) when the id comes from the file's path."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Keys that stagemap does not know, kept as the user wrote them."""
    url: str = ""
    """Public address of the page on the company's site; empty when not known."""
    route: str = ""
    """The page's route on the site (``/docs/setup/``) when it has one but no `url` says it
    (no ``urls.base``): route links in other pages' bodies still reach it."""
    publish_on: dt.date | None = None
    """The day it goes on the site (a post written ahead of its day): before it, the asset is
    *scheduled* and does not count as coverage yet."""
    audience: str = "buyer"
    """Who it is for: ``buyer`` (the default) or ``internal`` (sales material, handbooks)."""
    links: tuple[str, ...] = ()
    """Targets of the body's last internal links, last first (`read.ctas`): its calls to action,
    from which a next step is inferred when none is written. None from a menu the body closes
    on, nor from before it (`read.linklists`)."""
    data_names: tuple[str, ...] = ()
    """The Jekyll site's data files and folders its body's outputs name, sorted (``notes`` for
    ``{{ site.data.notes.support }}``): kept with the asset (and in the parse cache), so that
    only those are read (`stagemap.read.sitedata`) and an unchanged body is not read for them."""
    origins: tuple[tuple[str, str, int], ...] = ()
    """Where its `ORIGIN_FIELDS` came from: (field, ``line``, the file's line), (field, ``rule``,
    the rule's number; a list may name several) or (``review_by``, ``max_age``, 0)."""

    def origin(self, field: str) -> tuple[tuple[str, int], ...]:
        """Return where one field came from: (``line``/``rule``/``max_age``, number) pairs, or
        (``cascade:<section's path>``, its line) for Hugo's cascade, (``defaults:_config.yml``,
        the line) for Jekyll's defaults; empty: not set."""
        return tuple((kind, n) for f, kind, n in self.origins if f == field)

    def is_eligible(self, as_of: dt.date) -> bool:
        """Return True if a buyer could be sent this asset on ``as_of``."""
        return not self.held(as_of)

    def held(self, as_of: dt.date) -> str:
        """Return why a buyer cannot be sent this asset on ``as_of``, or ``""`` when one can: its
        status when not ``published``, else ``scheduled`` (not on the site until `publish_on`),
        else ``stale`` (past `review_by`). The one reason the report's headline and ``report
        --explain`` both give: a page not on the site yet is that first, whatever its review date."""
        if self.status != "published":
            return self.status
        if self.is_scheduled(as_of):
            return "scheduled"
        return "stale" if self.is_stale(as_of) else ""

    @property
    def in_pipeline(self) -> bool:
        """True while the asset is work in progress (idea, draft or review)."""
        return self.status in PIPELINE

    def is_stale(self, as_of: dt.date) -> bool:
        """Return True if its review date has passed."""
        return self.review_by is not None and self.review_by < as_of

    def is_scheduled(self, as_of: dt.date) -> bool:
        """Return True if its day on the site (`publish_on`) has not come yet."""
        return self.publish_on is not None and self.publish_on > as_of


@dataclass(frozen=True, slots=True)
class FileFate:
    """What became of one file under a source, and why: nothing is left out without a word."""

    path: str
    """File (or unreadable folder) path relative to the project root, with forward slashes."""
    fate: str
    """One of `FATES`: ``asset``, ``non-asset``, ``excluded`` or ``problem``."""
    kind: str = ""
    """For a non-asset, what it is: ``listing``, ``partial``, ``not content``, ``no front matter``..."""
    rule: str = ""
    """The glob or setting that decided, e.g. ``_index.md`` or ``extensions``; empty for assets."""
    reason: str = ""
    """The same decision in words, for a summary line."""


@dataclass(frozen=True, slots=True)
class Library:
    """All assets that could be read, and every problem found."""

    assets: tuple[Asset, ...]
    """Assets sorted by path."""
    problems: tuple[Problem, ...]
    """Problems sorted by path, line and column."""
    fates: tuple[FileFate, ...] = ()
    """The fate of every file under the sources, sorted by path."""
    site_params: Mapping[str, Any] = field(default_factory=dict)
    """The site's own ``params`` (Hugo's configuration): what its ``param`` shortcode falls back to."""
    _by_id: dict[str, Asset] = field(init=False, repr=False, compare=False)
    """`by_id`, made once: analyses ask for it inside loops over the assets."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {a.id: a for a in self.assets})

    def not_read(self) -> tuple[FileFate, ...]:
        """Return the fates of files that did not become assets, sorted by path."""
        return tuple(f for f in self.fates if f.fate != "asset")

    @property
    def untagged(self) -> tuple[Asset, ...]:
        """Assets with no stage yet (a site's own pages before anyone tagged them)."""
        return tuple(a for a in self.assets if not a.stages)

    def asset(self, asset_id: str) -> Asset | None:
        """Return the asset with this id, or None."""
        return self.by_id.get(asset_id)

    @property
    def by_id(self) -> Mapping[str, Asset]:
        """Assets by id (one mapping, made with the library: not to be changed)."""
        return self._by_id


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The ids an asset may use: all that reading an asset needs from the settings."""

    stages: tuple[str, ...]
    """Stage ids of the journey model, in order."""
    questions: tuple[str, ...]
    """Question ids, in order."""
    personas: tuple[str, ...]
    """Persona ids, in order."""
    answers: tuple[tuple[str, str], ...] = ()
    """(stage id, id) of each objection and named obstacle an asset may list in ``answers``."""

    @classmethod
    def of(cls, config: Config) -> Vocabulary:
        """Return the ids a project's settings define."""
        model = config.model
        return cls(model.stage_ids, config.question_ids, config.persona_ids, model.answerable())
