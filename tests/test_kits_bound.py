"""Kits stay short at any library size: the best few assets per list, and how many more."""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
from pathlib import Path

from click.testing import CliRunner

from stagemap import load_project
from stagemap.analyse.coverage import analyse
from stagemap.analyse.kits import best, build_kit
from stagemap.analyse.plays import build_play
from stagemap.analyse.site import plan_site, site_pages
from stagemap.cli.app import cli
from stagemap.model.kit import KIT_LIMIT
from stagemap.model.play import PLAY_LIMITS
from stagemap.render.environment import environment
from stagemap.render.site import prepare, render_page
from tests.conftest import ROOT, write
from tests.test_incremental import build, tree

AS_OF = dt.date(2026, 11, 24)


def _asset(title: str, questions: str, updated: str) -> str:
    return (
        f'---\ntitle: "{title}"\nstages: [awareness]\nquestions: [{questions}]\nformat: guide\n'
        f"status: published\nupdated: {updated}\nreview_by: 2027-06-30\nmessage: {title} says it.\n"
        "---\n\nBody.\n"
    )


def _seven(tmp_path: Path) -> Path:
    """The sample's settings and seven ready assets answering ``problems`` at awareness."""
    project = tmp_path / "seven"
    project.mkdir()
    shutil.copy2(ROOT / "stagemap.yml", project / "stagemap.yml")
    return write(
        project,
        {
            "content/a.md": _asset("A broad old one", "problems, who-for, risk", "2025-01-01"),
            "content/b.md": _asset("B direct new", "problems", "2026-10-01"),
            "content/c.md": _asset("C direct old", "problems", "2025-02-01"),
            "content/d.md": _asset("D broad mid", "problems, who-for, risk", "2026-09-01"),
            "content/e.md": _asset("E direct mid", "problems", "2026-03-01"),
            "content/f.md": _asset("F broad new", "problems, who-for, risk", "2026-11-01"),
            "content/g.md": _asset("G direct newest", "problems", "2026-11-20"),
        },
    )


def test_kit_best_keeps_a_list_that_fits_whole_and_in_order() -> None:
    assert best([3, 1, 2], key=lambda n: n, limit=3) == ([3, 1, 2], 0)


def test_kit_best_picks_by_key_and_keeps_the_lists_order() -> None:
    assert best([5, 1, 4, 2, 3], key=lambda n: n, limit=2) == ([1, 2], 3)


def test_kit_question_shows_the_most_direct_and_recent_and_counts_the_rest(tmp_path: Path) -> None:
    project = load_project(_seven(tmp_path), bodies=False)
    report = analyse(project.config, project.library, AS_OF)
    kit = build_kit(project.config, project.library, report, "awareness")
    problems = next(q for q in kit.questions if q.question.id == "problems")
    assert KIT_LIMIT == 5
    # Assets answering one question before those answering three; among equals, the most
    # recently updated: of the three broad ones, the newest.
    assert [a.title for a in problems.assets] == [
        "B direct new",
        "C direct old",
        "E direct mid",
        "F broad new",
        "G direct newest",
    ]
    assert (problems.count, problems.more) == (7, 2)
    assert problems.messages == tuple(f"{a.title} says it." for a in problems.assets)


def test_kit_more_line_names_the_command_that_lists_them_all(tmp_path: Path) -> None:
    project = _seven(tmp_path)
    args = ["-C", str(project), "kit", "awareness", "--as-of", "2026-11-24"]
    md = CliRunner().invoke(cli, args)
    assert md.exit_code == 0, md.output
    assert "- and 2 more; list them all: `stagemap list --stage awareness --question problems`\n" in md.output
    txt = CliRunner().invoke(cli, [*args, "--format", "txt"])
    line = "  Send: and 2 more; list them all: stagemap list --stage awareness --question problems\n"
    assert line in txt.output
    html = CliRunner().invoke(cli, [*args, "--format", "html"])
    assert (
        '<li class="more">and 2 more; list them all: '
        "<code>stagemap list --stage awareness --question problems</code></li>"
    ) in html.output


