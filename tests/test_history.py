"""``stagemap history``: coverage per stage and cell over the git history, and its SVG charts."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from stagemap.analyse.history import History, Point, pick
from stagemap.render.history import SHAPES, render_svg
from tests.test_diff import (
    MINIMAL_CONFIG,
    START,
    asset_text,
    build_repo,
    checked_out,
    commit_all,
    git,
    report_of,
    run,
    write,
)

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[str]]]:
    folder = tmp_path_factory.mktemp("history")
    yield folder, build_repo(folder, commits=24, seed=5)


def test_history_gives_the_cells_of_report_on_each_checked_out_commit(
    repo: tuple[Path, list[str]], tmp_path: Path
) -> None:
    folder, shas = repo
    code, out, _ = run(folder, "history", "--by", "commit", "--format", "json")
    assert code == 0
    data = json.loads(out)
    # The first commit has no stagemap.yml: it is left out.
    assert [p["commit"] for p in data["points"]] == shas[1:]
    for point in data["points"]:
        day = dt.date.fromisoformat(point["date"])
        expected, _ = report_of(checked_out(folder, point["commit"], tmp_path / point["commit"]), day)
        assert point["cells"] == [
            {"stage": c.stage, "question": c.question, "count": c.count, "state": c.state}
            for c in expected.cells
        ]
        assert point["stages"] == [
            {"stage": s.stage.id, "count": s.count, "state": s.state} for s in expected.stages
        ]
        assert (point["stuck"], point["eligible"]) == (list(expected.stuck), len(expected.eligible))


def test_history_by_month_takes_the_last_commit_of_each_month(repo: tuple[Path, list[str]]) -> None:
    folder, shas = repo
    code, out, _ = run(folder, "history", "--by", "month", "--format", "json")
    assert code == 0
    points = json.loads(out)["points"]
    assert [p["period"] for p in points] == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]
    # shas[0] predates the settings; weekly commits from Monday 5 January: 26 January is the last.
    assert (points[0]["commit"], points[0]["date"]) == (shas[4], "2026-01-26")


def test_history_since_and_until_limit_the_commits(repo: tuple[Path, list[str]]) -> None:
    folder, shas = repo
    code, out, _ = run(folder, "history", "--since", "2026-02-01", "--until", "2026-02-28", "--format", "csv")
    assert code == 0
    rows = out.splitlines()
    assert rows[0] == "period,commit,date,stage,question,count,state"
    assert sorted({row.split(",")[0] for row in rows[1:]}) == ["2026-W06", "2026-W07", "2026-W08", "2026-W09"]
    assert {row.split(",")[1] for row in rows[1:]} == set(shas[5:9])
    # One row per stage and one per cell, for each point: 9 stages x (1 + 4 questions).
    assert len(rows) == 1 + 4 * 9 * 5


def test_history_range_reads_only_the_commits_in_it(repo: tuple[Path, list[str]]) -> None:
    folder, shas = repo
    code, out, _ = run(folder, "history", f"{shas[20]}..{shas[22]}", "--by", "commit", "--format", "json")
    assert code == 0
    assert [p["commit"] for p in json.loads(out)["points"]] == shas[21:23]


def test_history_table_shows_stage_counts_per_period(tmp_path: Path) -> None:
    write(tmp_path, {"stagemap.yml": MINIMAL_CONFIG})
    git(tmp_path, "init", "-q")
    write(
        tmp_path, {"content/a.md": asset_text({"title": "A", "stages": ["awareness"], "questions": ["risk"]})}
    )
    commit_all(tmp_path, "a", START)
    write(
        tmp_path,
        {
            "content/b.md": asset_text(
                {
                    "title": "B",
                    "stages": ["awareness", "exploration"],
                    "questions": ["risk"],
                    "review_by": "2026-01-20",
                }
            )
        },
    )
    commit_all(tmp_path, "b", START + dt.timedelta(days=8))
    write(
        tmp_path, {"content/c.md": asset_text({"title": "C", "stages": ["advocacy"], "questions": ["risk"]})}
    )
    commit_all(tmp_path, "c", START + dt.timedelta(days=22))
    code, out, _ = run(tmp_path, "history")
    assert code == 0
    # b goes stale on 20 January: the week of the third commit no longer counts it.
    assert out == (
        "period    date        awareness  exploration  commitment  evaluation  purchase  onboarding  adoption  advocacy"
        "  renewal\n"
        "2026-W02  2026-01-05          1            0           0           0         0           0         0         0"
        "        0\n"
        "2026-W03  2026-01-13          2            1           0           0         0           0         0         0"
        "        0\n"
        "2026-W05  2026-01-27          1            0           0           0         0           0         0         1"
        "        0\n"
    )


def test_history_bad_date_is_a_usage_error(repo: tuple[Path, list[str]]) -> None:
    folder, _ = repo
    code, _, err = run(folder, "history", "--since", "last week")
    assert code == 2
    assert "'last week' is not a date like 2026-03-31" in err


def test_history_unknown_revision_in_range_is_an_error(repo: tuple[Path, list[str]]) -> None:
    folder, _ = repo
    code, _, err = run(folder, "history", "v9..HEAD")
    assert (code, err) == (
        2,
        "Error: unknown revision 'v9' (not a branch, tag or commit in this repository)\n",
    )


# -- periods ----------------------------------------------------------------------------------
def test_pick_by_week_keeps_the_last_commit_of_each_iso_week() -> None:
    days = [dt.date(2025, 12, 29), dt.date(2026, 1, 2), dt.date(2026, 1, 4), dt.date(2026, 1, 5)]
    commits = [(f"{i}" * 40, day) for i, day in enumerate(days)]
    # 29 December 2025 to 4 January 2026 is ISO week 1 of 2026.
    assert pick(commits, "week") == [("2026-W01", 2), ("2026-W02", 3)]
    assert pick(commits, "month") == [("2025-12", 0), ("2026-01", 3)]
    assert pick(commits, "commit") == [("0" * 12, 0), ("1" * 12, 1), ("2" * 12, 2), ("3" * 12, 3)]


# -- SVG --------------------------------------------------------------------------------------
def _history(points: int = 3) -> History:
    stages = (("look", "Look"), ("buy", "Buy & pay"))
    made = [
        Point(
            period=f"2026-W{w:02d}",
            commit=f"{w:040d}",
            date=dt.date(2026, 1, 5) + dt.timedelta(weeks=w),
            total=w + 2,
            eligible=w + 1,
            stuck=(),
            stages=(("look", w, "thin"), ("buy", 2 * w, "covered")),
            cells=(),
        )
        for w in range(1, points + 1)
    ]
    return History("week", tuple(made), stages)


@pytest.mark.parametrize("chart", ["lines", "grid"])
def test_render_svg_is_accessible_xml_with_a_text_table(chart: str) -> None:
    text = render_svg(_history(), title="Acme <coverage>", chart=chart)
    root = ET.fromstring(text)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img" and root.get("aria-labelledby") == "chart-title chart-desc"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text == "Acme <coverage>"
    assert desc is not None and desc.text is not None
    assert desc.text.endswith(
        "period, date, look, buy\n2026-W01, 2026-01-12, 1, 2\n2026-W02, 2026-01-19, 2, 4\n2026-W03, 2026-01-26, 3, 6"
    )
    series = root.findall(f".//{SVG}polyline")
    assert len(series) == 2
    assert series[0].get("stroke") != series[1].get("stroke")
    # Every point carries its value as text, and the two series use different marker shapes.
    labels = [t.text for t in root.iter(f"{SVG}title")]
    assert "Buy &amp; pay, 2026-W03: 6" not in labels and "Buy & pay, 2026-W03: 6" in labels
    assert root.findall(f".//{SVG}circle") and root.findall(f".//{SVG}polygon")


def test_render_svg_is_the_same_bytes_every_time() -> None:
    assert render_svg(_history(), title="t") == render_svg(_history(), title="t")


def test_render_svg_lines_has_a_legend_entry_per_stage_with_its_shape() -> None:
    root = ET.fromstring(render_svg(_history(1), title="t"))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Look" in texts and "Buy & pay" in texts
    assert SHAPES[:2] == ("circle", "square")


def test_render_svg_of_no_points_says_so() -> None:
    root = ET.fromstring(render_svg(History("week", (), ()), title="t"))
    assert [t.text for t in root.iter(f"{SVG}text")] == ["No commits in the range change the project."]


def test_cli_history_svg_grid_has_a_panel_per_stage(repo: tuple[Path, list[str]]) -> None:
    folder, _ = repo
    code, out, _ = run(folder, "history", "--format", "svg", "--chart", "grid")
    assert code == 0
    root = ET.fromstring(out)
    assert len(root.findall(f".//{SVG}polyline")) == 9
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "Acme: eligible assets per stage, by week"


def test_history_of_an_empty_span_says_so(repo: tuple[Path, list[str]]) -> None:
    folder, _ = repo
    code, out, _ = run(folder, "history", "--since", "2030-01-01")
    assert (code, out) == (0, "No commits in the range change the project.\n")
    code, out, _ = run(folder, "history", "--since", "2030-01-01", "--format", "json")
    assert json.loads(out) == {"version": 1, "by": "week", "stages": [], "points": []}
