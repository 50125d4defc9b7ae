"""Hugo's ``ignoreFiles``: the content files its expressions name are excluded, as Hugo builds no page of them.

Tekton's site says ``ignoreFiles: [vendor/.*]``: its five included-only files under ``vendor/``
were read as pages; Crossplane's says ``ignoreFiles: [README.md]``: its read-mes were pages too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.read.hugoignore import compiled, costly
from tests.conftest import write

HUGO = """\
title: Pipes
ignoreFiles:
  - vendor/.*
  - (README|_index)\\.md$
  - (a+)+$
"""


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def site(tmp_path: Path, config: str = HUGO) -> Path:
    return write(
        tmp_path / "site",
        {
            "hugo.yaml": config,
            "content/docs/setup.md": '---\ntitle: Setup\n---\nFirst:\n\n{{% readfile file="vendor/kit/pour.md" %}}\n',
            "content/docs/vendor/kit/pour.md": "Pour the base coat.\n",
            "content/docs/_index.md": "---\ncascade:\n  stages: [awareness]\n---\n",
            "content/docs/vendor/kit/dry.md": "Let it dry.\n",
            "content/docs/README.md": "# About these docs\n",
            "content/docs/readme-first.md": "---\ntitle: Read me first\n---\nHello.\n",
        },
    )


def test_ignore_files_init_and_check_count_the_files_excluded(tmp_path: Path) -> None:
    root = site(tmp_path)
    code, out, _ = run(root, "init")
    assert code == 0
    assert out.splitlines()[2:7] == [
        "Files under the sources: 6 (.md 6)",
        "Read as assets: 2, 2 of them without stages or questions",
        "Not read as assets: 4 of 6 files, on purpose",
        "  2 excluded by Hugo's ignoreFiles '(README|_index)\\.md$'",
        "  2 excluded by Hugo's ignoreFiles 'vendor/.*'",
    ]
    code, out, err = run(root, "check")
    assert code == 0
    assert err.splitlines()[0] == (
        "hugo.yaml:2: warning: ignoreFiles '(a+)+$' is not applied: a repeated group holding a "
        "repetition or a '|' (write it more simply; until then the files it names are read)"
    )
    assert out.splitlines()[-3:] == [
        "Not read as assets: 4 of 6 files, on purpose",
        "  2 excluded by Hugo's ignoreFiles '(README|_index)\\.md$'",
        "  2 excluded by Hugo's ignoreFiles 'vendor/.*'",
    ]
    code, out, _ = run(root, "list", "--format", "json")
    assert [(a["path"], a["stages"]) for a in json.loads(out)["assets"]] == [
        ("content/docs/readme-first.md", []),  # the ignored _index.md passes down no cascade
        ("content/docs/setup.md", []),
    ]


def test_ignore_files_a_file_excluded_is_still_included_and_never_tagged(tmp_path: Path) -> None:
    root = site(tmp_path)
    write(root, {"stagemap.yml": "name: Pipes\nmodel: buyer-journey\ngenerator: hugo\nsources: [content]\n"})
    result = CliRunner().invoke(cli, ["-C", str(root), "build", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "<p>Pour the base coat.</p>" in (tmp_path / "out/assets/docs/setup.html").read_text()
    code, _, err = run(root, "tag", str(root / "content/docs/vendor/kit/dry.md"), "--add-stage", "awareness")
    assert (code, err) == (
        2,
        f"Error: {root / 'content/docs/vendor/kit/dry.md'} is not read: "
        "excluded by Hugo's ignoreFiles 'vendor/.*'\n",
    )


def test_ignore_files_match_the_absolute_path_as_hugo_does(tmp_path: Path) -> None:
    """Hugo matches the file's absolute path: one anchored at the site's folder names it, one
    anchored at ``content/`` names nothing."""
    anchored = (
        f"ignoreFiles: ['^{re.escape(tmp_path.as_posix())}/site/content/docs/[r_]', '^content/docs/setup']\n"
    )
    root = site(tmp_path, anchored)
    write(root, {"stagemap.yml": "name: Pipes\nmodel: buyer-journey\ngenerator: hugo\nsources: [content]\n"})
    _, out, _ = run(root, "list", "--format", "json")
    assert [a["path"] for a in json.loads(out)["assets"]] == [
        "content/docs/README.md",
        "content/docs/setup.md",
        "content/docs/vendor/kit/dry.md",
        "content/docs/vendor/kit/pour.md",
    ]


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        ("vendor/.*", ""),
        ("^.*/_.*\\.md$", ""),
        ("(?i)readme\\.(md|markdown)$", ""),
        ("a*?b{2,5}", ""),
        ("[a)]+(?:bc){3}", ""),
        ("(a+)+$", "a repeated group holding a repetition or a '|'"),
        ("(x|y)*z", "a repeated group holding a repetition or a '|'"),
        ("(?P<d>ab{2,3})+", "a repeated group holding a repetition or a '|'"),
        (".*a.*b.*c", "more than 2 repetitions (*, +, ?, {m,n})"),
        ("a**", "a repetition of a repetition, which Go's expressions refuse (Hugo stops its build on it)"),
        (
            "(x)\\1",
            "a lookaround or backreference, which Go's expressions do not have (Hugo stops its build on it)",
        ),
        (
            "^(?!draft)",
            "a lookaround or backreference, which Go's expressions do not have (Hugo stops its build on it)",
        ),
        ("x" * 301, "longer than 300 characters"),
    ],
)
def test_ignore_files_expressions_are_applied_only_within_bounds(pattern: str, why: str) -> None:
    """Python's re backtracks where Go's never does: ``(a+)+$`` on a path of 40 a's and an x
    would take hours."""
    assert costly(pattern) == why


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        ("(.?){18}.{18}~$", "a repeated group holding a repetition or a '|'"),
        ("(a?){24}a{24}", "a repeated group holding a repetition or a '|'"),
        ("(a{0,1}){24}a{24}", "a repeated group holding a repetition or a '|'"),
        ("a?b?c?", "more than 2 repetitions (*, +, ?, {m,n})"),
        ("\\.html?$", ""),
        ("(?i)draft-?\\d+", ""),
        ("(ab)?c{2}", ""),
    ],
)
def test_ignore_files_an_optional_part_is_a_repetition(pattern: str, why: str) -> None:
    """``?`` was not counted: ``(.?){18}.{18}~$`` took 1.4 s on a path of 66 characters and
    ``(a?){24}a{24}`` 3.9 s on one holding 23 a's, for each file read."""
    assert costly(pattern) == why


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        ("((a|aa))+$", "a repeated group holding a repetition or a '|'"),
        ("(?:(?:a|aa))+$", "a repeated group holding a repetition or a '|'"),
        ("((\\w|\\w\\w))+\\.txt$", "a repeated group holding a repetition or a '|'"),
        ("(?:(a|b)c)?d", ""),
        ("((ab))+", ""),
    ],
)
def test_ignore_files_a_group_inside_a_repeated_group_passes_on_its_bar(pattern: str, why: str) -> None:
    """A group passed out only that it held a repetition, not a '|': ``((\\w|\\w\\w))+\\.txt$``
    was applied, and took 20 s on a page whose name had 39 letters."""
    assert costly(pattern) == why


