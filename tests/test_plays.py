"""Plays: one printed page per stage (and per persona), as a salesperson runs them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap import load_project
from stagemap.analyse.audience import is_internal
from stagemap.analyse.coverage import analyse
from stagemap.analyse.plays import build_play
from stagemap.cli.app import cli
from stagemap.errors import ConfigError
from tests.test_kits import AS_OF, Golden, run

DAY = dt.date.fromisoformat(AS_OF)


@pytest.mark.parametrize(
    ("stage", "persona", "fmt"),
    [
        ("commitment", None, "md"),
        ("evaluation", "office-manager", "txt"),
        ("purchase", "ops-director", "html"),
    ],
)
def test_play_golden(sample: Path, stage: str, persona: str | None, fmt: str, golden: Golden) -> None:
    args = ["-C", str(sample), "play", stage, "--format", fmt, "--as-of", AS_OF]
    if persona:
        args += ["--persona", persona]
    code, out, err = run(*args)
    assert (code, err) == (0, "")
    golden(f"plays/{stage}{'-' + persona if persona else ''}.{fmt}", out)


def test_play_never_sends_internal_material_nor_another_personas_asset(sample: Path) -> None:
    project = load_project(sample)
    config, library = project.config, project.library
    for persona in (None, *config.persona_ids):
        report = analyse(config, library, DAY, persona=persona)
        for stage in config.model.stages:
            play = build_play(config, library, report, stage.id)
            sent = [*play.send, *(a for c in play.objections for a in c.send), *(p.asset for p in play.proof)]
            for ref in sent:
                asset = library.by_id[ref.id]
                assert not is_internal(asset), (stage.id, ref.id)
                assert persona is None or not asset.personas or persona in asset.personas, (stage.id, ref.id)


def test_every_builtin_model_has_a_play_for_every_stage(tmp_path: Path) -> None:
    for name in ("buyer-journey", "acd", "buying-jobs", "hourglass", "orbits"):
        (tmp_path / "content").mkdir(exist_ok=True)
        (tmp_path / "stagemap.yml").write_text(f"model: {name}\n", encoding="utf-8")
        model = load_project(tmp_path).config.model
        for stage in model.stages:
            guide = model.guide(stage.id)
            assert guide.signals and guide.exit and guide.next_step and guide.opening, (name, stage.id)
            assert 3 <= len(guide.ask) <= 5, (name, stage.id)
            assert guide.objections and guide.red_flags and guide.not_now, (name, stage.id)


def test_play_settings_override_one_field_of_one_stage(sample: Path) -> None:
    settings = sample / "stagemap.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + "plays:\n  commitment:\n    opening: Tell me about last Monday.\n",
        encoding="utf-8",
    )
    _, out, _ = run("-C", str(sample), "play", "commitment", "--as-of", AS_OF)
    assert "> Tell me about last Monday.\n" in out
    assert "1. What made you look at this now, and what happens if nothing changes?" in out


def test_play_settings_problems_name_line_and_column(sample: Path) -> None:
    settings = sample / "stagemap.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text + "plays:\n  comitment:\n    opening: Hello.\n  purchase:\n    signal: [x]\n", encoding="utf-8"
    )
    lines = len(text.splitlines())
    with pytest.raises(ConfigError) as info:
        load_project(sample)
    message = str(info.value)
    assert (
        f"stagemap.yml:{lines + 2}:3: error: unknown stage 'comitment' (did you mean 'commitment'?)"
        in message
    )
    assert (
        f"stagemap.yml:{lines + 5}:5: error: unknown play field 'signal' (did you mean 'signals'?)" in message
    )


def test_play_uses_an_assets_line_for_the_question(sample: Path) -> None:
    path = sample / "content/sales/trial-guide.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "questions: [problems]",
            "questions: [problems]\nsays:\n  problems: Try it on one real week of jobs.",
        ),
        encoding="utf-8",
    )
    _, out, _ = run("-C", str(sample), "play", "evaluation", "--persona", "office-manager", "--as-of", AS_OF)
    assert "- Try it on one real week of jobs. ([Getting the most from a two-week trial]" in out


def test_play_objection_card_sends_the_asset_that_answers_it(sample: Path) -> None:
    _, out, _ = run("-C", str(sample), "play", "evaluation", "--as-of", AS_OF)
    line = next(x for x in out.splitlines() if x.startswith('- **"It costs more than we expected."**'))
    assert line.endswith("Send: [Pricing on one page](site/assets/sales/pricing-one-pager.html).")


def test_play_unknown_stage_and_persona_are_usage_errors(sample: Path) -> None:
    result = CliRunner().invoke(cli, ["-C", str(sample), "play", "evaluaton"])
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: unknown stage 'evaluaton' (did you mean 'evaluation'?)\n",
    )
    result = CliRunner().invoke(cli, ["-C", str(sample), "play", "evaluation", "--persona", "owner"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: unknown persona 'owner'")


def test_play_writes_a_file_with_links_relative_to_it(sample: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "commitment.md"
    target.parent.mkdir()
    code, out, _ = run("-C", str(sample), "play", "commitment", "-o", str(target), "--as-of", AS_OF)
    assert (code, out) == (0, f"Wrote {target}\n")
    assert "](../sample/site/assets/sales/business-case-one-pager.html)" in target.read_text(encoding="utf-8")


def test_rename_stage_renames_its_play_and_weight_in_settings(sample: Path) -> None:
    settings = sample / "stagemap.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + "plays:\n  commitment:\n    opening: Tell me about last Monday.\nrank:\n  stages:\n    commitment: 2\n",
        encoding="utf-8",
    )
    code, _, err = run("-C", str(sample), "rename-stage", "commitment", "deciding", "--copy-model", "--yes")
    assert (code, err) == (0, "")
    config = load_project(sample).config
    assert config.model.guide("deciding").opening == "Tell me about last Monday."
    assert config.model.guide("deciding").ask[0].startswith("What made you look at this now")
    assert config.weights.stages == {"deciding": 2.0}
