"""Front matter in TOML (+++), JSON ({...}) and MkDocs meta-data, with exact positions."""

from __future__ import annotations

import pytest

from stagemap.model.library import Vocabulary
from stagemap.model.settings import ReadRules
from stagemap.read.assets import parse_asset
from stagemap.read.frontmatter import SplitProblem, split

VOCAB = Vocabulary(stages=("awareness", "evaluation"), questions=("problems", "risk"), personas=())
STAGEMAP = ReadRules()


def problems(data: bytes, rules: ReadRules = STAGEMAP) -> list[str]:
    return [p.format() for p in parse_asset("c/x.md", "x", data, VOCAB, rules)[1]]


TOML = b"""+++
title = "Late invoices"
stages = ["awareness"]
questions = ["problems"]
updated = 2024-03-08
weight = 3
+++

Body line.
"""


def test_frontmatter_toml_is_read() -> None:
    asset, found = parse_asset("c/x.md", "x", TOML, VOCAB)
    assert found == []
    assert asset is not None
    assert (asset.title, asset.stages, asset.questions, str(asset.updated)) == (
        "Late invoices",
        ("awareness",),
        ("problems",),
        "2024-03-08",
    )
    assert asset.extra == {"weight": 3}
    assert (asset.body, asset.body_line) == ("\nBody line.\n", 8)


def test_frontmatter_toml_errors_point_at_the_file_line() -> None:
    data = b'+++\ntitle = "never closed\nstages = ["awareness"]\n+++\n'
    (message,) = problems(data)
    assert message.startswith("c/x.md:2:")
    assert "TOML syntax error" in message and "close its quote" in message


def test_frontmatter_toml_values_are_reported_at_their_key_line() -> None:
    data = b'+++\ntitle = "T"\nstages = ["awarness"]\nquestions = ["problems"]\n+++\n'
    assert problems(data) == ["c/x.md:3:10: error: unknown stage 'awarness' (did you mean 'awareness'?)"]


def test_frontmatter_toml_unclosed_names_its_fence() -> None:
    assert problems(b'+++\ntitle = "T"\n') == [
        "c/x.md:1:1: error: front matter is not closed (add a '+++' line after the last front matter field)"
    ]


def test_frontmatter_toml_table_keys_have_positions() -> None:
    data = b'+++\ntitle = "T"\nstages = ["awareness"]\nquestions = ["problems"]\n[params]\nstatus = 3\n+++\n'
    asset, found = parse_asset("c/x.md", "x", data, VOCAB)
    assert found == [] and asset is not None and asset.extra == {"params": {"status": 3}}


JSON = b"""{
  "title": "Five ways to get paid",
  "stages": ["evaluation"],
  "questions": "risk",
  "slug": "get-paid"
}

Body.
"""


def test_frontmatter_json_is_read() -> None:
    asset, found = parse_asset("c/x.md", "x", JSON, VOCAB)
    assert found == [] and asset is not None
    assert (asset.title, asset.questions, asset.body_line, asset.body) == (
        "Five ways to get paid",
        ("risk",),
        7,
        "\nBody.\n",
    )
    assert split(JSON, ("json",)).syntax == "json"


def test_frontmatter_json_syntax_error_has_its_position() -> None:
    data = b'{\n  "title": "T",\n  "stages": ["evaluation"\n}\n'
    (message,) = problems(data)
    assert message.startswith("c/x.md:4:1: error: JSON front matter error: ")


def test_frontmatter_json_values_are_reported_at_their_position() -> None:
    data = b'{\n  "title": "T",\n  "stages": "nope",\n  "questions": ["risk"]\n}\n'
    assert problems(data) == ["c/x.md:3:13: error: unknown stage 'nope' (valid: awareness, evaluation)"]


def test_frontmatter_json_duplicate_key_is_an_error() -> None:
    data = b'{"title": "T", "stages": ["awareness"], "questions": ["risk"], "title": "U"}\n'
    assert problems(data) == ["c/x.md:1:64: error: duplicate key 'title' (first defined on line 1; keep one)"]


