"""``stagemap signals import`` and ``show`` on the example exports in tests/data/signals."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from stagemap.analyse.evidence import asset_routes, evidence
from stagemap.cli.app import cli
from stagemap.read.project import load_project
from stagemap.read.signals import parse_export, read_signals
from tests.conftest import DATA

EXPORTS = DATA / "signals"
PAGES = EXPORTS / "pages.csv"
DEALS = EXPORTS / "deals.csv"
PAGES_FILE = "signals/analytics.pages.2026-01-01..2026-02-28.csv"
DEALS_FILE = "signals/crm.deals.2026-01-05..2026-02-20.csv"


def run(folder: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(folder), "signals", *args], env={"NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


def test_signals_import_reports_each_malformed_page_row_at_its_cell(sample: Path) -> None:
    code, out, err = run(sample, "import", str(PAGES), "--source", "analytics")
    assert (code, out) == (1, f"imported 26 rows into {PAGES_FILE}, 4 rows left out\n")
    assert err == (
        f"{PAGES}:6:32: error: views '12a' is not a whole number (write a count like 1200)\n"
        f"{PAGES}:17:1: error: the row has no url\n"
        f"{PAGES}:19:41: error: period_end '2026-02-30' is not a date (write it like 2026-01-31)\n"
        f"{PAGES}:28:55: error: the row has 7 cells but the header has 6\n"
        "note: 2 values match no asset or stage (stagemap signals show)\n"
    )


def test_signals_import_reports_each_malformed_deal_row_at_its_cell(sample: Path) -> None:
    code, out, err = run(sample, "import", str(DEALS), "--source", "crm")
    assert (code, out) == (1, f"imported 26 rows into {DEALS_FILE}, 4 rows left out\n")
    assert err.splitlines()[:4] == [
        f"{DEALS}:26:57: error: date '07/02/2026' is not a date (write it like 2026-01-31)",
        f"{DEALS}:27:64: error: amount 'lots' is not an amount (write a number like 1200.50)",
        f"{DEALS}:29:40: error: the row has no url",
        f"{DEALS}:30:75: error: replied 'maybe' is not yes or no",
    ]


def test_signals_import_twice_gives_the_same_bytes_and_changes_nothing(sample: Path) -> None:
    run(sample, "import", str(PAGES), "--source", "analytics")
    first = (sample / PAGES_FILE).read_bytes()
    code, out, _ = run(sample, "import", str(PAGES), "--source", "analytics")
    assert (code, out) == (1, f"{PAGES_FILE} already holds these 26 rows, 4 rows left out\n")
    assert (sample / PAGES_FILE).read_bytes() == first
    # A stored file is a valid export: importing it again gives the very same bytes.
    copy = sample / "stored.csv"
    shutil.copy(sample / PAGES_FILE, copy)
    code, out, _ = run(sample, "import", str(copy), "--force")
    assert (code, out) == (0, f"{PAGES_FILE} already holds these 26 rows\n")
    assert (sample / PAGES_FILE).read_bytes() == first


def test_signals_show_gives_the_figures_of_the_exports_themselves(sample: Path) -> None:
    run(sample, "import", str(PAGES), "--source", "analytics")
    run(sample, "import", str(DEALS), "--source", "crm")
    project = load_project(sample)
    stored, problems = read_signals(sample)
    originals = [
        parse_export(PAGES.read_bytes(), "pages.csv", source="analytics")[0],
        parse_export(DEALS.read_bytes(), "deals.csv", source="crm")[0],
    ]
    routes = asset_routes(project)
    before, after = evidence(project, originals, routes), evidence(project, stored, routes)
    assert problems == ()
    assert (after.assets, after.stages, after.leaks, after.unmatched) == (
        before.assets,
        before.stages,
        before.leaks,
        before.unmatched,
    )
    code, out, err = run(sample, "show", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assets = {a["asset"]: a for a in data["assets"]}
    assert assets["guides/outgrown-paper"]["views"] == 1420 + 1210
    assert assets["guides/outgrown-paper"]["traffic"] == {
        "sources": ["analytics"],
        "start": "2026-01-01",
        "end": "2026-02-28",
    }
    assert {k: assets["sales/demo-script"][k] for k in ("views", "touches", "replies", "deals", "moved")} == {
        "views": 75,
        "touches": 3,
        "replies": 3,
        "deals": 3,
        "moved": 3,
    }
    assert data["leaks"] == ["evaluation", "commitment", "purchase", "exploration", "onboarding"]
    assert data["hands_on"][:2] == ["sales/demo-script", "sales/discovery-call-guide"]


def test_signals_show_lists_what_matches_nothing(sample: Path) -> None:
    run(sample, "import", str(PAGES), "--source", "analytics")
    run(sample, "import", str(DEALS), "--source", "crm")
    code, out, _ = run(sample, "show")
    assert code == 0
    assert out.endswith(
        "Unmatched (4):\n"
        "  stage Closed Lost from crm: 1 row\n"
        "  url /careers from analytics: 1 row, 530 views\n"
        "  url /pricing-old from analytics: 1 row, 120 views\n"
        "  url /pricing-old from crm: 1 row\n"
    )
    assert "  1. evaluation: 3 of 6 lost (crm 2026-01-05..2026-02-20)\n" in out


def test_signals_import_keeps_unknown_columns_and_protects_formulas(sample: Path) -> None:
    run(sample, "import", str(PAGES), "--source", "analytics")
    lines = (sample / PAGES_FILE).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "source,period_start,period_end,url,views,visitors,Channel"
    assert 'analytics,2026-01-01,2026-01-31,/guides/outgrown-paper,1420,1105,"Email, newsletter"' in lines
    assert 'analytics,2026-01-01,2026-01-31,/pricing-old,120,111,"\'=HYPERLINK(""x"")"' in lines
    stored, _ = read_signals(sample)
    assert [row.extra for row in stored[0].pages if row.url == "/pricing-old"] == [('=HYPERLINK("x")',)]


def test_signals_import_refuses_to_replace_a_different_import_without_force(sample: Path) -> None:
    run(sample, "import", str(PAGES), "--source", "analytics")
    changed = sample / "pages.csv"
    changed.write_text(PAGES.read_text(encoding="utf-8").replace(",860,", ",861,"), encoding="utf-8")
    code, out, err = run(sample, "import", str(changed), "--source", "analytics")
    assert (code, out) == (2, "")
    assert err == (
        f"Error: {PAGES_FILE} holds an earlier import of analytics for 2026-01-01..2026-02-28; "
        "add --force to replace it\n"
    )
    code, out, _ = run(sample, "import", str(changed), "--source", "analytics", "--force")
    assert (code, out) == (1, f"imported 26 rows into {PAGES_FILE}, 4 rows left out\n")
    assert ",861," in (sample / PAGES_FILE).read_text(encoding="utf-8")


def test_signals_import_needs_a_shape_it_can_tell_or_is_told(sample: Path) -> None:
    export = sample / "odd.csv"
    export.write_text("address,count\n/blog/friday-invoicing,5\n", encoding="utf-8")
    code, _, err = run(sample, "import", str(export), "--source", "web")
    assert (code, err) == (
        2,
        f"Error: {export}: cannot tell the kind of export from its header (a page report has a "
        "'views' column, a deals export a 'stage' column and a 'deal' or 'contact' column)\n",
    )
    code, _, err = run(sample, "import", str(export), "--source", "web", "--kind", "pages")
    assert (code, err) == (
        2,
        f"Error: {export}: the header has no views column, which a pages export needs\n",
    )


def test_signals_import_takes_the_period_of_a_page_report_from_the_command_line(sample: Path) -> None:
    export = sample / "month.csv"
    export.write_text("path,views\n/blog/friday-invoicing,5\n", encoding="utf-8")
    code, _, err = run(sample, "import", str(export), "--source", "web")
    assert (code, err) == (
        2,
        f"Error: {export}: the export has no period_start or period_end column; name its period\n",
    )
    code, out, err = run(
        sample, "import", str(export), "--source", "web", "--period", "2026-03-01..2026-03-31"
    )
    assert (code, out, err) == (0, "imported 1 row into signals/web.pages.2026-03-01..2026-03-31.csv\n", "")
    code, _, err = run(sample, "import", str(export), "--source", "web", "--period", "2026-03-31..2026-03")
    assert (code, err) == (2, "Error: '2026-03-31..2026-03' is not a period like 2026-01-01..2026-01-31\n")


def test_signals_show_without_imports_says_so(sample: Path) -> None:
    assert run(sample, "show") == (0, "No signals imported yet.\n", "")


def test_signals_show_reports_a_bad_row_in_a_stored_file_and_exits_1(sample: Path) -> None:
    folder = sample / "signals"
    folder.mkdir()
    (folder / "web.pages.2026-03-01..2026-03-31.csv").write_text(
        "source,period_start,period_end,url,views\n"
        "web,2026-03-01,2026-03-31,/blog/friday-invoicing,5\n"
        "web,2026-03-01,2026-03-31,/blog/missed-calls-cost,x\n",
        encoding="utf-8",
    )
    code, out, err = run(sample, "show", "--format", "csv")
    assert code == 1
    assert err == (
        "signals/web.pages.2026-03-01..2026-03-31.csv:3:51: error: views 'x' is not a whole number "
        "(write a count like 1200)\n"
    )
    assert out.splitlines()[0] == (
        "level,id,views,visitors,traffic_sources,traffic_start,traffic_end,touches,replies,buyers,"
        "moved,lost,pipeline_sources,pipeline_start,pipeline_end"
    )
    assert "asset,blog/friday-invoicing,5,0,web,2026-03-01,2026-03-31,0,0,0,0,,,," in out.splitlines()
