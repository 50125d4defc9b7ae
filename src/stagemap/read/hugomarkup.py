"""Hugo's goldmark settings that change the ids a page has: whether its definition lists'
terms get ids.

- ``markup.goldmark.parser.autoDefinitionTermID`` (Hugo 0.144; off by default): each term of a
  definition list (a ``dt``) gets an id made from its text as a heading's is, numbered with the
  headings' in the page's order (a term ``Matchers`` above a heading ``## Matchers``: the term
  is ``#matchers``, the heading ``#matchers-1``).
- ``markup.goldmark.extensions.definitionList`` (on by default): with it off, Hugo reads no
  definition lists, and gives no term an id whatever the first says.

Hugo reads its keys in any case and a flag written as text (``"true"``) too; a later file
(``config/production/``'s) may turn either off again, so each is kept as the file gives it,
and `term_ids` tells what they make together.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

TERM_IDS = "\0term-ids"
"""The key under which a Hugo site's params hold its ``autoDefinitionTermID``."""
DEFINITION_LISTS = "\0definition-lists"
"""The key under which a Hugo site's params hold its ``definitionList`` extension's flag."""
_SETTINGS = {
    TERM_IDS: ("markup", "goldmark", "parser", "autodefinitiontermid"),
    DEFINITION_LISTS: ("markup", "goldmark", "extensions", "definitionlist"),
}
"""Each setting's keys in Hugo's configuration, in lower case."""
FLAGS = frozenset(_SETTINGS)


def markup_settings(config: Mapping[Any, Any]) -> dict[str, bool]:
    """Return what a Hugo configuration file (read as ``config``) says of `FLAGS`, each where
    it says anything."""
    found: dict[str, bool] = {}
    for flag, keys in _SETTINGS.items():
        given = _value(config, keys)
        if given is not None:
            found[flag] = str(given).lower() == "true"
    return found


def _value(data: Any, keys: tuple[str, ...]) -> Any:
    """Return the value of nested ``keys`` in Hugo's settings, matched without regard to case."""
    for key in keys:
        if not isinstance(data, Mapping):
            return None
        data = next((v for k, v in data.items() if isinstance(k, str) and k.lower() == key), None)
    return data


def definition_lists_read(site: Mapping[str, Any] | None) -> bool:
    """Whether a Hugo site whose params are ``site`` reads definition lists (the default)."""
    return not isinstance(site, Mapping) or site.get(DEFINITION_LISTS) is not False


def term_ids(site: Mapping[str, Any] | None) -> bool:
    """Whether a Hugo site whose params are ``site`` gives its definition lists' terms ids."""
    return isinstance(site, Mapping) and site.get(TERM_IDS) is True and definition_lists_read(site)
