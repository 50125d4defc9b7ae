"""What a Docusaurus site's configuration says of its content folders and their routes.

``docusaurus.config.js`` is code, never run: the options of the classic preset's ``docs`` and
``blog`` (and of each ``@docusaurus/plugin-content-docs`` or ``-blog`` instance, with its
``id``) are read with patterns from the object that holds them, comments left out (strings
skipped), keys quoted or not. Each content plugin has a ``path`` (its folder: ``docs``,
``blog``) and a ``routeBasePath`` (where its pages are served: ``docs``, ``blog``; ``/`` serves
the docs at the site's root, as a docs-only site does); ``docs: false`` or ``blog: false``
turns one off. Options may be an object the file sets by name (``['@docusaurus/plugin-content-docs',
docsOptions]``). A path worked out in code (``${...}``) is unknown: that plugin is left out (a
route so written is taken as the usual one). The site's ``trailingSlash: false`` serves
``/docs/intro``, not ``/docs/intro/``. The routes ``@docusaurus/plugin-client-redirects``
writes redirects at are read from its options' ``redirects`` list (`client_redirects`).
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..lazyre import lazy
from .globs import expanded
from .jsdata import blanked
from .versions import is_development, is_version

CONFIG_FILES = tuple(f"docusaurus.config.{end}" for end in ("ts", "mts", "cts", "js", "mjs", "cjs"))
"""The names of a Docusaurus site's configuration, in the order Docusaurus looks for them."""


def without_comments(code: str) -> str:
    """Return a configuration written as code without its comments (turned to spaces, lines
    kept: `stagemap.read.jsdata.blanked`): a commented-out ``url`` is not the site's, and a
    string's ``'**/*.md'`` or ``'https://'`` is no comment."""
    return blanked(code)


# The preset's ``docs: {...}`` or ``blog: false`` (a key maybe quoted), or a plugin instance:
# ``['@docusaurus/plugin-content-docs', {...}]``, its name maybe in ``require.resolve(...)``, or
# one of the shorthands Docusaurus resolves to it (``content-docs``, ``@docusaurus/content-docs``).
_OPTIONS = lazy(
    r"""(?:(?<![\w$])['"]?(docs|blog)['"]?\s*:"""
    r"""|['"`](?:@docusaurus/(?:plugin-)?|docusaurus-plugin-)?content-(docs|blog)['"`]\s*\)?\s*,)"""
    r"""\s*(\{|false\b|[A-Za-z_$][\w$]*(?=\s*[,\]}]))"""
)
_NAMED = r"""(?<![\w$.])(?:const|let|var)\s+{}\s*(?::[^=\n]*)?=\s*(?:\(\s*)?\{{"""
"""Where a configuration sets the object a plugin's options are named by (``const docsOptions = {``;
typescript-eslint's: ``const pluginContentDocsOptions: PluginOptions = {``)."""
_STRING = r"""['"]?\s*:\s*(['"`])([^'"`\n]*)\1"""
_PATH = lazy(r"""(?<![\w$])['"]?path""" + _STRING)
_ROUTE = lazy(r"""(?<![\w$])['"]?routeBasePath""" + _STRING)
_ID = lazy(r"""(?<![\w$])['"]?id""" + _STRING)
_PLUGIN_KEYS = lazy(
    r"""\b(?:path|routeBasePath|sidebarPath|sidebarItemsGenerator|blogTitle|postsPerPage|remarkPlugins|beforeDefaultRemarkPlugins)['"]?\s*:"""
    r"""|(?<![\w$])admonitions\b|\.\.\.[A-Za-z_$]"""
)
"""What only a content plugin's options hold (``admonitions``, maybe in shorthand; a spread)."""
_LAST_CURRENT = lazy(
    r"""(?<![\w$])['"]?(?:lastVersion['"]?\s*:\s*['"`]current['"`]|includeCurrentVersion['"]?\s*:\s*false\b)"""
)
"""The docs folder's pages are served at the docs' route itself: it is the last version
(``lastVersion: 'current'``), or the site builds no coming version (``includeCurrentVersion:
false``: pnpm's copies docs/ to its latest version's folder when it builds)."""
_TRAILING = lazy(r"""(?<![\w$])['"]?trailingSlash['"]?\s*:\s*(true|false)\b""")


