"""Read the content folder into assets and their problems. One bad file never stops the others."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import Problem, suggest
from ..model.library import ASSET_SUFFIXES, FIELDS, STATUSES, TEXT_FIELDS, Asset, Library, Vocabulary
from ..model.settings import Config
from . import frontmatter, yamlsafe
from .cache import READ_FAILED, CacheUpdate, cached_parse, open_cache
from .fields import Add, FieldReader


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
    """Read every asset of a project (see `read_library`; the parse cache is read, never saved)."""
    return read_library(config, bodies=bodies)[0]


def read_library(config: Config, *, bodies: bool = True) -> tuple[Library, CacheUpdate | None]:
    """Read every asset of a project, and what the parse cache should now hold.

    Front matter comes through the parse cache (cache.py), so unchanged files are not parsed
    again. With ``bodies=False`` the assets' ``body`` is empty and unchanged files are not
    even read: what check, report and kits need. The cache update is None when the cache is
    off or unchanged; saving it is the caller's (`stagemap.write.cache.save_parse_cache`).
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
        return Library((), (problem,)), None
    prefix = _rel(config.content_dir, config.root).rstrip("/") + "/"
    if prefix == "./":
        prefix = ""

    def parse(path: str, rel: str, _stat: object = None) -> tuple[Asset | None, list[Problem]]:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            return None, [Problem(rel, 0, 0, "error", f"cannot read file: {exc.strerror}", "", READ_FAILED)]
        return parse_asset(rel, rel[len(prefix) :].rpartition(".")[0], data, vocab)

    files = [(path, prefix + sub) for path, sub in _walk(config.content_dir)]
    cache = open_cache(config, vocab)
    library = link(cached_parse(cache, files, parse, bodies=bodies), vocab)
    return library, cache.update() if cache is not None else None


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

    found = _front_matter(data, add)
    if found is None:
        return None, problems
    split, loaded = found
    _warn_near_misses(loaded, add)
    return _asset(rel, default_id, split, loaded, vocab, add), problems


def _front_matter(data: bytes, add: Add) -> tuple[frontmatter.Split, yamlsafe.Loaded] | None:
    """Split the file and load its front matter, a mapping; None (reported) when it is not."""
    try:
        split = frontmatter.split(data)
    except frontmatter.SplitProblem as exc:
        add(exc.line, exc.col, exc.message, exc.hint, exc.code)
        return None
    try:
        loaded = yamlsafe.load(split.yaml, first_line=split.yaml_line)
    except yamlsafe.YamlProblem as exc:
        add(exc.line, exc.col, exc.message, exc.hint, exc.code)
        return None
    if loaded.data is None:
        add(
            split.yaml_line - 1,
            1,
            "front matter is empty",
            "add at least title, stages and questions",
            "empty-front-matter",
        )
        return None
    if not isinstance(loaded.data, dict):
        pos = loaded.pos()
        hint = "e.g. title: Our pricing explained"
        add(pos.line, pos.col, "front matter must be 'key: value' lines", hint, "not-a-mapping")
        return None
    return split, loaded


def _warn_near_misses(loaded: yamlsafe.Loaded, add: Add) -> None:
    """Warn about keys that look like a misspelt field; other unknown keys are the site's own."""
    for key in loaded.data:
        if key in FIELDS:
            continue
        close = _near_miss(str(key))
        if close:
            pos = loaded.keys[(key,)]
            message, hint = f"unknown field '{key}'", f"did you mean '{close}'?"
            add(pos.line, pos.col, message, hint, "unknown-field", "warning")


def _asset(
    rel: str, default_id: str, split: frontmatter.Split, loaded: yamlsafe.Loaded, vocab: Vocabulary, add: Add
) -> Asset | None:
    """Read the fields; None when a required one is missing or wrong."""
    fm: dict[str, Any] = loaded.data
    fields = FieldReader(loaded, split.yaml, add, split.yaml_line - 1)
    title = fields.text("title", required=True)
    stages = fields.ids("stages", vocab.stages, "stage", required=True)
    questions = fields.ids("questions", vocab.questions, "question", required=True)
    personas = fields.ids("personas", vocab.personas, "persona", required=False)
    status = fields.text("status") or "published"
    if status not in STATUSES:
        pos = loaded.pos("status")
        add(pos.line, pos.col, f"unknown status '{status}'", suggest(status, STATUSES), "unknown-status")
        status = "draft"
    texts = {key: fields.text(key) or "" for key in TEXT_FIELDS}
    updated, review_by = fields.date("updated"), fields.date("review_by")
    next_step = fields.text("next")
    asset_id = fields.text("id") or default_id
    if "id" in fm and (not asset_id or any(c.isspace() for c in asset_id)):
        pos = loaded.pos("id")
        add(pos.line, pos.col, "an 'id' must be text without spaces", "e.g. id: pricing-guide", "bad-id")
        asset_id = default_id
    if title is None or not stages or not questions:
        return None
    next_pos = loaded.pos("next") if "next" in fm else loaded.pos()
    return Asset(
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
        extra={k: v for k, v in fm.items() if k not in FIELDS},
        **texts,
    )


def _near_miss(key: str) -> str | None:
    if key.lower() in FIELDS:
        return key.lower()
    close = difflib.get_close_matches(key.lower(), FIELDS, n=1, cutoff=0.75)
    return close[0] if close else None
