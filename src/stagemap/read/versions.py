"""Folders of a site's older versions: the same pages once per release, of which one is read.

A site may keep each release's docs side by side. Either a folder named for a version holds
the pages of its parent folder at the same paths (Kueue's ``content/en/v0.18/docs/setup.md``
beside ``content/en/docs/setup.md``): the unversioned pages are the current ones and every
such folder is an older version. Or sibling folders named for versions hold the same pages
with no unversioned copy (etcd's ``content/en/docs/v2.3/`` ... ``v3.8/``): one of them is
read, the one the site's configuration names as its latest (`configured_version`), else the
highest that is not a pre-release, and the others are older versions. Siblings count as
versions when one of them has at least two pages, and at least half of its pages, at the same
paths in another (release notes kept in ``1.0/`` and ``1.1/``, each its own pages, do not),
and there are three of them or the configuration names one (an API's ``v1/`` and ``v2/`` may
both be live). Twins are looked for at a source's top only.
Read, each page would count once per version, and coverage would say a topic is covered
nine times where it is covered once. Version folders are looked for at any depth.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..lazyre import lazy
from .languages import DEEPEST, Folders, own_pages, twin_folders

_VERSION = lazy(r"(v?)(\d+(?:\.\d+)*)(\.x)?(?:[-.]?(alpha|beta|rc|pre|preview|dev)\.?\d*)?", re.I)
"""A folder named for a version: ``v0.18``, ``v2``, ``1.4``, ``2.x``, ``v4.0-rc.1`` (not a
year, ``2024``: without a ``v``, two parts at least)."""
LATEST_KEYS = ("latest_stable_version", "latest_version", "latest")
"""The site's ``params`` naming the version its docs are of: etcd's ``latest_stable_version``,
Kubernetes' ``latest``; then Docsy's `versions` entry of ``kind: latest`` and its ``version``."""


def is_version(name: str) -> bool:
    """Whether a folder's ``name`` is a version's (``v0.18``, ``2.x``; never ``2024``)."""
    return _numbers(name) is not None


def configured_version(data: Mapping[str, Any]) -> str:
    """Return the version a Hugo site's configuration names as its docs' latest, or empty.

    Its ``params`` (keys in any case, as Hugo reads them): ``latest_stable_version``,
    ``latest_version`` or ``latest``, else the ``version`` of the Docsy version menu's entry of
    ``kind: latest`` (``params.versions``), else Docsy's ``version``, the version of the docs
    the site builds."""
    params = next((v for k, v in data.items() if str(k).lower() == "params"), None)
    if not isinstance(params, Mapping):
        return ""
    own = {str(k).lower(): v for k, v in params.items()}
    menu = own.get("versions")
    latest = [
        entry.get("version")
        for entry in (menu if isinstance(menu, list) else [])
        if isinstance(entry, Mapping) and str(entry.get("kind", "")).lower() == "latest"
    ]
    for value in (*(own.get(k) for k in LATEST_KEYS), *latest, own.get("version")):
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
    return ""


def older_versions(data: Mapping[str, Any]) -> Folders:
    """Return what finds a site's older versions (`version_folders`), its configuration ``data``
    naming the latest (`configured_version`)."""
    latest = configured_version(data)
    return lambda folder, extensions: version_folders(folder, extensions, latest)


def version_folders(folder: Path, extensions: tuple[str, ...], latest: str = "") -> list[str]:
    """Return the folders under ``folder`` (relative to it, ``/``-separated) that hold an older
    version of its pages, sorted; ``latest``: the version the site names as its latest."""
    found: list[str] = []
    for base, dirs, _ in os.walk(folder):
        rel = os.path.relpath(base, folder).replace(os.sep, "/")
        if rel.count("/") + 1 >= DEEPEST:
            dirs[:] = []
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
        # Twins at the source's top only (``api/v2/users.md`` beside ``api/users.md`` is no copy).
        older = twin_folders(Path(base), extensions, is_version) if rel == "." else []
        rest = [d for d in dirs if is_version(d) and d not in older]
        # Two versions side by side may both be live (an API's v1 and v2) unless the site names one.
        sure = len(rest) >= 3 or bool(_named(rest, latest))
        if len(rest) >= 2 and sure and _alike(Path(base), rest, extensions):
            kept = _kept(rest, latest)
            older += [d for d in rest if d != kept]
        dirs[:] = [d for d in dirs if d not in older]  # an older version's own folders: not read either
        found += [name if rel == "." else f"{rel}/{name}" for name in older]
    return sorted(found)


def _alike(base: Path, names: list[str], extensions: tuple[str, ...]) -> bool:
    """Whether one of the folders ``names`` in ``base`` has at least two pages, and at least
    half of its pages, at the same paths in another of them."""
    pages = {name: set(own_pages(base / name, extensions)) for name in names}
    for name, own in pages.items():
        for other, theirs in pages.items():
            shared = len(own & theirs)
            if other != name and shared >= 2 and 2 * shared >= len(own):
                return True
    return False


def _kept(names: list[str], latest: str) -> str:
    """Return the one of the version folders ``names`` that is read: the one named ``latest``
    (`_named`), else the highest that is not a pre-release."""
    return _named(names, latest) or max(names, key=_key)


def _named(names: list[str], latest: str) -> str:
    """Return the one of the version folders ``names`` that ``latest`` names (``v`` or not;
    ``v3.7`` for ``3.7.2``), or ""."""
    wanted = (_numbers(latest) or _numbers("v" + latest.lstrip("vV"))) if latest else None
    if wanted is None:
        return ""
    named = [(k, n) for n in names if (k := _numbers(n)) and k[0] == wanted[0][: len(k[0])]]
    return max(named, key=lambda found: (len(found[0][0]), found[0][1] == wanted[1]))[1] if named else ""


def _numbers(name: str) -> tuple[tuple[int, ...], bool] | None:
    """Return a version folder's numbers (``x``: every minor version of its line, the highest)
    and whether it is a pre-release; None for a name that is no version's."""
    named = _VERSION.fullmatch(name)
    if named is None:
        return None
    numbers = [int(n) for n in named.group(2).split(".")] + ([1 << 30] if named.group(3) else [])
    if not named.group(1) and not 2 <= len(numbers) <= 3:  # ``2024``: a year
        return None
    return tuple(numbers), named.group(4) is not None


def _key(name: str) -> tuple[bool, tuple[int, ...]]:
    """Order of version folders: a release above any pre-release, then the highest above."""
    numbers, pre = _numbers(name) or ((), True)
    return not pre, numbers
