"""A build makes the search index's files again only when an entry may have changed (`search_key`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stagemap.write import publish
from tests.test_incremental import build, fresh_tree, project, tree

__all__ = ["project"]  # the fixture, shared with the incremental build tests

PAPER = "content/guides/outgrown-paper.md"


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times a build worked out the index's entries (which it does to make its files)."""
    calls: list[int] = []
    real = publish.search_entries

    def counted(plan: Any) -> Any:
        calls.append(1)
        return real(plan)

    monkeypatch.setattr(publish, "search_entries", counted)
    return calls


def search_files(folder: Path) -> dict[str, bytes]:
    return {k: v for k, v in tree(folder).items() if k.startswith("static/search/")}


def built(project: Path, tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """Build the project into a new folder; return the folder and the search index's files in it."""
    out = tmp_path / "site"
    build(project, out)
    return out, search_files(out)


def test_an_edit_past_the_opening_of_a_body_leaves_the_index_as_it_is(
    project: Path, tmp_path: Path, made: list[int]
) -> None:
    # The index reads the first 1,200 characters of a body: the sample's are shorter.
    page = project / "content/blog/missed-calls-cost.md"
    long = "\nA van that waits at the depot for a part earns nothing that hour.\n" * 30
    page.write_text(page.read_text(encoding="utf-8") + long, encoding="utf-8")
    out = tmp_path / "site"
    build(project, out)
    assert made == [1]
    stamps = {p: p.stat().st_mtime_ns for p in (out / "static/search").iterdir()}
    assert len(stamps) > 10
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line at the end.\n", encoding="utf-8")
    (line,) = build(project, out)
    assert made == [1]  # not worked out again
    assert line.startswith("Built 99 pages in ") and "(1 file changed, 0 removed)" in line
    assert {p: p.stat().st_mtime_ns for p in (out / "static/search").iterdir()} == stamps
    assert tree(out) == fresh_tree(project, tmp_path)


EDITS: dict[str, Callable[[str], str]] = {
    "a title": lambda text: text.replace("title: ", "title: Renamed ", 1),
    "the opening of the body": lambda text: text.replace("\n---\n", "\n---\nA new first line.\n", 1),
    "the status (a state in the index)": lambda text: text.replace("status: published", "status: draft", 1),
    "a stage": lambda text: text.replace("stages: [awareness, exploration]", "stages: [awareness]", 1),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_an_edit_to_what_the_index_shows_makes_it_again(
    project: Path, tmp_path: Path, made: list[int], name: str
) -> None:
    out, before = built(project, tmp_path)
    page = project / PAPER
    text = page.read_text(encoding="utf-8")
    edited = EDITS[name](text)
    assert edited != text
    page.write_text(edited, encoding="utf-8")
    build(project, out)
    assert made == [1, 1]
    assert search_files(out) != before
    assert tree(out) == fresh_tree(project, tmp_path)


@pytest.mark.parametrize("how", ["changed", "removed"])
def test_an_index_file_changed_or_removed_by_hand_is_made_again(
    project: Path, tmp_path: Path, made: list[int], how: str
) -> None:
    out, before = built(project, tmp_path)
    target = out / "static/search/index.js"
    if how == "changed":
        target.write_text("stagemap.add('m', {});\n", encoding="utf-8")
    else:
        target.unlink()
    build(project, out)
    assert made == [1, 1]
    assert search_files(out) == before
