"""Speed must not change the output: incremental, cached and parallel builds give the same bytes,
and an edit re-renders exactly what it must."""

from __future__ import annotations

import gc
import multiprocessing
import os
import pty
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap import load_project
from stagemap.analyse import reports as reports_module
from stagemap.cli.app import cli
from stagemap.write.workers import parallel_map
from tests.conftest import ROOT, benchmark_module

AS_OF = "2026-11-24"
OLD = 1_600_000_000_000_000_000


def build(project: Path, out: Path, *extra: str) -> list[str]:
    result = CliRunner().invoke(cli, ["-C", str(project), "build", "-o", str(out), "--as-of", AS_OF, *extra])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def fresh_tree(project: Path, tmp_path: Path) -> dict[str, bytes]:
    """The files of a build from nothing (no parse cache, a new folder): what an incremental one must equal."""
    shutil.rmtree(project / ".stagemap-cache", ignore_errors=True)
    build(project, tmp_path / "fresh")
    return tree(tmp_path / "fresh")


def changed_files(line: str) -> int:
    return int(line.split("(")[1].split(" file")[0])


@pytest.fixture
def project(sample: Path) -> Path:
    for path in (sample / "content").rglob("*"):
        os.utime(path, ns=(OLD, OLD))
    (sample / "content/blog/pic.png").write_bytes(b"\x89PNG fake image")
    page = sample / "content/blog/friday-invoicing.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n![A picture](pic.png)\n", encoding="utf-8")
    os.utime(page, ns=(OLD, OLD))
    return sample


