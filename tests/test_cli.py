"""The ``newsdigest`` command, in process, through Typer's CliRunner.

stdout and stderr are checked separately: stdout carries the digest only,
stderr one ``Error: ...`` line (plus a "Try ..." hint for usage errors).
"""

from __future__ import annotations

import json
import re
from importlib.metadata import version
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import newsdigest
from newsdigest import Options
from newsdigest.cli import app
from newsdigest.options import METHODS

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample_article.txt"
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")

ARTICLE = (
    "The city council approved a $12 million budget for the new harbour bridge on Monday.\n"
    "Mayor Anna Berg said construction would begin in March 2025 and take two years.\n"
    "Opponents argued that the money should go to schools, and 40% of residents agreed in a poll.\n"
    "The bridge will carry 20,000 vehicles a day, according to the transport department.\n"
    "A final vote on the design is expected next month.\n"
)

runner = CliRunner()


def invoke(*args: str, stdin: str | bytes | None = None) -> Result:
    result = runner.invoke(app, list(args), input=stdin)
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("Error:")]


def assert_one_error_line(stderr: str, *, hint: bool = False) -> str:
    """stderr is exactly one ``Error:`` line (and, for usage errors, the help hint)."""
    lines = stderr.splitlines()
    expected = 2 if hint else 1
    assert len(lines) == expected, stderr
    assert lines[0].startswith("Error: "), stderr
    if hint:
        assert lines[1].startswith("Try "), stderr
    return lines[0]


def as_json(*args: str) -> dict:
    result = invoke("summarise", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    file = tmp_path / "article.txt"
    file.write_text(ARTICLE, encoding="utf-8")
    return file


# --- the text format -------------------------------------------------------------------------


def test_summarise_file_text_format() -> None:
    result = invoke("summarise", str(SAMPLE))
    assert result.exit_code == 0
    assert result.stderr == ""
    out = result.stdout
    assert "\x1b" not in out
    lines = out.splitlines()
    expected = newsdigest.digest(SAMPLE_TEXT, Options())
    assert lines[0] == expected.headline.text
    assert "Key facts" in lines
    assert "Summary" in lines
    assert lines.index("Key facts") < lines.index("Summary")
    for fact in expected.facts:
        assert f"• {fact.text}" in lines
    summary_line = lines[lines.index("Summary") + 1]
    assert summary_line == " ".join(item.text for item in expected.summary)
    footer = lines[-1]
    assert re.fullmatch(r"\d+ words · \d+ min read · \d+ of \d+ sentences · method: learned", footer), footer
    assert f"{expected.stats.words} words" in footer
    assert f"{len(expected.summary)} of {expected.stats.sentences} sentences" in footer


def test_summarise_dash_reads_input(article: Path) -> None:
    from_stdin = invoke("summarise", "-", stdin=ARTICLE)
    from_file = invoke("summarise", str(article))
    assert from_stdin.exit_code == 0
    assert from_stdin.stderr == ""
    assert from_stdin.stdout == from_file.stdout
    assert from_stdin.stdout.splitlines()[0] == newsdigest.digest(ARTICLE).headline.text


def test_no_path_with_piped_input_reads_stdin(article: Path) -> None:
    result = invoke("summarise", stdin=ARTICLE)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == invoke("summarise", str(article)).stdout


def test_no_path_with_empty_piped_input_is_an_input_error() -> None:
    result = invoke("summarise", stdin="")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "empty" in assert_one_error_line(result.stderr)


# --- JSON --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "options"),
    [
        ((), Options()),
        (("--sentences", "2", "--facts", "2"), Options(sentences=2, facts=2)),
        (("--ratio", "0.5", "--method", "lead"), Options(ratio=0.5, method="lead")),
        (("--words", "40", "--method", "textrank"), Options(words=40, method="textrank")),
    ],
)
def test_json_matches_the_library(args: tuple[str, ...], options: Options) -> None:
    data = as_json(str(SAMPLE), *args)
    assert data["schema_version"] == 2
    assert data["summary"], data
    for item in [*data["summary"], *data["facts"]]:
        assert type(item["index"]) is int
        assert type(item["score"]) is float
    assert data == newsdigest.digest(SAMPLE_TEXT, options).to_dict()


def test_json_has_facts_with_typed_values() -> None:
    data = as_json(str(SAMPLE))
    assert data["facts"]
    for fact in data["facts"]:
        assert isinstance(fact["text"], str)
        assert fact["text"]
        assert all(set(value) == {"kind", "text"} for value in fact["values"])


def test_format_is_case_insensitive() -> None:
    result = invoke("summarise", "--format", "JSON", str(SAMPLE))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["schema_version"] == 2


