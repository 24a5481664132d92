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
from functools import cache, lru_cache

from newsdigest.model import Value
from newsdigest.words import stem, stop_words, tokens, without_possessive

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
# An initial followed by more of the name ("W. M. Keck") is part of the name run.
_NAME_WORD = r"(?:[A-Z]\.(?=\s[A-Z])|[A-Z](?:[\w’'&-]|\.(?=\w))*|[a-z]+\d[\w-]*|[a-z]+[A-Z][\w-]*)"
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
    if any(mark in text for mark in '"“„«»'):
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
            and not _only_initials(name)
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


def _only_initials(name: str) -> bool:
    """ "W", "W." or "W. M.": initials alone name nobody."""
    return all(len(word.rstrip(".")) <= 1 for word in name.split())


def balanced_quotes(text: str) -> str | None:
    """``text`` with balanced quotation marks, or None when they cannot be.

    A sentence often holds one end of a quotation that spans sentences: a
    closing mark with no opening one (the quote opened in an earlier
    sentence) gets its opening mark at the start; an opening mark with no
    closing one (it closes in a later sentence) gets its closing mark at the
    end. What is still unbalanced after that is None.
    """
    if _quotes_balanced(text):
        return text
    at = text.find("“")
    german_close = (
        "”" not in text and "„" not in text and text.count("“") == 1 and at > 0 and not text[at - 1].isspace()
    )
    if "„" in text or german_close:  # German: „...“, where “ closes
        pairs: tuple[tuple[str, str], ...] = (("„", "“"),)
    else:
        pairs = (("“", "”"), ("«", "»"))
    for left, right in pairs:
        opened, closed = text.count(left), text.count(right)
        if closed == opened + 1 and text.find(right) < (text.find(left) if left in text else len(text)):
            text = left + text
        elif opened == closed + 1 and text.rfind(left) > text.rfind(right):
            text = text + right
    if text.count('"') % 2:
        first = text.find('"')
        closing = (
            first > 0 and not text[first - 1].isspace() and (first + 1 == len(text) or not text[first + 1].isalnum())
        )
        text = '"' + text if closing else text + '"'
    return text if _quotes_balanced(text) else None


def _quotes_balanced(text: str) -> bool:
    if text.count('"') % 2:
        return False
    if "„" in text:
        return text.count("„") == text.count("“") and text.count("«") == text.count("»")
    return text.count("“") == text.count("”") and text.count("«") == text.count("»")


_SPELLED_VALUES = {
    word: value
    for value, words in enumerate(
        (
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        )
    )
    for word in [words]
} | {"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
_SCALES = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9, "tn": 1e12,
    "trillion": 1e12, "lakh": 1e5, "crore": 1e7, "mio": 1e6, "millionen": 1e6, "million(s)": 1e6, "mrd": 1e9,
    "milliarden": 1e9, "milliarde": 1e9, "milliards": 1e9, "milliard": 1e9, "millones": 1e6, "milioni": 1e6,
    "miliardi": 1e9, "milhões": 1e6, "bilhões": 1e9, "miljoner": 1e6, "miljarder": 1e9, "mln": 1e6, "mld": 1e9,
}  # fmt: skip
_AMOUNT = re.compile(r"(\d+(?:[.,]\d+)*)\s?([a-zà-ÿ()]+)?", re.IGNORECASE)
#: Two amounts this close (relative) are the same value told twice ("Rs 300" / "Rs 299").
SAME_AMOUNT = 0.01
#: Counts below this ("two teenagers", "3 goals") are too common to be a fact's value.
MIN_COUNT = 10
#: Words on each side of an amount where the word it counts is looked for.
CONTEXT_WORDS = 3


@lru_cache(maxsize=1 << 12)  # a pure function of a value; fact selection asks for the same ones again
def amount(value: Value) -> float | None:
    """The magnitude of a money, percent or number value ("$12.9bn" -> 1.29e10, "fifteen" -> 15)."""
    if value.kind not in ("money", "percent", "number"):
        return None
    text = value.text.lower()
    match = _AMOUNT.search(text)
    if match is None:
        words = [word for word in re.findall(r"[a-z]+", text) if word in _SPELLED_VALUES]
        return float(_SPELLED_VALUES[words[-1]]) if words else None
    digits = match.group(1)
    if "," in digits and "." in digits:  # 1,234.5 or 1.234,5: the last mark is the decimal one
        decimal = "." if digits.rfind(".") > digits.rfind(",") else ","
        digits = digits.replace("," if decimal == "." else ".", "").replace(",", ".")
    elif "," in digits:
        head, _, tail = digits.rpartition(",")
        digits = digits.replace(",", "") if len(tail) == 3 else head.replace(",", "") + "." + tail
    elif digits.count(".") > 1:
        digits = digits.replace(".", "")
    try:
        number = float(digits)
    except ValueError:
        return None
    return number * _SCALES.get((match.group(2) or "").lower(), 1.0)


def same_value(
    first: tuple[str, tuple[Value, ...]], second: tuple[str, tuple[Value, ...]], language: str = "english"
) -> bool:
    """Whether two facts state the same value about the same thing.

    The same value: an amount of the same kind (money, percent or number)
    within ``SAME_AMOUNT`` of each other, spelled or in digits ("Rs 300" and
    "Rs 299", "15" and "fifteen"); a count below ``MIN_COUNT`` ("two", "3")
    is too common to be a fact's value. About the same thing: the amounts
    count the same thing, the first content word after each (or, when none
    follows, the last before it) being the same word ("15 minutes", "fifteen
    minutes"; "3,000 Tunisians" and "3,000 Europeans" differ), and the two
    sentences share another content word besides. Dates alone never make two
    facts the same (many things happen on one day).
    """
    text_a, values_a = first
    text_b, values_b = second
    stops = stop_words(language)
    for value_a in values_a:
        a = _countable(value_a, text_a)
        if a is None:
            continue
        for value_b in values_b:
            b = _countable(value_b, text_b)
            if b is None or value_a.kind != value_b.kind or abs(a - b) > SAME_AMOUNT * max(abs(a), abs(b)):
                continue
            head = _counted(text_a, value_a.text, stops, language)
            if head is None or head != _counted(text_b, value_b.text, stops, language):
                continue
            words_a = {stem(word, language) for word in tokens(text_a) if word not in stops and word.isalpha()}
            words_b = {stem(word, language) for word in tokens(text_b) if word not in stops and word.isalpha()}
            if len(words_a & words_b) >= 2:  # the counted word and another
                return True
    return False


def _countable(value: Value, text: str) -> float | None:
    magnitude = amount(value)
    if magnitude is None or (value.kind == "number" and abs(magnitude) < MIN_COUNT):
        return None
    if not any(char.isdigit() for char in value.text):
        at = text.find(value.text)
        following = text[at + len(value.text) :].split(None, 1)[:1] if at >= 0 else []
        if following and following[0][:1].isupper():
            return None  # a spelled number before a capital is part of a name ("ten Hoopen")
    return magnitude


def _counted(text: str, value: str, stops: frozenset[str], language: str) -> str | None:
    """What an amount counts: the first content word after it, else the last one before it (stemmed)."""
    at = text.find(value)
    if at < 0:
        return None
    after = [word for word in tokens(text[at + len(value) :])[:CONTEXT_WORDS] if word not in stops and word.isalpha()]
    if after:
        return stem(after[0], language)
    before = [word for word in tokens(text[:at])[-CONTEXT_WORDS:] if word not in stops and word.isalpha()]
    return stem(before[-1], language) if before else None


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
