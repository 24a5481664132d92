"""Step 0, fetch: the bytes of a web page over HTTP or HTTPS.

Standard library only (urllib): one GET with one deadline for the whole fetch
(connecting, the headers, the body, every redirect: a server that trickles
bytes cannot hold it open), a size limit, a body shorter than its
``Content-Length`` refused, redirects followed by hand (so their number, loops
and schemes are checked), and a User-Agent that says who is asking. No
cookies, no JavaScript, no retries. Credentials in the URL (``user:pass@``)
are sent as HTTP Basic authentication to that host only, and never shown.
The load step (``load.read_input``) decodes the bytes with the charset the
server declared, as it decodes a file.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from http.client import HTTPException, HTTPMessage, HTTPResponse
from typing import IO, Any
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

from newsdigest.errors import FetchError, UsageError
from newsdigest.options import DEFAULT_TIMEOUT
from newsdigest.sanitise import line, redact

__all__ = ["MAX_DOWNLOAD_BYTES", "MAX_REDIRECTS", "PAGE", "Download", "Wanted", "fetch"]

#: Pages larger than this are refused; news pages are rarely over 2 MiB.
MAX_DOWNLOAD_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
#: Longer URLs are refused before any request (servers refuse them anyway).
MAX_URL_LENGTH = 8192

_SCHEMES = ("http", "https")
_REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"


@dataclass(frozen=True)
class Wanted:
    """What a caller reads: the ``Accept`` header sent, and the content types taken.

    A type is taken when it starts with one of ``types`` or ends with one of
    ``suffixes`` (``application/rss+xml``); an answer without a Content-Type
    is taken too, and sniffed by the load step.
    """

    accept: str
    types: tuple[str, ...]
    suffixes: tuple[str, ...]
    what: str  # named in the refusal: "not <what>"

    def takes(self, content_type: str) -> bool:
        return content_type.startswith(self.types) or content_type.endswith(self.suffixes)


#: An article page: HTML or text.
PAGE = Wanted(_ACCEPT, ("text/", "application/xhtml+xml", "application/xml"), (), "an HTML page or text")


@dataclass(frozen=True)
class Download:
    """What a server sent: the body, the charset it declared, and the address after redirects.

    ``status`` is 200, or 304 when the request named the last copy (``etag``,
    ``last_modified``) and the server says it is still good; ``data`` is then
    empty. The validators and ``Cache-Control`` of the answer are kept for the
    next conditional request.
    """

    data: bytes
    charset: str | None
    url: str
    status: int = 200
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    cache_control: str | None = None


def fetch(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = MAX_DOWNLOAD_BYTES,
    max_redirects: int = MAX_REDIRECTS,
    wanted: Wanted = PAGE,
    etag: str | None = None,
    last_modified: str | None = None,
) -> Download:
    """Download ``url``, following redirects, within ``timeout`` seconds in all and the size limit.

    With ``etag`` or ``last_modified`` (the validators of a copy fetched
    before) the request is conditional, and a 304 answer comes back as a
    :class:`Download` with ``status`` 304.

    Raises :class:`~newsdigest.errors.UsageError` for a URL that is not http
    or https or cannot be a URL (a bad host or port), and
    :class:`~newsdigest.errors.FetchError` (an ``InputError``) with a
    one-line message for every failure to fetch.
    """
    shown = line(redact(url))
    address, authorization = _check_url(url, shown)
    deadline = _Deadline(timeout)
    opener = urllib.request.build_opener(_NoRedirects, *_handlers(deadline))
    conditional = {"If-None-Match": etag, "If-Modified-Since": last_modified}
    seen = {address}
    current = address
    try:
        for _ in range(max_redirects + 1):
            with _errors(shown, current, deadline, redirected=current != address):
                headers = {"User-Agent": user_agent(), "Accept": wanted.accept}
                headers.update({name: value for name, value in conditional.items() if value})
                if authorization and urlsplit(current).netloc == urlsplit(address).netloc:
                    headers["Authorization"] = authorization
                request = urllib.request.Request(current, headers=headers)
                response: HTTPResponse = opener.open(request, timeout=deadline.remaining())
                with response:
                    if response.status in _REDIRECTS:
                        current = _redirect_target(shown, current, response.headers, seen)
                        continue
                    answer = response.headers
                    if response.status == 304:
                        data, content_type = b"", None
                    else:
                        content_type = _check_content(answer, max_bytes, wanted)
                        data = _read(response, max_bytes)
                    deadline.check()
            return Download(
                data,
                answer.get_content_charset(),
                current,
                response.status,
                content_type,
                answer.get("ETag"),
                answer.get("Last-Modified"),
                answer.get("Cache-Control"),
            )
    finally:
        deadline.cancel()
    raise FetchError(f"{shown}: too many redirects (more than {max_redirects})")


class _Deadline:
    """The end of one fetch: each socket gets the time left, and is shut at the end."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._timers: list[threading.Timer] = []

    def remaining(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            self.expired = True
            raise TimeoutError
        return left

    def check(self) -> None:
        if self.expired or time.monotonic() > self.end:
            self.expired = True
            raise TimeoutError

    def connect(
        self, address: tuple[str, int], timeout: float | None = None, source_address: tuple[str, int] | None = None
    ) -> socket.socket:
        """:func:`socket.create_connection` with the host name looked up within the time left.

        The lookup blocks in the C library, where no socket timeout reaches
        it; it runs in a daemon thread that is abandoned when the time is up,
        so a resolver that never answers ends the fetch like a server that
        never answers.
        """
        host, port = address
        found: list[list[tuple[Any, ...]]] = []
        failed: list[OSError] = []

        def look_up() -> None:
            try:
                found.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
            except OSError as exc:
                failed.append(exc)

        thread = threading.Thread(target=look_up, name="newsdigest-resolve", daemon=True)
        thread.start()
        thread.join(self.remaining())
        if thread.is_alive():
            self.expired = True
            raise TimeoutError
        if failed:
            raise failed[0]
        error: OSError = OSError(f"no address for {host}")
        for *_, sockaddr in found[0]:
            try:  # a numeric address: create_connection looks nothing up
                return socket.create_connection(sockaddr[:2], self.remaining(), source_address)
            except OSError as exc:
                error = exc
        raise error

    def watch(self, sock: socket.socket) -> None:
        """Shut ``sock`` down when the time is up, whatever it is waiting for."""
        timer = threading.Timer(self.remaining(), self._expire, (sock,))
        timer.daemon = True
        timer.start()
        self._timers.append(timer)

    def _expire(self, sock: socket.socket) -> None:
        self.expired = True
        with contextlib.suppress(OSError):  # closed already
            sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        for timer in self._timers:
            timer.cancel()


def _handlers(deadline: _Deadline) -> tuple[urllib.request.BaseHandler, ...]:
    """urllib's HTTP and HTTPS handlers, with connections that the deadline can cut."""

    # ``_create_connection`` is the seam http.client keeps for replacing
    # socket.create_connection (its own tests use it); the deadline's version
    # bounds the host name lookup too. TLS still verifies the host name.
    class Connection(http.client.HTTPConnection):
        def connect(self) -> None:
            self.timeout = deadline.remaining()
            self._create_connection = deadline.connect
            super().connect()
            deadline.watch(self.sock)

    class SecureConnection(http.client.HTTPSConnection):
        def connect(self) -> None:
            self.timeout = deadline.remaining()
            self._create_connection = deadline.connect
            super().connect()
            deadline.watch(self.sock)

    class Handler(urllib.request.HTTPHandler):
        def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            return self.do_open(Connection, req)

    class SecureHandler(urllib.request.HTTPSHandler):
        def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            return self.do_open(SecureConnection, req, context=ssl.create_default_context())

    return Handler(), SecureHandler()


def user_agent() -> str:
    from newsdigest._version import __version__

    return f"newsdigest/{__version__}"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Hand 3xx responses back to :func:`fetch`, which follows redirects itself and reads a 304 as an answer."""

    def http_error_302(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage
    ) -> IO[bytes]:
        return fp

    http_error_301 = http_error_303 = http_error_304 = http_error_307 = http_error_308 = http_error_302


def _check_url(url: str, shown: str) -> tuple[str, str | None]:
    """The URL to request (credentials taken out) and its Basic ``Authorization``, if it had credentials."""
    if len(url) > MAX_URL_LENGTH:
        raise UsageError(f"{shown[:60]}...: the URL is longer than {MAX_URL_LENGTH} characters")
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 (checked for its ValueError)
    except ValueError as exc:
        raise UsageError(f"{shown}: not a valid URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in _SCHEMES:
        raise UsageError(f"{shown}: unsupported URL scheme {line(scheme)!r}; give an http:// or https:// URL")
    if not host:
        raise UsageError(f"{shown}: no host name in the URL")
    try:
        host.encode("idna")
    except UnicodeError:
        raise UsageError(f"{shown}: {line(host)!r} is not a valid host name") from None
    if "@" not in parts.netloc:
        return url, None
    netloc = parts.netloc.rpartition("@")[2]
    user = f"{unquote(parts.username or '')}:{unquote(parts.password or '')}"
    authorization = "Basic " + base64.b64encode(user.encode("utf-8")).decode("ascii")
    return urlunsplit(parts._replace(netloc=netloc)), authorization


def _redirect_target(url: str, current: str, headers: Message, seen: set[str]) -> str:
    location = headers.get("Location")
    if not location:
        raise FetchError(f"{url}: redirect without a Location header")
    try:
        target = urljoin(current, location.strip())
        scheme = urlsplit(target).scheme.lower()
    except ValueError:
        scheme = target = ""
    if target and scheme not in _SCHEMES:
        raise _Refused(f"redirects to {line(redact(target))!r}, which is not an http or https URL")
    try:
        _check_url(target, "")
    except UsageError:
        raise _Refused(f"redirects to {line(redact(location))!r}, which is not a valid URL") from None
    if target in seen:
        raise FetchError(f"{url}: redirect loop ({line(redact(current))} redirects back to {line(redact(target))})")
    seen.add(target)
    return target


def _check_content(headers: Message, max_bytes: int, wanted: Wanted) -> str | None:
    """The declared content type; refuses what the caller does not read and what is declared too large."""
    content_type = headers.get_content_type() if headers.get("Content-Type") else None
    if content_type is not None and not wanted.takes(content_type):
        raise _Refused(f"not {wanted.what} (Content-Type: {line(headers.get('Content-Type', content_type))})")
    length = headers.get("Content-Length", "")
    if length.strip().isdigit() and int(length) > max_bytes:
        raise _Refused(f"page is larger than the {_size(max_bytes)} limit ({_size(int(length))})")
    return content_type


def _read(response: HTTPResponse, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise _Refused(f"page is larger than the {_size(max_bytes)} limit")
        chunks.append(chunk)
    missing = response.length  # what Content-Length announced and never came
    if missing:
        raise http.client.IncompleteRead(b"", missing)
    return b"".join(chunks)


class _Refused(Exception):
    """What the server sent is not something to read; :func:`_errors` names the URL."""


@contextmanager
def _errors(url: str, current: str, deadline: _Deadline, *, redirected: bool) -> Iterator[None]:
    """Turn urllib's, the socket's and our own refusals into one-line FetchErrors about ``url`` (shown)."""
    where = f" (at {line(redact(current))}, after redirects)" if redirected else ""
    try:
        yield
    except urllib.error.HTTPError as exc:
        exc.close()  # it holds the connection open
        raise FetchError(f"{url}: the server answered HTTP {exc.code} {line(exc.reason)}{where}") from None
    except _Refused as exc:
        raise FetchError(f"{url}: {exc}{where}") from None
    except (OSError, HTTPException, ValueError) as exc:
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        if deadline.expired or isinstance(reason, TimeoutError):
            raise FetchError(f"{url}: no complete answer within {deadline.seconds:g} s (timed out){where}") from None
        raise FetchError(f"{url}: {_explain(reason, current)}{where}") from None


def _proxy(url: str) -> str | None:
    """The proxy a request for ``url`` goes through (from ``http_proxy`` and the like), if any."""
    parts = urlsplit(url)
    proxy = urllib.request.getproxies().get(parts.scheme.lower())
    if not proxy or urllib.request.proxy_bypass(parts.hostname or ""):
        return None
    return line(redact(proxy))


def _explain(reason: object, url: str) -> str:
    host = line(urlsplit(url).netloc.rpartition("@")[2])
    proxy_failed = isinstance(reason, socket.gaierror | ConnectionRefusedError) or (
        isinstance(reason, OSError) and "Tunnel connection failed" in str(reason)
    )
    if proxy_failed and (proxy := _proxy(url)):
        return f"the proxy {proxy} failed ({_os_reason(reason)}); check http_proxy / https_proxy"
    if isinstance(reason, socket.gaierror):
        return f"cannot find host {line(urlsplit(url).hostname)!r} (DNS lookup failed)"
    if isinstance(reason, ConnectionRefusedError):
        return f"connection refused by {host}"
    if isinstance(reason, ssl.SSLError):
        return f"secure connection to {host} failed ({line(getattr(reason, 'reason', None) or reason)})"
    if isinstance(reason, http.client.IncompleteRead):
        return f"the connection closed before the whole page arrived ({reason.expected} bytes missing)"
    if isinstance(reason, http.client.RemoteDisconnected):
        return f"{host} closed the connection without an answer"
    if isinstance(reason, HTTPException):
        return f"bad HTTP response from {host} ({type(reason).__name__})"
    if isinstance(reason, UnicodeError):  # a host name the IDNA codec refuses
        return f"{host!r} is not a valid host name"
    return f"cannot fetch ({_os_reason(reason)})"


def _os_reason(reason: object) -> str:
    return line(getattr(reason, "strerror", None) or reason)


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.0f} MiB"
    return f"{n // 1024} KiB" if n >= 1024 else f"{n} bytes"
