"""Step 4, score: rate the sentences that may enter the summary.

Every method returns a :class:`Ranking`: one score per candidate sentence,
normalised to 0..1 within the article (1 = the method's best), and the order
in which the method prefers them. Most methods prefer by score; ``news``
(``news.py``) also avoids repeating itself (maximal marginal relevance), so
its order can differ from its scores; so does ``learned`` (``learned.py``,
a linear model fitted to journalists' highlights, with the same MMR step). ``lead`` prefers article order. sumy's
methods run through the adapter in ``ranking/sumy.py``, imported only when one of
them is chosen; LexRank and TextRank take sumy's terms from it and do sumy's
maths on sparse graphs (``graph.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsdigest.model import Sentence

#: sumy's graph methods, computed on sparse graphs in ``ranking/graph.py`` (sumy's own
#: are quadratic); they read sumy's terms, so they pick the sentences sumy picks.
GRAPH_METHODS = ("lexrank", "textrank")


@dataclass(frozen=True)
class Ranking:
    """Scores keyed by sentence index, and the method's order of preference."""

    scores: dict[int, float]
    order: tuple[int, ...]


def rank(
    candidates: Sequence[Sentence], method: str, *, wanted: int = 3, headline: str = "", language: str = "english"
) -> Ranking:
    """Rank ``candidates``; ``wanted`` (about how many will be taken) bounds MMR's work."""
    if not candidates:
        return Ranking({}, ())
    texts = [sentence.text for sentence in candidates]
    indices = [sentence.index for sentence in candidates]
    if method == "news":
        from newsdigest.ranking import news

        raw = news.score(texts, language)
        positions = news.preference(texts, raw, wanted, language)
    elif method == "learned":  # the default; its weights are read on first use
        from newsdigest.ranking import learned

        raw = learned.score(texts, language)
        positions = learned.preference(texts, raw, wanted, language)
    else:
        if method == "lead":
            raw = [1.0 / (1 + position) for position in range(len(candidates))]
        elif method in GRAPH_METHODS:
            from newsdigest.ranking import graph
            from newsdigest.ranking import sumy as sumy_adapter

            words = sumy_adapter.sentence_terms(texts, language)
            raw = graph.lexrank(words) if method == "lexrank" else graph.textrank(words)
        else:
            from newsdigest.ranking import sumy as sumy_adapter

            raw = sumy_adapter.score(method, texts, headline=headline, language=language)
        # Order by the raw scores: normalising can merge near-ties that the
        # method itself (sumy's sort, say) tells apart.
        positions = sorted(range(len(raw)), key=lambda p: (-raw[p], p))
    return Ranking(dict(zip(indices, _normalise(raw), strict=True)), tuple(indices[p] for p in positions))


def _normalise(raw: Sequence[float]) -> list[float]:
    low, high = min(raw), max(raw)
    if not high > low:
        return [1.0] * len(raw)
    return [(value - low) / (high - low) for value in raw]
