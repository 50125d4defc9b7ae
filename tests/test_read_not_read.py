"""The 'not read' summary: counts and reasons for every file that did not become an asset."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.model.library import FileFate
from stagemap.render.fates import fates_data, not_read_lines
from tests.conftest import MINIMAL_CONFIG, write

LINT_OFF = "lint:\n  no-not-for: false\n  placeholder: false\n"
"""Keeps check's output to what these tests are about."""

PAGE = "---\ntitle: T\nstages: [awareness]\nquestions: [problems]\n---\nBody.\n"


def test_not_read_lines_group_and_count_reasons() -> None:
    fates = [
        FileFate("a.md", "asset"),
        FileFate("b.png", "non-asset", "not content", "extensions", "not a content file by its ending"),
        FileFate("c.png", "non-asset", "not content", "extensions", "not a content file by its ending"),
        FileFate("_index.md", "non-asset", "listing", "_index.md", "listing by '_index.md'"),
        FileFate("legal/x.md", "excluded", "", "legal/", "excluded by 'legal/'"),
        FileFate("z.md", "excluded", "", "include", "matches none of the include globs"),
        FileFate("y.md", "problem", "", "yaml", "YAML syntax error"),
    ]
    assert not_read_lines(fates) == [
        "Not read as assets: 5 of 7 files, on purpose",
        "  2 non-asset: not a content file by its ending",
        "  1 non-asset: listing by '_index.md'",
        "  1 excluded by 'include' (matches none)",
        "  1 excluded by 'legal/'",
    ]


def test_not_read_lines_empty_when_everything_is_an_asset() -> None:
    assert not_read_lines([FileFate("a.md", "asset")]) == []


def test_not_read_fates_data_is_json_ready() -> None:
    assert fates_data([FileFate("a.md", "excluded", "", "a.md", "excluded by 'a.md'")]) == [
        {"path": "a.md", "fate": "excluded", "kind": "", "rule": "a.md", "reason": "excluded by 'a.md'"}
    ]


def test_not_read_check_prints_the_summary(tmp_path: Path) -> None:
    settings = "generator: hugo\npages_without_front_matter: false\nsources:\n  - path: content\n    exclude: [legal/]\n"
    write(
        tmp_path,
        {
            "stagemap.yml": MINIMAL_CONFIG + LINT_OFF + settings,
            "content/a.md": PAGE,
            "content/_index.md": "+++\ntitle = 'Home'\n+++\n",
            "content/legal/terms.md": PAGE,
            "content/img/logo.png": b"png",
            "content/partials/cta.md": "Sign up.\n",
        },
    )
    result = CliRunner().invoke(cli, ["-C", str(tmp_path), "check"], catch_exceptions=False)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[1:] == [
        "Not read as assets: 4 of 5 files, on purpose",
        "  1 non-asset: listing by '_index.md'",
        "  1 non-asset: no front matter",
        "  1 non-asset: not a content file by its ending",
        "  1 excluded by 'legal/'",
    ]


def test_not_read_check_of_a_plain_project_prints_nothing_more(tmp_path: Path) -> None:
    write(tmp_path, {"stagemap.yml": MINIMAL_CONFIG, "content/a.md": PAGE})
    result = CliRunner().invoke(cli, ["-C", str(tmp_path), "check"], catch_exceptions=False)
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 1


def test_not_read_report_prints_the_summary_on_stderr(tmp_path: Path) -> None:
    write(tmp_path, {"stagemap.yml": MINIMAL_CONFIG, "content/a.md": PAGE, "content/notes.txt": "x"})
    result = CliRunner().invoke(
        cli, ["-C", str(tmp_path), "report", "--format", "json"], catch_exceptions=False
    )
    assert result.stderr == (
        "Not read as assets: 1 of 2 files, on purpose\n  1 non-asset: not a content file by its ending\n"
    )
    assert result.stdout.startswith("{")
