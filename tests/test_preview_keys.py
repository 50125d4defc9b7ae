"""Precise page keys for the plays, and the preview's incremental builds equal to a fresh build."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import stagemap.read.remembered
import stagemap.render.searchindex
import stagemap.write.depends
import stagemap.write.hashes
from stagemap import load_project
from stagemap.analyse.routes import plan_routes
from stagemap.cli.app import cli
from stagemap.model.library import Asset
from stagemap.serve.preview import Preview
from stagemap.write.cache import record_path
from stagemap.write.digests import text_hash
from tests.conftest import DATA
from tests.test_incremental import OLD, build, fresh_tree, tree

AS_OF = dt.date(2026, 11, 24)
PAPER = "content/guides/outgrown-paper.md"


@pytest.fixture
def project(sample: Path) -> Path:
    for path in (sample / "content").rglob("*"):
        os.utime(path, ns=(OLD, OLD))
    return sample


def _replace(path: Path, find: str, put: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert find in text
    path.write_text(text.replace(find, put, 1), encoding="utf-8")


def _plays(out: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted((out / "plays").rglob("*.html"))
    }


def _stages_showing(project: Path, asset_id: str) -> set[str]:
    """The stages whose plays show the asset: its own, and those of the assets leading to it."""
    library = load_project(project).library
    return {s for a in library.assets if a.id == asset_id or a.next == asset_id for s in a.stages}


def test_play_keys_a_title_edit_renders_the_plays_that_show_the_asset_and_no_other(
    project: Path, tmp_path: Path, rendered: list[str]
) -> None:
    out = tmp_path / "site"
    build(project, out)
    before = _plays(out)
    rendered.clear()
    _replace(project / PAPER, "title: Five signs", "title: Six signs")
    build(project, out)
    after = _plays(out)
    showing = _stages_showing(project, "guides/outgrown-paper")
    assert showing == {"awareness", "exploration"}
    expected = {p for p in before if p.split("/")[1].removesuffix(".html") in showing}
    assert {p for p in rendered if p.startswith("plays/")} == expected
    for path, (data, mtime) in before.items():
        if path not in expected:
            assert after[path] == (data, mtime), path
    assert b"Six signs" in after["plays/awareness.html"][0]
    assert b"Six signs" not in before["plays/awareness.html"][0]
    assert "plays.html" not in rendered and "stages.html" not in rendered


def test_play_keys_an_edit_that_changes_a_stage_count_renders_the_grids_again(
    project: Path, tmp_path: Path, rendered: list[str]
) -> None:
    out = tmp_path / "site"
    build(project, out)
    rendered.clear()
    _replace(project / PAPER, "status: published", "status: draft")
    build(project, out)
    assert {"plays.html", "stages.html"} <= set(rendered)
    build(project, tmp_path / "fresh")
    assert tree(out) == tree(tmp_path / "fresh")


def _edits(project: Path) -> list[tuple[str, str, str]]:
    """Front-matter and body edits that apply to the sample's files as they are now: (file, find, put)."""
    library = load_project(project).library
    stages = ["awareness", "exploration", "consideration", "adoption", "advocacy"]
    found = []
    for asset in library.assets:
        rel = asset.path
        text = (project / rel).read_text(encoding="utf-8")
        title = re.search(r"^title: (.+)$", text, re.M)
        if title:
            found.append((rel, title.group(0), f"title: {title.group(1)} again"))
        status = re.search(r"^status: (\w+)$", text, re.M)
        if status:
            other = "draft" if status.group(1) == "published" else "published"
            found.append((rel, status.group(0), f"status: {other}"))
        listed = re.search(r"^stages: \[(.+)\]$", text, re.M)
        if listed:
            found.append((rel, listed.group(0), f"stages: [{random.Random(rel).choice(stages)}]"))
        target = re.search(r"^next: .+$", text, re.M)
        if target:
            found.append((rel, target.group(0), "next: guides/outgrown-paper"))
        found.append((rel, "\n---\n", "\n---\n\nA new first line.\n"))
    return found


