"""The ``learned`` method: a linear sentence scorer fitted to journalists' highlights.

Every sentence is first put into the form the training text has: lower-cased
and tokenised like the Penn Treebank (``don't`` -> ``do n't``, ``Obama's`` ->
``obama 's``, ``Miami-Dade`` -> ``miami - dade``, curly quotes straight), so
that nothing depends on capital letters, which the training text lacks
(:func:`normal_tokens`). From those tokens, :func:`features` describes each
sentence by

* its position: absolute (one-hot buckets), relative, and among the
  article's substantive sentences (those with at least 6 words and 2 content
  words), so that a byline or caption before the lead does not shift it;
* its length (buckets), whether it is a fragment, a question, how much of it is quoted, its share of
  numbers, and its share of "entity-like" words: content words outside the
  model's list of common words (names and rare terms, found without capitals);
* its relation to the article: tf-idf centrality against the rest (value and
  rank), overlap with the lead and with the first three sentences, and the
  centrality of its neighbours and whether the previous one was a fragment;
* the ``news`` method's smooth position prior ``1 / (1 + i / 1.5)`` and its
  long-sentence excess (words beyond 40), the two parts of that method's
  hand-set score the features above do not already hold (its centrality and
  penalties are there), so the model can start from them;
* lexical weights: one per common content word it holds (scaled by
  1/sqrt(distinct words)), one for its first word ("but", "he", "police", ...),
  and one per common content word it shares with the lead.

Boilerplate (the ``news`` method's rules, and opinion pieces' "the opinions
expressed in this commentary are solely those of ..." disclaimer) is ranked
last by a fixed :data:`BOILERPLATE_SCORE`, not learned: the highlights of
opinion pieces name their author, so an oracle built from them would teach
the model to pick the disclaimer. Those sentences are left out of training.

The score is a dot product with weights fitted by ``training/train.py`` on
CNN/Daily Mail stories (``learned.json`` records the data's digest and the
command). The preference order is the ``news`` method's MMR with the model's
own redundancy weight. The weights are English: for other languages the
lexical part finds no words it knows, and the method uses the ``news``
ranking there (see README, "Summary quality").
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from newsdigest.ranking import news
from newsdigest.words import stop_words

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "`": "'"})
_TOKEN = re.compile(
    r"\d+(?:[.,:]\d+)*"  # 1,000  41.1  09:41
    r"|(?:[^\W\d_]\.){2,}"  # u.s.  p.m.
    r"|\w+?(?=n't\b)|n't\b"  # do n't, ca n't
    r"|'(?:s|re|ve|ll|d|m)\b"  # 's 're 've 'll 'd 'm
    r"|\w+"
    r"|-{2,}|\.{2,}"  # -- ...
    r"|[^\w\s]"
)
SHORT_WORDS = 6
#: Opinion pieces' disclaimer ("The opinions expressed in this commentary are solely those of ...").
_DISCLAIMER = re.compile(r"\b(?:views|opinions) expressed (?:in|here|are)\b")
#: Added to the score of a sentence the ``news`` method's rules or the
#: disclaimer call boilerplate: never worth a place in a summary, whatever its words.
BOILERPLATE_SCORE = -10.0
POSITION_BUCKETS = ((0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 7), (8, 10), (11, 15), (16, 25))
SUBSTANTIVE_BUCKETS = ((0, 0), (1, 1), (2, 2), (3, 3), (4, 6))
LENGTH_BUCKETS = ((0, 5), (6, 9), (10, 14), (15, 19), (20, 29), (30, 39), (40, 54))


def _bucket_names(prefix: str, buckets: tuple[tuple[int, int], ...]) -> list[str]:
    return [f"{prefix}{low}-{high}" for low, high in buckets] + [f"{prefix}{buckets[-1][1] + 1}+"]


#: The dense features, in the order :func:`features` returns them.
DENSE = (
    *_bucket_names("pos", POSITION_BUCKETS),
    *_bucket_names("spos", SUBSTANTIVE_BUCKETS)[:-1],
    "rel",
    "log_n",
    *_bucket_names("len", LENGTH_BUCKETS),
    "fragment",
    "no_content",
    "question",
    "boilerplate",
    "quoted",
    "starts_quote",
    "numbers",
    "has_number",
    "entity_like",
    "centrality",
    "centrality_top1",
    "centrality_top3",
    "centrality_rank",
    "prev_centrality",
    "next_centrality",
    "prev_fragment",
    "lead_overlap",
    "lead3_overlap",
    "position_prior",
    "long_excess",
    "bias",
)


def normal_tokens(text: str) -> tuple[str, ...]:
    """``text`` lower-cased and tokenised as the training text is (idempotent on that form)."""
    return tuple(_TOKEN.findall(text.lower().translate(_QUOTES)))


def _bucket(value: int, buckets: tuple[tuple[int, int], ...]) -> int:
    for place, (low, high) in enumerate(buckets):
        if low <= value <= high:
            return place
    return len(buckets)


@dataclass(frozen=True)
class SentenceFeatures:
    """One sentence's dense feature vector (in :data:`DENSE` order) and its lexical keys with values."""

    dense: tuple[float, ...]
    lexical: dict[str, float]


