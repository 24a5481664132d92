"""From the command line's inputs to briefing items: feeds, OPML lists, home pages, article pages, files.

Each input is sniffed by its content: an RSS, Atom or JSON feed gives its
items; an OPML file its feeds; an HTML page that announces feeds (``<link
rel="alternate">``) gives those feeds, and one that does not is an article;
a directory its files; a JSON Lines file (``*.jsonl``, ``*.ndjson``) one
article a line (``text`` and optional ``title``, ``url``, ``id``, ``site``,
``published``); other files are articles.

Each feed item's page is fetched (``--jobs`` at a time) and its main text
extracted; an item whose page cannot be fetched or read keeps the feed's
own content or summary and says so (``BriefItem.fallback``). Every download
goes through the store (``store.py``): a copy younger than its freshness
(the server's ``Cache-Control: max-age``, else :data:`FEED_FRESH` for feeds
and :data:`PAGE_FRESH` for article pages) is used without a request; an
older one is revalidated (``If-None-Match`` / ``If-Modified-Since``, a 304
keeps it). ``offline`` reads the store only.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from newsdigest.briefing import http
from newsdigest.briefing.feeds import Entry, Feed, feed_links, iso_date, kind_of, parse_feed, parse_opml
from newsdigest.briefing.model import Briefing, BriefItem, BriefOptions
from newsdigest.briefing.store import Document, Store
from newsdigest.errors import FetchError, InputError, NewsdigestError, UsageError
from newsdigest.options import DEFAULT_TIMEOUT, Options
from newsdigest.pipeline.load import MAX_INPUT_BYTES, input_errors, is_url, load_bytes

#: Seconds a stored feed is used without asking the server again (unless it said otherwise).
FEED_FRESH = 600
#: Seconds a stored article page is used without asking again: articles rarely change.
PAGE_FRESH = 7 * 24 * 3600
_JSONL = (".jsonl", ".ndjson")
#: Pages from which worker processes pay for their start (about a second: forking and loading the models).
POOL_PAGES = 64

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Settings:
    timeout: float = DEFAULT_TIMEOUT
    jobs: int = 8
    offline: bool = False
    #: Revalidate every stored copy now, however fresh.
    refresh: bool = False


@dataclass
class Collected:
    items: list[BriefItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: One message per input (argument) that could not be read at all.
    failed: list[str] = field(default_factory=list)
    feeds: int = 0
    #: HTTP requests made (a 304 counts as one).
    requests: int = 0


class Collector:
    """Reads inputs into :class:`BriefItem` values, through ``store`` (None: no memory between runs)."""

    def __init__(
        self,
        store: Store | None,
        settings: Settings,
        progress: Progress | None = None,
        *,
        digest_options: Options | None = None,
    ) -> None:
        """``digest_options``: digest each page as it is read (in worker processes, when there are many)."""
        self.store = store
        self.settings = settings
        self.pool: Executor | None = None
        self.digest_options = digest_options
        self.progress = progress or (lambda _: None)
        self.result = Collected()
        self._lock = threading.Lock()

    def collect(self, inputs: Iterable[str]) -> Collected:
        feeds: list[Feed] = []
        for name in inputs:
            try:
                self._input(name, feeds, depth=0)
            except InputError as exc:
                self.result.failed.append(str(exc))
        entries = [(feed, entry) for feed in feeds for entry in feed.entries]
        self.result.feeds = len(feeds)
        done = 0
        workers = self.settings.jobs if len(entries) >= POOL_PAGES and self.digest_options else 1
        with _pages_pool(workers) as self.pool, ThreadPoolExecutor(max(1, self.settings.jobs)) as threads:
            for item in threads.map(lambda pair: self._entry(*pair), entries):
                done += 1
                if done % 10 == 0 or done == len(entries):
                    self.progress(f"articles {done}/{len(entries)}")
                if item is not None:
                    self.result.items.append(item)
        return self.result

    # -- inputs -------------------------------------------------------------

    def _input(self, name: str, feeds: list[Feed], depth: int) -> None:
        if is_url(name):
            document = self.document(name, FEED_FRESH)
            self._content(
                name, document.body, document.final_url, document.content_type, document.charset, feeds, depth
            )
            return
        path = Path(name)
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.is_file() and not child.name.startswith("."):
                    self._input(str(child), feeds, depth)
            return
        with input_errors(name), path.open("rb") as stream:
            data = stream.read(MAX_INPUT_BYTES + 1)
        if len(data) > MAX_INPUT_BYTES:
            raise InputError(f"{name}: larger than the {MAX_INPUT_BYTES // (1024 * 1024)} MiB limit")
        if path.suffix.lower() in _JSONL:
            self._json_lines(name, data)
            return
        self._content(name, data, name, None, None, feeds, depth)

    def _content(
        self,
        name: str,
        data: bytes,
        where: str,
        content_type: str | None,
        charset: str | None,
        feeds: list[Feed],
        depth: int,
    ) -> None:
        kind = kind_of(data, content_type)
        if kind in ("feed", "json-feed"):
            feed = parse_feed(data, where, content_type)
            self.result.warnings.extend(feed.warnings)
            feeds.append(feed)
            self.progress(f"feed {where}: {len(feed.entries)} items")
            return
        if kind == "opml" and depth == 0:
            for address in parse_opml(data, where):
                self._nested(address, feeds, depth)
            return
        if kind == "html" and depth == 0:
            links = feed_links(data[:MAX_INPUT_BYTES].decode("utf-8", "replace"), where)
            if links:
                for address in links:
                    self._nested(address, feeds, depth)
                return
        source = load_bytes(data, name, charset=charset, url=where if is_url(where) else None)
        info = source.info
        self.result.warnings.extend(source.warnings)
        self.result.items.append(
            BriefItem(
                text=source.text,
                title=info.title if info else None,
                url=(info.url if info else None) or (where if is_url(where) else None),
                site=info.site_name if info else None,
                published=iso_date(info.date) if info else None,
                feed=None,
                id=None,
            )
        )

    def _nested(self, address: str, feeds: list[Feed], depth: int) -> None:
        try:
            self._input(address, feeds, depth + 1)
        except InputError as exc:
            self.result.warnings.append(str(exc))

    def _json_lines(self, name: str, data: bytes) -> None:
        for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError:
                self.result.warnings.append(f"{name}:{number}: skipped: not a JSON object")
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                self.result.warnings.append(f'{name}:{number}: skipped: no "text" field')
                continue

            def text(key: str, found: dict[str, object] = record) -> str | None:
                value = found.get(key)
                return value if isinstance(value, str) and value.strip() else None

            self.result.items.append(
                BriefItem(
                    text=record["text"],
                    title=text("title"),
                    url=text("url"),
                    site=text("site"),
                    published=iso_date(record.get("published")),
                    id=str(record["id"]) if record.get("id") is not None else None,
                )
            )

    # -- feed items ---------------------------------------------------------

    def _entry(self, feed: Feed, entry: Entry) -> BriefItem | None:
        site = feed.title or (urlsplit(feed.url).hostname if is_url(feed.url) else None)
        item = BriefItem(
            text="",
            title=entry.title,
            url=entry.link,
            site=site,
            published=entry.published,
            id=None,
            feed=feed.url,
        )
        reason = "the item has no web address" if not entry.link else f"{entry.link} is not a web address"
        if entry.link and is_url(entry.link):
            try:
                document = self.document(entry.link, PAGE_FRESH)
                arguments = (item, document.body, document.charset, document.final_url, self.digest_options)
                if self.pool is None:
                    return read_page(*arguments)
                return self.pool.submit(read_page, *arguments).result()
            except NewsdigestError as exc:
                reason = str(exc).removeprefix(f"{entry.link}: ")
        text = html_text(entry.content) if "<" in entry.content else entry.content.strip()
        where = entry.link or entry.title or feed.url
        if not text.strip():
            self._warn(f"{where}: skipped: {reason}, and the feed gives no text for it")
            return None
        self._warn(f"{where}: {reason}; using the feed's own text")
        return replace(item, text=text, fallback=reason)

    def _warn(self, message: str) -> None:
        with self._lock:
            self.result.warnings.append(message)

    # -- downloads through the store ---------------------------------------

    def document(self, url: str, fresh_for: int) -> Document:
        """The body of ``url``: from the store when fresh enough (or offline), else downloaded or revalidated."""
        with self._lock:
            stored = self.store.document(url) if self.store else None
        if self.settings.offline:
            if stored is None:
                raise FetchError(f"{url}: not in the store (--offline reads only what earlier runs fetched)")
            return stored
        now = time.time()
        if stored is not None and not self.settings.refresh:
            fresh = stored.max_age if stored.max_age is not None else fresh_for
            if now - stored.checked < fresh:
                return stored
        with self._lock:
            self.result.requests += 1
        response = http.get(
            url,
            timeout=self.settings.timeout,
            etag=stored.etag if stored else None,
            last_modified=stored.last_modified if stored else None,
        )
        if response.status == 304 and stored is not None:
            if self.store:
                with self._lock:
                    self.store.touch(url, now, response.max_age)
            return replace(stored, checked=now)
        document = Document(
            url,
            response.url,
            response.content_type,
            response.charset,
            response.etag,
            response.last_modified,
            response.max_age,
            now,
            response.data,
        )
        if self.store:
            with self._lock:
                self.store.save(document)
        return document


def read_page(item: BriefItem, body: bytes, charset: str | None, final_url: str, options: Options | None) -> BriefItem:
    """``item`` with its page's main text, title and date, and its digest when ``options`` are given.

    Runs in a worker process when there is a pool: extraction and digesting
    are CPU work. Raises :class:`InputError` when the page holds no article.
    """
    from newsdigest.briefing.brief import source_info
    from newsdigest.pipeline.digest import digest

    source = load_bytes(body, item.url or final_url, charset=charset, url=final_url)
    info = source.info
    item = replace(
        item,
        text=source.text,
        title=item.title or (info.title if info else None),
        published=item.published or (iso_date(info.date) if info else None),
    )
    if options is not None:
        with suppress(NewsdigestError):  # brief() tries again and lists the item as skipped, with the reason
            item = replace(item, digest=digest(item.text, options, source=source_info(item)))
    return item


class _Text(HTMLParser):
    _BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "blockquote", "tr", "section", "article"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(fragment: str) -> str:
    """The text of a feed item's HTML content: one line per paragraph, no markup, no scripts."""
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n\n".join(line for line in lines if line)


