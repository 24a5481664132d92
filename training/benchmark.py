"""Score the learned method against Lead-3 and ``news`` on the development sets, and time it.

Usage (every file is read by path, never copied; needs the ``eval`` extra):

    python training/benchmark.py TRAIN_FILE.jsonl.gz CNNDM_DEV.jsonl BBC_DEV.jsonl [--limit N] [--timing N]

* The training file's ``validation`` rows (never used to fit or choose the
  model) are put back into ordinary text as training does
  (``data.detokenise``) and scored with ``newsdigest evaluate``'s own
  function against their highlights; "lead-3 (file)" is the first three of
  the file's own sentences, the usual Lead-3 of this benchmark, scored the
  same way.
* The CNN dev file's held-out split and the BBC dev set are scored as
  ``newsdigest evaluate`` scores them.
* Headlines: the generated headline (no title given) made from the lead
  sentence, as ``digest`` does, or from the learned method's first choice,
  against the BBC titles.
* Timing: ``news`` and ``learned`` digest the same CNN dev articles in
  alternation, in one process (models loaded first); the figure is the
  median per-article time of each and their ratio.

Prints Markdown tables: 3 sentences, rouge-score F1 with stemming, 95%
bootstrap intervals; under each, the paired differences against the
baselines (each article's score minus the baseline's on the same article,
articles resampled together), the interval that says whether a method is
ahead.
"""

from __future__ import annotations

import argparse
import statistics
import time

from data import detokenise, read_stories
from newsdigest.evaluation.evaluate import (
    ROUGE_TYPES,
    Evaluation,
    Record,
    bootstrap,
    difference,
    evaluate,
    read_records,
    select_split,
)
from newsdigest.options import Options
from newsdigest.pipeline.digest import digest

METHODS = ("lead", "news", "learned")


def _cell(interval) -> str:  # type: ignore[no-untyped-def]
    return f"{interval.mean:.2f} ({interval.low:.2f}–{interval.high:.2f})"


def table(title: str, evaluation: Evaluation, extra: dict[str, dict[str, object]] | None = None) -> str:
    lines = [f"### {title} ({evaluation.articles} articles), 3 sentences", ""]
    lines += ["| method | ROUGE-1 | ROUGE-2 | ROUGE-Lsum | words |", "| --- | --- | --- | --- | --- |"]
    for name, row in (extra or {}).items():
        lines.append(f"| {name} | " + " | ".join(_cell(row[t]) for t in ROUGE_TYPES) + f" | {row['words']:.1f} |")
    for m in evaluation.methods:
        lines.append(f"| {m.method} | " + " | ".join(_cell(m.rouge[t]) for t in ROUGE_TYPES) + f" | {m.words:.1f} |")
    lead = next(m for m in evaluation.methods if m.method == "lead")
    baselines = {"lead": lead.per_article}
    baselines.update({name: row["per_article"] for name, row in (extra or {}).items()})  # type: ignore[misc]
    lines += ["", "| difference | ROUGE-1 | ROUGE-2 | ROUGE-Lsum |", "| --- | --- | --- | --- |"]
    for m in evaluation.methods:
        for name, base in baselines.items():
            if m.method != name:
                cells = (_cell(difference(m.per_article[t], base[t])) for t in ROUGE_TYPES)
                lines.append(f"| {m.method} − {name} | " + " | ".join(cells) + " |")
    if evaluation.headline:
        lines += ["", "| headline | ROUGE-1 | ROUGE-L |", "| --- | --- | --- |"]
        for system, scores in evaluation.headline.items():
            lines.append(f"| {system} | {_cell(scores['rouge1'])} | {_cell(scores['rougeL'])} |")
    return "\n".join(lines) + "\n"


def file_lead3(stories) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    scores: dict[str, list[float]] = {t: [] for t in ROUGE_TYPES}
    words = []
    for story in stories:
        prediction = "\n".join(story.sentences[:3])
        result = scorer.score("\n".join(story.highlights), prediction)
        for t in ROUGE_TYPES:
            scores[t].append(100 * result[t].fmeasure)
        words.append(sum(1 for s in story.sentences[:3] for w in s.split() if w[0].isalnum()))
    return {
        **{t: bootstrap(v) for t, v in scores.items()},
        "words": sum(words) / len(words),
        "per_article": {t: tuple(v) for t, v in scores.items()},
    }


