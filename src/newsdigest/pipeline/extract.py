"""Step 1b, extract: an HTML page's main text and metadata, by trafilatura, then checked.

This is the only module that imports trafilatura (and lxml, which it brings),
and it does so when a page is extracted, never at import time: plain-text
runs must not pay the half second trafilatura and its dependencies take to
import.

trafilatura finds the main text; its structured output (paragraphs,
headings, list items, quotations, and the links inside them) is what the page
check in :mod:`newsdigest.pipeline.page` reads, instead of flattened text. The
text comes back one block per line, the shape the clean step expects;
navigation, cookie banners, related links, promotions, comments, footers,
figures and their captions stay behind. Tables are left out too: as lines of
cells they read as nonsense sentences. The settings are in
:data:`TRAFILATURA_SETTINGS`, with the measurements that chose them.

trafilatura reports through :mod:`logging`; its loggers get a null handler so
that, when nobody configures logging, its warnings do not reach stderr as
stray lines next to our one-line messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsdigest.model import SourceInfo

if TYPE_CHECKING:
    from newsdigest.pipeline.page import Block, BlockKind

#: lxml's element type; lxml ships no type information.
HtmlElement = Any

_HTML_START = re.compile(
    # The WHATWG MIME-sniffing patterns for HTML, after leading white space
    # and an XML declaration (XHTML): a tag name followed by a space or ">";
    # and the other elements a saved page or a fragment starts with (a page of
    # the development set starts with its <meta> tags, no <html> or <head>).
    # Browsers sniff narrowly for safety; here a wrong "text" prints markup.
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--|<!doctype\s+html|<(?:html|head|body|script|iframe|h[1-6]|div|font|table|a|style"
    r"|title|b|br|p|meta|link|base|noscript|header|nav|main|article|section|aside|footer|span|ul|ol|li|img|form"
    r"|center|strong|em|i)[\s>/])",
    re.IGNORECASE,
)

#: trafilatura's settings. Links are kept in its output so that a block made
#: of links can be told from prose (they never reach our text); comments,
#: tables and images are left out. Dates come from the markup only (meta
#: tags, <time>, JSON-LD, the URL): the extensive search reads dates in the
#: prose, and made "2025-01-01" the publication date of a page whose text
#: mentioned "March 2025". Measured on the 941 development pages
#: (benchmarks/pages.py; benchmarks/RESULTS.md has the table), the precision
#: mode left boilerplate in 25 digests against 27 for the balanced mode, and
#: a summary outside the article in 55 against 58; keeping tables changed
#: neither figure for the better (27, 59). A page the precision mode leaves
#: (next to) empty gets a second pass in recall mode before it is refused.
TRAFILATURA_SETTINGS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": False,
    "include_images": False,
    "include_links": True,
    "favor_precision": True,
    "favor_recall": False,
    "date_extraction_params": {"extensive_search": False, "original_date": True},
}

_BLOCK_TAGS: dict[str, BlockKind] = {"p": "paragraph", "head": "heading", "item": "item", "quote": "quote"}


class NoArticle(Exception):
    """The page holds no article text; ``reason`` says what it holds instead."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Extracted:
    """A page's main text, what the page says about itself, and what the page check took out."""

    text: str
    info: SourceInfo
    dropped: tuple[tuple[str, str], ...] = ()


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts the way an HTML document or fragment does."""
    return _HTML_START.match(text[:1024]) is not None


def extract(html: str, *, url: str | None = None) -> Extracted:
    """The main text and metadata of ``html``.

    ``url`` is where the page was fetched from; it is reported instead of the
    URL the page claims for itself (its canonical link), which is used only
    when no ``url`` is given.

    Raises :class:`NoArticle` when the page holds no article text.
    """
    import trafilatura

    # The page check is for HTML only: plain-text runs do not compile its patterns.
    from newsdigest.pipeline.page import (
        PLACEHOLDERS,
        Titles,
        check_blocks,
        choose_headline,
        refusal,
        sane_author,
        sane_date,
        sane_site_name,
    )

    _quiet_logging()
    tree = trafilatura.load_html(html)
    if tree is None:
        raise NoArticle("the page is empty")
    page = _read_page(tree)
    found, blocks = _main_text(trafilatura, tree, url, recall=False)
    site_name = sane_site_name(_text(found, "sitename")) or sane_site_name(page["site_name"])
    page_url = url or _text(found, "url")
    headline = choose_headline(
        Titles(
            og=page["og"],
            twitter=page["twitter"],
            title=page["title"],
            extracted=_text(found, "title"),
            h1=tuple(page["h1"]),
            logos=tuple(page["logos"]),
            site_name=site_name,
            url=page_url,
        )
    )
    checked = check_blocks(blocks, headline=headline, standfirst=page["description"])
    reason = refusal(checked.blocks, headline=headline, page_text=page["text"], has_password=page["password"])
    if reason and reason != PLACEHOLDERS:
        # trafilatura's precision mode found (next to) nothing: its recall mode,
        # which keeps more of what surrounds the text it is sure of, decides.
        # On the development pages this keeps the article of pages that the
        # first pass left with a heading or two.
        _, recalled = _main_text(trafilatura, tree, url, recall=True)
        second = check_blocks(recalled, headline=headline, standfirst=page["description"])
        if refusal(second.blocks, headline=headline, page_text=page["text"], has_password=page["password"]) is None:
            checked, reason = second, None
    if reason:
        raise NoArticle(reason)
    info = SourceInfo(
        title=headline,
        author=sane_author(_text(found, "author")),
        date=sane_date(_text(found, "date")),
        site_name=site_name,
        url=page_url,
    )
    return Extracted("\n".join(block.text for block in checked.blocks), info, checked.dropped)


def _main_text(
    trafilatura: Any, tree: HtmlElement, url: str | None, *, recall: bool
) -> tuple[dict[str, Any], list[Block]]:
    """trafilatura's metadata and main text (as blocks) of ``tree``."""
    settings = (
        {**TRAFILATURA_SETTINGS, "favor_precision": False, "favor_recall": True} if recall else TRAFILATURA_SETTINGS
    )
    document = trafilatura.bare_extraction(tree, url=url, with_metadata=not recall, **settings)
    if document is None:
        return {}, []
    found: dict[str, Any] = document if isinstance(document, dict) else document.as_dict()
    body = found.get("body")
    return found, _blocks(body) if body is not None else []


