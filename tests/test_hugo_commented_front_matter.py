"""Hugo's front matter inside an HTML comment (``<!--``, the block, ``-->``): read, and edited in
place, on a site that pins a Hugo older than 0.123; as the page's text on the others.

Tekton's site writes half its pages so, that GitHub shows them without their fields, and built
with a Hugo of the 0.111 era, whose page lexer read the block: stagemap read no front matter
there (titles from file names, a ``draft: true`` page published), and ``tag`` wrote a second
block above the comment, which Hugo reads as the page's, losing the other. Hugo 0.123 (commit
676e6875d, "Make HTML behave exactly like other content formats") reads none there any more.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.edit import tag
from stagemap.edit.lossless import AddItems, EditError, edit_front_matter
from stagemap.model.library import Vocabulary
from stagemap.model.settings import ReadRules
from stagemap.read.assets import parse_asset
from stagemap.read.frontmatter import COMMENTED, split
from stagemap.read.hugopin import commented_hugo
from stagemap.read.presets import preset_front_matter
from tests.conftest import QUIET_CONFIG, write

VOCAB = Vocabulary(stages=("awareness", "evaluation"), questions=("problems", "risk"), personas=())
HUGO = ReadRules(generator="hugo", tags_required=False, front_matter_required=False, old_hugo="0.111.3")
"""A site pinning a Hugo that reads front matter in a comment."""
OLD_HUGO = preset_front_matter("hugo", commented=True)
"""The syntaxes such a site's pages are read (and edited) with."""
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
    after = edit_front_matter(data, [AddItems("stages", ("awareness",))], bare=True, syntaxes=OLD_HUGO)
    assert after == b"---\nstages: [awareness]\n---\n" + data
    with pytest.raises(EditError, match=r"^the HTML comment around the front matter is not closed"):
        edit_front_matter(b"<!--\n---\ntitle: T\n---\n", [AddItems("stages", ("a",))], syntaxes=OLD_HUGO)


def test_commented_front_matter_edits_keep_every_other_byte() -> None:
    """CRLF lines, a BOM, an indented ``<!--`` line with words after it (Hugo passes them by)."""
    data = "\ufeff  <!-- fields for Hugo\r\n\r\n---\r\ntitle: T # kept\r\n---\r\n-->\r\nBody.\r\n".encode()
    after = edit_front_matter(data, [AddItems("stages", ("awareness",))], syntaxes=OLD_HUGO)
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
            "netlify.toml": '[build.environment]\nHUGO_VERSION = "0.111.3"\n',
            "stagemap.yml": settings + rules,
            "content/guides/run.md": RUNNING,
            "content/guides/shelved.md": SHELVED,
        },
    )


def test_commented_front_matter_is_text_for_current_hugo() -> None:
    """With no pin (or a Hugo of 0.123 or later), the page is bare, as Hugo publishes it."""
    rules = ReadRules(generator="hugo", tags_required=False, front_matter_required=False, bare_pages=True)
    asset, found = parse_asset("c/run.md", "run", SHELVED.encode(), VOCAB, rules)
    assert found == [] and asset is not None
    assert (asset.title, asset.status, asset.body) == ("Run", "published", SHELVED)


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


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"netlify.toml": '[build.environment]\nHUGO_VERSION = "0.111.3"\n'}, "0.111.3 (netlify.toml)"),
        ({"netlify.toml": '[context.production.environment]\nHUGO_VERSION = "v0.110.0"\n'}, "0.110.0 (netlify.toml)"),
        ({"netlify.toml": '[build.environment]\nHUGO_VERSION = "0.123.0"\n'}, ""),
        ({".github/workflows/pages.yml": "steps:\n  - uses: peaceiris/actions-hugo@v2\n    with:\n      hugo-version: '0.104.3'\n"},
         "0.104.3 (.github/workflows/pages.yml)"),
        ({".github/workflows/pages.yaml": "env:\n  HUGO_VERSION: 0.140.0\n"}, ""),
        ({".hugo_version": "0.118.2\n"}, "0.118.2 (.hugo_version)"),
        ({"hugo.yaml": "module:\n  hugoVersion:\n    min: 0.100.0\n    max: 0.122.0\n"}, "0.122.0 (hugo.yaml module.hugoVersion.max)"),
        ({"hugo.yaml": "module:\n  hugoVersion:\n    min: 0.100.0\n"}, ""),
        ({}, ""),
    ],
)  # fmt: skip
def test_commented_front_matter_read_where_an_old_hugo_is_pinned(
    tmp_path: Path, files: dict[str, str], expected: str
) -> None:
    """Tekton's site pinned a Hugo of the 0.111 era in netlify.toml; a later or no pin reads none."""
    write(tmp_path, {"hugo.yaml": "title: T\n", **files})
    assert commented_hugo(tmp_path) == expected


