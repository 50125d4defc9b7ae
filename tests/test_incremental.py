"""Speed must not change the output: incremental, cached and parallel builds give the same bytes,
and an edit re-renders exactly what it must."""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from tests.conftest import ROOT

AS_OF = "2026-11-24"
OLD = 1_600_000_000_000_000_000


def _generator() -> object:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks/generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(project: Path, out: Path, *extra: str) -> list[str]:
    result = CliRunner().invoke(cli, ["-C", str(project), "build", "-o", str(out), "--as-of", AS_OF, *extra])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def changed_files(line: str) -> int:
    return int(line.split("(")[1].split(" file")[0])


@pytest.fixture
def project(sample: Path) -> Path:
    for path in (sample / "content").rglob("*"):
        os.utime(path, ns=(OLD, OLD))
    (sample / "content/blog/pic.png").write_bytes(b"\x89PNG fake image")
    page = sample / "content/blog/friday-invoicing.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n![A picture](pic.png)\n", encoding="utf-8")
    os.utime(page, ns=(OLD, OLD))
    return sample


def test_second_build_reuses_every_page_and_changes_nothing(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(project, out)
    first = tree(out)
    (line,) = build(project, out)
    assert changed_files(line) == 0
    assert tree(out) == first
    assert "files/blog/pic.png" in first  # an attachment of a reused page stays


def test_editing_one_body_rewrites_only_its_page(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(project, out)
    before = tree(out)
    page = project / "content/blog/missed-calls-cost.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line at the end.\n", encoding="utf-8")
    build(project, out)
    after = tree(out)
    differ = sorted(k for k in after if after[k] != before.get(k))
    assert differ == ["assets/blog/missed-calls-cost.html"]
    # ...and the result is what a build from nothing gives.
    build(project, tmp_path / "fresh")
    assert tree(tmp_path / "fresh") == after


@pytest.mark.parametrize(
    "edit",
    [
        "title",  # front matter: shown on many pages
        "setting",  # stagemap.yml
        "template",  # a project template
        "attachment",  # a file a body links to disappears
    ],
)
def test_other_edits_give_the_same_bytes_as_a_fresh_build(project: Path, tmp_path: Path, edit: str) -> None:
    out = tmp_path / "site"
    build(project, out)
    if edit == "title":
        page = project / "content/guides/outgrown-paper.md"
        page.write_text(
            page.read_text(encoding="utf-8").replace("title: ", "title: Renamed ", 1), encoding="utf-8"
        )
    elif edit == "setting":
        config = project / "stagemap.yml"
        config.write_text(
            config.read_text(encoding="utf-8").replace("name: Fernhill", "name: Fernhill Ltd"),
            encoding="utf-8",
        )
    elif edit == "template":
        (project / "templates/site").mkdir(parents=True, exist_ok=True)
        (project / "templates/site/asset.html.j2").write_text(
            '{% extends "stagemap/site/asset.html.j2" %}{% block title %}Custom{% endblock %}',
            encoding="utf-8",
        )
    else:
        (project / "content/blog/pic.png").unlink()
    build(project, out)
    build(project, tmp_path / "fresh")
    assert tree(out) == tree(tmp_path / "fresh")


def test_a_page_edited_by_hand_is_rendered_again(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(project, out)
    original = (out / "gaps.html").read_bytes()
    (out / "gaps.html").write_bytes(b"scribbled")
    (line,) = build(project, out)
    assert changed_files(line) == 1
    assert (out / "gaps.html").read_bytes() == original


def test_a_damaged_record_means_a_full_and_equal_build(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(project, out)
    first = tree(out)
    record = project / ".stagemap-cache/pages-v1.json"
    for damage in (b"", b"{]", b'{"format": "stagemap pages", "out_dir": 1, "pages": []}'):
        record.write_bytes(damage)
        build(project, out)
        assert tree(out) == first
    shutil.rmtree(project / ".stagemap-cache")
    build(project, out)
    assert tree(out) == first


def test_parallel_and_serial_builds_give_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = tmp_path / "lib"
    _generator().generate(120, library)  # type: ignore[attr-defined]
    monkeypatch.setenv("STAGEMAP_WORKERS", "1")
    build(library, tmp_path / "serial")
    shutil.rmtree(library / ".stagemap-cache")
    monkeypatch.setenv("STAGEMAP_WORKERS", "2")
    build(library, tmp_path / "parallel")
    serial, parallel = tree(tmp_path / "serial"), tree(tmp_path / "parallel")
    assert len(serial) > 120
    assert serial == parallel


def test_reused_pages_are_not_rendered_at_all(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import stagemap.render.site

    rendered: list[str] = []
    original = stagemap.render.site.render

    def spy(env: object, name: str, context: dict[str, object]) -> str:
        rendered.append(str(context["page"]["path"]))  # type: ignore[index]
        return original(env, name, context)  # type: ignore[arg-type]

    monkeypatch.setattr(stagemap.render.site, "render", spy)
    monkeypatch.setenv("STAGEMAP_WORKERS", "1")  # the spy sees renders in this process only
    out = tmp_path / "site"
    build(project, out)
    assert len(rendered) == 88
    rendered.clear()
    build(project, out)
    assert rendered == []
    page = project / "content/blog/missed-calls-cost.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    build(project, out)
    assert rendered == ["assets/blog/missed-calls-cost.html"]


def test_a_template_error_in_a_worker_leaves_the_folder_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = tmp_path / "lib"
    _generator().generate(120, library)  # type: ignore[attr-defined]
    monkeypatch.setenv("STAGEMAP_WORKERS", "2")
    out = tmp_path / "site"
    build(library, out)
    before = tree(out)
    (library / "templates/site").mkdir(parents=True)
    (library / "templates/site/asset.html.j2").write_text(
        '{% extends "stagemap/site/asset.html.j2" %}{% block main %}{{ asset.nope }}{% endblock %}',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["-C", str(library), "build", "-o", str(out), "--as-of", AS_OF])
    assert result.exit_code == 2
    assert "templates/site/asset.html.j2:1:" in result.stderr
    assert "has no attribute 'nope'" in result.stderr
    assert tree(out) == before


def test_site_key_is_the_same_in_every_process() -> None:
    """Sets in the settings must not make every build a full one (string hashing varies)."""
    import subprocess
    import sys

    code = (
        "import datetime as dt, stagemap\n"
        "from stagemap.write.record import site_key\n"
        f"p = stagemap.load_project({str(ROOT)!r})\n"
        "print(site_key(p.config, p.library, dt.date(2026, 11, 24)))\n"
    )
    keys = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(keys) == 1 and len(next(iter(keys)).strip()) == 64


@pytest.mark.parametrize(("assets", "shown"), [(40, False), (230, True)])
def test_progress_bar_only_for_long_builds_on_a_terminal(tmp_path: Path, assets: int, shown: bool) -> None:
    import pty
    import subprocess
    import sys

    library = tmp_path / "lib"
    _generator().generate(assets, library)  # type: ignore[attr-defined]
    controller, terminal = pty.openpty()
    command = [sys.executable, "-m", "stagemap", "-C", str(library), "build", "--as-of", AS_OF]
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=terminal, timeout=120)
    os.close(terminal)
    seen = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(controller)
    assert result.returncode == 0
    assert (b"Rendering pages" in seen) is shown
    assert result.stdout.startswith(b"Built ")


def test_a_refused_parallel_build_leaves_no_trace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    library = tmp_path / "lib"
    _generator().generate(120, library)  # type: ignore[attr-defined]
    monkeypatch.setenv("STAGEMAP_WORKERS", "2")
    out = tmp_path / "site"
    page = next(iter(sorted((library / "content").rglob("*.md")))).relative_to(library / "content")
    mine = out / "assets" / page.with_suffix(".html")
    mine.parent.mkdir(parents=True)
    mine.write_text("mine\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["-C", str(library), "build", "-o", str(out), "--as-of", AS_OF])
    assert result.exit_code == 2
    assert "already holds files that stagemap did not write" in result.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        "assets",
        f"assets/{page.parent.as_posix()}",
        f"assets/{page.with_suffix('.html').as_posix()}",
    ]
