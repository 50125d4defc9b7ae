"""Imported signals in the report, the plays and the site, and gaps ranked by where buyers leak."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap import load_project
from stagemap.analyse.coverage import analyse
from stagemap.analyse.evidence import gather
from stagemap.cli.app import cli
from stagemap.read.signals import read_signals
from stagemap.write.publish import build_into
from tests.test_signals_cli import DEALS, PAGES

AS_OF = "2026-11-24"
CRM = "crm 2026-01-05..2026-02-20"
ANALYTICS = "analytics 2026-01-01..2026-02-28"


def run(folder: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(folder), *args], env={"NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def signalled(sample: Path) -> Path:
    """The sample project with both example exports imported."""
    assert run(sample, "signals", "import", str(PAGES), "--source", "analytics")[0] == 1  # bad rows
    assert run(sample, "signals", "import", str(DEALS), "--source", "crm")[0] == 1
    return sample


def test_report_json_evidence_key_only_with_signals(sample: Path) -> None:
    code, out, _ = run(sample, "report", "--format", "json", "--as-of", AS_OF)
    assert (code, "evidence" in json.loads(out)) == (0, False)
    run(sample, "signals", "import", str(DEALS), "--source", "crm")
    _, out, _ = run(sample, "report", "--format", "json", "--as-of", AS_OF)
    _, shown, _ = run(sample, "signals", "show", "--format", "json")
    assert json.loads(out)["evidence"] == json.loads(shown)


def test_report_table_and_markdown_show_each_figure_with_its_source_and_period(signalled: Path) -> None:
    _, table, _ = run(signalled, "report", "--as-of", AS_OF)
    _, md, _ = run(signalled, "report", "--format", "md", "--as-of", AS_OF)
    line = (
        f"Evaluating options: 1820 views ({ANALYTICS}); 6 buyers seen, 3 moved on, 3 lost, 5 replies ({CRM})"
    )
    assert f"\n  {line}\n" in table
    assert f"\n- {line}\n" in md
    assert "## What buyers did\n" in md
    assert f"- `sales/demo-script` hands buyers on: 3 of 3 deals moved on ({CRM})" in md


def test_play_shows_what_buyers_did_next_to_each_asset_to_send(signalled: Path) -> None:
    code, out, _ = run(signalled, "play", "evaluation", "--format", "txt", "--as-of", AS_OF)
    assert code == 0
    assert "  What buyers did here: 1820 views" in out
    assert (
        "  - Pricing on one page <site/assets/sales/pricing-one-pager.html>\n"
        f"    What buyers did: 790 views ({ANALYTICS}); 1 deal, 0 moved on, 0 replies ({CRM})\n"
    ) in out


def test_analyse_ranks_gaps_at_the_leakiest_stages_first(signalled: Path) -> None:
    project = load_project(signalled, bodies=False)
    found = gather(project, read_signals(signalled)[0])
    assert found is not None
    day = dt.date.fromisoformat(AS_OF)
    plain = analyse(project.config, project.library, day)
    leaky = analyse(project.config, project.library, day, evidence=found)
    lost = {s.stage: s.lost for s in found.stages}
    ranks = [lost.get(g.stage, 0) for g in leaky.next_to_make]
    assert ranks == sorted(ranks, reverse=True) and ranks[0] > 0
    assert sorted(leaky.next_to_make, key=repr) == sorted(plain.next_to_make, key=repr)
    # Among gaps at equally leaky stages, the coverage order holds.
    for loss in set(ranks):
        assert [g for g in leaky.next_to_make if lost.get(g.stage, 0) == loss] == [
            g for g in plain.next_to_make if lost.get(g.stage, 0) == loss
        ]
    # Actions: within a kind of fix, the leakier stage first.
    makes = [lost.get(a.stage, 0) for a in leaky.actions if a.kind == "make"]
    assert makes == sorted(makes, reverse=True)
    assert leaky.evidence is found and plain.evidence is None


def test_gather_of_no_signal_files_is_none(sample: Path) -> None:
    assert gather(load_project(sample, bodies=False), ()) is None


def test_site_pages_show_evidence_and_rerender_when_signals_change(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    day = dt.date.fromisoformat(AS_OF)
    build_into(load_project(sample), out, day)
    run(sample, "signals", "import", str(DEALS), "--source", "crm")
    result = build_into(load_project(sample), out, day)
    assert {"index.html", "stages/evaluation.html", "assets/sales/demo-script.html"} <= set(result.changed)
    stage = (out / "stages/evaluation.html").read_text("utf-8")
    assert f'<dt>Lost here</dt><dd>3 of 6 <span class="basis">({CRM})</span></dd>' in stage
    asset = (out / "assets/sales/demo-script.html").read_text("utf-8")
    assert f'<dt>Moved on to a later stage</dt><dd>3 of 3 <span class="basis">({CRM})</span></dd>' in asset
    assert '<dt>Views</dt><dd>0 <span class="basis">(no data)</span></dd>' in asset
    assert 'id="leaks"' in (out / "index.html").read_text("utf-8")
