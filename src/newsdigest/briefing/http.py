"""A conditional GET for feeds and article pages, within the fetch step's limits.

The same rules as ``pipeline/fetch.py`` (its timeout per read, deadline,
size limit, redirects checked by hand, User-Agent and one-line errors, all
reused from there), plus what a feed reader needs: ``If-None-Match`` and
``If-Modified-Since`` from the last copy, a 304 answer handed back as such,
the validators and ``Cache-Control: max-age`` of a fresh answer, and feed
content types (``application/rss+xml``, ``application/feed+json``...).
"""

from __future__ import annotations

import time
import urllib.request
from dataclasses import dataclass
from email.message import Message
from http.client import HTTPResponse
from typing import IO

from newsdigest.errors import FetchError
from newsdigest.pipeline.fetch import (
    MAX_DOWNLOAD_BYTES,
    MAX_REDIRECTS,
    _check_scheme,
    _errors,
    _NoRedirects,
    _read,
    _redirect_target,
    _Refused,
    user_agent,
)

_REDIRECTS = (301, 302, 303, 307, 308)
_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9,"
    " text/html;q=0.8, text/*;q=0.7, */*;q=0.1"
)
_READABLE = ("text/", "application/xml", "application/xhtml+xml", "application/json")


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


class _KeepNotModified(_NoRedirects):
    """Hand 304 back as an answer, not an error."""

    def http_error_304(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: Message
    ) -> IO[bytes]:
        return fp


def get(
    url: str,
    *,
    timeout: float,
    etag: str | None = None,
    last_modified: str | None = None,
    max_bytes: int = MAX_DOWNLOAD_BYTES,
) -> Response:
    """GET ``url``, conditionally when a validator of the last copy is given."""
    _check_scheme(url, url)
    opener = urllib.request.build_opener(_KeepNotModified)
    deadline = time.monotonic() + 4 * timeout
    headers = {"User-Agent": user_agent(), "Accept": _ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    seen = {url}
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        with _errors(url, current, timeout):
            response: HTTPResponse = opener.open(urllib.request.Request(current, headers=headers), timeout=timeout)
            with response:
                if response.status in _REDIRECTS:
                    current = _redirect_target(url, current, response.headers, seen)
                    continue
                if response.status == 304:
                    return Response(304, b"", current, None, None, etag, last_modified, _max_age(response.headers))
                content_type = _check(response.headers, max_bytes)
                data = _read(response, max_bytes, deadline, timeout)
                return Response(
                    response.status,
                    data,
                    current,
                    content_type,
                    response.headers.get_content_charset(),
                    response.headers.get("ETag"),
                    response.headers.get("Last-Modified"),
                    _max_age(response.headers),
                )
    raise FetchError(f"{url}: too many redirects (more than {MAX_REDIRECTS})")


def _check(headers: Message, max_bytes: int) -> str | None:
    if not headers.get("Content-Type"):
        return None
    content_type = headers.get_content_type()
    if not (content_type.startswith(_READABLE) or content_type.endswith(("+xml", "+json"))):
        raise _Refused(f"not a feed, page or text (Content-Type: {content_type})")
    length = headers.get("Content-Length", "")
    if length.strip().isdigit() and int(length) > max_bytes:
        raise _Refused(f"larger than the {max_bytes // (1024 * 1024)} MiB limit")
    return content_type


def _max_age(headers: Message) -> int | None:
    """Seconds the server says the answer stays fresh (``Cache-Control: max-age``); 0 for no-cache."""
    control = (headers.get("Cache-Control") or "").lower()
    if "no-cache" in control or "no-store" in control:
        return 0
    for part in control.split(","):
        name, _, value = part.strip().partition("=")
        if name == "max-age" and value.strip().isdigit():
            return int(value)
    return None
