"""Lint rules and report gates: each gate fails alone, with its reasons."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from stagemap import load_project
from stagemap.analyse import lint as lint_module
from stagemap.analyse.coverage import analyse
from stagemap.analyse.lint import lint
from stagemap.errors import ConfigError
from stagemap.model.report import GATES, Report
from tests.conftest import MINIMAL_CONFIG, write
from tests.test_kits import run
from tests.test_plays import AS_OF, DAY

HARD_SELL_POST = """\
---
title: Spring offer
stages: [awareness]
questions: [problems]
format: blog-post
next: purchase
cta: 20% off this week, buy now
---
Body.
"""


def sample_report(root: Path) -> Report:
    project = load_project(root)
    return analyse(project.config, project.library, DAY)


def test_lint_catches_the_hard_sell_awareness_post(sample: Path) -> None:
    (sample / "content/blog/spring-offer.md").write_text(HARD_SELL_POST, encoding="utf-8")
    project = load_project(sample)
    found = [p.format() for p in lint(project.config, project.library, DAY) if p.code == "hard-sell"]
    off = "switch the rule off with 'lint: {hard-sell: false}' in stagemap.yml"
    assert found == [
        "content/blog/spring-offer.md:6:7: warning: marketing-led asset hands buyers straight to 'purchase', "
        f"at the purchase (give it the next step a buyer at this stage is ready for; {off})",
        "content/blog/spring-offer.md:7:6: warning: marketing-led asset's call to action is a hard sell "
        f"('20% off') (offer the buyer's next step, not a deal; {off})",
    ]


def test_lint_leaves_sales_led_next_steps_to_the_purchase_alone(sample: Path) -> None:
    project = load_project(sample)
    assert [p for p in lint(project.config, project.library, DAY) if p.code == "hard-sell"] == []
    assert any(a.next == "purchase" for a in project.library.assets)


def test_lint_rules_can_be_switched_off(sample: Path) -> None:
    (sample / "content/blog/spring-offer.md").write_text(HARD_SELL_POST, encoding="utf-8")
    settings = sample / "stagemap.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "lint:\n  hard-sell: false\n  no-not-for: false\n",
        encoding="utf-8",
    )
    project = load_project(sample)
    assert lint(project.config, project.library, DAY) == ()


def test_lint_unknown_rule_is_a_settings_error(sample: Path) -> None:
    settings = sample / "stagemap.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text + "lint:\n  hard_sell: false\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unknown lint rule 'hard_sell' \(did you mean 'hard-sell'\?\)"):
        load_project(sample)


def test_lint_no_not_for_names_each_stage_without_such_material(sample: Path) -> None:
    assert [p for p in sample_report(sample).lint if p.code == "no-not-for"] == []
    for name in ("tools/cost-of-missed-jobs-calculator.md", "sales/pricing-one-pager.md"):
        path = sample / "content" / name
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace(" not for you yet", "").replace("not a fit", "no match"), encoding="utf-8"
        )
    stages = [p.message for p in sample_report(sample).lint if p.code == "no-not-for"]
    assert stages == [
        "no asset at stage 'commitment' says who the offer is not for",
        "no asset at stage 'evaluation' says who the offer is not for",
    ]


def test_lint_flags_the_init_placeholders(tmp_path: Path) -> None:
    assert run("init", str(tmp_path / "p"))[0] == 0
    project = load_project(tmp_path / "p")
    found = [p.message for p in lint(project.config, project.library, DAY) if p.code == "placeholder"]
    assert found == [
        "'messages' is missing: kits show no company message per question",
        "'purpose' is still the placeholder written by stagemap init",
    ]


def test_gate_each_level_fails_alone_with_its_reasons(sample: Path) -> None:
    report = sample_report(sample)
    assert report.gate(["stuck"]) == (
        "commitment is stuck: nothing published hands buyers on to a later stage",
    )
    assert report.gate(["stale"]) == (
        "blog/apprentice-diary is past its review date",
        "customers/testimonial-wall is past its review date",
    )
    assert report.gate(["balance"]) == ("17% of the effort is after the purchase, less than 20%",)
    assert all(" is empty (" in r for r in report.gate(["empty"]))
    assert all(" is thin (" in r for r in report.gate(["thin"]))
    assert report.gate(["lint"]) == ()
    (sample / "content/blog/spring-offer.md").write_text(HARD_SELL_POST, encoding="utf-8")
    sold = sample_report(sample)
    assert sold.gate(["lint"]) == tuple(HARD_SELL_LINES)
    for level in GATES:
        assert sold.gate([level]), level
    assert report.gate(["stuck", "stale"]) == report.gate(["stuck"]) + report.gate(["stale"])
    with pytest.raises(ValueError, match="unknown gate 'some'"):
        report.gate(["some"])


def test_gate_passes_when_its_findings_are_fixed(sample: Path) -> None:
    run(
        "-C",
        str(sample),
        "tag",
        str(sample / "content/sales/business-case-one-pager.md"),
        "--set",
        "next=evaluation",
    )
    settings = sample / "stagemap.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "min_after_share: 0.1\n", encoding="utf-8")
    report = sample_report(sample)
    assert report.gate(["stuck", "balance"]) == ()
    assert report.gate(["stale"]) != ()


ORBIT_ASSET = """\
---
title: {title}
stages: [{stage}]
questions: [problems]
next: {next}
---
Body.
"""


@pytest.mark.parametrize(("model", "stuck", "backward"), [("orbits", False, 0), ("hourglass", True, 1)])
def test_orbits_allow_moves_in_any_order(tmp_path: Path, model: str, stuck: bool, backward: int) -> None:
    first, second = ("awareness", "benefit") if model == "orbits" else ("know", "like")
    (tmp_path / "content").mkdir()
    (tmp_path / "stagemap.yml").write_text(f"model: {model}\n", encoding="utf-8")
    (tmp_path / "content/back.md").write_text(
        ORBIT_ASSET.format(title="Back", stage=second, next=first), encoding="utf-8"
    )
    report = sample_report(tmp_path)
    assert (second in report.stuck) is stuck
    assert len(report.backward) == backward
    project = load_project(tmp_path)
    assert project.config.model.free_order is (model == "orbits")


def test_model_order_must_be_line_or_any(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "stagemap.yml").write_text(
        "model:\n  order: loop\n  stages:\n    - {id: a, phase: before, lead: marketing}\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError, match=r"stagemap\.yml:2:10: error: unknown model order 'loop'"):
        load_project(tmp_path)


HARD_SELL_LINES = [
    "content/blog/spring-offer.md:6:7: warning: marketing-led asset hands buyers straight to 'purchase', "
    "at the purchase (give it the next step a buyer at this stage is ready for; switch the rule off "
    "with 'lint: {hard-sell: false}' in stagemap.yml)",
    "content/blog/spring-offer.md:7:6: warning: marketing-led asset's call to action is a hard sell "
    "('20% off') (offer the buyer's next step, not a deal; switch the rule off with "
    "'lint: {hard-sell: false}' in stagemap.yml)",
]


def test_check_shows_lint_warnings_and_strict_fails_on_them(sample: Path) -> None:
    (sample / "content/blog/spring-offer.md").write_text(HARD_SELL_POST, encoding="utf-8")
    code, out, err = run("-C", str(sample), "check")
    assert code == 0
    assert err.splitlines() == HARD_SELL_LINES
    assert out.startswith("Checked 39 files in content/ ")
    assert out.splitlines()[0].endswith(": 0 errors, 2 warnings.")
    assert run("-C", str(sample), "check", "--strict")[0] == 1


def test_check_leaves_out_lint_rules_switched_off(sample: Path) -> None:
    (sample / "content/blog/spring-offer.md").write_text(HARD_SELL_POST, encoding="utf-8")
    settings = sample / "stagemap.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "lint:\n  hard-sell: false\n", encoding="utf-8"
    )
    code, _out, err = run("-C", str(sample), "check", "--strict")
    assert (code, err) == (0, "")


def test_check_sample_is_clean_with_lint(sample: Path) -> None:
    code, out, err = run("-C", str(sample), "check", "--strict")
    assert (code, err) == (0, "")
    assert out.splitlines()[0].endswith(": no problems.")


def test_report_lists_lint_in_json_markdown_and_table(sample: Path) -> None:
    (sample / "content/blog/spring-offer.md").write_text(HARD_SELL_POST, encoding="utf-8")
    _, out, _ = run("-C", str(sample), "report", "--format", "json", "--as-of", AS_OF)
    data = json.loads(out)
    assert [p["code"] for p in data["lint"]] == ["hard-sell", "hard-sell"]
    assert data["lint"][0] == {
        "path": "content/blog/spring-offer.md",
        "line": 6,
        "col": 7,
        "severity": "warning",
        "code": "hard-sell",
        "message": "marketing-led asset hands buyers straight to 'purchase', at the purchase",
        "hint": "give it the next step a buyer at this stage is ready for; switch the rule off with "
        "'lint: {hard-sell: false}' in stagemap.yml",
    }
    _, out, _ = run("-C", str(sample), "report", "--format", "md", "--as-of", AS_OF)
    section = out.split("## Lint\n\n", 1)[1].split("\n\n", 1)[0]
    assert section.splitlines() == [f"- {line}" for line in HARD_SELL_LINES]
    _, out, _ = run("-C", str(sample), "report", "--width", "300", "--as-of", AS_OF)
    assert out.split("\nLint\n", 1)[1].splitlines()[:2] == [f"  {line}" for line in HARD_SELL_LINES]


def test_report_without_lint_has_no_lint_section(sample: Path) -> None:
    assert "## Lint" not in run("-C", str(sample), "report", "--format", "md", "--as-of", AS_OF)[1]
    assert "\nLint\n" not in run("-C", str(sample), "report", "--as-of", AS_OF)[1]


@pytest.mark.parametrize(
    ("level", "first", "last", "count"),
    [
        ("empty", "exploration × who-we-are is empty (0 of 2)", "renewal × expand is empty (0 of 2)", 11),
        ("thin", "awareness × who-we-are is thin (1 of 2)", "renewal × again is thin (1 of 2)", 14),
        (
            "stuck",
            "commitment is stuck: nothing published hands buyers on to a later stage",
            "commitment is stuck: nothing published hands buyers on to a later stage",
            1,
        ),
        (
            "stale",
            "blog/apprentice-diary is past its review date",
            "customers/testimonial-wall is past its review date",
            2,
        ),
        (
            "balance",
            "17% of the effort is after the purchase, less than 20%",
            "17% of the effort is after the purchase, less than 20%",
            1,
        ),
        ("lint", HARD_SELL_LINES[0], HARD_SELL_LINES[1], 2),
    ],
)
def test_fail_on_each_level_fails_with_its_reasons_on_stderr(
    sample: Path, level: str, first: str, last: str, count: int
) -> None:
    if level == "lint":
        (sample / "content/blog/spring-offer.md").write_text(HARD_SELL_POST, encoding="utf-8")
    code, out, err = run(
        "-C", str(sample), "report", "--format", "json", "--as-of", AS_OF, "--fail-on", level
    )
    lines = err.splitlines()
    assert code == 1
    assert json.loads(out)["version"] == 1
    assert (lines[0], lines[-1], len(lines)) == (
        f"fail-on {level}: {first}",
        f"fail-on {level}: {last}",
        count,
    )


PAGE = "---\ntitle: The cost sheet\nstages: [awareness]\nquestions: [problems]\n---\nBody.\n"


def test_fail_on_levels_together_name_each_finding_once_under_its_level(sample: Path) -> None:
    code, _, err = run(
        "-C", str(sample), "report", "--format", "json", "--as-of", AS_OF,
        "--fail-on", "stuck", "--fail-on", "empty", "--fail-on", "thin", "--fail-on", "never",
    )  # fmt: skip
    lines = err.splitlines()
    assert code == 1
    assert [line.split(":", 1)[0] for line in lines] == (
        ["fail-on stuck"] + ["fail-on empty"] * 11 + ["fail-on thin"] * 14
    )
    assert len(set(lines)) == len(lines)


def test_lint_settings_warnings_point_at_their_key(tmp_path: Path) -> None:
    config = (
        MINIMAL_CONFIG
        + "purpose: >-\n  Say why the company exists and what it believes, not what it sells.\n"
    )
    write(tmp_path, {"stagemap.yml": config, "content/a.md": PAGE})
    project = load_project(tmp_path)
    found = [p.format().split(" (")[0] for p in lint(project.config, project.library, DAY)]
    line = config.splitlines().index("purpose: >-") + 1
    model = next(i for i, text in enumerate(config.splitlines(), 1) if text.startswith("model:"))
    assert found == [
        "stagemap.yml:1:1: warning: 'messages' is missing: kits show no company message per question",
        f"stagemap.yml:{model}:1: warning: no asset at stage 'awareness' says who the offer is not for",
        f"stagemap.yml:{line}:1: warning: 'purpose' is still the placeholder written by stagemap init",
    ]


def test_lint_no_not_for_points_at_the_stage_in_a_model_file(tmp_path: Path) -> None:
    model = (
        "id: own\nstages:\n  - id: notice\n    name: Notice\n    phase: before\n    lead: marketing\n"
        "  - id: buy\n    name: Buy\n    phase: at\n    lead: sales\n"
    )
    config = MINIMAL_CONFIG.replace("model: buyer-journey", "model: own.yml")
    page = PAGE.replace("awareness", "notice")
    write(tmp_path, {"stagemap.yml": config, "own.yml": model, "content/a.md": page})
    project = load_project(tmp_path)
    found = [
        p.format().split(" (")[0]
        for p in lint(project.config, project.library, DAY)
        if p.code == "no-not-for"
    ]
    assert found == ["own.yml:3:5: warning: no asset at stage 'notice' says who the offer is not for"]


def test_lint_runs_once_for_the_reports_of_one_library(sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = lint_module._lint

    def counted(*args: object) -> object:
        calls.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(lint_module, "_lint", counted)
    project = load_project(sample)
    everyone = analyse(project.config, project.library, DAY)
    owners = analyse(project.config, project.library, DAY, persona="owner-operator")
    assert calls == [1]
    assert owners.lint is everyone.lint
    # Another day is linted again: review dates move with it.
    analyse(project.config, project.library, DAY + dt.timedelta(days=1))
    assert calls == [1, 1]
