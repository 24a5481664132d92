"""The briefing's terminal format, drawn with Rich: styled and wrapped on a terminal, plain lines in a pipe.

Every string goes in as :class:`rich.text.Text`, never as markup, after
:func:`~newsdigest.briefing.lines.plain` has taken control characters out.
"""

from __future__ import annotations

from typing import TextIO

from rich.console import Console, Group, RenderableType
from rich.text import Text

from newsdigest.briefing.lines import carried_by, fact_sources, heading, plain, when
from newsdigest.briefing.model import Briefing


def write_briefing(briefing: Briefing, out: TextIO, *, color: bool = True) -> None:
    # As output/text.py: color=False (--no-color) drops every style; NO_COLOR only the colours (Rich reads it).
    console = Console(file=out, color_system="auto" if color else None, highlight=False, emoji=False, markup=False)
    parts: list[RenderableType] = [Text(heading(briefing), style="bold"), Text()]
    for number, story in enumerate(briefing.stories, 1):
        parts.append(Text(f"{number}. {plain(story.headline)}", style="bold"))
        parts.append(Text(carried_by(story), style="yellow" if story.single_source else "dim"))
        parts.append(Text(plain(" ".join(story.summary))))
        for fact in story.facts:
            parts.append(Text(f"  • {plain(fact.text)} ({fact_sources(story, fact.sources)})"))
        for article in story.articles:
            note = " · from the feed only" if article.fallback else ""
            line = Text(f"  – {plain(article.site)}: {plain(article.title)} · {when(article)}{note}", style="dim")
            if article.url:
                line.append(f" · {plain(article.url)}", style="dim underline")
            parts.append(line)
        parts.append(Text())
    if not briefing.stories:
        parts.append(Text("No stories."))
    console.print(Group(*parts), soft_wrap=not console.is_terminal)
