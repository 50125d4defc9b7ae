"""Work done ahead: asset bodies rendered by a worker while the build makes its report and plan."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.write import publish
from stagemap.write.ahead import Ahead
from stagemap.write.workers import MIN_ITEMS
from tests.conftest import benchmark_module

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the worker is forked")


def _slow_square(item: int) -> tuple[int, int]:
    time.sleep(0.002)
    return item * item, os.getpid()


def test_ahead_gives_what_its_worker_made_by_item_once_stopped() -> None:
    ahead = Ahead(_slow_square, list(range(MIN_ITEMS * 100)), 2)
    time.sleep(0.5)  # a few hundred items of 2 ms, of the 6,400 that would take 13 s
    made = ahead.take()
    assert 0 < len(made) < MIN_ITEMS * 100  # stopped before the end
    assert list(made) == list(range(len(made)))  # in order, from the first
    assert all(value == item * item and pid != os.getpid() for item, (value, pid) in made.items())
    assert ahead.process is None


def _fails_at_ten(item: int) -> int:
    if item == 10:
        raise ValueError("made again by the caller, who reports it")
    return item


def test_ahead_stops_at_an_item_that_fails_and_gives_those_before() -> None:
    ahead = Ahead(_fails_at_ten, list(range(MIN_ITEMS)), 2)
    time.sleep(0.5)  # the worker's start and ten items, with room to spare
    assert ahead.take() == {item: item for item in range(10)}


def test_ahead_that_finished_everything_gives_everything() -> None:
    ahead = Ahead(abs, list(range(-MIN_ITEMS, 0)), 2)
    time.sleep(0.5)
    assert ahead.take() == {item: -item for item in range(-MIN_ITEMS, 0)}


def test_ahead_makes_nothing_with_one_worker_or_few_items() -> None:
    for ahead in (Ahead(abs, list(range(MIN_ITEMS)), 1), Ahead(abs, list(range(MIN_ITEMS - 1)), 2)):
        assert ahead.process is None
        assert ahead.take() == {}


def test_ahead_closed_without_taking_ends_its_worker() -> None:
    ahead = Ahead(_slow_square, list(range(MIN_ITEMS * 100)), 2)
    process = ahead.process
    ahead.close()
    assert process is not None and not process.is_alive()
    assert ahead.take() == {}


def test_ahead_whose_worker_died_gives_nothing() -> None:
    ahead = Ahead(_slow_square, list(range(MIN_ITEMS * 100)), 2)
    ahead.process.kill()
    ahead.process.join()
    assert ahead.take() == {}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated library of 300 assets: enough for bodies to be made ahead."""
    project = tmp_path_factory.mktemp("ahead") / "library"
    benchmark_module("generate").generate(300, project)
    return project


def test_a_build_with_bodies_made_ahead_writes_the_same_site(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken: list[int] = []
    real = Ahead.take

    def take(self: Ahead) -> dict[object, object]:
        made = real(self)
        taken.append(len(made))
        return made

    monkeypatch.setattr(Ahead, "take", take)
    # The plan takes a while, so that the worker surely makes bodies meanwhile.
    plan_site = publish.plan_site

    def slow_plan(*args: object, **kwargs: object) -> object:
        time.sleep(0.3)
        return plan_site(*args, **kwargs)

    monkeypatch.setattr(publish, "plan_site", slow_plan)
    runner = CliRunner()
    args = ["-C", str(generated), "build", "--as-of", "2026-11-24", "-o"]
    monkeypatch.setenv("STAGEMAP_WORKERS", "2")
    assert runner.invoke(cli, [*args, str(tmp_path / "ahead")]).exit_code == 0
    monkeypatch.setenv("STAGEMAP_WORKERS", "1")
    assert runner.invoke(cli, [*args, str(tmp_path / "here")]).exit_code == 0
    assert taken[0] > 0 and taken[1:] == [0]
    assert _tree(tmp_path / "ahead") == _tree(tmp_path / "here")


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_build_that_fails_while_bodies_are_made_ahead_ends_the_worker(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[Ahead] = []
    real = Ahead.__init__

    def init(self: Ahead, *args: object) -> None:
        real(self, *args)  # type: ignore[arg-type]
        started.append(self)

    def failing_plan(*args: object, **kwargs: object) -> object:
        raise RuntimeError("the plan failed")

    monkeypatch.setattr(Ahead, "__init__", init)
    monkeypatch.setattr(publish, "plan_site", failing_plan)
    monkeypatch.setenv("STAGEMAP_WORKERS", "2")
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["-C", str(generated), "build", "--as-of", "2026-11-24", "-o", str(out)])
    assert isinstance(result.exception, RuntimeError)
    assert len(started) == 1 and started[0].process is None  # closed: the worker was ended and waited for
    assert multiprocessing.active_children() == []


def test_ahead_worker_whose_caller_is_gone_ends_without_a_word(capfd: pytest.CaptureFixture[str]) -> None:
    ahead = Ahead(_slow_square, list(range(MIN_ITEMS * 100)), 2)
    time.sleep(0.2)
    ahead.conn.close()  # as a caller killed outright leaves it: no stop, nobody reading
    ahead.process.join(timeout=20)
    assert ahead.process.exitcode == 0
    assert capfd.readouterr().err == ""
