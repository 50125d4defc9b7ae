"""A cache that cannot be written, and files stagemap reads that never end.

The parse cache is best-effort: a full disk, a cache folder owned by someone else or a
read-only checkout must never fail a command that only reads (check, report, kit, list); it
says so once and carries on. A file stagemap reads (settings, a model, its cache, its page
record) that is a link to ``/dev/zero`` is refused or skipped at once, never read until
memory runs out.
"""

from __future__ import annotations

import errno
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from stagemap import load_project
from stagemap.cli.app import cli
from stagemap.model.settings import CACHE_DIR
from stagemap.read.cache import CACHE_FILE
from stagemap.write.cache import record_path
from tests.conftest import QUIET_CONFIG, write
from tests.test_symlinks import READ_COMMANDS

WARNING = (
    "warning: cannot save the parse cache in .stagemap-cache/: {}; "
    "set 'cache: false' in stagemap.yml or STAGEMAP_NO_CACHE=1 to turn it off\n"
)
ROOT_IGNORES_PERMISSIONS = pytest.mark.skipif(
    os.geteuid() == 0, reason="permissions do not stop root; the simulated cases cover it"
)


def invoke(project: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(project), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_read_commands_on_a_full_disk_warn_once_and_leave_no_temp_file(
    sample: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    real_write = os.write

    def full(fd: int, data: bytes) -> int:
        if fd > 2:  # files, not the terminal
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    code, out, err = invoke(sample, *command)
    monkeypatch.undo()
    assert (code, err) == (0, WARNING.format("No space left on device"))
    assert out
    assert os.listdir(sample / CACHE_DIR) == []  # the temp files went with the failure


@ROOT_IGNORES_PERMISSIONS
@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_read_commands_with_a_cache_folder_owned_by_someone_else_warn_once(
    sample: Path, command: tuple[str, ...]
) -> None:
    (sample / CACHE_DIR).mkdir()
    (sample / CACHE_DIR).chmod(0)
    try:
        code, out, err = invoke(sample, *command)
        again = invoke(sample, *command)
    finally:
        (sample / CACHE_DIR).chmod(0o755)
    assert (code, err) == (0, WARNING.format("Permission denied"))
    assert again == (code, out, err)


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_read_commands_with_a_cache_folder_no_one_may_open_warn_once(
    sample: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    # The folder above, as root sees it: every look inside is refused.
    folder = str(sample / CACHE_DIR)
    (sample / CACHE_DIR).mkdir()
    real_stat, real_open = os.stat, os.open

    def guard(call: Any) -> Any:
        def refused(path: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(path, str | Path) and str(path).startswith(folder):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            return call(path, *args, **kwargs)

        return refused

    monkeypatch.setattr(os, "stat", guard(real_stat))
    monkeypatch.setattr(os, "open", guard(real_open))
    code, out, err = invoke(sample, *command)
    monkeypatch.undo()
    assert (code, err) == (0, WARNING.format("Permission denied"))
    assert out


@ROOT_IGNORES_PERMISSIONS
@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_read_commands_in_a_read_only_checkout_warn_once(sample: Path, command: tuple[str, ...]) -> None:
    sample.chmod(0o555)
    try:
        code, out, err = invoke(sample, *command)
    finally:
        sample.chmod(0o755)
    assert (code, err) == (0, WARNING.format("Permission denied"))
    assert out
    assert not (sample / CACHE_DIR).exists()


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_read_commands_that_cannot_make_the_cache_folder_warn_once(
    sample: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    # What a read-only checkout or a parent owned by someone else does, even for root.
    def refused(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(os, "mkdir", refused)
    code, out, err = invoke(sample, *command)
    monkeypatch.undo()
    assert (code, err) == (0, WARNING.format("Permission denied"))
    assert out


def test_settings_that_are_a_folder_say_so(tmp_path: Path) -> None:
    (tmp_path / "stagemap.yml").mkdir()
    assert invoke(tmp_path, "check") == (
        2,
        "",
        f"Error: '{tmp_path}/stagemap.yml' is a folder; the settings must be a file of that name\n",
    )


def test_settings_that_are_a_device_say_so(tmp_path: Path) -> None:
    (tmp_path / "stagemap.yml").symlink_to("/dev/zero")
    assert invoke(tmp_path, "check") == (
        2,
        "",
        f"Error: '{tmp_path}/stagemap.yml' is not a regular file; the settings must be a file of that name\n",
    )


def _bounded(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run stagemap in a child allowed 1 GiB and 60 s: reading /dev/zero would exceed both."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))

    return subprocess.run(
        [sys.executable, "-m", "stagemap", "-C", str(project), *args],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit,
        check=False,
    )


def test_a_model_file_linked_to_dev_zero_is_refused_at_once(tmp_path: Path) -> None:
    write(tmp_path, {"stagemap.yml": "model: zero.yml\n", "content/a.md": ""})
    (tmp_path / "zero.yml").symlink_to("/dev/zero")
    result = _bounded(tmp_path, "check")
    assert (result.returncode, result.stderr) == (
        2,
        "Error: invalid settings:\n"
        "stagemap.yml:1:8: error: cannot read model file 'zero.yml' (not a regular file)\n",
    )


PAGE = "---\ntitle: A\nstages: awareness\nquestions: risk\n---\nBody.\n"


def test_a_parse_cache_linked_to_dev_zero_is_not_read(tmp_path: Path) -> None:
    write(tmp_path, {"stagemap.yml": QUIET_CONFIG, "content/a.md": PAGE})
    (tmp_path / CACHE_DIR).mkdir()
    (tmp_path / CACHE_DIR / CACHE_FILE).symlink_to("/dev/zero")
    result = _bounded(tmp_path, "check")
    link = tmp_path / CACHE_DIR / CACHE_FILE
    reason = (
        f"refusing to write {link}: it is a symbolic link; "
        "stagemap never writes through a link at its own files (remove the link)"
    )
    assert (result.returncode, result.stderr) == (0, WARNING.format(reason))


def test_a_page_record_linked_to_dev_zero_is_not_read(tmp_path: Path) -> None:
    write(tmp_path, {"stagemap.yml": QUIET_CONFIG, "content/a.md": PAGE})
    record = record_path(load_project(tmp_path).config, tmp_path / "site")
    record.parent.mkdir()
    record.symlink_to("/dev/zero")
    result = _bounded(tmp_path, "build", "-o", str(tmp_path / "site"))
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.parametrize(("command", "code"), [("build", 0), ("kits", 0), ("report", 0), ("check", 1)])
def test_a_name_that_is_not_utf8_is_reported_and_every_command_finishes(
    tmp_path: Path, command: str, code: int
) -> None:
    write(tmp_path, {"stagemap.yml": QUIET_CONFIG, "content/a.md": PAGE})
    try:
        (tmp_path / "content" / os.fsdecode(b"caf\xe9.md")).write_text(PAGE, encoding="utf-8")
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    out = ["-o", str(tmp_path / "out")] if command in ("build", "kits") else []
    result = CliRunner().invoke(cli, ["-C", str(tmp_path), command, *out])
    assert (result.exit_code, result.stderr) == (
        code,
        "content/caf\\xe9.md: error: name is not valid UTF-8 (rename it; stagemap reads only UTF-8 names)\n",
    )
