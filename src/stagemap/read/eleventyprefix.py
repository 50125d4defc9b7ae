"""The path an Eleventy site is served under: its ``pathPrefix`` (code never run: patterns).

Eleventy writes every page at its route under the output folder, and the site is deployed
under the path prefix (a GitHub Pages project site: ``https://x.github.io/handbook/``), so the
live page ``about.md`` is at ``/handbook/about/``. The prefix is given:

- on the command line, ``eleventy --pathprefix=/handbook/``, which wins over the
  configuration: the run of Eleventy the deploy makes decides (`stagemap.read.eleventydeploy`;
  one given by a variable, ``${{ steps.pages.outputs.base_path }}``, leaves the configuration's);
- in the configuration, ``pathPrefix: "/handbook/"`` in the settings it returns (or exports as
  ``config``, Eleventy 3): a text written out; one the code works out (a variable, a condition
  on the environment) is not read.

Eleventy normalises the prefix, joining ``/`` and it (``handbook``, ``/handbook`` are
``/handbook/``); ``/`` is none.

Links from the root meet the prefix in one of two ways (`PREFIX_LINKS`): the HTML base plugin
(however the configuration adds it: `stagemap.read.eleventybase`) puts it in front of every
link from the root in the pages it writes, as the ``url`` filter does, without looking whether
it is there already (``/handbook/x/`` becomes ``/handbook/handbook/x/``; the prefix alone
stays, spelt as written: `ADDED_BARE`): a link is then written as a route. Without the plugin,
the page holds the link as written: one that reaches a page carries the prefix, written by hand
or by the ``url`` filter (`URL_PREFIX`); one without it leads outside the site. A site with a
``CNAME`` domain on GitHub Pages is served at the domain's root (`stagemap.read.siteaddress`): no
prefix there.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..lazyre import lazy
from ..model.settings import ReadRules
from .docusaurus import without_comments
from .eleventybase import base_plugin
from .eleventydatafiles import eleventy_config
from .eleventydeploy import UNKNOWN, prefix_source
from .hugomarkup import root_links

PREFIX_LINKS = "\0eleventy-prefix-links"
"""The key under which the site's params hold how an Eleventy site's links from the root meet
the path of its address (`with_prefix_links`): `ADDED` or `WRITTEN` (a Hugo site's:
`stagemap.read.hugomarkup.root_links`)."""
ADDED = "added"
"""The HTML base plugin puts the path in front of every link from the root: a link is a route,
the path alone with its last ``/`` (``/handbook/``) the home page."""
ADDED_BARE = "added-bare"
"""As `ADDED`, the prefix written without its last ``/`` (``pathPrefix: "/handbook"``): Eleventy
compares a link with the prefix as written, so ``/handbook`` is the home page and ``/handbook/``
a route (``/handbook/handbook/`` live)."""
WRITTEN = "written"
"""No plugin does: a link from the root reaches a page of the site only with the path in it; one
without it leaves the site's folder on the live site. Given only where that is known: the
configuration reads no module of the site's own nor rewrites pages (`_read_whole`), and the run
building the site gives the prefix the site's address has (else `WRITTEN_UNSURE`)."""
WRITTEN_UNSURE = "written-unsure"
"""No plugin is seen, but one may be added where stagemap does not read (a module of the site's
own the configuration imports, a transform) or the prefix is not known (``--pathprefix=$PREFIX``):
a link with the address's path has it taken off; one without it is read as a route, as written."""
URL_PREFIX = "\0eleventy-url-prefix"
"""The key under which the site's params hold the path prefix Eleventy's ``url`` filter puts in
front of a path from the root (``{{ '/about/' | url }}`` is ``/handbook/about/``; with the
plugin, which adds it again, ``/handbook/handbook/about/`` live): the prefix as the run building
the site has it (`path_prefix`), where it is the path of the site's address.
Not given where the plugin may be added unseen or the prefix is not known (`WRITTEN_UNSURE`)."""

