"""Front matter edge cases as input/expected pairs: tests/data/frontmatter/NAME.md + .expected."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stagemap.model.library import Vocabulary
from stagemap.read import frontmatter
from stagemap.read.assets import parse_asset

CASES = Path(__file__).parent / "data" / "frontmatter"
VOCAB = Vocabulary(
    stages=("awareness", "exploration", "evaluation"),
    questions=("who-we-are", "problems", "who-for", "risk"),
    personas=("owner", "manager"),
)


def describe(name: str, data: bytes) -> str:
    asset, problems = parse_asset(f"content/{name}", name.removesuffix(".md"), data, VOCAB)
    lines = [p.format() for p in sorted(problems)]
    if asset is None:
        lines.append("no asset")
    else:
        lines.append(
            f"asset {asset.id}: title={asset.title!r} stages={list(asset.stages)} "
            f"questions={list(asset.questions)} personas={list(asset.personas)} status={asset.status} "
            f"updated={asset.updated} review_by={asset.review_by} body_line={asset.body_line} "
            f"extra={dict(asset.extra)}"
        )
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name", sorted(p.name for p in CASES.glob("*.md")))
def test_frontmatter_case(name: str, request: pytest.FixtureRequest) -> None:
    actual = describe(name, (CASES / name).read_bytes())
    expected_path = CASES / (name.removesuffix(".md") + ".expected")
    if request.config.getoption("--update-golden"):
        expected_path.write_text(actual, encoding="utf-8")
        return
    assert expected_path.exists(), f"{expected_path.name} is missing: run pytest --update-golden and review"
    assert actual == expected_path.read_text(encoding="utf-8")


def _closing_line_by_line(text: str, start: int, closers: tuple[str, ...]) -> tuple[int, int, int] | None:
    """Where the block opened before ``start`` closes, found a line at a time (as `split` once did):
    the closing line's start, the body's start and the body's first line (counted from 2)."""
    pos, line = start, 2
    while pos < len(text):
        end = text.find("\n", pos)
        current = text[pos:] if end < 0 else text[pos:end]
        if current.rstrip("\r").rstrip() in closers:
            return pos, len(text) if end < 0 else end + 1, line + 1
        pos = len(text) if end < 0 else end + 1
        line += 1
    return None


_LINES = [
    "---",
    "--- ",
    "---\xa0",
    "---\r",
    "...",
    "... x",
    "+++",
    "+++\t",
    "a: b",
    "----",
    " ---",
    "-\u2028",
    "",
]
_BLOCK_TEXT = st.lists(st.sampled_from(_LINES), max_size=6)


@given(_BLOCK_TEXT, st.sampled_from(["---", "+++"]), st.booleans())
def test_split_finds_the_closing_line_a_line_at_a_time_would(
    lines: list[str], fence: str, ends: bool
) -> None:
    """`split` finds the closing fence with one search; the same line as reading line by line."""
    text = f"{fence}\n" + "\n".join(lines) + ("\n" if ends else "")
    syntax = "yaml" if fence == "---" else "toml"
    expected = _closing_line_by_line(text, len(fence) + 1, ("---", "...") if syntax == "yaml" else ("+++",))
    try:
        found = frontmatter.split(text.encode("utf-8"), (syntax,))
    except frontmatter.SplitProblem as problem:
        assert expected is None or problem.code != "unclosed-front-matter"
        return
    assert expected is not None
    assert (found.yaml_end, found.body_start, found.body_line) == expected
