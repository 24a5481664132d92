"""A real HTTP server on 127.0.0.1 for the fetch tests: article pages and every way a download fails.

It runs in a thread of the test session (``web`` fixture in conftest.py) on a
port the OS picks; no test reaches any other address.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES = Path(__file__).resolve().parent / "data" / "pages"
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample_article.txt"

#: Bigger than the fetch step's default 10 MiB limit.
HUGE = 11 * 1024 * 1024

Route = Callable[["Handler"], None]


class Server(ThreadingHTTPServer):
    daemon_threads = True
    #: The headers of every request, for checks on what the client sends.
    requests: list[dict[str, str]]


class Handler(BaseHTTPRequestHandler):
    server: Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def do_GET(self) -> None:
        self.server.requests.append({"path": self.path, **dict(self.headers.items())})
        route = ROUTES.get(self.path.split("?")[0])
        if route is None:
            self.send(404, b"<html><body><h1>Not found</h1></body></html>", "text/html; charset=utf-8")
        else:
            route(self)

    def send(self, status: int, body: bytes, content_type: str | None, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str, status: int = 302) -> None:
        self.send(status, b"", "text/html", {"Location": location})


def _page(name: str, content_type: str | None = "text/html; charset=utf-8") -> Route:
    return lambda h: h.send(200, (PAGES / name).read_bytes(), content_type)


def _slow(h: Handler) -> None:
    time.sleep(3)  # the tests' client timeout is a fraction of this
    try:
        h.send(200, b"<html><body><p>Too late.</p></body></html>", "text/html")
    except OSError:  # the client gave up, as it should
        h.close_connection = True


def _trickle(h: Handler) -> None:
    """Every byte arrives in time, but the whole page never does (each read is fast, the sum is slow)."""
    chunk = b"<p>" + b"The council met again on Tuesday to talk about the bridge. " * 20 + b"</p>\n"
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", str(len(chunk) * 40))
    h.end_headers()
    try:
        for _ in range(40):
            h.wfile.write(chunk)
            h.wfile.flush()
            time.sleep(0.05)
    except OSError:  # the client gave up, as it should
        pass


def _huge(h: Handler, *, declared: bool) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    if declared:
        h.send_header("Content-Length", str(HUGE))
    else:
        h.send_header("Connection", "close")
    h.end_headers()
    block = b"<p>" + b"x" * (1024 * 1024 - 8) + b"</p>\n"
    try:
        for _ in range(HUGE // len(block) + 1):
            h.wfile.write(block)
    except OSError:
        pass
    h.close_connection = True


def _hops(h: Handler) -> None:
    """/hops?n=N redirects N times, then serves the article."""
    n = int(h.path.partition("n=")[2] or 0)
    h.redirect(f"/hops?n={n - 1}" if n > 1 else "/article.html", 301)


def _trickle_headers(h: Handler) -> None:
    """The status line, then one header byte every 50 ms for ten seconds: no read ever waits long."""
    try:
        h.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        for _ in range(200):
            h.wfile.write(b"a")
            h.wfile.flush()
            time.sleep(0.05)
    except OSError:  # the client gave up, as it should
        pass
    h.close_connection = True


def _short(h: Handler) -> None:
    """Announces 10,000 bytes, sends 500 and closes."""
    h.send_response(200)
    h.send_header("Content-Type", "text/plain; charset=utf-8")
    h.send_header("Content-Length", "10000")
    h.send_header("Connection", "close")
    h.end_headers()
    h.wfile.write(SAMPLE.read_bytes()[:500])
    h.wfile.flush()
    h.close_connection = True


def _private(h: Handler) -> None:
    """The sample article for user:secret (HTTP Basic), 401 for anyone else."""
    if h.headers.get("Authorization") == "Basic dXNlcjpzZWNyZXQ=":
        h.send(200, SAMPLE.read_bytes(), "text/plain; charset=utf-8")
    else:
        h.send(401, b"", "text/plain", {"WWW-Authenticate": 'Basic realm="news"'})


#: Escape sequences in what a server controls: they must never reach a terminal.
ESCAPE = "\x1b]0;PWNED\x07\x1b[31m"
HTML_PAGE = PAGES / "article.html"


def _reason_escape(h: Handler) -> None:
    h.send_response(404, f"Not{ESCAPE} Found")
    h.send_header("Content-Length", "0")
    h.end_headers()


ROUTES: dict[str, Route] = {
    "/trickle-headers": _trickle_headers,
    "/short": _short,
    "/private.html": _private,
    "/reason-escape": _reason_escape,
    "/location-escape": lambda h: h.redirect(f"ftp://{ESCAPE}.example/"),
    "/type-escape": lambda h: h.send(200, b"\x89PNG", f"image/{ESCAPE}png"),
    "/charset-escape": lambda h: h.send(200, HTML_PAGE.read_bytes(), f"text/html; charset={ESCAPE}"),
    "/charset-hex": lambda h: h.send(200, HTML_PAGE.read_bytes(), "text/html; charset=hex"),
    "/article.html": _page("article.html"),
    "/latin1.html": _page("latin1.html", "text/html; charset=iso-8859-1"),
    # The charset only in the page's <meta> tag, none in the header.
    "/latin1-meta.html": _page("latin1.html", "text/html"),
    "/nometa.html": _page("nometa.html"),
    "/no-content-type": _page("article.html", None),
    "/sample.txt": lambda h: h.send(200, SAMPLE.read_bytes(), "text/plain; charset=utf-8"),
    "/empty.html": lambda h: h.send(200, b"<html><head><title>Home</title></head><body></body></html>", "text/html"),
    "/redirect": lambda h: h.redirect("/article.html"),
    "/redirect-absolute": lambda h: h.redirect(f"http://127.0.0.1:{h.server.server_port}/article.html", 307),
    "/hops": _hops,
    "/loop-a": lambda h: h.redirect("/loop-b"),
    "/loop-b": lambda h: h.redirect("/loop-a"),
    "/redirect-ftp": lambda h: h.redirect("ftp://127.0.0.1/article.html"),
    "/redirect-missing": lambda h: h.redirect("/missing.html"),
    "/redirect-nowhere": lambda h: h.send(302, b"", "text/html"),
    "/slow": _slow,
    "/trickle": _trickle,
    "/huge-declared": lambda h: _huge(h, declared=True),
    "/huge-streamed": lambda h: _huge(h, declared=False),
    "/error": lambda h: h.send(500, b"<html><body>Internal error</body></html>", "text/html"),
    "/image.png": lambda h: h.send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png"),
    "/data.json": lambda h: h.send(200, b'{"title": "not a page"}', "application/json"),
}


def start() -> tuple[Server, threading.Thread]:
    server = Server(("127.0.0.1", 0), Handler)
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, name="test-web-server", daemon=True)
    thread.start()
    return server, thread


#: Every page made for the suite, by file name, as a site would serve it.
ROUTES.update({f"/pages/{page.name}": _page(page.name) for page in PAGES.glob("*.html")})

# The briefing's feeds, outlets and hostile feeds (tests/briefsite.py).
from .briefsite import ROUTES as _BRIEF_ROUTES  # noqa: E402

ROUTES.update(_BRIEF_ROUTES)


if __name__ == "__main__":  # python -m tests.webserver [PORT]: serve these pages on 127.0.0.1 until Ctrl-C
    import contextlib
    import sys

    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8765
    local = Server(("127.0.0.1", port), Handler)
    local.requests = []
    print(f"serving on http://127.0.0.1:{port}", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        local.serve_forever()
