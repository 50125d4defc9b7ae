"""Time stagemap as whole processes on generated libraries, side by side with other generators.

    .venv/bin/python benchmarks/run.py                 # 1,000 and 10,000 assets, 5 runs each
    .venv/bin/python benchmarks/run.py --sizes 1000 --runs 3
    .venv/bin/python benchmarks/run.py --sizes 10000 --compare-up-to 10000 --tools hugo

For each size it generates a library (benchmarks/generate.py, fixed seed) and times, with
medians over several runs and the largest peak memory (maximum resident set) of its runs:

- `stagemap check` and `stagemap report --format json`, cold (no parse cache) and warm;
- a full `stagemap build` from scratch, a rebuild with nothing changed, and a rebuild after
  editing one asset.

When `mkdocs`, `pelican` or `hugo` are on PATH (or in the env var of the same name in capitals)
it builds the same library with them in the same run, their builds taking turns with stagemap's
build from scratch (see `side_by_side`), and prints stagemap's ratio to each: of the medians,
and the median of the rounds' ratios (see `round_ratios`). So does `floor` (benchmarks/floor.py,
always there): the least a Python build of the library does with stagemap's own dependencies,
which tells stagemap's own work from what any such pipeline pays.
The table is printed as Markdown, ready for docs/benchmarks.md. Before any timing, stagemap's
modules are compiled to bytecode, as installing a wheel does: otherwise an editable install on
a machine with `PYTHONDONTWRITEBYTECODE` set compiles them from source on every run.

The output of one timed build is never deleted before the next: it is moved aside (see
`Aside`) and deleted once every figure is taken. On ext4 without a journal, creating a file
skips, one at a time, every inode of its block group deleted in the last minute or more
(longer while the inode table is not yet written back): right after `rm -rf` of a
10,000-page site, the next 10,000 files took 5.5 to 7.2 s of kernel time to create here,
against 0.8 s in a quiet group. Deleting between runs timed that, not the tools, and how much of it a run paid
depended on what the machine had deleted before.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

STAGEMAP = [str(Path(sys.executable).with_name("stagemap"))]


def run_once(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int, float]:
    """Run a command; return (seconds, peak resident memory in MB, CPU seconds). Fails loudly on error.

    The peak is the largest of the process and its children (page-rendering workers). The CPU
    time (user + system, workers included) is the figure to compare on a busy machine, where
    the wall-clock time also measures everyone else's work.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed with {proc.returncode}:\n{err[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return elapsed, usage.ru_maxrss // 1024, cpu


class Aside:
    """Folders moved out of the way between timed runs, deleted once the timing is over."""

    def __init__(self, base: Path) -> None:
        self.base = base / "aside"
        self.count = 0

    def move(self, path: Path) -> None:
        """Move ``path`` (if it exists) into the aside folder, which is on the same file system."""
        if not path.exists():
            return
        self.base.mkdir(exist_ok=True)
        self.count += 1
        path.rename(self.base / str(self.count))

    def clear(self) -> None:
        """Delete what was moved aside (after the last timed run)."""
        shutil.rmtree(self.base, ignore_errors=True)


def measure(
    label: str,
    argv: list[str],
    cwd: Path,
    runs: int,
    before: Callable[[], None] | None = None,
    env: dict[str, str] | None = None,
) -> dict[str, object]:
    """Run a command ``runs`` times in a row; print and return its figures (see `summary`)."""
    row = side_by_side([Timed(label, argv, cwd, runs, before, env)])[0]
    show(row)
    return row


@dataclass
class Timed:
    """A command to time: how many runs, what to do before each, extra environment variables."""

    label: str
    argv: list[str]
    cwd: Path
    runs: int
    before: Callable[[], None] | None = None
    env: dict[str, str] | None = None
    times: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    peak: int = 0


