"""``brief()``: already-loaded articles in, the day's stories out, best first. No I/O.

Each article is digested (:func:`newsdigest.digest`), the articles are
grouped into stories (``group.py``), and each story gets its best headline,
a summary drawn across its articles, its key facts merged by value, and its
sources. Stories are ranked by

* the number of independent sources (distinct sites) that carry them, first;
* then ``0.6 · centrality + 0.4 · recency``: centrality is how much of the
  rest of the day's coverage the story's articles resemble (their mean
  similarity to articles outside the story, scaled to the day's most
  central story), recency halves every 12 hours from the newest item.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timedelta, timezone

from newsdigest._version import __version__
from newsdigest.analysis.facts import values
from newsdigest.briefing.group import amount_key, content_stems, group, lead, pair_similarities, profiles
from newsdigest.briefing.model import (
    ArticleRef,
    Briefing,
    BriefItem,
    BriefOptions,
    Skipped,
    Story,
    StoryFact,
    StoryValue,
)
from newsdigest.errors import NewsdigestError, UsageError
from newsdigest.model import Digest, SourceInfo
from newsdigest.pipeline.digest import digest
from newsdigest.words import jaccard

#: Recency halves every this many hours.
HALF_LIFE_HOURS = 12.0
#: Two sentences sharing this much of the shorter one's content words say the same thing.
REPEAT = 0.4
_FACT_KINDS = ("money", "percent", "number", "date", "quote")


def brief(items: Iterable[BriefItem], options: BriefOptions | None = None) -> Briefing:
    """Group ``items`` into stories and rank them (see the module docstring).

    Items whose text holds nothing to digest are left out and listed in
    ``Briefing.skipped``; the function raises only for contradictory options.
    An item that carries its ``digest`` already (made in worker processes, say)
    is not digested again.
    """
    options = options or BriefOptions()
    for name in ("top", "per_source"):
        value = getattr(options, name)
        if value is not None and value < 1:
            raise UsageError(f"--{name.replace('_', '-')} must be at least 1")
    now = _aware(options.now) or datetime.now(timezone.utc)
    chosen = _choose([_dated(item, now) for item in _unique(items)], options, now)
    digested: list[tuple[BriefItem, Digest]] = []
    skipped: list[Skipped] = []
    for item in chosen:
        try:
            result = item.digest or digest(item.text, options.digest, source=source_info(item))
        except NewsdigestError as exc:
            skipped.append(Skipped(item.key, item.title, item.url, str(exc)))
            continue
        digested.append((item, result))
    stories = _stories(digested, options, now)
    return Briefing(tuple(stories), now, len(digested), tuple(skipped), __version__)


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _dated(item: BriefItem, now: datetime) -> BriefItem:
    """The item with an aware date, or none when its date is more than a day ahead of ``now`` (a wrong date)."""
    published = _aware(item.published)
    if published is not None and published > now + timedelta(days=1):
        published = None
    return item if published == item.published else replace(item, published=published)


def _unique(items: Iterable[BriefItem]) -> list[BriefItem]:
    """Each article once: a feed listing an item twice, or two feeds carrying one link, gives one article."""
    seen: set[str] = set()
    result = []
    for item in items:
        key = item.url or item.key
        if key in seen:
            continue
        seen.add(key)
        result.append(item)
    return result


def site_of(item: BriefItem) -> str:
    """The site an item belongs to: its site name, else its link's host, else its feed."""
    if item.site:
        return item.site
    for address in (item.url, item.feed):
        if address and "://" in address:
            from urllib.parse import urlsplit

            host = urlsplit(address).hostname or ""
            return host.removeprefix("www.") or address
    return item.feed or "unknown source"


def _choose(items: list[BriefItem], options: BriefOptions, now: datetime) -> list[BriefItem]:
    if options.since is not None:
        oldest = now - options.since
        items = [item for item in items if (_aware(item.published) or now) >= oldest]
    if options.per_source is not None:
        by_site: dict[str, list[BriefItem]] = defaultdict(list)
        for item in items:
            by_site[site_of(item)].append(item)
        keep = {
            id(item)
            for group_items in by_site.values()
            for item in sorted(group_items, key=lambda i: _aware(i.published) or now, reverse=True)[
                : options.per_source
            ]
        }
        items = [item for item in items if id(item) in keep]
    return items


def source_info(item: BriefItem) -> SourceInfo:
    """What the digest of ``item`` is told about its source."""
    return SourceInfo(
        title=item.title,
        date=item.published.isoformat() if item.published else None,
        site_name=item.site,
        url=item.url,
    )


def _stories(digested: list[tuple[BriefItem, Digest]], options: BriefOptions, now: datetime) -> list[Story]:
    if not digested:
        return []
    titles = [result.headline.text for _, result in digested]
    leads = [lead(item.text, item.title) for item, _ in digested]
    dates = [_aware(item.published) for item, _ in digested]
    pairs = pair_similarities(profiles(titles, leads, dates))
    groups = group(len(digested), pairs)
    degree = [0.0] * len(digested)
    member_of = {member: index for index, members in enumerate(groups) for member in members}
    for (i, j), score in pairs.items():
        if member_of[i] != member_of[j]:
            degree[i] += score
            degree[j] += score
    raw_centrality = [sum(degree[m] for m in members) / len(members) for members in groups]
    top_centrality = max(raw_centrality) or 1.0
    stories = [
        _story([digested[m] for m in members], members, pairs, raw / top_centrality, options, now)
        for members, raw in zip(groups, raw_centrality, strict=True)
    ]
    stories.sort(key=lambda story: (-story.sources, -story.score, story.headline))
    return stories[: options.top] if options.top else stories


