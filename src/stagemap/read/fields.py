"""Read typed front matter fields, reporting each wrong one at its line and column."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ..errors import suggest
from ..model.library import DATE_RE, MAX_ID, MAX_ID_PART
from . import yamlsafe

Add = Callable[..., None]
"""Records a problem: ``add(line, col, message, hint, code)``."""

_TYPE_NAMES = {
    bool: "true/false",
    int: "a number",
    float: "a number",
    dict: "a mapping",
    list: "a list",
    type(None): "empty",
}


class FieldReader:
    """Reads typed fields out of one file's front matter, reporting each wrong one.

    ``fence_line`` is the line of the opening ``---``, where a missing field is reported.
    """

    def __init__(self, loaded: yamlsafe.Loaded, source: str, add: Add, fence_line: int) -> None:
        self.loaded = loaded
        self.source = source
        self.fm: dict[str, Any] = loaded.data
        self.add = add
        self.fence_line = fence_line

    def _missing(self, key: str, example: str) -> None:
        if key in self.fm:  # present but empty: point at it
            pos = self.loaded.pos(key)
            self.add(
                pos.line,
                pos.col,
                f"required field '{key}' is empty",
                f"give it a value, e.g. {key}: {example}",
                f"empty-{key}",
            )
            return
        self.add(
            self.fence_line,
            1,
            f"missing required field '{key}'",
            f"add e.g. {key}: {example}",
            f"missing-{key}",
        )

    def text(self, key: str, *, required: bool = False) -> str | None:
        """Return a text field, stripped; a number is taken as written; None when absent or wrong."""
        if key not in self.fm or self.fm[key] is None:
            if required:
                self._missing(key, "Our pricing explained")
            return None
        value = self.fm[key]
        if isinstance(value, int | float) and not isinstance(value, bool):
            pos = self.loaded.pos(key)
            return self.source[pos.start : pos.end]
        if not isinstance(value, str):
            pos = self.loaded.pos(key)
            self.add(
                pos.line,
                pos.col,
                f"'{key}' must be text, not {_TYPE_NAMES.get(type(value), 'that')}",
                "quote the value",
                "wrong-type",
            )
            return None
        value = value.strip()
        if required and not value:
            self._missing(key, "Our pricing explained")
            return None
        return value

    def ids(
        self,
        key: str,
        valid: tuple[str, ...],
        what: str,
        *,
        required: bool,
        code: str = "",
        hint: Callable[[str], str] | None = None,
    ) -> tuple[str, ...]:
        """Return the valid ids of a field holding one id or a list, each once, in order.

        An unknown id's problem has the code ``code`` (default ``unknown-`` and ``what``) and
        the hint ``hint(id)`` (default: the closest valid id, or all of them).
        """
        example = valid[0] if valid else "id"
        if key not in self.fm or self.fm[key] is None or self.fm[key] == []:
            if required:
                self._missing(key, f"[{example}]")
            return ()
        value = self.fm[key]
        items: list[tuple[Any, tuple[Any, ...]]]
        if isinstance(value, str):
            items = [(value, (key,))]
        elif isinstance(value, list):
            items = [(v, (key, i)) for i, v in enumerate(value)]
        else:
            pos = self.loaded.pos(key)
            article = "an" if what[:1] in ("a", "e", "i", "o", "u") else "a"
            message = f"'{key}' must be {article} {what} id or a list of them"
            kind = _TYPE_NAMES.get(type(value), "that")
            self.add(pos.line, pos.col, f"{message}, not {kind}", f"e.g. {key}: [{example}]", "wrong-type")
            return ()
        result: list[str] = []
        for item, path in items:
            pos = self.loaded.pos(*path)
            if not isinstance(item, str):
                kind = _TYPE_NAMES.get(type(item), "that")
                self.add(
                    pos.line, pos.col, f"{what} ids must be text, not {kind}", "quote the value", "wrong-type"
                )
                continue
            item = item.strip()
            if item not in valid:
                self.add(
                    pos.line,
                    pos.col,
                    f"unknown {what} '{item}'",
                    hint(item) if hint else suggest(item, valid),
                    code or f"unknown-{what}",
                )
                continue
            if item not in result:
                result.append(item)
        return tuple(result)

    def date(self, key: str, *, told: tuple[str, ...] = ()) -> dt.date | None:
        """Return a ``YYYY-MM-DD`` date field; None when absent or not a real date (reported, but
        where a field of ``told`` has the same value from the same place: one site key read as both)."""
        if key not in self.fm or self.fm[key] is None:
            return None
        value = self.fm[key]
        pos = self.loaded.pos(key)
        add = self.add
        if any(k in self.fm and self.loaded.pos(k) == pos for k in told):
            add = _unsaid
        if not isinstance(value, str) or not DATE_RE.match(value.strip()):
            shown = (
                f"got '{value}'" if isinstance(value, str) else f"not {_TYPE_NAMES.get(type(value), 'that')}"
            )
            add(
                pos.line,
                pos.col,
                f"'{key}' must be a date like 2026-03-31, {shown}",
                "write the date as YYYY-MM-DD",
                "bad-date",
            )
            return None
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            add(
                pos.line,
                pos.col,
                f"'{key}' is not a real date: {value.strip()}",
                "check the month and day",
                "bad-date",
            )
            return None


def _unsaid(*_args: object, **_kwargs: object) -> None:
    """Say nothing: the same value was reported for another field already."""


def id_folder(default_id: str, sub: str, generator: str) -> str:
    """Return what stands before a page's own ``id``: on a Docusaurus site, its source's id
    prefix and its folder (``docs/cli/cache.md`` with ``id: cache`` is ``cli/cache``, as
    Docusaurus names the doc); elsewhere nothing, the ``id`` is the whole id."""
    if generator != "docusaurus" or not sub:
        return ""
    folder = sub.rpartition("/")[0]
    prefix = default_id[: len(default_id) - len(sub.rpartition(".")[0])]
    return prefix + (folder + "/" if folder else "")


def spaced_ids(generator: str) -> bool:
    """Whether a ``generator`` site's ``id`` may hold spaces: Docusaurus takes any text without a
    ``/`` for a doc's (``id: Tide 2.x upgrade``), and its sidebars name the doc so."""
    return generator == "docusaurus"


