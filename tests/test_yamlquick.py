"""The quick front-matter loader: exactly what PyYAML's path gives, or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from stagemap.read import formats, frontmatter, yamlquick, yamlsafe

ROOT = Path(__file__).resolve().parent.parent

KEYS = [
    "title",
    "stages",
    "a",
    "_x",
    "review_by",
    "a-b",
    "True",
    "null",
    "NULL",
    "1a",
    "a b",
    "a:b",
    "-a",
    "on",
]
WORDS = [
    "Plain words",
    "1",
    "-1",
    "+1",
    "01",
    "1.5",
    ".5",
    "1.",
    "1e5",
    "1.0e5",
    "~",
    "null",
    "Null",
    "true",
    "TRUE",
    "yes",
    "2026-03-03",
    "http://example.com/x",
    "a: b",
    "a #b",
    "a#b",
    "ends:",
    "[x] y",
    "x [y] z",
    "{a}",
    "- x",
    "!tag",
    "|",
    ">",
    "%x",
    "@x",
    "`x`",
    "?x",
    "Q&A",
    "*x",
    "café é",
    "emoji 🙂",
    "nbsp\u00a0here",
    "line\u2028sep",
    "nel\x85x",
    "bell\x07",
    "tab\there",
    "back\\slash",
    "",
]
QUOTED = ['"a"', '"a: b"', '"a #b"', '"it\'s"', '"\\n"', '"a\\"b"', "'a'", "'it''s'", "'a \"b\"'", '""', "''"]
FLOWS = [
    "[]",
    "[ ]",
    "[a]",
    "[a, b]",
    "[ a ,b ]",
    "[a,]",
    "[,a]",
    "[a b]",
    "[\"a\", 'b']",
    "[1, true, ~]",
    "[a, [b]]",
]
FLOWS += ["[a] x", "[a", "[-a]", "[a: b]", "[a #b]", '["a,b"]', '[\'a\', "b\\""]']


SAFE_KEYS = ["title", "stages", "a", "_x", "review_by", "a-b", "on", "Nulls"]
SAFE_WORDS = [*WORDS[:18], "", "x [y] z", "a#b", "café é", "back\\slash", "Q", "it's"]
SAFE_QUOTED = [
    '"a"',
    '"a: b"',
    "'a'",
    "'a \"b\"'",
    '""',
    "''",
    '"1"',
    "'true'",
    '"café"',
    '" a "',
    "'[x], {y}'",
]
SAFE_FLOWS = [
    "[]",
    "[a]",
    "[a,b]",
    "[a, b]",
    "[ a ]",
    "[ a ,b ]",
    "[\"a\", 'b']",
    "[\"a b\", 'c d']",
    "[1, true, 1.5, null, 0, 1., TRUE, Null, 01]",
    "[1, true, ~, 1.5, -2, null]",
    "[a.b, c+d, e/f]",
]


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Front matter near the quick path's edges: half of them plain enough for it, half wild."""
    wild = draw(st.booleans())
    pick = (lambda tame, all_: st.sampled_from(all_)) if wild else (lambda tame, all_: st.sampled_from(tame))
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        kinds = (
            ["pair", "pair", "pair", "comment", "blank", "odd"]
            if wild
            else ["pair", "pair", "comment", "blank"]
        )
        kind = draw(st.sampled_from(kinds))
        if kind == "comment":
            lines.append("# " + draw(pick(SAFE_WORDS, WORDS)))
        elif kind == "blank":
            lines.append(draw(pick([""], ["", " ", "  "])))
        elif kind == "odd":
            lines.append(
                draw(st.sampled_from(["- x", "  b: 1", "---", "...", "a", ": x", "  - y", "%YAML 1.1"]))
            )
        else:
            key = draw(pick(SAFE_KEYS, KEYS))
            if not wild and any(line.startswith(key + ":") for line in lines):
                key += str(len(lines))  # tame documents have no duplicate keys
            gap = draw(pick([" ", "  "], ["", " ", "  ", "\t"]))
            value = draw(
                st.one_of(pick(SAFE_WORDS, WORDS), pick(SAFE_QUOTED, QUOTED), pick(SAFE_FLOWS, FLOWS))
            )
            tail = draw(pick(["", "", " ", "  "], ["", "", " ", "  ", " # note"]))
            lines.append(f"{key}:{gap}{value}{tail}")
    ending = draw(pick(["\n"], ["\n", "\n", "", "\n\n", "\r\n"]))
    return "\n".join(lines) + ending


