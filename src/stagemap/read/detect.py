"""Recognise an existing website in a folder: its generator, content folders, address and internal material.

`stagemap init` writes settings from what this finds. Each generator is known by its
configuration file; the content folders are the generator's conventional ones that exist
(or the one its configuration names: Hugo's ``contentDir``, MkDocs' ``docs_dir``; a Jekyll
site's posts and collections, `stagemap.read.jekyll`; a Starlight site's docs,
`stagemap.read.astro`); the base URL comes from the configuration (``baseURL``, ``url``,
``siteUrl``, ``site``, ``site_url``). Folders of internal material are found by name
(``handbook``, ``internal``), and, where the generator has such a notion, from what it never
publishes (Jekyll collections without ``output: true``, MkDocs ``exclude_docs``). Configuration
written as code (JavaScript) is not run: the address is read with a pattern, and is left out
when the pattern finds none.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .astro import ASTRO_CONTENT, StarlightDocs, arranged, routed_collections, starlight_docs, without_slash
from .astro import CONFIG_FILES as ASTRO_CONFIGS
from .attachments import JEKYLL_COPIED
from .codelanguages import code_languages, locale_finder
from .configfiles import HUGO_DIR, HUGO_NAMES, hugo_keys, hugo_settings, site_config_data
from .docusaurus import mdx_endings as docusaurus_mdx
from .docusaurus import site_folders
from .docusauruslocales import Locales, site_locales
from .eleventy import CONFIG_FILES as ELEVENTY_CONFIGS
from .eleventy import eleventy_source, published_outputs
from .filelanguages import site_languages, with_languages
from .gatsby import mdx_endings as gatsby_mdx
from .gatsby import source_folders, without_trailing_slash
from .globs import GlobSet
from .hugomounts import hugo_sources, hugo_translations, without_development_mounts
from .internalfolders import INTERNAL_NAMES, internal_folders, names_left
from .jekyll import exclude_entries, exclude_globs, excluded, jekyll_folders, outside
from .languages import without_translations
from .missing import missing_folders, named_folders
from .mkdocsexclude import mkdocs_excluded, unread_expressions
from .postdates import site_zone
from .presets import GENERATORS, preset_extensions
from .siteaddress import local_address, site_address, site_title
from .sitedefaults import SITE_FILES
from .siteheadings import site_heading_ids
from .versions import older_versions as older

_HUGO_OLD = tuple(n for n in HUGO_NAMES if n.startswith("config."))
"""Hugo's older names for its configuration file, which it still reads (before 0.110, the only ones)."""
CONFIG_FILES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("hugo", HUGO_NAMES),
    ("jekyll", ("_config.yml", "_config.yaml")),
    ("docusaurus", tuple(f"docusaurus.config.{end}" for end in ("ts", "mts", "cts", "js", "mjs", "cjs"))),
    ("gatsby", ("gatsby-config.js", "gatsby-config.ts", "gatsby-config.mjs")),
    ("astro", ASTRO_CONFIGS),
    ("mkdocs", SITE_FILES["mkdocs"]),  # and Zensical's zensical.toml, MkDocs' settings in TOML
    ("eleventy", ELEVENTY_CONFIGS),
)
"""Per generator, the configuration files that identify its sites, first found wins (a site moving
to Zensical that keeps its ``mkdocs.yml`` is still built from it by MkDocs)."""

NAMES = dict(
    zip(GENERATORS, ("Hugo", "Jekyll", "Docusaurus", "Gatsby", "Astro", "MkDocs", "Eleventy"), strict=True)
)
"""How each generator is written in text."""

CONTENT_FOLDERS: dict[str, tuple[tuple[str, str], ...]] = {
    "hugo": (("content", "/{path}/"),),
    "jekyll": ((".", ""),),
    "docusaurus": (("docs", "/docs/{doc}/"), ("blog", "/blog/{post}/"), ("src/pages", "/{path}/")),
    "gatsby": (("content", "/{path}/"), ("src/pages", "/{path}/"), ("src/content", "/{path}/")),
    "astro": (("src/content", "/{path}/"), ("src/pages", "/{path}/")),
    "mkdocs": (("docs", "/{path}/"),),
    "eleventy": (),  # its configuration's input folder (`stagemap.read.eleventy`)
}
"""Per generator, its usual content folders and the URL pattern of each (empty: none guessed)."""

