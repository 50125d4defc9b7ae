"""What stagemap keeps between runs is made again when its own code changes, not only its version."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap import _stamp
from stagemap.cli.app import cli
from stagemap.read import remembered

AS_OF = "2026-11-24"


@pytest.fixture
def new_code(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Forget this process's stamp; the test then calls `change_code` to stand for an edit of stagemap's files."""
    _stamp.code_stamp.cache_clear()
    yield
    _stamp.code_stamp.cache_clear()


def change_code(monkeypatch: pytest.MonkeyPatch, stamp: str) -> None:
    monkeypatch.setattr(_stamp, "stamp_of", lambda root: stamp)
    _stamp.code_stamp.cache_clear()


def build(project: Path, out: Path) -> str:
    result = CliRunner().invoke(cli, ["-C", str(project), "build", "-o", str(out), "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_stamp_of_moves_with_a_files_size_time_or_name_but_not_with_bytecode(tmp_path: Path) -> None:
    (tmp_path / "render").mkdir()
    code = tmp_path / "render/site.py"
    code.write_text("A = 1\n", encoding="utf-8")
    os.utime(code, ns=(10**18, 10**18))
    first = _stamp.stamp_of(str(tmp_path))
    assert first == _stamp.stamp_of(str(tmp_path)) and len(first) == 16
    (tmp_path / "render/__pycache__").mkdir()
    (tmp_path / "render/__pycache__/site.cpython-311.pyc").write_bytes(b"\0")
    assert _stamp.stamp_of(str(tmp_path)) == first
    code.write_text("A = 2\n", encoding="utf-8")  # the same size, another time
    assert _stamp.stamp_of(str(tmp_path)) != first
    os.utime(code, ns=(10**18, 10**18))
    assert _stamp.stamp_of(str(tmp_path)) == first
    code.write_text("A = 22\n", encoding="utf-8")  # another size, the same time
    os.utime(code, ns=(10**18, 10**18))
    assert _stamp.stamp_of(str(tmp_path)) != first
    code.write_text("A = 1\n", encoding="utf-8")
    os.utime(code, ns=(10**18, 10**18))
    (tmp_path / "render/links.py").write_text("", encoding="utf-8")
    assert _stamp.stamp_of(str(tmp_path)) != first


def test_code_stamp_is_the_version_and_the_stamp_of_the_installed_package(new_code: None) -> None:
    package = os.path.dirname(os.path.abspath(_stamp.__file__))
    assert _stamp.code_stamp() == f"{_stamp.__version__}+{_stamp.stamp_of(package)}"


def test_a_rebuild_after_a_change_of_code_reads_and_renders_again(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new_code: None, rendered: list[str]
) -> None:
    parsed: list[str] = []
    original = remembered._parse_one

    def counted(parse, job):  # type: ignore[no-untyped-def]
        parsed.append(job)
        return original(parse, job)

    monkeypatch.setattr(remembered, "_parse_one", counted)
    out = tmp_path / "site"
    change_code(monkeypatch, "0" * 16)
    first = build(sample, out)
    assert parsed and rendered
    parsed.clear()
    rendered.clear()
    # The same code: nothing is read or rendered again.
    assert build(sample, out).startswith(first.split("(")[0] + "(0 files changed")
    assert (parsed, rendered) == ([], [])
    # New code under the same version: the last build's result, the parse cache and the page
    # record stand for the old code's work, so every file is read and every page rendered again.
    change_code(monkeypatch, "1" * 16)
    build(sample, out)
    assert len(parsed) == len(list((sample / "content").rglob("*.md")))
    assert len(rendered) == len(list(out.rglob("*.html")))


def test_stamp_of_follows_a_linked_file_and_is_new_when_a_folder_cannot_be_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seen by a review: an editable install laid out as links to the checkout kept its stamp
    when a file changed, and a folder that could not be listed ended every command in a traceback."""
    checkout, package = tmp_path / "checkout", tmp_path / "package"
    checkout.mkdir()
    package.mkdir()
    (checkout / "site.py").write_text("A = 1\n", encoding="utf-8")
    (package / "site.py").symlink_to(checkout / "site.py")
    first = _stamp.stamp_of(str(package))
    (checkout / "site.py").write_text("A = 22\n", encoding="utf-8")
    assert _stamp.stamp_of(str(package)) != first

    def refused(path: str) -> None:
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(_stamp.os, "scandir", refused)
    one, two = _stamp.stamp_of(str(package)), _stamp.stamp_of(str(package))
    assert one.startswith("unknown-") and two.startswith("unknown-") and one != two
