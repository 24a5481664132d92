"""Hostile input, by cause: nothing a user or a server sends crashes a run, reaches the terminal or loses a record.

Most cases run the installed ``newsdigest`` command in a subprocess, on real
files, FIFOs, a misbehaving server on 127.0.0.1 (``tests/webserver.py``) and
real signals, and check its exit code, stderr and stdout. The properties
(hypothesis) cover the sanitiser, the JSON Lines reader and batch isolation.
"""

from __future__ import annotations

import errno
import json
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from newsdigest.cli import app
from newsdigest.errors import InputError
from newsdigest.options import Options
from newsdigest.output.render import Format
from newsdigest.pipeline import load
from newsdigest.runners import batch
from newsdigest.sanitise import comment, line, markdown, redact, text

from . import webserver
from .privileges import modes_apply

COMMAND = str(Path(sys.executable).parent / "newsdigest")
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample_article.txt"
PAGE = Path(__file__).resolve().parent / "data" / "pages" / "article.html"
TIMEOUT = 120  # seconds: a hang fails the test instead of the suite
SHORT = "The mayor resigned on Monday. A new election is due in May 2026. The council will meet on Friday."
_STYLE = ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "NEWSDIGEST_DEBUG", "TTY_COMPATIBLE", "TTY_INTERACTIVE")


def environment(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in _STYLE and not key.lower().endswith("_proxy")}
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


def run(*args: str | bytes, env: dict[str, str] | None = None, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    """The command (``summarise`` unless the first argument names another) in a subprocess."""
    options: dict[str, object] = {"stdin": subprocess.DEVNULL, "capture_output": True, "timeout": TIMEOUT}
    options.update(kwargs)
    if args[:1] not in (("summarise",), ("evaluate",), ("cluster",)):
        args = ("summarise", *args)
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [COMMAND, *args], env=env or environment(), check=False, **options
    )


def errors(done: subprocess.CompletedProcess[bytes]) -> list[str]:
    return done.stderr.decode("utf-8").splitlines()


def records(stdout: bytes) -> list[dict[str, object]]:
    return [json.loads(row) for row in stdout.decode("utf-8").splitlines()]


def shown_safely(output: str) -> bool:
    """No control (other than newline), format-control (bidi) or surrogate character."""
    return all(char == "\n" or unicodedata.category(char) not in ("Cc", "Cf", "Cs") for char in output)


def closed_port() -> int:
    with socket.socket() as probe:  # a port that was just free and has no listener
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --- 1. per-input isolation is total ----------------------------------------------------------------

HOSTILE_LINES = [
    json.dumps({"id": "first", "text": SHORT}),
    '{"id": NaN, "text": "' + SHORT + '"}',
    '{"id": 2, "count": ' + "7" * 5000 + ', "text": "' + SHORT + '"}',
    "[" * 100_000,
    '{"id": "\\ud800", "title": "Vote \\ud800 delayed", "text": "' + SHORT + ' \\ud800"}',
    json.dumps({"id": ["not", "scalar"], "text": SHORT}),
    json.dumps({"id": "last", "text": SHORT}),
]


