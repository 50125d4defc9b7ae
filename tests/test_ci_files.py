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
    assert result.stdout.startswith("Checked 38 files in content/")


def test_pre_commit_hook_command_fails_on_a_broken_asset(sample: Path) -> None:
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))[0]
    _, *args = shlex.split(hook["entry"])
    (sample / "content" / "broken.md").write_text("---\ntitle: Broken\nstages: [awarenes]\n---\n")
    result = CliRunner().invoke(cli, ["-C", str(sample), *args])
    assert result.exit_code == 1
    assert "content/broken.md:3:10: error: unknown stage 'awarenes'" in result.stderr


WORKFLOW = ROOT / ".github" / "workflows" / "stagemap.yml"


def _workflow() -> dict[object, object]:
    data = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def test_workflow_runs_on_pushes_and_pull_requests() -> None:
    data = _workflow()
    # YAML 1.1 reads the key `on` as True.
    triggers = data.get("on", data.get(True))
    assert isinstance(triggers, dict) and {"push", "pull_request"} <= triggers.keys()
    assert data["permissions"] == {"contents": "read", "pull-requests": "write"}


def test_workflow_steps_check_then_post_the_diff() -> None:
    jobs = _workflow()["jobs"]
    assert isinstance(jobs, dict) and list(jobs) == ["content"]
    steps = jobs["content"]["steps"]
    checkout = steps[0]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["fetch-depth"] == 0
    runs = [step.get("run", "") for step in steps]
    assert any(run.strip() == "stagemap check" for run in runs)
    diff_steps = [s for s in steps if "stagemap diff" in s.get("run", "")]
    assert len(diff_steps) == 2
    assert all(s["if"] == "github.event_name == 'pull_request'" for s in diff_steps)
    assert "--format md" in diff_steps[0]["run"]
    assert any("gh pr comment" in run for run in runs)


def test_workflow_commands_are_real_stagemap_options() -> None:
    """Every stagemap option the workflow uses exists (parsed by the command itself)."""
    from stagemap.cli.history import diff_command

    names = {opt for param in diff_command.params for opt in getattr(param, "opts", [])}
    steps = _workflow()["jobs"]["content"]["steps"]  # type: ignore[index]
    used = set()
    for step in steps:
        for line in step.get("run", "").splitlines():
            if line.strip().startswith("stagemap diff"):
                used |= {word for word in shlex.split(line.split(">")[0]) if word.startswith("--")}
    assert used and used <= names, used - names
