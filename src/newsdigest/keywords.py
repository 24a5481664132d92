"""Key phrases of an article: one to three words, ranked, inflections merged.

Candidates are runs of content words (no stop words, numbers or punctuation
inside), and every one-to-three-word stretch of such a run. Each candidate is
keyed by its stemmed, lower-cased words, so "reasoning" and "reasons", or
"OpenAI" and "OpenAI’s", are one keyword shown in its most frequent surface
form. Only the article's body sentences are read, after cleaning, so
boilerplate never becomes a keyword.

The score of a candidate::

    frequency x (1 + 1 / (1 + first_sentence / POSITION_DECAY)) x (1 + PHRASE_BONUS x (words - 1))

A phrase of several words must occur at least twice. Keywords are taken best
first, skipping any whose words are all inside one already taken (or that
holds all the words of one already taken), and scores are scaled to 0..1.

Parameters, chosen on the tune split of the BBC dev set by the share of the
real title's words found among the top 8 keywords (``benchmarks/keywords.py``):
``POSITION_DECAY`` = 0.5 (of 0.5/1/3/10: what the lead mentions matters most),
``PHRASE_BONUS`` = 0.5 (of 0/0.5/0.75/1). Boosting capitalised names did not
help (1.5 and 2.5 scored below no boost) and was dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .model import Keyword, Sentence
from .words import stem, stop_words

MAX_WORDS = 3
POSITION_DECAY = 0.5
PHRASE_BONUS = 0.5

_TOKEN = re.compile(r"\w+(?:['’.-]\w+)*|[^\w\s]")
_POSSESSIVE = re.compile(r"['’]s?$")
_ELIDING = ("french", "italian")
_ELISION = re.compile(r"(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|dell|dall|nell|sull|all)['’](\w.*)", re.IGNORECASE)


@dataclass
class _Candidate:
    first: int
    frequency: int = 0
    forms: Counter[str] = field(default_factory=Counter)


def _runs(text: str, stops: frozenset[str], elisions: bool = False) -> list[list[str]]:
    """Runs of content words; a stop word, number or punctuation mark ends a run."""
    runs: list[list[str]] = [[]]
    for token in _TOKEN.findall(text):
        elided = _ELISION.match(token) if elisions else None
        if elided:  # French and Italian "d'euros", "l'Insee": the article is a stop word
            if runs[-1]:
                runs.append([])
            token = elided.group(1)
        word = _POSSESSIVE.sub("", token)
        if not word[:1].isalnum() or word.lower() in stops or not any(c.isalpha() for c in word) or len(word) < 2:
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append(word)
        if word != token:  # "OpenAI’s model": the possessive ends the phrase
            runs.append([])
    return [run for run in runs if run]


def keywords(sentences: Sequence[Sentence], count: int, language: str = "english") -> tuple[Keyword, ...]:
    if count <= 0:
        return ()
    stops = stop_words(language)
    found: dict[tuple[str, ...], _Candidate] = {}
    for position, sentence in enumerate(sentences):
        for run in _runs(sentence.text, stops, language in _ELIDING):
            for start in range(len(run)):
                for length in range(1, min(MAX_WORDS, len(run) - start) + 1):
                    words = run[start : start + length]
                    key = tuple(stem(word.lower(), language) for word in words)
                    candidate = found.setdefault(key, _Candidate(first=position))
                    candidate.frequency += 1
                    candidate.forms[" ".join(words)] += 1
    scored: list[tuple[float, tuple[str, ...], str]] = []
    for key, candidate in found.items():
        if len(key) > 1 and candidate.frequency < 2:
            continue
        score = candidate.frequency * (1 + 1 / (1 + candidate.first / POSITION_DECAY))
        score *= 1 + PHRASE_BONUS * (len(key) - 1)
        form = max(candidate.forms.items(), key=lambda item: (item[1], item[0]))[0]
        scored.append((score, key, form))
    scored.sort(key=lambda item: (-item[0], item[2].lower()))
    chosen: list[tuple[float, frozenset[str], str]] = []
    for score, key, form in scored:
        stems = frozenset(key)
        if any(stems <= taken or taken <= stems for _, taken, _ in chosen):
            continue
        chosen.append((score, stems, form))
        if len(chosen) == count:
            break
    if not chosen:
        return ()
    top = chosen[0][0]
    return tuple(Keyword(form, score / top) for score, _, form in chosen)