@pytest.fixture
def hostile_corpus(tmp_path: Path) -> Path:
    (tmp_path / "feed.jsonl").write_text("\n".join(HOSTILE_LINES) + "\n", encoding="utf-8")
    (tmp_path / os.fsdecode(b"caf\xe9.txt")).write_bytes(SAMPLE.read_bytes())  # a name that is not UTF-8
    page = PAGE.read_text(encoding="utf-8").replace('<meta charset="utf-8">', '<meta charset="hex">')
    (tmp_path / "hex.html").write_text(page, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_every_input_gets_its_record_in_order_whatever_it_holds(hostile_corpus: Path, jobs: str) -> None:
    long_url = f"http://127.0.0.1:{closed_port()}/" + "a" * 5000
    inputs = ["feed.jsonl", os.fsdecode(b"caf\xe9.txt"), "hex.html", "http://[oops/", long_url, "missing.txt"]
    done = run(*inputs, "--format", "jsonl", "--jobs", jobs, "-o", "out.jsonl", cwd=hostile_corpus)
    assert done.stdout == b""
    assert done.returncode == 1
    got = records((hostile_corpus / "out.jsonl").read_bytes())
    assert [r["input"] for r in got] == [
        {"path": "feed.jsonl", "line": 1, "id": "first"},
        {"path": "feed.jsonl", "line": 2},
        {"path": "feed.jsonl", "line": 3},
        {"path": "feed.jsonl", "line": 4},
        {"path": "feed.jsonl", "line": 5, "id": "\ufffd"},
        {"path": "feed.jsonl", "line": 6},
        {"path": "feed.jsonl", "line": 7, "id": "last"},
        {"path": "caf\ufffd.txt"},
        {"path": "hex.html"},
        {"path": "http://[oops/"},
        {"path": long_url},
        {"path": "missing.txt"},
    ]
    assert [("digest" in r) for r in got] == [True, False, False, False, True, False, True, True, True] + [False] * 3
    assert got[4]["digest"]["headline"]["text"] == "Vote \ufffd delayed"  # type: ignore[index]
    assert [r.get("error") for r in got if "error" in r] == [
        "feed.jsonl:2: not valid JSON (NaN is not a number JSON allows)",
        "feed.jsonl:3: not valid JSON (an integer of more than 100 digits)",
        "feed.jsonl:4: not valid JSON (nested too deeply)",
        "feed.jsonl:6: the id must be a string or an integer",
        "http://[oops/: not a valid URL (Invalid IPv6 URL)",
        f"{long_url}: connection refused by 127.0.0.1:{long_url.split(':')[2].split('/')[0]}",
        "missing.txt: no such file",
    ]
    lines = errors(done)
    assert "Warning: hex.html: unknown charset 'hex'; read as utf-8" in lines
    assert lines[-1] == "Error: 7 of 12 inputs failed"
    assert "Traceback" not in done.stderr.decode()


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_text_and_markdown_records_of_hostile_lines_stay_whole(hostile_corpus: Path, fmt: str) -> None:
    done = run("feed.jsonl", "--format", fmt, "--jobs", "1", cwd=hostile_corpus)
    assert done.returncode == 1
    output = done.stdout.decode("utf-8")
    mark = "<!-- " if fmt == "markdown" else "==> "
    assert output.count(mark) == 7  # one record each
    assert "Error: feed.jsonl:4: not valid JSON (nested too deeply)" in output
    assert shown_safely(output)


def test_evaluate_scores_the_good_lines_and_reports_every_bad_one(tmp_path: Path) -> None:
    good = {"text": SHORT, "reference": "The mayor resigned."}
    rows = [
        json.dumps({"id": "a", **good}),
        '{"id": "b", "text": "' + SHORT + '", "reference": "x", "n": NaN}',
        "[" * 100_000,
        '{"id": 1' + "0" * 5000 + "}",
        '{"id": "\\udfff", "text": "' + SHORT + '", "reference": "The mayor \\ud800 resigned."}',
        "\xff not UTF-8",
        json.dumps({"id": "z", **good}),
    ]
    data = tmp_path / "eval.jsonl"
    data.write_bytes("\n".join(rows).encode("utf-8", "surrogateescape").replace(b"\xc3\xbf", b"\xff") + b"\n")
    done = run("evaluate", str(data), "--method", "lead", "--format", "json")
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["articles"] == 3
    assert [bad["line"] for bad in report["bad_lines"]] == [2, 3, 4, 6]
    assert errors(done) == [
        f"Warning: {data}:2: skipped: not valid JSON (NaN is not a number JSON allows)",
        f"Warning: {data}:3: skipped: not valid JSON (nested too deeply)",
        f"Warning: {data}:4: skipped: not valid JSON (an integer of more than 100 digits)",
        f"Warning: {data}:6: skipped: not valid UTF-8 (byte 1)",
        f"Error: 4 bad line(s) in {data} were skipped (see warnings above)",
    ]


def test_cluster_writes_a_record_for_every_row_whatever_it_holds(hostile_corpus: Path) -> None:
    done = run("cluster", "feed.jsonl", "out", "--workers", "1", cwd=hostile_corpus)
    assert done.returncode == 0, done.stderr
    assert errors(done)[-1].startswith("out: records 7, errors 4, partitions 1, workers 1, ")
    rows = records((hostile_corpus / "out" / "part-00000.jsonl").read_bytes())
    assert [row["id"] for row in rows] == ["first", None, None, None, "\ufffd", None, "last"]
    assert "summary" in rows[4]


STAGES = ("read", "digest", "serialise")
EXCEPTIONS: tuple[Callable[[str], BaseException], ...] = (
    ValueError,
    TypeError,
    KeyError,
    RecursionError,
    MemoryError,
    AssertionError,
    ZeroDivisionError,
    NotImplementedError,
    LookupError,
    lambda message: UnicodeDecodeError("utf-8", message.encode(), 0, 1, message),
    lambda message: OSError(errno.EIO, message),
    lambda message: InputError("injected failure"),
    type("Unexpected", (Exception,), {}),
)


@given(
    st.lists(
        st.one_of(st.none(), st.tuples(st.sampled_from(STAGES), st.sampled_from(EXCEPTIONS))), min_size=1, max_size=6
    )
)
def test_batch_isolation_under_injected_failures_property(
    tmp_path_factory: pytest.TempPathFactory, plan: list[object]
) -> None:
    """Any exception at any stage of one input is that input's error record; the others are digested, in order."""
    folder = tmp_path_factory.mktemp("inject")
    paths = []
    for number in range(len(plan)):
        path = folder / f"{number}.txt"
        path.write_text(f"Secret{number} words of the article were typed here. {SHORT}", encoding="utf-8")
        paths.append(str(path))
    failing = {number: step for number, step in enumerate(plan) if step is not None}

    def failure(stage: str, marker: str) -> None:
        for number, (where, make) in failing.items():  # type: ignore[misc]
            if where == stage and f"Secret{number} " in marker:
                raise make(f"Secret{number} words of the article were typed here.")

    from newsdigest.pipeline import digest as digest_module

    real_read, real_digest, real_render = load.read_input, digest_module.digest, batch.render

    def read(path: str, **kwargs: object) -> load.Source:
        source = real_read(path, **kwargs)  # type: ignore[arg-type]
        failure("read", source.text)
        return source

    def digest(text: str, *args: object, **kwargs: object) -> object:
        failure("digest", text)
        return real_digest(text, *args, **kwargs)  # type: ignore[arg-type]

    def render(result: object, *args: object, **kwargs: object) -> None:
        failure("serialise", " ".join(s.text for s in result.summary))  # type: ignore[attr-defined]
        real_render(result, *args, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(load, "read_input", read)
        patch.setattr(digest_module, "digest", digest)
        patch.setattr(batch, "render", render)
        # The lead method: the marked first sentence is in every summary, where the serialise failure looks.
        with batch.Runner(Options(method="lead"), Format.text, 1) as runner:
            outcomes = list(runner.run(batch.items(paths)))
    assert [outcome.source["path"] for outcome in outcomes] == paths
    for number, outcome in enumerate(outcomes):
        if number in failing:
            assert outcome.error is not None
            assert "\n" not in outcome.error
            assert "Secret" not in outcome.error  # the article's text never goes into a message
            assert outcome.record.startswith(f"==> {paths[number]} <==\nError: ")
        else:
            assert outcome.error is None
            assert "Key facts" in outcome.record or "Summary" in outcome.record


# --- 2. one sanitiser for everything shown ----------------------------------------------------------

ANY_TEXT = st.text(st.characters(blacklist_categories=()), max_size=60)  # surrogates and controls included


@given(ANY_TEXT)
def test_the_sanitiser_leaves_one_printable_line_property(value: str) -> None:
    shown = line(value)
    assert shown_safely(shown)
    assert "\n" not in shown
    shown.encode("utf-8")
    assert line(shown) == shown
    if value.isprintable() and "  " not in value:
        assert shown == value.strip()
    assert "--" not in comment(value)
    assert shown_safely(comment(value))
    text(value).encode("utf-8")


@given(st.text(max_size=40))
def test_markdown_escaping_keeps_every_character_visible_property(value: str) -> None:
    escaped = markdown(value)
    assert re.sub(r"\\(.)", r"\1", escaped, flags=re.S) == value  # unescaping gives the text back
    # With escaped backslashes taken out, every character Markdown reads has a backslash before it.
    assert not re.search(r"(?<!\\)[`*_{}\[\]<>#|~]", escaped.replace("\\\\", ""))


@given(ANY_TEXT.filter(lambda name: "/" not in name and "\x00" not in name and name not in ("", ".", "..")))
def test_a_file_name_reaches_stderr_only_sanitised_property(name: str) -> None:
    result = CliRunner().invoke(app, ["summarise", f"missing-{name}.txt"])
    assert result.exit_code == 1
    assert shown_safely(result.stderr)
    assert result.stderr.startswith("Error: missing-")


@given(ANY_TEXT, ANY_TEXT, st.sampled_from(["text", "markdown"]))
def test_ids_and_titles_reach_stdout_and_stderr_only_sanitised_property(ident: str, title: str, fmt: str) -> None:
    lines = [
        json.dumps({"id": ident, "title": title, "text": SHORT}),
        json.dumps({"id": ident, "text": "   "}),  # an error record and an Error: line naming the id
    ]
    result = CliRunner().invoke(
        app, ["summarise", "-", "--input-format", "jsonl", "-f", fmt, "-j", "1"], input="\n".join(lines)
    )
    assert result.exit_code == 1
    assert shown_safely(result.stdout)
    assert shown_safely(result.stderr)
    if fmt == "markdown":
        comments = [row for row in result.stdout.splitlines() if row.startswith("<!--")]
        assert len(comments) == 2
        assert all(row.count("-->") == 1 and row.endswith(" -->") for row in comments)


def test_escape_sequences_in_file_names_never_reach_the_terminal(tmp_path: Path) -> None:
    name = "e\x1b]0;TITLE\x07\x1b[31m\u202e.txt"
    (tmp_path / "listed").mkdir()
    (tmp_path / "listed" / name).write_text(SHORT, encoding="utf-8")
    (tmp_path / "listed" / "empty\x1b[2J.txt").write_text(" ", encoding="utf-8")
    done = run("listed", cwd=tmp_path)
    assert done.returncode == 1
    assert "==> listed/e.txt <==" in done.stdout.decode()
    assert errors(done) == ["Error: listed/empty.txt: the input is empty", "Error: 1 of 2 inputs failed"]
    missing = run(f"missing{name}")
    assert missing.returncode == 1
    assert errors(missing) == ["Error: missinge.txt: no file matches", "Error: 1 of 1 inputs failed"]


def test_a_file_name_cannot_close_the_markdown_comment(tmp_path: Path) -> None:
    (tmp_path / "a --> <b>x.txt").write_text(SHORT, encoding="utf-8")
    (tmp_path / "other.txt").write_text(SHORT, encoding="utf-8")
    done = run("a --> <b>x.txt", "other.txt", "-f", "markdown", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    headings = [row for row in done.stdout.decode().splitlines() if row.startswith("<!--")]
    assert headings == ["<!-- a -\\-> <b>x.txt -->", "<!-- other.txt -->"]


@pytest.mark.parametrize(
    ("route", "message"),
    [
        ("/reason-escape", "the server answered HTTP 404 Not Found"),
        ("/location-escape", "redirects to 'ftp://.example/', which is not a valid URL"),
        ("/type-escape", "not an HTML page or text (Content-Type: image/png)"),
    ],
)
def test_what_a_server_sends_reaches_stderr_only_sanitised(web: str, route: str, message: str) -> None:
    done = run(web + route)
    assert done.returncode == 1
    assert errors(done) == [f"Error: {web}{route}: {message}"]


def test_a_charset_with_escapes_is_an_unknown_charset_shown_sanitised(web: str) -> None:
    done = run(f"{web}/charset-escape")
    assert done.returncode == 0
    # The header's parameters end at the first ";": the charset is "\x1b]0", shown escaped.
    assert errors(done) == [f"Warning: {web}/charset-escape: unknown charset '\\x1b]0'; read as utf-8"]
    assert done.stdout.startswith(b"Jerry Tworek")


# --- 3. every input decoded safely ------------------------------------------------------------------


@pytest.mark.parametrize("charset", ["hex", "rot13", "base64", "zlib", "unicode_escape", "utf-7", "undefined"])
def test_only_text_encodings_are_charsets(tmp_path: Path, charset: str) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        PAGE.read_text(encoding="utf-8").replace('charset="utf-8"', f'charset="{charset}"'), encoding="utf-8"
    )
    done = run(str(page))
    assert done.returncode == 0, done.stderr
    assert errors(done) == [f"Warning: {page}: unknown charset '{charset}'; read as utf-8"]
    assert done.stdout.startswith(b"Jerry Tworek")


def test_dev_zero_as_json_lines_is_one_error_in_bounded_memory(tmp_path: Path) -> None:
    """The line is capped while it is read: 32 MiB, then an error, never the whole (endless) line."""
    probe = (
        "import resource, subprocess, sys;"
        "done = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, capture_output=True, timeout=110);"
        "sys.stderr.buffer.write(done.stderr); sys.stdout.buffer.write(done.stdout);"
        "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, COMMAND, "summarise", "/dev/zero", "--input-format", "jsonl", "-f", "jsonl"],
        capture_output=True,
        timeout=TIMEOUT,
        env=environment(),
        check=False,
    )
    *lines, status = errors(done)
    code, peak_kib = map(int, status.split())
    assert code == 1
    assert lines == [
        "Error: /dev/zero:1: line is longer than the 32 MiB input limit; the rest of the file was not read",
        "Error: 1 of 1 inputs failed",
    ]
    assert records(done.stdout)[0]["input"] == {"path": "/dev/zero", "line": 1}
    assert peak_kib < 256 * 1024  # 89 MiB measured: the interpreter and one capped line, never the endless whole


def test_an_all_blank_json_lines_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "blank.jsonl").write_text("\n   \n\t\n", encoding="utf-8")
    done = run("blank.jsonl", cwd=tmp_path)
    assert done.returncode == 1
    assert errors(done) == [
        "Error: blank.jsonl: no JSON Lines record in it (it is empty or blank)",
        "Error: 1 of 1 inputs failed",
    ]
    assert (
        done.stdout == b"==> blank.jsonl <==\nError: blank.jsonl: no JSON Lines record in it (it is empty or blank)\n\n"
    )


def test_a_fifo_is_read_as_a_stream(tmp_path: Path) -> None:
    fifo = tmp_path / "article.fifo"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(SAMPLE.read_bytes()), daemon=True)
    writer.start()
    done = run(str(fifo))
    writer.join(timeout=10)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"Jerry Tworek")


