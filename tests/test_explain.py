"""report --explain, and the honest first report: untracked flow, relative over-investment."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from pathlib import Path

from click.testing import CliRunner

from stagemap.analyse.coverage import analyse
from stagemap.analyse.explain import explain_cell, split_cell, uncounted
from stagemap.cli.app import cli
from stagemap.read.ctas import cta_links
from stagemap.read.project import load_project
from tests.conftest import MINIMAL_CONFIG, QUIET_CONFIG, ROOT, write

DAY = dt.date(2026, 3, 1)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_explain_split_cell_accepts_three_separators() -> None:
    assert split_cell("evaluation:risk") == split_cell("evaluation\u00d7risk") == ("evaluation", "risk")
    assert split_cell("evaluation.risk") == ("evaluation", "risk")
    assert split_cell("evaluation") is None


def test_explain_counts_are_the_report_cells_on_the_sample() -> None:
    project = load_project(ROOT)
    report = analyse(project.config, project.library, DAY)
    for cell in report.cells:
        found = explain_cell(report, project.library, cell.stage, cell.question)
        assert tuple(r.asset for r in found.rows if r.counts) == cell.assets
        assert all(r.reason for r in found.rows if not r.counts)
        assert all(r.stage_from and r.question_from for r in found.rows)


RULED = """\
cache: false
rules:
  - match: {path: blog/}
    set: {stages: [evaluation], questions: [risk]}
"""


def test_uncounted_gives_explain_cells_rows_that_do_not_count(tmp_path: Path) -> None:
    """The gaps page's one pass over the library: the same rows, in the same order, as one `explain_cell` per cell."""
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks/generate.py")
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    generator.generate(300, tmp_path)
    project = load_project(tmp_path)
    seen = 0
    for persona in [None, *(p.id for p in project.config.personas)]:
        report = analyse(project.config, project.library, DAY, persona=persona)
        cells = [(c.stage, c.question) for c in report.cells]
        found = uncounted(report, project.library, cells)
        assert list(found) == cells
        for cell in cells:
            rows = explain_cell(report, project.library, *cell).rows
            assert found[cell] == tuple(r for r in rows if not r.counts)
            seen += len(found[cell])
    assert seen > 100  # drafts, stale reviews and other personas' assets: plenty to compare
    assert uncounted(report, project.library, cells[:1]).keys() == {cells[0]}


def test_explain_cli_names_rules_lines_and_reasons(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "stagemap.yml": MINIMAL_CONFIG + RULED,
            "content/blog/a.md": "---\ntitle: A\n---\nBody.\n",
            "content/blog/b.md": "---\ntitle: B\nstatus: draft\n---\nBody.\n",
            "content/c.md": "---\ntitle: C\nstages: [evaluation]\nquestions: [risk]\nreview_by: 2026-01-01\n---\n",
        },
    )
    code, out, _ = run("-C", str(tmp_path), "report", "--as-of", "2026-03-01", "--explain", "evaluation:risk")
    assert code == 0
    assert out == (
        "evaluation \u00d7 risk: thin, 1 counted (2 make it covered)\n"
        "\n"
        "Counts (1):\n"
        "  blog/a\n"
        "    stage from rule 1 (stagemap.yml:12): path blog/ -> stages: evaluation; questions: risk\n"
        "    question from rule 1 (stagemap.yml:12): path blog/ -> stages: evaluation; questions: risk\n"
        "\n"
        "Tagged here but not counted (2):\n"
        "  blog/b: status draft\n"
        "    stage from rule 1 (stagemap.yml:12): path blog/ -> stages: evaluation; questions: risk\n"
        "    question from rule 1 (stagemap.yml:12): path blog/ -> stages: evaluation; questions: risk\n"
        "  c: review date 2026-01-01 passed\n"
        "    stage from content/c.md:3\n"
        "    question from content/c.md:4\n"
    )
    code, out, _ = run(
        "-C",
        str(tmp_path),
        "report",
        "--as-of",
        "2026-03-01",
        "--explain",
        "evaluation.risk",
        "--format",
        "json",
    )
    data = json.loads(out)
    assert [(a["id"], a["counts"], a["reason"]) for a in data["assets"]] == [
        ("blog/a", True, ""),
        ("blog/b", False, "status draft"),
        ("c", False, "review date 2026-01-01 passed"),
    ]


