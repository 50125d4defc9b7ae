"""Where output may go: folders and files that never overlap the project's sources."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import OutputError, UsageError
from ..model.settings import Config, output_name
from ..read.globs import GlobSet
from .atomic import link_refusal

MANIFEST = ".stagemap-manifest.json"
"""Lists the files stagemap wrote into an output folder, so a rebuild can remove stale ones."""
STAGING = ".stagemap-staging"
"""The folder inside an output folder where a build writes its files before they are renamed into place.

Inside, so that the renames never cross file systems; removed at the end of every build, and
at the start of the next one when a build was killed."""


def default_output(config: Config, name: str) -> Path:
    """Return the folder ``build`` (``site``) or ``kits`` (``kits``) writes to when not told
    (`stagemap.model.settings.output_name`), in the project."""
    return config.root / output_name(config.rules.site_root, name)


def check_output_dir(config: Config, out_dir: Path, *, verb: str = "build", example: str = "site") -> Path:
    """Return the resolved output folder, refusing one that would overlap the project's sources.

    A folder that is itself a symbolic link is refused: a cloned project could hold ``site``
    as a link to any folder of the user's. Giving the real path states the intent.
    """
    if out_dir.is_symlink():
        raise UsageError(
            f"refusing to {verb} into {out_dir}: it is a symbolic link to {os.path.realpath(out_dir)}; "
            "stagemap never writes through a link (give the folder's real path if you mean it)"
        )
    out = out_dir.resolve()
    root = config.root.resolve()
    for above in (out, *out.parents):
        if above.exists():
            if not above.is_dir():
                raise UsageError(f"refusing to {verb} into {out_dir}: {above} is a file, not a folder")
            break
    content = config.content_dir.resolve()
    read = [(content, "the content folder")] + [
        (f, "a source folder")
        for f in dict.fromkeys(s.path.resolve() for s in config.sources)
        if f != content
    ]
    kept = [
        (config.templates_dir.resolve(), "the templates folder"),
        ((config.root / ".stagemap-cache").resolve(), "stagemap's cache folder"),
    ]
    site = (
        [((root / config.rules.site_root).resolve(), "the site's folder, site_root")]
        if config.rules.site_root
        else []
    )
    sources = [(root, "the project folder"), *read, *kept, *site]
    for folder, name in sources:
        if folder.is_relative_to(out):
            what = "is" if folder == out else "contains"
            raise UsageError(
                f"refusing to {verb} into {out_dir}: it {what} {name} ({folder}); "
                f"choose a folder such as {example}/ inside the project"
            )
    # A folder that sources read may hold the output when every source holding it leaves it out.
    for folder, name, is_read in [(f, n, True) for f, n in read] + [(f, n, False) for f, n in kept]:
        if out.is_relative_to(folder) and not (is_read and _left_out(config, out)):
            raise UsageError(
                f"refusing to {verb} into {out_dir}: it is inside {name} ({folder}); "
                + (
                    f"leave it out of the source that holds it (add '/{out.relative_to(folder).as_posix()}/' "
                    "to that source's 'exclude' in stagemap.yml) or choose a folder outside the sources"
                    if config.sources and is_read
                    else f"choose a folder such as {example}/ inside the project"
                )
            )
    if out.exists() and not out.is_dir():
        raise UsageError(f"refusing to {verb} into {out_dir}: it is a file, not a folder")
    return out


def _left_out(config: Config, out: Path) -> bool:
    """Return True if every source holding ``out`` leaves it out by an exclude glob (``/site/`` on a
    Jekyll site read from its root): the build then writes nothing any source reads."""
    holders = [s for s in config.sources if out.is_relative_to(s.path.resolve())]
    if not holders:
        return False
    for source in holders:
        inside = out.relative_to(source.path.resolve()).as_posix()
        if GlobSet.of(source.exclude).matches(f"{inside}/index.html") is None:
            return False
    return True


def check_output_file(config: Config, path: Path, *, force: bool) -> Path:
    """Refuse to write one generated file over the project's sources, or over any file without ``force``."""
    target = Path(os.path.realpath(path))
    sources = [
        (config.content_dir.resolve(), "the content folder"),
        (config.templates_dir.resolve(), "the templates folder"),
        ((config.root / ".stagemap-cache").resolve(), "stagemap's cache"),
    ]
    for folder, name in sources:
        if target.is_relative_to(folder):
            raise UsageError(f"refusing to write {path}: it is inside {name} ({folder})")
    settings = config.config_path.resolve() if config.config_path else None
    in_project = target.is_relative_to(config.root.resolve())
    if target == settings or (in_project and target.suffix.lower() in (".yml", ".yaml")):
        raise UsageError(f"refusing to write {path}: a YAML file in the project may be its settings or model")
    if target.exists() and not force:
        raise UsageError(f"{path} already exists (use --force to overwrite it)")
    return target


def confined(root: Path, relative: str) -> Path:
    """Return ``root / relative``, refusing any path that leaves ``root`` or ends in a link.

    The folders on the way are resolved and must stay inside ``root``; the last step is not
    resolved, and a link there is refused: stagemap never writes through a link.
    """
    base = root.resolve()
    joined = base / relative
    parent = joined.parent.resolve()
    candidate = parent / joined.name
    if not candidate.is_relative_to(base) or candidate == base or joined.name in ("", ".", ".."):
        raise OutputError(f"refusing to write '{relative}': it is outside the output folder {root}")
    if os.path.islink(candidate):
        raise link_refusal(candidate)
    return candidate


def fast_confined(
    base: Path, rel: str, parents: dict[str, Path | None], *, links: bool = True
) -> Path | None:
    """Return ``base / rel`` when plainly inside ``base`` (parents resolved once), else None.

    None sends the caller to the full check of `confined`, which also refuses. Without
    ``links`` the target is not checked for a link (the caller knows the folder is new).
    """
    if not plain_relative(rel):
        return None
    folder, _, name = rel.rpartition("/")
    if folder not in parents:
        resolved = Path(os.path.realpath(base / folder)) if folder else base
        parents[folder] = resolved if resolved.is_relative_to(base) else None
    parent = parents[folder]
    if parent is None:
        return None
    target = parent / name
    if links and os.path.islink(target):
        return None
    return target


def plain_relative(rel: str) -> bool:
    parts = rel.split("/")
    return (
        bool(rel)
        and rel != MANIFEST
        and parts[0] != STAGING
        and "\\" not in rel
        and "\0" not in rel
        and not rel.startswith("/")
        and all(p not in ("", ".", "..") for p in parts)
    )
