"""Hugo's ``cascade``: front matter a section's page (``_index.md``) passes down to the pages below it.

``cascade: {build: {render: never}}`` in ``content/snippets/_index.md`` keeps every page under
``snippets/`` from being rendered; ``cascade: {type: docs}`` gives each a ``type`` that rules can
match. A page's own front matter wins, then the nearest section's cascade (a section's page read as
an asset: its own, as Hugo applies it), then the next one up, then the configuration's (the home
page's too). A cascade is a mapping or a list of them; one with a ``target`` (``_target`` in older
sites) applies only to the pages it names: its ``path`` glob (``/blog/**``, ``{/a,/a/**}``), a
``kind`` that includes the page's (``page``; for an ``_index`` page read as an asset ``home`` at
the top, ``taxonomy`` or ``term`` in a taxonomy's folder, else ``section``), an ``environment``
that includes ``production`` (the site as built).

What reaches each page is kept on its `ToRead` (``inherited``, JSON: part of the parse and of
the parse cache's key) and merged into its front matter by `stagemap.read.parse`. The values a
field comes from are explained by the section's path and line (``content/blog/_index.md:3``).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ..errors import Problem
from ..model.library import ALL_FIELDS
from ..model.settings import ReadRules
from . import formats, frontmatter, yamlsafe
from .aliases import spelt
from .blogindex import without_blog_index
from .eleventy import OWN_SLUG_KEY
from .eleventydata import CODE as DATA_CODE
from .eleventydata import LABEL as DATA_LABEL
from .eleventydata import Values, data_target, data_values, merged
from .globs import site_glob
from .hugoignore import without_ignored
from .hugopermalinks import UGLY_SECTIONS
from .jekylldefaults import jekyll_given
from .mkdocsmacros import MACRO_PROBLEMS, NAV_TITLE, PAGE_META
from .nopage import PAGINATE_V1, jekyll_paginates
from .sectionpages import (
    DISABLED_KINDS,
    Read,
    hugo_kind,
    with_section_pages,
    without_disabled,
    without_unrendered,
)
from .sitedefaults import SiteDefaults
from .sitepackages import MARKDOWN, OWN_SLUG
from .sources import Scan, ToRead
from .urls import route_parts

Cascades = dict[tuple[str, str, str], list[tuple[dict[str, Any], str, int]]]
"""Hugo's cascades by (source's prefix, section's folder, language), with their section's path and line."""
Datas = dict[tuple[str, str, str], list[tuple[Values, str]]]
"""Eleventy's data files by (source's prefix, ``folder`` or ``page``, what they are for), with
their values (see `stagemap.read.eleventydata.data_target`)."""


def with_cascades(
    found: Scan, read: Read, site: SiteDefaults | Problem | None = None, rules: ReadRules | None = None
) -> Scan:
    """Return ``found`` with what each file to read inherits from the sections above it and from
    the site's configuration (``site``, see `stagemap.read.sitedefaults`; a problem reading it is
    one of the scan's), read by ``rules``: a section's front matter may sit in a leading HTML
    comment (a site pinning an older Hugo, `stagemap.read.hugopin`); a section's page holding
    prose is read as a page (`stagemap.read.sectionpages`) unless what it inherits says Hugo
    renders none; a file of a kind of page the site's ``disableKinds`` turns off is none. Each
    section's page is read once."""
    if isinstance(site, Problem):
        found, site = replace(found, problems=(*found.problems, site)), None
    if site is not None and MACRO_PROBLEMS in site.params:  # (the macros plugin's data files not read)
        found = replace(found, problems=(*found.problems, *site.params[MACRO_PROBLEMS]))
        site = replace(site, params={k: v for k, v in site.params.items() if k != MACRO_PROBLEMS})
    if site is not None and site.ignore is not None:  # Hugo's ignoreFiles: such files are not read at all
        found = without_ignored(found, site.ignore, site.name)
    commented = rules is not None and bool(rules.old_hugo)
    cascades: Cascades = {}
    datas: Datas = {}
    unread: list[Problem] = []
    seen: dict[str, bytes | Problem | None] = {}  # (read once: their prose is weighed from it too)
    for section in found.sections:
        target = data_target(section.sub, lambda _: True)  # the scan kept Eleventy's data files alone
        if target is not None:
            data = read(section)
            values = data_values(data, section.sub) if isinstance(data, bytes) else []
            level = (section.rel[: len(section.rel) - len(section.sub)], *target)
            datas.setdefault(level, []).append((values, section.rel))
            continue
        seen[section.rel] = data = read(section)
        entries = _entries(data, section.rel, commented)
        if isinstance(entries, Problem):
            unread.append(entries)
        elif entries:
            key = (section.rel[: len(section.rel) - len(section.sub)], section.sub.rpartition("/")[0])
            cascades.setdefault((*key, _language(section.site_sub)), []).extend(entries)
    if unread:
        found = replace(found, problems=(*found.problems, *unread))
    if rules is not None:  # (what a section's page inherits may say Hugo renders none of it)
        taxonomies = site.taxonomies if site is not None else None
        given = functools.partial(_given, cascades=cascades, site=site, datas=datas)
        once = functools.partial(_seen, seen, read)
        found = with_section_pages(found, rules, once, given, taxonomies)
        found = without_unrendered(found, rules, once, given)  # (no page at the address of such a one)
        if site is not None and site.blog:  # (MkDocs' blog: the page that lists its posts)
            found = without_blog_index(found, site.blog[1], once, rules, site.name)
    if site is not None and site.params.get(DISABLED_KINDS):  # (Hugo's disableKinds: no such pages)
        found = without_disabled(found, site.params[DISABLED_KINDS], site.taxonomies)
    if not cascades and not datas and site is None:
        return found
    for files in datas.values():  # at one level, an .11tydata file before a plain .json one
        files.sort(key=lambda f: (not f[1].lower().rpartition(".")[0].endswith(".11tydata"), f[1]))
    items = tuple(_inherit(item, cascades, site, datas) for item in found.to_read)
    params = site.params if site is not None else {}
    if site is not None and site.ugly:  # (Hugo's uglyURLs, for the files its list pages are written to)
        params = {**params, UGLY_SECTIONS: tuple(sorted(site.ugly))}
    return replace(found, to_read=items, site_params=params)


