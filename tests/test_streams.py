"""The installed command in real subprocesses, on real pipes and terminals."""

from __future__ import annotations

import json
import os
import pty
import random
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsdigest.options import METHODS

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample_article.txt"
ENTRY_POINT = Path(sys.executable).parent / "newsdigest"
MODULE = [sys.executable, "-m", "newsdigest"]
TIMEOUT = 120  # seconds; generous for a slow CI machine, but never a hang

# Environment variables that change how Rich or the CLI behave; each test sets what it needs.
_STYLE_VARIABLES = (
    "NO_COLOR",
    "FORCE_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "COLUMNS",
    "LINES",
    "NEWSDIGEST_DEBUG",
    "JUPYTER_COLUMNS",
    "JUPYTER_LINES",
)


def clean_env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in _STYLE_VARIABLES}
    env["TERM"] = "xterm-256color"
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    options: dict[str, object] = {"stdin": subprocess.DEVNULL, "capture_output": True, "env": clean_env()}
    options.update(kwargs)
    return subprocess.run(command, timeout=TIMEOUT, check=False, **options)  # type: ignore[call-overload]


# --- the installed entry point -----------------------------------------------------------------


def test_entry_point_is_installed_next_to_the_interpreter() -> None:
    assert ENTRY_POINT.is_file()
    found = shutil.which("newsdigest", path=str(ENTRY_POINT.parent))
    assert found is not None
    assert Path(found) == ENTRY_POINT


def test_entry_point_and_python_m_give_identical_output() -> None:
    installed = run([str(ENTRY_POINT), "summarise", str(SAMPLE)])
    module = run([*MODULE, "summarise", str(SAMPLE)])
    assert installed.returncode == 0, installed.stderr
    assert module.returncode == 0, module.stderr
    assert installed.stderr == b""
    assert module.stderr == b""
    assert installed.stdout.startswith(b"Jerry Tworek")
    assert b"\x1b" not in installed.stdout  # a pipe gets plain text
    assert installed.stdout == module.stdout


def test_entry_point_json_is_valid() -> None:
    done = run([str(ENTRY_POINT), "summarise", "--format", "json", str(SAMPLE)])
    assert done.returncode == 0
    assert json.loads(done.stdout.decode("utf-8"))["schema_version"] == 2


def test_entry_point_reads_piped_stdin() -> None:
    done = run([str(ENTRY_POINT), "summarise"], stdin=None, input=SAMPLE.read_bytes())
    assert done.returncode == 0, done.stderr
    assert done.stdout == run([str(ENTRY_POINT), "summarise", str(SAMPLE)]).stdout


# --- a reader that goes away (| head -1) -------------------------------------------------------


