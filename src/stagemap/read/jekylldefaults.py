"""What Jekyll's ``defaults`` (`stagemap.read.sitedefaults.SiteDefaults`) give a file of the site.

A set of values names its pages by a scope: a ``path`` (a folder or file relative to the site,
``""`` or none for all; with a ``*``, a glob) and a ``type`` (``pages``, ``posts``, ``drafts`` or a
collection's name). Where several sets name a page, the one with the longer ``path`` wins, then
one with a ``type``, then the later one, as Jekyll merges them; maps are merged key by key.
"""

from __future__ import annotations

from typing import Any

from .configfiles import merged
from .globs import site_glob
from .sitedefaults import Entry, SiteDefaults


def jekyll_given(site: SiteDefaults, rel: str) -> dict[str, tuple[Any, int]]:
    """Return the values Jekyll's defaults (``site``) give the file at ``rel`` (relative to the project),
    each with its line: none for a file outside the site's folder, which Jekyll never reads."""
    if site.root:
        if not rel.startswith(site.root + "/"):
            return {}
        rel = rel[len(site.root) + 1 :]
    kind, doc = _kind(site, rel)
    made: dict[str, tuple[Any, int]] = {}
    winner: Entry | None = None
    for entry in site.entries:
        if not _applies(site, entry, rel, doc, kind):
            continue
        wins = winner is None or _precedes(entry, winner)
        for key, value in entry.values.items():
            line = entry.lines.get(key, entry.line)
            if key not in made:
                made[key] = (value, line)
            elif wins:
                made[key] = (merged(made[key][0], value), line)
            else:
                made[key] = (merged(value, made[key][0]), made[key][1])
        if wins:
            winner = entry
    return made


def _kind(site: SiteDefaults, rel: str) -> tuple[tuple[str, ...], str]:
    """Return the Jekyll types of the file at ``rel`` and its path as its defaults match it."""
    base = site.collections_dir
    inner = rel[len(base) + 1 :] if base and rel.startswith(base + "/") else rel if not base else None
    if inner is not None:
        folders = inner.split("/")[:-1]
        if "_posts" in folders:
            return ("posts",), inner
        if "_drafts" in folders:
            return ("drafts", "posts"), inner
        if folders and folders[0].startswith("_") and folders[0][1:] in site.collections:
            return (folders[0][1:],), inner
    return ("pages",), rel


def _applies(site: SiteDefaults, entry: Entry, rel: str, doc: str, kind: tuple[str, ...]) -> bool:
    if entry.type is not None and entry.type not in kind:
        return False
    scope = entry.path
    if not scope:
        return True
    base = site.collections_dir
    if "*" in scope:
        pattern = site_glob(scope.strip("/"))
        return any(pattern.fullmatch(p) for p in (*_ancestors(rel), *_ancestors(doc)))
    if base and scope.startswith(base + "/"):
        scope = scope[len(base) + 1 :]
    return any(p == scope for p in (*_ancestors(doc), *_ancestors(rel)))


def _precedes(new: Entry, old: Entry) -> bool:
    """Whether Jekyll lets the set ``new`` win over ``old``: a longer path, else one with a type, else the later."""
    new_path, old_path = new.path or "", old.path or ""
    if len(new_path) != len(old_path):
        return len(new_path) > len(old_path)
    return new.type is not None or old.type is None


def _ancestors(path: str) -> list[str]:
    """Return ``a/b/c.md``, ``a/b`` and ``a``."""
    parts = path.split("/")
    return ["/".join(parts[:n]) for n in range(len(parts), 0, -1)]
