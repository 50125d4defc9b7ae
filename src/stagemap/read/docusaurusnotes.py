"""Which ``:::kind`` blocks a Docusaurus site shows as admonitions, from its configuration and
``package.json`` (code, never run).

Docusaurus makes an admonition of a block whose kind is one of its keywords: ``secondary``,
``info``, ``success``, ``danger``, ``note``, ``tip``, ``warning``, ``important`` and ``caution``,
and those a content plugin's ``admonitions: {keywords: [...]}`` adds (Docusaurus 3 adds them to
its own unless ``extendDefaults: false``; Docusaurus 2 puts them in their place). Docusaurus 2
reads the opening line with a pattern of its own, Docusaurus 3 as remark-directive reads it
(`stagemap.render.notes` reads both), so the release matters too: `DOCUSAURUS2` where
``@docusaurus/core`` is older than 3 (no version known: the newest).
"""

from __future__ import annotations

from typing import Any

from ..lazyre import lazy
from .packageversions import reaches

DOCUSAURUS2 = "docusaurus-2"
"""A Docusaurus 2 site: its admonitions are read as its own remark plugin read them."""
ADMONITION = "admonition:"
"""A trait ``admonition:<kind>``: a keyword the configuration adds to the admonitions'."""
OWN_ADMONITIONS = "own-admonitions"
"""The configuration's keywords replace Docusaurus's own."""
KEYWORDS = (
    "secondary", "info", "success", "danger", "note", "tip", "warning", "important", "caution",
)  # fmt: skip
"""Docusaurus's own admonition keywords, in the order Docusaurus 2 tries them."""
_ADMONITIONS = lazy(r"""(?<![\w$])['"]?admonitions['"]?\s*:\s*\{([^{}]{0,2000})\}""")
"""A content plugin's ``admonitions: {...}`` options (no object inside them)."""
_KEYWORDS = lazy(r"""(?<![\w$])['"]?keywords['"]?\s*:\s*\[([^\[\]]{0,1000})\]""")
_STRING = lazy(r"""(['"`])([A-Za-z][\w-]{0,60})\1""")
_NO_DEFAULTS = lazy(r"""(?<![\w$])['"]?extendDefaults['"]?\s*:\s*false\b""")


def admonition_traits(code: str | None, packages: dict[str, Any]) -> list[str]:
    """Return the traits of a Docusaurus site's admonitions from its configuration's ``code``
    (comments blanked) and its ``packages``: `DOCUSAURUS2`, the keywords its options add
    (`ADMONITION`), and `OWN_ADMONITIONS` where those replace Docusaurus's own."""
    core = packages.get("@docusaurus/core")
    release2 = core is not None and not reaches(core, (3, 0))
    traits = [DOCUSAURUS2] if release2 else []
    for options in _ADMONITIONS.finditer(code or ""):
        listed = _KEYWORDS.search(options.group(1))
        if listed is None:
            continue
        traits += [ADMONITION + found.group(2) for found in _STRING.finditer(listed.group(1))]
        if release2 or _NO_DEFAULTS.search(options.group(1)):
            traits.append(OWN_ADMONITIONS)
    return sorted(set(traits))


def admonition_kinds(traits: tuple[str, ...]) -> frozenset[str]:
    """Return the kinds a Docusaurus site with these ``traits`` shows as admonitions."""
    own = {t.removeprefix(ADMONITION) for t in traits if t.startswith(ADMONITION)}
    return frozenset(own if OWN_ADMONITIONS in traits else {*KEYWORDS, *own})
