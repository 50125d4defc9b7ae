"""What Eleventy's ``slugify`` and ``slug`` filters make of a text, where that can be known here."""

from __future__ import annotations

import unicodedata

from ..lazyre import lazy

_NOT_SLUG = lazy(r"[^a-z0-9]+")


def slugged_as(text: str, filters: list[str]) -> str | None:
    """Return ``text`` through ``filters`` (``slugify``, ``slug``; ``url``, which gives a path
    as it is, but for the site's path prefix, not in a route), or None when the result is
    not known here. Both make letters and digits lower case and each run of anything else one
    ``-``, on plain text (``slugify`` first writes ``ü`` as ``ue``, ``ß`` as ``ss``: `_TRANSLITERATED`);
    what they do beyond (``&`` is ``and``, ``ß`` through ``slug``, ``don't`` is
    ``dont``, ``slug`` keeps ``.`` and ``:``) is not guessed: such a text gives no address rather than a wrong one."""
    filters = [f for f in filters if f != "url"]  # (the site's path prefix is not put in a route)
    if not filters:
        return text
    if any(f not in ("slugify", "slug") for f in filters):
        return None
    if filters[0] == "slugify":  # (transliterate's own replacements first, on the text made NFC)
        text = unicodedata.normalize("NFC", text).translate(_TRANSLITERATED)
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    # slugify: & is 'and', an apostrophe in a word is dropped (don't is dont); slug keeps dots.
    if (
        not plain.isascii()
        or "&" in plain
        or "'" in plain
        or ("slug" in filters and not _PLAIN.fullmatch(plain))
    ):
        return None
    return _NOT_SLUG.sub("-", plain.lower()).strip("-")


_TRANSLITERATED = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "Ä": "Ae",
        "Ö": "Oe",
        "Ü": "Ue",
        "ß": "ss",
        "ẞ": "SS",
        "æ": "ae",
        "Æ": "AE",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "TH",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "ı": "i",
    }
)
"""The letters Eleventy's ``slugify`` (``@sindresorhus/slugify`` through ``@sindresorhus/transliterate``,
its replacements.js) writes otherwise than as the letter without its mark (``ü`` is ``ue``), or
that have no such letter (``ß`` is ``ss``); ``slug`` (the ``slugify`` package) is not read so."""
_PLAIN = lazy(r"[A-Za-z0-9 -]*")
"""A text the ``slug`` filter makes as ``slugify`` does."""
