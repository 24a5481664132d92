"""The ``news`` method: newsdigest's hand-set sentence ranking, built for news.

For sentence ``i`` (0-based, in article order) of ``n``::

    score_i = 1 / (1 + i / POSITION_DECAY) + CENTRALITY_WEIGHT * cent_i - penalty_i

* ``cent_i``: cosine between sentence i's tf-idf vector and the sum of all
  *other* sentences' unit tf-idf vectors (a leave-one-out centroid, computed
  from the full centroid in O(|s_i|)); tf = 1 + log(count), idf = log(1 + n /
  sentence frequency) within the article; clipped to [0, 1]. Words are
  lower-cased tokens; content words are those not in the stop-word list, not
  bare numbers, longer than one character.
* ``penalty_i``: fixed rules, set before tuning: boilerplate that survived
  cleaning ("Scroll down for video", "contributed to this report", photo
  captions...) 2.0; fragments (fewer than 6 words or 2 content words) 1.0,
  and 2.0 more with no content word at all; questions 0.5; sentences mostly
  inside quotation marks 0.3; 0.02 per word beyond ``LONG_WORDS``.

The preference order is greedy maximal marginal relevance (MMR) over the
best-scoring pool: the next sentence maximises ``score - MMR_WEIGHT * max
similarity to those already taken`` (cosine of content-word sets); the rest
follow by score. Everything is linear in the article's length except MMR,
which is bounded by ``MAX_POOL``.

Parameters were chosen on 786 CNN dev stories (``newsdigest evaluate
--split tune``); 199 held-out stories were scored once, at the end (README,
"Summary quality"):

* ``POSITION_DECAY`` = 1.5: weights 1, 0.60, 0.43, 0.33 for the first
  sentences; 1.0-1.5 best of 1/1.5/3/6, matching where the sentences closest
  to the human highlights sit.
* ``CENTRALITY_WEIGHT`` = 2.0: 2-3 best of 0/0.5/1/2/3/4; without it the
  method loses about 0.8 ROUGE-1.
* ``LONG_WORDS`` = 40: 40 and 50 tie; 30 helps 3-sentence summaries slightly
  but hurts budgeted ones.
* ``MMR_WEIGHT`` = 0.5: within 0.15 ROUGE-1 from 0 to 1 on news; kept for
  long, repetitive inputs.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from newsdigest.words import lowered_words, stop_words

POSITION_DECAY = 1.5
CENTRALITY_WEIGHT = 2.0
LONG_WORDS = 40
MMR_WEIGHT = 0.5
# Fixed rules (not tuned)
SHORT_WORDS = 6
FRAGMENT_PENALTY = 1.0
BOILERPLATE_PENALTY = 2.0
QUESTION_PENALTY = 0.5
QUOTE_PENALTY = 0.3
LONG_SLOPE = 0.02
#: The MMR pool: max(POOL_MIN, 3 x wanted sentences), at most MAX_POOL.
POOL_MIN = 10
MAX_POOL = 200

_BOILER_SUBSTRINGS = (
    "scroll down",
    "click here",
    "contributed to this report",
    "follow us on",
    "views expressed in this",
    "editor's note",
    "editor’s note",
    "editors note",
    "all rights reserved",
    "sign up for",
    "subscribe to",
    "share this",
)
_BOILER_START = re.compile(
    r"\W*(?:read(?: more)?\s*:|watch\s*:|see also|photos?\s*:|video\s*:|related\s*:|published\s*:|updated\s*:)"
)
_FOLLOW = re.compile(r"follow [^.]{0,40}? on twitter")
_COPYRIGHT = re.compile(r"copyright \d{4}")
_CAPTION = re.compile(r"\((?:pictured|above|below|left|right|centre|center)\)|^pictured\b")
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')


def _content(words: tuple[str, ...], stops: frozenset[str]) -> list[str]:
    return [w for w in words if len(w) > 1 and w not in stops and not w.isdigit()]


def _is_boilerplate(low: str) -> bool:
    return (
        any(marker in low for marker in _BOILER_SUBSTRINGS)
        or bool(_BOILER_START.match(low))
        or ("follow" in low and bool(_FOLLOW.search(low)))
        or ("copyright" in low and bool(_COPYRIGHT.search(low)))
        or (("(" in low or low.startswith("pictured")) and bool(_CAPTION.search(low)))
    )


def _penalty(text: str, words: int, content: int) -> float:
    text = text.strip()
    penalty = BOILERPLATE_PENALTY if _is_boilerplate(text.lower()) else 0.0
    if words < SHORT_WORDS or content < 2:
        penalty += FRAGMENT_PENALTY
    if content == 0:
        penalty += BOILERPLATE_PENALTY
    if text.endswith(("?", '?"', "?”")):
        penalty += QUESTION_PENALTY
    if text and sum(len(m.group(0)) for m in _QUOTED.finditer(text)) / len(text) > 0.5:
        penalty += QUOTE_PENALTY
    if words > LONG_WORDS:
        penalty += LONG_SLOPE * (words - LONG_WORDS)
    return penalty


def score(sentences: Sequence[str], language: str = "english") -> list[float]:
    """Per-sentence salience, finite, higher is better (see module docstring)."""
    stops = stop_words(language)
    n = len(sentences)
    words = [lowered_words(sentence) for sentence in sentences]
    counts = [Counter(_content(sentence_words, stops)) for sentence_words in words]
    frequency: Counter[str] = Counter()
    for tf in counts:
        frequency.update(tf.keys())
    idf = {word: math.log(1.0 + n / f) for word, f in frequency.items()}
    vectors: list[dict[str, float]] = []
    centroid: dict[str, float] = {}
    for tf in counts:
        vector = {word: (1.0 + math.log(k)) * idf[word] for word, k in tf.items()}
        norm = math.sqrt(sum(a * a for a in vector.values()))
        if norm > 0:
            vector = {word: a / norm for word, a in vector.items()}
        vectors.append(vector)
        for word, a in vector.items():
            centroid[word] = centroid.get(word, 0.0) + a
    centroid_norm2 = sum(a * a for a in centroid.values())
    scores: list[float] = []
    for i, vector in enumerate(vectors):
        centrality = 0.0
        if vector:
            dot_centroid = sum(a * centroid[word] for word, a in vector.items())
            rest2 = centroid_norm2 - 2.0 * dot_centroid + 1.0  # |c - v|^2 with |v| = 1
            if rest2 > 1e-12:
                centrality = max(0.0, min(1.0, (dot_centroid - 1.0) / math.sqrt(rest2)))
        value = (
            1.0 / (1.0 + i / POSITION_DECAY)
            + CENTRALITY_WEIGHT * centrality
            - _penalty(sentences[i], len(words[i]), counts[i].total())
        )
        scores.append(value if math.isfinite(value) else -1e9)
    return scores


def preference(
    sentences: Sequence[str],
    scores: Sequence[float],
    wanted: int,
    language: str = "english",
    *,
    mmr_weight: float = MMR_WEIGHT,
) -> list[int]:
    """Positions in order of preference: MMR over the best pool, then the rest by score.

    ``mmr_weight`` suits scores on the scale of this module's; the learned
    method passes its own.
    """
    stops = stop_words(language)
    n = len(sentences)
    by_score = sorted(range(n), key=scores.__getitem__, reverse=True)  # stable: ties in article order
    size = min(n, MAX_POOL, max(POOL_MIN, 3 * wanted))
    pool = by_score[:size]
    sets = {i: set(_content(lowered_words(sentences[i]), stops)) for i in pool}
    redundancy = dict.fromkeys(pool, 0.0)
    remaining = list(pool)
    order: list[int] = []
    while remaining:
        best = max(remaining, key=lambda i: (scores[i] - mmr_weight * redundancy[i], -i))
        order.append(best)
        remaining.remove(best)
        taken = sets[best]
        for i in remaining:
            other = sets[i]
            if taken and other:
                similarity = len(taken & other) / math.sqrt(len(taken) * len(other))
                redundancy[i] = max(redundancy[i], similarity)
    in_pool = set(pool)
    return order + [i for i in by_score if i not in in_pool]
