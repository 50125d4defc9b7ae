"""The pages an Eleventy template makes by pagination over data, and their addresses.

A template whose front matter has ``pagination: {data: crews, size: 1, alias: crew}`` is no
page of its own (`stagemap.read.nopage`): Eleventy makes a page of each chunk of ``size`` items
of the data the lodash path ``data`` names in the page's data: its front matter (and data files,
as the cascade gives them), else the site's global data, a file of the data folder (``_data/
crews.json``, a YAML file where the configuration registers its ending with
``addDataExtension``, a JavaScript file exporting a plain literal: `stagemap.read.jsliteral`;
of two files of one name, the one Eleventy reads last: JavaScript over JSON over the site's own
endings). An object is paged by its keys, or its values with ``resolve: values``; then
``reverse: true`` turns the items round and ``filter`` leaves out those it lists, in that order,
as Eleventy does. Each page's address is the ``permalink`` worked out for it: the alias (an item,
or with a ``size`` over 1 the chunk's list), ``pagination.items``, ``pagination.pageNumber``
(from 0; ``+ 1``, Liquid's ``| plus: 1``), each maybe through ``slugify``, ``slug``, ``url``
(`stagemap.read.eleventy.eleventy_permalink`); without a permalink, the template's own route
for the first page and ``1/``, ``2/``... below it for the next ones, as Eleventy writes them.

Where the pages cannot be worked out (a collection, which Eleventy gathers as it builds, data
worked out in code, a ``before`` callback, a permalink using what is not known here), the form
of their addresses is kept instead, where the permalink fixes its first part: a route of that
form (``/crews/*/``, ``/news/page-*/``) reaches a page of the site, and where a link was taken
so, `paged_notes` says once per template why its pages are not known (the lint rule
`NOTE_CODE`). What is found reaches the link reading in the site's params (`PAGED`). The data
files are read by `stagemap.read.eleventydatafiles`, within bounds, nothing outside the project.
"""

from __future__ import annotations

import posixpath
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..errors import Problem
from ..lazyre import lazy
from ..model.settings import ReadRules
from . import formats, frontmatter, yamlsafe
from .bounded import Unreadable, read_bounded
from .cascade import inherit
from .eleventy import (
    MAX_OUTPUTS,
    MAX_PERMALINK,
    each_output,
    eleventy_folders,
    eleventy_permalink,
)
from .eleventydata import CODE
from .eleventydatafiles import MAX_DATA_FILE, SiteData, Unread, eleventy_config
from .presets import preset_front_matter
from .urls import route_parts

PAGED = "\0eleventy-paged"
"""The key under which the site's params hold what `with_paged_pages` finds: ``pages`` (route
keys: lower case, no slash at either end), ``shapes`` (see `shape_matches`), ``shaped_by`` (the
template of each) and ``notes``."""
NOTE_CODE = "unknown-pages"
"""The lint rule of the warning `paged_notes` gives (`stagemap.model.settings.LINT_RULES`)."""
_REACHED = "\0reached-by-form"
MAX_PAGES = 10_000
"""The most pages one template's pagination is worked out for (more: their form only)."""
_DIGITS, _TEXT = "\x01", "\x02"
"""Stand for a page number and for any other value not known, in a permalink worked out."""


@dataclass(frozen=True, slots=True)
class Listing:
    """A template the site pages (`stagemap.read.nopage.PAGINATED`)."""

    rel: str
    """Its path in the project."""
    path: str
    """Its path on disk."""
    sub: str
    """Its path under the site's input folder."""
    inherited: str = ""
    """What its data files give it (`stagemap.read.sources.ToRead.inherited`)."""