def _containers(inner: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.lists(inner, max_size=4) | st.dictionaries(ANY_TEXT, inner, max_size=4)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | ANY_TEXT,
    _containers,
    max_leaves=12,
)
HOSTILE_TOKENS = st.sampled_from(
    ["NaN", "Infinity", "-Infinity", "1e999", "9" * 5000, "[" * 3000, "\\ud800", '"\\udfff"']
)


@given(
    st.one_of(
        st.binary(max_size=200),
        JSON_VALUES.map(lambda value: json.dumps(value).encode()),
        st.tuples(JSON_VALUES, HOSTILE_TOKENS).map(lambda pair: json.dumps(pair[0])[:-1].encode() + pair[1].encode()),
        st.lists(HOSTILE_TOKENS, min_size=1, max_size=3).map(lambda tokens: ("[" + ",".join(tokens) + "]").encode()),
    )
)
def test_the_json_lines_parser_refuses_with_value_error_or_returns_valid_json_property(data: bytes) -> None:
    refusal: str | None = None
    try:
        value = load.parse_json_line(data)
    except ValueError as exc:  # the one kind of refusal, with a one-line reason
        refusal = str(exc)
    if refusal is None:
        json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")  # valid, encodable JSON
    else:
        assert "\n" not in refusal


@given(st.lists(st.binary(max_size=30).map(lambda b: b.replace(b"\n", b"")), max_size=8))
def test_the_json_lines_reader_yields_each_line_or_stops_at_an_overlong_one_property(rows: list[bytes]) -> None:
    import io

    long_at = next((number for number, row in enumerate(rows, 1) if len(row) + 1 > 20), None)
    kept = rows if long_at is None else rows[: long_at - 1]
    expected = [(number, row + b"\n") for number, row in enumerate(kept, 1) if row.strip()]
    got: list[tuple[int, bytes]] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(load, "MAX_INPUT_BYTES", 20)
        reader = load.json_lines(io.BytesIO(b"".join(row + b"\n" for row in rows)), "feed.jsonl")
        if long_at is not None:
            with pytest.raises(load.LineTooLong) as raised:
                got.extend(reader)  # keeps the lines read before the long one
            assert raised.value.line == long_at
        elif not expected:
            with pytest.raises(InputError, match=r"^feed\.jsonl: no JSON Lines record in it \(it is empty or blank\)$"):
                next(reader)
        else:
            got.extend(reader)
    assert got == expected