JEKYLL_EXCLUDES = ("_site/", "vendor/", "node_modules/", "_sass/", *JEKYLL_COPIED, "/Gemfile*")
"""What a Jekyll site's root holds besides pages: its output, gems, styles and read-me."""
OUR_OUTPUTS = ("site", "kits")
"""The folders ``build`` and ``kits`` write to by default: a source at the root leaves them out."""


@dataclass(frozen=True, slots=True)
class FoundSource:
    """A content folder found in the site."""

    path: str
    """Relative to the site's root, with ``/`` (``.`` for the root itself)."""
    url: str = ""
    """Its URL pattern, or empty when none can be guessed."""
    exclude: tuple[str, ...] = ()
    """Globs of what it holds that is not content."""
    audience: str = ""
    """``internal`` for a folder of internal material; empty otherwise."""
    id_prefix: str = ""
    """Put in front of its files' ids: every source but the first gets its folder's name, so
    that ``docs/intro.md`` and ``blog/intro.md`` are two assets."""


@dataclass(frozen=True, slots=True)
class FoundSite:
    """What `detect_site` found."""

    generator: str
    """The generator's name, as the ``generator`` setting takes it."""
    config_file: str
    """The configuration file that gave it away, relative to the root."""
    base_url: str
    """The site's address (a local one's path alone: `local_address`), or empty when none is said."""
    sources: tuple[FoundSource, ...]
    """The content folders that exist, in the generator's usual order."""
    internal: tuple[str, ...]
    """Globs (under the sources) of internal material: folders by name, unpublished collections."""
    outside: tuple[str, ...]
    """Top-level names of the root that no source covers (hidden ones left out), sorted."""
    title: str = ""
    """The site's title (Hugo's and Jekyll's ``title``, MkDocs' ``site_name``, the first
    ``title:`` of a configuration written as code), or empty: the project's name."""
    translations: tuple[str, ...] = ()
    """Folders of the site's other languages, not read: Hugo's per-language content folders,
    Starlight's locales, folders named for a language that translate their parent's pages; and
    globs of files named for another language (``docs/**/*.fr.*``, `stagemap.read.filelanguages`)."""
    lowercase: bool = False
    """The generator lower-cases the paths it makes from file names (Hugo, unless ``disablePathToLower``)."""
    published: tuple[str, ...] = ()
    """`OUR_OUTPUTS` the generator would publish as they are (Jekyll copies every folder its
    ``exclude`` does not name): the internal site and kits would go out with the public one."""
    drafts: tuple[str, ...] = ()
    """Globs (under the source) of pages the site keeps as drafts by configuration: MkDocs'
    ``draft_docs``, built by ``mkdocs serve`` only."""
    beyond: tuple[str, ...] = ()
    """Content folders the configuration names outside the site (Docusaurus's ``path:
    '../docs'``): a source must be inside the project, so they are not read."""
    computed: tuple[str, ...] = ()
    """Content folders the configuration works out in code (```${root}/docs```): not read."""
    root: str = ""
    """The site's folder in the project (``site_root``, ``/``-separated; empty: the project's own)."""
    roots: tuple[str, ...] = ()
    """Folders whose files the site serves at their path, when not the preset's (Eleventy's input folder)."""
    address_from: str = ""
    """The file that gave `base_url` when the configuration did not (GitHub Pages' ``CNAME``)."""
    local_address: str = ""
    """The address on the building machine (a preview's) the configuration gives: not `base_url`."""
    timezone: str = ""
    """Jekyll's ``timezone``: a post's date gives its route's day in it (`stagemap.read.postdates`)."""
    mdx: tuple[str, ...] = ()
    """The endings of the files read as MDX, when not the preset's (the ``mdx`` setting)."""
    versions: tuple[str, ...] = ()
    """Folders of older or unreleased versions of the pages, not read (`stagemap.read.versions`)."""
    read_versions: tuple[str, ...] = ()
    """The version folders read in their place (``content/v3.7/``), one per set of siblings."""
    coming_versions: tuple[str, ...] = ()
    """Of `versions`, the development copies of the coming release (``content/master/``)."""
    language: str = ""
    """The default language, when files name their language (``setup.en.md``): the
    ``default_language`` setting (`stagemap.read.filelanguages`)."""
    heading_ids: str = ""
    """How the configuration has headings get their ids, when not the generator's usual way
    (the ``heading_ids`` setting, `stagemap.read.siteheadings`)."""
    unread_excludes: tuple[str, ...] = ()
    """The mkdocs-exclude plugin's expressions not matched here, each with why (`stagemap.read.mkdocsexclude`)."""
    missing: tuple[tuple[str, str], ...] = ()
    """Content folders the configuration names that are not there to read, each with why: a link
    to nothing, a git submodule not checked out (`stagemap.read.missing`); one that is an empty
    folder is a source all the same (read once it is checked out)."""


