"""Read the content folder into assets and problems. One bad file never stops the others."""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import Problem, suggest
from ..model.library import ASSET_SUFFIXES, DATE_RE, FIELDS, STATUSES, TEXT_FIELDS, Asset, Library, Vocabulary
from ..model.settings import Config
from . import frontmatter, yamlsafe


def content_files(content_dir: Path) -> list[Path]:
    """Return the Markdown files under ``content_dir``, sorted, skipping hidden entries."""
    return [Path(path) for path, _ in _walk(content_dir)]


def _walk(content_dir: Path) -> list[tuple[str, str]]:
    """Return (path, path under content_dir with '/') of each Markdown file, sorted.

    Only regular files (or links to them) count: a FIFO or device named ``x.md`` would hang
    or flood a read. The extension is matched without regard to case (``NOTES.MD``). Plain
    strings: at 10,000 files pathlib's overhead is a visible share of a cached run.
    """
    found: list[tuple[str, str]] = []

    def visit(folder: str, prefix: str) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    visit(entry.path, prefix + entry.name + "/")
                elif entry.name.lower().endswith(ASSET_SUFFIXES) and entry.is_file():
                    found.append((entry.path, prefix + entry.name))
            except OSError:
                continue

    visit(str(content_dir), "")
    return sorted(found, key=lambda item: item[1])


def load_library(config: Config, *, bodies: bool = True) -> Library:
    """Read every asset of a project.

    Front matter comes through the parse cache (see cache.py), so unchanged files are not
    parsed again. With ``bodies=False`` the assets' ``body`` is empty and unchanged files are
    not even read: what check, report and kits need.
    """
    vocab = Vocabulary.of(config)
    if not config.content_dir.is_dir():
        rel = _rel(config.content_dir, config.root)
        problem = Problem(
            rel,
            0,
            0,
            "error",
            "content folder does not exist",
            "create it or set 'content' in stagemap.yml",
            "no-content",
        )
        return Library((), (problem,))

    def parse(path: str, rel: str, _stat: object = None) -> tuple[Asset | None, list[Problem]]:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            return None, [Problem(rel, 0, 0, "error", f"cannot read file: {exc.strerror}", "", "io")]
        return parse_asset(rel, rel[len(prefix) :].rpartition(".")[0], data, vocab)

    prefix = _rel(config.content_dir, config.root).rstrip("/") + "/"
    if prefix == "./":
        prefix = ""
    files = [(path, prefix + sub) for path, sub in _walk(config.content_dir)]
    from .cache import cached_parse

    return link(cached_parse(config.root, vocab, config.content_dir, files, parse, bodies=bodies), vocab)


