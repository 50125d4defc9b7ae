"""`stagemap tag`: exact output, exit codes, and files changed only where asked."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from tests.conftest import MINIMAL_CONFIG, write


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


COST = """\
---
title: What a missed call costs  # working title
stages: [awareness]
questions:
  - problems
format: article
---
Body.
"""
CHECKLIST = """\
---
title: Checklist
stages: exploration
questions: problems
personas: [owner]
status: draft
---
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(
        tmp_path,
        {
            "stagemap.yml": MINIMAL_CONFIG,
            "content/blog/cost.md": COST,
            "content/guides/checklist.md": CHECKLIST,
        },
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_tag_adds_ids_and_sets_fields_touching_nothing_else(project: Path) -> None:
    code, out, err = run(
        "tag",
        "content/blog/cost.md",
        "--add-stage",
        "exploration",
        "--add-question",
        "risk",
        "--add-persona",
        "owner",
        "--set",
        "status=published",
    )
    assert (code, err) == (0, "")
    assert out == "changed content/blog/cost.md\n1 file changed, 0 unchanged, 0 refused.\n"
    assert (
        (project / "content/blog/cost.md").read_text()
        == """\
---
title: What a missed call costs  # working title
stages: [awareness, exploration]
questions:
  - problems
  - risk
personas: [owner]
format: article
status: published
---
Body.
"""
    )


def test_tag_single_id_becomes_a_flow_list_and_removal_deletes_the_key(project: Path) -> None:
    code, _, _ = run(
        "tag", "content/guides/checklist.md", "--add-stage", "evaluation", "--remove-persona", "owner"
    )
    assert code == 0
    assert (
        (project / "content/guides/checklist.md").read_text()
        == """\
---
title: Checklist
stages: [exploration, evaluation]
questions: problems
status: draft
---
"""
    )


def test_tag_dry_run_prints_a_unified_diff_and_writes_nothing(project: Path) -> None:
    before = (project / "content/blog/cost.md").read_bytes()
    code, out, err = run(
        "tag",
        "content/blog/cost.md",
        "--remove-question",
        "problems",
        "--add-question",
        "who-for",
        "--dry-run",
    )
    assert code == 0
    assert (
        out
        == """\
--- a/content/blog/cost.md
+++ b/content/blog/cost.md
@@ -2,7 +2,7 @@
 title: What a missed call costs  # working title
 stages: [awareness]
 questions:
-  - problems
+  - who-for
 format: article
 ---
 Body.
"""
    )
    assert err == "1 file would change, 0 unchanged, 0 refused (dry run: nothing written).\n"
    assert (project / "content/blog/cost.md").read_bytes() == before


def test_tag_where_selects_assets_instead_of_paths(project: Path) -> None:
    code, out, err = run(
        "tag", "--where", "stage=exploration", "--where", "status=draft", "--add-question", "risk"
    )
    assert (code, err) == (0, "")
    assert out == "changed content/guides/checklist.md\n1 file changed, 0 unchanged, 0 refused.\n"
    code, out, _ = run("tag", "--where", "persona=manager", "--add-question", "risk")
    assert (code, out) == (0, "")


def test_tag_where_one_field_twice_means_either_value(project: Path) -> None:
    code, out, _ = run(
        "tag", "--where", "stage=awareness", "--where", "stage=exploration", "--set", "owner=Sam", "--dry-run"
    )
    assert code == 0
    assert out.count("+owner: Sam") == 2


def test_tag_folder_selects_every_asset_under_it(project: Path) -> None:
    code, out, _ = run("tag", "content", "--set", "owner=Sam")
    assert code == 0
    assert out == (
        "changed content/blog/cost.md\nchanged content/guides/checklist.md\n2 files changed, 0 unchanged, 0 refused.\n"
    )
    code, out, _ = run("tag", "content", "--set", "owner=Sam")
    assert out == "0 files changed, 2 unchanged, 0 refused.\n"


def test_tag_refuses_a_broken_file_and_still_changes_the_others(project: Path) -> None:
    write(project, {"content/bad.md": "---\ntitle: Bad\nstages: [awarness]\nquestions: [problems]\n---\n"})
    code, out, err = run("tag", "content/bad.md", "content/blog/cost.md", "--add-persona", "manager")
    assert code == 1
    assert out == "changed content/blog/cost.md\n1 file changed, 0 unchanged, 1 refused.\n"
    assert err == (
        "content/bad.md:3:10: error: unknown stage 'awarness' (did you mean 'awareness'?)\n"
        "content/bad.md: not changed: fix its problems first (stagemap check)\n"
    )
    assert "stages: [awarness]" in (project / "content/bad.md").read_text()


def test_tag_where_notes_files_it_could_not_search(project: Path) -> None:
    write(project, {"content/bad.md": "---\ntitle: [\n---\n"})
    code, out, err = run("tag", "--where", "stage=awareness", "--add-persona", "manager")
    assert code == 1  # the unsearched file might have been one meant: no silent success
    assert err == "note: not searched, because of problems (stagemap check): content/bad.md\n"
    assert out.startswith("changed content/blog/cost.md\n")


def test_tag_refuses_to_leave_an_asset_without_stages(project: Path) -> None:
    code, out, err = run("tag", "content/blog/cost.md", "--remove-stage", "awareness")
    assert code == 1
    assert err == (
        "content/blog/cost.md: not changed: removing 'awareness' would leave it without stages "
        "(add one with --add-stage)\n"
    )
    assert out == "0 files changed, 0 unchanged, 1 refused.\n"
    code, _, _ = run(
        "tag", "content/blog/cost.md", "--remove-stage", "awareness", "--add-stage", "commitment"
    )
    assert code == 0
    assert "stages: [commitment]\n" in (project / "content/blog/cost.md").read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--add-stage", "awarnes"], "unknown stage 'awarnes' (did you mean 'awareness'?)"),
        (["--add-question", "rsk"], "unknown question 'rsk' (did you mean 'risk'?)"),
        (["--add-persona", "ownr"], "unknown persona 'ownr' (did you mean 'owner'?)"),
        (
            ["--add-stage", "purchase", "--remove-stage", "purchase"],
            "stage 'purchase' is both added and removed",
        ),
        (["--set", "statuss=draft"], "unknown field 'statuss' (did you mean 'status'?)"),
        (["--set", "Title=x"], "unknown field 'Title' (did you mean 'title'?)"),
        (["--set", "status=publshed"], "unknown status 'publshed' (did you mean 'published'?)"),
        (["--set", "stages=awareness"], "use --add-stage and --remove-stage to change 'stages', not --set"),
        (["--set", "review_by=31/03/2027"], "'review_by' must be a date like 2026-03-31, got '31/03/2027'"),
        (["--set", "updated=2026-02-30"], "'updated' is not a real date: 2026-02-30"),
        (
            ["--set", "next=guides/checklst"],
            "next step 'guides/checklst' matches no asset or stage (did you mean 'guides/checklist'?)",
        ),
        (
            ["--set", "id=guides/checklist"],
            "id 'guides/checklist' is already used by content/guides/checklist.md",
        ),
        (["--set", "id=two words"], "an 'id' must be text without spaces"),
        (["--set", "owner"], "--set needs KEY=VALUE, got 'owner'"),
        (["--set", "owner="], "--set owner= needs a value (use --unset owner to remove the field)"),
        (["--set", "owner=a", "--set", "owner=b"], "--set owner is given twice"),
        (["--set", "owner=a", "--unset", "owner"], "'owner' is both set and removed"),
        (["--set", "my key=x"], "'my key' is not a field name (letters, digits, '_' and '-')"),
        (["--unset", "title"], "'title' is required and cannot be removed"),
        (
            ["--unset", "stages"],
            "'stages' is required and cannot be removed; use --remove-stage to take ids away",
        ),
        (
            [],
            "nothing to change: give --add-stage, --remove-stage, --add-question, --remove-question, --add-persona, --remove-persona, --set or --unset",
        ),
    ],
)
def test_tag_usage_errors_exit_2_before_writing(project: Path, args: list[str], message: str) -> None:
    before = (project / "content/blog/cost.md").read_bytes()
    code, out, err = run("tag", "content/blog/cost.md", *args)
    assert (code, out, err) == (2, "", f"Error: {message}\n")
    assert (project / "content/blog/cost.md").read_bytes() == before


