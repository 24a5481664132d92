"""Typed values in a sentence, found with patterns (no downloaded model).

Kinds: ``date``, ``money``, ``percent``, ``number``, ``name`` (people,
organisations, products: capitalised or mixed-case words outside the
sentence's first position, or a first word that the article also
capitalises elsewhere) and ``quote`` (a quoted statement of some length).

English patterns are the base; other languages add their month and weekday
names ("3. März 2025", "3 de marzo de 2025"), words for amounts and per cent,
and their quotation marks („...“, « ... »). Numbers with a decimal comma
("1.234,5") are numbers everywhere. German capitalises every noun, so there a
single capitalised word is no name unless it is mixed-case or has a digit.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from newsdigest.model import Value
from newsdigest.words import stop_words, without_possessive

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
# Name words in a row, maybe joined by "of", "the", "van"... ("Bank of England").
_CAPITALISED = re.compile(rf"\b{_NAME_WORD}(?:\s+(?:(?:of|the|de|du|van|von|for)\s+)?{_NAME_WORD})*")


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
_SPELLED_WORDS = re.compile(_SPELLED.removeprefix("(?:").removesuffix(")").replace("s?", ""))


def _possible_kinds(text: str, rules: _Language) -> frozenset[str]:
    kinds = {"name"}
    if any(map(text.__contains__, '"“„«»')):
        kinds.add("quote")
    if _DIGIT.search(text):
        kinds.update(("money", "percent", "date", "number"))
        return frozenset(kinds)
    if rules.date_names is not None and rules.date_names.search(text):
        kinds.add("date")
    if not text.isascii() or _SPELLED_WORDS.search(text.lower()):
        kinds.add("number")
    return frozenset(kinds)


_MONTHS = {
    "german": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "french": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "spanish": "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre",
    "italian": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "portuguese": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "swedish": "januari februari mars april maj juni juli augusti september oktober november december",
}
_WEEKDAYS = {
    "german": "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag",
    "french": "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "spanish": "lunes martes miércoles jueves viernes sábado domingo",
    "italian": "lunedì martedì mercoledì giovedì venerdì sabato domenica",
    "portuguese": "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo",
    "swedish": "måndag tisdag onsdag torsdag fredag lördag söndag",
}
_OTHER_SCALE = (
    r"(?:\s?(?:Mrd|Mio|Milliarden?|Millionen?|milliards?|millions?|mil\s+millones|millones|millón"
    r"|miliardi|milioni|milhões|bilhões|miljoner|miljarder|mld|mln)\.?)?"
)
_OTHER_CURRENCY = r"(?:Euro|euros?|d['’]euros|Dollar|dólares|dollari|francs|kronor|złotych|Kč)"
_OTHER_PERCENT = r"(?:Prozent|pour\s?cent|por\s?ciento|per\s?cento|por\s?cento|procent)"


@dataclass(frozen=True)
class _Language:
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    date_names: re.Pattern[str] | None  # any month or weekday name, for the cheap pre-check
    month_or_weekday: re.Pattern[str] | None  # one, alone: a date, not a name
    not_names: frozenset[str]
    single_words_are_names: bool


@cache
def _language(language: str) -> _Language:
    if language == "english":
        return _Language(_PATTERNS, _DATE_NAME, _MONTH_OR_WEEKDAY, _NOT_NAMES, True)
    months = "|".join(_MONTHS.get(language, "").split())
    weekdays = "|".join(_WEEKDAYS.get(language, "").split())
    quote = ("quote", re.compile(r"[“\"„«»‚]\s?([^”\"“»«]{12,}?)\s?[”\"“»«]"))
    money = (
        "money",
        re.compile(
            rf"(?:[$€£¥₹]|US\$|USD\s?|EUR\s?|GBP\s?){_NUMBER}{_OTHER_SCALE}"
            rf"|\b{_NUMBER}{_OTHER_SCALE}\s?(?:[$€£]|{_OTHER_CURRENCY}\b)"
        ),
    )
    percent = ("percent", re.compile(rf"\b{_NUMBER}\s?(?:%|{_OTHER_PERCENT}\b)"))
    date_parts = [r"\d{4}-\d{2}-\d{2}", r"\d{1,2}\.\d{1,2}\.\d{4}", r"(?:1[89]|20)\d{2}"]
    if months:
        date_parts.insert(0, rf"\d{{1,2}}\.?\s+(?:de\s+)?(?:{months})(?:\s+(?:de\s+|del\s+)?\d{{4}})?")
        date_parts.insert(1, rf"(?:{months})\s+(?:de\s+)?\d{{4}}")
    if weekdays:
        date_parts.append(weekdays)
    date = ("date", re.compile(rf"\b(?:{'|'.join(date_parts)})\b", re.IGNORECASE))
    number = ("number", re.compile(rf"\b{_NUMBER}{_OTHER_SCALE}(?:-\w+)?"))
    names = "|".join(filter(None, (months, weekdays)))
    return _Language(
        patterns=(quote, money, percent, date, number),
        date_names=re.compile(names, re.IGNORECASE) if names else None,
        month_or_weekday=re.compile(names, re.IGNORECASE) if names else None,
        not_names=_NOT_NAMES | {word.capitalize() for word in stop_words(language)},
        single_words_are_names=language != "german",
    )


def values(text: str, known_names: Iterable[str] = (), language: str = "english") -> tuple[Value, ...]:
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

    rules = _language(language)
    possible = _possible_kinds(text, rules)

    def add_matches(patterns: tuple[tuple[str, re.Pattern[str]], ...]) -> None:
        for kind, pattern in patterns:
            if kind not in possible:
                continue
            for match in pattern.finditer(text):
                group = 1 if kind == "quote" else 0
                add(kind, match.start(), match.end(), match.group(group).strip(" ,"))

    add_matches(rules.patterns[:-1])
    # Called once per sentence with the article's names: do not copy a set.
    names = known_names if isinstance(known_names, (set, frozenset)) else set(known_names)
    first_word = _FIRST_WORD.match(text)
    first_start = first_word.start(1) if first_word else -1
    for match in _CAPITALISED.finditer(text):
        name = without_possessive(match.group(0)).rstrip(".-")
        start = match.start()
        if start == first_start or text[max(0, start - 1) : start] in "“\"‘'":
            words = name.split()
            while words and (words[0] in rules.not_names or (start == first_start and words[0] not in names)):
                start += len(words[0]) + 1
                words = words[1:]
            name = " ".join(words)
        if (
            name
            and name not in rules.not_names
            and not (rules.month_or_weekday and rules.month_or_weekday.fullmatch(name))
            and (rules.single_words_are_names or " " in name or not name[1:].islower())
        ):
            add("name", start, start + len(name), name)
    add_matches(rules.patterns[-1:])  # plain numbers last: "GPT-4" is a name, not a 4
    found.sort(key=lambda item: item[0])
    unique: dict[tuple[str, str], Value] = {}
    for _, value in found:
        unique.setdefault((value.kind, value.text), value)
    return tuple(unique.values())


def mid_sentence_names(texts: Iterable[str], language: str = "english") -> frozenset[str]:
    """Capitalised words that appear somewhere other than a sentence's start."""
    found = [
        match.group(0)
        for text in texts
        for match in _CAPITALISED.finditer(text)
        if match.start() > 0 and text[match.start() - 1] not in "“\"‘'„«"
    ]
    names = set(map(without_possessive, set(" ".join(found).split())))
    return frozenset(names - _language(language).not_names)