def _story(
    members: list[tuple[BriefItem, Digest]],
    indices: list[int],
    pairs: dict[tuple[int, int], float],
    centrality: float,
    options: BriefOptions,
    now: datetime,
) -> Story:
    refs = [
        ArticleRef(item.key, site_of(item), result.headline.text, item.url, _aware(item.published), item.fallback)
        for item, result in members
    ]
    # The articles most like the others come first: their headline and sentences speak for the story.
    cohesion = [sum(pairs.get((min(a, b), max(a, b)), 0.0) for b in indices if b != a) for a in indices]
    order = sorted(range(len(members)), key=lambda k: (-cohesion[k], -(members[k][1].headline.source == "title"), k))
    ordered = [members[k] for k in order]
    dates = [ref.published for ref in refs if ref.published]
    latest = max(dates) if dates else None
    age_hours = max(0.0, (now - latest).total_seconds() / 3600) if latest else HALF_LIFE_HOURS
    recency = math.pow(0.5, age_hours / HALF_LIFE_HOURS)
    sources = len({ref.site.casefold() for ref in refs})
    ids = sorted(ref.id for ref in refs)
    import hashlib

    story_id = hashlib.sha1("\n".join(ids).encode()).hexdigest()[:12]
    summary = _summary(ordered, options.sentences)
    return Story(
        id=story_id,
        headline=ordered[0][1].headline.text,
        summary=summary,
        facts=_facts(ordered, options.facts, summary),
        articles=tuple(refs[k] for k in order),
        sources=sources,
        score=0.6 * centrality + 0.4 * recency,
        centrality=centrality,
        latest=latest,
    )


def _summary(ordered: list[tuple[BriefItem, Digest]], wanted: int) -> tuple[str, ...]:
    """Sentences from the articles' summaries, best first, round-robin across articles, never a repeat."""
    queues = [[s.text for s in sorted(result.summary, key=lambda s: -s.score)] for _, result in ordered]
    chosen: list[str] = []
    said: list[_Statement] = []
    while len(chosen) < wanted and any(queues):
        for queue in queues:
            if not queue or len(chosen) >= wanted:
                continue
            sentence = queue.pop(0)
            statement = _Statement.of(sentence)
            if any(statement.repeats(other) for other in said):
                continue
            chosen.append(sentence)
            said.append(statement)
    return tuple(chosen)


class _Statement:
    """What a sentence says, to tell when two outlets' sentences say the same thing in other words.

    A repeat shares at least :data:`REPEAT` of the shorter sentence's content
    words, or an anchor (an amount, a number, a name) and three quarters of
    that share: "a £42m rebuild of the bridge's cables" and "a £42 million
    scheme" to replace them; "fire crews rescued a family of four from a
    basement flat on Quay Road" and "firefighters pulled four people from a
    flooded basement on Quay Road".
    """

    def __init__(self, words: frozenset[str], anchors: frozenset[str]) -> None:
        self.words = words
        self.anchors = anchors

    @classmethod
    def of(cls, sentence: str) -> _Statement:
        anchors = frozenset(
            amount_key(v.text) or v.text.casefold()
            for v in values(sentence)
            if v.kind in ("money", "percent", "number", "name")
        )
        return cls(frozenset(content_stems(sentence)), anchors)

    def repeats(self, other: _Statement) -> bool:
        smaller = min(len(self.words), len(other.words))
        if not smaller:
            return jaccard(self.words, other.words) == 1.0
        shared = len(self.words & other.words) / smaller
        return shared >= REPEAT or (bool(self.anchors & other.anchors) and shared >= REPEAT * 0.75)


def _facts(ordered: list[tuple[BriefItem, Digest]], wanted: int, summary: tuple[str, ...]) -> tuple[StoryFact, ...]:
    """Key facts merged by value: a value is stated once, with every article that states it.

    A fact whose value another article's fact already stated joins that fact
    (its statement is not repeated); "$2bn" and "2 billion dollars" are one value.
    """
    said = [_Statement.of(sentence) for sentence in summary]
    statements: list[str] = []
    found: list[dict[str, tuple[str, str, set[str]]]] = []  # per fact: value key -> kind, text, sources
    owner: dict[str, int] = {}
    for item, result in ordered:
        for fact in sorted(result.facts, key=lambda f: -f.score):
            keyed = [(amount_key(v.text) or " ".join(v.text.casefold().split()), v) for v in fact.values]
            keyed = [(key, v) for key, v in keyed if v.kind in _FACT_KINDS]
            if not keyed:
                continue
            target = next((owner[key] for key, _ in keyed if key in owner), None)
            if target is None and any(_Statement.of(fact.text).repeats(other) for other in said):
                continue  # the summary says it already
            if target is None:
                target = len(statements)
                statements.append(fact.text)
                found.append({})
            for key, value in keyed:
                if owner.setdefault(key, target) == target:
                    found[target].setdefault(key, (value.kind, value.text, set()))[2].add(item.key)
    merged = []
    for text, by_key in zip(statements, found, strict=True):
        story_values = tuple(StoryValue(kind, value, tuple(sorted(src))) for kind, value, src in by_key.values())
        merged.append(StoryFact(text, story_values, tuple(sorted({s for v in story_values for s in v.sources}))))
    merged.sort(key=lambda fact: -len(fact.sources))  # stable: the best article's facts first among equals
    return tuple(merged[:wanted])
