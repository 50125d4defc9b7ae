"""The gap analysis on small libraries written inline: states, thresholds, flow, balance, ranking."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from stagemap.analyse.coverage import analyse
from stagemap.model.library import Library, Vocabulary
from stagemap.read.assets import link, parse_asset
from stagemap.read.settings import config_from_data

DAY = dt.date(2026, 6, 1)


def make(tmp_path: Path, settings: dict[str, Any], assets: dict[str, str]) -> tuple[Any, Library]:
    config = config_from_data(tmp_path, {"model": "acd", **settings})
    vocab = Vocabulary.of(config)
    parsed = [
        parse_asset(f"content/{name}.md", name, f"---\n{fm}---\n".encode(), vocab)
        for name, fm in assets.items()
    ]
    library = link(parsed, vocab)
    assert library.problems == ()
    return config, library


def asset(stages: str, questions: str, **extra: str) -> str:
    lines = [f"title: {stages} {questions}", f"stages: [{stages}]", f"questions: [{questions}]"]
    lines += [f"{k}: {v}" for k, v in extra.items()]
    return "\n".join(lines) + "\n"


def test_cell_states_follow_threshold(tmp_path: Path) -> None:
    config, lib = make(
        tmp_path,
        {},
        {
            "a": asset("awareness", "problems"),
            "b": asset("awareness", "problems, risk"),
            "c": asset("consideration", "problems"),
        },
    )
    report = analyse(config, lib, DAY)
    assert (report.cell("awareness", "problems").state, report.cell("awareness", "problems").count) == (
        "covered",
        2,
    )
    assert report.cell("awareness", "risk").state == "thin"
    assert report.cell("awareness", "who-for").state == "empty"
    assert report.cell("consideration", "problems").assets == ("c",)


def test_thresholds_per_stage_beat_per_question_beat_global(tmp_path: Path) -> None:
    settings = {"thresholds": {"covered": 3, "stages": {"awareness": 1}, "questions": {"risk": 1}}}
    config, lib = make(
        tmp_path, settings, {"a": asset("awareness", "problems"), "b": asset("decision", "risk, problems")}
    )
    report = analyse(config, lib, DAY)
    assert report.cell("awareness", "problems").state == "covered"
    assert report.cell("decision", "risk").state == "covered"
    assert report.cell("decision", "problems").state == "thin"
    assert report.cell("decision", "problems").threshold == 3


def test_not_applicable_cells_are_never_gaps(tmp_path: Path) -> None:
    config, lib = make(
        tmp_path, {"not_applicable": ["decision:who-we-are"]}, {"a": asset("awareness", "problems")}
    )
    report = analyse(config, lib, DAY)
    assert report.cell("decision", "who-we-are").state == "n/a"
    assert ("decision", "who-we-are") not in {(g.stage, g.question) for g in report.next_to_make}


def test_only_published_and_unexpired_assets_count(tmp_path: Path) -> None:
    config, lib = make(
        tmp_path,
        {},
        {
            "pub": asset("awareness", "problems"),
            "draft": asset("awareness", "problems", status="draft"),
            "old": asset("awareness", "problems", review_by="2026-05-31"),
            "gone": asset("awareness", "problems", status="retired"),
            "today": asset("awareness", "problems", review_by="2026-06-01"),
        },
    )
    report = analyse(config, lib, DAY)
    assert report.cell("awareness", "problems").assets == ("pub", "today")
    assert (report.stale, report.pipeline, report.retired) == (("old",), ("draft",), ("gone",))
    later = analyse(config, lib, dt.date(2026, 6, 2))
    assert later.cell("awareness", "problems").assets == ("pub",)


def test_persona_filter_keeps_assets_for_everyone(tmp_path: Path) -> None:
    settings = {"personas": [{"id": "owner"}, {"id": "manager"}]}
    config, lib = make(
        tmp_path,
        settings,
        {
            "all": asset("awareness", "problems"),
            "own": asset("awareness", "problems", personas="[owner]"),
            "man": asset("awareness", "problems", personas="[manager]"),
        },
    )
    report = analyse(config, lib, DAY, persona="owner", by_persona=True)
    assert report.cell("awareness", "problems").assets == ("all", "own")
    rows = {r.persona: r.cells for r in report.by_persona}
    assert rows["manager"][0] == ("awareness", 2, "covered")
    assert rows["owner"][1] == ("consideration", 0, "empty")


def test_persona_report_counts_eligible_among_its_own_assets(tmp_path: Path) -> None:
    """``eligible`` is counted against ``total``; next steps may still reach anyone's asset."""
    settings = {"personas": [{"id": "owner"}, {"id": "manager"}]}
    config, lib = make(
        tmp_path,
        settings,
        {
            "all": asset("awareness", "problems", next="man"),
            "own": asset("awareness", "problems", personas="[owner]"),
            "own-draft": asset("awareness", "problems", personas="[owner]", status="draft"),
            "man": asset("consideration", "problems", personas="[manager]"),
        },
    )
    report = analyse(config, lib, DAY, persona="owner")
    assert (report.total, report.eligible) == (3, ("all", "own"))
    assert report.reachable == ("all", "man", "own")
    assert report.stages[0].forward == ("all",)
    everyone = analyse(config, lib, DAY)
    assert (everyone.total, everyone.eligible, everyone.reachable) == (
        4,
        ("all", "man", "own"),
        ("all", "man", "own"),
    )


