"""URLs: a real HTTP server on 127.0.0.1 (tests/webserver.py) and every way a download fails.

Each failure is checked twice: what ``fetch()`` raises, and what the command
prints (one ``Error:`` line on stderr, nothing on stdout) and exits with.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import threading
import time
from importlib.metadata import version

import pytest
from typer.testing import CliRunner, Result

from newsdigest import digest
from newsdigest.cli import app
from newsdigest.errors import FetchError, InputError, UsageError
from newsdigest.pipeline.fetch import MAX_REDIRECTS, fetch
from newsdigest.pipeline.load import is_url, read_input, read_source

from .conftest import SAMPLE
from .test_extract import AROUND, PAGES, TITLE

runner = CliRunner()


def invoke(*args: str) -> Result:
    result = runner.invoke(app, ["summarise", *args])
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def one_error(result: Result, code: int) -> str:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Error: "), result.stderr
    assert len(lines) == (2 if code == 2 else 1), result.stderr
    return lines[0]


# --- pages that work --------------------------------------------------------------------------


def test_fetch_article(web: str, web_server) -> None:
    source = read_input(f"{web}/article.html")
    assert source.name == f"{web}/article.html"
    assert source.info is not None
    assert (source.info.author, source.info.date, source.info.site_name) == (
        "Priya Raman",
        "2025-01-08",
        "The Daily Ledger",
    )
    assert source.info.url == f"{web}/article.html"  # where it was fetched from, not the canonical link
    for phrase in AROUND["article.html"]:
        assert phrase.lower() not in source.text.lower()
    (request,) = web_server.requests
    assert request["User-Agent"] == f"newsdigest/{version('newsdigest')}"
    assert request["Accept"].startswith("text/html")


def test_url_gives_the_digest_of_the_clean_text(web: str, sample_text: str) -> None:
    result = invoke(f"{web}/article.html", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    from_url = json.loads(result.stdout)
    from_text = digest(f"{TITLE}\n{sample_text}").to_dict()
    for key in ("headline", "summary", "facts"):
        assert from_url[key] == from_text[key]
    assert from_url["source"] == {
        "title": TITLE,
        "author": "Priya Raman",
        "date": "2025-01-08",
        "site_name": "The Daily Ledger",
        "url": f"{web}/article.html",
    }
    summary_and_facts = " ".join(item["text"] for item in from_url["summary"] + from_url["facts"])
    for phrase in AROUND["article.html"]:
        assert phrase.lower() not in summary_and_facts.lower()


def test_url_text_format_footer(web: str) -> None:
    result = invoke(f"{web}/article.html")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == TITLE
    assert lines[-2] == f"By Priya Raman · 2025-01-08 · The Daily Ledger · {web}/article.html"
    assert lines[-1] == "367 words · 2 min read · 3 of 16 sentences · method: learned"


def test_url_markdown_footer(web: str) -> None:
    result = invoke(f"{web}/article.html", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert f"*By Priya Raman · 2025-01-08 · The Daily Ledger · {web}/article.html*  \n*367 words" in result.stdout


@pytest.mark.parametrize("route", ["/latin1.html", "/latin1-meta.html"])
def test_non_utf8_page(web: str, route: str) -> None:
    """Declared as ISO-8859-1 by the header, or as Windows-1252 by the page's <meta> alone."""
    source = read_input(web + route)
    assert source.encoding == "cp1252"
    assert source.warnings == ()
    assert "harbour café" in source.text
    assert "parents’ association" in source.text
    assert source.info is not None
    assert source.info.author == "Tomás Ferreira"


def test_plain_text_url(web: str) -> None:
    source = read_input(f"{web}/sample.txt")
    assert source.info is None
    assert source.text == read_source(str(SAMPLE)).text
    result = invoke(f"{web}/sample.txt")
    assert result.exit_code == 0
    assert result.stdout == invoke(str(SAMPLE)).stdout


def test_missing_content_type_is_sniffed(web: str) -> None:
    assert read_input(f"{web}/no-content-type").info is not None