WORKFLOW = "steps:\n  - uses: peaceiris/actions-hugo@v2\n    with:\n      hugo-version: {}\n"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"netlify.toml": '[build.environment]\nHUGO_VERSION = "0.110.0"\n'
                          '[context.production.environment]\nHUGO_VERSION = "0.140.0"\n'}, ""),
        ({"netlify.toml": '[context.production.environment]\nHUGO_VERSION = "0.110.0"\n'
                          '[build.environment]\nHUGO_VERSION = "0.140.0"\n'}, "0.110.0 (netlify.toml)"),
        ({"netlify.toml": '[build.environment]\nHUGO_VERSION = "0.140.0"\n'
                          '[context.deploy-preview.environment]\nHUGO_VERSION = "0.110.0"\n'}, ""),
        ({"netlify.toml": '[context.branch-deploy.environment]\nHUGO_VERSION = "0.110.0"\n'}, ""),
        ({".github/workflows/pages.yml": WORKFLOW.format("latest"), ".hugo_version": "0.110.0\n"}, ""),
        ({".github/workflows/pages.yml": WORKFLOW.format("'${{ env.HUGO }}'") + "env:\n  HUGO_VERSION: 0.104.3\n"},
         "0.104.3 (.github/workflows/pages.yml)"),
    ],
)  # fmt: skip
def test_commented_front_matter_pin_is_the_one_the_published_site_builds_with(
    tmp_path: Path, files: dict[str, str], expected: str
) -> None:
    """The review's netlify.toml pinned 0.110.0 in [build.environment] and 0.140.0 in
    [context.production.environment], which Netlify reads over it for the published site: the
    old one was read, and so was a deploy preview's pin. A workflow's 'hugo-version: latest' was
    passed by for an old .hugo_version further down."""
    write(tmp_path, {"hugo.yaml": "title: T\n", **files})
    assert commented_hugo(tmp_path) == expected


def test_commented_front_matter_init_says_whether_it_is_read(tmp_path: Path) -> None:
    """init named no such pages, so a site building with current Hugo learnt nothing of them."""
    pages = {"hugo.yaml": "title: Pipes\n", "content/run.md": RUNNING, "content/shelved.md": SHELVED}
    write(tmp_path / "now", pages)
    write(tmp_path / "old", {**pages, ".hugo_version": "0.111.3\n"})
    lines = {name: run(tmp_path / name, "init")[1].splitlines() for name in ("now", "old")}
    assert [line for line in lines["now"] if "HTML comment" in line] == [
        "Front matter inside an HTML comment (2 pages: content/run.md, content/shelved.md): not read, as"
        " Hugo 0.123 and later read none there and publish such pages without it; move the block out of"
        " the comment (stagemap reads it only on a site that pins an older Hugo, e.g. HUGO_VERSION in"
        " netlify.toml)"
    ]
    assert [line for line in lines["old"] if "HTML comment" in line] == [
        "Front matter inside an HTML comment (2 pages: content/run.md, content/shelved.md): read, as the"
        " site pins Hugo 0.111.3 (.hugo_version), which reads it"
    ]
    _, out, _ = run(tmp_path / "now", "list", "--format", "csv")
    assert [line.split(",")[:4] for line in out.splitlines()[1:]] == [
        ["content/run.md", "run", "Run it", "published"],
        ["content/shelved.md", "shelved", "Shelved", "published"],
    ]


LEADING = "\n---\ntitle: T\ndraft: true\n---\nBody.\n"
"""A draft whose front matter comes after a blank line, which Hugo passes by."""