@pytest.mark.parametrize("seed", [5, 6])
def test_preview_asset_page_keys_kept_from_the_last_build_equal_keys_worked_out_again(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    real = stagemap.write.depends._asset_keys
    checked: list[str] = []

    def checking(shows: Any, base: str) -> Any:
        key_of = real(shows, base)

        def check(asset_id: str) -> str:
            found = key_of(asset_id)
            again = text_hash(f"{base}\0asset\0{asset_id!r}\0" + shows.asset(asset_id))
            assert found == again, asset_id
            checked.append(asset_id)
            return found

        return check

    monkeypatch.setattr(stagemap.write.depends, "_asset_keys", checking)
    monkeypatch.setattr(stagemap.write.depends, "_ASSET_KEYS", [])
    rng = random.Random(seed)
    preview = Preview(project, tmp_path / "served", as_of=AS_OF)
    assert not preview.rebuild().error
    # First a next step moved to another asset: the page it led to shows one asset fewer.
    first = (PAPER, "next: guides/scheduling-options", "next: sales/trial-guide")
    for n in range(13):
        rel, find, put = rng.choice(_edits(project)) if n else first
        _replace(project / rel, find, put)
        assert not preview.rebuild().error
    preview.stop()
    assert len(checked) > 38 * 10  # every build but those that found nothing to do


def _page_size(project: Path, size: int) -> None:
    """Let each list of the site show ``size`` assets, so that pages show only the first of theirs."""
    config = project / "stagemap.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + f"\nsite:\n  page_size: {size}\n", encoding="utf-8"
    )


def test_persona_and_question_pages_render_again_only_when_a_title_edit_changes_them(
    project: Path, tmp_path: Path, rendered: list[str]
) -> None:
    _page_size(project, 1)
    out = tmp_path / "site"
    build(project, out)
    kinds = ("personas/", "questions/")
    spared = 0
    for rel in sorted(str(p.relative_to(project)) for p in (project / "content").rglob("*.md"))[::4]:
        before = tree(out)
        rendered.clear()
        page = project / rel
        page.write_text(
            re.sub(r"(?m)^title: ([\"']?)", r"title: \1Now ", page.read_text(encoding="utf-8"), count=1)
        )
        assert not [line for line in build(project, out) if "error" in line]
        after = tree(out)
        changed = {p for p in after if p.startswith(kinds) and after[p] != before.get(p)}
        assert {p for p in rendered if p.startswith(kinds)} == changed, rel
        spared += sum(p.startswith(kinds) for p in after) - len(changed)
    # Without the keys by what these pages show, every page listing an edited asset renders again.
    assert spared > 0
    assert tree(out) == fresh_tree(project, tmp_path)


@pytest.mark.parametrize(("seed", "page_size"), [(1, None), (2, None), (3, 1), (4, 2)])
def test_preview_a_sequence_of_random_edits_gives_the_bytes_of_a_fresh_build(
    project: Path, tmp_path: Path, seed: int, page_size: int | None
) -> None:
    if page_size is not None:
        _page_size(project, page_size)
    rng = random.Random(seed)
    served = tmp_path / "served"
    preview = Preview(project, served, as_of=AS_OF)
    assert not preview.rebuild().error
    for _ in range(8):
        rel, find, put = rng.choice(_edits(project))
        _replace(project / rel, find, put)
        state = preview.rebuild()
        assert not state.error
        # The record kept in memory, written when idle, and another build into the folder.
        chance = rng.random()
        if chance < 0.25:
            preview.save_cache()
        elif chance < 0.5:
            build(project, served)
    preview.stop()
    assert tree(served) == fresh_tree(project, tmp_path)


def test_preview_saves_the_parse_cache_when_idle_not_after_each_edit(project: Path, tmp_path: Path) -> None:
    cache = project / ".stagemap-cache/parse-v4.json"
    preview = Preview(project, tmp_path / "served", as_of=AS_OF)
    assert not preview.rebuild().error
    first = cache.read_bytes()  # the first build read through the cache file and saved it
    page = project / PAPER
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    os.utime(page, ns=(OLD + 1, OLD + 1))
    assert preview.rebuild().changed == 1
    assert cache.read_bytes() == first
    preview.stop()
    assert cache.read_bytes() != first
    shutil.rmtree(tmp_path / "served")
    assert b"One more line." not in cache.read_bytes()  # bodies are not cached
    assert str(OLD + 1).encode() in cache.read_bytes()