@pytest.mark.parametrize("route", ["/redirect", "/redirect-absolute", f"/hops?n={MAX_REDIRECTS}"])
def test_redirects_are_followed(web: str, route: str) -> None:
    source = read_input(web + route)
    assert source.name == web + route
    assert source.info is not None
    assert source.info.url == f"{web}/article.html"


# --- failures: the library --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("route", "message"),
    [
        ("/missing.html", r"the server answered HTTP 404 Not Found$"),
        ("/error", r"the server answered HTTP 500 Internal Server Error$"),
        ("/image.png", r"not an HTML page or text \(Content-Type: image/png\)$"),
        ("/data.json", r"not an HTML page or text \(Content-Type: application/json\)$"),
        ("/huge-declared", r"page is larger than the 10 MiB limit \(11 MiB\)$"),
        ("/huge-streamed", r"page is larger than the 10 MiB limit$"),
        (f"/hops?n={MAX_REDIRECTS + 1}", rf"too many redirects \(more than {MAX_REDIRECTS}\)$"),
        ("/loop-a", r"redirect loop \(http://127\.0\.0\.1:\d+/loop-b redirects back to http://\S+/loop-a\)$"),
        ("/redirect-ftp", r"redirects to 'ftp://127\.0\.0\.1/article\.html', which is not an http or https URL$"),
        ("/redirect-nowhere", r"redirect without a Location header$"),
        ("/redirect-missing", r"HTTP 404 Not Found \(at http://\S+/missing\.html, after redirects\)$"),
        ("/empty.html", r"no article text found \(the page shows no text\)$"),
    ],
)
def test_fetch_failures(web: str, route: str, message: str) -> None:
    with pytest.raises(FetchError if route != "/empty.html" else InputError, match=message) as raised:
        read_input(web + route)
    assert str(raised.value).startswith("http://127.0.0.1:")
    assert "\n" not in str(raised.value)


def test_timeout(web: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"/slow: no complete answer within 0\.3 s \(timed out\)$"):
        fetch(f"{web}/slow", timeout=0.3)
    assert time.monotonic() - started < 2


def test_slow_download_hits_the_deadline(web: str) -> None:
    """Each read is quick, but the whole page takes two seconds: the timeout is for the whole fetch."""
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"/trickle: no complete answer within 0\.5 s \(timed out\)$"):
        fetch(f"{web}/trickle", timeout=0.5)
    assert time.monotonic() - started < 1.5


def test_small_size_limit(web: str) -> None:
    with pytest.raises(FetchError, match=r"larger than the 1 KiB limit \(\d+ KiB\)$"):
        fetch(f"{web}/article.html", max_bytes=1024)


def test_connection_refused() -> None:
    with socket.socket() as closed:  # a port that was just free on this machine and has no listener
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    with pytest.raises(FetchError, match=rf"^http://127\.0\.0\.1:{port}/: connection refused by 127\.0\.0\.1:{port}$"):
        fetch(f"http://127.0.0.1:{port}/")


