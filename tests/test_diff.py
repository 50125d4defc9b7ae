"""``stagemap diff``: coverage change between git revisions, read without a checkout.

The repository is built here: a few dozen weekly commits of a generated library that grows,
retires, goes stale, is retagged and breaks next steps. Each revision's analysis is compared
with ``report``'s on the same revision exported into its own folder.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import random
import subprocess
import tarfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from stagemap.analyse.coverage import analyse
from stagemap.analyse.diff import diff
from stagemap.cli import cli
from stagemap.model.library import Library
from stagemap.model.report import Report
from stagemap.read.git import Git, GitError, Revisions
from stagemap.read.project import load_project
from tests.conftest import MINIMAL_CONFIG, write
from tests.fixture_sites import copy_site

STAGES = [
    "awareness",
    "exploration",
    "commitment",
    "evaluation",
    "purchase",
    "onboarding",
    "adoption",
    "advocacy",
]
QUESTIONS = ["who-we-are", "problems", "who-for", "risk"]
START = dt.datetime(2026, 1, 5, 12, 0, tzinfo=dt.UTC)
COMMITS = 30


def git(repo: Path, *args: str, when: dt.datetime | None = None) -> str:
    """Run git in ``repo`` with a fixed identity, no user configuration and an optional date."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when.isoformat()
    base = [
        "git",
        "-c",
        "user.name=Test",
        "-c",
        "user.email=test@example.com",
        "-c",
        "init.defaultBranch=main",
    ]
    done = subprocess.run([*base, *args], cwd=repo, capture_output=True, text=True, check=True, env=env)
    return done.stdout


def commit_all(repo: Path, message: str, when: dt.datetime) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message, when=when)
    return git(repo, "rev-parse", "HEAD").strip()


def asset_text(fields: dict[str, object]) -> str:
    lines = ["---"]
    for key, value in fields.items():
        if isinstance(value, list):
            lines.append(f"{key}: [{', '.join(value)}]")
        else:
            lines.append(f"{key}: {value}")
    return "\n".join([*lines, "---", "", "Body text.", ""])


class Library_:
    """A library that changes a little each week, written to a work tree."""

    def __init__(self, root: Path, seed: int) -> None:
        self.root = root
        self.rng = random.Random(seed)
        self.assets: dict[str, dict[str, object]] = {}
        self.made = 0

    def add(self, week: dt.date) -> None:
        rng = self.rng
        name = f"{rng.choice(['blog', 'guides', 'sales'])}/a{self.made:03d}"
        self.made += 1
        first = rng.randrange(len(STAGES))
        fields: dict[str, object] = {
            "title": f"Asset {self.made}",
            "stages": STAGES[first : first + rng.choice([1, 1, 2])],
            "questions": rng.sample(QUESTIONS, rng.choice([1, 2])),
            "status": rng.choice(["published"] * 5 + ["draft", "retired"]),
        }
        if rng.random() < 0.4:
            fields["personas"] = [rng.choice(["owner", "manager"])]
        if rng.random() < 0.6:
            fields["review_by"] = (week + dt.timedelta(days=rng.randint(-20, 120))).isoformat()
        if self.assets and rng.random() < 0.7:
            fields["next"] = rng.choice([*self.assets, rng.choice(STAGES), "nowhere/missing"])
        self.assets[name] = fields

    def change(self, week: dt.date) -> None:
        """Make one edit of a kind a team makes: retire, retag, re-date, re-point or delete."""
        rng = self.rng
        name = rng.choice(sorted(self.assets))
        fields = self.assets[name]
        kind = rng.randrange(5)
        if kind == 0:
            fields["status"] = rng.choice(["published", "retired", "review"])
        elif kind == 1:
            fields["stages"] = [rng.choice(STAGES)]
        elif kind == 2:
            fields["review_by"] = (week + dt.timedelta(days=rng.randint(-10, 60))).isoformat()
        elif kind == 3:
            fields["next"] = rng.choice([*self.assets, "gone/asset"])
        elif len(self.assets) > 5:
            del self.assets[name]

    def write(self) -> None:
        content = self.root / "content"
        for path in sorted(content.rglob("*.md")) if content.is_dir() else []:
            if not path.relative_to(content).as_posix().startswith("."):
                path.unlink()
        write(self.root, {f"content/{name}.md": asset_text(f) for name, f in self.assets.items()})


