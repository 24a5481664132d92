"""Step 2, clean: raw text to an :class:`Article`.

Infers the line structure (:func:`unwrap`: hard-wrapped paragraphs become one
line each, other line breaks stay and end a sentence candidate), takes out
what a reader of the article would skip, and keeps it apart:

* terminal control sequences and other control characters (they must never
  reach a terminal, and they carry no meaning);
* a title line at the start, and sub-headings: short lines without final
  punctuation that stand apart (after a blank line, a sentence end or another
  line taken out, and not continued by a next line in lower case);
* boilerplate lines: bylines, "PUBLISHED: ... UPDATED: ..." stamps, copyright
  lines, "Advertisement", "Read more:"-style links, share prompts and
  promotional calls to action (an imperative marketing verb plus site, app or
  newsletter vocabulary; a weaker match suffices in the block of lines that
  ends the article, where such footers live);
* a wire-service dateline glued to the first words ("(CNN)The ...").

A web page's metadata (:class:`SourceInfo`) is cleaned here too: each field
becomes one line without control characters, and the title loses the site
name that pages append to it ("... | BBC News", "... - The Guardian").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import fields, replace
from urllib.parse import urlsplit

from newsdigest.model import Article, SourceInfo
from newsdigest.words import word_count, word_count_at_most

#: A heading or title has at most this many words.
MAX_HEADING_WORDS = 12
MAX_TITLE_WORDS = 20
#: Boilerplate lines are short; a longer line is a paragraph, whose glued-on
#: boilerplate sentences are caught sentence by sentence (see segment.py).
MAX_PROMO_WORDS = 45

_ANSI = re.compile(
    r"""
    \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?   # OSC ... BEL or ST
    | \x1b[P^_][^\x1b]*(?:\x1b\\)?       # DCS, PM, APC strings
    | \x1b\[[0-?]*[ -/]*[@-~]            # CSI sequences (colours, cursor moves)
    | \x9b[0-?]*[ -/]*[@-~]              # 8-bit CSI
    | \x1b[ -/]*[0-~]                    # other two-byte escapes
    """,
    re.VERBOSE,
)
# C0 and C1 controls except tab and newline, DEL, and the bidi overrides that
# can reorder what a terminal shows.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
# White space within a line other than the plain space.
_OTHER_SPACES = r"\t\u00a0\u2000-\u200a\u202f\u205f\u3000"
_OTHER_SPACE = re.compile(f"[{_OTHER_SPACES}]")
# Runs of white space within a line, except a single plain space (replacing
# that with itself would be every gap between words).
_SPACES = re.compile(f"[ {_OTHER_SPACES}]{{2,}}|[{_OTHER_SPACES}]")
# An address has one "@" and starts after a space or an "@": started anywhere
# inside a long token, "\S+@" would rescan the token from every character.
_LINK = re.compile(r"(?:https?://|www\.)\S+|(?<![^\s@])[^\s@]+@[^\s@]+\.\w+", re.IGNORECASE)
_WORD_OR_NUMBER = re.compile(r"\w+(?:['’.,-]\w+)*")
_SENTENCE_END = re.compile(r"""[.!?…]["'”’»)\]]*$""")
_CLAUSE_END = re.compile(r"[,;:]$")
_INNER_SENTENCE_END = re.compile(r"[.!?…]\s")

_DATELINE = re.compile(
    r"""^(?:[A-Z][\w.'’ ,-]{0,40}?\s*)?              # optional place: "Moscow ", "WASHINGTON, D.C. "
        \((?:CNN|AP|AFP|Reuters|Bloomberg|UPI|dpa|PA|EFE|Xinhua|ANSA|IANS|PTI|ANI)[\w ]{0,20}\)
        \s*(?:[-–—]+\s*)?""",
    re.VERBOSE,
)
_STAMP = re.compile(
    r"""^(?:By\s*\.?\s+[^.|\n]{1,80}?\s*\.\s*)?      # "By . Jane Doe . "
        (?:(?:PUBLISHED|UPDATED|Published|Updated|Last\s+updated(?:\s+at)?)\s*:
           \s*[^|\n]*?\b\d{4}\b[\s.|]*)+""",
    re.VERBOSE,
)
_BYLINE = re.compile(
    r"^by\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von|al|bin))*"
    r"(?:\s*[,|/–—-]\s*.{0,60})?$",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"""^(?:
        advertisement|advert|sponsored(?:\s+content)?|skip\s+advertisement|story\s+continues\s+below
        |scroll\s+(?:down|to\s+continue)\b.*|continue\s+reading\b.*|(?:click|tap)\s+here\b.*
        |(?:see|read)\s+the\s+original\s+(?:story|article|post)\b.*
        |(?:also|must)\s+read\b.*|read\s+(?:more|also|next|this)\b.*|see\s+also\b.*
        |(?:related|recommended|more\s+from|more\s+on\s+this|trending)(?:\s+(?:stories|articles|news|videos?|links?|topics?))?\s*[:|»›>-].*
        |(?:related|recommended)(?:\s+(?:stories|articles|news|videos?|links?|topics?))?
        |(?:watch|listen|video|photos?|gallery)\s*[:|»›].*
        |share\s+(?:this|on|via|the\s+story|article)\b.*|share|tweet|email|print|comments?
        |(?:©|\(c\)|copyright\b).*|all\s+rights\s+reserved\b.*
        |(?:published|updated|last\s+updated|posted|first\s+published)\b[^.]{0,60}\d[^.]{0,40}
        |(?:photo|image|picture|video)\s*(?:credit)?\s*:.*|credit\s*:.*
    )$""",
    re.VERBOSE | re.IGNORECASE,
)
_MARKETING_VERBS = frozenset(
    """discover stay find get download subscribe sign join follow check click tap obtain explore
    read watch listen register try unlock grab enjoy visit install bookmark like share catch
    never don't dont keep""".split()
)
_MARKETING_VOCAB = re.compile(
    r"""\b(?:latest|news|updates?|updated|app|apps|newsletters?|inbox|subscri\w+|alerts?|notifications?
        |podcasts?|exclusive|curated|insights?|best\s+of|trends?|breaking|daily|weekly|weekend
        |free|premium|offers?|deals?|social\s+media|twitter|facebook|instagram|whatsapp|telegram
        |youtube|linkedin|one\s+place|website|for\s+you|your|expert\s+opinions?|sign\s+up|click
        |channel|coverage|stories)\b""",
    re.VERBOSE | re.IGNORECASE,
)


def normalize(text: str) -> str:
    """Unify line endings and white space, and drop control sequences."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    if "\x1b" in text or "\x9b" in text:  # every escape sequence starts with one of them
        text = _ANSI.sub("", text)
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return "\n".join(_single_spaced(line).strip() for line in text.split("\n"))


def _single_spaced(line: str) -> str:
    # A run to replace holds two plain spaces or another kind of space.
    return _SPACES.sub(" ", line) if "  " in line or _OTHER_SPACE.search(line) else line


def has_words(text: str) -> bool:
    """True when ``text`` holds a word with a letter in it, outside links and addresses."""
    if "@" in text or "://" in text or "www." in text.lower():  # else _LINK cannot match: skip the costly sub
        text = _LINK.sub(" ", text)
    return any(
        not match.group().replace(".", "").replace(",", "").isdigit() for match in _WORD_OR_NUMBER.finditer(text)
    )


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


#: Widths that hard-wrapped text has: mail and ``fmt`` use 65-80 columns,
#: narrow panes 40, wide terminals up to 200. Lines of a narrower "width" are
#: a list, of a wider one paragraphs.
MIN_WRAP_WIDTH = 30
MAX_WRAP_WIDTH = 200
#: A wrapped line is full: with the next line's first word it would pass this
#: share of the width. Greedy filling (``textwrap``, most editors) passes the
#: whole width; ``fmt``'s balanced lines stay up to 12% below it.
FULL_LINE = 0.85
#: Of the line breaks inside blocks, at least this share is at a full line
#: inside a sentence in hard-wrapped text (some 90% in English news at 40 to
#: 100 columns, fewer where paragraphs are short; with one paragraph per
#: line nearly none), and at least one such line goes on in lower case (a
#: list of names in capitals does not).
WRAPPED_MID_SENTENCE = 0.1
_LIST_ITEM = re.compile(r"(?:[-*•·▪–—]|\d{1,3}[.)]|\(?[a-z]\))\s")
_HYPHENATED = re.compile(r"\b\w+(?:-\w+)+")  # \b: inside a long word no start is tried
_WHOLE_WORD = re.compile(r"\w+")
_CLOSED_DASH = re.compile(r"\w--\w")
#: Words after which a line-end hyphen was followed by a space: "self- and".
_SUSPENDED_HYPHEN_NEXT = frozenset({"and", "or", "to"})


def unwrap(lines: list[str]) -> list[str]:
    """``lines`` (normalised, blank lines kept) with hard-wrapped paragraphs joined into one line each.

    The text is hard-wrapped when lines that go on in the same block are
    full at one width, inside a sentence that the next line continues in lower
    case (see :data:`WRAPPED_MID_SENTENCE`); then a line
    break is a wrap where the line is full (the next word would not have fit
    on it) or where the line ends inside a sentence and the next goes on in
    lower case, and never before a list item. Any other break stays: a short
    line there ends a paragraph or is a heading, a list item, a line of an
    address. Text with one paragraph per line comes back as it was.

    A break after a hyphen joins without a space ("well-" + "known" is
    "well-known"); the hyphen goes only when the word without it occurs in
    the text and the hyphenated word does not ("inter-" + "national" is
    "international" if the text says "international" elsewhere). Before
    "and", "or" or "to" the space stays ("self- and peer-review"). A break
    after "--" joins without a space only in text that writes such a dash
    between words elsewhere ("then--now"); editors and ``fmt`` break lines
    only at spaces, ``textwrap`` also after hyphens and "--".
    """
    width = _wrap_width(lines)
    if width is None:
        return lines
    words: tuple[set[str], set[str], bool] | None = None  # the text's words, for hyphens, made when first needed
    headings = [_is_wrapped_heading(lines, i, width) for i in range(len(lines))]
    joined: list[str] = []
    parts: list[str] = []  # the paragraph being joined: its lines and the separators between them
    for i, line in enumerate(lines):
        if not (
            parts and line and not (headings[i - 1] or headings[i]) and _is_wrap(lines[i - 1], line, width, parts[0])
        ):
            if parts:
                joined.append("".join(parts))
            parts = [line] if line else []
            if not line:
                joined.append(line)
            continue
        previous = parts[-1]
        head = _cut_word(previous)
        first = line.split(" ", 1)[0]
        if head and line[:1].isalpha() and first.lower() not in _SUSPENDED_HYPHEN_NEXT:
            if words is None:
                words = _words_of(lines)
            whole = _WHOLE_WORD.match(line)
            tail = whole.group().lower() if whole else ""
            if f"{head}{tail}" in words[0] and f"{head}-{tail}" not in words[1]:
                parts[-1] = previous[:-1]  # a word hyphenated at the line end: "inter-" + "national"
        elif previous.endswith("--") and previous.rstrip("-")[-1:].isalnum() and line[:1].isalnum():
            if words is None:
                words = _words_of(lines)
            if not words[2]:  # unless the text writes "then--now" elsewhere, a space followed the dash
                parts.append(" ")
        else:
            parts.append(" ")
        parts.append(line)
    if parts:
        joined.append("".join(parts))
    return joined


def _cut_word(line: str) -> str:
    """The word cut at the end of ``line`` by a hyphen ("inter-": "inter"), lower-cased; else ""."""
    if not line[-2:-1].isalpha() or not line.endswith("-"):
        return ""
    start = end = len(line) - 1
    while start and line[start - 1].isalnum():  # "14th-" as well
        start -= 1
    return line[start:end].lower()


def _words_of(lines: list[str]) -> tuple[set[str], set[str], bool]:
    """The text's words, lower-cased: those without and those with a hyphen; whether it writes "then--now"."""
    text = "\n".join(lines).lower()
    return set(_WHOLE_WORD.findall(text)), set(_HYPHENATED.findall(text)), bool(_CLOSED_DASH.search(text))


def _wrap_width(lines: list[str]) -> int | None:
    """The width the text is hard-wrapped at, or None when it is not hard-wrapped.

    The width is the longest line that goes on in its block, leaving out
    lines much longer than the typical one (a link, a pasted paragraph).
    """
    going_on = [i for i in range(len(lines) - 1) if lines[i] and lines[i + 1] and " " in lines[i]]
    if not going_on:
        return None
    lengths = sorted(len(lines[i]) for i in going_on)
    typical = lengths[len(lengths) // 2]
    width = max(length for length in lengths if length <= 1.5 * typical)
    if not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH:
        return None
    mid_sentence = [i for i in going_on if not ends_sentence(lines[i]) and _is_full(lines[i], lines[i + 1], width)]
    if len(mid_sentence) < WRAPPED_MID_SENTENCE * len(going_on) or not any(
        lines[i + 1][:1].islower() for i in mid_sentence
    ):
        return None
    return width


def _is_full(line: str, following: str, width: int) -> bool:
    """Whether ``line`` is as long as wrapping at ``width`` makes a line that goes on with ``following``."""
    if len(line) > width:
        return " " not in line  # one long word (a link) alone on its line
    return len(line) + 1 + len(following.split(" ", 1)[0]) > FULL_LINE * width


def _is_wrap(line: str, following: str, width: int, paragraph: str) -> bool:
    """Whether the break between ``line`` and ``following`` is a wrap in text wrapped at ``width``.

    ``paragraph`` is the text so far that ``line`` ends. A line that starts
    with a list marker is a new item in a list, or a dash that wrapping put
    at the start of a line ("... Venezuela" / "- the world's fifth ..."): the
    latter only after a full line inside a sentence, and not inside a list.
    """
    mid_sentence = not ends_sentence(line) and not line.endswith(":")
    if _LIST_ITEM.match(following):
        return mid_sentence and _is_full(line, following, width) and not _LIST_ITEM.match(paragraph)
    if _is_full(line, following, width):
        return True
    return mid_sentence and following[:1].islower()


def _is_wrapped_heading(lines: list[str], i: int, width: int) -> bool:
    """A heading in wrapped text: short, without final punctuation, after a sentence or a blank
    line, not continued in lower case, and short of the width (a full line may be wrapped prose)."""
    line = lines[i]
    if not line or not _is_heading(line, MAX_HEADING_WORDS) or _INNER_SENTENCE_END.search(line):
        return False
    before = lines[i - 1] if i else ""
    if before and not ends_sentence(before) and not before.endswith(":"):
        return False  # the line goes on with a sentence from the line before
    following = lines[i + 1] if i + 1 < len(lines) else ""
    if following[:1].islower():
        return False
    return not following or not _is_full(line, following, width)


def is_promotional(line: str, *, in_footer: bool = False) -> bool:
    """A call to action aimed at the reader rather than news.

    Anywhere: an imperative marketing verb first plus two marketing words.
    In the article's closing block: the verb plus one such word suffices.
    """
    lowered = line.lower().replace("’", "'")
    first = lowered.split(None, 1)[:1]
    starts_with_verb = bool(first) and first[0].strip("\"'“‘") in _MARKETING_VERBS
    if not starts_with_verb and not in_footer:
        return False  # before splitting the whole line and the costly vocabulary scan: most lines stop here
    words = lowered.split()
    if not words or len(words) > MAX_PROMO_WORDS:
        return False
    hits = len(_MARKETING_VOCAB.findall(line))
    if starts_with_verb:
        return hits >= (1 if in_footer else 2)
    return hits >= 3 and ("you" in words or "your" in words)


def is_boilerplate(line: str, *, in_footer: bool = False) -> bool:
    """A line a reader skips: a byline, a stamp, a link, a share prompt, a promo."""
    bare = line.strip(" \t*#>-–—•|")
    if not bare:
        return True
    words = word_count_at_most(bare, MAX_PROMO_WORDS)
    if words > MAX_PROMO_WORDS:
        return False
    if _BOILERPLATE.match(bare) or is_promotional(bare, in_footer=in_footer):
        return True
    return words <= 10 and bool(_BYLINE.match(bare))


def strip_stamps(line: str) -> str:
    """Remove a dateline or a byline/date stamp glued to the start of a line."""
    line = _STAMP.sub("", line, count=1)
    return _DATELINE.sub("", line, count=1).strip()


def _is_heading(line: str, max_words: int) -> bool:
    words = word_count_at_most(line, max_words)
    if not 0 < words <= max_words or ends_sentence(line):
        return False
    return not _CLAUSE_END.search(line) or line.endswith(":")


def _stands_apart(lines: list[str], kinds: list[str], i: int) -> bool:
    """Whether line ``i`` is no continuation: the line before it (if body) ends a sentence, the next goes on in capitals."""
    if i + 1 < len(lines) and lines[i + 1][:1].islower():
        return False
    if i == 0 or kinds[i - 1] != "body":
        return True
    before = lines[i - 1]
    return ends_sentence(before) or before.endswith(":")


def clean(text: str) -> Article:
    """Turn raw article text into an :class:`Article` (see module docstring)."""
    lines = unwrap(normalize(text).split("\n"))
    kinds: list[str] = ["blank" if not line else "body" for line in lines]

    # The closing block: walk up from the end while lines are boilerplate,
    # with the footer's lower bar for promotional lines.
    for i in range(len(lines) - 1, -1, -1):
        if kinds[i] == "blank":
            continue
        if not is_boilerplate(strip_stamps(lines[i]), in_footer=True):
            break
        kinds[i] = "boilerplate"
    for i, line in enumerate(lines):
        if kinds[i] == "body":
            stripped = strip_stamps(line)
            if stripped != line:
                lines[i] = line = stripped
                if not line:
                    kinds[i] = "boilerplate"
                    continue
            if is_boilerplate(line) or not has_words(line):
                kinds[i] = "boilerplate" if has_words(line) or line else "blank"

    content = [i for i, kind in enumerate(kinds) if kind == "body"]
    title: str | None = None
    if len(content) > 1:
        first = content[0]
        line = lines[first]
        if (
            word_count_at_most(line, 1) > 1
            and _is_heading(line, MAX_TITLE_WORDS)
            and _stands_apart(lines, kinds, first)
        ):
            title = line.rstrip(":").strip()
            kinds[first] = "title"
    for i in content:
        if kinds[i] == "body" and _is_heading(lines[i], MAX_HEADING_WORDS) and _stands_apart(lines, kinds, i):
            kinds[i] = "heading"
    if "body" not in kinds:
        # Text made only of short unpunctuated lines (a list, a poem, notes):
        # there is nothing else to summarise, so those lines are the body.
        kinds = ["body" if kind == "heading" else kind for kind in kinds]

    paragraphs: list[tuple[str, ...]] = []
    current: list[str] = []
    for line, kind in zip(lines, kinds, strict=True):
        if kind == "body":
            current.append(line)
        elif current:  # a blank line, a heading or removed text ends a paragraph
            paragraphs.append(tuple(current))
            current = []
    if current:
        paragraphs.append(tuple(current))
    return Article(
        title=title,
        paragraphs=tuple(paragraphs),
        headings=tuple(line for line, kind in zip(lines, kinds, strict=True) if kind == "heading"),
        boilerplate=tuple(line for line, kind in zip(lines, kinds, strict=True) if kind == "boilerplate"),
    )


#: Separators between a page title and its site or section name. Colons are
#: left alone: "Storm Ciarán: thousands without power" is one headline.
_TITLE_SEPARATOR = re.compile(r"\s+(\||·|•|»|::|[-–—]{1,2})\s+")
#: A site or section name is short.
MAX_SITE_WORDS = 5


def clean_source(source: SourceInfo) -> SourceInfo | None:
    """``source`` with one-line fields and the site name out of the title; None when empty."""
    values = {f.name: _one_line(getattr(source, f.name)) for f in fields(source)}
    cleaned = replace(source, **values)
    if cleaned.title:
        cleaned = replace(cleaned, title=page_title(cleaned.title, cleaned.site_name, cleaned.url))
    return cleaned if any(getattr(cleaned, f.name) for f in fields(cleaned)) else None


def page_title(title: str, site_name: str | None = None, url: str | None = None) -> str | None:
    """The headline in a page title: site (and section) names taken off its ends.

    A segment matching the site name or the URL's domain goes from either end;
    of the pipe-separated parts that remain, the longest is the headline
    ("Headline | World news"). Dashes are ambiguous ("Storm hits coast - three
    dead"), so a dash-separated part goes only when it names the site. A title
    that is nothing but the site name is no headline: None.
    """
    names = {_key(name) for name in (site_name, _domain(url)) if name and len(_key(name)) >= 3}
    parts = _TITLE_SEPARATOR.split(title)  # text, separator, text, ...
    if len(parts) == 1 and names and _names_site(title, names):
        return None
    while len(parts) > 2 and _names_site(parts[-1], names):
        del parts[-2:]
    while len(parts) > 2 and _names_site(parts[0], names):
        del parts[:2]
    if len(parts) > 1 and all(sep == "|" for sep in parts[1::2]):
        return max(parts[::2], key=word_count)
    return "".join(f" {part} " if i % 2 else part for i, part in enumerate(parts))


def _names_site(segment: str, names: set[str]) -> bool:
    key = _key(segment)
    if not key or word_count(segment) > MAX_SITE_WORDS:
        return False
    return any(key == name or key.startswith(name) or name.startswith(key) for name in names)


def _key(text: str) -> str:
    return "".join(char for char in text.casefold() if char.isalnum())


def _domain(url: str | None) -> str | None:
    """The name in a URL's host: "bbc" for www.bbc.co.uk, "ledger" for ledger.example."""
    if not url:
        return None
    labels = [label for label in (urlsplit(url).hostname or "").split(".") if label and label != "www"]
    if len(labels) > 2 and len(labels[-2]) <= 3:  # co.uk, com.au
        labels = labels[:-2]
    elif len(labels) > 1:
        labels = labels[:-1]
    return labels[-1] if labels and not labels[-1].isdigit() else None


def _one_line(value: str | None) -> str | None:
    if value is None:
        return None
    return " ".join(normalize(value).split()) or None


def text_of(article: Article) -> str:
    """The article's body as one text (what language detection reads)."""
    return "\n".join(line for paragraph in article.paragraphs for line in paragraph)
