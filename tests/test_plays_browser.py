"""Each play prints on one A4 and one Letter page in a real headless Chromium."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stagemap import load_project
from tests.conftest import ROOT
from tests.test_kits import AS_OF, run
from tests.test_site_browser import ARGS, CHROMIUM

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_browser_every_sample_play_prints_on_one_page(browser_page: Any, tmp_path: Path, paper: str) -> None:
    project = tmp_path / "sample"
    project.mkdir()
    shutil.copy2(ROOT / "stagemap.yml", project / "stagemap.yml")
    shutil.copytree(ROOT / "content", project / "content")
    config = load_project(project).config
    personas: list[str | None] = [None, *config.persona_ids]
    for stage in config.model.stages:
        for persona in personas:
            out = tmp_path / f"{stage.id}-{persona}.html"
            args = [
                "-C",
                str(project),
                "play",
                stage.id,
                "--format",
                "html",
                "-o",
                str(out),
                "--as-of",
                AS_OF,
            ]
            assert run(*(args + (["--persona", persona] if persona else [])))[0] == 0
            browser_page.goto(out.as_uri())
            # The appendix is for the content team and starts a page of its own.
            browser_page.evaluate("document.querySelectorAll('.appendix').forEach(e => e.remove())")
            pdf = browser_page.pdf(format=paper, prefer_css_page_size=False)
            assert _pages(pdf) == 1, (paper, stage.id, persona)
