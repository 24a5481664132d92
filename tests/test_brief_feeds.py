"""``newsdigest brief`` against the test web server: every feed format, OPML, home pages, hostile feeds, the store."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from newsdigest.briefing.feeds import MAX_SCAN, feed_links, parse_feed, parse_opml
from newsdigest.cli import app
from newsdigest.errors import InputError

from . import briefsite, webserver
from .stories import labelled

runner = CliRunner()


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cache" / "brief.sqlite3"
    monkeypatch.setenv("NEWSDIGEST_STORE", str(path))
    return path


def brief(*args: str) -> Result:
    result = runner.invoke(app, ["brief", *args])
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def stories(result: Result) -> list[dict[str, object]]:
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["schema_version"] == 1
    return document["stories"]  # type: ignore[no-any-return]


def grouped(found: list[dict[str, object]]) -> set[frozenset[str]]:
    return {frozenset(Path(str(a["url"])).stem for a in s["articles"]) for s in found}  # type: ignore[attr-defined]


def expected_groups() -> set[frozenset[str]]:
    by_story: dict[str, set[str]] = {}
    for article in labelled():
        by_story.setdefault(article["story"], set()).add(article["id"])
    return {frozenset(ids) for ids in by_story.values()}


def test_an_opml_list_of_five_feed_formats_gives_the_labelled_stories(web: str, store: Path) -> None:
    """Atom, RSS 2.0, RSS 0.91, RSS 1.0 and JSON Feed; each item's page fetched and grouped with the others."""
    result = brief(f"{web}/brief/subscriptions.opml", "--format", "json")
    found = stories(result)
    assert grouped(found) == expected_groups()
    first = found[0]
    assert first["sources"] == 3
    assert {a["site"] for a in first["articles"]} == {"Ellery Gazette", "Northern Wire", "Coastline News"}  # type: ignore[attr-defined]
    assert all(not a["from_feed_only"] for s in found for a in s["articles"])  # type: ignore[attr-defined]
    assert result.stderr == ""
    assert store.exists()


def test_each_feed_format_alone(web: str, store: Path) -> None:
    for site in briefsite.FORMATS:
        found = stories(brief(f"{web}/brief/{briefsite.slug(site)}/feed", "--format", "json"))
        ids = {Path(str(a["url"])).stem for s in found for a in s["articles"]}  # type: ignore[attr-defined]
        assert ids == {a["id"] for a in labelled() if a["site"] == site}, site


def test_a_home_page_leads_to_its_feeds(web: str, store: Path) -> None:
    found = stories(brief(f"{web}/brief/home", "--format", "json"))
    sites = {a["site"] for s in found for a in s["articles"]}  # type: ignore[attr-defined]
    assert sites == {"Market Times", "Business Daily"}


def test_a_redirected_feed_is_followed(web: str, store: Path) -> None:
    found = stories(brief(f"{web}/brief/moved-feed", "--format", "json"))
    assert {a["site"] for s in found for a in s["articles"]} == {"Ellery Gazette"}  # type: ignore[attr-defined]


def test_a_rerun_makes_no_request_and_revalidates_with_a_304(web: str, store: Path) -> None:
    server_requests = _requests(web)
    brief(f"{web}/brief/subscriptions.opml", "--format", "json")
    first = len(server_requests)
    assert first == 1 + 5 + 12  # the list, five feeds, twelve pages
    server_requests.clear()
    again = brief(f"{web}/brief/subscriptions.opml", "--format", "json")
    # The OPML list and four feeds are fresh; Northern Wire says max-age=0 and is revalidated.
    assert [r["path"] for r in server_requests] == ["/brief/northernwire/feed"]
    assert server_requests[0]["If-None-Match"] == briefsite.ETAG
    assert server_requests[0]["If-Modified-Since"] == briefsite.LAST_MODIFIED
    assert grouped(stories(again)) == expected_groups()


def test_offline_builds_from_the_store_alone(web: str, store: Path) -> None:
    server_requests = _requests(web)
    brief(f"{web}/brief/subscriptions.opml")
    server_requests.clear()
    found = stories(brief(f"{web}/brief/subscriptions.opml", "--offline", "--format", "json"))
    assert server_requests == []
    assert grouped(found) == expected_groups()


