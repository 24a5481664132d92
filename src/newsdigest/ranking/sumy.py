"""The scoring adapter for sumy's summarisers: the only module that imports sumy.

It absorbs sumy's quirks so nothing else sees them: sumy builds documents with
its own NLTK-data tokenizer (we hand it our sentences and a tokenizer object of
our own), keys ratings by sentence text (we read them back by position), may
return NaN or numpy floats (we return finite Python floats), warns through
``warnings`` and numpy (silenced here), and ships Czech cue words for
Edmundson (we give it English ones and the headline's words).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from typing import Any

from newsdigest.words import stop_words, tokens

#: Cue words for Edmundson: what news writing uses to flag substance or fluff.
EDMUNDSON_BONUS = (
    "announced confirmed revealed said found showed according reported agreed approved "
    "launched first new record major key important significant official"
).split()
EDMUNDSON_STIGMA = (
    "advertisement subscribe newsletter click download app follow share sponsored "
    "perhaps maybe hardly allegedly reportedly rumour rumor opinion"
).split()


class _Tokenizer:
    """What sumy calls on a tokenizer; sentences are never split by sumy."""

    def __init__(self, language: str) -> None:
        self.language = language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return (paragraph,)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(tokens(sentence))


def _summarizer(method: str, language: str, headline: str) -> Any:
    from sumy.summarizers.edmundson import EdmundsonSummarizer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.reduction import ReductionSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    classes: dict[str, Callable[[Any], Any]] = {
        "lexrank": LexRankSummarizer,
        "textrank": TextRankSummarizer,
        "lsa": LsaSummarizer,
        "luhn": LuhnSummarizer,
        "kl": KLSummarizer,
        "sumbasic": SumBasicSummarizer,
        "edmundson": EdmundsonSummarizer,
        "reduction": ReductionSummarizer,
    }
    summarizer = classes[method](_stemmer(language))
    stops = stop_words(language)
    if method == "edmundson":
        summarizer.bonus_words = EDMUNDSON_BONUS + [w for w in tokens(headline) if w not in stops]
        summarizer.stigma_words = EDMUNDSON_STIGMA
        summarizer.null_words = sorted(stops)
    else:
        summarizer.stop_words = stops
    return summarizer


def _stemmer(language: str) -> Callable[[str], str]:
    """sumy's own stemmer for English (its methods are compared with sumy's
    picks); for the other languages the Snowball stemmer newsdigest uses
    everywhere, since sumy's Greek one needs a package sumy does not install."""
    if language == "english":
        from sumy.nlp.stemmers import Stemmer

        return Stemmer(language)  # type: ignore[no-any-return]
    from newsdigest.words import stem

    return lambda word: stem(word, language)


def sentence_terms(sentences: Sequence[str], language: str = "english") -> list[list[str]]:
    """Each sentence's terms exactly as sumy's LexRank and TextRank see them.

    sumy lower-cases the words, drops its stop words and applies its stemmer
    (NLTK's Snowball for English); each distinct word is stemmed once here.
    """
    stemmer = _stemmer(language)
    stops = stop_words(language)
    stems: dict[str, str] = {}
    terms: list[list[str]] = []
    for sentence in sentences:
        words: list[str] = []
        for word in _Tokenizer(language).to_words(sentence):
            word = word.lower()
            if word in stops:
                continue
            stem = stems.get(word)
            if stem is None:
                stem = stems[word] = stemmer(word.lower())
            words.append(stem)
        terms.append(words)
    return terms


def score(method: str, sentences: Sequence[str], *, headline: str = "", language: str = "english") -> list[float]:
    """Rate every sentence with sumy's ``method``; one finite float per sentence."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    tokenizer = _Tokenizer(language)
    body = [SumySentence(text, tokenizer) for text in sentences]
    # The headline goes in as a heading: Edmundson's title method reads it,
    # the other methods ignore headings.
    heading = [SumySentence(headline, tokenizer, is_heading=True)] if headline else []
    document = ObjectDocumentModel([Paragraph(heading + body)])
    ratings: list[float] = [0.0] * len(sentences)

    def capture(infos: list[Any]) -> list[Any]:
        # sumy hands its ranked SentenceInfo(sentence, order, rating) list to
        # the "count" callable; ``order`` is the position in our list.
        for info in infos:
            ratings[info.order] = float(info.rating)
        return infos

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import numpy

        with numpy.errstate(all="ignore"):
            _summarizer(method, language, headline)(document, capture)
    return [rating if math.isfinite(rating) else 0.0 for rating in ratings]