def build_repo(repo: Path, *, commits: int = COMMITS, project: str = "", seed: int = 3) -> list[str]:
    """Make a repository of weekly commits of a generated library; return the commit ids."""
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q")
    root = repo / project if project else repo
    write(repo, {"README.txt": "not part of the project\n"})
    shas = [commit_all(repo, "start", START - dt.timedelta(days=3))]
    lib = Library_(root, seed)
    config = MINIMAL_CONFIG
    for week in range(commits):
        when = START + dt.timedelta(weeks=week)
        for _ in range(lib.rng.randint(1, 3)):
            lib.add(when.date())
        for _ in range(lib.rng.randint(0, 3)):
            lib.change(when.date())
        if week == commits // 2:
            # The settings change too: a higher bar and a new persona (a new vocabulary).
            config = MINIMAL_CONFIG + "  - id: director\n    name: Director\nthresholds:\n  covered: 3\n"
        files: dict[str, str | bytes] = {
            "stagemap.yml": config,
            "content/.drafts/hidden.md": "---\ntitle: hidden\n---\n",
            "content/notes.txt": "not an asset\n",
            "content/broken.md": "---\ntitle: [unclosed\n---\n"
            if week % 7 == 3
            else "---\ntitle: Fine\n---\n",
        }
        write(root, files)
        lib.write()
        shas.append(commit_all(repo, f"week {week}", when))
    return shas


def checked_out(repo: Path, commit: str, dest: Path, project: str = "") -> Path:
    """Export a commit's files into ``dest`` (as a checkout would) and return the project folder."""
    data = subprocess.run(
        ["git", "archive", "--format=tar", commit], cwd=repo, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        archive.extractall(dest, filter="data")
    return dest / project if project else dest


def report_of(folder: Path, as_of: dt.date) -> tuple[Report, Library]:
    project = load_project(folder, bodies=False)
    return analyse(project.config, project.library, as_of), project.library


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[str]]]:
    folder = tmp_path_factory.mktemp("repo")
    shas = build_repo(folder)
    yield folder, shas


