"""What a web page's structure says, checked: its headline, its metadata, its widgets, whether it is an article.

The extract step reads the page (its ``<title>``, meta tags and ``<h1>``
elements, and the blocks trafilatura keeps as the main text); this module
judges what was read, on plain strings, so the rules can be tested without a
parser:

* :func:`choose_headline`: the page's own headline, compared across
  og:title, twitter:title, ``<title>`` and the ``<h1>`` elements, with the site
  and section names taken off (from og:site_name, the domain, a logo, or the
  part one title has and another lacks); a logo or section name never wins.
* :func:`check_blocks`: widget and sidebar blocks out (mostly links, a name
  hover card), the headline and the standfirst apart from the lead.
* :func:`refusal`: why a page holds no article (a cookie notice, navigation,
  a login wall, a JavaScript requirement, template placeholders, too few words).
* :func:`sane_author`, :func:`sane_site_name`, :func:`sane_date`: metadata that
  is not what its field claims is dropped.

Each threshold was chosen on the development page set (941 real pages with
people's judgements of what is the article); benchmarks/pages.py reproduces
the figures quoted next to them. Two checks were measured there and left
out: dropping a block that the page repeats elsewhere (356 blocks, 19 of them
holding the article's text by people's judgement against 7 holding
boilerplate), and dropping a first block that shares no word with the
headline or the rest (10 to 12 blocks, most of them real leads on reading:
a short article's lead often shares no word with the rest).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from newsdigest.pipeline.clean import MAX_SITE_WORDS, page_title
from newsdigest.words import word_count

BlockKind = Literal["heading", "paragraph", "item", "quote"]

#: Separators around a site or section name in a title, widest set: the clean
#: step's, plus " / " and ":" (both taken only next to a known name).
_SEPARATOR = r"\s*(?:\||·|•|»|«|›|‹|~|::|[-–—]{1,2}|_{1,2}|/|:)\s*"
#: Classes and ids of a site's logo or masthead.
LOGO_HINT = re.compile(r"logo|brand|masthead|site[-_]?(?:title|name)|navbar|header[-_]?title", re.IGNORECASE)

#: A block whose links hold at least this share of its characters is a list
#: of links (a widget, a teaser box, navigation), not prose. On the
#: development pages no block holding a ``with`` snippet reaches it.
MAX_LINK_DENSITY = 0.6
#: ... and is short: a teaser title or a menu entry. Longer linked blocks
#: held the article's own text as often as not on the development pages.
MAX_LINK_BLOCK_WORDS = 20
#: Fewer words than this in the whole main text is no article: the shortest
#: article among the development pages has 16 words after extraction (a
#: blog post); a cookie notice, a login prompt or a menu has fewer once the
#: extractor has set the page's furniture aside.
MIN_ARTICLE_WORDS = 15
#: Letters to a word, to size text in scripts written without spaces.
LETTERS_PER_WORD = 6
#: Template placeholders ("{{ story.title }}") in the text: a page its scripts never filled in.
MIN_PLACEHOLDERS = 2
PLACEHOLDERS = "template placeholders: the page is filled in by JavaScript"
#: A block of at least this many words is prose, not a navigation entry.
MIN_PROSE_WORDS = 8
#: The earliest plausible date of a page on the web.
FIRST_YEAR = 1990

_PLACEHOLDER = re.compile(r"\{\{.{0,200}?\}\}|\{%.{0,200}?%\}|\[\[.{0,80}?\]\]", re.DOTALL)
_JAVASCRIPT = re.compile(r"\bjava\s?script\b", re.IGNORECASE)
_COOKIES = re.compile(r"\bcookies?\b|\bconsent|\bgdpr\b|\bdsgvo\b|datenschutz|\bprivacy\b", re.IGNORECASE)
_LOGIN = re.compile(
    r"\b(?:log\s?in|sign\s?in|sign\s?up|subscribe|subscription|password|paywall|register)\b"
    r"|\b(?:anmelden|einloggen|abonn\w*|passwort|connexion|abonnez|mot de passe|iniciar sesión|suscr\w+)\b",
    re.IGNORECASE,
)
#: A name hover card glued into a sentence: "Kristi NoemKristi Lynn NoemSouth
#: Dakota governor ... MORE": a name's last letter runs into a capital that
#: starts the same first name again.
_GLUED_NAME = re.compile(
    # a capitalised name of two words or more whose last lower-case letter runs into its own first word again
    r"\b(?P<first>[A-Z][a-zß-öø-ÿ]+)(?: [A-Z][a-zß-öø-ÿ.'-]*)+?[a-zß-öø-ÿ](?=(?P=first)\b)"
)
_CARD_END = re.compile(r"\b[A-Z]{3,}\b")
_MAX_CARD_WORDS = 40


@dataclass(frozen=True)
class Titles:
    """The titles a page gives itself, as read from its markup (empty when absent)."""

    og: str | None = None
    twitter: str | None = None
    title: str | None = None
    extracted: str | None = None
    h1: tuple[str, ...] = ()
    logos: tuple[str, ...] = ()
    site_name: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Block:
    """One block of the main text: a heading, a paragraph, a list item or a quotation."""

    kind: BlockKind
    text: str
    link_chars: int = 0


@dataclass(frozen=True)
class Checked:
    """The blocks kept, and those dropped with the reason for each."""

    blocks: tuple[Block, ...]
    dropped: tuple[tuple[str, str], ...]


_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def _squash(text: str | None) -> str:
    """One line, without soft hyphens and zero-width characters (markup for line breaking only)."""
    return " ".join((text or "").translate(_INVISIBLE).split())


def _key(text: str) -> str:
    return "".join(char for char in text.casefold() if char.isalnum())


def _affixes(candidates: Sequence[str]) -> set[str]:
    """Parts that one title has and another lacks at its start or end: site or section names."""
    found: set[str] = set()
    for long in candidates:
        for short in candidates:
            if len(short) >= len(long) or word_count(short) < 2:
                continue
            low, part = long.lower(), short.lower()
            if low.startswith(part):
                rest = re.fullmatch(rf"{_SEPARATOR}(.+)", low[len(part) :])
            elif low.endswith(part):
                rest = re.fullmatch(rf"(.+?){_SEPARATOR}", low[: -len(part)])
            else:
                continue
            if rest and word_count(rest[1]) <= MAX_SITE_WORDS and word_count(rest[1]) <= word_count(short):
                found.add(_squash(rest[1]))
    return found


def _strip_names(title: str, names: Iterable[str]) -> str:
    """``title`` without any of ``names`` (as whole strings) at its start or end, by a separator."""
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        escaped = re.escape(name)
        title = re.sub(rf"^{escaped}{_SEPARATOR}(?=\S)", "", title, flags=re.IGNORECASE)
        title = re.sub(rf"(?<=\S){_SEPARATOR}{escaped}$", "", title, flags=re.IGNORECASE)
    return title.strip()


def _slash_parts(title: str) -> str:
    """ "Headline / Section / site": the longest part, as the clean step does for pipes."""
    parts = re.split(r"\s+/\s+", title)
    return max(parts, key=word_count) if len(parts) > 1 else title


def choose_headline(titles: Titles) -> str | None:
    """The page's headline, site and section names out; None when the page names only itself."""
    raw = [_squash(t) for t in (titles.og, titles.twitter, titles.title, titles.extracted) if _squash(t)]
    h1 = [_squash(t) for t in titles.h1 if _squash(t)]
    logos = [_squash(t) for t in titles.logos if _squash(t)]
    # A "logo" that is the page's title is its headline, styled like a masthead.
    raw_keys = {_key(t) for t in raw}
    h1 += [logo for logo in logos if _key(logo) in raw_keys]
    logos = [logo for logo in logos if _key(logo) not in raw_keys]
    names = {n for n in (_squash(titles.site_name), *logos) if n} | _affixes(raw + h1)
    name_keys = {_key(n) for n in names} | {_key(n) for n in names for n in re.split(_SEPARATOR, n)}
    name_keys.discard("")

    def cleaned(text: str) -> str | None:
        text = _slash_parts(_strip_names(text, names))
        site = max(names, key=len) if names else titles.site_name
        result = page_title(text, site, titles.url)
        for name in names:
            if result:
                result = page_title(result, name, None)
        result = _strip_names(result, names) if result else result  # a name the longest part still ends with
        if not result or _key(result) in name_keys:
            return None
        return result

    metas = [c for c in (cleaned(t) for t in raw) if c]
    headings = [c for c in (cleaned(t) for t in h1) if c]
    meta_keys = [_key(m) for m in metas]
    for heading in headings:  # the visible headline, when the metadata agrees with it
        key = _key(heading)
        if word_count(heading) < 2:
            continue
        for meta, meta_key in zip(metas, meta_keys, strict=True):
            if key == meta_key:  # the same words: the metadata keeps separators the heading's markup lost
                return meta
        if len(key) > 12 and any(key in m for m in meta_keys):
            return heading
    for candidate in (*metas, *headings):
        if word_count(candidate) >= 2:
            return candidate
    return next(iter(metas), None)  # a one-word <h1> is a menu or section name ("Sections", "About")