def test_tag_needs_paths_or_where(project: Path) -> None:
    assert run("tag", "--add-stage", "awareness") == (
        2,
        "",
        "Error: give the files to change, or select assets with --where KEY=VALUE\n",
    )
    assert run("tag", "--where", "stages=awareness", "--add-stage", "awareness")[2] == (
        "Error: cannot select on 'stages' (did you mean 'stage'?)\n"
    )
    assert run("tag", "--where", "stage", "--add-stage", "awareness")[2] == (
        "Error: --where needs KEY=VALUE or untagged, got 'stage' "
        "(e.g. stage, question, persona, status, format, id, owner)\n"
    )


def test_tag_refuses_files_outside_the_content_folder(project: Path) -> None:
    write(project, {"notes.md": "---\ntitle: N\n---\n"})
    assert run("tag", "notes.md", "stagemap.yml", "--set", "owner=x")[2] == (
        "Error: notes.md is not in the content folder content/\n"
    )
    assert run("tag", "stagemap.yml", "--set", "owner=x")[2] == (
        "Error: stagemap.yml is not a content file (.md, .markdown)\n"
    )
    assert run("tag", ".", "--set", "owner=x")[2] == "Error: . is not in the content folder content/\n"


def test_tag_set_id_needs_exactly_one_file(project: Path) -> None:
    assert (
        run("tag", "content", "--set", "id=x")[2]
        == "Error: --set id=... names one asset, but 2 files are selected\n"
    )


