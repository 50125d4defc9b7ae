"""The settings ``stagemap init`` writes into an existing site: stagemap.yml and nothing else.

The text is planned here from what `stagemap.read.detect` found, with comments that say
where each value came from and what to change; `plan_adopt` checks that it loads.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from ..analyse.lint import INIT_PURPOSE
from ..errors import StagemapError, UsageError, suggest
from ..lazyre import lazy
from ..model.settings import LOOSE_HEADING_IDS, Config, output_name
from ..read import yamlsafe
from ..read.assets import BARE_KIND, load_library
from ..read.bounded import TooLarge, Unreadable, read_bounded
from ..read.configfiles import site_config_data
from ..read.detect import NAMES, FoundSite, FoundSource
from ..read.eleventybase import base_plugin
from ..read.eleventydatafiles import eleventy_config
from ..read.eleventydeploy import UNKNOWN, prefix_source
from ..read.eleventyprefix import path_prefix
from ..read.hugopin import commented_pages
from ..read.models import builtin_model_names
from ..read.presets import preset_bare_pages_by_code
from ..read.settings import config_from_data
from ..read.sources import scan
from ..render.adopt import site_kind
from .yamltext import format_scalar

DOCS = "docs/settings.md in the stagemap source"
"""Where the settings are described: the project's documentation has no web address yet."""


@dataclass(frozen=True, slots=True)
class AdoptPlan:
    """The settings of an existing site, checked: they load, and no stagemap.yml is there yet."""

    folder: Path
    """The site's root."""
    found: FoundSite
    """What was found in it."""
    text: str
    """The stagemap.yml to write."""
    bare: tuple[int, int] | None = None
    """When init reads pages without front matter as pages (the generator's preset does not):
    how many content files have none, of how many read."""
    commented: tuple[tuple[str, ...], str] = ((), "")
    """On a Hugo site, the pages whose front matter sits in a leading HTML comment, and the Hugo
    older than 0.123 the site pins (`stagemap.read.hugopin`; empty: none, so those are not read)."""


MOST_BARE = 0.5
"""Above this share of the content files without front matter, they are the site's pages."""
FEWEST_BARE = 5
"""A site with fewer files without front matter than this is not judged by them."""


def plan_adopt(folder: Path, model: str, found: FoundSite) -> AdoptPlan:
    """Plan stagemap.yml for the site in ``folder``; raise `UsageError` if one exists.

    On a site whose generator usually needs front matter on every page but may make pages of
    files without any in its code (Gatsby, Astro), when most of its content files have none
    they are its pages (a Gatsby site whose gatsby-node.js makes a page of every Markdown
    file): the settings say so.
    """
    if model not in builtin_model_names():
        raise UsageError(f"unknown model '{model}' ({suggest(model, builtin_model_names())})")
    target = folder / "stagemap.yml"
    if target.exists() or target.is_symlink():
        raise UsageError(f"{target.as_posix()} already exists; init never overwrites, so nothing was written")
    name = found.title or folder.resolve().name or "My company"
    future = _future(folder, found)
    script = _prefix_said(folder, found) if found.generator == "eleventy" else ("", "", False)
    text = adopt_settings(name, model, found, future=future, script=script)
    config = _loads(folder, text)
    hugo = found.generator == "hugo"
    pages = commented_pages((i.rel, Path(i.path)) for i in scan(config).to_read) if hugo else ()
    commented = (pages, config.rules.old_hugo)
    if not preset_bare_pages_by_code(found.generator):
        return AdoptPlan(folder, found, text, commented=commented)
    fates = load_library(config, bodies=False).fates
    bare = sum(f.kind == BARE_KIND for f in fates)
    read = bare + sum(f.fate == "asset" for f in fates)
    if bare < FEWEST_BARE or bare <= read * MOST_BARE:
        return AdoptPlan(folder, found, text, commented=commented)
    text = adopt_settings(name, model, found, bare=(bare, read), future=future, script=script)
    _loads(folder, text)
    return AdoptPlan(folder, found, text, (bare, read), commented)


def _loads(folder: Path, text: str) -> Config:
    """Return the settings ``text`` plans for the site in ``folder``, as read."""
    try:
        return config_from_data(folder, yamlsafe.load(text).data)
    except (StagemapError, yamlsafe.YamlProblem) as exc:  # our own text: a bug if it does not load
        raise StagemapError(f"the settings planned for this site would not load: {exc}") from None