def detect_site(root: Path, within: Path | None = None) -> FoundSite | None:
    """Return what kind of site ``root`` holds, or None when no generator's configuration is
    there; ``within``: the project holding it (None: ``root`` itself), whose folders it may name."""
    named = site_config(root)
    if named is None:
        return None
    generator, name = named
    if generator == "hugo":  # its configuration folder too, as themes such as Blowfish lay it out
        data = hugo_settings(root, name)  # (None from the folder: it has no main file that can be read)
        return (
            None if data is None and name.startswith(HUGO_DIR) else _found(root, "hugo", name, data, within)
        )
    return _found(root, generator, name, site_config_data(root / name), within)


def site_config(root: Path) -> tuple[str, str] | None:
    """Return the generator of the site in ``root`` and its configuration file, or None."""
    for generator, names in CONFIG_FILES:
        for name in names:
            if not (root / name).is_file():
                continue
            if name in _HUGO_OLD and not (root / _content_dir(root / name)).is_dir():
                continue  # config.toml alone is too common a name to mean Hugo
            return generator, name
    main = next((n for n in SITE_FILES["hugo"] if n.startswith(HUGO_DIR) and (root / n).is_file()), None)
    return ("hugo", main) if main is not None else None


def _content_dir(config: Path) -> str:
    """Return the content folder an old-style Hugo ``config.*`` names (``contentDir``, in any
    case), else ``content``."""
    data = hugo_keys(site_config_data(config))
    folder = data.get("contentDir") if isinstance(data, dict) else None
    return folder.strip("/") or "content" if isinstance(folder, str) else "content"


# long: one place gathers what each generator's readers found into the many fields of FoundSite
def _found(root: Path, generator: str, name: str, config: Any, within: Path | None = None) -> FoundSite:
    data = config if isinstance(config, dict) else {}
    starlight = starlight_docs(root, config) if generator == "astro" and isinstance(config, str) else None
    sources = _sources(root, generator, data, starlight, config if generator in ("gatsby", "astro") else None)
    beyond, computed = list[str](), list[str]()
    locales: Locales = ((), frozenset())  # a Docusaurus site's translations (i18n/fr/), named, not read
    if generator == "docusaurus" and isinstance(config, str):
        folders, beyond, computed = site_folders(root, config, within)
        sources, locales = _docusaurus_sources(root, folders), site_locales(root, config)
    if generator == "eleventy":
        found = eleventy_source(root, config if isinstance(config, str) else "", OUR_OUTPUTS)
        sources = (FoundSource(*found), *sources) if found is not None else sources
    languages: tuple[str, ...] = ()  # folders of translations (Hugo's and Starlight's are configured)
    if generator != "hugo" and starlight is None:
        finds = locale_finder(root, generator, config)  # Astro's i18n locales' folders too
        sources, languages = without_translations(root, sources, preset_extensions(generator), finds)
    language = ""  # and files named for a language, when the configuration names its languages
    if (named := site_languages(generator, data) or code_languages(root, generator, config)) is not None:
        sources, others, language = with_languages(root, sources, named, preset_extensions(generator))
        languages = tuple(dict.fromkeys((*languages, *others)))  # (a folder both find, named once)
    finder = older(data, apart=generator == "docusaurus")  # (which keeps them in versioned_docs/)
    sources, versions = without_translations(root, sources, preset_extensions(generator), finder)
    sources, versions, dev = without_development_mounts(root, sources, versions, finder.read)  # (Jaeger's)
    internal = _internal(root, generator, data, sources)
    missing = missing_folders(
        root, named_folders(generator, config, data, CONTENT_FOLDERS[generator]), within
    )
    covered = {s.path.split("/")[0] for s in sources} | locales[1] | {m.split("/")[0] for m, _ in missing}
    outside = () if "." in covered else names_left(root, "", covered)
    address, cname = site_address(root, generator, config, data, within)
    return FoundSite(
        generator,
        name,
        address,
        sources,
        tuple(dict.fromkeys(internal)),
        outside,
        site_title(generator, config, data),
        (*hugo_translations(root, data, {s.path for s in sources} | {d[:-1] for d in dev}), *languages)
        if generator == "hugo"
        else starlight[3]
        if starlight
        else (*languages, *locales[0]),
        generator == "hugo" and data.get("disablePathToLower") is not True,
        _published(root, generator, config, data),
        tuple(_mkdocs_globs(data, "draft_docs")) if generator == "mkdocs" else (),
        tuple(beyond),
        tuple(computed),
        roots=tuple(s.path for s in sources[:1] if generator == "eleventy" and s.path != "."),
        address_from=cname,
        local_address=local_address(generator, data),
        timezone=site_zone(data) if generator == "jekyll" else "",
        mdx=_MDX[generator](config) if generator in _MDX and isinstance(config, str) else (),
        versions=versions,
        read_versions=tuple(sorted(p.relative_to(root).as_posix() + "/" for p in finder.read)),
        coming_versions=tuple(sorted([*(p.relative_to(root).as_posix() + "/" for p in finder.coming), *dev])),
        language=language,
        heading_ids=site_heading_ids(generator, root / name, data),
        unread_excludes=unread_expressions(data) if generator == "mkdocs" and isinstance(data, dict) else (),
        missing=missing,
    )


