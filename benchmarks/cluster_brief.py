"""Briefing an archive by day on a local Dask cluster, against ``brief()`` in one process.

    .venv/bin/python benchmarks/cluster_brief.py DATA.jsonl [DATA.jsonl ...] --days 4 --workers 2 --rounds 2 --partition-size 1

Reads articles (``id``, ``text``, optional ``title``/``url``) from the files
given, gives article ``n`` a made-up date (day ``n % days`` from 1 May 2026,
hour ``n % 24``) and outlet (``Outlet n % 5``), and writes them to one JSON
Lines file in a temporary directory. Then, per round:

1. in this process, for each day: every article digested, then ``brief()``
   over the day's articles (the reference; digesting and grouping timed
   apart);
2. on a local cluster of ``--workers`` processes (one thread each; its
   start-up reported apart), ``newsdigest.runners.cluster.run_briefs``
   writing one briefing per day, read back and compared with the reference.

The cluster time includes reading and writing the files, which the
in-process loop does not do. Keep the machine otherwise quiet for stable
figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from distributed import Client, LocalCluster

from newsdigest import BriefItem, BriefOptions, brief
from newsdigest.briefing.brief import source_info
from newsdigest.pipeline.digest import digest
from newsdigest.runners.archive import plan, prepare_output
from newsdigest.runners.briefs import Grouping, article
from newsdigest.runners.cluster import run_briefs

START = datetime(2026, 5, 1, tzinfo=timezone.utc)


def load_rows(paths: list[str], days: int) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for path in paths:
        with Path(path).open(encoding="utf-8") as stream:
            for line in stream:
                fields = json.loads(line)
                n = len(rows)
                moment = START + timedelta(days=n % days, hours=n % 24)
                row = {key: fields[key] for key in ("id", "text", "title", "url") if fields.get(key)}
                rows.append({**row, "site": f"Outlet {n % 5}", "published": moment.isoformat()})
    return rows


def in_process(
    rows: list[dict[str, object]], options: BriefOptions
) -> tuple[dict[str, dict[str, object]], float, float]:
    """Each day's briefing document, and the seconds spent digesting and briefing."""
    grouping = Grouping("day")
    by_day: dict[str, list[BriefItem]] = {}
    started, cpu = time.perf_counter(), time.process_time()
    for row in rows:
        item = article(row)
        item = replace(item, digest=digest(item.text, options.digest, source=source_info(item)))
        assert item.published is not None
        by_day.setdefault(item.published.date().isoformat(), []).append(item)
    digesting = time.perf_counter() - started
    started = time.perf_counter()
    documents = {}
    for day, items in sorted(by_day.items()):
        result = brief(items, replace(options, now=grouping.now(day, items, START))).to_dict()
        documents[day] = {**result, "group": {"by": "day", "value": day}}
    return documents, digesting, time.perf_counter() - started, time.process_time() - cpu


def on_cluster(
    source: Path,
    work: Path,
    name: str,
    workers: int,
    partition_mib: float,
    options: BriefOptions,
    reference: dict[str, dict[str, object]],
) -> dict[str, object]:
    started = time.perf_counter()
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0"
        ) as cluster,
        Client(cluster) as client,
    ):
        client.wait_for_workers(workers)
        start_up = time.perf_counter() - started
        partitions = plan([str(source)], partition_bytes=int(partition_mib * 2**20))
        out = prepare_output(str(work / name))
        report = run_briefs(partitions, out, Grouping("day"), options, scheduler=cluster.scheduler_address)
    written = {day: json.loads((out / f"brief-{day}.json").read_text(encoding="utf-8")) for day in reference}
    return {
        "seconds": round(report.seconds, 2),
        "cpu_seconds": round(report.cpu_seconds, 2),
        "cluster_start_seconds": round(start_up, 2),
        "partitions": report.partitions,
        "briefings": report.briefings,
        "articles": report.articles,
        "stories": report.stories,
        "errors": report.errors,
        "identical_to_in_process": written == reference,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="+")
    parser.add_argument("--days", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--partition-size", type=float, default=1.0, help="MiB per task, as cluster --partition-size")
    args = parser.parse_args()
    options = BriefOptions()
    rows = load_rows(args.data, args.days)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        source = work / "archive.jsonl"
        source.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
        mib = round(source.stat().st_size / 2**20, 2)
        for number in range(args.rounds):
            reference, digesting, briefing, cpu = in_process(rows, options)
            cluster = on_cluster(source, work, f"out{number}", args.workers, args.partition_size, options, reference)
            results.append(
                {
                    "round": number + 1,
                    "in_process_seconds": round(digesting + briefing, 2),
                    "in_process_digest_seconds": round(digesting, 2),
                    "in_process_brief_seconds": round(briefing, 2),
                    "in_process_cpu_seconds": round(cpu, 2),
                    "cluster": cluster,
                }
            )
            print(json.dumps(results[-1]), file=sys.stderr)
    print(
        json.dumps(
            {
                "articles": len(rows),
                "days": args.days,
                "workers": args.workers,
                "partition_mib": args.partition_size,
                "archive_mib": mib,
                "machine": f"{platform.python_version()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}",
                "rounds": results,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
