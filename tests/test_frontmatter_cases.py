"""Front matter edge cases as input/expected pairs: tests/data/frontmatter/NAME.md + .expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from stagemap.model.library import Vocabulary
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
