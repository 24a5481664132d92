"""The briefing's corner of the test web server: five outlets' feeds, their article pages, and hostile feeds.

The outlets and articles are the labelled story set (tests/data/stories.json):
the bridge story written by three outlets in different words, two outlets
on the flood, the recall and the rate rise, and stories that share names
with them (Aurora Motors, Helena Voss, Port Ellery). Each outlet's feed is in
another format: Atom, RSS 2.0 (with validators and a 304), RSS 0.91,
RSS 1.0 (RDF) and JSON Feed. Routes are added to ``webserver.ROUTES``.
"""

from __future__ import annotations

import email.utils
import html
import json
from collections.abc import Callable
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING

from .stories import labelled, slug

if TYPE_CHECKING:
    from .webserver import Handler

Route = Callable[["Handler"], None]

#: Outlet -> the format of its feed.
FORMATS = {
    "Ellery Gazette": "atom",
    "Northern Wire": "rss2",
    "Coastline News": "rss091",
    "Business Daily": "rss1",
    "Market Times": "json",
}
ETAG = '"wire-v1"'
LAST_MODIFIED = "Tue, 03 Mar 2026 12:00:00 GMT"
#: Items in /brief/huge.xml.
HUGE_ITEMS = 100_000


def _articles(site: str) -> list[dict[str, str]]:
    return [a for a in labelled() if a["site"] == site]


def page(article: dict[str, str]) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>\n" for p in article["text"].split("\n\n"))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(article["title"])} | {html.escape(article["site"])}</title>
<meta property="og:site_name" content="{html.escape(article["site"])}">
<meta property="article:published_time" content="{article["published"]}">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>{html.escape(article["title"])}</h1>
{paragraphs}</article>
<footer><p>© {html.escape(article["site"])}. All rights reserved.</p></footer>
</body></html>""".encode()


def article_path(article: dict[str, str]) -> str:
    return f"/brief/{slug(article['site'])}/{article['id']}.html"


def _rfc822(value: str) -> str:
    return email.utils.format_datetime(datetime.fromisoformat(value))


def feed(site: str, base: str) -> tuple[bytes, str]:
    kind = FORMATS[site]
    items = _articles(site)
    e = html.escape
    if kind == "json":
        document = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": site,
            "home_page_url": f"{base}/brief/{slug(site)}/",
            "items": [
                {
                    "id": a["id"],
                    "url": f"{base}{article_path(a)}",
                    "title": a["title"],
                    "summary": a["text"].split("\n\n")[0],
                    "date_published": a["published"],
                }
                for a in items
            ],
        }
        return json.dumps(document).encode(), "application/feed+json"
    if kind == "atom":
        entries = "".join(
            f"<entry><id>urn:x:{a['id']}</id><title>{e(a['title'])}</title>"
            f'<link rel="alternate" href="{base}{article_path(a)}"/>'
            f"<updated>{a['published']}</updated><summary>{e(a['text'].split(chr(10))[0])}</summary></entry>"
            for a in items
        )
        body = (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{e(site)}</title><id>urn:x:{slug(site)}</id><updated>2026-03-03T12:00:00Z</updated>{entries}</feed>"
        )
        return body.encode(), "application/atom+xml"
    if kind == "rss1":
        about = "".join(f'<rdf:li rdf:resource="{base}{article_path(a)}"/>' for a in items)
        entries = "".join(
            f'<item rdf:about="{base}{article_path(a)}"><title>{e(a["title"])}</title>'
            f"<link>{base}{article_path(a)}</link><dc:date>{a['published']}</dc:date>"
            f"<description>{e(a['text'].split(chr(10))[0])}</description></item>"
            for a in items
        )
        body = (
            '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
            ' xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f'<channel rdf:about="{base}/brief/{slug(site)}/rss"><title>{e(site)}</title>'
            f"<link>{base}/</link><description>News</description><items><rdf:Seq>{about}</rdf:Seq></items></channel>"
            f"{entries}</rdf:RDF>"
        )
        return body.encode(), "application/rdf+xml"
    version = "0.91" if kind == "rss091" else "2.0"
    entries = "".join(
        f"<item><title>{e(a['title'])}</title><link>{base}{article_path(a)}</link>"
        + (f"<guid>{a['id']}</guid><pubDate>{_rfc822(a['published'])}</pubDate>" if version == "2.0" else "")
        + f"<description>{e(a['text'].split(chr(10))[0])}</description></item>"
        for a in items
    )
    body = (
        f'<?xml version="1.0"?><rss version="{version}"><channel><title>{e(site)}</title>'
        f"<link>{base}/</link><description>News</description>{entries}</channel></rss>"
    )
    return body.encode(), "application/rss+xml"


def _base(h: Handler) -> str:
    return f"http://127.0.0.1:{h.server.server_port}"


def _feed(site: str) -> Route:
    def route(h: Handler) -> None:
        body, content_type = feed(site, _base(h))
        if FORMATS[site] == "rss2":  # validators, and stale at once: a rerun revalidates and gets a 304
            if h.headers.get("If-None-Match") == ETAG:
                h.send(304, b"", None, {"ETag": ETAG})
                return
            h.send(
                200, body, content_type, {"ETag": ETAG, "Last-Modified": LAST_MODIFIED, "Cache-Control": "max-age=0"}
            )
            return
        h.send(200, body, content_type)

    return route


def _opml(h: Handler) -> None:
    outlines = "".join(
        f'<outline type="rss" text="{html.escape(site)}" xmlUrl="{_base(h)}/brief/{slug(site)}/feed"/>'
        for site in FORMATS
    )
    body = f'<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body><outline text="News">{outlines}</outline></body></opml>'
    h.send(200, body.encode(), "text/x-opml")


def _home(h: Handler) -> None:
    body = b"""<!DOCTYPE html><html><head><title>Market Times</title>