def test_markdown_format() -> None:
    result = invoke("summarise", "--format", "markdown", str(SAMPLE))
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.startswith("# ")
    assert "\n## Summary\n" in result.stdout
    assert "\n## Key facts\n" in result.stdout
    assert "\x1b" not in result.stdout


# --- methods -----------------------------------------------------------------------------------


def test_method_is_case_insensitive() -> None:
    data = as_json(str(SAMPLE), "--method", "LexRank")
    assert data["method"] == "lexrank"
    assert data == newsdigest.digest(SAMPLE_TEXT, Options(method="lexrank")).to_dict()


@pytest.mark.parametrize("method", METHODS)
def test_every_method_runs_on_the_sample(method: str) -> None:
    result = invoke("summarise", "--method", method, "--format", "json", str(SAMPLE))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert data["method"] == method
    assert len(data["summary"]) == 3
    text = invoke("summarise", "--method", method, str(SAMPLE))
    assert text.exit_code == 0
    assert text.stdout.splitlines()[-1].endswith(f"method: {method}")


def test_unknown_method_lists_the_choices() -> None:
    result = invoke("summarise", "--method", "nope", str(SAMPLE))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "nope" in result.stderr
    for method in ("lexrank", "textrank", "news", "lead"):
        assert method in result.stderr


# --- length and facts options ------------------------------------------------------------------


def test_sentences_and_ratio_together_are_a_usage_error() -> None:
    result = invoke("summarise", "--sentences", "2", "--ratio", "0.5", str(SAMPLE))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(error_lines(result.stderr)) == 1
    line = assert_one_error_line(result.stderr, hint=True)
    assert line.startswith("Error: use only one of ")


def test_words_and_sentences_together_are_a_usage_error() -> None:
    result = invoke("summarise", "--words", "10", "--sentences", "2", str(SAMPLE))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert assert_one_error_line(result.stderr, hint=True).startswith("Error: use only one of ")


@pytest.mark.parametrize("args", [("--sentences", "0"), ("--words", "0"), ("--ratio", "1.5"), ("--facts", "51")])
def test_out_of_range_length_is_a_usage_error(args: tuple[str, ...]) -> None:
    result = invoke("summarise", *args, str(SAMPLE))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr


def test_ratio_zero_is_a_usage_error() -> None:
    result = invoke("summarise", "--ratio", "0", str(SAMPLE))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--ratio" in assert_one_error_line(result.stderr, hint=True)


def test_word_budget_is_hard_and_never_empty() -> None:
    data = as_json(str(SAMPLE), "--words", "5")
    words = sum(len(item["text"].split()) for item in data["summary"])
    assert data["summary"]
    assert 0 < words <= 5
    assert data["stats"]["summary_words"] == words
    assert data["settings"]["length"] == {"words": 5}


def test_ratio_gives_about_half_the_sentences() -> None:
    data = as_json(str(SAMPLE), "--ratio", "0.5")
    candidates = data["stats"]["sentences"] - data["stats"]["duplicates"]
    assert candidates >= 10  # the premise: the sample is long enough to tell
    assert abs(len(data["summary"]) - candidates / 2) <= 1
    assert data["stats"]["sentences_kept"] == len(data["summary"])


def test_sentences_option_sets_the_count() -> None:
    assert len(as_json(str(SAMPLE), "--sentences", "5")["summary"]) == 5
    assert len(as_json(str(SAMPLE), "-n", "1")["summary"]) == 1


def test_facts_zero_hides_them() -> None:
    assert as_json(str(SAMPLE))["facts"]  # the premise: the sample has facts
    assert as_json(str(SAMPLE), "--facts", "0")["facts"] == []
    result = invoke("summarise", "--facts", "0", str(SAMPLE))
    assert result.exit_code == 0
    assert "Key facts" not in result.stdout
    assert "•" not in result.stdout
    assert "Summary" in result.stdout
    markdown = invoke("summarise", "--facts", "0", "--format", "markdown", str(SAMPLE))
    assert "Key facts" not in markdown.stdout


