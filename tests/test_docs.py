"""The docs tell the truth: README output is real, every command is documented, the template
context reference matches the code."""

from __future__ import annotations

import ast
import re
import shlex
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from stagemap.cli.app import INTERRUPTED, cli
from tests.conftest import ROOT, write

README = ROOT / "README.md"
RUN_BLOCK = re.compile(
    r"(?P<head><!-- run(?P<how>[^:]*): (?P<cmd>.+?) -->\n```text\n)(?P<out>.*?)(?P<tail>```\n)", re.S
)
"""A block of README output and the command that prints it: ``<!-- run: CMD -->`` runs CMD in
the sample project, ``<!-- run in FOLDER: CMD -->`` in FOLDER of this repository (without the
parse cache), and ``<!-- run into a new site/: CMD -->`` in the sample project with ``-o`` an
empty folder, shown as ``site/``: a first build, which leaves the repository as it was."""
NEW_SITE = " into a new site/"


def _run_doc_command(command: str, how: str = "", scratch: Path | None = None) -> str:
    argv = shlex.split(command)
    assert argv[0] == "stagemap"
    env = {"COLUMNS": "100", "NO_COLOR": "1"}
    project, extra = ROOT, []
    if how.startswith(" in "):
        project = ROOT / how.removeprefix(" in ")
        env["STAGEMAP_NO_CACHE"] = "1"
    elif how == NEW_SITE:
        assert scratch is not None
        extra = ["-o", str(scratch / "site")]
    else:
        assert not how, f"unknown README run block '<!-- run{how}: ...'"
    result = CliRunner().invoke(cli, ["-C", str(project), *argv[1:], *extra], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.output.replace(f"{scratch}/site/", "site/") if scratch is not None else result.output


def test_readme_shows_real_output(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    text = README.read_text(encoding="utf-8")
    blocks = list(RUN_BLOCK.finditer(text))
    assert len(blocks) >= 3, "README should show the real output of its commands"
    hows = {b.group("how") for b in blocks}
    assert NEW_SITE in hows and " in tests/data/readme-broken" in hows, "the build and broken-folder blocks"

    def refresh(match: re.Match[str]) -> str:
        output = _run_doc_command(match.group("cmd"), match.group("how"), tmp_path / str(match.start()))
        return match.group("head") + output + match.group("tail")

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


# Every number in the README's prose, bound to what prints or defines it. A number the scan
# finds outside every binding fails the test: bind it here, so prose cannot drift from output.
PROSE_NUMBER = re.compile(r"(?<![\w.-])\d+(?:\.\d+)*")


def _pyproject_pythons() -> list[str]:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return re.findall(r'"Programming Language :: Python :: (3\.\d+)"', text)


def _tests_run_pythons() -> list[str]:
    supported = re.search(r'^SUPPORTED="([^"]+)"', (ROOT / "tests/run").read_text(encoding="utf-8"), re.M)
    assert supported is not None
    versions = supported.group(1).split()
    return [versions[0], versions[-2]]  # the oldest, and the newest the CI machine has


def _serve_default(name: str) -> list[str]:
    from stagemap.cli.serve import serve

    return [str(next(p for p in serve.params if p.name == name).default)]


def _run_option(command: str, pattern: str) -> list[str]:
    """The value of a README run block's option, e.g. the 90 of ``--due 90d``."""
    text = README.read_text(encoding="utf-8")
    found = [
        re.search(pattern, m.group("cmd")) for m in RUN_BLOCK.finditer(text) if m.group("cmd") == command
    ]
    assert found and found[0] is not None, command
    return [found[0].group(1)]


def _benchmark_speedup() -> list[str]:
    text = (ROOT / "docs/benchmarks.md").read_text(encoding="utf-8")
    found = re.search(r"markdown-it-py: (\d+) times", " ".join(text.split()))
    assert found is not None, "docs/benchmarks.md no longer measures the renderers' speed"
    return [found.group(1)]


def _max_slug() -> list[str]:
    from stagemap.edit.new import MAX_SLUG

    return [str(MAX_SLUG)]


def _interrupted_code() -> list[str]:
    return [str(INTERRUPTED)]


def _fixed(*values: str) -> Callable[[], list[str]]:
    """Numbers that are the subject of their sentence (exit codes, an example value)."""
    return lambda: list(values)


PROSE_BINDINGS: list[tuple[str, Callable[[], list[str]]]] = [
    (r"<http://(127\.0\.0\.1):(\d+)/>", lambda: _serve_default("host") + _serve_default("port")),
    (r"listens on (127\.0\.0\.1) only", lambda: _serve_default("host")),
    (r"on CPython (3\.\d+) and (3\.\d+)\.", _tests_run_pythons),
    (r"supports CPython (3\.\d+), (3\.\d+), (3\.\d+) and (3\.\d+),", _pyproject_pythons),
    (
        r"`after` holds (\d+)% of the",
        lambda: re.findall(r"after \d+ \((\d+)%\)", _run_doc_command("stagemap report --as-of 2026-11-24")),
    ),
    (
        r"Exit codes: `(0)` ok, `(1)` findings \(problems in the library found by `check`, a failed gate"
        r" such as `--fail-on` or `--strict`, refused files\), `(2)` usage or configuration error, `(\d+)`"
        r" stopped by Ctrl-C",
        lambda: ["0", "1", "2", *_interrupted_code()],
    ),
    (r"carry on with the valid assets, exiting (0):", _fixed("0")),
    (r"fails \(exit (1), nothing written\)", _fixed("1")),
    (r"suggestion accepted\) exits (0) too", _fixed("0")),
    (r"exit code (1)\):", _fixed("1")),
    (r"the exit code is (1)\.", _fixed("1")),
    (r"and exits (\d+)\.", _interrupted_code),
    (r"at most (\d+) characters\) in the", _max_slug),
    (r"`--width N` to choose, `(0)` for no limit", _fixed("0")),
    (
        r"`--due (\d+)d` keeps the assets whose review date falls within the next (\d+) days",
        _fixed("30", "30"),
    ),
    (
        r"The reviews due within (\d+) days",
        lambda: _run_option("stagemap list --due 90d --as-of 2026-11-24 --width 100", r"--due (\d+)d"),
    ),
    (
        r"fitted to (\d+) columns as on a terminal",
        lambda: _run_option("stagemap list --due 90d --as-of 2026-11-24 --width 100", r"--width (\d+)"),
    ),
    (r"`STAGEMAP_NO_CACHE=(1)`", _fixed("1")),
    (r"`(1)` turns the workers off\)", _fixed("1")),
    (r"about (\d+) times faster", _benchmark_speedup),
]
"""Each prose number's sentence (a regex whose groups are the numbers) and their source."""


def readme_prose(text: str) -> str:
    """The README without code blocks and comments, lines joined into one space-separated text."""
    text = re.sub(r"^```.*?^```\n", "", text, flags=re.S | re.M)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    return " ".join(text.split())


def prose_number_problems(prose: str, bindings: list[tuple[str, Callable[[], list[str]]]]) -> list[str]:
    """Return every number in ``prose`` that no binding covers, and every bound number that is wrong."""
    covered: set[int] = set()
    problems = []
    for pattern, source in bindings:
        match = re.search(pattern, prose)
        if match is None:
            problems.append(f"no sentence matches {pattern!r}: update the binding with the prose")
            continue
        covered.update(match.start(i) for i in range(1, (match.lastindex or 0) + 1))
        quoted, expected = list(match.groups()), source()
        if quoted != expected:
            problems.append(f"README says {quoted} where the source gives {expected}: {match.group(0)!r}")
    for number in PROSE_NUMBER.finditer(prose):
        if number.start() not in covered:
            context = prose[max(0, number.start() - 40) : number.end() + 20]
            problems.append(f"unbound number {number.group(0)!r} in {context!r}")
    return problems


def test_readme_prose_numbers_are_all_bound_and_true() -> None:
    assert prose_number_problems(readme_prose(README.read_text(encoding="utf-8")), PROSE_BINDINGS) == []


def test_prose_number_check_catches_a_wrong_or_unbound_number() -> None:
    prose = readme_prose(README.read_text(encoding="utf-8"))
    share = re.search(r"`after` holds (\d+)% of the", prose)
    assert share is not None
    right = int(share.group(1))
    wrong = prose.replace(share.group(0), f"`after` holds {right - 1}% of the")
    assert prose_number_problems(wrong, PROSE_BINDINGS) == [
        f"README says ['{right - 1}'] where the source gives ['{right}']: '`after` holds {right - 1}% of the'"
    ]
    added = prose + " The sample has 97 assets."
    assert prose_number_problems(added, PROSE_BINDINGS) == [
        f"unbound number '97' in {added[-50:]!r}",
    ]


def test_sample_settings_point_to_docs_that_exist() -> None:
    text = (ROOT / "stagemap.yml").read_text(encoding="utf-8")
    comments = "\n".join(line for line in text.splitlines() if line.lstrip().startswith("#"))
    readme = README.read_text(encoding="utf-8")
    for section in re.findall(r'README\.md under "([^"]+)"', comments):
        assert re.search(rf"^#+ .*{re.escape(section)}", readme, re.M), f"README has no section '{section}'"
    for path in re.findall(r"\b(docs/[\w./-]+\.md)\b", comments):
        assert (ROOT / path).is_file(), path
    assert re.findall(r"docs/[\w./-]+\.md|README\.md under", comments), "stagemap.yml points nowhere"


def test_sample_settings_show_how_to_leave_a_readme_out(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(sample)
    write(sample, {"content/README.md": "# Notes for writers\n\nEvery asset needs front matter.\n"})
    failed = CliRunner().invoke(cli, ["check"])
    assert failed.exit_code == 1
    assert "content/README.md:1:1: error: no front matter" in failed.stderr
    lines = (sample / "stagemap.yml").read_text(encoding="utf-8").splitlines()
    start = lines.index("# sources:")
    example = [line.removeprefix("# ") for line in lines[start:] if line.startswith(("# sources:", "#   "))]
    settings = [line for line in lines if line != "content: content"] + example
    (sample / "stagemap.yml").write_text("\n".join(settings) + "\n", encoding="utf-8")
    passed = CliRunner().invoke(cli, ["check"])
    assert (passed.exit_code, passed.stderr) == (0, "")
    assert re.search(
        r"Not read as assets: 1 of \d+ files, on purpose\n  1 excluded by 'README.md'\n$", passed.stdout
    )


def test_init_files_point_to_docs_and_commands_that_exist(tmp_path: Path) -> None:
    assert CliRunner().invoke(cli, ["init", str(tmp_path / "p")]).exit_code == 0
    text = "\n".join(
        p.read_text(encoding="utf-8") for p in sorted((tmp_path / "p").rglob("*")) if p.is_file()
    )
    docs = re.findall(r"\b(docs/[\w./-]+\.md)\b", text)
    for path in docs:
        assert (ROOT / path).is_file(), f"stagemap init points to a missing {path}"
    commands = set(cli.list_commands(click.Context(cli)))
    named = re.findall(r"[`']stagemap ([a-z][a-z-]*)", text)
    assert docs and named, "the files stagemap init writes point nowhere"
    for name in named:
        assert name in commands, f"stagemap init names a command that does not exist: stagemap {name}"


def test_quick_start_says_what_the_test_command_does() -> None:
    """`bash tests/run` may run the suite more than once and install a browser: Quick start says so."""
    quick = README.read_text(encoding="utf-8").partition("## Quick start")[2].partition("\n## ")[0]
    script = (ROOT / "tests/run").read_text(encoding="utf-8")
    assert "bash tests/run" in quick
    if "pyenv" in script:
        assert "pyenv" in quick and "STAGEMAP_PYTHONS" in quick
    if "apt-get install" in script:
        assert "`apt-get`" in quick and "chromium" in quick


def test_readme_says_which_commands_carry_on_past_library_problems() -> None:
    """The exit-code list matches what the commands do (tests/test_cli_usability.py runs them)."""
    text = " ".join(README.read_text(encoding="utf-8").split())
    assert "`1` findings (problems in the library found by `check`" in text
    assert "`report`, `kit`, `kits`, `play`, `list` and `build` print the library's problems" in text
