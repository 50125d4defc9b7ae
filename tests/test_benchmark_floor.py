"""The benchmark's floor (benchmarks/floor.py): every asset a page, an index of them all, on every core."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import benchmark_module


@pytest.mark.parametrize("workers", [1, 3])
def test_the_floor_writes_one_page_per_file_and_an_index_of_them(tmp_path: Path, workers: int) -> None:
    lib = tmp_path / "lib"
    benchmark_module("generate").generate(12, lib)
    floor = benchmark_module("floor")
    content = lib / "content"
    files = floor.markdown_files(content)
    assert len(files) == 12
    assert floor.build(content, tmp_path / "out", workers) == 13
    pages = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.html"))
    wanted = sorted(
        ["index.html", *(f"assets/{f.relative_to(content).with_suffix('.html').as_posix()}" for f in files)]
    )
    assert pages == wanted
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'href="([^"]+)"', index) == [p for p in wanted if p != "index.html"]
    # A page holds its front matter's title and its body rendered.
    first = files[0]
    fields, body = floor.split(first.read_text(encoding="utf-8"))
    page = (tmp_path / "out" / "assets" / first.relative_to(content).with_suffix(".html")).read_text(
        encoding="utf-8"
    )
    assert f"<title>{fields['title']}</title>" in page
    heading = next(line for line in body.splitlines() if line.startswith("# "))
    assert f"<h1>{heading[2:]}</h1>" in page


def test_the_floor_reads_a_file_without_front_matter_as_all_body() -> None:
    floor = benchmark_module("floor")
    assert floor.split("# Only a body\n") == ({}, "# Only a body\n")
    assert floor.split("---\ntitle: Open\nno end\n") == ({}, "---\ntitle: Open\nno end\n")
    assert floor.split("---\ntitle: Shut\n---\nText\n") == ({"title": "Shut"}, "Text\n")
