"""The content security policy of site pages, and the preview's reload script under it."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.render.preview import inject

POLICY = "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self'; object-src 'none'; base-uri 'none'\">"


def test_build_every_page_carries_the_policy_in_its_head(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert CliRunner().invoke(cli, ["-C", str(sample), "build", "-o", str(out)]).exit_code == 0
    pages = sorted(out.rglob("*.html"))
    assert len(pages) == 99
    for page in pages:
        head = page.read_text().split("</head>")[0]
        assert POLICY in head, page
        assert re.search(r"<script(?![^>]*\bsrc=)", page.read_text()) is None, page


def test_inject_lets_the_policy_run_only_the_reload_script() -> None:
    page = f"<html><head>{POLICY}</head><body><main>Hi</main></body></html>".encode()
    out = inject(page, "", 3).decode()
    script = re.search(r"<script>(.*)</script>", out, re.DOTALL)
    assert script is not None
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode()).digest()).decode()
    assert f"content=\"script-src 'sha256-{digest}' 'self'; object-src 'none'" in out
    assert inject(b"<body></body>", "", 3).startswith(b"<body><script>")  # no policy: nothing to add