@dataclass(frozen=True, slots=True)
class ContentFolder:
    """A content plugin's folder and the route its pages are served under."""

    kind: str
    """``docs`` or ``blog``."""
    path: str
    """Its folder, relative to the site, ``/``-separated."""
    route: str
    """Where its pages are served, without slashes at either end (empty: the site's root)."""
    id: str = ""
    """A plugin instance's ``id`` (empty for the preset's own)."""
    computed: bool = False
    """Its ``path`` is worked out when the site is built (```${root}/docs```): unknown here,
    ``path`` holds it as written."""
    current_last: bool = False
    """A docs plugin's ``lastVersion: 'current'``: its folder is served as the latest version,
    even when the site has released versions (see `current_route`)."""
    exclude: tuple[str, ...] = ()
    """Its ``exclude`` globs (files it makes no page of), as gitignore-style globs under its folder."""
    options: str = field(default="", compare=False, repr=False)
    """Its options as written (the object literal; empty: none), read for more (`stagemap.read.docusaurusmath`)."""
    made: tuple[str, ...] = field(default=(), compare=False)
    """The first parts of the routes below its own that it makes pages at itself (`made_parts`;
    not compared: they follow from the options read)."""


_DETECT = lazy(
    r"""(?<![\w$])['"]?markdown['"]?\s*:\s*\{[^{}]*?(?<![\w$])['"]?format['"]?\s*:\s*['"`]detect['"`]"""
)
"""``markdown: {format: 'detect'}``: Docusaurus reads ``.md`` files as CommonMark, ``.mdx`` as MDX."""


def mdx_endings(code: str) -> tuple[str, ...]:
    """Return the endings of the files Docusaurus reads as MDX when ``code`` (its configuration)
    says so (``.mdx`` with ``markdown: {format: 'detect'}``), else () (every file: its default)."""
    return (".mdx",) if _DETECT.search(without_comments(code)) else ()


def content_folders(code: str) -> tuple[ContentFolder, ...]:
    """Return the docs and blog folders ``code`` (a ``docusaurus.config.js``) configures, in
    order: the preset's docs, its blog (unless ``blog: false``), then other plugin instances.
    A plugin the code says nothing of has its defaults (``docs``, ``blog``) unless a plugin
    instance reads that folder."""
    code = without_comments(code)
    found: dict[str, ContentFolder | None] = {}
    more: list[ContentFolder] = []
    for match in _OPTIONS.finditer(code):
        kind = match.group(1) or match.group(2)
        plugin = match.group(2) is not None
        if match.group(3) == "false":
            if not plugin and kind not in found:
                found[kind] = None  # ``docs: false`` or ``blog: false``: that plugin is off
            continue
        block = _named(code, match.group(3)) if match.group(3) != "{" else object_at(code, match.end() - 1)
        if not block:
            continue  # named by something not set in this file as an object: unknown here
        if not plugin and (kind in found or not _PLUGIN_KEYS.search(block)):
            continue  # themeConfig's ``docs: {sidebar: ...}`` is no plugin's options
        path = _first(_PATH, block) or kind
        route = _first(_ROUTE, block)
        if "${" in path:  # worked out when the site is built: unknown here, but named
            folder = ContentFolder(kind, path, "", _first(_ID, block) or "", computed=True)
            if plugin:
                more.append(folder)
            else:
                found.setdefault(kind, folder)
            continue
        route = None if route is not None and "${" in route else route  # unknown: the usual one
        path = posixpath.normpath(path.strip("/") or kind)
        folder = ContentFolder(
            kind,
            path,
            (kind if route is None else route).strip("/"),
            _first(_ID, block) or "",
            current_last=_LAST_CURRENT.search(block) is not None,
            exclude=_excluded(block),
            options=block,
            made=made_parts(kind, block),
        )
        if plugin:
            more.append(folder)
        else:
            found[kind] = folder
    # A plugin the code says nothing of has its defaults, unless a plugin instance of the code
    # reads that folder (Ory's site: no classic preset, its docs plugin serves docs/ at the root).
    taken = {(f.kind, f.path) for f in more}
    made = [found.get(k, None if (k, k) in taken else ContentFolder(k, k, k)) for k in ("docs", "blog")]
    return tuple(f for f in [*made, *more] if f is not None)