# --- unreadable or empty input -----------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.txt"
    result = invoke("summarise", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"Error: {path}: no such file\n"


def test_an_empty_directory_is_a_batch_with_one_failed_input(tmp_path: Path) -> None:
    result = invoke("summarise", str(tmp_path))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert "directory has no files" in lines[0]
    assert lines[1] == "Error: 1 of 1 inputs failed"
    assert result.stdout.startswith(f"==> {tmp_path} <==\nError: ")


@pytest.mark.parametrize("content", ["", "   \n\t\n  \n", "\ufeff", "\n\n\n"])
def test_empty_or_blank_file(tmp_path: Path, content: str) -> None:
    file = tmp_path / "blank.txt"
    file.write_text(content, encoding="utf-8")
    result = invoke("summarise", str(file))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert_one_error_line(result.stderr)


def test_binary_file(tmp_path: Path) -> None:
    file = tmp_path / "photo.txt"
    file.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00\x00")
    result = invoke("summarise", str(file))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "binary" in assert_one_error_line(result.stderr)


def test_only_numbers(tmp_path: Path) -> None:
    file = tmp_path / "numbers.txt"
    file.write_text("1 2 3\n4 5", encoding="utf-8")
    result = invoke("summarise", str(file))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert_one_error_line(result.stderr)


def test_windows_1252_input_warns_and_succeeds(tmp_path: Path) -> None:
    file = tmp_path / "latin.txt"
    file.write_bytes("The café – a naïve idea – opened on Monday in Paris.\n".encode("cp1252"))
    result = invoke("summarise", str(file))
    assert result.exit_code == 0
    assert "café – a naïve idea – opened on Monday in Paris." in result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Warning: ")
    assert "Windows-1252" in lines[0]


# --- article content -------------------------------------------------------------------------------


def test_one_sentence_article(tmp_path: Path) -> None:
    sentence = "The mayor opened the new harbour bridge on Monday after two years of work."
    file = tmp_path / "one.txt"
    file.write_text(sentence + "\n", encoding="utf-8")
    data = as_json(str(file))
    assert [item["text"] for item in data["summary"]] == [sentence]
    result = invoke("summarise", str(file))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[lines.index("Summary") + 1] == sentence
    assert lines[-1].endswith("1 of 1 sentences · method: learned")


MARKUP = "[bold red]Alert[/] and [/] and [link=http://x]y[/link]."


def test_rich_markup_in_the_article_is_printed_literally(tmp_path: Path) -> None:
    text = f"The city issued a warning on Monday.\nOfficials wrote {MARKUP}\nThe warning was lifted on Tuesday.\n"
    file = tmp_path / "markup.txt"
    file.write_text(text, encoding="utf-8")
    result = invoke("summarise", "--facts", "0", str(file))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert f"Officials wrote {MARKUP}" in result.stdout
    assert "\x1b" not in result.stdout


def test_rich_markup_in_a_fact_is_printed_literally(tmp_path: Path) -> None:
    text = (
        "The city issued a flood warning for the river district on Monday morning.\n"
        "Residents were told to stay indoors while crews inspected the levees.\n"
        f"Mayor Anna Berg posted $5 million in aid on 3 March 2024 with the tag {MARKUP}\n"
        "The warning was lifted on Tuesday evening after the water level fell.\n"
    )
    file = tmp_path / "markup-fact.txt"
    file.write_text(text, encoding="utf-8")
    data = as_json("--sentences", "1", str(file))
    fact_texts = [fact["text"] for fact in data["facts"]]
    assert any(MARKUP in fact for fact in fact_texts), data  # the premise: it is a fact
    result = invoke("summarise", "--sentences", "1", str(file))
    assert result.exit_code == 0
    assert MARKUP in result.stdout


ESCAPES = "Officials saw \x1b[31mred\x1b[0m lights on Monday.\x1b]0;title\x07 Crews arrived \x1b]8;;http://x\x1b\\fast\x1b]8;;\x1b\\ at noon.\n"


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_escape_sequences_never_reach_the_output(fmt: str) -> None:
    result = invoke("summarise", "--format", fmt, "-", stdin=ESCAPES)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    for output in (result.stdout, result.stderr):
        assert "\x1b" not in output
        assert "\x07" not in output
        assert "\\u001b" not in output  # not even JSON-escaped
        assert "\\u0007" not in output
        assert "]0;title" not in output
        assert "31m" not in output
    assert "red" in result.stdout
    assert "lights on Monday" in result.stdout


# --- version, help, alias ----------------------------------------------------------------------


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"newsdigest {version('newsdigest')}\n"
    assert result.stderr == ""


def test_help_lists_the_command() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    assert "summarise" in result.stdout
    assert "summarize" not in result.stdout  # the alias is hidden


def test_no_arguments_shows_help() -> None:
    result = invoke()
    assert "summarise" in result.stdout + result.stderr
    assert result.exit_code in (0, 2)


def test_summarise_help_lists_the_options() -> None:
    result = invoke("summarise", "--help")
    assert result.exit_code == 0
    for option in ("--format", "--method", "--sentences", "--ratio", "--words", "--facts", "--no-color"):
        assert option in result.stdout, option


def test_american_spelling_alias() -> None:
    british = invoke("summarise", "--format", "json", str(SAMPLE))
    american = invoke("summarize", "--format", "json", str(SAMPLE))
    assert american.exit_code == 0
    assert american.stderr == ""
    assert american.stdout == british.stdout
