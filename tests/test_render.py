"""Renderers: article text is data, never markup or terminal control."""

from __future__ import annotations

import io
import json

from newsdigest import digest
from newsdigest.output.render import Format, render, to_markdown
from newsdigest.output.text import write_text

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
