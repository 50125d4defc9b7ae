"""The site's search index as small script files, loaded a few at a time as a reader types. Pure.

Three kinds of file under ``static/search/``, each a script that hands its data to
``stagemap.add`` (defined by ``static/stagemap.js``); script files, not JSON fetched, because
browsers refuse ``fetch()`` of a ``file://`` address and the site must work from a folder:

``index.js``
    the manifest, loaded with every page: the prefixes that have a chunk, how many assets
    each record file holds, and for each asset its state as one letter and where its journey
    starts as one character (the ranking needs both: see `journey_letters`).
``w-PREFIX.js``
    a chunk: for each indexed word that begins with ``PREFIX``, the positions of the assets
    that contain it, and of those whose title does. Words are grouped by their first letter;
    a group that would make a large chunk is split by one more letter (up to
    `LONGEST_PREFIX`), so a small library has a few chunks and a large one many, none large.
``r-N.js``
    the records of `RECORDS_PER_FILE` assets, from position ``N`` times that: id, page, title,
    format, state, stages, questions, personas. Only the records of the matches shown are loaded.

Positions are the assets' places in the order of their ids, which no edit changes (in site
order a new title would move every asset between its old and new place, and each chunk
listing one of them would be written again); each list is written as the differences between
neighbours (small numbers, few bytes). Every string is JSON with anything outside ASCII and
``<``, ``>``, ``&`` written as escapes, so no content can end a script or become markup.
"""

from __future__ import annotations

import bisect
import json
import string
from collections import defaultdict
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
STATE_LETTERS = {
    "ready": "r",
    "scheduled": "c",
    "stale": "s",
    "idea": "i",
    "draft": "d",
    "review": "v",
    "retired": "x",
}
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
    ordered = sorted(positions)
    return [n - last for last, n in zip([0, *ordered], ordered, strict=False)]


