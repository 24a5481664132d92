"""Typed values found by pattern, without any downloaded model."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsdigest.analysis.facts import mid_sentence_names, values
from newsdigest.model import Value


def kinds(text: str, names: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    return [(value.kind, value.text) for value in values(text, names)]


def test_amounts_percentages_dates_and_numbers() -> None:
    found = kinds("Shares rose 3.5% to $4.5bn on March 3, 2025, while 2,000 staff met on 5 May 2024.")
    assert ("percent", "3.5%") in found
    assert ("money", "$4.5bn") in found
    assert ("date", "March 3, 2025") in found
    assert ("date", "5 May 2024") in found
    assert ("number", "2,000") in found


def test_years_weekdays_and_spelled_numbers() -> None:
    found = kinds("Tworek joined OpenAI in 2019 and left on Tuesday after nearly seven years.")
    assert ("date", "2019") in found
    assert ("date", "Tuesday") in found
    assert ("number", "nearly seven") in found


def test_names_products_and_mixed_case_words() -> None:
    found = kinds("He led research on Codex, the foundation for GitHub Copilot, and worked on GPT-4 and o1.")
    assert ("name", "Codex") in found
    assert ("name", "GitHub Copilot") in found
    assert ("name", "GPT-4") in found
    assert ("name", "o1") in found
    assert not any(kind == "number" for kind, _ in found)  # the 4 of GPT-4 is no number


def test_a_sentences_first_word_is_a_name_only_if_the_article_says_so() -> None:
    assert ("name", "Tworek") not in kinds("Tworek joined the lab.")
    assert ("name", "Tworek") in kinds("Tworek joined the lab.", frozenset({"Tworek"}))
    assert ("name", "Officials") not in kinds("Officials said so.", frozenset({"Tworek"}))


def test_quotes_and_possessives() -> None:
    found = kinds("“We are very proud of this result,” said Anna Lee of Acme’s lab.")
    assert ("quote", "We are very proud of this result") in found
    assert ("name", "Anna Lee of Acme") in found


def test_month_names_alone_are_dates_not_names() -> None:
    found = kinds("The model topped the leaderboard in August.")
    assert found == [("date", "August")]


def test_mid_sentence_names() -> None:
    names = mid_sentence_names(["Tworek joined OpenAI.", "Then he met Sam Altman."])
    assert {"OpenAI", "Sam", "Altman"} <= names
    assert "Tworek" not in names
    assert "Then" not in names


NAME_TEXT = st.lists(
    st.sampled_from(
        ["Acme", "New York", "“", '"', " ", "x", "iPhone", "e2e", "a٣", "U.S.", "of", "Bob’s", "-", ".", "Ä"]
    ),
    max_size=10,
).map("".join)


@given(NAME_TEXT)
def test_the_capitals_only_name_pattern_is_used_only_where_it_finds_the_same(text: str) -> None:
    from newsdigest.analysis import facts

    assert [m.span() for m in facts._names_in(text)] == [m.span() for m in facts._CAPITALISED.finditer(text)]


def _fact(text: str) -> tuple[str, tuple[Value, ...]]:
    return text, values(text)


def test_the_same_value_about_the_same_thing() -> None:
    from newsdigest.analysis.facts import same_value

    assert same_value(
        _fact("A ride on the wheel costs Rs 300 for 15 minutes, the park said."),
        _fact("Visitors pay Rs 299 for fifteen minutes on the wheel."),
    )
    # The same amount counting different things, or a count too small to be a value, is no repeat.
    assert not same_value(
        _fact("Up to 3,000 Tunisians have traveled to Syria to fight."),
        _fact("Over 3,000 Europeans have traveled to Syria to fight."),
    )
    assert not same_value(
        _fact("Two teenagers were detained at the border on Monday."),
        _fact("Police detained two teenagers at the station."),
    )
    assert not same_value(
        _fact("The photographer ten Hoopen travelled through 12 countries."),
        _fact("Pieter ten Hoopen is based in Stockholm."),
    )
