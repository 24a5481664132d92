"""Articles per second on a local Dask cluster, against a single-process loop.

    .venv/bin/python benchmarks/cluster.py DATA.jsonl [DATA.jsonl ...] --articles 10000 --workers 1 2 --kill

Reads articles (``id``, ``text``, optional ``title``/``url``) from the files
given, repeating them with fresh ids (``<id>#<round>``) until there are
``--articles``, and writes them to one JSON Lines file in a temporary
directory. Then:

1. digests every row in this process with ``newsdigest.cluster.record`` (the
   digest plus its id), the reference output;
2. for each ``--workers`` count, starts a local cluster of that many worker
   processes (one thread each), runs ``newsdigest.cluster.run`` on it and
   checks that every input id is in the output once and that the output
   equals the reference;
3. with ``--kill``, runs once more on 2 workers and SIGKILLs a worker that is
   processing a partition once a quarter of the part files are written, then
   checks the output the same way.

Cluster times exclude starting the cluster (reported apart) but include
reading and writing the JSON Lines, which the single-process loop does not do.
Keep the machine otherwise quiet for stable figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import sys
import tempfile
import threading
import time
from itertools import cycle, islice
from pathlib import Path

from distributed import Client, LocalCluster

from newsdigest import Options
from newsdigest.runners.archive import plan, prepare_output, read_output
from newsdigest.runners.cluster import record, run


def load_rows(paths: list[str], count: int) -> list[dict[str, object]]:
    source: list[dict[str, object]] = []
    for path in paths:
        with Path(path).open(encoding="utf-8") as stream:
            for line in stream:
                fields = json.loads(line)
                source.append({key: fields[key] for key in ("id", "text", "title", "url") if fields.get(key)})
    rows = []
    for number, fields in enumerate(islice(cycle(source), count)):
        rows.append({**fields, "id": f"{fields['id']}#{number // len(source)}"})
    return rows


def check(out: Path, reference: list[dict[str, object]]) -> dict[str, object]:
    records = list(read_output(out))
    ids = [r["id"] for r in records]
    return {
        "records": len(records),
        "every_id_once": sorted(map(str, ids)) == sorted(str(r["id"]) for r in reference) and len(set(ids)) == len(ids),
        "identical_to_single_process": records == reference,
        "errors": sum("error" in r for r in records),
    }


def cluster_run(
    source: Path, work: Path, name: str, workers: int, partition_bytes: int, options: Options, kill: bool = False
) -> dict[str, object]:
    partitions = plan([str(source)], partition_bytes=partition_bytes)
    out = prepare_output(str(work / name))
    started = time.perf_counter()
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0"
        ) as cluster,
        Client(cluster) as client,
    ):
        startup = time.perf_counter() - started
        killed: list[str] = []
        if kill:
            pids: dict[str, int] = client.run(os.getpid)
            threading.Thread(
                target=_killer, args=(client, pids, out, len(partitions) // 4, killed), daemon=True
            ).start()
        report = run(partitions, out, options, scheduler=cluster.scheduler_address)
    return {
        "name": name,
        "workers": workers,
        "partitions": len(partitions),
        "startup_s": round(startup, 2),
        "run_s": round(report.seconds, 2),
        "articles_per_s": round(report.records / report.seconds, 1),
        "cpu_ms_per_article": round(1000 * report.cpu_seconds / report.records, 2),
        "killed_worker": killed[0] if killed else None,
        "out": out,
    }


def _killer(client: Client, pids: dict[str, int], out: Path, after: int, killed: list[str]) -> None:
    while not killed:
        if len(list(out.glob("part-*.jsonl"))) >= after:
            busy = [address for address, keys in client.processing().items() if keys and address in pids]
            if busy:
                os.kill(pids[busy[0]], signal.SIGKILL)
                killed.append(f"{busy[0]} after {len(list(out.glob('part-*.jsonl')))} part files")
                return
        time.sleep(0.02)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", nargs="+", help="JSON Lines files of articles (id, text, optional title, url)")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument(
        "--workers", type=int, nargs="+", default=[1, 2], help="one run per count (repeat to interleave)"
    )
    parser.add_argument("--partition-size", type=float, default=1.0, help="MiB of JSON Lines per task")
    parser.add_argument("--kill", action="store_true", help="also run on 2 workers and kill one mid-run")
    args = parser.parse_args()
    options = Options()
    rows = load_rows(args.data, args.articles)
    partition_bytes = int(args.partition_size * 1024 * 1024)

    with tempfile.TemporaryDirectory(prefix="newsdigest-bench-") as tmp:
        work = Path(tmp)
        source = work / "input.jsonl"
        source.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
        record({"id": "warm", "text": str(rows[0]["text"])}, options)
        started, cpu = time.perf_counter(), time.process_time()
        reference = [record(row, options) for row in rows]
        single, cpu = time.perf_counter() - started, time.process_time() - cpu
        reference = json.loads(json.dumps(reference, ensure_ascii=False))
        print(
            f"{len(rows)} articles ({source.stat().st_size / 1e6:.1f} MB), "
            f"{sum('error' in r for r in reference)} error records; "
            f"Python {platform.python_version()}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}",
            file=sys.stderr,
        )
        results: list[dict[str, object]] = [
            {
                "name": "single process",
                "workers": 1,
                "run_s": round(single, 2),
                "articles_per_s": round(len(rows) / single, 1),
                "cpu_ms_per_article": round(1000 * cpu / len(rows), 2),
            }
        ]
        print(json.dumps(results[0]), file=sys.stderr)
        runs = [(f"{w} worker(s)", w, False) for w in args.workers] + (
            [("2 workers, one killed", 2, True)] if args.kill else []
        )
        for number, (name, workers, kill) in enumerate(runs):
            result = cluster_run(source, work, f"out-{number}", workers, partition_bytes, options, kill=kill)
            result["name"] = name
            result.update(check(Path(str(result.pop("out"))), reference))
            results.append(result)
            print(json.dumps(result), file=sys.stderr)

    print("| run | partitions | cluster start (s) | run (s) | articles/s | CPU ms/article | ids once | identical |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        print(
            f"| {r['name']} | {r.get('partitions', '–')} | {r.get('startup_s', '–')} | {r['run_s']} | {r['articles_per_s']} "
            f"| {r['cpu_ms_per_article']} | {r.get('every_id_once', '–')} | {r.get('identical_to_single_process', '–')} |"
        )
    for r in results:
        if r.get("killed_worker"):
            print(f"\nKilled worker: {r['killed_worker']}")


if __name__ == "__main__":
    main()
