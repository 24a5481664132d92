"""HTML pages: recognised by content, main text and metadata extracted, titles cleaned.

The pages in tests/data/pages/ are written like real news pages: a cookie
banner, navigation, a share bar, a promotion in the middle of the story,
related links, a sidebar and a footer around the article.
"""

from __future__ import annotations

import codecs
import re
import subprocess
import sys
from pathlib import Path

import pytest

from newsdigest import digest
from newsdigest.errors import InputError
from newsdigest.model import SourceInfo
from newsdigest.pipeline.clean import clean_source, page_title
from newsdigest.pipeline.extract import looks_like_html
from newsdigest.pipeline.load import load_bytes, read_source

from .conftest import ROOT, SAMPLE

PAGES = Path(__file__).resolve().parent / "data" / "pages"
TITLE = "Jerry Tworek leaves OpenAI after nearly seven years"
#: A paragraph that makes a one-sentence test page long enough to be an article.
MORE = "<p>The plan goes to a vote of the full council next month, officials said.</p>"

#: Text from around the story on each page; none of it may reach the extracted text.
AROUND = {
    "article.html": (
        "cookies",
        "Manage preferences",
        "Weather",
        "Search the Ledger",
        "technology correspondent",
        "Share on",
        "newsletter",
        "Subscribe",
        "Related stories",
        "Robotics startup",
        "Chip export",
        "keep leaving",
        "Most read",
        "Flood barrier",
        "cup final",
        "All rights reserved",
        "external sites",
        "Privacy",
    ),
    "latin1.html": (
        "cookies",
        "partners",
        "Obituaries",
        "Log in",
        "local democracy reporter",
        "Morning Briefing",
        "Sign me up",
        "More from Council",
        "Parking charges",
        "Library opening",
        "bin collections",
        "Advertisement",
        "Sell your house",
        "Quay Street",
        "Copyright",
    ),
}


def _paragraphs(name: str, encoding: str = "utf-8") -> list[str]:
    """The story's own paragraphs, as written in the page (the promotion among them holds a link)."""
    html = (PAGES / name).read_text(encoding=encoding)
    story = html.split('class="story-body">' if name == "article.html" else 'class="entry">')[1]
    story = story.split('class="related')[0]
    return [p for p in re.findall(r"<p>(.*?)</p>", story) if "<" not in p]


@pytest.mark.parametrize("name", sorted(AROUND))
def test_nothing_around_the_story_is_extracted(name: str) -> None:
    text = read_source(str(PAGES / name)).text
    for phrase in AROUND[name]:
        assert phrase.lower() not in text.lower(), phrase


@pytest.mark.parametrize(("name", "encoding"), [("article.html", "utf-8"), ("latin1.html", "cp1252")])
def test_every_paragraph_of_the_story_is_extracted(name: str, encoding: str) -> None:
    lines = read_source(str(PAGES / name)).text.splitlines()
    paragraphs = _paragraphs(name, encoding)
    assert len(paragraphs) >= 7
    for paragraph in paragraphs:
        assert paragraph in lines


def test_html_file_metadata() -> None:
    source = read_source(str(PAGES / "article.html"))
    assert source.encoding == "utf-8"
    assert source.warnings == ()
    assert source.info == SourceInfo(
        title=TITLE,  # the page's own headline: the site name is taken off when the page is read
        author="Priya Raman",
        date="2025-01-08",
        site_name="The Daily Ledger",
        url="https://ledger.example/tech/2025/01/08/tworek-leaves-openai",
    )


def test_html_digest_equals_clean_text_digest(sample_text: str) -> None:
    """The page gives the same digest as the article's clean text with its title line."""
    source = read_source(str(PAGES / "article.html"))
    from_page = digest(source.text, source=source.info).to_dict()
    from_text = digest(f"{TITLE}\n{sample_text}").to_dict()
    for key in ("headline", "summary", "facts"):
        assert from_page[key] == from_text[key]
    assert from_page["headline"] == {"text": TITLE, "source": "title"}
    assert from_page["source"] == {
        "title": TITLE,
        "author": "Priya Raman",
        "date": "2025-01-08",
        "site_name": "The Daily Ledger",
        "url": "https://ledger.example/tech/2025/01/08/tworek-leaves-openai",
    }
    assert "source" not in from_text


