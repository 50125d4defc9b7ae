"""YAML anchors and aliases: read on a site with a generator, within bounds; refused in
stagemap's own format and by every edit."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.model.library import Vocabulary
from stagemap.model.settings import ReadRules
from stagemap.read import yamlsafe
from stagemap.read.parse import parse_asset
from stagemap.read.yamlsafe import Pos, YamlProblem
from tests.conftest import write

VOCAB = Vocabulary(("awareness", "adoption"), ("problems", "risk"), ("owner",))
HUGO = ReadRules(generator="hugo", tags_required=False, front_matter_required=False)
PAGE = b"---\ntitle: &t Release notes\nlinkTitle: *t\nstages: &s [adoption]\nquestions: [risk]\nalso: *s\n---\nText.\n"


def problem(text: str) -> tuple[int, int, str, str, str]:
    with pytest.raises(YamlProblem) as caught:
        yamlsafe.load(text, first_line=2, aliases=True)
    found = caught.value
    return found.line, found.col, found.message, found.hint, found.code


def test_an_alias_is_its_anchors_value_placed_where_the_alias_is() -> None:
    """etcd's docs (Hugo) write 'versName: &name v3.5' and 'linkTitle: *name': refused, so the
    section's front matter and cascade were not read. Every generator's YAML reads them; a
    finding about an aliased value (its keys too) points at the alias, not at the anchor."""
    text = "name: &v v3.5\nlink: *v\nbase: &b {kind: docs, tags: [a, b]}\ncopy: *b\n"
    loaded = yamlsafe.load(text, first_line=2, aliases=True)
    assert loaded.data == {
        "name": "v3.5",
        "link": "v3.5",
        "base": {"kind": "docs", "tags": ["a", "b"]},
        "copy": {"kind": "docs", "tags": ["a", "b"]},
    }
    alias = Pos(5, 7, 65, 67)
    assert loaded.values[("link",)] == Pos(3, 7, 20, 22)
    assert {path: pos for path, pos in loaded.values.items() if path[:1] == ("copy",)} == {
        ("copy",): alias,
        ("copy", "kind"): alias,
        ("copy", "tags"): alias,
        ("copy", "tags", 0): alias,
        ("copy", "tags", 1): alias,
    }
    assert (loaded.keys[("copy",)], loaded.keys[("copy", "kind")]) == (Pos(5, 1, 59, 63), alias)
    assert loaded.values[("base", "kind")] == Pos(4, 17, 39, 43)  # the anchored value's own place
    # An alias as a key is its anchor's text.
    assert yamlsafe.load("a: &k name\n*k : 3\n", aliases=True).data == {"a": "name", "name": 3}


def test_aliases_are_read_on_a_site_and_refused_in_stagemaps_own_format() -> None:
    asset, problems = parse_asset("content/notes.md", "notes", PAGE, VOCAB, HUGO)
    assert problems == []
    assert asset is not None
    assert (asset.title, asset.stages, asset.questions, asset.extra["also"]) == (
        "Release notes",
        ("adoption",),
        ("risk",),
        ["adoption"],
    )
    asset, problems = parse_asset("content/notes.md", "notes", PAGE, VOCAB)
    assert asset is None
    assert [p.format() for p in problems] == [
        "content/notes.md:2:8: error: YAML anchors (&name) and aliases (*name) are not allowed"
        " (write the value out in full)"
    ]


def test_runaway_aliases_are_refused_where_they_run_away() -> None:
    """A billion laughs: each level names the one below ten times. Expanded, every value counts
    against the limit (10,000), and the text aliases stand for against its own (100,000)."""
    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{b}: &{b} [*{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}]\n"
        for a, b in zip("abcde", "bcdef", strict=True)
    )
    fewer = "write the value out in full, or name it with fewer aliases"
    assert problem(laughs) == (  # at the alias in d that passes the limit
        5,
        36,
        "YAML has more than 10000 values once its aliases are expanded",
        fewer,
        "too-large",
    )
    long_text = "t: &t " + "x" * 30_000 + "\n" + "".join(f"k{i}: *t\n" for i in range(4))
    assert problem(long_text) == (  # the fourth alias: 120,000 characters
        6,
        5,
        "YAML's aliases stand for more than 100000 characters of text",
        fewer,
        "too-large",
    )
    holds = ("a YAML alias holds itself", "name a value outside the alias", "yaml-alias")
    assert problem("a: &x [1, *x]\n") == (2, 11, *holds)
    assert problem("top:\n  a: &x\n    b: {c: *x}\n") == (4, 12, *holds)
    assert problem("a: *nowhere\n")[:3] == (2, 4, "YAML syntax error: found undefined alias 'nowhere'")
    # Three levels of ten aliases are 1,000 values: read.
    assert len(yamlsafe.load(laughs.split("d:")[0], aliases=True).data["c"]) == 10


def test_merge_keys_are_refused_saying_that_aliases_are_read() -> None:
    merge = (
        "YAML merge keys ('<<') are not allowed",
        "stagemap reads anchors and aliases, not '<<': write the keys out",
    )
    assert problem("base: &b {x: 1}\nmine:\n  <<: *b\n  y: 2\n") == (4, 3, *merge, "yaml-alias")
    assert problem("mine:\n  <<: {x: 1}\n") == (3, 3, *merge, "yaml-alias")
    # Quoted, it is a key like any other, as every loader reads it.
    assert yamlsafe.load('"<<": 1\n', aliases=True).data == {"<<": 1}


def test_an_edit_never_writes_through_an_alias(tmp_path: Path) -> None:
    """An edit splices text at the places the loader gives: at an alias, or at an anchored value
    other keys name, it would change what it cannot see. tag refuses such a file, and says why."""
    root = write(
        tmp_path,
        {
            "stagemap.yml": "name: N\npurpose: P.\nmodel: buyer-journey\ngenerator: hugo\nsources:\n  - path: content\n",
            "content/notes.md": PAGE,
        },
    )
    result = CliRunner().invoke(
        cli, ["-C", str(root), "tag", str(root / "content/notes.md"), "--add-stage", "awareness"]
    )
    assert (result.exit_code, result.stdout) == (1, "0 files changed, 0 unchanged, 1 refused.\n")
    assert result.stderr == (
        "content/notes.md: not changed: cannot edit it safely: line 2: its YAML has anchors and"
        " aliases (&name, *name), which an edit could change unseen; edit it by hand\n"
    )
    assert (root / "content/notes.md").read_bytes() == PAGE
