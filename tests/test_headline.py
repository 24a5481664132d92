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


# Leads written for these tests, in the shapes that broke generated headlines:
# datelines, bylines, lead-in adverbials, asides, long clauses without commas.
@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        (
            "BUFFALO, N.Y. — Hours before the storm hit, residents were stocking up on bread and water.",
            "Residents were stocking up on bread and water",
        ),
        (
            "LONDON (Reuters) - Harbour Bank will cut 300 jobs in its branch network this year.",
            "Harbour Bank will cut 300 jobs in its branch network this year",
        ),
        (
            "CLEVELAND, Ohio – The city council has approved a new tram line to the airport.",
            "The city council has approved a new tram line to the airport",
        ),
        (
            "By Jane Doe | Published 3 May 2024 | The council voted on Tuesday to close the town library.",
            "The council voted on Tuesday to close the town library",
        ),
        (
            "In a joint statement published Oct. 25, the two foreign ministries called for new talks.",
            "The two foreign ministries called for new talks",
        ),
        (
            "As of 29 November 2018, the company had more than 3,000 employees in Europe.",
            "The company had more than 3,000 employees in Europe",
        ),
        (
            "Maria Lopez, the head of the port authority, has resigned after the audit.",
            "Maria Lopez has resigned after the audit",
        ),
        (
            "Savers who lost money in the collapse of the regional lender Northway are to receive £50m.",
            "Savers are to receive £50m",
        ),
    ],
)
def test_datelines_and_lead_ins_go_so_that_the_main_clause_leads(lead: str, expected: str) -> None:
    assert compress(lead) == expected


def test_a_long_clause_loses_whole_trailing_phrases_never_a_word_inside_one() -> None:
    lead = (
        "Alibaba is set to raise up to $12.9bn from its record-breaking share sale in Hong Kong "
        "next week in the largest listing of the year in the city"
    )
    text = compress(lead)
    assert len(text.split()) <= MAX_WORDS
    assert not text.endswith("…")
    assert lead.startswith(text)
    assert lead[len(text) :].split()[0] in {"in", "from", "next"}  # the cut is before a phrase opener


def test_a_list_is_never_cut_between_its_items() -> None:
    lead = (
        "Residents of the city were stocking up on bread, salt and water at local stores on Tuesday before the storm."
    )
    assert "bread, salt and water" in compress(lead)


def test_a_name_joined_by_and_is_never_cut() -> None:
    lead = (
        "The Cleveland Browns will look to ride a potential Rock and Roll Hall of Fame induction "
        "into the playoffs this season and beyond."
    )
    assert "Rock and Roll Hall of Fame" in compress(lead)


DANGLING = {"a", "an", "the", "of", "to", "in", "on", "for", "with", "and", "or", "by", "potential", "former", "is"}


@pytest.mark.parametrize(
    "lead",
    [
        "A German maker of medical devices whose main product is derived from the venom of a rare snake has "
        "seen its shares double in a single week of trading.",
        "Thousands of commuters across the eastern region faced long delays on Monday morning because of a "
        "signal failure near the central station that engineers could not fix for hours.",
        "The number of first-time buyers approved for a mortgage in the country rose for the third month in a "
        "row in October according to figures from the national lenders association.",
    ],
)
def test_generated_headlines_never_end_on_a_function_word_or_a_dangling_modifier(lead: str) -> None:
    text = compress(lead)
    assert len(text.split()) <= MAX_WORDS
    assert not text.endswith("…")
    assert text.split()[-1].lower() not in DANGLING


def test_a_disclosure_or_spec_line_at_the_top_is_no_title() -> None:
    from newsdigest import digest

    for first in (
        "This shop has been compensated by Collective Bias, Inc. and its advertiser.",
        "Tested by: Sam Lee | RRP: £49 | Rating: 4/5",
    ):
        text = f"{first}\n\nThe new kettle boils a litre of water in under two minutes. It costs £49 in most shops."
        result = digest(text)
        assert result.title is None
        assert first in result.boilerplate
        assert result.headline.text.startswith("The new kettle boils")


def test_an_acronym_before_a_dash_is_the_subject_not_a_dateline() -> None:
    assert compress("NASA — the space agency — said on Monday it would delay the launch.").startswith("NASA")
