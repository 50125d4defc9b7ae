"""Stagemap never writes through a link it did not create, nor outside its cache and output folder.

A cloned project can commit a symbolic link at any path stagemap writes (its cache, the page
record, an output folder's manifest, a page). Each test plants one such link pointing at a
"victim" file or folder outside the project, runs a command as a user would, and checks that
the victim is untouched and the command either carries on (the cache is best-effort) or
refuses with a message that names the link.
"""

from __future__ import annotations

import ast
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap import load_project
from stagemap.cli.app import cli
from stagemap.write.cache import record_path

AS_OF = "2026-11-24"
SRC = Path(__file__).resolve().parent.parent / "src" / "stagemap"
VICTIM_BYTES = b"precious: do not touch\n"


def run(project: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(project), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A file outside the project that a link will point at."""
    folder = tmp_path / "home"
    folder.mkdir()
    path = folder / "victim.txt"
    path.write_bytes(VICTIM_BYTES)
    path.chmod(0o644)
    return path


def untouched(victim: Path) -> bool:
    return victim.read_bytes() == VICTIM_BYTES and sorted(os.listdir(victim.parent)) == ["victim.txt"]


def plant(link: Path, target: Path) -> None:
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)


READ_COMMANDS = [
    ("check",),
    ("report", "--as-of", AS_OF),
    ("kit", "awareness", "--as-of", AS_OF),
    ("list", "--width", "0"),
]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("name", ["parse-v4.json", ".gitignore", "parse-v1.json"])
def test_read_commands_never_write_through_a_link_in_the_cache(
    sample: Path, victim: Path, command: tuple[str, ...], name: str
) -> None:
    plant(sample / ".stagemap-cache" / name, victim)
    code, out, _ = run(sample, *command)
    assert code == 0, out
    assert untouched(victim)


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_read_commands_never_write_into_a_linked_cache_folder(
    sample: Path, victim: Path, command: tuple[str, ...]
) -> None:
    plant(sample / ".stagemap-cache", victim.parent)
    code, out, _ = run(sample, *command)
    assert code == 0, out
    assert untouched(victim)


def test_a_cache_link_to_a_device_is_never_read(sample: Path) -> None:
    # Reading /dev/zero would never end; the link is skipped as a cache miss.
    plant(sample / ".stagemap-cache" / "parse-v4.json", Path("/dev/zero"))
    code, out, _ = run(sample, "check")
    assert code == 0
    assert out.startswith("Checked 38 files")


def test_build_never_writes_through_a_link_at_the_page_record(
    sample: Path, victim: Path, tmp_path: Path
) -> None:
    plant(record_path(load_project(sample).config, tmp_path / "out"), victim)
    code, _, err = run(sample, "build", "-o", str(tmp_path / "out"), "--as-of", AS_OF)
    assert (code, err) == (0, "")
    assert untouched(victim)
    assert (tmp_path / "out" / "index.html").is_file()


def test_build_refuses_a_link_at_the_manifest(sample: Path, victim: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    plant(out / ".stagemap-manifest.json", victim)
    code, _, err = run(sample, "build", "-o", str(out), "--as-of", AS_OF)
    assert code == 2
    assert err == (
        f"Error: refusing to write {out}/.stagemap-manifest.json: it is a symbolic link; stagemap never "
        "writes through a link at its own files (remove the link)\n"
    )
    assert untouched(victim)


def test_kits_refuse_a_link_at_the_manifest(sample: Path, victim: Path, tmp_path: Path) -> None:
    out = tmp_path / "kits"
    plant(out / ".stagemap-manifest.json", victim)
    code, _, err = run(sample, "kits", "-o", str(out), "--as-of", AS_OF)
    assert code == 2
    assert "it is a symbolic link" in err
    assert untouched(victim)


def test_build_refuses_an_output_folder_that_is_a_link(sample: Path, victim: Path) -> None:
    plant(sample / "site", victim.parent)
    code, out, err = run(sample, "build", "--as-of", AS_OF)
    assert (code, out) == (2, "")
    assert err == (
        f"Error: refusing to build into {sample}/site: it is a symbolic link to {victim.parent}; "
        "stagemap never writes through a link (give the folder's real path if you mean it)\n"
    )
    assert untouched(victim)


def test_build_refuses_a_link_where_a_page_goes(sample: Path, victim: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    plant(out / "index.html", victim)
    code, _, err = run(sample, "build", "-o", str(out), "--as-of", AS_OF)
    assert code == 2
    assert f"{out}/index.html" in err and "symbolic link" in err
    assert untouched(victim)


def test_build_refuses_a_linked_folder_inside_the_output(sample: Path, victim: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    plant(out / "assets", victim.parent)
    code, _, err = run(sample, "build", "-o", str(out), "--as-of", AS_OF)
    assert code == 2
    assert "outside the output folder" in err
    assert untouched(victim)


def test_rebuild_refuses_a_link_planted_at_a_page_it_wrote(
    sample: Path, victim: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert run(sample, "build", "-o", str(out), "--as-of", AS_OF)[0] == 0
    (out / "index.html").unlink()
    plant(out / "index.html", victim)
    (sample / "content" / "blog" / "friday-invoicing.md").write_text(
        (sample / "content" / "blog" / "friday-invoicing.md").read_text() + "\nOne more line.\n"
    )
    code, _, err = run(sample, "build", "-o", str(out), "--as-of", AS_OF)
    assert code == 2
    assert "symbolic link" in err
    assert untouched(victim)


def test_tag_refuses_a_content_file_linked_outside_the_project(sample: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    text = b"---\ntitle: Outside\nstages: [awareness]\nquestions: [problems]\n---\nBody.\n"
    outside.write_bytes(text)
    plant(sample / "content" / "blog" / "linked.md", outside)
    code, _, err = run(sample, "tag", str(sample / "content/blog/linked.md"), "--add-stage", "exploration")
    # The library does not read it (see `test_a_content_file_linked_outside_the_project_is_not_read`).
    assert (code, err) == (
        2,
        f"Error: {sample / 'content/blog/linked.md'} is not an asset: link to a file outside the project, not read\n",
    )
    assert outside.read_bytes() == text


def test_a_content_file_linked_outside_the_project_is_not_read(sample: Path, tmp_path: Path) -> None:
    """A cloned repository's page linked to the reader's own file: accounted for, never published."""
    outside = tmp_path / "notes.md"
    outside.write_bytes(
        b"---\ntitle: Private notes\nstages: [awareness]\nquestions: [problems]\n---\nMy PIN.\n"
    )
    plant(sample / "content" / "blog" / "notes.md", outside)
    plant(sample / "content" / "blog" / "again.md", sample / "content" / "blog" / "friday-invoicing.md")
    code, out, _ = run(sample, "check", "--format", "json")
    fates = {f["path"]: f for f in json.loads(out)["files"]}
    assert fates["content/blog/notes.md"] == {
        "path": "content/blog/notes.md",
        "fate": "non-asset",
        "kind": "special",
        "rule": "regular files only",
        "reason": "link to a file outside the project, not read",
    }
    assert fates["content/blog/again.md"]["fate"] == "asset"  # a link inside the project is read
    code, _, _ = run(sample, "build", "-o", str(tmp_path / "site"), "--as-of", AS_OF)
    assert code == 0
    pages = [p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()]
    assert not any(b"My PIN" in page or b"Private notes" in page for page in pages)


def test_a_loop_of_links_in_the_content_is_a_link_to_nothing(sample: Path, tmp_path: Path) -> None:
    """``Path.resolve`` raised RuntimeError on a loop (Python 3.11, 3.12): build printed a traceback."""
    plant(sample / "content" / "blog" / "loop", sample / "content" / "blog" / "loop")
    code, out, err = run(sample, "build", "-o", str(tmp_path / "site"), "--as-of", AS_OF)
    assert code == 0 and "Traceback" not in err and out.startswith("Built ")
    code, out, _ = run(sample, "check", "--format", "json")
    fates = {f["path"]: f["reason"] for f in json.loads(out)["files"]}
    assert fates["content/blog/loop"] == "link to nothing (or to itself, through a loop of links)"


def test_a_source_folder_that_is_a_loop_of_links_is_a_settings_error(tmp_path: Path) -> None:
    project = tmp_path / "site"
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text("site_name: S\n", encoding="utf-8")
    plant(project / "loop", project / "loop")
    (project / "stagemap.yml").write_text(
        "generator: mkdocs\nsources: [loop]\nrules: loop\n", encoding="utf-8"
    )
    code, out, err = run(project, "check")
    assert (code, out) == (2, "")
    assert (
        "stagemap.yml:2:11: error: source folder 'loop' does not exist (create it or correct the path)" in err
    )
    assert "stagemap.yml:3:8: error: cannot read rules file 'loop'" in err


def test_tag_edits_the_target_of_a_link_inside_the_project(sample: Path) -> None:
    real = sample / "content" / "blog" / "friday-invoicing.md"
    plant(sample / "content" / "linked.md", real)
    code, _, _ = run(sample, "tag", str(sample / "content/linked.md"), "--add-stage", "exploration")
    assert code == 0
    assert (sample / "content" / "linked.md").is_symlink()
    assert "exploration" in real.read_text()


# -- the rule, kept by reading the code ------------------------------------------------------------
WRITERS = {"write_text", "write_bytes", "mkstemp", "NamedTemporaryFile", "symlink_to", "link_to"}


def test_only_the_atomic_writer_opens_files_for_writing() -> None:
    """Every write goes through write/atomic.py, where the rules above are kept in one place."""
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name in ("atomic.py",):
            continue
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in WRITERS:
                offenders.append(f"{path.name}:{node.lineno}: {name}")
            if name == "open":
                modes = [a.value for a in node.args[1:2] if isinstance(a, ast.Constant)]
                modes += [
                    k.value.value
                    for k in node.keywords
                    if k.arg == "mode" and isinstance(k.value, ast.Constant)
                ]
                if any(isinstance(m, str) and set(m) & set("wax+") for m in modes):
                    offenders.append(f"{path.name}:{node.lineno}: open({modes[0]!r})")
    assert offenders == []
