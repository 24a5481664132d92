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

For a language outside the supported ones (language-neutral rules) there is
no stop-word list to read, so one is computed from the text itself: in a
text of at least ``NEUTRAL_MIN_SENTENCES`` sentences a word in at least
``NEUTRAL_STOP_SHARE`` of them is a stop word, and so are the
``NEUTRAL_SHORT_STOPS`` most frequent words (seen twice or more) of at most
``NEUTRAL_SHORT_LETTERS`` letters: particles, prepositions and conjunctions
are short and frequent in every alphabetic language (Russian "не", "на",
Indonesian "dan", "yang"); a short content word repeated ("kota", city) is
lost with them.

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
from itertools import chain, groupby, repeat
from operator import itemgetter

from newsdigest.model import Keyword, Sentence
from newsdigest.words import NEUTRAL, stem, stop_words, tokens, without_possessive

MAX_WORDS = 3
NEUTRAL_STOP_SHARE = 0.5
NEUTRAL_MIN_SENTENCES = 10
NEUTRAL_SHORT_STOPS = 20
NEUTRAL_SHORT_LETTERS = 4
POSITION_DECAY = 0.5
PHRASE_BONUS = 0.5

_TOKEN = re.compile(r"\w+(?:['’.-]\w+)*|[^\w\s]")
_ELIDING = ("french", "italian")
_ELISION = re.compile(r"(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|dell|dall|nell|sull|all)['’](\w.*)", re.IGNORECASE)


#: In the written stream: between words that cannot share a phrase; never a word.
_BREAK = "\x00"
#: Its number in the stream of stems (a stem's number is its place in the table).
_BREAK_ID = 0


class _Words:
    """One language's tokens as numbered stems and as written, each worked out once.

    A token stands for itself with breaks around it: a stop word, number or
    punctuation mark is a break; "OpenAI’s" is "OpenAI" and a break (the
    possessive ends a phrase); French "l'Insee" is a break and "Insee". Stems
    are numbered, so that phrases are counted as integers. A text repeats its
    tokens and a batch its language's, so the tables are kept across
    articles, and emptied between articles once full, so memory stays flat.
    """

    LIMIT = 1 << 16

    def __init__(self, language: str) -> None:
        self.language = language
        self.stops = stop_words(language)
        self.elisions = language in _ELIDING
        self.clear()

    def clear(self) -> None:
        self.ids: dict[str, int] = {_BREAK: _BREAK_ID}  # stem -> its number
        self.stems: dict[str, tuple[int, ...]] = {}  # token -> numbered stems
        self.written: dict[str, tuple[str, ...]] = {}  # token -> words as written

    def learn(self, tokens: list[str]) -> None:
        for token in set(tokens).difference(self.stems):
            self.written[token] = written = self._as_written(token)
            self.stems[token] = tuple(
                _BREAK_ID if part == _BREAK else self.ids.setdefault(stem(part.lower(), self.language), len(self.ids))
                for part in written
            )

    def _as_written(self, token: str) -> tuple[str, ...]:
        elided = _ELISION.match(token) if self.elisions else None
        bare = elided.group(1) if elided else token
        word = without_possessive(bare)
        if not word[:1].isalnum() or word.lower() in self.stops or not any(c.isalpha() for c in word) or len(word) < 2:
            return (_BREAK,)
        before = (_BREAK,) if elided else ()
        after = (_BREAK,) if word != bare else ()
        return (*before, word, *after)


@cache
def _words(language: str) -> _Words:
    return _Words(language)


_Key = tuple[int, ...]


def _counts(stems: list[int], positions: list[int], size: int) -> dict[_Key, tuple[int, int]]:
    """Each candidate's numbered stems -> (frequency, first sentence position).

    Every word is a candidate; a phrase of up to MAX_WORDS words without a
    break inside must occur at least twice. A phrase is counted as one
    integer (its stems' numbers in base ``size``), so a book-length text
    costs about its word count.
    """
    frequency = Counter(stems)
    frequency.pop(_BREAK_ID, None)
    first = dict(zip(reversed(stems), reversed(positions), strict=True))  # the earliest position wins
    found: dict[_Key, tuple[int, int]] = {(word,): (times, first[word]) for word, times in frequency.items()}
    codes = stems
    for length in range(2, MAX_WORDS + 1):
        # A stretch with a break inside is 0, like the break itself.
        codes = [
            code * size + word if code and word else 0 for code, word in zip(codes, stems[length - 1 :], strict=False)
        ]
        earliest = dict(zip(reversed(codes), reversed(positions[: len(codes)]), strict=True))
        for code, times in Counter(codes).items():
            if times >= 2 and code:
                found[_decode(code, size, length)] = (times, earliest[code])
    return found


