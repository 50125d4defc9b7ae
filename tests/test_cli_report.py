"""`stagemap report` as a user runs it: every format on the sample library, the CI gate, colour."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from tests.conftest import MINIMAL_CONFIG, ROOT, write

AS_OF = "2026-11-24"


def run(*args: str, env: dict[str, str] | None = None, color: bool = False) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False, env=env, color=color)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("fmt", "golden_name"),
    [
        ("table", "report/sample.txt"),
        ("md", "report/sample.md"),
        ("csv", "report/sample.csv"),
        ("json", "report/sample.json"),
    ],
)
def test_sample_report_formats_match_golden(
    fmt: str, golden_name: str, golden: Callable[[str, str], None]
) -> None:
    code, out, err = run("-C", str(ROOT), "report", "--format", fmt, "--as-of", AS_OF, "--width", "100")
    assert (code, err) == (0, "")
    golden(golden_name, out)


def test_sample_report_by_persona_golden(golden: Callable[[str, str], None]) -> None:
    code, out, _ = run(
        "-C", str(ROOT), "report", "--by", "persona", "--as-of", AS_OF, "--width", "100", "--format", "md"
    )
    assert code == 0
    golden("report/sample-by-persona.md", out)


def test_sample_json_shows_the_deliberate_gaps() -> None:
    code, out, _ = run("-C", str(ROOT), "report", "--format", "json", "--as-of", AS_OF)
    assert code == 0
    data = json.loads(out)
    assert data["version"] == 1
    assert data["as_of"] == AS_OF
    assert data["model"] == "buyer-journey"
    assert [s["id"] for s in data["stages"]][:3] == ["awareness", "exploration", "commitment"]
    # Little after the purchase: one asset to hand on to a referral, one for the renewal.
    advocacy = next(s for s in data["stages"] if s["id"] == "advocacy")
    assert (advocacy["count"], advocacy["state"], advocacy["phase"]) == (1, "thin", "after")
    renewal = next(s for s in data["stages"] if s["id"] == "renewal")
    assert (renewal["count"], renewal["state"], renewal["phase"]) == (1, "thin", "after")
    assert data["balance"]["warning"] is True
    # Commitment material only points backwards: buyers get stuck there.
    assert data["stuck"] == ["commitment"]
    # Risk at evaluation: the FAQ is a draft and the testimonials are stale.
    cell = next(c for c in data["cells"] if (c["stage"], c["question"]) == ("evaluation", "risk"))
    assert (cell["count"], cell["state"], cell["assets"]) == (1, "thin", ["sales/pricing-one-pager"])
    assert "customers/testimonial-wall" in data["stale"]
    assert "sales/data-and-exit-faq" in data["pipeline"]
    # Declared not applicable: shown as such, never a gap.
    na = next(c for c in data["cells"] if (c["stage"], c["question"]) == ("purchase", "who-we-are"))
    assert na["state"] == "n/a"
    assert all((g["stage"], g["question"]) != ("purchase", "who-we-are") for g in data["next_to_make"])
    assert list(data) == sorted(data)
    first = data["next_to_make"][0]
    assert set(first) >= {"stage", "question", "reason", "state", "formats"}


def test_as_of_changes_what_counts() -> None:
    """Before its review date passed, the testimonial wall still counted for evaluation x risk."""
    code, out, _ = run("-C", str(ROOT), "report", "--format", "json", "--as-of", "2026-06-01")
    assert code == 0
    cell = next(c for c in json.loads(out)["cells"] if (c["stage"], c["question"]) == ("evaluation", "risk"))
    assert cell["assets"] == ["customers/testimonial-wall", "sales/pricing-one-pager"]
    assert cell["state"] == "covered"


def test_persona_report_counts_assets_for_everyone() -> None:
    code, out, _ = run(
        "-C", str(ROOT), "report", "--format", "json", "--as-of", AS_OF, "--persona", "ops-director"
    )
    assert code == 0
    data = json.loads(out)
    assert data["persona"] == "ops-director"
    onboarding = next(c for c in data["cells"] if (c["stage"], c["question"]) == ("onboarding", "help"))
    # The welcome email names no persona, so it serves the operations director too.
    assert onboarding["assets"] == ["email/welcome-email"]
    # The getting-started guide is the office manager's only: not counted here.
    value = next(c for c in data["cells"] if (c["stage"], c["question"]) == ("onboarding", "value"))
    assert value["assets"] == []


def test_csv_one_row_per_cell_and_formulas_neutralised(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "stagemap.yml": MINIMAL_CONFIG,
            "content/evil.md": "---\ntitle: x\nid: '=HYPERLINK(\"http://x\")'\nstages: awareness\n"
            "questions: problems\n---\n",
        },
    )
    code, out, _ = run("-C", str(tmp_path), "report", "--format", "csv", "--as-of", AS_OF)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 9 * 4
    cell = next(r for r in rows if (r["stage"], r["question"]) == ("awareness", "problems"))
    assert cell["assets"] == '\'=HYPERLINK("http://x")'
    assert (cell["count"], cell["state"]) == ("1", "thin")


def test_table_names_a_few_of_a_long_list_and_says_how_many_more(tmp_path: Path) -> None:
    """On a site of 542 pages the table's list of inferred next steps filled a screen."""
    drafts = {
        f"content/d{n:02}.md": f"---\ntitle: D{n}\nstages: [awareness]\nquestions: [problems]\nstatus: draft\n---\n"
        for n in range(11)
    }
    write(tmp_path, {"stagemap.yml": MINIMAL_CONFIG, **drafts})
    code, out, _ = run("-C", str(tmp_path), "report", "--as-of", AS_OF, "--width", "200")
    assert code == 0
    assert (
        "  in the pipeline: d00, d01, d02, d03, d04, d05, d06, d07 and 3 more (--format md or json lists them all)\n"
        in out
    )
    markdown = run("-C", str(tmp_path), "report", "--as-of", AS_OF, "--format", "md")[1]
    assert "d10" in markdown


