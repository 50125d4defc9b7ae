"""Choose the files an edit applies to: the files the reader reads, filtered on their front matter.

An edit walks the same files as `stagemap.read.sources.scan` gives to the reader: the same
sources, endings and excludes. A file is named by its path, a folder holding it, or a
gitignore-style glob over its path from the project folder (as `stagemap.read.globs` matches).

``--where`` filters look at a file's front matter as the reader sees it, site keys and
aliases included, so a file that is not a valid asset yet (no stages, say) can still be
selected; only a file whose front matter cannot be read at all is left unsearched.
"""

from __future__ import annotations

import difflib
import fnmatch
import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Problem, UsageError, suggest
from ..lazyre import lazy
from ..model.library import FIELDS, STATUSES, Asset, FileFate, Library, Vocabulary
from ..model.settings import Config
from ..paths import shown_folder
from ..read import formats, frontmatter, yamlsafe
from ..read.aliases import apply_aliases
from ..read.assets import cascaded, default_id, parse_asset
from ..read.globs import compile_glob
from ..read.parse import Place
from ..read.presets import preset_front_matter
from ..read.sources import Scan, ToRead
from .changes import Change, RenameKey, SetValue

WHERE_FIELDS = ("stage", "question", "persona", "status", "format", "id", "owner")
"""stagemap's own fields assets are usually selected on; any other front matter key works too."""
UNTAGGED = "untagged"
"""The filter word that selects files without stages or without questions."""
_PLURAL = {"stage": "stages", "question": "questions", "persona": "personas"}
_NAMES = frozenset({*FIELDS, *_PLURAL, "path", "audience"} - set(_PLURAL.values()))
"""The keys stagemap itself gives every file to select on (stage, not stages)."""
_KEY_RE = lazy(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class Files:
    """The files an edit may change, from one walk of the sources."""

    found: Scan
    """The walk itself: files to read and the fates of the others."""
    by_real: Mapping[Path, ToRead]
    """Each file to read by its path with the folders resolved (a link to a file kept)."""
    not_assets: Mapping[str, FileFate]
    """Files read but found to be no asset (no front matter where a site may have none), by path."""

    @classmethod
    def of(cls, config: Config, library: Library | None = None) -> Files:
        """Walk the sources of ``config``; files ``library`` found to be no asset are left out."""
        found = cascaded(config)
        fates = library.fates if library is not None else ()
        not_assets = {f.path: f for f in fates if f.fate == "non-asset"}
        items = {_real(Path(i.path)): i for i in found.to_read if i.rel not in not_assets}
        return cls(found, items, not_assets)


def _real(path: Path) -> Path:
    # Resolve the folders but not the name: a symlinked asset keeps its place in the library.
    absolute = Path(os.path.abspath(path))
    return absolute.parent.resolve() / absolute.name


def syntaxes(config: Config) -> tuple[str, ...]:
    """Return the front matter syntaxes the reader recognises in ``config``'s files (the same
    as the reader's: a page opening with a brace is JSON front matter on Hugo only)."""
    return preset_front_matter(config.rules.generator, bool(config.rules.old_hugo))


def item_id(item: ToRead) -> str:
    """Return the id of a file that names none (its path under its source, without the ending)."""
    return default_id(item)


def parse_item(
    config: Config, item: ToRead, data: bytes, vocab: Vocabulary
) -> tuple[Asset | None, list[Problem]]:
    """Parse a file's bytes as the reader does: the project's rules, the file's place."""
    place = Place.of(item)
    return parse_asset(item.rel, default_id(item), data, vocab, config.rules, place)


UNASKED = ("title", "status")
"""The fields an edit of others must leave as they read (`unasked_change`)."""


def unasked_change(
    before: Asset | None,
    after: Asset | None,
    changes: Sequence[Change],
    aliases: Mapping[str, tuple[str, ...]] | None = None,
) -> str:
    """Return which field of `UNASKED` the edit reads back changed though ``changes`` name none
    of it (``its title ('Setup' -> 'setup')``), empty when none: a block written above one the
    reader passes by would be read in its place, dropping the page's own fields. A key of
    ``aliases`` (the config's table) names its field: unsetting Hugo's ``draft`` asks for the status."""
    if before is None or after is None:
        return ""
    keys = {k for c in changes for k in _changed_keys(c)}
    for name in UNASKED:
        names = {name, *(a.lower() for a in (aliases or {}).get(name, ()))}
        was, now = getattr(before, name), getattr(after, name)
        if not keys & names and was != now:
            return f"its {name} ({was!r} -> {now!r})"
    return ""


def _changed_keys(change: Change) -> tuple[str, ...]:
    """Return the top-level keys ``change`` writes, lower case (a renamed key's both names)."""
    if isinstance(change, RenameKey):
        renamed = (change.new,) if len(change.path) == 1 else ()
        return tuple(str(k).lower() for k in (change.path[0], *renamed))
    return (str(change.path[0] if isinstance(change, SetValue) else change.key).lower(),)


def identify(config: Config, path: Path, files: Files | None = None) -> ToRead:
    """Return the file to read at ``path``; raise `UsageError` when the reader does not read it."""
    files = files or Files.of(config)
    real = _real(path)
    item = files.by_real.get(real)
    if item is not None:
        return item
    root = config.root.resolve()
    rel = real.relative_to(root).as_posix() if real.is_relative_to(root) else real.as_posix()
    fate = files.not_assets.get(rel) or next((f for f in files.found.fates if f.path == rel), None)
    if fate is not None and fate.fate == "excluded":
        raise UsageError(f"{path} is not read: {fate.reason}")
    if fate is not None and fate.rule != "extensions":
        raise UsageError(f"{path} is not an asset: {fate.reason}")
    raise UsageError(f"{path} is not in {_sources(config)}")


def _sources(config: Config) -> str:
    folders = [shown_folder(s.path.resolve(), config.root) for s in config.all_sources]
    if len(folders) == 1:
        return f"the content folder {folders[0]}"
    return "any source folder (" + ", ".join(folders) + ")"


def _in_folder(config: Config, path: Path, files: Files) -> list[ToRead]:
    folder = Path(os.path.abspath(path)).resolve()
    if not any(folder.is_relative_to(s.path.resolve()) for s in config.all_sources):
        raise UsageError(f"{path} is not in {_sources(config)}")
    return [item for real, item in files.by_real.items() if real.is_relative_to(folder)]


def _by_glob(pattern: str, files: Files) -> list[ToRead]:
    try:
        glob = compile_glob(pattern)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    found = []
    for item in files.by_real.values():
        folders = item.rel.split("/")[:-1]
        prefixes = ["/".join(folders[: i + 1]) for i in range(len(folders))]
        hit = any(glob.regex.match(p) for p in prefixes)
        if hit or (not glob.folders_only and glob.regex.match(item.rel)):
            found.append(item)
    if not found:
        raise UsageError(f"'{pattern}' matches no file that stagemap reads")
    return found


def chosen_files(config: Config, args: Sequence[str], files: Files) -> list[ToRead]:
    """Return the files named by ``args`` (paths, folders or globs), sorted; all files when none."""
    if not args:
        return sorted(files.by_real.values(), key=lambda item: item.rel)
    chosen: dict[str, ToRead] = {}
    extensions = config.rules.extensions
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            items = _in_folder(config, path, files)
        elif path.exists() or path.is_symlink():
            if not path.name.lower().endswith(extensions):
                raise UsageError(f"{arg} is not a content file ({', '.join(extensions)})")
            items = [identify(config, path, files)]
        elif _GLOB_CHARS & set(arg):
            items = _by_glob(arg, files)
        else:
            raise UsageError(f"{arg} does not exist")
        chosen.update((item.rel, item) for item in items)
    return [chosen[rel] for rel in sorted(chosen)]


# -- filters ----------------------------------------------------------------------------------
def where_filters(
    config: Config, pairs: Iterable[tuple[str, str]], present: Collection[str] | None = None
) -> dict[str, tuple[str, ...]]:
    """Check (key, value) filters and group them by key; values for one key are alternatives.

    Any front matter key can be selected on; given ``present`` (the keys the assets really have:
    `list`, which lists assets alone), a key that looks like one of stagemap's fields misspelt
    and that no asset has is refused, since it would quietly select nothing. (``tag`` passes
    none: it selects files that are no asset yet on their own front matter, whatever it holds.) A stage, question, persona or status without
    glob characters must be one the project has (raise `UsageError` otherwise): a typo there
    would quietly select nothing. ``untagged`` (with an empty value) selects files without
    stages or without questions.
    """
    known = {
        "stage": config.model.stage_ids,
        "question": config.question_ids,
        "persona": config.persona_ids,
        "status": STATUSES,
    }
    out: dict[str, list[str]] = {}
    for name, value in pairs:
        if name in _PLURAL.values():
            singular = next(k for k, v in _PLURAL.items() if v == name)
            raise UsageError(f"cannot select on '{name}' (did you mean '{singular}'?)")
        if not _KEY_RE.match(name):
            raise UsageError(f"cannot select on '{name}': not a front matter key")
        if present is not None and name != UNTAGGED and name not in _NAMES and name not in present:
            close = difflib.get_close_matches(name.lower(), sorted(_NAMES), n=1, cutoff=0.75)
            if close:
                raise UsageError(f"unknown field '{name}': no asset has it (did you mean '{close[0]}'?)")
        if name in known and not (_GLOB_CHARS & set(value)) and value not in known[name]:
            raise UsageError(f"unknown {name} '{value}' ({suggest(value, known[name])})")
        out.setdefault(name, []).append(value)
    return {k: tuple(v) for k, v in out.items()}


def _texts(value: Any) -> tuple[str, ...]:
    """Return a front matter value as the texts it can match: a list's items, true/false..."""
    if value is None:
        return ()
    if isinstance(value, list | tuple | frozenset | set):
        return tuple(t for v in value for t in _texts(v) if not isinstance(v, list | dict))
    if isinstance(value, bool):
        return ("true" if value else "false",)
    if isinstance(value, dict):
        return ()
    return (str(value).strip(),)


def present_keys(library: Library) -> frozenset[str]:
    """Return the keys of the library's assets beyond stagemap's fields (the site's own)."""
    return frozenset(str(k) for a in library.assets for k in a.extra if not str(k).startswith("\0"))


def asset_values(asset: Asset) -> dict[str, tuple[str, ...]]:
    """Return what each key of an asset can match: its fields and its site's own keys."""
    values = {str(k): _texts(v) for k, v in asset.extra.items() if not str(k).startswith("\0")}
    values.update(
        stage=asset.stages,
        question=asset.questions,
        persona=asset.personas,
        status=(asset.status,),
        id=(asset.id,),
        title=(asset.title,),
        audience=(asset.audience,),
        path=(asset.path,),
    )
    for key in ("format", "owner", "summary", "url", "next", "updated", "publish_on", "review_by"):
        text = getattr(asset, key)
        values[key] = (str(text),) if text else ()
    return values


def front_matter_values(config: Config, item: ToRead, data: bytes) -> dict[str, tuple[str, ...]] | None:
    """Return what each key of a file's front matter can match; None when it cannot be read."""
    try:
        split = frontmatter.split(data, syntaxes(config))
        loaded = formats.load(split, aliases=bool(config.rules.generator))
    except (frontmatter.SplitProblem, yamlsafe.YamlProblem):
        return None
    if not isinstance(loaded.data, dict):
        return None
    if config.rules.aliases:
        loaded = apply_aliases(loaded, config.rules.aliases, config.rules.generator)
    fm = loaded.data
    values = {str(k): _texts(v) for k, v in fm.items()}
    for one, many in _PLURAL.items():
        values[one] = values.pop(many, ())
    values.setdefault("id", (default_id(item),))
    values["path"] = (item.rel,)
    if not values.get("status"):
        values["status"] = ("draft" if item.draft else "published",)
    return values


def values_match(values: Mapping[str, Sequence[str]], where: Mapping[str, Sequence[str]]) -> bool:
    """True when every key matches (any of the values given for one key; any item of a list).

    Values match without regard to case, with ``*``, ``?`` and ``[...]`` as in shell globs
    (``*`` crosses ``/``, so ``id=blog/*`` selects everything under blog).
    """
    for name, wanted in where.items():
        if name == UNTAGGED:
            if values.get("stage") and values.get("question"):
                return False
            continue
        have = [h.lower() for h in values.get(name, ())]
        if not any(fnmatch.fnmatchcase(h, w.lower()) for w in wanted for h in have):
            return False
    return True


def matches(asset: Asset, where: Mapping[str, Sequence[str]]) -> bool:
    """True when the asset matches every filter."""
    return values_match(asset_values(asset), where)


def select(
    config: Config,
    library: Library,
    args: Sequence[str],
    where: Mapping[str, Sequence[str]],
    files: Files | None = None,
) -> tuple[list[ToRead], list[str]]:
    """Return the files to edit, and those the filters could not look into (unreadable front matter).

    ``args`` are files, folders or globs; none means every file read.
    """
    files = files or Files.of(config, library)
    named = chosen_files(config, args, files)
    if not where:
        return named, []
    by_path = {a.path: a for a in library.assets}
    chosen: list[ToRead] = []
    unsearched: list[str] = []
    for item in named:
        asset = by_path.get(item.rel)
        if asset is not None:
            values: dict[str, tuple[str, ...]] | None = asset_values(asset)
        else:
            try:
                values = front_matter_values(config, item, Path(item.path).read_bytes())
            except OSError:
                values = None
        if values is None:
            unsearched.append(item.rel)
        elif values_match(values, where):
            chosen.append(item)
    return chosen, unsearched