def _seen(seen: dict[str, bytes | Problem | None], read: Read, item: ToRead) -> bytes | Problem | None:
    """Return a section page's bytes as read already (``seen``), else read now."""
    return seen[item.rel] if item.rel in seen else read(item)


def cascade_key(found: Scan) -> str:
    """Return what every file inherits, as one text for the parse cache's key (empty: nothing)."""
    return "".join(
        f"{item.rel}\0{item.inherited}\0{item.permalink}\0{int(item.ugly)}\0"
        for item in found.to_read
        if item.inherited or item.permalink or item.ugly
    )


def inherit(loaded: yamlsafe.Loaded, text: str) -> yamlsafe.Loaded:
    """Return ``loaded`` with the keys it lacks filled in from what it inherits (positions: its root)."""
    data = dict(loaded.data)
    for key, value, _, _, label in inherited_values(text):
        if value == DATA_CODE and key != "permalink":
            continue  # worked out in code: no value here (a permalink of it: no address)
        if key not in data:
            data[key] = value
        elif label == DATA_LABEL:  # Eleventy merges lists with the page's own
            data[key] = merged(data[key], value, key)
    return yamlsafe.Loaded(data, loaded.values, loaded.keys, loaded.styles)


def inherited_values(text: str) -> list[tuple[str, Any, str, int, str]]:
    """Return (key, value, path, line, label) of each key a file inherits (see `ToRead.inherited`):
    the section or configuration file that gives it, the line, and ``cascade`` or ``defaults``."""
    return [(k, v, path, line, label) for k, v, path, line, label in json.loads(text)] if text else []


def _language(sub: str) -> str:
    """Return the language a file's name gives it (``post.fr.md``: ``fr``), empty for the default's."""
    parts = sub.rpartition("/")[2].split(".")
    return parts[-2].lower() if len(parts) > 2 else ""


