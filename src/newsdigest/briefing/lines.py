"""The lines every briefing format shares (headings, who carries a story, dates), and making input text safe."""

from __future__ import annotations

import re
from datetime import time, timezone
from urllib.parse import urlsplit

from newsdigest.briefing.model import ArticleRef, Briefing, Story

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def plain(text: str) -> str:
    """One line of input text, safe for a terminal: no control characters or direction overrides."""
    return " ".join(_CONTROL.sub(" ", text).split())


def web_link(url: str | None) -> str | None:
    """``url`` when it is an http(s) address a reader may follow; None otherwise."""
    if url and urlsplit(url).scheme.lower() in ("http", "https") and not _CONTROL.search(url):
        return url
    return None


def when(article: ArticleRef) -> str:
    """The article's date in UTC; the day alone when it is midnight (a page that gives only the day)."""
    moment = article.published
    if moment is None:
        return "undated"
    moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%d") if moment.time() == time() else moment.strftime("%Y-%m-%d %H:%M UTC")


def carried_by(story: Story) -> str:
    sites = sorted({plain(a.site) for a in story.articles}, key=str.casefold)
    if story.single_source:
        return f"Only {sites[0]} carries this story."
    return f"{story.sources} sources: {', '.join(sites)}"


def fact_sources(story: Story, ids: tuple[str, ...]) -> str:
    """The sites of the articles ``ids``, in the story's order of its articles."""
    wanted = set(ids)
    return ", ".join(dict.fromkeys(plain(a.site) for a in story.articles if a.id in wanted))


def heading(briefing: Briefing) -> str:
    stories = len(briefing.stories)
    return (
        f"Briefing of {briefing.generated.strftime('%Y-%m-%d %H:%M UTC')}: "
        f"{stories} {'story' if stories == 1 else 'stories'} from {briefing.articles} "
        f"{'article' if briefing.articles == 1 else 'articles'}"
    )