@pytest.mark.parametrize("pattern", ["/vendor$", "/kit$", "docs/vendor$"])
def test_ignore_files_a_folder_named_leaves_out_what_it_holds(tmp_path: Path, pattern: str) -> None:
    """Hugo's walk matches every folder it meets by its absolute path and does not enter one
    named: '/vendor$' named no file, and the files below such a folder were read."""
    root = site(tmp_path, f"ignoreFiles: ['{pattern}']\n")
    write(root, {"stagemap.yml": "name: Pipes\nmodel: buyer-journey\ngenerator: hugo\nsources: [content]\n"})
    _, out, _ = run(root, "list", "--format", "json")
    kept = ["content/docs/README.md", "content/docs/readme-first.md", "content/docs/setup.md"]
    assert [a["path"] for a in json.loads(out)["assets"]] == kept
    _, out, _ = run(root, "check")
    assert out.splitlines()[-3:] == [
        "Not read as assets: 3 of 6 files, on purpose",
        "  1 non-asset: listing by '_index.md'",
        f"  2 excluded by Hugo's ignoreFiles '{pattern}'",
    ]


def test_ignore_files_an_expression_python_cannot_read_is_a_warning() -> None:
    """Go reads ``[[:alpha:]]`` as a class of letters; Python warns of a nested set: no warning
    escapes, the expression is left out as one stagemap cannot read."""
    applied, problems = compiled(["[[:alpha:]]x", "vendor/(", "notes\\z"], "hugo.toml", 3)
    assert [(text, pattern.pattern) for text, pattern in applied] == [("notes\\z", "notes\\Z")]
    assert [p.format().split(" (")[0] for p in problems] == [
        "hugo.toml:3: warning: ignoreFiles '[[:alpha:]]x' is not applied: not a regular expression stagemap reads",
        "hugo.toml:3: warning: ignoreFiles 'vendor/(' is not applied: not a regular expression stagemap reads",
    ]
