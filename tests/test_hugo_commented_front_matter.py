"""Hugo's front matter inside an HTML comment (``<!--``, the block, ``-->``): read, and edited in place.

Tekton's site writes half its pages so, that GitHub shows them without their fields: stagemap
read no front matter there (titles from file names, a ``draft: true`` page published), and
``tag`` wrote a second block above the comment, which Hugo reads as the page's, losing the other.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.edit.lossless import AddItems, EditError, edit_front_matter
from stagemap.model.library import Vocabulary
from stagemap.model.settings import ReadRules
from stagemap.read.assets import parse_asset
from stagemap.read.frontmatter import COMMENTED, split
from tests.conftest import QUIET_CONFIG, write

VOCAB = Vocabulary(stages=("awareness", "evaluation"), questions=("problems", "risk"), personas=())
HUGO = ReadRules(generator="hugo", tags_required=False, front_matter_required=False)
RUNNING = "<!--\n---\ntitle: Running a pipe\nweight: 4 # in the menu\n---\n-->\n\n# Run it\n\nStart here.\n"
"""A page as Tekton writes them: the comment's lines, then the body."""
SHELVED = "<!--\n---\ntitle: Shelved plans\ndraft: true\n---\n-->\nNot yet.\n"


def test_commented_front_matter_is_read_on_hugo() -> None:
    """The title was the file's name (or its heading), the body held the fields."""
    asset, found = parse_asset("c/run.md", "run", RUNNING.encode(), VOCAB, HUGO)
    assert found == [] and asset is not None
    assert (asset.title, asset.body, asset.body_line, asset.extra) == (
        "Running a pipe",
        "\n# Run it\n\nStart here.\n",
        7,
        {"weight": 4},
    )


def test_commented_front_matter_problems_keep_their_lines() -> None:
    data = b"\n<!-- the fields, hidden on GitHub\n\n---\ntitle: T\nstages: [nowhere]\n---\n-->\nBody.\n"
    asset, found = parse_asset("c/x.md", "x", data, VOCAB, HUGO)
    assert asset is not None and (asset.body, asset.body_line) == ("Body.\n", 9)
    assert [p.format() for p in found] == [
        "c/x.md:6:10: error: unknown stage 'nowhere' (valid: awareness, evaluation)"
    ]
    unclosed = b"<!--\n---\ntitle: T\n---\nBody.\n"
    assert [p.format() for p in parse_asset("c/x.md", "x", unclosed, VOCAB, HUGO)[1]] == [
        "c/x.md:1:1: error: the HTML comment around the front matter is not closed "
        "(add a '-->' line after the front matter's closing fence)"
    ]
    toml = b'<!--\n+++\ntitle = "T"\n+++\n-->\nBody.\n'
    assert split(toml, ("yaml", "toml", COMMENTED)).syntax == "toml"


@pytest.mark.parametrize("generator", ["jekyll", "mkdocs"])
def test_commented_front_matter_is_hugo_s_alone(generator: str) -> None:
    """Other generators show such a block as the page's text: it is no front matter there."""
    rules = ReadRules(generator=generator, tags_required=False, front_matter_required=True)
    assert [p.code for p in parse_asset("c/x.md", "x", SHELVED.encode(), VOCAB, rules)[1]] == [
        "no-front-matter"
    ]


def test_commented_front_matter_a_comment_without_a_block_holds_none() -> None:
    """A page opening with a comment of its own has no front matter in it: edits add a block above."""
    data = b"<!-- a note -->\n---\nnot: fields\n---\n"
    after = edit_front_matter(data, [AddItems("stages", ("awareness",))], bare=True, commented=True)
    assert after == b"---\nstages: [awareness]\n---\n" + data
    with pytest.raises(EditError, match=r"^the HTML comment around the front matter is not closed"):
        edit_front_matter(b"<!--\n---\ntitle: T\n---\n", [AddItems("stages", ("a",))], commented=True)


def test_commented_front_matter_edits_keep_every_other_byte() -> None:
    """CRLF lines, a BOM, an indented ``<!--`` line with words after it (Hugo passes them by)."""
    data = "\ufeff  <!-- fields for Hugo\r\n\r\n---\r\ntitle: T # kept\r\n---\r\n-->\r\nBody.\r\n".encode()
    after = edit_front_matter(data, [AddItems("stages", ("awareness",))], commented=True)
    assert after == data.replace(b"# kept\r\n", b"# kept\r\nstages: [awareness]\r\n")
    asset, found = parse_asset("c/x.md", "x", after, VOCAB, HUGO)
    assert found == [] and asset is not None
    assert (asset.title, asset.stages, asset.body, asset.body_line) == ("T", ("awareness",), "Body.\r\n", 8)


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def site(tmp_path: Path) -> Path:
    settings = QUIET_CONFIG + "generator: hugo\nsources: [content]\ncache: false\n"
    rules = "rules:\n  - match: {path: guides/}\n    set: {questions: [problems]}\n"
    return write(
        tmp_path,
        {
            "hugo.yaml": "title: Pipes\n",
            "stagemap.yml": settings + rules,
            "content/guides/run.md": RUNNING,
            "content/guides/shelved.md": SHELVED,
        },
    )


def test_commented_front_matter_list_shows_title_and_draft(site: Path) -> None:
    code, out, _ = run(site, "list", "--format", "csv")
    assert code == 0
    assert [line.split(",")[:3] for line in out.splitlines()[1:]] == [
        ["content/guides/run.md", "guides/run", "Running a pipe"],
        ["content/guides/shelved.md", "guides/shelved", "Shelved plans"],
    ]
    assert "draft" in out.splitlines()[2].split(",")


def test_commented_front_matter_tag_edits_the_block_in_the_comment(site: Path) -> None:
    code, out, err = run(site, "tag", str(site / "content/guides/run.md"), "--add-stage", "awareness")
    assert (code, out, err) == (
        0,
        "changed content/guides/run.md\n1 file changed, 0 unchanged, 0 refused.\n",
        "",
    )
    assert (site / "content/guides/run.md").read_text() == RUNNING.replace(
        "title: Running a pipe\n", "title: Running a pipe\nstages: [awareness]\n"
    )
    code, out, err = run(site, "rename-stage", "awareness", "noticing", "--copy-model", "--yes")
    assert code == 0, err
    assert (site / "content/guides/run.md").read_text() == RUNNING.replace(
        "title: Running a pipe\n", "title: Running a pipe\nstages: [noticing]\n"
    )


def test_commented_front_matter_promote_writes_into_the_comment(site: Path) -> None:
    code, out, err = run(site, "promote", str(site / "content/guides/run.md"), "--yes")
    assert (code, out, err) == (
        0,
        "changed content/guides/run.md\n1 file changed, 0 unchanged, 0 refused.\n",
        "",
    )
    assert (site / "content/guides/run.md").read_text() == RUNNING.replace(
        "title: Running a pipe\n", "title: Running a pipe\nquestions: [problems]\n"
    )


def test_commented_front_matter_of_a_section_passes_its_cascade_down(site: Path) -> None:
    write(site, {"content/guides/_index.md": "<!--\n---\ncascade:\n  format: guide\n---\n-->\n"})
    code, out, _ = run(site, "list", "--format", "json")
    assert code == 0
    assert [(a["path"], a["format"]) for a in json.loads(out)["assets"]] == [
        ("content/guides/run.md", "guide"),
        ("content/guides/shelved.md", "guide"),
    ]
