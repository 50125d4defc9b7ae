"""Build the static site of a project into a folder: read, render, then write what changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .._version import __version__
from ..analyse.coverage import analyse
from ..model.project import Project
from ..render.environment import environment
from ..render.site import MAX_ATTACHMENT, Progress, Reader, iter_pages, page_count
from .tree import Staged, read_manifest, stager_for, stream_tree

__all__ = ["Published", "build_into", "content_reader", "page_count"]


@dataclass(frozen=True, slots=True)
class Published:
    """What a build did to its output folder."""

    out_dir: Path
    """The output folder."""
    pages: int
    """HTML pages in the site."""
    files: int
    """Files in the site, pages included."""
    changed: tuple[str, ...]
    """Files written because they were new or different."""
    removed: tuple[str, ...]
    """Files an earlier build wrote that no longer belong."""


def content_reader(content_dir: Path) -> Reader:
    """Return a reader of files inside ``content_dir`` (nothing outside it, links resolved)."""
    base = content_dir.resolve()

    def read(rel: str) -> bytes | None:
        path = (base / rel).resolve()
        if not path.is_relative_to(base) or not path.is_file():
            return None
        try:
            if path.stat().st_size > MAX_ATTACHMENT:
                return None
            return path.read_bytes()
        except OSError:
            return None

    return read


def build_into(
    project: Project,
    out_dir: Path,
    as_of: dt.date,
    *,
    workers: int = 1,
    progress: Progress | None = None,
) -> Published:
    """Build the site of a loaded project into ``out_dir``, rendering only what changed.

    See incremental.py for what decides that a page can be reused.
    """
    from ..render.site import asset_paths
    from .record import PageRecord, site_key

    config = project.config
    record = PageRecord(config, out_dir, site_key(config, project.library, as_of))
    rendered: dict[str, list[str]] = {}
    report = analyse(config, project.library, as_of)
    reader = content_reader(config.content_dir)
    stager = stager_for(out_dir)
    pages = iter_pages(
        config,
        project.library,
        report,
        environment(config.templates_dir),
        generator=f"stagemap {__version__}",
        reader=reader,
        workers=workers,
        fresh=record.fresh,
        attachments_of=rendered,
        write=stager.write if stager is not None else None,
    )

    def files() -> Iterator[tuple[str, bytes | Staged]]:
        seen: set[str] = set()
        for path, text in pages:
            seen.add(path)
            if progress is not None and path.endswith(".html") and not path.startswith("files/"):
                progress(path)
            yield path, text.encode("utf-8") if isinstance(text, str) else text
        # Reused pages still need the content files they link to (bytes may have changed).
        for linked in record.reused.values():
            for rel in linked:
                data = reader(rel.removeprefix("files/")) if rel not in seen else None
                if data is not None:
                    seen.add(rel)
                    yield rel, data

    changed, removed = stream_tree(out_dir, files(), record.reused.keys(), stager)
    every = read_manifest(out_dir)
    count = sum(p.endswith(".html") and not p.startswith("files/") for p in every)
    result = Published(out_dir, count, len(every), tuple(changed), tuple(removed))
    record.save(rendered, project.library, asset_paths(a.id for a in project.library.assets))
    return result