def site_folders(
    root: Path, code: str, within: Path | None = None
) -> tuple[list[tuple[str, str, str, tuple[str, ...]]], list[str], list[str]]:
    """Return each content folder ``code`` configures that is a folder inside ``within`` (the
    project; None: ``root``, the site's folder): its path relative to ``root``, its URL pattern,
    the plugin's ``id`` and its excludes; then ``src/pages``. And, apart, the folders it names outside the
    project (``path: '../docs'`` from a ``website/`` folder read as the project): a source must
    be inside the project, so those are not read; and the paths it works out in code
    (```${root}/docs```), unknown here (init says so of both)."""
    end = "/" if trailing_slash(code) is True else ""  # unset: no slash, as Docusaurus links its pages
    tails = {"docs": "{doc}", "blog": "{post}"}
    found: dict[str, tuple[str, str, str, tuple[str, ...]]] = {}
    beyond: list[str] = []
    computed: list[str] = []
    base = (within or root).resolve()
    for folder in content_folders(code):
        if folder.computed:
            computed.append(folder.path)
            continue
        where = (root / folder.path).resolve()
        if not where.is_relative_to(base):
            beyond.append(folder.path)
        elif folder.path not in found and where.is_dir():
            route = current_route(root, folder)
            url = re.sub("/+", "/", f"/{route}/{tails[folder.kind]}") + end
            found[folder.path] = (folder.path, url, folder.id, folder.exclude)
    if (root / "src/pages").is_dir() and "src/pages" not in found:
        found["src/pages"] = ("src/pages", "/{path}" + end, "", ())
    return list(found.values()), beyond, computed


def current_route(root: Path, folder: ContentFolder) -> str:
    """Return where a docs folder's pages are served: under ``next/`` when the site has released
    versions (``versions.json`` beside its configuration, ``<id>_versions.json`` for a plugin
    instance, a list of names), whose latest is served at the route itself from
    ``versioned_docs/``, unless the plugin says ``lastVersion: 'current'`` or builds no coming
    version (``includeCurrentVersion: false``)."""
    if folder.kind != "docs" or folder.current_last:
        return folder.route
    own = f"{folder.id}_" if folder.id not in ("", "default") else ""  # the default instance's: versions.json
    try:
        versions = json.loads((root / f"{own}versions.json").read_text("utf-8"))
    except (OSError, ValueError):
        return folder.route
    return f"{folder.route}/next" if isinstance(versions, list) and versions else folder.route


_MADE = {"docs": frozenset({"tags", "category"}), "blog": frozenset({"page", "tags", "archive", "authors"})}
"""The pages a content plugin makes under its route besides its files' (a docs plugin's tag
lists and category indexes, a blog's pagination, tags, archive and authors' pages)."""
_BASE_PATHS = {
    "docs": (("tagsBasePath", "tags"),),
    "blog": (
        ("pageBasePath", "page"),
        ("tagsBasePath", "tags"),
        ("archiveBasePath", "archive"),
        ("authorsBasePath", "authors"),
    ),
}
"""The options that move what a plugin makes under its route, with where it is if they do not."""
_BASE_PATH = {
    key: lazy(r"""(?<![\w$])['"]?""" + key + _STRING)
    for key in ("tagsBasePath", "pageBasePath", "archiveBasePath", "authorsBasePath")
}
_VERSIONS = lazy(r"""(?<![\w$])['"]?versions['"]?\s*:\s*\{""")
_VERSION_PATH = lazy(r"""(?<![\w$])['"]?path['"]?\s*:\s*(?:(['"`])([^'"`\n]*)\1)?""")
ANY_PART = "*"
"""A first part `made_parts` and `plugin_made` take for any: what the plugin makes is not known."""


