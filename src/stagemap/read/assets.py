"""Read the sources into assets, their problems and the fate of every file."""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable
from dataclasses import replace
from pathlib import Path

from ..errors import Problem, suggest
from ..model.library import ASSET_SUFFIXES, Asset, FileFate, Library, Vocabulary
from ..model.settings import Config, ReadRules
from ..paths import real
from .cache import READ_FAILED, CacheUpdate, Parsed, cache_key, open_cache
from .cascade import cascade_key, with_cascades
from .docusauruspages import with_plugin_pages
from .eleventypaged import Listing, with_paged_pages
from .eleventyprefix import with_prefix_links
from .fields import spaced_ids
from .hostredirects import read_host, with_host_redirects
from .hostrule import clean_address
from .hugolive import with_live_path
from .macrotitles import with_macro_titles
from .mkdocsapi import with_api_pages
from .mkdocsnav import with_unlisted_titles
from .nopage import ERROR_PAGE, OTHER_OUTPUT, PAGINATED, UNPUBLISHED
from .ownblocks import OWN_BLOCK, once_per_site
from .parse import NOT_ASSET_BY_RULE, Place, parse_asset
from .presets import NOT_A_PAGE
from .remembered import Remembered, Spread, cached_parse
from .sitedata import DATA_KEY, data_folders, read_data
from .sitedefaults import SiteDefaults, site_defaults
from .sources import Scan, ToRead, scan, walk

__all__ = [
    "content_files",
    "default_id",
    "link",
    "load_library",
    "parse_asset",
    "read_content",
    "read_library",
    "sort_out",
]


def content_files(content_dir: Path, suffixes: tuple[str, ...] = ASSET_SUFFIXES) -> list[Path]:
    """Return the content files under ``content_dir``, sorted, skipping hidden entries.

    Only regular files (or links to them) count: a FIFO or device named ``x.md`` would hang
    or flood a read. The ending is matched without regard to case (``NOTES.MD``).
    """
    return [
        Path(path)
        for kind, path, sub in walk(str(content_dir))
        if kind == "file" and sub.lower().endswith(suffixes)
    ]


BARE_KIND = "no front matter"
"""The kind of non-asset a content file without front matter is, where that makes no page."""
MAX_CONTENT = 8 * 1024 * 1024
"""The largest content file read, in bytes."""


def load_library(config: Config, *, bodies: bool = True) -> Library:
    """Read every asset of a project (see `read_library`; the parse cache is read, never saved)."""
    return read_library(config, bodies=bodies)[0]


