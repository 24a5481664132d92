"""Memory of a batch on a long JSON Lines stream: flat, whatever the stream's length.

Usage:
    .venv/bin/python benchmarks/stream.py ARTICLES.jsonl [MORE.jsonl ...] [--lines 1000 10000 100000] [--jobs N]

For each length, ``newsdigest summarise - --input-format jsonl --format jsonl`` reads that many
lines from a pipe: the articles (a "text" field per line, read by path and
never copied), cycled, each line with its own id. The records coming back
are counted and checked to be in input order. While it runs, the memory of
the whole process tree (the command and its workers) is sampled every 0.2 s
from /proc (Linux only):

* PSS, summed: each process's proportional set size, pages shared between
  the forked workers and their parent split between them, so the sum is
  what the tree really holds;
* the largest single process's RSS.

"Flat" means the peaks at 100,000 lines are those at 1,000: nothing grows
with the number of inputs (work in flight is bounded, caches are capped).
No assertion is made: the numbers are for reading.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from itertools import cycle, islice
from pathlib import Path

from run import NEWSDIGEST, _env  # benchmarks/run.py, beside this script

SAMPLE_EVERY = 0.2  # seconds


def tree(root: int) -> list[int]:
    """``root`` and its descendants, as /proc lists them now."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:  # ended meanwhile
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue += [child for child, parent in parents.items() if parent == pid]
    return found


def memory(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process in KiB; zeros when it has ended."""
    values = {"Pss:": 0, "Rss:": 0}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            name, *rest = line.split()
            if name in values:
                values[name] = int(rest[0])
    except OSError:
        pass
    return values["Pss:"], values["Rss:"]


def measure(texts: list[str], lines: int, jobs: int | None) -> dict[str, float]:
    command = [*NEWSDIGEST, "summarise", "-", "--input-format", "jsonl", "--format", "jsonl"]
    if jobs:
        command += ["--jobs", str(jobs)]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_env()
    )
    assert process.stdin is not None
    assert process.stdout is not None
    peak = {"pss": 0, "rss": 0}
    done = threading.Event()

    def feed() -> None:
        assert process.stdin is not None
        for number, text in enumerate(islice(cycle(texts), lines), 1):
            process.stdin.write(json.dumps({"id": number, "text": text}).encode() + b"\n")
        process.stdin.close()

    def sample() -> None:
        while not done.wait(SAMPLE_EVERY):
            sizes = [memory(pid) for pid in tree(process.pid)]
            peak["pss"] = max(peak["pss"], sum(pss for pss, _ in sizes))
            peak["rss"] = max(peak["rss"], max((rss for _, rss in sizes), default=0))

    threads = [threading.Thread(target=feed), threading.Thread(target=sample)]
    for thread in threads:
        thread.start()
    records = failed = 0
    try:
        for line in process.stdout:
            record = json.loads(line)
            records += 1
            failed += "error" in record
            if record["input"].get("id") != records:
                sys.exit(f"record {records} is for input {record['input']}: out of order")
        process.wait()
    finally:
        seconds = time.perf_counter() - started
        done.set()
        if process.poll() is None:  # stopped early: do not leave the command behind
            process.kill()
        for thread in threads:
            thread.join()
    if records != lines:
        sys.exit(f"{records} records for {lines} lines")
    return {
        "lines": lines,
        "seconds": seconds,
        "pss": peak["pss"] / 1024,
        "rss": peak["rss"] / 1024,
        "failed": failed,
        "exit": process.returncode,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("articles", nargs="+", help="JSON Lines files with a 'text' field per line")
    parser.add_argument("--lines", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--jobs", type=int, help="worker processes (default: newsdigest's default, the cores)")
    args = parser.parse_args()
    texts: list[str] = []
    for path in args.articles:
        with Path(path).open(encoding="utf-8") as stream:
            texts += [json.loads(line)["text"] for line in stream if line.strip()]
    words = sum(len(text.split()) for text in texts) / len(texts)
    print(f"{len(texts)} distinct articles of {words:.0f} words on average, cycled; --jobs {args.jobs or 'default'}")
    print(f"({os.cpu_count()} cores here)\n")
    print("| lines | time | articles/s | peak PSS, all processes | peak RSS, largest process | failed | exit |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for lines in args.lines:
        row = measure(texts, lines, args.jobs)
        print(
            f"| {lines:,} | {row['seconds']:.0f} s | {lines / row['seconds']:.0f} | {row['pss']:.0f} MiB "
            f"| {row['rss']:.0f} MiB | {row['failed']:.0f} | {row['exit']:.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