@pytest.mark.parametrize(
    ("pin", "page"),
    [("", LEADING), ("0.111.3\n", "\n<!--\n---\ntitle: T\ndraft: true\n---\n-->\nBody.\n")],
)
@pytest.mark.parametrize(
    "command", [("tag", "--add-stage", "awareness"), ("promote", "--yes")], ids=["tag", "promote"]
)
def test_commented_front_matter_after_a_blank_line_is_edited_in_place(
    tmp_path: Path, pin: str, page: str, command: tuple[str, ...]
) -> None:
    """The reader passed the blank line, the editor did not: it wrote a new block above, whose
    lack of 'draft: true' published the draft."""
    settings = QUIET_CONFIG + "generator: hugo\nsources: [content]\ncache: false\n"
    rules = "rules:\n  - match: {path: d.md}\n    set: {stages: [awareness]}\n" if "--yes" in command else ""
    files = {"hugo.yaml": "title: T\n", "stagemap.yml": settings + rules, "content/d.md": page}
    write(tmp_path, {**files, **({".hugo_version": pin} if pin else {})})
    code, out, err = run(tmp_path, command[0], str(tmp_path / "content/d.md"), *command[1:])
    assert (code, out, err) == (0, "changed content/d.md\n1 file changed, 0 unchanged, 0 refused.\n", "")
    assert (tmp_path / "content/d.md").read_text() == page.replace(
        "title: T\n", "title: T\nstages: [awareness]\n"
    )


def test_commented_front_matter_edit_changing_other_fields_is_refused(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor finding another block than the reader's would change the title and publish
    the draft: the read-back refuses it, whatever the cause."""
    monkeypatch.setattr(tag, "syntaxes", lambda config: ("yaml",))  # an editor blind to the comment
    code, out, err = run(site, "tag", str(site / "content/guides/shelved.md"), "--add-stage", "awareness")
    assert (code, out) == (1, "0 files changed, 0 unchanged, 1 refused.\n")
    assert err == (
        "content/guides/shelved.md: not changed: cannot edit it safely: the edit would change its"
        " title ('Shelved plans' -> 'Shelved')\n"
    )
    assert (site / "content/guides/shelved.md").read_text() == SHELVED


@pytest.mark.parametrize(
    ("page", "change", "after"),
    [
        ("title: T\ndraft: true\n", ("--unset", "draft"), "title: T\n"),
        ("title: T\ndraft: true\n", ("--set", "draft=false"), "title: T\ndraft: false\n"),
        ("title: T\n", ("--set", "draft=true"), "title: T\ndraft: true\n"),
        ("linkTitle: Short\n", ("--set", "linkTitle=Shorter"), "linkTitle: Shorter\n"),
        ("title: T\npublished: false\n", ("--unset", "published"), "title: T\n"),
    ],
)
def test_an_edit_of_a_key_standing_for_the_title_or_status_is_asked_for(
    tmp_path: Path, page: str, change: tuple[str, str], after: str
) -> None:
    """The read-back compared the keys asked for with 'title' and 'status' by name: on any Hugo
    site 'tag d.md --unset draft' was refused, as it 'would change its status ('draft' ->
    'published')', though Hugo's draft is what the status is read from."""
    settings = QUIET_CONFIG + "generator: hugo\nsources: [content]\ncache: false\n"
    write(
        tmp_path,
        {"hugo.yaml": "title: T\n", "stagemap.yml": settings, "content/d.md": f"---\n{page}---\nBody.\n"},
    )
    code, out, err = run(tmp_path, "tag", str(tmp_path / "content/d.md"), *change)
    assert (code, out, err) == (0, "changed content/d.md\n1 file changed, 0 unchanged, 0 refused.\n", "")
    assert (tmp_path / "content/d.md").read_text() == f"---\n{after}---\nBody.\n"


def test_commented_front_matter_body_starts_right_after_the_comment() -> None:
    """Hugo's lexer goes on right after the '-->': the review's page wrote '--> Intro text right
    after.', and that text was left out of the body with the rest of its line."""
    data = b"<!--\n---\ntitle: T\n---\n--> Intro, on the closing line.\n\nBody.\n"
    asset, found = parse_asset("c/x.md", "x", data, VOCAB, HUGO)
    assert found == [] and asset is not None
    assert (asset.title, asset.body, asset.body_line) == ("T", " Intro, on the closing line.\n\nBody.\n", 5)
