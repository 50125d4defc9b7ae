"""The site's content security policy and defused attachments, in a real headless Chromium (file://)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import write
from tests.test_attachments import EVIL_HTML, EVIL_SVG
from tests.test_site_browser import Watched, _build, context, tab

pytestmark = pytest.mark.browser
__all__ = ["context", "tab"]  # the browser fixtures, shared with test_site_browser


def project(root: Path, allow_html: bool) -> Path:
    return write(
        root,
        {
            "stagemap.yml": f"name: Acme\nsite:\n  allow_html: {str(allow_html).lower()}\n",
            "content/evil.html": EVIL_HTML,
            "content/chart.svg": EVIL_SVG,
            "content/a.md": "---\ntitle: A\nstages: [awareness]\nquestions: [problems]\n---\n"
            "[report](evil.html) ![chart](chart.svg)\n\n<script>window.__pwned = 1</script>\n",
        },
    )


def test_browser_attached_page_and_drawing_run_no_script(tmp_path: Path, tab: Watched) -> None:
    built = _build(project(tmp_path / "p", allow_html=False), tmp_path / "site")
    page = tab.page
    page.goto(built.url("files/evil.html"))
    assert page.title() == "safe"
    page.goto(built.url("files/chart.svg"))
    page.goto(built.url("assets/a.html"))
    page.wait_for_function("() => document.querySelector('img').complete")
    assert page.evaluate("document.querySelector('img').naturalWidth") == 40
    assert tab.dialogs == []


def test_browser_policy_blocks_inline_script_even_in_trusted_html(tmp_path: Path, tab: Watched) -> None:
    built = _build(project(tmp_path / "p", allow_html=True), tmp_path / "site")
    page = tab.page
    page.goto(built.url("assets/a.html"))
    assert page.locator("script:not([src])").count() == 1  # the author's script is in the page...
    assert page.evaluate("typeof window.__pwned") == "undefined"  # ...and never ran
    page.goto(built.url("files/evil.html"))
    assert page.title() == "pwned"  # trusted: attachments are copied as they are
