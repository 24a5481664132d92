"""The segment step: offline sentence splitting, line structure, duplicates."""

from __future__ import annotations

import pytest

from newsdigest.clean import clean
from newsdigest.segment import segment, split_line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. economy grew 3.5% in Jan. last year. Mr. Smith of Acme Inc. said so.",
            ["The U.S. economy grew 3.5% in Jan. last year.", "Mr. Smith of Acme Inc. said so."],
        ),
        (
            "J.K. Rowling wrote it. She said: “It is done.” Then she left...",
            ["J.K. Rowling wrote it.", "She said: “It is done.”", "Then she left..."],
        ),
        (
            'He paused... and then spoke. "We won!" she cried. It was 10 p.m. on Friday.',
            ["He paused... and then spoke.", '"We won!" she cried.', "It was 10 p.m. on Friday."],
        ),
        (
            "Sales rose to $4.5bn. Analysts, e.g. at Citi, were pleased.",
            ["Sales rose to $4.5bn.", "Analysts, e.g. at Citi, were pleased."],
        ),
    ],
)
def test_abbreviations_decimals_initials_quotes_and_ellipses(text: str, expected: list[str]) -> None:
    assert split_line(text) == expected


def test_a_line_break_always_ends_a_sentence(sample_text: str) -> None:
    texts = [s.text for s in segment(clean(sample_text)).sentences]
    # the sub-heading is neither glued to the next sentence nor a sentence itself
    assert not any("reasoning shift" in text for text in texts)
    assert "Tworek joined OpenAI in 2019, when it still largely operated as a nonprofit research lab." in texts
    assert len(texts) == 16


def test_indices_are_document_order_and_duplicates_are_marked() -> None:
    text = (
        "Rates rose on Monday across the whole country today.\n"
        "Rates rose on Monday across the whole country today.\n"
        "Rates rose on Monday across the whole country, today!\n"
        "Something else happened."
    )
    sentences = segment(clean(text)).sentences
    assert [s.index for s in sentences] == [0, 1, 2, 3]
    assert [s.duplicate_of for s in sentences] == [None, 0, 0, None]


def test_boilerplate_glued_into_a_paragraph_is_dropped_sentence_by_sentence() -> None:
    text = (
        "Prince will tour the U.S. in March. Tickets go on sale Friday. "
        "See the original story at Billboard.com. ©2015 Billboard. All Rights Reserved."
    )
    segments = segment(clean(text))
    assert [s.text for s in segments.sentences] == ["Prince will tour the U.S. in March.", "Tickets go on sale Friday."]
    assert len(segments.boilerplate) == 3


def test_word_counts() -> None:
    (sentence,) = segment(clean("OpenAI’s o1 model topped LiveBench in August 2024.")).sentences
    assert sentence.words == 8
