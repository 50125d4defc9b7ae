"""Setting files (stagemap.yml, a model file, a rules file) are read once, within a cap, never blocking."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from stagemap.read import models
from stagemap.read.bounded import TooLarge, Unreadable, read_bounded
from stagemap.read.settings import load_config
from tests.conftest import MINIMAL_CONFIG, write

SITE = "generator: hugo\nsources: [site]\n"


def test_read_bounded_returns_a_file_up_to_its_cap(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_bytes(b"x" * 2048)
    assert read_bounded(tmp_path / "a.yml", 2048) == b"x" * 2048
    with pytest.raises(TooLarge, match=r"^larger than 1 KiB$"):
        read_bounded(tmp_path / "a.yml", 1024)


def test_read_bounded_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yml")  # opening it for reading would wait for a writer
    with pytest.raises(Unreadable, match=r"^not a regular file$"):
        read_bounded(tmp_path / "pipe.yml", 1024)


def test_read_bounded_says_why_a_missing_file_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(Unreadable, match=r"^No such file or directory$"):
        read_bounded(tmp_path / "gone.yml", 1024)


def _check(project: Path) -> subprocess.CompletedProcess[str]:
    """Run `check` in a child with a deadline: a read that blocks fails the test instead of hanging it."""
    return subprocess.run(
        [sys.executable, "-m", "stagemap", "-C", str(project), "check"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_model_file_that_is_a_fifo_is_an_error_not_a_hang(tmp_path: Path) -> None:
    write(tmp_path, {"stagemap.yml": "model: pipe.yml\n", "content/a.md": ""})
    os.mkfifo(tmp_path / "pipe.yml")
    result = _check(tmp_path)
    assert (result.returncode, result.stderr) == (
        2,
        "Error: invalid settings:\n"
        "stagemap.yml:1:8: error: cannot read model file 'pipe.yml' (not a regular file)\n",
    )


def test_a_rules_file_that_is_a_fifo_is_an_error_not_a_hang(tmp_path: Path) -> None:
    write(tmp_path, {"stagemap.yml": MINIMAL_CONFIG + SITE + "rules: pipe.yml\n", "site/a.md": "x"})
    os.mkfifo(tmp_path / "pipe.yml")
    result = _check(tmp_path)
    assert (result.returncode, result.stderr) == (
        2,
        "Error: invalid settings:\n"
        "stagemap.yml:12:8: error: cannot read rules file 'pipe.yml': not a regular file"
        " (create it, or write the rules as a list under 'rules:')\n",
    )


def test_a_rules_file_over_its_cap_is_refused_before_it_is_decoded(tmp_path: Path) -> None:
    write(tmp_path, {"stagemap.yml": MINIMAL_CONFIG + SITE + "rules: big.yml\n", "site/a.md": "x"})
    # Not UTF-8 either: the size is what is reported, as the file is never decoded.
    (tmp_path / "big.yml").write_bytes(b"\xff" * (1024 * 1024 + 1))
    result = _check(tmp_path)
    assert (result.returncode, result.stderr) == (
        2,
        "Error: invalid settings:\n"
        "stagemap.yml:12:8: error: rules file 'big.yml' is larger than 1024 KiB"
        " (write broader rules: one glob matches many files)\n",
    )


def test_a_model_file_is_read_once_per_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = models.builtin_model_text("buyer-journey")
    write(tmp_path, {"stagemap.yml": "model: mine.yml\n", "mine.yml": model, "content/a.md": ""})
    reads: list[Path] = []

    def counted(path: Path, limit: int) -> bytes:
        reads.append(path)
        return read_bounded(path, limit)

    monkeypatch.setattr(models, "read_bounded", counted)
    config = load_config(tmp_path)
    assert reads == [tmp_path / "mine.yml"]
    assert config.model.guides and config.model.stage_ids  # its plays were read from that one read


def test_a_site_file_stagemap_looks_at_that_is_a_fifo_is_passed_over_not_a_hang(tmp_path: Path) -> None:
    """The reread of the sitting: a Hugo link render hook and a Jekyll Gemfile were opened
    blindly (to look for GetPage and the github-pages gem): a pipe of either name would have made
    check and init wait for ever. They are read as every other file is, a pipe refused."""
    hugo = write(
        tmp_path / "hugo",
        {
            "hugo.toml": 'title = "H"\n',
            "content/a.md": "---\ntitle: A\n---\n[b](b)\n",
            "content/b.md": "# B\n",
        },
    )
    (hugo / "layouts/_default/_markup").mkdir(parents=True)
    os.mkfifo(hugo / "layouts/_default/_markup/render-link.html")
    jekyll = write(tmp_path / "jekyll", {"_config.yml": "title: J\n", "about.md": "---\ntitle: About\n---\n"})
    os.mkfifo(jekyll / "Gemfile")
    for root in (hugo, jekyll):
        init = subprocess.run(
            [sys.executable, "-m", "stagemap", "init", str(root)], capture_output=True, text=True, timeout=60
        )
        assert init.returncode == 0, init.stderr
        assert _check(root).returncode == 0