def made_parts(kind: str, block: str) -> tuple[str, ...]:
    """Return the first parts of the routes below a plugin's own that it makes pages at, by its
    options ``block``: its tags' (``tagsBasePath``), a docs plugin's category indexes, a blog's
    pages, archive and authors' (``pageBasePath``, ``archiveBasePath``, ``authorsBasePath``),
    and the ``path`` its ``versions`` option gives a version (`ANY_PART` for one not written as
    a text); lower case."""
    found = {_first(_BASE_PATH[key], block) or usual for key, usual in _BASE_PATHS[kind]}
    found |= {"category"} if kind == "docs" else set()
    versions = _VERSIONS.search(block)
    if kind == "docs" and versions is not None and _depth(block, 0, versions.start()) == 1:
        paths = _VERSION_PATH.finditer(object_at(block, versions.end() - 1))
        found |= {p.group(2) if p.group(1) else ANY_PART for p in paths}
    return tuple(sorted({part.strip("/").partition("/")[0].casefold() for part in found} - {""}))


def plugin_routes(patterns: Iterable[str]) -> dict[str, str]:
    """Return the routes the content plugins serve their pages under (``docs``), by the URL
    patterns of the sources (``/docs/{doc}``: the docs plugin's, ``/blog/{post}``: a blog's),
    each with its plugin's kind; a plugin serving the site's root owns no route of it."""
    found: dict[str, str] = {}
    for pattern in patterns:
        kind = "docs" if "{doc}" in pattern else "blog" if "{post}" in pattern else ""
        route = pattern.partition("{")[0].strip("/").casefold()
        if kind and route:
            found.setdefault(route, kind)
    return found


def plugin_made(
    key: str, owned: Mapping[str, str], parts: Mapping[str, Iterable[str]] | None = None
) -> bool | None:
    """Whether the route ``key`` (no slash at either end, lower case) is below a route of
    ``owned`` (`plugin_routes`) and a page the plugin makes itself: its tags' or a version's
    (``docs/next/x``, ``docs/2.x/x``), a blog's pagination or archive; None when it is below
    none, or names a file (``docs/x.pdf``: the site may serve it). ``parts``: by route, the
    first parts below it the site's configuration says its plugin makes (`made_parts`, and
    its versions), in place of the usual ones; `ANY_PART` among them: any."""
    for route, kind in owned.items():
        if key.startswith(route + "/") and "." not in key.rpartition("/")[2]:
            part = key[len(route) + 1 :].partition("/")[0]
            given = frozenset(parts.get(route, ())) if parts else frozenset()
            made = part in (given or _MADE[kind]) or ANY_PART in given
            return made or (kind == "docs" and (is_version(part) or is_development(part)))
    return None


def trailing_slash(code: str) -> bool | None:
    """Return the site's ``trailingSlash`` (None: not set, Docusaurus's default)."""
    found = _TRAILING.search(without_comments(code))
    return None if found is None else found.group(1) == "true"


def _first(pattern: re.Pattern[str], block: str) -> str | None:
    """The first value ``pattern`` finds in ``block`` at its own level, not in an object inside it."""
    depth = 0
    last = 0
    for found in pattern.finditer(block):
        depth += _depth(block, last, found.start())
        last = found.start()
        if depth == 1:
            return found.group(2)
    return None


def _depth(text: str, start: int, end: int) -> int:
    """How many braces ``text[start:end]`` opens less those it closes."""
    return text.count("{", start, end) - text.count("}", start, end)


