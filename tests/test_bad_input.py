"""The bad-input suite: every awkward input through the real command.

Each case names its input, the expected exit code, what stderr must say and
what stdout must hold. Errors are exactly one ``Error: ...`` line; nothing
prints a traceback. The inputs are real files (made here, in tmp_path), run
through the installed entry point in a subprocess, as a user would.
"""

from __future__ import annotations

import gzip
import json
import os
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsdigest.pipeline.load import MAX_INPUT_BYTES

COMMAND = [str(Path(sys.executable).parent / "newsdigest"), "summarise", "--format", "json"]
SENTENCES = "The council approved the budget on Monday. Work on the roads starts in March."


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\0\0\0")) + chunk(b"IEND", b"")
    )


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], Path]  # writes the input, returns the path to pass
    exit_code: int
    stderr: str = ""  # a fragment of the one stderr line ("" = stderr must be empty)
    check: Callable[[dict], bool] | None = None  # on the JSON digest, when exit code is 0


def write(content: str | bytes, name: str = "input.txt") -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
        return path

    return make


def sparse(size: int) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / "huge.txt"
        with path.open("wb") as stream:
            stream.truncate(size)
        return path

    return make


def long_line(tmp: Path) -> Path:
    path = tmp / "line.txt"
    with path.open("w", encoding="utf-8") as stream:
        while stream.tell() < 50 * 1024 * 1024:
            stream.write("the council met again and talked about the roads " * 1000)
    return path


def shown(digest: dict) -> str:
    return "\n".join(
        [digest["headline"]["text"]] + [s["text"] for s in digest["summary"]] + [f["text"] for f in digest["facts"]]
    )


CASES = [
    Case("missing path", lambda tmp: tmp / "nope.txt", 1, "no such file"),
    # a directory is a batch: it cannot print as one JSON document
    Case("a directory", lambda tmp: tmp, 2, "use --format jsonl"),
    Case("empty file", write(""), 1, "empty"),
    Case("whitespace only", write("  \n\t\n   \n"), 1, "empty"),
    Case("a PNG image", write(png(), "image.png"), 1, "binary"),
    Case("a gzip file", write(gzip.compress(SENTENCES.encode()), "a.txt.gz"), 1, "binary"),
    Case("NUL bytes inside text", write(SENTENCES.encode() + b"\x00\x00" + SENTENCES.encode()), 1, "binary"),
    Case("UTF-16 with BOM", write(SENTENCES.encode("utf-16")), 0, check=lambda d: "council" in shown(d)),
    Case(
        "Windows-1252 text",
        write("Café owners in Zürich said prices rose – again. The naïve plan failed.".encode("cp1252")),
        0,
        "Windows-1252",
        check=lambda d: "Café" in shown(d) and "–" in shown(d),
    ),
    Case(
        "mixed line endings",
        write("First line without a stop\r\nThe council met on Monday.\rIt approved the budget.\nRoads come next."),
        0,
        check=lambda d: d["stats"]["sentences"] == 3 and "\r" not in shown(d),
    ),
    Case("a 50 MB single line", long_line, 1, "larger than the 32 MiB limit"),
    Case("a 200 MB file", sparse(200 * 1024 * 1024), 1, "larger than the 32 MiB limit"),
    Case("one word", write("Hello"), 0, check=lambda d: [s["text"] for s in d["summary"]] == ["Hello"]),
    Case(
        "no punctuation at all",
        write("the council met today and approved the budget for the roads and the schools " * 5),
        0,
        check=lambda d: len(d["summary"]) == 1,
    ),
    Case("only numbers", write("1 2 3\n4,000 5.5\n"), 1, "no sentences"),
    Case("only URLs", write("https://example.com/a\nwww.example.org/b\n"), 1, "no sentences"),
    Case(
        "markup-looking text",
        write("The mayor said [bold red]no[/] and [/] and [link=http://x]yes[/link]. Then [sic] he left."),
        0,
        check=lambda d: "[bold red]no[/]" in shown(d) and "[sic]" in shown(d),
    ),
    Case(
        "ANSI and OSC escapes, control characters",
        write(
            "\x1b[31mRed\x1b[0m alert was raised. \x1b]0;title\x07Bells\x07 rang\x08 twice. \x1b]8;;http://x\x1b\\Link\x1b]8;;\x1b\\ here."
        ),
        0,
        check=lambda d: (
            not any(ord(c) < 32 and c != "\n" for c in json.dumps(d, ensure_ascii=False)) and "Red alert" in shown(d)
        ),
    ),
    Case(
        "right-to-left and combining characters",
        write("قال رئيس الوزراء إن الحكومة ستخفض الضرائب. Cafe\u0301 owners in Zu\u0308rich agreed."),
        0,
        "Arabic ('ar') is not supported",  # digested with language-neutral rules, with a warning
        check=lambda d: "الضرائب" in shown(d) and "Café" in shown(d),
    ),
    Case(
        "emoji",
        write("Stocks 📈 rose 5% today 🎉. Investors cheered 🙌 the news."),
        0,
        check=lambda d: "📈" in shown(d),
    ),
    Case(
        "an HTML document passed as text",
        write(
            "<!doctype html><html><head><title>Council backs roads | Gazette</title></head><body>"
            "<nav>Home News Sport</nav><article><p>The council approved the budget on Monday.</p>"
            "<p>Work on the roads starts in March, officials said.</p></article><footer>© Gazette</footer></body></html>"
        ),
        0,
        check=lambda d: (
            "<" not in shown(d) and "Home News" not in shown(d) and d["headline"]["text"] == "Council backs roads"
        ),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input(case: Case, tmp_path: Path) -> None:
    path = case.make(tmp_path)
    env = {**os.environ, "NO_COLOR": "1"}
    run = subprocess.run([*COMMAND, str(path)], capture_output=True, timeout=120, env=env, stdin=subprocess.DEVNULL)
    stderr = run.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr
    assert run.returncode == case.exit_code, stderr
    lines = stderr.splitlines()
    if case.stderr:
        usage = case.exit_code == 2  # usage errors add the "Try ... --help" hint
        assert len(lines) == 1 + usage, stderr
        assert case.stderr in lines[0]
        assert lines[0].startswith("Error: " if case.exit_code else "Warning: ")
    else:
        assert stderr == ""
    if case.exit_code:
        assert run.stdout == b""
    else:
        digest = json.loads(run.stdout)
        assert case.check is not None
        assert case.check(digest), digest


def test_the_size_limit_is_what_the_readme_says() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"{MAX_INPUT_BYTES // (1024 * 1024)} MiB" in readme
