"""Whether a site's generator writes emoji shortcodes (``:rocket:``) as the emoji themselves.

- Hugo: ``enableEmoji = true`` in its configuration (the key in any case, ``"true"`` too, as
  Hugo reads a flag; a later file, production's, may turn it off again). Hugo then adds
  goldmark's emoji extension, which reads GitHub's names in a page's text.
- Jekyll: the ``jemoji`` plugin in ``_config.yml``'s ``plugins`` (``gems`` before Jekyll 3.5),
  which turns GitHub's names into their pictures in the text of each page's HTML.

`stagemap.render.emoji` shows them so; on MkDocs ``pymdownx.emoji`` is read on its own
(`stagemap.read.mkdocsalerts`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

GITHUB_EMOJI = "\0github-emoji"
"""The key under which a site's params say that its pages show GitHub's emoji shortcodes as emoji."""


def emoji_setting(generator: str, config: Mapping[Any, Any]) -> dict[str, bool]:
    """Return `GITHUB_EMOJI` with what a configuration file says of it, or nothing where it is silent."""
    if generator == "hugo":
        given = next((v for k, v in config.items() if str(k).lower() == "enableemoji"), None)
        return {GITHUB_EMOJI: str(given).lower() == "true"} if given is not None else {}
    if generator == "jekyll":
        named = [config.get(key) for key in ("plugins", "gems")]
        plugins = [p for given in named if isinstance(given, list) for p in given]
        return {GITHUB_EMOJI: True} if "jemoji" in plugins else {}
    return {}