def only_new(briefing: Briefing, store: Store) -> Briefing:
    """The stories with at least one article no earlier run showed."""
    ids = [article.id for story in briefing.stories for article in story.articles]
    seen = store.shown(ids)
    stories = tuple(story for story in briefing.stories if any(a.id not in seen for a in story.articles))
    return replace(briefing, stories=stories)


def remember(briefing: Briefing, store: Store) -> None:
    """Record the articles of ``briefing`` as shown (for a later ``--new``)."""
    store.mark_shown(article.id for story in briefing.stories for article in story.articles)


@dataclass(frozen=True)
class Run:
    briefing: Briefing
    collected: Collected


def run(
    inputs: list[str],
    settings: Settings,
    options: BriefOptions,
    *,
    store_path: str | None,
    new: bool = False,
    progress: Progress | None = None,
) -> Run:
    """Collect ``inputs`` through the store, brief them, and (``new``) keep the stories with unseen articles."""
    from newsdigest.briefing.brief import brief
    from newsdigest.briefing.store import default_path

    with Store(store_path or default_path()) as store:
        collected = Collector(store, settings, progress, digest_options=options.digest).collect(inputs)
        if not collected.items and collected.failed:
            raise InputError(collected.failed[0] if len(collected.failed) == 1 else "no input could be read")
        if progress:
            progress(f"grouping {len(collected.items)} articles")
        briefing = brief(collected.items, options)
        if new:
            briefing = only_new(briefing, store)
        remember(briefing, store)
    return Run(briefing, collected)


