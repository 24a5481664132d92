"""Selecting the summary under each length setting, and the key facts."""

from __future__ import annotations

import pytest

from newsdigest.analysis.facts import mid_sentence_names, values
from newsdigest.errors import UsageError
from newsdigest.model import Sentence
from newsdigest.options import Options
from newsdigest.pipeline.score import Ranking
from newsdigest.pipeline.select import select_facts, select_summary

TEXTS = [
    "The council approved the new budget on Monday.",
    "It includes $12m for road repairs and 40 new teachers.",
    "Residents had campaigned for better roads for years.",
    "The mayor, Jane Hill, said the vote was a turning point for the town.",
    "Opposition members said the plan was too expensive.",
    "Work is due to start in March 2026.",
]
SENTENCES = [Sentence(i, text, 0, len(text.split())) for i, text in enumerate(TEXTS)]
# preference order deliberately not document order
RANKING = Ranking(scores={0: 1.0, 1: 0.4, 2: 0.2, 3: 0.9, 4: 0.1, 5: 0.5}, order=(0, 3, 5, 1, 2, 4))


def test_sentences_are_taken_in_preference_order_and_shown_in_document_order() -> None:
    summary = select_summary(SENTENCES, RANKING, Options(sentences=3))
    assert [item.index for item in summary] == [0, 3, 5]
    assert [item.score for item in summary] == [1.0, 0.9, 0.5]


def test_ratio() -> None:
    assert len(select_summary(SENTENCES, RANKING, Options(ratio=0.5))) == 3
    assert len(select_summary(SENTENCES, RANKING, Options(ratio=0.01))) == 1


def test_a_word_budget_is_hard_and_skips_what_does_not_fit() -> None:
    summary = select_summary(SENTENCES, RANKING, Options(words=16))
    assert sum(len(item.text.split()) for item in summary) <= 16
    assert [item.index for item in summary] == [0, 5]  # sentence 3 (13 words) does not fit after 0


def test_a_word_budget_smaller_than_any_sentence_shortens_the_best_one() -> None:
    (item,) = select_summary(SENTENCES, RANKING, Options(words=3))
    assert item.index == 0
    assert item.text == "The council approved…"


@pytest.mark.parametrize(
    "options",
    [
        {"sentences": 2, "ratio": 0.5},
        {"words": 10, "sentences": 2},
        {"sentences": 0},
        {"ratio": 1.5},
        {"words": 0},
        {"facts": -1},
        {"method": "nonsense"},
    ],
)
def test_contradictory_or_out_of_range_options_are_usage_errors(options: dict[str, object]) -> None:
    with pytest.raises(UsageError):
        Options(**options)  # type: ignore[arg-type]


def test_method_names_are_case_insensitive() -> None:
    assert Options(method=" LexRank ").method == "lexrank"


def test_facts_carry_values_avoid_the_summary_and_come_in_document_order() -> None:
    summary = select_summary(SENTENCES, RANKING, Options(sentences=1))
    facts = select_facts(SENTENCES, RANKING, summary, 3)
    indices = [fact.index for fact in facts]
    assert 0 not in indices
    assert indices == sorted(indices)
    assert {1, 5} <= set(indices)
    by_index = {fact.index: fact for fact in facts}
    assert ("money", "$12m") in [(v.kind, v.text) for v in by_index[1].values]
    assert ("date", "March 2026") in [(v.kind, v.text) for v in by_index[5].values]
    assert select_facts(SENTENCES, RANKING, summary, 0) == ()


def test_a_fact_loses_a_value_free_leading_phrase() -> None:
    sentences = [
        Sentence(0, "The firm reported results.", 0, 4),
        Sentence(1, "In a statement on its website, the firm said profits rose 20% to $3bn.", 0, 15),
    ]
    ranking = Ranking({0: 1.0, 1: 0.5}, (0, 1))
    summary = select_summary(sentences, ranking, Options(sentences=1))
    (fact,) = select_facts(sentences, ranking, summary, 2)
    assert fact.text == "The firm said profits rose 20% to $3bn."


