"""Feeds and what points to them: RSS, Atom, JSON Feed, OPML subscription lists, a site's home page.

RSS 0.9x/1.0/2.0 and Atom are read by feedparser (this is the only module
that imports it), which copes with the broken XML that real feeds serve and
does not expand entities declared in the feed (no "billion laughs").
feedparser 6 does not read JSON Feed; its format is small (a JSON object
with ``items``), so it is read here with :mod:`json`. OPML is read with the
standard library's XML parser hardened by defusedxml, which refuses entity
declarations and external references. A home page's feeds are its
``<link rel="alternate">`` elements.

Everything here works on bytes already read; the network and the store are
in ``collect.py``.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from newsdigest.errors import InputError

#: Items read from one feed, newest first; the rest are ignored (a feed of 100,000 items is not a day's news).
MAX_ITEMS = 200
#: Items parsed from one feed at most; the rest of the document is not read. feedparser takes
#: about 0.2 ms an item: a feed of 100,000 items would cost 20 s for nothing.
MAX_SCAN = 1000
#: Feeds read from one OPML file or home page.
MAX_FEEDS = 500

_FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/json",
    "application/xml",
    "text/xml",
)


@dataclass(frozen=True)
class Entry:
    """One feed item: its link, title, date and the feed's own text of it (HTML or plain)."""

    link: str | None
    title: str | None
    published: datetime | None
    content: str
    id: str | None


@dataclass(frozen=True)
class Feed:
    title: str | None
    url: str
    entries: tuple[Entry, ...]
    warnings: tuple[str, ...] = ()


def kind_of(data: bytes, content_type: str | None = None) -> str:
    """``feed``, ``json-feed``, ``opml``, ``html`` or ``text``, from the content (and the declared type)."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{"):
        return "json-feed" if b"jsonfeed.org" in data[:4096] or b'"items"' in data[:65536] else "text"
    if re.search(rb"<opml[\s>]", head):
        return "opml"
    if re.search(rb"<(?:rss|feed|rdf:rdf|channel)[\s>]", head) or (
        head.startswith(b"<?xml") and not re.search(rb"<html[\s>]", head)
    ):
        return "feed"
    if content_type and content_type.split(";")[0].strip().lower() in _FEED_TYPES[:4]:
        return "feed"
    if re.search(rb"<(?:!doctype html|html|head|body|meta|link|title)[\s>]", head):
        return "html"
    return "text"


def parse_feed(data: bytes, url: str, content_type: str | None = None) -> Feed:
    """The entries of an RSS, Atom or JSON feed, newest first, at most :data:`MAX_ITEMS`.

    ``content_type`` is the one the server declared (it may name the charset).
    """
    if kind_of(data) == "json-feed":
        return _json_feed(data, url)
    import feedparser

    data, cut = _bounded(data)
    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    parsed = feedparser.parse(data, response_headers=headers)
    warnings: list[str] = []
    # feedparser also flags a declared charset it overrode, or a text/plain type: harmless, not broken XML.
    broken = parsed.get("bozo") and not isinstance(
        parsed.get("bozo_exception"), (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    )
    if broken and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise InputError(f"{url}: not a readable feed ({_one_line(str(reason)) or 'malformed XML'})")
    if broken:
        warnings.append(
            f"{url}: the feed is not well-formed XML ({_one_line(str(parsed.get('bozo_exception')))}); read what could be read"
        )
    if cut:
        warnings.append(f"{url}: the feed has more than {MAX_SCAN} items; read the first {MAX_SCAN}")
    title = parsed.feed.get("title") or None
    entries = []
    for raw in parsed.entries:
        content = ""
        if raw.get("content"):
            content = max((part.get("value", "") for part in raw.content), key=len)
        content = content or raw.get("summary", "") or raw.get("description", "")
        link = raw.get("link")
        entries.append(
            Entry(
                link=urljoin(url, link) if link else None,
                title=_one_line(raw.get("title")),
                # dict.get: the raw keys, without FeedParserDict's deprecated updated -> published mapping.
                published=_struct_date(dict.get(raw, "published_parsed") or dict.get(raw, "updated_parsed")),
                content=content,
                id=raw.get("id") or None,
            )
        )
    return Feed(_one_line(title), url, _newest(entries), tuple(warnings))


_ITEM_START = re.compile(rb"<(?:item|entry|rss:item|atom:entry)[\s>/]")


def _bounded(data: bytes) -> tuple[bytes, bool]:
    """The feed cut before its item number :data:`MAX_SCAN` + 1, and closed again; and whether it was cut."""
    beyond = next(itertools.islice(_ITEM_START.finditer(data), MAX_SCAN, None), None)
    if beyond is None:
        return data, False
    head = data[:4096]
    if b"<rdf:RDF" in head:
        closing = b"</rdf:RDF>"
    elif re.search(rb"<feed[\s>]", head):
        closing = b"</feed>"
    else:
        closing = b"</channel></rss>"
    return data[: beyond.start()] + closing, True


def _json_feed(data: bytes, url: str) -> Feed:
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"{url}: not a readable JSON feed ({exc})") from None
    if not isinstance(document, dict) or not isinstance(document.get("items"), list):
        raise InputError(f"{url}: not a JSON feed (no list of items)")
    entries = []
    for raw in document["items"][:MAX_SCAN]:
        if not isinstance(raw, dict):
            continue
        link = raw.get("url") or raw.get("external_url")
        content = next(
            (raw[key] for key in ("content_html", "content_text", "summary") if isinstance(raw.get(key), str)), ""
        )
        entries.append(
            Entry(
                link=urljoin(url, link) if isinstance(link, str) else None,
                title=_one_line(raw.get("title")) if isinstance(raw.get("title"), str) else None,
                published=iso_date(raw.get("date_published") or raw.get("date_modified")),
                content=content,
                id=str(raw["id"]) if raw.get("id") is not None else None,
            )
        )
    title = document.get("title")
    return Feed(_one_line(title) if isinstance(title, str) else None, url, _newest(entries))


def _newest(entries: list[Entry]) -> tuple[Entry, ...]:
    """Newest first (undated items keep their feed order, after the dated ones); duplicates once."""
    seen: set[str] = set()
    unique = []
    for entry in entries:
        key = entry.link or entry.id or f"{entry.title}\n{entry.content[:200]}"
        if key in seen:
            continue
        seen.add(key)
        unique.append(entry)
    oldest = datetime.min.replace(tzinfo=timezone.utc)
    unique.sort(key=lambda e: e.published or oldest, reverse=True)
    return tuple(unique[:MAX_ITEMS])


def _struct_date(value: object) -> datetime | None:
    """feedparser's UTC time tuple as an aware datetime; None when missing or impossible."""
    if value is None:
        return None
    try:
        year, month, day, hour, minute, second = (int(part) for part in value[:6])  # type: ignore[index]
        return datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)
    except (TypeError, ValueError, OverflowError):
        return None


