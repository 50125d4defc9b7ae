"""The CI integrations shipped in the repository: their shape, and that their commands run."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml
from click.testing import CliRunner

from stagemap.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def test_pre_commit_hook_definition_has_the_required_keys() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert isinstance(hooks, list) and [h["id"] for h in hooks] == ["stagemap-check"]
    hook = hooks[0]
    assert {"id", "name", "entry", "language"} <= hook.keys()
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    pattern = re.compile(hook["files"])
    for name in ("content/blog/a.md", "stagemap.yml", "docs/page.mdx"):
        assert pattern.search(name), name
    assert not pattern.search("src/app.py")


def test_pre_commit_hook_command_checks_the_sample(sample: Path) -> None:
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))[0]
    program, *args = shlex.split(hook["entry"])
    assert program == "stagemap"
    result = CliRunner().invoke(cli, ["-C", str(sample), *args])
    assert result.exit_code == 0
    assert result.stdout.startswith("Checked 36 files in content/")


def test_pre_commit_hook_command_fails_on_a_broken_asset(sample: Path) -> None:
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))[0]
    _, *args = shlex.split(hook["entry"])
    (sample / "content" / "broken.md").write_text("---\ntitle: Broken\nstages: [awarenes]\n---\n")
    result = CliRunner().invoke(cli, ["-C", str(sample), *args])
    assert result.exit_code == 1
    assert "content/broken.md:3:10: error: unknown stage 'awarenes'" in result.stderr