def link(parsed: Iterable[tuple[Asset | None, list[Problem]]], vocab: Vocabulary) -> Library:
    """Check what spans files (duplicate ids, next steps) and build the library."""
    assets: list[Asset] = []
    problems: list[Problem] = []
    first_path: dict[str, str] = {}
    for asset, found in parsed:
        problems.extend(found)
        if asset is None:
            continue
        if asset.id in first_path:
            problems.append(
                Problem(
                    asset.path,
                    1,
                    1,
                    "error",
                    f"duplicate asset id '{asset.id}'",
                    f"also used by {first_path[asset.id]}; give one an 'id'",
                    "duplicate-id",
                )
            )
            continue
        first_path[asset.id] = asset.path
        assets.append(asset)
    targets = set(first_path) | set(vocab.stages)
    for asset in assets:
        if asset.next == asset.id:
            line, col = asset.next_pos
            problems.append(
                Problem(
                    asset.path,
                    line,
                    col,
                    "error",
                    f"next step '{asset.next}' is this asset itself",
                    "point it at the asset or stage the buyer should go to after this one",
                    "self-next",
                )
            )
            continue
        if asset.next and asset.next not in targets:
            line, col = asset.next_pos
            hint = suggest(asset.next, sorted(targets))
            if hint.startswith("valid:"):
                hint = "use an asset id (its path under the content folder without .md) or a stage id"
            problems.append(
                Problem(
                    asset.path,
                    line,
                    col,
                    "error",
                    f"next step '{asset.next}' matches no asset or stage",
                    hint,
                    "broken-next",
                )
            )
    assets.sort(key=lambda a: a.path)
    return Library(tuple(assets), tuple(sorted(problems)))


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def parse_asset(
    rel: str, default_id: str, data: bytes, vocab: Vocabulary
) -> tuple[Asset | None, list[Problem]]:
    """Parse one file's bytes into an asset (or None) and its problems. Never raises."""
    problems: list[Problem] = []

    def add(
        line: int, col: int, message: str, hint: str = "", code: str = "", severity: str = "error"
    ) -> None:
        problems.append(Problem(rel, line, col, severity, message, hint, code))  # type: ignore[arg-type]

    try:
        split = frontmatter.split(data)
    except frontmatter.SplitProblem as exc:
        add(exc.line, exc.col, exc.message, exc.hint, exc.code)
        return None, problems
    try:
        loaded = yamlsafe.load(split.yaml, first_line=split.yaml_line)
    except yamlsafe.YamlProblem as exc:
        add(exc.line, exc.col, exc.message, exc.hint, exc.code)
        return None, problems
    fm = loaded.data
    if fm is None:
        add(
            split.yaml_line - 1,
            1,
            "front matter is empty",
            "add at least title, stages and questions",
            "empty-front-matter",
        )
        return None, problems
    if not isinstance(fm, dict):
        pos = loaded.pos()
        add(
            pos.line,
            pos.col,
            "front matter must be 'key: value' lines",
            "e.g. title: Our pricing explained",
            "not-a-mapping",
        )
        return None, problems
    checker = _Checker(loaded, split.yaml, add, split.yaml_line - 1)
    for key in fm:
        if key in FIELDS:
            continue
        pos = loaded.keys[(key,)]
        close = _near_miss(str(key))
        if close:
            add(
                pos.line,
                pos.col,
                f"unknown field '{key}'",
                f"did you mean '{close}'?",
                "unknown-field",
                "warning",
            )
    title = checker.text("title", required=True)
    stages = checker.ids("stages", vocab.stages, "stage", required=True)
    questions = checker.ids("questions", vocab.questions, "question", required=True)
    personas = checker.ids("personas", vocab.personas, "persona", required=False)
    status = checker.text("status") or "published"
    if status not in STATUSES:
        pos = loaded.pos("status")
        add(
            pos.line,
            pos.col,
            f"unknown status '{status}'",
            suggest(status, STATUSES),
            "unknown-status",
        )
        status = "draft"
    texts = {key: checker.text(key) for key in TEXT_FIELDS}
    updated = checker.date("updated")
    review_by = checker.date("review_by")
    next_step = checker.text("next")
    asset_id = checker.text("id") or default_id
    if "id" in fm and (not asset_id or any(c.isspace() for c in asset_id)):
        pos = loaded.pos("id")
        add(
            pos.line,
            pos.col,
            "an 'id' must be text without spaces",
            "e.g. id: pricing-guide",
            "bad-id",
        )
        asset_id = default_id
    if title is None or not stages or not questions:
        return None, problems
    next_pos = loaded.pos("next") if "next" in fm else loaded.pos()
    extra = {k: v for k, v in fm.items() if k not in FIELDS}
    asset = Asset(
        id=asset_id,
        path=rel,
        title=title,
        stages=stages,
        questions=questions,
        personas=personas,
        status=status,
        updated=updated,
        review_by=review_by,
        next=next_step or "",
        body=split.body,
        body_line=split.body_line,
        next_pos=(next_pos.line, next_pos.col),
        extra=extra,
        **{k: v or "" for k, v in texts.items()},
    )
    return asset, problems


def _near_miss(key: str) -> str | None:
    if key.lower() in FIELDS:
        return key.lower()
    close = difflib.get_close_matches(key.lower(), FIELDS, n=1, cutoff=0.75)
    return close[0] if close else None


