"""Where things go in the site: the page of each asset, and asset files relative to the content folder."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping

from ..lazyre import lazy
from ..model.library import Library
from ..model.settings import Config
from .latest import Latest

_SAFE_SEGMENT = lazy(r"^[a-z0-9][a-z0-9_-]{0,79}$")
_WINDOWS_NAMES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}
)


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _segment(segment: str) -> str:
    if _SAFE_SEGMENT.match(segment) and segment not in _WINDOWS_NAMES:
        return segment
    ascii_text = unicodedata.normalize("NFKD", segment).encode("ascii", "ignore").decode()
    slugged = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].rstrip("-")
    return f"{slugged or 'x'}-{_short_hash(segment)}"


@functools.lru_cache(maxsize=1 << 16)
def _page(asset_id: str) -> str:
    """The page of one id before clashes are settled (remembered: a site asks for every id several times)."""
    return "assets/" + "/".join(_segment(s) for s in asset_id.split("/"))


def asset_paths(ids: Iterable[str]) -> dict[str, str]:
    """Return the page path of each asset id: ``assets/<segments>.html``.

    Each ``/``-separated segment made only of lowercase letters, digits, ``-`` and ``_`` is
    kept; any other (``..``, spaces, capitals, unicode, markup, Windows device names) becomes
    a slug plus a hash of the segment, so no two ids share a page, even on a file system that
    ignores case, and no id can reach outside ``assets/``.
    """
    paths: dict[str, str] = {}
    taken: set[str] = set()
    for asset_id in sorted(ids):
        path = _page(asset_id)
        if path.casefold() in taken:
            path = f"{path}-{_short_hash(asset_id)}"
        taken.add(path.casefold())
        paths[asset_id] = path + ".html"
    return paths


def library_paths(library: Library) -> Mapping[str, str]:
    """`asset_paths` of a library's assets, worked out once per library (kits, plays and the plan ask)."""
    return _LIBRARY_PATHS.get((library,), lambda: asset_paths(a.id for a in library.assets))


_LIBRARY_PATHS: Latest[Mapping[str, str]] = Latest()
"""The page paths of the library last asked about (shared: callers only read them)."""


def content_prefix(config: Config) -> str:
    """Return the content folder relative to the project root, or empty when it lies elsewhere."""
    try:
        return config.content_dir.relative_to(config.root).as_posix()
    except ValueError:
        return ""


def link_key(path: str, prefix: str) -> str:
    """Return the key a file (its path relative to the project) is known by to links: its path
    in the content folder ``prefix``, or ``/`` and its path for a file of another source (so
    that ``docs/blog/x.png`` and a ``blog`` source's ``x.png`` are never taken for each other)."""
    if not prefix or prefix == ".":
        return path
    return path[len(prefix) + 1 :] if path.startswith(prefix + "/") else "/" + path


def strip_prefix(path: str, prefix: str) -> str:
    """Return an asset's path (relative to the project root) relative to the content folder ``prefix``."""
    if prefix and prefix != "." and path.startswith(prefix + "/"):
        return path[len(prefix) + 1 :]
    return path