def _quoted_share(tokens: Sequence[str], words: int) -> float:
    if '"' not in tokens:
        return 0.0
    inside = False
    quoted = 0
    for token in tokens:
        if token == '"':
            inside = not inside
        elif inside and token[0].isalnum():
            quoted += 1
    return quoted / words if words else 0.0


def _centrality(counts: Sequence[Counter[str]]) -> list[float]:
    """Cosine of each sentence's tf-idf vector with the sum of the others' unit vectors."""
    n = len(counts)
    frequency: Counter[str] = Counter()
    for tf in counts:
        frequency.update(tf.keys())
    idf = {w: math.log(1.0 + n / f) for w, f in frequency.items()}
    vectors: list[dict[str, float]] = []
    centroid: dict[str, float] = {}
    for tf in counts:
        vector = {w: (1.0 + math.log(k)) * idf[w] for w, k in tf.items()}
        norm = math.sqrt(sum(a * a for a in vector.values())) or 1.0
        vector = {w: a / norm for w, a in vector.items()}
        vectors.append(vector)
        for w, a in vector.items():
            centroid[w] = centroid.get(w, 0.0) + a
    total2 = sum(a * a for a in centroid.values())
    values: list[float] = []
    for vector in vectors:
        dot = sum(a * centroid[w] for w, a in vector.items())
        rest2 = total2 - 2.0 * dot + 1.0
        values.append(max(0.0, min(1.0, (dot - 1.0) / math.sqrt(rest2))) if vector and rest2 > 1e-12 else 0.0)
    return values


def _is_boilerplate(low: str) -> bool:
    return bool(_DISCLAIMER.search(low)) or news._is_boilerplate(low.replace(" '", "'").replace(" n't", "n't"))


