"""Immutable values that flow between the pipeline steps.

A sentence's identity is its ``index`` in the article (document order, counted
over body sentences), never its text: two identical sentences stay distinct.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from newsdigest.words import word_count

if TYPE_CHECKING:
    from newsdigest.analysis.language import Language

HeadlineSource = Literal["title", "generated"]


@dataclass(frozen=True)
class Article:
    """An article's text after cleaning, with its line structure kept.

    ``paragraphs`` holds the body lines that may be summarised, grouped by
    blank-line paragraphs; titles, sub-headings and boilerplate are taken out
    and kept apart so nothing is silently lost.
    """

    title: str | None
    paragraphs: tuple[tuple[str, ...], ...]
    headings: tuple[str, ...] = ()
    boilerplate: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sentence:
    """One body sentence. ``duplicate_of`` names the earlier sentence it repeats."""

    index: int
    text: str
    paragraph: int
    words: int
    duplicate_of: int | None = None


@dataclass(frozen=True)
class Value:
    """A typed, checkable value found in a sentence: a date, an amount, a name..."""

    kind: Literal["date", "money", "percent", "number", "name", "quote"]
    text: str


@dataclass(frozen=True)
class SourceInfo:
    """What a web page says about itself: its title and where it came from.

    Every field is optional; ``digest()`` cleans them (one line, no control
    characters, no site name in the title) before they reach a ``Digest``.
    """

    title: str | None = None
    author: str | None = None
    date: str | None = None
    site_name: str | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {
            "title": self.title,
            "author": self.author,
            "date": self.date,
            "site_name": self.site_name,
            "url": self.url,
        }


@dataclass(frozen=True)
class Headline:
    text: str
    source: HeadlineSource


@dataclass(frozen=True)
class Selected:
    """A summary sentence: its index in the article, its text and its score."""

    index: int
    text: str
    score: float


@dataclass(frozen=True)
class Fact:
    """A key fact: a short statement from one sentence, with the values it carries."""

    index: int
    text: str
    score: float
    values: tuple[Value, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Keyword:
    """A key phrase of the article, scored 0..1 (1 = the article's top keyword)."""

    text: str
    score: float


#: Version of the JSON document ``Digest.to_dict()`` returns; bumped on any
#: change that could break a consumer (see docs/json-schema.md).
SCHEMA_VERSION = 2
#: Words per minute behind ``reading_time_minutes``.
READING_WPM = 230


@dataclass(frozen=True)
class Stats:
    words: int
    sentences: int
    duplicates: int
    headings: int
    boilerplate: int

    @property
    def reading_time_minutes(self) -> int:
        return max(1, -(-self.words // READING_WPM))


@dataclass(frozen=True)
class Digest:
    """The result of :func:`newsdigest.digest`; ``to_dict()`` is the JSON output."""

    headline: Headline
    summary: tuple[Selected, ...]
    facts: tuple[Fact, ...]
    stats: Stats
    method: str
    settings: dict[str, object]
    title: str | None = None
    headings: tuple[str, ...] = ()
    boilerplate: tuple[str, ...] = ()
    version: str = ""
    source: SourceInfo | None = None
    keywords: tuple[Keyword, ...] = ()
    language: Language | None = None

    @property
    def summary_words(self) -> int:
        return sum(word_count(item.text) for item in self.summary)

    def to_dict(self) -> dict[str, object]:
        result: dict[str, object] = {
            "schema_version": SCHEMA_VERSION,
            "headline": {"text": self.headline.text, "source": self.headline.source},
            "summary": [{"index": s.index, "text": s.text, "score": round(s.score, 4)} for s in self.summary],
            "facts": [
                {
                    "index": f.index,
                    "text": f.text,
                    "score": round(f.score, 4),
                    "values": [{"kind": v.kind, "text": v.text} for v in f.values],
                }
                for f in self.facts
            ],
            "keywords": [{"text": k.text, "score": round(k.score, 4)} for k in self.keywords],
            "stats": {
                "words": self.stats.words,
                "reading_time_minutes": self.stats.reading_time_minutes,
                "sentences": self.stats.sentences,
                "sentences_kept": len(self.summary),
                "summary_words": self.summary_words,
                "duplicates": self.stats.duplicates,
                "headings": self.stats.headings,
                "boilerplate": self.stats.boilerplate,
            },
            "method": self.method,
            "settings": dict(self.settings),
            "language": self.language.to_dict() if self.language else None,
            "article": {
                "title": self.title,
                "headings": list(self.headings),
                "boilerplate": list(self.boilerplate),
            },
            "generator": {"name": "newsdigest", "version": self.version},
        }
        if self.source is not None:  # HTML pages and URLs only: plain-text output is unchanged
            result["source"] = self.source.to_dict()
        return result