def test_dns_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    """The resolver is replaced: a real lookup would leave this machine."""

    def no_such_host(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    with pytest.raises(
        FetchError, match=r"^http://news\.invalid/a: cannot find host 'news\.invalid' \(DNS lookup failed\)$"
    ):
        fetch("http://news.invalid/a")


def test_a_resolver_that_never_answers_is_cut_by_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lookup of the host name counts inside ``timeout``, as the download does.

    The resolver is replaced by one that hangs (for 30 s, so that a fetch
    that waited for it would fail with the DNS error below, never hang this
    suite): the fetch must give up when its own time is up.
    """
    released = threading.Event()

    def hanging(*args: object, **kwargs: object) -> None:
        released.wait(30)
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", hanging)
    try:
        with pytest.raises(
            FetchError, match=r"^http://news\.invalid/a: no complete answer within 0\.3 s \(timed out\)$"
        ):
            fetch("http://news.invalid/a", timeout=0.3)
    finally:
        released.set()


def test_a_host_name_is_looked_up_and_connected(web: str) -> None:
    """``localhost`` goes through the bounded lookup to the local server."""
    port = web.rpartition(":")[2]
    download = fetch(f"http://localhost:{port}/article.html", timeout=10)
    assert download.status == 200
    assert download.data


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://127.0.0.1/article.html", "unsupported URL scheme 'ftp'; give an http:// or https:// URL"),
        ("file:///etc/hostname", "unsupported URL scheme 'file'; give an http:// or https:// URL"),
        ("http:///article.html", "no host name in the URL"),
    ],
)
def test_bad_urls(url: str, message: str) -> None:
    with pytest.raises(UsageError, match=f"^{url}: {message}$"):
        fetch(url)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("https://example.org/a", True), ("HTTP://X", True), ("ftp://x", True), ("article.txt", False), ("-", False)],
)
def test_is_url(value: str, expected: bool) -> None:
    assert is_url(value) is expected


# --- failures: the command --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("route", "message"),
    [
        ("/missing.html", "the server answered HTTP 404 Not Found"),
        ("/error", "the server answered HTTP 500 Internal Server Error"),
        ("/image.png", "not an HTML page or text (Content-Type: image/png)"),
        ("/huge-declared", "page is larger than the 10 MiB limit (11 MiB)"),
        ("/loop-a", "redirect loop"),
        (f"/hops?n={MAX_REDIRECTS + 1}", "too many redirects"),
        ("/empty.html", "no article text found (the page shows no text)"),
    ],
)
def test_command_failures_exit_1(web: str, route: str, message: str) -> None:
    line = one_error(invoke(web + route), 1)
    assert line.startswith(f"Error: {web}{route}: ")
    assert message in line


def test_command_timeout_option(web: str) -> None:
    line = one_error(invoke(f"{web}/slow", "--timeout", "0.3"), 1)
    assert line == f"Error: {web}/slow: no complete answer within 0.3 s (timed out)"


def test_command_refused_connection() -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    line = one_error(invoke(f"http://127.0.0.1:{port}/a.html"), 1)
    assert line == f"Error: http://127.0.0.1:{port}/a.html: connection refused by 127.0.0.1:{port}"


def test_command_bad_scheme_is_a_usage_error() -> None:
    line = one_error(invoke("ftp://127.0.0.1/a.html"), 2)
    assert line == "Error: ftp://127.0.0.1/a.html: unsupported URL scheme 'ftp'; give an http:// or https:// URL"


def test_html_on_standard_input() -> None:
    result = runner.invoke(app, ["summarise", "--format", "json"], input=(PAGES / "article.html").read_bytes())
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["headline"] == {"text": TITLE, "source": "title"}
    assert data["source"]["author"] == "Priya Raman"


def test_html_file_text_output() -> None:
    result = invoke(str(PAGES / "latin1.html"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == "Harbour bridge budget approved"
    assert lines[-2] == "By Tomás Ferreira · 2024-11-18 · Northshore Gazette"


@pytest.mark.slow
def test_installed_command_fetches_a_url(web: str) -> None:
    command = shutil.which("newsdigest", path=str(__import__("pathlib").Path(sys.executable).parent))
    assert command is not None
    run = subprocess.run(
        [command, "summarise", f"{web}/article.html"], capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert run.stdout.splitlines()[0] == TITLE
    assert "By Priya Raman · 2025-01-08 · The Daily Ledger" in run.stdout


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_urls_mix_with_files_in_a_batch(web: str, tmp_path, jobs: str) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "a.txt"
    article.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = invoke(f"{web}/article.html", str(article), f"{web}/status/404", "--format", "jsonl", "--jobs", jobs)
    assert result.exit_code == 1  # one input failed
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["input"]["path"] for r in records] == [f"{web}/article.html", str(article), f"{web}/status/404"]
    assert records[0]["digest"]["source"]["author"] == "Priya Raman"  # page metadata kept in a batch
    assert records[0]["digest"]["summary"] == records[1]["digest"]["summary"]
    assert "404" in records[2]["error"]
    assert result.stderr.splitlines()[-1] == "Error: 1 of 3 inputs failed"