def _internal(
    root: Path, generator: str, data: dict[str, Any], sources: tuple[FoundSource, ...]
) -> list[str]:
    """Return the globs of internal material under the sources (see `FoundSite.internal`)."""
    # Only what is read may be internal material (not a Python package's _internal/ beside the docs).
    internal = [g for s in sources for g in internal_folders(root / s.path)]
    if generator == "mkdocs":
        internal += _mkdocs_globs(data, "exclude_docs")  # pages never published: internal material
    # A folder read as a source of its own with its audience needs no glob (it would match nothing there).
    return [g for g in internal if not any(s.audience and g == s.path + "/" for s in sources)]


_MDX = {"gatsby": gatsby_mdx, "docusaurus": docusaurus_mdx}
"""How a generator's configuration says which files are MDX, when not as its preset has it."""


def _published(root: Path, generator: str, config: Any, data: dict[str, Any]) -> tuple[str, ...]:
    """Return `OUR_OUTPUTS` the site's generator would publish as they are (see `FoundSite.published`)."""
    if generator == "jekyll":
        return tuple(n for n in OUR_OUTPUTS if not excluded(n, exclude_entries(data), folder=True))
    if generator == "eleventy" and isinstance(config, str):
        return published_outputs(root, config, OUR_OUTPUTS)
    return ()


def _sources(
    root: Path, generator: str, data: dict[str, Any], starlight: StarlightDocs | None = None, code: Any = None
) -> tuple[FoundSource, ...]:
    if generator == "hugo":
        return _hugo_sources(root, data)
    if generator == "mkdocs":
        folder = str(data.get("docs_dir") or "docs").strip("/")
        # Without directory URLs, docs/a/b.md is /a/b.html and docs/a/index.md /a/index.html.
        pattern = "/{file}.html" if data.get("use_directory_urls") is False else "/{path}/"
        return (
            (FoundSource(folder, pattern, mkdocs_excluded(data, root / folder)),)
            if (root / folder).is_dir()
            else ()
        )
    if generator == "jekyll":
        names = exclude_entries(data)
        usual = GlobSet.of(JEKYLL_EXCLUDES)
        # The site's own exclude list (as Jekyll matches it), less what the usual globs already
        # leave out; then the folders stagemap writes to, so that the default ``build`` and
        # ``kits`` work; then the folders Jekyll ignores, and those of the posts and collections.
        extra = [
            glob
            for n in names
            if usual.decide(n.rstrip("/")) is None and usual.decide(n.rstrip("/") + "/x") is None
            for glob in exclude_globs(n)
        ]
        ours = [f"/{n}/" for n in OUR_OUTPUTS]
        kinds = jekyll_folders(root, data)
        ignored = [f"/{n}/" for n in kinds.ignored]
        pages = FoundSource(
            ".", kinds.pages, tuple(dict.fromkeys((*JEKYLL_EXCLUDES, *extra, *ours, *ignored)))
        )
        # Posts, collections, a folder's _posts (ids as its pages had), but excluded: the first source reads a file.
        own = [(f, u, a, f.rpartition("/")[2].lstrip("_") + "/") for f, u, a in kinds.folders]
        every = [*own, *((f, u, "", f + "/") for f, u in kinds.nested)]
        left = [f for f, *_ in every if outside(f, names)]
        return (*(FoundSource(f, u, (), a, p) for f, u, a, p in every if f not in left), pages)
    named = source_folders(root, code) if generator == "gatsby" and isinstance(code, str) else []  # first
    guessed = [f for f in CONTENT_FOLDERS[generator] if not named or f[0] == "src/pages"]  # the rest a guess
    folders = without_trailing_slash(dict([*named, *guessed]), code if generator == "gatsby" else None)
    found = [FoundSource(path, url) for path, url in folders.items() if (root / path).is_dir()]
    if starlight is not None:  # its docs collection at the root, in place of src/content's usual reading
        found = [FoundSource(*starlight[:3]), *(s for s in found if s.path != "src/content")]
    skip = starlight[0] if starlight is not None else ""  # Starlight's docs: first, unprefixed
    if generator == "astro":  # collections a page routes: sources of their own (`astro.arranged`)
        found = without_slash(
            arranged(found, routed_collections(root, skip), FoundSource, starlight is not None), code
        )
    inside = {s.path for s in found}
    # Root folders of internal material that no content folder holds (a handbook beside docs/).
    for entry in sorted(root.iterdir()):
        if entry.is_dir() and entry.name.lstrip("_") in INTERNAL_NAMES and entry.name not in inside:
            found.append(FoundSource(entry.name, "", (), "internal"))
    return _prefixed(found, generator, skip)