def read_library(
    config: Config, *, bodies: bool = True, memory: Remembered | None = None, spread: Spread | None = None
) -> tuple[Library, CacheUpdate | None]:
    """Read every asset of a project, and what the parse cache should now hold.

    Every file under the sources gets a fate (sources.py sorts out those decided by their path).
    Front matter comes through the parse cache (cache.py), so unchanged files are not parsed
    again. With ``bodies=False`` the assets' ``body`` is empty and unchanged files are not
    even read: what check, report and kits need. The cache update is None when the cache is
    off or unchanged; saving it is the caller's (`stagemap.write.cache.save_parse_cache`).
    Given ``memory`` holding earlier results (a long-running reader's), the cache file is not
    read at all: only files that changed since are parsed. ``spread`` parses the files the
    cache does not hold in worker processes (see `cached_parse`).
    """
    vocab = Vocabulary.of(config)
    found = cascaded(config)
    places = {item.rel: item for item in found.to_read}

    def parse(path: str, rel: str, _stat: object = None) -> tuple[Asset | None, list[Problem]]:
        item = places[rel]
        data = read_content(path, rel)
        if isinstance(data, Problem):
            return None, [data]
        place = Place.of(item)
        return parse_asset(rel, default_id(item), data, vocab, config.rules, place)

    files = [(item.path, item.rel) for item in found.to_read]
    passed = cascade_key(found)
    if memory is not None:
        memory.use(cache_key(vocab, config.content_dir, config.rules, config.sources, passed))
    cache = open_cache(config, vocab, passed=passed) if memory is None or not memory.entries else None
    parsed = cached_parse(cache, files, parse, bodies=bodies, memory=memory, spread=spread)
    kept, fates = sort_out(parsed, found, config.rules)
    named = {name for asset, _ in kept if asset is not None for name in asset.data_names}
    found = with_data(config, found, named)  # (the names come with each asset: no body read for them)
    assets = (asset for asset, _ in kept if asset is not None)
    under = {item.rel: item.sub for item in found.to_read}
    params = with_api_pages(found.site_params, assets, under, config.rules.generator)  # (autorefs' links)
    params = with_plugin_pages(params, config.root, config.rules)  # (Docusaurus's own pages)
    paged = [places[f.path] for f in fates if f.kind == "listing" and f.path in places]
    listings = [Listing(i.rel, i.path, i.sub, i.inherited) for i in paged]
    params = with_paged_pages(params, config.root, config.rules, listings)  # (Eleventy's pagination)
    params = with_live_path(with_prefix_links(params, config.root, config.rules), config.root, config.rules)
    rules = config.rules
    host, unread, clean = read_host(config.root, rules.site_root, rules.static_dirs, rules.generator)
    params = with_host_redirects(params, host, clean)  # (Netlify's and Vercel's redirects)
    if clean:  # (Vercel's cleanUrls: a page written at /about.html is served at /about)
        kept = [(_served_at(asset, clean) if asset else None, problems) for asset, problems in kept]
    library = replace(
        link(kept, vocab, fates, (*found.problems, *unread), rules.generator), site_params=params
    )
    library = with_unlisted_titles(with_macro_titles(library, rules), under, rules.generator)
    if OWN_BLOCK in config.lint_off:  # (the lint rule of that name: off)
        library = replace(library, problems=tuple(p for p in library.problems if p.code != OWN_BLOCK))
    if cache is not None:
        if memory is not None:
            memory.fresh = False  # what it holds is in the cache file's update
        return library, cache.update()
    settings = open_cache(config, vocab, read=False, passed=passed)
    return library, memory.update(settings.path) if memory is not None and settings is not None else None


def cascaded(config: Config) -> Scan:
    """Return the scan of the sources with what each file inherits (`stagemap.read.cascade`),
    its sections and the site's configuration read from disk (Jekyll's data files: `with_data`)."""
    found = scan(config)
    site = site_on_disk(config)
    return with_cascades(found, lambda item: read_content(item.path, item.rel), site, config.rules)


def with_data(config: Config, found: Scan, named: Collection[str]) -> Scan:
    """Return ``found`` with the values of the Jekyll site's data files ``named`` (their names
    under ``_data``: what the pages' ``{{ site.data.x }}`` shows, `stagemap.read.sitedata`) in
    its site params, and the problems reading them among its own."""
    if not named or not data_folders(config.rules.generator):
        return found
    data, unread = read_data(config.root, config.rules.site_root, named)
    params = {**found.site_params, DATA_KEY: data} if data else found.site_params
    return replace(found, site_params=params, problems=(*found.problems, *unread))


def site_on_disk(config: Config) -> SiteDefaults | Problem | None:
    """Return what the site's configuration file (in the project's folder or ``site_root``) gives its pages."""

    inside = str(real(config.root)).rstrip(os.sep) + os.sep

    def read(name: str) -> bytes | Problem | None:
        path = config.root / name
        if not path.is_file():
            return None
        if not str(real(path)).startswith(inside):  # as a content file linking out of the project
            hint = "copy the file into the project, or leave the link out"
            return Problem(
                name, 0, 0, "warning", "link to a file outside the project, not read", hint, "outside-link"
            )
        return read_content(str(path), name)

    return site_defaults(config.rules.generator, read, config.rules.site_root)


def default_id(item: ToRead) -> str:
    """Return the id of a file that names none: its source's ``id`` prefix and its path under the
    source as the site names it (`ToRead.site_sub`), without the ending."""
    return item.source.id_prefix + item.site_sub.rpartition(".")[0]


