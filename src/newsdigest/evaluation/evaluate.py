"""``newsdigest evaluate``: ROUGE, headline and key-fact scores on a JSON Lines set.

Each line is one article: ``text``, and ``reference`` or
``reference_sentences``; optional ``title`` and ``id``. Every method digests
every article at a fixed number of sentences; the summary is scored against
the reference with Google's ``rouge-score`` (F1, Porter stemming, ROUGE-Lsum
over newline-separated sentences), as the mean over articles with a 95%
bootstrap interval. Where articles have a title, the title is not part of the
input, and the generated headline is scored against it (ROUGE-1, ROUGE-L)
beside the baseline "first 10 words of the lead sentence". Key-fact coverage
is the share of the reference's numbers and capitalised names (outside a
sentence's first word) that appear in the digest's facts, reported with the
facts' mean length in words; the ``lead`` row is the Lead baseline.

``rouge-score`` is an optional dependency: the ``eval`` extra (``pip install '.[eval]'`` in the newsdigest folder).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdigest.errors import UsageError
from newsdigest.model import Sentence
from newsdigest.options import METHODS, Options
from newsdigest.pipeline.clean import clean
from newsdigest.pipeline.digest import digest
from newsdigest.pipeline.load import LineTooLong, input_errors, json_lines, parse_json_line
from newsdigest.pipeline.segment import segment
from newsdigest.sanitise import line as shown
from newsdigest.words import truncate_words, word_count

ROUGE_TYPES = ("rouge1", "rouge2", "rougeLsum")
HEADLINE_TYPES = ("rouge1", "rougeL")
BOOTSTRAP_SAMPLES = 1000
BASELINE_HEADLINE_WORDS = 10
#: Split used to keep articles aside while tuning: an article is held out when
#: the first 8 hex digits of sha1(id), as an integer, are divisible by 5.
HOLDOUT_MODULUS = 5
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"(?<=\s)[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*")


@dataclass(frozen=True)
class Record:
    id: str
    text: str
    reference_sentences: tuple[str, ...]
    title: str | None = None


@dataclass(frozen=True)
class BadLine:
    line: int
    message: str


@dataclass(frozen=True)
class Interval:
    mean: float
    low: float
    high: float

    def to_dict(self) -> dict[str, float]:
        return {"mean": round(self.mean, 2), "low": round(self.low, 2), "high": round(self.high, 2)}


@dataclass(frozen=True)
class MethodResult:
    method: str
    articles: int
    rouge: dict[str, Interval]
    words: float
    fact_coverage: float | None
    fact_words: float
    failures: int = 0
    #: Each article's score by ROUGE type, in the records' order (for paired comparisons, :func:`difference`).
    per_article: dict[str, tuple[float, ...]] = field(default_factory=dict, repr=False, compare=False)


@dataclass(frozen=True)
class Evaluation:
    dataset: str
    split: str
    sentences: int
    articles: int
    methods: tuple[MethodResult, ...]
    headline: dict[str, dict[str, Interval]] = field(default_factory=dict)
    bad_lines: tuple[BadLine, ...] = ()

    def settings(self) -> dict[str, object]:
        from importlib.metadata import version

        return {
            "rouge": f"rouge-score {version('rouge-score')}, F1, use_stemmer=True, rougeLsum over newline-separated sentences",
            "interval": f"95% percentile bootstrap over articles, {BOOTSTRAP_SAMPLES} resamples, seed 0",
            "sentences": self.sentences,
            "headline_baseline": f"first {BASELINE_HEADLINE_WORDS} words of the lead sentence",
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "split": self.split,
            "articles": self.articles,
            "settings": self.settings(),
            "methods": [
                {
                    "method": m.method,
                    "articles": m.articles,
                    "failures": m.failures,
                    **{name: interval.to_dict() for name, interval in m.rouge.items()},
                    "summary_words": round(m.words, 1),
                    "fact_coverage": None if m.fact_coverage is None else round(m.fact_coverage, 2),
                    "fact_words": round(m.fact_words, 1),
                }
                for m in self.methods
            ],
            "headline": {
                system: {name: interval.to_dict() for name, interval in scores.items()}
                for system, scores in self.headline.items()
            },
            "bad_lines": [{"line": bad.line, "message": bad.message} for bad in self.bad_lines],
        }


def read_records(path: str) -> tuple[list[Record], list[BadLine]]:
    """Parse a JSON Lines file; malformed lines are reported, not fatal.

    Lines are read as the batch reads them (each capped at the input limit,
    parsed within bounds); a line over the limit ends the reading with a bad
    line, and whatever a line holds, it is one bad line, never a failure of the run.
    """
    records: list[Record] = []
    bad: list[BadLine] = []
    with input_errors(path), Path(path).open("rb") as stream:
        try:
            for number, line in json_lines(stream, path):
                try:
                    records.append(_record(parse_json_line(line), number))
                except Exception as exc:  # any reason is this line's, and reported
                    bad.append(BadLine(number, _one_line_reason(exc)))
        except LineTooLong as exc:
            bad.append(BadLine(exc.line, exc.reason))
    return records, bad


def _one_line_reason(exc: Exception) -> str:
    if isinstance(exc, ValueError | TypeError):
        return shown(str(exc))[:200]
    return f"internal error ({type(exc).__name__})"


def _record(data: object, number: int) -> Record:
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("missing or empty 'text'")
    references = data.get("reference_sentences")
    if not (isinstance(references, list) and references and all(isinstance(r, str) for r in references)):
        reference = data.get("reference")
        if not isinstance(reference, str) or not reference.strip():
            raise ValueError("missing 'reference' or 'reference_sentences'")
        from newsdigest.pipeline.segment import split_line

        references = [s for line in reference.splitlines() for s in split_line(line)]
    title = data.get("title")
    ident = data.get("id", f"line-{number}")
    if isinstance(ident, bool) or not isinstance(ident, str | int):
        raise ValueError("the id must be a string or an integer")
    return Record(
        id=str(ident),
        text=text,
        reference_sentences=tuple(references),
        title=title if isinstance(title, str) and title.strip() else None,
    )


def held_out(record_id: str) -> bool:
    return int(hashlib.sha1(record_id.encode()).hexdigest()[:8], 16) % HOLDOUT_MODULUS == 0


def select_split(records: Iterable[Record], split: str) -> list[Record]:
    if split == "all":
        return list(records)
    if split not in ("tune", "heldout"):
        raise UsageError(f"unknown split {split!r}; choose all, tune or heldout")
    return [r for r in records if held_out(r.id) == (split == "heldout")]


def expand_methods(names: Sequence[str]) -> list[str]:
    methods: list[str] = []
    for name in names:
        chosen = list(METHODS) if name.lower() == "all" else [Options(method=name).method]
        methods += [m for m in chosen if m not in methods]
    return methods


def reference_items(sentences: Sequence[str]) -> set[str]:
    """Numbers and capitalised names (outside a sentence's first word) in a reference."""
    items: set[str] = set()
    for sentence in sentences:
        items.update(_NUMBER.findall(sentence))
        items.update(match.group(0).rstrip("’'") for match in _NAME.finditer(" " + sentence.split(" ", 1)[-1]))
    return {item for item in items if item}


def _coverage(items: set[str], text: str) -> float:
    return sum(item in text for item in items) / len(items)


def evaluate(
    records: Sequence[Record],
    methods: Sequence[str],
    *,
    sentences: int = 3,
    facts: int = 4,
    dataset: str = "",
    split: str = "all",
    bad_lines: Sequence[BadLine] = (),
    progress: Callable[[int], None] | None = None,
) -> Evaluation:
    """Score ``methods`` on ``records``; ``progress`` is called after each digest."""
    try:
        from rouge_score import rouge_scorer
    except ImportError:
        raise UsageError(
            "evaluate needs rouge-score, in the eval extra: pip install '.[eval]' in the newsdigest folder"
        ) from None
    scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    headline_scorer = rouge_scorer.RougeScorer(list(HEADLINE_TYPES), use_stemmer=True)
    results: list[MethodResult] = []
    headline_scores: dict[str, dict[str, list[float]]] = {
        "newsdigest": {t: [] for t in HEADLINE_TYPES},
        "lead-10-words": {t: [] for t in HEADLINE_TYPES},
    }
    leads = [_lead_sentences(record.text) for record in records]
    for method in methods:
        scores: dict[str, list[float]] = {t: [] for t in ROUGE_TYPES}
        words: list[int] = []
        coverage: list[float] = []
        fact_words: list[int] = []
        failures = 0
        for record, lead in zip(records, leads, strict=True):
            try:  # everything about one article, so that its failure is one failure, whatever it raises
                result = digest(record.text, Options(method=method, sentences=sentences, facts=facts))
                prediction = "\n".join(item.text for item in result.summary)
                rouge = scorer.score("\n".join(record.reference_sentences), prediction)
                fact_text = " ".join(fact.text for fact in result.facts)
                items = reference_items(record.reference_sentences)
                headlines = {}
                if record.title and method == methods[0]:
                    baseline = truncate_words(lead[0].text, BASELINE_HEADLINE_WORDS).rstrip("…") if lead else ""
                    for system, candidate in (("newsdigest", result.headline.text), ("lead-10-words", baseline)):
                        headlines[system] = headline_scorer.score(record.title, candidate)
            except Exception:  # a failed article scores 0, and is counted
                failures += 1
                for t in ROUGE_TYPES:
                    scores[t].append(0.0)
                words.append(0)
                fact_words.append(0)
                if progress:
                    progress(1)
                continue
            for t in ROUGE_TYPES:
                scores[t].append(100 * rouge[t].fmeasure)
            words.append(result.summary_words)
            fact_words.append(word_count(fact_text))
            if items and facts:
                coverage.append(_coverage(items, fact_text))
            for system, h in headlines.items():
                for t in HEADLINE_TYPES:
                    headline_scores[system][t].append(100 * h[t].fmeasure)
            if progress:
                progress(1)
        results.append(
            MethodResult(
                method=method,
                articles=len(records),
                rouge={t: bootstrap(scores[t]) for t in ROUGE_TYPES},
                words=sum(words) / max(1, len(words)),
                fact_coverage=100 * sum(coverage) / len(coverage) if coverage else None,
                fact_words=sum(fact_words) / max(1, len(fact_words)),
                failures=failures,
                per_article={t: tuple(scores[t]) for t in ROUGE_TYPES},
            )
        )
    headline = {
        system: {t: bootstrap(values) for t, values in by_type.items()}
        for system, by_type in headline_scores.items()
        if by_type[HEADLINE_TYPES[0]]
    }
    return Evaluation(dataset, split, sentences, len(records), tuple(results), headline, tuple(bad_lines))


def _lead_sentences(text: str) -> list[Sentence]:
    try:
        return [s for s in segment(clean(text)).sentences if s.duplicate_of is None]
    except Exception:  # the article's digest fails too, and is counted there
        return []


def difference(ours: Sequence[float], theirs: Sequence[float], samples: int = BOOTSTRAP_SAMPLES) -> Interval:
    """Mean per-article difference ``ours - theirs`` with its 95% paired bootstrap interval.

    Both methods are scored on the same articles, so the interval of the
    difference (articles resampled together) is the one that says whether
    one is ahead: two overlapping intervals of the means may still exclude
    a difference of zero.
    """
    if len(ours) != len(theirs):
        raise ValueError(f"paired scores need the same articles: {len(ours)} against {len(theirs)}")
    return bootstrap([a - b for a, b in zip(ours, theirs, strict=True)], samples)


def bootstrap(values: Sequence[float], samples: int = BOOTSTRAP_SAMPLES) -> Interval:
    """Mean with a 95% percentile bootstrap interval (fixed seed: reproducible)."""
    import numpy

    if not values:
        return Interval(0.0, 0.0, 0.0)
    data = numpy.asarray(values, dtype=float)
    rng = numpy.random.default_rng(0)
    means = data[rng.integers(0, len(data), size=(samples, len(data)))].mean(axis=1)
    low, high = numpy.percentile(means, [2.5, 97.5])
    return Interval(float(data.mean()), float(low), float(high))
