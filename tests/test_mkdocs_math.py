"""MkDocs' math (pymdownx.arithmatex) on a site whose ``mkdocs.yml`` loads it: the TeX as code,
as for kramdown's and remark-math's (render/texmath.py, read/mkdocsalerts.py)."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.read.mkdocsalerts import alert_syntaxes
from tests.conftest import write
from tests.test_mkdocs_alerts import made

ON = "pymdownx.arithmatex"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # Inline: a dollar opens before a character that is not a space and closes after one.
        ("Area $a^2$ and $5 or $10.\n", "Area `a^2` and $5 or $10.\n"),
        ("Slope \\(m_1\\) here.\n", "Slope `m_1` here.\n"),
        ("Paid \\$5 and $ x$ kept.\n", "Paid \\$5 and $ x$ kept.\n"),
        ("In `$a$` code.\n", "In `$a$` code.\n"),
        ("Spans $x\ny$ a line.\n", "Spans `x\ny` a line.\n"),
        ("Never $x\n\ny$ past a blank line.\n", "Never $x\n\ny$ past a blank line.\n"),
        # Blocks: a paragraph that is the math alone.
        ("Before.\n\n$$\nE = mc^2\n$$\n\nAfter.\n", "Before.\n\n```math\nE = mc^2\n```\n\nAfter.\n"),
        ("\\[\n\\sum_i x_i\n\\]\n", "```math\n\\sum_i x_i\n```\n"),
        (
            "\\begin{align}\na &= b\n\\end{align}\n",
            "```math\n\\begin{align}\na &= b\n\\end{align}\n```\n",
        ),
        ("```\n$a$\n```\n", "```\n$a$\n```\n"),
        # A review of 620a15a: indented code is code; math in a list item or a note is math.
        (
            'Run this:\n\n    echo "$HOME/$USER"\n    x=$a$b\n',
            'Run this:\n\n    echo "$HOME/$USER"\n    x=$a$b\n',
        ),
        ("1. Item\n\n    $$x_1 * y_1$$\n", "1. Item\n\n    ```math\n    x_1 * y_1\n    ```\n"),
        ("> $$\n> x_1\n> $$\n", "> ```math\n> x_1\n> ```\n"),
        ("!!! note\n\n    $$x_1 * y_1$$\n", "> **Note**\n>\n> ```math\n> x_1 * y_1\n> ```\n"),
        ("!!! note\n\n    Text $a$ here.\n", "> **Note**\n>\n> Text `a` here.\n"),
        # No math across a code span nor a heading.
        ("A $x `y$` z$ w.\n", "A $x `y$` z$ w.\n"),
        ("A $x` and `y$ w.\n", "A $x` and `y$ w.\n"),
        ("## Heading $x\nText y$ here.\n", "## Heading $x\nText y$ here.\n"),
    ],
)
def test_arithmatex_math_is_its_tex_as_code(text: str, shown: str) -> None:
    assert made(text, ON) == shown
    assert made(text).count("`") == text.count("`")  # (a site without the extension: no math as code)


def test_arithmatex_options_switch_syntaxes_off() -> None:
    config = yaml.safe_load(
        "markdown_extensions:\n  - pymdownx.arithmatex:\n      generic: true\n"
        "      inline_syntax: [dollar]\n      block_syntax: [dollar, begin]\n      smart_dollar: false\n"
    )
    found = alert_syntaxes(config)
    assert found == (
        ON,
        f"{ON}:-block-square",
        f"{ON}:-inline-round",
        f"{ON}:-smart",
    )
    assert made("Plain $5 and $10 \\(x\\).\n", *found) == "Plain `5 and `10 \\(x\\).\n"
    assert made("\\[\nx\n\\]\n", *found) == "\\[\nx\n\\]\n"
    assert alert_syntaxes(yaml.safe_load("markdown_extensions: [pymdownx.arithmatex]\n")) == (ON,)
    # A text where a list belongs is taken as its letters, as Arithmatex takes it: no syntax.
    worded = yaml.safe_load(
        "markdown_extensions:\n  - pymdownx.arithmatex:\n      block_syntax: dollar\n      smart_dollar: 'off'\n"
    )
    assert alert_syntaxes(worded) == (
        ON,
        f"{ON}:-block-begin",
        f"{ON}:-block-dollar",
        f"{ON}:-block-square",
        f"{ON}:-smart",
    )


def test_an_mkdocs_page_with_arithmatex_shows_its_math_as_code(tmp_path: Path) -> None:
    """A page of a site that loads Arithmatex showed ``a^2`` with its ``^`` and ``_`` read as
    Markdown (``x_1 + y_1`` in emphasis) where the live page draws the formula."""
    root = write(
        tmp_path / "site",
        {
            "mkdocs.yml": "site_name: Orchard\nmarkdown_extensions:\n  - pymdownx.arithmatex:\n      generic: true\n",
            "docs/yield.md": "# Yield\n\nTrees per row $n_1 * n_2$ in all.\n\n$$\nY = n_1 * n_2 * w\n$$\n",
        },
    )
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    result = CliRunner().invoke(cli, ["-C", str(root), "build", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out/assets/yield.html").read_text()
    assert "Trees per row <code>n_1 * n_2</code> in all." in page
    assert '<code class="language-math">Y = n_1 * n_2 * w\n</code>' in page


def test_a_long_run_of_backticks_beside_math_costs_linear_time() -> None:
    """A review of 620a15a: code spans are held aside before math is read, and the code span
    pattern tried each length of a long run of backticks: 800 took 7.5 s, 1,600 about 100 s."""
    child = (
        "from tests.test_mkdocs_alerts import made\n"
        "text = 'Costs $5. x ' + '`' * 50_000 + '\\n'\n"
        "assert made(text, 'pymdownx.arithmatex') == text\n"
    )
    start = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=60)
    end = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert done.returncode == 0, done.stderr
    assert end.ru_utime + end.ru_stime - start.ru_utime - start.ru_stime < 10


def test_arithmatex_math_costs_linear_time() -> None:
    """Unclosed marks by the hundred thousand: each is looked at once."""
    cases = ["$a " * 150_000, "\\(a " * 150_000, "$$" + "a $$ b " * 80_000, "\\[" + "\\x " * 150_000]
    child = (
        "import json, sys\nfrom stagemap.render.texmath import arithmatex_math\n"
        "for text in json.load(sys.stdin):\n    arithmatex_math(text)\n"
    )
    start = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-c", child], input=json.dumps(cases), capture_output=True, text=True, timeout=120
    )
    end = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert done.returncode == 0, done.stderr
    assert end.ru_utime + end.ru_stime - start.ru_utime - start.ru_stime < 10
