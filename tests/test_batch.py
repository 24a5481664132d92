"""Batch mode: several inputs, directories, globs and JSON Lines, in real files and real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from itertools import count, islice
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdigest import Options
from newsdigest.cli import app
from newsdigest.output.render import Format
from newsdigest.runners import batch

from .conftest import SAMPLE

SHORT = "The mayor resigned on Monday. A new election is due in May 2026.\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder as people have them: articles, a sub-folder, a hidden file, a binary file and JSON Lines."""
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "articles" / "b.txt").write_text(SHORT, encoding="utf-8")
    (tmp_path / "articles" / ".hidden.txt").write_text(SHORT, encoding="utf-8")
    (tmp_path / "articles" / "nested").mkdir()
    (tmp_path / "articles" / "nested" / "c.txt").write_text(SHORT, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    lines = [
        {"id": "first", "title": "Council \x1b[31mbudget\x1b[0m vote", "text": SHORT},
        {"id": 2, "text": "Rates rose sharply today. The bank said more rises may follow."},
        {"id": "no-text", "body": SHORT},
        {"id": "empty", "text": "   "},
    ]
    body = "\n".join(json.dumps(line) for line in lines) + "\n\nnot json\n"
    (tmp_path / "feed.jsonl").write_text(body, encoding="utf-8")
    return tmp_path


def run(*args: str, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "newsdigest", "summarise", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def records(stdout: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in stdout.splitlines()]


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_every_kind_of_input_in_one_run_in_input_order(corpus: Path, jobs: str) -> None:
    done = run("articles", "feed.jsonl", "image.png", "missing.txt", "--format", "jsonl", "--jobs", jobs, cwd=corpus)
    assert done.returncode == 1  # some inputs failed
    got = records(done.stdout)
    assert [r["input"] for r in got] == [
        {"path": str(Path("articles", "a.txt"))},
        {"path": str(Path("articles", "b.txt"))},
        {"path": "feed.jsonl", "line": 1, "id": "first"},
        {"path": "feed.jsonl", "line": 2, "id": 2},
        {"path": "feed.jsonl", "line": 3, "id": "no-text"},
        {"path": "feed.jsonl", "line": 4, "id": "empty"},
        {"path": "feed.jsonl", "line": 6},
        {"path": "image.png"},
        {"path": "missing.txt"},
    ]
    assert [("digest" in r, "error" in r) for r in got] == [(True, False)] * 4 + [(False, True)] * 5
    assert got[0]["digest"]["stats"]["sentences"] == 16
    assert got[2]["digest"]["headline"] == {"text": "Council budget vote", "source": "title"}
    errors = [r["error"] for r in got[4:]]
    assert errors[0] == 'feed.jsonl:3 (id no-text): no "text" string in this record'
    assert errors[1] == "feed.jsonl:4 (id empty): the input is empty"
    assert errors[2].startswith("feed.jsonl:6: not a JSON object")
    assert errors[3] == "image.png: looks like a binary file, not text"
    assert errors[4] == "missing.txt: no such file"
    assert done.stderr.splitlines() == [f"Error: {error}" for error in errors] + ["Error: 5 of 9 inputs failed"]


@pytest.mark.slow
def test_one_and_two_workers_print_the_same(corpus: Path) -> None:
    feed = corpus / "long.jsonl"
    feed.write_text(
        "".join(
            json.dumps({"id": i, "text": f"Item {i} was sold for ${i}m on Monday. " + SHORT}) + "\n" for i in range(150)
        )
    )
    one = run("long.jsonl", "-f", "jsonl", "-j", "1", cwd=corpus)
    two = run("long.jsonl", "-f", "jsonl", "-j", "2", cwd=corpus)
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    assert [r["input"]["id"] for r in records(two.stdout)] == list(range(150))


@pytest.mark.slow
def test_globs_text_and_markdown_records(corpus: Path) -> None:
    text = run("articles/*.txt", cwd=corpus)  # quoted: the shell did not expand it
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith(f"==> {Path('articles', 'a.txt')} <==\nJerry Tworek announced")
    assert f"\n==> {Path('articles', 'b.txt')} <==\nThe mayor resigned on Monday\n" in text.stdout
    markdown = run("articles/**/*.txt", "-f", "markdown", cwd=corpus)
    assert markdown.returncode == 0
    assert markdown.stdout.count("<!-- ") == 3  # a.txt, b.txt and nested/c.txt
    assert "# The mayor resigned on Monday" in markdown.stdout
    nothing = run("nowhere/*.txt", "-f", "jsonl", cwd=corpus)
    assert nothing.returncode == 1
    assert records(nothing.stdout) == [{"input": {"path": "nowhere/*.txt"}, "error": "nowhere/*.txt: no file matches"}]


@pytest.mark.slow
def test_json_lines_on_standard_input(corpus: Path) -> None:
    feed = (corpus / "feed.jsonl").read_text(encoding="utf-8").splitlines()[:2]
    done = run("--input-format", "jsonl", "-f", "jsonl", cwd=corpus, stdin="\n".join(feed) + "\n")
    assert done.returncode == 0
    assert [r["input"] for r in records(done.stdout)] == [
        {"path": "-", "line": 1, "id": "first"},
        {"path": "-", "line": 2, "id": 2},
    ]


@pytest.mark.slow
def test_text_on_standard_input_among_files(corpus: Path) -> None:
    done = run("-", "articles/b.txt", "-f", "jsonl", cwd=corpus, stdin=SHORT)
    assert done.returncode == 0
    assert [r["input"]["path"] for r in records(done.stdout)] == ["-", str(Path("articles", "b.txt"))]


def test_one_file_as_jsonl_is_one_record(corpus: Path) -> None:
    result = CliRunner().invoke(app, ["summarise", str(corpus / "articles" / "b.txt"), "-f", "jsonl"])
    assert result.exit_code == 0
    (record,) = records(result.stdout)
    assert record["input"] == {"path": str(corpus / "articles" / "b.txt")}
    assert record["digest"]["summary"][0]["text"] == "The mayor resigned on Monday."


def test_a_directory_alone_is_a_batch(corpus: Path) -> None:
    result = CliRunner().invoke(app, ["summarise", str(corpus / "articles"), "-j", "1"])
    assert result.exit_code == 0
    assert result.stdout.count("==> ") == 2  # hidden files and sub-folders are skipped


def test_a_single_json_document_for_several_inputs_is_a_usage_error(corpus: Path) -> None:
    result = CliRunner().invoke(app, ["summarise", str(corpus / "articles"), "-f", "json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "use --format jsonl for several inputs" in result.stderr


def test_control_sequences_in_ids_and_titles_never_reach_the_terminal(corpus: Path) -> None:
    (corpus / "ctl.jsonl").write_text(json.dumps({"id": "x\x1b]0;pwned\x07y", "text": "   "}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["summarise", str(corpus / "ctl.jsonl"), str(corpus / "feed.jsonl"), "-j", "1"])
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout + result.stderr
    assert "(id xy): the input is empty" in result.stderr
    assert "Council budget vote" in result.stdout


def test_work_in_flight_is_bounded() -> None:
    """An endless input stream is consumed only as far as the records read back need."""
    pulled = 0

    def endless() -> batch.Iterator[batch.Item]:
        nonlocal pulled
        for number in count(1):
            pulled += 1
            yield batch.Item({"path": "-", "line": number}, line=json.dumps({"text": SHORT}).encode())

    with batch.Runner(Options(facts=0), Format.jsonl, jobs=2) as runner:
        first = list(islice(runner.run(endless()), 5))
    assert len(first) == 5
    assert pulled <= (2 * 2 + 1) * batch.CHUNK


def test_default_jobs_is_the_usable_cores() -> None:
    assert 1 <= batch.default_jobs() <= (os.cpu_count() or 1)


def test_warnings_are_reported_per_input(corpus: Path) -> None:
    (corpus / "latin.txt").write_bytes("The café in Zürich reopened on Monday after a £2m refit.".encode("cp1252"))
    result = CliRunner().invoke(
        app, ["summarise", str(corpus / "latin.txt"), str(corpus / "articles" / "b.txt"), "-f", "jsonl", "-j", "1"]
    )
    assert result.exit_code == 0
    assert result.stderr == f"Warning: {corpus / 'latin.txt'}: not valid UTF-8; read as Windows-1252 (Latin-1)\n"
    assert records(result.stdout)[0]["digest"]["summary"][0]["text"].startswith("The café in Zürich")


def test_a_record_over_the_input_limit_is_an_error_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsdigest.options import Options
    from newsdigest.output.render import Format
    from newsdigest.runners import batch

    monkeypatch.setattr(batch, "MAX_INPUT_BYTES", 100)
    big = batch.Item({"path": "feed.jsonl", "line": 1}, line=json.dumps({"text": "word " * 50}).encode())
    outcome = batch.digest_item(big, Options(), Format.jsonl)
    assert outcome.error == "feed.jsonl:1: record is larger than the 0 MiB input limit"


def test_every_warning_names_its_input_and_is_in_its_record(corpus: Path) -> None:
    korean = (
        "정부는 오늘 새로운 경제 계획을 발표했다. 이 계획은 내년부터 시행된다. 야당은 계획이 너무 늦었다고 비판했다."
    )
    feed = corpus / "mixed.jsonl"
    feed.write_text(
        json.dumps({"id": "en-1", "text": SHORT}) + "\n" + json.dumps({"id": "ko-1", "text": korean}) + "\n",
        encoding="utf-8",
    )
    (corpus / "latin.txt").write_bytes("The café in Zürich reopened on Monday after a £2m refit.".encode("cp1252"))
    result = CliRunner().invoke(app, ["summarise", str(feed), str(corpus / "latin.txt"), "-f", "jsonl", "-j", "1"])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"Warning: {feed}:2 (id ko-1): Korean ('ko') is not supported; digested with language-neutral rules "
        "(position, length and a stop list from the text itself)",
        f"Warning: {corpus / 'latin.txt'}: not valid UTF-8; read as Windows-1252 (Latin-1)",
    ]
    english, korean_record, latin = records(result.stdout)
    assert "warnings" not in english
    assert korean_record["input"] == {"path": str(feed), "line": 2, "id": "ko-1"}
    assert korean_record["warnings"] == [result.stderr.splitlines()[0].removeprefix("Warning: ")]
    assert korean_record["digest"]["language"]["code"] == "ko"
    assert latin["warnings"] == [result.stderr.splitlines()[1].removeprefix("Warning: ")]