@pytest.mark.parametrize(
    ("sentences", "ranking", "trimmed"),
    [
        (SENTENCES, RANKING, None),
        (
            [
                Sentence(0, "The firm reported results.", 0, 4),
                Sentence(1, "In a statement on its website, the firm said profits rose 20% to $3bn.", 0, 15),
                Sentence(2, "Shares in Acme Corp rose 4% on Friday.", 0, 7),
            ],
            Ranking({0: 1.0, 1: 0.5, 2: 0.4}, (0, 1, 2)),
            "The firm said profits rose 20% to $3bn.",
        ),
    ],
)
def test_a_facts_values_are_those_of_the_text_it_shows(
    sentences: list[Sentence], ranking: Ranking, trimmed: str | None
) -> None:
    summary = select_summary(sentences, ranking, Options(sentences=1))
    facts = select_facts(sentences, ranking, summary, 4)
    assert len(facts) >= 2
    assert trimmed is None or trimmed in [fact.text for fact in facts]
    names = mid_sentence_names(sentence.text for sentence in sentences)
    assert [fact.values for fact in facts] == [values(fact.text, names) for fact in facts]


def _facts(texts: list[str], count: int = 4) -> list[str]:
    sentences = [Sentence(i, text, 0, len(text.split())) for i, text in enumerate(texts)]
    ranking = Ranking({i: 1.0 - i / 10 for i in range(len(texts))}, tuple(range(len(texts))))
    summary = select_summary(sentences, ranking, Options(sentences=1))
    return [fact.text for fact in select_facts(sentences, ranking, summary, count)]


def test_trimming_never_drops_the_main_clause() -> None:
    long = (
        "Out of 17 observations by the W. M. Keck Observatory in Hawaii, the scientists only spotted water "
        "vapor in one, suggesting that the plumes are rare, short-lived and hard to catch from the ground."
    )
    facts = _facts(["Astronomers studied the moon for a year.", long])
    (fact,) = facts
    assert "the scientists only spotted water vapor in one" in fact
    lead_only = (
        "Out of 17 observations by the Keck Observatory in Hawaii over the last three years of the survey "
        "programme, which ran from 2019 to 2022, only one showed the plume."
    )
    assert _facts(["Astronomers studied the moon for a year.", lead_only]) == [lead_only]


def test_initials_are_part_of_a_name_never_names_alone() -> None:
    found = values("Out of 17 observations by the W. M. Keck Observatory in Hawaii, one showed water.")
    names = [value.text for value in found if value.kind == "name"]
    assert "W. M. Keck Observatory" in names
    assert not {"W", "M", "W.", "M."} & set(names)


def test_facts_have_balanced_quotation_marks() -> None:
    facts = _facts(
        [
            "The mayor spoke to reporters on Monday.",
            "We will rebuild the pier by 2027,” she told the council in March.",  # the quote opened before
            "“The cost is £40m and it will rise,” said the treasurer, Ann Cole.",
            "“The first phase costs $12m and starts on 3 May.",  # the quote goes on in the next sentence
            "Die Kosten lagen am 3. Mai bei 12 Millionen Euro“, sagte Ann Cole.",
        ]
    )
    assert facts == [
        "“We will rebuild the pier by 2027,” she told the council in March.",
        "“The cost is £40m and it will rise,” said the treasurer, Ann Cole.",
        "“The first phase costs $12m and starts on 3 May.”",
        "„Die Kosten lagen am 3. Mai bei 12 Millionen Euro“, sagte Ann Cole.",
    ]


def test_no_two_facts_state_the_same_value_about_the_same_thing() -> None:
    facts = _facts(
        [
            "The park opened a new ride on Saturday.",
            "A ride on the wheel costs Rs 300 for 15 minutes, the park said on Sunday.",
            "Visitors pay Rs 299 for fifteen minutes on the wheel, according to the park's website.",
            "The wheel is 60 metres tall and carries 240 people at a time.",
        ]
    )
    assert len(facts) == 2
    assert sum("minutes" in fact for fact in facts) == 1
    assert any("60 metres" in fact for fact in facts)
    different = _facts(
        [
            "The park opened a new ride on Saturday.",
            "A ride on the wheel costs Rs 300 for 15 minutes, the park said on Sunday.",
            "The city fined the company behind the harbour tower Rs 300 in January.",  # same amount, other thing
        ]
    )
    assert len(different) == 2
