"""The text format: plain lines into a pipe or a file, styled on a terminal.

Into a pipe or a file the text is written here, without Rich: one line per
paragraph, no escape codes, exactly what Rich prints there (a test compares
the two). Importing Rich costs more than the digest of a short article, and
most runs that are not read by a person (``| grep``, ``> digest.txt``) need
none of it. On a terminal, or when ``FORCE_COLOR`` or ``TTY_COMPATIBLE``
may tell Rich to treat the output as one, ``terminal.py`` draws it.
"""

from __future__ import annotations

import os
from typing import TextIO

from newsdigest.model import Digest
from newsdigest.output.lines import byline, footer

#: Environment variables with which Rich treats a stream that is no terminal as one.
_TERMINAL_VARIABLES = ("FORCE_COLOR", "TTY_COMPATIBLE")


def write_text(digest: Digest, out: TextIO, *, color: bool = True) -> None:
    if _may_be_terminal(out):
        from newsdigest.output.terminal import write_terminal

        write_terminal(digest, out, color=color)
    else:
        out.write(plain_text(digest))


def plain_text(digest: Digest) -> str:
    """The text format without styles, one line per paragraph (what a pipe or a file gets)."""
    lines = [digest.headline.text]
    if digest.keywords:
        lines.append(" · ".join(k.text for k in digest.keywords))
    lines.append("")
    if digest.facts:
        lines.append("Key facts")
        lines.extend(f"• {fact.text}" for fact in digest.facts)
        lines.append("")
    lines += ["Summary", " ".join(item.text for item in digest.summary), ""]
    if credit := byline(digest):
        lines.append(credit)
    lines.append(footer(digest))
    return "".join(f"{line}\n" for line in lines)


def _may_be_terminal(out: TextIO) -> bool:
    """Whether Rich could take ``out`` for a terminal; when not, its output there is :func:`plain_text`."""
    if any(name in os.environ for name in _TERMINAL_VARIABLES):
        return True
    isatty = getattr(out, "isatty", None)
    try:
        return isatty is not None and bool(isatty())
    except ValueError:  # a closed file: Rich would take it for no terminal
        return False
