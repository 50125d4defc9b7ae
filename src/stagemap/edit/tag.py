"""Choose assets and plan front matter edits to them: what ``tag`` and ``list`` do. No printing.

Every planned edit is checked twice before anyone writes it: the editor proves the YAML
reads back as intended, and the file is validated again as an asset, so an edit never
turns a good file into a bad one. A file with problems is only changed when the edit
leaves it without any (taking away a misspelt id, say).
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem, UsageError, suggest
from ..model.library import ASSET_SUFFIXES, DATE_RE, FIELDS, STATUSES, Asset, Library, Vocabulary
from ..model.settings import Config
from ..read import frontmatter, yamlsafe
from ..read.assets import content_files, parse_asset
from .lossless import AddItems, Change, EditError, RemoveItems, SetValue, Unset, edit_front_matter

ID_FIELDS = {"stages": "stage", "questions": "question", "personas": "persona"}
"""Front matter keys holding ids, and what one id is called."""
REQUIRED = ("title", "stages", "questions")
WHERE_FIELDS = ("stage", "question", "persona", "status", "format", "id", "owner")
"""Fields ``--where FIELD=VALUE`` can select on."""
DATE_FIELDS = ("updated", "review_by")
_KEY_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_INT_RE = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT_RE = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")


@dataclass(frozen=True, slots=True)
class FileEdit:
    """The planned edit of one file: its bytes before and after, or why it is refused."""

    path: Path
    """The file as found; writing it writes through a symlink to its target."""
    rel: str
    """Path relative to the project root, with forward slashes."""
    before: bytes
    """The file's bytes now."""
    after: bytes
    """The bytes to write; the same as ``before`` when nothing changes or the file is refused."""
    refusal: str = ""
    """Why the file is left alone, or empty."""
    problems: tuple[Problem, ...] = ()
    """The problems behind a refusal."""
    created: bool = False
    """The file does not exist yet."""

    @property
    def refused(self) -> bool:
        """True when the file is left alone because it cannot be edited safely."""
        return bool(self.refusal)

    @property
    def changed(self) -> bool:
        """True when there is something to write."""
        return not self.refusal and self.after != self.before


@dataclass(frozen=True, slots=True)
class TagRequest:
    """Validated changes to make to each selected asset."""

    add: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Ids to add per key (``stages``, ``questions``, ``personas``)."""
    remove: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Ids to remove per key."""
    set: Mapping[str, Any] = field(default_factory=dict)
    """Values to set per key."""
    unset: tuple[str, ...] = ()
    """Keys to remove."""

    @property
    def empty(self) -> bool:
        """True when the request asks for nothing."""
        return not (any(self.add.values()) or any(self.remove.values()) or self.set or self.unset)

    def changes(self) -> list[Change]:
        """The editor's changes: values set first, ids added before ids removed."""
        out: list[Change] = [SetValue((key,), value) for key, value in self.set.items()]
        out += [Unset(key) for key in self.unset]
        out += [AddItems(key, ids) for key, ids in self.add.items() if ids]
        out += [RemoveItems(key, ids) for key, ids in self.remove.items() if ids]
        return out


# -- requests -------------------------------------------------------------------------------
def tag_request(
    config: Config,
    library: Library,
    *,
    add: Mapping[str, Sequence[str]],
    remove: Mapping[str, Sequence[str]],
    sets: Sequence[str],
    unsets: Sequence[str],
) -> TagRequest:
    """Check the command line's ids and ``KEY=VALUE`` pairs; raise `UsageError` on the first bad one.

    Ids to add must be in the model; ids to remove need not be: removing is always safe,
    and it is how a misspelt id that ``check`` reports is taken away.
    """
    valid = model_ids(config)
    for key, ids in add.items():
        what = ID_FIELDS[key]
        for item in ids:
            if item not in valid[key]:
                raise UsageError(f"unknown {what} '{item}' ({suggest(item, valid[key])})")
    for key in ID_FIELDS:
        both = sorted(set(add.get(key, ())) & set(remove.get(key, ())))
        if both:
            raise UsageError(f"{ID_FIELDS[key]} '{both[0]}' is both added and removed")
    values: dict[str, Any] = {}
    for pair in sets:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise UsageError(f"--set needs KEY=VALUE, got '{pair}'")
        check_key(key)
        if key in values:
            raise UsageError(f"--set {key} is given twice")
        values[key] = set_value(config, library, key, value)
    for key in unsets:
        check_key(key)
        if key in REQUIRED:
            hint = f"; use --remove-{ID_FIELDS[key]} to take ids away" if key in ID_FIELDS else ""
            raise UsageError(f"'{key}' is required and cannot be removed{hint}")
        if key in values:
            raise UsageError(f"'{key}' is both set and removed")
    return TagRequest(
        add={k: tuple(dict.fromkeys(v)) for k, v in add.items() if v},
        remove={k: tuple(dict.fromkeys(v)) for k, v in remove.items() if v},
        set=values,
        unset=tuple(dict.fromkeys(unsets)),
    )


