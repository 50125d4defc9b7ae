"""The search index's entry of each asset: what the site's search looks through.

Words are folded the way the site's script folds what a reader types (`fold`: accents
dropped, lower case) and split at anything that is not a letter or a digit (`words`); a
search finds the assets in which every word typed begins some word.
"""

from __future__ import annotations

import html
import itertools
import re
import string
import unicodedata
from typing import Any

from ..lazyre import lazy
from ..model.library import Asset
from ..read.htmlpage import is_html_page

SEARCH_TEXT_CHARS = 600
"""How much of the start of each body the search index keeps (title, message, summary and
owner are kept whole): enough to find an asset by its opening, small enough for 10,000 assets."""

_MARKUP = str.maketrans(dict.fromkeys("#*_`>|[]()!~-", " "))
"""Markdown's punctuation, each turned into a space before a body's opening is cut."""
_WORD = lazy(r"[^\W_]+")
"""A run of letters and digits (``\\p{L}`` and ``\\p{N}``, as the script's pattern)."""
_ASCII_GAPS = str.maketrans(dict.fromkeys((chr(c) for c in range(128) if not chr(c).isalnum()), " "))
"""Every ASCII character that is not a letter or digit, as a space: in ASCII text the words are
then what `str.split` gives, as `_WORD` would find them, three times as fast."""
SHORTEST_WORD = 2
"""Words shorter than this are not indexed, and the script ignores them in a search."""
_SHORT_ASCII = frozenset(
    "".join(letters)
    for size in range(1, SHORTEST_WORD)
    for letters in itertools.product(string.ascii_lowercase + string.digits, repeat=size)
)
"""The ASCII words (folded: lower case) too short to index."""


def fold(text: str) -> str:
    """Return ``text`` without accents (combining marks U+0300 to U+036F) and in lower case."""
    if text.isascii():
        return text.lower()
    return "".join(c for c in unicodedata.normalize("NFD", text) if not "\u0300" <= c <= "\u036f").lower()


def words(text: str) -> tuple[str, ...]:
    """Return the distinct words of ``text`` a search can find, folded and sorted."""
    folded = fold(text)
    if folded.isascii():
        return tuple(sorted(set(folded.translate(_ASCII_GAPS).split()).difference(_SHORT_ASCII)))
    return tuple(sorted({w for w in _WORD.findall(folded) if len(w) >= SHORTEST_WORD}))


def search_entry(asset: Asset, state: str, url: str) -> dict[str, Any]:
    """Return an asset's entry in the search index; the same object for the same asset, state and page.

    (The preview server reads an unchanged file into the same `Asset`: its entry is not
    worked out again.)
    """
    known = _ENTRIES.get(id(asset))
    if known is not None and known[0] is asset and known[1] == (state, url):
        return known[2]
    entry = _new_search_entry(asset, state, url)
    if len(_ENTRIES) > _ENTRIES_KEPT:
        _ENTRIES.clear()
    _ENTRIES[id(asset)] = (asset, (state, url), entry)
    return entry


_ENTRIES: dict[int, tuple[Asset, tuple[str, str], dict[str, Any]]] = {}
"""Search entries by the identity of their asset (which each entry keeps alive)."""
_ENTRIES_KEPT = 1 << 17


def searched_body(asset: Asset) -> str:
    """Return the part of an asset's body its search entry is made from (the index reads no further);
    of a page written in HTML, its text without the tags."""
    if is_html_page(asset.path):
        return html.unescape(_TAGS.sub(" ", asset.body[: SEARCH_TEXT_CHARS * 8]))[: SEARCH_TEXT_CHARS * 2]
    return asset.body[: SEARCH_TEXT_CHARS * 2]


_TAGS = lazy(r"<(script|style)\b.*?</\1\s*>|<[^<>]*>", re.S | re.I)


def _new_search_entry(asset: Asset, state: str, url: str) -> dict[str, Any]:
    body = " ".join(searched_body(asset).translate(_MARKUP).split())[:SEARCH_TEXT_CHARS]
    fields = (asset.title, asset.id, asset.message, asset.summary, asset.owner, asset.format, body)
    return {
        "id": asset.id,
        "url": url,
        "title": asset.title,
        "stages": list(asset.stages),
        "questions": list(asset.questions),
        "personas": list(asset.personas),
        "format": asset.format,
        "state": state,
        "words": words(" ".join(x for x in fields if x)),
        "title_words": words(asset.title),
    }