def iso_date(value: object) -> datetime | None:
    """An ISO 8601 or RFC 2822 date as an aware datetime (naive read as UTC); None when unreadable."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _one_line(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def parse_opml(data: bytes, name: str) -> list[str]:
    """The feed addresses (``xmlUrl``) of an OPML subscription list, in order, each once."""
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree
    from defusedxml import DefusedXmlException

    try:
        root = defusedxml.ElementTree.fromstring(data)
    except DefusedXmlException:
        raise InputError(f"{name}: refused: the OPML file declares entities or external references") from None
    except ParseError as exc:
        raise InputError(f"{name}: not a readable OPML file ({exc})") from None
    found: list[str] = []
    for outline in root.iter("outline"):
        address = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if address and address not in found:
            found.append(urljoin(name, address) if "://" in name else address)
    if not found:
        raise InputError(f"{name}: the OPML file lists no feeds (no outline with an xmlUrl)")
    return found[:MAX_FEEDS]


class _Alternates(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("link", "a") or len(self.found) >= MAX_FEEDS:
            return
        values = {key.lower(): (value or "") for key, value in attrs}
        rel = values.get("rel", "").lower().split()
        kind = values.get("type", "").lower().split(";")[0].strip()
        if tag == "link" and "alternate" in rel and kind in _FEED_TYPES[:5] and values.get("href"):
            self.found.append(values["href"].strip())


def feed_links(html: str, url: str) -> list[str]:
    """The feeds a page announces with ``<link rel="alternate" type="application/rss+xml" href=...>``."""
    parser = _Alternates()
    parser.feed(html)
    parser.close()
    links: list[str] = []
    for href in parser.found:
        address = urljoin(url, href)
        if urlsplit(address).scheme in ("http", "https", "file", "") and address not in links:
            links.append(address)
    return links