def _inherit(
    item: ToRead,
    cascades: Cascades,
    site: SiteDefaults | None,
    datas: Datas,
) -> ToRead:
    """Return ``item`` with what Eleventy's data files or the sections above it pass down
    (those of its own language), then what the site's configuration gives it."""
    prefix, language = item.rel[: len(item.rel) - len(item.sub)], _language(item.site_sub)
    parts = item.sub.split("/")[:-1]
    section = item.sub.rpartition("/")[2].lower().startswith("_index.")  # a section read as an asset
    kind = hugo_kind(item.sub, site.taxonomies if site is not None else None)
    route = "/" + route_parts(item.site_sub, None)["path"]  # Hugo's path of the page: /blog/post
    given: dict[str, tuple[Any, str, int, str]] = _data_given(item, prefix, parts, datas) if datas else {}
    for depth in range(len(parts), -1, -1):  # the nearest section first
        folder = "/".join(parts[:depth])
        for values, path, line in cascades.get((prefix, folder, language), ()):
            if _applies(values, route, kind):
                for key, value in values.items():
                    if key not in ("target", "_target"):
                        given.setdefault(key, (value, path, line, "cascade"))
    if site is not None and site.generator == "jekyll":
        for key, (value, line) in jekyll_given(site, item.rel).items():
            given.setdefault(key, (value, site.name, line, site.label))
        inner = (
            item.rel[len(site.root) + 1 :] if site.root and item.rel.startswith(site.root + "/") else item.rel
        )
        if (not site.root or inner != item.rel) and jekyll_paginates(site.params, inner):  # (a listing)
            given.setdefault(PAGINATE_V1, (site.params["paginate"], site.name, 0, site.label))
    elif site is not None:  # (the home page's too, as its own cascade)
        for entry in site.entries:
            if _applies(entry.values, route, kind):
                for key, value in entry.values.items():
                    if key not in ("target", "_target"):
                        where = entry.file or site.name
                        given.setdefault(key, (value, where, entry.lines.get(key, entry.line), site.label))
    if site is not None and OWN_SLUG in site.params.get(MARKDOWN, ()):  # (Eleventy: permalinks through it)
        given.setdefault(OWN_SLUG_KEY, (True, site.name, 0, "data"))
    if site is not None and item.rel in site.titles:  # MkDocs' nav: where no page's own title is
        title, line = site.titles[item.rel]
        given.setdefault("title", (title, site.name, line, "nav"))
    permalink = _permalink(site, route, section) if site is not None and site.permalinks else ""
    if site is not None and site.blog and item.sub.startswith(site.blog[0] + "/" if site.blog[0] else ""):
        permalink = site.blog[1]  # a post of MkDocs' blog
    top = parts[0] if parts else ""
    ugly = site is not None and not section and bool(site.ugly) and site.is_ugly(top)
    if not given:
        return replace(item, permalink=permalink, ugly=ugly) if permalink or ugly else item
    data = [[key, *given[key]] for key in sorted(given, key=str)]
    # Not sort_keys: a mapping may mix keys of several types (1: x, a: y), as YAML allows.
    inherited = json.dumps(data, default=_plain, ensure_ascii=False)
    return replace(item, inherited=inherited, permalink=permalink, ugly=ugly)


def _given(item: ToRead, cascades: Cascades, site: SiteDefaults | None, datas: Datas) -> dict[str, Any]:
    """Return what ``item`` inherits, by key."""
    return {
        key: value for key, value, *_ in inherited_values(_inherit(item, cascades, site, datas).inherited)
    }


def _data_given(
    item: ToRead, prefix: str, parts: list[str], datas: Datas
) -> dict[str, tuple[Any, str, int, str]]:
    """Return what Eleventy's data files give ``item``: its template data file's values, then
    its folder's and each folder's above, the nearest winning but for lists, which are merged."""
    levels = [(prefix, "page", item.sub.rpartition(".")[0])]
    levels += [(prefix, "folder", "/".join(parts[:depth])) for depth in range(len(parts), 0, -1)]
    given: dict[str, tuple[Any, str, int, str]] = {}
    for level in levels:
        for values, path in datas.get(level, ()):
            for key, value, line in values:
                if key in given:
                    nearer = given[key]
                    given[key] = (merged(nearer[0], value, key), *nearer[1:])
                else:
                    given[key] = (value, path, line, DATA_LABEL)
    return given


def _plain(value: Any) -> Any:
    """Return a value JSON has no type for as one it has: a set sorted (the same text in every
    run, whatever the order of hashing), anything else (a date) as its text."""
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    return str(value)


def _permalink(site: SiteDefaults, route: str, section: bool) -> str:
    """Return the first of Hugo's ``permalinks`` patterns for the page at ``route`` (a section's
    page when ``section``), empty when none is for it."""
    parts = route.strip("/").split("/")
    top = parts[0] if len(parts) > 1 or (section and parts[0]) else ""  # a page at the root is in no section
    kind = "section" if section else "page"
    for link in site.permalinks:
        if link.section is not None:
            if link.kind == kind and top and link.section == top:
                return link.pattern
        elif _applies({"target": link.target}, route, kind):
            return link.pattern
    return ""