_IN_CODE = lazy(
    r"""(?:^[ \t]*|[{,][ \t]*)(?:pathPrefix|"pathPrefix"|'pathPrefix')\s*:\s*(['"`])([^'"`\s$]*)\1""", re.M
)
"""The ``pathPrefix`` key of the settings object, at the start of a line or after ``{`` or ``,``:
the HTML base plugin's ``filters: { pathPrefix: "addPathPrefixToUrl" }`` (Eleventy 2's option,
which sites copy from its docs) names a filter, no prefix (see `_prefix_in_code`)."""
_FILTERS_KEY = lazy(r"""(?:^|[^\w$])['"]?filters['"]?\s*:\s*$""")
"""An object given as ``filters:`` (read before its ``{``)."""
_BRACE = lazy(r"\{")
_OWN_MODULE = lazy(r"""(?:\bfrom|\bimport|\brequire\s*\(|\bimport\s*\()\s*(['"`])\.{1,2}/""")
"""A module of the site's own, imported or required (``from "./_config/plugins.js"``)."""
_REWRITES = ("addTransform", "addPreprocessor", "htmlTransformer")
"""What in a configuration may change a page's links after it is rendered."""


def path_prefix(site: Path, code: str, project: Path | None = None) -> str:
    """Return the path the Eleventy site in the folder ``site`` (its configuration ``code``; in
    the repository ``project``, None: ``site``) is served under, with a ``/`` at each end
    (``/handbook/``), or "" when it is served from the root."""
    plain = posixpath.normpath("/" + _prefix_told(site, code, project)).strip("/")
    return f"/{plain}/" if plain and plain != "." else ""


def _prefix_told(site: Path, code: str, project: Path | None) -> str:
    """Return the path prefix as the run building the site is given it (see `path_prefix`)."""
    given = prefix_source(site, project)
    told = given.prefix if given is not None else None
    return told if told is not None and told != UNKNOWN else _prefix_in_code(code)


def with_prefix_links(params: Mapping[str, Any], root: Path, rules: ReadRules) -> Mapping[str, Any]:
    """Return the site's ``params`` with how an Eleventy site's links from the root meet the path
    of its address under `PREFIX_LINKS` (a Hugo site's: `stagemap.read.hugomarkup.root_links`);
    as they are on another site."""
    if rules.generator == "hugo":
        return {**params, PREFIX_LINKS: root_links(params)}
    if rules.generator != "eleventy":
        return params
    site = root / rules.site_root if rules.site_root else root
    code = eleventy_config(root, rules.site_root)
    given = prefix_source(site, root)
    prefix = path_prefix(site, code, root)
    lead = posixpath.join(urlsplit(rules.base_url).path.rstrip("/"), "")
    known = (given is None or given.prefix != UNKNOWN) and bool(prefix) and prefix == lead  # (urls.base)
    if not base_plugin(site, code):
        if not (known and _read_whole(code)):
            return {**params, PREFIX_LINKS: WRITTEN_UNSURE}
        return {**params, PREFIX_LINKS: WRITTEN, URL_PREFIX: prefix}
    # Eleventy's url filter, which the plugin calls, compares a link with "/" joined to the prefix
    # as written: "/handbook" and "/handbook/" are each the home page under their own spelling. The
    # plugin puts the prefix in front of what the filter wrote too: '/x/' | url is /handbook/handbook/x/.
    bare = not posixpath.join("/", _prefix_told(site, code, root)).endswith("/")
    filtered = {URL_PREFIX: prefix} if known and not bare else {}
    return {**params, PREFIX_LINKS: ADDED_BARE if bare else ADDED, **filtered}


def _read_whole(code: str) -> bool:
    """Whether the configuration ``code`` is all there is to read of how the site's pages are
    made: it imports no module of the site's own (which may add the HTML base plugin) and adds
    no transform (which may rewrite links)."""
    plain = without_comments(code)
    return _OWN_MODULE.search(plain) is None and not any(name in plain for name in _REWRITES)


def _prefix_in_code(code: str) -> str:
    """Return the ``pathPrefix`` the configuration ``code`` writes out, or "": not the key of
    an object given as ``filters:`` (the HTML base plugin's option, naming a filter). The code
    is read once: the last ``{`` before each key is found walking forward."""
    plain = without_comments(code)
    braces = _BRACE.finditer(plain)
    brace, following = -1, next(braces, None)
    for found in _IN_CODE.finditer(plain):
        while following is not None and following.start() < found.start(2):
            brace, following = following.start(), next(braces, None)
        if brace < 0 or _FILTERS_KEY.search(plain, max(0, brace - 200), brace) is None:
            return found.group(2)
    return ""
