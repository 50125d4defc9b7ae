"""Staged files put in place: whole folders into a new output folder, one by one elsewhere."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.write import placing, publish
from tests.conftest import benchmark_module

AS_OF = "2026-11-24"


def _build(project: Path, out: Path) -> str:
    result = CliRunner().invoke(cli, ["-C", str(project), "build", "-o", str(out), "--as-of", AS_OF])
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    return result.stdout


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("placing") / "lib"
    benchmark_module("generate").generate(230, project)
    return project


@pytest.fixture(scope="module")
def alone(library: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The site as one process builds it, into a new folder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STAGEMAP_WORKERS", "1")
        out = tmp_path_factory.mktemp("alone") / "site"
        _build(library, out)
    return _tree(out)


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record every rename `placing` makes (each is a fault point: see `stagemap.write.faults`)."""
    renamed: list[int] = []
    monkeypatch.setattr(placing, "fault", lambda point, count=0: renamed.append(count))
    return renamed


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_a_new_output_folder_gets_whole_folders_and_the_same_site(
    library: Path, alone: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STAGEMAP_WORKERS", "2")
    renamed = _counting(monkeypatch)
    out = tmp_path / "site"
    assert _build(library, out).startswith("Built 293 pages in ")
    assert _tree(out) == alone
    # 331 files, most of them in folders that only one of the two processes wrote to.
    assert len(alone) == 332 and 0 < len(renamed) < 100
    assert renamed == list(range(1, len(renamed) + 1))


def test_an_existing_output_folder_gets_each_file_renamed_in(
    library: Path, alone: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STAGEMAP_WORKERS", "1")
    out = tmp_path / "site"
    out.mkdir()  # made by someone else: no folder of it is the build's to move in whole
    renamed = _counting(monkeypatch)
    _build(library, out)
    assert _tree(out) == alone
    assert len(renamed) == len(alone) - 1  # every file but the manifest, one by one


_FAILED = multiprocessing.get_context("fork").Value("i", 0) if hasattr(os, "fork") else None


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_files_a_failing_worker_never_handed_over_are_not_moved_in(
    library: Path, alone: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The worker makes its first chunk, then writes two wrong pages of its second and fails: the
    # main process makes that chunk again. Moved in with the worker's folder, the two wrong files
    # could win; the worker's folder holds files it did not hand over, so its files go one by one.
    assert _FAILED is not None
    _FAILED.value = 0
    real = publish.render_page
    made = [0]

    def render_page(*args: Any, **kwargs: Any) -> Any:
        page = real(*args, **kwargs)
        if multiprocessing.parent_process() is None:
            return page
        made[0] += 1
        if made[0] in (38, 39):
            return type(page)(page.path, "wrong", page.linked)
        if made[0] == 40:
            with _FAILED.get_lock():
                _FAILED.value += 1
            raise RuntimeError("a worker-only failure")
        return page

    monkeypatch.setattr(publish, "render_page", render_page)
    monkeypatch.setenv("STAGEMAP_WORKERS", "2")
    out = tmp_path / "site"
    _build(library, out)
    assert _FAILED.value == 1
    assert _tree(out) == alone