def side_by_side(commands: list[Timed]) -> list[dict[str, object]]:
    """Time the commands in rounds, one run of each per round, and return each one's figures.

    A command with fewer runs sits out the last rounds. Alternating makes a ratio between two
    of them fair on a machine whose speed drifts: timed one after the other, minutes apart,
    stagemap's cold build took 1.3 times Hugo's time in one sitting and 2.1 times in the next,
    with next to the same code.
    """
    for round_ in range(max((c.runs for c in commands), default=0)):
        for command in commands:
            if round_ >= command.runs:
                continue
            if command.before is not None:
                command.before()
            seconds, mb, cpu = run_once(command.argv, command.cwd, command.env)
            command.times.append(seconds)
            command.cpus.append(cpu)
            command.peak = max(command.peak, mb)
    return [summary(c.label, c.times, c.cpus, c.peak) for c in commands]


def round_ratios(ours: Timed, other: Timed) -> list[float]:
    """The other command's time over ours, in each round both ran (see `side_by_side`).

    Their median moves less with the machine's drift than the ratio of the two medians: a
    slow minute slows both runs of its round.
    """
    return [theirs / mine for mine, theirs in zip(ours.times, other.times, strict=False)]


def faster(ratio: float) -> str:
    """Say a ratio of the other tool's time to stagemap's, as ``1.3x faster`` or ``1.3x slower``."""
    return f"{ratio:.1f}x faster" if ratio >= 1 else f"{1 / ratio:.1f}x slower"


def summary(label: str, times: list[float], cpus: list[float], peak: int) -> dict[str, object]:
    """The figures of a command: median, fastest and slowest time, median CPU time, peak memory."""
    return {
        "label": label,
        "median": statistics.median(times),
        "min": min(times),
        "max": max(times),
        "cpu": statistics.median(cpus),
        "peak_mb": peak,
    }


def show(row: dict[str, object]) -> None:
    """Print a command's figures on one line."""
    print(
        f"  {row['label']:<44} median {row['median']:7.3f} s  (min {row['min']:.3f}, max {row['max']:.3f})"
        f"  CPU {row['cpu']:.3f} s  peak {row['peak_mb']} MB",
        flush=True,
    )


def compile_bytecode() -> None:
    """Write stagemap's bytecode (``__pycache__``) before any timing, as installing does.

    ``pip install`` of a wheel compiles every module, and so did the other tools' installs; an
    editable install writes the bytecode on its first run, unless ``PYTHONDONTWRITEBYTECODE``
    is set (it is on some CI machines and sandboxes). Then every run would compile stagemap's
    modules from source (about 0.2 s of CPU) while the other tools load theirs compiled.
    """
    code = (
        "import compileall, pathlib, stagemap; "
        "raise SystemExit(not compileall.compile_dir(pathlib.Path(stagemap.__file__).parent, quiet=1))"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def has_build(cwd: Path) -> bool:
    result = subprocess.run([*STAGEMAP, "build", "--help"], cwd=cwd, capture_output=True)
    return result.returncode == 0


def tool(name: str) -> str | None:
    return os.environ.get(name.upper()) or shutil.which(name)


# -- other generators on the same library -------------------------------------------------------
def prepare_mkdocs(lib: Path, work: Path) -> list[str] | None:
    exe = tool("mkdocs")
    if exe is None:
        return None
    (work / "mkdocs.yml").write_text(
        f"site_name: Benchmark\ndocs_dir: {lib / 'content'}\nsite_dir: {work / 'out'}\n", encoding="utf-8"
    )
    return [exe, "build", "-q", "-f", str(work / "mkdocs.yml")]


def prepare_pelican(lib: Path, work: Path) -> list[str] | None:
    exe = tool("pelican")
    if exe is None:
        return None
    conf = work / "pelicanconf.py"
    conf.write_text(
        "AUTHOR = 'bench'\nSITENAME = 'Benchmark'\nTIMEZONE = 'UTC'\nDEFAULT_LANG = 'en'\n"
        "MARKDOWN = {'extension_configs': {'markdown.extensions.meta': {}, 'markdown.extensions.tables': {}}}\n"
        "DEFAULT_DATE = (2026, 1, 1)\nFEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\n",
        encoding="utf-8",
    )
    return [exe, str(lib / "content"), "-o", str(work / "out"), "-s", str(conf), "-q"]


def prepare_hugo(lib: Path, work: Path) -> list[str] | None:
    exe = tool("hugo")
    if exe is None:
        return None
    site = work / "hugo"
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "hugo.toml").write_text("baseURL = '/'\ntitle = 'Benchmark'\n", encoding="utf-8")
    page = "<!doctype html><title>{{ .Title }}</title><main>{{ .Content }}</main>\n"
    listing = "<!doctype html><title>{{ .Title }}</title><ul>{{ range .Pages }}<li><a href='{{ .RelPermalink }}'>{{ .Title }}</a></li>{{ end }}</ul>\n"
    (site / "layouts" / "_default" / "single.html").write_text(page, encoding="utf-8")
    (site / "layouts" / "_default" / "list.html").write_text(listing, encoding="utf-8")
    (site / "layouts" / "index.html").write_text(listing, encoding="utf-8")
    os.symlink(lib / "content", site / "content")
    return [exe, "--quiet", "-s", str(site), "-d", str(work / "out")]