def test_explain_cli_rejects_a_cell_it_cannot_read() -> None:
    code, _, err = run("-C", str(ROOT), "report", "--explain", "nowhere")  # (a stage alone is a row)
    assert code == 2 and err.startswith("Error: unknown stage 'nowhere' (valid: awareness, ")
    code, _, err = run("-C", str(ROOT), "report", "--explain", "evaluaton:risk")
    assert code == 2 and "unknown stage 'evaluaton' (did you mean 'evaluation'?)" in err
    # A file given (seen on Drizzle's docs): it split at its ending's dot into 'unknown stage'.
    for given in ("content/pricing.md", "pricing.md"):
        code, _, err = run("-C", str(ROOT), "report", "--explain", given)
        assert (code, err) == (
            2,
            "Error: --explain names a cell as STAGE:QUESTION, e.g. awareness:who-we-are, not a file"
            f" ('{given}'); 'stagemap list --format json' shows each file's stages and questions\n",
        )


def _pages(count: int, with_next: int) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {"stagemap.yml": MINIMAL_CONFIG + "cache: false\n"}
    for i in range(count):
        more = "next: purchase\n" if i < with_next else ""
        files[f"content/p{i:02}.md"] = (
            f"---\ntitle: P{i}\nstages: [awareness]\nquestions: [problems]\n{more}---\n"
        )
    return files


def test_report_says_flow_not_tracked_when_most_pages_lack_next(tmp_path: Path) -> None:
    write(tmp_path, _pages(20, 1))
    code, out, _ = run("-C", str(tmp_path), "report", "--as-of", "2026-03-01", "--width", "100")
    assert code == 0
    assert (
        "  flow not tracked yet: 1 of 20 assets before the last stage name a next step; record where each\n"
        "    page hands buyers on: stagemap tag FILE --set next=ASSET-OR-STAGE\n"
    ) in out
    assert "dead ends" not in out
    project = load_project(tmp_path)
    report = analyse(project.config, project.library, DAY)
    assert (report.flow_tracked, report.stuck, report.dead_ends, report.with_next) == (False, (), (), (1, 20))
    assert not any(a.kind == "add-next" for a in report.actions)
    code, out, _ = run("-C", str(tmp_path), "report", "--as-of", "2026-03-01", "--format", "md")
    assert "- Flow not tracked yet: 1 of 20 assets before the last stage name a next step;" in out


def test_report_judges_flow_once_a_tenth_of_pages_have_next(tmp_path: Path) -> None:
    write(tmp_path, _pages(20, 2))
    project = load_project(tmp_path)
    report = analyse(project.config, project.library, DAY)
    assert report.flow_tracked
    assert len(report.dead_ends) == 18 and report.stuck


def test_report_small_library_without_next_is_still_stuck(tmp_path: Path) -> None:
    write(tmp_path, _pages(9, 0))
    project = load_project(tmp_path)
    report = analyse(project.config, project.library, DAY)
    assert report.flow_tracked and "awareness" in report.stuck


def _hugo_site(tmp_path: Path, tagged: int, untagged: int) -> None:
    """A Hugo site with ``tagged`` pages given a stage (no next step) and ``untagged`` pages, set up by ``init``."""
    files: dict[str, str | bytes] = {"hugo.toml": "title = 'Site'\n"}
    for i in range(tagged):
        files[f"content/t{i:02}.md"] = f"---\ntitle: T{i}\nstages: [awareness]\nquestions: [problems]\n---\n"
    for i in range(untagged):
        files[f"content/u{i:02}.md"] = f"---\ntitle: U{i}\n---\nText.\n"
    write(tmp_path, files)
    assert run("-C", str(tmp_path), "init")[0] == 0