def with_paged_pages(
    params: Mapping[str, Any], root: Path, rules: ReadRules, listings: list[Listing]
) -> Mapping[str, Any]:
    """Return the site's ``params`` with the pages the Eleventy site's ``listings`` make under
    `PAGED` (see the module); as they are on another site, or with no listing."""
    if rules.generator != "eleventy" or not listings:
        return params
    site = root / rules.site_root if rules.site_root else root
    code = eleventy_config(root, rules.site_root)
    folders = eleventy_folders(code)
    data = SiteData(site, posixpath.normpath(posixpath.join(folders.input, folders.data)), code, root)
    pages: set[str] = set()
    shapes: list[list[list[str]]] = []
    notes: list[list[Any]] = []
    for listing in listings:
        made, shape, note = _pages(listing, data)
        pages.update(made)
        if shape:  # (a template whose pages have no form known: links to them lead nowhere)
            shapes.append(shape)
            notes.append(note)
    found = {"pages": sorted(pages), "shapes": shapes, "shaped_by": [n[0] for n in notes], "notes": notes}
    return {**params, PAGED: found} if pages or shapes else params


def reached_by(template: str) -> Problem:
    """Return the mark `paged_notes` finds among a body's problems: a link there was taken to
    reach a page of ``template``'s pagination by its form alone, not checked."""
    return Problem(template, 0, 0, "warning", "", "", _REACHED)


def paged_notes(
    found: list[tuple[str, Problem]], params: Mapping[str, Any], lint_off: Collection[str] = ()
) -> tuple[list[tuple[str, Problem]], list[Problem]]:
    """Return the problems ``found`` in the bodies (each with its asset's path) less the marks of
    `reached_by`, and, once for each template whose pages a link was taken to reach by their form
    alone, a warning saying why they are not known; none where the ``lint`` setting switches
    `NOTE_CODE` off."""
    reached = {p.path for _, p in found if p.code == _REACHED}
    if not reached:
        return found, []
    kept = [(path, p) for path, p in found if p.code != _REACHED]
    notes = (params.get(PAGED) or {}).get("notes") or () if NOTE_CODE not in lint_off else ()
    return kept, [
        Problem(
            rel,
            line,
            1,
            "warning",
            f"the pages its pagination makes are not known here: {why}",
            f"{hint}; 'lint: {{{NOTE_CODE}: false}}' in stagemap.yml says it no more",
            NOTE_CODE,
        )
        for rel, line, why, hint in notes
        if rel in reached
    ]


def shape_matches(key: str, shape: tuple[tuple[str, str, str], ...]) -> bool:
    """Whether the route ``key`` has the form ``shape``: one part for each of its parts, each
    ``(text, "", "")`` the text itself, ``(before, kind, after)`` those around a number
    (``kind`` ``digits``) or any text (``text``); ``("", "rest", "")`` last, one part or more."""
    parts = key.split("/")
    rest = bool(shape) and shape[-1][1] == "rest"
    if len(parts) != len(shape) and not (rest and len(parts) >= len(shape)):
        return False
    for part, (before, kind, after) in zip(parts, shape, strict=False):
        if kind == "rest":
            return all(parts[len(shape) - 1 :])
        if not kind:
            if part != before:
                return False
            continue
        middle = part[len(before) : len(part) - len(after)] if len(part) > len(before) + len(after) else ""
        if not middle or not part.startswith(before) or not part.endswith(after):
            return False
        if kind == "digits" and not middle.isdigit():
            return False
    return True


def _pages(listing: Listing, data: SiteData) -> tuple[list[str], list[list[str]], list[Any]]:
    """Return the route keys of a listing's pages, else the form of their addresses (see
    `shape_matches`) and the note saying why they are not known."""
    loaded = _front_matter(listing)
    given = loaded.data.get("pagination") if loaded is not None else None
    if loaded is None or not isinstance(given, Mapping):
        return [], [], []
    fm = loaded.data
    permalink = fm.get("permalink")
    computed = fm.get("eleventyComputed")
    if permalink is None and isinstance(computed, Mapping):
        permalink = computed.get("permalink")
    if permalink is False:
        return [], [], []  # no page written
    own = route_parts(listing.sub, None, folder_named=True)["path"]
    chunks, why = _chunks(given, fm, data)
    if chunks is not None and (permalink is None or isinstance(permalink, str)):
        routes: list[str] = []
        for n, chunk in enumerate(chunks):  # (the first page not known: none is worth working out)
            if not (route := _route(permalink, own, _scope(fm, given, chunk, n), listing.sub, n)):
                break
            routes.append(route)
        else:
            return [_key(r) for r in routes], [], []
        why = "its permalink uses what is not known here"
    line = loaded.keys[("pagination",)].line if ("pagination",) in loaded.keys else 1
    shape = _shape(permalink, own, fm, listing.sub) if permalink is None or isinstance(permalink, str) else []
    hint = (
        f"a link to an address of the form {_shown(shape)} is taken to reach one of them, not checked"
        if shape
        else ""
    )
    return [], shape, [listing.rel, line, why, hint]