def _source(source: FoundSource) -> list[str]:
    lines = [f"  - path: {format_scalar(source.path)}"]
    if source.url:
        lines.append(f"    url: {json.dumps(source.url)}")
    if source.exclude:
        lines.append(f"    exclude: [{', '.join(json.dumps(g) for g in source.exclude)}]")
    if source.audience:
        lines.append(f"    audience: {source.audience}")
    if source.id_prefix:
        lines.append(
            f"    id: {format_scalar(source.id_prefix)}  # in front of its pages' ids: {source.id_prefix}intro"
        )
    return lines


def _no_source(found: FoundSite) -> list[str]:
    if found.root:
        return [
            f"  - path: {format_scalar(found.root)}  # no usual content folder was found: the site's whole folder"
        ]
    return ["  - path: .  # no usual content folder was found: the whole repository"]


def _site_root(found: FoundSite) -> list[str]:
    if not found.root:
        return []
    return [
        f"# The site is in {found.root}/ ({found.config_file}): its configuration is read there, its",
        "# static files are found there, and the paths below are from here, the repository's root.",
        f"site_root: {format_scalar(found.root)}",
    ]


def _internal_and_drafts(found: FoundSite) -> list[str]:
    lines = ["", "# Folders of internal material (sales process, call guides): for the team, never sent."]
    if found.internal:
        lines += ["audiences:", f"  internal: [{', '.join(json.dumps(g) for g in found.internal)}]"]
    else:
        lines += ["# audiences:", '#   internal: ["handbook/"]']
    if found.drafts:
        lines += ["", f"# From {found.config_file}'s draft_docs: pages it builds only in preview, drafts here.",
                  f"drafts: [{', '.join(json.dumps(g) for g in found.drafts)}]"]  # fmt: skip
    return lines


def adopt_settings(
    name: str,
    model: str,
    found: FoundSite,
    *,
    bare: tuple[int, int] | None = None,
    future: str = "",
    script: tuple[str, str, bool] = ("", "", False),
) -> str:
    """Return the commented stagemap.yml of an existing site; ``bare``: see `AdoptPlan.bare`;
    ``script``: where an Eleventy site's path prefix comes from (`_prefix_said`), or ""."""
    kind = NAMES[found.generator]
    head = [
        f"# stagemap settings for this {site_kind(found)} site, written by `stagemap init` from what it found",
        f"# ({found.config_file} and the folders beside it). Run `stagemap check` after changing",
        f"# anything. Every setting is described in {DOCS}",
        "# (the documentation has no web address yet). stagemap never changes the site's files",
        "# unless you ask (`stagemap tag`, `stagemap suggest --accept FILE --yes`).",
        f"# If you commit this file, add .stagemap-cache/ and {output_name(found.root, 'site')}/ to the"
        " .gitignore beside it.",
        "",
        "# The company or product: shown in reports, kits and the site.",
        f"name: {format_scalar(name)}",
        "",
        "# Why you exist, in a sentence or two, in words a buyer would use. Every kit opens with it.",
        "purpose: >-",
        f"  {INIT_PURPOSE}",
        "",
        f"# The buyer's journey. Built-in models: {', '.join(builtin_model_names())}.",
        f"model: {model}",
        "",
        f"# Read the site as {kind} writes it: its file endings, its keys for title, dates, author",
        "# and drafts (aliases), its own keys (never reported as typos), its listings and partials.",
        *_generator(found),
        *_mdx(found),
        *_heading_ids(found),
        *_bare(found, bare),
        *_site_root(found),
        *_language(found),
        "",
        "# Where the pages are. `exclude` takes gitignore-style globs under the source; `url` is",
        "# the route of a page: {path} is its path under the source without the ending.",
        "sources:",
    ]
    body = [line for source in found.sources for line in _source(source)] or _no_source(found)
    tail = [*_internal_and_drafts(found), "", "# The site's address, so that kits link to public pages."]
    tail += _address(found, script) + _closing(future)
    return "\n".join(head + body + tail) + "\n"