# --- 4. deadlines that hold -------------------------------------------------------------------------


def test_a_server_trickling_header_bytes_is_cut_at_the_deadline(web: str) -> None:
    started = time.monotonic()
    done = run(f"{web}/trickle-headers", "--timeout", "1")
    assert done.returncode == 1
    assert errors(done) == [f"Error: {web}/trickle-headers: no complete answer within 1 s (timed out)"]
    assert time.monotonic() - started < 9  # the server trickles for ten seconds; the limit only a hang reaches


def test_a_body_shorter_than_its_content_length_is_an_error(web: str) -> None:
    done = run(f"{web}/short")
    assert done.returncode == 1
    assert errors(done) == [
        f"Error: {web}/short: the connection closed before the whole page arrived (9500 bytes missing)"
    ]
    assert done.stdout == b""


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["summarise", "x.txt", "--timeout", "nan"], "'--timeout'"),
        (["summarise", "x.txt", "--timeout", "inf"], "'--timeout'"),
        (["summarise", "x.txt", "--ratio", "nan"], "'--ratio' / '-r'"),
        (["cluster", "x.jsonl", "out", "--partition-size", "nan"], "'--partition-size'"),
        (["cluster", "x.jsonl", "out", "--partition-size", "inf"], "'--partition-size'"),
    ],
)
def test_non_finite_numbers_are_usage_errors(tmp_path: Path, args: list[str], option: str) -> None:
    """Refused before any work. The wording is Typer's and differs between its releases
    (0.29 validates ranges with pydantic before our finiteness check runs), so the
    option named, the exit code and the absence of a traceback are what is checked."""
    (tmp_path / "x.txt").write_text("Rain fell in the north on Monday, officials said.\n", encoding="utf-8")
    done = run(*args, cwd=tmp_path)
    assert done.returncode == 2
    stderr = done.stderr.decode()
    assert f"Error: Invalid value for {option}: " in stderr
    assert "Traceback" not in stderr
    assert done.stdout == b""
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://[oops/", "Error: http://[oops/: not a valid URL (Invalid IPv6 URL)"),
        ("http://bücher..example/", "Error: http://bücher..example/: 'bücher..example' is not a valid host name"),
        ("http://127.0.0.1:99999/", "Error: http://127.0.0.1:99999/: not a valid URL (Port out of range 0-65535)"),
        ("http://example.com/" + "a" * 9000, "Error: http://example.com/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa..."),
    ],
)
def test_malformed_urls_are_one_line_usage_errors(url: str, message: str) -> None:
    done = run(url)
    assert done.returncode == 2
    assert errors(done)[0].startswith(message)
    assert errors(done)[1] == "Try 'newsdigest summarise --help' for help."


