"""The headline: the article's title line, or one made from the lead sentence.

A generated headline is the lead's main clause, compressed: parentheticals,
attributions ("..., officials said") and trailing participle or relative
clauses (", confirming ...", ", which ...") go, and it is cut at a clause
boundary to at most ``MAX_WORDS`` words.
"""

from __future__ import annotations

import re

from newsdigest.model import Headline

MAX_WORDS = 14
# Parentheses only: square brackets mark editorial insertions ("[sic]") that
# a reader needs, and may be literal text.
_PARENTHETICAL = re.compile(r"\s*\([^()]*\)")
_ATTRIBUTION = re.compile(
    r",?\s*(?:(?:according to|as reported by)\s[^,]+"
    # Each word starts where one can (the look-behind): tried from inside a
    # long token, the pattern would rescan the token from every character.
    r"|(?:(?<![\w.’'-])[\w.’'-]+\s){0,5}(?:said|says|told|reported|announced|confirmed)"
    r"(?:\s(?:on|in|late|this|last)\s[\w ]{1,20})?)\s*[.!]?$"
)
_TRAILING_CLAUSE = re.compile(
    r"\s*(?:,|\s[-–—]{1,2})\s*(?:\w+ing\b|which\b|who\b|where\b|while\b|as\b|after\b|amid\b|despite\b|in a move\b|saying\b).*$"
)
_CLAUSE_BREAK = re.compile(r",(?=\s)|;|:|\s[-–—]{1,2}\s|\s(?:and|but|as|after|while|because|when|with|amid)\s")
_PUNCTUATION_BREAK = re.compile(r",(?=\s)|;|:|\s[-–—]{1,2}\s")
_TRAILING_WORDS = re.compile(r"\s+(?:a|an|the|and|or|but|of|to|in|on|at|for|with|by|as|from|that)$", re.IGNORECASE)


def make_headline(title: str | None, lead: str | None, language: str = "english") -> Headline | None:
    if title:
        return Headline(title, "title")
    if not lead:
        return None
    return Headline(compress(lead, language), "generated")


def compress(sentence: str, language: str = "english") -> str:
    """The lead's main clause. The attribution and clause patterns are English;
    other languages keep the lead, without parentheticals, cut at a comma or
    semicolon when it is too long."""
    english = language == "english"
    text = _PARENTHETICAL.sub("", sentence).strip()
    text = text.strip("\"“”'‘’„«» ")
    if english:
        shorter = _TRAILING_CLAUSE.sub("", text)
        if len(shorter.split()) >= 4:
            text = shorter
        shorter = _ATTRIBUTION.sub("", text)
        if len(shorter.split()) >= 4:
            text = shorter
    text = text.rstrip(" .!?;:,")
    words = text.split()
    if len(words) > MAX_WORDS:
        text = _cut(text, _CLAUSE_BREAK if english else _PUNCTUATION_BREAK)
    if english:
        text = _TRAILING_WORDS.sub("", text)
    text = text.rstrip(" ,;:-–—")
    return text[:1].upper() + text[1:]


def _cut(text: str, breaks: re.Pattern[str]) -> str:
    """The longest clause-bounded prefix of at most MAX_WORDS words (at least 5)."""
    best = ""
    for match in breaks.finditer(text):
        prefix = text[: match.start()]
        if len(prefix.split()) > MAX_WORDS:
            break
        if len(prefix.split()) >= 5:
            best = prefix
    if best:
        return best
    return " ".join(text.split()[:MAX_WORDS]) + "…"