def run(folder: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(folder), *args], env={"NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


# -- reading revisions ------------------------------------------------------------------------
def test_revisions_read_the_same_library_and_cells_as_a_checkout(
    repo: tuple[Path, list[str]], tmp_path: Path
) -> None:
    folder, shas = repo
    day = dt.date(2026, 4, 1)
    with Git(folder) as g:
        reader, quick = Revisions(g), Revisions(g, problems=False)
        for i, sha in enumerate(shas[1:], 1):
            snap, fast = reader.at(g.resolve(sha)), quick.at(g.resolve(sha))
            assert snap is not None and fast is not None
            expected, library = report_of(checked_out(folder, sha, tmp_path / str(i)), day)
            assert snap.library == library
            assert (fast.library.assets, fast.library.problems) == (library.assets, ())
            assert analyse(snap.config, snap.library, day).cells == expected.cells


def test_revisions_at_a_commit_without_settings_is_none(repo: tuple[Path, list[str]]) -> None:
    folder, shas = repo
    with Git(folder) as g:
        assert Revisions(g).at(g.resolve(shas[0])) is None


def test_revisions_in_a_subfolder_project_match_a_checkout(tmp_path: Path) -> None:
    shas = build_repo(tmp_path / "repo", commits=6, project="marketing", seed=11)
    day = dt.date(2026, 2, 1)
    with Git(tmp_path / "repo" / "marketing") as g:
        assert g.prefix == "marketing/"
        snap = Revisions(g).at(g.resolve(shas[-1]))
    assert snap is not None
    expected, library = report_of(
        checked_out(tmp_path / "repo", shas[-1], tmp_path / "out", "marketing"), day
    )
    assert snap.library == library
    assert analyse(snap.config, snap.library, day).cells == expected.cells


def test_revisions_read_a_model_file_from_the_commit(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    model = "id: two\nname: Two\nstages:\n  - {id: look, name: Look, phase: before, lead: marketing}\n  - {id: buy, name: Buy, phase: at, lead: sales}\n"
    write(
        repo,
        {
            "stagemap.yml": "model: journey.yml\n",
            "journey.yml": model,
            "content/a.md": "---\ntitle: A\nstages: [look]\nquestions: [risk]\n---\n",
        },
    )
    first = commit_all(repo, "two stages", START)
    write(repo, {"journey.yml": model.replace("Buy, phase: at", "Purchase, phase: at")})
    (repo / "journey.yml").write_text("not: [a model", encoding="utf-8")  # the work tree is broken
    with Git(repo) as g:
        snap = Revisions(g).at(g.resolve(first))
    assert snap is not None
    assert [s.name for s in snap.config.model.stages] == ["Look", "Buy"]


def test_git_outside_a_repository_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "plain", {"stagemap.yml": MINIMAL_CONFIG, "content/.keep": ""})
    with pytest.raises(GitError, match="is not inside a git repository"):
        Git(tmp_path / "plain")


# -- diff, the analysis -----------------------------------------------------------------------
def test_diff_lists_the_cells_whose_state_changed_between_checkouts(
    repo: tuple[Path, list[str]], tmp_path: Path
) -> None:
    folder, shas = repo
    day = dt.date(2026, 5, 1)
    for i, (old, new) in enumerate(zip(shas[1:-1:4], shas[2::4], strict=False)):
        code, out, _ = run(folder, "diff", old, new, "--format", "json", "--as-of", day.isoformat())
        assert code == 0
        before, _ = report_of(checked_out(folder, old, tmp_path / f"{i}a"), day)
        after, _ = report_of(checked_out(folder, new, tmp_path / f"{i}b"), day)
        expected = [
            [a.stage, a.question, b.state, a.state, b.count, a.count]
            for a, b in zip(after.cells, before.cells, strict=True)
            if a.state != b.state
        ]
        got = [
            [c[k] for k in ("stage", "question", "before", "after", "count_before", "count_after")]
            for c in json.loads(out)["cells"]
        ]
        assert got == expected


def test_diff_reports_assets_added_removed_retired_stale_and_retagged(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    a = {"title": "A", "stages": ["awareness"], "questions": ["risk"], "next": "evaluation"}
    b = {"title": "B", "stages": ["evaluation"], "questions": ["risk"]}
    c = {"title": "C", "stages": ["purchase"], "questions": ["risk"], "review_by": "2027-01-01"}
    write(
        repo,
        {
            "stagemap.yml": MINIMAL_CONFIG,
            **{f"content/{k}.md": asset_text(v) for k, v in {"a": a, "b": b, "c": c}.items()},
        },
    )
    base = commit_all(repo, "base", START)
    a2 = {**a, "next": "gone"}
    b2 = {**b, "status": "retired"}
    c2 = {**c, "review_by": "2026-01-01", "questions": ["risk", "problems"]}
    d = {"title": "D", "stages": ["advocacy"], "questions": ["who-for"]}
    (repo / "content" / "a.md").unlink()
    write(repo, {f"content/{k}.md": asset_text(v) for k, v in {"a2": a2, "b": b2, "c": c2, "d": d}.items()})
    with Git(repo) as g:
        reader = Revisions(g)
        old = reader.at(g.resolve(base))
        assert old is not None
        new = reader.worktree(old.config)
    day = dt.date(2026, 6, 1)
    result = diff(
        analyse(old.config, old.library, day),
        analyse(new.config, new.library, day),
        old.library,
        new.library,
        ("base", "work tree"),
    )
    assert (result.added, result.removed, result.retired, result.gone_stale) == (
        ("a2", "d"),
        ("a",),
        ("b",),
        ("c",),
    )
    assert [(r.asset, r.field, r.after) for r in result.retagged] == [
        ("c", "questions", ("risk", "problems"))
    ]
    assert [(i.asset, i.target, i.reason) for i in result.broken_new] == [("a2", "gone", "unknown")]
    assert result.stuck_opened == ("awareness",) and result.stuck_closed == ()
    assert ("evaluation", "risk", "thin", "empty") in [
        (x.stage, x.question, x.before, x.after) for x in result.cells
    ]


# -- diff, the command ------------------------------------------------------------------------
@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A main branch with one commit and a feature branch that breaks things, in the work tree."""
    repo = tmp_path / "small"
    repo.mkdir()
    git(repo, "init", "-q")
    files = {
        "content/a.md": asset_text(
            {"title": "A", "stages": ["awareness"], "questions": ["risk"], "next": "b"}
        ),
        "content/b.md": asset_text({"title": "B", "stages": ["exploration"], "questions": ["risk"]}),
    }
    write(repo, {"stagemap.yml": MINIMAL_CONFIG, **files})
    commit_all(repo, "base", START)
    git(repo, "checkout", "-q", "-b", "feature")
    write(
        repo,
        {"content/c.md": asset_text({"title": "C", "stages": ["exploration"], "questions": ["problems"]})},
    )
    commit_all(repo, "add c", START + dt.timedelta(days=1))
    write(
        repo,
        {
            "content/b.md": asset_text(
                {"title": "B", "stages": ["exploration"], "questions": ["risk"], "status": "retired"}
            )
        },
    )
    return repo


BASE_SHA = "bc71911b5fb4"
"""The main branch's commit in `small`: fixed content, identity and dates give a fixed id."""


def test_cli_diff_defaults_to_the_merge_base_and_the_work_tree(small: Path) -> None:
    code, out, err = run(small, "diff", "--as-of", "2026-02-01")
    assert (code, err) == (0, "")
    assert out == (
        f"Coverage change from merge-base(main, HEAD) ({BASE_SHA}) to work tree, judged on 2026-02-01\n"
        "\n"
        "Cells that changed state: 2\n"
        "  \u25b2 rise    exploration x problems  empty (0) -> thin (1)\n"
        "  \u25bc drop    exploration x risk      thin (1) -> empty (0)\n"
        "\n"
        "Stuck points opened: awareness\n"
        "Stuck points closed: none\n"
        "\n"
        "Next steps newly broken: 1\n"
        "  a -> b (retired)\n"
        "Next steps fixed: 0\n"
        "\n"
        "Assets:\n"
        "  added (1): c\n"
        "  removed (0): none\n"
        "  retired (1): b\n"
        "  gone stale (0): none\n"
        "  retagged (0): none\n"
    )


def test_cli_diff_between_two_commits_with_no_change_says_so(small: Path) -> None:
    code, out, _ = run(small, "diff", "main", "main", "--as-of", "2026-02-01")
    assert code == 0
    assert out == (
        f"Coverage change from main ({BASE_SHA}) to main ({BASE_SHA}), judged on 2026-02-01\n"
        "\n"
        "No change in coverage, next steps or assets.\n"
    )


def test_cli_diff_fail_on_exits_one_with_reasons_on_stderr(small: Path) -> None:
    code, _, err = run(small, "diff", "main", "--as-of", "2026-02-01", "--fail-on", "broken")
    assert (code, err) == (1, "regression: next step of a (content/a.md) to 'b' is broken: retired\n")
    code, _, err = run(
        small, "diff", "main", "--as-of", "2026-02-01", "--fail-on", "drop", "--fail-on", "stuck"
    )
    assert code == 1
    assert err == (
        "regression: cell exploration x risk dropped from thin to empty\n"
        "regression: stage awareness became a stuck point\n"
    )
    code, _, err = run(small, "diff", "main", "--as-of", "2026-02-01", "--fail-on", "any")
    assert (code, err.count("regression: ")) == (1, 3)
    code, _, err = run(small, "diff", "main", "--as-of", "2026-02-01")
    assert (code, err) == (0, "")


def test_cli_diff_markdown_is_a_pull_request_comment(small: Path) -> None:
    code, out, _ = run(small, "diff", "main", "--format", "md", "--as-of", "2026-02-01")
    assert code == 0
    assert out == (
        f"### Coverage change: `main ({BASE_SHA})` \u2192 `work tree`\n"
        "\n"
        "**3 regressions** (judged on 2026-02-01):\n"
        "\n"
        "- cell exploration x risk dropped from thin to empty\n"
        "- stage awareness became a stuck point\n"
        "- next step of a (content/a.md) to 'b' is broken: retired\n"
        "\n"
        "| | Cell | Before | After |\n"
        "|---|---|--:|--:|\n"
        "| \u25b2 rise | exploration \u00d7 problems | empty (0) | thin (1) |\n"
        "| \u25bc drop | exploration \u00d7 risk | thin (1) | empty (0) |\n"
        "\n"
        "- Stuck points opened: `awareness`\n"
        "- Assets added: `c`\n"
        "- Assets retired: `b`\n"
    )


def test_cli_diff_writes_nothing_into_the_repository(small: Path) -> None:
    before = git(small, "status", "--porcelain", "--ignored")
    run(small, "diff", "main", "--as-of", "2026-02-01")
    assert git(small, "status", "--porcelain", "--ignored") == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["diff", "nope"],
            "Error: unknown revision 'nope' (not a branch, tag or commit in this repository)\n",
        ),
        (["diff", "main", "--unknown"], None),
    ],
)
def test_cli_diff_usage_errors_exit_two(small: Path, args: list[str], message: str | None) -> None:
    code, _, err = run(small, *args)
    assert code == 2
    if message is not None:
        assert err == message


