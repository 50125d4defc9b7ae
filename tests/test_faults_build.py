"""A build killed, interrupted, doubled or starved of disk at any step: the site is old or new, never lost.

Kills use the build's fault hook (``STAGEMAP_TEST_FAULT``, see write/faults.py) in real
subprocesses; the signal tests interrupt a real build of a generated library while its workers run.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.cli.app import cli
from stagemap.model.settings import CACHE_DIR, NO_CACHE_ENV
from stagemap.write import atomic
from stagemap.write.faults import FAULT_ENV
from stagemap.write.lock import lock_folder, unlock_folder
from stagemap.write.targets import MANIFEST, STAGING
from tests.conftest import ROOT

AS_OF = "2026-11-24"
CHANGED = "content/blog/missed-calls-cost.md"
"""An asset whose body the tests edit."""
DROPPED = "content/blog/apprentice-diary.md"
"""An asset the tests delete: its page must go."""
ADDED = "content/blog/new-one.md"
"""An asset the tests add: its page must come."""


def run(project: Path, out: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(project), "build", "-o", str(out), "--as-of", AS_OF])
    return result.exit_code, result.stdout, result.stderr


def spawn(project: Path, out: Path, fault: str = "", **env: str) -> subprocess.Popen[str]:
    """Start ``stagemap build`` in its own process (and process group), with a fault if given."""
    environ = {**os.environ, **env, "PYTHONPATH": str(ROOT / "src")}
    environ.pop(FAULT_ENV, None)
    if fault:
        environ[FAULT_ENV] = fault
    return subprocess.Popen(
        [sys.executable, "-m", "stagemap", "-C", str(project), "build", "-o", str(out), "--as-of", AS_OF],
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def edit(project: Path) -> None:
    """Change the site's name (every page changes) and one body, drop one asset and add another."""
    settings = project / "stagemap.yml"
    settings.write_text(settings.read_text().replace("name: Fernhill", "name: Fernhill Ltd", 1))
    path = project / CHANGED
    path.write_text(path.read_text().replace("title: ", "title: Edited ", 1) + "\nOne more line.\n")
    (project / DROPPED).unlink()
    (project / ADDED).write_text("---\ntitle: New\nstages: [awareness]\nquestions: [problems]\n---\nNew.\n")


@pytest.fixture
def sites(sample: Path, tmp_path: Path) -> Iterator[tuple[Path, dict[str, bytes], dict[str, bytes]]]:
    """The old site built into ``out`` (with the user's CNAME beside it), the old and the new bytes.

    The new bytes are those of a fresh build of the edited project into an empty folder.
    """
    out = tmp_path / "site"
    out.mkdir()
    (out / "CNAME").write_text("plans.example.com\n")
    assert run(sample, out)[0] == 0
    old = tree(out)
    fresh = tmp_path / "fresh"
    edit(sample)
    assert run(sample, fresh)[0] == 0
    new = {**tree(fresh), "CNAME": b"plans.example.com\n"}
    yield out, old, new


def assert_old_or_new(out: Path, old: dict[str, bytes], new: dict[str, bytes]) -> None:
    """Every file a reader can open is the old site's or the new one's, and the manifest lists each.

    The manifest itself may list the old files and the new ones together (a build killed
    while renaming): that is what lets the next build remove or replace every one of them.
    """
    now = tree(out)
    pages = {rel: data for rel, data in now.items() if rel != MANIFEST and not rel.startswith(f"{STAGING}/")}
    stray = [rel for rel, data in pages.items() if data not in (old.get(rel), new.get(rel))]
    assert stray == []
    lost = [rel for rel in old.keys() & new.keys() if rel not in now]
    assert lost == []
    listed = set(json.loads(now[MANIFEST])["files"])
    assert pages.keys() - listed == {"CNAME"}


@pytest.mark.parametrize(
    "fault",
    ["staged:3", "union", "renamed:1", "renamed:20", "removed", "manifest"],
)
def test_build_killed_at_each_step_leaves_old_or_new_and_recovers(
    sample: Path, sites: tuple[Path, dict[str, bytes], dict[str, bytes]], fault: str
) -> None:
    out, old, new = sites
    killed = spawn(sample, out, fault)
    killed.communicate(timeout=60)
    assert killed.returncode == -signal.SIGKILL
    assert_old_or_new(out, old, new)
    assert (out / "CNAME").read_text() == "plans.example.com\n"
    # The next build, after one more edit, neither refuses nor leaves anything behind.
    (sample / CHANGED).write_text((sample / CHANGED).read_text() + "\nAnd another.\n")
    code, _, err = run(sample, out)
    assert (code, err) == (0, "")
    fresh = out.parent / "fresh2"
    assert run(sample, fresh)[0] == 0
    assert tree(out) == {**tree(fresh), "CNAME": b"plans.example.com\n"}


