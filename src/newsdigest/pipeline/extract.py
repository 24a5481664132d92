"""Step 1b, extract: an HTML page's main text and metadata, by trafilatura.

This is the only module that imports trafilatura, and it does so when a page
is extracted, never at import time: plain-text runs must not pay the half
second trafilatura and its dependencies take to import.

The text comes back one paragraph (or heading, or list item) per line, the
shape the clean step expects; navigation, cookie banners, related links,
promotions, comments and footers stay behind. Tables are left out too: as
lines of cells they read as nonsense sentences.

trafilatura reports through :mod:`logging`; its loggers get a null handler so
that, when nobody configures logging, its warnings do not reach stderr as
stray lines next to our one-line messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdigest.model import SourceInfo

_HTML_START = re.compile(
    # The WHATWG MIME-sniffing patterns for HTML, after leading white space
    # and an XML declaration (XHTML): a tag name followed by a space or ">".
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--|<!doctype\s+html|<(?:html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p)[\s>/])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Extracted:
    """A page's main text and what the page says about itself."""

    text: str
    info: SourceInfo


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts the way an HTML document or fragment does."""
    return _HTML_START.match(text[:1024]) is not None


def extract(html: str, *, url: str | None = None) -> Extracted | None:
    """The main text and metadata of ``html``; None when there is no main text.

    ``url`` is where the page was fetched from; it is reported instead of the
    URL the page claims for itself (its canonical link), which is used only
    when no ``url`` is given.
    """
    import trafilatura

    _quiet_logging()
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        # Dates from the markup only (meta tags, <time>, JSON-LD, the URL): the
        # extensive search reads dates in the prose, and made "2025-01-01" the
        # publication date of a page whose text mentioned "March 2025".
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None:
        return None
    found = document if isinstance(document, dict) else document.as_dict()
    text = _text(found, "text")
    if not text or not text.strip():
        return None
    info = SourceInfo(
        title=_text(found, "title"),
        author=_text(found, "author"),
        date=_text(found, "date"),
        site_name=_text(found, "sitename"),
        url=url or _text(found, "url"),
    )
    return Extracted(text, info)


def _text(found: dict[str, object], key: str) -> str | None:
    value = found.get(key)
    return value if isinstance(value, str) else None


def _quiet_logging() -> None:
    import logging

    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
