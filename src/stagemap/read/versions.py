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
both be live). Twins are looked for at a source's top only. A folder not named for a version
beside such siblings, holding the pages of the one that would be read (Linkerd's newest docs in
``content/docs/`` beside ``content/2.19/`` ...: `_current`), is the current release's: it is
read and every sibling is older.
A development copy beside such siblings (Crossplane's ``content/master/`` beside ``v2.1/`` ...
``v2.3/``; etcd's ``content/en/docs/next/``), a folder named as `DEVELOPMENT` names one, is a
version not yet released: left out as the older ones are when it shares pages with one of them
(as `_alike` has it), and counted with them (``master/`` beside ``v1/`` and ``v2/`` makes three).
Read, each page would count once per version, and coverage would say a topic is covered
nine times where it is covered once. Version folders are looked for at any depth.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..lazyre import lazy
from .languages import DEEPEST, own_pages, twin_folders

_VERSION = lazy(r"(v?)(\d+(?:\.\d+)*)(\.x)?(?:[-.]?(alpha|beta|rc|pre|preview|dev)\.?\d*)?", re.I)
"""A folder named for a version: ``v0.18``, ``v2``, ``1.4``, ``2.x``, ``v4.0-rc.1`` (not a
year, ``2024``: without a ``v``, two parts at least)."""
LATEST_KEYS = ("latest_stable_version", "latest_version", "latest")
"""The site's ``params`` naming the version its docs are of: etcd's ``latest_stable_version``,
Kubernetes' ``latest``; then Docsy's `versions` entry of ``kind: latest`` and its ``version``."""
DEVELOPMENT = frozenset({"master", "main", "next", "dev", "unreleased", "latest-dev"})
"""Names of a folder holding the docs of the coming release beside the released versions'
(Crossplane's ``master``, etcd's and Cozystack's ``next``), in any case, maybe after the major
version they are of (``v3-next``: `_CHANNEL`)."""
CHANNELS = frozenset({"edge", "nightly", "canary"})
"""Names of a release channel's copy, development copies only after a major version's
(Linkerd's ``2-edge``): alone, a folder so named may be a product's (``docs/edge/``)."""
_CHANNEL = lazy(r"v?\d+(?:\.\d+)*(?:\.x)?[-_.]([a-z]+(?:-[a-z]+)?)", re.I)
"""A development copy's name after a version's (``2-edge``, ``v3-next``), the name in group 1."""


def is_version(name: str) -> bool:
    """Whether a folder's ``name`` is a version's (``v0.18``, ``2.x``; never ``2024``)."""
    return _numbers(name) is not None


def is_development(name: str) -> bool:
    """Whether a folder's ``name`` is one a development copy of versioned docs has (`DEVELOPMENT`),
    alone or after a major version's (``2-edge``; not a pre-release's, ``v2.0-dev``: a version)."""
    if name.lower() in DEVELOPMENT:
        return True
    channel = _CHANNEL.fullmatch(name)
    return channel is not None and channel.group(1).lower() in DEVELOPMENT | CHANNELS and not is_version(name)


def _params(data: Mapping[str, Any]) -> dict[str, Any]:
    """Return a Hugo site's ``params``, keys in lower case (Hugo reads them in any case)."""
    params = next((v for k, v in data.items() if str(k).lower() == "params"), None)
    return {str(k).lower(): v for k, v in params.items()} if isinstance(params, Mapping) else {}


_FOLDER = lazy(r"/(?:[^/*?\[\]!]+/)+")
"""An exclude glob naming one folder from the source's top (``/docs/v1.0/``), no wildcard in it."""


def version_glob(glob: str) -> bool:
    """Whether an exclude glob names one folder of another version of the pages or of a
    development copy of them (``/cli/v1.20/``, ``/master/``), as init writes them."""
    if not _FOLDER.fullmatch(glob):
        return False
    name = glob.rstrip("/").rpartition("/")[2]
    return is_version(name) or is_development(name)


def configured_version(data: Mapping[str, Any]) -> str:
    """Return the version a Hugo site's configuration names as its docs' latest, or empty.

    Its ``params`` (keys in any case, as Hugo reads them): ``latest_stable_version``,
    ``latest_version`` or ``latest``, else the ``version`` of the Docsy version menu's entry of
    ``kind: latest`` (``params.versions``), else Docsy's ``version``, the version of the docs
    the site builds. (``params.versions`` as a mapping: `section_versions`.)"""
    own = _params(data)
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


def section_versions(data: Mapping[str, Any]) -> dict[str, str]:
    """Return the latest version of each section a Hugo site's ``params.versions`` maps to its
    versions, the latest first (KEDA's ``docs = ["2.20", "2.19"]``), by section in lower case."""
    menu = _params(data).get("versions")
    return {
        str(section).lower(): str(listed[0]).strip()
        for section, listed in (menu.items() if isinstance(menu, Mapping) else ())
        if isinstance(listed, list) and listed and isinstance(listed[0], (str, int, float))
    }


def unreleased_versions(data: Mapping[str, Any]) -> frozenset[str]:
    """Return the versions a Hugo site's ``params.unreleased`` names (KEDA's ``docs = ["2.21"]``,
    by section, or one list): development copies, not released yet (``v`` or not)."""
    named = _params(data).get("unreleased")
    lists = named.values() if isinstance(named, Mapping) else [named]
    return frozenset(
        str(v).strip().lower().lstrip("v")
        for listed in lists
        for v in (listed if isinstance(listed, list) else [listed])
        if isinstance(v, (str, int, float)) and not isinstance(v, bool) and str(v).strip()
    )


@dataclass(frozen=True, slots=True)
class Named:
    """What a site's configuration says of its versions."""

    latest: str = ""
    """The version its docs are of (`configured_version`)."""
    sections: Mapping[str, str] = field(default_factory=dict)
    """The latest version of each section, by its folder's name (`section_versions`)."""
    unreleased: frozenset[str] = frozenset()
    """Versions not released yet (`unreleased_versions`): development copies, never read."""

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Named:
        """Return what the site configuration ``data`` names."""
        return cls(configured_version(data), section_versions(data), unreleased_versions(data))

    def coming(self, name: str) -> bool:
        """Whether the folder ``name`` is a development copy (`is_development`, or unreleased)."""
        return is_development(name) or (is_version(name) and name.lower().lstrip("v") in self.unreleased)


class OlderVersions:
    """Finds a site's older versions (a `stagemap.read.languages.Folders`: `version_folders`),
    its configuration naming the latest (`Named`), and notes the version folders it reads in
    their place (`read`) and the development copies it leaves out (`coming`)."""

    def __init__(self, data: Mapping[str, Any], apart: bool = False) -> None:
        self.named = Named.of(data)
        self.apart = apart
        """The site keeps its versions apart (Docusaurus: `stagemap.read.docusaurus`): none is looked for."""
        self.read: list[Path] = []
        """The version folders read, one of each set of siblings (``content/v2.3``), in order found."""
        self.coming: list[Path] = []
        """The development copies left out (``content/master``, a version ``params.unreleased`` names)."""

    def __call__(
        self, folder: Path, extensions: tuple[str, ...], apart: Callable[[str], bool] = lambda rel: False
    ) -> list[str]:
        if self.apart:
            return []
        older, kept = _version_folders(folder, extensions, self.named, apart)
        self.read += [folder / name for name in kept]
        self.coming += [folder / name for name in older if self.named.coming(name.rpartition("/")[2])]
        return older


def older_versions(data: Mapping[str, Any], apart: bool = False) -> OlderVersions:
    """Return what finds a site's older versions (`OlderVersions`), its configuration ``data``
    naming the latest (`Named`); ``apart``: none is looked for."""
    return OlderVersions(data, apart)


def version_folders(folder: Path, extensions: tuple[str, ...], latest: str = "") -> list[str]:
    """Return the folders under ``folder`` (relative to it, ``/``-separated) that hold an older
    version of its pages, or a development copy of them, sorted; ``latest``: the version the
    site names as its latest."""
    return _version_folders(folder, extensions, Named(latest))[0]


def _version_folders(
    folder: Path, extensions: tuple[str, ...], named: Named, apart: Callable[[str], bool] = lambda rel: False
) -> tuple[list[str], list[str]]:
    """Return `version_folders`, then the version folders read in their place (one of each set
    of siblings), both relative to ``folder``; a section's own latest (`Named.sections`, by the
    name of the folder holding its versions) over the site's. A folder ``apart`` names (by its
    path in ``folder``: one the source leaves out, or another source) is not looked into, nor
    counted among the versions (Jaeger's ``content/docs/v2/_dev/``, which the mount of
    ``content/docs/v2`` leaves out, is no current release beside ``2.20/``)."""
    found: list[str] = []
    kept: list[str] = []
    for base, dirs, _ in os.walk(folder):
        rel = os.path.relpath(base, folder).replace(os.sep, "/")
        if rel.count("/") + 1 >= DEEPEST:
            dirs[:] = []
            continue
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and d != "node_modules" and not apart(d if rel == "." else f"{rel}/{d}")
        )
        # Twins at the source's top only (``api/v2/users.md`` beside ``api/users.md`` is no copy).
        older = twin_folders(Path(base), extensions, is_version) if rel == "." else []
        rest = [d for d in dirs if is_version(d) and d not in older and not named.coming(d)]
        coming = [d for d in dirs if named.coming(d) and d not in older] if rest else []
        latest = named.sections.get(Path(base).name.lower(), named.latest)
        sides = _sides(Path(base), rest, coming, extensions, latest)
        if sides is not None:
            others = [d for d in dirs if d not in older and not is_version(d) and not named.coming(d)]
            # (Where the site names its latest version, that is the one read.)
            current = "" if _named(rest, latest) else _current(Path(base), sides[0], others, extensions)
            older += sides[1] + ([sides[0]] if current else [])
            read = current or sides[0]
            kept.append(read if rel == "." else f"{rel}/{read}")
        dirs[:] = [d for d in dirs if d not in older]  # an older version's own folders: not read either
        found += [name if rel == "." else f"{rel}/{name}" for name in older]
    return sorted(found), kept


