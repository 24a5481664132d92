"""Renderers: article text is data, never markup or terminal control."""

from __future__ import annotations

import io
import json

import pytest

from newsdigest import digest
from newsdigest.model import SourceInfo
from newsdigest.output.render import Format, render, to_markdown
from newsdigest.output.terminal import write_terminal
from newsdigest.output.text import plain_text, write_text

MARKUP = "Officials said [bold red]nothing[/] changed [sic] and [link=http://x]y[/link] today.\nA second line [/] ends."


def test_markup_in_the_article_prints_literally() -> None:
    out = io.StringIO()
    render(digest(MARKUP), Format.text, out)
    assert "[bold red]nothing[/]" in out.getvalue()
    assert "[sic]" in out.getvalue()
    assert "[link=http://x]y[/link]" in out.getvalue()


def test_plain_text_has_no_escape_codes_and_one_line_per_paragraph(sample_text: str) -> None:
    out = io.StringIO()
    render(digest(sample_text), Format.text, out)
    text = out.getvalue()
    assert "\x1b" not in text
    summary_line = text.split("Summary\n", 1)[1].split("\n", 1)[0]
    assert len(summary_line) > 200  # not hard-wrapped at 80 columns


def test_terminal_output_is_styled_and_wrapped_to_the_width(sample_text: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    write_text(digest(sample_text), out)
    text = out.getvalue()
    assert "\x1b[" in text
    import re

    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert max(len(line) for line in plain.splitlines()) <= 60


def test_no_color_drops_colours(sample_text: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    out = io.StringIO()
    write_text(digest(sample_text), out, color=False)
    import re

    assert not re.search(r"\x1b\[(?:3|9)\d", out.getvalue())


def test_markdown_escapes_article_text() -> None:
    md = to_markdown(
        digest("Shares *soared* in _early_ trading, said # analysts at [Acme](http://x).\nMore [text] here.")
    )
    assert md.startswith("# ")
    assert "\\*soared\\*" in md
    assert "\\[Acme\\]" in md
    assert "*soared*" not in md.replace("\\*", "")


def test_json_output_is_to_dict(sample_text: str) -> None:
    out = io.StringIO()
    result = digest(sample_text)
    render(result, Format.json, out)
    assert json.loads(out.getvalue()) == result.to_dict()


# Texts whose digests hold what Rich might treat differently from plain text: markup, emoji codes,
# wide and combining characters, a tab and long words in the source's fields, a line of no words.
PLAIN_CASES = [
    MARKUP,
    "Fans cheered :smile: and :thumbs_up: as 東京 hosted the final, organisers said on Sunday.\n"
    "The café's owner, Zoë, said e\u0301 and ﬁ looked fine. Tickets sold out in 12 minutes.",
    "A " + "longword" * 40 + " was pasted into the lead, the editor said.\nIt was removed later.",
]


@pytest.mark.parametrize("text", [*PLAIN_CASES, "sample"])
@pytest.mark.parametrize("color", [True, False])
def test_plain_text_is_what_rich_prints_into_a_pipe(
    text: str, color: bool, sample_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    source = SourceInfo(
        title="Headline\tin two", author="Jane [b]Doe[/b]", url="https://example.com/a", date="2024-05-01"
    )
    result = digest(sample_text if text == "sample" else text, source=source)
    rich_out, ours = io.StringIO(), io.StringIO()
    write_terminal(result, rich_out, color=color)
    write_text(result, ours, color=color)
    assert ours.getvalue() == rich_out.getvalue() == plain_text(result)


@pytest.mark.parametrize(("name", "value"), [("FORCE_COLOR", "1"), ("TTY_COMPATIBLE", "1")])
def test_a_variable_that_makes_rich_see_a_terminal_goes_to_rich(
    name: str, value: str, sample_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(name, value)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    out = io.StringIO()
    write_text(digest(sample_text), out)
    assert "\x1b[" in out.getvalue()
