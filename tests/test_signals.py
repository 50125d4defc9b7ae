"""Reading exports cell by cell, matching URLs and stages, and counting what buyers did."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from stagemap.analyse.evidence import asset_routes, evidence, normalise_url, rank_by_leak
from stagemap.errors import UsageError
from stagemap.model.report import Gap
from stagemap.model.signals import SHAPES, Period
from stagemap.read.csvcells import Cell, records
from stagemap.read.project import load_project
from stagemap.read.signals import detect_kind, parse_export, parse_period
from stagemap.render.evidence import signal_file_csv
from tests.conftest import MINIMAL_CONFIG, ROOT, write

JAN = Period(dt.date(2026, 1, 1), dt.date(2026, 1, 31))


def test_records_give_each_cell_its_line_and_column() -> None:
    text = 'a,"b ""q"", c",d\r\n"multi\nline",  x  ,\n\n"tail'
    problems: list[tuple[int, int, str]] = []
    assert list(records(text, ",", problems)) == [
        [Cell(1, 1, "a"), Cell(1, 3, 'b "q", c'), Cell(1, 16, "d")],
        [Cell(2, 1, "multi\nline"), Cell(3, 7, "x"), Cell(3, 13, "")],
        [Cell(5, 1, "tail")],
    ]
    assert problems == [(5, 1, "a quoted cell is never closed")]


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("https://www.example.com/Guides/pricing/?utm=x#top", "/Guides/pricing"),
        ("//example.com/a/b", "/a/b"),
        ("example.com/blog/post", "/blog/post"),
        ("pricing.html", "/pricing"),
        ("/guides/index.html", "/guides"),
        ("/guides/_index", "/guides"),
        ("guides/outgrown-paper", "/guides/outgrown-paper"),
        ("/a%20b//c/", "/a b/c"),
        ("https://example.com", "/"),
        ("/index", "/"),
    ],
)
def test_normalise_url_keeps_only_the_path(url: str, path: str) -> None:
    assert normalise_url(url) == path


def _project(tmp_path: Path) -> Path:
    asset = "---\ntitle: {0}\nstages: [{1}]\nquestions: [problems]\n---\nBody.\n"
    return write(
        tmp_path,
        {
            "stagemap.yml": MINIMAL_CONFIG,
            "content/pricing/index.md": asset.format("Pricing", "evaluation"),
            "content/guides/Start.md": asset.format("Start", "exploration"),
            "content/demo.markdown": asset.format("Demo", "evaluation"),
        },
    )


def test_asset_routes_drop_the_extension_and_collapse_index(tmp_path: Path) -> None:
    project = load_project(_project(tmp_path))
    assert asset_routes(project) == {
        "/demo": "demo",
        "/guides/Start": "guides/Start",
        "/pricing": "pricing/index",
    }


def test_detect_kind_reads_the_header_with_its_aliases() -> None:
    assert detect_kind(["Page Path", "Page-Views"]) == "pages"
    assert detect_kind(["Email", "Lifecycle Stage", "Page URL", "Date"]) == "deals"
    assert detect_kind(["url", "views", "deal", "stage"]) is None
    assert detect_kind(["url", "count"]) is None


def test_parse_export_reads_semicolons_and_keeps_a_row_after_a_bad_one() -> None:
    data = "\ufeffpath;views;note\n/a;1 200;x\n/b;7;y\n".encode()
    file, problems = parse_export(data, "p.csv", source="web", period=JAN)
    assert [p.format() for p in problems] == [
        "p.csv:2:4: error: views '1 200' is not a whole number (write a count like 1200)"
    ]
    assert [(r.url, r.views, r.extra, r.line) for r in file.pages] == [("/b", 7, ("y",), 3)]
    assert file.extra_columns == ("note",)


def test_parse_export_reports_a_cell_that_is_not_utf8_and_keeps_the_rest() -> None:
    data = b"url,views\n/caf\xe9,3\n/ok,4\n"
    file, problems = parse_export(data, "p.csv", source="web", period=JAN)
    assert [p.format() for p in problems] == ["p.csv:2:1: error: url is not UTF-8 text"]
    assert [r.url for r in file.pages] == ["/ok"]


def test_parse_export_normalises_deal_values_and_takes_its_period_from_its_days() -> None:
    data = (
        "deal,stage,content,date,amount,replied\n"
        'd1,Evaluation,/x,2026-02-03T09:00:00Z,"€1,200.50",Y\n'
        "d1,evaluation,/y,2026-01-30,,\n"
    ).encode()
    file, problems = parse_export(data, "d.csv", source="crm")
    assert problems == ()
    assert file.period == Period(dt.date(2026, 1, 30), dt.date(2026, 2, 3))
    assert [(r.day, r.amount, r.replied) for r in file.touches] == [
        (dt.date(2026, 1, 30), None, None),
        (dt.date(2026, 2, 3), Decimal("1200.50"), True),
    ]
    assert signal_file_csv(file).splitlines()[2] == (
        "crm,2026-01-30,2026-02-03,d1,,Evaluation,/x,2026-02-03,1200.50,yes"
    )


def test_parse_export_needs_a_deal_or_a_contact_on_each_row() -> None:
    data = b"deal,contact,stage,url,date\n,,evaluation,/x,2026-01-02\nd2,,evaluation,/x,2026-01-02\n"
    file, problems = parse_export(data, "d.csv", source="crm")
    assert [p.format() for p in problems] == ["d.csv:2:1: error: the row names neither a deal nor a contact"]
    assert file.rows == 1


def test_parse_export_names_the_sources_it_cannot_choose_between() -> None:
    data = b"source,url,views\na,/x,1\nb,/y,2\n"
    with pytest.raises(
        UsageError, match=r"^s.csv: it names 2 sources \(a, b\); import one source at a time$"
    ):
        parse_export(data, "s.csv", period=JAN)
    with pytest.raises(UsageError, match="'Web Site' cannot name a source"):
        parse_export(data, "s.csv", period=JAN, source="Web Site")


def test_signal_file_csv_round_trips_text_that_looks_like_a_formula() -> None:
    # An export's own protecting ' is read off too, like stagemap's.
    data = b"url,views,note\n/x,1,=A1\n/y,2,''=A1\n/z,3,-5\n"
    file, _ = parse_export(data, "p.csv", source="web", period=JAN)
    stored = signal_file_csv(file)
    assert stored.splitlines()[1:] == [
        "web,2026-01-01,2026-01-31,/x,1,,'=A1",
        "web,2026-01-01,2026-01-31,/y,2,,''=A1",
        "web,2026-01-01,2026-01-31,/z,3,,'-5",
    ]
    again, _ = parse_export(stored.encode(), "stored.csv")
    assert [r.extra for r in again.pages] == [("=A1",), ("'=A1",), ("-5",)]
    assert signal_file_csv(again) == stored


def test_parse_period_reads_start_dot_dot_end() -> None:
    assert parse_period("2026-01-01..2026-01-31") == JAN
    with pytest.raises(UsageError, match="ends before it starts"):
        parse_period("2026-02-01..2026-01-31")


def _touches(rows: str) -> bytes:
    return ("deal,stage,url,date,replied\n" + rows).encode()


def test_evidence_counts_a_buyer_as_moved_on_only_when_seen_later_at_a_later_stage(tmp_path: Path) -> None:
    project = load_project(_project(tmp_path))
    data = _touches(
        "d1,exploration,/guides/Start,2026-01-05,yes\n"
        "d1,evaluation,/demo,2026-01-09,no\n"  # moved on from exploration
        "d2,evaluation,/pricing,2026-01-10,no\n"
        "d2,purchase,/pricing,2026-01-02,no\n"  # a later stage, but before: not moved on
        "d3,Exploration,guides/Start,2026-01-03,\n"
    )
    file, _ = parse_export(data, "d.csv", source="crm")
    found = evidence(project, [file], asset_routes(project))
    stages = {s.stage: s for s in found.stages}
    assert (stages["exploration"].arrived, stages["exploration"].moved, stages["exploration"].replies) == (
        2,
        1,
        1,
    )
    assert (stages["evaluation"].arrived, stages["evaluation"].moved) == (2, 0)
    # Purchase (1 of 1 lost) goes before exploration (1 of 2): the larger share lost.
    assert found.leaks == ("evaluation", "purchase", "exploration")
    assets = {a.asset: a for a in found.assets}
    assert (assets["guides/Start"].deals, assets["guides/Start"].moved) == (2, 1)
    assert str(assets["guides/Start"].pipeline) == "crm 2026-01-02..2026-01-10"
    assert found.hands_on == ("guides/Start",)
    assert found.for_asset("guides/Start") == assets["guides/Start"]
    assert (found.for_asset("nowhere"), found.for_stage("exploration")) == (None, stages["exploration"])
    gaps = [
        Gap(stage, "problems", "empty", 0, 2, False, "", ())
        for stage in ("awareness", "exploration", "evaluation")
    ]
    assert [g.stage for g in rank_by_leak(gaps, found)] == ["evaluation", "exploration", "awareness"]


def test_evidence_lists_urls_and_stages_that_match_nothing(tmp_path: Path) -> None:
    project = load_project(_project(tmp_path))
    pages, _ = parse_export(
        b"url,views\n/gone/,5\n/gone?x=1,2\n/pricing/,4\n", "p.csv", source="web", period=JAN
    )
    deals, _ = parse_export(_touches("d1,won,/demo,2026-01-05,\n"), "d.csv", source="crm")
    found = evidence(project, [pages, deals], asset_routes(project))
    assert [(u.what, u.value, u.source, u.rows, u.views) for u in found.unmatched] == [
        ("stage", "won", "crm", 1, 0),
        ("url", "/gone", "web", 2, 7),
    ]
    assert [(a.asset, a.views, a.deals) for a in found.assets] == [("demo", 0, 1), ("pricing/index", 4, 0)]


def test_signals_docs_list_every_column_and_alias() -> None:
    text = (ROOT / "docs" / "signals.md").read_text(encoding="utf-8")
    for kind, columns in SHAPES.items():
        for column in columns:
            for name in (column.name, *column.aliases):
                assert f"`{name}`" in text, f"docs/signals.md does not name {kind} column {name}"
