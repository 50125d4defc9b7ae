"""Message kits and templates, as a user runs them: goldens, overrides, errors."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap import load_project
from stagemap.analyse.coverage import analyse
from stagemap.analyse.kits import build_kit
from stagemap.cli.app import cli
from stagemap.render.environment import environment, list_templates, render
from stagemap.render.kits import kit_context
from tests.conftest import ROOT

AS_OF = "2026-11-24"
Golden = Callable[[str, str], None]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def builtin_sample(sample: Path) -> Path:
    """The sample project without its template overrides: the built-in kits."""
    shutil.rmtree(sample / "templates", ignore_errors=True)
    return sample


@pytest.mark.parametrize("fmt", ["md", "html", "txt"])
def test_builtin_kit_golden(builtin_sample: Path, fmt: str, golden: Golden) -> None:
    code, out, err = run("-C", str(builtin_sample), "kit", "evaluation", "--format", fmt, "--as-of", AS_OF)
    assert (code, err) == (0, "")
    golden(f"kits/evaluation.{fmt}", out)


@pytest.mark.parametrize(
    ("stage", "persona"), [("commitment", "ops-director"), ("onboarding", "office-manager")]
)
def test_persona_kit_golden(builtin_sample: Path, stage: str, persona: str, golden: Golden) -> None:
    code, out, err = run(
        "-C", str(builtin_sample), "kit", stage, "--persona", persona, "--as-of", AS_OF, "--format", "md"
    )
    assert (code, err) == (0, "")
    golden(f"kits/{stage}-{persona}.md", out)


def test_after_purchase_kit_marks_gaps_and_success_guidance(builtin_sample: Path, golden: Golden) -> None:
    code, out, _ = run("-C", str(builtin_sample), "kit", "advocacy", "--as-of", AS_OF, "--format", "txt")
    assert code == 0
    golden("kits/advocacy.txt", out)
    # After the purchase the kit asks the customer's questions: two of them have nothing yet.
    assert out.count("GAP (empty, 0 of 2)") == 2
    assert "GAP (empty, 0 of 2): Expanding and referring: nothing answers \u201cWhat has it" in out


def test_kit_keeps_the_risk_line_after_the_risk_question_is_renamed(builtin_sample: Path) -> None:
    kit = ("-C", str(builtin_sample), "kit", "evaluation", "--as-of", AS_OF)
    before = run(*kit)
    assert "To lower the risk of buying, send: [Pricing on one page]" in before[1]
    rename = run("-C", str(builtin_sample), "rename-question", "risk", "safe-to-buy", "--yes")
    assert rename[0] == 0
    assert run(*kit) == before


def test_kit_finds_the_risk_question_by_role_not_id(builtin_sample: Path) -> None:
    settings = builtin_sample / "stagemap.yml"
    text = settings.read_text(encoding="utf-8")
    assert "questions:" not in text
    settings.write_text(
        text + "questions:\n  before: [who-we-are, problems, who-for, {id: risk, role: custom}]\n",
        encoding="utf-8",
    )
    code, out, _ = run("-C", str(builtin_sample), "kit", "evaluation", "--as-of", AS_OF)
    assert code == 0
    assert "To lower the risk of buying" not in out


def test_kits_writes_one_file_per_stage_and_an_index(
    builtin_sample: Path, tmp_path: Path, golden: Golden
) -> None:
    out_dir = tmp_path / "kits"
    code, out, err = run("-C", str(builtin_sample), "kits", "-o", str(out_dir), "--as-of", AS_OF)
    assert (code, err) == (0, "")
    names = sorted(p.name for p in out_dir.iterdir())
    assert names == [
        ".stagemap-manifest.json",
        "01-awareness.md",
        "02-exploration.md",
        "03-commitment.md",
        "04-evaluation.md",
        "05-purchase.md",
        "06-onboarding.md",
        "07-adoption.md",
        "08-advocacy.md",
        "09-renewal.md",
        "index.md",
    ]
    index = (out_dir / "index.md").read_text(encoding="utf-8")
    golden("kits/index.md", index)
    assert sum(line.startswith("- [") for line in index.splitlines()) == 9
    # Links to asset pages on the site (built into site/) are relative to where the kit was written.
    text = (out_dir / "04-evaluation.md").read_text(encoding="utf-8")
    link = "../sample/site/assets/sales/demo-script.html"
    assert f"]({link})" in text
    assert (out_dir / link).resolve() == (builtin_sample / "site/assets/sales/demo-script.html").resolve()
    # Same input, same bytes: a second run changes nothing.
    before = {p.name: p.stat().st_mtime_ns for p in out_dir.iterdir()}
    code, out, _ = run("-C", str(builtin_sample), "kits", "-o", str(out_dir), "--as-of", AS_OF)
    assert code == 0
    assert "(0 changed, 0 removed)" in out
    assert before == {p.name: p.stat().st_mtime_ns for p in out_dir.iterdir()}


def test_kits_by_persona_adds_a_folder_per_persona(builtin_sample: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "kits"
    code, _, _ = run(
        "-C",
        str(builtin_sample),
        "kits",
        "-o",
        str(out_dir),
        "--by",
        "persona",
        "--format",
        "html",
        "--as-of",
        AS_OF,
    )
    assert code == 0
    for persona in ("owner-operator", "office-manager", "ops-director"):
        assert len(list((out_dir / persona).glob("*.html"))) == 9
    index = (out_dir / "index.html").read_text(encoding="utf-8")
    assert 'href="ops-director/03-commitment.html"' in index


def test_html_kit_is_self_contained_and_prints(builtin_sample: Path) -> None:
    _, out, _ = run("-C", str(builtin_sample), "kit", "purchase", "--format", "html", "--as-of", AS_OF)
    assert "@media print" in out
    assert "<script" not in out
    assert 'rel="stylesheet"' not in out
    assert out.startswith("<!doctype html>")


def test_html_kit_escapes_content(builtin_sample: Path) -> None:
    path = builtin_sample / "content/blog/friday-invoicing.md"
    text = path.read_text(encoding="utf-8").replace(
        'title: "Friday night invoicing: a habit worth breaking"', 'title: "<script>alert(1)</script>"'
    )
    path.write_text(text, encoding="utf-8")
    _, out, _ = run("-C", str(builtin_sample), "kit", "awareness", "--format", "html", "--as-of", AS_OF)
    assert "<script>alert(1)</script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_sample_override_replaces_one_block_only(sample: Path, builtin_sample_copy: Path) -> None:
    code, custom, _ = run("-C", str(sample), "kit", "awareness", "--as-of", AS_OF)
    assert code == 0
    _, builtin, _ = run("-C", str(builtin_sample_copy), "kit", "awareness", "--as-of", AS_OF)
    head, _, _ = builtin.rpartition("\n---\n")
    assert custom.startswith(head + "\n---\n")
    assert custom.endswith("made with stagemap 0.1.0.\n")
    assert "Internal to Fernhill." in custom


@pytest.fixture
def builtin_sample_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "plain"
    dest.mkdir()
    shutil.copy2(ROOT / "stagemap.yml", dest / "stagemap.yml")
    shutil.copytree(ROOT / "content", dest / "content")
    return dest


def test_override_of_one_block_in_html(builtin_sample: Path) -> None:
    (builtin_sample / "templates").mkdir()
    (builtin_sample / "templates/kit.html.j2").write_text(
        '{% extends "stagemap/kit.html.j2" %}\n{% block guidance %}<p>Ask the team lead.</p>{% endblock %}\n',
        encoding="utf-8",
    )
    code, out, _ = run("-C", str(builtin_sample), "kit", "evaluation", "--format", "html", "--as-of", AS_OF)
    assert code == 0
    assert "<p>Ask the team lead.</p>" in out
    assert "How sales works this stage" not in out
    assert "What to say, question by question" in out


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (
            '{% extends "stagemap/kit.md.j2" %}\n{% block footer %}\n{% if %}\n{% endblock %}\n',
            "Error: templates/kit.md.j2:3: Expected an expression, got 'end of statement block'\n",
        ),
        (
            '{% extends "stagemap/kit.md.j2" %}\n{% block footer %}\n\n{{ kit.nothing_here }}\n{% endblock %}\n',
            "Error: templates/kit.md.j2:4: 'stagemap.model.kit.Kit object' has no attribute 'nothing_here'\n",
        ),
        (
            '{% extends "stagemap/kit.md.j2" %}\n{% block footer %}{{ project.name | nosuchfilter }}{% endblock %}\n',
            "Error: templates/kit.md.j2:2: No filter named 'nosuchfilter'.\n",
        ),
        (
            '{% extends "stagemap/missing.md.j2" %}\n',
            "Error: template 'stagemap/missing.md.j2' not found\n",
        ),
    ],
)
def test_broken_template_reports_file_and_line(builtin_sample: Path, template: str, message: str) -> None:
    (builtin_sample / "templates").mkdir()
    (builtin_sample / "templates/kit.md.j2").write_text(template, encoding="utf-8")
    code, out, err = run("-C", str(builtin_sample), "kit", "awareness", "--as-of", AS_OF)
    assert (code, out, err) == (2, "", message)


def test_unknown_stage_and_persona_are_usage_errors() -> None:
    assert run("-C", str(ROOT), "kit", "evalutaion") == (
        2,
        "",
        "Error: unknown stage 'evalutaion' (did you mean 'evaluation'?)\n",
    )
    code, _, err = run("-C", str(ROOT), "kit", "zzz")
    assert code == 2
    assert err == (
        "Error: unknown stage 'zzz' (valid: awareness, exploration, commitment, evaluation, "
        "purchase, onboarding, adoption, advocacy, renewal)\n"
    )
    assert run("-C", str(ROOT), "kit", "purchase", "--persona", "cfo")[2] == (
        "Error: unknown persona 'cfo' (valid: owner-operator, office-manager, ops-director)\n"
    )


def test_kit_output_file(builtin_sample: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "purchase.md"
    code, out, _ = run("-C", str(builtin_sample), "kit", "purchase", "-o", str(target), "--as-of", AS_OF)
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("# Deciding and buying: message kit\n")
    assert out == f"Wrote {target}\n"
    assert run("-C", str(builtin_sample), "kit", "purchase", "-o", str(target))[2] == (
        f"Error: {target} already exists (use --force to overwrite it)\n"
    )
    assert run("-C", str(builtin_sample), "kit", "purchase", "-o", str(target), "--force")[0] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["kit", "awareness", "-o", "content/blog/friday-invoicing.md"],
            "refusing to write {p}/content/blog/friday-invoicing.md: it is inside the content folder",
        ),
        (
            ["kit", "awareness", "-o", "stagemap.yml", "--force"],
            "refusing to write {p}/stagemap.yml: a YAML file in the project may be its settings or model",
        ),
        (
            ["kit", "awareness", "-o", "templates/kit.md.j2", "--force"],
            "refusing to write {p}/templates/kit.md.j2: it is inside the templates folder",
        ),
        (
            ["kits", "-o", "content"],
            "refusing to write kits into {p}/content: it is the content folder",
        ),
        (["kits", "-o", "."], "refusing to write kits into {p}: it is the project folder"),
    ],
)
def test_kits_never_write_over_the_project(builtin_sample: Path, args: list[str], message: str) -> None:
    before = sorted(
        (p.relative_to(builtin_sample).as_posix(), p.read_bytes())
        for p in builtin_sample.rglob("*")
        if p.is_file()
    )
    argv = [
        a if not a.startswith(("content", "stagemap", "templates", ".")) else str(builtin_sample / a)
        for a in args
    ]
    code, out, err = run("-C", str(builtin_sample), *argv)
    assert (code, out) == (2, "")
    assert err.startswith("Error: " + message.format(p=builtin_sample))
    after = sorted(
        (p.relative_to(builtin_sample).as_posix(), p.read_bytes())
        for p in builtin_sample.rglob("*")
        if p.is_file()
    )
    assert after == before


def test_kits_never_overwrite_files_they_did_not_write(builtin_sample: Path, tmp_path: Path) -> None:
    handouts = tmp_path / "handouts"
    handouts.mkdir()
    (handouts / "01-awareness.md").write_text("my notes\n", encoding="utf-8")
    code, _, err = run("-C", str(builtin_sample), "kits", "-o", str(handouts))
    assert code == 2
    assert "already holds files that stagemap did not write: 01-awareness.md" in err
    assert (handouts / "01-awareness.md").read_text(encoding="utf-8") == "my notes\n"


def test_every_builtin_template_renders_with_the_documented_context(tmp_path: Path) -> None:
    project = load_project(ROOT)
    config = project.config
    env = environment(None)
    report = analyse(config, project.library, dt.date(2026, 11, 24))
    rendered = 0
    for info in list_templates(None):
        if not info.name.startswith("kit.") or not info.name.endswith(".j2"):
            continue
        for stage in config.model.stages:
            kit = build_kit(config, project.library, report, stage.id, link_base=tmp_path)
            text = render(env, info.name, kit_context(config, report, kit, "stagemap test"))
            assert stage.name in text
            rendered += 1
    assert rendered == 3 * len(config.model.stages)


def test_templates_list_shows_where_each_resolves() -> None:
    code, out, _ = run("-C", str(ROOT), "templates", "list")
    assert code == 0
    lines = [" ".join(line.split()) for line in out.splitlines()]
    assert "kit.txt.j2 built-in" in lines
    assert "kit.md.j2 templates/kit.md.j2 (overrides the built-in; extend it as stagemap/kit.md.j2)" in lines
    # Names are padded to one column.
    assert len({line.index("built-in") for line in out.splitlines() if line.endswith(" built-in")}) == 1


def test_templates_copy(builtin_sample: Path) -> None:
    code, out, _ = run("-C", str(builtin_sample), "templates", "copy", "kit.txt.j2")
    assert (code, out) == (0, "Copied kit.txt.j2 to templates/kit.txt.j2\n")
    copied = (builtin_sample / "templates/kit.txt.j2").read_bytes()
    assert copied == (ROOT / "src/stagemap/templates/kit.txt.j2").read_bytes()
    assert run("-C", str(builtin_sample), "templates", "copy", "kit.txt.j2")[2] == (
        "Error: templates/kit.txt.j2 already exists (use --force to overwrite)\n"
    )
    assert run("-C", str(builtin_sample), "templates", "copy", "kit.txt.j2", "--force")[0] == 0
    assert run("-C", str(builtin_sample), "templates", "copy", "kit.tx.j2")[2] == (
        "Error: unknown template 'kit.tx.j2' (did you mean 'kit.txt.j2'?)\n"
    )


def test_kits_and_a_site_never_share_a_folder(builtin_sample: Path) -> None:
    assert run("-C", str(builtin_sample), "build", "--as-of", AS_OF)[0] == 0
    site = builtin_sample / "site"
    before = sorted(p.name for p in site.rglob("*"))
    code, out, err = run("-C", str(builtin_sample), "kits", "-o", str(site), "--as-of", AS_OF)
    assert (code, out) == (2, "")
    assert (
        err
        == f"Error: {site} holds stagemap's site (listed in its .stagemap-manifest.json); write the kits to another folder\n"
    )
    assert sorted(p.name for p in site.rglob("*")) == before
    assert run("-C", str(builtin_sample), "kits", "--as-of", AS_OF)[0] == 0
    code, _, err = run("-C", str(builtin_sample), "build", "-o", str(builtin_sample / "kits"))
    assert code == 2
    assert "holds stagemap's kits" in err


def test_output_folder_inside_a_file_is_a_usage_error(builtin_sample: Path) -> None:
    for command in (["kits"], ["build"]):
        code, out, err = run(
            "-C", str(builtin_sample), *command, "-o", str(builtin_sample / "stagemap.yml/x")
        )
        assert (code, out) == (2, "")
        assert err.startswith("Error: refusing to ")
        assert "stagemap.yml is a file, not a folder" in err


def test_persona_kit_sends_and_hands_on_only_from_that_personas_assets(builtin_sample: Path) -> None:
    project = load_project(builtin_sample)
    config = project.config
    as_of = dt.date.fromisoformat(AS_OF)
    report = analyse(config, project.library, as_of, persona="office-manager")
    for stage in config.model.stages:
        kit = build_kit(config, project.library, report, stage.id, persona="office-manager")
        sent = {a.id for q in kit.questions for a in q.assets} | {s.source.id for s in kit.next_steps}
        for asset_id in sent:
            personas = project.library.by_id[asset_id].personas
            assert not personas or "office-manager" in personas, (stage.id, asset_id)


def test_office_manager_purchase_kit_is_stuck_without_listing_handers_on(builtin_sample: Path) -> None:
    code, out, _ = run(
        "-C", str(builtin_sample), "kit", "purchase", "--persona", "office-manager", "--as-of", AS_OF
    )
    assert code == 0
    assert "**Stuck point:**" in out
    assert "procurement-faq" not in out
    assert "- Nothing published here hands buyers on yet." in out


def test_kit_never_sends_internal_material(builtin_sample: Path) -> None:
    code, out, _ = run("-C", str(builtin_sample), "kit", "commitment", "--as-of", AS_OF)
    assert code == 0
    send, _, rest = out.partition("## For the team, not to send")
    assert "discovery-call-guide" not in send
    assert (
        "- [Discovery call guide](site/assets/sales/discovery-call-guide.html) (sales-script): The first call"
        in rest
    )


def test_audience_key_in_front_matter_wins_over_the_format(builtin_sample: Path) -> None:
    path = builtin_sample / "content/sales/demo-script.md"
    path.write_text(path.read_text(encoding="utf-8").replace("format: demo", "format: demo\naudience: buyer"))
    _, out, _ = run("-C", str(builtin_sample), "kit", "evaluation", "--as-of", AS_OF)
    send, _, _ = out.partition("## The next step to push")
    assert (
        "- [Demo script: a Monday at a nine-van firm](site/assets/sales/demo-script.html) (demo): A thirty"
        in send
    )
    assert "## For the team, not to send" not in out


def test_sample_html_override_style_lands_in_its_own_style_element(sample: Path) -> None:
    code, out, _ = run("-C", str(sample), "kit", "awareness", "--format", "html", "--as-of", AS_OF)
    assert code == 0
    head = out.partition("</head>")[0]
    builtin = head.partition("<style>")[2].partition("</style>")[0]
    assert "<style>" not in builtin
    assert "</style>\n<style>\n  .brand {" in head


def test_kit_guidance_comes_from_the_stage_play_and_settings(builtin_sample: Path) -> None:
    questions = {}
    for stage in ("commitment", "evaluation", "purchase"):
        out = run("-C", str(builtin_sample), "kit", stage, "--as-of", AS_OF)[1]
        questions[stage] = [line for line in out.splitlines() if line.startswith("1. ")]
    assert len({tuple(q) for q in questions.values()}) == 3
    settings = builtin_sample / "stagemap.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + "plays:\n  evaluation:\n    ask: [Who have you asked about us?]\n",
        encoding="utf-8",
    )
    out = run("-C", str(builtin_sample), "kit", "evaluation", "--as-of", AS_OF)[1]
    assert [line for line in out.splitlines() if line.startswith("1. ")] == [
        "1. Who have you asked about us?"
    ]


def test_kit_keeps_gap_notices_out_of_the_talk_track(builtin_sample: Path) -> None:
    out = run("-C", str(builtin_sample), "kit", "commitment", "--as-of", AS_OF)[1]
    talk, _, appendix = out.partition("## For the content team: still open here")
    assert "**Gap (" not in talk
    assert appendix.count("**Gap (") == 3


def test_a_kit_of_another_library_or_folder_is_made_from_that_one(sample: Path, tmp_path: Path) -> None:
    # Kits keep each stage's assets and each page's link for the library and folder last asked
    # about (a build makes 36 kits of one library); another library or folder is not served them.
    day = dt.date(2026, 11, 24)
    first = load_project(sample)
    before = build_kit(first.config, first.library, analyse(first.config, first.library, day), "awareness")
    (sample / "content/blog/one-more.md").write_text(
        "---\ntitle: One more\nstages: [awareness]\nquestions: [problems]\nformat: article\n"
        "status: draft\n---\nBody.\n",
        encoding="utf-8",
    )
    second = load_project(sample)
    report = analyse(second.config, second.library, day)
    after = build_kit(second.config, second.library, report, "awareness")
    elsewhere = build_kit(second.config, second.library, report, "awareness", link_base=tmp_path / "kits")
    assert "blog/one-more" not in [ref.id for ref in before.pipeline]
    assert [ref.href for ref in after.pipeline if ref.id == "blog/one-more"] == [
        "site/assets/blog/one-more.html"
    ]
    away = [ref.href for ref in elsewhere.pipeline if ref.id == "blog/one-more"]
    assert away == [os.path.relpath(sample / "site/assets/blog/one-more.html", tmp_path / "kits")]