def test_declared_windows_1252_page() -> None:
    source = read_source(str(PAGES / "latin1.html"))
    assert source.encoding == "cp1252"
    assert source.warnings == ()
    assert "harbour café" in source.text
    assert "parents’ association" in source.text  # 0x92, a Windows-1252 curly quote
    assert "£12 million" in source.text
    assert source.info is not None
    assert source.info.author == "Tomás Ferreira"
    assert source.info.date == "2024-11-18"
    result = digest(source.text, source=source.info)
    assert result.headline.text == "Harbour bridge budget approved"
    assert result.source is not None
    assert result.source.site_name == "Northshore Gazette"


def test_page_without_metadata_falls_back_to_the_plain_text_headline() -> None:
    source = read_source(str(PAGES / "nometa.html"))
    assert source.info == SourceInfo()  # no date guessed from "March 2025" in the prose either
    from_page = digest(source.text, source=source.info)
    from_text = digest(source.text)
    assert from_page.headline == from_text.headline
    assert from_page.headline.source == "generated"
    assert from_page.source is None
    assert "source" not in from_page.to_dict()


def test_html_is_recognised_by_content_not_by_name(tmp_path: Path) -> None:
    misnamed = tmp_path / "story.txt"
    misnamed.write_bytes((PAGES / "article.html").read_bytes())
    assert read_source(str(misnamed)).info is not None
    text_named_html = tmp_path / "notes.html"
    text_named_html.write_bytes(SAMPLE.read_bytes())
    source = read_source(str(text_named_html))
    assert source.info is None
    assert source.text == SAMPLE.read_text(encoding="utf-8")


def test_page_that_starts_with_its_meta_tags_is_read_as_html(tmp_path: Path) -> None:
    # Some sites send their <meta> tags first, with no <html> or <head> before them.
    page = (PAGES / "article.html").read_text(encoding="utf-8")
    head, body = page.split("<body", 1)
    metas = "\t" + "\t".join(re.findall(r"<meta [^>]*>", head))
    headless = tmp_path / "headless.html"
    headless.write_text(f"{metas}\n<body{body}", encoding="utf-8")
    source = read_source(str(headless))
    assert source.info is not None
    assert "<" not in source.text
    result = digest(source.text, source=source.info)
    assert result.headline.text == TITLE


@pytest.mark.parametrize(
    "start",
    [
        "<!DOCTYPE html>",
        "  \n<!doctype HTML>",
        "<html lang='en'>",
        "<HEAD>",
        "<body>",
        "<p>Text",
        "<div class='x'>",
        "<!-- saved page -->",
        "<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'>",
        "\t<meta property='og:title' content='Council backs roads' />",
        "<link rel='stylesheet' href='site.css'>",
        "<article>",
    ],
)
def test_looks_like_html(start: str) -> None:
    assert looks_like_html(start + "<p>The council met.</p>")


@pytest.mark.parametrize(
    "start",
    ["The council met on Monday.", "<3 the new bridge", "<Reuters> said", "<pre-dawn raid", "Prices < 5%"],
)
def test_plain_text_is_not_html(start: str) -> None:
    assert not looks_like_html(start)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_html_behind_a_byte_order_mark(encoding: str) -> None:
    data = (PAGES / "article.html").read_text(encoding="utf-8").encode(encoding)
    if encoding == "utf-16":
        assert data.startswith(codecs.BOM_UTF16)
    source = load_bytes(data, "page")
    assert source.info is not None
    assert source.info.author == "Priya Raman"
    assert source.encoding == encoding.replace("-sig", "")


def test_declared_charset_that_does_not_fit_falls_back_to_the_policy() -> None:
    data = (
        "<html><head><meta charset='utf-8'></head><body><p>Café owners objected to the plan on Monday.</p>"
        + MORE
        + "</body></html>"
    )
    source = load_bytes(data.encode("cp1252"), "page")
    assert source.encoding == "cp1252"
    assert source.warnings == ("page: not valid utf-8; read as cp1252",)
    assert "Café owners" in source.text


