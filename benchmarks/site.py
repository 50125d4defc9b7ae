"""Measure the weight of the built site and how fast its heaviest page loads and searches.

    python benchmarks/site.py [--size 10000] [--rounds 3] [--library DIR] [--site DIR]

Generates the benchmark library (benchmarks/generate.py) unless ``--library`` names one,
builds it with ``python -m stagemap build`` (so ``PYTHONPATH=/other/src`` measures another
version), then reports the largest page, the largest search index file, the index's total
size, and, in headless Chromium (/usr/bin/chromium, driven by Playwright as the browser tests
do), the time to load the heaviest page and ``assets.html`` from ``file://`` and the time
from typing a word in the header's search box to the first results, at desktop and phone
size: the median of ``--rounds`` runs, each in a fresh browser context (nothing cached).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
QUERY = "boiler"


def build(library: Path, site: Path) -> tuple[float, float]:
    """Build the site from scratch; return its wall and CPU seconds (user + system)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "stagemap",
            "-C",
            str(library),
            "build",
            "-o",
            str(site),
            "--as-of",
            "2026-11-24",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "STAGEMAP_NO_CACHE": "1"},
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def weights(site: Path) -> dict[str, Any]:
    """The largest page, the largest search file and the index's total size, in bytes."""
    pages = {p: p.stat().st_size for p in site.rglob("*.html")}
    index = {p: p.stat().st_size for p in (site / "static").rglob("search*") if p.is_file()}
    index |= {p: p.stat().st_size for p in (site / "static").rglob("search/*.js")}
    heaviest = max(pages, key=lambda p: pages[p])
    largest = max(index, key=lambda p: index[p])
    over = sum(1 for n in pages.values() if n >= 1_000_000)
    return {
        "pages": len(pages),
        "heaviest": heaviest.relative_to(site).as_posix(),
        "heaviest_bytes": pages[heaviest],
        "pages_over_1mb": over,
        "largest_index_file": largest.relative_to(site).as_posix(),
        "largest_index_bytes": index[largest],
        "index_files": len(index),
        "index_bytes": sum(index.values()),
    }


def timings(browser: Any, url: str, size: dict[str, int]) -> tuple[float, float]:
    """Load ``url`` and search it in a fresh context: seconds to the load event, then to first results."""
    context = browser.new_context(viewport=size)
    try:
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url, wait_until="load", timeout=120_000)
        loaded = time.perf_counter() - start
        box = page.get_by_label("Find an asset")
        start = time.perf_counter()
        box.fill(QUERY)
        page.wait_for_selector("#site-results li", timeout=120_000)
        return loaded, time.perf_counter() - start
    finally:
        context.close()


def browse(site: Path, pages: list[str], rounds: int) -> list[tuple[str, str, float, float]]:
    """Median load and search seconds of each page at each size."""
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            for name in pages:
                for label, size in SIZES.items():
                    runs = [timings(browser, (site / name).as_uri(), size) for _ in range(rounds)]
                    load = statistics.median(r[0] for r in runs)
                    find = statistics.median(r[1] for r in runs)
                    rows.append((name, label, load, find))
        finally:
            browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--library", type=Path, help="an existing library to build (else one is generated)")
    parser.add_argument("--site", type=Path, help="where to build (else a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="stagemap-site-") as temp:
        library = args.library or Path(temp) / "library"
        if args.library is None:
            generate(args.size, library)
        site = args.site or Path(temp) / "site"
        wall, cpu = build(library, site)
        print(f"build from scratch: {wall:.2f} s wall, {cpu:.2f} s CPU")
        found = weights(site)
        for key, value in found.items():
            print(f"{key}: {value:,}" if isinstance(value, int) else f"{key}: {value}")
        shown = sorted({found["heaviest"], "assets.html"})
        print("| Page | Size | Load (s) | First results (s) | Loaded and searchable (s) |")
        print("|---|---|---:|---:|---:|")
        for name, label, load, find in browse(site, shown, args.rounds):
            print(f"| `{name}` | {label} | {load:.3f} | {find:.3f} | {load + find:.3f} |")


if __name__ == "__main__":
    main()