def test_tag_own_keys_keep_yaml_types_and_stagemap_fields_are_text(project: Path) -> None:
    code, _, _ = run(
        "tag",
        "content/blog/cost.md",
        "--set",
        "featured=true",
        "--set",
        "priority=3",
        "--set",
        "code=007",
        "--set",
        "ratio=1.10",
        "--set",
        "format=2024",
        "--set",
        "owner=no",
    )
    assert code == 0
    text = (project / "content/blog/cost.md").read_text()
    assert text.endswith(
        'format: "2024"\nowner: "no"\nfeatured: true\npriority: 3\ncode: "007"\nratio: "1.10"\n---\nBody.\n'
    )


def test_tag_keeps_crlf_bom_and_missing_final_newline(project: Path) -> None:
    data = b"\xef\xbb\xbf---\r\ntitle: T\r\nstages: awareness\r\nquestions: [risk]\r\n---\r\nNo final newline"
    write(project, {"content/crlf.md": data})
    code, _, _ = run("tag", "content/crlf.md", "--add-stage", "exploration")
    assert code == 0
    assert (project / "content/crlf.md").read_bytes() == data.replace(
        b"stages: awareness", b"stages: [awareness, exploration]"
    )


def test_tag_keeps_permissions(project: Path) -> None:
    path = project / "content/blog/cost.md"
    path.chmod(0o640)
    run("tag", "content/blog/cost.md", "--set", "owner=Sam")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert "owner: Sam\n" in path.read_text()


def test_tag_edits_a_symlinks_target_and_keeps_the_link(project: Path) -> None:
    write(project, {"shared/real.md": COST})
    link = project / "content/linked.md"
    link.symlink_to(project / "shared/real.md")
    code, out, _ = run("tag", "content/linked.md", "--add-persona", "manager")
    assert code == 0
    assert out.startswith("changed content/linked.md\n")
    assert link.is_symlink()
    assert "personas: [manager]\n" in (project / "shared/real.md").read_text()


def test_tag_does_not_rewrite_a_file_whose_bytes_would_not_change(project: Path) -> None:
    path = project / "content/blog/cost.md"
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = path.stat()
    code, out, _ = run("tag", "content/blog/cost.md", "--add-stage", "awareness", "--remove-persona", "owner")
    assert (code, out) == (0, "0 files changed, 1 unchanged, 0 refused.\n")
    after = path.stat()
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)


def test_tag_no_match_says_so(project: Path) -> None:
    assert run("tag", "--where", "format=webinar", "--set", "owner=x") == (0, "", "No assets match.\n")


def test_tag_refuses_an_id_change_that_would_break_next_steps(project: Path) -> None:
    write(
        project,
        {"content/intro.md": "---\ntitle: I\nstages: awareness\nquestions: risk\nnext: blog/cost\n---\n"},
    )
    assert run("tag", "content/blog/cost.md", "--set", "id=cost") == (
        2,
        "",
        "Error: 'blog/cost' is the next step of content/intro.md; change their next: first, "
        "or they would point nowhere\n",
    )
    assert run("tag", "content/guides/checklist.md", "--set", "id=checklist")[0] == 0
    assert run("tag", "content/guides/checklist.md", "--unset", "id")[0] == 0
    assert "id:" not in (project / "content/guides/checklist.md").read_text()


