"""Whole-process time of one HTML page: newsdigest against trafilatura's own command, side by side.

Usage:
    .venv/bin/python benchmarks/html_startup.py [PAGE.html ...] [--runs N]

Without pages it measures tests/data/pages/article.html. Each run starts
every command once, in turn (interleaved, so a busy moment slows all of
them alike); the medians and the ratio to ``trafilatura < PAGE`` are
printed as a Markdown table. The goal (issue: pages as sites serve them) is
newsdigest at most 1.2 times trafilatura's time on the same file.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _time(command: list[str], stdin: Path | None) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one run of ``command``."""
    with (stdin or Path(os.devnull)).open("rb") as given:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, stdin=given, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="*", type=Path, default=[ROOT / "tests" / "data" / "pages" / "article.html"])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    print(f"Load average at the start: {os.getloadavg()[0]:.2f}\n")
    print("| page | command | wall clock | ratio | CPU (user + system) | ratio |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    sample = ROOT / "data" / "sample_article.txt"
    for page in args.pages:
        commands: dict[str, tuple[list[str], Path | None]] = {
            "`trafilatura < PAGE`": ([str(BIN / "trafilatura")], page),
            "`newsdigest summarise PAGE`": ([str(BIN / "newsdigest"), "summarise", str(page)], None),
            # where the difference goes: the command's own start-up on plain text, and trafilatura's import
            "`newsdigest summarise data/sample_article.txt`": (
                [str(BIN / "newsdigest"), "summarise", str(sample)],
                None,
            ),
            "`python -c 'import trafilatura'`": ([sys.executable, "-c", "import trafilatura"], None),
        }
        runs: dict[str, list[tuple[float, float]]] = {label: [] for label in commands}
        for _ in range(args.runs):
            for label, (command, stdin) in commands.items():
                runs[label].append(_time(command, stdin))
        base = [statistics.median(run[column] for run in runs["`trafilatura < PAGE`"]) for column in (0, 1)]
        for label in commands:
            wall, cpu = (statistics.median(run[column] for run in runs[label]) for column in (0, 1))
            print(
                f"| {page.name} | {label} | {wall * 1000:.0f} ms | {wall / base[0]:.2f} | {cpu * 1000:.0f} ms | {cpu / base[1]:.2f} |"
            )
    print(f"\nLoad average at the end: {os.getloadavg()[0]:.2f}; medians of {args.runs} runs.")


if __name__ == "__main__":
    main()
