"""Sentence-boundary precision, recall and F1 of the splitter on a gold set.

Usage:
    .venv/bin/python benchmarks/segmentation.py [GOLD.jsonl]

GOLD.jsonl holds one line of text per record with its sentences (``text``,
``sentences``); by default the suite's ``tests/data/segmentation.jsonl``,
written for the suite: abbreviations, initials, numbers, quotes, model
names before a capital ("ID. Buzz", "No. 1", "Vol. II", "approx."), and
sentences glued without a space ("Wednesday.The"). A boundary is where a
sentence ends, counted in characters other than white space, so spacing
does not matter. Prints the figures and each line split wrongly.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

GOLD = Path(__file__).resolve().parent.parent / "tests" / "data" / "segmentation.jsonl"


def boundaries(sentences: list[str]) -> set[int]:
    """Where each sentence but the last ends, in non-space characters from the start."""
    ends: set[int] = set()
    at = 0
    for sentence in sentences[:-1]:
        at += len("".join(sentence.split()))
        ends.add(at)
    return ends


def score(records: list[dict[str, object]]) -> tuple[float, float, float, list[tuple[str, list[str]]]]:
    from newsdigest.pipeline.segment import split_line

    found = right = expected = 0
    wrong: list[tuple[str, list[str]]] = []
    for record in records:
        text = str(record["text"])
        gold = boundaries(list(record["sentences"]))  # type: ignore[call-overload]
        split = split_line(text)
        made = boundaries(split)
        found += len(made)
        expected += len(gold)
        right += len(made & gold)
        if made != gold:
            wrong.append((text, split))
    precision = right / found if found else 1.0
    recall = right / expected if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, wrong


def main(path: Path) -> None:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    precision, recall, f1, wrong = score(records)
    print(f"{len(records)} lines, {sum(len(r['sentences']) - 1 for r in records)} boundaries")
    print(f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    for text, split in wrong:
        print(f"  wrong: {text!r} -> {split}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else GOLD)
