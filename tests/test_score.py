"""Scoring: every method, native and sumy's, offline and keyed by sentence index."""

from __future__ import annotations

import math

import pytest

from newsdigest.options import METHODS, SUMY_METHODS
from newsdigest.pipeline.clean import clean
from newsdigest.pipeline.score import rank
from newsdigest.pipeline.segment import segment
from newsdigest.ranking import sumy as sumy_adapter

from .conftest import SAMPLE


@pytest.fixture
def candidates(sample_text: str) -> list:  # type: ignore[type-arg]
    return [s for s in segment(clean(sample_text)).sentences if s.duplicate_of is None]


@pytest.mark.parametrize("method", METHODS)
def test_every_method_scores_every_candidate_in_0_to_1(method: str, candidates: list) -> None:  # type: ignore[type-arg]
    ranking = rank(candidates, method, headline="Tworek leaves OpenAI")
    assert set(ranking.scores) == {s.index for s in candidates}
    assert all(math.isfinite(v) and 0.0 <= v <= 1.0 for v in ranking.scores.values())
    assert max(ranking.scores.values()) == 1.0
    assert sorted(ranking.order) == sorted(ranking.scores)


@pytest.mark.parametrize("method", SUMY_METHODS)
def test_the_adapter_selects_what_sumy_itself_selects(method: str, candidates: list) -> None:  # type: ignore[type-arg]
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    headline = "Tworek leaves OpenAI"
    texts = [s.text for s in candidates]
    tokenizer = sumy_adapter._Tokenizer("english")
    heading = [SumySentence(headline, tokenizer, is_heading=True)]
    document = ObjectDocumentModel([Paragraph(heading + [SumySentence(t, tokenizer) for t in texts])])
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        picked = sumy_adapter._summarizer(method, "english", headline)(document, 3)
    expected = sorted(texts.index(str(sentence)) for sentence in picked)

    ranking = rank(candidates, method, headline=headline)
    ours = sorted(
        candidates[position].index
        for position in range(len(candidates))
        if candidates[position].index in ranking.order[:3]
    )
    assert ours == [candidates[i].index for i in expected]


def test_sumy_scores_are_read_back_by_position_even_for_equal_texts() -> None:
    texts = ["Rates rose sharply today.", "Rates rose sharply today.", "The mayor resigned."]
    scores = sumy_adapter.score("lexrank", texts)
    assert len(scores) == 3
    assert scores[0] == scores[1]


def test_content_free_text_gives_finite_scores() -> None:
    for method in SUMY_METHODS:
        scores = sumy_adapter.score(method, ["Yes.", "No.", "Oh."])
        assert all(math.isfinite(v) for v in scores), method


def test_edmundson_uses_english_cue_words_not_sumys_czech_ones() -> None:
    summarizer = sumy_adapter._summarizer("edmundson", "english", "Bank raises rates")
    assert "announc" in summarizer.bonus_words  # stemmed "announced"
    assert "rate" in summarizer.bonus_words  # from the headline
    assert not any(word in summarizer.bonus_words for word in ("však", "který"))


def test_native_methods_do_not_import_sumy_or_nltk() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from newsdigest import digest, Options;"
        "digest(open(sys.argv[1]).read(), Options(method=sys.argv[2]));"
        "bad=[m for m in ('sumy.summarizers','nltk') if m in sys.modules]; print(bad)"
    )
    for method in ("news", "lead", "learned"):
        out = subprocess.run(
            [sys.executable, "-c", code, str(SAMPLE), method], capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == "[]", method