def model_ids(config: Config) -> dict[str, tuple[str, ...]]:
    """The ids the model defines, per front matter key."""
    return {
        "stages": tuple(config.model.stage_ids),
        "questions": tuple(config.question_ids),
        "personas": tuple(config.persona_ids),
    }


def check_key(key: str) -> None:
    """Refuse keys that are not plain names, or that look like a known field misspelt."""
    if not _KEY_RE.match(key):
        raise UsageError(f"'{key}' is not a field name (letters, digits, '_' and '-')")
    if key in FIELDS:
        return
    close = [key.lower()] if key.lower() in FIELDS else []
    close = close or difflib.get_close_matches(key.lower(), FIELDS, n=1, cutoff=0.75)
    if close:
        raise UsageError(f"unknown field '{key}' (did you mean '{close[0]}'?)")


def set_value(config: Config, library: Library, key: str, raw: str) -> Any:
    """Return the value ``--set KEY=VALUE`` writes, or raise `UsageError` if it would be invalid."""
    value = raw.strip()
    if key in ID_FIELDS:
        what = ID_FIELDS[key]
        raise UsageError(f"use --add-{what} and --remove-{what} to change '{key}', not --set")
    if not value:
        raise UsageError(f"--set {key}= needs a value (use --unset {key} to remove the field)")
    if key == "status" and value not in STATUSES:
        raise UsageError(f"unknown status '{value}' ({suggest(value, STATUSES)})")
    if key in DATE_FIELDS:
        if not DATE_RE.match(value):
            raise UsageError(f"'{key}' must be a date like 2026-03-31, got '{value}'")
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise UsageError(f"'{key}' is not a real date: {value}") from None
    if key == "id" and any(c.isspace() for c in value):
        raise UsageError("an 'id' must be text without spaces")
    if key == "id" and library.asset(value) is not None:
        raise UsageError(f"id '{value}' is already used by {library.by_id[value].path}")
    if key == "next":
        targets = sorted({a.id for a in library.assets} | set(config.model.stage_ids))
        if value not in targets:
            raise UsageError(f"next step '{value}' matches no asset or stage ({suggest(value, targets)})")
    if key in FIELDS:
        return value
    # The user's own keys: true/false and numbers keep their YAML types when they read back exactly.
    if value in ("true", "false"):
        return value == "true"
    if _INT_RE.match(value):
        return int(value)
    if _FLOAT_RE.match(value) and repr(float(value)) == value:
        return float(value)
    return value


