"""A YAML block that no fence closes, read as the generator reads it: gray-matter (Gatsby's MDX
and remark plugins, Docusaurus) takes the rest of the file as front matter, and the page has no
body; Hugo, Jekyll, Astro and MkDocs do not, and stagemap says so."""

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


@pytest.mark.parametrize("generator", ["gatsby", "docusaurus"])
def test_an_unclosed_block_is_all_front_matter_where_gray_matter_reads_it(generator: str) -> None:
    """eBPF's Gatsby site lists posts published elsewhere as cards of front matter alone, seven
    of them never closed: gray-matter, which gatsby-plugin-mdx reads front matter with, took the
    rest of each file as its front matter, and the site shows the card; stagemap reported each as
    an error and left it out. Docusaurus reads front matter with gray-matter too."""
    rules = ReadRules(generator=generator, tags_required=False, front_matter_required=False)
    asset, found = parse_asset("c/x.md", "x", CARD, VOCAB, rules)
    assert [p for p in found if p.severity == "error"] == []
    assert asset is not None
    assert (asset.title, asset.body, asset.extra.get("tags")) == ("Kettles at scale", "", ["Brewing"])
    broken = b"---\ntitle: [Kettles\n"  # (a YAML error in it is one, at its place)
    assert [p.format() for p in parse_asset("c/x.md", "x", broken, VOCAB, rules)[1]] == [
        "c/x.md:2:8: error: YAML syntax error: the list opened here is not closed (close it with ']')"
    ]


@pytest.mark.parametrize("generator", ["hugo", "jekyll", "astro", "mkdocs", "eleventy", ""])
def test_an_unclosed_block_stays_a_problem_elsewhere(generator: str) -> None:
    rules = ReadRules(generator=generator, tags_required=False, front_matter_required=False)
    assert [p.format() for p in parse_asset("c/x.md", "x", CARD, VOCAB, rules)[1]] == [
        f"c/x.md:1:1: error: {UNCLOSED_HINT}"
    ]


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