<link rel="alternate" type="application/feed+json" href="/brief/markettimes/feed">
<link rel="alternate" type="application/rss+xml" title="Business" href="../brief/businessdaily/feed">
<link rel="stylesheet" href="/style.css">
</head><body><h1>Market Times</h1><p>Welcome.</p></body></html>"""
    h.send(200, body, "text/html; charset=utf-8")


def _rss(items: str) -> bytes:
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Odd Feed</title><link>/</link>{items}</channel></rss>'.encode()


@cache
def _huge_body() -> bytes:
    # Small items, so that the feed stays under the download limit and its 100,000 items are parsed.
    return _rss("".join(f"<item><title>Item {n}</title><link>/brief/none/{n}</link></item>" for n in range(HUGE_ITEMS)))


LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY a "haha">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
<!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
<!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
]>
<rss version="2.0"><channel><title>Laughs &i;</title><item><title>&i;</title><link>/brief/none/laugh</link>
<description>&i;</description></item></channel></rss>"""

LAUGHS_OPML = LAUGHS.replace(b"<!DOCTYPE rss", b"<!DOCTYPE opml").split(b"<rss")[0] + (
    b'<opml version="2.0"><body><outline text="&i;" xmlUrl="/brief/none/x"/></body></opml>'
)

_FLOOD = next(a for a in labelled() if a["id"] == "flood-coastline")


def _odd(h: Handler, name: str) -> None:
    base = _base(h)
    flood = article_path(_FLOOD)
    bodies = {
        "malformed": b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>Half',
        "laughs": LAUGHS,
        "huge": _huge_body(),
        # Dates a feed should not have: impossible, in words, far in the future.
        "dates": _rss(
            f"<item><title>Impossible date</title><link>{base}{flood}</link><pubDate>Tue, 45 Foo 2026 99:99:99 GMT</pubDate></item>"
            f"<item><title>Far future</title><link>{base}/brief/none/future</link><pubDate>Sat, 01 Jan 2999 00:00:00 GMT</pubDate><description>A story from the future about the harbour.</description></item>"
        ),
        "duplicates": _rss(f"<item><title>Once</title><link>{base}{flood}</link><guid>x1</guid></item>" * 3),
        "relative": _rss(f"<item><title>Relative</title><link>{flood}</link></item>"),
        # Item pages that fail: the feed's own text stands in for them.
        "broken-pages": _rss(
            "<item><title>Ferry timetable cut as fuel costs rise</title><link>/brief/none/gone</link>"
            "<description>&lt;p&gt;The Port Ellery ferry will run four crossings a day instead of six from April, "
            "its operator said on Tuesday.&lt;/p&gt;&lt;p&gt;Fuel costs have doubled since last spring, and the "
            "company said fewer crossings were the only way to keep the service running.&lt;/p&gt;</description></item>"
            "<item><title>Nothing at all</title><link>/brief/none/gone-too</link></item>"
        ),
        # Markup and escape codes in what a feed says, for the renderers.
        "hostile": _rss(
            "<item><title>&lt;script&gt;alert(1)&lt;/script&gt; [bold]Council[/] \x1b[31mred\x1b[0m</title>"
            "<link>javascript:alert(2)</link>"
            "<description>&lt;img src=x onerror=alert(3)&gt;&lt;p&gt;The council met on Tuesday and agreed to "
            "repaint the &lt;b&gt;town hall&lt;/b&gt; railings green, at a cost of £4,000.&lt;/p&gt;"
            "&lt;p&gt;The work will start in May, the clerk said.&lt;/p&gt;</description></item>"
        ),
    }
    h.send(200, bodies[name], "application/rss+xml")


ROUTES: dict[str, Route] = {
    "/brief/subscriptions.opml": _opml,
    "/brief/home": _home,
    "/brief/laughs.opml": lambda h: h.send(200, LAUGHS_OPML, "text/x-opml"),
    "/brief/moved-feed": lambda h: h.redirect("/brief/ellerygazette/feed", 301),
    **{f"/brief/{slug(site)}/feed": _feed(site) for site in FORMATS},
    **{article_path(a): (lambda h, a=a: h.send(200, page(a), "text/html; charset=utf-8")) for a in labelled()},
    **{
        f"/brief/{name}.xml": (lambda h, name=name: _odd(h, name))
        for name in ("malformed", "laughs", "huge", "dates", "duplicates", "relative", "broken-pages", "hostile")
    },
}
