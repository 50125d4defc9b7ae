"""Obstacles with ids: models carry them, assets answer them, kits and plays show who answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from stagemap import load_project
from stagemap.analyse.coverage import analyse
from stagemap.analyse.kits import build_kit
from stagemap.analyse.plays import build_play
from stagemap.errors import ConfigError
from stagemap.model.journey import Stall
from stagemap.read.models import builtin_model_names
from tests.conftest import MINIMAL_CONFIG, write
from tests.test_kits import run
from tests.test_plays import AS_OF, DAY

ANSWERING = """\
---
title: The cost sheet
stages: [commitment]
questions: [problems]
answers: [cost-never-worked-out]
---
Body.
"""


def _answered(root: Path, stage: str, persona: str | None = None) -> dict[str, tuple[list[str], list[str]]]:
    """Obstacle text to (named asset ids, guessed asset ids) in the kit of one stage."""
    project = load_project(root)
    report = analyse(project.config, project.library, DAY, persona=persona)
    kit = build_kit(project.config, project.library, report, stage, persona=persona)
    return {
        o.text: ([a.id for a in o.assets], [a.id for a in o.guessed]) for o in (*kit.stuck, *kit.backward)
    }


def test_models_every_builtin_obstacle_has_an_id_unique_in_its_stage(tmp_path: Path) -> None:
    for name in builtin_model_names():
        write(tmp_path, {"stagemap.yml": f"name: x\nmodel: {name}\n", "content/.keep": ""})
        model = load_project(tmp_path).config.model
        for stage in model.stages:
            ids = [s.id for s in (*stage.stuck, *stage.backward)]
            assert all(ids), (name, stage.id)
            # An objection of the stage's play has an id of its own too: `answers` names one thing.
            ids += [o.id for o in model.guide(stage.id).objections]
            assert len(set(ids)) == len(ids), (name, stage.id)


def test_models_read_plain_text_and_id_obstacles_side_by_side(tmp_path: Path) -> None:
    config = MINIMAL_CONFIG.replace(
        "model: buyer-journey\n",
        "model: buyer-journey\nstages:\n  awareness:\n    stuck:\n"
        "      - {id: no-time, text: They cannot find an hour}\n      - Plain words\n",
    )
    write(tmp_path, {"stagemap.yml": config, "content/a.md": ANSWERING})
    stage = load_project(tmp_path).config.model.stage("awareness")
    assert stage is not None
    assert stage.stuck == (Stall("They cannot find an hour", "no-time"), Stall("Plain words"))
    assert str(stage.stuck[0]) == "They cannot find an hour"


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (
            "{id: No Time, text: x}",
            "stagemap.yml:6:9: error: an obstacle is text, or a mapping with an 'id' (lowercase letters, "
            "digits, -) and its 'text' (e.g. - {id: no-time, text: They cannot find an hour to look at it})",
        ),
        (
            "{id: no-time, txt: x}",
            "stagemap.yml:6:9: error: an obstacle is text, or a mapping with an 'id' (lowercase letters, "
            "digits, -) and its 'text' (e.g. - {id: no-time, text: They cannot find an hour to look at it})",
        ),
    ],
)
def test_models_a_malformed_obstacle_is_an_error_at_its_line(tmp_path: Path, item: str, message: str) -> None:
    config = MINIMAL_CONFIG.replace(
        "model: buyer-journey\n", f"model: buyer-journey\nstages:\n  awareness:\n    stuck:\n      - {item}\n"
    )
    assert config.splitlines()[5] == f"      - {item}"
    write(tmp_path, {"stagemap.yml": config})
    with pytest.raises(ConfigError) as caught:
        load_project(tmp_path)
    assert message in str(caught.value)


def test_models_a_duplicate_obstacle_id_in_a_stage_is_an_error(tmp_path: Path) -> None:
    config = MINIMAL_CONFIG.replace(
        "model: buyer-journey\n",
        "model: buyer-journey\nstages:\n  awareness:\n    stuck:\n      - {id: same, text: a}\n"
        "    backward:\n      - {id: same, text: b}\n",
    )
    write(tmp_path, {"stagemap.yml": config})
    with pytest.raises(
        ConfigError, match=r"stagemap.yml:8:\d+: error: duplicate obstacle id 'same' in this stage"
    ):
        load_project(tmp_path)


def test_models_show_lists_obstacles_with_their_ids() -> None:
    code, out, _ = run("models", "show", "acd")
    assert code == 0
    assert (
        "   Stalls:\n"
        "     jargon: Jargon that makes the problem sound like someone else's\n"
        "     no-time-to-think: Too little time to think beyond this week\n"
        "     ads-jump-to-product: Advertising that jumps straight to the product\n"
        "   Sends back:\n"
        "     symptom-fades: The symptom fades for a while\n"
        "     sales-trap: A first contact that feels like a sales trap\n"
    ) in out


def test_check_answers_naming_no_obstacle_is_an_error_with_the_closest_id(sample: Path) -> None:
    path = sample / "content/sales/business-case-one-pager.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("answers: [not-the-right-time,", "answers: [cost-nevr-worked-out,"), "utf-8")
    code, _, err = run("-C", str(sample), "check")
    assert code == 1
    assert err == (
        "content/sales/business-case-one-pager.md:7:11: error: unknown objection or obstacle "
        "'cost-nevr-worked-out' (did you mean 'cost-never-worked-out'?)\n"
    )


def test_check_answers_far_from_any_id_lists_those_of_the_assets_stages(sample: Path) -> None:
    path = sample / "content/customers/year-one-review.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("answers: [not-using-it-enough,", "answers: [zzz,"), "utf-8")
    code, _, err = run("-C", str(sample), "check")
    assert code == 1
    assert err == (
        "content/customers/year-one-review.md:6:11: error: unknown objection or obstacle 'zzz' (ids at "
        "this asset's stages: renewal-date-unknown, value-not-written-down, price-rise-before-value, "
        "surprise-auto-renewal, new-decider-at-renewal, not-using-it-enough, cheaper-elsewhere)\n"
    )


def test_check_answers_of_another_stage_is_a_warning(sample: Path) -> None:
    path = sample / "content/sales/business-case-one-pager.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("answers: [not-the-right-time,", "answers: [hidden-terms,"), "utf-8")
    code, _, err = run("-C", str(sample), "check")
    assert code == 0
    assert err == (
        "content/sales/business-case-one-pager.md:7:11: warning: 'hidden-terms' belongs to stage "
        "'evaluation', which this asset does not serve (add the stage to 'stages', or answer one of "
        "its own)\n"
    )


def test_check_answers_follow_the_settings_overrides(sample: Path) -> None:
    settings = sample / "stagemap.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + "stages:\n  commitment:\n    stuck:\n      - {id: no-figure, text: Nobody worked out the cost}\n",
        encoding="utf-8",
    )
    code, _, err = run("-C", str(sample), "check")
    assert code == 1
    assert (
        "content/sales/business-case-one-pager.md:7:31: error: unknown objection or obstacle "
        "'cost-never-worked-out'"
    ) in err
    write(sample, {"content/sales/cost-sheet.md": ANSWERING.replace("cost-never-worked-out", "no-figure")})
    assert "cost-sheet" not in run("-C", str(sample), "check")[2]


def test_kit_lists_named_answers_for_the_persona_only(sample: Path) -> None:
    everyone = _answered(sample, "evaluation")
    assert everyone["No evidence that the product works for a business like theirs"] == (
        ["case-studies/hollis-heating", "case-studies/kettering-plumbing", "sales/trial-guide"],
        [],
    )
    office = _answered(sample, "evaluation", "office-manager")
    assert office["No evidence that the product works for a business like theirs"] == (
        ["case-studies/kettering-plumbing", "sales/trial-guide"],
        [],
    )


def test_kit_never_guesses_for_an_obstacle_with_an_id(sample: Path) -> None:
    assert all(not guessed for _, guessed in _answered(sample, "awareness").values())


def test_kit_guesses_for_a_plain_text_obstacle_and_says_so(sample: Path) -> None:
    settings = sample / "stagemap.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + "stages:\n  commitment:\n    stuck:\n      - Missed calls were never turned into a figure\n",
        encoding="utf-8",
    )
    assert _answered(sample, "commitment")["Missed calls were never turned into a figure"] == (
        [],
        ["tools/cost-of-missed-jobs-calculator"],
    )
    code, out, _ = run("-C", str(sample), "kit", "commitment", "--format", "txt", "--as-of", AS_OF)
    assert code == 0
    assert (
        "  - Missed calls were never turned into a figure -> perhaps What do missed\n"
        "    jobs cost you? A calculator (guessed from shared words)\n"
    ) in out


def test_kit_sends_answering_assets_and_notes_unanswered_ids_for_the_team(sample: Path) -> None:
    code, out, _ = run("-C", str(sample), "kit", "commitment", "--format", "txt", "--as-of", AS_OF)
    assert code == 0
    assert (
        "  - The cost of the problem was never worked out, so the price feels arbitrary\n"
        "    -> send The business case on one page, What do missed jobs cost you? A\n"
        "    calculator\n"
    ) in out
    assert (
        '  - No asset answers "A pushy close before the problem is agreed" (add\n'
        "    answers: [pushy-close] to one that does)\n"
    ) in out


def test_play_shows_stalls_with_what_to_send_and_the_rest_in_the_appendix(sample: Path) -> None:
    project = load_project(sample)
    report = analyse(project.config, project.library, DAY)
    play = build_play(project.config, project.library, report, "onboarding")
    # Five are answered; the play has room for four, stalls before setbacks.
    assert [(o.id, [a.id for a in o.assets]) for o in play.stalls] == [
        ("setup-time", ["customers/getting-started-guide"]),
        ("staff-see-extra-work", ["customers/getting-started-guide"]),
        ("missing-data", ["customers/getting-started-guide"]),
        ("bad-first-week", ["customers/getting-started-guide"]),
    ]
    play = build_play(project.config, project.library, report, "commitment")
    assert [s.id for s in play.appendix.unanswered_stalls] == ["unheard-resister", "pushy-close"]


def test_play_leaves_to_the_objection_cards_what_they_already_send(sample: Path) -> None:
    project = load_project(sample)
    report = analyse(project.config, project.library, DAY)
    play = build_play(project.config, project.library, report, "evaluation")
    carded = {a.id for card in play.objections for a in card.send}
    assert {"case-studies/hollis-heating", "sales/pricing-one-pager"} <= carded
    # `hidden-terms` is answered only by the pricing page, which a card sends: it is left out.
    assert [(o.id, [a.id for a in o.assets]) for o in play.stalls] == [
        ("no-evidence-for-us", ["sales/trial-guide"]),
        ("problem-reframed", ["sales/fernhill-vs-big-platforms"]),
    ]


def test_sample_most_obstacles_have_an_answering_asset(sample: Path) -> None:
    project = load_project(sample)
    report = analyse(project.config, project.library, DAY)
    kits = [build_kit(project.config, project.library, report, s) for s in project.config.model.stage_ids]
    obstacles = [o for kit in kits for o in (*kit.stuck, *kit.backward)]
    assert (sum(bool(o.assets) for o in obstacles), len(obstacles)) == (30, 45)
