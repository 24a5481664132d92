"""The settings of one digest, validated once, in one frozen object."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from newsdigest.errors import UsageError


class Method(str, Enum):
    """Scoring methods. ``news``, ``lead`` and ``learned`` are newsdigest's own
    (no sumy, no NLTK on their path); the others are sumy's, through the
    scoring adapter."""

    news = "news"
    lead = "lead"
    learned = "learned"
    lexrank = "lexrank"
    textrank = "textrank"
    lsa = "lsa"
    luhn = "luhn"
    kl = "kl"
    sumbasic = "sumbasic"
    edmundson = "edmundson"
    reduction = "reduction"


NATIVE_METHODS = (Method.news.value, Method.lead.value, Method.learned.value)
METHODS = tuple(method.value for method in Method)
SUMY_METHODS = tuple(method for method in METHODS if method not in NATIVE_METHODS)
DEFAULT_METHOD = "learned"
DEFAULT_SENTENCES = 3
DEFAULT_FACTS = 4
MAX_FACTS = 50
DEFAULT_KEYWORDS = 6
MAX_KEYWORDS = 50
#: Seconds a URL may take to connect and for each read (``--timeout``).
DEFAULT_TIMEOUT = 10.0


@dataclass(frozen=True)
class Options:
    """How to digest an article.

    At most one of ``sentences``, ``ratio`` and ``words`` sets the summary's
    length; with none, the summary has ``DEFAULT_SENTENCES`` sentences.
    ``words`` is a hard budget: the summary never exceeds it and is never
    empty (a sentence longer than the budget is shortened to fit).
    """

    method: str | Method = DEFAULT_METHOD
    sentences: int | None = None
    ratio: float | None = None
    words: int | None = None
    facts: int = DEFAULT_FACTS
    keywords: int = DEFAULT_KEYWORDS
    #: "auto" (detect it from the text) or a supported language's code or name.
    language: str = "auto"

    def __post_init__(self) -> None:
        method = self.method.value if isinstance(self.method, Method) else self.method.strip().lower()
        if method not in METHODS:
            raise UsageError(f"unknown method {self.method!r}; choose one of: {', '.join(METHODS)}")
        object.__setattr__(self, "method", method)
        given = [name for name in ("sentences", "ratio", "words") if getattr(self, name) is not None]
        if len(given) > 1:
            raise UsageError(f"use only one of --sentences, --ratio and --words (got {', '.join(given)})")
        if self.sentences is not None and self.sentences < 1:
            raise UsageError("--sentences must be at least 1")
        if self.ratio is not None and not 0.0 < self.ratio <= 1.0:
            raise UsageError("--ratio must be greater than 0 and at most 1")
        if self.words is not None and self.words < 1:
            raise UsageError("--words must be at least 1")
        if not 0 <= self.facts <= MAX_FACTS:
            raise UsageError(f"--facts must be between 0 and {MAX_FACTS}")
        if not 0 <= self.keywords <= MAX_KEYWORDS:
            raise UsageError(f"--keywords must be between 0 and {MAX_KEYWORDS}")
        from newsdigest.analysis.language import resolve

        object.__setattr__(self, "language", resolve(self.language))

    def sentence_count(self, available: int, *, words_per_sentence: int | None = None) -> int:
        """How many sentences the length settings ask for, out of ``available``.

        A word budget asks for as many as fit; with ``words_per_sentence`` it
        is estimated instead (for methods that need to know how far to look).
        """
        if self.ratio is not None:
            return max(1, min(available, round(available * self.ratio)))
        if self.words is not None:
            if words_per_sentence is None:
                return available
            return max(1, min(available, self.words // words_per_sentence + 1))
        return min(available, self.sentences or DEFAULT_SENTENCES)

    def settings(self) -> dict[str, object]:
        """The settings as they appear in JSON output."""
        length: dict[str, object]
        if self.ratio is not None:
            length = {"ratio": self.ratio}
        elif self.words is not None:
            length = {"words": self.words}
        else:
            length = {"sentences": self.sentences or DEFAULT_SENTENCES}
        return {
            "method": self.method,
            "length": length,
            "facts": self.facts,
            "keywords": self.keywords,
            "language": self.language,
        }
