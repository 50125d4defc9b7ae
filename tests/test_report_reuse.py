"""Reports kept between preview builds while an edit leaves what they read as it was."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

import stagemap.write.depends
import stagemap.write.publish
from stagemap import load_project
from stagemap.analyse import coverage
from stagemap.analyse import reports as reports_module
from stagemap.analyse.coverage import analyse
from stagemap.analyse.latest import Latest
from stagemap.analyse.reports import report_inputs
from stagemap.model.library import Asset, Library
from stagemap.serve.preview import Preview
from stagemap.write.hashes import projected
from stagemap.write.record import global_key
from tests.test_incremental import OLD, fresh_tree, tree

AS_OF = dt.date(2026, 11, 24)
PAPER = "content/guides/outgrown-paper.md"
ANALYSED = {
    "id",
    "path",
    "stages",
    "questions",
    "personas",
    "status",
    "review_by",
    "publish_on",
    "next",
    "next_pos",
    "cta_pos",
    "audience",
    "url",
    "links",
}
"""The fields of an asset the report reads whatever they say (title, summary, message and cta only for what lint finds)."""


@pytest.fixture
def project(sample: Path) -> Path:
    for path in (sample / "content").rglob("*"):
        os.utime(path, ns=(OLD, OLD))
    return sample


def _changed(value: Any) -> Any:
    """Another value of the same type as ``value``."""
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=1)
    if isinstance(value, int):
        return value + 1
    if isinstance(value, tuple):
        return tuple(_changed(v) for v in value) if value else ("x",)
    return {"campaign": "spring"}


def _inputs(asset: Asset) -> str:
    return report_inputs(Library((asset,), ()))


def _asset(**fields: Any) -> Asset:
    plain = Asset(
        id="a",
        path="content/a.md",
        title="Title",
        stages=("awareness",),
        questions=("why",),
        personas=("owner",),
        format="article",
        status="published",
        owner="Sam",
        updated=dt.date(2026, 1, 1),
        review_by=dt.date(2027, 1, 1),
        message="A message.",
        summary="A summary.",
        next="b",
        cta="Read on.",
        body="Body.",
        body_line=5,
        next_pos=(3, 7),
        cta_pos=(4, 6),
        url="https://example.com/a/",
        links=("../b/",),
        origins=(("stages", "line", 2),),
    )
    return dataclasses.replace(plain, **fields)


def test_report_inputs_move_with_each_analysed_field_and_no_other() -> None:
    plain = _asset()
    moved = set()
    for field in dataclasses.fields(Asset):
        edited = dataclasses.replace(plain, **{field.name: _changed(getattr(plain, field.name))})
        assert getattr(edited, field.name) != getattr(plain, field.name), field.name
        if _inputs(edited) != _inputs(plain):
            moved.add(field.name)
    assert moved == ANALYSED


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("title", "Not for a sole trader"),
        ("summary", "It is not for you"),
        ("message", "Wrong fit?"),
        ("cta", "Buy now"),
    ],
)
def test_report_inputs_move_when_the_words_lint_reads_change(field: str, text: str) -> None:
    assert _inputs(_asset(**{field: text})) != _inputs(_asset())


def test_report_inputs_follow_the_order_of_the_assets() -> None:
    first, second = _asset(), _asset(id="b", path="content/b.md")
    assert report_inputs(Library((first, second), ())) != report_inputs(Library((second, first), ()))


def test_analyse_gives_the_same_report_when_only_fields_it_does_not_read_change(project: Path) -> None:
    loaded = load_project(project)
    config, library = loaded.config, loaded.library
    others = [f.name for f in dataclasses.fields(Asset) if f.name not in ANALYSED]
    for name in others:
        edited = Library(
            tuple(dataclasses.replace(a, **{name: _changed(getattr(a, name))}) for a in library.assets),
            library.problems,
            library.fates,
        )
        assert report_inputs(edited) == report_inputs(library), name
        for persona in (None, *(p.id for p in config.personas)):
            assert analyse(config, edited, AS_OF, persona=persona) == analyse(
                config, library, AS_OF, persona=persona
            ), name


def test_preview_a_title_edit_makes_no_report_again_and_a_status_edit_does(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str | None] = []
    original = reports_module.analyse

    def spy(*args: Any, **kwargs: Any) -> Any:
        made.append(kwargs.get("persona"))
        return original(*args, **kwargs)

    monkeypatch.setattr(reports_module, "analyse", spy)
    monkeypatch.setattr(stagemap.write.publish, "analyse", spy)
    served = tmp_path / "served"
    preview = Preview(project, served, as_of=AS_OF)
    assert not preview.rebuild().error
    personas = {p.id for p in load_project(project).config.personas}
    assert set(made) == {None} | personas
    made.clear()
    page = project / PAPER
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("title: Five signs", "title: Six signs", 1), encoding="utf-8")
    assert preview.rebuild().changed
    assert made == []
    page.write_text(text.replace("status: published", "status: draft", 1), encoding="utf-8")
    assert preview.rebuild().changed
    assert set(made) == {None} | personas
    preview.stop()
    assert tree(served) == fresh_tree(project, tmp_path)


def test_preview_keys_list_the_assets_of_a_page_again_only_after_a_tagging_edit(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed: list[tuple[str, str]] = []
    facts: list[str] = []
    members, play_facts = stagemap.write.depends.members, stagemap.write.depends.play_facts

    def members_spy(assets: Any, kind: str, key: str) -> Any:
        listed.append((kind, key))
        return members(assets, kind, key)

    def play_facts_spy(stage_id: str, ids: Any, targets: Any) -> Any:
        make = play_facts(stage_id, ids, targets)

        def made(report: Any) -> Any:
            facts.append(stage_id)
            return make(report)

        return made

    # What earlier tests left (the same sample) would be found again: start from nothing.
    for kept in ("_GROUPS", "_PLACED"):
        monkeypatch.setattr(stagemap.write.depends, kept, [])
    monkeypatch.setattr(stagemap.write.depends, "_FACTS", {})
    monkeypatch.setattr(stagemap.write.depends, "members", members_spy)
    monkeypatch.setattr(stagemap.write.depends, "play_facts", play_facts_spy)
    served = tmp_path / "served"
    preview = Preview(project, served, as_of=AS_OF)
    assert not preview.rebuild().error
    assert ("stage", "awareness") in listed and "awareness" in facts
    listed.clear()
    facts.clear()
    page = project / PAPER
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("title: Five signs", "title: Six signs", 1), encoding="utf-8")
    assert preview.rebuild().changed
    assert listed == [] and facts == []
    # A status edit changes the reports, not which assets a page lists.
    page.write_text(text.replace("status: published", "status: draft", 1), encoding="utf-8")
    assert preview.rebuild().changed
    assert listed == [] and "awareness" in facts
    page.write_text(text.replace("stages: [awareness", "stages: [adoption, awareness", 1), encoding="utf-8")
    assert preview.rebuild().changed
    assert ("stage", "adoption") in listed and "adoption" in facts
    preview.stop()
    assert tree(served) == fresh_tree(project, tmp_path)


def test_analyse_works_out_the_next_steps_once_for_the_reports_of_one_library(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inferred: list[int] = []
    original = coverage.infer_next

    def spy(assets: Any, candidates: Any, stage_ids: Any, *rest: Any) -> Any:
        inferred.append(len(assets))
        return original(assets, candidates, stage_ids, *rest)

    monkeypatch.setattr(coverage, "infer_next", spy)
    loaded = load_project(project)
    config, library = loaded.config, loaded.library
    personas = [None, *(p.id for p in config.personas)]
    reports = [analyse(config, library, AS_OF, persona=p) for p in personas]
    assert len(inferred) == 1
    # Another library (a status edit): worked out again, and equal to a report made on its own.
    paper = next(a for a in library.assets if a.path == PAPER)
    edited = Library(
        tuple(dataclasses.replace(a, status="draft") if a is paper else a for a in library.assets),
        library.problems,
        library.fates,
    )
    again = [analyse(config, edited, AS_OF, persona=p) for p in personas]
    assert len(inferred) == 2
    assert again != reports
    monkeypatch.setattr(coverage, "_SHARED", Latest())
    assert [analyse(config, edited, AS_OF, persona=p) for p in personas] == again
    assert any(paper.id in r.eligible for r in reports) and all(paper.id not in r.eligible for r in again)


def test_projected_hashes_again_only_the_assets_that_are_new_objects() -> None:
    seen: list[str] = []

    def project(asset: Asset) -> tuple[Any, ...]:
        seen.append(asset.id)
        return (asset.id, asset.stages)

    first, second = _asset(), _asset(id="b", path="content/b.md")
    before = projected(Library((first, second), ()), "test", project)
    assert seen == ["a", "b"]
    seen.clear()
    retitled = dataclasses.replace(second, title="Another")
    assert projected(Library((first, retitled), ()), "test", project) == before
    assert seen == ["b"]
    moved = dataclasses.replace(second, stages=("adoption",))
    assert projected(Library((first, moved), ()), "test", project) != before


def test_global_key_moves_with_a_slug_a_url_or_the_pages_and_not_with_a_title(project: Path) -> None:
    loaded = load_project(project)
    config, library = loaded.config, loaded.library
    pages = [("index.html", "home", ""), ("assets/a.html", "asset", "a")]
    key = global_key(config, library, AS_OF, pages)
    assert global_key(config, library, AS_OF, list(reversed(pages))) == key

    def edited(**fields: Any) -> Library:
        first = library.assets[0]
        return Library((dataclasses.replace(first, **fields), *library.assets[1:]), library.problems)

    assert global_key(config, edited(title="Another title"), AS_OF, pages) == key
    assert global_key(config, edited(url="https://example.com/moved/"), AS_OF, pages) != key
    assert global_key(config, edited(extra={"slug": "moved"}), AS_OF, pages) != key
    assert global_key(config, library, AS_OF, pages[:1]) != key
    assert global_key(config, library, AS_OF, pages) == key
