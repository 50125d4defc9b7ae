"""`stagemap rename-stage|question|persona`: every use renamed, settings kept as written, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli import edit as cli_edit
from stagemap.cli.app import cli
from tests.conftest import write


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


CONFIG = """\
name: Acme  # the company
model: buyer-journey
stages:
  awareness:
    name: Spotting the problem  # our words
thresholds:
  covered: 2
  stages: {awareness: 3}
  questions:
    risk: 1
not_applicable:
  - awareness:risk
  - {stage: purchase, question: who-we-are}
messages:
  risk: Cancel any month.
personas:
  - id: owner
    name: Owner
  - id: manager   # office
    name: Office manager
"""
COST = (
    "---\ntitle: Cost\nstages: [awareness, exploration]\nquestions: risk\npersonas:\n  - owner\n---\nBody.\n"
)
TEASER = (
    "---\ntitle: Teaser\nstages: exploration\nquestions: [problems]\nnext: awareness  # back to start\n---\n"
)
OTHER = "---\ntitle: Other\nstages: [evaluation]\nquestions: [who-for]\n---\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(
        tmp_path,
        {
            "stagemap.yml": CONFIG,
            "content/cost.md": COST,
            "content/teaser.md": TEASER,
            "content/other.md": OTHER,
        },
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_rename_stage_of_a_builtin_model_explains_how(project: Path) -> None:
    before = snapshot(project)
    assert run("rename-stage", "awareness", "noticing", "--yes") == (
        2,
        "",
        "Error: the stages of the built-in model 'buyer-journey' cannot be renamed in place; run again "
        "with --copy-model to copy the model into the project as buyer-journey.yml, rename the stage "
        "there and set 'model: buyer-journey.yml' in stagemap.yml\n",
    )
    assert snapshot(project) == before


def test_rename_stage_copy_model_renames_everywhere(project: Path) -> None:
    code, out, err = run("rename-stage", "awareness", "noticing", "--copy-model", "--yes")
    assert (code, err) == (0, "")
    assert out == (
        "Renaming stage 'awareness' to 'noticing' changes 4 files:\n"
        "  content/cost.md    stages\n"
        "  content/teaser.md  next\n"
        "  buyer-journey.yml  stages (new file)\n"
        "  stagemap.yml       model, stages, not_applicable, thresholds.stages\n"
        "Renamed stage 'awareness' to 'noticing' in 4 files.\n"
    )
    assert (project / "stagemap.yml").read_text() == (
        CONFIG.replace("model: buyer-journey", "model: buyer-journey.yml")
        .replace("  awareness:\n", "  noticing:\n")
        .replace("{awareness: 3}", "{noticing: 3}")
        .replace("- awareness:risk", "- noticing:risk")
    )
    assert (project / "content/cost.md").read_text() == COST.replace("[awareness,", "[noticing,")
    assert (project / "content/teaser.md").read_text() == TEASER.replace("next: awareness", "next: noticing")
    model = (project / "buyer-journey.yml").read_text()
    assert model.startswith("# The journey model, copied from stagemap's built-in 'buyer-journey' model by\n")
    assert "  - id: noticing\n    name: Noticing the problem\n" in model
    assert run("check")[0] == 0


def test_rename_stage_dry_run_shows_the_new_model_file_and_writes_nothing(project: Path) -> None:
    before = snapshot(project)
    code, out, err = run("rename-stage", "awareness", "noticing", "--copy-model", "--dry-run")
    assert code == 0
    assert "--- /dev/null\n+++ b/buyer-journey.yml\n" in out
    assert "--- a/content/teaser.md\n+++ b/content/teaser.md\n" in out
    assert "-next: awareness  # back to start\n+next: noticing  # back to start\n" in out
    assert err == "Would rename stage 'awareness' to 'noticing' in 4 files (dry run: nothing written).\n"
    assert snapshot(project) == before


def test_rename_stage_in_a_project_model_file(project: Path) -> None:
    write(
        project,
        {
            "journey.yml": "# ours\nid: ours\nstages:\n  - id: awareness  # first\n    name: A\n    phase: before\n    lead: marketing\n"
            "  - id: exploration\n    name: E\n    phase: before\n    lead: sales\n",
            "stagemap.yml": "name: Acme\nmodel: journey.yml\npersonas: [{id: owner}]\n",
            "content/other.md": "---\ntitle: O\nstages: exploration\nquestions: risk\n---\n",
        },
    )
    code, out, _ = run("rename-stage", "awareness", "noticing", "--yes")
    assert code == 0
    assert "  journey.yml        stages\n" in out
    assert (project / "journey.yml").read_text() == (
        "# ours\nid: ours\nstages:\n  - id: noticing  # first\n    name: A\n    phase: before\n    lead: marketing\n"
        "  - id: exploration\n    name: E\n    phase: before\n    lead: sales\n"
    )
    assert (
        project / "stagemap.yml"
    ).read_text() == "name: Acme\nmodel: journey.yml\npersonas: [{id: owner}]\n"
    assert run("check")[0] == 0


def test_rename_stage_in_an_inline_model(project: Path) -> None:
    write(
        project,
        {
            "stagemap.yml": "model:\n  stages:\n    - {id: awareness, name: A, phase: before, lead: marketing}\n"
            "    - {id: exploration, name: E, phase: before, lead: sales}\n"
            "personas: [{id: owner}]\n",
            "content/other.md": "---\ntitle: O\nstages: exploration\nquestions: risk\n---\n",
        },
    )
    code, _, _ = run("rename-stage", "awareness", "noticing", "--yes")
    assert code == 0
    assert (project / "stagemap.yml").read_text() == (
        "model:\n  stages:\n    - {id: noticing, name: A, phase: before, lead: marketing}\n"
        "    - {id: exploration, name: E, phase: before, lead: sales}\n"
        "personas: [{id: owner}]\n"
    )
    assert (project / "content/cost.md").read_text() == COST.replace("[awareness,", "[noticing,")
    assert run("check")[0] == 0


def test_rename_question_spells_out_a_builtin_question(project: Path) -> None:
    code, out, _ = run("rename-question", "risk", "safe-to-buy", "--yes")
    assert code == 0
    assert out.splitlines()[-2:] == [
        "  stagemap.yml     questions, not_applicable, thresholds.questions, messages",
        "Renamed question 'risk' to 'safe-to-buy' in 2 files.",
    ]
    settings = (project / "stagemap.yml").read_text()
    assert settings == (
        CONFIG.replace(
            "    name: Spotting the problem  # our words\n",
            "    name: Spotting the problem  # our words\n"
            # Only the phases that ask it are spelt out: after the purchase asks other questions.
            "questions: {"
            + ", ".join(
                f"{phase}: [who-we-are, problems, who-for, "
                '{id: safe-to-buy, name: Reducing risk, prompt: "How do you make buying from you safe?", role: risk}]'
                for phase in ("before", "at")
            )
            + "}\n",
        )
        .replace("    risk: 1", "    safe-to-buy: 1")
        .replace("- awareness:risk", "- awareness:safe-to-buy")
        .replace("  risk: Cancel", "  safe-to-buy: Cancel")
    )
    assert (project / "content/cost.md").read_text() == COST.replace(
        "questions: risk", "questions: safe-to-buy"
    )
    assert run("check")[0] == 0


def test_rename_question_listed_by_id_and_as_a_mapping(project: Path) -> None:
    write(
        project,
        {
            "stagemap.yml": "questions:\n  - who-we-are\n  - risk\n  - {id: cost, name: Cost}\n",
            "content/other.md": "---\ntitle: O\nstages: [awareness]\nquestions: [risk, cost]\n---\n",
        },
    )
    (project / "content/cost.md").unlink()
    (project / "content/teaser.md").unlink()
    assert run("rename-question", "cost", "price", "--yes")[0] == 0
    assert run("rename-question", "risk", "safety", "--yes")[0] == 0
    assert (project / "stagemap.yml").read_text() == (
        "questions:\n  - who-we-are\n"
        '  - {id: safety, name: Reducing risk, prompt: "How do you make buying from you safe?", role: risk}\n'
        '  - {id: price, name: Cost, prompt: "What is this problem costing us?"}\n'
    )
    assert "questions: [safety, price]\n" in (project / "content/other.md").read_text()
    assert run("check")[0] == 0


def test_rename_persona_keeps_comments(project: Path) -> None:
    code, out, _ = run("rename-persona", "manager", "office-lead", "--yes")
    assert code == 0
    assert out == (
        "Renaming persona 'manager' to 'office-lead' changes 1 file:\n"
        "  stagemap.yml  personas\n"
        "Renamed persona 'manager' to 'office-lead' in 1 file.\n"
    )
    assert (project / "stagemap.yml").read_text() == CONFIG.replace(
        "id: manager   # office", "id: office-lead   # office"
    )
    code, _, _ = run("rename-persona", "owner", "boss", "--yes")
    assert (project / "content/cost.md").read_text() == COST.replace("  - owner", "  - boss")


def test_rename_is_all_or_nothing_when_a_file_using_the_id_has_problems(project: Path) -> None:
    write(
        project,
        {"content/bad.md": "---\ntitle: Bad\nstages: [awareness]\nquestions: [risk]\nupdated: soon\n---\n"},
    )
    before = snapshot(project)
    code, out, err = run("rename-persona", "owner", "boss", "--yes")
    assert code == 0  # bad.md names no persona, so it does not block this rename
    code, out, err = run("rename-question", "risk", "safety", "--yes")
    assert (code, out) == (1, "")
    assert err == (
        "content/bad.md:5:10: error: 'updated' must be a date like 2026-03-31, got 'soon' (write the date as YYYY-MM-DD)\n"
        "content/bad.md: not changed: fix its problems first (stagemap check)\n"
        "Nothing was renamed: 1 file that may use 'risk' must be fixed first, so that every file is renamed together.\n"
    )
    # The renames' journal lives in the cache folder, which the first rename made.
    mine = ("cost", "stagemap.yml", ".stagemap-cache/")
    assert {k: v for k, v in snapshot(project).items() if not any(m in k for m in mine)} == {
        k: v for k, v in before.items() if not any(m in k for m in mine)
    }


def test_rename_blocked_by_a_file_it_cannot_read(project: Path) -> None:
    write(project, {"content/broken.md": "---\ntitle: [\n---\n"})
    code, _, err = run("rename-persona", "owner", "boss", "--yes")
    assert code == 1
    assert (
        "content/broken.md: not changed: cannot tell whether it uses 'owner': fix its problems first (stagemap check)\n"
        in err
    )


def test_rename_needs_yes_without_a_terminal(project: Path) -> None:
    assert run("rename-persona", "owner", "boss") == (
        2,
        "",
        "Error: not a terminal, so cannot ask: add --yes to rename, or --dry-run to see the changes\n",
    )


def test_rename_asks_on_a_terminal(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_edit, "stdin_is_tty", lambda: True)
    before = snapshot(project)
    code, out, err = run("rename-persona", "owner", "boss", input="n\n")
    assert code == 1
    assert out.startswith("Renaming persona 'owner' to 'boss' changes 2 files:\n")
    assert err == "Rename? [y/N]: n\nAborted!\n"
    assert snapshot(project) == before
    code, out, _ = run("rename-persona", "owner", "boss", input="y\n")
    assert code == 0
    assert out.endswith("Renamed persona 'owner' to 'boss' in 2 files.\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["rename-stage", "awarness", "x"], "unknown stage 'awarness' (did you mean 'awareness'?)"),
        (
            ["rename-question", "risk", "problems"],
            "question 'problems' already exists (merging two questions is not supported)",
        ),
        (
            ["rename-persona", "owner", "Big Boss"],
            "'Big Boss' is not a valid id (lowercase letters, digits, '-' and '_'; e.g. owner-2)",
        ),
        (["rename-persona", "owner", "owner"], "'owner' is already called that"),
    ],
)
def test_rename_usage_errors(project: Path, args: list[str], message: str) -> None:
    assert run(*args, "--yes") == (2, "", f"Error: {message}\n")


def test_rename_stage_copy_model_refuses_to_overwrite(project: Path) -> None:
    write(project, {"buyer-journey.yml": "stages: []\n"})
    assert run("rename-stage", "awareness", "noticing", "--copy-model", "--yes")[2] == (
        "Error: buyer-journey.yml already exists; set 'model: buyer-journey.yml' in stagemap.yml to use it, "
        "or move it away and run again\n"
    )


def test_rename_persona_on_hugo_finds_the_key_in_any_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hugo reads ``Personas:`` as ``personas``: the rename must reach it (the check would fail otherwise)."""
    page = "---\ntitle: T\nstages: [awareness]\nquestions: [problems]\nPersonas: [owner, manager]\n---\n"
    settings = CONFIG + "generator: hugo\nsources: [site]\n"
    write(tmp_path, {"stagemap.yml": settings, "site/a.md": page})
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("rename-persona", "owner", "boss", "--yes")
    assert (code, out.splitlines()[-1]) == (0, "Renamed persona 'owner' to 'boss' in 2 files.")
    assert (tmp_path / "site/a.md").read_text() == page.replace("[owner,", "[boss,")


def test_rename_stage_on_hugo_reaches_keys_in_any_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A review: ``Next: awareness`` stayed when the stage was renamed, and check then failed."""
    page = "---\ntitle: T\nStages: [awareness]\nquestions: [problems]\nNext: awareness\n---\n"
    write(tmp_path, {"stagemap.yml": CONFIG + "generator: hugo\nsources: [site]\n", "site/a.md": page})
    monkeypatch.chdir(tmp_path)
    code, _, _ = run("rename-stage", "awareness", "noticing", "--copy-model", "--yes")
    assert code == 0
    assert (tmp_path / "site/a.md").read_text() == page.replace("awareness", "noticing")
