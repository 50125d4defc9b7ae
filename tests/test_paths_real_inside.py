"""`real_inside` gives what ``os.path.realpath`` gives, checked against the project's folder.

It takes a cheaper way for paths without links (each part looked at once, the project's own
real path worked out once), so it is compared with the full way on trees of folders, files and
links of every kind: inside and outside the project, to a parent, in a loop, dangling.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from stagemap.paths import real_inside
from stagemap.render.partials import partial_body

pytestmark = pytest.mark.skipif(os.name != "posix", reason="links made as on POSIX")


def full_way(root: Path, rel: str) -> str | None:
    base = os.path.realpath(root)
    real = os.path.realpath(os.path.join(base, rel))
    return real if os.path.commonpath([base, real]) == base else None


def plant(tmp: Path) -> Path:
    """A project with folders, files and links of every kind, beside a folder outside it."""
    outside = tmp / "outside"
    (outside / "deep").mkdir(parents=True)
    (outside / "secret.html").write_text("outside\n", encoding="utf-8")
    root = tmp / "project"
    for folder in ("layouts/_shortcodes", "layouts/partials", "content/docs"):
        (root / folder).mkdir(parents=True)
    for file in ("layouts/_shortcodes/note.html", "layouts/partials/card.html", "content/docs/intro.md"):
        (root / file).write_text("Fernhill's own words.\n", encoding="utf-8")
    (root / "layouts/_shortcodes/inside.html").symlink_to("../partials/card.html")
    (root / "layouts/_shortcodes/away.html").symlink_to(outside / "secret.html")
    (root / "layouts/_shortcodes/gone.html").symlink_to("nowhere.html")
    (root / "layouts/_shortcodes/loop.html").symlink_to("loop.html")
    (root / "layouts/parts").symlink_to("partials")
    (root / "layouts/away").symlink_to(outside)
    (root / "layouts/up").symlink_to("..")
    return root


PARTS = ["layouts", "_shortcodes", "partials", "parts", "away", "up", "content", "docs", "deep"]
NAMES = ["note.html", "card.html", "inside.html", "away.html", "gone.html", "loop.html", "intro.md"]
NAMES += ["missing.html", "secret.html", "..", ".", ""]


def test_real_inside_gives_the_full_ways_answer_for_any_path(tmp_path: Path) -> None:
    root = plant(tmp_path)
    alphabet = PARTS + NAMES
    paths = [[a] for a in alphabet] + [[a, b] for a in alphabet for b in alphabet]
    paths += [[a, b, c] for a in alphabet for b in alphabet for c in alphabet]
    paths += [["layouts", a, b, c] for a in alphabet for b in alphabet for c in alphabet]
    differing = [rel for rel in map("/".join, paths) if real_inside(root, rel) != full_way(root, rel)]
    assert differing == []
    assert sum(real_inside(root, "/".join(p)) is None for p in paths) > 1000  # (links out are met)


def test_a_projects_folder_reached_through_a_link_is_its_real_folder(tmp_path: Path) -> None:
    root = plant(tmp_path)
    (tmp_path / "alias").symlink_to(root)
    assert real_inside(tmp_path / "alias", "layouts/_shortcodes/note.html") == str(
        root / "layouts/_shortcodes/note.html"
    )
    assert real_inside(tmp_path / "alias", "layouts/away/secret.html") is None


def test_a_template_linked_out_of_the_project_is_never_read(tmp_path: Path) -> None:
    root = plant(tmp_path)
    assert partial_body(root, "layouts/_shortcodes/note.html", raw=True) == "Fernhill's own words.\n"
    assert partial_body(root, "layouts/_shortcodes/inside.html", raw=True) == "Fernhill's own words.\n"
    assert partial_body(root, "layouts/parts/card.html", raw=True) == "Fernhill's own words.\n"
    for rel in (
        "layouts/_shortcodes/away.html",
        "layouts/away/secret.html",
        "layouts/up/../outside/secret.html",
    ):
        assert partial_body(root, rel, raw=True) is None
    for rel in ("layouts/_shortcodes/gone.html", "layouts/_shortcodes/loop.html", "layouts/partials", ""):
        assert partial_body(root, rel, raw=True) is None
