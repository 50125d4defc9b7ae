"""The report's ranking acts like a content strategist: cheap fixes first, each with its command."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from stagemap import load_project
from stagemap.analyse.coverage import analyse
from tests.test_kits import AS_OF, run
from tests.test_plays import DAY


def actions(root: Path, *extra: str) -> list[dict[str, object]]:
    code, out, _ = run("-C", str(root), "report", "--format", "json", "--as-of", AS_OF, *extra)
    assert code == 0
    return list(json.loads(out)["actions"])


def test_rank_sample_first_five_are_the_cheap_fixes(sample: Path) -> None:
    first = [(a["kind"], a["stage"], a["asset"]) for a in actions(sample)[:5]]
    assert first == [
        ("add-next", "commitment", "sales/business-case-one-pager"),
        ("review", "awareness", "blog/apprentice-diary"),
        ("review", "evaluation", "customers/testimonial-wall"),
        ("publish", "exploration", "guides/planning-a-switch-in-quiet-season"),
        ("publish", "commitment", "sales/change-plan-first-month"),
    ]


def test_rank_stuck_and_pre_purchase_gaps_before_post_purchase_ones(sample: Path) -> None:
    made = [(a["stage"], a["question"]) for a in actions(sample) if a["kind"] == "make"]
    assert made[:2] == [("commitment", "who-we-are"), ("commitment", "who-for")]
    after = {"onboarding", "adoption", "advocacy", "renewal"}
    first_after = next(i for i, (s, _) in enumerate(made) if s in after)
    assert all(s in after for s, _ in made[first_after:])


def test_rank_pipeline_asset_that_fills_the_cell_replaces_making_one(sample: Path) -> None:
    listed = actions(sample)
    assert ("commitment", "risk") not in [(a["stage"], a["question"]) for a in listed if a["kind"] == "make"]
    # The draft already covers commitment x risk, so the idea for the same cell is not suggested.
    assert "sales/partner-conversation" not in [a["asset"] for a in listed]


def test_rank_add_next_command_unsticks_the_stage(sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    command = str(actions(sample)[0]["command"])
    monkeypatch.chdir(sample)  # the commands are written to be run in the project folder
    code, _, err = run(*shlex.split(command)[1:])
    assert (code, err) == (0, "")
    project = load_project(sample)
    report = analyse(project.config, project.library, DAY)
    assert "commitment" not in report.stuck
    assert report.actions[0].kind != "add-next"


def test_rank_weights_reorder_and_leave_out(sample: Path) -> None:
    settings = sample / "stagemap.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "rank:\n  stages:\n    purchase: 3\n    advocacy: 0\n",
        encoding="utf-8",
    )
    listed = actions(sample)
    made = [a for a in listed if a["kind"] == "make"]
    assert made[0]["stage"] == "purchase"
    assert made[0]["weight"] == 3.0
    assert "advocacy" not in {a["stage"] for a in listed}


def test_rank_persona_report_ranks_only_that_personas_assets(sample: Path) -> None:
    listed = actions(sample, "--persona", "office-manager")
    project = load_project(sample)
    for action in listed:
        if action["asset"]:
            personas = project.library.by_id[str(action["asset"])].personas
            assert not personas or "office-manager" in personas
