"""Step 4, score: rate the sentences that may enter the summary.

Every method returns a :class:`Ranking`: one score per candidate sentence,
normalised to 0..1 within the article (1 = the method's best), and the order
in which the method prefers them. Most methods prefer by score; ``news``
also avoids repeating itself (maximal marginal relevance), so its order can
differ from its scores. sumy's methods run through the adapter in
``_sumy.py``, imported only when one of them is chosen; LexRank and TextRank
take sumy's terms from it and do sumy's maths on sparse graphs (``graph.py``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Sentence
from .words import terms

#: sumy's graph methods, computed on sparse graphs in ``graph.py`` (sumy's own
#: are quadratic); they read sumy's terms, so they pick the sentences sumy picks.
GRAPH_METHODS = ("lexrank", "textrank")


@dataclass(frozen=True)
class Ranking:
    """Scores keyed by sentence index, and the method's order of preference."""

    scores: dict[int, float]
    order: tuple[int, ...]


def rank(candidates: Sequence[Sentence], method: str, *, headline: str = "", language: str = "english") -> Ranking:
    if not candidates:
        return Ranking({}, ())
    texts = [sentence.text for sentence in candidates]
    if method == "lead":
        raw = [1.0 / (1 + position) for position in range(len(candidates))]
    elif method == "news":
        raw = _news_scores(texts, language)
    elif method in GRAPH_METHODS:
        from . import _sumy, graph

        words = _sumy.sentence_terms(texts, language)
        raw = graph.lexrank(words) if method == "lexrank" else graph.textrank(words)
    else:
        from . import _sumy

        raw = _sumy.score(method, texts, headline=headline, language=language)
    indices = [sentence.index for sentence in candidates]
    # Order by the raw scores: normalising can merge near-ties that the method
    # itself (sumy's sort, say) tells apart.
    order = tuple(indices[p] for p in sorted(range(len(raw)), key=lambda p: (-raw[p], p)))
    return Ranking(dict(zip(indices, _normalise(raw), strict=True)), order)


def _normalise(raw: Sequence[float]) -> list[float]:
    low, high = min(raw), max(raw)
    if not high > low:
        return [1.0] * len(raw)
    return [(value - low) / (high - low) for value in raw]


def _news_scores(texts: Sequence[str], language: str) -> list[float]:
    """Position prior times centrality to the article's centroid (linear time)."""
    bags = [Counter(terms(text, language)) for text in texts]
    document_frequency: Counter[str] = Counter()
    for bag in bags:
        document_frequency.update(bag.keys())
    n = len(texts)
    idf = {term: math.log((1 + n) / (1 + df)) + 1.0 for term, df in document_frequency.items()}
    centroid: Counter[str] = Counter()
    vectors = []
    for bag in bags:
        vector = {term: count * idf[term] for term, count in bag.items()}
        vectors.append(vector)
        centroid.update(vector)
    centroid_norm = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
    scores = []
    for position, vector in enumerate(vectors):
        norm = math.sqrt(sum(v * v for v in vector.values()))
        centrality = sum(v * centroid[t] for t, v in vector.items()) / (norm * centroid_norm) if norm else 0.0
        scores.append(centrality * (0.5 + 1.0 / (1 + position / 3)))
    return scores