def _address(found: FoundSite, script: tuple[str, str, bool]) -> list[str]:
    """The ``urls`` block's lines; ``script``: see `adopt_settings`."""
    lower = _url_settings(found)
    if found.base_url.startswith("/"):  # the path alone a local address gives (a preview's)
        return [
            f"# {found.config_file} gives a local address, {found.local_address}, not the public site's:"
            if found.local_address
            else f"# {found.config_file} gives no address; the site is served under a path prefix"
            f" ({_prefix_from(found, script)}):",
            "# the path the site is served under, until the public address takes its place.",
            "urls:",
            f"  base: {found.base_url}  # e.g. https://www.example.com{found.base_url}",
            *lower,
        ]
    if found.base_url:
        return [f"# From {_address_from(found, script)}.", "urls:", f"  base: {found.base_url}", *lower]
    # One urls block: uncommenting the address must not make a second one beside the others.
    said = [f"# {found.config_file} does not say (or says it in code): fill it in."]
    return said + (["urls:", "  # base: https://www.example.com/", *lower] if lower
                   else ["# urls:", "#   base: https://www.example.com/"])  # fmt: skip


def _closing(future: str) -> list[str]:
    """The settings' last lines: aliases (a real one when the site publishes pages dated ahead,
    `_future`), non-assets, where to read on."""
    aliases = ["# aliases:"]
    if future:
        aliases = [f"# {future}: a page dated ahead is on the site at once.", "aliases:", "  publish_on: []"]
    return [
        "",
        "# Aliases: the generator's are used. A field given here replaces its list, e.g.",
        *aliases,
        "#   title: [Title, name]",
        "#   owner: [author, authors]",
        "# Files that are not pages, by kind (a kind given here replaces the generator's), e.g.",
        "# non_assets:",
        '#   listing: ["_index.md"]',
        "",
        f"# Questions, personas, thresholds and messages: see {DOCS},",
        "# or run `stagemap init` in an empty folder for a commented example of each.",
    ]


def _future(folder: Path, found: FoundSite) -> str:
    """Say why a Jekyll or Hugo site publishes pages dated ahead at once (a ``publish_on`` is then
    no wait), or "": Hugo's ``buildFuture``, Jekyll's ``future``, which the github-pages gem turns
    on unless the site says otherwise."""
    if found.generator not in ("jekyll", "hugo"):
        return ""
    data = site_config_data(folder / found.config_file)
    data = data if isinstance(data, dict) else {}
    if found.generator == "hugo":
        on = next((v for k, v in data.items() if str(k).lower() == "buildfuture"), None)
        return f"{found.config_file} sets buildFuture" if on is True else ""
    if "future" in data:
        return f"{found.config_file} sets future: true" if data["future"] is True else ""
    try:  # (never opened blindly: a pipe of that name would hang init)
        gemfile = folder / posixpath.dirname(found.config_file) / "Gemfile"
        gems = read_bounded(gemfile, MAX_GEMFILE).decode("utf-8", "replace")
    except (Unreadable, TooLarge):
        return ""
    return "its Gemfile builds it with the github-pages gem (future: true)" if _PAGES_GEM.search(gems) else ""


MAX_GEMFILE = 256 * 1024
"""The largest Gemfile read for the github-pages gem (a real one is a few hundred bytes)."""
_PAGES_GEM = lazy(r"""^[ \t]*gem[ \t(]+['"]github-pages['"]""", re.M)


def _generator(found: FoundSite) -> list[str]:
    zensical = site_kind(found) == "Zensical"
    said = ["# Zensical keeps MkDocs' settings (in zensical.toml's [project]) and its Markdown."]
    return [*(said if zensical else []), f"generator: {found.generator}"]


def _address_from(found: FoundSite, script: tuple[str, str, bool]) -> str:
    """Name where the site's address was read: its configuration, or the domain it is published on."""
    if not found.address_from:
        return found.config_file
    said = f"{found.address_from}, the domain GitHub Pages publishes the site on"
    if not script[1]:
        return said
    # GitHub Pages serves a site with a custom domain at the domain's root (`stagemap.read.siteaddress`).
    said = (
        f"{said}.\n# GitHub Pages serves a site with a custom domain at the domain's root: the path"
        f" prefix {script[1]} ({_prefix_from(found, script)}) is left out"
    )
    if not script[2]:
        return said
    return (
        f"{said}.\n# The HTML base plugin puts that prefix in front of every link from the root, which"
        " the domain does not serve:\n# those links are broken on the live site (build without the"
        " prefix for a custom domain)"
    )