def test_build_killed_after_renaming_a_new_page_still_owns_it(
    sample: Path, sites: tuple[Path, dict[str, bytes], dict[str, bytes]]
) -> None:
    """The page of a new asset, renamed in before the kill, is listed: an edit to it is built, not refused."""
    out, _, _ = sites
    (sample / "content/blog/brand-new.md").write_text(
        "---\ntitle: Brand new\nstages: [awareness]\nquestions: [problems]\n---\nFirst.\n"
    )
    killed = spawn(sample, out, "removed")
    killed.communicate(timeout=60)
    assert killed.returncode == -signal.SIGKILL
    assert (out / "assets/blog/brand-new.html").exists()
    (sample / "content/blog/brand-new.md").write_text(
        "---\ntitle: Brand new\nstages: [awareness]\nquestions: [problems]\n---\nSecond.\n"
    )
    code, _, err = run(sample, out)
    assert (code, err) == (0, "")
    assert "Second." in (out / "assets/blog/brand-new.html").read_text()


def test_rebuild_after_the_manifest_is_lost_adopts_the_pages_it_recorded(
    sample: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    assert run(sample, out)[0] == 0
    (out / MANIFEST).unlink()
    path = sample / CHANGED
    path.write_text(path.read_text() + "\nEdited after the manifest was lost.\n")
    code, _, err = run(sample, out)
    assert (code, err) == (0, "")
    assert "Edited after the manifest was lost." in (out / "assets/blog/missed-calls-cost.html").read_text()
    (sample / DROPPED).unlink()
    assert run(sample, out)[0] == 0
    assert not (out / "assets/blog/apprentice-diary.html").exists()


def test_rebuild_clears_the_staging_folder_a_killed_build_left(
    sample: Path, sites: tuple[Path, dict[str, bytes], dict[str, bytes]]
) -> None:
    out, _, _ = sites
    killed = spawn(sample, out, "staged:30")
    killed.communicate(timeout=60)
    assert killed.returncode == -signal.SIGKILL
    assert len(_staged(out)) >= 20
    assert run(sample, out)[0] == 0
    assert not (out / STAGING).exists()
    assert not [p for p in out.rglob(".*") if p.name != MANIFEST]


def test_build_into_a_folder_another_build_holds_is_refused(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = sample / "site"
    out.mkdir()
    monkeypatch.chdir(sample)
    held = lock_folder(out)
    try:
        code, stdout, stderr = run(sample, out)
    finally:
        unlock_folder(held)
    assert (code, stdout) == (2, "")
    assert stderr == "Error: another stagemap is building into site/; wait for it to finish and build again\n"
    assert os.listdir(out) == []
    assert run(sample, out)[0] == 0


def test_two_builds_at_once_one_waits_out_and_the_site_is_whole(
    sample: Path, sites: tuple[Path, dict[str, bytes], dict[str, bytes]]
) -> None:
    out, _, new = sites
    first = spawn(sample, out, "staged:5:stop")
    try:
        _wait_stopped(first.pid)
        second = spawn(sample, out)
        _, err = second.communicate(timeout=60)
        assert second.returncode == 2
        assert err.startswith("Error: another stagemap is building into ")
    finally:
        os.kill(first.pid, signal.SIGCONT)
    first.communicate(timeout=60)
    assert first.returncode == 0
    assert tree(out) == new


def test_edit_during_a_build_is_built_by_the_next_one(
    sample: Path, sites: tuple[Path, dict[str, bytes], dict[str, bytes]]
) -> None:
    out, old, new = sites
    first = spawn(sample, out, "staged:5:stop")
    try:
        _wait_stopped(first.pid)
        path = sample / CHANGED
        path.write_text(path.read_text() + "\nWritten while the build ran.\n")
    finally:
        os.kill(first.pid, signal.SIGCONT)
    first.communicate(timeout=60)
    assert first.returncode == 0
    assert_old_or_new(out, old, new)
    assert run(sample, out)[0] == 0
    assert "Written while the build ran." in (out / "assets/blog/missed-calls-cost.html").read_text()
    fresh = out.parent / "fresh2"
    assert run(sample, fresh)[0] == 0
    assert tree(out) == {**tree(fresh), "CNAME": b"plans.example.com\n"}


def test_ctrl_c_while_pages_go_in_place_waits_for_the_whole_site(
    sample: Path, sites: tuple[Path, dict[str, bytes], dict[str, bytes]]
) -> None:
    out, _, new = sites
    build = spawn(sample, out, "union::stop")
    _wait_stopped(build.pid)
    os.killpg(build.pid, signal.SIGINT)
    os.killpg(build.pid, signal.SIGCONT)
    _, err = build.communicate(timeout=60)
    assert (build.returncode, err) == (130, f"Interrupted; the new site was already in place in {out}/\n")
    assert tree(out) == new


def _wait_stopped(pid: int) -> None:
    """Wait until the process has stopped itself (the fault hook's SIGSTOP)."""
    for _ in range(600):
        if pid in _stopped(pid):
            return
        time.sleep(0.05)
    raise AssertionError("the build never reached its fault point")


def test_disk_full_at_any_write_leaves_old_or_new_and_recovers(
    sample: Path, sites: tuple[Path, dict[str, bytes], dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    out, old, new = sites
    real = os.write
    calls = 0

    def full(fd: int, data: bytes) -> int:
        nonlocal calls
        calls += 1
        if calls > limit:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd, data)

    # One process, so that one counter sees every write (forked workers would count their own).
    monkeypatch.setenv("STAGEMAP_WORKERS", "1")
    # No parse cache: whether it is saved depends on the clock (recent files are not cached).
    monkeypatch.setenv(NO_CACHE_ENV, "1")
    writes = _count_writes(sample, out, monkeypatch)
    monkeypatch.setattr(atomic.os, "write", full)
    outcomes = []
    failed_in_place = False
    # Every 6th write while pages are staged (each one the same step), then each of the last
    # writes: the union manifest, the manifest and the page record.
    for limit in [*range(0, writes - 8, 6), *range(writes - 8, writes + 1)]:
        calls = 0
        code, _, err = run(sample, out)
        outcomes.append(code)
        if code == 0:
            break
        assert code == 2
        assert err.startswith("Error: cannot write ") and err.endswith(": No space left on device\n")
        if limit < 40:  # still writing the new pages: nothing in the folder has changed
            assert tree(out) == old
        failed_in_place |= (out / ADDED.replace("content/", "assets/").replace(".md", ".html")).exists()
        assert_old_or_new(out, old, new)
        assert not (out / STAGING).exists()
    assert outcomes[-1] == 0 and len(outcomes) > 8
    assert tree(out) == new
    assert failed_in_place, "no write failed after the first page was renamed"


def _count_writes(project: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """Count the writes of the build to come, then put the output and the cache back as they were."""
    saved = out.parent / "saved"
    shutil.copytree(out, saved / "out", symlinks=True)
    shutil.copytree(project / CACHE_DIR, saved / "cache", symlinks=True)
    real = os.write
    calls = 0

    def counting(fd: int, data: bytes) -> int:
        nonlocal calls
        calls += 1
        return real(fd, data)

    with monkeypatch.context() as patch:
        patch.setattr(atomic.os, "write", counting)
        assert run(project, out)[0] == 0
    for here, kept in ((out, saved / "out"), (project / CACHE_DIR, saved / "cache")):
        shutil.rmtree(here)
        shutil.copytree(kept, here, symlinks=True)
    shutil.rmtree(saved)
    return calls


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated library of 1,500 assets: its build runs for seconds, its workers busy."""
    project = tmp_path_factory.mktemp("big") / "lib"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks/generate.py"), "1500", str(project)],
        check=True,
        capture_output=True,
    )
    return project


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_build_interrupted_while_workers_render_says_so_in_one_line(
    big: Path, tmp_path: Path, how: str
) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "CNAME").write_text("plans.example.com\n")
    build = spawn(big, out, STAGEMAP_WORKERS="2")
    staging = out / STAGING
    for _ in range(1200):
        if staging.is_dir() and len(_staged(out)) >= 20:
            break
        assert build.poll() is None, "the build ended before it could be interrupted"
        time.sleep(0.05)
    if how == "ctrl-c":
        os.killpg(build.pid, signal.SIGINT)  # a terminal sends Ctrl-C to every process of the group
    else:
        os.kill(build.pid, signal.SIGTERM)
    stdout, stderr = build.communicate(timeout=60)
    assert (build.returncode, stdout) == (130, "")
    assert stderr == f"Interrupted; the site in {out}/ was not changed\n"
    assert tree(out) == {"CNAME": b"plans.example.com\n"}
    assert os.listdir(out) == ["CNAME"]


def test_build_killed_while_workers_render_frees_the_folder_at_once(sample: Path, tmp_path: Path) -> None:
    # The sample's 88 pages are enough for two workers; each pauses itself at its 3rd page.
    out = tmp_path / "site"
    build = spawn(sample, out, "write:3:stop", STAGEMAP_WORKERS="2")
    try:
        for _ in range(1200):
            if len(_stopped(build.pid)) >= 2:
                break
            time.sleep(0.05)
        else:
            raise AssertionError("the workers never reached their fault point")
        os.kill(build.pid, signal.SIGKILL)
        build.wait(timeout=60)  # not communicate(): the paused workers hold its output open
        unlock_folder(lock_folder(out))  # ...but no lock
    finally:
        os.killpg(build.pid, signal.SIGKILL)
        build.communicate(timeout=60)
    staged = _staged(out)
    assert len(staged) >= 4  # both workers' first pages, left behind
    assert len({path.parent for path in staged}) == 2  # each worker in a folder of its own
    assert run(sample, out)[0] == 0
    assert not (out / STAGING).exists()


def _staged(out: Path) -> list[Path]:
    """The files in the staging folder of ``out`` (each process writes into a folder of its own there)."""
    return [path for path in (out / STAGING).rglob("*") if path.is_file()]


def _stopped(group: int) -> list[int]:
    """Return the processes of a process group that are stopped."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] == "T" and fields[2] == str(group):
                found.append(int(entry))
    return found


def test_build_whose_workers_are_killed_makes_their_part_itself(big: Path, tmp_path: Path) -> None:
    # Killed when each takes its first chunk, the parse worker and the page worker send nothing:
    # this process parses every file and renders every page, and the site is the same.
    made = {}
    for name, fault in (("killed", "taken:1"), ("whole", "")):
        build = spawn(big, tmp_path / name, fault, STAGEMAP_WORKERS="2", **{NO_CACHE_ENV: "1"})
        stdout, stderr = build.communicate(timeout=120)
        assert (build.returncode, stderr) == (0, "")
        assert stdout.startswith("Built 1")
        made[name] = tree(tmp_path / name)
    assert made["killed"] == made["whole"]


def test_parse_worker_outliving_a_killed_build_ends_without_a_word(big: Path, tmp_path: Path) -> None:
    # Paused at its second chunk while the build is killed, then let go: it parses what is left,
    # finds nobody to send it to, and ends (the build's stderr closes once it has).
    build = spawn(big, tmp_path / "site", "taken:2:stop", STAGEMAP_WORKERS="2", **{NO_CACHE_ENV: "1"})
    try:
        for _ in range(1200):
            if stopped := _stopped(build.pid):
                break
            time.sleep(0.05)
        else:
            raise AssertionError("the parse worker never reached its fault point")
        os.kill(build.pid, signal.SIGKILL)
        build.wait(timeout=60)
        os.kill(stopped[0], signal.SIGCONT)
        stdout, stderr = build.communicate(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(build.pid, signal.SIGKILL)
    assert (stdout, stderr) == ("", "")


@pytest.mark.parametrize("fault", ["renamed:1", "renamed:4"])
def test_build_into_a_new_folder_killed_while_moving_folders_in_recovers(
    sample: Path, tmp_path: Path, fault: str
) -> None:
    # A new output folder gets whole folders renamed in (see stagemap.write.placing): killed
    # after the first or fourth, it holds only new files, each listed, and the next build ends it.
    out = tmp_path / "site"
    killed = spawn(sample, out, fault)
    killed.communicate(timeout=60)
    assert killed.returncode == -signal.SIGKILL
    fresh = run(sample, tmp_path / "fresh")
    assert fresh[0] == 0
    new = tree(tmp_path / "fresh")
    now = tree(out)
    pages = {rel: data for rel, data in now.items() if rel != MANIFEST and not rel.startswith(f"{STAGING}/")}
    assert pages and len(pages) < len(new) - 1  # some moved in, not all
    assert [rel for rel, data in pages.items() if new.get(rel) != data] == []
    assert pages.keys() <= set(json.loads(now[MANIFEST])["files"])
    code, stdout, stderr = run(sample, out)  # (the files already in place stay as they are)
    assert (code, stderr) == (0, "") and stdout.startswith(f"Built 99 pages in {out}/ (")
    assert tree(out) == new