def _without_hover_cards(text: str) -> str:
    """``text`` without the name cards glued into it; the name the sentence uses stays."""
    while glued := _GLUED_NAME.search(text):
        rest = text[glued.end() :]
        end = _CARD_END.search(rest)
        if end is not None and word_count(rest[: end.start()]) <= _MAX_CARD_WORDS:
            rest = rest[end.end() :]
        else:  # no closing link: take out the repeated full name only
            name = re.match(r"(?:[A-Z][a-zß-öø-ÿ.'-]*\s?)+", rest)
            rest = rest[name.end() if name else len(rest) :]
        text = " ".join(f"{text[: glued.end()]} {rest}".split())
    return text


def check_blocks(blocks: Sequence[Block], *, headline: str | None, standfirst: str | None) -> Checked:
    """The main text's blocks without widgets, and the headline and standfirst apart from the lead."""
    dropped: list[tuple[str, str]] = []
    kept: list[Block] = []
    head_key = _key(headline or "")
    for block in blocks:
        text = _squash(block.text)
        if (
            block.kind != "heading"
            and block.link_chars >= MAX_LINK_DENSITY * max(1, len(block.text.strip()))
            and word_count(text) < MAX_LINK_BLOCK_WORDS
        ):
            dropped.append(("links", text))
            continue
        if head_key and _key(text) == head_key:
            dropped.append(("headline", text))
            continue
        if block.kind != "heading":
            text = _without_hover_cards(text)
            if head_key and len(head_key) > 12 and _key(text).startswith(head_key):
                split = _split_after(text, headline or "")
                if split:
                    dropped.append(("headline", split[0]))
                    text = split[1]
            if standfirst and _key(standfirst) != _key(text) and _key(text).startswith(_key(standfirst)):
                split = _split_after(text, standfirst)
                if split:
                    kept.append(Block("paragraph", split[0]))
                    text = split[1]
        kept.append(Block(block.kind, text, block.link_chars))
    return Checked(tuple(kept), tuple(dropped))


