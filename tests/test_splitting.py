"""Sentence splitting around numbering abbreviations and sentences glued without a space."""

from __future__ import annotations

import json

import pytest

from newsdigest.pipeline.segment import split_line

from .conftest import ROOT

GOLD = [json.loads(line) for line in (ROOT / "tests" / "data" / "segmentation.jsonl").read_text().splitlines()]
#: Boundary F1 on the gold set: 0.867 before numbering abbreviations and glued
#: sentences were handled, 0.967 after (benchmarks/segmentation.py).
F1_FLOOR = 0.95


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "VW says that while the ID. Buzz is on sale, the ID. 3 is not.",
            ["VW says that while the ID. Buzz is on sale, the ID. 3 is not."],
        ),
        ("See Vol. II of the report. It is long.", ["See Vol. II of the report.", "It is long."]),
        ("The ID. Buzz went on sale in Europe.", ["The ID. Buzz went on sale in Europe."]),
        # A word that starts sentences after the abbreviation: a boundary after all.
        (
            "He showed the officer his ID. Then he was allowed in.",
            ["He showed the officer his ID.", "Then he was allowed in."],
        ),
        (
            "Police said on Wednesday.The stabbing happened at night.",
            ["Police said on Wednesday.", "The stabbing happened at night."],
        ),
        ("Is it over?Nobody knows.", ["Is it over?", "Nobody knows."]),
        ("She won.“It was a surprise,” she said.", ["She won.", "“It was a surprise,” she said."]),
        # Not glued sentences: initials, a title, a domain name, a decimal.
        ("J.K.Rowling wrote it.", ["J.K.Rowling wrote it."]),
        ("Mr.Smith visited Billboard.com on Monday.", ["Mr.Smith visited Billboard.com on Monday."]),
        ("It rose 3.5% on Monday.", ["It rose 3.5% on Monday."]),
    ],
)
def test_numbering_abbreviations_and_glued_sentences(text: str, expected: list[str]) -> None:
    assert split_line(text) == expected


def test_boundary_f1_on_the_gold_set_stays_above_its_floor() -> None:
    def ends(sentences: list[str]) -> set[int]:
        at, found = 0, set()
        for sentence in sentences[:-1]:
            at += len("".join(sentence.split()))
            found.add(at)
        return found

    right = found = expected = 0
    for record in GOLD:
        gold, made = ends(record["sentences"]), ends(split_line(record["text"]))
        right, found, expected = right + len(gold & made), found + len(made), expected + len(gold)
    precision, recall = right / found, right / expected
    assert 2 * precision * recall / (precision + recall) >= F1_FLOOR
