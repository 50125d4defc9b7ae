"""Property tests: the loader never raises, whatever bytes a file holds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from stagemap.model.library import Vocabulary
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
