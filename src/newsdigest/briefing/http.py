"""A conditional GET for feeds and article pages: :func:`newsdigest.pipeline.fetch.fetch` with feed types.

The fetch step does the work (one deadline per fetch, size limit, short
bodies refused, credentials never shown, redirects checked, one-line
errors, ``If-None-Match`` / ``If-Modified-Since`` and a 304 handed back);
this module adds what a feed reader needs on top: the feed content types
(``application/rss+xml``, ``application/feed+json``...) and how long an
answer stays fresh (``Cache-Control: max-age``).
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdigest.pipeline.fetch import MAX_DOWNLOAD_BYTES, Wanted, fetch

#: Feeds, OPML lists, home pages and article pages.
FEEDS = Wanted(
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9,"
    " text/html;q=0.8, text/*;q=0.7, */*;q=0.1",
    ("text/", "application/xml", "application/xhtml+xml", "application/json"),
    ("+xml", "+json"),
    "a feed, page or text",
)


@dataclass(frozen=True)
class Response:
    """A 200 with its body, or a 304 (``data`` empty): the last copy is still good."""

    status: int
    data: bytes
    url: str
    content_type: str | None
    charset: str | None
    etag: str | None
    last_modified: str | None
    max_age: int | None


def get(
    url: str,
    *,
    timeout: float,
    etag: str | None = None,
    last_modified: str | None = None,
    max_bytes: int = MAX_DOWNLOAD_BYTES,
) -> Response:
    """GET ``url``, conditionally when a validator of the last copy is given."""
    download = fetch(url, timeout=timeout, max_bytes=max_bytes, wanted=FEEDS, etag=etag, last_modified=last_modified)
    return Response(
        download.status,
        download.data,
        download.url,
        download.content_type,
        download.charset,
        download.etag,
        download.last_modified,
        max_age(download.cache_control),
    )


def max_age(cache_control: str | None) -> int | None:
    """Seconds the server says the answer stays fresh (``Cache-Control: max-age``); 0 for no-cache."""
    control = (cache_control or "").lower()
    if "no-cache" in control or "no-store" in control:
        return 0
    for part in control.split(","):
        name, _, value = part.strip().partition("=")
        if name == "max-age" and value.strip().isdigit():
            return int(value)
    return None
