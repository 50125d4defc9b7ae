"""The compiled fast path (the ``fast`` extra) renders exactly what the token path renders."""

from __future__ import annotations

import importlib.util
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from stagemap.render import markdown
from tests.conftest import ROOT

pytest.importorskip("markdown_it_pyrs", reason="the fast extra is part of the dev install")

_spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks/generate.py")
assert _spec is not None and _spec.loader is not None
_generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_generate)
body = _generate.body


@pytest.fixture
def both(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    markdown._fast_parser.cache_clear()
    yield
    monkeypatch.delenv("STAGEMAP_MARKDOWN", raising=False)
    markdown._fast_parser.cache_clear()


def render_both(
    monkeypatch: pytest.MonkeyPatch, text: str, **kwargs: object
) -> tuple[markdown.Rendered, markdown.Rendered]:
    monkeypatch.delenv("STAGEMAP_MARKDOWN", raising=False)
    markdown._fast_parser.cache_clear()
    fast = markdown.render(text, **kwargs)  # type: ignore[arg-type]
    monkeypatch.setenv("STAGEMAP_MARKDOWN", "python")
    markdown._fast_parser.cache_clear()
    slow = markdown.render(text, **kwargs)  # type: ignore[arg-type]
    return fast, slow


def rewrite(url: str) -> str | None:
    return None if "missing" in url else "../pages/" + url


def corpus() -> list[str]:
    texts = [
        p.read_text(encoding="utf-8").split("\n---\n", 1)[1] for p in sorted((ROOT / "content").rglob("*.md"))
    ]
    rng = random.Random(11)
    texts += [body(rng, f"Asset {i}", rng.randint(50, 600)) + "\n" for i in range(150)]
    return texts


def test_fast_path_is_used_when_installed(both: None) -> None:
    assert markdown._fast_parser(False) is not None


def test_fast_and_token_paths_agree_on_the_corpus(both: None, monkeypatch: pytest.MonkeyPatch) -> None:
    for text in corpus():
        fast, slow = render_both(monkeypatch, text, rewrite=rewrite, top=2, drop_title="Asset 3")
        assert fast == slow, text[:200]


HOSTILE = [
    "<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)>\n",
    "[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](data:text/html;base64,AA)\n",
    "![i](data:image/png;base64,AAAA) ![j](file:///etc/passwd) <vbscript:msgbox(1)>\n",
    "[a](other.md) [b](missing.md) [c](sub/x.md#part) [d](#top) ![e](img.png)\n",
    "# Title\n\n## Title\n\n### Café & co `code`\n\nSetext\n===\n\n[up](#title)\n",
    "| a | b |\n|---|--:|\n| [l](x.md) | 2 |\n\n~~gone~~ and ~~~tilde fence\n~~~\n",
    "* one\n* two\n\n  > quote\n\n---\n\nline  \nbreak\n",
    "```python\n<b>not html</b>\n```\n\n    indented\n\n&copy; &amp; &#x41;\n",
    "<http://a.b> <mailto:x@y.z> [r]\n\n[r]: http://r.r 'title'\n",
    "no final newline",
]


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("title", [None, "Title"])
def test_fast_and_token_paths_agree_on_hostile_input(
    both: None, monkeypatch: pytest.MonkeyPatch, text: str, title: str | None
) -> None:
    fast, slow = render_both(monkeypatch, text, rewrite=rewrite, top=2, drop_title=title)
    assert fast == slow


def test_allow_html_always_takes_the_token_path(both: None, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, slow = render_both(monkeypatch, "<details>x</details>\n", allow_html=True)
    assert fast == slow
    assert "<details>x</details>" in fast.html


def test_sample_site_is_the_same_with_either_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from stagemap.cli.app import cli

    def build(out: Path) -> dict[str, bytes]:
        markdown._fast_parser.cache_clear()
        result = CliRunner().invoke(cli, ["-C", str(ROOT), "build", "-o", str(out), "--as-of", "2026-11-24"])
        assert result.exit_code == 0, result.output
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

    fast = build(tmp_path / "fast")
    monkeypatch.setenv("STAGEMAP_MARKDOWN", "python")
    slow = build(tmp_path / "slow")
    markdown._fast_parser.cache_clear()
    assert fast == slow
