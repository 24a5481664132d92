"""A briefing in each output format: JSON, Markdown and one self-contained HTML page here; Rich text in text.py.

Every string that came from a feed or a page is treated as data: escaped
for Markdown and HTML, stripped of terminal control characters for text,
and a link is shown as a link only when it is http or https (a
``javascript:`` link in a feed stays text).
"""

from __future__ import annotations

import html
import json
import re
from enum import Enum
from typing import TextIO

from newsdigest.briefing.lines import carried_by, fact_sources, heading, plain, web_link, when
from newsdigest.briefing.model import Briefing

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~!])")


class BriefFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"
    html = "html"


def render_briefing(briefing: Briefing, fmt: BriefFormat, out: TextIO, *, color: bool = True) -> None:
    if fmt is BriefFormat.json:
        out.write(json.dumps(briefing.to_dict(), ensure_ascii=False, indent=2) + "\n")
    elif fmt is BriefFormat.markdown:
        out.write(to_markdown(briefing))
    elif fmt is BriefFormat.html:
        out.write(to_html(briefing))
    else:
        from newsdigest.briefing.text import write_briefing

        write_briefing(briefing, out, color=color)


def _md(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", plain(text))


def to_markdown(briefing: Briefing) -> str:
    lines = [f"# {_md(heading(briefing))}", ""]
    for number, story in enumerate(briefing.stories, 1):
        lines += [f"## {number}. {_md(story.headline)}", "", f"*{_md(carried_by(story))}*", ""]
        lines += [_md(" ".join(story.summary)), ""]
        if story.facts:
            lines += [f"- {_md(fact.text)} ({_md(fact_sources(story, fact.sources))})" for fact in story.facts]
            lines.append("")
        lines += ["Sources:", ""]
        for article in story.articles:
            title = _md(article.title)
            link = web_link(article.url)
            shown = f"[{title}](<{link.replace('>', '%3E')}>)" if link else title
            note = " · from the feed only" if article.fallback else ""
            lines.append(f"- {_md(article.site)}: {shown} · {when(article)}{note}")
        lines.append("")
    if not briefing.stories:
        lines += ["No stories.", ""]
    return "\n".join(lines)


_STYLE = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f;background:#fff}
h1{font-size:1.4rem;margin-bottom:1.5rem}
article{border-top:1px solid #ddd;padding:1rem 0}
h2{font-size:1.15rem;margin:.2rem 0}
.carried{color:#666;font-size:.9rem;margin:.2rem 0 .6rem}
.single{color:#a15c00}
ul{padding-left:1.2rem}
.facts li{margin:.2rem 0}
.who{color:#666;font-size:.85rem}
.sources{font-size:.9rem}
.sources a{color:#0b57d0}
footer{color:#888;font-size:.8rem;margin-top:2rem}
"""


def _h(text: str) -> str:
    return html.escape(plain(text), quote=True)


def to_html(briefing: Briefing) -> str:
    """One page, styles inline, no scripts, images, fonts or any other request."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # No request leaves this page: not even for an image a feed slipped in.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{_h(heading(briefing))}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{_h(heading(briefing))}</h1>",
    ]
    for number, story in enumerate(briefing.stories, 1):
        single = " single" if story.single_source else ""
        parts += [
            f'<article id="story-{_h(story.id)}">',
            f"<h2>{number}. {_h(story.headline)}</h2>",
            f'<p class="carried{single}">{_h(carried_by(story))}</p>',
            f"<p>{_h(' '.join(story.summary))}</p>",
        ]
        if story.facts:
            parts.append('<ul class="facts">')
            parts += [
                f'<li>{_h(fact.text)} <span class="who">({_h(fact_sources(story, fact.sources))})</span></li>'
                for fact in story.facts
            ]
            parts.append("</ul>")
        parts.append('<ul class="sources">')
        for article in story.articles:
            link = web_link(article.url)
            title = f'<a href="{html.escape(link, quote=True)}">{_h(article.title)}</a>' if link else _h(article.title)
            note = " · from the feed only" if article.fallback else ""
            parts.append(f'<li>{_h(article.site)}: {title} <span class="who">· {_h(when(article))}{note}</span></li>')
        parts += ["</ul>", "</article>"]
    if not briefing.stories:
        parts.append("<p>No stories.</p>")
    parts += [f"<footer>newsdigest {_h(briefing.version)}</footer>", "</body></html>", ""]
    return "\n".join(parts)
