"""The site's search index as small script files, loaded a few at a time as a reader types. Pure.

Three kinds of file under ``static/search/``, each a script that hands its data to
``stagemap.add`` (defined by ``static/stagemap.js``); script files, not JSON fetched, because
browsers refuse ``fetch()`` of a ``file://`` address and the site must work from a folder:

``index.js``
    the manifest, loaded with every page: the prefixes that have a chunk, how many assets
    each record file holds, and each asset's state as one letter (the ranking needs it).
``w-PREFIX.js``
    a chunk: for each indexed word that begins with ``PREFIX``, the positions of the assets
    that contain it, and of those whose title does. Words are grouped by their first letter;
    a group that would make a large chunk is split by one more letter (up to
    `LONGEST_PREFIX`), so a small library has a few chunks and a large one many, none large.
``r-N.js``
    the records of `RECORDS_PER_FILE` assets in site order, from position ``N`` times that:
    id, page, title, format, state, stages, questions, personas. Only the records of the
    matches shown are loaded.

Positions are the assets' places in site order, each list as the differences between
neighbours (small numbers, few bytes). Every string is JSON with anything outside ASCII and
``<``, ``>``, ``&`` written as escapes, so no content can end a script or become markup.
"""

from __future__ import annotations

import json
import string
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

SEARCH_DIR = "static/search"
MANIFEST = f"{SEARCH_DIR}/index.js"
RECORDS_PER_FILE = 200
"""How many assets' records go in one ``r-N.js`` file."""
FIRST_PREFIX = 1
"""The letters of a word that choose its chunk before any is split."""
LONGEST_PREFIX = 6
"""A chunk's prefix is never longer than this, however many postings it holds."""
CHUNK_BYTES = 48_000
"""A prefix whose words would take more than about this many bytes is split by one more letter."""
STATE_LETTERS = {"ready": "r", "stale": "s", "idea": "i", "draft": "d", "review": "v", "retired": "x"}
"""Each asset state's letter in the manifest."""
_PLAIN = frozenset(string.ascii_lowercase + string.digits)


def chunk_name(prefix: str) -> str:
    """Return the file name of a prefix's chunk: letters a-z and digits as they are, others as ``_HEX_``.

    (The script builds the same name; no two prefixes share one, even where case is ignored.)
    """
    return "w-" + "".join(c if c in _PLAIN else f"_{ord(c):x}_" for c in prefix) + ".js"


def weight(word: str, postings: int) -> int:
    """Return about how many bytes a word with this many postings takes in a chunk."""
    return len(word) + 6 + 3 * postings


def prefix_groups(postings: Mapping[str, int], depth: int = FIRST_PREFIX) -> list[tuple[str, list[str]]]:
    """Return the chunks as (prefix, its words), sorted by prefix, given each word's posting count.

    The words of a prefix stay together while they `weight` at most `CHUNK_BYTES`; else a
    word exactly as long as the prefix keeps a chunk of its own and the longer ones are
    grouped again by one more letter.
    """
    buckets: dict[str, list[str]] = {}
    for word in sorted(postings):
        buckets.setdefault(word[:depth], []).append(word)
    groups: list[tuple[str, list[str]]] = []
    for prefix, words in sorted(buckets.items()):
        if depth >= LONGEST_PREFIX or sum(weight(w, postings[w]) for w in words) <= CHUNK_BYTES:
            groups.append((prefix, words))
            continue
        if prefix in words:
            groups.append((prefix, [prefix]))
        groups.extend(prefix_groups({w: postings[w] for w in words if w != prefix}, depth + 1))
    return sorted(groups)


def _gaps(positions: Iterable[int]) -> list[int]:
    """Sorted positions as the first one and then the differences between neighbours."""
    out, last = [], 0
    for n in sorted(positions):
        out.append(n - last)
        last = n
    return out


def _script(key: str, data: Any) -> str:
    """The script that hands ``data`` to the site's ``stagemap.add`` under ``key``."""
    text = json.dumps([key, data], ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    # Only inside JSON strings can these appear: as escapes they can never close a script.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f"stagemap.add({text[1:-1]});\n"


def search_files(entries: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Return the search index's files by site path, for the entries in site order."""
    found: dict[str, list[int]] = {}
    titled: dict[str, list[int]] = {}
    for position, entry in enumerate(entries):
        for word in entry["words"]:
            found.setdefault(word, []).append(position)
        for word in entry["title_words"]:
            titled.setdefault(word, []).append(position)
    groups = prefix_groups({w: len(p) for w, p in found.items()})
    files = {}
    for prefix, words in groups:
        data = {
            "words": {w: _gaps(found[w]) for w in words},
            "titles": {w: _gaps(titled[w]) for w in words if w in titled},
        }
        files[f"{SEARCH_DIR}/{chunk_name(prefix)}"] = _script("w:" + prefix, data)
    for start in range(0, len(entries), RECORDS_PER_FILE):
        number = start // RECORDS_PER_FILE
        block = [_record(e) for e in entries[start : start + RECORDS_PER_FILE]]
        files[f"{SEARCH_DIR}/r-{number}.js"] = _script(f"r:{number}", block)
    manifest = {
        "prefixes": [prefix for prefix, _ in groups],
        "per": RECORDS_PER_FILE,
        "states": "".join(STATE_LETTERS[e["state"]] for e in entries),
    }
    files[MANIFEST] = _script("m", manifest)
    return dict(sorted(files.items()))


def _record(entry: Mapping[str, Any]) -> list[Any]:
    """What the results show of one asset: id, page, title, format, state, stages, questions, personas."""
    return [
        entry["id"],
        entry["url"],
        entry["title"],
        entry["format"],
        entry["state"],
        list(entry["stages"]),
        list(entry["questions"]),
        list(entry["personas"]),
    ]
