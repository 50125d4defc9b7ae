"""A YAML block that no fence closes, read as the generator reads it: gray-matter (Gatsby's MDX
and remark plugins, Eleventy) takes the rest of the file as front matter, and the page has no
body; Hugo, Jekyll, Astro, MkDocs and Docusaurus 3 (whose MDX compiler reads the whole file
again) do not, and stagemap says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.model.library import Vocabulary
from stagemap.model.settings import ReadRules
from stagemap.read.assets import parse_asset
from stagemap.read.frontmatter import UNCLOSED, split
from tests.conftest import QUIET_CONFIG, write

VOCAB = Vocabulary(stages=("awareness", "evaluation"), questions=("problems", "risk"), personas=())
# A card on the blog that links out to an article elsewhere: fields only, never closed.
CARD = b"---\ntitle: 'Kettles at scale'\nexternalUrl: 'https://press.example/kettles'\ntags:\n\n- Brewing\n"
UNCLOSED_HINT = "front matter is not closed (add a '---' line after the last front matter field)"


@pytest.mark.parametrize("generator", ["gatsby", "eleventy"])
def test_an_unclosed_block_is_all_front_matter_where_gray_matter_reads_it(generator: str) -> None:
    """eBPF's Gatsby site lists posts published elsewhere as cards of front matter alone, seven
    of them never closed: gray-matter, which gatsby-plugin-mdx reads front matter with, took the
    rest of each file as its front matter, and the site shows the card; stagemap reported each as
    an error and left it out. Eleventy reads front matter with gray-matter too (1.x and 2.x the
    package itself, 3.x its fork @11ty/gray-matter, the same code for a block never closed)."""
    rules = ReadRules(generator=generator, tags_required=False, front_matter_required=False)
    asset, found = parse_asset("c/x.md", "x", CARD, VOCAB, rules)
    assert [p for p in found if p.severity == "error"] == []
    assert asset is not None
    assert (asset.title, asset.body, asset.extra.get("tags")) == ("Kettles at scale", "", ["Brewing"])
    broken = b"---\ntitle: [Kettles\n"  # (a YAML error in it is one, at its place)
    assert [p.format() for p in parse_asset("c/x.md", "x", broken, VOCAB, rules)[1]] == [
        "c/x.md:2:8: error: YAML syntax error: the list opened here is not closed (close it with ']')"
    ]


@pytest.mark.parametrize("generator", ["hugo", "jekyll", "astro", "mkdocs", "docusaurus", ""])
def test_an_unclosed_block_stays_a_problem_elsewhere(generator: str) -> None:
    """Docusaurus takes a page's fields from gray-matter, but from version 3 on its MDX loader
    compiles the whole file with remark-frontmatter, which reads only a closed block: the page
    would show a rule and the fields as a paragraph (or fail to build), not a card."""
    rules = ReadRules(generator=generator, tags_required=False, front_matter_required=False)
    assert [p.format() for p in parse_asset("c/x.md", "x", CARD, VOCAB, rules)[1]] == [
        f"c/x.md:1:1: error: {UNCLOSED_HINT}"
    ]


@pytest.mark.parametrize("generator", ["gatsby", "eleventy"])
@pytest.mark.parametrize("line", ["----", "--- # end of the fields", "---- notes"])
def test_a_line_gray_matter_closes_the_block_at_keeps_it_a_problem(generator: str, line: str) -> None:
    """gray-matter ends the block at the first line starting with ``---``, which stagemap does
    not take for a closing fence: reading the rest of the file as YAML would make the body a
    YAML error and drop the page, so the block stays one not closed, with its hint."""
    data = f"---\ntitle: Kettle pricing\nstages: [awareness]\n{line}\n\nOur kettles cost less.\n"
    rules = ReadRules(generator=generator, tags_required=False, front_matter_required=False)
    assert [p.format() for p in parse_asset("c/x.md", "x", data.encode(), VOCAB, rules)[1]] == [
        f"c/x.md:1:1: error: {UNCLOSED_HINT}"
    ]
    dashes_in_a_value = b"---\ntitle: Kettles\nnote: |\n  ---- not the end\n"  # (indented: no close)
    assert (
        split(dashes_in_a_value, ("yaml", UNCLOSED)).yaml == "title: Kettles\nnote: |\n  ---- not the end\n"
    )


def test_an_unclosed_block_runs_to_the_end_of_the_file() -> None:
    found = split(b"---\r\ntitle: x\r\n", ("yaml", UNCLOSED))
    assert (found.yaml, found.body, found.yaml_line, found.body_line, found.newline) == (
        "title: x\r\n",
        "",
        2,
        3,
        "\r\n",
    )
    closed = split(b"---\ntitle: x\n---\nBody.\n", ("yaml", UNCLOSED))
    assert (closed.yaml, closed.body) == ("title: x\n", "Body.\n")


def test_a_gatsby_card_of_front_matter_alone_is_checked_built_and_tagged(tmp_path: Path) -> None:
    files = {
        "stagemap.yml": QUIET_CONFIG + "generator: gatsby\nsources: [{path: content, url: '/{path}/'}]\n",
        "gatsby-config.js": "module.exports = {};\n",
        "content/kettles.md": CARD,
    }
    root = write(tmp_path, files)
    result = CliRunner().invoke(cli, ["-C", str(root), "check"])
    assert (result.exit_code, result.stderr) == (0, "")
    result = CliRunner().invoke(
        cli, ["-C", str(root), "tag", str(root / "content/kettles.md"), "--add-stage", "awareness"]
    )
    assert result.exit_code == 0, result.output
    text = (root / "content/kettles.md").read_text("utf-8")
    title = "title: 'Kettles at scale'\n"
    assert text == CARD.decode().replace(title, title + "stages:\n- awareness\n")  # (still unclosed)
    assert CliRunner().invoke(cli, ["-C", str(root), "build", "-o", str(tmp_path / "out")]).exit_code == 0
    assert "Kettles at scale" in (tmp_path / "out/assets/kettles.html").read_text("utf-8")
