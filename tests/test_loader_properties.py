"""Property tests: the loader never raises, whatever bytes a file holds."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from stagemap.model.library import Vocabulary
from stagemap.read import yamlsafe
from stagemap.read.assets import parse_asset

VOCAB = Vocabulary(("awareness", "evaluation"), ("problems", "risk"), ("owner",))

yaml_ish = st.lists(
    st.sampled_from(
        [
            "---",
            "title: x",
            "stages: [awareness]",
            "questions: risk",
            "- a",
            "  b: c",
            "&a",
            "*a",
            ": :",
            "'",
            '"',
            "\t",
            "[",
            "{",
            "!!binary",
            "%YAML 1.1",
            "...",
            "\ufeff",
            "\r",
            "key: [1, {a: b}]",
            "next: evaluation",
            "ü",
        ]
    ),
    max_size=12,
).map(lambda parts: "\n".join(parts).encode("utf-8"))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_parse_asset_never_raises_on_bytes(data: bytes) -> None:
    asset, problems = parse_asset("content/x.md", "x", data, VOCAB)
    assert asset is not None or problems


@settings(max_examples=500, deadline=None)
@given(yaml_ish)
def test_parse_asset_never_raises_on_yaml_like_text(data: bytes) -> None:
    asset, problems = parse_asset("content/x.md", "x", data, VOCAB)
    for problem in problems:
        assert problem.path == "content/x.md"
        assert problem.line >= 0 and problem.col >= 0
    assert asset is not None or problems


yaml_with_anchors = st.lists(
    st.sampled_from(
        [
            "a: &x [1, b]",
            "b: *x",
            "c: &y {k: v, l: [*x]}",
            "d: [*y, *x, 'q*r']",
            "- &z one",
            "- *z",
            "e: &x again",
            "*x : key",
            "f:\n  <<: *y",
            "g: &w\n  h: *w",
            "title: 'x & *y'",
            "[",
            "i: 2",
        ]
    ),
    max_size=8,
).map("\n".join)


@settings(max_examples=400, deadline=None)
@given(yaml_with_anchors)
def test_reading_aliases_is_pyyaml_reading_them_or_a_problem(text: str) -> None:
    """On a site, what has no alias reads as in stagemap's own format; an alias reads as
    PyYAML's loader (MkDocs') expands it, its place the alias's; else a problem says why."""
    try:
        own: yamlsafe.Loaded | None = yamlsafe.load(text)
    except yamlsafe.YamlProblem as problem:
        own = None
        refused = problem.code
    try:
        loaded = yamlsafe.load(text, aliases=True)
    except yamlsafe.YamlProblem as problem:
        assert own is None and problem.line >= 1 and problem.col >= 1
        return
    if own is not None:
        assert (loaded.data, loaded.values, loaded.keys, loaded.styles) == (
            own.data,
            own.values,
            own.keys,
            own.styles,
        )
    else:
        assert refused == "yaml-alias"
    try:
        expected = yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.constructor.ConstructorError as error:
        # A list or a mapping as a key (``*x : key``): PyYAML stops, stagemap reads it as
        # JavaScript's YAML does (see `stagemap.read.yamlsafe`).
        assert "unhashable key" in str(error)
        return
    assert loaded.data == expected
