"""The report's ranking acts like a content strategist: cheap fixes first, each with its command."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from stagemap import load_project
from stagemap.analyse.coverage import analyse
from tests.conftest import MINIMAL_CONFIG, write
from tests.test_kits import AS_OF, run
from tests.test_plays import DAY

PAGE = "---\ntitle: Tagged\nstages: [awareness]\nquestions: [problems]\n---\nBody.\n"


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


def test_rank_tag_what_you_have_first_on_a_site_with_untagged_pages(tmp_path: Path) -> None:
    """Day one on a site: the pages are there but untagged, so one action to tag them comes before
    any gap to make; the command it gives runs and proposes tags."""
    page = "---\ntitle: {title}\n---\n{body}\n"
    root = write(
        tmp_path,
        {
            "stagemap.yml": MINIMAL_CONFIG + "cache: false\ngenerator: hugo\nsources: [content]\n",
            "content/pricing.md": page.format(
                title="Pricing", body="Plans from 20 a month. Cancel any time."
            ),
            "content/story.md": page.format(title="Why we started", body="We started in a van in 2019."),
            "content/tagged.md": PAGE,
        },
    )
    listed = actions(root)
    assert listed[0] == {
        "rank": 1,
        "kind": "tag",
        "stage": "",
        "question": "",
        "asset": "",
        "text": "Tag what you have first: 2 of 3 assets have no stages or questions yet, so the gaps "
        "below may be pages you already have. The command proposes tags from each page's own "
        "words; a rule in stagemap.yml tags a whole folder at once.",
        "command": "stagemap suggest",
        "weight": 1.0,
    }
    assert [a["kind"] for a in listed].count("tag") == 1 and "make" in [a["kind"] for a in listed]
    code, out, err = run("-C", str(root), *shlex.split(str(listed[0]["command"]))[1:])
    assert code == 0 and "content/pricing.md" in out
    assert err == "5 suggestions for 2 of 2 files without stages or questions.\n"
    # Once every page is tagged, the action is gone.
    tagged = write(
        tmp_path / "all", {"stagemap.yml": MINIMAL_CONFIG + "cache: false\n", "content/a.md": PAGE}
    )
    assert "tag" not in [a["kind"] for a in actions(tagged)]