def test_unknown_declared_charset_is_a_warning() -> None:
    data = b"<html><head><meta charset='klingon-8'></head><body><p>The council met on Monday.</p>" + MORE.encode()
    data += b"</body></html>"
    source = load_bytes(data, "page")
    assert source.encoding == "utf-8"
    assert source.warnings == ("page: unknown charset 'klingon-8'; read as utf-8",)


def test_header_charset_wins_over_meta() -> None:
    data = (
        "<html><head><meta charset='utf-8'></head><body><p>Der Stadtrat tagte am Montag in Köln.</p>"
        + MORE
        + "</body></html>"
    )
    source = load_bytes(data.encode("iso-8859-1"), "page", charset="ISO-8859-1")
    assert source.encoding == "cp1252"
    assert source.warnings == ()
    assert "Köln" in source.text


def test_header_charset_applies_to_plain_text() -> None:
    source = load_bytes("Der Stadtrat tagte in Köln.".encode("latin-1"), "page", charset="latin-1")
    assert (source.text, source.encoding, source.warnings, source.info) == (
        "Der Stadtrat tagte in Köln.",
        "cp1252",
        (),
        None,
    )


def test_binary_with_a_declared_charset_is_still_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        load_bytes(b"<html>\x00\x00\x00", "page", charset="utf-8")


@pytest.mark.parametrize(
    "html", [b"<!doctype html>", b"<html><head><title>Home</title></head><body><script>var x;</script></body></html>"]
)
def test_page_without_text(html: bytes) -> None:
    with pytest.raises(InputError, match=r"^page: no article text found \("):
        load_bytes(html, "page")


@pytest.mark.parametrize(
    ("title", "site", "url", "expected"),
    [
        ("Storm closes harbour bridge | BBC News", None, None, "Storm closes harbour bridge"),
        (
            "Storm closes harbour bridge - BBC News",
            None,
            "https://www.bbc.co.uk/news/uk-1",
            "Storm closes harbour bridge",
        ),
        ("BBC News - Storm closes harbour bridge", "BBC News", None, "Storm closes harbour bridge"),
        ("Talks resume: what we know | World news | The Guardian", "the Guardian", None, "Talks resume: what we know"),
        ("Storm closes bridge – The Guardian", "The Guardian", None, "Storm closes bridge"),
        ("Storm hits coast - three dead", None, None, "Storm hits coast - three dead"),
        ("Storm hits coast - three dead", "Coast News", None, "Storm hits coast - three dead"),
        ("Ukraine: talks resume in Geneva", "Example", None, "Ukraine: talks resume in Geneva"),
        ("The Daily Ledger", "The Daily Ledger", None, None),
    ],
)
def test_page_title(title: str, site: str | None, url: str | None, expected: str | None) -> None:
    assert page_title(title, site, url) == expected


def test_clean_source_makes_fields_one_line_and_safe() -> None:
    info = SourceInfo(
        title="Bridge \x1b[31mopens\x1b[0m\n | Gazette", author="  Ann\nLee ", site_name="Gazette", date=""
    )
    assert clean_source(info) == SourceInfo(title="Bridge opens", author="Ann Lee", site_name="Gazette")
    assert clean_source(SourceInfo(title=" ", author="\x07")) is None


def test_plain_text_runs_do_not_import_trafilatura() -> None:
    """trafilatura and its dependencies take about half a second to import, the page check a few ms: HTML only."""
    code = (
        "import sys\n"
        "from newsdigest.cli import main\n"
        "sys.argv = ['newsdigest', 'summarise', sys.argv[1]]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exit:\n"
        "    assert not exit.code, exit.code\n"
        "heavy = ('trafilatura', 'lxml', 'htmldate', 'justext', 'courlan', 'newsdigest.pipeline.page', 'urllib.request')\n"
        "print(sorted(m for m in sys.modules if m in heavy or m.split('.')[0] in heavy[:-2]), file=sys.stderr)\n"
    )
    for path, expected in ((SAMPLE, "[]"), (PAGES / "article.html", "'trafilatura'")):
        run = subprocess.run(
            [sys.executable, "-c", code, str(path)], capture_output=True, text=True, cwd=ROOT, timeout=60, check=False
        )
        assert run.returncode == 0, run.stderr
        assert expected in run.stderr.strip().splitlines()[-1]