def test_a_url_over_4_kb_is_fetched_like_any_other(web: str) -> None:
    done = run(f"{web}/{'a' * 5000}")
    assert done.returncode == 1
    assert errors(done) == [f"Error: {web}/{'a' * 5000}: the server answered HTTP 404 Not Found"]


# --- 5. output safety -------------------------------------------------------------------------------


def test_output_onto_the_input_is_refused_and_the_input_kept(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes(SAMPLE.read_bytes())
    for args in (["a.txt", "-o", "a.txt"], [".", "-o", "a.txt"], ["*.txt", "-o", "a.txt"]):
        done = run(*args, cwd=tmp_path)
        assert done.returncode == 2
        assert errors(done)[0] == "Error: a.txt: is also an input; write the output to another file"
    with article.open("rb") as stdin:
        done = run("-o", "a.txt", stdin=stdin, cwd=tmp_path)
    assert done.returncode == 2
    assert article.read_bytes() == SAMPLE.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_output_onto_a_fifo_or_device_is_refused_and_onto_dev_null_written(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    for target in (str(tmp_path / "pipe"), "/dev/full"):
        done = run(str(SAMPLE), "-o", target)
        assert done.returncode == 2
        assert errors(done)[0] == (
            f"Error: {target}: not a regular file; --output writes a regular file (or a terminal, or /dev/null)"
        )
    done = run(str(SAMPLE), "-o", "/dev/null")
    assert done.returncode == 0
    assert done.stderr == done.stdout == b""
    assert Path("/dev/null").is_char_device()


def test_a_full_device_on_stdout_is_a_write_error() -> None:
    with Path("/dev/full").open("wb") as full:
        done = run(str(SAMPLE), stdout=full, stderr=subprocess.PIPE, capture_output=False)
    assert done.returncode == 1
    assert errors(done) == ["Error: cannot write to standard output (No space left on device)"]


def test_a_write_error_on_the_output_file_keeps_the_old_file(tmp_path: Path) -> None:
    """A file size limit makes the write fail as a full disk would (EFBIG instead of ENOSPC)."""

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100))

    target = tmp_path / "out.txt"
    target.write_text("the old file\n", encoding="utf-8")
    done = run(str(SAMPLE), "-o", str(target), preexec_fn=small_files)
    assert done.returncode == 1
    assert errors(done) == [f"Error: {target}: cannot write (File too large)"]
    assert target.read_text(encoding="utf-8") == "the old file\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_closed_or_read_only_stdout_is_a_write_error() -> None:
    closed = run(str(SAMPLE), stderr=subprocess.PIPE, capture_output=False, preexec_fn=lambda: os.close(1))
    assert closed.returncode == 1
    assert errors(closed) == ["Error: standard output is closed; redirect it to a file, or give --output FILE"]
    with Path(os.devnull).open("rb") as read_only:
        done = run(str(SAMPLE), stdout=read_only, stderr=subprocess.PIPE, capture_output=False)
    assert done.returncode == 1
    assert errors(done) == ["Error: cannot write to standard output (Bad file descriptor)"]


