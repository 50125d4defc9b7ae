"""Plan front matter edits to chosen assets (what ``tag`` does), checked before anyone writes.

Every planned edit is checked twice before anyone writes it: the editor proves the YAML
reads back as intended, and the file is validated again as an asset, so an edit never
turns a good file into a bad one. A file with problems is only changed when the edit
leaves it without any (taking away a misspelt id, say).
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, UsageError, suggest
from ..lazyre import lazy
from ..model.library import DATE_RE, FIELDS, STATUSES, Library, Vocabulary
from ..model.settings import Config
from ..read import frontmatter, yamlsafe
from ..read.aliases import keys_any_case, spelt
from ..read.sources import ToRead
from .lossless import AddItems, Change, EditError, RemoveItems, SetValue, Unset, edit_front_matter
from .select import item_id, parse_item, syntaxes, unasked_change

ID_FIELDS = {"stages": "stage", "questions": "question", "personas": "persona"}
"""Front matter keys holding ids, and what one id is called."""
REQUIRED = ("title", "stages", "questions")
DATE_FIELDS = ("updated", "review_by")
FieldValue = str | int | float | bool
"""A value a tag edit can set: text, or for the user's own keys true/false or a number."""
_KEY_RE = lazy(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_INT_RE = lazy(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT_RE = lazy(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")


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
    emptied: str = ""
    """For a refusal because removing ids would leave none: the key (``stages`` or ``questions``)."""

    @property
    def refused(self) -> bool:
        """True when the file is left alone because it cannot be edited safely."""
        return bool(self.refusal)

    @property
    def changed(self) -> bool:
        """True when there is something to write."""
        return not self.refusal and self.after != self.before


class IdsNotSettable(UsageError):
    """A key holding ids was given a value to set; ids are added and removed instead."""

    def __init__(self, key: str) -> None:
        super().__init__(f"'{key}' holds {ID_FIELDS[key]} ids: add or remove them instead of setting it")
        self.key = key
        """The key (``stages``, ``questions`` or ``personas``)."""


class ValueNeeded(UsageError):
    """A field was given an empty value to set."""

    def __init__(self, key: str) -> None:
        super().__init__(f"'{key}' needs a value (unset it to remove the field)")
        self.key = key
        """The field."""


class RequiredField(UsageError):
    """A required field was asked to be removed."""

    def __init__(self, key: str) -> None:
        super().__init__(f"'{key}' is required and cannot be removed")
        self.key = key
        """The field."""


class IdForManyFiles(UsageError):
    """A new id was asked for while more than one file is selected; an id names one asset."""

    def __init__(self, count: int) -> None:
        super().__init__(f"an id names one asset, but {count} files are selected")
        self.count = count
        """How many files are selected."""


@dataclass(frozen=True, slots=True)
class TagRequest:
    """Validated changes to make to each selected asset."""

    add: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Ids to add per key (``stages``, ``questions``, ``personas``)."""
    remove: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Ids to remove per key."""
    set: Mapping[str, FieldValue] = field(default_factory=dict)
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
    sets: Mapping[str, str],
    unsets: Sequence[str],
) -> TagRequest:
    """Check the ids to add and remove, the fields to set (as text) and to unset.

    Raise `UsageError` on the first bad one. Ids to add must be in the model; ids to remove
    need not be: removing is always safe, and it is how a misspelt id that ``check``
    reports is taken away.
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
    values: dict[str, FieldValue] = {}
    for key, value in sets.items():
        check_key(key)
        values[key] = set_value(config, library, key, value)
    for key in unsets:
        check_key(key)
        if key in REQUIRED:
            raise RequiredField(key)
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


def set_value(config: Config, library: Library, key: str, raw: str) -> FieldValue:
    """Return the value that setting ``key`` to the text ``raw`` writes; raise `UsageError` if invalid.

    stagemap's own fields stay text; for other keys ``true``, ``false`` and numbers keep
    their YAML types when they read back exactly.
    """
    value = raw.strip()
    if key in ID_FIELDS:
        raise IdsNotSettable(key)
    if not value:
        raise ValueNeeded(key)
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


def check_id_change(config: Config, library: Library, files: Sequence[ToRead], request: TagRequest) -> None:
    """Refuse a request that would change an asset's id while other assets name it as their next step.

    Setting an id with more than one file selected is refused too: an id names one asset.
    """
    if "id" in request.set and len(files) > 1:
        raise IdForManyFiles(len(files))
    if "id" not in request.set and "id" not in request.unset:
        return
    for item in files:
        rel = item.rel
        asset = next((a for a in library.assets if a.path == rel), None)
        new_id = request.set.get("id", item_id(item))
        if asset is None or asset.id == new_id:
            continue
        pointing = sorted(a.path for a in library.assets if a.next == asset.id and a.path != rel)
        if pointing:
            shown = ", ".join(pointing[:3]) + (f" and {len(pointing) - 3} more" if len(pointing) > 3 else "")
            raise UsageError(
                f"'{asset.id}' is the next step of {shown}; change their next: first, "
                f"or they would point nowhere"
            )


# -- planning -------------------------------------------------------------------------------
def plan_tag(config: Config, files: Iterable[ToRead], request: TagRequest) -> list[FileEdit]:
    """Plan the request on each file; files with problems, or that it would break, are refused."""
    vocab = Vocabulary.of(config)
    return [_plan_one(config, vocab, item, request) for item in files]


def _plan_one(config: Config, vocab: Vocabulary, item: ToRead, request: TagRequest) -> FileEdit:
    file, rel = Path(item.path), item.rel
    try:
        before = file.read_bytes()
    except OSError as exc:
        return FileEdit(file, rel, b"", b"", f"cannot read it: {exc.strerror or exc}")
    refusal = not_yaml(config, item, before)
    if refusal is not None:
        return refusal
    asset, problems = parse_item(config, item, before, vocab)
    errors = tuple(p for p in problems if p.severity == "error")
    valid = asset is not None and not errors
    for key in ("stages", "questions"):
        removed = request.remove.get(key, ())
        if not removed:
            continue
        # A valid asset holds just the ids written; otherwise read them, misspelt ones included.
        have = getattr(asset, key) if valid else ids_in(before, key, *_reading(config))
        left = [i for i in (*have, *request.add.get(key, ())) if i not in removed]
        gone = [i for i in dict.fromkeys(have) if i in removed]
        if gone and not left:
            shown = ", ".join(f"'{i}'" for i in gone)
            return FileEdit(
                file, rel, before, before, f"removing {shown} would leave it without {key}", emptied=key
            )
    edit = check_edit(config, item, before, request.changes(), vocab)
    if (errors or asset is None) and not edit.changed:
        # Changed means the edit leaves the file without problems (check_edit proved it).
        return FileEdit(file, rel, before, before, "fix its problems first (stagemap check)", errors)
    return edit


def ids_in(
    data: bytes, key: str, any_case: bool = False, syntaxes: tuple[str, ...] = ("yaml",)
) -> tuple[str, ...]:
    """The ids a file's front matter holds under ``key``, as written (known to the model or not).

    Empty when there are none or the front matter cannot be read. With ``any_case``, under
    the file's own spelling of ``key`` (see `spelt`); in the block the reader reads with its
    ``syntaxes`` (after blank lines, inside an HTML comment), a YAML one.
    """
    try:
        split = frontmatter.split(data, tuple(s for s in syntaxes if s != frontmatter.META))
        if split.syntax != "yaml":
            return ()
        fm = yamlsafe.load(split.yaml).data
    except (frontmatter.SplitProblem, yamlsafe.YamlProblem):
        return ()
    value = fm.get(spelt(fm, key, any_case)) if isinstance(fm, dict) else None
    if isinstance(value, str):
        return (value.strip(),)
    if isinstance(value, list):
        return tuple(v.strip() for v in value if isinstance(v, str))
    return ()


def _reading(config: Config) -> tuple[bool, tuple[str, ...]]:
    """Return how `ids_in` reads ``config``'s files: keys in any case, the reader's syntaxes."""
    return keys_any_case(config.rules.generator), syntaxes(config)


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
        found = {i for edit in edits for i in ids_in(edit.before, key, *_reading(config))}
        out += [(ID_FIELDS[key], i, suggest(i, valid[key])) for i in unknown if i not in found]
    return out


def not_yaml(config: Config, item: ToRead, data: bytes) -> FileEdit | None:
    """Refuse a file whose front matter is TOML, JSON or meta-data: the editor keeps only YAML lossless."""
    try:
        syntax = frontmatter.split(data, syntaxes(config)).syntax
    except frontmatter.SplitProblem:
        return None  # the YAML editor reports what is wrong
    if syntax == "yaml":
        return None
    shown = {"toml": "TOML (+++)", "json": "JSON", "meta": "meta-data", "js": "JavaScript (---js)"}.get(
        syntax, syntax
    )
    problem = Problem(
        item.rel,
        1,
        1,
        "error",
        f"front matter in {shown} cannot be edited by stagemap",
        "change it by hand, or tag it with rules in stagemap.yml",
        "not-yaml",
    )
    return FileEdit(Path(item.path), item.rel, data, data, f"its front matter is {shown}", (problem,))


def check_edit(
    config: Config, item: ToRead, before: bytes, changes: Sequence[Change], vocab: Vocabulary
) -> FileEdit:
    """Make ``changes`` and validate the result as an asset against ``vocab``."""
    file, rel = Path(item.path), item.rel
    try:
        after = edit_front_matter(
            before,
            changes,
            bare=config.rules.bare_pages,
            any_case=keys_any_case(config.rules.generator),
            syntaxes=syntaxes(config),
        )
    except EditError as exc:
        return FileEdit(file, rel, before, before, f"cannot edit it safely: {exc}")
    if after != before:
        asset, problems = parse_item(config, item, after, vocab)
        errors = tuple(p for p in problems if p.severity == "error")
        if errors:
            return FileEdit(file, rel, before, before, "the edit would leave it with problems", errors)
        was = parse_item(config, item, before, vocab)[0]
        if unasked := unasked_change(was, asset, changes, config.rules.aliases):
            return FileEdit(
                file, rel, before, before, f"cannot edit it safely: the edit would change {unasked}"
            )
    return FileEdit(file, rel, before, after)