def test_offline_without_a_copy_is_a_one_line_error(web: str, store: Path) -> None:
    result = brief(f"{web}/brief/ellerygazette/feed", "--offline")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")
    assert "not in the store" in result.stderr
    assert result.stderr.count("\n") == 1


def test_new_lists_only_stories_with_unseen_articles(web: str, store: Path) -> None:
    brief(f"{web}/brief/ellerygazette/feed")
    found = stories(brief(f"{web}/brief/subscriptions.opml", "--new", "--format", "json"))
    # Every story of the Gazette had been shown, but bridge and flood have new articles from other outlets.
    ids = grouped(found)
    assert frozenset({"voss-markets"}) in ids
    assert all("bridge-gazette" not in group or len(group) > 1 for group in ids)
    assert stories(brief(f"{web}/brief/subscriptions.opml", "--new", "--format", "json")) == []


def test_items_whose_page_fails_use_the_feed_text_and_say_so(web: str, store: Path) -> None:
    result = brief(f"{web}/brief/broken-pages.xml", "--format", "json")
    found = stories(result)
    assert len(found) == 1
    article = found[0]["articles"][0]  # type: ignore[index]
    assert article["from_feed_only"] is True
    assert "404" in article["fallback_reason"]
    assert "four crossings a day" in " ".join(found[0]["summary"])  # type: ignore[arg-type]
    assert "using the feed's own text" in result.stderr
    assert "skipped" in result.stderr  # the item with no text at all


def test_malformed_xml_is_read_as_far_as_it_goes_or_refused(web: str, store: Path) -> None:
    result = brief(f"{web}/brief/malformed.xml")
    assert "not well-formed" in result.stderr
    assert "Traceback" not in result.stderr
    with pytest.raises(InputError, match="not a readable feed"):
        parse_feed(b"<?xml version='1.0'?><rss><channel><title>x</title></chan", "feed.xml")


def test_a_billion_laughs_feed_is_not_expanded(web: str, store: Path) -> None:
    result = brief(f"{web}/brief/laughs.xml", "--format", "json")
    assert result.exit_code == 0
    assert "haha" * 100 not in result.stdout
    assert len(result.stdout) < 20_000


def test_a_billion_laughs_opml_is_refused(web: str, store: Path) -> None:
    result = brief(f"{web}/brief/laughs.opml")
    assert result.exit_code == 1
    assert "declares entities" in result.stderr
    with pytest.raises(InputError, match="declares entities"):
        parse_opml(briefsite.LAUGHS_OPML, "list.opml")


def test_a_feed_of_100000_items_is_bounded() -> None:
    feed = parse_feed(briefsite._huge_body(), "http://127.0.0.1/huge.xml")
    assert len(feed.entries) == 200
    assert f"more than {MAX_SCAN} items" in feed.warnings[0]


def test_wrong_dates_do_not_break_or_lead_the_ranking(web: str, store: Path) -> None:
    found = stories(brief(f"{web}/brief/dates.xml", "--format", "json"))
    published = {a["title"]: a["published"] for s in found for a in s["articles"]}  # type: ignore[attr-defined]
    assert published["Impossible date"] is None or published["Impossible date"].startswith("2026-03-03")
    assert published["Far future"] is None  # 2999 is not a date to rank by


