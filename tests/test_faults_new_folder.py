"""A build into a folder it makes itself, killed at any step: every file it leaves is listed, and the next build finishes it.

Such a build writes a copy of the site into its staging folder, each file at its own path, and
renames the copy's top-level files and folders into place (see `Stager.place`). Kills use the
build's fault hook in real subprocesses, as in test_faults_build.py.
"""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest

from stagemap.write.targets import MANIFEST, STAGING
from tests.test_faults_build import run, spawn, tree


@pytest.mark.parametrize(
    "fault", ["write:3", "staged:3", "union", "renamed:1", "renamed:4", "removed", "manifest"]
)
def test_build_into_a_new_folder_killed_at_each_step_is_finished_by_the_next(
    sample: Path, tmp_path: Path, fault: str
) -> None:
    fresh = tmp_path / "fresh"
    assert run(sample, fresh)[0] == 0
    whole = tree(fresh)
    out = tmp_path / "site"
    killed = spawn(sample, out, fault, STAGEMAP_WORKERS="1")
    killed.communicate(timeout=60)
    assert killed.returncode == -signal.SIGKILL
    now = tree(out)
    pages = {rel: data for rel, data in now.items() if rel != MANIFEST and not rel.startswith(f"{STAGING}/")}
    listed = set(json.loads(now[MANIFEST])["files"]) if MANIFEST in now else set()
    assert pages.keys() <= listed  # what a reader can open is the new site's, and the next build owns it
    assert [rel for rel, data in pages.items() if data != whole[rel]] == []
    code, _, err = run(sample, out)
    assert (code, err) == (0, "")
    assert tree(out) == whole


def test_build_into_a_new_folder_killed_while_renaming_has_put_whole_entries_in_place(
    sample: Path, tmp_path: Path
) -> None:
    fresh = tmp_path / "fresh"
    assert run(sample, fresh)[0] == 0
    whole = tree(fresh)
    entries = sorted({rel.split("/")[0] for rel in whole if rel != MANIFEST})
    out = tmp_path / "site"
    killed = spawn(sample, out, "renamed:2", STAGEMAP_WORKERS="1")
    killed.communicate(timeout=60)
    assert killed.returncode == -signal.SIGKILL
    # The first two entries in name order, each whole (a folder with every file of it), the rest staged.
    assert sorted(p.name for p in out.iterdir()) == sorted([MANIFEST, STAGING, *entries[:2]])
    now = tree(out)
    assert {rel for rel in now if rel.split("/")[0] in entries[:2]} == {
        rel for rel in whole if rel.split("/")[0] in entries[:2]
    }