@pytest.mark.parametrize(
    ("level", "code"),
    [("never", 0), ("empty", 1), ("thin", 1), ("stuck", 1)],
)
def test_fail_on_is_a_ci_gate(level: str, code: int) -> None:
    assert run("-C", str(ROOT), "report", "--fail-on", level, "--as-of", AS_OF, "--format", "json")[0] == code


def _handed_on_library(tmp_path: Path, config: str) -> None:
    """One asset per stage of the default model, each handing buyers on to the next stage."""
    files: dict[str, str | bytes] = {"stagemap.yml": config}
    stages = [
        "awareness",
        "exploration",
        "commitment",
        "evaluation",
        "purchase",
        "onboarding",
        "adoption",
        "advocacy",
        "renewal",
    ]
    for i, stage in enumerate(stages):
        nxt = f"next: {stages[i + 1]}\n" if i + 1 < len(stages) else ""
        # Before and at the purchase the buyer's four questions; after it the customer's.
        asked = "who-we-are, problems, who-for, risk" if i < 5 else "value, help, expand, again"
        files[f"content/{stage}.md"] = (
            f"---\ntitle: {stage}\nstages: {stage}\nquestions: [{asked}]\n{nxt}---\n"
        )
    write(tmp_path, files)


def test_fail_on_passes_when_library_is_complete(tmp_path: Path) -> None:
    _handed_on_library(tmp_path, MINIMAL_CONFIG + "thresholds:\n  covered: 1\nmin_after_share: 0\n")
    code, out, err = run("-C", str(tmp_path), "report", "--fail-on", "stuck", "--as-of", AS_OF)
    assert (code, err) == (0, "")
    assert "every stage hands buyers forward" in out
    assert "every cell is covered" in out


def test_fail_on_stuck_gates_stuck_stages_alone(tmp_path: Path) -> None:
    """Every cell is thin (one asset where two are wanted), but no stage is stuck."""
    _handed_on_library(tmp_path, MINIMAL_CONFIG + "min_after_share: 0\n")
    assert run("-C", str(tmp_path), "report", "--fail-on", "stuck", "--as-of", AS_OF)[::2] == (0, "")
    code, _, err = run("-C", str(tmp_path), "report", "--fail-on", "thin", "--as-of", AS_OF)
    assert code == 1
    assert err.splitlines()[0] == "fail-on thin: awareness \u00d7 who-we-are is thin (1 of 2)"
    assert len(err.splitlines()) == 36


def test_unknown_persona_is_a_usage_error() -> None:
    code, out, err = run("-C", str(ROOT), "report", "--persona", "owner")
    assert (code, out) == (2, "")
    assert err == "Error: unknown persona 'owner' (did you mean 'owner-operator'?)\n"


def test_bad_as_of_is_a_usage_error() -> None:
    code, _, err = run("-C", str(ROOT), "report", "--as-of", "2026-02-30")
    assert code == 2
    assert "Invalid value for --as-of: '2026-02-30' is not a date like 2026-03-31" in err


def test_colour_only_when_asked_and_not_with_no_color() -> None:
    args = ("-C", str(ROOT), "report", "--as-of", AS_OF)
    assert "\x1b[" not in run(*args)[1]
    assert "\x1b[" in run("--color", *args, color=True)[1]
    assert "\x1b[" not in run(*args, env={"NO_COLOR": "1"}, color=True)[1]


def test_library_problems_go_to_stderr_and_report_still_runs(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "stagemap.yml": MINIMAL_CONFIG,
            "content/ok.md": "---\ntitle: ok\nstages: awareness\nquestions: problems\n---\n",
            "content/bad.md": "---\ntitle: bad\nstages: nowhere\nquestions: problems\n---\n",
        },
    )
    code, out, err = run("-C", str(tmp_path), "report", "--format", "json", "--as-of", AS_OF)
    assert code == 0
    assert err.startswith("content/bad.md:3:9: error: unknown stage 'nowhere'")
    cell = next(
        c for c in json.loads(out)["cells"] if (c["stage"], c["question"]) == ("awareness", "problems")
    )
    assert cell["assets"] == ["ok"]


