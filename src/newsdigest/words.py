"""Word-level helpers shared by the steps: tokens, stop words, a light stemmer.

The stop-word list is the one sumy ships, read as a data file so that the
default path never imports sumy (or NLTK).
"""

from __future__ import annotations

import math
import re
from functools import cache, lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

_TOKEN = re.compile(r"\w+(?:['’]\w+)*")
# What a reader counts as a word: "U.S.", "GPT-4" and "3.5" are one each.
_WORD = re.compile(r"\w+(?:['’.-]\w+)*")


# The steps of one digest count and tokenise the same sentences again and
# again, so these three functions remember their results: for one article,
# because digest() calls forget_sentences() when it is done (a batch's memory
# then stays flat however many articles pass through). The bound is a book's
# worth of sentences. Measured (callgrind instructions; benchmarks/RESULTS.md,
# "Optimisations"): without these caches a digest of the development articles
# costs 14% more.
SENTENCE_CACHE = 1 << 15


@lru_cache(maxsize=SENTENCE_CACHE)
def word_count(text: str) -> int:
    """Words as every count in newsdigest (budgets, stats) counts them."""
    return len(_WORD.findall(text))


def word_count_at_most(text: str, limit: int) -> int:
    """:func:`word_count`, but it stops counting past ``limit`` (returns ``limit + 1`` then).

    For tests like "at most 45 words" on lines that may be a whole article long.
    """
    count = 0
    for _ in _WORD.finditer(text):
        count += 1
        if count > limit:
            break
    return count


def truncate_words(text: str, limit: int) -> str:
    """The first ``limit`` words of ``text``, ending in "…" when cut."""
    matches = list(_WORD.finditer(text))
    if len(matches) <= limit:
        return text
    return text[: matches[limit - 1].end()].rstrip(",;:") + "…"


# A token never ends in an apostrophe, so a possessive ending is a final 's.
_POSSESSIVE_ENDINGS = ("'s", "’s")
_APOSTROPHES = ("'", "’")


def without_possessive(word: str) -> str:
    """``word`` without a final 's or ' ("OpenAI’s" -> "OpenAI"; what ``['’]s?$`` removes, without a regex)."""
    if word.endswith(_APOSTROPHES):
        return word[:-1]
    if word.endswith(_POSSESSIVE_ENDINGS):
        return word[:-2]
    return word


@lru_cache(maxsize=SENTENCE_CACHE)
def lowered_words(text: str) -> tuple[str, ...]:
    """Lower-cased word tokens, possessive endings kept ("openai’s")."""
    return tuple(_TOKEN.findall(text.lower()))


@lru_cache(maxsize=SENTENCE_CACHE)
def tokens(text: str) -> tuple[str, ...]:
    """Lower-cased word tokens, possessive endings removed ("OpenAI’s" -> "openai")."""
    return tuple([token[:-2] if token.endswith(_POSSESSIVE_ENDINGS) else token for token in lowered_words(text)])


def forget_sentences() -> None:
    """Empty the per-sentence caches (:func:`word_count`, :func:`lowered_words`, :func:`tokens`)."""
    for cached in (word_count, lowered_words, tokens):
        cached.cache_clear()


#: The rules for a language outside the supported ones: no stop-word list
#: and no stemmer (the keywords compute a stop list from the text itself).
NEUTRAL = "neutral"


@cache
def stop_words(language: str = "english") -> frozenset[str]:
    """English: sumy's list (the methods were tuned with it). Other languages:
    the stop-words package's lists; sumy's lack "de" in Spanish and French.
    Both are read as data files, without importing either package.
    Language-neutral rules (:data:`NEUTRAL`) have none."""
    if language == NEUTRAL:
        return frozenset()
    package, folder = ("sumy", ("data", "stopwords")) if language == "english" else ("stop_words", ("stop-words",))
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"{package} is not installed; newsdigest needs its stop-word lists")
    data = Path(next(iter(spec.submodule_search_locations)), *folder, f"{language}.txt")
    words = {line.strip().lower() for line in data.read_text(encoding="utf-8").splitlines()}
    return frozenset(word.replace("’", "'") for word in words if word)


@lru_cache(maxsize=1 << 16)  # a pure function of a word; a text repeats its words a lot
def stem(word: str, language: str = "english") -> str:
    """English: a deliberately light suffix stripper (plural and verb endings),
    enough to make "reasoning"/"reasons"/"reason" meet (the keywords were tuned
    with it). Other languages: their Snowball stemmer; language-neutral rules: none."""
    if language == NEUTRAL:
        return word
    if language != "english":
        return _snowball(language).stemWord(word)  # type: ignore[no-any-return]
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: len(word) - len(suffix)] + keep
    return word


@cache
def _snowball(language: str) -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer(language)


def prefix_length(size: int, threshold: float) -> int:
    """How many of a set's words, in one fixed order, prefix filtering must index or probe.

    Two sets with a Jaccard overlap of at least ``threshold`` share a word
    among the first ``size - ceil(threshold * size) + 1`` of each. Taken a
    little under ``threshold * size`` before rounding up: a longer prefix is
    always safe.
    """
    return size - math.ceil(threshold * size - 1e-9) + 1


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared words over all words (two empty sets are the same: 1.0)."""
    if not (a or b):
        return 1.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)  # the union's size, without building it
