"""Plan ``promote``: write what the rules give each asset into its own front matter.

Only the fields a rule gave a file are written (its own values already win and stay as
they are), through the lossless editor. Each edit is checked by reading the file back
without any rules: it must then hold exactly the values it held with them, so promoting
changes what the files say, never what the report counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ..model.library import Asset, Library, Vocabulary
from ..model.settings import RULE_LISTS, Config
from ..read import frontmatter
from ..read.aliases import keys_any_case
from ..read.assets import cascaded, default_id
from ..read.globs import GlobSet
from ..read.parse import Place, parse_asset
from .lossless import AddItems, Change, EditError, SetValue, edit_front_matter
from .select import syntaxes
from .tag import FileEdit

GLOB_CHARS = frozenset("*?[")
"""A selection containing one of these is a glob over project-relative paths, not a path."""


def ruled(asset: Asset) -> tuple[str, ...]:
    """Return the fields of an asset that rules gave it, in field order."""
    return tuple(dict.fromkeys(f for f, kind, _ in asset.origins if kind == "rule"))


def select_ruled(config: Config, library: Library, selection: Sequence[str]) -> list[Asset]:
    """Return the assets with values from rules, limited to ``selection`` (paths, folders or globs).

    A glob is matched against the path from the project root (``content/blog/*.md``); a
    path names a file or a folder, relative to the current folder or absolute. No selection
    means every asset.
    """
    assets = [a for a in library.assets if ruled(a)]
    if not selection:
        return assets
    globs = GlobSet.of([s for s in selection if GLOB_CHARS & set(s)])
    folders = [
        Path(s).resolve().relative_to(config.root).as_posix()
        for s in selection
        if not GLOB_CHARS & set(s) and Path(s).resolve().is_relative_to(config.root)
    ]
    return [
        a
        for a in assets
        if globs.matches(a.path) is not None
        or any(a.path == f or a.path.startswith(f + "/") or f == "." for f in folders)
    ]


def promote_changes(asset: Asset) -> list[Change]:
    """Return the editor's changes that write the rules' values of ``asset`` into its file."""
    changes: list[Change] = []
    for field in ruled(asset):
        value = getattr(asset, field)
        if field in RULE_LISTS:
            changes.append(AddItems(field, tuple(value)))
        else:
            changes.append(SetValue((field,), value))
    return changes


def plan_promote(config: Config, assets: Sequence[Asset]) -> list[FileEdit]:
    """Plan the promotion of each asset; a file the editor cannot change safely is refused."""
    vocab = Vocabulary.of(config)
    unruled = replace(config.rules, rules=())
    default_ids = {
        item.rel: (
            default_id(item),
            Place.of(item),
        )
        for item in cascaded(config).to_read
    }
    edits = []
    for asset in assets:
        path = config.root / asset.path
        try:
            before = path.read_bytes()
        except OSError as exc:
            edits.append(FileEdit(path, asset.path, b"", b"", f"cannot read it: {exc.strerror or exc}"))
            continue
        syntax = _syntax(before, syntaxes(config))
        if syntax != "yaml":
            why = f"its front matter is {syntax.upper()}; only YAML front matter is edited"
            edits.append(FileEdit(path, asset.path, before, before, why))
            continue
        try:
            after = edit_front_matter(
                before,
                promote_changes(asset),
                bare=config.rules.bare_pages,
                any_case=keys_any_case(config.rules.generator),
                syntaxes=syntaxes(config),
            )
        except EditError as exc:
            edits.append(FileEdit(path, asset.path, before, before, f"cannot edit it safely: {exc}"))
            continue
        fallback_id, place = default_ids[asset.path]
        again, problems = parse_asset(asset.path, fallback_id, after, vocab, unruled, place)
        errors = tuple(p for p in problems if p.severity == "error")
        if again is None or errors or any(getattr(again, f) != getattr(asset, f) for f in ruled(asset)):
            edits.append(
                FileEdit(path, asset.path, before, before, "the edit would not read back the same", errors)
            )
            continue
        edits.append(FileEdit(path, asset.path, before, after))
    return edits


def _syntax(data: bytes, syntaxes: tuple[str, ...]) -> str:
    """Return the syntax of a file's front matter (``yaml``, ``toml``, ``json``), or ``yaml`` when unsure."""
    try:
        return frontmatter.split(data, syntaxes).syntax
    except frontmatter.SplitProblem:
        return "yaml"