def test_cli_diff_outside_git_says_so(tmp_path: Path) -> None:
    write(tmp_path, {"stagemap.yml": MINIMAL_CONFIG, "content/.keep": ""})
    code, _, err = run(tmp_path, "diff")
    assert code == 2
    assert err == f"Error: '{tmp_path.resolve()}' is not inside a git repository\n"


def test_cli_diff_shallow_clone_without_merge_base_says_so(small: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(small, "commit", "-qam", "retire b", when=START + dt.timedelta(days=2))
    git(small, "checkout", "-q", "main")
    git(tmp_path, "clone", "-q", "--depth", "1", "--no-single-branch", f"file://{small}", str(clone))
    git(clone, "checkout", "-q", "feature")
    code, _, err = run(clone, "diff", "--as-of", "2026-02-01")
    assert code == 2
    assert err.startswith("Error: this is a shallow clone and the merge base of ")


def test_cli_diff_without_git_says_so(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(small / "no-such-bin"))
    code, _, err = run(small, "diff")
    assert code == 2
    assert err == "Error: git is not installed (or not on PATH): reading revisions needs it\n"


def test_cli_diff_without_a_main_branch_asks_for_the_base(tmp_path: Path) -> None:
    write(tmp_path, {"stagemap.yml": MINIMAL_CONFIG, "content/.keep": ""})
    git(tmp_path, "init", "-q", "-b", "trunk")
    commit_all(tmp_path, "start", START)
    code, _, err = run(tmp_path, "diff")
    assert code == 2
    assert (
        err == "Error: cannot tell the main branch (no main, master or origin/HEAD); name the base revision\n"
    )


def test_cli_diff_at_a_commit_without_settings_says_so(repo: tuple[Path, list[str]]) -> None:
    folder, shas = repo
    code, _, err = run(folder, "diff", shas[0], shas[1])
    assert code == 2
    assert err == f"Error: no stagemap.yml in the project folder at {shas[0]}\n"


@pytest.mark.parametrize("site", ["hugo", "gatsby", "mkdocs"])
def test_revisions_read_a_real_site_by_its_sources_and_rules_as_the_checkout_does(
    site: str, tmp_path: Path
) -> None:
    """A commit is read with the same sources, globs, endings (.mdx) and front matter (TOML) rules."""
    folder = copy_site(site, tmp_path)
    git(folder, "init", "-q")
    commit_all(folder, "site", dt.datetime(2026, 3, 1, 12, 0))
    checkout = load_project(folder, bodies=False).library
    with Git(folder) as g:
        snap = Revisions(g).at(g.resolve("HEAD"))
        worktree = Revisions(g).worktree(load_project(folder, bodies=False).config)
    assert snap is not None
    assert len(checkout.assets) >= 10 and len(checkout.fates) > len(checkout.assets)
    assert snap.library.fates == checkout.fates
    assert [replace(a, body="") for a in checkout.assets] == list(snap.library.assets)
    assert snap.library.problems == checkout.problems
    assert worktree.library == snap.library
