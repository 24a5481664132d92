"""The sparse LexRank and TextRank agree with sumy's own implementations."""

from __future__ import annotations

import random

import pytest

from newsdigest.pipeline.clean import clean
from newsdigest.pipeline.score import rank
from newsdigest.pipeline.segment import segment
from newsdigest.ranking import graph
from newsdigest.ranking import sumy as sumy_adapter

from .conftest import SAMPLE

METHODS = {"lexrank": graph.lexrank, "textrank": graph.textrank}
TOPICS = [
    "council budget roads school tax vote mayor housing transit parks".split(),
    "storm flood rain river evacuation rescue damage power coast wind".split(),
    "court judge trial appeal verdict lawyer jury evidence witness ruling".split(),
    "market shares profit bank rates inflation investors growth trade oil".split(),
]
FILLER = "the a of and to in was were said that it on with for as by from this after".split()


def synthetic(seed: int, sentences: int) -> list[str]:
    """An article-like text: topical sentences of varied length, some repeats and one-word lines."""
    rng = random.Random(seed)
    topic = rng.choice(TOPICS)
    other = rng.choice(TOPICS)
    texts: list[str] = []
    for position in range(sentences):
        kind = rng.random()
        if kind < 0.05:
            texts.append(rng.choice(topic).capitalize() + ".")  # one content word
        elif kind < 0.08:
            texts.append("It was said that it was.")  # stop words only
        else:
            words = [rng.choice(topic if rng.random() < 0.7 else other) for _ in range(rng.randint(3, 14))]
            words += rng.sample(FILLER, rng.randint(2, 8))
            rng.shuffle(words)
            texts.append(" ".join(words).capitalize() + f" {position}.")
    return texts


def sample_sentences() -> list[str]:
    article = segment(clean(SAMPLE.read_text(encoding="utf-8")))
    return [s.text for s in article.sentences if s.duplicate_of is None]


ARTICLES = {"sample": sample_sentences()} | {
    f"synthetic-{seed}-{size}": synthetic(seed, size)
    for seed, size in [(1, 1), (2, 2), (3, 5), (4, 12), (5, 30), (6, 60), (7, 150), (8, 400)]
}


def preference(scores: list[float]) -> list[int]:
    """Best first; scores equal to 9 digits count as ties, which sumy's stable sort leaves in document order."""
    top = max(scores) or 1.0
    return sorted(range(len(scores)), key=lambda p: (-round(scores[p] / top, 9), p))


@pytest.mark.parametrize("method", sorted(METHODS))
@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_same_scores_and_same_picks_as_sumy(method: str, name: str) -> None:
    texts = ARTICLES[name]
    theirs = sumy_adapter.score(method, texts)
    ours = METHODS[method](sumy_adapter.sentence_terms(texts))
    top = max(theirs) or 1.0
    assert ours == pytest.approx([value / top for value in theirs], rel=1e-9, abs=1e-9)
    for count in (1, 3, 5, len(texts) // 3):
        assert set(preference(ours)[:count]) == set(preference(theirs)[:count]), count


@pytest.mark.parametrize("method", sorted(METHODS))
def test_rank_uses_the_sparse_graph_and_picks_what_sumy_picks(method: str) -> None:
    article = segment(clean(SAMPLE.read_text(encoding="utf-8")))
    candidates = [s for s in article.sentences if s.duplicate_of is None]
    texts = [s.text for s in candidates]
    ranking = rank(candidates, method)
    expected = [candidates[p].index for p in preference(sumy_adapter.score(method, texts))]
    assert list(ranking.order[:3]) == expected[:3]


@pytest.mark.parametrize("method", sorted(METHODS))
def test_blocks_do_not_change_the_result(method: str, monkeypatch: pytest.MonkeyPatch) -> None:
    terms = sumy_adapter.sentence_terms(synthetic(9, 300))
    whole = METHODS[method](terms)
    monkeypatch.setattr(graph, "_BLOCK_PAIRS", 50)  # many small blocks, some a single row
    assert METHODS[method](terms) == pytest.approx(whole, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("method", sorted(METHODS))
def test_degenerate_inputs(method: str) -> None:
    score = METHODS[method]
    assert score([]) == []
    # A lone sentence without terms: no edge for LexRank (sumy's NaN, read as 0),
    # only the teleport for TextRank (its best, so 1).
    assert score([[]]) == ([0.0] if method == "lexrank" else [1.0])
    assert len(score([[], [], []])) == 3
    assert all(value == value for value in score([[], ["word"], []]))  # never NaN
    assert score([["same"], ["same"]])[0] == score([["same"], ["same"]])[1]


def test_content_free_sentences_score_like_the_adapter_reads_sumy() -> None:
    texts = ["Yes.", "No.", "Oh."]
    for method, score in METHODS.items():
        theirs = sumy_adapter.score(method, texts)
        ours = score(sumy_adapter.sentence_terms(texts))
        assert preference(ours) == preference(theirs), method
