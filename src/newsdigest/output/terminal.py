"""The text format on a terminal, drawn with Rich (``text.py`` writes it into pipes and files).

Article text goes in as :class:`rich.text.Text`, never as markup, so
"[bold]" or "[/]" in an article prints as written. Control sequences were
already removed by the clean step. On a terminal the output is styled and
wrapped to its width. Where Rich takes the stream for no terminal after all
(``TTY_COMPATIBLE=0``, an empty ``FORCE_COLOR``) it prints plain text with no
escape codes and one line per paragraph, as ``text.py`` does.

Two ways to tone it down on a terminal: the ``NO_COLOR`` environment variable
drops the colours and keeps bold, italic and dim, as https://no-color.org
defines it (Rich reads it); ``color=False`` (``--no-color``) drops every
style, so that a screen reader, a terminal logger or a terminal without
styles gets plain text, still wrapped to the width.
"""

from __future__ import annotations

import errno
from typing import TextIO

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from newsdigest.model import Digest
from newsdigest.output.lines import byline, footer


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """The reader went away: the CLI's to handle (exit 0), not Rich's ``SystemExit(1)``."""
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")


def write_terminal(digest: Digest, out: TextIO, *, color: bool = True) -> None:
    # color_system=None: no escape codes at all. With "auto", Rich honours NO_COLOR (colours only).
    console = _Console(file=out, color_system="auto" if color else None, highlight=False, emoji=False, markup=False)
    terminal = console.is_terminal
    parts: list[RenderableType] = [Text(digest.headline.text, style="bold")]
    if digest.keywords:
        parts.append(Text(" · ".join(k.text for k in digest.keywords), style="italic"))
    parts.append(Text())
    if digest.facts:
        parts.append(Text("Key facts", style="bold cyan"))
        if terminal:  # a hanging indent, so wrapped facts stay readable
            grid = Table.grid(padding=(0, 1))
            grid.add_column(style="cyan")
            grid.add_column()
            for fact in digest.facts:
                grid.add_row("•", Text(fact.text))
            parts.append(grid)
        else:
            parts.extend(Text(f"• {fact.text}") for fact in digest.facts)
        parts.append(Text())
    parts.append(Text("Summary", style="bold cyan"))
    parts.append(Text(" ".join(item.text for item in digest.summary)))
    parts.append(Text())
    if credit := byline(digest):
        parts.append(Text(credit, style="dim"))
    parts.append(Text(footer(digest), style="dim"))
    # Into a pipe, do not hard-wrap at Rich's default 80 columns: one line per
    # paragraph is what grep, wc and editors want.
    console.print(Group(*parts), soft_wrap=not terminal)
