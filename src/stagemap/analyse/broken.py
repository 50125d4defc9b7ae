"""Content files that could not be read: the site gives each a page that shows its problems.

Without this, one typo in an asset makes its page vanish from the site on the next rebuild,
and a reader following an old link finds nothing. The page sits where the asset's page would
be if the file named no other id.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Problem
from ..model.library import Library
from ..model.settings import Config
from .latest import Latest
from .paths import asset_paths, content_prefix, strip_prefix

CONTENT_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True, slots=True)
class BrokenFile:
    """A content file left out of the library because of an error."""

    source: str
    """Its path relative to the project root, as problems name it."""
    path: str
    """Its page, relative to the site root."""
    problems: tuple[Problem, ...]
    """Every problem found in it, errors and warnings, in file order."""


def broken_files(config: Config, library: Library) -> tuple[BrokenFile, ...]:
    """Return the content files with errors that no asset was read from, sorted by path."""
    return _BROKEN.get((config, library), lambda: _broken_files(config, library))


_BROKEN: Latest[tuple[BrokenFile, ...]] = Latest()
"""The broken files of the settings and library last asked about (the page list and the plan ask)."""


def _broken_files(config: Config, library: Library) -> tuple[BrokenFile, ...]:
    read = {a.path for a in library.assets}
    failed = sorted(
        {
            p.path
            for p in library.problems
            if p.severity == "error" and p.path.endswith(CONTENT_SUFFIXES) and p.path not in read
        }
    )
    prefix = content_prefix(config)
    ids = {source: strip_prefix(source, prefix).rpartition(".")[0] for source in failed}
    every = asset_paths([*(a.id for a in library.assets), *ids.values()])
    taken = {every[a.id] for a in library.assets}
    return tuple(
        BrokenFile(source, every[ids[source]], tuple(p for p in library.problems if p.path == source))
        for source in failed
        if every[ids[source]] not in taken
    )