def _slow(text: str, first_line: int) -> yamlsafe.Loaded | None:
    try:
        return yamlsafe.load(text, first_line=first_line)
    except yamlsafe.YamlProblem:
        return None


def _typed(value: object) -> object:
    """The value with the type of every part beside it (``1 == True == 1.0`` to ``==``)."""
    if isinstance(value, dict):
        return [(k, _typed(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, value)


def _same(quick: yamlsafe.Loaded, slow: yamlsafe.Loaded) -> None:
    assert _typed(quick.data) == _typed(slow.data)
    assert quick.values == slow.values
    assert quick.keys == slow.keys
    assert quick.styles == slow.styles


@settings(max_examples=1500, deadline=None)
@given(documents(), st.integers(1, 5))
@example("title: A\nstages: [awareness, consideration]\n", 2)
@example("# lead\n\ntitle: A\n\n# tail\n", 1)
@example("a:\nb: x\n", 1)
@example("title: \nb: 1\n", 1)  # an empty value after a space: PyYAML puts it before the space
def test_quick_load_is_the_slow_path_or_declines(text: str, first_line: int) -> None:
    quick = yamlquick.load(text, first_line, 10_000)
    if quick is None:
        return
    slow = _slow(text, first_line)
    assert slow is not None, "the quick path read a document PyYAML refuses"
    _same(quick, slow)


def _front_matter(path: Path) -> frontmatter.Split | None:
    try:
        split = frontmatter.split(path.read_bytes())
    except frontmatter.SplitProblem:
        return None
    return split if split.syntax == "yaml" and split.yaml else None


def test_quick_load_reads_the_sample_library_as_the_slow_path_does() -> None:
    splits = [s for s in map(_front_matter, sorted((ROOT / "content").rglob("*.md"))) if s is not None]
    read = [(s, yamlquick.load(s.yaml, s.yaml_line, 10_000)) for s in splits]
    quick = [(s, q) for s, q in read if q is not None]
    assert len(quick) >= 0.8 * len(splits) > 20  # the common shapes take the quick path
    for split, loaded in quick:
        slow = _slow(split.yaml, split.yaml_line)
        assert slow is not None
        _same(loaded, slow)


@pytest.mark.parametrize(
    "text",
    [
        "title: a\ntitle: b\n",  # a duplicate key: PyYAML's path reports it
        "title: a\n  more\n",  # a value over two lines
        "title: a # note\n",
        "tags:\n  - a\n",
        'title: "a\\tb"\n',
        "title: a",  # no line end
        "x: &a 1\n",
        "\n# only a comment\n",
        "title: \n",  # an empty value after a space
        "a: [ ]\n",
    ],
)
def test_quick_load_declines_what_it_does_not_read(text: str) -> None:
    assert yamlquick.load(text, 1, 10_000) is None


def test_front_matter_takes_the_quick_path_and_keeps_its_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    slow: list[str] = []
    real = yamlsafe.load
    monkeypatch.setattr(yamlsafe, "load", lambda text, **kw: slow.append(text) or real(text, **kw))
    split = frontmatter.split(b"---\ntitle: A\nstages: [awareness]\n---\nBody\n")
    loaded = formats.load(split)
    assert loaded.data == {"title": "A", "stages": ["awareness"]} and slow == []
    assert loaded.keys[("stages",)] == yamlsafe.Pos(3, 1, 9, 15)  # offsets in the front matter's text
    with pytest.raises(yamlsafe.YamlProblem, match="duplicate key 'title'"):
        formats.load(frontmatter.split(b"---\ntitle: A\ntitle: B\n---\nBody\n"))
    assert slow == ["title: A\ntitle: B\n"]