# -- selecting ------------------------------------------------------------------------------
def parse_where(config: Config, items: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Parse ``FIELD=VALUE`` filters; values for one field are alternatives."""
    known = {
        "stage": config.model.stage_ids,
        "question": config.question_ids,
        "persona": config.persona_ids,
        "status": STATUSES,
    }
    out: dict[str, list[str]] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name or not value:
            raise UsageError(f"--where needs FIELD=VALUE, got '{item}' (fields: {', '.join(WHERE_FIELDS)})")
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
        raise UsageError(f"{path} is not in the content folder {_shown(content, config.root)}")
    rel = real.relative_to(config.root).as_posix() if real.is_relative_to(config.root) else real.as_posix()
    return real, rel, real.relative_to(content).with_suffix("").as_posix()


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() + "/" if path.is_relative_to(root) else str(path)


def select(
    config: Config,
    library: Library,
    paths: Sequence[Path],
    where: Mapping[str, Sequence[str]],
) -> tuple[list[Path], list[str]]:
    """Return the files to edit, and the files a ``--where`` could not look into (they have problems).

    PATHs may be files or folders inside the content folder; no PATH means the whole library.
    """
    files: dict[str, Path] = {}
    for path in paths:
        if path.is_dir():
            folder = Path(os.path.abspath(path)).resolve()
            if not folder.is_relative_to(config.content_dir.resolve()):
                content = _shown(config.content_dir.resolve(), config.root)
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


# -- planning -------------------------------------------------------------------------------
def plan_tag(config: Config, files: Iterable[Path], request: TagRequest) -> list[FileEdit]:
    """Plan the request on each file; files with problems, or that it would break, are refused."""
    vocab = Vocabulary.of(config)
    return [_plan_one(config, vocab, path, request) for path in files]


def _plan_one(config: Config, vocab: Vocabulary, path: Path, request: TagRequest) -> FileEdit:
    file, rel, default_id = identify(config, path)
    try:
        before = file.read_bytes()
    except OSError as exc:
        return FileEdit(file, rel, b"", b"", f"cannot read it: {exc.strerror or exc}")
    asset, problems = parse_asset(rel, default_id, before, vocab)
    errors = tuple(p for p in problems if p.severity == "error")
    valid = asset is not None and not errors
    for key in ("stages", "questions"):
        removed = request.remove.get(key, ())
        if not removed:
            continue
        # A valid asset holds just the ids written; otherwise read them, misspelt ones included.
        have = getattr(asset, key) if valid else ids_in(before, key)
        left = [i for i in (*have, *request.add.get(key, ())) if i not in removed]
        gone = [i for i in dict.fromkeys(have) if i in removed]
        if gone and not left:
            what = ID_FIELDS[key]
            shown = ", ".join(f"'{i}'" for i in gone)
            return FileEdit(
                file,
                rel,
                before,
                before,
                f"removing {shown} would leave it without {key} (add one with --add-{what})",
            )
    edit = check_edit(file, rel, default_id, before, request.changes(), vocab)
    if (errors or asset is None) and not edit.changed:
        # Changed means the edit leaves the file without problems (check_edit proved it).
        return FileEdit(file, rel, before, before, "fix its problems first (stagemap check)", errors)
    return edit


def ids_in(data: bytes, key: str) -> tuple[str, ...]:
    """The ids a file's front matter holds under ``key``, as written (known to the model or not).

    Empty when there are none or the front matter cannot be read.
    """
    try:
        split = frontmatter.split(data)
        fm = yamlsafe.load(split.yaml).data
    except (frontmatter.SplitProblem, yamlsafe.YamlProblem):
        return ()
    value = fm.get(key) if isinstance(fm, dict) else None
    if isinstance(value, str):
        return (value.strip(),)
    if isinstance(value, list):
        return tuple(v.strip() for v in value if isinstance(v, str))
    return ()


def absent_removals(
    config: Config, request: TagRequest, edits: Sequence[FileEdit]
) -> list[tuple[str, str, str]]:
    """Ids to remove that are neither in the model nor in any of the files: (what, id, hint).

    Removing them changes nothing; the hint says which model id may have been meant.
    """
    valid = model_ids(config)
    out: list[tuple[str, str, str]] = []
    for key, ids in request.remove.items():
        unknown = [i for i in ids if i not in valid[key]]
        if not unknown:
            continue
        found = {i for edit in edits for i in ids_in(edit.before, key)}
        out += [(ID_FIELDS[key], i, suggest(i, valid[key])) for i in unknown if i not in found]
    return out


def check_edit(
    file: Path, rel: str, default_id: str, before: bytes, changes: Sequence[Change], vocab: Vocabulary
) -> FileEdit:
    """Make ``changes`` and validate the result as an asset against ``vocab``."""
    try:
        after = edit_front_matter(before, changes)
    except EditError as exc:
        return FileEdit(file, rel, before, before, f"cannot edit it safely: {exc}")
    if after != before:
        _, problems = parse_asset(rel, default_id, after, vocab)
        errors = tuple(p for p in problems if p.severity == "error")
        if errors:
            return FileEdit(file, rel, before, before, "the edit would leave it with problems", errors)
    return FileEdit(file, rel, before, after)
