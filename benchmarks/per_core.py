"""Per-core speed against sumy's LexRank, in one process, rounds interleaved.

Usage:
    .venv/bin/python benchmarks/per_core.py ARTICLES.jsonl [MORE.jsonl ...] [--every 3] [--rounds 3] [--instructions]

ARTICLES.jsonl holds one article per line (a "text" field), read by path and
never copied (the dev sets in ``../shared/data/eval/`` are what RESULTS.md
quotes). Every ``--every``-th article is used. Each round digests the same
articles once with each contender, in turn: sumy's LexRank (the pipeline of
``benchmarks/sumy_cli.py``: Punkt sentences, a regular-expression word
tokenizer, the Snowball stemmer and stop words, 3 sentences), ``digest()``
with each method, and the headline and summary alone (``language="en"``, no
facts, no keywords). Each contender's figure is its median processor time
over the rounds; the ratios are against sumy in the same rounds, which is
what the speed targets of RESULTS.md ("Speed targets") are stated in.
Start-up (imports, models) is outside the timed loop, as for a long batch.

``--instructions`` counts instead, under ``valgrind --tool=callgrind``, what
one pass over the articles costs each contender: a child process per
contender that loads and warms up, run once with the pass and once without,
the difference being the pass. Other work on the machine does not change
these counts, so they are the figures to compare across runs; the times are
the ones users see.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path


def contenders() -> dict[str, Callable[[str], object]]:
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words
    from sumy_cli import _Tokenizer  # benchmarks/sumy_cli.py, beside this script

    from newsdigest import Options, digest

    tokenizer = _Tokenizer()
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")

    def sumy(text: str) -> object:
        return summarizer(PlaintextParser(text, tokenizer).document, 3)

    found: dict[str, Callable[[str], object]] = {"sumy LexRank": sumy}
    for method in ("learned", "news"):
        whole = Options(method=method)
        brief = Options(method=method, language="en", facts=0, keywords=0)
        found[f"digest(), {method}"] = lambda text, o=whole: digest(text, o)
        found[f"headline + summary only, {method}"] = lambda text, o=brief: digest(text, o)
    return found


def instructions(args: argparse.Namespace, name: str, passes: int) -> int:
    """Callgrind's total for a child that loads ``name``, warms it up and makes ``passes`` passes."""
    from one_article import instructions as callgrind  # benchmarks/one_article.py, beside this script

    articles = [str(Path(path).resolve()) for path in args.articles]
    child = [sys.executable, str(Path(__file__).resolve()), *articles, "--every", str(args.every), "--child", name]
    return callgrind([*child, "--passes", str(passes)], {})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("articles", nargs="+", help="JSON Lines files with a 'text' field per line")
    parser.add_argument("--every", type=int, default=3, help="use every N-th article")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--instructions", action="store_true", help="count instructions (valgrind) instead")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--passes", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    texts: list[str] = []
    for path in args.articles:
        with Path(path).open(encoding="utf-8") as lines:
            texts += [json.loads(line)["text"] for line in lines if line.strip()]
    texts = texts[:: args.every]
    warnings.simplefilter("ignore")  # sumy warns about short documents
    runners = contenders()
    if args.child:
        run = runners[args.child]
        for text in texts[:10]:
            run(text)
        for _ in range(args.passes):
            for text in texts:
                run(text)
        return
    if args.instructions:
        counts = {name: instructions(args, name, 1) - instructions(args, name, 0) for name in runners}
        sumy_count = counts["sumy LexRank"]
        print(f"{len(texts)} articles, instructions of one pass (callgrind):\n")
        print("| | M instructions per article | / sumy |\n| --- | ---: | ---: |")
        for name, count in counts.items():
            print(f"| {name} | {count / len(texts) / 1e6:.1f} | {sumy_count / count:.2f} |")
        return
    for run in runners.values():  # load the models, warm the caches
        for text in texts[:10]:
            run(text)
    spent: dict[str, list[float]] = {name: [] for name in runners}
    for _ in range(args.rounds):
        for name, run in runners.items():
            started = time.process_time()
            for text in texts:
                run(text)
            spent[name].append(time.process_time() - started)
    sumy = statistics.median(spent["sumy LexRank"])
    print(f"{len(texts)} articles, median processor time of {args.rounds} interleaved rounds:\n")
    print("| | articles/s | ms per article | / sumy |\n| --- | ---: | ---: | ---: |")
    for name, values in spent.items():
        median = statistics.median(values)
        print(f"| {name} | {len(texts) / median:.0f} | {median / len(texts) * 1000:.2f} | {sumy / median:.2f} |")


if __name__ == "__main__":
    main()
