"""Step 6, render: one dispatcher from a :class:`Digest` to each output format.

JSON and Markdown are plain strings built here; the terminal text format is
drawn by Rich in ``render_text.py`` (the only module that imports Rich
besides the CLI), so JSON output never pays for importing it.
"""

from __future__ import annotations

import json
import re
from enum import Enum
from typing import TextIO

from .model import Digest


class Format(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


def render(digest: Digest, fmt: Format, out: TextIO, *, color: bool = True) -> None:
    """Write ``digest`` to ``out`` in ``fmt``; ``color=False`` disables styling."""
    if fmt is Format.json:
        out.write(to_json(digest) + "\n")
    elif fmt is Format.markdown:
        out.write(to_markdown(digest))
    else:
        from .render_text import write_text

        write_text(digest, out, color=color)


def to_json(digest: Digest) -> str:
    return json.dumps(digest.to_dict(), ensure_ascii=False, indent=2)


def footer(digest: Digest) -> str:
    """The one-line footer shared by the text and Markdown formats."""
    stats = digest.stats
    return (
        f"{stats.words} words · {stats.reading_time_minutes} min read · "
        f"{len(digest.summary)} of {stats.sentences} sentences · method: {digest.method}"
    )


def byline(digest: Digest) -> str | None:
    """Who wrote the article, when, where and at which address; None for plain text."""
    source = digest.source
    if source is None:
        return None
    parts = [f"By {source.author}" if source.author else None, source.date, source.site_name, source.url]
    return " · ".join(part for part in parts if part) or None


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")


def _md(text: str) -> str:
    """Escape text so Markdown shows it literally."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def to_markdown(digest: Digest) -> str:
    lines = [f"# {_md(digest.headline.text)}", ""]
    if digest.keywords:
        lines += ["*" + " · ".join(_md(k.text) for k in digest.keywords) + "*", ""]
    if digest.facts:
        lines += ["## Key facts", ""]
        lines += [f"- {_md(fact.text)}" for fact in digest.facts]
        lines.append("")
    lines += ["## Summary", "", _md(" ".join(item.text for item in digest.summary)), ""]
    if credit := byline(digest):
        lines.append(f"*{_md(credit)}*  ")  # two spaces: a line break, not a new paragraph
    lines += [f"*{footer(digest)}*", ""]
    return "\n".join(lines)
