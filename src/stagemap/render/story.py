"""The story a page tells in its front matter (when its body is empty), as labelled prose. Pure."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..model.library import Asset

STORY_SKIP = frozenset({"layout", "template", "templatekey", "type", "permalink", "url", "slug", "lang"})
"""Front matter keys whose text is never part of a page's story."""


def front_story(item: Asset) -> list[tuple[str, str]]:
    """Return the prose fields of a page's front matter (a story told there), labelled, in file order.

    Prose is text with at least three words that is not an address or a path; a mapping with
    a ``text`` (a quote) counts, signed with its ``name`` or ``author``.
    """
    found = []
    for key, value in item.extra.items():
        if isinstance(value, Mapping) and isinstance(value.get("text"), str):
            who = value.get("name") or value.get("author")
            value = f"{value['text']} ({who})" if isinstance(who, str) else value["text"]
        if not isinstance(value, str) or key.casefold() in STORY_SKIP or len(value.split()) < 3:
            continue
        if value.startswith(("/", "./", "../", "http://", "https://")) or value in (
            item.summary,
            item.message,
        ):
            continue
        label = re.sub(r"(?<=[a-z])(?=[A-Z])|[_-]+", " ", key).strip().capitalize()
        found.append((label, value))
    return found
