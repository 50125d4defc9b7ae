"""Shared fixtures: golden files, sample projects written into tmp_path."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import stagemap.render.pages
import stagemap.render.searchindex

ROOT = Path(__file__).resolve().parent.parent


def benchmark_module(name: str) -> Any:
    """Load ``benchmarks/NAME.py`` (not a package) as a module."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # as an import does (dataclasses look their module up there)
    spec.loader.exec_module(module)
    return module


DATA = Path(__file__).resolve().parent / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="Rewrite golden files from the current output."
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with tests/golden/NAME; with --update-golden, write it instead."""
    update = request.config.getoption("--update-golden")

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="\n")
            return
        assert path.exists(), f"golden file {name} is missing: run pytest --update-golden and review it"
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, (
            f"output differs from golden file {name} (pytest --update-golden to refresh)"
        )

    return check


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The path of every page rendered from now on, in order, with page rendering in this process."""
    paths: list[str] = []
    original = stagemap.render.pages.render

    def spy(env: object, name: str, context: dict[str, object]) -> str:
        paths.append(str(context["page"]["path"]))  # type: ignore[index]
        return original(env, name, context)  # type: ignore[arg-type]

    monkeypatch.setattr(stagemap.render.pages, "render", spy)
    monkeypatch.setenv("STAGEMAP_WORKERS", "1")  # the spy sees renders in this process only
    return paths


@pytest.fixture
def search_scripts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The key of every search index file made from now on (``m``, ``r:N``, ``w:PREFIX``), in order."""
    keys: list[str] = []
    original = stagemap.render.searchindex._script

    def spy(key: str, data: object) -> str:
        keys.append(key)
        return original(key, data)

    monkeypatch.setattr(stagemap.render.searchindex, "_script", spy)
    return keys


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the bundled sample project (stagemap.yml, content/, templates/)."""
    dest = tmp_path / "sample"
    dest.mkdir()
    shutil.copy2(ROOT / "stagemap.yml", dest / "stagemap.yml")
    shutil.copytree(ROOT / "content", dest / "content")
    if (ROOT / "templates").is_dir():
        shutil.copytree(ROOT / "templates", dest / "templates")
    return dest


def outputs_by_hash_seed(code: str, *args: str) -> set[str]:
    """Return what Python ``code`` prints run with three string hash seeds (one text: it does not
    depend on the order of hashing)."""
    return {
        subprocess.run(
            [sys.executable, "-c", code, *args],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write files (text or bytes) under root and return root."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return root


MINIMAL_CONFIG = """\
name: Acme
model: buyer-journey
personas:
  - id: owner
    name: Owner
    needs: Fewer missed jobs.
    not_fit: Firms with their own dispatch team.
  - id: manager
    name: Office manager
"""
QUIET_CONFIG = MINIMAL_CONFIG + "lint: {placeholder: false, no-not-for: false}\n"
"""`MINIMAL_CONFIG` without the lint rules about the settings and stages, for tests about other output."""
