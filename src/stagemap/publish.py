"""Build the static site of a project into a folder: read, render, then write what changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import Project, __version__
from .analysis import analyse
from .config import Config
from .errors import UsageError
from .output import sync_tree
from .site import MAX_ATTACHMENT, Progress, Reader, build_site, page_count
from .templating import environment

__all__ = ["Published", "check_output_dir", "content_reader", "page_count", "publish", "site_files"]


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


def check_output_dir(config: Config, out_dir: Path) -> Path:
    """Return the resolved output folder, refusing one that would overlap the project's sources."""
    out = out_dir.resolve()
    root = config.root.resolve()
    sources = [
        (root, "the project folder"),
        (config.content_dir.resolve(), "the content folder"),
        (config.templates_dir.resolve(), "the templates folder"),
    ]
    for folder, name in sources:
        if folder.is_relative_to(out):
            what = "is" if folder == out else "contains"
            raise UsageError(
                f"refusing to build into {out_dir}: it {what} {name} ({folder}); "
                "choose a folder such as site/ inside the project"
            )
    for folder, name in sources[1:]:
        if out.is_relative_to(folder):
            raise UsageError(
                f"refusing to build into {out_dir}: it is inside {name} ({folder}); "
                "choose a folder such as site/ inside the project"
            )
    if out.exists() and not out.is_dir():
        raise UsageError(f"refusing to build into {out_dir}: it is a file, not a folder")
    return out


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


def site_files(project: Project, as_of: dt.date, *, progress: Progress | None = None) -> dict[str, bytes]:
    """Render the whole site of a loaded project, judged on ``as_of``."""
    config = project.config
    report = analyse(config, project.library, as_of)
    env = environment(config.templates_dir)
    return build_site(
        config,
        project.library,
        report,
        env,
        generator=f"stagemap {__version__}",
        reader=content_reader(config.content_dir),
        progress=progress,
    )


def publish(out_dir: Path, files: dict[str, bytes]) -> Published:
    """Write the site into ``out_dir`` (see `output.sync_tree`)."""
    changed, removed = sync_tree(out_dir, files)
    pages = sum(p.endswith(".html") and not p.startswith("files/") for p in files)
    return Published(out_dir, pages, len(files), tuple(changed), tuple(removed))
