"""Processor seconds per MB of ``digest()`` on adversarial shapes of text (the figures in the README's "Limits").

Usage:
    .venv/bin/python benchmarks/adversarial.py [--size 1000000] [--shapes word,punctuation,...] [--limit 300]

Each shape is built at ``--size`` characters (the "words" shape at twice
that) and digested once in a child process, which is stopped after
``--limit`` seconds (then the shape is reported as over the limit). Linear
time shows as about the same seconds per MB at every size: run with two
sizes (say 250000 and 1000000) and compare. No data is read; the shapes are
made by ``tests/adversarial.py``. Only the public API is used.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the shapes live with the tests that use them
from tests.adversarial import shapes


def _run(text: str, results: multiprocessing.Queue[float | str]) -> None:
    from newsdigest import NewsdigestError, digest

    start = time.process_time()  # processor time: the machine's load does not count
    with contextlib.suppress(NewsdigestError):  # an input error is an answer too; what counts is the time to it
        digest(text)
    results.put(time.process_time() - start)


def measure(text: str, limit: float) -> float | None:
    """Seconds for one digest of ``text`` in a child process, None past ``limit``."""
    results: multiprocessing.Queue[float | str] = multiprocessing.Queue()
    child = multiprocessing.Process(target=_run, args=(text, results))
    child.start()
    child.join(limit)
    if child.is_alive():
        child.terminate()
        child.join()
        return None
    value = results.get(timeout=5)
    return float(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--shapes", default="", help="comma-separated names (default: all)")
    parser.add_argument("--limit", type=float, default=300.0, help="seconds before a shape is stopped")
    arguments = parser.parse_args()
    made = shapes(arguments.size)
    wanted = arguments.shapes.split(",") if arguments.shapes else list(made)
    print(f"{'shape':24} {'MB':>6} {'seconds':>8} {'s/MB':>7}")
    for name in wanted:
        text = made[name]()
        megabytes = len(text.encode()) / 1e6
        seconds = measure(text, arguments.limit)
        if seconds is None:
            print(f"{name:24} {megabytes:6.2f} {'> ' + str(int(arguments.limit)):>8} {'':>7}")
        else:
            print(f"{name:24} {megabytes:6.2f} {seconds:8.2f} {seconds / megabytes:7.2f}", flush=True)


if __name__ == "__main__":
    main()
