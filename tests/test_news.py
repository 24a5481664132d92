"""The news method's scoring and preference order."""

from __future__ import annotations

import math

from newsdigest.ranking import news

STORY = [
    "The city council approved a $12m budget for road repairs on Monday.",
    "Mayor Jane Hill said the road budget vote was a turning point for the city.",
    "Scroll down for video of the council meeting.",
    "Why?",
    "The road repairs will begin in March and the budget covers two years.",
    "Opposition members called the road budget too expensive for the city.",
]


def test_scores_are_finite_and_deterministic() -> None:
    scores = news.score(STORY)
    assert len(scores) == len(STORY)
    assert all(math.isfinite(v) for v in scores)
    assert scores == news.score(list(STORY))
    assert news.score([]) == []
    assert all(math.isfinite(v) for v in news.score(["", "...", "the of and"]))


def test_boilerplate_and_fragments_rank_last() -> None:
    scores = news.score(STORY)
    order = news.preference(STORY, scores, wanted=3)
    assert set(order[-2:]) == {2, 3}


def test_position_breaks_ties_of_equal_content() -> None:
    same = ["Rates rose sharply across the country on Monday morning."] * 2 + ["Another different story about farming."]
    scores = news.score(same)
    assert scores[0] > scores[1]


def test_mmr_passes_over_a_repeat_of_what_it_already_took() -> None:
    text = [
        "The council approved the road budget for the city on Monday.",
        "The council approved the road budget for the city on Monday evening.",
        "Opposition members said the plan would raise local taxes sharply.",
        "Residents had waited years for the roads to be repaired properly.",
    ]
    scores = [1.0, 0.9, 0.8, 0.1]  # by score alone the near-repeat would come second
    assert news.preference(text, scores, wanted=2)[:3] == [0, 2, 1]


def test_preference_is_a_permutation_even_beyond_the_pool() -> None:
    text = [f"Sentence number {i} talks about topic {i % 7} and item {i % 11}." for i in range(1000)]
    scores = news.score(text)
    order = news.preference(text, scores, wanted=400)
    assert sorted(order) == list(range(1000))
