"""What the includes of one page made so far (`stagemap.render.includes`), so that each file is
worked out once at each depth, however the files include one another.

What a file shows depends on how deep it stands (its own includes stop at a depth) and, through
a loop only, on which files it stands in: none of them is shown inside it again. So each text is
kept with the files its walk left out as being above it and the files it shows, and taken again
under other files where it holds there: where the first are above it too and none of the second
is. A page works out at most so many files (`Made.left`): files that each include all the others
take a bounded time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Piece = tuple["str | None", frozenset[str], frozenset[str]]
"""A file's text as shown (None: it cannot be read), the files its walk left out as being above
it, and the files it shows."""


@dataclass(slots=True)
class Made:
    """What the includes of one page made so far."""

    pieces: dict[tuple[str, ...], list[Piece]]
    """The texts made, by what an include names and how deep it stands."""
    left: int = 0
    """How many more files the page may work out (`stagemap.render.includes.MAX_EXPANSIONS`)."""


def worked_out(
    made: Made,
    key: tuple[str, ...],
    chain: tuple[str, ...],
    make: Callable[[], tuple[str | None, set[str], set[str]]],
) -> Piece | None:
    """Return what an include of ``key`` shows under the files of ``chain`` (itself last): a text
    made under other files where it holds here, else one ``make`` works out now; None when the
    page may work out no more files."""
    above = frozenset(chain)
    for made_before in made.pieces.get(key, ()):
        if made_before[1] <= above and not made_before[2] & above:
            return made_before
    if made.left <= 0:
        return None
    made.left -= 1
    got, cut, used = make()
    found: Piece = (got, frozenset(cut), frozenset(used))
    made.pieces.setdefault(key, []).append(found)
    return found