def timing(records: list[Record], rounds: int) -> str:
    for method in METHODS:  # load every model once before timing
        digest(records[0].text, Options(method=method))
    spent: dict[str, list[float]] = {"news": [], "learned": []}
    for record in records:
        for method in ("news", "learned") if len(spent["news"]) % 2 else ("learned", "news"):
            best = []
            for _ in range(rounds):
                started = time.perf_counter()
                digest(record.text, Options(method=method))
                best.append(time.perf_counter() - started)
            spent[method].append(statistics.median(best))
    news, learned = statistics.median(spent["news"]), statistics.median(spent["learned"])
    ratios = statistics.median(a / b for a, b in zip(spent["learned"], spent["news"], strict=True))
    return (
        f"Per-article digest time, {len(records)} CNN dev articles, median of {rounds} runs each, "
        f"alternating: news {1000 * news:.2f} ms, learned {1000 * learned:.2f} ms "
        f"(ratio of medians {learned / news:.3f}; median per-article ratio {ratios:.3f}).\n"
    )


def headline_choice(records: list[Record]) -> str:
    """Generated headlines made from the lead sentence (today) or from the learned method's first choice."""
    from rouge_score import rouge_scorer

    from newsdigest.analysis.headline import make_headline
    from newsdigest.pipeline.clean import clean
    from newsdigest.pipeline.score import rank
    from newsdigest.pipeline.segment import segment

    scorer = rouge_scorer.RougeScorer(["rouge1", "rougeL"], use_stemmer=True)
    scores: dict[str, dict[str, list[float]]] = {"lead sentence": {}, "learned first choice": {}}
    for record in records:
        if not record.title:
            continue
        article = clean(record.text)
        candidates = [s for s in segment(article).sentences if s.duplicate_of is None]
        top = rank(candidates, "learned").order[0]
        chosen = next(s for s in candidates if s.index == top)
        sources = {"lead sentence": candidates[0].text, "learned first choice": chosen.text}
        for system, sentence in sources.items():
            headline = make_headline(article.title, sentence, "english")
            result = scorer.score(record.title, headline.text if headline else "")
            for t in ("rouge1", "rougeL"):
                scores[system].setdefault(t, []).append(100 * result[t].fmeasure)
    lines = ["| headline from | ROUGE-1 | ROUGE-L |", "| --- | --- | --- |"]
    for system, by_type in scores.items():
        lines.append(f"| {system} | {_cell(bootstrap(by_type['rouge1']))} | {_cell(bootstrap(by_type['rougeL']))} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("train", help="cnndm_train_val.jsonl.gz (validation rows are scored)")
    parser.add_argument("cnndm", help="cnndm_dev.jsonl (held-out split is scored)")
    parser.add_argument("bbc", help="bbc_news_summary_dev500.jsonl")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N validation rows")
    parser.add_argument("--timing", type=int, default=200, help="CNN dev articles to time (0: no timing)")
    parser.add_argument("--part", choices=("all", "validation", "dev", "timing"), default="all", help="what to score")
    args = parser.parse_args()
    if args.part in ("all", "validation"):
        stories = list(read_stories(args.train, split="validation"))
        if args.limit:
            stories = stories[: args.limit]
        records = [Record(s.id, detokenise(s.sentences), s.highlights) for s in stories]
        evaluation = evaluate(records, METHODS)
        print(table("Training file, validation rows", evaluation, {"lead-3 (file)": file_lead3(stories)}), flush=True)
    if args.part == "validation":
        return
    cnn, _ = read_records(args.cnndm)
    if args.part == "timing":
        print(timing(cnn[: args.timing], 5))
        return
    print(table("CNN dev, held-out split", evaluate(select_split(cnn, "heldout"), METHODS)))
    bbc, _ = read_records(args.bbc)
    print(table("BBC dev", evaluate(bbc, METHODS)))
    print(headline_choice(bbc))
    if args.timing:
        print(timing(cnn[: args.timing], 5))


if __name__ == "__main__":
    main()