def _front_matter(listing: Listing) -> yamlsafe.Loaded | None:
    """Return the listing's front matter, with what its data files give it; None: not read."""
    try:
        data = read_bounded(Path(listing.path), MAX_DATA_FILE)
        split = frontmatter.split(data, preset_front_matter("eleventy"))
        loaded = formats.load(split, aliases=True)
    except (Unreadable, frontmatter.SplitProblem, yamlsafe.YamlProblem, RecursionError):
        return None
    if not isinstance(loaded.data, dict):
        return None
    return inherit(loaded, listing.inherited) if listing.inherited else loaded


# long: the steps Eleventy takes, in its order, each with why it stops
def _chunks(
    given: Mapping[str, Any], fm: Mapping[str, Any], data: SiteData
) -> tuple[list[list[Any]] | None, str]:
    """Return the chunks of items of a pagination (``given``), one for each page, else None
    and why they are not known."""
    name = given.get("data")
    if not isinstance(name, str) or not name.strip():
        return None, "its pagination names no data"
    name = name.strip()
    if name == "collections":
        return None, "it goes through the site's collections, which Eleventy gathers as it builds"
    if name.startswith(("collections.", "collections[")):
        return None, f"it goes through the collection '{name[12:]}', which Eleventy gathers as it builds"
    if given.get("before") is not None:
        return None, "its pagination's 'before' changes the data in code"
    size = given.get("size")
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        return None, "its pagination's size is not a whole number"
    value, why = _named(name, fm, data)
    if why:
        return None, why
    if isinstance(value, list):
        items = list(value)
    elif isinstance(value, dict):
        items = list(value.values() if given.get("resolve") == "values" else value.keys())
    else:
        return None, f"its data '{name}' is neither a list nor an object"
    if given.get("reverse") is True:
        items.reverse()
    left = given.get("filter")
    if left is not None and left is not False and left != "":
        out = left if isinstance(left, list) else [left]
        # (JavaScript's indexOf: the same text or number; an object only as itself, never here)
        items = [i for i in items if not (isinstance(i, str | int | float) and _among(i, out))]
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    if not chunks and given.get("generatePageOnEmptyData") is True:
        chunks = [[]]
    if len(chunks) > MAX_PAGES:
        return None, f"it makes more than {MAX_PAGES:,} pages"
    return chunks, ""


def _among(item: Any, values: list[Any]) -> bool:
    return any(type(v) is type(item) and v == item for v in values)


_PART = lazy(r"[A-Za-z_$][\w$-]*|\d{1,6}")


def _named(name: str, fm: Mapping[str, Any], data: SiteData) -> tuple[Any, str]:
    """Return the value the lodash path ``name`` names in the page's data (its front matter,
    then the global data files), and "" ; else None and why it is not known."""
    parts = name.replace("[", ".").replace("]", "").replace('"', "").replace("'", "").split(".")
    if not all(_PART.fullmatch(p) for p in parts):
        return None, f"its data '{name}' is named in a way not read here"
    value: Any
    if parts[0] in fm:
        value, file = fm, "its front matter"
        rest = parts
    else:
        for at in range(1, min(len(parts), 4) + 1):
            value, file = data.value(parts[:at])
            if file:
                rest = parts[at:]
                break
        else:
            return None, f"its data '{name}' is neither in its front matter nor in a data file of the site's"
    for part in rest:
        if value == CODE or isinstance(value, Unread):
            break
        if isinstance(value, list) and part.isdigit():
            value = value[int(part)] if int(part) < len(value) else None
        else:
            value = value.get(part) if isinstance(value, Mapping) else None
    if value == CODE:
        return None, f"its data '{name}' comes from {file}, which works it out in code"
    if isinstance(value, Unread):
        return None, f"its data '{name}' comes from {file}, which is not read: {value.why}"
    return value, ""


