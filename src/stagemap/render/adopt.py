"""What ``stagemap init`` found in an existing site, as lines to print. Pure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..model.library import FileFate, Library
from ..model.settings import output_name
from ..read.assets import BARE_KIND
from ..read.detect import NAMES, FoundSite
from ..read.mkdocsettings import ZENSICAL
from ..read.presets import preset_bare_pages_by_code
from ..read.versions import is_development
from .fates import not_read_lines
from .words import plural


def site_kind(found: FoundSite) -> str:
    """Return how the kind of site ``found`` is written in text: its generator's name (`NAMES`),
    or Zensical for a site configured by ``zensical.toml`` (read as MkDocs' settings)."""
    return "Zensical" if found.config_file.rpartition("/")[2] == ZENSICAL else NAMES[found.generator]


def _article(name: str) -> str:
    return "an" if name[0] in "AEIOU" else "a"


def _kinds(paths: list[str]) -> str:
    counts = Counter((p.rpartition("/")[2].rpartition(".")[2].lower() if "." in p.rpartition("/")[2] else "")
                     for p in paths)  # fmt: skip
    shown = [
        f"{'.' + k if k else 'no ending'} {n}"
        for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return ", ".join(shown)


def _outputs(found: FoundSite) -> list[str]:
    """Lines on where stagemap's outputs go: beside the site's own folder when it is where they
    usually go; into what the generator publishes when it would publish them."""
    moved = [(n, output_name(found.root, n)) for n in ("site", "kits") if output_name(found.root, n) != n]
    lines = [
        f"{n}/ is the site's own folder: 'stagemap {'build' if n == 'site' else 'kits'}' writes to {o}/ instead"
        for n, o in moved
    ]
    if found.published:
        shown = " and ".join(f"{n}/" for n in found.published)
        where = (
            f"every page its .eleventyignore and .gitignore do not name: add {shown} to .eleventyignore"
            if found.generator == "eleventy"
            else f"every folder its exclude list does not name: add {shown} to 'exclude' in {found.config_file}"
        )
        lines.append(
            f"{NAMES[found.generator]} publishes {where}, or the site and kits stagemap writes there go out"
            " with your public site."
        )
    return lines


def _bare_lines(found: FoundSite, fates: Sequence[FileFate], bare: tuple[int, int] | None) -> list[str]:
    """Say why pages without front matter are read, or how to read those that are not."""
    name = NAMES[found.generator]
    if bare is not None:
        return [
            f"Pages without front matter: {bare[0]} of the {bare[1]} content files have none, so {name}"
            " makes pages of them here: read as pages (pages_without_front_matter: true)"
        ]
    count = sum(f.kind == BARE_KIND for f in fates)
    if not count or not preset_bare_pages_by_code(found.generator):
        return []
    return [
        f"{plural(count, 'content file')} without front matter, not read: if {name} makes pages of"
        " them, add 'pages_without_front_matter: true' to stagemap.yml"
    ]


def _commented_lines(pages: tuple[str, ...], old_hugo: str) -> list[str]:
    """Say whether front matter inside a leading HTML comment is read, and why (`stagemap.read.hugopin`)."""
    if not pages:
        return []
    more = f" and {len(pages) - 3} more" if len(pages) > 3 else ""
    where = f"{plural(len(pages), 'page')}: {', '.join(pages[:3])}{more}"
    if old_hugo:
        return [
            f"Front matter inside an HTML comment ({where}): read, as the site pins Hugo {old_hugo}, which reads it"
        ]
    return [
        f"Front matter inside an HTML comment ({where}): not read, as Hugo 0.123 and later read none"
        " there and publish such pages without it; move the block out of the comment (stagemap reads"
        " it only on a site that pins an older Hugo, e.g. HUGO_VERSION in netlify.toml)"
    ]


def _whole(found: FoundSite) -> str:
    """What is read when no usual content folder was found (init's settings read it whole)."""
    if found.root:
        return f"none of the usual folders, so the site's whole folder, {found.root}/"
    return "none of the usual folders, so the whole repository"


def _translation_lines(found: FoundSite) -> list[str]:
    """Say which translations are not read: folders of them, and files named for their language."""
    folders = [t for t in found.translations if t.endswith("/")]
    named = [t for t in found.translations if not t.endswith("/")]  # ``docs/**/*.fr.*``
    lines = []
    if folders:
        lines.append(
            f"Other languages, not read (their pages translate these, at the same paths): {', '.join(folders)}"
        )
    if named:
        lines.append(
            "Other languages, not read (their pages translate these, beside them, named for the language): "
            + ", ".join(named)
        )
    return lines


def _unread_lines(found: FoundSite) -> list[str]:
    """Say which of the mkdocs-exclude plugin's expressions are not applied, and why."""
    if not found.unread_excludes:
        return []
    return [
        "mkdocs-exclude expressions not applied (the files they name are read): "
        + ", ".join(found.unread_excludes)
    ]


def _version_lines(found: FoundSite) -> list[str]:
    """Say which version of the pages is read, and which versions are not: older ones, and a
    development copy of the coming release (`stagemap.read.versions`)."""
    coming = [
        v
        for v in found.versions
        if v in found.coming_versions or is_development(v.rstrip("/").rpartition("/")[2])
    ]
    older = [v for v in found.versions if v not in coming]
    lines = [f"Version read: {', '.join(found.read_versions)}"] if found.read_versions else []
    if older:
        lines.append(
            f"Older versions, not read (their pages are these, at the same paths): {', '.join(older)}"
        )
    if coming:
        lines.append(
            "Development copy, not released yet, not read (the coming release's pages, at the same paths): "
            + ", ".join(coming)
        )
    return lines


def found_lines(
    found: FoundSite,
    library: Library,
    bare: tuple[int, int] | None = None,
    commented: tuple[tuple[str, ...], str] = ((), ""),
) -> list[str]:
    """Return the summary: the generator, the files per kind, what will be read and what not, and
    why; ``bare`` and ``commented``: see `stagemap.edit.adopt.AdoptPlan`."""
    fates = library.fates
    sources = ", ".join(
        s.path.rstrip("/") + "/" if s.path != "." else "the whole repository" for s in found.sources
    )
    name, usual = site_kind(found), NAMES[found.generator]
    read_as = "" if name == usual else f", read as {_article(usual)} {usual} site"
    lines = [
        f"Found {_article(name)} {name} site ({found.config_file}){read_as}; sources: {sources or _whole(found)}."
    ]
    lines.append(f"Files under the sources: {len(fates)} ({_kinds([f.path for f in fates])})")
    assets = library.assets
    untagged = sum(1 for a in assets if not (a.stages and a.questions))
    lines.append(f"Read as assets: {len(assets)}, {untagged} of them without stages or questions")
    # Files that are no asset for their problem, and assets read without a value that is wrong:
    # every file 'stagemap check' gives an error.
    problems = sorted(
        {f.path for f in fates if f.fate == "problem"}
        | {p.path for p in library.problems if p.severity == "error"}
    )
    if problems:
        lines.append(f"Problems: {plural(len(problems), 'file')} ('stagemap check' shows why): {', '.join(problems[:3])}"
                     + (f" and {len(problems) - 3} more" if len(problems) > 3 else ""))  # fmt: skip
    lines += not_read_lines(fates)
    lines += _bare_lines(found, fates, bare) + _commented_lines(*commented)
    if found.outside:
        shown = ", ".join(found.outside[:8]) + (
            f" and {len(found.outside) - 8} more" if len(found.outside) > 8 else ""
        )
        lines.append(f"Outside the sources, not looked at: {shown}")
    if found.beyond:
        lines.append(
            f"Named in {found.config_file} but outside the site, not read: {', '.join(found.beyond)}"
            " (a source must be inside the project: run 'stagemap init' in a folder that holds"
            " them and the site: it finds the site in its folder)"
        )
    if found.computed:
        lines.append(
            f"Named in {found.config_file} but worked out when the site is built, not read: "
            f"{', '.join(found.computed)} (list the folder under 'sources' in stagemap.yml to read it)"
        )
    internal = [*found.internal, *(s.path + "/" for s in found.sources if s.audience == "internal")]
    if internal:
        lines.append(f"Internal material (audience internal): {', '.join(internal)}")
    if found.drafts:
        lines.append(f"Drafts (status draft, as {found.config_file} says): {', '.join(found.drafts)}")
    lines += _missing_lines(found) + _translation_lines(found) + _unread_lines(found)
    lines += _version_lines(found)
    return lines + _address_lines(found) + _outputs(found)


def _address_lines(found: FoundSite) -> list[str]:
    """Say when the configuration gives no public address, or a local one (a preview's)."""
    if found.local_address and not found.base_url.startswith("http"):
        kept = f" (urls.base keeps its path alone, {found.base_url})" if found.base_url else ""
        return [
            f"{found.config_file} sets the site's address, but to a local one, {found.local_address}: not used"
            f" as the public address{kept}. Set urls.base to the public site's address so that kits link"
            " to public pages."
        ]
    if not found.base_url.startswith("http"):  # (an Eleventy site's path prefix alone: kept)
        kept = (
            f" (urls.base keeps the path the site is served under, {found.base_url})"
            if found.base_url
            else ""
        )
        said = f"No public site address in {found.config_file}{kept}"
        return [f"{said}: set urls.base so that kits link to public pages."]
    return []


def _missing_lines(found: FoundSite) -> list[str]:
    """Say which content folders the configuration names are not there to read (see
    `FoundSite.missing`): not read, or, where the folder is there but empty, read once filled."""
    sources = {s.path for s in found.sources}
    gone = [f"{path}/ ({why})" for path, why in found.missing if path not in sources]
    empty = [f"{path}/ ({why})" for path, why in found.missing if path in sources]
    fetch = "run 'git submodule update --init'"
    lines = []
    if gone:
        modules = any("submodule" in w for p, w in found.missing if p not in sources)
        again = fetch if modules else "make the folder, or fix the link"
        lines.append(
            f"Named in {found.config_file} but not there, not read: {', '.join(gone)}; "
            f"{again}, then 'stagemap init' again"
        )
    if empty:
        lines.append(f"Empty for now, nothing read there: {', '.join(empty)}; {fetch}")
    return lines
