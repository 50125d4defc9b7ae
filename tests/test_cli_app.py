"""The main group: commands are imported only when used, and listed the same either way."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from stagemap.cli.app import COMMANDS, cli
from stagemap.render.markdown import compiled_enabled
from tests.conftest import ROOT


def _modules_after(*args: str) -> list[str]:
    """Run the CLI in a fresh interpreter; return the stagemap.cli modules and whether jinja2 loaded."""
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from stagemap.cli import cli\n"
        f"CliRunner().invoke(cli, {list(args)!r})\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('stagemap.cli.') or m == 'jinja2')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return done.stdout.split()


def test_cli_help_imports_no_command_module() -> None:
    assert _modules_after("--help") == ["stagemap.cli.app"]


def test_cli_check_imports_only_its_own_module_and_the_loader() -> None:
    assert _modules_after("check") == ["stagemap.cli.app", "stagemap.cli.check", "stagemap.cli.loading"]


def test_cli_report_imports_no_template_engine() -> None:
    # A CI gate runs report often; the kit commands, which need Jinja, live in their own module.
    assert _modules_after("report", "--format", "json") == [
        "stagemap.cli.app",
        "stagemap.cli.loading",
        "stagemap.cli.report",
    ]


def test_cli_check_imports_no_editing_code_when_no_rename_was_left_unfinished() -> None:
    # What finishes a rename (stagemap.cli.edit, stagemap.write.edits) is loaded only for a journal.
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from stagemap.cli import cli\n"
        "result = CliRunner().invoke(cli, ['check'])\n"
        "print(result.exit_code, sorted(m for m in sys.modules if m.startswith("
        "('stagemap.edit', 'stagemap.write.edits', 'stagemap.cli.edit'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout == "0 []\n", done.stderr


def test_importing_the_package_imports_neither_the_readers_nor_the_renderers() -> None:
    heavy = ("jinja2", "markdown_it", "yaml", "stagemap.read.project", "stagemap.render.site")
    code = f"import sys, stagemap\nprint([m for m in {heavy!r} if m in sys.modules])\n"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout == "[]\n"


def test_cli_build_does_not_import_the_preview_server(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from stagemap.cli import cli\n"
        f"result = CliRunner().invoke(cli, ['-C', {str(tmp_path)!r}, 'init'])\n"
        f"result = CliRunner().invoke(cli, ['-C', {str(tmp_path)!r}, 'build'])\n"
        "print(result.exit_code, sorted(m for m in sys.modules if m.startswith(('stagemap.serve', 'http.server'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout == "0 []\n", done.stderr


@pytest.mark.skipif(
    not compiled_enabled(), reason="no compiled renderer here (or it is off): every body needs markdown-it-py"
)
def test_cli_build_imports_markdown_it_only_for_a_body_the_compiled_renderer_leaves(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from stagemap.cli import cli\n"
        f"CliRunner().invoke(cli, ['-C', {str(tmp_path)!r}, 'init'])\n"
        f"result = CliRunner().invoke(cli, ['-C', {str(tmp_path)!r}, 'build'])\n"
        "print(result.exit_code, 'markdown_it' in sys.modules)\n"
        f"open({str(tmp_path / 'content' / 'raw.md')!r}, 'w').write("
        "'---\\ntitle: Raw\\nstages: [awareness]\\nquestions: [who-we-are]\\n---\\nA <b>raw</b> tag.\\n')\n"
        f"result = CliRunner().invoke(cli, ['-C', {str(tmp_path)!r}, 'build'])\n"
        "print(result.exit_code, 'markdown_it' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout == "0 False\n0 True\n", done.stderr


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_cli_summary_of_each_command_matches_its_help(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    listed = click.Command(name, help=COMMANDS[name].summary)
    for limit in (20, 45, 80, 200):
        assert listed.get_short_help_str(limit) == command.get_short_help_str(limit)


def test_cli_help_is_the_same_before_and_after_the_commands_are_imported() -> None:
    code = (
        "import click\n"
        "from click.testing import CliRunner\n"
        "from stagemap.cli import cli\n"
        "before = CliRunner().invoke(cli, ['--help']).output\n"
        "for name in cli.list_commands(click.Context(cli)):\n"
        "    cli.get_command(click.Context(cli), name)\n"
        "assert CliRunner().invoke(cli, ['--help']).output == before, before\n"
        "print(len(cli.commands))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert (done.returncode, done.stdout) == (0, f"{len(COMMANDS)}\n"), done.stderr


def test_console_script_ends_with_the_commands_exit_code_and_all_its_output(tmp_path: Path) -> None:
    # `run` ends the process with os._exit: what the command wrote must still reach the pipe.
    done = subprocess.run(
        [sys.executable, "-m", "stagemap", "report", "--format", "json", "--as-of", "2026-11-24"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0 and done.stderr == ""
    assert json.loads(done.stdout)["as_of"] == "2026-11-24"
    done = subprocess.run(
        [sys.executable, "-m", "stagemap", "nosuch"], capture_output=True, text=True, cwd=ROOT
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.endswith("Error: No such command 'nosuch'.\n")
    done = subprocess.run(
        [sys.executable, "-m", "stagemap", "-C", str(tmp_path), "check"], capture_output=True, text=True
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith("Error: ")


@pytest.mark.parametrize(
    ("stop", "code", "err"),
    [
        ("", 0, ""),
        ("raise SystemExit", 0, ""),
        ("raise SystemExit(1)", 1, ""),
        ("raise SystemExit('boom')", 1, "boom\n"),
    ],
)
def test_console_script_exit_codes_follow_pythons(stop: str, code: int, err: str) -> None:
    # Written without a flush, to a pipe: only `run`'s own flush gets it out before os._exit.
    script = (
        "import sys\n"
        "from stagemap.cli import app\n"
        "def command():\n"
        "    sys.stdout.write('out\\n')\n"
        f"    {stop or 'pass'}\n"
        "app.main = command\n"
        "app.run()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, env=_BUFFERED
    )
    assert (done.returncode, done.stdout, done.stderr) == (code, "out\n", err)


_BUFFERED = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
"""The environment with Python's output buffered, as a user's usually is."""
