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
form (``/crews/*/``, ``/news/page-*/``) reaches a page of the site, and `paged_notes` says once
per template why its pages are not known. What is found reaches the link reading in the site's
params (`PAGED`).
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Mapping
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
from .eleventy import CONFIG_FILES, eleventy_folders, eleventy_permalink
from .eleventydata import CODE
from .jsliteral import NOT_LITERAL, exported_literal
from .presets import preset_front_matter
from .urls import route_parts

PAGED = "\0eleventy-paged"
"""The key under which the site's params hold what `with_paged_pages` finds: ``pages`` (route
keys: lower case, no slash at either end), ``shapes`` (see `shape_matches`) and ``notes``."""
NOTE_CODE = "unknown-pages"
MAX_PAGES = 10_000
"""The most pages one template's pagination is worked out for (more: their form only)."""
MAX_DATA_FILE = 4 * 1024 * 1024
_DATA_EXTENSION = lazy(r"""\.addDataExtension\(\s*(["'`])([^"'`\n]{1,100})\1""")
_READ_ENDINGS = ("yaml", "yml")
"""The endings a site may register for its data that are read here (as YAML)."""
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
    code = next((t for name in CONFIG_FILES if (t := _text(site / name)) is not None), "")
    folders = eleventy_folders(code)
    data = _Data(site, posixpath.normpath(posixpath.join(folders.input, folders.data)), code)
    pages: set[str] = set()
    shapes: list[list[list[str]]] = []
    notes: list[list[Any]] = []
    for listing in listings:
        made, shape, note = _pages(listing, data)
        pages.update(made)
        shapes += [shape] if shape else []
        notes += [note] if note else []
    found = {"pages": sorted(pages), "shapes": shapes, "notes": notes}
    return {**params, PAGED: found} if pages or shapes or notes else params


def paged_notes(params: Mapping[str, Any], base: str = "") -> list[Problem]:
    """Return, once for each template whose pages are not known, a warning saying why; none on
    a site with an address (``base``), where a route no page has is a link to the public site."""
    found = params.get(PAGED) or {} if not base else {}
    return [
        Problem(
            rel,
            line,
            1,
            "warning",
            f"the pages its pagination makes are not known here: {why}",
            hint,
            NOTE_CODE,
        )
        for rel, line, why, hint in found.get("notes") or ()
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


class _Data:
    """The site's global data folder, each file read once: by its name, its value (or `CODE`)."""

    def __init__(self, site: Path, folder: str, code: str) -> None:
        self.folder, self.name = site / folder, folder
        own = [
            e.strip().lstrip(".").lower()
            for m in _DATA_EXTENSION.finditer(code)
            for e in m.group(2).split(",")
        ]
        # From the least to the most read last: the site's own endings, then Eleventy's.
        self.endings = [e for e in own if e in _READ_ENDINGS] + ["json", "mjs", "cjs", "js"]
        self.read: dict[str, tuple[Any, str]] = {}

    def value(self, parts: list[str]) -> tuple[Any, str]:
        """Return the value of the data file at ``parts`` (its folders and name) and its path
        in the site ("": no such file)."""
        key = "/".join(parts)
        if key not in self.read:
            self.read[key] = (None, "")
            for ending in reversed(self.endings):
                path = self.folder.joinpath(*parts[:-1], f"{parts[-1]}.{ending}")
                if path.is_file():
                    self.read[key] = (_file_value(path, ending), f"{self.name}/{key}.{ending}")
                    break
        return self.read[key]


def _file_value(path: Path, ending: str) -> Any:
    """Return a data file's value; `CODE` where only running it would tell (or it cannot be read)."""
    try:
        text = read_bounded(path, MAX_DATA_FILE).decode("utf-8-sig")
        if ending == "json":
            return json.loads(text)
        if ending in _READ_ENDINGS:
            return yamlsafe.load(text, aliases=True).data
    except (Unreadable, UnicodeDecodeError, ValueError, yamlsafe.YamlProblem, RecursionError):
        return CODE
    value = exported_literal(text)
    return CODE if value is NOT_LITERAL else value


def _text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def _pages(listing: Listing, data: _Data) -> tuple[list[str], list[list[str]], list[Any]]:
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
        routes = [
            _route(permalink, own, _scope(fm, given, chunk, n), listing.sub, n)
            for n, chunk in enumerate(chunks)
        ]
        if all(routes):
            return [_key(r) for r in routes], [], []
        why = "its permalink uses what is not known here"
    line = loaded.keys[("pagination",)].line if ("pagination",) in loaded.keys else 1
    shape = _shape(permalink, own, fm, listing.sub) if permalink is None or isinstance(permalink, str) else []
    hint = (
        f"a link to an address of the form {_shown(shape)} is taken to reach one of them"
        if shape
        else "links to them are reported as leading nowhere, as no first part of their addresses is known"
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
    given: Mapping[str, Any], fm: Mapping[str, Any], data: _Data
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


def _named(name: str, fm: Mapping[str, Any], data: _Data) -> tuple[Any, str]:
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
        if value == CODE:
            break
        if isinstance(value, list) and part.isdigit():
            value = value[int(part)] if int(part) < len(value) else None
        else:
            value = value.get(part) if isinstance(value, Mapping) else None
    if value == CODE:
        return None, f"its data '{name}' comes from {file}, which works it out in code"
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

    def marked(found: Any) -> str:
        inside = found.group(0)
        if "pageNumber" in inside:
            return _DIGITS
        return eleventy_permalink(inside, fm, sub) or _TEXT

    route = eleventy_permalink(_OUTPUT.sub(marked, permalink), {}, sub, page=1)
    if not route:  # a tag not worked out: what comes before it, and anything below
        fixed = permalink.partition("{")[0].rpartition("/")[0]
        parts = [p for p in fixed.split("/") if p]
        return [[p.casefold(), "", ""] for p in parts] + [["", "rest", ""]] if parts else []
    shape = [_segment(p) for p in _key(route).split("/")]
    return shape if shape[0][1] in ("", "digits") and shape != [["", "", ""]] else []


_OUTPUT = lazy(r"\{\{.*?\}\}")


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