_EXCLUDE = lazy(r"""(?<![\w$])['"]?exclude['"]?\s*:\s*\[([^\[\]]*)\]""")
_GLOB = lazy(r"""(['"`])([^'"`\n]+)\1""")


def _excluded(block: str) -> tuple[str, ...]:
    """Return a content plugin's ``exclude`` globs (``['TEMPLATE.md', '**/_*.md']``, under its
    folder, ``*`` within one folder) as gitignore-style globs there, each anchored at it."""
    found = _EXCLUDE.search(block)
    if found is None or _depth(block, 0, found.start()) != 1:
        return ()
    globs = (
        one
        for g in _GLOB.finditer(found.group(1))
        if g.group(2).strip()
        for one in expanded(g.group(2).strip())
    )
    return tuple(g if g.startswith("/") else "/" + g for g in globs)


_CLIENT_REDIRECTS = lazy(
    r"""['"`](?:@docusaurus/(?:plugin-)?|docusaurus-plugin-)?client-redirects['"`]\s*\)?\s*,"""
    r"""\s*(?:\(\s*)?(\{|[A-Za-z_$][\w$]*(?=\s*[,\])]))"""
)
"""The client redirects plugin with its options: ``['@docusaurus/plugin-client-redirects', {...}]``
(maybe in parentheses, after a type comment: ``/** @type {...} */ ({...})``) or an object the file
sets by name (typescript-eslint's ``redirects``), its name's shorthands as for `_OPTIONS`."""
_REDIRECTS = lazy(r"""(?<![\w$])['"]?redirects['"]?\s*:\s*\[""")
_RULE = lazy(r"""\{[^{}]*\}""")
_TO = lazy(r"""(?<![\w$])['"]?to""" + _STRING)
_FROM = lazy(r"""(?<![\w$])['"]?from['"]?\s*:\s*(\[[^\[\]]*\]|(['"`])[^'"`\n]*\2)""")


def client_redirects(code: str) -> dict[str, str]:
    """Return the redirects ``code`` (a ``docusaurus.config.js``) lists in the ``redirects``
    option of ``@docusaurus/plugin-client-redirects``: by each ``from`` route (lower case, no
    slash at either end; a rule may give a list of them), the ``to`` route it leads to, as
    written (a fragment or a query kept; or another site's address). The first rule for a route
    wins. ``createRedirects`` is code, never run: not read; nor a route worked out in code
    (``${...}``), nor a ``to`` that is neither a route from the root nor an address."""
    code = without_comments(code)
    found: dict[str, str] = {}
    for match in _CLIENT_REDIRECTS.finditer(code):
        given = match.group(1)
        block = object_at(code, match.end() - 1) if given == "{" else _named(code, given)
        rules = _REDIRECTS.search(block)
        if rules is None or _depth(block, 0, rules.start()) != 1:
            continue
        for rule in _RULE.finditer(object_at(block, rules.end() - 1)):
            to = _first(_TO, rule.group()) or ""
            routes = _FROM.search(rule.group())
            if not to.startswith(("/", "https://", "http://")) or "${" in to or routes is None:
                continue
            for route in (g.group(2) for g in _GLOB.finditer(routes.group(1))):
                key = route.strip().strip("/").casefold()
                if key and "${" not in key:
                    found.setdefault(key, to.strip())
    return found


def _named(code: str, name: str) -> str:
    """Return the object literal ``code`` sets ``name`` to (empty when it sets none)."""
    found = re.search(_NAMED.format(re.escape(name)), code)
    return object_at(code, found.end() - 1) if found else ""


def object_at(code: str, start: int) -> str:
    """Return the object literal that starts at ``code[start]`` (a ``{``; or the array at a
    ``[``), to its matching ``}`` (``]``; braces inside strings are rare in a configuration;
    an unclosed one runs to the end)."""
    opening = code[start]
    closing = "]" if opening == "[" else "}"
    depth = 0
    for index in range(start, len(code)):
        char = code[index]
        if char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return code[start : index + 1]
    return code[start:]
