"""Word tokens: lower case, possessive endings removed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsdigest.words import _TOKEN, tokens

TEXT = st.lists(
    st.sampled_from(["OpenAI", "it", "'s", "’s", "’S", "'S", "s", "'", "’", "don't", "É", " ", ".", "5"]), max_size=10
).map("".join)


def test_possessive_endings_are_removed() -> None:
    assert tokens("OpenAI’s model and the CEO'S plan; it's here.") == (
        "openai",
        "model",
        "and",
        "the",
        "ceo",
        "plan",
        "it",
        "here",
    )


@given(TEXT)
def test_tokens_are_the_lower_case_words_without_possessive_endings(text: str) -> None:
    expected = [t[:-2] if t.endswith(("'s", "’s")) else t for t in _TOKEN.findall(text.lower())]
    assert list(tokens(text)) == expected
