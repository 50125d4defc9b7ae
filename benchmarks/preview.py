"""Time the live preview: from saving an asset to its page changing on disk and the reload being announced.

    .venv/bin/python benchmarks/preview.py                       # 1,000 assets, 5 rounds
    .venv/bin/python benchmarks/preview.py --sizes 1000 10000 --rounds 5

For each size it generates a library (benchmarks/generate.py, fixed seed), starts
``stagemap serve -o FOLDER`` on it in a subprocess and, once the site is built, edits one asset
several times: a line added to its body, then its title changed in the front matter. After
each save it watches the asset's page file until it holds the change ("on disk"), then asks
the preview's version endpoint (the one open pages poll) every 5 ms until the version moves
("announced"; it moves only once the build has written, and asking that often during the
build would load the server 50 times as much as an open page does); "CPU until shown" is the user + system time the server process used from the
save until then (read from /proc, so Linux only). When `hugo` is on PATH (or in $HUGO), ``hugo server --renderToDisk`` gets the
same library and the same edits in the same run, timed on disk (its reload goes out over a
WebSocket as it writes; ``--disableFastRender``, or it re-renders only pages a browser has open).
The servers take turns, each edit once every server is idle (see `settle`), so that neither
times its edit while the other still builds. Then ``stagemap build`` with nothing changed is timed as a whole
process (median of 3). The table is printed as Markdown, ready for docs/benchmarks.md.

``--stagemap "python -m stagemap"`` times another install (with PYTHONPATH set for it).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from run import prepare_hugo, tool  # noqa: E402

from stagemap.read.racy import RACY_NS  # noqa: E402

VERSION_PATH = "/__stagemap/version"
SETTLE = 1.0
"""Seconds between two edits at the least, so each is timed on its own (see `settle`)."""
IDLE = 0.5
"""Seconds over which the servers must use next to no CPU before the next edit (see `settle`)."""
IDLE_SHARE = 0.1
"""The share of one core the servers may use together and still count as idle (a timer, a look)."""
TIMEOUT = 300.0
"""Seconds to wait for a site to be built, or for one edit to show."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(check: Callable[[], bool], timeout: float = TIMEOUT, step: float = 0.002) -> float:
    """Poll ``check`` until it is true; return when (perf_counter), or fail after ``timeout``."""
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        if check():
            return time.perf_counter()
        time.sleep(step)
    raise SystemExit(f"timed out after {timeout:.0f} s")


def holds(path: Path, marker: bytes) -> Callable[[], bool]:
    def check() -> bool:
        try:
            return marker in path.read_bytes()
        except OSError:
            return False

    return check


def answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5):
            return True
    except OSError:
        return False


def version(port: int) -> int | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{VERSION_PATH}", timeout=5) as response:
            return int(json.load(response)["version"])
    except (OSError, ValueError, KeyError):
        return None


