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
from functools import cache
from itertools import chain, repeat

from .model import Keyword, Sentence
from .words import stem, stop_words

MAX_WORDS = 3
POSITION_DECAY = 0.5
PHRASE_BONUS = 0.5

_TOKEN = re.compile(r"\w+(?:['’.-]\w+)*|[^\w\s]")
_POSSESSIVE = re.compile(r"['’]s?$")
_ELIDING = ("french", "italian")
_ELISION = re.compile(r"(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|dell|dall|nell|sull|all)['’](\w.*)", re.IGNORECASE)


#: Stands between words that cannot share a phrase; never a token's word or stem.
_BREAK = "\x00"


class _Words:
    """One language's tokens as stems and as written, each worked out once.

    A token stands for itself with breaks around it: a stop word, number or
    punctuation mark is a break; "OpenAI’s" is "OpenAI" and a break (the
    possessive ends a phrase); French "l'Insee" is a break and "Insee". A text
    repeats its tokens and a batch its language's, so the table is kept
    across articles, and emptied when full so that memory stays flat.
    """

    LIMIT = 1 << 16

    def __init__(self, language: str) -> None:
        self.language = language
        self.stops = stop_words(language)
        self.elisions = language in _ELIDING
        self.stems: dict[str, tuple[str, ...]] = {}
        self.written: dict[str, tuple[str, ...]] = {}

    def learn(self, tokens: list[str]) -> None:
        missing = set(tokens).difference(self.stems)
        if len(self.stems) + len(missing) > self.LIMIT:
            self.stems.clear()
            self.written.clear()
            missing = set(tokens)
        for token in missing:
            self.written[token] = written = self._as_written(token)
            self.stems[token] = tuple(part if part == _BREAK else stem(part.lower(), self.language) for part in written)

    def _as_written(self, token: str) -> tuple[str, ...]:
        elided = _ELISION.match(token) if self.elisions else None
        bare = elided.group(1) if elided else token
        word = _POSSESSIVE.sub("", bare)
        if not word[:1].isalnum() or word.lower() in self.stops or not any(c.isalpha() for c in word) or len(word) < 2:
            return (_BREAK,)
        before = (_BREAK,) if elided else ()
        after = (_BREAK,) if word != bare else ()
        return (*before, word, *after)


@cache
def _words(language: str) -> _Words:
    return _Words(language)


_Key = tuple[str, ...]


def _candidates(stems: list[str], written: list[str], positions: list[int]) -> dict[_Key, tuple[int, int, _Key]]:
    """Each candidate's stems -> (frequency, first sentence position, form shown).

    Every word is a candidate; a phrase of up to MAX_WORDS words without a
    break inside must occur at least twice. The form shown is the most
    frequent one as written, the greatest on a tie (words hold no space, so
    comparing word tuples orders them as the joined text does). Counting is
    done in bulk, and a phrase's forms are collected only where the phrase
    recurs, which keeps a book-length text's cost near its word count.
    """
    found: dict[_Key, tuple[int, int, _Key]] = {}
    frequency = Counter(stems)
    frequency.pop(_BREAK, None)
    first = dict(zip(reversed(stems), reversed(positions), strict=True))  # the earliest position wins
    forms: dict[str, tuple[int, str]] = {}
    for (word, form), times in Counter(zip(stems, written, strict=True)).items():
        best = forms.get(word)
        if best is None or (times, form) > best:
            forms[word] = (times, form)
    for word, times in frequency.items():
        found[(word,)] = (times, first[word], (forms[word][1],))
    for length in range(2, MAX_WORDS + 1):
        keys = list(zip(*(stems[i:] for i in range(length)), strict=False))
        recurring = {key: n for key, n in Counter(keys).items() if n >= 2 and _BREAK not in key}
        at = [i for i, key in enumerate(keys) if key in recurring]
        phrase_forms: dict[_Key, tuple[int, _Key]] = {}
        for (key, phrase), times in Counter((keys[i], tuple(written[i : i + length])) for i in at).items():
            best_phrase = phrase_forms.get(key)
            if best_phrase is None or (times, phrase) > best_phrase:
                phrase_forms[key] = (times, phrase)
        for i in reversed(at):  # the earliest position wins
            found[keys[i]] = (recurring[keys[i]], positions[i], phrase_forms[keys[i]][1])
    return found


def keywords(sentences: Sequence[Sentence], count: int, language: str = "english") -> tuple[Keyword, ...]:
    if count <= 0:
        return ()
    words = _words(language)
    # The article as one stream of stems (and one of the words as written),
    # a break after each sentence, and each item's sentence position. Counting
    # runs over the stream in bulk: a candidate is any stretch without a break.
    stems: list[str] = []
    written: list[str] = []
    positions: list[int] = []
    for position, sentence in enumerate(sentences):
        tokens = _TOKEN.findall(sentence.text)
        words.learn(tokens)
        stems.extend(chain.from_iterable(map(words.stems.__getitem__, tokens)))
        written.extend(chain.from_iterable(map(words.written.__getitem__, tokens)))
        stems.append(_BREAK)
        written.append(_BREAK)
        positions.extend(repeat(position, len(stems) - len(positions)))
    scored: list[tuple[float, tuple[str, ...], str]] = []
    for key, (frequency, first, form) in _candidates(stems, written, positions).items():
        score = frequency * (1 + 1 / (1 + first / POSITION_DECAY))
        score *= 1 + PHRASE_BONUS * (len(key) - 1)
        scored.append((score, key, " ".join(form)))
    scored.sort(key=lambda item: (-item[0], item[2].lower()))
    chosen: list[tuple[float, frozenset[str], str]] = []
    for score, key, shown in scored:
        held = frozenset(key)
        if any(held <= taken or taken <= held for _, taken, _ in chosen):
            continue
        chosen.append((score, held, shown))
        if len(chosen) == count:
            break
    if not chosen:
        return ()
    top = chosen[0][0]
    return tuple(Keyword(form, score / top) for score, _, form in chosen)