def test_flow_stuck_dead_ends_broken_and_backward(tmp_path: Path) -> None:
    config, lib = make(
        tmp_path,
        {},
        {
            "a1": asset("awareness", "problems", next="consideration"),
            "c1": asset("consideration", "problems", next="a1"),
            "c2": asset("consideration", "risk", next="d-draft"),
            "c3": asset("consideration", "who-for"),
            "d-draft": asset("decision", "risk", status="draft"),
            "d1": asset("decision", "risk"),
        },
    )
    report = analyse(config, lib, DAY)
    assert report.stuck == ("consideration",)
    assert report.dead_ends == ("c3",)
    assert [(n.asset, n.target, n.reason) for n in report.broken_next] == [("c2", "d-draft", "unpublished")]
    assert [(n.asset, n.target) for n in report.backward] == [("c1", "a1")]
    assert report.stages[0].forward == ("a1",)


def test_balance_warns_when_little_after_purchase(tmp_path: Path) -> None:
    config, lib = make(
        tmp_path,
        {"model": "buyer-journey"},
        {"a": asset("awareness", "problems"), "b": asset("onboarding", "risk")},
    )
    report = analyse(config, lib, DAY)
    assert report.balance.counts == {"before": 1, "at": 0, "after": 1}
    assert not report.balance.warning
    config, lib = make(
        tmp_path,
        {"model": "buyer-journey", "min_after_share": 0.6},
        {"a": asset("awareness", "problems"), "b": asset("onboarding", "risk")},
    )
    assert analyse(config, lib, DAY).balance.warning


def test_ranking_empty_before_thin_and_stuck_stages_first(tmp_path: Path) -> None:
    config, lib = make(
        tmp_path,
        {"questions": ["problems", "risk"]},
        {
            "a": asset("awareness", "problems", next="consideration"),
            "c": asset("consideration", "problems, risk"),
            "c2": asset("consideration", "problems"),
            "d": asset("decision", "problems, risk"),
        },
    )
    report = analyse(config, lib, DAY)
    ranked = [(g.stage, g.question, g.state) for g in report.next_to_make]
    assert ranked == [
        ("awareness", "risk", "empty"),
        ("consideration", "risk", "thin"),
        ("awareness", "problems", "thin"),
        ("decision", "problems", "thin"),
        ("decision", "risk", "thin"),
    ]
    assert report.stuck == ("consideration",)
    assert report.next_to_make[0].reason.startswith("Awareness: nothing answers")


@pytest.mark.parametrize(("level", "expected"), [("never", 0), ("empty", 1), ("thin", 5), ("stuck", 6)])
def test_fail_on_levels(tmp_path: Path, level: str, expected: int) -> None:
    config, lib = make(
        tmp_path,
        {"questions": ["problems", "risk"]},
        {
            "a": asset("awareness", "problems", next="consideration"),
            "c": asset("consideration", "problems, risk"),
            "c2": asset("consideration", "problems"),
            "d": asset("decision", "problems, risk"),
        },
    )
    assert analyse(config, lib, DAY).findings(level) == expected


def test_report_failures_say_why_the_gate_fails(tmp_path: Path) -> None:
    config, lib = make(
        tmp_path,
        {"questions": ["problems", "risk"]},
        {
            "a": asset("awareness", "problems", next="consideration"),
            "c": asset("consideration", "problems, risk"),
            "c2": asset("consideration", "problems"),
            "d": asset("decision", "problems, risk"),
        },
    )
    report = analyse(config, lib, DAY)
    assert report.failures("never") == ()
    assert report.failures("empty") == ("awareness \u00d7 risk is empty (0 of 2)",)
    assert report.failures("stuck") == (
        "awareness \u00d7 risk is empty (0 of 2)",
        "awareness \u00d7 problems is thin (1 of 2)",
        "consideration \u00d7 risk is thin (1 of 2)",
        "decision \u00d7 problems is thin (1 of 2)",
        "decision \u00d7 risk is thin (1 of 2)",
        "consideration is stuck: nothing published hands buyers on to a later stage",
    )
    assert report.failures("thin") == report.failures("stuck")[:-1]
    with pytest.raises(ValueError, match="unknown fail level 'some'"):
        report.failures("some")