def prepare_floor(lib: Path, work: Path) -> list[str]:
    return [sys.executable, str(HERE / "floor.py"), str(lib / "content"), str(work / "out")]


SLOW_TOOLS = frozenset({"mkdocs", "pelican"})
SLOW_RUNS = 3
"""The most runs a slow tool gets in one benchmark."""


def _rivals(
    lib: Path, stack: contextlib.ExitStack[bool | None], tools: tuple[str, ...], runs: int, aside: Aside
) -> list[Timed]:
    """The builds of the other tools on the same library, each in a folder of its own (its ``cwd``) until ``stack`` closes."""
    found = []
    others = (
        ("mkdocs", prepare_mkdocs),
        ("pelican", prepare_pelican),
        ("hugo", prepare_hugo),
        ("floor", prepare_floor),
    )
    for name, prepare in [o for o in others if o[0] in tools]:
        # Beside the library, where stagemap writes its site: creating a file takes much longer in
        # some folders of a disk than in others (see `main`), and /tmp may be another disk.
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix=f"{name}-", dir=lib.parent)))
        argv = prepare(lib, work)
        if argv is None:
            print(f"  {name}: not installed, skipped")
            continue
        # It runs in its work folder, where its output (``out``) goes. A slow tool (tens of
        # seconds a build) runs SLOW_RUNS times at most; Hugo as often as stagemap, for the
        # rounds compared one by one (`round_ratios`).
        times = min(runs, SLOW_RUNS) if name in SLOW_TOOLS else runs
        found.append(Timed(f"{name} build", argv, work, times, functools.partial(aside.move, work / "out")))
    return found