def read_id(
    fields: FieldReader,
    loaded: yamlsafe.Loaded,
    default_id: str,
    add: Add,
    folder: str = "",
    spaces: bool = False,
) -> str | None:
    """Return the asset's id: its ``id`` field (after ``folder``, see `id_folder`), else its
    path; None (reported) when too long. With ``spaces`` (`spaced_ids`), an ``id`` may hold a
    space between its words, as the site's own id does (its page's file name is made safe
    anyway: `stagemap.analyse.paths`); other whitespace, a tab or a line break, never.

    An ``id`` field longer than `MAX_ID` (or with a part over `MAX_ID_PART` bytes) is a problem,
    not an asset: a typo or a pasted text, more likely than a name. An id taken from the path
    is never too long: the file system named it.
    """
    fm = loaded.data
    own = fields.text("id")
    asset_id = folder + own if own else default_id
    if "id" in fm and (not asset_id or any(c.isspace() and not (spaces and c == " ") for c in asset_id)):
        pos = loaded.pos("id")
        add(pos.line, pos.col, "an 'id' must be text without spaces", "e.g. id: pricing-guide", "bad-id")
        asset_id, own = default_id, ""
    # An id taken from the file's path is as long as the file system let its names be: kept
    # (a page's file name is made short anyway, `stagemap.analyse.paths`). A given one is bounded.
    too_long = len(asset_id) > MAX_ID or any(
        len(p.encode("utf-8")) > MAX_ID_PART for p in asset_id.split("/")
    )
    if too_long and own:
        pos = loaded.pos("id")
        add(
            pos.line,
            pos.col,
            f"id is too long: at most {MAX_ID} characters, and {MAX_ID_PART} bytes between slashes",
            "give it a shorter 'id', or leave it out to use the file's path",
            "long-id",
        )
        return None
    return asset_id