def test_a_closed_pipe_ends_the_run_quietly() -> None:
    with subprocess.Popen(
        [COMMAND, "summarise", str(SAMPLE)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment()
    ) as process:
        assert process.stdout is not None
        process.stdout.close()  # the reader goes away before the first byte
        stderr = process.stderr.read() if process.stderr else b""
        process.wait(timeout=TIMEOUT)
    assert process.returncode == 0
    assert stderr == b""


def test_an_ascii_only_stdout_is_one_clear_error() -> None:
    done = run(str(SAMPLE), env=environment(PYTHONIOENCODING="ascii"))
    assert done.returncode == 1
    assert errors(done) == ["Error: the output cannot be written in the ascii encoding; set PYTHONIOENCODING=utf-8"]


def test_a_250_character_output_name_is_written(tmp_path: Path) -> None:
    name = "d" * 246 + ".txt"
    done = run(str(SAMPLE), "-o", name, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / name).read_bytes().startswith(b"Jerry Tworek")
    assert [p.name for p in tmp_path.iterdir()] == [name]


@pytest.fixture(scope="module")
def plain_sample() -> bytes:
    done = run(str(SAMPLE))
    assert done.returncode == 0
    return done.stdout


@pytest.mark.parametrize("columns", ["0", "-5", "3", "99999999999", "wide"])
def test_absurd_columns_fall_back_to_a_sane_width(columns: str, plain_sample: bytes) -> None:
    done = run(str(SAMPLE), env=environment(COLUMNS=columns))
    assert done.returncode == 0
    assert done.stdout == plain_sample
    assert done.stdout.startswith(b"Jerry Tworek")


# --- 6. processes -----------------------------------------------------------------------------------


def test_jobs_are_capped_by_the_inputs_and_a_maximum(tmp_path: Path) -> None:
    (tmp_path / "dir").mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / "dir" / name).write_text(SHORT, encoding="utf-8")
    assert batch.worker_count(1000, ["a.txt", "b.txt"], "auto") == 2
    assert batch.worker_count(1000, [str(tmp_path / "dir"), "x.txt"], "auto") == 4
    assert batch.worker_count(1000, ["feed.jsonl"], "auto") == batch.MAX_JOBS
    assert batch.worker_count(3, ["feed.jsonl"], "auto") == 3
    done = run("dir/a.txt", "dir/b.txt", "--jobs", "1000", "-f", "jsonl", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert len(records(done.stdout)) == 2


@pytest.fixture(scope="module")
def long_feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    feed = tmp_path_factory.mktemp("signals") / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as stream:
        for number in range(20000):
            stream.write(json.dumps({"id": number, "text": f"Report {number} was filed on Monday. {SHORT}"}) + "\n")
    return feed


@contextmanager
def command(*args: str, **kwargs: object) -> Iterator[subprocess.Popen[bytes]]:
    """The command in its own session, killed with everything it started if the test fails."""
    process = subprocess.Popen(  # type: ignore[call-overload]
        [COMMAND, *args], env=environment(), start_new_session=True, stdin=subprocess.DEVNULL, **kwargs
    )
    watchdog = threading.Timer(TIMEOUT, lambda: os.killpg(process.pid, signal.SIGKILL))
    watchdog.start()
    try:
        yield process
    finally:
        watchdog.cancel()
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


@pytest.mark.parametrize(
    ("signum", "code", "said"), [(signal.SIGTERM, 143, "Terminated."), (signal.SIGHUP, 129, "Hung up.")]
)
def test_a_signal_ends_workers_and_parent_and_keeps_records_whole(
    long_feed: Path, signum: int, code: int, said: str
) -> None:
    with command(
        "summarise", str(long_feed), "-f", "jsonl", "-j", "2", stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        first = process.stdout.readline()  # under way
        process.send_signal(signum)
        rest = process.stdout.read()  # returns only when no process holds the pipe: $(newsdigest ...) returns
        stderr = process.stderr.read()
        process.wait(timeout=30)
    assert process.returncode == code
    assert stderr.decode().splitlines()[-1] == said
    output = records(first + rest)
    assert 0 < len(output) < 20000
    assert [row["input"]["id"] for row in output] == list(range(len(output)))  # type: ignore[index]


def test_a_signal_removes_the_temporary_output_file(long_feed: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("the old file\n", encoding="utf-8")
    with command(
        "summarise", str(long_feed), "-f", "jsonl", "-j", "2", "-o", str(target), stderr=subprocess.PIPE
    ) as process:
        for _ in range(600):  # until the run has written into its temporary file
            temporary = [p for p in tmp_path.iterdir() if p.name.startswith(".out.jsonl.")]
            if temporary and temporary[0].stat().st_size > 0:
                break
            time.sleep(0.05)
        process.send_signal(signal.SIGTERM)
        assert process.stderr is not None
        stderr = process.stderr.read()
        process.wait(timeout=30)
    assert process.returncode == 143
    assert stderr.decode().splitlines() == ["Terminated."]
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]
    assert target.read_text(encoding="utf-8") == "the old file\n"


def test_workers_that_cannot_start_are_one_line_and_a_prompt_exit(long_feed: Path) -> None:
    def few_descriptors() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (48, 48))

    done = run(str(long_feed), "-f", "jsonl", "-j", "40", preexec_fn=few_descriptors, timeout=60)
    assert done.returncode == 1
    assert errors(done) == ["Error: cannot start 40 worker processes (Too many open files); try a smaller --jobs"]
    assert done.stdout == b""


# --- 7. messages say what happened ------------------------------------------------------------------


def test_credentials_are_used_and_never_shown(web: str, web_server: webserver.Server) -> None:
    with_credentials = web.replace("http://", "http://user:secret@")
    done = run(f"{with_credentials}/private.html")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"Jerry Tworek")
    assert web_server.requests[-1]["Authorization"] == "Basic dXNlcjpzZWNyZXQ="
    failed = run(f"{with_credentials}/missing.html")
    assert failed.returncode == 1
    shown = web.replace("http://", "http://user:***@")
    assert errors(failed) == [f"Error: {shown}/missing.html: the server answered HTTP 404 Not Found"]
    batch_run = run(f"{with_credentials}/missing.html", f"{with_credentials}/private.html", "-f", "jsonl")
    assert b"secret" not in batch_run.stdout + batch_run.stderr
    assert records(batch_run.stdout)[0]["input"] == {"path": f"{shown}/missing.html"}
    assert redact("https://a:b@c/d@e") == "https://a:***@c/d@e"


