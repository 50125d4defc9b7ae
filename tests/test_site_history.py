"""The site's history page and the overview's small chart, drawn from the git history of a test repository."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import stagemap.write.publish
import stagemap.write.timeline
from stagemap import load_project
from stagemap.errors import ConfigError
from stagemap.read.git import Git, GitError, Revision
from stagemap.read.gitplace import rev_parse_lines
from stagemap.write.publish import build_into
from tests.test_diff import build_repo, commit_all, git, write

AS_OF = dt.date(2026, 4, 1)
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("site-history")
    build_repo(folder / "repo", commits=12, seed=5)
    yield folder / "repo"


def build(project: Path, out: Path, as_of: dt.date = AS_OF) -> stagemap.write.publish.Published:
    return build_into(load_project(project), out, as_of)


def test_site_history_page_golden(repo: Path, tmp_path: Path, golden: Callable[[str, str], None]) -> None:
    build(repo, tmp_path / "site")
    golden("site-history/history.html", (tmp_path / "site/history.html").read_text("utf-8"))


def test_site_history_page_has_accessible_charts_and_a_table_of_every_point(
    repo: Path, tmp_path: Path
) -> None:
    build(repo, tmp_path / "site")
    html = (tmp_path / "site/history.html").read_text("utf-8")
    # Two inline charts, each an image with its own title and description (ids never clash).
    for ident in ("history-lines", "history-grid"):
        start = html.index(f'aria-labelledby="{ident}-title {ident}-desc"')
        chart = html[html.rindex("<svg", 0, start) : html.index("</svg>", start) + 6]
        root = ET.fromstring(chart)
        assert root.get("role") == "img"
        assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
    # The text alternative: one table row per weekly point (12 weeks, the first from 5 January).
    table = html[html.index('<table class="history">') : html.index("</table>")]
    assert table.count('<th scope="row">2026-W') == 12
    assert '<th scope="row">2026-W02</th><td>2026-01-05</td>' in table


def test_site_overview_links_its_small_chart_to_the_history_page(repo: Path, tmp_path: Path) -> None:
    build(repo, tmp_path / "site")
    html = (tmp_path / "site/index.html").read_text("utf-8")
    assert 'aria-labelledby="overview-chart-title overview-chart-desc"' in html
    assert html.count('href="history.html"') == 2


def test_site_history_is_the_same_bytes_from_the_same_repository(repo: Path, tmp_path: Path) -> None:
    build(repo, tmp_path / "one")
    build(repo, tmp_path / "two")
    for page in ("history.html", "index.html"):
        assert (tmp_path / "one" / page).read_bytes() == (tmp_path / "two" / page).read_bytes()


def test_site_outside_git_has_no_history_page_and_no_link_to_it(sample: Path, tmp_path: Path) -> None:
    build(sample, tmp_path / "site", dt.date(2026, 11, 24))
    assert not (tmp_path / "site/history.html").exists()
    assert not any("history.html" in p.read_text("utf-8") for p in (tmp_path / "site").rglob("*.html"))


def test_site_history_setting_false_switches_the_page_off(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    build_repo(repo, commits=3, seed=2)
    text = (repo / "stagemap.yml").read_text("utf-8")
    (repo / "stagemap.yml").write_text(text + "history: false\n", "utf-8")
    build(repo, tmp_path / "site")
    assert not (tmp_path / "site/history.html").exists()
    assert "history.html" not in (tmp_path / "site/index.html").read_text("utf-8")


def test_site_history_setting_by_month_gives_a_point_per_month(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    build_repo(repo, commits=8, seed=2)
    text = (repo / "stagemap.yml").read_text("utf-8")
    (repo / "stagemap.yml").write_text(text + "history:\n  by: month\n  months: 6\n", "utf-8")
    build(repo, tmp_path / "site")
    html = (tmp_path / "site/history.html").read_text("utf-8")
    assert html.count('<th scope="row">2026-0') == 2  # January and February


def test_history_setting_of_the_wrong_shape_is_a_settings_error(tmp_path: Path) -> None:
    write(tmp_path, {"stagemap.yml": "name: X\nhistory:\n  by: year\n  months: 0\n"})
    with pytest.raises(ConfigError) as caught:
        load_project(tmp_path)
    assert "'by' must be commit, week or month" in str(caught.value)
    assert "'months' must be a whole number from 1 to 120" in str(caught.value)


def test_site_history_is_read_again_only_when_a_commit_lands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    build_repo(repo, commits=4, seed=4)
    out = tmp_path / "site"
    build(repo, out)
    read = stagemap.write.publish.read_history
    calls: list[int] = []

    def counted(*args: object) -> object:
        calls.append(1)
        return read(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(stagemap.write.publish, "read_history", counted)
    again = build(repo, out)
    assert (again.changed, calls) == ((), [])
    # A commit that changes nothing in the library still adds a point: both pages change.
    write(repo, {"content/notes.txt": "still not an asset\n"})
    commit_all(repo, "notes", dt.datetime.combine(AS_OF, dt.time(9), dt.UTC) - dt.timedelta(days=1))
    figures = stagemap.write.timeline._figures
    analysed: list[str] = []

    def counted_figures(reader: object, rev: Revision) -> object:
        analysed.append(rev.commit)
        return figures(reader, rev)  # type: ignore[arg-type]

    monkeypatch.setattr(stagemap.write.timeline, "_figures", counted_figures)
    landed = build(repo, out)
    assert set(landed.changed) == {"history.html", "index.html"}
    # Read once, and only the new commit is analysed: the others' figures are cached.
    assert calls == [1]
    assert analysed == [git(repo, "rev-parse", "HEAD").strip()]


def test_site_history_from_the_cache_is_the_same_as_read_afresh(repo: Path, tmp_path: Path) -> None:
    build(repo, tmp_path / "one")
    shutil.rmtree(repo / ".stagemap-cache")
    build(repo, tmp_path / "two")
    assert (tmp_path / "one/history.html").read_bytes() == (tmp_path / "two/history.html").read_bytes()


def test_site_history_lists_the_commits_again_only_when_what_decides_them_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Listing the span's commits walked the history at every build (40 to 190 ms over a thousand
    commits); they are kept by the commit checked out, the folder and the dates."""
    repo = tmp_path / "repo"
    build_repo(repo, commits=4, seed=4)
    listed: list[str] = []
    commits = Git.commits

    def counted(self: Git, *args: Any) -> list[Revision]:
        listed.append(self.head or "")
        return commits(self, *args)

    monkeypatch.setattr(Git, "commits", counted)
    first = git(repo, "rev-parse", "HEAD").strip()
    build(repo, tmp_path / "one")
    build(repo, tmp_path / "one")
    assert listed == [first]
    build(repo, tmp_path / "one", AS_OF + dt.timedelta(days=1))
    assert listed == [first, first]
    git(repo, "checkout", "-q", "HEAD~1")
    build(repo, tmp_path / "older")
    older = git(repo, "rev-parse", "HEAD").strip()
    assert listed == [first, first, older]
    # What was kept shows what a fresh listing shows.
    git(repo, "checkout", "-q", "-")
    build(repo, tmp_path / "kept")
    shutil.rmtree(repo / ".stagemap-cache")
    build(repo, tmp_path / "fresh")
    assert listed == [first, first, older, first, first]
    assert (tmp_path / "kept/history.html").read_bytes() == (tmp_path / "fresh/history.html").read_bytes()
    assert (tmp_path / "older/history.html").read_bytes() != (tmp_path / "kept/history.html").read_bytes()