def _read_page(tree: HtmlElement) -> dict[str, Any]:
    """What the page's markup says about its title, site and kind, before trafilatura prunes it."""

    def meta(*names: str) -> str | None:
        for name in names:
            for value in tree.xpath(f'//meta[@property="{name}" or @name="{name}"]/@content'):
                if str(value).strip():
                    return str(value)
        return None

    h1: list[str] = []
    logos: list[str] = []
    for element in tree.iter("h1"):
        text = " ".join(element.text_content().split())
        if text:
            (logos if _is_logo(element) else h1).append(text)
    title = tree.find(".//title")
    body = tree.find(".//body")
    return {
        "og": meta("og:title"),
        "twitter": meta("twitter:title"),
        "title": title.text_content() if title is not None else None,
        "site_name": meta("og:site_name", "application-name"),
        "description": meta("og:description", "description", "twitter:description"),
        "h1": h1,
        "logos": logos,
        "text": _visible_text(body) if body is not None else "",
        "password": bool(tree.xpath('//input[@type="password"]')),
    }


def _is_logo(element: HtmlElement) -> bool:
    """An <h1> that holds the site's logo or name: by its classes, a link home, or only an image."""
    from newsdigest.pipeline.page import LOGO_HINT

    node: HtmlElement | None = element
    for _ in range(3):
        if node is None:
            break
        if LOGO_HINT.search(f"{node.get('class', '')} {node.get('id', '')}"):
            return True
        node = node.getparent()
    links = element.findall(".//a")
    if any(
        (a.get("href") or "").rstrip("/") in ("", ".") or re.fullmatch(r"https?://[^/]+/?", a.get("href") or "")
        for a in links
    ):
        return True
    return element.find(".//img") is not None and not (element.text or "").strip() and len(links) <= 1


def _visible_text(body: HtmlElement) -> str:
    skip = {"script", "style", "template", "noscript"}
    parts = [
        text
        for element in body.iter()
        if isinstance(element.tag, str)
        for text in ((element.text if element.tag not in skip else None), element.tail)
        if text and text.strip()
    ]
    noscript = " ".join(n.text_content() for n in body.iter("noscript"))
    return " ".join(" ".join(parts).split()) + ("\n" + noscript if noscript.strip() else "")


def _blocks(body: Any) -> list[Block]:
    """trafilatura's output tree as blocks, one per line of each element.

    A list item or quotation holding paragraphs gives one block each; a line
    break inside an element (``<lb/>``, or a newline where trafilatura fell
    back to the page's plain text) ends a block, as it ends a line of text.
    """
    from newsdigest.pipeline.page import Block

    blocks: list[Block] = []
    for element in body.iter():
        kind = _BLOCK_TAGS.get(element.tag)
        if kind is None:
            continue
        if any(child.tag in _BLOCK_TAGS for child in element):  # its own blocks come next
            inner = (element.text or "").strip()
            if inner:
                blocks.append(Block(kind, inner))
            continue
        lines = [" ".join(line.split()) for line in _lines(element).split("\n")]
        lines = [line for line in lines if line]
        if len(lines) == 1:
            links = sum(len(" ".join("".join(ref.itertext()).split())) for ref in element.iter("ref"))
            blocks.append(Block(kind, lines[0], links))
        else:
            blocks.extend(Block(kind, line) for line in lines)
    return blocks


def _lines(element: Any) -> str:
    """The text of ``element``, with its ``<lb/>`` elements as newlines."""
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _lines(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _text(found: dict[str, object], key: str) -> str | None:
    value = found.get(key)
    return value if isinstance(value, str) else None


def _quiet_logging() -> None:
    import logging

    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
