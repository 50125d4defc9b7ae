"""What a site generator's own configuration gives its pages: front matter (Jekyll's ``defaults``, the
``cascade`` of Hugo's configuration file) and addresses (Hugo's ``permalinks`` and ``uglyURLs``, the posts
of MkDocs' blog plugin, `stagemap.read.mkdocsblog`); Hugo's ``taxonomies``, whose folders are no sections.

Jekyll's ``_config.yml`` may say ``defaults: [{scope: {path: _posts, type: posts}, values: {permalink:
/news/:title/}}]``: every page its scope names gets those values unless it sets them itself. A scope's
``path`` is a folder or file relative to the site (``""`` or none: all; a ``*`` makes it a glob), its
``type`` the kind of page (``pages``, ``posts``, ``drafts`` or a collection's name). Where several sets name
a page, the one with the longer ``path`` wins, then one with a ``type``, then the later one, as Jekyll merges
them. Hugo's configuration file (``hugo.toml`` and the other names init knows) may hold a ``cascade`` as a
section's ``_index.md`` does: it reaches every page, after every section's own (see `stagemap.read.cascade`).

Hugo's configuration may also be a folder (``config/_default/hugo.toml``, with files for one key each such as
``permalinks.toml``; ``config/production/``'s over them, as ``hugo`` builds). The files are read from the project's
folder (the site's root when ``stagemap init`` wrote it). What a page inherits is explained by the file and the
line of the value (``_config.yml:12 (defaults)``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import Problem
from .configfiles import (
    HUGO_DIR,
    HUGO_NAMES,
    HUGO_PRODUCTION,
    Unreadable,
    folder_language,
    keyed_files,
    language_files,
    load_with_lines,
)
from .hugoignore import IgnoreFiles, ignore_files
from .hugomarkup import FLAGS, markup_settings
from .hugopermalinks import Permalink, lead_params, permalinks, term_params, ugly_sections
from .mkdocsalerts import ALERTS, alert_syntaxes
from .mkdocsblog import blog_spec
from .mkdocsettings import SETTINGS_FILES
from .mkdocsmacros import MACRO_FILES, macro_params, with_yaml_files, yaml_file_names
from .mkdocsnav import NAV_PAGES, NAV_SECTIONS, WRITTEN_TITLES, nav_titles, untitled_sections
from .pymdownpin import NO_LEGACY_TABS, PIN_FILES, legacy_tabs_gone
from .sectionpages import BUILDS_DRAFTS, DISABLED_KINDS, disabled_kinds, drafts_built, taxonomy_folders
from .siteemoji import GITHUB_EMOJI, emoji_setting
from .sitepackages import (
    MARKDOWN,
    PACKAGE,
    jekyll_markdown,
    liquid_values,
    markdown_traits,
    site_markdown_files,
)
from .tsconfigpaths import alias_files

SITE_FILES: dict[str, tuple[str, ...]] = {
    "jekyll": ("_config.yml", "_config.yaml", "_config.toml"),
    "hugo": (*HUGO_NAMES, *(HUGO_DIR + n for n in HUGO_NAMES)),
    "mkdocs": SETTINGS_FILES,
}
"""Per generator, its configuration files, first found wins (as it reads them): at the site's
root, and for Hugo then in its configuration folder (where both have one, Hugo reads both: the
folder's over the root's, `_folder_main`). A Zensical site's ``zensical.toml`` holds
MkDocs' settings (`stagemap.read.mkdocsettings`): it is read as ``mkdocs.yml`` is, which wins
beside it (MkDocs still builds a site on its way to Zensical)."""
_KEYS = tuple(
    f"{k}.{e}"
    for k in ("cascade", "permalinks", "params", "taxonomies", "markup")
    for e in ("toml", "yaml", "yml", "json")
)
_KEY_FILES = tuple(HUGO_DIR + n for n in _KEYS)
"""Files of Hugo's configuration folder that hold one key each, read beside the main file."""
_PRODUCTION_FILES = tuple(HUGO_PRODUCTION + n for n in (*HUGO_NAMES, *_KEYS))
"""The same files of Hugo's production settings (`HUGO_PRODUCTION`), read last: theirs win."""


