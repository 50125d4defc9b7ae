"""Plan values made on first look-up: each once, only those asked for."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from stagemap import load_project
from stagemap.analyse import kits, site
from stagemap.analyse.coverage import analyse
from stagemap.analyse.later import Later


def test_later_makes_each_value_once_on_first_lookup() -> None:
    made: list[str] = []

    def make(key: str) -> str:
        made.append(key)
        return key.upper()

    values = Later(["b", "a"], make)
    assert list(values) == ["b", "a"] and len(values) == 2 and "a" in values and "c" not in values
    assert made == []
    assert values["a"] == "A" and values["a"] == "A"
    assert made == ["a"]
    with pytest.raises(KeyError):
        values["c"]
    assert dict(values) == {"b": "B", "a": "A"}
    assert made == ["a", "b"]


def test_plan_site_builds_kits_when_a_page_asks_once_per_stage(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[tuple[str, str | None]] = []

    def counted(*args: object, **kwargs: object) -> object:
        built.append((str(args[3]), kwargs.get("persona")))  # type: ignore[arg-type]
        return kits.build_kit(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(site, "build_kit", counted)
    project = load_project(sample)
    report = analyse(project.config, project.library, dt.date(2026, 11, 24))
    plan = site.plan_site(project.config, project.library, report, generator="t")
    assert built == []
    stage = next(iter(plan.stages))
    assert plan.stages[stage].kit is plan.plays[stage]
    persona = next(iter(plan.personas))
    assert plan.plays[f"{stage}/{persona}"].persona == project.config.persona(persona)
    assert built == [(stage, None), (stage, persona)]