def test_kit_text_never_breaks_the_command_across_lines(tmp_path: Path) -> None:
    """Wrapped at 78 columns, a long line keeps its command whole: pasted half of one would run."""
    project = tmp_path / "drafts"
    project.mkdir()
    shutil.copy2(ROOT / "stagemap.yml", project / "stagemap.yml")
    drafts = {
        f"content/d{n}.md": _asset(f"Draft number {n}", "problems", "2026-10-01")
        .replace("[awareness]", "[exploration]")
        .replace("status: published", "status: draft")
        for n in range(7)
    }
    write(project, drafts)
    args = ["-C", str(project), "kit", "exploration", "--as-of", "2026-11-24", "--format", "txt"]
    txt = CliRunner().invoke(cli, args)
    assert txt.exit_code == 0, txt.output
    command = "stagemap list --stage exploration"
    # "  - In the making: and 2 more; list them all: " leaves the command too little room.
    assert "  - In the making: and 2 more; list them all:\n    " + command + "\n" in txt.output
    assert "\ue000" not in txt.output
    assert all(len(line) <= 78 or line.lstrip().startswith(command) for line in txt.stdout.splitlines())
    # Every asset a draft: stderr says why the kit has nothing to send (a note, not kit text).
    assert txt.stderr.startswith(
        "note: the kits of every stage list nothing to send. 0 of 7 assets can be sent"
    )


def test_kit_an_updated_edit_renders_again_the_play_whose_pick_it_changes(tmp_path: Path) -> None:
    project = _seven(tmp_path)
    out = tmp_path / "site"

    def problems() -> str:
        text = (out / "plays/awareness.html").read_text("utf-8")
        return text.split('id="q-problems"')[1].split("</section>")[0]

    build(project, out)
    assert "A broad old one" not in problems()
    page = project / "content/a.md"
    page.write_text(page.read_text("utf-8").replace("2025-01-01", "2026-11-23"), encoding="utf-8")
    build(project, out)
    assert "A broad old one" in problems()
    fresh = tmp_path / "fresh"
    build(project, fresh)
    assert tree(out) == tree(fresh)


def _generated(tmp_path: Path, count: int, page_size: int) -> Path:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks/generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    project = tmp_path / "lib"
    module.generate(count, project)
    settings = project / "stagemap.yml"
    settings.write_text(settings.read_text("utf-8") + f"site:\n  page_size: {page_size}\n", encoding="utf-8")
    return project


def test_site_stage_page_weight_is_bounded_by_the_kit_limit(tmp_path: Path) -> None:
    page_size = 5
    project = load_project(_generated(tmp_path, 600, page_size), bodies=False)
    config, library = project.config, project.library
    report = analyse(config, library, AS_OF)
    pages = {p.path for p in site_pages(config, library) if p.kind == "stage" and p.path.count("/") == 1}
    plan = plan_site(config, library, report, generator="stagemap test", render=pages)
    env = environment(config.templates_dir)
    prepare(env)
    for page in plan.pages:
        kit = plan.stages[page.key].kit
        text = render_page(plan, env, page).text
        # Each list of the kit (a question, the next steps, risk, in the making, each stall)
        # shows at most KIT_LIMIT assets, the stage's own list page_size: about 400 bytes each,
        # on a frame of the header, the goal, the guidance and the table's head.
        lists = len(kit.questions) + 3 + len(kit.stuck) + len(kit.backward)
        items = page_size + KIT_LIMIT * lists
        assert len(text.encode()) <= 14_000 + 400 * items, page.path
        assert all(len(q.assets) <= KIT_LIMIT for q in kit.questions)
    commitment = render_page(plan, env, next(p for p in plan.pages if p.key == "commitment")).text
    assert '<li class="more">and ' in commitment
    assert 'more: <a href="commitment.html#all-assets">every asset at Committing to change</a>' in commitment


def test_play_appendix_and_cards_stay_short_in_a_large_library(tmp_path: Path) -> None:
    project = load_project(_generated(tmp_path, 600, 5), bodies=False)
    report = analyse(project.config, project.library, AS_OF)
    play = build_play(project.config, project.library, report, "commitment")
    assert len(play.appendix.pipeline) == PLAY_LIMITS["pipeline"]
    assert play.appendix.pipeline_more > 0
    assert all(len(card.send) <= PLAY_LIMITS["card_send"] for card in play.objections)