def _entries(
    data: bytes | Problem | None, rel: str, commented: bool = False
) -> list[tuple[dict[str, Any], str, int]] | Problem:
    """Return the cascade entries of a section's page, each with its path and line; a warning
    where its front matter cannot be read (an error too if the page is read as an asset: the
    warning says what else it costs). Anchors and aliases are read, as Hugo reads them."""
    if not isinstance(data, bytes) or b"cascade" not in data.lower():  # Hugo reads keys in any case
        return []
    try:
        split = frontmatter.split(
            data, (*frontmatter.SYNTAXES, *((frontmatter.COMMENTED,) if commented else ()))
        )
        loaded = formats.load(split, aliases=True)
    except frontmatter.SplitProblem as exc:
        return [] if exc.code == frontmatter.NO_FRONT_MATTER else _unread(rel, exc)
    except yamlsafe.YamlProblem as exc:
        return _unread(rel, exc) if "cascade" in split.yaml.lower() else []
    key = spelt(loaded.data, "cascade", True)  # ``Cascade:`` too
    value = loaded.data.get(key) if isinstance(loaded.data, dict) else None
    entries = value if isinstance(value, list) else [value]
    line = loaded.keys.get((key,), loaded.pos()).line
    return [(_ours(entry), rel, line) for entry in entries if isinstance(entry, dict) and entry]


def _unread(rel: str, exc: frontmatter.SplitProblem | yamlsafe.YamlProblem) -> Problem:
    """Return the warning that a section's cascade cannot be read, at the place of the reason."""
    hint = (exc.hint + "; " if exc.hint else "") + "until then the pages below it get none of its values"
    message = f"cannot read the section's cascade: {exc.message}"
    return Problem(rel, exc.line, exc.col, "warning", message, hint, "cascade")


def _ours(entry: dict[Any, Any]) -> dict[Any, Any]:
    """Return a cascade entry with its keys that are stagemap's fields, or Hugo's ``target`` and
    ``build``, in our spelling: Hugo reads them in any case (``Stages:``); the entry's own
    lower-case spelling wins, and of two other spellings the first."""
    if all(not isinstance(k, str) or k.islower() or k.lower() not in _FOLDED for k in entry):
        return entry
    out: dict[Any, Any] = {}
    for key, value in entry.items():
        folds = isinstance(key, str) and key.lower() in _FOLDED and key.lower() not in entry
        out.setdefault(key.lower() if folds else key, value)
    return out


_FOLDED = frozenset((*ALL_FIELDS, "target", "_target", "build"))


def _applies(values: dict[str, Any], route: str, kind_of_page: str) -> bool:
    """Whether a cascade entry reaches the page at ``route`` (``/blog/post``), of Hugo's kind
    ``kind_of_page`` (``page``, ``section``, ``home``, ``taxonomy`` or ``term``), by its ``target``."""
    target = values.get("target", values.get("_target"))
    if not isinstance(target, dict):
        return True
    path, kind, environment = target.get("path"), target.get("kind"), target.get("environment")
    if isinstance(path, str) and path and not site_glob(path, ignore_case=True).fullmatch(route.lower()):
        return False
    if isinstance(kind, str) and kind and not site_glob(kind, ignore_case=True).fullmatch(kind_of_page):
        return False
    return not (
        isinstance(environment, str)
        and environment
        and not site_glob(environment, ignore_case=True).fullmatch("production")
    )


def page_extra(fm: Mapping[str, Any], macros: bool, inherited: str, own: Any) -> dict[str, Any]:
    """Return a page's front matter keys beyond stagemap's fields; with ``macros`` (MkDocs' macros
    plugin renders the page), the fields' values under `PAGE_META`: its ``{{ title }}`` is its
    own (``own``: where the file's own keys stand), not the title the site's nav gives it (in
    ``inherited``), which the plugin's ``page.title`` alone shows, over the front matter's
    (under `NAV_TITLE`)."""
    extra = {k: v for k, v in fm.items() if k not in ALL_FIELDS and not str(k).startswith("\0")}
    given = inherited_values(inherited) if macros and inherited else []
    nav = {key for key, _, _, _, label in given if label == "nav" and (key,) not in own}
    fields = {k: fm[k] for k in ALL_FIELDS if k in fm and macros and k not in nav}
    titled = [value for key, value, _, _, label in given if key == "title" and label == "nav"]
    extra = {**extra, NAV_TITLE: titled[0]} if titled and isinstance(titled[0], str) else extra
    return {**extra, PAGE_META: fields} if fields else extra
