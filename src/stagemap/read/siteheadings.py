"""How a site's configuration says its headings get their ids, for `stagemap init` (the
``heading_ids`` setting, `stagemap.render.headingids`).

Hugo's ``markup.goldmark.parser.autoIDType`` (``github``, its default, ``github-ascii`` or
``blackfriday``; ``autoHeadingIDType`` before Hugo 0.144, which wins where both are given, as
Hugo reads them; Hugo's keys are read whatever their case). MkDocs' toc extension's
``slugify`` in ``markdown_extensions``: a Python function named with a ``!!python/name:`` tag
(Python-Markdown's ``slugify`` and ``slugify_unicode``, pymdownx's ``uslugify``) or made by one
with ``!!python/object/apply:`` (pymdownx's ``slugify`` with ``case: lower``), or, in
Zensical's ``zensical.toml`` (and the ``mkdocs.yml`` Zensical reads), by a table naming it. A
function stagemap does not know makes ids its own way: ``github``, whose links are matched loosely.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..model.settings import HEADING_IDS, LOOSE_HEADING_IDS
from .hugomarkup import hugo_key

_HUGO_IDS = ("markup", "goldmark", "parser", "autoheadingidtype")
"""The keys of Hugo's setting, in lower case: its name before Hugo 0.144, which still wins
where it is given (Hugo copies it over the new one)."""
_HUGO_IDS_NOW = ("markup", "goldmark", "parser", "autoidtype")
"""The keys of its name since Hugo 0.144 (it makes the ids of definition lists' terms too)."""
_TOC_SLUGS = {
    "markdown.extensions.toc.slugify": "toc",
    "markdown.extensions.toc.slugify_unicode": "toc-unicode",
    "pymdownx.slugs.uslugify": "uslugify",
}
"""The ``slugify`` functions of MkDocs' toc extension whose ids stagemap makes, by their name."""
_PYMDOWNX_SLUGIFY = "pymdownx.slugs.slugify"
"""pymdownx's configurable ``slugify``, made with options (``!!python/object/apply:``)."""
_USLUGIFY = {"case": "lower", "percent_encode": False, "normalize": "NFC"}
"""pymdownx's ``slugify`` options that make it ``uslugify`` (the last two by default)."""


def site_heading_ids(generator: str, config_file: Path, data: Any) -> str:
    """Return the ``heading_ids`` a site's configuration (``config_file``, read as ``data``)
    chooses, when not its generator's usual way (empty then)."""
    if generator == "hugo":
        found = hugo_key(data, _HUGO_IDS) or hugo_key(data, _HUGO_IDS_NOW)
        chosen = found.lower() if isinstance(found, str) else ""
        return chosen if chosen in HEADING_IDS and chosen != LOOSE_HEADING_IDS else ""
    if generator == "mkdocs":  # Zensical's settings (``data``) are TOML: no Python tags
        return _toc_slugify(data if config_file.suffix == ".toml" else _mkdocs_yml(config_file))
    return ""


@dataclass(frozen=True, slots=True)
class _Named:
    """A Python object MkDocs' settings name (``!!python/name:x``), or make (``!!python/object/apply:x``)."""

    name: str
    """Its module and name (``pymdownx.slugs.uslugify``)."""
    options: Any = None
    """What it is made with (``{kwds: {case: lower}}``), or None."""


class _Loader(yaml.SafeLoader):
    """A safe loader that keeps the names of the Python objects MkDocs' settings give, and reads
    any other tag (``!ENV``, ``!relative``) as nothing."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: _Named(suffix))
_Loader.add_multi_constructor(
    "tag:yaml.org,2002:python/object/apply:",
    lambda loader, suffix, node: _Named(
        suffix, loader.construct_mapping(node, deep=True) if isinstance(node, yaml.MappingNode) else None
    ),
)


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # last: PyYAML tries them in order


def _mkdocs_yml(config_file: Path) -> Any:
    """Return ``mkdocs.yml``'s settings, its Python tags read as `_Named`; None when it cannot be read."""
    try:
        return yaml.load(config_file.read_text(encoding="utf-8-sig"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


def _toc_slugify(data: Any) -> str:
    """Return the ``heading_ids`` of the toc extension's ``slugify`` in MkDocs' settings: empty
    for its own (MkDocs' usual way), `LOOSE_HEADING_IDS` for a function stagemap does not know.

    ``markdown_extensions`` is a list of names and ``{name: options}``, or one mapping of names
    to options (Zensical's ``[project.markdown_extensions.toc]``). Zensical names the function
    in a table, ``slugify = {object = "pymdownx.slugs.slugify", kwds = {case = "lower"}}``, and
    calls it with ``kwds``, as ``!!python/object/apply:`` does (``object``: pymdownx's
    ``slugify`` when not given)."""
    extensions = data.get("markdown_extensions") if isinstance(data, dict) else None
    if isinstance(extensions, list):  # [toc, {toc: {slugify: ...}}]
        extensions = {k: v for item in extensions if isinstance(item, dict) for k, v in item.items()}
    options = extensions.get("toc") if isinstance(extensions, dict) else None
    given = options.get("slugify") if isinstance(options, dict) else None
    if isinstance(given, dict) and isinstance(given.get("object", _PYMDOWNX_SLUGIFY), str):
        given = _Named(given.get("object", _PYMDOWNX_SLUGIFY), {"kwds": given.get("kwds")})
    if given is None:
        return ""
    if not isinstance(given, _Named):
        return LOOSE_HEADING_IDS
    if given.name == _PYMDOWNX_SLUGIFY:
        kwds = given.options.get("kwds") if isinstance(given.options, dict) else None
        chosen = {**_USLUGIFY, "case": "none", **(kwds if isinstance(kwds, dict) else {})}
        return "uslugify" if chosen == _USLUGIFY else LOOSE_HEADING_IDS
    found = _TOC_SLUGS.get(given.name, LOOSE_HEADING_IDS)
    return "" if found == "toc" else found