def test_preview_writes_the_page_record_when_idle_and_a_later_build_renders_nothing(
    project: Path, tmp_path: Path, rendered: list[str]
) -> None:
    served = tmp_path / "served"
    preview = Preview(project, served, as_of=AS_OF)
    assert not preview.rebuild().error
    record = record_path(load_project(project).config, served)
    assert not record.exists()  # kept in memory until the watcher is idle
    preview.save_cache()
    first = record.read_bytes()
    _replace(project / PAPER, "title: Five signs", "title: Six signs")
    assert preview.rebuild().changed
    assert record.read_bytes() == first
    preview.stop()
    assert record.read_bytes() != first
    rendered.clear()
    build(project, served)
    assert rendered == []


def test_preview_reads_the_page_record_again_after_another_build_into_its_folder(
    project: Path, tmp_path: Path, rendered: list[str]
) -> None:
    served = tmp_path / "served"
    preview = Preview(project, served, as_of=AS_OF)
    assert not preview.rebuild().error
    preview.save_cache()
    _replace(project / PAPER, "title: Five signs", "title: Six signs")
    build(project, served)  # renders the pages that show the title and records them
    rendered.clear()
    assert preview.rebuild().changed == 0
    assert rendered == []
    preview.stop()
    assert tree(served) == fresh_tree(project, tmp_path)


def test_preview_makes_again_only_the_search_files_an_edit_changes(
    project: Path, tmp_path: Path, search_scripts: list[str]
) -> None:
    made = search_scripts
    served = tmp_path / "served"
    preview = Preview(project, served, as_of=AS_OF)
    assert not preview.rebuild().error
    assert "m" in made and "r:0" in made
    made.clear()
    os.utime(project / PAPER, ns=(OLD + 1, OLD + 1))  # read again, into an equal entry
    assert not preview.rebuild().error
    assert made == []
    # A word no asset has, in the message (the asset keeps its place in site order).
    _replace(project / PAPER, "describe your week", "describe your quokka week")
    assert not preview.rebuild().error
    prefixes = json.loads((served / "static/search/index.js").read_text()[len('stagemap.add("m",') : -3])
    (prefix,) = [p for p in prefixes["prefixes"] if "quokka".startswith(p)]
    assert sorted(made) == sorted(["m", "r:0", f"w:{prefix}"])
    # A title and a first stage that move the asset in site order move nothing in the index:
    # the chunks of the words the title lost and gained, its records and the manifest.
    made.clear()
    _replace(project / PAPER, "title: Five signs", "title: Zany signs")
    _replace(project / PAPER, "stages: [awareness, exploration]", "stages: [exploration]")
    assert not preview.rebuild().error
    prefixes = json.loads((served / "static/search/index.js").read_text()[len('stagemap.add("m",') : -3])
    chunks = {f"w:{p}" for p in prefixes["prefixes"] if "zany".startswith(p) or "five".startswith(p)}
    assert sorted(made) == sorted(["m", "r:0", *chunks])
    preview.stop()
    assert tree(served) == fresh_tree(project, tmp_path)