_BINARY = getattr(os, "O_BINARY", 0)
"""Windows opens a file as text without it (line ends changed, a 0x1A byte an end); elsewhere none."""


def read_content(path: str, rel: str) -> bytes | Problem:
    """Return a content file's bytes, or the problem reading it (too big, unreadable)."""
    # The file's own calls, without a buffered file object: half the time of `open` on a
    # small page (8 against 15 us), and one read where the file holds what its size says.
    try:
        fd = os.open(path, os.O_RDONLY | _BINARY)  # (not inherited by a child process: PEP 446)
        try:
            # Asking for MAX_CONTENT + 1 bytes makes Python allocate that much for each file.
            size = os.fstat(fd).st_size
            data = os.read(fd, min(size, MAX_CONTENT) + 1)
            # Read short (a network mount may), or grown since: read on to the end or the cap.
            if data and len(data) != size:
                chunks = [data]
                while (got := sum(map(len, chunks))) <= MAX_CONTENT and (
                    more := os.read(fd, MAX_CONTENT + 1 - got)
                ):
                    chunks.append(more)
                data = b"".join(chunks)
        finally:
            os.close(fd)
    except OSError as exc:
        return Problem(rel, 0, 0, "error", f"cannot read file: {exc.strerror}", "", READ_FAILED)
    if len(data) > MAX_CONTENT:
        hint = "split it, or exclude it with a glob"
        return Problem(
            rel, 0, 0, "error", f"file is larger than {MAX_CONTENT // 1024 // 1024} MiB", hint, "too-large"
        )
    return data


_NO_PAGE = {
    UNPUBLISHED: "unpublished",
    OTHER_OUTPUT: NOT_A_PAGE,
    PAGINATED: "listing",
    ERROR_PAGE: "error-page",
}
"""The kinds of non-asset a file whose front matter says the site makes no page of it is."""


def _served_at(asset: Asset, clean: str) -> Asset:
    """Return ``asset`` with the address Vercel's ``cleanUrls`` serves it at (in ``clean``'s
    form: `stagemap.read.hostrule.clean_address`), a route too."""
    url, route = clean_address(asset.url, clean), clean_address(asset.route, clean)
    return replace(asset, url=url, route=route) if (url, route) != (asset.url, asset.route) else asset


def sort_out(parsed: list[Parsed], found: Scan, rules: ReadRules) -> tuple[list[Parsed], list[FileFate]]:
    """Split parse results into what linking needs and the fates of files with no asset."""
    kept: list[Parsed] = []
    fates = list(found.fates)
    for item, (asset, problems) in zip(found.to_read, parsed, strict=True):
        if (
            asset is None
            and not rules.front_matter_required
            and [p.code for p in problems] == ["no-front-matter"]
        ):
            fates.append(FileFate(item.rel, "non-asset", BARE_KIND, "front matter", "no front matter"))
            continue
        if asset is None and not rules.front_matter_required and [p.code for p in problems] == ["empty"]:
            # (Jekyll copies an empty file as it is; where a file without front matter is a page, so is it.)
            fates.append(
                FileFate(
                    item.rel, "non-asset", "empty", "empty", "an empty file: the site makes no page of it"
                )
            )
            continue
        if asset is None and len(problems) == 1 and problems[0].code in _NO_PAGE:
            why = problems[0]
            kind = _NO_PAGE[why.code]
            fates.append(FileFate(item.rel, "non-asset", kind, why.message, f"{why.message} ({why.hint})"))
            continue
        if asset is None and [p.code for p in problems] == [NOT_ASSET_BY_RULE]:
            rule = problems[0]
            fates.append(
                FileFate(item.rel, "non-asset", "by rule", rule.message, f"{rule.message}: {rule.hint}")
            )
            continue
        if asset is None:
            first = next((p for p in problems if p.severity == "error"), None)
            fates.append(
                FileFate(item.rel, "problem", "", first.code if first else "", first.message if first else "")
            )
        kept.append((asset, problems))
    return kept, fates


