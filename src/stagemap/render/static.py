"""The site's static files and its search index script. Pure."""

from __future__ import annotations

import jinja2

from ..analyse.site import SitePlan, search_entries
from .searchindex import search_files

STATIC_FILES = ("favicon.svg", "stagemap.css", "stagemap.js")
"""Static files copied from ``site/static/`` (project templates first) into ``static/``."""


def static_files(env: jinja2.Environment) -> dict[str, str]:
    """Return the static files by site path, from ``site/static/`` (the project's copies first)."""
    assert env.loader is not None
    return {f"static/{name}": env.loader.get_source(env, f"site/static/{name}")[0] for name in STATIC_FILES}


def search_index(plan: SitePlan) -> dict[str, str]:
    """Return the search index's script files by site path (see `stagemap.render.searchindex`)."""
    found = search_entries(plan)
    return search_files(found.entries, found.journey)
