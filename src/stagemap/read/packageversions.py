"""Which release of a package a site's ``package.json`` installs (npm's ranges, read simply).

A version (``5.12.0``), a caret or tilde range (``^4.15.7``: the newest 4), a lower bound
(``>=3.0``: the newest of all), an upper one (``<3.4``), or a tag (``latest``: the newest).
"""

from __future__ import annotations

import json
from typing import Any

from ..lazyre import lazy

NEWEST = frozenset({"*", "x", "latest", "next", "canary", "beta", "alpha"})
"""Versions that name no number but the newest release (of a tag)."""
_RELEASE = lazy(r"""^\s*([\^>]?)[~>=v\s]*(\d+)(?:\.(\d+))?""")
_BELOW = lazy(r"<\s*v?(\d+)(?:\.(\d+))?")
"""A range's upper bound (``<3.4``): the release it stays below."""
_LARGEST = 1024 * 1024
"""A larger package.json is not read."""


def installs(package_json: bytes | None, name: str, release: tuple[int, int]) -> bool:
    """Whether the package ``name`` that ``package_json`` (its bytes) depends on installs
    ``release`` or a later one (`reaches`; a package it does not name, or none read: the newest)."""
    try:
        text = package_json.decode("utf-8-sig") if package_json and len(package_json) <= _LARGEST else None
    except UnicodeDecodeError:
        text = None
    return reaches(packages(text).get(name), release)


def reaches(version: object, release: tuple[int, int], unknown: bool = True) -> bool:
    """Whether a package at ``version`` (package.json's range) installs ``release`` or a later one:
    a version at or past it, or a range (``^7.0.0``, ``>=3.0``) that installs the newest of its
    major (npm's caret) or the newest of all; ``unknown`` where no version is given, or none read
    (a package the configuration alone names: the newest, as it was installed)."""
    if isinstance(version, str) and version.strip().lower() in NEWEST:
        return True
    below = _BELOW.search(version) if isinstance(version, str) else None
    if below is not None:  # an upper bound decides: ``>=3.1 <3.4`` is 3.3 at most
        return (int(below.group(1)), int(below.group(2) or 0)) > release
    if isinstance(version, str) and version.lstrip().startswith(">"):
        return True  # no upper bound: npm installs the newest release
    found = _RELEASE.match(version) if isinstance(version, str) else None
    if found is None:
        return unknown
    major, minor = int(found.group(2)), found.group(3)
    return major > release[0] or (
        major == release[0] and (bool(found.group(1)) or minor is None or int(minor) >= release[1])
    )


def packages(text: str | None) -> dict[str, Any]:
    """Return the packages ``package.json`` depends on, by name, with their versions."""
    try:
        data = json.loads(text) if text else None
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    found: dict[str, Any] = {}
    for key in ("devDependencies", "dependencies"):  # (the second wins, as npm installs it)
        given = data.get(key)
        if isinstance(given, dict):
            found.update(given)
    return found