def link(
    parsed: Iterable[Parsed],
    vocab: Vocabulary,
    fates: Iterable[FileFate] = (),
    problems: Iterable[Problem] = (),
    generator: str = "",
    report: bool = True,
) -> Library:
    """Check what spans files (duplicate ids, next steps) and build the library.

    ``fates`` and ``problems`` are those found before parsing: files with no asset, folders
    that could not be read. On a ``generator``'s site whose ids may hold spaces (`spaced_ids`), a
    ``next`` of several words that names no asset or stage is the site's own label, not a hand-off
    (`stagemap.read.presets.site_own_next` reads it so where no id holds a space). Without
    ``report`` (a past revision's coverage, `stagemap.read.git`) the same assets, no problems.
    """
    fates = list(fates)
    problems = list(problems)
    assets: list[Asset] = []
    first: dict[str, Asset] = {}
    for asset, found in parsed:
        problems.extend(found)
        if asset is None:
            continue
        if asset.id in first and not report:
            continue
        if asset.id in first:
            line, col = asset.id_pos if asset.id_pos != (0, 0) else (1, 1)
            problems.append(
                Problem(
                    asset.path,
                    line,
                    col,
                    "error",
                    f"duplicate asset id '{asset.id}'",
                    _fix_for_duplicate(first[asset.id], asset),
                    "duplicate-id",
                )
            )
            fates.append(
                FileFate(asset.path, "problem", "", "duplicate-id", f"duplicate asset id '{asset.id}'")
            )
            continue
        first[asset.id] = asset
        assets.append(asset)
    targets = set(first) | set(vocab.stages)
    if spaced_ids(generator):
        assets = [
            replace(a, next="") if a.next and " " in a.next and a.next not in targets else a for a in assets
        ]
    assets.sort(key=lambda a: a.path)
    if not report:
        return Library(tuple(assets), ())
    problems.extend(_next_steps(assets, targets))
    fates.extend(FileFate(a.path, "asset") for a in assets)
    return Library(tuple(assets), tuple(once_per_site(problems)), tuple(sorted(fates, key=lambda f: f.path)))


def _fix_for_duplicate(first: Asset, second: Asset) -> str:
    """Say how to part two files with one id, naming the other: an ``id`` written in a file is
    changed; files of the same name in two folders (two sources) are parted by a source's ``id``
    prefix, any others by an ``id`` of their own."""
    other = f"also used by {first.path}"
    if second.id_pos != (0, 0):
        if first.id_pos == (0, 0):
            return f"{other}, whose id comes from its path; change this one"
        return f"{other}, its 'id' on line {first.id_pos[0]}; change one of the two ids"
    if first.id_pos != (0, 0):
        return f"{other}, its 'id' on line {first.id_pos[0]}; change that id, or give this file an 'id'"
    name = [a.path.rpartition("/")[2].rpartition(".")[0] for a in (first, second)]
    if name[0] == name[1] and first.path.rpartition("/")[0] != second.path.rpartition("/")[0]:
        prefix = "give one source an 'id' prefix, e.g. {path: blog, id: blog/}"
        return f"{other}; files of the same name in two sources: {prefix}"
    return f"{other}; give one an 'id'"


def _next_steps(assets: list[Asset], targets: set[str]) -> list[Problem]:
    """Return the problems of ``next`` values that point at the asset itself or at nothing."""
    found: list[Problem] = []
    for asset in assets:
        if asset.next == asset.id:
            line, col = asset.next_pos
            found.append(
                Problem(
                    asset.path,
                    line,
                    col,
                    "error",
                    f"next step '{asset.next}' is this asset itself",
                    "point it at the asset or stage the buyer should go to after this one",
                    "self-next",
                )
            )
            continue
        if asset.next and asset.next not in targets:
            line, col = asset.next_pos
            hint = suggest(asset.next, sorted(targets))
            if hint.startswith("valid:"):
                hint = "use an asset id (its path under the content folder without .md) or a stage id"
            found.append(
                Problem(
                    asset.path,
                    line,
                    col,
                    "error",
                    f"next step '{asset.next}' matches no asset or stage",
                    hint,
                    "broken-next",
                )
            )
    return found