def site_files(generator: str, folder: str = "", root: Path | None = None) -> tuple[str, ...]:
    """Return every file a ``generator`` site's configuration may be read from, relative to the
    project, the site being in ``folder`` (empty: the project's own folder): its main files, first
    found wins, then Hugo's files of one key, its production settings' and its languages' (with
    the project's folder ``root``, each language's own file there too, ``languages.en.toml``); for Astro, Eleventy and
    Docusaurus, package.json and their configuration (`stagemap.read.sitepackages`; Astro's
    import aliases' with ``root``: `alias_files`); for MkDocs, where it pins its packages."""
    prefix = folder + "/" if folder else ""
    names = SITE_FILES.get(generator, ())
    if generator == "hugo":
        languages = language_files(root / prefix / HUGO_DIR if root is not None else None)
        names += (*_KEY_FILES, *_PRODUCTION_FILES, *(HUGO_DIR + n for n in languages))
    names += PIN_FILES if generator == "mkdocs" else ()
    more = alias_files(root / prefix, root) if generator == "astro" and root is not None else ()
    if generator == "mkdocs" and root is not None:  # the macros plugin's data files
        more = tuple(prefix + n for n in yaml_file_names(root / prefix))
    return tuple(prefix + n for n in names + site_markdown_files(generator)) + more


_KEY = {"jekyll": "defaults", "hugo": "cascade", "mkdocs": "plugins"}
_MORE_KEYS = {  # read for themselves too
    "hugo": tuple(
        b"permalinks uglyurls params ignorefiles taxonomies disablekinds insubdir builddrafts enableemoji"
        b" autodefinitiontermid definitionlist canonifyurls relativeurls"
        b" useembedded enabledefault languages imports".split()
    ),
    "mkdocs": (b"nav", b"markdown_extensions"),
}


MAX_SITE_FILE = 4 * 1024 * 1024
"""A configuration file larger than this is not read (a problem says so)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One set of values: a Jekyll ``defaults`` item, or a Hugo ``cascade`` entry."""

    values: dict[str, Any]
    """The values it gives (for Hugo, with its ``target``)."""
    line: int
    """The line of the entry in the file."""
    lines: dict[str, int] = field(default_factory=dict)
    """The line of each of its values, where known (else the entry's)."""
    path: str | None = None
    """Jekyll: its scope's ``path`` (without a leading or trailing ``/``); None: every page."""
    type: str | None = None
    """Jekyll: its scope's ``type`` (``pages``, ``posts``, a collection); None: every type."""
    file: str = ""
    """The file it is in, when not the main one (Hugo's ``config/_default/cascade.toml``)."""