@contextmanager
def _pages_pool(jobs: int) -> Iterator[Executor | None]:
    """Worker processes for extracting and digesting pages: one per core, at most ``jobs``; none on one core.

    Started before the fetching threads (fork, as in runners/batch.py).
    On 1,000 articles from 20 feeds (benchmarks/brief.py) a quiet-hour round
    took 17.8 s with two workers against 34.7 s before them; on a machine
    at load 20 the medians were within noise (benchmarks/RESULTS.md).
    """
    from newsdigest.runners.batch import default_jobs

    workers = min(jobs, default_jobs())
    if workers < 2:
        yield None
        return
    import multiprocessing
    import sys
    from concurrent.futures import ProcessPoolExecutor

    from newsdigest.runners.batch import init_worker, load_pipeline

    context = multiprocessing.get_context("fork") if sys.platform == "linux" else None
    load_pipeline()
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=init_worker)
    try:
        for future in [pool.submit(load_pipeline) for _ in range(workers)]:
            future.result()
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def parse_since(value: str) -> timedelta:
    """``24h``, ``90m``, ``2d``, ``1w`` (or a number of hours) as a time span."""
    text = value.strip().lower()
    units = {"m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
    number, unit = (text[:-1], text[-1]) if text[-1:] in units else (text, "h")
    try:
        amount = float(number)
    except ValueError:
        raise UsageError(f"--since {value!r}: give a span such as 90m, 24h, 2d or 1w") from None
    if not 0 < amount * units[unit] <= 10 * 365 * 86400:
        raise UsageError(f"--since {value!r}: give a span greater than 0 and at most ten years")
    return timedelta(seconds=amount * units[unit])