class Edits:
    """Body and front-matter edits of one asset file, each with the text its page then shows."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self.original = source.read_text(encoding="utf-8")

    def body(self, n: int) -> bytes:
        marker = f"Benchmark marker {n} in the body."
        self.source.write_text(self.current() + f"\n{marker}\n", encoding="utf-8")
        return marker.encode()

    def front(self, n: int) -> bytes:
        title = f"Benchmark title {n}"
        lines = self.current().split("\n")
        index = next(i for i, line in enumerate(lines) if line.startswith("title:"))
        lines[index] = f'title: "{title}"'
        self.source.write_text("\n".join(lines), encoding="utf-8")
        return title.encode()

    def current(self) -> str:
        return self.source.read_text(encoding="utf-8")

    def restore(self) -> None:
        self.source.write_text(self.original, encoding="utf-8")


class Server:
    """One preview server on its own copy of the library, and the edits to time on it."""

    def __init__(
        self, name: str, argv: list[str], env: dict[str, str], source: Path, page: Path, port: int
    ) -> None:
        self.name = name
        self.edits = Edits(source)
        self.page = page
        self.port = port
        self.versioned = name != "hugo server"
        """stagemap's preview has a version endpoint; Hugo announces over a WebSocket."""
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            argv,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env={**os.environ, **env},
        )
        self.results: dict[str, list[float]] = {}

    def ready(self) -> bool:
        if self.proc.poll() is not None:
            raise SystemExit(f"{self.name} stopped with {self.proc.returncode}")
        # Hugo writes the pages before it starts watching; it answers requests after that.
        return self.page.is_file() and (
            version(self.port) is not None if self.versioned else answers(self.port)
        )

    def cpu(self) -> float:
        """Return the CPU seconds (user + system) the server process has used so far (0 outside Linux)."""
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            return 0.0
        # utime, stime, cutime, cstime: fields 14 to 17 of the line, 12 to 15 after the name.
        return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")

    def edit(self, kind: str, n: int) -> None:
        """Make one edit and time it: on disk, and announced (stagemap only); and the CPU time the server took."""
        before = version(self.port) if self.versioned else None
        cpu = self.cpu()
        announced: list[float] = []
        written = threading.Event()

        def watch() -> None:
            # The version moves only after the build has written the page, so it is asked for
            # from then on: a request every 5 ms during the build (50 times an open page's rate)
            # would be the benchmark's own load on the server, timed as the preview's.
            written.wait(TIMEOUT)
            announced.append(wait_for(lambda: version(self.port) != before, step=0.005))

        watcher = threading.Thread(target=watch, daemon=True)
        marker = self.edits.body(n) if kind == "body" else self.edits.front(n)
        start = time.perf_counter()
        if self.versioned:
            watcher.start()
        on_disk = wait_for(holds(self.page, marker))
        written.set()
        self.results.setdefault(f"{kind}, on disk", []).append(on_disk - start)
        if self.versioned:
            watcher.join(TIMEOUT)
            self.results.setdefault(f"{kind}, announced", []).append(announced[0] - start)
        self.results.setdefault(f"{kind}, CPU until shown", []).append(self.cpu() - cpu)

    def stop(self) -> None:
        self.edits.restore()
        os.killpg(self.proc.pid, signal.SIGINT)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def start_stagemap(name: str, command: list[str], env: dict[str, str], lib: Path, work: Path) -> Server:
    source, page_rel = pick_asset(lib)
    out = work / "site"
    port = free_port()
    argv = [*command, "-C", str(lib), "serve", "--port", str(port), "-o", str(out), "--as-of", "2026-11-24"]
    return Server(name, argv, env, source, out / page_rel, port)


def start_hugo(lib: Path, work: Path) -> Server | None:
    argv = prepare_hugo(lib, work)
    if argv is None:
        return None
    # Hugo does not watch through a link: give it its own copy of the content.
    content = work / "hugo" / "content"
    content.unlink()
    shutil.copytree(lib / "content", content)
    source, _ = pick_asset(lib)
    rel = source.relative_to(lib / "content").with_suffix("")
    port = free_port()
    # Without --disableFastRender Hugo re-renders only the pages a browser has open.
    server = [argv[0], "server", "-s", str(work / "hugo"), "-d", str(work / "out"), "--renderToDisk"]
    server += ["--disableFastRender", "--port", str(port), "--bind", "127.0.0.1"]
    return Server(
        "hugo server", server, {}, content / rel.with_suffix(".md"), work / "out" / rel / "index.html", port
    )


def time_servers(servers: list[Server], rounds: int) -> None:
    """Start every server, then make the edits on each in turn (each once all are idle), so that a drift in the machine's speed slows all alike."""
    for server in servers:
        print(f"  starting {server.name}", file=sys.stderr, flush=True)
        wait_for(server.ready, step=0.05)
        server.results["first build, served"] = [time.perf_counter() - server.started]
    for n in range(rounds):
        for kind in ("body", "front"):
            for server in servers:
                waited = settle(servers)
                print(
                    f"  {server.name}: {kind} edit {n + 1} (idle after {waited:.2f} s)",
                    file=sys.stderr,
                    flush=True,
                )
                server.edit(kind, n)


def settle(servers: list[Server]) -> float:
    """Wait `SETTLE` seconds, then until no server is busy; return the seconds waited.

    A server's page can change on disk before it is done (Hugo went on working for seconds
    after it): the next edit, on another server, must not share the cores with that work.
    Outside Linux, where the CPU time is not read, this waits `SETTLE` and one `IDLE`.
    """
    start = time.perf_counter()
    time.sleep(SETTLE)
    while time.perf_counter() - start < TIMEOUT:
        used = sum(server.cpu() for server in servers)
        time.sleep(IDLE)
        if sum(server.cpu() for server in servers) - used <= IDLE * IDLE_SHARE:
            return time.perf_counter() - start
    raise SystemExit(f"the servers were still busy after {TIMEOUT:.0f} s")