def test_git_is_not_started_for_a_project_outside_any_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR"):
        monkeypatch.delenv(name, raising=False)
    started: list[object] = []

    def run(*args: object, **kwargs: object) -> None:
        started.append(args)
        raise FileNotFoundError("git")

    monkeypatch.setattr(subprocess, "run", run)
    with pytest.raises(GitError, match="is not inside a git repository"):
        Git(tmp_path)
    assert started == []
    # A repository the environment names is left to git to find.
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "elsewhere.git"))
    with pytest.raises(GitError, match="git is not installed"):
        Git(tmp_path)
    assert len(started) == 1


@pytest.mark.parametrize(
    ("out", "parts"),
    [
        ("/srv/site\nsha1\nfalse\n" + "a" * 40 + "\n", ("/srv/site", "sha1", "false", "a" * 40)),
        ("/srv/site\nsha256\ntrue\n", ("/srv/site", "sha256", "true", None)),
        ("/srv/odd\nname\nsha1\nfalse\n" + "b" * 40 + "\n", ("/srv/odd\nname", "sha1", "false", "b" * 40)),
        ("/srv/odd\ntrue\nsha1\nfalse\n", ("/srv/odd\ntrue", "sha1", "false", None)),
    ],
)
def test_rev_parse_lines_are_read_from_the_end(out: str, parts: tuple[str, str, str, str | None]) -> None:
    assert rev_parse_lines(out) == parts
