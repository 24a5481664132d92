"""Step 0, fetch: the bytes of a web page over HTTP or HTTPS.

Standard library only (urllib): one GET with a timeout on connecting and on
every read plus a deadline for the whole download, a size limit, redirects
followed by hand (so their number, loops and schemes are checked), and a
User-Agent that says who is asking. No cookies, no JavaScript, no retries.
The load step (``load.read_input``) decodes the bytes with the charset the
server declared, as it decodes a file.
"""

from __future__ import annotations

import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from http.client import HTTPException, HTTPMessage, HTTPResponse
from typing import IO
from urllib.parse import urljoin, urlsplit

from newsdigest.errors import FetchError, UsageError
from newsdigest.options import DEFAULT_TIMEOUT

__all__ = ["MAX_DOWNLOAD_BYTES", "MAX_REDIRECTS", "Download", "fetch"]

#: Pages larger than this are refused; news pages are rarely over 2 MiB.
MAX_DOWNLOAD_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5

_SCHEMES = ("http", "https")
_REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"


@dataclass(frozen=True)
class Download:
    """What a server sent: the body, the charset it declared, and the address after redirects."""

    data: bytes
    charset: str | None
    url: str


def fetch(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = MAX_DOWNLOAD_BYTES,
    max_redirects: int = MAX_REDIRECTS,
) -> Download:
    """Download ``url``, following redirects, within the time and size limits.

    Raises :class:`~newsdigest.errors.UsageError` for a URL that is not http
    or https, and :class:`~newsdigest.errors.FetchError` (an ``InputError``)
    with a one-line message for every failure to fetch.
    """
    _check_scheme(url, url)
    opener = urllib.request.build_opener(_NoRedirects)
    deadline = time.monotonic() + 4 * timeout
    seen = {url}
    current = url
    for _ in range(max_redirects + 1):
        with _errors(url, current, timeout):
            request = urllib.request.Request(current, headers={"User-Agent": user_agent(), "Accept": _ACCEPT})
            response: HTTPResponse = opener.open(request, timeout=timeout)
            with response:
                if response.status in _REDIRECTS:
                    current = _redirect_target(url, current, response.headers, seen)
                    continue
                charset = _check_content(response.headers, max_bytes)
                data = _read(response, max_bytes, deadline, timeout)
        return Download(data, charset, current)
    raise FetchError(f"{url}: too many redirects (more than {max_redirects})")


def user_agent() -> str:
    from newsdigest._version import __version__

    return f"newsdigest/{__version__}"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Hand 3xx responses back to :func:`fetch`, which follows them itself."""

    def http_error_302(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage
    ) -> IO[bytes]:
        return fp

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _check_scheme(url: str, shown: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in _SCHEMES:
        raise UsageError(f"{shown}: unsupported URL scheme {scheme!r}; give an http:// or https:// URL")
    if not urlsplit(url).hostname:
        raise UsageError(f"{shown}: no host name in the URL")


def _redirect_target(url: str, current: str, headers: Message, seen: set[str]) -> str:
    location = headers.get("Location")
    if not location:
        where = "" if current == url else f" (at {current})"
        raise FetchError(f"{url}: redirect without a Location header{where}")
    target = urljoin(current, location.strip())
    if urlsplit(target).scheme.lower() not in _SCHEMES:
        raise FetchError(f"{url}: redirects to {target!r}, which is not an http or https URL")
    if target in seen:
        raise FetchError(f"{url}: redirect loop ({current} redirects back to {target})")
    seen.add(target)
    return target


def _check_content(headers: Message, max_bytes: int) -> str | None:
    """The declared charset; refuses what is not text and what is declared too large."""
    content_type = headers.get_content_type() if headers.get("Content-Type") else "text/plain"
    if not (content_type.startswith("text/") or content_type in ("application/xhtml+xml", "application/xml")):
        raise _Refused(f"not an HTML page or text (Content-Type: {content_type})")
    length = headers.get("Content-Length", "")
    if length.strip().isdigit() and int(length) > max_bytes:
        raise _Refused(f"page is larger than the {_size(max_bytes)} limit ({_size(int(length))})")
    return headers.get_content_charset()


def _read(response: HTTPResponse, max_bytes: int, deadline: float, timeout: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise _Refused(f"page is larger than the {_size(max_bytes)} limit")
        if time.monotonic() > deadline:
            raise _Refused(f"download took longer than {4 * timeout:g} s; try again later")
        chunks.append(chunk)
    return b"".join(chunks)


class _Refused(Exception):
    """What the server sent is not something to read; :func:`_errors` names the URL."""


@contextmanager
def _errors(url: str, current: str, timeout: float) -> Iterator[None]:
    """Turn urllib's, the socket's and our own refusals into one-line FetchErrors about ``url``."""
    where = "" if current == url else f" (at {current}, after redirects)"
    try:
        yield
    except urllib.error.HTTPError as exc:
        exc.close()  # it holds the connection open
        raise FetchError(f"{url}: the server answered HTTP {exc.code} {exc.reason}{where}") from None
    except _Refused as exc:
        raise FetchError(f"{url}: {exc}{where}") from None
    except (OSError, HTTPException) as exc:
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        raise FetchError(f"{url}: {_explain(reason, current, timeout)}{where}") from None


def _explain(reason: object, url: str, timeout: float) -> str:
    host = urlsplit(url).netloc
    if isinstance(reason, socket.gaierror):
        return f"cannot find host {urlsplit(url).hostname!r} (DNS lookup failed)"
    if isinstance(reason, ConnectionRefusedError):
        return f"connection refused by {host}"
    if isinstance(reason, TimeoutError):
        return f"no answer within {timeout:g} s (timed out)"
    if isinstance(reason, ssl.SSLError):
        return f"secure connection to {host} failed ({getattr(reason, 'reason', None) or reason})"
    if isinstance(reason, HTTPException):
        return f"bad HTTP response from {host} ({type(reason).__name__})"
    return f"cannot fetch ({getattr(reason, 'strerror', None) or reason})"


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.0f} MiB"
    return f"{n // 1024} KiB" if n >= 1024 else f"{n} bytes"
