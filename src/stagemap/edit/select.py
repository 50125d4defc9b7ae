"""Choose the assets an edit applies to: files and folders given, filtered on their fields."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ..errors import UsageError, suggest
from ..model.library import ASSET_SUFFIXES, STATUSES, Asset, Library
from ..model.settings import Config
from ..paths import shown_folder
from ..read.assets import content_files

WHERE_FIELDS = ("stage", "question", "persona", "status", "format", "id", "owner")
"""Fields assets can be selected on."""


def where_filters(config: Config, pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """Check (field, value) filters and group them by field; values for one field are alternatives.

    Raise `UsageError` for a field that cannot be selected on, or an id or status the
    project does not have.
    """
    known = {
        "stage": config.model.stage_ids,
        "question": config.question_ids,
        "persona": config.persona_ids,
        "status": STATUSES,
    }
    out: dict[str, list[str]] = {}
    for name, value in pairs:
        if name not in WHERE_FIELDS:
            raise UsageError(f"cannot select on '{name}' ({suggest(name, WHERE_FIELDS)})")
        if name in known and value not in known[name]:
            raise UsageError(f"unknown {name} '{value}' ({suggest(value, known[name])})")
        out.setdefault(name, []).append(value)
    return {k: tuple(v) for k, v in out.items()}


def matches(asset: Asset, where: Mapping[str, Sequence[str]]) -> bool:
    """True when the asset matches every field (any of the values given for one field)."""
    for name, values in where.items():
        if name == "stage":
            ok = any(v in asset.stages for v in values)
        elif name == "question":
            ok = any(v in asset.questions for v in values)
        elif name == "persona":
            ok = any(v in asset.personas for v in values)
        else:
            ok = str(getattr(asset, name)) in values
        if not ok:
            return False
    return True


def identify(config: Config, path: Path) -> tuple[Path, str, str]:
    """Return (file, path relative to the root, default asset id) for a file in the content folder."""
    absolute = Path(os.path.abspath(path))
    # Resolve the folder but not the file name: a symlinked asset keeps its place in the library.
    real = absolute.parent.resolve() / absolute.name
    content = config.content_dir.resolve()
    if not real.is_relative_to(content) or real == content:
        raise UsageError(f"{path} is not in the content folder {shown_folder(content, config.root)}")
    rel = real.relative_to(config.root).as_posix() if real.is_relative_to(config.root) else real.as_posix()
    return real, rel, real.relative_to(content).with_suffix("").as_posix()


def select(
    config: Config,
    library: Library,
    paths: Sequence[Path],
    where: Mapping[str, Sequence[str]],
) -> tuple[list[Path], list[str]]:
    """Return the files to edit, and the files the filters could not look into (they have problems).

    PATHs may be files or folders inside the content folder; no PATH means the whole library.
    """
    files: dict[str, Path] = {}
    for path in paths:
        if path.is_dir():
            folder = Path(os.path.abspath(path)).resolve()
            if not folder.is_relative_to(config.content_dir.resolve()):
                content = shown_folder(config.content_dir.resolve(), config.root)
                raise UsageError(f"{path} is not in the content folder {content}")
            for found in content_files(folder):
                file, rel, _ = identify(config, found)
                files.setdefault(rel, file)
            continue
        if not path.name.endswith(ASSET_SUFFIXES):
            raise UsageError(f"{path} is not a Markdown file ({', '.join(ASSET_SUFFIXES)})")
        file, rel, _ = identify(config, path)
        files.setdefault(rel, file)
    if not paths:
        for found in content_files(config.content_dir):
            file, rel, _ = identify(config, found)
            files[rel] = file
    if not where:
        return [files[rel] for rel in sorted(files)], []
    by_path = {a.path: a for a in library.assets}
    chosen = [files[rel] for rel in sorted(files) if rel in by_path and matches(by_path[rel], where)]
    unsearched = [rel for rel in sorted(files) if rel not in by_path]
    return chosen, unsearched
