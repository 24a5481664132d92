"""Step 6, render: one dispatcher from a :class:`Digest` to each output format.

JSON and Markdown are plain strings built here; the text format is written
by ``text.py``, which hands it to Rich (``terminal.py``, the only module of
the outputs that imports Rich) only on a terminal, so JSON output, and text
into a pipe or a file, never pay for importing it.
"""

from __future__ import annotations

import json
from enum import Enum
from typing import TextIO

from newsdigest.model import Digest
from newsdigest.output.lines import byline, footer
from newsdigest.sanitise import markdown


class Format(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"


def render(digest: Digest, fmt: Format, out: TextIO, *, color: bool = True) -> None:
    """Write ``digest`` to ``out`` in ``fmt``; ``color=False`` disables styling."""
    if fmt is Format.json:
        out.write(to_json(digest) + "\n")
    elif fmt is Format.jsonl:  # one line; batch mode wraps it in a record naming the input
        out.write(json.dumps(digest.to_dict(), ensure_ascii=False, allow_nan=False) + "\n")
    elif fmt is Format.markdown:
        out.write(to_markdown(digest))
    else:
        from newsdigest.output.text import write_text

        write_text(digest, out, color=color)


def to_json(digest: Digest) -> str:
    return json.dumps(digest.to_dict(), ensure_ascii=False, allow_nan=False, indent=2)


_md = markdown


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