@dataclass(frozen=True, slots=True)
class SiteDefaults:
    """What a site's configuration file gives its pages."""

    generator: str
    name: str
    """The file, relative to the project's folder (``_config.yml``)."""
    entries: tuple[Entry, ...]
    collections_dir: str = ""
    """Jekyll's ``collections_dir``: where ``_posts`` and the collections' folders are."""
    collections: frozenset[str] = frozenset()
    """Jekyll's collections by name (``posts`` always)."""
    permalinks: tuple[Permalink, ...] = ()
    """Hugo's ``permalinks``: the first that names a page gives its route."""
    blog: tuple[str, str] | None = None
    """MkDocs' blog plugin: the folder of its posts under the docs folder, and how their
    addresses are made (`stagemap.read.mkdocsblog`)."""
    ugly: frozenset[str] = frozenset()
    """Hugo's ``uglyURLs``: the top-level sections whose pages are ``/x.html``, not ``/x/``
    (``*``: every section's, and the pages at the root)."""
    root: str = ""
    """The site's folder relative to the project (``site_root``; empty: the project's own)."""
    titles: Mapping[str, tuple[str, int]] = field(default_factory=dict)
    """MkDocs' ``nav``: the title it gives a page, and its line, by the page's path (`nav_titles`)."""
    params: Mapping[str, Any] = field(default_factory=dict)
    """Hugo's ``params``: the site's own values, which its ``param`` shortcode falls back to;
    Jekyll's configuration's values (text and numbers, in maps too), which ``{{ site.x }}`` shows;
    MkDocs' plugins and extensions that make admonitions of quotes (`stagemap.read.mkdocsalerts`)
    and the titles its nav writes for pages whose title it qualifies (`stagemap.read.mkdocsnav`);
    an Astro or Eleventy site's Markdown's traits (`stagemap.read.sitepackages`)."""
    ignore: IgnoreFiles | None = None
    """Hugo's ``ignoreFiles``: the content files it leaves out (`stagemap.read.hugoignore`)."""
    taxonomies: frozenset[str] | None = None
    """Hugo's ``taxonomies``: their folders (``tags``); None where the site names none (Hugo's own)."""
    sets: frozenset[str] = frozenset()
    """Hugo: which of `REPLACED` this file sets, each ending in ``{}`` where its value is a map
    (``cascade{}``), so that a later file's replaces it (`joined`)."""

    @property
    def label(self) -> str:
        """How an inherited value's origin is named: ``defaults`` (Jekyll's) or ``cascade`` (Hugo's)."""
        return "defaults" if self.generator == "jekyll" else "cascade"

    def is_ugly(self, section: str) -> bool:
        """Whether Hugo writes the pages of the top-level ``section`` ("": the root) as ``/x.html``."""
        return "*" in self.ugly or (bool(section) and section in self.ugly)

    def joined(self, other: SiteDefaults) -> SiteDefaults:
        """Return these with ``other``'s (a later file's) over them, as Hugo merges its files: a
        setting ``other`` gives replaces this one's, but a map over a map, merged key by key
        (``params``, ``taxonomies``, a ``cascade`` or ``uglyURLs`` of one map each); its
        ``permalinks`` come first (the first that names a page gives its route)."""
        entries = tuple(replace(e, file=e.file or other.name) for e in other.entries)
        kept = self.entries
        if "cascade{}" in other.sets and "cascade{}" in self.sets:  # the later map's keys win
            named = {k for e in entries for k in e.values}
            trimmed = (replace(e, values={k: v for k, v in e.values.items() if k not in named}) for e in kept)
            kept = tuple(e for e in trimmed if e.values)
        elif other.sets & {"cascade", "cascade{}"}:
            kept = ()
        maps = "uglyurls{}" in other.sets and "uglyurls" not in self.sets
        return replace(
            self,
            entries=kept + entries,
            permalinks=other.permalinks + self.permalinks,
            ugly=other.ugly
            if other.sets & {"uglyurls", "uglyurls{}"} and not maps
            else self.ugly | other.ugly,
            params=_params_merged(self.params, other.params),
            ignore=other.ignore if other.sets & {"ignorefiles", "ignorefiles{}"} else self.ignore,
            taxonomies=(  # (Hugo merges the two maps key by key)
                other.taxonomies
                if self.taxonomies is None
                else self.taxonomies | (other.taxonomies or frozenset())
            ),
            sets=frozenset(k for k in self.sets if k.rstrip("{}") not in _bases(other.sets)) | other.sets,
        )


REPLACED = ("cascade", "ignorefiles", "uglyurls", "disablekinds")
"""Hugo's settings (in lower case) that a later configuration file replaces where it sets them:
``ignoreFiles = []`` in ``config/production/`` leaves no file out, ``uglyURLs = false`` none ugly."""


def _lowered(data: Mapping[Any, Any]) -> dict[str, Any]:
    return {str(k).lower(): v for k, v in data.items()}


def _bases(sets: frozenset[str]) -> set[str]:
    return {k.rstrip("{}") for k in sets}