def _untouched(path: Path) -> tuple[int, int, bytes]:
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    info = path.stat()
    return info.st_mtime_ns, info.st_ino, path.read_bytes()


def _now(path: Path) -> tuple[int, int, bytes]:
    info = path.stat()
    return info.st_mtime_ns, info.st_ino, path.read_bytes()


def test_tag_removes_a_misspelt_id_that_check_reports(project: Path) -> None:
    write(
        project,
        {
            "content/typo.md": "---\ntitle: Typo\nstages: [awarness, exploration]\nquestions: [problems]\n---\nBody\n"
        },
    )
    assert run("check")[0] == 1
    code, out, err = run("tag", "content/typo.md", "--remove-stage", "awarness")
    assert (code, out, err) == (0, "changed content/typo.md\n1 file changed, 0 unchanged, 0 refused.\n", "")
    assert (project / "content/typo.md").read_text() == (
        "---\ntitle: Typo\nstages: [exploration]\nquestions: [problems]\n---\nBody\n"
    )
    assert run("check")[0] == 0


def test_tag_replaces_a_misspelt_single_id_in_place(project: Path) -> None:
    write(
        project,
        {"content/typo.md": "---\ntitle: Typo\nstages: awarness  # first\nquestions:\n  - problms\n---\n"},
    )
    code, out, err = run(
        "tag",
        "content/typo.md",
        "--remove-stage",
        "awarness",
        "--add-stage",
        "awareness",
        "--remove-question",
        "problms",
        "--add-question",
        "problems",
    )
    assert (code, out, err) == (0, "changed content/typo.md\n1 file changed, 0 unchanged, 0 refused.\n", "")
    assert (project / "content/typo.md").read_text() == (
        "---\ntitle: Typo\nstages: awareness  # first\nquestions:\n  - problems\n---\n"
    )


def test_tag_removing_the_only_misspelt_stage_is_refused(project: Path) -> None:
    data = "---\ntitle: Typo\nstages: awarness\nquestions: [problems]\n---\n"
    write(project, {"content/typo.md": data})
    code, out, err = run("tag", "content/typo.md", "--remove-stage", "awarness")
    assert (code, out, err) == (
        1,
        "0 files changed, 0 unchanged, 1 refused.\n",
        "content/typo.md: not changed: removing 'awarness' would leave it without stages "
        "(add one with --add-stage)\n",
    )
    assert (project / "content/typo.md").read_text() == data


def test_tag_a_broken_file_the_edit_does_not_fix_is_still_refused(project: Path) -> None:
    data = "---\ntitle: Typo\nstages: [awarness, exploratin]\nquestions: [problems]\n---\n"
    write(project, {"content/typo.md": data})
    code, out, err = run("tag", "content/typo.md", "--remove-stage", "awarness")
    assert (code, out, err) == (
        1,
        "0 files changed, 0 unchanged, 1 refused.\n",
        "content/typo.md:3:10: error: unknown stage 'awarness' (did you mean 'awareness'?)\n"
        "content/typo.md:3:20: error: unknown stage 'exploratin' (did you mean 'exploration'?)\n"
        "content/typo.md: not changed: fix its problems first (stagemap check)\n",
    )
    assert (project / "content/typo.md").read_text() == data


def test_tag_removing_an_id_in_neither_the_file_nor_the_model_is_a_note(project: Path) -> None:
    path = project / "content/blog/cost.md"
    before = _untouched(path)
    assert run("tag", "content/blog/cost.md", "--remove-stage", "awarenes") == (
        0,
        "0 files changed, 1 unchanged, 0 refused.\n",
        "note: no stage 'awarenes' in content/blog/cost.md, nor in the model: nothing to remove "
        "(did you mean 'awareness'?)\n",
    )
    assert _now(path) == before
    assert run("tag", "content", "--remove-persona", "nobody", "--dry-run") == (
        0,
        "",
        "note: no persona 'nobody' in the 2 selected files, nor in the model: nothing to remove "
        "(valid: owner, manager)\n"
        "0 files would change, 2 unchanged, 0 refused (dry run: nothing written).\n",
    )
    # A model id that is not in the file is quietly unchanged, as before.
    assert run("tag", "content/blog/cost.md", "--remove-stage", "advocacy") == (
        0,
        "0 files changed, 1 unchanged, 0 refused.\n",
        "",
    )
    assert _now(path) == before


