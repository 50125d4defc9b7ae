"""stagemap promote: what rules give files, written into their front matter on request."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from stagemap.analyse.coverage import analyse
from stagemap.cli.app import cli
from stagemap.read.project import load_project
from tests.conftest import MINIMAL_CONFIG, write

RULES = """\
cache: false
generator: hugo
sources: [site]
rules:
  - match: {path: blog/}
    set: {stages: [awareness], questions: [problems], format: article}
"""
A = "---\ntitle: A\nformat: essay # ours\n---\nBody.\n"
B = "---\ntitle: B\n---\nBody.\n"
T = '+++\ntitle = "T"\n+++\nBody.\n'


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), "promote", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def project(tmp_path: Path) -> Path:
    return write(
        tmp_path,
        {
            "stagemap.yml": MINIMAL_CONFIG + RULES,
            "site/blog/a.md": A,
            "site/blog/b.md": B,
            "site/blog/t.md": T,
        },
    )


def test_promote_without_yes_shows_the_diff_and_writes_nothing(tmp_path: Path) -> None:
    root = project(tmp_path)
    code, out, err = run(root, str(root / "site/blog/a.md"))
    assert code == 0
    assert out == (
        "--- a/site/blog/a.md\n+++ b/site/blog/a.md\n@@ -1,5 +1,7 @@\n ---\n title: A\n"
        "+stages: [awareness]\n+questions: [problems]\n format: essay # ours\n ---\n Body.\n"
    )
    assert err == "1 file would change, 0 unchanged, 0 refused (dry run: nothing written).\n"
    assert (root / "site/blog/a.md").read_text() == A


def test_promote_yes_writes_rule_values_and_keeps_the_report(tmp_path: Path) -> None:
    root = project(tmp_path)
    day = dt.date(2026, 3, 1)
    before = load_project(root)
    cells = analyse(before.config, before.library, day).cells
    code, out, err = run(root, "--yes")
    assert code == 1  # the TOML file is refused
    assert out == "changed site/blog/a.md\nchanged site/blog/b.md\n2 files changed, 0 unchanged, 1 refused.\n"
    assert err == "site/blog/t.md: not changed: its front matter is TOML; only YAML front matter is edited\n"
    assert (root / "site/blog/b.md").read_text() == (
        "---\ntitle: B\nstages: [awareness]\nquestions: [problems]\nformat: article\n---\nBody.\n"
    )
    assert (root / "site/blog/t.md").read_text() == T
    after = load_project(root)
    assert analyse(after.config, after.library, day).cells == cells
    b = after.library.by_id["blog/b"]
    assert b.origin("stages") == (("line", 3),)


def test_promote_selects_by_glob(tmp_path: Path) -> None:
    root = project(tmp_path)
    code, out, _ = run(root, "site/**/b.md", "--yes")
    assert (code, out) == (0, "changed site/blog/b.md\n1 file changed, 0 unchanged, 0 refused.\n")
    assert (root / "site/blog/a.md").read_text() == A


def test_promote_with_no_rules_says_so(tmp_path: Path) -> None:
    write(tmp_path, {"stagemap.yml": MINIMAL_CONFIG + "cache: false\n", "content/a.md": B})
    code, out, err = run(tmp_path)
    assert (code, out, err) == (0, "", "No asset takes a value from a rule.\n")