def test_table_width_adapts() -> None:
    narrow = run("-C", str(ROOT), "report", "--as-of", AS_OF, "--width", "60")[1]
    wide = run("-C", str(ROOT), "report", "--as-of", AS_OF, "--width", "140")[1]
    assert max(len(line) for line in narrow.splitlines()) <= 60
    assert max(len(line) for line in wide.splitlines()) <= 140
    assert any(line.startswith("Exploring a better way ") for line in wide.splitlines())
    assert any(line.startswith("Exploring\u2026 ") for line in narrow.splitlines())


def test_persona_report_follows_next_steps_to_assets_for_others() -> None:
    """A next step to an asset written for someone else still hands the buyer forward."""
    code, out, _ = run(
        "-C", str(ROOT), "report", "--format", "json", "--as-of", AS_OF, "--persona", "ops-director"
    )
    assert code == 0
    data = json.loads(out)
    assert "awareness" not in data["stuck"]
    awareness = next(s for s in data["stages"] if s["id"] == "awareness")
    assert "blog/van-time-not-wrench-time" in awareness["hands_forward"]


def test_balance_counts_each_asset_once() -> None:
    data = json.loads(run("-C", str(ROOT), "report", "--format", "json", "--as-of", AS_OF)[1])
    assert sum(data["balance"]["counts"].values()) == data["assets"]["eligible"]


def test_persona_report_counts_eligible_assets_of_that_persona() -> None:
    """The persona's sendable assets are counted against its total, never everyone's."""
    code, out, _ = run("-C", str(ROOT), "report", "--as-of", AS_OF, "--persona", "office-manager")
    assert code == 0
    assert " ".join(out.splitlines()[1:4]).startswith(
        "19 of 24 assets are ready today (published, on the site and not past their review date): 16 to send to buyers, 3 for"
        " the team only. The other 5: "
    )
    data = json.loads(
        run("-C", str(ROOT), "report", "--format", "json", "--as-of", AS_OF, "--persona", "office-manager")[1]
    )
    assert data["assets"] == {"eligible": 19, "total": 24}
    assert sum(data["balance"]["counts"].values()) == data["assets"]["eligible"]


def test_color_is_kept_in_a_pipe_when_asked() -> None:
    result = CliRunner().invoke(cli, ["--color", "-C", str(ROOT), "report", "--as-of", AS_OF])
    assert "\x1b[" in result.stdout


def test_markdown_report_escapes_pipes_in_names(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "stagemap.yml": MINIMAL_CONFIG + "questions:\n  - {id: problems, name: Problems | solved}\n",
            "content/a.md": "---\ntitle: A\nstages: awareness\nquestions: problems\n---\n",
        },
    )
    out = run("-C", str(tmp_path), "report", "--format", "md", "--as-of", AS_OF)[1]
    assert "| Stage | Phase | All | Problems \\| solved |" in out


def test_kit_without_a_stage_lists_the_stages() -> None:
    result = CliRunner().invoke(cli, ["-C", str(ROOT), "kit"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: name the stage of the kit: stagemap kit STAGE, where STAGE is one of\n"
        "  awareness    Noticing the problem\n"
        "  exploration  Exploring a better way\n"
        "  commitment   Committing to change\n"
        "  evaluation   Evaluating options\n"
        "  purchase     Deciding and buying\n"
        "  onboarding   Getting started\n"
        "  adoption     Changing how they work\n"
        "  advocacy     Expanding and referring\n"
        "  renewal      Renewing or leaving well\n"
    )


def test_kits_by_persona_indexes_a_stage_by_persona_grid(tmp_path: Path) -> None:
    out = tmp_path / "kits"
    result = CliRunner().invoke(
        cli, ["-C", str(ROOT), "kits", "-o", str(out), "--by", "persona", "--as-of", "2026-11-24"]
    )
    assert result.exit_code == 0, result.output
    lines = (out / "index.md").read_text(encoding="utf-8").splitlines()
    assert "| Stage | Everyone | Owner-operator | Office manager | Operations director |" in lines
    rows = [line for line in lines if line.startswith("| ") and line[2].isdigit()]
    assert len(rows) == 9
    assert rows[2] == (
        "| 3. Committing to change (before the purchase, sales) "
        "| [4 assets (covered), stuck](03-commitment.md) "
        "| [4 assets (covered), stuck](owner-operator/03-commitment.md) "
        "| [2 assets (covered), stuck](office-manager/03-commitment.md) "
        "| [2 assets (covered), stuck](ops-director/03-commitment.md) |"
    )
