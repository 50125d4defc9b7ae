"""Keys in front matter that look like a misspelt field (``stauts``, ``stage``): a warning, with the field."""

from __future__ import annotations

import difflib

from ..lazyre import lazy
from ..model.library import ALL_FIELDS, FIELDS
from ..model.settings import ReadRules
from . import yamlsafe
from .aliases import alias_keys
from .fields import Add


def warn_near_misses(loaded: yamlsafe.Loaded, add: Add, rules: ReadRules) -> None:
    """Warn about keys that look like a misspelt field.

    A key is never a near miss when it is a field, an alias of one, or one of the site's own
    known keys (the generator's usual keys and the ``known_keys`` setting). With a generator
    set, a near miss must also be at most two edits from the field (``stauts``, ``stage``),
    since a site's keys often contain ours (``jobTitle``, ``subTitle``), and not join another
    word to it (``ogSummary``, ``seo_title``: the page's summary for link previews).
    """
    own = rules.known_keys | alias_keys(rules.aliases)
    for key in loaded.data:
        if key in ALL_FIELDS or key in own:
            continue
        close = _near_miss(str(key))
        if close and rules.generator and (_edits(str(key).lower(), close) > 2 or _compound(str(key), close)):
            continue  # jobTitle, ogSummary: a site's own field named after ours, not a typo
        if close:
            pos = loaded.keys[(key,)]
            message, hint = f"unknown field '{key}'", f"did you mean '{close}'?"
            add(pos.line, pos.col, message, hint, "unknown-field", "warning")


def _near_miss(key: str) -> str | None:
    if key.lower() in FIELDS:
        return key.lower()
    close = difflib.get_close_matches(key.lower(), FIELDS, n=1, cutoff=0.75)
    return close[0] if close else None


_WORDS = lazy(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")
"""The words of a key: ``ogSummary`` is og and summary, ``SEOTitle`` SEO and title, ``seo_title`` seo and title."""


def _compound(key: str, field: str) -> bool:
    """Whether ``key`` is ``field`` with another word joined to it (camel case, ``_`` or ``-``)."""
    words = [w.lower() for w in _WORDS.findall(key)]
    return len(words) > 1 and field in words


def _edits(a: str, b: str) -> int:
    """Return the edit distance of two words, a swap of neighbours counting as one edit."""
    rows = [list(range(len(b) + 1))]
    for i, x in enumerate(a, 1):
        row = [i]
        for j, y in enumerate(b, 1):
            row.append(min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (x != y)))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]
