"""Heading ids as a site's Markdown makes them (the ``heading_ids`` setting).

Each generator makes a heading's id from its text in its own way, and a site's links to its
headings are written in that way. ``github`` is GitHub's way, which Hugo (by default),
Docusaurus, Astro and Gatsby follow, each with small differences of its own: links to
headings are matched to ids loosely there, by their letters and digits
(`stagemap.render.anchors.letters`). The others are known exactly, so a link is matched to
an id exactly, as the live site matches it:

- ``blackfriday`` and ``github-ascii``: Hugo's other two ``autoHeadingIDType`` values. The
  first keeps letters and digits and makes each run of anything else between them one ``-``
  (``-c, --checksum`` is ``c-checksum``); the second is GitHub's with accents taken off and
  any other character beyond ASCII dropped. An id with nothing left is ``heading``; a repeated
  one is numbered ``-1``, ``-2``...
- ``toc``: MkDocs' own, the slugify of Python-Markdown's toc extension: the text decomposed
  (NFKD) and kept to ASCII, what is neither a word character, a space nor ``-`` dropped, runs of
  spaces and ``-`` made one ``-``, lower case (``設定`` leaves nothing). ``toc-unicode`` is its
  ``slugify_unicode``, which keeps letters beyond ASCII, and ``uslugify`` pymdownx's
  (``pymdownx.slugs.uslugify``, or its ``slugify`` with ``case: lower``), which drops the same
  characters but makes each space one ``-``. On all three a repeated id, and an empty one, is
  numbered ``_1``, ``_2``... as the toc extension numbers them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from ..lazyre import lazy
from ..model.settings import LOOSE_HEADING_IDS, Config
from .anchors import HEADING_PREFIX

Slugs = Callable[[str], str]
"""Makes a heading's id (without the ``h-`` prefix) from its text."""

_NOT_SITE_WORD = lazy(r"[^a-z0-9 _-]")


def site_slug(text: str) -> str:
    """Return ``text`` as GitHub names a heading (and Hugo, Docusaurus, Astro after it): lower
    case, each space a hyphen, other characters than letters, marks, digits, ``_`` and ``-`` dropped."""
    text = text.lower()
    if text.isascii():
        kept = _NOT_SITE_WORD.sub("", text)
    else:
        kept = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LMN")
    return kept.replace(" ", "-") or "section"


_LETTERS_AND_DIGITS = lazy(r"[^\W_]+")


def blackfriday(text: str) -> str:
    """Return ``text`` as Hugo's ``blackfriday`` ids have it: its runs of letters and digits in
    lower case, one ``-`` between each two (``-c, --checksum`` is ``c-checksum``)."""
    return "-".join(run.lower() for run in _LETTERS_AND_DIGITS.findall(text)) or "heading"


_NOT_ASCII_WORD = lazy(r"[^a-z0-9_ \t-]")


def github_ascii(text: str) -> str:
    """Return ``text`` as Hugo's ``github-ascii`` ids have it: GitHub's way, accents taken off
    and every other character beyond ASCII dropped (``Café`` is ``cafe``, ``設定`` is ``heading``)."""
    if not text.isascii():
        bare = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
        text = "".join(c for c in unicodedata.normalize("NFC", bare) if c.isascii())
    return _NOT_ASCII_WORD.sub("", text.lower()).replace(" ", "-").replace("\t", "-") or "heading"


_TOC_DROPPED = lazy(r"[^\w\s-]")
_TOC_JOINED = lazy(r"[-\s]+")


def toc(text: str) -> str:
    """Return ``text`` as Python-Markdown's toc extension (MkDocs') names a heading: kept to
    ASCII after decomposing, ``--fast`` a word among words (``use-fast-to-skip-checks``)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return toc_unicode(text)


def toc_unicode(text: str) -> str:
    """Return ``text`` as the toc extension's ``slugify_unicode`` names a heading (letters beyond ASCII kept)."""
    return _TOC_JOINED.sub("-", _TOC_DROPPED.sub("", text).strip().lower())


_USLUG_DROPPED = lazy(r"[^\w\- ]")


def uslugify(text: str) -> str:
    """Return ``text`` as pymdownx's ``uslugify`` names a heading: composed (NFC), lower case,
    what is neither a word character, a space nor ``-`` dropped, each space one ``-``."""
    text = unicodedata.normalize("NFC", text).strip().lower()
    return _USLUG_DROPPED.sub("", text).replace(" ", "-")


SCHEMES: dict[str, Slugs] = {
    LOOSE_HEADING_IDS: site_slug,
    "blackfriday": blackfriday,
    "github-ascii": github_ascii,
    "toc": toc,
    "toc-unicode": toc_unicode,
    "uslugify": uslugify,
}
"""Each value of the ``heading_ids`` setting and how it makes ids (`stagemap.model.settings.HEADING_IDS`)."""


def site_slugs(config: Config) -> Slugs | None:
    """Return how the site's generator makes heading ids (``heading_ids``; GitHub's way when a
    `Config` made in code does not say), None for stagemap's own format."""
    return SCHEMES.get(config.heading_ids) or (site_slug if config.rules.generator else None)


_UNDERSCORED = frozenset((toc, toc_unicode, uslugify))
"""The ways whose repeated (and empty) ids are numbered ``_1``, ``_2``... (Python-Markdown's toc)."""
_TOC_COUNT = lazy(r"(.*)_([0-9]+)")


def exact(slugs: Slugs | None) -> bool:
    """Whether ids made by ``slugs`` are those of the live site, so that links to headings are
    matched to them exactly (GitHub's way, and stagemap's own, are matched loosely)."""
    return slugs in SCHEMES.values() and slugs is not site_slug


class Taken(set[str]):
    """The ids a body's headings have taken, and where numbering each repeated one stopped.

    A long changelog repeats ``### Fixed`` thousands of times: numbering each from ``-1`` again
    took time growing with the square of their number (14 s for 8 MB of release notes). The ids
    taken only grow, so the next repeat goes on from where the last one stopped, with the same
    result.
    """

    def __init__(self) -> None:
        super().__init__()
        self.stopped: dict[str, int] = {}
        """For each id numbered, the number it was last numbered with."""


def numbered(name: str, used: Taken, slugs: Slugs) -> str:
    """Return the id (``h-`` in front) of a heading whose ``slugs`` made ``name``, numbered as
    its generator numbers a repeated one, and add it to ``used``."""
    start = ident = HEADING_PREFIX + name
    if slugs in _UNDERSCORED:
        if ident in used or not name:
            count = _TOC_COUNT.fullmatch(ident)
            base, n = (count.group(1), int(count.group(2))) if count else (ident, 0)
            n = max(n, used.stopped.get(start, n))
            ident = f"{base}_{n + 1}"
            while ident in used:
                n += 1
                ident = f"{base}_{n + 1}"
            used.stopped[start] = n
    else:
        base, n = ident, used.stopped.get(start, 1)
        while ident in used:
            ident = f"{base}-{n}"
            n += 1
        used.stopped[start] = n
    used.add(ident)
    return ident
