"""The indexed (near-linear) searches give exactly what the plain pairwise searches give.

Duplicate marking, the summary-repeat filter and the choice of key facts
avoid comparing every sentence with every other; each is checked here
against the straightforward quadratic definition it replaces. No timing is
asserted; the long-input test only has to finish.
"""

from __future__ import annotations

import random
from unittest.mock import patch

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsdigest import Options, digest
from newsdigest.analysis.facts import balanced_quotes, mid_sentence_names, same_value, values
from newsdigest.model import Sentence, Value
from newsdigest.pipeline import segment
from newsdigest.pipeline.score import Ranking
from newsdigest.pipeline.segment import NEAR_DUPLICATE
from newsdigest.pipeline.select import NAME_ONLY_MIN, REPEATS_SUMMARY, _main_clause, _Repeats, select_facts
from newsdigest.words import tokens, word_count

WORDS = st.sampled_from("rates rose fell bank the of said council vote budget 2026 $5m Monday Acme".split())
SENTENCE = st.lists(WORDS, min_size=1, max_size=12).map(lambda words: " ".join(words) + ".")


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def number_pairwise(kept: list[tuple[str, int]]) -> list[int | None]:
    """Duplicate marking as first written: every earlier sentence with the same edge is compared."""
    marks: list[int | None] = []
    exact: dict[tuple[str, ...], int] = {}
    by_edge: dict[tuple[str, ...], list[int]] = {}
    sets: list[frozenset[str]] = []
    for index, (text, _) in enumerate(kept):
        key = tuple(tokens(text))
        sets.append(frozenset(key))
        duplicate_of = exact.get(key)
        edges = (key[:4], key[-4:]) if len(key) >= 8 else ()
        if duplicate_of is None:
            for edge in edges:
                duplicate_of = next(
                    (o for o in by_edge.get(edge, ()) if jaccard(sets[o], sets[index]) >= NEAR_DUPLICATE), None
                )
                if duplicate_of is not None:
                    break
        if duplicate_of is None:
            exact.setdefault(key, index)
            for edge in edges:
                by_edge.setdefault(edge, []).append(index)
        marks.append(duplicate_of)
    return marks


@settings(max_examples=300, deadline=None)
@given(st.lists(SENTENCE, min_size=1, max_size=30), st.randoms(use_true_random=False), st.sampled_from([0, 2, 32]))
def test_duplicate_marking_matches_the_pairwise_search(texts: list[str], rng: random.Random, scan_limit: int) -> None:
    # Re-use sentences with small edits so that near duplicates are common.
    kept = []
    for text in texts:
        if kept and rng.random() < 0.5:
            words = rng.choice(kept)[0].rstrip(".").split()
            words[rng.randrange(len(words))] = rng.choice(["rates", "bank", "vote", "new"])
            text = " ".join(words) + "."
        kept.append((text, 0))
    # A small scan limit sends the search through the rarest-words index.
    with patch.object(segment, "_SCAN_LIMIT", scan_limit):
        assert [s.duplicate_of for s in segment._number(kept)] == number_pairwise(kept)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.frozensets(WORDS, max_size=8), max_size=12), st.frozensets(WORDS, max_size=8))
def test_the_repeat_filter_matches_the_pairwise_test(summary: list[frozenset[str]], words: frozenset[str]) -> None:
    pairwise = any(jaccard(words, other) >= REPEATS_SUMMARY for other in summary)
    assert _Repeats(summary)(words) == pairwise


def facts_pairwise(sentences: list[Sentence], ranking: Ranking, summary: list, count: int) -> list[tuple[int, str]]:  # type: ignore[type-arg]
    """Key facts as first written: every sentence's values are found, then the best are kept."""
    names = mid_sentence_names(s.text for s in sentences)
    summary_words = [frozenset(tokens(item.text)) for item in summary]
    in_summary = {item.index for item in summary}
    candidates = []
    for sentence in sentences:
        if sentence.index in in_summary:
            continue
        words = frozenset(tokens(sentence.text))
        if any(jaccard(words, other) >= REPEATS_SUMMARY for other in summary_words):
            continue
        if balanced_quotes(sentence.text) is None:
            continue
        found = values(sentence.text, names)
        if not found or ({v.kind for v in found} == {"name"} and len(found) < NAME_ONLY_MIN):
            continue
        strength = min(1.0, (len({v.kind for v in found}) + 0.5 * len(found)) / 4)
        brevity = min(1.0, 20 / max(sentence.words, 1))
        priority = 0.45 * strength + 0.35 * ranking.scores[sentence.index] + 0.2 * brevity
        text = _main_clause(sentence.text, names)
        text = balanced_quotes(text) or balanced_quotes(sentence.text) or sentence.text
        candidates.append((priority, sentence.index, text, (sentence.text, found)))
    candidates.sort(key=lambda item: (-item[0], item[1]))
    kept: list[tuple[float, int, str, tuple[str, tuple[Value, ...]]]] = []
    for candidate in candidates:  # best first; a value already stated by a better fact is no fact
        if len(kept) < count and not any(same_value(other[3], candidate[3]) for other in kept):
            kept.append(candidate)
    return sorted((index, text) for _, index, text, _ in kept)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(SENTENCE, min_size=1, max_size=25),
    st.lists(st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0]), min_size=25, max_size=25),
    st.integers(0, 6),
    st.integers(1, 8),
)
@example(["Acme rates Acme Acme."], [0.0] * 25, 0, 1)  # two names only: below NAME_ONLY_MIN, not a fact
def test_key_facts_match_judging_every_sentence(
    texts: list[str], scores: list[float], summary_size: int, count: int
) -> None:
    from newsdigest.model import Selected

    sentences = [Sentence(i, text, 0, word_count(text)) for i, text in enumerate(texts)]
    ranking = Ranking({i: scores[i] for i in range(len(texts))}, tuple(range(len(texts))))
    summary = [Selected(i, texts[i], scores[i]) for i in range(min(summary_size, len(texts)))]
    ours = [(fact.index, fact.text) for fact in select_facts(sentences, ranking, summary, count)]
    assert ours == facts_pairwise(sentences, ranking, summary, count)


def test_a_long_list_of_alike_lines_is_digested() -> None:
    """Lines that all start alike land in one duplicate bucket; a long summary makes the repeat filter work."""
    rng = random.Random(7)
    vocabulary = [f"item{k}" for k in range(3000)]
    lines = [f"The committee said that {' '.join(rng.sample(vocabulary, 8))} on {day} May." for day in range(4000)]
    result = digest("\n".join(lines), Options(ratio=0.5, facts=10))
    assert len(result.summary) == 2000
    assert result.stats.sentences == 4000


VALUE_TEXT = st.lists(
    st.one_of(
        st.sampled_from(
            "two Ten TWO fıve ſix dozens 12 2019 $5m 3.5% per cent Monday May June “Hello there, my old friend” "
            "Acme's GPT-4 U.S. the of and ı İ K".split()
        ),
        st.text(max_size=6),
    ),
    max_size=12,
).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(VALUE_TEXT)
def test_the_cheap_checks_before_each_value_pattern_skip_nothing(text: str) -> None:
    from newsdigest.analysis import facts

    everything = frozenset(("quote", "money", "percent", "date", "number", "name"))
    with patch.object(facts, "_possible_kinds", lambda *_: everything):
        expected = facts.values(text, {"Acme"})
    assert facts.values(text, {"Acme"}) == expected
