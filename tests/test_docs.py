"""The docs tell the truth: README output is real, every command is documented, the template
context reference matches the code."""

from __future__ import annotations

import ast
import re
import shlex
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from tests.conftest import ROOT

README = ROOT / "README.md"
RUN_BLOCK = re.compile(r"(<!-- run: (?P<cmd>.+?) -->\n```text\n)(?P<out>.*?)(```\n)", re.S)


def _run_doc_command(command: str) -> str:
    argv = shlex.split(command)
    assert argv[0] == "stagemap"
    result = CliRunner().invoke(cli, ["-C", str(ROOT), *argv[1:]], env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.output


def test_readme_shows_real_output(request: pytest.FixtureRequest) -> None:
    text = README.read_text(encoding="utf-8")
    blocks = list(RUN_BLOCK.finditer(text))
    assert len(blocks) >= 3, "README should show the real output of its commands"

    def refresh(match: re.Match[str]) -> str:
        return match.group(1) + _run_doc_command(match.group("cmd")) + match.group(4)

    updated = RUN_BLOCK.sub(refresh, text)
    if request.config.getoption("--update-golden"):
        README.write_text(updated, encoding="utf-8", newline="\n")
        return
    for old, new in zip(blocks, RUN_BLOCK.finditer(updated), strict=True):
        assert old.group("out") == new.group("out"), f"README output of '{old.group('cmd')}' is out of date"


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, name
        full = f"{prefix}{name}"
        found.append((full, command))
        if isinstance(command, click.Group):
            found += _commands(command, full + " ")
    return found


@pytest.mark.parametrize(("name", "command"), _commands(cli), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_has_help_with_an_example_and_is_in_readme(name: str, command: click.Command) -> None:
    result = CliRunner().invoke(cli, [*name.split(), "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output, f"'stagemap {name} --help' has no example"
    assert f"stagemap {name}" in README.read_text(encoding="utf-8"), f"'stagemap {name}' is not in README"


# -- template context reference -----------------------------------------------------------------
CONTEXT_TYPES = {
    "src/stagemap/model/kit.py": ("Kit", "KitQuestion", "AssetRef", "NextStep", "Obstacle", "Guidance"),
    "src/stagemap/model/play.py": ("Play", "ObjectionCard", "ProofPoint", "PlayAppendix"),
    "src/stagemap/model/report.py": ("Gap",),
    "src/stagemap/model/journey.py": (
        "Stage",
        "Question",
        "Persona",
        "JourneyModel",
        "StageGuide",
        "Objection",
        "Decider",
    ),
}


def context_reference() -> str:
    """Markdown tables of each context type's fields, from the dataclasses' field docstrings."""
    sections: list[str] = []
    for rel, names in CONTEXT_TYPES.items():
        tree = ast.parse((ROOT / rel).read_text(encoding="utf-8"))
        classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
        for name in names:
            node = classes[name]
            doc = ast.get_docstring(node) or ""
            rows = []
            body = node.body
            for i, item in enumerate(body):
                if not isinstance(item, ast.AnnAssign) or not isinstance(item.target, ast.Name):
                    continue
                nxt = body[i + 1] if i + 1 < len(body) else None
                text = ""
                if isinstance(nxt, ast.Expr) and isinstance(nxt.value, ast.Constant):
                    text = " ".join(str(nxt.value.value).split())
                kind = ast.unparse(item.annotation).replace("|", "or")
                rows.append(f"| `{item.target.id}` | `{kind}` | {text} |")
            props = [
                f.name
                for f in body
                if isinstance(f, ast.FunctionDef)
                and any(ast.unparse(d) == "property" for d in f.decorator_list)
            ]
            for prop in props:
                fn = next(f for f in body if isinstance(f, ast.FunctionDef) and f.name == prop)
                rows.append(f"| `{prop}` | property | {' '.join((ast.get_docstring(fn) or '').split())} |")
            sections.append(
                f"### `{name}`\n\n{doc.splitlines()[0] if doc else ''}\n\n"
                "| Field | Type | Meaning |\n|---|---|---|\n" + "\n".join(rows) + "\n"
            )
    return "\n".join(sections)


def test_template_context_reference_matches_code(request: pytest.FixtureRequest) -> None:
    path = ROOT / "docs/templates.md"
    text = path.read_text(encoding="utf-8")
    start, end = "<!-- context:start -->\n", "<!-- context:end -->"
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    updated = head + start + context_reference() + end + tail
    if request.config.getoption("--update-golden"):
        path.write_text(updated, encoding="utf-8", newline="\n")
        return
    assert text == updated, "docs/templates.md is out of date: pytest --update-golden, then review"


def test_field_reference_lists_every_front_matter_field() -> None:
    from stagemap.model.library import FIELDS

    text = (ROOT / "docs/fields.md").read_text(encoding="utf-8")
    for field in FIELDS:
        assert f"| `{field}` |" in text


def test_settings_reference_lists_every_setting() -> None:
    from stagemap.model.settings import SETTINGS

    text = (ROOT / "docs/settings.md").read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f"| `{setting}" in text


def test_docs_links_resolve() -> None:
    for doc in [README, *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", doc.read_text(encoding="utf-8")):
            assert (doc.parent / target).exists(), f"{doc.name} links to missing {target}"


def test_json_reference_lists_every_report_key() -> None:
    import json

    out = _run_doc_command("stagemap report --format json --as-of 2026-11-24")
    text = (ROOT / "docs/report-json.md").read_text(encoding="utf-8")
    for key in json.loads(out):
        assert f"| `{key}` |" in text


def test_readme_quick_start_is_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)```", quick, re.S)
    assert len(commands) == 2
    assert all(len(c.strip().splitlines()) == 1 for c in commands)
    assert commands[1].strip() == "bash tests/run"
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert "bash tests/run" in ci


PYTHON_EXAMPLE = re.compile(
    r"```python\n(?P<code>.*?)```\n\nRun in this repository, it prints:\n\n```text\n(?P<out>.*?)```", re.S
)


def test_readme_python_example_runs_and_prints_what_it_shows(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = README.read_text(encoding="utf-8")
    examples = list(PYTHON_EXAMPLE.finditer(text))
    assert len(examples) == 1, "README should have one Python example followed by its output"
    monkeypatch.chdir(ROOT)
    exec(compile(examples[0].group("code"), "README.md", "exec"), {"__name__": "readme"})
    assert capsys.readouterr().out == examples[0].group("out")


def test_public_api_names_all_import() -> None:
    import stagemap

    missing = [name for name in stagemap.__all__ if not hasattr(stagemap, name)]
    assert missing == []
    assert {"load_project", "analyse", "Report", "Project", "Asset"} <= set(stagemap.__all__)


# -- numbers and pointers in prose ----------------------------------------------------------------
PERCENT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)%")


def prose_after_runs(text: str) -> list[tuple[str, str, str]]:
    """Return (command, its output, the prose paragraph right after the block) per run block."""
    found = []
    for match in RUN_BLOCK.finditer(text):
        rest = text[match.end() :].lstrip("\n")
        paragraph = rest.split("\n\n", 1)[0]
        if not paragraph.startswith(("<!--", "```", "#")):
            found.append((match.group("cmd"), match.group("out"), paragraph))
    return found


def wrong_percentages(output: str, paragraph: str) -> list[str]:
    """Return the percentages the paragraph quotes that the command's output does not show."""
    shown = set(PERCENT.findall(output))
    return [f"{n}%" for n in PERCENT.findall(paragraph) if n not in shown]


def test_docs_prose_check_catches_a_wrong_number() -> None:
    output = "  before 23 (82%), at 2 (7%), after 3 (11%)\n"
    assert wrong_percentages(output, "`after` holds 10% of the library") == ["10%"]
    assert wrong_percentages(output, "`after` holds 11% of the library") == []


def test_readme_prose_quotes_the_numbers_its_commands_print() -> None:
    checked = prose_after_runs(README.read_text(encoding="utf-8"))
    assert any(PERCENT.search(paragraph) for _, _, paragraph in checked), "no prose quotes a number"
    for command, output, paragraph in checked:
        assert wrong_percentages(output, paragraph) == [], (
            f"prose after '{command}' quotes a number it does not print"
        )


def test_sample_settings_point_to_docs_that_exist() -> None:
    text = (ROOT / "stagemap.yml").read_text(encoding="utf-8")
    comments = "\n".join(line for line in text.splitlines() if line.lstrip().startswith("#"))
    readme = README.read_text(encoding="utf-8")
    for section in re.findall(r'README\.md under "([^"]+)"', comments):
        assert re.search(rf"^#+ .*{re.escape(section)}", readme, re.M), f"README has no section '{section}'"
    for path in re.findall(r"\b(docs/[\w./-]+\.md)\b", comments):
        assert (ROOT / path).is_file(), path
    assert re.findall(r"docs/[\w./-]+\.md|README\.md under", comments), "stagemap.yml points nowhere"


def test_readme_build_line_is_what_a_build_of_the_sample_prints(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    quoted = re.findall(r"^Built \d+ pages in site/ .*$", README.read_text(encoding="utf-8"), re.M)
    assert len(quoted) == 1, "README should quote the build's summary line once"
    monkeypatch.chdir(sample)
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == quoted[0]
