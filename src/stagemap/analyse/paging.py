"""Long lists of assets on the site, split into numbered pages of ``site.page_size`` assets.

Pure. The first page of a list keeps its own address (``assets.html``, ``stages/ID.html``,
``personas/ID.html``), so links to it never break; the pages after it go to
``assets-N.html``, ``stages/ID/N.html`` and ``personas/ID/N.html``. (Those never clash
with a page of the site: asset pages live under ``assets/``, and no stage or persona page
is inside a folder.) Which assets a page shows depends only on the front matter of the
library, so the page keys of `stagemap.write.depends` can follow them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ..model.library import Asset, Library
from ..model.settings import Config
from .latest import Latest
from .reports import projected

LIST_KINDS = {"assets": "assets-part", "stage": "stage-part", "persona": "persona-part"}
"""The kind of the first page of each paginated list, and the kind of the pages after it."""
LIST_PARTS = frozenset(LIST_KINDS.values())
"""The kinds of page 2 on of a list."""
PAGER_REACH = 2
"""How many numbered links a pager shows on each side of the current page (besides the first
and the last), so that a pager stays small however long the list."""


@dataclass(frozen=True, slots=True)
class ListPart:
    """One page of a list of assets."""

    kind: str
    """The page's kind: ``assets``, ``stage`` or ``persona`` for the first page of a list,
    ``assets-part``, ``stage-part`` or ``persona-part`` for the pages after it."""
    key: str
    """The page's key: the stage or persona id (empty for the list of all assets) on the
    first page, ``ID/N`` (``N`` for all assets) on page N."""
    owner: str
    """The stage or persona id the list belongs to; empty for the list of all assets."""
    number: int
    """Which page of the list this is, from 1."""
    paths: tuple[str, ...]
    """The path of every page of the list, in order (so ``paths[number - 1]`` is this one)."""
    ids: tuple[str, ...]
    """The ids of the assets this page shows, in site order."""
    first: int
    """How many assets of the list come before this page's first one."""
    total: int
    """How many assets the whole list has."""

    @property
    def count(self) -> int:
        """How many pages the list has."""
        return len(self.paths)

    def window(self) -> tuple[int | None, ...]:
        """Return the page numbers a pager links to, None where it leaves some out.

        The first and last page, and `PAGER_REACH` pages on each side of this one.
        """
        near = range(max(1, self.number - PAGER_REACH), min(self.count, self.number + PAGER_REACH) + 1)
        shown = sorted({1, self.count, *near})
        numbers: list[int | None] = []
        for n in shown:
            if numbers and n - (numbers[-1] or 0) > 1:
                numbers.append(None)
            numbers.append(n)
        return tuple(numbers)


def site_order(config: Config, library: Library) -> tuple[Asset, ...]:
    """Return every asset in site order: by first stage (untagged ones last), title, id."""
    by_id = library.by_id
    return tuple(by_id[i] for i in _lists(config, library)[0])


def _order(config: Config, library: Library) -> tuple[str, ...]:
    """Return the ids of the assets in site order (see `site_order`)."""
    position = {s.id: s.index for s in config.model.stages}
    last = len(position)

    def place(asset: Asset) -> tuple[int, str, str]:
        return (min((position[s] for s in asset.stages), default=last), asset.title.casefold(), asset.id)

    return tuple(a.id for a in sorted(library.assets, key=place))


def _listed(asset: Asset) -> tuple[str, tuple[str, ...], tuple[str, ...], str]:
    """What the site order and the lists read of an asset."""
    return (asset.id, asset.stages, asset.personas, asset.title)


def part_path(first: str, number: int) -> str:
    """Return the path of page ``number`` of the list whose first page is ``first``."""
    if number == 1:
        return first
    stem = first.removesuffix(".html")
    return f"{stem}-{number}.html" if "/" not in first else f"{stem}/{number}.html"


def split(kind: str, owner: str, first: str, ids: tuple[str, ...], size: int) -> Iterator[ListPart]:
    """Yield the pages of one list of asset ids, ``size`` on each (a list with none has one page)."""
    count = max(1, -(-len(ids) // size))
    paths = tuple(part_path(first, n) for n in range(1, count + 1))
    for n in range(1, count + 1):
        if n == 1:
            part_kind, key = kind, owner
        else:
            part_kind, key = LIST_KINDS[kind], f"{owner}/{n}" if owner else str(n)
        start = (n - 1) * size
        yield ListPart(part_kind, key, owner, n, paths, ids[start : start + size], start, len(ids))


def plan_lists(config: Config, library: Library) -> dict[str, ListPart]:
    """Return every page of the site's paginated lists by path: all assets, each stage's, each persona's."""
    return dict(_lists(config, library)[1])


def _lists(config: Config, library: Library) -> tuple[tuple[str, ...], Mapping[str, ListPart]]:
    """Return the site order (ids) and the lists of ``library``, worked out once for the same settings and `_listed` fields.

    A build asks several times (the page list, the page keys, the plan), and ``serve`` after
    every edit: a 10,000-asset library takes 50 ms each time, and most edits (a body, a date)
    change nothing the order reads. (`plan_lists` hands out copies.)
    """
    listed = projected(library, "listed", _listed)
    return _KNOWN.get((config, listed), lambda: _order_and_split(config, library))


def _order_and_split(config: Config, library: Library) -> tuple[tuple[str, ...], Mapping[str, ListPart]]:
    ordered = _order(config, library)
    return ordered, _split_all(config, ordered, library.by_id)


_KNOWN: Latest[tuple[tuple[str, ...], Mapping[str, ListPart]]] = Latest()
"""The site order and lists of the settings and listed fields last asked about."""


def _split_all(config: Config, ordered: tuple[str, ...], by_id: Mapping[str, Asset]) -> dict[str, ListPart]:
    """Split the list of all assets, and each stage's and persona's, into pages (see `plan_lists`)."""
    size = config.page_size
    lists: dict[str, ListPart] = {}
    every = ordered
    for part in split("assets", "", "assets.html", every, size):
        lists[part.paths[part.number - 1]] = part
    # One pass sorts every asset into its stages' and personas' lists (in site order), instead
    # of one pass over the library per stage and persona.
    by_stage: dict[str, list[str]] = {stage.id: [] for stage in config.model.stages}
    by_persona: dict[str, list[str]] = {persona.id: [] for persona in config.personas}
    for asset in map(by_id.__getitem__, ordered):
        for groups, ids in ((by_stage, asset.stages), (by_persona, asset.personas)):
            for group in dict.fromkeys(ids) if len(ids) > 1 else ids:
                found = groups.get(group)
                if found is not None:
                    found.append(asset.id)
    for stage in config.model.stages:
        for part in split("stage", stage.id, f"stages/{stage.id}.html", tuple(by_stage[stage.id]), size):
            lists[part.paths[part.number - 1]] = part
    for persona in config.personas:
        named = tuple(by_persona[persona.id])
        for part in split("persona", persona.id, f"personas/{persona.id}.html", named, size):
            lists[part.paths[part.number - 1]] = part
    return lists


def later_parts(lists: Mapping[str, ListPart], kind: str) -> Iterator[ListPart]:
    """Yield the pages after the first of every list whose first page is of ``kind``, in order."""
    wanted = LIST_KINDS[kind]
    return (part for part in lists.values() if part.kind == wanted)