def features(
    sentences: Sequence[Sequence[str]], common: frozenset[str], language: str = "english"
) -> list[SentenceFeatures]:
    """The features of an article's sentences, each given as :func:`normal_tokens`."""
    stops = stop_words(language)
    n = len(sentences)
    if not n:
        return []
    words = [[t for t in tokens if t[0].isalnum()] for tokens in sentences]
    content = [[w for w in ws if len(w) > 1 and w not in stops and not w[0].isdigit()] for ws in words]
    counts = [Counter(c) for c in content]
    fragment = [len(ws) < SHORT_WORDS or len(set(c)) < 2 for ws, c in zip(words, content, strict=True)]
    centrality = _centrality(counts)
    by_centrality = sorted(range(n), key=lambda i: (-centrality[i], i))
    rank = [0] * n
    for place, i in enumerate(by_centrality):
        rank[i] = place
    substantive = [i for i in range(n) if not fragment[i]]
    substantive_place = {i: place for place, i in enumerate(substantive)}
    lead = substantive[0] if substantive else 0
    lead_words = set(content[lead])
    lead3 = substantive[:3]
    lead3_words = {i: set(content[i]) for i in lead3}
    # The words of the first three substantive sentences, less the sentence's own place among them.
    lead3_all = set().union(*lead3_words.values())
    lead3_others = {i: set().union(*(w for j, w in lead3_words.items() if j != i)) for i in lead3}
    result: list[SentenceFeatures] = []
    for i, tokens in enumerate(sentences):
        ws, distinct = words[i], set(content[i])
        size = len(ws)
        dense = [0.0] * len(DENSE)
        dense[_bucket(i, POSITION_BUCKETS)] = 1.0
        at = len(POSITION_BUCKETS) + 1
        if i in substantive_place and substantive_place[i] <= SUBSTANTIVE_BUCKETS[-1][1]:
            dense[at + _bucket(substantive_place[i], SUBSTANTIVE_BUCKETS)] = 1.0
        at += len(SUBSTANTIVE_BUCKETS)
        tail = [i / (n - 1) if n > 1 else 0.0, math.log(n)]
        length = [0.0] * (len(LENGTH_BUCKETS) + 1)
        length[_bucket(size, LENGTH_BUCKETS)] = 1.0
        numbers = sum(w[0].isdigit() for w in ws)
        low = " ".join(tokens)
        tail += length
        tail += [
            float(fragment[i]),
            float(not distinct),
            float("?" in tokens[-2:]),
            float(_is_boilerplate(low)),
            _quoted_share(tokens, size),
            float(bool(tokens) and tokens[0] == '"'),
            numbers / size if size else 0.0,
            float(numbers > 0),
            len(distinct - common) / len(distinct) if distinct else 0.0,
            centrality[i],
            float(rank[i] == 0),
            float(rank[i] < 3),
            rank[i] / n,
            centrality[i - 1] if i > 0 else 0.0,
            centrality[i + 1] if i + 1 < n else 0.0,
            float(i > 0 and fragment[i - 1]),
            len(distinct & lead_words) / len(distinct) if distinct and i != lead else 0.0,
            len(distinct & lead3_others.get(i, lead3_all)) / len(distinct) if distinct else 0.0,
            1.0 / (1.0 + i / news.POSITION_DECAY),
            max(0, size - news.LONG_WORDS) / news.LONG_WORDS,
            1.0,
        ]
        dense[at : at + len(tail)] = tail
        lexical: dict[str, float] = {}
        known = distinct & common
        if known:
            scale = 1.0 / math.sqrt(len(distinct))
            for w in known:
                lexical["w:" + w] = scale
                if i != lead and w in lead_words:
                    lexical["l:" + w] = scale
        if ws and (ws[0] in common or ws[0] in stops):
            lexical["f:" + ws[0]] = 1.0
        result.append(SentenceFeatures(tuple(dense), lexical))
    return result


@dataclass(frozen=True)
class Model:
    version: int
    dense: tuple[float, ...]
    lexical: dict[str, float]
    common: frozenset[str]
    mmr_weight: float


@cache
def model() -> Model:
    """The shipped weights (``learned.json``, next to this module)."""
    data = json.loads(files("newsdigest.ranking").joinpath("learned.json").read_text(encoding="utf-8"))
    names = data["dense_names"]
    if tuple(names) != DENSE:
        raise RuntimeError("learned.json does not match this version's features; retrain (training/train.py)")
    return Model(
        version=data["version"],
        dense=tuple(data["dense"]),
        lexical=data["lexical"],
        common=frozenset(data["common"]),
        mmr_weight=data["mmr_weight"],
    )


_BOILERPLATE = DENSE.index("boilerplate")


def score_features(extracted: Sequence[SentenceFeatures], weights: Model) -> list[float]:
    scores = []
    for item in extracted:
        value = sum(x * w for x, w in zip(item.dense, weights.dense, strict=True))  # model() checks the names
        lexical = weights.lexical
        value += sum(lexical[key] * v for key, v in item.lexical.items() if key in lexical)
        value += BOILERPLATE_SCORE * item.dense[_BOILERPLATE]
        scores.append(value if math.isfinite(value) else -1e9)
    return scores


def score(sentences: Sequence[str], language: str = "english") -> list[float]:
    """Per-sentence salience (the model's log-odds), finite, higher is better."""
    if language != "english":
        return news.score(sentences, language)
    weights = model()
    return score_features(features([normal_tokens(s) for s in sentences], weights.common, language), weights)


def preference(sentences: Sequence[str], scores: Sequence[float], wanted: int, language: str = "english") -> list[int]:
    """The ``news`` method's MMR order, with the redundancy weight fitted with the model."""
    weight = model().mmr_weight if language == "english" else news.MMR_WEIGHT
    return news.preference(sentences, scores, wanted, language, mmr_weight=weight)
