"""Where a digest's time goes: each pipeline step's share, in process.

Usage:
    .venv/bin/python benchmarks/stages.py ARTICLES.jsonl [MORE.jsonl ...] [--sentences 20000] [--rounds 5]

ARTICLES.jsonl holds one article per line (a "text" field), read by path and
never copied. Every article is digested ``--rounds`` times after a warm-up
(models loaded; each digest tokenises afresh, as its sentence caches are
emptied when it ends); each step's time is the median over the rounds, per
article. ``--sentences N`` also times one digest of a long text: the articles
joined until Punkt finds N sentences, as benchmarks/run.py builds it.

The steps are the calls ``digest()`` makes, timed by wrapping them; the
wrappers cost well under 1% of a digest.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any

STEPS = ("clean", "detect", "segment", "make_headline", "rank", "select_summary", "select_facts", "keywords")


def timed(spent: dict[str, float]) -> None:
    """Wrap each step that ``newsdigest.digest`` calls so that its time adds up in ``spent``."""
    module = import_module("newsdigest.pipeline.digest")
    for name in STEPS:
        step = getattr(module, name)

        def wrapper(*args: Any, _step: Callable[..., Any] = step, _name: str = name, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return _step(*args, **kwargs)
            finally:
                spent[_name] += time.perf_counter() - started

        setattr(module, name, wrapper)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("articles", nargs="+", help="JSON Lines files with a 'text' field per line")
    parser.add_argument("--sentences", type=int, help="also time one digest of a text this many sentences long")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    from newsdigest import Options, digest

    texts: list[str] = []
    for path in args.articles:
        with Path(path).open(encoding="utf-8") as lines:
            texts += [json.loads(line)["text"] for line in lines if line.strip()]
    spent: dict[str, float] = defaultdict(float)
    timed(spent)
    for text in texts[:20]:  # load the models
        digest(text, Options())
    rounds: dict[str, list[float]] = defaultdict(list)
    for _ in range(args.rounds):
        spent.clear()
        started = time.perf_counter()
        for text in texts:
            digest(text, Options())
        rounds["digest (all steps)"].append(time.perf_counter() - started)
        for name in STEPS:
            rounds[name].append(spent[name])
    words = statistics.mean(len(text.split()) for text in texts)
    print(f"{len(texts)} articles of {words:.0f} words on average, median of {args.rounds} rounds:\n")
    print("| step | ms per article |\n| --- | ---: |")
    for name, values in sorted(rounds.items(), key=lambda item: -statistics.median(item[1])):
        print(f"| {name} | {statistics.median(values) / len(texts) * 1000:.2f} |")
    if args.sentences:
        from run import texts_of  # benchmarks/run.py, beside this script

        text = texts_of(texts, args.sentences)
        spent.clear()
        started = time.perf_counter()
        digest(text, Options())
        total = time.perf_counter() - started
        print(f"\n{args.sentences:,} sentences, {len(text.split()):,} words, one digest:\n")
        print("| step | s |\n| --- | ---: |")
        for name in sorted(STEPS, key=lambda step: -spent[step]):
            print(f"| {name} | {spent[name]:.3f} |")
        print(f"| digest (all steps) | {total:.3f} |")


if __name__ == "__main__":
    main()