@pytest.fixture(scope="module")
def long_article(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 2 MB of distinct sentences built from the sample's words and new numbers,
    so nothing is dropped as a duplicate and the output far exceeds a pipe's buffer."""
    vocabulary = sorted(set(re.findall(r"[A-Za-z]{3,}", SAMPLE.read_text(encoding="utf-8"))))
    rng = random.Random(20240501)
    paragraphs: list[str] = []
    size = number = 0
    while size < 2_000_000:
        sentences = []
        for _ in range(5):
            number += 1
            words = rng.sample(vocabulary, 14)
            sentences.append(
                f"{words[0].capitalize()} {' '.join(words[1:7])} in {1900 + number % 120} "
                f"with {number} {' '.join(words[7:])}."
            )
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    file = tmp_path_factory.mktemp("long") / "long_article.txt"
    file.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return file


LONG_ARGS = ["--facts", "50", "--ratio", "1.0"]


@pytest.mark.slow
def test_long_article_output_exceeds_a_pipe_buffer(long_article: Path) -> None:
    """The premise of the broken-pipe tests: the writer still has much to write."""
    done = run([str(ENTRY_POINT), "summarise", "--format", "json", *LONG_ARGS, str(long_article)])
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["stats"]["duplicates"] == 0
    assert len(done.stdout) > 1_000_000


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["json", "text", "markdown"])
def test_closed_pipe_exits_quietly(long_article: Path, fmt: str) -> None:
    process = subprocess.Popen(
        [str(ENTRY_POINT), "summarise", "--format", fmt, *LONG_ARGS, str(long_article)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=clean_env(),
    )
    assert process.stdout is not None
    try:
        first = process.stdout.readline()
        process.stdout.close()  # the reader goes away, like head -1
        _, stderr = process.communicate(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert first.strip()
    if fmt == "json":
        assert first == b"{\n"
    assert stderr.decode("utf-8", "replace") == ""
    assert process.returncode == 0


@pytest.mark.slow
def test_shell_pipeline_into_head(long_article: Path, tmp_path: Path) -> None:
    errors = tmp_path / "stderr.txt"
    script = '"$0" summarise --format json --facts 50 --ratio 1.0 "$1" 2>"$2" | head -1; echo "${PIPESTATUS[0]}"'
    done = run(["bash", "-c", script, str(ENTRY_POINT), str(long_article), str(errors)])
    assert done.stdout.decode().splitlines() == ["{", "0"]
    assert errors.read_text(encoding="utf-8") == ""


# --- standard input is a terminal ---------------------------------------------------------------


def test_no_path_and_stdin_a_terminal_is_a_usage_error_not_a_hang() -> None:
    master, slave = pty.openpty()
    try:
        process = subprocess.Popen(
            [*MODULE, "summarise"],
            stdin=slave,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=clean_env(),
        )
        os.close(slave)
        slave = -1
        try:
            stdout, stderr = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            pytest.fail("newsdigest summarise waited for a terminal's input instead of exiting")
    finally:
        os.close(master)
        if slave != -1:
            os.close(slave)
    assert process.returncode == 2
    assert stdout == b""
    lines = stderr.decode("utf-8").splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith("Error:")
    assert "no input" in lines[0]
    assert lines[1].startswith("Try ")
    assert "--help" in lines[1]


# --- offline: no NLTK data, no home directory ------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("method", METHODS)
def test_every_method_works_without_nltk_data(method: str, tmp_path: Path) -> None:
    nltk_data = tmp_path / "nltk_data"
    home = tmp_path / "home"
    nltk_data.mkdir()
    home.mkdir()
    env = clean_env(NLTK_DATA=str(nltk_data), HOME=str(home))
    env.pop("XDG_DATA_HOME", None)
    env.pop("APPDATA", None)
    done = run([*MODULE, "summarise", "--method", method, "--format", "json", str(SAMPLE)], env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b""
    data = json.loads(done.stdout.decode("utf-8"))
    assert data["method"] == method
    assert data["summary"]
    assert list(nltk_data.iterdir()) == []  # nothing was downloaded
    assert list(home.iterdir()) == []


# --- colour on a terminal ---------------------------------------------------------------------------

_SGR = re.compile(r"\x1b\[([0-9;]*)m")
_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


def colour_codes(output: str) -> list[str]:
    """SGR sequences that set a foreground or background colour."""
    found = []
    for match in _SGR.finditer(output):
        params = [int(param) for param in match.group(1).split(";") if param]
        if any(30 <= p <= 38 or 40 <= p <= 48 or 90 <= p <= 97 or 100 <= p <= 107 for p in params):
            found.append(match.group(0))
    return found


def run_in_pty(args: list[str], *, terminal: str = "stdout", **env: str) -> tuple[int, str, str]:
    """Run the command with ``terminal`` (stdout or stderr) on a pseudo-terminal and the other
    stream on a pipe; return code, what reached the terminal, what reached the pipe."""
    master, slave = pty.openpty()
    streams = {"stdout": slave, "stderr": subprocess.PIPE}
    if terminal == "stderr":
        streams = {"stdout": subprocess.PIPE, "stderr": slave}
    process = subprocess.Popen(
        [*MODULE, *args],
        stdin=subprocess.DEVNULL,
        env=clean_env(**env),
        **streams,  # type: ignore[call-overload]
    )
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + TIMEOUT
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 1.0)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        else:
            pytest.fail("the command did not finish writing to the terminal in time")
        piped = process.communicate(timeout=TIMEOUT)[0 if terminal == "stderr" else 1]
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()
            process.wait()
    output = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    return process.returncode, output, piped.decode("utf-8")


def test_terminal_output_is_coloured() -> None:
    code, output, stderr = run_in_pty(["summarise", str(SAMPLE)])
    assert code == 0, stderr
    assert stderr == ""
    assert colour_codes(output), repr(output[:300])
    assert "Jerry Tworek" in output


def test_no_color_environment_variable() -> None:
    code, output, stderr = run_in_pty(["summarise", str(SAMPLE)], NO_COLOR="1")
    assert code == 0, stderr
    assert colour_codes(output) == []
    assert "Key facts" in output
    assert "Jerry Tworek" in output


def test_no_color_option() -> None:
    code, output, stderr = run_in_pty(["summarise", "--no-color", str(SAMPLE)])
    assert code == 0, stderr
    assert colour_codes(output) == []
    assert "Key facts" in output
    assert "Jerry Tworek" in output


@pytest.mark.parametrize("width", [60, 40])
def test_terminal_output_fits_the_width(width: int) -> None:
    code, output, stderr = run_in_pty(["summarise", str(SAMPLE)], COLUMNS=str(width))
    assert code == 0, stderr
    plain = _ESCAPE.sub("", output)
    lines = plain.splitlines()
    assert len(lines) > 10  # the premise: long paragraphs were wrapped
    too_long = [line for line in lines if len(line) > width]
    assert too_long == []
    # wrapping loses no words
    words = " ".join(plain.split())
    assert "Jerry Tworek announced his resignation from OpenAI after nearly seven years" in words
    assert "method: learned" in words


def test_a_batch_shows_progress_on_a_terminal_and_leaves_the_records_alone(tmp_path: Path) -> None:
    article = SAMPLE.read_text(encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    lines = [{"id": "a", "text": article}, {"id": "b", "text": "   "}, {"id": "c", "text": article}]
    feed.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    command = ["summarise", str(feed), "--format", "jsonl", "--jobs", "1"]
    code, terminal, stdout = run_in_pty(command, terminal="stderr", COLUMNS="300")  # a long path on one line
    assert code == 1  # one input failed
    records = [json.loads(line) for line in stdout.splitlines()]
    assert [record["input"]["id"] for record in records] == ["a", "b", "c"]
    assert [sorted(record) for record in records] == [["digest", "input"], ["error", "input"], ["digest", "input"]]
    shown = _ESCAPE.sub("", terminal)
    assert "digesting" in shown  # the progress line (erased when done)
    assert "3/?" in shown
    assert "1 failed" in shown
    assert f"Error: {feed}:2 (id b): the input is empty" in shown  # failures are printed as lines, too
    assert "Error: 1 of 3 inputs failed" in shown