def test_a_refused_proxy_is_named(web: str) -> None:
    port = closed_port()
    done = run(f"{web}/article.html", env=environment(http_proxy=f"http://127.0.0.1:{port}"))
    assert done.returncode == 1
    assert errors(done) == [
        f"Error: {web}/article.html: the proxy http://127.0.0.1:{port} failed (Connection refused);"
        " check http_proxy / https_proxy"
    ]


def test_an_empty_method_is_a_usage_error(tmp_path: Path) -> None:
    data = tmp_path / "eval.jsonl"
    data.write_text(json.dumps({"text": SHORT, "reference": "The mayor resigned."}) + "\n", encoding="utf-8")
    done = run("evaluate", str(data), "--method", "")
    assert done.returncode == 2
    assert errors(done) == [
        "Error: --method needs a method name (or all)",
        "Try 'newsdigest evaluate --help' for help.",
    ]
    assert done.stdout == b""


def test_a_malformed_scheduler_address_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": 1, "text": SHORT}) + "\n", encoding="utf-8")
    done = run("cluster", "in.jsonl", "out", "--scheduler", "nonsense", cwd=tmp_path)
    assert done.returncode == 2
    assert errors(done)[0] == (
        "Error: --scheduler nonsense: not a scheduler address (missing port number in address 'nonsense');"
        " give one like tcp://host:8786"
    )


def test_an_unwritable_temporary_directory_is_named(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": 1, "text": SHORT}) + "\n", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    done = run(
        "cluster",
        "in.jsonl",
        "out",
        cwd=tmp_path,
        env=environment(DASK_TEMPORARY_DIRECTORY=str(locked)),
        preexec_fn=modes_apply(),
    )
    assert done.returncode == 1
    assert errors(done) == [
        f"Error: the temporary directory {locked} is not writable (Permission denied);"
        " set DASK_TEMPORARY_DIRECTORY or TMPDIR to one that is"
    ]