def test_duplicate_items_and_relative_links(web: str, store: Path) -> None:
    found = stories(brief(f"{web}/brief/duplicates.xml", "--format", "json"))
    assert [len(s["articles"]) for s in found] == [1]  # type: ignore[arg-type]
    relative = stories(brief(f"{web}/brief/relative.xml", "--format", "json"))
    article = relative[0]["articles"][0]  # type: ignore[index]
    assert article["url"] == f"{web}/brief/coastlinenews/flood-coastline.html"
    assert article["from_feed_only"] is False


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.sources: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for key, value in attrs:
            if key == "href":
                self.hrefs.append(value or "")
            if key == "src":
                self.sources.append(value or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_the_html_briefing_is_one_safe_self_contained_page(web: str, store: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief.html"
    result = brief(f"{web}/brief/subscriptions.opml", f"{web}/brief/hostile.xml", "--format", "html", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    page = _Page()
    page.feed(out.read_text(encoding="utf-8"))
    page.close()
    assert "script" not in page.tags
    assert "img" not in page.tags
    assert page.sources == []  # nothing to load
    assert not any(tag in page.tags for tag in ("link", "iframe", "object"))
    assert all(href.startswith(web) for href in page.hrefs)  # no javascript: link
    text = "".join(page.text)
    assert "<script>alert(1)</script>" in text  # shown as text, not run
    assert page.tags.count("article") == 8  # seven labelled stories and the hostile one
    assert "Only Market Times carries this story." in text
    assert "\x1b" not in text


def test_markdown_and_text_formats(web: str, store: Path) -> None:
    markdown = brief(
        f"{web}/brief/subscriptions.opml", f"{web}/brief/hostile.xml", "--format", "markdown", "--top", "2"
    )
    assert markdown.exit_code == 0
    assert markdown.stdout.count("\n## ") == 2
    assert "](<http" in markdown.stdout
    text = brief(f"{web}/brief/hostile.xml")
    assert "[bold]Council[/]" in text.stdout  # markup is text
    assert "\x1b" not in text.stdout
    assert "Only Odd Feed carries this story." in text.stdout


def test_files_and_directories_work_too(tmp_path: Path, store: Path) -> None:
    body, _ = briefsite.feed("Market Times", "http://127.0.0.1:9")  # pages unreachable: the feed's text is used
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "market.json").write_bytes(body)
    lines = [
        json.dumps({"text": a["text"], "title": a["title"], "site": a["site"], "id": a["id"]}) for a in labelled()[:3]
    ]
    (tmp_path / "feeds" / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = stories(brief(str(tmp_path / "feeds"), "--format", "json", "--timeout", "0.5"))
    ids = {a["id"] for s in found for a in s["articles"]}  # type: ignore[attr-defined]
    assert {"bridge-gazette", "bridge-wire", "bridge-coastline"} <= ids
    assert any(a["from_feed_only"] for s in found for a in s["articles"])  # type: ignore[attr-defined]


def test_feed_links_are_resolved_against_the_page() -> None:
    html = '<link rel="alternate" type="application/rss+xml" href="../rss.xml"><link rel="stylesheet" href="/a.css">'
    assert feed_links(html, "https://news.example/world/index.html") == ["https://news.example/rss.xml"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "soon"], "--since"),
        (["--format", "pdf"], "unknown format"),
    ],
)
def test_usage_errors(web: str, store: Path, args: list[str], message: str) -> None:
    result = brief(f"{web}/brief/ellerygazette/feed", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_a_feed_that_cannot_be_fetched_fails_the_run_but_not_the_others(web: str, store: Path) -> None:
    result = brief(f"{web}/brief/ellerygazette/feed", f"{web}/missing-feed", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["stories"]  # the good feed is still briefed
    assert "Error: " in result.stderr
    assert "404" in result.stderr


def _requests(web: str) -> list[dict[str, str]]:
    """The live list of requests the session's server records (the ``web`` fixture cleared it)."""
    return _SERVER[0].requests


_SERVER: list[webserver.Server] = []


@pytest.fixture(autouse=True)
def _server(web_server: webserver.Server) -> None:
    _SERVER[:] = [web_server]


def test_the_readme_transcript_is_the_real_output(web: str, store: Path) -> None:
    import re

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- brief transcript -->\n```console\n\$ newsdigest brief (\S+) (.*?)\n(.*?)```", readme, re.S)
    assert block is not None
    shown_base = "http://127.0.0.1:8765"
    address = block.group(1).replace(shown_base, web)
    result = brief(address, *block.group(2).split())
    assert result.exit_code == 0
    produced = result.stdout.replace(web, shown_base).splitlines()
    expected = block.group(3).splitlines()
    assert produced[0].startswith("Briefing of ")  # the date and time of the run
    assert produced[1:] == expected[1:]


def test_pages_read_in_worker_processes_give_the_same_briefing(
    web: str, store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From POOL_PAGES pages on, extraction and digesting move to worker processes (when there are two cores)."""
    from newsdigest.briefing import collect

    alone = json.loads(brief(f"{web}/brief/subscriptions.opml", "--format", "json", "-j", "1").stdout)
    monkeypatch.setattr(collect, "POOL_PAGES", 1)
    monkeypatch.setenv("NEWSDIGEST_STORE", str(tmp_path / "other.sqlite3"))
    pooled = json.loads(brief(f"{web}/brief/subscriptions.opml", "--format", "json", "-j", "2").stdout)
    assert pooled["stories"] == alone["stories"]
