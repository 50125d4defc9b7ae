"""`stagemap check`, `stagemap models` and global options, as a user sees them."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli.app import COLLECT_EVERY, cli, main
from tests.conftest import MINIMAL_CONFIG, ROOT, write

# These tests check validation: the lint rules about the project as a whole stay off.
CONFIG = MINIMAL_CONFIG + "lint:\n  no-not-for: false\n  placeholder: false\n"


def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    argv = list(args) if cwd is None else ["-C", str(cwd), *args]
    result = runner.invoke(cli, argv, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


GOOD = """\
---
title: What a missed call costs
stages: [awareness]
questions: [problems]
personas: [owner]
next: guides/checklist
---
Body.
"""
GOOD2 = """\
---
title: Checklist
stages: exploration
questions: problems
---
"""


def test_check_clean_library_exits_0(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "stagemap.yml": CONFIG,
            "content/blog/cost.md": GOOD,
            "content/guides/checklist.md": GOOD2,
        },
    )
    code, out, err = run("check", cwd=tmp_path)
    assert (code, err) == (0, "")
    assert out == (
        "Checked 2 files in content/ against the buyer-journey model "
        "(9 stages, 8 questions, 2 personas): no problems.\n"
    )


def test_check_reports_every_broken_file_sorted_and_exits_1(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "stagemap.yml": CONFIG,
            "content/a-good.md": GOOD.replace("guides/checklist", "guides/checklst"),
            "content/guides/checklist.md": GOOD2,
            "content/empty.md": "",
            "content/typo.md": "---\ntitle: T\nstages: [awarness]\nquestions: [problems]\n---\n",
            "content/dup.md": "---\nid: guides/checklist\ntitle: Dup\nstages: awareness\nquestions: risk\n---\n",
            "content/crlf.md": b"\xef\xbb\xbf---\r\ntitle: Fine\r\nstages: awareness\r\nquestions: risk\r\n---\r\n",
        },
    )
    code, out, err = run("check", cwd=tmp_path)
    assert code == 1
    assert err == (
        "content/a-good.md:6:7: error: next step 'guides/checklst' matches no asset or stage "
        "(did you mean 'guides/checklist'?)\n"
        "content/empty.md:1:1: error: file is empty (start it with front matter between '---' lines)\n"
        "content/guides/checklist.md:1:1: error: duplicate asset id 'guides/checklist' "
        "(also used by content/dup.md, its 'id' on line 2; change that id, or give this file an 'id')\n"
        "content/typo.md:3:10: error: unknown stage 'awarness' (did you mean 'awareness'?)\n"
    )
    assert out.endswith(": 4 errors, 0 warnings.\n")


def test_check_strict_fails_on_warnings(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "stagemap.yml": CONFIG,
            "content/x.md": GOOD2.replace("stages:", "stage: awareness\nstages:"),
        },
    )
    assert run("check", cwd=tmp_path)[0] == 0
    code, _, err = run("check", "--strict", cwd=tmp_path)
    assert code == 1
    assert err == "content/x.md:3:1: warning: unknown field 'stage' (did you mean 'stages'?)\n"


def test_check_json(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "stagemap.yml": CONFIG,
            "content/typo.md": "---\ntitle: T\nstages: [awarness]\nquestions: [problems]\n---\n",
        },
    )
    code, out, err = run("check", "--format", "json", cwd=tmp_path)
    assert (code, err) == (1, "")
    data = json.loads(out)
    assert data == {
        "version": 1,
        "assets": 0,
        "errors": 1,
        "warnings": 0,
        "problems": [
            {
                "path": "content/typo.md",
                "line": 3,
                "col": 10,
                "severity": "error",
                "code": "unknown-stage",
                "message": "unknown stage 'awarness'",
                "hint": "did you mean 'awareness'?",
            }
        ],
        "files": [
            {
                "path": "content/typo.md",
                "fate": "problem",
                "kind": "",
                "rule": "unknown-stage",
                "reason": "unknown stage 'awarness'",
            }
        ],
    }


def test_check_json_lists_every_file_with_its_fate(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "stagemap.yml": CONFIG,
            "content/ok.md": "---\ntitle: T\nstages: [awareness]\nquestions: [problems]\n---\n",
            "content/notes.txt": "plain notes\n",
        },
    )
    code, out, err = run("check", "--format", "json", cwd=tmp_path)
    assert (code, err) == (0, "")
    fates = {f["path"]: f["fate"] for f in json.loads(out)["files"]}
    assert fates == {"content/ok.md": "asset", "content/notes.txt": "non-asset"}


def test_check_without_project_is_a_usage_error(tmp_path: Path) -> None:
    code, out, err = run("-C", str(tmp_path), "check")
    assert (code, out) == (2, "")
    assert err == (
        f"Error: no stagemap.yml found in '{tmp_path}' or any folder above it "
        "(run 'stagemap init' to create a project, or pass -C DIR)\n"
    )


def test_check_bad_settings_reports_file_line_and_exits_2(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "stagemap.yml": "model: buyer-jorney\ncontnet: docs\nthresholds:\n  covered: 0\nnot_applicable:\n  - {stage: purchase, question: who}\n",
            "content/x.md": GOOD2,
        },
    )
    code, out, err = run("check", cwd=tmp_path)
    assert (code, out) == (2, "")
    assert err == (
        "Error: invalid settings:\n"
        "stagemap.yml:1:8: error: unknown model 'buyer-jorney' (did you mean 'buyer-journey'?; or a .yml file path)\n"
        "stagemap.yml:2:1: error: unknown setting 'contnet' (did you mean 'content'?)\n"
        "stagemap.yml:4:12: error: a threshold must be a whole number of at least 1\n"
        "stagemap.yml:6:33: error: unknown question 'who' (did you mean 'who-for'?)\n"
    )


def test_check_settings_yaml_error(tmp_path: Path) -> None:
    write(tmp_path, {"stagemap.yml": "name: Acme\npersonas: [\n", "content/x.md": GOOD2})
    code, _, err = run("check", cwd=tmp_path)
    assert code == 2
    assert err.startswith("Error: invalid settings:\nstagemap.yml:3:1: error: YAML syntax error:")


def test_check_finds_project_from_subfolder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"stagemap.yml": CONFIG, "content/guides/checklist.md": GOOD2})
    monkeypatch.chdir(tmp_path / "content" / "guides")
    code, out, _ = run("check")
    assert code == 0 and out.startswith("Checked 1 file in content/")


def test_check_on_bundled_sample_is_clean() -> None:
    code, out, err = run("-C", str(ROOT), "check")
    assert (code, err) == (0, "")
    assert "no problems" in out


def test_models_lists_builtins_default_first() -> None:
    code, out, _ = run("models")
    assert code == 0
    names = [line.split()[0] for line in out.splitlines()]
    assert names == ["buyer-journey", "acd", "buying-jobs", "hourglass", "orbits"]
    assert out.splitlines()[0].endswith("[default]")


def test_models_show_prints_stages_in_order() -> None:
    code, out, _ = run("models", "show", "orbits")
    assert code == 0
    ids = [line.split("[")[1].split("]")[0] for line in out.splitlines() if line[:1].isdigit()]
    assert ids == [
        "awareness",
        "potential",
        "benefit",
        "observation",
        "acquisition",
        "installation",
        "adaptation",
        "belief",
        "expansion",
        "refer",
        "zealots",
    ]
    assert "5. Acquisition [acquisition]  phase: at, lead: sales" in out


def test_models_show_unknown_name() -> None:
    code, out, err = run("models", "show", "orbit")
    assert (code, out) == (2, "")
    assert err == "Error: unknown model 'orbit' (did you mean 'orbits'?)\n"


def test_version() -> None:
    code, out, _ = run("--version")
    assert (code, out) == (0, "stagemap, version 0.1.0\n")


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        (
            "name: X\ncontent: nowhere\n",
            "stagemap.yml:2:10: error: content folder 'nowhere' does not exist "
            "(create it, or set 'content' to the folder that holds your Markdown files)",
        ),
        (
            "name: X\nmodel:\n  stages: [{id: a}]\n",
            "stagemap.yml:3:12: error: stage 'a' needs a 'lead' (valid: marketing, sales, success)\n"
            "stagemap.yml:3:12: error: stage 'a' needs a 'phase' (valid: before, at, after)",
        ),
        (
            "name: X\nquestions:\n  - id: risk\n    nmae: x\n",
            "stagemap.yml:4:5: error: unknown question field 'nmae' (did you mean 'name'?)",
        ),
        (
            "name: X\nquestions:\n  - risk\n  - {id: safety, name: Safety, role: risk}\n  - {id: x, role: rsik}\n",
            "stagemap.yml:4:5: error: question 'safety' has the role 'risk' of question 'risk' "
            "(give one of them another role, or role: custom)\n"
            "stagemap.yml:5:19: error: unknown question role 'rsik' (did you mean 'risk'?)",
        ),
        (
            "name: X\nnot_applicable:\n  - {stage: purchase}\n",
            "stagemap.yml:3:5: error: this not_applicable entry needs a question "
            "(e.g. {stage: purchase, question: who-we-are} or 'purchase:who-we-are')",
        ),
    ],
)
def test_settings_mistakes_are_configuration_errors(tmp_path: Path, settings: str, expected: str) -> None:
    write(tmp_path, {"stagemap.yml": settings})
    if "nowhere" not in settings:
        (tmp_path / "content").mkdir()
    code, out, err = run("check", cwd=tmp_path)
    assert (code, out) == (2, "")
    assert err == f"Error: invalid settings:\n{expected}\n"


def test_check_edge_files(tmp_path: Path) -> None:
    import os

    write(
        tmp_path,
        {
            "stagemap.yml": CONFIG,
            "content/ctrl.md": "---\ntitle: ctrl \x1b[31mred\nstages: awareness\nquestions: risk\n---\n",
            "content/empty.md": '---\ntitle: ""\nstages: #2024\nquestions: []\n---\n',
            "content/LOUD.MD": "---\ntitle: Loud\nstages: awareness\nquestions: risk\nnext: LOUD\n---\n",
        },
    )
    os.mkfifo(tmp_path / "content/pipe.md")  # would block a read forever
    code, out, err = run("check", cwd=tmp_path)
    assert code == 1
    assert err.splitlines() == [
        "content/LOUD.MD:5:7: error: next step 'LOUD' is this asset itself "
        "(point it at the asset or stage the buyer should go to after this one)",
        "content/ctrl.md:2:13: error: control character U+001B is not allowed in YAML "
        '(remove it (often pasted from a terminal or a word processor), or write it as "\\x1b" in a double-quoted string)',
        "content/empty.md:2:8: error: required field 'title' is empty "
        "(give it a value, e.g. title: Our pricing explained)",
        "content/empty.md:3:8: error: required field 'stages' is empty (give it a value, e.g. stages: [awareness])",
        "content/empty.md:4:12: error: required field 'questions' is empty (give it a value, e.g. questions: [who-we-are])",
    ]
    assert out.startswith("Checked 3 files (1 loaded as assets) in content/")


def test_console_script_collects_cycles_less_often(capsys: pytest.CaptureFixture[str]) -> None:
    before = gc.get_threshold()
    try:
        with pytest.raises(SystemExit) as ended:
            main(["--version"])
        assert ended.value.code == 0 and capsys.readouterr().out == "stagemap, version 0.1.0\n"
        assert gc.get_threshold() == COLLECT_EVERY != before
    finally:
        gc.set_threshold(*before)


@pytest.mark.parametrize(
    ("front_matter", "where", "what"),
    [
        (
            "stages: [awareness\nquestions: [problems]\n",
            "3:9",
            "the list opened here is not closed (close it with ']')",
        ),
        ("stages: [awareness\n", "3:9", "the list opened here is not closed (close it with ']')"),
        (
            "x: {a: 1\nstages: [awareness]\n",
            "3:4",
            "the mapping opened here is not closed (close it with '}')",
        ),
    ],
)
def test_check_unclosed_list_is_reported_where_it_opens(
    tmp_path: Path, front_matter: str, where: str, what: str
) -> None:
    """libyaml notices on a later line (or at the closing ---); the fix is where the list opens."""
    write(
        tmp_path,
        {"stagemap.yml": "name: Acme\n", "content/x.md": f"---\ntitle: X\n{front_matter}---\nBody.\n"},
    )
    code, _, err = run("check", cwd=tmp_path)
    assert code == 1
    assert f"content/x.md:{where}: error: YAML syntax error: {what}\n" in err


def test_check_names_every_source_and_counts_the_broken_files_of_each(tmp_path: Path) -> None:
    """The summary named the first source alone, and a file of another source that could not
    be read as an asset went uncounted."""
    settings = CONFIG.replace("content: content\n", "") + "sources: [guides, blog]\n"
    write(
        tmp_path,
        {
            "stagemap.yml": settings,
            "guides/checklist.md": GOOD2,
            "blog/cost.md": GOOD.replace("next: guides/checklist\n", ""),
            "blog/broken.md": "---\ntitle: [unclosed\n---\n",
        },
    )
    code, out, _ = run("check", cwd=tmp_path)
    assert code == 1
    assert out.startswith(
        "Checked 3 files (2 loaded as assets) in guides/ and blog/ against the buyer-journey"
    )


def test_check_of_a_site_read_from_its_root_counts_content_files_only(tmp_path: Path) -> None:
    """Seen by a review: with a source at the project's root, a warning about stagemap.yml made
    it a checked file (it is a non-asset under that source)."""
    write(
        tmp_path,
        {
            "stagemap.yml": "name: C\ngenerator: hugo\nsources:\n  - path: .\n",
            "content/a.md": "---\ntitle: A\n---\nText.\n",
            "content/b.md": "---\ntitle: [unclosed\n---\n",
        },
    )
    code, out, err = run("check", cwd=tmp_path)
    assert code == 1 and "stagemap.yml:1:1: warning:" in err
    assert out.startswith("Checked 2 files (1 loaded as assets) in ./ against the buyer-journey model")
