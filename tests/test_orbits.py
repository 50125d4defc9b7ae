"""Orbits (``order: any``): buyers move between stages in any order, so nothing points back."""

from __future__ import annotations

from pathlib import Path

from stagemap import load_project
from stagemap.analyse.coverage import analyse
from stagemap.analyse.kits import build_kit
from stagemap.model.report import Report
from tests.conftest import write
from tests.test_plays import DAY


def asset(stage: str, nxt: str) -> str:
    return f"---\ntitle: {stage} to {nxt}\nstages: [{stage}]\nquestions: [problems]\nnext: {nxt}\n---\n"


def orbits(tmp_path: Path, files: dict[str, str]) -> tuple[Report, Path]:
    write(tmp_path, {"stagemap.yml": "model: orbits\n", **files})
    project = load_project(tmp_path)
    return analyse(project.config, project.library, DAY), tmp_path


def test_orbits_backward_and_sideways_moves_hand_buyers_on(tmp_path: Path) -> None:
    report, root = orbits(
        tmp_path,
        {
            # Back from the third orbit to the first, and from the fourth to the second.
            "content/back.md": asset("benefit", "awareness"),
            "content/side.md": asset("observation", "potential"),
            # Far forward, from the first orbit to the tenth.
            "content/jump.md": asset("awareness", "refer"),
        },
    )
    assert report.backward == ()
    assert {"benefit", "observation", "awareness"}.isdisjoint(report.stuck)
    assert report.stages[2].forward == ("back",)
    project = load_project(root)
    kit = build_kit(project.config, project.library, report, "benefit")
    assert [(s.target, s.direction) for s in kit.next_steps] == [("awareness", "forward")]


def test_orbits_a_step_that_stays_in_its_orbit_moves_nobody(tmp_path: Path) -> None:
    report, _ = orbits(
        tmp_path,
        {
            "content/loop.md": asset("potential", "potential"),
            "content/here.md": asset("benefit", "there"),
            "content/there.md": asset("benefit", "benefit"),
        },
    )
    assert "potential" in report.stuck
    assert "benefit" in report.stuck
    assert report.backward == ()


def test_line_order_lists_the_same_backward_move_as_pointing_back(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"stagemap.yml": "model: hourglass\n", "content/back.md": asset("trust", "know")},
    )
    project = load_project(tmp_path)
    report = analyse(project.config, project.library, DAY)
    assert [(n.asset, n.target, n.reason) for n in report.backward] == [("back", "know", "backward")]
    assert "trust" in report.stuck
