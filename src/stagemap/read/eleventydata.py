"""Eleventy's data files: values a folder's pages, or one page, get from a file beside them.

Below a page's own front matter, Eleventy merges into its data a *template data file* beside it
(``posts/hello.11tydata.json``, or ``posts/hello.json``, for ``posts/hello.md``), then the
*directory data files* of its folder and of each folder above it (``posts/posts.11tydata.json``,
``posts/posts.json``), nearest first: ``{"permalink": "/news/{{ page.fileSlug }}/", "tags":
"news"}`` there routes and tags every page of ``posts/``. The nearest value wins, but lists are
merged, as Eleventy's deep merge does (``tags`` given as one text is a list of one).

JSON files are read whole, and so are YAML ones named as only data files are
(``posts.11tydata.yml``: a site that reads YAML data registers it with ``addDataExtension``).
A JavaScript data file (``.11tydata.js``, ``.cjs``, ``.mjs``) is
code, never run: the plain values of the object it exports are read (`stagemap.read.jsdata`);
a value only running it would give is `CODE`, which hides the values farther off but is no
value itself (a ``permalink`` of it gives no address rather than a wrong one). The values
reach each page as Hugo's cascade does (`stagemap.read.cascade`), explained by the data file
and the line.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable
from typing import Any

from ..lazyre import lazy
from . import yamlsafe
from .jsdata import CODE, exported_values

DATA_ENDINGS = (
    ".11tydata.json", ".11tydata.js", ".11tydata.cjs", ".11tydata.mjs", ".11tydata.yml", ".11tydata.yaml"
)  # fmt: skip
"""The endings only Eleventy's data files have (a ``.json`` file may be one, too: `data_target`)."""
LABEL = "data"
"""How a value from a data file is explained (``data:posts/posts.json:3``)."""

Values = list[tuple[str, Any, int]]
"""A data file's keys, values and the lines they are on."""
__all__ = ["CODE", "LABEL", "data_target", "data_values", "merged"]


def data_target(sub: str, pages: Callable[[str], bool]) -> tuple[str, str] | None:
    """Return what the data file at ``sub`` (its path under its source) gives values to:
    ``("folder", F)`` for the pages in folder ``F`` and below, ``("page", S)`` for the page
    whose path less its ending is ``S``; None when it is no data file. ``pages(S)`` says
    whether a content file at ``S`` (less its ending) is there, for a plain ``x.json``."""
    name = sub.rpartition("/")[2]
    lower = name.lower()
    ending = next((e for e in DATA_ENDINGS if lower.endswith(e)), ".json" if lower.endswith(".json") else "")
    if not ending:
        return None
    folder = sub.rpartition("/")[0]
    stem = name[: -len(ending)]
    if folder and stem == folder.rpartition("/")[2]:
        return ("folder", folder)
    whole = f"{folder}/{stem}" if folder else stem
    if ending != ".json" or pages(whole):
        return ("page", whole)
    return None


def data_values(data: bytes, name: str) -> Values:
    """Return the values a data file (its bytes, its name) gives, each with its line; none
    from a file that is not the data Eleventy would read (not an object, not valid)."""
    text = data.decode("utf-8-sig", errors="replace")
    if name.lower().endswith(".json"):
        return _json_values(text)
    if name.lower().endswith((".yml", ".yaml")):
        return _yaml_values(text)
    return exported_values(text)


def _yaml_values(text: str) -> Values:
    """Return a YAML data file's keys, values and lines (a site that reads YAML data names it so,
    with ``addDataExtension("yml, yaml", ...)``: the Sass site's ``blog.11tydata.yml``)."""
    try:
        loaded = yamlsafe.load(text, aliases=True)
    except yamlsafe.YamlProblem:
        return []
    if not isinstance(loaded.data, dict):
        return []
    return [(str(key), value, loaded.keys[(key,)].line) for key, value in loaded.data.items()]


def merged(own: Any, given: Any, key: str) -> Any:
    """Return the value ``key`` has when a page (or a nearer file) has ``own`` and a data file
    farther off ``given``: both lists, merged in that order; else ``own``."""
    if key == "tags":
        own, given = (v if not isinstance(v, str) else [v] for v in (own, given))
    if isinstance(own, list) and isinstance(given, list):
        return own + [v for v in given if v not in own]
    return own


def _json_values(text: str) -> Values:
    """Return a JSON data file's keys, values and lines (a key written twice: its last value)."""
    try:
        data = json.loads(text)
    except ValueError:
        return []
    if not isinstance(data, dict):
        return []
    decoder, ends = json.JSONDecoder(), [m.start() for m in re.finditer("\n", text)]
    lines: dict[str, int] = {}
    i = text.index("{") + 1
    while True:  # the text is valid JSON: walk its keys for their lines
        i = _SPACE.match(text, i).end()  # type: ignore[union-attr]
        if text[i] == "}":
            break
        if text[i] == ",":
            i += 1
            continue
        key, after = json.decoder.scanstring(text, i + 1)  # type: ignore[attr-defined]
        lines[key] = bisect.bisect_left(ends, i) + 1
        colon = _SPACE.match(text, after).end() + 1  # type: ignore[union-attr]
        _, i = decoder.raw_decode(text, _SPACE.match(text, colon).end())  # type: ignore[union-attr]
    return [(str(key), value, lines.get(str(key), 1)) for key, value in data.items()]


_SPACE = lazy(r"[ \t\n\r]*")
