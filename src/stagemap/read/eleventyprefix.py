"""The path an Eleventy site is served under: its ``pathPrefix`` (code never run: patterns).

Eleventy writes every page at its route under the output folder, and the site is deployed
under the path prefix (a GitHub Pages project site: ``https://x.github.io/handbook/``), so the
live page ``about.md`` is at ``/handbook/about/``. The prefix is given:

- on the command line, ``eleventy --pathprefix=/handbook/`` (or ``--pathprefix handbook``;
  the option's name in lower case alone, as Eleventy's argument parser takes no other), which
  wins over the configuration: read from the scripts of ``package.json`` that run Eleventy to
  build the site, ``build`` first (``npm run build``), then the others in the file's order
  (eleventy-base-blog deploys to GitHub Pages with ``build-ghpages``), but for those that run
  it to serve or watch the site locally (``--serve``, ``--watch``, a script named ``start``,
  ``dev``, ``serve`` or ``watch``); one the environment gives (``$PREFIX``) is not known, and
  the configuration's is then not the one the build uses;
- in the configuration, ``pathPrefix: "/handbook/"`` in the settings it returns (or exports as
  ``config``, Eleventy 3): a text written out; one the code works out (a variable, a condition
  on the environment) is not read.

Eleventy normalises the prefix, joining ``/`` and it (``handbook``, ``/handbook`` are
``/handbook/``); ``/`` is none.

Links from the root meet the prefix in one of two ways (`PREFIX_LINKS`): the HTML base plugin
(``EleventyHtmlBasePlugin``, Eleventy 3's ``HtmlBasePlugin``) puts it in front of every link
from the root in the pages it writes, as the ``url`` filter does, without looking whether it is
there already (``/handbook/x/`` becomes ``/handbook/handbook/x/``; the prefix alone stays): a
link is then written as a route. Without the plugin, the page holds the link as written: one
that reaches a page carries the prefix.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..lazyre import lazy
from ..model.settings import ReadRules
from .docusaurus import without_comments
from .eleventydatafiles import eleventy_config
from .owned import read_owned

PREFIX_LINKS = "\0eleventy-prefix-links"
"""The key under which the site's params hold how an Eleventy site's links from the root meet
the path of its address (`with_prefix_links`): `ADDED` or `WRITTEN`."""
ADDED = "added"
"""The HTML base plugin puts the path in front of every link from the root: a link is a route."""
WRITTEN = "written"
"""No plugin does: a link from the root reaches a page of the site only with the path in it."""

_IN_CODE = lazy(
    r"""(?:^[ \t]*|[{,][ \t]*)(?:pathPrefix|"pathPrefix"|'pathPrefix')\s*:\s*(['"`])([^'"`\s$]*)\1""", re.M
)
"""The ``pathPrefix`` key of the settings object, at the start of a line or after ``{`` or ``,``:
the HTML base plugin's ``filters: { pathPrefix: "addPathPrefixToUrl" }`` (Eleventy 2's option,
which sites copy from its docs) names a filter, no prefix (see `_prefix_in_code`)."""
_ON_COMMAND_LINE = lazy(r"""--pathprefix(?:=|\s+)(['"]?)([^'"\s;&|]*)\1""")
"""Eleventy's command-line option, its name in lower case as its argument parser (minimist,
given ``pathprefix``) takes it: another case is an option it does not know, an error."""
_ELEVENTY_RUN = lazy(r"(?:^|[\s;&|/])(?:@11ty/)?eleventy(?:\s|$)")
"""A command running Eleventy (``eleventy``, ``npx @11ty/eleventy``) in a script."""
_LOCAL_RUN = lazy(r"\s--(?:serve|watch)\b")
"""Eleventy run to serve or watch the site on the building machine, not to build it."""
_LOCAL_NAMES = ("start", "dev", "serve", "watch")
"""Names of the scripts that run the site locally (``dev:11ty`` too)."""
_NAME_PARTS = lazy(r"[:_-]")
_BASE_PLUGIN = lazy(r"\baddPlugin\(\s*[\w$.]*HtmlBasePlugin\b")
"""The configuration adding the HTML base plugin (``EleventyHtmlBasePlugin``, ``HtmlBasePlugin``,
``eleventy.EleventyHtmlBasePlugin``)."""


def path_prefix(site: Path, code: str) -> str:
    """Return the path the Eleventy site in the folder ``site`` (its configuration ``code``) is
    served under, with a ``/`` at each end (``/handbook/``), or "" when it is served from the root."""
    given = _script_prefix(site)
    plain = posixpath.normpath("/" + (given[1] if given is not None else _prefix_in_code(code))).strip("/")
    return f"/{plain}/" if plain and plain != "." else ""


def prefix_script(site: Path) -> str:
    """Return the name of the ``package.json`` script whose ``--pathprefix`` gives the Eleventy
    site in the folder ``site`` its path prefix (see the module), or "" (its configuration's)."""
    given = _script_prefix(site)
    return given[0] if given is not None else ""


def base_plugin(code: str) -> bool:
    """Whether the Eleventy configuration ``code`` adds the HTML base plugin (see the module)."""
    return "HtmlBasePlugin" in code and _BASE_PLUGIN.search(without_comments(code)) is not None


def with_prefix_links(params: Mapping[str, Any], root: Path, rules: ReadRules) -> Mapping[str, Any]:
    """Return the site's ``params`` with how an Eleventy site's links from the root meet the path
    of its address under `PREFIX_LINKS`; as they are on another site."""
    if rules.generator != "eleventy":
        return params
    return {**params, PREFIX_LINKS: ADDED if base_plugin(eleventy_config(root, rules.site_root)) else WRITTEN}


def _prefix_in_code(code: str) -> str:
    """Return the ``pathPrefix`` the configuration ``code`` writes out, or "": not the key of
    an object given as ``filters:`` (the HTML base plugin's option, naming a filter)."""
    plain = without_comments(code)
    for found in _IN_CODE.finditer(plain):
        before = plain[: plain.rfind("{", 0, found.start(2))].rstrip()
        if not (before.endswith(":") and before[:-1].rstrip().endswith("filters")):
            return found.group(2)
    return ""


def _script_prefix(site: Path) -> tuple[str, str] | None:
    """Return the name of the script of ``package.json`` that gives Eleventy its prefix, with
    that prefix ("" where the environment gives it), or None (see the module)."""
    data = read_owned(site / "package.json", 1024 * 1024)
    try:
        package = json.loads(data.decode("utf-8-sig")) if data else None
    except (UnicodeDecodeError, ValueError):
        return None
    scripts = package.get("scripts") if isinstance(package, dict) else None
    if not isinstance(scripts, dict):
        return None
    for name in sorted(scripts, key=lambda n: n != "build"):  # (build first, the rest in order)
        run = scripts[name]
        if not isinstance(run, str) or not _ELEVENTY_RUN.search(run) or _LOCAL_RUN.search(run):
            continue
        found = _ON_COMMAND_LINE.search(run)
        if found is None or _NAME_PARTS.split(name)[0] in _LOCAL_NAMES:
            continue
        return name, "" if any(c in found.group(2) for c in "$%") else found.group(2)  # (the environment's)
    return None
