"""Rough edges a usability test found, as a user meets them: where errors point, which --where
keys are refused, what the --help examples do on the bundled sample, and the exit codes."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from tests.conftest import MINIMAL_CONFIG, write

# The lint rules about the project as a whole stay off: these tests look at one problem each.
CONFIG = MINIMAL_CONFIG + "lint:\n  no-not-for: false\n  placeholder: false\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False, env={"COLUMNS": "100"})
    return result.exit_code, result.stdout, result.stderr


ASSET = "---\n{id}title: {title}\nstages: [awareness]\nquestions: [problems]\n---\nBody.\n"


# -- where errors point ---------------------------------------------------------------------------
def test_a_settings_key_without_its_colon_is_reported_on_its_own_line(sample: Path) -> None:
    """PyYAML notices the missing ':' where the next key starts; the mistake is a line earlier."""
    settings = sample / "stagemap.yml"
    text = settings.read_text(encoding="utf-8")
    before, found, after = text.partition("\n  who-for: >-\n")
    assert found, "the sample's messages say who the offer is for"
    settings.write_text(before + "\n  who-for >-\n" + after, encoding="utf-8")
    line = before.count("\n") + 2
    assert run("-C", str(sample), "check") == (
        2,
        "",
        "Error: invalid settings:\n"
        f"stagemap.yml:{line}:3: error: YAML syntax error: could not find expected ':' "
        "(each line needs 'key: value'; quote text that spans lines)\n",
    )


def test_a_front_matter_key_without_its_colon_is_reported_on_its_own_line(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "stagemap.yml": CONFIG,
            "content/x.md": "---\ntitle: X\nsummary >-\n  Text.\nstages: [awareness]\n---\nBody.\n",
        },
    )
    code, _, err = run("-C", str(tmp_path), "check")
    assert code == 1
    assert "content/x.md:3:1: error: YAML syntax error: could not find expected ':'" in err


def test_a_duplicate_id_points_at_the_id_line_and_names_the_other_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "stagemap.yml": CONFIG,
            "content/guides/checklist.md": ASSET.format(id="", title="Checklist"),
            "content/x/dup.md": ASSET.format(id="id: guides/checklist\n", title="Dup"),
        },
    )
    code, _, err = run("-C", str(tmp_path), "check")
    assert code == 1
    assert err == (
        "content/x/dup.md:2:5: error: duplicate asset id 'guides/checklist' (also used by "
        "content/guides/checklist.md, whose id comes from its path; change this one)\n"
    )
    write(tmp_path, {"content/guides/checklist.md": ASSET.format(id="\nid: guides/checklist\n", title="C")})
    code, _, err = run("-C", str(tmp_path), "check")
    assert err == (
        "content/x/dup.md:2:5: error: duplicate asset id 'guides/checklist' (also used by "
        "content/guides/checklist.md, its 'id' on line 3; change one of the two ids)\n"
    )


def test_a_file_whose_id_another_file_names_is_told_where_that_id_is(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "stagemap.yml": CONFIG,
            "content/a.md": ASSET.format(id="id: guides/checklist\n", title="A"),
            "content/guides/checklist.md": ASSET.format(id="", title="Checklist"),
        },
    )
    code, _, err = run("-C", str(tmp_path), "check")
    assert (code, err) == (
        1,
        "content/guides/checklist.md:1:1: error: duplicate asset id 'guides/checklist' (also used by "
        "content/a.md, its 'id' on line 2; change that id, or give this file an 'id')\n",
    )


# -- --where keys ---------------------------------------------------------------------------------
def test_list_where_refuses_a_misspelt_field_no_asset_has(sample: Path) -> None:
    before = {p: p.read_bytes() for p in (sample / "content").rglob("*.md")}
    assert run("-C", str(sample), "list", "--where", "ownr=Priya") == (
        2,
        "",
        "Error: unknown field 'ownr': no asset has it (did you mean 'owner'?)\n",
    )
    assert run("-C", str(sample), "tag", "--set", "ownr=Sam", "--where", "owner=Sam*")[2] == (
        "Error: unknown field 'ownr' (did you mean 'owner'?)\n"
    )
    assert {p: p.read_bytes() for p in (sample / "content").rglob("*.md")} == before


def test_tag_where_selects_files_that_are_no_asset_yet_on_any_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A review of the fix above: 'tag --where subtitle=Winter' was refused ('did you mean
    title?') where only a file that is no asset yet (no stages) had the key, the case 'tag
    --where' is for; tag matches such files on their own front matter, so it refuses no key."""
    write(
        tmp_path,
        {
            "stagemap.yml": CONFIG,
            "content/a.md": ASSET.format(id="", title="A"),
            "content/new.md": "---\ntitle: New guide\nsubtitle: Winter\n---\nText.\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(
        "-C", str(tmp_path), "tag", "--where", "subtitle=Winter", "--add-stage", "awareness",
        "--add-question", "problems", "--dry-run",
    )  # fmt: skip
    assert code == 0 and "content/new.md" in out and "content/a.md" not in out


def test_where_takes_a_site_key_that_assets_really_have(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'owners' looks like 'owner' misspelt, but a key the files use is never refused."""
    write(
        tmp_path,
        {
            "stagemap.yml": CONFIG,
            "content/a.md": ASSET.format(id="owners: [Dana]\n", title="A"),
            "content/b.md": ASSET.format(id="", title="B"),
        },
    )
    monkeypatch.chdir(tmp_path)
    assert run("-C", str(tmp_path), "list", "--where", "owners=Dana", "--format", "paths") == (
        0,
        "content/a.md\n",
        "content/a.md:2:1: warning: unknown field 'owners' (did you mean 'owner'?)\n",
    )
    assert run("-C", str(tmp_path), "list", "--where", "tags=security")[:2] == (0, "")  # no near field


# -- --help examples on the sample ----------------------------------------------------------------
def _examples(command: str) -> list[str]:
    text = run(command, "--help")[1]
    return [line.strip() for line in text.split("Example:", 1)[1].split("\n\n")[0].splitlines() if line]


@pytest.mark.parametrize("command", ["list", "tag"])
def test_the_list_and_tag_help_examples_select_assets_of_the_sample(
    sample: Path, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each example (a tag one as a dry run) finds what it says it finds on the sample."""
    monkeypatch.chdir(sample)
    for example in _examples(command):
        argv = shlex.split(example.partition(" > ")[0])
        if "|" in argv or "untagged" in argv:  # pipes, and a filter for libraries still untagged
            continue
        argv = [*argv[1:], "--dry-run"] if argv[1] == "tag" else argv[1:]
        code, out, err = (
            run("-C", str(sample), *argv, "--as-of", "2026-11-24")
            if argv[0] == "list"
            else run("-C", str(sample), *argv)
        )
        assert code == 0 and out, f"{example}: {err}"
        assert "No assets match" not in err, example


def test_the_tag_help_examples_add_no_stage_an_asset_does_not_serve() -> None:
    assert not [e for e in _examples("tag") if "--remove-stage" in e and "--add-stage" in e]


# -- exit codes -----------------------------------------------------------------------------------
def test_commands_that_carry_on_from_the_valid_assets_exit_0_and_strict_build_fails(
    sample: Path, tmp_path: Path
) -> None:
    write(sample, {"content/bad.md": "---\ntitle: Bad\nstages: [awarnes]\nquestions: [risk]\n---\n"})
    problem = "content/bad.md:3:10: error: unknown stage 'awarnes' (did you mean 'awareness'?)\n"
    for argv in (["report"], ["kit", "evaluation"], ["play", "evaluation"], ["list", "--format", "paths"]):
        code, out, err = run("-C", str(sample), *argv)
        assert (code, err.startswith(problem), bool(out)) == (0, True, True), argv
    code, _, err = run("-C", str(sample), "build", "-o", str(tmp_path / "site"))
    assert (code, err) == (0, problem)
    code, _, err = run("-C", str(sample), "build", "-o", str(tmp_path / "strict"), "--strict")
    assert code == 1 and err.endswith("Error: 1 problem in the library; nothing was written (--strict)\n")
    assert run("-C", str(sample), "check")[0] == 1


def test_list_into_a_pipe_pads_no_column_past_its_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A review: one owner of 60,000 characters made each of 300 rows as long (18 MB piped). A
    column is padded at most 120 wide; the long value is still shown whole, nothing cut."""
    files = {
        "stagemap.yml": CONFIG,
        "content/long.md": ASSET.format(id="owner: " + "x" * 5000 + "\n", title="L"),
    }
    files |= {f"content/p{n}.md": ASSET.format(id="owner: Sam\n", title=f"Page {n}") for n in range(20)}
    write(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("-C", str(tmp_path), "list")
    assert code == 0 and "x" * 5000 in out
    assert len(out) < 5000 + 21 * 400


def test_a_duplicate_id_from_a_cascade_names_no_id_line(tmp_path: Path) -> None:
    """A review: an id both pages inherit from a Hugo section's cascade was said to be on 'its
    'id' on line 2', a line holding the title; a file's own id alone has a line to name."""
    settings = CONFIG + "generator: hugo\nsources:\n  - {path: content, url: '/{path}/'}\n"
    page = "---\ntitle: {}\nstages: [awareness]\nquestions: [problems]\n---\nBody.\n"
    write(
        tmp_path,
        {
            "stagemap.yml": settings,
            "content/blog/_index.md": "---\ntitle: Blog\ncascade:\n  id: same\n---\n",
            "content/blog/a.md": page.format("A"),
            "content/blog/b.md": page.format("B"),
        },
    )
    _, _, err = run("-C", str(tmp_path), "check")
    assert "duplicate asset id 'same'" in err and "line 2" not in err, err
