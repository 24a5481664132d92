"""Which articles tell the same story: similarity of headline and lead, shared names and numbers, time.

Each article becomes a :class:`Profile`: the stemmed content words of its
headline (counted twice) and lead, weighted by how rare they are among the
day's articles (TF-IDF), the words of the names it mentions, and the
amounts it states, normalised ("$2bn", "$2 billion" and "2 billion dollars"
are one amount). Two articles' similarity is

    0.6 · cosine(words) + 0.25 · overlap(names) + 0.15 · overlap(amounts)

and zero when both are dated more than :data:`MAX_GAP` apart. Articles are
merged by average linkage: two groups join only when the mean similarity
over all their pairs reaches :data:`THRESHOLD`, so one shared name cannot
chain two stories together.

The threshold is precision-first (a wrong merge hides a story; a missed one
shows it twice): it was chosen on the labelled story set in
tests/data/stories.json (different stories sharing names, places and
people; same events written by different outlets) and checked on the
development sets, where different articles of one category are never merged
(benchmarks/brief_groups.py; figures in benchmarks/RESULTS.md).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from newsdigest.analysis.facts import values
from newsdigest.words import stem, stop_words, tokens

#: Mean pair similarity at which two groups of articles are one story.
THRESHOLD = 0.4
#: Articles dated further apart than this are never one story.
MAX_GAP = timedelta(hours=48)
#: Words of each article that find its candidate pairs, and the share of the articles a word may be in.
KEY_WORDS = 12
COMMON_SHARE = 0.05
#: Words of the lead that count, after the headline.
LEAD_WORDS = 60

_WEIGHTS = (0.6, 0.25, 0.15)
_AMOUNT = re.compile(r"\d+(?:[.,]\d+)*")
_SCALES = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "billion": 1e9,
    "tn": 1e12,
    "trillion": 1e12,
}
_SCALE_WORD = re.compile(r"\b(k|thousand|mn|m|million|bn|billion|tn|trillion)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Profile:
    words: dict[str, float]  # stem -> TF-IDF weight, unit length
    names: frozenset[str]
    amounts: frozenset[str]
    published: datetime | None


def lead(text: str, title: str | None) -> str:
    """The first :data:`LEAD_WORDS` words of the body (a first line equal to the title is skipped)."""
    body = text.strip()
    first, _, rest = body.partition("\n")
    if title and first.strip().casefold() == title.strip().casefold():
        body = rest
    return " ".join(body.split()[:LEAD_WORDS])


def content_stems(text: str, language: str = "english") -> list[str]:
    stops = stop_words(language)
    return [stem(word, language) for word in tokens(text) if len(word) > 2 and not word.isdigit() and word not in stops]


def amount_key(text: str) -> str | None:
    """An amount as a number with its unit: "$2bn" and "2 billion dollars" give the same key."""
    match = _AMOUNT.search(text)
    if match is None:
        return None
    digits = match.group(0)
    digits = digits.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", digits) else digits
    try:
        number = float(digits.replace(",", "."))
    except ValueError:
        return None
    scale = _SCALE_WORD.search(text[match.end() :])
    if scale and scale.start() <= 1:
        number *= _SCALES[scale.group(1).lower()]
    unit = "%" if "%" in text or "cent" in text.lower() else ""
    unit = unit or (
        "$" if any(c in text for c in "$€£¥") or "dollar" in text.lower() or "pound" in text.lower() else ""
    )
    return f"{number:g}{unit}"


def profiles(titles: Sequence[str], leads: Sequence[str], dates: Sequence[datetime | None]) -> list[Profile]:
    """One :class:`Profile` per article; the word weights use the document frequencies of these articles."""
    counts: list[Counter[str]] = []
    names: list[frozenset[str]] = []
    amounts: list[frozenset[str]] = []
    for title, text in zip(titles, leads, strict=True):
        counter = Counter(content_stems(title))
        counter.update(counter)  # the headline counts twice
        counter.update(content_stems(text))
        counts.append(counter)
        found = values(f"{title}.\n{text}") + values(text)
        names.append(
            frozenset(word.lower() for v in found if v.kind == "name" for word in v.text.split() if len(word) > 1)
        )
        amounts.append(
            frozenset(key for v in found if v.kind in ("money", "percent", "number") if (key := amount_key(v.text)))
        )
    document_frequency: Counter[str] = Counter(word for counter in counts for word in counter)
    total = len(counts)
    result = []
    for counter, name_set, amount_set, date in zip(counts, names, amounts, dates, strict=True):
        weights = {
            word: (1 + math.log(count)) * (math.log((total + 1) / (document_frequency[word] + 1)) + 1)
            for word, count in counter.items()
        }
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        result.append(Profile({w: v / norm for w, v in weights.items()}, name_set, amount_set, date))
    return result


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def similarity(a: Profile, b: Profile) -> float:
    """0..1: how likely two articles are about one event (see the module docstring)."""
    if a.published and b.published and abs(a.published - b.published) > MAX_GAP:
        return 0.0
    small, large = (a.words, b.words) if len(a.words) <= len(b.words) else (b.words, a.words)
    cosine = sum(weight * large.get(word, 0.0) for word, weight in small.items())
    w_words, w_names, w_amounts = _WEIGHTS
    return w_words * cosine + w_names * _overlap(a.names, b.names) + w_amounts * _overlap(a.amounts, b.amounts)


def pair_similarities(items: Sequence[Profile]) -> dict[tuple[int, int], float]:
    """Similarity of the candidate pairs (i < j); the others are taken as 0 and left out.

    Candidates share one of their :data:`KEY_WORDS` heaviest words (by TF-IDF)
    that is in at most :data:`COMMON_SHARE` of the articles (and at least
    20 of them): an article about the same event shares its rare, heavy
    words (names, places, the thing that happened). Comparing every pair
    instead took 12.7 of the 53 s a briefing of 1,000 articles took under
    the profiler (175,627 pairs, benchmarks/brief.py); a missed candidate
    can only split a story, never merge two.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for index, profile in enumerate(items):
        heaviest = sorted(profile.words.items(), key=lambda pair: (-pair[1], pair[0]))[:KEY_WORDS]
        for word, _ in heaviest:
            postings[word].append(index)
    common = max(20, int(len(items) * COMMON_SHARE))
    candidates: set[tuple[int, int]] = set()
    for members in postings.values():
        if len(members) > common:
            continue
        for position, i in enumerate(members):
            candidates.update((i, j) for j in members[position + 1 :])
    found = {}
    for i, j in candidates:
        score = similarity(items[i], items[j])
        if score > 0:
            found[(i, j)] = score
    return found


def group(count: int, pairs: dict[tuple[int, int], float], threshold: float = THRESHOLD) -> list[list[int]]:
    """Average-linkage groups of ``count`` articles, each sorted, in order of their first article."""
    groups: dict[int, list[int]] = {i: [i] for i in range(count)}
    owner = list(range(count))
    for (i, j), score in sorted(pairs.items(), key=lambda item: (-item[1], item[0])):
        if score < threshold:
            break
        a, b = owner[i], owner[j]
        if a == b:
            continue
        left, right = groups[a], groups[b]
        total = sum(pairs.get((min(x, y), max(x, y)), 0.0) for x in left for y in right)
        if total / (len(left) * len(right)) < threshold:
            continue
        keep, gone = (a, b) if len(left) >= len(right) else (b, a)
        groups[keep].extend(groups.pop(gone))
        for member in groups[keep]:
            owner[member] = keep
    return sorted((sorted(members) for members in groups.values()), key=lambda members: members[0])
