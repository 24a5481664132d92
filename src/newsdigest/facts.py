"""Typed values in a sentence, found with patterns (no downloaded model).

Kinds: ``date``, ``money``, ``percent``, ``number``, ``name`` (people,
organisations, products: capitalised or mixed-case words outside the
sentence's first position, or a first word that the article also
capitalises elsewhere) and ``quote`` (a quoted statement of some length).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from .model import Value

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBER = r"\d+(?:[.,]\d+)*"
_SCALE = r"(?:\s?(?:bn|billion|mn|million|m|k|thousand|trillion|tn|crore|lakh)\b)?"
_SPELLED = (
    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty"
    r"|hundred|hundreds|thousand|thousands|million|millions|billion|billions|dozens?)"
)

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("quote", re.compile(r"[“\"]([^”\"]{12,}?)[”\"]")),
    (
        "money",
        re.compile(
            rf"(?:[$€£¥₹]|US\$|Rs\.?\s?|USD\s?|EUR\s?|GBP\s?){_NUMBER}{_SCALE}"
            rf"|\b{_NUMBER}{_SCALE}\s(?:dollars|euros|pounds|yen|rupees|yuan)\b"
        ),
    ),
    ("percent", re.compile(rf"\b{_NUMBER}\s?(?:%|per\s?cent\b|percent\b|percentage points?\b)")),
    (
        "date",
        re.compile(
            rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?(?:,?\s+\d{{4}})?"
            rf"|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
            rf"|(?:January|February|March|April|June|July|August|September|October|November|December)(?:\s+\d{{4}})?"
            rf"|{_WEEKDAY}|\d{{4}}-\d{{2}}-\d{{2}}|(?:1[89]|20)\d{{2}}s?)\b"
        ),
    ),
    (
        "number",
        re.compile(
            rf"\b{_NUMBER}{_SCALE}(?:-\w+)?|\b(?:(?:nearly|about|almost|over|more than)\s)?{_SPELLED}\b", re.IGNORECASE
        ),
    ),
)
_NAME_WORD = r"(?:[A-Z](?:[\w’'&-]|\.(?=\w))*|[a-z]+\d[\w-]*|[a-z]+[A-Z][\w-]*)"
_CAPITALISED = re.compile(rf"\b{_NAME_WORD}(?:\s+(?:(?:of|the|de|du|van|von|for)\s+)?{_NAME_WORD})*")
_POSSESSIVE = re.compile(r"['’]s?$")
_NOT_NAMES = frozenset(
    """I A An The This That These Those He She It We They His Her Its Our Their You Your
    Mr Mrs Ms Dr But And Or If When While As In On At For With From By To Of After Before
    Instead Beyond Over Under Since Although However Meanwhile Yet So Still""".split()
)


_FIRST_WORD = re.compile(r"\W*(\w+)")
_MONTH_OR_WEEKDAY = re.compile(_MONTH + r"|" + _WEEKDAY)
# What each pattern cannot match without, checked first because it is cheap:
# every money, percent and digit-number pattern needs a digit; a date needs a
# digit or a month or weekday name (case-sensitive, as in the pattern); a
# spelled number needs one of the spelled words (case-insensitively: checked
# on ASCII text only, where lower() is exactly the pattern's case folding).
_DIGIT = re.compile(r"\d")
_DATE_NAME = re.compile(
    r"January|February|March|April|June|July|August|September|October|November|December|" + _WEEKDAY
)
_SPELLED_WORDS = tuple(_SPELLED.removeprefix("(?:").removesuffix(")").replace("s?", "").split("|"))


def _possible_kinds(text: str) -> frozenset[str]:
    kinds = {"name"}
    if '"' in text or "“" in text:
        kinds.add("quote")
    if _DIGIT.search(text):
        kinds.update(("money", "percent", "date", "number"))
        return frozenset(kinds)
    if _DATE_NAME.search(text):
        kinds.add("date")
    lowered = text.lower()
    if not text.isascii() or any(word in lowered for word in _SPELLED_WORDS):
        kinds.add("number")
    return frozenset(kinds)


def values(text: str, known_names: Iterable[str] = ()) -> tuple[Value, ...]:
    """The typed values in ``text``, each once, in order of appearance.

    ``known_names`` are words the article capitalises mid-sentence; a sentence's
    first word counts as a name only if it is one of them.
    """
    found: list[tuple[int, Value]] = []
    # Spans already taken, disjoint and kept sorted, so an overlap test is a
    # bisection rather than a scan (a long sentence can hold many values).
    starts: list[int] = []
    ends: list[int] = []

    def add(kind: str, start: int, end: int, value: str) -> None:
        place = bisect_left(starts, end)
        if place and ends[place - 1] > start:
            return
        starts.insert(place, start)
        ends.insert(place, end)
        found.append((start, Value(kind, value.strip())))  # type: ignore[arg-type]

    possible = _possible_kinds(text)

    def add_matches(patterns: tuple[tuple[str, re.Pattern[str]], ...]) -> None:
        for kind, pattern in patterns:
            if kind not in possible:
                continue
            for match in pattern.finditer(text):
                group = 1 if kind == "quote" else 0
                add(kind, match.start(), match.end(), match.group(group).strip(" ,"))

    add_matches(_PATTERNS[:-1])
    # Called once per sentence with the article's names: do not copy a set.
    names = known_names if isinstance(known_names, (set, frozenset)) else set(known_names)
    first_word = _FIRST_WORD.match(text)
    first_start = first_word.start(1) if first_word else -1
    for match in _CAPITALISED.finditer(text):
        name = _POSSESSIVE.sub("", match.group(0)).rstrip(".-")
        start = match.start()
        if start == first_start or text[max(0, start - 1) : start] in "“\"‘'":
            words = name.split()
            while words and (words[0] in _NOT_NAMES or (start == first_start and words[0] not in names)):
                start += len(words[0]) + 1
                words = words[1:]
            name = " ".join(words)
        if name and name not in _NOT_NAMES and not _MONTH_OR_WEEKDAY.fullmatch(name):
            add("name", start, start + len(name), name)
    add_matches(_PATTERNS[-1:])  # plain numbers last: "GPT-4" is a name, not a 4
    found.sort(key=lambda item: item[0])
    unique: dict[tuple[str, str], Value] = {}
    for _, value in found:
        unique.setdefault((value.kind, value.text), value)
    return tuple(unique.values())


def mid_sentence_names(texts: Iterable[str]) -> frozenset[str]:
    """Capitalised words that appear somewhere other than a sentence's start."""
    names: set[str] = set()
    for text in texts:
        for match in _CAPITALISED.finditer(text):
            if match.start() > 0 and text[match.start() - 1] not in "“\"‘'":
                names.update(_POSSESSIVE.sub("", word) for word in match.group(0).split())
    return frozenset(names - _NOT_NAMES)