def _params_merged(under: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """Return Hugo's ``params`` ``over`` merged into ``under``: maps key by key, their keys in any
    case alike (Hugo reads ``Desk`` and ``desk`` as one), anything else replaced."""
    made = dict(under)
    for key, value in over.items():
        same = next((k for k in made if isinstance(k, str) and k.lower() == str(key).lower()), key)
        below = made.pop(same, None)
        both = isinstance(below, Mapping) and isinstance(value, Mapping)
        made[key] = _params_merged(below, value) if both else value
    return made


def site_defaults(
    generator: str, read: Callable[[str], bytes | Problem | None], folder: str = ""
) -> SiteDefaults | Problem | None:
    """Return what the configuration file of a ``generator`` site in ``folder`` (relative to the
    project, empty: its own) gives its pages, read with ``read`` (a name relative to the project
    -> its bytes, None when there is no such file); a problem when the file cannot be read; None
    when it gives nothing."""
    if site_markdown_files(generator):  # Astro's, Eleventy's, Docusaurus's: what packages change in Markdown
        traits = markdown_traits(generator, read, folder)
        return (
            SiteDefaults(generator, PACKAGE, (), params={MARKDOWN: traits}, root=folder) if traits else None
        )
    names = site_files(generator, folder)
    mains = ((n, d) for n in names[: len(SITE_FILES.get(generator, ()))] for d in (read(n),) if d is not None)
    main = next(mains, None)
    parts = [(*main, "")] if main is not None else []
    below = _folder_main(generator, main, mains)
    if generator == "hugo":
        parts += [(*below, "")] if below is not None else []
        start = len(SITE_FILES["hugo"])
        parts += keyed_files(names[start : start + len(_KEY_FILES)], read)
        over = [n for n in names if HUGO_PRODUCTION in n]  # the first main file, as Hugo reads one
        parts += keyed_files(over[: len(HUGO_NAMES)], read)[:1] + keyed_files(over[len(HUGO_NAMES) :], read)
    found: SiteDefaults | None = None
    for name, data, key in parts:
        got = _one(generator, name, data, key)
        if isinstance(got, Problem):
            return got
        if got is not None:
            found = got if found is None else found.joined(got)
    if main is not None and generator == "hugo":  # the default language's taxonomies, in place of the site's
        says = below if below is not None and b"defaultcontentlanguage" in below[1].lower() else main
        language = folder_language(*says, read, (folder + "/" if folder else "") + HUGO_DIR)
        own = next((v for k, v in language.items() if str(k).lower() == "taxonomies"), None)
        if isinstance(own, dict) and own:
            named = taxonomy_folders({"taxonomies": own})
            found = replace(found or SiteDefaults(generator, main[0], ()), taxonomies=named)
    if generator == "hugo" and found is not None:  # (for the routes: `stagemap.analyse.hugoroutes`)
        found = replace(found, params={**found.params, **term_params(found.permalinks, found.taxonomies)})
    if main is not None and generator == "mkdocs" and legacy_tabs_gone(read, folder):
        base = found or SiteDefaults(generator, main[0], ())  # (`stagemap.read.pymdownpin`)
        found = replace(base, params={**base.params, NO_LEGACY_TABS: True})
    if found is not None and MACRO_FILES in found.params:  # the macros plugin's ``include_yaml`` files
        found = replace(found, params=with_yaml_files(found.params, read, folder))
    return replace(found, root=folder) if found is not None and folder else found


def _folder_main(
    generator: str, main: tuple[str, bytes | Problem] | None, others: Iterator[tuple[str, bytes | Problem]]
) -> tuple[str, bytes] | None:
    """Return the main file of a Hugo site's configuration folder (``config/_default/hugo.toml``)
    where the site has a main file at its root too (``main``): Hugo 0.111.3 reads both, the
    folder's settings over the root file's (its params key by key, its taxonomies beside them)."""
    if generator != "hugo" or main is None or HUGO_DIR in main[0]:
        return None
    found = next((n for n in others if HUGO_DIR in n[0]), None)
    return (found[0], found[1]) if found is not None and isinstance(found[1], bytes) else None


def _one(generator: str, name: str, data: bytes | Problem, key: str) -> SiteDefaults | Problem | None:
    """Return what one configuration file gives (``key``: the one key the whole file holds)."""
    if isinstance(data, Problem):
        return data
    lower = data.lower()
    more = generator == "jekyll" or any(k in lower for k in _MORE_KEYS.get(generator, ()))  # (its values)
    if not key and _KEY[generator].encode() not in lower and not more:
        return None
    if len(data) > MAX_SITE_FILE:
        return _problem(name, 0, f"larger than {MAX_SITE_FILE // 1024 // 1024} MiB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _problem(name, 0, "not UTF-8 text")
    try:
        return _entries(generator, name, text, key)
    except Unreadable as exc:
        return _problem(name, exc.line, exc.reason)


def _entries(generator: str, name: str, text: str, key_file: str = "") -> SiteDefaults | None:
    data, lines = load_with_lines(name, text, _KEY[generator])
    if key_file:
        data, lines = {key_file: data}, {}
    if not isinstance(data, dict):
        return None
    if generator == "mkdocs":
        (titles, written), blog, alerts = nav_titles(data, name, text), blog_spec(data), alert_syntaxes(data)
        listed, untitled = sorted(titles), untitled_sections(data, name)  # (the others' titles: told apart)
        pairs = ((ALERTS, alerts), (WRITTEN_TITLES, written), (NAV_PAGES, listed), (NAV_SECTIONS, untitled))
        params = {k: v for k, v in pairs if v} | macro_params(data, name)  # (`stagemap.read.mkdocsmacros`)
        made = SiteDefaults(generator, name, (), blog=blog, titles=titles, params=params)
        return made if blog or titles or params else None
    key = next((k for k in data if isinstance(k, str) and k.lower() == _KEY[generator]), None)
    value = data.get(key) if key is not None else None
    items = value if isinstance(value, list) else [value]
    entries: list[Entry] = []
    for i, item in enumerate(items):
        at = lines.get(i, (lines.get(-1, (1, {}))[0], {}))
        if generator == "hugo":
            if isinstance(item, dict) and item:
                entries.append(Entry({str(k): v for k, v in item.items()}, at[0], at[1]))
            continue
        if not isinstance(item, dict) or not isinstance(item.get("values"), dict):
            continue  # Jekyll warns and leaves such a set out
        given = item.get("scope")
        scope: dict[Any, Any] = given if isinstance(given, dict) else {}
        path = scope.get("path")
        kind = scope.get("type")
        kind = (
            {"page": "pages", "post": "posts", "draft": "drafts"}.get(kind, kind)
            if isinstance(kind, str)
            else None
        )
        values = {str(k): v for k, v in item["values"].items()}
        entries.append(Entry(values, at[0], at[1], str(path).strip("/") if path is not None else None, kind))
    if generator == "hugo":
        links = permalinks(next((v for k, v in data.items() if str(k).lower() == "permalinks"), None))
        ugly = ugly_sections(next((v for k, v in data.items() if str(k).lower() == "uglyurls"), None))
        given = next((v for k, v in data.items() if str(k).lower() == "params"), None)
        params = {str(k): v for k, v in given.items()} if isinstance(given, dict) else {}
        made = SiteDefaults(generator, name, tuple(entries), permalinks=links, ugly=ugly, params=params)
        sets = frozenset(
            f"{k}{'{}' * isinstance(v, dict)}" for k, v in _lowered(data).items() if k in REPLACED
        )
        routed: dict[str, Any] = {DISABLED_KINDS: disabled_kinds(data), **lead_params(data)}
        routed.update(_flags(generator, data))  # (for the routes, the links to drafts, the emoji)
        given_too = _GIVEN_FLAGS | ({DISABLED_KINDS} if "disablekinds" in sets else set())
        made = replace(made, params={**params, **{k: v for k, v in routed.items() if v or k in given_too}})
        made = replace(made, ignore=ignore_files(data, text), taxonomies=taxonomy_folders(data), sets=sets)
        return None if made == SiteDefaults(generator, name, ()) else made  # (None: it gives nothing)
    params = {**liquid_values(data), **jekyll_markdown(data), **_flags(generator, data)}
    if not entries and not params:
        return None
    collections = data.get("collections")
    named = {n for n in collections if isinstance(n, str)} if isinstance(collections, dict | list) else set()
    base = data.get("collections_dir")
    folder = str(base).strip("/") if isinstance(base, str) else ""
    kinds = frozenset(str(n) for n in named) | {"posts"}
    return SiteDefaults(generator, name, tuple(entries), folder, kinds, params=params)


_GIVEN_FLAGS = frozenset({BUILDS_DRAFTS, GITHUB_EMOJI, *FLAGS})
"""Hugo's flags kept when a file turns them off: a later file's over an earlier one's."""


def _flags(generator: str, data: Mapping[Any, Any]) -> dict[str, Any]:
    """Return what a configuration file says of drafts (`drafts_built`), emoji (`emoji_setting`)
    and, Hugo's, its definition lists' terms' ids (`markup_settings`)."""
    terms = markup_settings(data) if generator == "hugo" else {}
    return {**drafts_built(generator, data), **emoji_setting(generator, data), **terms}


def _problem(name: str, line: int, reason: str) -> Problem:
    return Problem(
        name, line, 1, "warning", f"cannot read the site's configuration: {reason}",
        "fix the file: until then what it gives the pages (Jekyll's defaults, Hugo's cascade) is not applied",
        "site-config",
    )  # fmt: skip
