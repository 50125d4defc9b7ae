"""Walk the sources and give every file a fate before anything is parsed.

A file under a source is left out by an exclude glob (or by matching none of the include
globs), is not content (its ending is not one of ``extensions``), is a listing or partial by a
``non_assets`` rule, is a resource of a Hugo leaf bundle (a folder with an ``index`` page),
or is to be read as an asset. A folder that cannot be listed and a name
that is not UTF-8 are problems at their path. Names starting with ``.`` (``.git``,
``.github``, editor files) are no part of any source.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..model.library import FileFate
from ..model.settings import Config, ReadRules, Source
from ..paths import real
from .eleventydata import data_target
from .globs import GlobSet
from .jekyll import jekyll_included
from .languages import unsuffixed
from .presets import preset_cascade, preset_leaf_bundles, unread_page


@dataclass(frozen=True, slots=True)
class ToRead:
    """A content file to parse as an asset."""

    path: str
    """Its path on disk."""
    rel: str
    """Its path relative to the project root, with ``/``."""
    sub: str
    """Its path under its source folder, with ``/``."""
    source: Source
    """The source it was found in."""
    audience: str
    """Its audience by the source or an ``audiences`` glob; empty when neither says."""
    draft: bool = False
    """It is a draft by its place (a ``drafts`` glob)."""
    inherited: str = ""
    """What the sections above it pass down (Hugo's ``cascade``), as JSON; see `stagemap.read.cascade`."""
    permalink: str = ""
    """How the site's configuration routes it: a pattern of Hugo's ``permalinks`` in Hugo's
    tokens, or how MkDocs' blog addresses its posts (`stagemap.read.mkdocsblog`); empty: as
    its source does."""
    ugly: bool = False
    """The site writes its page as ``/x.html``, not ``/x/`` (Hugo's ``uglyURLs``)."""
    named: str = ""
    """Its path under its source as the site names its page, when not `sub`: with the
    ``default_language`` setting, a file named for that language (``guide/setup.en.md``) is
    ``guide/setup.md`` (`stagemap.read.languages.unsuffixed`): its route and id are that one's."""

    @property
    def site_sub(self) -> str:
        """Its path under its source as the site names it: `named`, else `sub`."""
        return self.named or self.sub


@dataclass(frozen=True, slots=True)
class Scan:
    """Every file found under the sources, sorted by path."""

    to_read: tuple[ToRead, ...]
    """Content files to parse."""
    fates: tuple[FileFate, ...]
    """Files already decided: excluded, not content, listings and partials, problems."""
    problems: tuple[Problem, ...]
    """Folders that cannot be read, names that are not UTF-8, missing sources."""
    sections: tuple[ToRead, ...] = ()
    """Hugo's section pages (``_index.md``), read or not: their ``cascade`` reaches the pages below."""
    site_params: Mapping[str, Any] = field(default_factory=dict)
    """The site's own ``params`` (Hugo's configuration; see `stagemap.model.library.Library.site_params`)."""


_JEKYLL_SKIPS = "a name Jekyll never reads (it starts with _, # or ~)"


class _Rules:
    """A source's globs and the project's rules, compiled once."""

    def __init__(self, source: Source, rules: ReadRules) -> None:
        self.source = source
        self.exclude = GlobSet.of(source.exclude)
        self.include = GlobSet.of(source.include) if source.include else None
        self.extensions = tuple(rules.extensions)
        self.rules = rules
        self.non_assets = [(kind, GlobSet.of(globs)) for kind, globs in rules.non_assets]
        self.audiences = [(name, GlobSet.of(globs)) for name, globs in rules.audiences]
        self.drafts = GlobSet.of(rules.drafts)
        self.bundles = preset_leaf_bundles(rules.generator)
        self.bundle_dirs: dict[str, str] = {}
        """Leaf bundle folders under the source, each to the name of its ``index`` page."""
        self.readmes = rules.generator == "mkdocs"
        self.jekyll = rules.generator == "jekyll"
        self.included = jekyll_included(source.path) if self.jekyll else frozenset()
        self.language = rules.default_language
        self.shadowed: frozenset[str] = frozenset()
        """The ``README.md`` files with an ``index.md`` beside them (see `_shadowed_readmes`)."""

    def survey(self, listing: Listing) -> None:
        """Note what the fates of a listing's files depend on besides their own paths: the leaf
        bundles (folders, not the source's own, holding an ``index`` page and no ``_index`` one,
        which makes a branch bundle of it: Hugo's ``index.md`` there is a page), MkDocs' read-mes."""
        if self.readmes:
            self.shadowed = _shadowed_readmes(listing)
        if self.bundles:
            files = [s for kind, _, s in listing if kind == "file" and s.lower().endswith(self.extensions)]
            branches = {s.rpartition("/")[0] for s in files if is_section(s, self.extensions)}
            pages = [s.rpartition("/") for s in files if "/" in s and _is_index(s.rpartition("/")[2])]
            # Sorted last to first, so that index.md wins over index.mdx.
            self.bundle_dirs = {d: n for d, _, n in sorted(pages, reverse=True) if d not in branches}

    def fate(self, rel: str, sub: str) -> FileFate | None:
        """Return the fate of a file decided by its path alone, or None when it is to be read."""
        glob = self.exclude.matches(sub)
        if glob is not None:
            return FileFate(rel, "excluded", "", glob.text, f"excluded by '{glob.text}'")
        if self.include is not None and self.include.matches(sub) is None:
            return FileFate(rel, "excluded", "", "include", "matches none of the include globs")
        if not sub.lower().endswith(self.extensions):
            return unread_page(rel, sub, self.rules, self.non_assets)
        if (
            self.jekyll
            and sub.rpartition("/")[2][:1] in ("_", "#", "~")
            and self.included.isdisjoint(rel.split("/"))
        ):
            return FileFate(rel, "non-asset", "ignored", "name", _JEKYLL_SKIPS)
        for kind, globs in self.non_assets:
            glob = globs.matches(sub)
            if glob is not None:
                # A section's page in a folder below a leaf bundle's is one of its resources too.
                below = (
                    self._resource(rel, sub, beside=False) if kind == "listing" and self.bundle_dirs else None
                )
                return below or FileFate(rel, "non-asset", kind, glob.text, f"{kind} by '{glob.text}'")
        if sub in self.shadowed:
            return FileFate(rel, "non-asset", "unpublished", "README.md", _SHADOWED)
        return self._resource(rel, sub) if self.bundle_dirs else None

    def _resource(self, rel: str, sub: str, beside: bool = True) -> FileFate | None:
        """Return the fate of a content file inside a leaf bundle (but its ``index``): a resource;
        ``beside``: also one in the bundle's own folder, not only in a folder below it."""
        parts = sub.split("/")
        for depth in range(1, len(parts) if beside else len(parts) - 1):
            folder = "/".join(parts[:depth])
            if folder in self.bundle_dirs and (depth < len(parts) - 1 or not _is_index(parts[-1])):
                index = rel[: len(rel) - len(sub)] + folder + "/" + self.bundle_dirs[folder]
                return FileFate(
                    rel, "non-asset", "resource", "leaf bundle", f"a resource of the page bundle '{index}'"
                )
        return None

    def to_read(self, path: str, rel: str, sub: str) -> ToRead:
        """Return the content file at ``sub`` to read, with what its place gives it (an audience, a draft)."""
        draft = self.drafts.matches(sub) is not None
        return ToRead(path, rel, sub, self.source, self.audience(sub), draft, named=self.named(sub))

    def named(self, sub: str) -> str:
        """Return the path the site names the file at ``sub`` by, when not ``sub`` (see `ToRead.named`)."""
        named = unsuffixed(sub, self.language) if self.language else sub
        return "" if named == sub else named

    def audience(self, sub: str) -> str:
        for name, globs in self.audiences:
            if globs.matches(sub) is not None:
                return name
        return self.source.audience


Listing = list[tuple[str, str, str]]
"""(kind, path, path under the source with '/') of every entry of a source, as `walk` gives them."""


def on_disk(source: Source, root: Path) -> Listing | Problem:
    """List a source folder on disk, or say that it does not exist."""
    if not source.path.is_dir():
        return _missing(source.path, root)
    return walk(str(source.path), inside=str(real(root)))


def scan(config: Config, lister: Callable[[Source, Path], Listing | Problem] = on_disk) -> Scan:
    """Sort out the files of every source of ``config``, as ``lister`` lists them (on disk by default).

    `stagemap.read.git` lists a commit's tree instead (each ``path`` a blob id), so that a
    revision is read by the same sources, globs and rules as the checkout.
    """
    listings = [(source, lister(source, config.root)) for source in config.all_sources]
    # The preview reads the project again after each save, mostly with the same files and
    # rules: then every fate is as it was (sorting out 10,000 paths by their globs took 0.1 s).
    inputs = (
        lister,
        config.root,
        config.rules,
        [(source, tuple(listing) if isinstance(listing, list) else listing) for source, listing in listings],
    )
    global _LAST
    kept = _LAST
    if kept is not None and kept[0] == inputs:
        return kept[1]
    found = _sort_out(config, listings)
    _LAST = (inputs, found)
    return found


_LAST: tuple[tuple[object, ...], Scan] | None = None
"""The latest scan, with the sources, rules and listings it was made from (compared by value)."""


def _sort_out(config: Config, listings: list[tuple[Source, Listing | Problem]]) -> Scan:
    """Give every listed entry its fate (see `scan`)."""
    to_read: dict[str, ToRead] = {}
    fates: dict[str, FileFate] = {}
    problems: list[Problem] = []
    sections: list[ToRead] = []
    cascading = preset_cascade(config.rules.generator)
    data_files = config.rules.generator == "eleventy"
    maybe_data: list[ToRead] = []
    for source, listing in listings:
        rules = _Rules(source, config.rules)
        prefix = _prefix(source.path, config.root)
        if isinstance(listing, Problem):
            problems.append(listing)
            continue
        rules.survey(listing)
        for kind, path, sub in listing:
            rel = prefix + sub if sub != "." else prefix.rstrip("/") or "."
            if rel in to_read or rel in fates:
                continue  # also under an earlier source, which decided its fate
            if kind == "file":
                fate = rules.fate(rel, sub)
                if fate is None:
                    to_read[rel] = rules.to_read(path, rel, sub)
                else:
                    fates[rel] = fate
                if (
                    cascading
                    and fate is not None
                    and fate.fate == "non-asset"
                    and is_section(sub, rules.extensions)
                ):
                    sections.append(rules.to_read(path, rel, sub))  # (a listing may be read as a page)
                if data_files and fate is not None and fate.fate == "non-asset":
                    maybe_data.append(ToRead(path, rel, sub, source, ""))
                continue
            if kind in _LINKS:
                fates[rel] = FileFate(rel, "non-asset", "special", "regular files only", _LINKS[kind])
                continue
            message, hint, code = _TROUBLE[kind]
            shown = rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            problems.append(Problem(shown, 0, 0, "error", message, hint, code))
            fates[rel] = FileFate(shown, "problem", "", code, message)
    if cascading:
        sections += (
            item for item in to_read.values() if is_section(item.sub, tuple(config.rules.extensions))
        )
    if maybe_data:  # Eleventy's data files (see `stagemap.read.eleventydata`)
        stems = {item.rel.rpartition(".")[0] for item in to_read.values()}
        for item in maybe_data:
            beside = _Beside(item.rel[: len(item.rel) - len(item.sub)], stems)
            if data_target(item.sub, beside) is not None:
                sections.append(item)
    return Scan(
        tuple(sorted(to_read.values(), key=lambda r: r.rel)),
        tuple(sorted(fates.values(), key=lambda f: f.path)),
        tuple(problems),
        tuple(sorted(sections, key=lambda r: r.rel)),
    )


def _shadowed_readmes(listing: Listing) -> frozenset[str]:
    """Return the ``README.md`` files of a listing with an ``index.md`` beside them: MkDocs makes
    the folder's page of the ``index.md`` and leaves the ``README.md`` out, with a warning."""
    files = {sub for kind, _, sub in listing if kind == "file"}
    readmes = (sub for sub in files if sub.rpartition("/")[2] == "README.md")
    return frozenset(sub for sub in readmes if sub[: -len("README.md")] + "index.md" in files)


_SHADOWED = "README.md beside an index.md (MkDocs publishes the index.md alone)"


@dataclass(frozen=True, slots=True)
class _Beside:
    """Whether a content file is at a path under a source (less its ending): for a data file beside it."""

    prefix: str
    stems: set[str]

    def __call__(self, stem: str) -> bool:
        return self.prefix + stem in self.stems


def is_section(sub: str, extensions: tuple[str, ...]) -> bool:
    """Whether the file at ``sub`` is a Hugo section's page (``_index.md``, ``blog/_index.en.md``)."""
    name = sub.rpartition("/")[2].lower()
    return name.startswith("_index.") and name.endswith(extensions)


def _is_index(name: str) -> bool:
    """Return True for a leaf bundle's page: ``index.md``, or a translation of it (``index.fr.md``)."""
    return name.partition(".")[0].lower() == "index" and "." in name


_LINKS = {
    "folder-link": "link to a folder, not followed",
    "broken-link": "link to nothing (or to itself, through a loop of links)",
    "outside-link": "link to a file outside the project, not read",
    "special": "not a regular file (a pipe, device or socket)",
}
_TROUBLE = {
    "unreadable": (
        "cannot read folder",
        "check its permissions; nothing in it was read",
        "unreadable-folder",
    ),
    "bad-name": ("name is not valid UTF-8", "rename it; stagemap reads only UTF-8 names", "bad-name"),
}


def walk(top: str, inside: str | None = None) -> list[tuple[str, str, str]]:
    """Return (kind, path, path under ``top`` with '/') of every entry worth a fate, sorted.

    ``kind`` is ``file``, ``unreadable`` (a folder that cannot be listed), ``bad-name`` (not
    UTF-8), ``special`` (a FIFO, device or socket: reading one would hang), ``folder-link``
    (not followed), ``broken-link`` or ``outside-link`` (a link to a file outside the folder
    ``inside``, when given: a cloned repository could link a page to the reader's own files,
    and the site would publish them). Other links to files count as files. Plain strings: at
    10,000 files pathlib's overhead is a visible share of a cached run.
    """
    found: list[tuple[str, str, str]] = []
    # A list of folders to visit, not a recursive inner function: one that calls itself is a
    # reference cycle, and kept what it found alive until the next garbage collection.
    todo = [(top, "")]
    while todo:
        folder, prefix = todo.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            found.append(("unreadable", folder, prefix.rstrip("/") or "."))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            sub = prefix + entry.name
            try:
                entry.name.encode("utf-8")
            except UnicodeEncodeError:
                found.append(("bad-name", entry.path, sub))
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    todo.append((entry.path, sub + "/"))
                elif entry.is_file():
                    outside = (
                        inside is not None and entry.is_symlink() and not _leads_into(entry.path, inside)
                    )
                    found.append(("outside-link" if outside else "file", entry.path, sub))
                elif entry.is_symlink():
                    found.append(("folder-link" if entry.is_dir() else "broken-link", entry.path, sub))
                else:
                    found.append(("special", entry.path, sub))
            except OSError:  # a link in a loop of links (ELOOP) leads nowhere, like a broken one
                found.append(("broken-link" if entry.is_symlink() else "unreadable", entry.path, sub))
    return sorted(found, key=lambda item: item[2])


def _leads_into(link: str, folder: str) -> bool:
    """Return True if the link at ``link`` (to a file) leads to a file inside ``folder`` (a real path)."""
    target = os.path.realpath(link)
    return target.startswith(folder.rstrip(os.sep) + os.sep)


def _prefix(folder: Path, root: Path) -> str:
    prefix = _rel(folder, root).rstrip("/") + "/"
    return "" if prefix == "./" else prefix


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _missing(folder: Path, root: Path) -> Problem:
    return Problem(
        _rel(folder, root),
        0,
        0,
        "error",
        "content folder does not exist",
        "create it or set 'content' in stagemap.yml",
        "no-content",
    )
