"""Links a Jekyll page shows from the site's data files, placed where a data file writes them.

``{{ site.data.help.support }}`` shows what ``_data/help.yml`` holds under ``support``
(`stagemap.read.sitedata`): a link in it is on the page, but not in the page's text. A link
there that leads nowhere (`stagemap.render.deadlinks`) is placed at its address in the data
file, inside the value the page's output names (one warning for all the pages that show it);
where the file writes the address otherwise than the page has it (an escape in a double-quoted
value), at the value; where the value's place in the file is not known (a JSON file that YAML
does not read, as one escaping an emoji as two UTF-16 halves), at the output in the page, the
warning naming the value and its file."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from ..lazyre import lazy
from ..model.library import Asset
from ..read.sitedata import DATA_KEY, value_place
from ..read.yamlsafe import Pos
from .addresses import Places, code_spans, column_at, line_at

_OUTPUT = lazy(r"\{\{-?[ \t]*site\.data\.([\w-]+(?:\.[\w-]+){0,7})[ \t]*-?\}\}")
"""An output of a data file's value, as written (through no filter: one through a filter shows
a placeholder here)."""

Place = tuple[str, int, int, str]
"""Where a link is written: a file's path in the project, its line and column, and what is said
of it after the warning's message (the data file and key, when placed at the page's output)."""


class InData:
    """Where the values a page's outputs show (`_OUTPUT`) write an address (`where`).

    ``comments``: an HTML comment hides what it holds; ``site``: the site's params, whose ``data``
    each output shows; ``root``: the project's folder, ``folder`` the site's in it; ``body``: the
    item's body, places alike, read in its place (Liquid's comments blanked). A value's data
    file is read once (`stagemap.read.sitedata.value_place`), and only for a link that leads
    nowhere and that the page's own text does not write."""

    def __init__(
        self,
        item: Asset,
        comments: bool,
        site: Mapping[str, Any] | None,
        root: Path,
        folder: str,
        body: str | None = None,
    ) -> None:
        self.item, self.root, self.folder = item, root, folder
        data = (site or {}).get(DATA_KEY)
        self.data: Mapping[str, Any] = data if isinstance(data, Mapping) else {}
        self.outputs: list[tuple[int, tuple[str, ...], str]] = []
        """Where each output of a text value is in the body (not in code), the keys it names and
        the value (each looked up once: a page showing 400 values, each with a dead link)."""
        body = item.body if body is None else body
        if self.data and "site.data." in body:
            code = code_spans(body, comments)
            for found in _OUTPUT.finditer(body):
                keys = tuple(found.group(1).split("."))
                value: Any = self.data
                for key in keys:
                    value = value.get(key) if isinstance(value, Mapping) else None
                if isinstance(value, str) and found.start() not in code:
                    self.outputs.append((found.start(), keys, value))
        self.values: dict[tuple[str, ...], _Value | str | None] = {}
        """Each value looked up, by its keys (`_value`)."""
        self.claimed: dict[tuple[str, ...], set[int]] = {}
        """The places in each value (by its keys) given to a link already."""

    def where(self, texts: tuple[str, ...]) -> Place | None:
        """Return where a value shown on the page writes one of ``texts`` (an address as the page
        has it, then percent-decoded) as a link's address: the first value, in the page's order,
        with such a place not given to a link yet. Else, of the first value whose text holds the
        address: a place given already (the value shown twice), or the value where the file writes
        the address otherwise (escaped in a double-quoted value), or, where its place is not known,
        the output in the page. None: no value holds it."""
        last: Place | None = None
        for at, keys, value in self.outputs:
            if not any(text in value for text in texts):
                continue
            found = self._value(keys)
            if not isinstance(found, _Value):  # at the page's output, naming the value
                last = last or self._output(at, keys, found)
                continue
            claimed = self.claimed.setdefault(keys, set())
            _, index = found.places.unclaimed(texts, claimed)
            if index >= 0:
                claimed.add(index)
                return found.at(index)
            if last is None:
                _, index = found.places.where(texts, claimed)
                last = found.at(index) if index >= 0 else (found.rel, found.pos.line, found.pos.col, "")
        return last

    def _output(self, at: int, keys: tuple[str, ...], file: str | None) -> Place:
        """Return the place of the output at ``at`` in the body, naming its value and its ``file``."""
        body, named = self.item.body, "site.data." + ".".join(keys)
        line, col = line_at(self.item.body_line, body, at), column_at(body, at)
        return self.item.path, line, col, f" (the value of {named}" + (f" in {file})" if file else ")")

    def _value(self, keys: tuple[str, ...]) -> _Value | str | None:
        """Return where the value ``keys`` name is written; where that is not known, the path of
        the data file that holds it; None where none does (looked up once)."""
        if keys not in self.values:
            found = value_place(self.root, keys, self.folder)
            rel, text, pos = found if found is not None else ("", "", None)
            if pos is None:
                self.values[keys] = rel or None
            else:
                value = text[pos.start : pos.end]
                self.values[keys] = _Value(rel, text, pos, Places(value, code_spans(value, True)))
        return self.values[keys]


class _Value(NamedTuple):
    """Where a data file writes a value: the file's path in the project, its text, the value's
    place in it and the addresses the value writes."""

    rel: str
    text: str
    pos: Pos
    places: Places

    def at(self, index: int) -> Place:
        """Return the place in the file of the value's character at ``index``."""
        index += self.pos.start
        return self.rel, line_at(1, self.text, index), column_at(self.text, index), ""