def test_preview_reads_unchanged_files_with_the_times_and_sizes_its_look_found(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    preview = Preview(project, tmp_path / "served", as_of=AS_OF)
    assert not preview.rebuild().error
    looked: list[str] = []

    class Counted:
        """The os module, counting the files the reader looks at."""

        def __getattr__(self, name: str) -> object:
            return getattr(os, name)

        @staticmethod
        def stat(path: str) -> os.stat_result:
            looked.append(Path(path).name)
            return os.stat(path)

    monkeypatch.setattr(stagemap.read.remembered, "os", Counted())
    _replace(project / PAPER, "title: Five signs", "title: Six signs")
    assert preview.rebuild().changed
    assert looked == ["outgrown-paper.md"]  # not the 37 others: the look before the build saw them
    preview.stop()
    assert tree(tmp_path / "served") == fresh_tree(project, tmp_path)


def test_preview_keys_after_a_front_matter_edit_look_again_only_at_the_edited_asset(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hashed: list[str] = []
    kits: list[str] = []
    front, internal = stagemap.write.hashes.front, stagemap.write.depends.is_internal

    def front_spy(asset: Asset) -> str:
        hashed.append(asset.id)
        return front(asset)

    def internal_spy(asset: Asset) -> bool:
        kits.append(asset.id)
        return internal(asset)

    monkeypatch.setattr(stagemap.write.hashes, "front", front_spy)
    monkeypatch.setattr(stagemap.write.depends, "is_internal", internal_spy)
    served = tmp_path / "served"
    preview = Preview(project, served, as_of=AS_OF)
    assert not preview.rebuild().error
    assert len(hashed) == len(load_project(project).library.assets)
    hashed.clear()
    kits.clear()
    _replace(project / PAPER, "title: Five signs", "title: Six signs")
    assert preview.rebuild().changed
    assert hashed == ["guides/outgrown-paper"]
    assert kits == ["guides/outgrown-paper"]
    preview.stop()
    assert tree(served) == fresh_tree(project, tmp_path)


def test_plan_routes_remembered_follow_a_changed_slug(project: Path) -> None:
    first = load_project(project)
    routes = plan_routes(first.config, first.library, {})
    assert plan_routes(first.config, first.library, {}) is routes
    assert "guides/paper-signs" not in routes.pages
    _replace(project / PAPER, "format: checklist", "format: checklist\nslug: paper-signs")
    again = load_project(project)
    moved = plan_routes(again.config, again.library, {})
    assert moved.pages["guides/paper-signs"] == "guides/outgrown-paper"


def test_preview_rebuilds_when_signals_are_imported(project: Path, tmp_path: Path) -> None:
    """Evidence from signals shows on the site: a new signals file builds again, as a fresh build would."""
    served = tmp_path / "served"
    preview = Preview(project, served, as_of=AS_OF)
    assert not preview.rebuild().error
    assert not preview.changed()
    stage = (served / "stages/awareness.html").read_bytes()
    result = CliRunner().invoke(
        cli,
        ["-C", str(project), "signals", "import", str(DATA / "signals/pages.csv"), "--source", "analytics"],
    )
    assert result.exit_code == 1, result.output  # some rows of the example export are malformed on purpose
    assert preview.changed()
    assert not preview.rebuild().error
    assert not preview.changed()
    assert (served / "stages/awareness.html").read_bytes() != stage  # the stage's evidence
    preview.stop()
    assert tree(served) == fresh_tree(project, tmp_path)


def test_preview_rebuilds_when_a_file_served_from_the_site_root_changes(
    project: Path, tmp_path: Path
) -> None:
    """A body's site-root link (`/images/x.png`) is copied from a static folder; the root itself is not watched."""
    with (project / "stagemap.yml").open("a", encoding="utf-8") as settings:
        settings.write("urls: {static: [static, .]}\n")
    _replace(project / PAPER, "\n\n", "\n\n![A chart](/images/chart.png)\n\n")
    (project / "static/images").mkdir(parents=True)
    (project / "static/images/chart.png").write_bytes(b"first")
    served = tmp_path / "served"
    preview = Preview(project, served, as_of=AS_OF)
    assert not preview.rebuild().error
    assert (served / "public/images/chart.png").read_bytes() == b"first"
    assert not preview.changed()
    (project / "static/images/chart.png").write_bytes(b"second")
    assert preview.changed()
    assert not preview.rebuild().error
    assert (served / "public/images/chart.png").read_bytes() == b"second"
    assert not preview.changed()


def test_preview_rebuilds_when_a_file_of_any_source_changes(project: Path, tmp_path: Path) -> None:
    """Material kept outside the content folder (a second source) is watched as the content is."""
    _replace(project / "stagemap.yml", "\ncontent: content\n", "\nsources: [content, handbook]\n")
    (project / "handbook").mkdir()
    page = project / "handbook/objections.md"
    page.write_text(
        "---\ntitle: Handling objections\nstages: [evaluation]\nquestions: [risk]\n---\n\nFirst.\n",
        encoding="utf-8",
    )
    served = tmp_path / "served"
    preview = Preview(project, served, as_of=AS_OF)
    assert not preview.rebuild().error
    assert not preview.changed()
    _replace(page, "First.", "Second.")
    assert preview.changed()
    assert not preview.rebuild().error
    assert b"Second." in (served / "assets/objections.html").read_bytes()
    assert not preview.changed()
    preview.stop()
