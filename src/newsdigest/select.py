"""Step 5, select: the summary and the key facts from a :class:`Ranking`.

The summary takes sentences in the method's order of preference until the
length setting is met, then shows them in document order. A word budget is
hard: sentences that do not fit are skipped, and if even the best one is
longer than the budget it is shortened (ending in "…") rather than leaving
the summary empty.

Key facts are short, concrete statements the summary does not already make:
sentences outside the summary that carry typed values (dates, amounts,
names, quotes), preferring many kinds of value, a high score and brevity;
each is trimmed to its main clause where a leading phrase or a trailing
clause carries no value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .facts import mid_sentence_names, values
from .model import Fact, Selected, Sentence
from .options import Options
from .score import Ranking
from .words import tokens, truncate_words, word_count

#: A fact longer than this is trimmed to its main clause where possible.
MAX_FACT_WORDS = 30
#: A sentence whose only values are names is a fact only with this many names
#: ("X played a role at Y" is not checkable; "X of Y met Z" is closer).
NAME_ONLY_MIN = 3
#: Sentences sharing this much of their words (Jaccard) with a summary
#: sentence would only repeat it, so they are no facts.
REPEATS_SUMMARY = 0.5
# An introductory adverbial ("In his farewell note, ", "Over time, "), not a clause
# that carries the statement ("The approach paid off, with ...").
_LEADING_PHRASE = re.compile(
    r"^((?:In|On|At|Over|Beyond|Behind|While|After|Before|Instead|Despite|Since|During|Following|For|"
    r"With|As|Meanwhile|However|Still|Also|Yet|Earlier|Later|Last|This|Then|Now|Today|Separately|"
    r"Overall|Ultimately|Moreover|Furthermore|Additionally|Elsewhere)\b[^,;:“\"]{0,60}?),\s+(?=\S)"
)
_TRAILING_CLAUSE = re.compile(r",\s+(?:which|who|while|noting|adding|saying|as|when|where|but|\w+ing)\b")


def select_summary(sentences: Sequence[Sentence], ranking: Ranking, options: Options) -> tuple[Selected, ...]:
    by_index = {sentence.index: sentence for sentence in sentences}
    chosen: list[Sentence] = []
    if options.words is None:
        count = options.sentence_count(len(ranking.order))
        chosen = [by_index[index] for index in ranking.order[:count]]
    else:
        budget = options.words
        for index in ranking.order:
            if by_index[index].words <= budget:
                chosen.append(by_index[index])
                budget -= by_index[index].words
        if not chosen and ranking.order:
            best = by_index[ranking.order[0]]
            text = truncate_words(best.text, options.words)
            return (Selected(best.index, text, ranking.scores[best.index]),)
    chosen.sort(key=lambda sentence: sentence.index)
    return tuple(Selected(s.index, s.text, ranking.scores[s.index]) for s in chosen)


def select_facts(
    sentences: Sequence[Sentence], ranking: Ranking, summary: Sequence[Selected], count: int
) -> tuple[Fact, ...]:
    if count <= 0:
        return ()
    names = mid_sentence_names(sentence.text for sentence in sentences)
    summary_words = [frozenset(tokens(item.text)) for item in summary]
    in_summary = {item.index for item in summary}
    candidates: list[tuple[float, Fact]] = []
    for sentence in sentences:
        if sentence.index in in_summary or sentence.index not in ranking.scores:
            continue
        words = frozenset(tokens(sentence.text))
        if any(_overlap(words, other) >= REPEATS_SUMMARY for other in summary_words):
            continue
        found = values(sentence.text, names)
        if not found or ({value.kind for value in found} == {"name"} and len(found) < NAME_ONLY_MIN):
            continue
        text = _main_clause(sentence.text, names)
        kinds = {value.kind for value in found}
        strength = min(1.0, (len(kinds) + 0.5 * len(found)) / 4)
        brevity = min(1.0, 20 / max(sentence.words, 1))
        score = ranking.scores[sentence.index]
        priority = 0.45 * strength + 0.35 * score + 0.2 * brevity
        fact = Fact(sentence.index, text, score, values(text, names))
        candidates.append((priority, fact))
    candidates.sort(key=lambda item: (-item[0], item[1].index))
    return tuple(sorted((fact for _, fact in candidates[:count]), key=lambda fact: fact.index))


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def _main_clause(text: str, names: frozenset[str]) -> str:
    """Drop a value-free leading phrase, and a value-free trailing clause of a long sentence."""
    lead = _LEADING_PHRASE.match(text)
    if lead and not _carries_values(lead.group(1), names) and len(text) - lead.end() > 20:
        rest = text[lead.end() :]
        text = rest[:1].upper() + rest[1:]
    if word_count(text) > MAX_FACT_WORDS:
        for match in _TRAILING_CLAUSE.finditer(text):
            head, tail = text[: match.start()], text[match.start() :]
            if len(head.split()) >= 8 and not _carries_values(tail, names):
                return head.rstrip(" ,;:") + "."
    return text


def _carries_values(text: str, names: frozenset[str]) -> bool:
    return any(value.kind != "name" or value.text in names for value in values(text, names))
