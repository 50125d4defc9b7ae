"""Writing into an output folder the build made itself: fewer checks per page, the same refusals."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from stagemap.errors import OutputError
from stagemap.write.atomic import umask_applies, write_temp
from stagemap.write.tree import stager_for, stream_tree

VICTIM_BYTES = b"precious: do not touch\n"


@pytest.fixture
def umask_027() -> Iterator[None]:
    before = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(before)


def _victim(tmp_path: Path) -> Path:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(VICTIM_BYTES)
    return victim


def test_stager_in_a_new_folder_refuses_a_link_planted_during_the_build(tmp_path: Path) -> None:
    root = tmp_path / "site"
    victim = _victim(tmp_path)
    stager = stager_for(root)
    assert stager.new_root
    staged = stager.write("pages/a.html", b"<p>new</p>\n")
    (root / "pages").mkdir()
    (root / "pages" / "a.html").symlink_to(victim)
    with pytest.raises(OutputError, match=re.escape("did not write: pages/a.html")):
        stream_tree(root, iter([("pages/a.html", staged)]), (), stager)
    assert victim.read_bytes() == VICTIM_BYTES
    assert (root / "pages" / "a.html").is_symlink()


def test_stager_in_a_new_folder_refuses_a_file_put_there_during_the_build(tmp_path: Path) -> None:
    root = tmp_path / "site"
    stager = stager_for(root)
    staged = stager.write("index.html", b"<p>new</p>\n")
    (root / "index.html").write_bytes(VICTIM_BYTES)
    with pytest.raises(OutputError, match=re.escape("did not write: index.html")):
        stream_tree(root, iter([("index.html", staged)]), (), stager)
    assert (root / "index.html").read_bytes() == VICTIM_BYTES


def test_stager_in_a_folder_that_existed_still_refuses_a_link_at_once(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").symlink_to(_victim(tmp_path))
    stager = stager_for(root)
    assert not stager.new_root
    with pytest.raises(OutputError, match="it is a symbolic link"):
        stager.write("index.html", b"<p>new</p>\n")
    stager.close()


def test_stager_new_pages_get_the_mode_of_the_umask(tmp_path: Path, umask_027: None) -> None:
    root = tmp_path / "site"
    stager = stager_for(root)
    assert stager.plain_modes
    pages = [(rel, stager.write(rel, b"x\n")) for rel in ("index.html", "a/b.html")]
    stream_tree(root, iter(pages), (), stager)
    assert stat.S_IMODE((root / "index.html").stat().st_mode) == 0o640
    assert stat.S_IMODE((root / "a" / "b.html").stat().st_mode) == 0o640


def test_umask_applies_in_a_plain_folder_and_leaves_nothing_behind(tmp_path: Path, umask_027: None) -> None:
    assert umask_applies(tmp_path)
    assert os.listdir(tmp_path) == []


def test_umask_applies_is_false_where_no_file_can_be_made(tmp_path: Path) -> None:
    assert not umask_applies(tmp_path / "missing")


def test_write_temp_sets_a_mode_the_umask_would_not_give(tmp_path: Path, umask_027: None) -> None:
    tmp = tmp_path / "page.tmp"
    write_temp(str(tmp), b"x", 0o604, durable=False)
    assert stat.S_IMODE(tmp.stat().st_mode) == 0o604


def test_stager_in_a_new_folder_fills_a_folder_put_there_during_the_build(tmp_path: Path) -> None:
    root = tmp_path / "site"
    stager = stager_for(root)
    pages = [
        (rel, stager.write(rel, b"<p>new</p>\n")) for rel in ("pages/a.html", "pages/b.html", "index.html")
    ]
    (root / "pages").mkdir()
    (root / "pages" / "mine.txt").write_bytes(VICTIM_BYTES)
    changed, removed = stream_tree(root, iter(pages), (), stager)
    assert (changed, removed) == (["index.html", "pages/a.html", "pages/b.html"], [])
    assert (root / "pages" / "mine.txt").read_bytes() == VICTIM_BYTES
    assert (root / "pages" / "b.html").read_bytes() == b"<p>new</p>\n"
    assert sorted(os.listdir(root)) == [".stagemap-manifest.json", "index.html", "pages"]