def _prefix_from(found: FoundSite, script: tuple[str, str, bool]) -> str:
    """Name where an Eleventy site's path prefix was read (`_prefix_said`)."""
    return script[0] or f"pathPrefix in {found.config_file}"


def _prefix_said(folder: Path, found: FoundSite) -> tuple[str, str, bool]:
    """Return where the Eleventy site's path prefix is given, a script's or a deploy's command
    line (`stagemap.read.eleventydeploy`), or "" (its configuration's ``pathPrefix``); with, under
    a CNAME domain, the prefix the domain's address leaves out (else ""), and whether the HTML
    base plugin then writes it into the links from the root (which the domain leaves broken)."""
    site = folder / found.root
    source = prefix_source(site, folder)
    said = ""
    if source is not None and source.prefix == UNKNOWN:
        where = source.runner or f"the {source.script} script"
        said = (
            f"pathPrefix in {found.config_file}; the --pathprefix {where} gives is a variable, not known here"
        )
    elif source is not None and source.prefix is not None:
        package = posixpath.join(posixpath.dirname(found.config_file), "package.json")
        runs = f", which {source.runner} runs" if source.runner else ""
        said = (
            f"--pathprefix in the {source.script} script of {package}{runs}"
            if source.script
            else f"--pathprefix in the command {source.runner} runs"
        )
    code = eleventy_config(folder, found.root)
    left = path_prefix(site, code, folder) if found.address_from else ""
    return said, left, bool(left) and base_plugin(site, code)


def _mdx(found: FoundSite) -> list[str]:
    """The ``mdx`` setting's lines, when the site's configuration says which files are MDX."""
    if not found.mdx:
        return []
    endings = ", ".join(found.mdx)
    return [
        f"# {found.config_file} has {NAMES[found.generator]} read these endings as MDX (components, {{expressions}}):",
        f"mdx: [{endings}]",
    ]


def _language(found: FoundSite) -> list[str]:
    """The ``default_language`` setting's lines, when the site's files name their language."""
    if not found.language:
        return []
    others = any(not t.endswith("/") for t in found.translations)
    return [
        f"# {found.config_file} names the languages of the files (x.{found.language}.md): the default one's",
        "# are the pages, served as x.md would be"
        + ("; the others' translate them (excluded below)." if others else "."),
        f"default_language: {format_scalar(found.language)}",
    ]


def _heading_ids(found: FoundSite) -> list[str]:
    """The ``heading_ids`` setting's lines, when the site's configuration has its headings' ids
    made otherwise than its generator's usual way."""
    if not found.heading_ids:
        return []
    if found.heading_ids == LOOSE_HEADING_IDS:  # a slugify function of the site's own
        why = "makes heading ids with a function of its own: links to headings are matched loosely"
    else:
        why = f"makes heading ids the '{found.heading_ids}' way: so do the pages, and links are checked so"
    return [f"# {found.config_file} {why}.", f"heading_ids: {found.heading_ids}"]


def _bare(found: FoundSite, bare: tuple[int, int] | None) -> list[str]:
    if bare is None:
        return []
    return [
        f"# {bare[0]} of the {bare[1]} content files have no front matter: {NAMES[found.generator]} makes pages",
        "# of them here, so they are read as pages, titled by their first heading.",
        "pages_without_front_matter: true",
    ]


def _url_settings(found: FoundSite) -> list[str]:
    """Return the lines of ``urls`` besides the address: lower case, route roots, time zone."""
    lines = ["  # Hugo makes its paths lower case (unless disablePathToLower is set): so do the routes.",
             "  lowercase: true"] if found.lowercase else []  # fmt: skip
    lines += _roots(found)
    lines += ["  # A post's date gives its route's day in the site's time zone, as Jekyll reads it.",
              f"  timezone: {found.timezone}"] if found.timezone else []  # fmt: skip
    return lines


def _roots(found: FoundSite) -> list[str]:
    """The ``urls`` lines naming the folders a site serves at their paths, when not its preset's
    (Eleventy's input folder): relative to the project, as sources are (``site_root`` aside)."""
    if not found.roots:
        return []
    folders = ", ".join(format_scalar(posixpath.join(found.root, r)) for r in found.roots)
    return [
        f"  # {NAMES[found.generator]} serves the pages and copied files of its input folder at their paths.",
        f"  roots: [{folders}]",
        f"  static: [{folders}]",
    ]
