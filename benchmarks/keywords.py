"""Keyword quality: how many of a headline's words the top keywords find.

Usage (the data set is read by path, never copied):
    .venv/bin/python -m pip install yake          # the peer method compared
    .venv/bin/python benchmarks/keywords.py BBC_DEV.jsonl [--split tune|heldout|all]

For every article (its title withheld from the input), the share of the real
title's content words (lower-cased, stop words removed, lightly stemmed) that
appear among the words of the top 8 keywords. Compared systems: newsdigest's
keywords, plain term frequency (the 8 most frequent content words of the same
cleaned sentences) and YAKE (if installed), all on the same text.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable

from newsdigest.analysis.keywords import keywords
from newsdigest.evaluation.evaluate import read_records, select_split
from newsdigest.model import Sentence
from newsdigest.pipeline.clean import clean
from newsdigest.pipeline.segment import segment
from newsdigest.words import stem, stop_words, tokens, word_count

TOP = 8


def content_stems(text: str) -> set[str]:
    stops = stop_words()
    return {stem(word) for word in tokens(text) if word not in stops and not word.isdigit()}


def main(path: str, split: str = "all") -> None:
    records, _ = read_records(path)
    records = select_split(records, split)
    systems: dict[str, Callable[[list[str], str], list[str]]] = {}

    def newsdigest_keywords(sentences: list[str], _text: str) -> list[str]:
        body = [Sentence(i, text, 0, word_count(text)) for i, text in enumerate(sentences)]
        return [k.text for k in keywords(body, TOP)]

    def term_frequency(sentences: list[str], _text: str) -> list[str]:
        stops = stop_words()
        counts = Counter(w for s in sentences for w in tokens(s) if w not in stops and not w.isdigit() and len(w) > 1)
        return [word for word, _ in counts.most_common(TOP)]

    systems["newsdigest"] = newsdigest_keywords
    systems["term frequency"] = term_frequency
    try:
        import yake

        extractor = yake.KeywordExtractor(lan="en", n=3, top=TOP)
        systems["YAKE (n=3)"] = lambda sentences, _text: [
            k for k, _ in extractor.extract_keywords("\n".join(sentences))
        ]
    except ImportError:
        print("(yake not installed: pip install yake to compare with it)")
    totals = dict.fromkeys(systems, 0.0)
    counted = 0
    for record in records:
        title = content_stems(record.title or "")
        if not title:
            continue
        body = [s for s in segment(clean(record.text)).sentences if s.duplicate_of is None]
        sentences = [s.text for s in body]
        counted += 1
        for name, system in systems.items():
            found = set().union(*(content_stems(k) for k in system(sentences, record.text))) if sentences else set()
            totals[name] += len(title & found) / len(title)
    print(f"{counted} articles with titles, top {TOP} keywords: share of title content words found")
    for name, total in totals.items():
        print(f"{name:16} {100 * total / counted:6.2f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "all")