_TYPE_NAMES = {
    bool: "true/false",
    int: "a number",
    float: "a number",
    dict: "a mapping",
    list: "a list",
    type(None): "empty",
}


class _Checker:
    """Reads typed fields out of front matter, reporting each wrong one at its position."""

    def __init__(self, loaded: yamlsafe.Loaded, source: str, add: Any, fence_line: int) -> None:
        self.loaded = loaded
        self.source = source
        self.fm: dict[str, Any] = loaded.data
        self.add = add
        self.fence_line = fence_line

    def _missing(self, key: str, example: str) -> None:
        if key in self.fm:  # present but empty: point at it
            pos = self.loaded.pos(key)
            self.add(
                pos.line,
                pos.col,
                f"required field '{key}' is empty",
                f"give it a value, e.g. {key}: {example}",
                f"empty-{key}",
            )
            return
        self.add(
            self.fence_line,
            1,
            f"missing required field '{key}'",
            f"add e.g. {key}: {example}",
            f"missing-{key}",
        )

    def text(self, key: str, *, required: bool = False) -> str | None:
        if key not in self.fm or self.fm[key] is None:
            if required:
                self._missing(key, "Why missed calls cost more than you think")
            return None
        value = self.fm[key]
        if isinstance(value, int | float) and not isinstance(value, bool):
            pos = self.loaded.pos(key)
            return self.source[pos.start : pos.end]
        if not isinstance(value, str):
            pos = self.loaded.pos(key)
            self.add(
                pos.line,
                pos.col,
                f"'{key}' must be text, not {_TYPE_NAMES.get(type(value), 'that')}",
                "quote the value",
                "wrong-type",
            )
            return None
        value = value.strip()
        if required and not value:
            self._missing(key, "Why missed calls cost more than you think")
            return None
        return value

    def ids(self, key: str, valid: tuple[str, ...], what: str, *, required: bool) -> tuple[str, ...]:
        example = valid[0] if valid else "id"
        if key not in self.fm or self.fm[key] is None or self.fm[key] == []:
            if required:
                self._missing(key, f"[{example}]")
            return ()
        value = self.fm[key]
        items: list[tuple[Any, tuple[Any, ...]]]
        if isinstance(value, str):
            items = [(value, (key,))]
        elif isinstance(value, list):
            items = [(v, (key, i)) for i, v in enumerate(value)]
        else:
            pos = self.loaded.pos(key)
            self.add(
                pos.line,
                pos.col,
                f"'{key}' must be a {what} id or a list of them, not {_TYPE_NAMES.get(type(value), 'that')}",
                f"e.g. {key}: [{example}]",
                "wrong-type",
            )
            return ()
        result: list[str] = []
        for item, path in items:
            pos = self.loaded.pos(*path)
            if not isinstance(item, str):
                self.add(
                    pos.line,
                    pos.col,
                    f"{what} ids must be text, not {_TYPE_NAMES.get(type(item), 'that')}",
                    "quote the value",
                    "wrong-type",
                )
                continue
            item = item.strip()
            if item not in valid:
                self.add(
                    pos.line,
                    pos.col,
                    f"unknown {what} '{item}'",
                    suggest(item, valid),
                    f"unknown-{what}",
                )
                continue
            if item not in result:
                result.append(item)
        return tuple(result)

    def date(self, key: str) -> dt.date | None:
        if key not in self.fm or self.fm[key] is None:
            return None
        value = self.fm[key]
        pos = self.loaded.pos(key)
        if not isinstance(value, str) or not DATE_RE.match(value.strip()):
            shown = (
                f"got '{value}'" if isinstance(value, str) else f"not {_TYPE_NAMES.get(type(value), 'that')}"
            )
            self.add(
                pos.line,
                pos.col,
                f"'{key}' must be a date like 2026-03-31, {shown}",
                "write the date as YYYY-MM-DD",
                "bad-date",
            )
            return None
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            self.add(
                pos.line,
                pos.col,
                f"'{key}' is not a real date: {value.strip()}",
                "check the month and day",
                "bad-date",
            )
            return None
