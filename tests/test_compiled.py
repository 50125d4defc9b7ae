"""The code compiled for stagemap's dataclasses is kept between runs and makes the same classes."""

from __future__ import annotations

import dataclasses
import marshal
import os
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from stagemap import __version__, _compiled
from stagemap.model.journey import Stage

pytestmark = pytest.mark.skipif(sys.implementation.name != "cpython", reason="CPython's dataclasses only")

CLASS = """
from dataclasses import dataclass

@dataclass(frozen=True, slots=True)
class Point:
    x: int
    y: int = 2
"""


def _make(name: str) -> type[Any]:
    """Make the class ``Point`` in a new module called ``name``, as its import would."""
    module = types.ModuleType(name)
    sys.modules[name] = module
    try:
        exec(compile(CLASS, f"{name}.py", "exec", dont_inherit=True), module.__dict__)
    finally:
        del sys.modules[name]
    made = module.Point
    assert isinstance(made, type)
    return made


def test_a_class_made_from_kept_code_behaves_as_one_compiled_anew() -> None:
    ours, theirs = _make("stagemap.example"), _make("elsewhere.example")
    assert _compiled._codes is not None and _compiled._codes.known is not None
    kept = set(_compiled._codes.known)
    again = _make("stagemap.example")  # from the code kept a moment ago
    assert set(_compiled._codes.known) == kept
    for made in (ours, again):
        assert made.__init__.__code__.co_filename == theirs.__init__.__code__.co_filename == "<string>"
        point = made(1)
        assert (repr(point), point == made(1, 2), point == made(1, 3)) == ("Point(x=1, y=2)", True, False)
        assert hash(point) == hash(made(1, 2))
        with pytest.raises(dataclasses.FrozenInstanceError):
            point.x = 5
        with pytest.raises(TypeError, match="missing 1 required positional argument: 'x'"):
            made()
        assert made.__init__.__annotations__ == theirs.__init__.__annotations__


def test_only_stagemap_classes_are_kept() -> None:
    assert _compiled._codes is not None and _compiled._codes.known is not None
    before = set(_compiled._codes.known)
    _make("elsewhere.example")
    assert set(_compiled._codes.known) == before
    assert all(code.co_filename == "<string>" for code in _compiled._codes.known.values())
    # The model's classes were made from kept code: a kept text defines ``__create_fn__``,
    # whose code holds the code of the functions it makes.
    init = Stage.__dict__["__init__"].__code__
    makers = [
        c for code in _compiled._codes.known.values() for c in code.co_consts if isinstance(c, types.CodeType)
    ]
    assert any(c is init for maker in makers for c in maker.co_consts)


def _stagemap(root: Path, cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STAGEMAP_CACHE": str(cache)}
    return subprocess.run(
        [sys.executable, "-m", "stagemap", *args], cwd=root, env=env, capture_output=True, text=True
    )


def _cache_file(cache: Path) -> Path:
    (found,) = cache.glob("classes-*.marshal")
    return found


def test_the_first_run_keeps_the_code_and_the_next_compiles_nothing(sample: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert _stagemap(sample, cache, "check").returncode in (0, 1)
    kept = _cache_file(cache)
    assert kept.name.startswith(f"classes-{__version__}-{sys.implementation.cache_tag}-")
    entries = marshal.loads(kept.read_bytes())
    # (About 35 on Python 3.13, which compiles a class's methods together; more on 3.11.)
    assert len(entries) > 25 and all(source.startswith("def __create_fn__") for source in entries)
    os.utime(kept, ns=(1, 1))
    assert _stagemap(sample, cache, "check").returncode in (0, 1)
    assert kept.stat().st_mtime_ns == 1  # every class came from the file: it was not written again
    assert [p.name for p in cache.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("damage", [b"", b"not marshal at all", marshal.dumps({"x": 1}), marshal.dumps([1])])
def test_a_damaged_cache_file_is_ignored_and_replaced(sample: Path, tmp_path: Path, damage: bytes) -> None:
    cache = tmp_path / "cache"
    assert _stagemap(sample, cache, "check").returncode in (0, 1)
    kept = _cache_file(cache)
    expected = _stagemap(sample, cache, "report", "--as-of", "2026-11-24")
    kept.write_bytes(damage)
    result = _stagemap(sample, cache, "report", "--as-of", "2026-11-24")
    assert (result.returncode, result.stdout, result.stderr) == (
        expected.returncode,
        expected.stdout,
        expected.stderr,
    )
    assert len(marshal.loads(kept.read_bytes())) > 40


def test_a_cache_that_cannot_be_written_changes_nothing_else(sample: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder would be\n")
    result = _stagemap(sample, blocker, "check")
    assert result.returncode in (0, 1)
    assert blocker.read_text() == "a file where the folder would be\n"


def test_a_full_cache_keeps_only_what_the_last_run_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    codes = _compiled._Codes(str(tmp_path / "classes.marshal"))
    monkeypatch.setattr(_compiled, "_codes", codes)
    monkeypatch.setattr(_compiled, "MOST", 3)
    stale = {f"x = {i}": compile(f"x = {i}", "<string>", "exec") for i in range(5)}
    (tmp_path / "classes.marshal").write_bytes(marshal.dumps(stale))
    codes.code("y = 1")
    codes.code("x = 0")
    _compiled.save()
    assert sorted(marshal.loads((tmp_path / "classes.marshal").read_bytes())) == ["x = 0", "y = 1"]