def _script(key: str, data: Any) -> str:
    """The script that hands ``data`` to the site's ``stagemap.add`` under ``key``."""
    text = json.dumps([key, data], ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    # Only inside JSON strings can these appear: as escapes they can never close a script.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f"stagemap.add({text[1:-1]});\n"


def journey_letters(journey: Sequence[int]) -> str:
    """Return where each asset's journey starts (its first stage's index) as one character each.

    The character's code is 48 plus the index (``0`` for the first stage): the script ranks
    matches that tie by it, so that they come in journey order, then by position (by id).
    """
    return "".join(chr(48 + n) for n in journey)


def search_files(entries: Sequence[Mapping[str, Any]], journey: Sequence[int]) -> dict[str, str]:
    """Return the search index's files by site path, for the entries in id order and where each one's journey starts."""
    return SearchIndex().files(entries, journey)


class SearchIndex:
    """The search index of the latest build, kept so that the next one makes again only the files an edit changes.

    ``serve`` builds after every save: a front-matter edit changes one entry, so only the
    chunks holding the words it lost or gained, its records file and the manifest are made
    again; the other files keep their text. The files are always those a first build of the
    same entries makes (the chunks' split depends only on the postings of their own words).
    """

    def __init__(self) -> None:
        self._entries: tuple[Mapping[str, Any], ...] = ()
        self._journey = ""
        self._files: dict[str, str] = {}
        self._found: dict[str, list[int]] = {}
        """Each word's positions, ascending."""
        self._titled: dict[str, list[int]] = {}
        """Each title word's positions, ascending."""
        self._letters: dict[str, set[str]] = {}
        """The words of each first-letter group (`FIRST_PREFIX`), which split on their own."""
        self._groups: dict[str, list[tuple[str, list[str]]]] = {}
        """The chunks of each first-letter group, as `prefix_groups` returns them."""

    def files(self, entries: Sequence[Mapping[str, Any]], journey: Sequence[int]) -> dict[str, str]:
        """Return the index's files by site path for the entries (in id order) and where each one's journey starts."""
        new = tuple(entries)
        old = self._entries
        letters = journey_letters(journey)
        moved_journey, self._journey = letters != self._journey, letters
        if len(old) != len(new) or not old:
            self._start(new)
            return self._files
        moved = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a is not b and a != b]
        self._entries = new
        if not moved:
            if moved_journey:
                self._files = dict(self._files)  # the caller may keep the files it was given
                self._manifest()
            return self._files
        if len(moved) * 8 > len(new):
            self._start(new)  # most of the index changes: made again whole, at the same cost
            return self._files
        self._files = dict(self._files)  # the caller may keep the files it was given
        touched: set[str] = set()
        for i in moved:
            _move(self._found, i, old[i]["words"], new[i]["words"], touched)
            _move(self._titled, i, old[i]["title_words"], new[i]["title_words"], touched)
        self._regroup(touched)
        for number in sorted({i // RECORDS_PER_FILE for i in moved}):
            self._records(number)
        self._manifest()
        self._files = dict(sorted(self._files.items()))
        return self._files

    def _start(self, entries: tuple[Mapping[str, Any], ...]) -> None:
        """Make every file of the index."""
        self._entries = entries
        found: defaultdict[str, list[int]] = defaultdict(list)
        titled: defaultdict[str, list[int]] = defaultdict(list)
        for position, entry in enumerate(entries):
            for word in entry["words"]:
                found[word].append(position)
            for word in entry["title_words"]:
                titled[word].append(position)
        self._found, self._titled = dict(found), dict(titled)
        self._letters, self._groups, self._files = {}, {}, {}
        self._regroup(set(self._found))
        for number in range(-(-len(entries) // RECORDS_PER_FILE)):
            self._records(number)
        self._manifest()
        self._files = dict(sorted(self._files.items()))

    def _regroup(self, touched: set[str]) -> None:
        """Split the first-letter groups of the touched words again; make the chunks whose words changed."""
        found = self._found
        for word in touched:
            letter = word[:FIRST_PREFIX]
            if word in found:
                self._letters.setdefault(letter, set()).add(word)
            elif letter in self._letters:
                self._letters[letter].discard(word)
        for letter in sorted({word[:FIRST_PREFIX] for word in touched}):
            before = self._groups.pop(letter, [])
            words = self._letters.get(letter)
            after = prefix_groups({w: len(found[w]) for w in words}) if words else []
            if not words:
                self._letters.pop(letter, None)
            else:
                self._groups[letter] = after
            kept = {prefix: ws for prefix, ws in after}
            for prefix, ws in before:
                if kept.get(prefix) != ws:
                    self._files.pop(_chunk_path(prefix), None)
            unchanged = {prefix for prefix, ws in before if kept.get(prefix) == ws}
            for prefix, ws in after:
                if prefix not in unchanged or not touched.isdisjoint(ws):
                    self._files[_chunk_path(prefix)] = self._chunk(prefix, ws)

    def _chunk(self, prefix: str, words: list[str]) -> str:
        found, titled = self._found, self._titled
        data = {
            "words": {w: _gaps(found[w]) for w in words},
            "titles": {w: _gaps(titled[w]) for w in words if w in titled},
        }
        return _script("w:" + prefix, data)

    def _records(self, number: int) -> None:
        start = number * RECORDS_PER_FILE
        block = [_record(e) for e in self._entries[start : start + RECORDS_PER_FILE]]
        self._files[f"{SEARCH_DIR}/r-{number}.js"] = _script(f"r:{number}", block)

    def _manifest(self) -> None:
        manifest = {
            "prefixes": sorted(prefix for groups in self._groups.values() for prefix, _ in groups),
            "per": RECORDS_PER_FILE,
            "states": "".join(STATE_LETTERS[e["state"]] for e in self._entries),
            "journey": self._journey,
        }
        self._files[MANIFEST] = _script("m", manifest)


def _chunk_path(prefix: str) -> str:
    return f"{SEARCH_DIR}/{chunk_name(prefix)}"


def _move(
    postings: dict[str, list[int]],
    position: int,
    lost: Iterable[str],
    gained: Iterable[str],
    touched: set[str],
) -> None:
    """Move ``position`` from the postings of the words it ``lost`` to those it ``gained``; note them in ``touched``."""
    lost, gained = set(lost), set(gained)
    for word in lost - gained:
        found = postings[word]
        del found[bisect.bisect_left(found, position)]
        if not found:
            del postings[word]
        touched.add(word)
    for word in gained - lost:
        bisect.insort(postings.setdefault(word, []), position)
        touched.add(word)


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