def _split_after(text: str, prefix: str) -> tuple[str, str] | None:
    """``text`` cut after the characters that spell ``prefix`` (compared as keys), when text follows."""
    want = len(_key(prefix))
    seen = 0
    for index, char in enumerate(text):
        if char.isalnum():
            seen += len(char.casefold())
            if seen >= want:
                head, tail = text[: index + 1], text[index + 1 :].lstrip(" :;,-–—|")
                # Cut only where a new sentence starts: a lead that begins
                # with the headline's words and goes on is one sentence.
                if word_count(tail) < 1 or prefix.rstrip().endswith(("…", "...")):
                    return None
                if not (tail[0].isupper() or tail[0] in "\"“„«'‘" or text[index + 1 : index + 2] in ".!?"):
                    return None
                return head + (text[index + 1] if text[index + 1 : index + 2] in ".!?" else ""), tail.lstrip(".!? ")
    return None


def article_size(text: str) -> int:
    """Words in ``text``, with scripts written without spaces counted by letters (six to a word)."""
    return max(word_count(text), sum(char.isalnum() for char in text) // LETTERS_PER_WORD)


def _is_prose(block: Block) -> bool:
    """Not a heading, unless a page set its text in heading tags (a heading of a sentence's length)."""
    return block.kind != "heading" or len(block.text.split()) >= MIN_PROSE_WORDS


def refusal(blocks: Sequence[Block], *, headline: str | None, page_text: str, has_password: bool) -> str | None:
    """Why the page is not an article, or None when it is one.

    ``page_text`` is the page's visible text (and its ``<noscript>`` text),
    read when the main text is too short to say what the page is.
    """
    text = "\n".join(block.text for block in blocks)
    if len(_PLACEHOLDER.findall(f"{headline or ''}\n{text}")) >= MIN_PLACEHOLDERS or _PLACEHOLDER.search(
        headline or ""
    ):
        return PLACEHOLDERS
    prose = "\n".join(block.text for block in blocks if _is_prose(block))
    size = article_size(prose)
    if size >= MIN_ARTICLE_WORDS:
        return None
    shown = text or page_text
    if not shown.strip():
        return "the page shows no text"
    if _JAVASCRIPT.search(shown):
        return "the page needs JavaScript to show its text"
    if _COOKIES.search(shown):
        return "only a cookie or consent notice"
    if has_password or _LOGIN.search(shown):
        return "a login or subscription page"
    if not any(_is_prose(block) and len(block.text.split()) >= MIN_PROSE_WORDS for block in blocks):
        return "only navigation, links and headings"
    return f"{size} words, fewer than an article has"


_NAME_PARTICLES = {
    "von", "van", "der", "den", "de", "da", "di", "del", "della", "du", "la", "le", "bin", "al", "el", "ibn", "zu", "dos",
    "das", "y", "e", "and", "und", "et", "of", "&",
}  # fmt: skip


def sane_author(author: str | None) -> str | None:
    """``author`` when it reads as names of people or organisations, else None.

    Each part (split at ``;``, ``,``, ``|`` and ``/``) must be one to six
    words, capitalised except for name particles ("van", "de", "bin"), with no
    digits, no address and no sentence punctuation.
    """
    author = _squash(author)
    if not author or "@" in author or "://" in author or any(char.isdigit() for char in author):
        return None
    for part in re.split(r"\s*[;,|/]\s*", author):
        words = part.split()
        if not words or len(words) > 6 or part.endswith(("?", "!")):
            return None
        for word in words:
            first = word.lstrip("(\"'“‘")[:1]
            if first.isalpha() and first.islower() and word.casefold() not in _NAME_PARTICLES:
                return None
    return author


def sane_site_name(site: str | None) -> str | None:
    """``site`` unless it is a copyright line or a date ("Copyright 2014", "© 2020 Acme")."""
    site = _squash(site)
    if not site:
        return None
    if re.search(r"©|\(c\)|copyright|all rights reserved|\b(?:19|20)\d\d\b", site, re.IGNORECASE):
        return None
    return site


def sane_date(date: str | None, *, today: datetime.date | None = None) -> str | None:
    """``date`` (ISO, as extracted) unless it is before 1990 or after today (a day's grace for time zones)."""
    date = _squash(date)
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", date)
    if not match:
        return None
    try:
        value = datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    latest = (today or datetime.date.today()) + datetime.timedelta(days=1)
    return date if value.year >= FIRST_YEAR and value <= latest else None
