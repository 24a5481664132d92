"""Headlines: the title line when there is one, or the lead's main clause."""

from __future__ import annotations

import pytest

from newsdigest.analysis.headline import MAX_WORDS, compress, make_headline


def test_the_title_wins() -> None:
    headline = make_headline("Bank raises rates", "The central bank raised rates on Thursday.")
    assert headline is not None
    assert (headline.text, headline.source) == ("Bank raises rates", "title")


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        (
            "Jerry Tworek announced his resignation from OpenAI after nearly seven years, "
            "confirming the move in a post on X where he shared an internal memo sent to his team.",
            "Jerry Tworek announced his resignation from OpenAI after nearly seven years",
        ),
        (
            "The central bank (the Fed) raised interest rates by half a point on Wednesday, officials said.",
            "The central bank raised interest rates by half a point on Wednesday",
        ),
        (
            "Acme Corp has agreed to buy its rival Widget Inc for $2bn, which would create the largest toy "
            "maker in Europe.",
            "Acme Corp has agreed to buy its rival Widget Inc for $2bn",
        ),
    ],
)
def test_generated_headlines_keep_the_main_clause(lead: str, expected: str) -> None:
    headline = make_headline(None, lead)
    assert headline is not None
    assert (headline.text, headline.source) == (expected, "generated")


def test_long_leads_are_cut_at_a_clause_boundary_within_the_limit() -> None:
    lead = (
        "Thousands of residents in the coastal towns of the northern province were evacuated overnight "
        "as the river burst its banks and flooded hundreds of homes and businesses."
    )
    text = compress(lead)
    assert len(text.split()) <= MAX_WORDS
    assert lead.startswith(text.rstrip("…"))
    assert not text.endswith((" the", " of", " and", ","))