def _decode(code: int, size: int, length: int) -> _Key:
    digits: list[int] = []
    for _ in range(length):
        code, digit = divmod(code, size)
        digits.append(digit)
    return tuple(reversed(digits))


def _shown(key: _Key, stems: list[int], written: list[str]) -> str:
    """How ``key`` is shown: its most frequent form as written, the greatest on a tie.

    Worked out only for the candidates that selection reaches, by finding
    the key's occurrences in the stream.
    """
    forms: Counter[tuple[str, ...]] = Counter()
    length, at = len(key), -1
    try:
        while True:
            at = stems.index(key[0], at + 1)
            if length == 1 or tuple(stems[at : at + length]) == key:
                forms[tuple(written[at : at + length])] += 1
    except ValueError:  # no more occurrences
        pass
    # Words hold no space, so comparing word tuples orders them as the joined text does.
    return " ".join(max(forms.items(), key=lambda item: (item[1], item[0]))[0])


def text_stop_words(texts: Sequence[str]) -> frozenset[str]:
    """A stop list computed from a text's own word frequencies (see the module docstring)."""
    per_sentence = [set(tokens(text)) for text in texts]
    spread: Counter[str] = Counter(chain.from_iterable(per_sentence))
    stops = set()
    if len(per_sentence) >= NEUTRAL_MIN_SENTENCES:
        floor = NEUTRAL_STOP_SHARE * len(per_sentence)
        stops = {word for word, sentences in spread.items() if sentences >= floor}
    frequency = Counter(chain.from_iterable(tokens(text) for text in texts))
    short = [
        word
        for word, times in frequency.most_common()
        if len(word) <= NEUTRAL_SHORT_LETTERS and times >= 2 and not word.isdigit()
    ]
    return frozenset(stops | set(short[:NEUTRAL_SHORT_STOPS]))


def keywords(sentences: Sequence[Sentence], count: int, language: str = "english") -> tuple[Keyword, ...]:
    if count <= 0:
        return ()
    if language == NEUTRAL:
        # The stop list is this text's own, so nothing learnt is kept for the next one.
        words = _Words(language)
        words.stops = text_stop_words([sentence.text for sentence in sentences])
    else:
        words = _words(language)
    if len(words.stems) > words.LIMIT:
        words.clear()
    # The article as one stream of numbered stems (and one of the words as
    # written), a break after each sentence, and each item's sentence
    # position. A candidate is any stretch of the stream without a break.
    stems: list[int] = []
    written: list[str] = []
    positions: list[int] = []
    for position, sentence in enumerate(sentences):
        tokens = _TOKEN.findall(sentence.text)
        words.learn(tokens)
        stems.extend(chain.from_iterable(map(words.stems.__getitem__, tokens)))
        written.extend(chain.from_iterable(map(words.written.__getitem__, tokens)))
        stems.append(_BREAK_ID)
        written.append(_BREAK)
        positions.extend(repeat(position, len(stems) - len(positions)))
    scored: list[tuple[float, _Key]] = []
    for key, (frequency, first) in _counts(stems, positions, len(words.ids)).items():
        score = frequency * (1 + 1 / (1 + first / POSITION_DECAY))
        score *= 1 + PHRASE_BONUS * (len(key) - 1)
        scored.append((-score, key))
    scored.sort(key=itemgetter(0))
    # Best score first; equal scores by the shown form, lower-cased (distinct
    # keys never share it: the key is the stems of those very words).
    chosen: list[tuple[float, frozenset[int], str]] = []
    for negative, tied in groupby(scored, key=itemgetter(0)):
        forms = sorted((shown.lower(), shown, key) for _, key in tied for shown in [_shown(key, stems, written)])
        for _, shown, key in forms:
            held = frozenset(key)
            if any(held <= taken or taken <= held for _, taken, _ in chosen):
                continue
            chosen.append((-negative, held, shown))
            if len(chosen) == count:
                break
        if len(chosen) == count:
            break
    if not chosen:
        return ()
    top = chosen[0][0]
    return tuple(Keyword(form, score / top) for score, _, form in chosen)
