"""The routes of a Hugo site's list pages that no content file stands for: sections and taxonomies.

Hugo lists each top folder of its content that holds pages at the folder's address, with or
without an ``_index.md`` (rclone's ``/commands/``), unless ``disableKinds`` names ``section`` or
the folder's ``_index.md`` says ``build: {render: never}`` (`stagemap.read.sectionpages.UNRENDERED`).

It also makes a page for each of the site's taxonomies (``/tags/``, and ``/authors/`` where the
configuration names ``author = "authors"``; ``tags`` and ``categories`` where it names none) and
one for each term the pages' front matter gives it (``tags: [Cold Rolled]``: ``/tags/cold-rolled/``),
whether or not an ``_index.md`` is there. The terms are the assets' (a file that is no asset is
not read for them), a draft's aside; a page Hugo does not render or list counts (Hugo 0.111.3
makes ``/tags/x/`` of a page with ``render: never``).
A term's address is its text as Hugo's ``urlize`` writes it (`term_path`). ``disableKinds`` turns
off ``taxonomy`` pages, ``term`` pages or both.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from ..model.library import Asset, Library
from ..model.settings import Config
from ..read.sectionpages import (
    DEFAULT_TAXONOMIES,
    DISABLED_KINDS,
    OFF_KIND,
    TAXONOMIES,
    UNRENDERED,
    hugo_kind,
)

_KEPT = frozenset("./\\_#+~-@")
"""The characters besides letters, digits and marks that Hugo keeps in a path it makes of a text."""
_HEX = frozenset("0123456789abcdefABCDEF")


def hugo_listed(config: Config, library: Library) -> frozenset[str]:
    """Return the routes (``/tags/steel/``) of a Hugo site's list pages that no content file
    stands for: its sections' (`section_routes`) and its taxonomies' and terms' (`term_routes`)."""
    return frozenset((*section_routes(config, library), *term_routes(library)))


def section_routes(config: Config, library: Library) -> Iterator[str]:
    """Yield the routes of a Hugo site's sections: the top folders of its content holding content
    files (none under ``disableKinds = ["section"]``, nor one whose ``_index.md`` Hugo does not
    render; a term's page makes none where ``disableKinds`` turns its taxonomy's page off: Hugo
    0.111.3 writes nothing at ``/tags/`` then but for a page of its own there); a source mounted
    in it (``/docs/{path}/``) is in the one its route starts with."""
    disabled = library.site_params.get(DISABLED_KINDS, ())
    if "section" in disabled:
        return
    named = frozenset(library.site_params.get(TAXONOMIES, DEFAULT_TAXONOMIES))
    terms = named if "taxonomy" in disabled else frozenset()  # (their folders' term pages)
    endings = config.rules.extensions
    pages = [f.path for f in library.fates if f.path.lower().endswith(endings) and f.rule != OFF_KIND]
    unrendered = {f.path.rpartition("/")[0] for f in library.fates if f.rule == UNRENDERED}
    for source in config.all_sources:
        try:
            folder = source.path.relative_to(config.root).as_posix()
        except ValueError:
            continue
        above = (source.url or config.rules.url_pattern).partition("{")[0].strip("/").partition("/")[0]
        whole = folder in ("", ".")
        for path in pages:
            if not whole and not path.startswith(folder + "/"):
                continue
            sub = path if whole else path[len(folder) + 1 :]
            section = above or (sub.partition("/")[0] if "/" in sub else "")
            if terms and hugo_kind(sub, terms) == "term":
                continue
            if section and (above or (section if whole else f"{folder}/{section}") not in unrendered):
                yield f"/{section}/"


def term_routes(library: Library) -> Iterator[str]:
    """Yield the routes of a Hugo site's taxonomies and of the terms its pages (the assets, drafts
    aside) are given in front matter, as Hugo makes them (see the module's docstring)."""
    params = library.site_params
    taxonomies = params.get(TAXONOMIES, DEFAULT_TAXONOMIES)
    disabled = params.get(DISABLED_KINDS, ())
    for taxonomy in sorted(taxonomies):
        if "taxonomy" not in disabled:
            yield f"/{taxonomy}/"
        if "term" not in disabled:
            yield from (f"/{taxonomy}/{term_path(t)}/" for a in library.assets for t in _terms(a, taxonomy))


def _terms(asset: Asset, taxonomy: str) -> list[str]:
    """Return the terms of ``taxonomy`` a page's front matter gives it (a list or one value, its
    key in any case, as Hugo reads it); none for a draft, which Hugo does not build."""
    if not asset.extra or str(asset.extra.get("draft")).lower() == "true":
        return []
    given = next((v for k, v in asset.extra.items() if str(k).lower() == taxonomy), None)
    values = given if isinstance(given, list) else [] if given is None else [given]
    return [
        str(v).lower() if isinstance(v, bool) else str(v) for v in values if not isinstance(v, dict | list)
    ]


def term_path(term: str) -> str:
    """Return the path Hugo makes of a term (0.111.3's ``urlize``): letters, digits, marks and
    ``./\\_#+~-@`` kept (a ``%`` before two hex digits too), each run of spaces between them one
    ``-`` (none where a ``-`` is already), anything else dropped; lower case (routes are compared so)."""
    made: list[str] = []
    hyphen = False
    for i, char in enumerate(term):
        if _kept(term, i, char):
            if hyphen and char != "-":
                made.append("-")
            hyphen = False
            made.append(char)
        elif made and char.isspace() and made[-1] != "-":
            hyphen = True
    return "".join(made).lower()


def _kept(text: str, i: int, char: str) -> bool:
    """Whether Hugo keeps ``char``, at ``i`` in ``text``, in a path it makes of the text."""
    kind = unicodedata.category(char)
    if kind[0] in "LM" or kind == "Nd" or char in _KEPT:
        return True
    return char == "%" and i + 2 < len(text) and all(c in _HEX for c in text[i + 1 : i + 3])