def test_second_build_reuses_every_page_and_changes_nothing(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(project, out)
    first = tree(out)
    (line,) = build(project, out)
    assert changed_files(line) == 0
    assert tree(out) == first
    assert "files/blog/pic.png" in first  # an attachment of a reused page stays


def test_editing_one_body_rewrites_only_its_page(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(project, out)
    before = tree(out)
    page = project / "content/blog/missed-calls-cost.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line at the end.\n", encoding="utf-8")
    build(project, out)
    after = tree(out)
    differ = sorted(k for k in after if after[k] != before.get(k))
    assert differ == ["assets/blog/missed-calls-cost.html"]
    # ...and the result is what a build from nothing gives.
    build(project, tmp_path / "fresh")
    assert tree(tmp_path / "fresh") == after


PAPER = "content/guides/outgrown-paper.md"
FRONT_MATTER_EDITS = {
    # name: (file, text to find, text to put instead)
    "title of an asset others lead to": (PAPER, "title: ", "title: Renamed "),
    "a stage removed": (PAPER, "stages: [awareness, exploration]", "stages: [awareness]"),
    "a stage added": (
        PAPER,
        "stages: [awareness, exploration]",
        "stages: [awareness, exploration, purchase]",
    ),
    "a question added": (PAPER, "questions: [problems, who-for]", "questions: [problems, who-for, risk]"),
    "personas dropped (for everyone)": (PAPER, "personas: [owner-operator, office-manager]\n", ""),
    "a persona removed": (PAPER, "personas: [owner-operator, office-manager]", "personas: [office-manager]"),
    "to draft": (PAPER, "status: published", "status: draft"),
    "retired": (PAPER, "status: published", "status: retired"),
    "past its review date": (PAPER, "review_by: 2027-07-11", "review_by: 2026-01-01"),
    "updated": (PAPER, "updated: 2026-07-11", "updated: 2026-07-12"),
    "next to a stage": (PAPER, "next: guides/scheduling-options", "next: purchase"),
    "next to another asset": (PAPER, "next: guides/scheduling-options", "next: sales/trial-guide"),
    "next to nothing that exists": (PAPER, "next: guides/scheduling-options", "next: guides/nowhere"),
    "next removed": (PAPER, "next: guides/scheduling-options\n", ""),
    "format": (PAPER, "format: checklist", "format: guide"),
    "message": (PAPER, "message: If two", "message: When two"),
    "summary": (PAPER, "summary: A short", "summary: A quick"),
    "owner": (PAPER, "owner: Dana Whitlock", "owner: Sam Okafor"),
    "cta": (PAPER, "cta: Compare", "cta: See"),
    "an id of its own": (PAPER, "format: checklist", "format: checklist\nid: paper-signs"),
    "an unknown field": (PAPER, "format: checklist", "format: checklist\ncolour: green"),
    "broken front matter": (PAPER, "stages: [awareness, exploration]", "stages: [awareness, exploration"),
    "an unknown stage": (PAPER, "stages: [awareness, exploration]", "stages: [awareness, explorashun]"),
    "a body": (PAPER, "Tick the ones", "Tick all the ones"),
}


@pytest.mark.parametrize("name", sorted(FRONT_MATTER_EDITS))
def test_front_matter_edits_give_the_same_bytes_as_a_fresh_build(
    project: Path, tmp_path: Path, name: str
) -> None:
    out = tmp_path / "site"
    build(project, out)
    rel, find, put = FRONT_MATTER_EDITS[name]
    page = project / rel
    text = page.read_text(encoding="utf-8")
    assert find in text
    page.write_text(text.replace(find, put, 1), encoding="utf-8")
    build(project, out)
    assert tree(out) == fresh_tree(project, tmp_path)


@pytest.mark.parametrize(
    "edit",
    [
        "setting",  # stagemap.yml
        "template",  # a project template
        "attachment",  # a file a body links to disappears
        "new asset",  # a file added
        "asset removed",  # a file deleted
    ],
)
def test_other_edits_give_the_same_bytes_as_a_fresh_build(project: Path, tmp_path: Path, edit: str) -> None:
    out = tmp_path / "site"
    build(project, out)
    if edit == "setting":
        config = project / "stagemap.yml"
        config.write_text(
            config.read_text(encoding="utf-8").replace("name: Fernhill", "name: Fernhill Ltd"),
            encoding="utf-8",
        )
    elif edit == "template":
        (project / "templates/site").mkdir(parents=True, exist_ok=True)
        (project / "templates/site/asset.html.j2").write_text(
            '{% extends "stagemap/site/asset.html.j2" %}{% block title %}Custom{% endblock %}',
            encoding="utf-8",
        )
    elif edit == "new asset":
        (project / "content/guides/new-one.md").write_text(
            "---\ntitle: A new one\nstages: [awareness]\nquestions: [problems]\nstatus: published\n"
            "next: guides/outgrown-paper\n---\n\nSee [the signs](outgrown-paper.md).\n",
            encoding="utf-8",
        )
    elif edit == "asset removed":
        (project / "content/guides/scheduling-options.md").unlink()
    else:
        (project / "content/blog/pic.png").unlink()
    build(project, out)
    build(project, tmp_path / "fresh")
    assert tree(out) == tree(tmp_path / "fresh")


def test_a_page_edited_by_hand_is_rendered_again(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(project, out)
    original = (out / "gaps.html").read_bytes()
    (out / "gaps.html").write_bytes(b"scribbled")
    (line,) = build(project, out)
    assert changed_files(line) == 1
    assert (out / "gaps.html").read_bytes() == original


def test_a_damaged_record_means_a_full_and_equal_build(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(project, out)
    first = tree(out)
    (record,) = (project / ".stagemap-cache").glob("pages-v2-*.json")
    for damage in (b"", b"{]", b'{"format": "stagemap pages", "out_dir": 1, "pages": []}'):
        record.write_bytes(damage)
        build(project, out)
        assert tree(out) == first
    shutil.rmtree(project / ".stagemap-cache")
    build(project, out)
    assert tree(out) == first


def test_a_deleted_folder_is_built_again_whole_and_its_record_serves_the_next_build(
    project: Path, tmp_path: Path, rendered: list[str]
) -> None:
    out = tmp_path / "site"
    build(project, out)
    first = tree(out)
    shutil.rmtree(out)  # the parse cache and the page record stay
    rendered.clear()
    (line,) = build(project, out)
    assert len(rendered) == 99 and changed_files(line) == len(first) - 1  # all but the manifest
    assert tree(out) == first
    rendered.clear()
    (line,) = build(project, out)
    assert rendered == [] and changed_files(line) == 0


def test_parallel_and_serial_builds_give_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = tmp_path / "lib"
    benchmark_module("generate").generate(120, library)
    monkeypatch.setenv("STAGEMAP_WORKERS", "1")
    build(library, tmp_path / "serial")
    shutil.rmtree(library / ".stagemap-cache")
    monkeypatch.setenv("STAGEMAP_WORKERS", "2")
    build(library, tmp_path / "parallel")
    serial, parallel = tree(tmp_path / "serial"), tree(tmp_path / "parallel")
    assert len(serial) > 120
    assert serial == parallel


def test_reused_pages_are_not_rendered_at_all(project: Path, tmp_path: Path, rendered: list[str]) -> None:
    out = tmp_path / "site"
    build(project, out)
    assert len(rendered) == 99
    rendered.clear()
    build(project, out)
    assert rendered == []
    page = project / "content/blog/missed-calls-cost.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    build(project, out)
    assert rendered == ["assets/blog/missed-calls-cost.html"]


def test_a_template_error_in_a_worker_leaves_the_folder_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = tmp_path / "lib"
    benchmark_module("generate").generate(120, library)
    monkeypatch.setenv("STAGEMAP_WORKERS", "2")
    out = tmp_path / "site"
    build(library, out)
    before = tree(out)
    (library / "templates/site").mkdir(parents=True)
    (library / "templates/site/asset.html.j2").write_text(
        '{% extends "stagemap/site/asset.html.j2" %}{% block main %}{{ asset.nope }}{% endblock %}',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["-C", str(library), "build", "-o", str(out), "--as-of", AS_OF])
    assert result.exit_code == 2
    assert "templates/site/asset.html.j2:1:" in result.stderr
    assert "has no attribute 'nope'" in result.stderr
    assert tree(out) == before


def test_page_keys_are_the_same_in_every_process() -> None:
    """Sets in the settings must not make every build a full one (string hashing varies)."""
    code = (
        "import datetime as dt, stagemap\n"
        "from stagemap.analyse.coverage import analyse\n"
        "from stagemap.write.publish import _page_keys, site_pages\n"
        f"p = stagemap.load_project({str(ROOT)!r})\n"
        "keys = _page_keys(p, analyse(p.config, p.library, dt.date(2026, 11, 24)), site_pages(p.config, p.library))\n"
        "print(len(keys), sorted(keys.items()))\n"
    )
    keys = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(keys) == 1 and next(iter(keys)).startswith("99 [")


@pytest.mark.parametrize(("assets", "shown"), [(40, False), (230, True)])
def test_progress_bar_only_for_long_builds_on_a_terminal(tmp_path: Path, assets: int, shown: bool) -> None:
    library = tmp_path / "lib"
    benchmark_module("generate").generate(assets, library)
    controller, terminal = pty.openpty()
    command = [sys.executable, "-m", "stagemap", "-C", str(library), "build", "--as-of", AS_OF]
    chunks: list[bytes] = []

    def drain() -> None:
        # Read the terminal while the build runs: a pty holds only a few KB, and a build
        # whose progress bar filled it would block on its next write and never exit.
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=terminal, timeout=300)
    os.close(terminal)
    reader.join(timeout=30)
    seen = b"".join(chunks)
    os.close(controller)
    assert result.returncode == 0
    assert (b"Rendering pages" in seen) is shown
    assert result.stdout.startswith(b"Built ")


def test_a_refused_parallel_build_leaves_no_trace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    library = tmp_path / "lib"
    benchmark_module("generate").generate(120, library)
    monkeypatch.setenv("STAGEMAP_WORKERS", "2")
    out = tmp_path / "site"
    page = next(iter(sorted((library / "content").rglob("*.md")))).relative_to(library / "content")
    mine = out / "assets" / page.with_suffix(".html")
    mine.parent.mkdir(parents=True)
    mine.write_text("mine\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["-C", str(library), "build", "-o", str(out), "--as-of", AS_OF])
    assert result.exit_code == 2
    assert "already holds files that stagemap did not write" in result.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        "assets",
        f"assets/{page.parent.as_posix()}",
        f"assets/{page.with_suffix('.html').as_posix()}",
    ]


def test_a_front_matter_edit_renders_only_the_pages_that_show_the_asset(
    project: Path, tmp_path: Path, rendered: list[str]
) -> None:
    out = tmp_path / "site"
    build(project, out)
    rendered.clear()
    page = project / PAPER
    page.write_text(
        page.read_text(encoding="utf-8").replace("owner: Dana", "owner: Dan", 1), encoding="utf-8"
    )
    build(project, out)
    # Its page, the pages of the assets that lead to it and of the one it leads to, its stages
    # (and those of the assets leading to it), its questions and personas, and the overviews
    # that list every asset; no play (a kit does not show the owner), not the page of a persona
    # it does not name (though an asset for that persona leads to it), and not the stages page
    # or the plays grid (the counts did not change).
    assert sorted(rendered) == sorted(
        [
            "assets.html",
            "assets/blog/missed-calls-cost.html",
            "assets/blog/why-we-started-fernhill.html",
            "assets/guides/outgrown-paper.html",
            "assets/guides/scheduling-options.html",
            "gaps.html",
            "index.html",
            "personas/office-manager.html",
            "personas/owner-operator.html",
            "questions/problems.html",
            "questions/who-for.html",
            "stages/awareness.html",
            "stages/exploration.html",
        ]
    )


def test_parallel_map_leaves_a_callers_frozen_objects_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    unfrozen: list[bool] = []
    gc.freeze()
    try:
        monkeypatch.setattr(gc, "unfreeze", lambda: unfrozen.append(True))
        frozen = gc.get_freeze_count()
        assert list(parallel_map(abs, list(range(-200, 0)), 2)) == list(range(200, 0, -1))
        # (A frozen object that dies leaves the count: the multiprocessing module frees a few.)
        assert unfrozen == [] and frozen - 50 < gc.get_freeze_count() <= frozen
    finally:
        monkeypatch.undo()
        gc.unfreeze()


_REPORTS = multiprocessing.get_context("fork").Value("i", 0) if hasattr(os, "fork") else None


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_a_build_from_nothing_makes_each_persona_report_once_in_all_its_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The page keys (the main process) and the plays (a page worker) both want them: made
    # before the workers fork, the worker finds them made.
    library = tmp_path / "lib"
    benchmark_module("generate").generate(230, library)
    real = reports_module.analyse

    def counted(*args: object, **kwargs: object) -> object:
        assert _REPORTS is not None
        if kwargs.get("persona"):
            with _REPORTS.get_lock():
                _REPORTS.value += 1
        return real(*args, **kwargs)  # type: ignore[arg-type]

    assert _REPORTS is not None
    _REPORTS.value = 0
    monkeypatch.setattr(reports_module, "analyse", counted)
    monkeypatch.setenv("STAGEMAP_WORKERS", "2")
    assert build(library, tmp_path / "site")[0].startswith("Built 293 pages in ")
    personas = load_project(library).config.personas
    assert len(personas) == 3 and _REPORTS.value == len(personas)