def test_report_site_read_before_anyone_tagged_it_is_not_stuck(tmp_path: Path) -> None:
    """A site read in place on day one: pages without stages are no flow to judge and no imbalance, and the
    report says so rather than counting 0 of 0."""
    _hugo_site(tmp_path, 0, 3)
    project = load_project(tmp_path)
    report = analyse(project.config, project.library, DAY)
    assert (report.total, report.flow_tracked, report.stuck, report.with_next) == (3, False, (), (0, 0))
    assert not report.balance.warning
    code, out, _ = run("-C", str(tmp_path), "report", "--as-of", "2026-03-01", "--format", "json")
    data = json.loads(out)
    assert (code, data["stuck"], data["flow"]["tracked"], data["balance"]["warning"]) == (0, [], False, False)
    code, out, _ = run("-C", str(tmp_path), "report", "--as-of", "2026-03-01", "--width", "100")
    assert "less than 20%" not in out and "0 of 0" not in out
    assert "  flow not tracked yet: no asset that can be sent serves a stage before the last, so" in out
    assert "Balance\n  no asset that can be sent serves a stage yet\n" in out


def test_report_big_site_with_a_few_pages_tagged_is_not_stuck_yet(tmp_path: Path) -> None:
    """The first pages tagged on a site of 20 do not make every stage a stuck point (the size counts every page)."""
    _hugo_site(tmp_path, 3, 17)
    project = load_project(tmp_path)
    report = analyse(project.config, project.library, DAY)
    assert (report.total, report.flow_tracked, report.stuck, report.with_next) == (20, False, (), (0, 3))


def test_report_sample_tracks_flow() -> None:
    project = load_project(ROOT)
    report = analyse(project.config, project.library, DAY)
    assert report.flow_tracked and report.with_next == (25, 31)


def test_report_over_investment_is_relative_to_library_size(tmp_path: Path) -> None:
    write(tmp_path, _pages(6, 0))
    project = load_project(tmp_path)
    assert len(analyse(project.config, project.library, DAY).over_invested) == 6
    files = _pages(6, 0)
    for stage in ("exploration", "evaluation", "purchase"):
        for question in ("who-we-are", "who-for", "risk", "problems"):
            for i in range(8):
                body = f"---\ntitle: {stage}\nstages: [{stage}]\nquestions: [{question}]\n---\n"
                files[f"content/{stage}-{question}-{i}.md"] = body
    write(tmp_path, files)
    project = load_project(tmp_path)
    assert analyse(project.config, project.library, DAY).over_invested == ()


def test_cta_links_keeps_the_last_internal_links_last_first() -> None:
    body = (
        'See ![chart](/img.png) and [plans](/pricing/), [us](https://x.example/), [faq](../faq/ "FAQ"),\n'
        '<a href="/demo">book</a>, [top](#top), [mail](mailto:a@b.example) and [plans](/pricing/) again.\n'
    )
    assert cta_links(body) == ("/pricing/", "/demo", "../faq/")


def test_report_explains_a_stages_whole_row(tmp_path: Path) -> None:
    """A usability test: the table's "All" column could not be explained ('report --explain
    evaluation' said to name a cell). A stage alone explains its row: every asset tagged with the
    stage, whatever it answers, counted or not and why."""
    files = {
        "stagemap.yml": QUIET_CONFIG,
        "content/price.md": "---\ntitle: Price\nstages: [evaluation]\nquestions: [risk]\n---\nCost.\n",
        "content/compare.md": "---\ntitle: Compare\nstages: [evaluation]\nquestions: [who-for]\n---\nUs.\n",
        "content/draft.md": "---\ntitle: Draft\nstages: [evaluation]\nquestions: [risk]\nstatus: draft\n---\nX.\n",
        "content/intro.md": "---\ntitle: Intro\nstages: [awareness]\nquestions: [problems]\n---\nY.\n",
    }
    root = write(tmp_path, files)
    result = CliRunner().invoke(
        cli, ["-C", str(root), "report", "--explain", "evaluation", "--as-of", "2026-11-24"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:4] == [
        "evaluation, every question: covered, 2 counted (2 make it covered)",
        "",
        "Counts (2):",
        "  compare",
    ]
    assert "Tagged here but not counted (1):\n  draft: status draft\n" in result.stdout
    assert "intro" not in result.stdout
    result = CliRunner().invoke(
        cli, ["-C", str(root), "report", "--explain", "evaluation", "--format", "json"]
    )
    assert '"question": ""' in result.stdout