def bench_size(
    size: int,
    lib: Path,
    runs: int,
    rows: list[tuple[int, dict[str, object]]],
    compare: bool = True,
    tools: tuple[str, ...] = ("mkdocs", "pelican", "hugo", "floor"),
    aside: Aside | None = None,
) -> None:
    """Generate a library of ``size`` assets at ``lib`` and time every command on it."""
    aside = aside or Aside(lib.parent)
    aside.move(lib)  # an earlier run's (``--keep``), deleted after the timing like the rest
    generate(size, lib)
    print(f"{size} assets:", flush=True)
    cache = lib / ".stagemap-cache"

    def drop_cache() -> None:
        aside.move(cache)

    def drop_site() -> None:
        aside.move(lib / "site")
        drop_cache()

    measure("stagemap --help", [*STAGEMAP, "--help"], lib, runs)
    rows.append((size, measure("check, cold (no cache)", [*STAGEMAP, "check"], lib, runs, drop_cache)))
    rows.append((size, measure("check, warm", [*STAGEMAP, "check"], lib, runs)))
    report = [*STAGEMAP, "report", "--format", "json", "--as-of", "2026-11-24"]
    rows.append((size, measure("report --format json, cold", report, lib, runs, drop_cache)))
    rows.append((size, measure("report --format json, warm", report, lib, runs)))
    if has_build(lib):
        build = [*STAGEMAP, "build", "--as-of", "2026-11-24"]
        with contextlib.ExitStack() as stack:
            rivals = _rivals(lib, stack, tools, runs, aside) if compare else []
            # The other tools' builds take turns with stagemap's (see `side_by_side`).
            ours = Timed("build from scratch", build, lib, runs, drop_site)
            full, *others = side_by_side([ours, *rivals])
            for rival in rivals:
                aside.move(rival.cwd / "out")
        show(full)
        rows.append((size, full))
        rows.append((size, measure("rebuild, nothing changed", build, lib, runs)))
        slow = {"STAGEMAP_MARKDOWN": "python"}
        rows.append(
            (size, measure("build from scratch, markdown-it-py only", build, lib, runs, drop_site, slow))
        )
        serial = {"STAGEMAP_WORKERS": "1"}
        rows.append((size, measure("build from scratch, one process", build, lib, runs, drop_site, serial)))
        target = sorted((lib / "content").rglob("*.md"))[size // 2]
        original = target.read_text(encoding="utf-8")
        counter = iter(range(1_000_000))

        def touch_one() -> None:
            target.write_text(original + f"\nEdited {next(counter)}.\n", encoding="utf-8")

        rows.append((size, measure("rebuild after editing one asset", build, lib, runs, touch_one)))
        target.write_text(original, encoding="utf-8")
        for other, rival in zip(others, rivals, strict=True):
            show(other)
            rows.append((size, other))
            name = str(other["label"]).removesuffix(" build")
            ratio = float(other["median"]) / float(full["median"])
            rounds = round_ratios(ours, rival)
            print(
                f"    stagemap full build is {faster(ratio)} than {name}"
                f" (round by round: {faster(statistics.median(rounds))}, {len(rounds)} rounds)"
            )
    else:
        print("  build: this stagemap has no build command yet, skipped")
    print(flush=True)


def _bench_dir() -> Path:
    folder = HERE.parent / ".bench"
    folder.mkdir(exist_ok=True)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark stagemap on generated libraries.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--runs-large", type=int, default=3, help="Runs for sizes over 5,000.")
    parser.add_argument(
        "--compare-up-to", type=int, default=1000, help="Build with the other tools up to this size."
    )
    parser.add_argument(
        "--tools",
        nargs="+",
        choices=("mkdocs", "pelican", "hugo", "floor"),
        default=["mkdocs", "pelican", "hugo", "floor"],
        help="The other generators to compare with (MkDocs takes about 20 minutes a build at 10,000);"
        " floor is benchmarks/floor.py.",
    )
    parser.add_argument(
        "--keep", type=Path, help="Generate libraries here and keep them (else they are deleted at the end)."
    )
    args = parser.parse_args()

    # Inside the repository (ignored), not /tmp, and every tool's output beside the libraries:
    # how long creating a file takes differs between folders of one disk (0.07 to 1.05 ms here,
    # by where the file system put the folder), so all are timed in the same place.
    base = args.keep or Path(tempfile.mkdtemp(prefix="run-", dir=_bench_dir()))
    print(
        f"# stagemap benchmark: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"# {time.strftime('%Y-%m-%d')}, {args.runs} runs per figure, libraries in {base}\n", flush=True)
    compile_bytecode()
    print("# stagemap's modules compiled to bytecode first, as installing a wheel does\n", flush=True)
    rows: list[tuple[int, dict[str, object]]] = []
    aside = Aside(base)
    aside.clear()  # what a stopped run left: deleted before the libraries are written, not between runs
    try:
        for size in args.sizes:
            runs = args.runs if size <= 5000 else args.runs_large
            compare = size <= args.compare_up_to
            lib = base / f"lib{size}"
            bench_size(size, lib, runs, rows, compare=compare, tools=tuple(args.tools), aside=aside)
    finally:
        aside.clear()
        if args.keep is None:  # the generated libraries: 30 MB at 1,000 assets, 270 MB at 10,000
            shutil.rmtree(base, ignore_errors=True)

    print("| Assets | Command | Median (s) | Min (s) | Max (s) | CPU, median (s) | Peak memory (MB) |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for size, row in rows:
        print(
            f"| {size:,} | {row['label']} | {row['median']:.3f} | {row['min']:.3f} | {row['max']:.3f}"
            f" | {row['cpu']:.3f} | {row['peak_mb']} |"
        )


if __name__ == "__main__":
    main()
