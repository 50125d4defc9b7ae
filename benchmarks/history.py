"""Time ``stagemap diff`` and ``stagemap history`` on a generated repository, as whole processes.

    .venv/bin/python benchmarks/history.py                       # 1,000 assets, 52 weekly commits
    .venv/bin/python benchmarks/history.py --assets 1000 --weeks 52 --runs 5

It writes a library with benchmarks/generate.py (fixed seed), commits it, then makes one
commit a week for a year: each week a few new assets, and status, review date, stage and
next-step edits to about 2% of the files, like a content team's week. Then it times:

- ``history --by week --format json`` and ``--by commit`` over the whole year;
- ``diff`` of the merge base with the main branch against a work tree with edits (the CI case);
- ``diff`` between the first and the last commit;
- ``build`` of the site into a fresh folder with its history page (the default; with no
  cache, then with the figures of the commits cached) and with ``history: false``, a rebuild that changes nothing, and a rebuild after one front-matter
  edit (the overview, which shows the small history chart, is rendered again): the extra
  time of the history page.

Figures are medians of several runs, each a fresh process (so nothing is reused between runs).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import STAGES, generate  # noqa: E402

STAGEMAP = [str(Path(sys.executable).with_name("stagemap"))]
START = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)


def git(repo: Path, *args: str, when: dt.datetime | None = None) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when.isoformat()
    base = [
        "git",
        "-c",
        "user.name=Bench",
        "-c",
        "user.email=bench@example.com",
        "-c",
        "init.defaultBranch=main",
    ]
    subprocess.run([*base, *args], cwd=repo, check=True, capture_output=True, env=env)


def edit(path: Path, rng: random.Random, week: dt.date) -> None:
    """Change one front-matter field of an asset the way a team would."""
    text = path.read_text("utf-8")
    kind = rng.randrange(4)
    if kind == 0:
        text = re.sub(
            r"^status: .*$",
            f"status: {rng.choice(['published', 'retired', 'review'])}",
            text,
            count=1,
            flags=re.M,
        )
    elif kind == 1:
        day = week + dt.timedelta(days=rng.randint(-30, 200))
        text = re.sub(r"^updated: .*$", f"updated: {week}\nreview_by: {day}", text, count=1, flags=re.M)
        text = re.sub(r"^(review_by: .*\n)(review_by: .*\n)", r"\1", text, flags=re.M)
    elif kind == 2:
        text = re.sub(r"^stages: .*$", f"stages: [{rng.choice(STAGES)}]", text, count=1, flags=re.M)
    else:
        text = re.sub(
            r"^title: .*$", f'title: "Revised {week}"\nnext: {rng.choice(STAGES)}', text, count=1, flags=re.M
        )
    path.write_text(text, "utf-8")


def build(repo: Path, assets: int, weeks: int) -> None:
    generate(assets, repo)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "library", when=START - dt.timedelta(days=1))
    rng = random.Random(11)
    files = sorted((repo / "content").rglob("*.md"))
    made = 0
    for week in range(weeks):
        when = START + dt.timedelta(weeks=week)
        for path in rng.sample(files, max(1, assets // 50)):
            edit(path, rng, when.date())
        for _ in range(rng.randint(1, 4)):
            source = rng.choice(files)
            new = source.with_name(f"new-{made:04d}.md")
            made += 1
            new.write_text(source.read_text("utf-8"), "utf-8")
            files.append(new)
        git(repo, "add", "-A")
        git(repo, "commit", "-qm", f"week {week}", when=when)
    git(repo, "checkout", "-qb", "feature")
    for path in rng.sample(files, 20):
        edit(path, rng, (START + dt.timedelta(weeks=weeks)).date())


def timed(argv: list[str], cwd: Path, runs: int) -> tuple[float, float, float, float]:
    """Return the median, min and max wall time and the median CPU time (user + system, git
    included) of several runs; CPU time is the steadier figure on a busy machine."""
    times, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(argv, cwd=cwd, capture_output=True)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(argv)} failed:\n{done.stderr.decode()[-2000:]}")
    return statistics.median(times), min(times), max(times), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assets", type=int, default=1000)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        start = time.perf_counter()
        build(repo, args.assets, args.weeks)
        print(
            f"built {args.weeks + 1} commits of {args.assets} assets in {time.perf_counter() - start:.1f} s\n"
        )
        cases = [
            ("history --by week --format json", ["history", "--by", "week", "--format", "json"]),
            ("history --by commit --format svg", ["history", "--by", "commit", "--format", "svg"]),
            ("diff (merge base vs work tree)", ["diff", "--as-of", "2027-01-04"]),
            (
                "diff (first vs last commit)",
                ["diff", "main~" + str(args.weeks), "main", "--as-of", "2027-01-04"],
            ),
            ("report --format json (for scale)", ["report", "--format", "json", "--as-of", "2027-01-04"]),
        ]
        print("| Command | Median (s) | Min (s) | Max (s) | CPU, median (s) |\n|---|---:|---:|---:|---:|")
        for label, argv in cases:
            median, low, high, cpu = timed([*STAGEMAP, *argv], repo, args.runs)
            print(f"| {label} | {median:.3f} | {low:.3f} | {high:.3f} | {cpu:.3f} |")
        for label, argv in site_cases(repo, Path(tmp) / "site"):
            median, low, high, cpu = timed(argv, repo, args.runs)
            print(f"| {label} | {median:.3f} | {low:.3f} | {high:.3f} | {cpu:.3f} |")
        settings = repo / "stagemap.yml"
        kept = settings.read_text("utf-8")
        settings.write_text(kept + "history: false\n", "utf-8")
        median, low, high, cpu = timed(site_cases(repo, Path(tmp) / "site")[1][1], repo, args.runs)
        print(f"| build, fresh folder, history: false | {median:.3f} | {low:.3f} | {high:.3f} | {cpu:.3f} |")
        settings.write_text(kept, "utf-8")


def site_cases(repo: Path, out: Path) -> list[tuple[str, list[str]]]:
    """Builds of the site as shell commands: fresh, unchanged, after one front-matter edit."""
    build = " ".join([*STAGEMAP, "build", "-o", str(out), "--as-of", "2027-01-04"])
    target = sorted((repo / "content").rglob("*.md"))[0]
    # A format that grows by a letter each run: valid front matter, a new value every time.
    edit = f"sed -i 's/^format: \\(.*\\)$/format: \\1x/' {target}"
    return [
        (
            "build, fresh folder, history not cached",
            ["sh", "-c", f"rm -rf {out} {repo / '.stagemap-cache' / 'history-v1.json'} && {build}"],
        ),
        ("build, fresh folder, history page", ["sh", "-c", f"rm -rf {out} && {build}"]),
        ("rebuild, nothing changed", ["sh", "-c", build]),
        ("rebuild after one front-matter edit", ["sh", "-c", f"{edit} && {build}"]),
    ]


if __name__ == "__main__":
    main()