def _scope(fm: Mapping[str, Any], given: Mapping[str, Any], chunk: list[Any], number: int) -> dict[str, Any]:
    """Return the data a page's permalink is worked out from: the page's, its pagination's
    (``pageNumber``, ``items``) and the alias set to its item (or its chunk, ``size`` over 1)."""
    scope = dict(fm)
    scope["pagination"] = {**given, "pageNumber": number, "items": chunk}
    alias = given.get("alias")
    if isinstance(alias, str) and alias.strip() and all(_PART.fullmatch(p) for p in alias.strip().split(".")):
        *folders, last = alias.strip().split(".")
        at = scope
        for name in folders:
            at[name] = dict(at[name]) if isinstance(at.get(name), Mapping) else {}
            at = at[name]
        at[last] = chunk[0] if given.get("size") == 1 and chunk else chunk
    return scope


def _route(permalink: str | None, own: str, scope: Mapping[str, Any], sub: str, number: int) -> str:
    """Return the route of the page ``number`` (from 0) of a pagination; "": not known."""
    if permalink is None:  # Eleventy's own: the template's route, then 1/, 2/... below it
        base = f"/{own}/" if own else "/"
        return base + (f"{number}/" if number else "")
    if "{{" not in permalink and "{%" not in permalink:
        return permalink  # (every page at one address: Eleventy refuses to build it)
    return eleventy_permalink(permalink, scope, sub, page=number)


def _key(route: str) -> str:
    """Return a route as links are compared (`stagemap.analyse.routes.route_key`)."""
    route = unquote(route.strip().strip("/")) if "%" in route else route.strip().strip("/")
    for tail in ("index.html", "index.htm"):
        if route == tail or route.endswith("/" + tail):
            route = route[: -len(tail)]
    route = route.removesuffix(".html").removesuffix(".htm")
    return route.strip("/").casefold()


def _shape(permalink: str | None, own: str, fm: Mapping[str, Any], sub: str) -> list[list[str]]:
    """Return the form of the addresses of a pagination's later pages (see `shape_matches`), or
    [] where its first part is not known."""
    if permalink is None:
        parts = [p for p in own.split("/") if p]
        return [[p.casefold(), "", ""] for p in parts] + [["", "digits", ""]]

    def marked(inside: str) -> str:
        if "pageNumber" in inside:
            return _DIGITS
        return eleventy_permalink("{{" + inside + "}}", fm, sub) or _TEXT

    if len(permalink) > MAX_PERMALINK or permalink.count("{{") > MAX_OUTPUTS:
        return []
    outputs = each_output(permalink, marked)
    route = eleventy_permalink(outputs, {}, sub, page=1) if outputs is not None else ""
    if not route:  # a tag not worked out: what comes before it, and anything below
        fixed = permalink.partition("{")[0].rpartition("/")[0]
        parts = [p for p in fixed.split("/") if p]
        return [[p.casefold(), "", ""] for p in parts] + [["", "rest", ""]] if parts else []
    shape = [_segment(p) for p in _key(route).split("/")]
    return shape if shape[0][1] in ("", "digits") and shape != [["", "", ""]] else []


def _segment(part: str) -> list[str]:
    """Return one part of a route worked out with `_DIGITS` and `_TEXT` in it, as a part of a shape."""
    marks = part.count(_DIGITS) + part.count(_TEXT)
    if not marks:
        return [part, "", ""]
    if marks > 1:
        return ["", "text", ""]
    at = part.find(_DIGITS) if _DIGITS in part else part.find(_TEXT)
    return [part[:at], "digits" if _DIGITS in part else "text", part[at + 1 :]]


def _shown(shape: list[list[str]]) -> str:
    """Return a shape as a reader would write it: ``/crews/*/``, ``/news/page-*/``."""
    parts = [
        "**" if kind == "rest" else f"{before}*{after}" if kind else before for before, kind, after in shape
    ]
    return "/" + "/".join(parts) + ("/" if parts[-1] != "**" else "")
