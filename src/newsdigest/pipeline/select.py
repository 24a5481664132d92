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
clause carries no value, and never to less than a clause with its verb.
A fact's quotation marks are balanced (an orphan mark at an end goes; a
sentence with an unmatched mark inside is no fact), initials alone are no
names, and no two facts state the same value about the same thing (see
:func:`newsdigest.analysis.facts.same_value`: amounts of one kind within 1%
that count the same word, "Rs 300 for 15 minutes" and "Rs 299 for fifteen
minutes", in sentences sharing another content word); of two such, the one
of higher priority stays.
"""

from __future__ import annotations

import re
from bisect import insort
from collections import Counter
from collections.abc import Sequence

from newsdigest.analysis.facts import balanced_quotes, mid_sentence_names, same_value, values
from newsdigest.analysis.headline import is_clause
from newsdigest.model import Fact, Selected, Sentence, Value
from newsdigest.options import Options
from newsdigest.pipeline.score import Ranking
from newsdigest.words import jaccard, prefix_length, tokens, truncate_words, word_count

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
    r"^((?:In|On|At|Out of|Among|Of|Over|Beyond|Behind|While|After|Before|Instead|Despite|Since|During|Following|For|"
    r"With|As|Meanwhile|However|Still|Also|Yet|Earlier|Later|Last|This|Then|Now|Today|Separately|"
    r"Overall|Ultimately|Moreover|Furthermore|Additionally|Elsewhere)\b[^,;:“\"]{0,60}?),\s+(?=\S)"
)
_AMOUNT_KINDS = frozenset(("money", "percent", "number"))
_PREPOSITIONS = frozenset("in on at out of among over under after before during since for with from by".split())
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
    sentences: Sequence[Sentence],
    ranking: Ranking,
    summary: Sequence[Selected],
    count: int,
    language: str = "english",
) -> tuple[Fact, ...]:
    if count <= 0:
        return ()
    names = mid_sentence_names((sentence.text for sentence in sentences), language)
    repeats = _Repeats([frozenset(tokens(item.text)) for item in summary])
    in_summary = {item.index for item in summary}
    # Sentences are judged best possible priority first (a strength of 1), and
    # judging stops once no sentence left can enter the top ``count``: finding
    # values is the costly part, and a long text needs it for a few sentences.
    pool: list[tuple[float, Sentence, float, float]] = []
    for sentence in sentences:
        if sentence.index in in_summary or sentence.index not in ranking.scores:
            continue
        score = ranking.scores[sentence.index]
        brevity = min(1.0, 20 / max(sentence.words, 1))
        pool.append((0.45 * 1.0 + 0.35 * score + 0.2 * brevity, sentence, score, brevity))
    pool.sort(key=lambda item: (-item[0], item[1].index))
    best: list[tuple[float, int, Sentence, float, tuple[Value, ...]]] = []  # (-priority, index, ...), the top ``count``
    for bound, sentence, score, brevity in pool:
        if len(best) == count and bound < -best[-1][0]:
            break
        if repeats(frozenset(tokens(sentence.text))):
            continue
        if balanced_quotes(sentence.text) is None:
            continue
        found = values(sentence.text, names, language)
        if not found or ({value.kind for value in found} == {"name"} and len(found) < NAME_ONLY_MIN):
            continue
        kinds = {value.kind for value in found}
        strength = min(1.0, (len(kinds) + 0.5 * len(found)) / 4)
        priority = 0.45 * strength + 0.35 * score + 0.2 * brevity
        numeric = any(value.kind in _AMOUNT_KINDS for value in found)
        same = [
            item for item in best if numeric and same_value((item[2].text, item[4]), (sentence.text, found), language)
        ]
        if any(item[:2] < (-priority, sentence.index) for item in same):
            continue  # a better fact (higher priority, or equal and earlier) states this value already
        for item in same:
            best.remove(item)
        insort(best, (-priority, sentence.index, sentence, score, found))
        del best[count:]
    facts = []
    for _, _, sentence, score, found in sorted(best, key=lambda item: item[1]):
        text = _main_clause(sentence.text, names) if language == "english" else sentence.text
        text = balanced_quotes(text) or balanced_quotes(sentence.text) or sentence.text
        facts.append(
            Fact(sentence.index, text, score, found if text == sentence.text else values(text, names, language))
        )
    return tuple(facts)


class _Repeats:
    """Whether a sentence's words would repeat a summary sentence (Jaccard ≥ ``REPEATS_SUMMARY``).

    Prefix filtering, as in set-similarity joins: two word sets that similar
    share a word among the first ``|x| - ceil(t·|x|) + 1`` words of each, in
    one fixed order (rarest first). So a sentence is compared only with the
    summary sentences indexed under its own first words, not with the whole
    summary, which ``--ratio`` can make as long as the article.
    """

    def __init__(self, summary: Sequence[frozenset[str]]) -> None:
        frequency = Counter(word for words in summary for word in words)
        # One fixed order, rarest first; words no summary sentence has come first.
        self._order = {word: place for place, word in enumerate(sorted(frequency, key=lambda w: (frequency[w], w)), 1)}
        self._summary = summary
        self._has_empty = any(not words for words in summary)
        self._index: dict[str, list[int]] = {}
        for position, words in enumerate(summary):
            for word in self._prefix(words):
                self._index.setdefault(word, []).append(position)

    def _prefix(self, words: frozenset[str]) -> list[str]:
        ordered = sorted(words, key=lambda word: (self._order.get(word, 0), word))
        return ordered[: prefix_length(len(words), REPEATS_SUMMARY)]

    def __call__(self, words: frozenset[str]) -> bool:
        if not words:
            return self._has_empty  # two empty sets count as the same
        compared: set[int] = set()
        for word in self._prefix(words):
            for position in self._index.get(word, ()):
                if position not in compared:
                    compared.add(position)
                    if jaccard(words, self._summary[position]) >= REPEATS_SUMMARY:
                        return True
        return False


def _main_clause(text: str, names: frozenset[str]) -> str:
    """Drop a value-free leading phrase, and a value-free trailing clause of a long sentence."""
    lead = _LEADING_PHRASE.match(text)
    if (
        lead
        and not _carries_values(lead.group(1), names)
        and len(text) - lead.end() > 20
        and is_clause(text[lead.end() :])
    ):
        rest = text[lead.end() :]
        text = rest[:1].upper() + rest[1:]
    if word_count(text) > MAX_FACT_WORDS:
        for match in _TRAILING_CLAUSE.finditer(text):
            head, tail = text[: match.start()], text[match.start() :]
            if len(head.split()) >= 8 and not _carries_values(tail, names) and _keeps_predicate(head):
                return head.rstrip(" ,;:") + "."
    return text


def _keeps_predicate(head: str) -> bool:
    """A trimmed fact keeps its main clause: past any leading adverbial, a clause with a verb remains
    ("Out of 17 observations by the Keck Observatory" alone has lost "the scientists spotted ...")."""
    lead = _LEADING_PHRASE.match(head)
    if lead is None and head[:1].isupper() and head.split(None, 1)[0].lower() in _PREPOSITIONS:
        return False  # a prepositional phrase with no comma after it: the clause is in the tail
    return is_clause(head[lead.end() :] if lead else head)


def _carries_values(text: str, names: frozenset[str]) -> bool:
    return any(value.kind != "name" or value.text in names for value in values(text, names))
