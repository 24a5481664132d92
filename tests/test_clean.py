"""The clean step: line structure, titles, sub-headings and boilerplate."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdigest.pipeline.clean import _LINK, _WORD_OR_NUMBER, clean, has_words, is_boilerplate, normalize


def body(article_text: str) -> list[str]:
    return [line for paragraph in clean(article_text).paragraphs for line in paragraph]


def test_sample_has_no_title_two_headings_and_a_promo_footer(sample_text: str) -> None:
    article = clean(sample_text)
    assert article.title is None
    assert article.headings == (
        "A central figure in OpenAI’s reasoning shift",
        "From Codex to Copilot and GPT-4",
    )
    assert len(article.boilerplate) == 3
    assert all(line.startswith(("Discover", "Find", "Stay")) for line in article.boilerplate)
    lines = [line for paragraph in article.paragraphs for line in paragraph]
    assert not any("Moneycontrol" in line or "startup news" in line for line in lines)
    assert lines[0].startswith("Jerry Tworek announced")


def test_a_title_line_is_detected() -> None:
    article = clean("Bank raises rates to 5%\n\nThe central bank raised rates on Thursday. Markets fell.\n")
    assert article.title == "Bank raises rates to 5%"
    assert body("Bank raises rates to 5%\n\nThe central bank raised rates on Thursday.") == [
        "The central bank raised rates on Thursday."
    ]


def test_a_first_line_that_is_a_sentence_is_no_title() -> None:
    assert clean("The bank raised rates.\nMarkets fell sharply.").title is None


def test_headings_end_paragraphs_and_never_join_body_lines() -> None:
    article = clean("Lead sentence here.\nA short sub heading\nNext sentence follows.")
    assert article.headings == ("A short sub heading",)
    assert article.paragraphs == (("Lead sentence here.",), ("Next sentence follows.",))


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "Read more: Why markets fell today",
        "Also Read | Five things to know",
        "By Jane Smith",
        "By Jane Smith and John Doe, Reuters",
        "Published: 12:01 EST, 1 March 2015",
        "Last updated on 3 March 2025 at 10:15",
        "© 2025 Example News Ltd. All rights reserved.",
        "Copyright 2024 The Daily Example",
        "Share this article",
        "Sign up for our daily newsletter to get the latest news in your inbox.",
        "Download the Example News app for breaking news alerts.",
        "Follow us on Twitter and Facebook for the latest updates.",
        "Click here to subscribe.",
        "Scroll down for video",
        "Related Articles: Markets rally after rate cut",
        "See the original story at Billboard.com.",
    ],
)
def test_boilerplate_lines_in_many_house_styles(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "The minister said the latest figures showed growth in every region.",
        "Get ready for higher prices, economists warned on Monday.",
        "By the end of the year, the company had hired 500 people.",
        "Sales of the app rose 20% after the update, the firm said.",
        "Follow-up talks are planned for next week in Geneva.",
        "Share prices fell 3% in early trading.",
    ],
)
def test_news_sentences_are_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


def test_the_footer_gets_a_lower_bar_for_promotion() -> None:
    promo = "Stay on top of the latest."
    assert not is_boilerplate(promo)  # one marketing word: news text could say this
    assert is_boilerplate(promo, in_footer=True)
    article = clean(f"The company said profits rose 10%.\nAnalysts were surprised.\n{promo}")
    assert article.boilerplate == (promo,)


def test_a_promo_in_the_middle_needs_strong_marketing_language() -> None:
    text = "Profits rose 10%.\nDownload our app to get the latest news alerts.\nAnalysts were surprised."
    assert clean(text).boilerplate == ("Download our app to get the latest news alerts.",)


def test_datelines_and_stamps_glued_to_the_first_words_are_removed() -> None:
    assert body("(CNN)The primary suspect was arrested.")[0] == "The primary suspect was arrested."
    assert body("Moscow (CNN)The primary suspect was arrested.")[0] == "The primary suspect was arrested."
    assert body("WASHINGTON (Reuters) - Lawmakers voted on Tuesday.")[0] == "Lawmakers voted on Tuesday."
    stamped = (
        "By . Daily Mail Reporter . PUBLISHED: . 12:01 EST, 1 March 2015 . | . UPDATED: . 14:20 EST, 1 March 2015 . "
        "A man was rescued from the sea on Sunday."
    )
    assert body(stamped)[0] == "A man was rescued from the sea on Sunday."


def test_control_sequences_and_line_endings_are_normalised() -> None:
    text = "Red \x1b[31malert\x1b[0m here.\r\nTitle \x1b]0;evil\x07set.\rBell\x07 rang.\u202eX"
    assert normalize(text) == "Red alert here.\nTitle set.\nBell rang.X"


def test_lines_without_words_are_dropped_but_numbers_inside_sentences_stay() -> None:
    article = clean("Attendance: 3,803 people came.\n3,803\n...\nThe match ended 2-1.")
    assert body("Attendance: 3,803 people came.\n3,803\n...\nThe match ended 2-1.") == [
        "Attendance: 3,803 people came.",
        "The match ended 2-1.",
    ]
    assert "3,803" in article.boilerplate


def test_text_made_only_of_short_lines_is_kept_as_body() -> None:
    article = clean("First item here\nSecond item here\nThird item here")
    assert article.title == "First item here"
    assert [line for p in article.paragraphs for line in p] == ["Second item here", "Third item here"]
    # A line that the next continues in lower case is no title: all three are body lines.
    article = clean("first item here\nsecond item here\nthird item here")
    assert article.title is None
    assert [line for p in article.paragraphs for line in p] == [
        "first item here",
        "second item here",
        "third item here",
    ]


LINK_TEXT = st.lists(
    st.sampled_from(
        ["www.", "WwW.", "ww.", "http://", "HTTPS://", "://", "@", "me@x.com", "x.org", "3.5", "1,000", "a", " ", "é"]
    ),
    max_size=8,
).map("".join)


@given(LINK_TEXT)
def test_has_words_skips_the_link_search_only_where_no_link_can_be(text: str) -> None:
    without_links = _LINK.sub(" ", text)  # what has_words did on every text before the pre-check
    expected = any(
        not m.group().replace(".", "").replace(",", "").isdigit() for m in _WORD_OR_NUMBER.finditer(without_links)
    )
    assert has_words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("www.example.com", False),
        ("WWW.EXAMPLE.COM 2024", False),
        ("https://x.org/a", False),
        ("me@x.com", False),
        ("See www.x.org", True),
    ],
)
def test_links_and_addresses_are_no_words(text: str, expected: bool) -> None:
    assert has_words(text) == expected


@given(st.text(alphabet="  \t\u00a0\u2003\u3000ab\n", max_size=30))
def test_white_space_runs_become_one_space_as_a_plain_run_pattern_would_make_them(text: str) -> None:
    import re

    import newsdigest.pipeline.clean as module

    every_run = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")  # the definition
    assert [module._single_spaced(line) for line in text.split("\n")] == [
        every_run.sub(" ", line) for line in text.split("\n")
    ]
