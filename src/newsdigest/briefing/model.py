"""The briefing's values: the articles that go in, the stories that come out.

``Briefing.to_dict()`` is the ``--format json`` document (schema in
docs/brief-json-schema.md); its version is :data:`BRIEF_SCHEMA_VERSION`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from newsdigest.model import Digest
from newsdigest.options import DEFAULT_FACTS, Options

#: Version of the JSON document ``Briefing.to_dict()`` returns; bumped on any
#: change that could break a consumer (see docs/brief-json-schema.md).
BRIEF_SCHEMA_VERSION = 1


@dataclass(frozen=True)
class BriefItem:
    """One article for the briefing, already loaded: its text and where it came from.

    ``published`` is timezone-aware (naive values are read as UTC).
    ``fallback`` says why the text is the feed's own content rather than the
    article page (the page could not be fetched or read); None when it is the page.
    A given ``digest`` must be ``digest(text, options, source=source_info(item))``.
    """

    text: str
    title: str | None = None
    url: str | None = None
    site: str | None = None
    published: datetime | None = None
    id: str | None = None
    feed: str | None = None
    fallback: str | None = None
    #: The item's digest when it was made already (by worker processes, say); ``brief()`` digests the rest.
    digest: Digest | None = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> str:
        """A stable id: the one given, else a hash of the link (or of the text)."""
        if self.id:
            return self.id
        basis = self.url or f"{self.title}\n{self.text}"
        return hashlib.sha1(basis.encode("utf-8", "surrogatepass")).hexdigest()[:12]


@dataclass(frozen=True)
class BriefOptions:
    """How to brief: which items count, how many stories, and how each article is digested.

    ``since`` keeps items published within that time of ``now`` (items with
    no date are kept: nothing says they are old); ``per_source`` keeps the
    newest N items of each site; ``top`` the N best stories.
    """

    top: int | None = None
    since: timedelta | None = None
    per_source: int | None = None
    now: datetime | None = None
    digest: Options = field(default_factory=lambda: Options(sentences=3, facts=DEFAULT_FACTS))
    #: Summary sentences of a story (2-3 reads as a briefing paragraph).
    sentences: int = 3
    #: Merged key facts of a story.
    facts: int = 4


@dataclass(frozen=True)
class ArticleRef:
    """A story's source: one article, as a reader would cite it."""

    id: str
    site: str
    title: str
    url: str | None
    published: datetime | None
    fallback: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "site": self.site,
            "title": self.title,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "from_feed_only": self.fallback is not None,
            "fallback_reason": self.fallback,
        }


@dataclass(frozen=True)
class StoryValue:
    """A checkable value (date, amount, name...) and the articles that state it."""

    kind: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class StoryFact:
    """A key fact of the story: one statement, its values, and every article that states one of them."""

    text: str
    values: tuple[StoryValue, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Story:
    id: str
    headline: str
    summary: tuple[str, ...]
    facts: tuple[StoryFact, ...]
    articles: tuple[ArticleRef, ...]
    sources: int
    score: float
    centrality: float
    latest: datetime | None

    @property
    def single_source(self) -> bool:
        return self.sources == 1

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "headline": self.headline,
            "summary": list(self.summary),
            "facts": [
                {
                    "text": fact.text,
                    "sources": list(fact.sources),
                    "values": [{"kind": v.kind, "text": v.text, "sources": list(v.sources)} for v in fact.values],
                }
                for fact in self.facts
            ],
            "sources": self.sources,
            "single_source": self.single_source,
            "score": round(self.score, 4),
            "centrality": round(self.centrality, 4),
            "latest": self.latest.isoformat() if self.latest else None,
            "articles": [article.to_dict() for article in self.articles],
        }


@dataclass(frozen=True)
class Skipped:
    """An item left out of the briefing, and why."""

    id: str
    title: str | None
    url: str | None
    reason: str


@dataclass(frozen=True)
class Briefing:
    """The result of :func:`newsdigest.brief`: stories, best first."""

    stories: tuple[Story, ...]
    generated: datetime
    articles: int
    skipped: tuple[Skipped, ...] = ()
    version: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "schema_version": BRIEF_SCHEMA_VERSION,
            "kind": "briefing",
            "generated": self.generated.isoformat(),
            "articles": self.articles,
            "stories": [story.to_dict() for story in self.stories],
            "skipped": [
                {"id": item.id, "title": item.title, "url": item.url, "reason": item.reason} for item in self.skipped
            ],
            "generator": {"name": "newsdigest", "version": self.version},
        }
