"""A site in a folder of a larger repository: found there, its folders named from the repository's root.

A repository often holds its website in a folder of its own (``website/`` beside the code, a
Jekyll site in ``docs/`` as GitHub Pages serves it, ``apps/docs/`` in a monorepo), and a site
may keep pages beside its folder (Docusaurus's ``path: '../docs'``). ``stagemap init`` at the
repository's root, finding no site there, looks for one in the folders below, `DEPTH` deep; a
site found there is read from the root, ``site_root`` naming its folder, so that the pages it
keeps beside that folder are sources too.
"""

from __future__ import annotations

import posixpath
from dataclasses import replace
from pathlib import Path

from ..lazyre import lazy
from .detect import OUR_OUTPUTS, FoundSite, detect_site, site_config
from .internalfolders import names_left
from .languages import sibling_sites

DEPTH = 2
"""How many folders deep init looks for a site (``website/``, ``apps/docs/``)."""
SKIPPED = frozenset(
    {
        "node_modules", "vendor", "_site", "build", "dist", "out", "target",
        "test", "tests", "testdata", "fixtures", "example", "examples", "examplesite", "__pycache__",
    }
)  # fmt: skip
"""Folders never looked in (whatever their case): installed packages, generators' outputs, and
tests and examples (a Hugo theme's ``exampleSite``), whose sites are samples rather than the
repository's own. (A site kept in ``site/`` is found: stagemap then builds into
``stagemap-site/``, see `stagemap.write.targets.default_output`.)"""
_SCAFFOLD = lazy(r"(?:^|[-_])(?:templates?|scaffolds?|boilerplates?)$")
"""Folders of a generator's own scaffolds, never looked in either: Jekyll's repository keeps
the sites ``jekyll new`` makes in ``lib/site_template/`` and ``lib/blank_template/``. Nor is a
Hugo theme (a folder with ``theme.toml``, as Docsy's ``theme/`` beside its own site) a site."""


def sites_below(project: Path, depth: int = DEPTH) -> list[str]:
    """Return the folders (relative to ``project``, ``/``-separated) at most ``depth`` deep that
    hold a site's configuration, the shallowest first, each level by name; a site's own folders
    are not looked in, nor hidden ones, `SKIPPED` ones or links to folders."""
    found: list[str] = []
    level = [(project, "")]
    for _ in range(depth):
        deeper: list[tuple[Path, str]] = []
        for folder, rel in level:
            try:
                entries = sorted(folder.iterdir(), key=lambda p: p.name)
            except OSError:
                continue
            for entry in entries:
                name = entry.name
                if (
                    name.startswith(".")
                    or name.lower() in SKIPPED
                    or _SCAFFOLD.search(name.lower()) is not None
                    or entry.is_symlink()
                    or not entry.is_dir()
                ):
                    continue
                where = f"{rel}{name}"
                try:
                    named = site_config(entry)
                except OSError:  # a folder this user may not enter (a database's volume): no site of theirs
                    continue
                if named is not None and not (entry / "theme.toml").is_file():  # a Hugo theme's own
                    found.append(where)
                else:
                    deeper.append((entry, where + "/"))
        level = deeper
    return found


def site_in(project: Path, folder: str) -> FoundSite | None:
    """Return the site in ``project``'s ``folder`` (``/``-separated), its paths relative to the
    project; None when no generator's configuration is there."""
    clean = posixpath.normpath(folder.replace("\\", "/").strip("/"))
    if clean == ".":
        return detect_site(project)
    found = detect_site(project / clean, project)
    return None if found is None else rebased(found, project, clean)


def rebased(found: FoundSite, project: Path, folder: str) -> FoundSite:
    """Return ``found`` (a site in ``project``'s ``folder``) with its paths relative to the project."""

    def moved(path: str) -> str:
        return posixpath.normpath(posixpath.join(folder, path))

    # The globs that kept stagemap's outputs out of a site read from the project's root: beside
    # the site's folder now, they would only hide folders of the site's own.
    ours = {f"/{name}/" for name in OUR_OUTPUTS}
    sources = tuple(
        replace(s, path=moved(s.path), exclude=tuple(g for g in s.exclude if g not in ours))
        for s in found.sources
    )
    # The names at the project's root and in the site's folder that no source reads.
    covered = {s.path.split("/")[0] for s in sources} | {folder.split("/")[0]}
    inside = {s.path[len(folder) + 1 :].split("/")[0] for s in sources if s.path.startswith(folder + "/")}
    inside |= {path.split("/")[0] for path, _ in found.missing}  # (named with why: not twice)
    outside = names_left(project, "", covered) + (
        () if folder in {s.path for s in sources} else names_left(project, folder, inside)
    )
    return replace(
        found,
        config_file=f"{folder}/{found.config_file}",
        sources=sources,
        outside=outside,
        translations=(
            *(moved(t.rstrip("/")) + ("/" if t.endswith("/") else "") for t in found.translations),
            *sibling_sites(project, folder, found.config_file),  # the same site in other languages
        ),
        address_from=moved(found.address_from) if found.address_from else "",
        # What the generator publishes is its own folder's: stagemap's outputs are beside it.
        published=(),
        root=folder,
        missing=tuple((moved(path), why) for path, why in found.missing),
    )