def settle_files(folder: Path, window_ns: int = RACY_NS) -> float:
    """Wait until every file under ``folder`` was last changed ``window_ns`` ago or more; return the wait.

    A build does not let a file saved that recently vouch for itself (stagemap/read/racy.py),
    so the build after it reads the library again: the edits end by restoring their file, and
    a rebuild timed right after them took 2.47 s at 10,000 assets where the next took 0.3 s.
    """
    newest = max((p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()), default=0)
    wait = max(0.0, (newest + window_ns - time.time_ns()) / 1e9)
    time.sleep(wait)
    return wait


def bench_rebuild(command: list[str], env: dict[str, str], work: Path) -> list[float]:
    """Time ``stagemap build`` with nothing changed (after one build), as a whole process."""
    argv = [*command, "-C", str(work / "lib"), "build", "-o", str(work / "built"), "--as-of", "2026-11-24"]
    environ = {**os.environ, **env}
    settle_files(work / "lib")
    subprocess.run(argv, check=True, capture_output=True, env=environ)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, env=environ)
        times.append(time.perf_counter() - start)
    return times


def pick_asset(lib: Path) -> tuple[Path, str]:
    """Return an asset file in the middle of the library and its page's path in the site."""
    files = sorted((lib / "content").rglob("*.md"))
    source = files[len(files) // 2]
    return source, "assets/" + source.relative_to(lib / "content").with_suffix("").as_posix() + ".html"


def parse_command(text: str) -> tuple[list[str], dict[str, str]]:
    """Split a command line; leading NAME=value words set the environment."""
    words = shlex.split(text)
    env = {}
    while words and "=" in words[0] and not words[0].startswith(("/", ".")):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    return words, env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--stagemap", default=str(Path(sys.executable).with_name("stagemap")))
    parser.add_argument(
        "--compare",
        metavar="LABEL=COMMAND",
        action="append",
        default=[],
        help='Another stagemap to time in the same run, e.g. before="PYTHONPATH=old/src python -m stagemap".',
    )
    parser.add_argument("--no-hugo", action="store_true", help="Leave Hugo out even when installed.")
    args = parser.parse_args()
    commands = {"stagemap": parse_command(args.stagemap)}
    for item in args.compare:
        label, _, text = item.partition("=")
        commands[f"stagemap ({label})"] = parse_command(text)
    hugo = None if args.no_hugo else tool("hugo")
    print(f"Python {platform.python_version()}, {os.cpu_count()} cores, hugo: {hugo or 'not installed'}")
    print("\n| Assets | Tool | Measure | Median (s) | Min (s) | Max (s) |\n|---:|---|---|---:|---:|---:|")
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="stagemap-preview-bench-") as tmp:
            lib = Path(tmp) / "lib"
            generate(size, lib)
            servers: list[Server] = []
            rebuilds: dict[str, list[float]] = {}
            try:
                for i, (name, (command, env)) in enumerate(commands.items()):
                    work = Path(tmp) / f"work-{i}"
                    shutil.copytree(lib, work / "lib")
                    servers.append(start_stagemap(f"{name} serve", command, env, work / "lib", work))
                if hugo is not None:
                    (Path(tmp) / "hugo-work").mkdir()
                    found = start_hugo(lib, Path(tmp) / "hugo-work")
                    if found is not None:
                        servers.append(found)
                time_servers(servers, args.rounds)
            finally:
                for server in servers:
                    server.stop()
            for i, (name, (command, env)) in enumerate(commands.items()):
                rebuilds[f"{name} build"] = bench_rebuild(command, env, Path(tmp) / f"work-{i}")
            rows = {**{server.name: server.results for server in servers}}
            rows.update({name: {"rebuild, nothing changed": times} for name, times in rebuilds.items()})
            for name, results in rows.items():
                for label, times in results.items():
                    print(
                        f"| {size:,} | {name} | {label} | {statistics.median(times):.3f} "
                        f"| {min(times):.3f} | {max(times):.3f} |",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