def test_frontmatter_json_missing_field_is_reported_on_line_1() -> None:
    data = b'{"title": "T", "stages": ["awareness"]}\n'
    assert problems(data) == [
        "c/x.md:1:1: error: missing required field 'questions' (add e.g. questions: [problems])"
    ]


def test_frontmatter_empty_toml_is_empty() -> None:
    assert problems(b"+++\n+++\nbody\n") == [
        "c/x.md:1:1: error: front matter is empty (add at least title, stages and questions)"
    ]


@pytest.mark.parametrize("generator", ["hugo", "jekyll"])
def test_frontmatter_empty_on_a_site_is_a_page_titled_by_its_heading_or_name(generator: str) -> None:
    """An empty block is how a Jekyll page asks to be rendered: it was an error, and its fix
    (remove the block) would have made Jekyll copy the file as it is. A page without a title
    was a problem too, as a page the site shows titled by its heading or name."""
    site = ReadRules(generator=generator, tags_required=False, front_matter_required=generator == "hugo")
    for data, title in (
        (b"---\n---\nbody\n", "X"),
        (b"---\n---\n# Our fees\n", "Our fees"),
        (b"---\nweight: 3\n---\nbody\n", "X"),
    ):
        asset, found = parse_asset("c/x.md", "x", data, VOCAB, site)
        assert found == [] and asset is not None
        assert (asset.title, asset.stages) == (title, ())
    assert problems(b"---\ntitle: ''\n---\nbody\n", site) == [
        "c/x.md:2:8: error: required field 'title' is empty (give it a value, e.g. title: Our pricing explained)"
    ]


def test_frontmatter_an_astro_page_may_open_with_blank_lines() -> None:
    """Biome's site (Starlight): its first sidebar page opens with a blank line, then its front
    matter, as Astro reads it: the page was 'no front matter' and left out. Elsewhere (Jekyll,
    Hugo) the fence must open the file, as those read it; errors keep their lines."""
    data = b"\n  \n---\ntitle: Start here\nstages: [nowhere]\n---\nWelcome.\n"
    astro = ReadRules(generator="astro", tags_required=False, front_matter_required=False)
    asset, found = parse_asset("c/x.md", "x", data, VOCAB, astro)
    assert asset is not None and (asset.title, asset.body, asset.body_line) == ("Start here", "Welcome.\n", 7)
    assert [p.format() for p in found] == [
        "c/x.md:5:10: error: unknown stage 'nowhere' (valid: awareness, evaluation)"
    ]
    jekyll = ReadRules(generator="jekyll", tags_required=False)
    assert problems(data, jekyll)[0].startswith("c/x.md:1:1: error: no front matter")
    assert problems(b"\n---\ntitle: x\n", astro) == [
        "c/x.md:2:1: error: front matter is not closed (add a '---' line after the last front matter field)"
    ]


def test_frontmatter_edits_still_see_yaml_only() -> None:
    """Lossless edits know YAML alone: a TOML file stays 'no front matter' to them."""
    for data in (TOML, JSON):
        with pytest.raises(SplitProblem, match="no front matter"):
            split(data)


def test_frontmatter_mkdocs_meta_data_is_read_for_mkdocs_only() -> None:
    data = b"Title: Our team\nDescription: The testers\n  who do the work.\n\n# Our team\n"
    rules = ReadRules(generator="mkdocs", tags_required=False, front_matter_required=False)
    asset, found = parse_asset("c/x.md", "x", data, VOCAB, rules)
    assert found == [] and asset is not None
    assert asset.title == "Our team"
    assert asset.extra["description"] == "The testers who do the work."
    assert asset.body_line == 5
    assert problems(data)[0].endswith(
        "error: no front matter (start the file with a '---' line, the YAML fields, and a closing '---' line)"
    )
