"""Questions by phase: customers after the purchase are asked other questions than buyers."""

from __future__ import annotations

from pathlib import Path

import pytest

from stagemap import load_project
from stagemap.analyse.coverage import analyse
from stagemap.errors import ConfigError
from tests.conftest import MINIMAL_CONFIG, write
from tests.test_kits import run
from tests.test_plays import DAY

FOUR = ("who-we-are", "problems", "who-for", "risk")
AFTER = ("value", "help", "expand", "again")
ASSET = "---\ntitle: A\nstages: [onboarding]\nquestions: [help]\n---\n"


def asked(root: Path, stage: str) -> tuple[str, ...]:
    report = analyse(load_project(root).config, load_project(root).library, DAY)
    return tuple(c.question for c in report.cells if c.stage == stage)


def test_phase_questions_default_to_the_customers_questions_after_the_purchase(tmp_path: Path) -> None:
    write(tmp_path, {"stagemap.yml": MINIMAL_CONFIG, "content/a.md": ASSET})
    assert asked(tmp_path, "awareness") == FOUR
    assert asked(tmp_path, "purchase") == FOUR
    assert asked(tmp_path, "onboarding") == AFTER
    assert asked(tmp_path, "renewal") == AFTER
    config = load_project(tmp_path).config
    assert config.question_ids == FOUR + AFTER
    assert config.question("again").prompt == "Knowing what we know now, would we choose you again?"


def test_phase_questions_a_settings_list_is_asked_at_every_stage_as_before(tmp_path: Path) -> None:
    config = MINIMAL_CONFIG + "questions: [who-we-are, problems, who-for, risk, cost]\n"
    asset = ASSET.replace("[help]", "[risk]")
    write(tmp_path, {"stagemap.yml": config, "content/a.md": asset})
    assert asked(tmp_path, "onboarding") == (*FOUR, "cost")
    assert asked(tmp_path, "awareness") == (*FOUR, "cost")
    assert load_project(tmp_path).config.phase_questions == {}


def test_phase_questions_a_settings_mapping_replaces_only_the_phases_it_names(tmp_path: Path) -> None:
    config = MINIMAL_CONFIG + (
        "questions:\n  after:\n    - value\n    - id: renew\n      name: Renewing\n"
        "      prompt: When do we decide to renew?\n"
    )
    write(tmp_path, {"stagemap.yml": config, "content/a.md": ASSET.replace("[help]", "[renew]")})
    assert asked(tmp_path, "onboarding") == ("value", "renew")
    assert asked(tmp_path, "evaluation") == FOUR
    report = analyse(load_project(tmp_path).config, load_project(tmp_path).library, DAY)
    assert report.cell("onboarding", "renew").assets == ("a",)


def test_phase_questions_come_from_a_model_file(tmp_path: Path) -> None:
    model = (
        "stages:\n  - {id: look, phase: before, lead: marketing}\n  - {id: use, phase: after, lead: success}\n"
        "questions:\n  after: [help, again]\n"
    )
    asset = "---\ntitle: A\nstages: [use]\nquestions: [help]\n---\n"
    write(tmp_path, {"stagemap.yml": "model: m.yml\n", "m.yml": model, "content/a.md": asset})
    assert asked(tmp_path, "look") == FOUR
    assert asked(tmp_path, "use") == ("help", "again")


def test_phase_questions_unknown_phase_is_reported_at_its_line(tmp_path: Path) -> None:
    config = MINIMAL_CONFIG + "questions:\n  afterwards: [value]\n"
    write(tmp_path, {"stagemap.yml": config, "content/a.md": ASSET})
    with pytest.raises(
        ConfigError,
        match=r"stagemap\.yml:\d+:3: error: unknown phase 'afterwards' \(did you mean 'after'\?\)",
    ):
        load_project(tmp_path)


def test_phase_questions_unknown_question_in_a_phase_is_reported(tmp_path: Path) -> None:
    config = MINIMAL_CONFIG + "questions:\n  after: [valeu]\n"
    write(tmp_path, {"stagemap.yml": config, "content/a.md": ASSET})
    with pytest.raises(ConfigError, match=r"unknown question 'valeu' \(did you mean 'value'\?"):
        load_project(tmp_path)


def test_phase_questions_new_gap_refuses_a_question_the_stage_does_not_ask(sample: Path) -> None:
    code, out, err = run("-C", str(sample), "new", "--gap", "onboarding:risk")
    assert (code, out) == (2, "")
    assert err == "Error: 'onboarding' does not ask question 'risk' (it asks value, help, expand, again)\n"


def test_phase_questions_kit_after_the_purchase_asks_the_customers_questions(sample: Path) -> None:
    code, out, _ = run("-C", str(sample), "kit", "renewal", "--as-of", "2026-11-24")
    assert code == 0
    headings = [line for line in out.splitlines() if line.startswith("### ")]
    assert headings == [
        "### What has it given us so far, in terms we care about?",
        "### Who helps us when something goes wrong, and how fast?",
        "### What more could it do for us, and for whom else here?",
        "### Knowing what we know now, would we choose you again?",
    ]


def test_phase_questions_report_matrix_has_a_header_for_the_stages_after_the_purchase(sample: Path) -> None:
    _, out, _ = run("-C", str(sample), "report", "--width", "100", "--as-of", "2026-11-24")
    lines = out.splitlines()
    purchase = next(i for i, line in enumerate(lines) if line.startswith("Deciding and buying"))
    assert lines[purchase + 1].split() == list(AFTER)
    assert lines[purchase + 2].startswith("Getting started")
