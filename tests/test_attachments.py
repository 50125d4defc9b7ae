"""Files in the content folder that bodies may link to: which ones the site may copy."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from stagemap.read import attachments
from stagemap.read.attachments import linkable_files, read_attachment


def test_linkable_files_are_plain_files_inside_the_content_folder(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "img").mkdir(parents=True)
    (content / "img/chart.png").write_bytes(b"png")
    (content / "a.md").write_text("# A\n")
    (content / ".secret").write_text("x")
    (content / ".hidden").mkdir()
    (content / ".hidden/in.png").write_bytes(b"png")
    (tmp_path / "outside.txt").write_text("outside")
    os.symlink(tmp_path / "outside.txt", content / "escape.txt")
    os.symlink(content / "img/chart.png", content / "alias.png")
    assert linkable_files(content) == frozenset({"img/chart.png", "alias.png"})
    assert read_attachment(content, "img/chart.png") == b"png"
    assert read_attachment(content, "escape.txt") is None
    assert read_attachment(content, "../outside.txt") is None


def test_linkable_files_follow_folder_links_inside_but_never_loop(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "x").mkdir(parents=True)
    (content / "x/pic.png").write_bytes(b"png")
    os.symlink(content, content / "x/up")  # a loop back to the top
    os.symlink(content / "x", content / "y")
    os.symlink(tmp_path, content / "out")  # leaves the content folder
    assert linkable_files(content) == frozenset({"x/pic.png", "y/pic.png"})


def test_linkable_files_leave_out_big_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(attachments, "MAX_ATTACHMENT", 3)
    (tmp_path / "small.txt").write_bytes(b"abc")
    (tmp_path / "big.txt").write_bytes(b"abcd")
    assert linkable_files(tmp_path) == frozenset({"small.txt"})
    assert read_attachment(tmp_path, "big.txt") is None


def test_linkable_files_of_a_missing_folder_are_none(tmp_path: Path) -> None:
    assert linkable_files(tmp_path / "nope") == frozenset()
