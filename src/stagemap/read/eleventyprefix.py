"""The path an Eleventy site is served under: its ``pathPrefix`` (code never run: patterns).

Eleventy writes every page at its route under the output folder, and the site is deployed
under the path prefix (a GitHub Pages project site: ``https://x.github.io/handbook/``); the
``url`` filter and the HTML base plugin put the prefix in front of an address from the root,
so the live page ``about.md`` is at ``/handbook/about/``. The prefix is given:

- on the command line, ``eleventy --pathprefix=/handbook/`` (or ``--pathprefix handbook``),
  which wins over the configuration: read from the ``build`` script of ``package.json``, the
  one a deployment runs (``npm run build``); one the environment gives (``$PREFIX``) is not
  known, and the configuration's is then not the one the build uses;
- in the configuration, ``pathPrefix: "/handbook/"`` in the settings it returns (or exports as
  ``config``, Eleventy 3): a text written out, from ``/``; one the code works out (a variable,
  a condition on the environment) is not read.

Eleventy normalises the prefix (``handbook``, ``/handbook`` are ``/handbook/``); ``/`` is none.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from ..lazyre import lazy
from .docusaurus import without_comments
from .owned import read_owned

_IN_CODE = lazy(
    r"""(?:^[ \t]*|[{,][ \t]*)(?:pathPrefix|"pathPrefix"|'pathPrefix')\s*:\s*(['"`])(/[^'"`\s$]*)\1""", re.M
)
"""The ``pathPrefix`` key of the settings object, at the start of a line or after ``{`` or ``,``,
its path from the root: the HTML base plugin's ``filters: { pathPrefix: "addPathPrefixToUrl" }``
(Eleventy 2's option, which sites copy from its docs) names a filter, no prefix."""
_ON_COMMAND_LINE = lazy(r"""--pathprefix(?:=|\s+)(['"]?)([^'"\s;&|]*)\1""", re.I)
"""Eleventy's command-line option (its name read in any case, as its argument parser does)."""
_ELEVENTY_RUN = lazy(r"(?:^|[\s;&|/])(?:@11ty/)?eleventy(?:\s|$)")
"""A command running Eleventy (``eleventy``, ``npx @11ty/eleventy``) in a script."""


def path_prefix(site: Path, code: str) -> str:
    """Return the path the Eleventy site in the folder ``site`` (its configuration ``code``) is
    served under, with a ``/`` at each end (``/handbook/``), or "" when it is served from the root."""
    given = _script_prefix(site)
    if given is None:
        found = _IN_CODE.search(without_comments(code) or "")
        given = found.group(2) if found is not None else ""
    plain = posixpath.normpath("/" + given.strip()).strip("/")
    return f"/{plain}/" if plain and plain != "." else ""


def _script_prefix(site: Path) -> str | None:
    """Return the prefix the ``build`` script of ``package.json`` gives Eleventy, or None."""
    data = read_owned(site / "package.json", 1024 * 1024)
    try:
        package = json.loads(data.decode("utf-8-sig")) if data else None
    except (UnicodeDecodeError, ValueError):
        return None
    scripts = package.get("scripts") if isinstance(package, dict) else None
    build = scripts.get("build") if isinstance(scripts, dict) else None
    if not isinstance(build, str) or not _ELEVENTY_RUN.search(build):
        return None
    found = _ON_COMMAND_LINE.search(build)
    if found is None:
        return None
    return "" if any(c in found.group(2) for c in "$%") else found.group(2)  # (one from the environment)
