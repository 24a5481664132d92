"""`newsdigest brief` on 1,000 articles from 20 local feeds: time, peak memory, and requests on reruns.

Usage:
    .venv/bin/python benchmarks/brief.py ARTICLES.jsonl [--feeds 20] [--items 50] [--jobs 8]
    .venv/bin/python benchmarks/brief.py ARTICLES.jsonl --compare-pool [--rounds 3]

ARTICLES.jsonl gives the article texts (a "text" field, optional "title"),
for example the CNN/DM development set (../shared/data/eval/cnndm_dev.jsonl);
they are cycled when there are fewer than feeds × items. A server on
127.0.0.1 (in this process) serves FEEDS RSS 2.0 feeds of ITEMS items each
and every item's page as HTML (title, site name, date meta tags, paragraphs,
navigation and footer), with ETag and Last-Modified on every answer and a
304 for a matching If-None-Match.

The command runs in a subprocess with a fresh store, three times:

1. cold: every feed and page is fetched;
2. a rerun within minutes: nothing has changed, and stored copies are
   fresh, so it should make no request at all;
3. ``--refresh``: every stored copy is revalidated; each answer is a 304.

``--compare-pool`` asks instead whether the pages' worker processes pay: each
round runs the cold briefing and the rerun twice, with a fresh store each,
once as shipped (from ``POOL_PAGES`` pages on, pages are read and digested
in worker processes) and once with the pool switched off (the same
``--jobs`` fetching threads, every page read in the command's own process),
alternating; it prints the medians and their ratio.

Reported per run: wall time, the command's peak RSS (``ru_maxrss``, read
by a small wrapper process so that each run has its own), requests the
server saw, and how many were 304s. The machine is shared and noisy: run it
a few times and quote medians.
"""

from __future__ import annotations

import argparse
import email.utils
import html
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ETAG = '"v1"'
MODIFIED = "Tue, 03 Mar 2026 06:00:00 GMT"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    pages: dict[str, bytes]
    feeds: dict[str, bytes]
    hits: list[int]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        body = self.server.feeds.get(self.path) or self.server.pages.get(self.path)
        if body is None:
            self._send(404, b"missing", "text/plain")
            return
        if self.headers.get("If-None-Match") == ETAG:
            self.server.hits.append(304)
            self._send(304, b"", None)
            return
        self.server.hits.append(200)
        kind = "application/rss+xml" if self.path in self.server.feeds else "text/html; charset=utf-8"
        self._send(200, body, kind)

    def _send(self, status: int, body: bytes, kind: str | None) -> None:
        self.send_response(status)
        if kind:
            self.send_header("Content-Type", kind)
        self.send_header("ETag", ETAG)
        self.send_header("Last-Modified", MODIFIED)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _page(title: str, text: str, site: str, date: str) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)} | {site}</title>'
        f'<meta property="og:site_name" content="{site}"><meta property="article:published_time" content="{date}">'
        f'</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>{html.escape(title)}</h1>'
        f"{paragraphs}</article><footer><p>© {site}</p></footer></body></html>"
    ).encode()


def _site(server: _Server, records: list[dict[str, str]], feeds: int, items: int) -> None:
    server.pages, server.feeds, server.hits = {}, {}, []
    base = f"http://127.0.0.1:{server.server_port}"
    now = time.time()
    for f in range(feeds):
        site = f"Outlet {f + 1}"
        entries = []
        for i in range(items):
            record = records[(f * items + i) % len(records)]
            text = record["text"]
            title = record.get("title") or " ".join(text.split()[:10])
            moment = now - (f * items + i) * 60
            date = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(moment))
            path = f"/outlet{f}/{i}.html"
            server.pages[path] = _page(title, text, site, date)
            entries.append(
                f"<item><title>{html.escape(title)}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
                f"<pubDate>{email.utils.formatdate(moment, usegmt=True)}</pubDate>"
                f"<description>{html.escape(text[:300])}</description></item>"
            )
        server.feeds[f"/outlet{f}/feed.xml"] = (
            f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{site}</title>'
            f"<link>{base}/outlet{f}/</link><description>News</description>{''.join(entries)}</channel></rss>"
        ).encode()


#: Runs the command and reports its peak RSS (KiB) as the last line of stderr: one number per run.
_PEAK = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def _run(command: list[str], server: _Server) -> tuple[float, int, int, int]:
    """Wall seconds, peak RSS in KiB, requests the server saw, stories briefed."""
    server.hits.clear()
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _PEAK, *command], capture_output=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"newsdigest brief failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    peak = int(done.stderr.decode().strip().splitlines()[-1])
    return seconds, peak, len(server.hits), len(json.loads(done.stdout)["stories"])


#: The command with the pages' worker pool switched off (``POOL_PAGES`` out of reach), for ``--compare-pool``.
_NO_POOL = (
    "import sys\n"
    "from newsdigest.briefing import collect\n"
    "collect.POOL_PAGES = sys.maxsize\n"
    "from newsdigest.cli import main\n"
    "sys.argv[0] = 'newsdigest'\n"
    "main()\n"
)


def compare_pool(command: list[str], server: _Server, folder: str, rounds: int) -> None:
    times: dict[str, list[float]] = {}
    for number in range(rounds):
        variants = (("pool", command), ("no pool", [sys.executable, "-c", _NO_POOL, *command[1:]]))
        for name, variant in variants if number % 2 == 0 else variants[::-1]:
            store = str(Path(folder) / f"compare-{number}-{name.replace(' ', '-')}.sqlite3")
            for run in ("cold", "rerun"):
                seconds, peak, _, stories = _run([*variant, "--store", store], server)
                times.setdefault(f"{run} {name}", []).append(seconds)
                print(
                    f"round {number + 1} {run:5} {name:7} {seconds:7.2f} s  peak RSS {peak / 1024:4.0f} MiB  stories {stories}"
                )
    for run in ("cold", "rerun"):
        with_pool, without = statistics.median(times[f"{run} pool"]), statistics.median(times[f"{run} no pool"])
        print(
            f"{run}: pool {with_pool:.2f} s, no pool {without:.2f} s (medians), no pool / pool {without / with_pool:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("articles", help="JSON Lines with a text field (the CNN/DM development set)")
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=8)
    parser.add_argument("--compare-pool", action="store_true", help="time the pages' worker pool against none")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of --compare-pool")
    args = parser.parse_args()
    records = [json.loads(line) for line in Path(args.articles).read_text(encoding="utf-8").splitlines() if line]
    server = _Server(("127.0.0.1", 0), _Handler)
    _site(server, records, args.feeds, args.items)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    with tempfile.TemporaryDirectory() as folder:
        store = str(Path(folder) / "brief.sqlite3")
        command = [
            str(Path(sys.executable).parent / "newsdigest"),
            "brief",
            *(f"{base}{path}" for path in server.feeds),
            "--format",
            "json",
            "--jobs",
            str(args.jobs),
        ]
        print(f"{args.feeds} feeds × {args.items} items = {args.feeds * args.items} articles, --jobs {args.jobs}")
        if args.compare_pool:
            compare_pool(command, server, folder, args.rounds)
            server.shutdown()
            return
        for name, extra in (("cold", []), ("rerun", []), ("rerun --refresh", ["--refresh"])):
            seconds, peak, requests, stories = _run([*command, "--store", store, *extra], server)
            not_modified = server.hits.count(304)
            print(
                f"{name:16} {seconds:7.2f} s  peak RSS {peak / 1024:6.0f} MiB  requests {requests:5d}"
                f" (304: {not_modified})  stories {stories}"
            )
    server.shutdown()


if __name__ == "__main__":
    main()