def _sides(
    base: Path, versions: list[str], coming: list[str], extensions: tuple[str, ...], latest: str
) -> tuple[str, list[str]] | None:
    """Return, of the sibling folders in ``base`` named for ``versions`` and of the development
    copies beside them (``coming``), the one read and those left out; None when they are no
    versions of the same pages. A development copy counts when it shares pages with a version."""
    sure = len(versions) + len(coming) >= 3 or bool(_named(versions, latest))
    if len(versions) + len(coming) < 2 or not sure:
        return None
    pages = {name: set(own_pages(base / name, extensions)) for name in (*versions, *coming)}
    coming = [d for d in coming if any(_alike(pages[d], pages[v]) for v in versions)]
    # Two versions side by side may both be live (an API's v1 and v2) unless the site names one.
    if len(versions) + len(coming) < 3 and not _named(versions, latest):
        return None
    alike = any(_alike(pages[a], pages[b]) for a, b in itertools.combinations(versions, 2))
    if not coming and not alike:
        return None
    read = _kept(versions, latest)
    if alike and (len(versions) >= 3 or _named(versions, latest)):  # versions of the same pages
        return read, [name for name in versions if name != read] + coming
    # Made sure by a development copy alone: only the versions of the read one's pages are older.
    return read, [name for name in versions if name != read and _alike(pages[name], pages[read])] + coming


def _current(base: Path, read: str, others: list[str], extensions: tuple[str, ...]) -> str:
    """Return the folder of ``others`` (not named for versions) beside the version folders in
    ``base`` that holds the pages of the one that would be read (``read``), at the same paths,
    or "": the current release's docs, served at a path without a version (Linkerd's
    ``content/docs/``, the newest, beside ``content/2.19/`` and the older ones), so that every
    version folder is an older one. At least half of that version's pages are in it, and half
    of its own are that version's (a section sharing a few page names with the docs, an
    ``overview`` and a ``faq``, is none); of several, the one sharing the most pages."""
    pages = set(own_pages(base / read, extensions))
    shared = []
    for name in others:
        mine = set(own_pages(base / name, extensions))
        both = len(pages & mine)
        if both >= 2 and 2 * both >= len(pages) and 2 * both >= len(mine):
            shared.append((both, name))
    return max(shared)[1] if shared else ""


def _alike(one: set[str], other: set[str]) -> bool:
    """Whether of two folders' pages (``one``, ``other``), one's has at least two, and at least
    half of them, at the same paths in the other's."""
    shared = len(one & other)
    return shared >= 2 and (2 * shared >= len(one) or 2 * shared >= len(other))


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