def _prefixed(found: list[FoundSource], generator: str, skip: str) -> tuple[FoundSource, ...]:
    """Return the sources, each after the first with an ``id`` prefix unique among them."""
    # A source with a prefix of its own keeps it; Astro's src/content keeps its files' ids
    # (the collections routed before it have their folder in src/content as theirs). Others
    # get their folder's name, or their path when another source has that name already
    # (Gatsby's content/en/posts and content/de/posts).
    taken = {s.id_prefix for s in found}
    for index, source in enumerate(found):
        if (
            index
            and not source.id_prefix
            and not (generator == "astro" and source.path in (ASTRO_CONTENT, skip))
        ):
            tried = (source.path.rpartition("/")[2].lstrip("_"), source.path.replace("/", "-").lstrip("_"))
            prefix = next((n + "/" for n in tried if n + "/" not in taken), f"{tried[1]}-{index}/")
            taken.add(prefix)
            found[index] = replace(source, id_prefix=prefix)
    return tuple(found)


def _docusaurus_sources(
    root: Path, folders: list[tuple[str, str, str, tuple[str, ...]]]
) -> tuple[FoundSource, ...]:
    """Return a Docusaurus site's content folders (`stagemap.read.docusaurus.site_folders`), then
    its folders of internal material; each after the first with a unique id prefix."""
    found = {path: (FoundSource(path, url, exclude), plugin) for path, url, plugin, exclude in folders}
    for entry in sorted(root.iterdir()):  # as `_sources`: internal material beside them
        if entry.is_dir() and entry.name.lstrip("_") in INTERNAL_NAMES and entry.name not in found:
            found[entry.name] = (FoundSource(entry.name, "", (), "internal"), "")
    made: list[FoundSource] = []
    for index, (source, plugin) in enumerate(found.values()):
        # A plugin's id, else its folder's name, else its whole path: unique.
        names = [plugin, source.path.rpartition("/")[2].lstrip("_"), source.path.replace("/", "-")]
        taken = {s.id_prefix for s in made}
        prefix = next((n + "/" for n in names if n and n + "/" not in taken), names[2] + "/")
        made.append(replace(source, id_prefix=prefix if index else ""))
    return tuple(made)


def _hugo_sources(root: Path, data: dict[str, Any]) -> tuple[FoundSource, ...]:
    """Return a Hugo site's content folders (`stagemap.read.hugomounts.hugo_sources`)."""
    return tuple(
        FoundSource(f, url, exclude, "", prefix) for f, url, exclude, prefix in hugo_sources(root, data)
    )


def _mkdocs_globs(data: dict[str, Any], key: str) -> list[str]:
    """Return the gitignore-style lines of MkDocs' ``key`` (a block of text; a list read too)."""
    value = data.get(key)
    lines = value.splitlines() if isinstance(value, str) else value if isinstance(value, list) else []
    return [s.strip() for s in lines if isinstance(s, str) and s.strip() and not s.strip().startswith("#")]