@pytest.mark.parametrize(
    "entry",
    [
        "personas: []",
        "personas: [ ]  # none yet",
        "personas:",
        "personas: ~",
        "personas: [manager]",
        "personas:\n  - manager",
    ],
)
def test_tag_removing_an_absent_id_changes_no_byte(project: Path, entry: str) -> None:
    path = project / "content/p.md"
    write(project, {"content/p.md": f"---\ntitle: P\nstages: awareness\nquestions: [risk]\n{entry}\n---\n"})
    before = _untouched(path)
    code, out, _ = run("tag", "content/p.md", "--remove-persona", "owner", "--remove-stage", "advocacy")
    assert (code, out) == (0, "0 files changed, 1 unchanged, 0 refused.\n")
    assert _now(path) == before


def test_tag_add_then_remove_gives_back_the_bytes_where_it_can(project: Path) -> None:
    cost = project / "content/blog/cost.md"
    code, _, _ = run("tag", "content/blog/cost.md", "--add-stage", "advocacy", "--add-persona", "owner")
    assert code == 0
    code, _, _ = run("tag", "content/blog/cost.md", "--remove-stage", "advocacy", "--remove-persona", "owner")
    assert code == 0
    assert cost.read_text() == COST  # a one-item flow list stays one, a new key goes again
    # A single id that became a list stays a list: 'stages: [exploration]' (documented in --help).
    checklist = project / "content/guides/checklist.md"
    assert run("tag", "content/guides/checklist.md", "--add-stage", "advocacy")[0] == 0
    assert "stages: [exploration, advocacy]\n" in checklist.read_text()
    assert run("tag", "content/guides/checklist.md", "--remove-stage", "advocacy")[0] == 0
    assert checklist.read_text() == CHECKLIST.replace("stages: exploration", "stages: [exploration]")
    # ... but within one command a single id stays a single id.
    checklist.write_text(CHECKLIST)
    code, _, _ = run(
        "tag", "content/guides/checklist.md", "--add-stage", "commitment", "--remove-stage", "exploration"
    )
    assert code == 0
    assert checklist.read_text() == CHECKLIST.replace("stages: exploration", "stages: commitment")


def test_tag_help_says_how_removal_shapes_lists() -> None:
    result = CliRunner().invoke(cli, ["tag", "--help"])
    text = " ".join(result.output.split())
    assert (
        "A list stays a list when ids are removed: removing exploration afterwards gives "
        "'stages: [awareness]' (which means the same), not 'stages: awareness'; only within one "
        "command that adds and removes does a single id stay a single id. Removing the last persona "
        "removes the personas line. Removing an id that is not there changes nothing."
    ) in text
    assert "Ids to remove are not checked, since removing is always safe" in text


HUGO_PAGE = """\
---
Title: Pricing  # Hugo reads keys in any case
Status: draft
STAGES: [awareness]
Questions: problems
---
Body.
"""


@pytest.mark.parametrize(
    "args, changed",
    [
        (["--set", "status=published"], "Status: published\n"),
        (["--add-stage", "evaluation"], "STAGES: [awareness, evaluation]\n"),
        (["--remove-question", "problems", "--add-question", "risk"], "Questions: risk\n"),
        (["--set", "title=Plans"], "Title: Plans  # Hugo reads keys in any case\n"),
    ],
)
def test_tag_on_hugo_changes_the_key_the_file_spells_in_another_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], changed: str
) -> None:
    """Adding ``status`` beside ``Status`` would give Hugo two spellings of one key."""
    settings = MINIMAL_CONFIG + "generator: hugo\nsources: [site]\n"
    write(tmp_path, {"stagemap.yml": settings, "site/pricing.md": HUGO_PAGE})
    monkeypatch.chdir(tmp_path)
    code, out, err = run("tag", "site/pricing.md", *args)
    assert (code, out, err) == (0, "changed site/pricing.md\n1 file changed, 0 unchanged, 0 refused.\n", "")
    key = changed.split(":")[0]
    line = next(x for x in HUGO_PAGE.splitlines(keepends=True) if x.startswith(key + ":"))
    assert (tmp_path / "site/pricing.md").read_text() == HUGO_PAGE.replace(line, changed)
