"""The lines every format for people shares: the byline and the footer."""

from __future__ import annotations

from newsdigest.model import Digest


def footer(digest: Digest) -> str:
    """The one-line footer shared by the text and Markdown formats."""
    stats = digest.stats
    return (
        f"{stats.words} words · {stats.reading_time_minutes} min read · "
        f"{len(digest.summary)} of {stats.sentences} sentences · method: {digest.method}"
    )


def byline(digest: Digest) -> str | None:
    """Who wrote the article, when, where and at which address; None for plain text."""
    source = digest.source
    if source is None:
        return None
    parts = [f"By {source.author}" if source.author else None, source.date, source.site_name, source.url]
    return " · ".join(part for part in parts if part) or None
