"""Headlines, non-article lines and fact trimming on the development sets.

Usage (the data sets are read by path, never copied; the rouge-score package
comes with the ``eval`` extra)::

    python benchmarks/text_lines.py headlines BBC_DEV.jsonl CNN_DEV.jsonl
    python benchmarks/text_lines.py pages PAGES_DIR [--dump FILE]
    python benchmarks/text_lines.py classify DUMP_FILE
    python benchmarks/text_lines.py removals BBC_DEV.jsonl CNN_DEV.jsonl [--sample N]

``headlines``: every article digested with its title withheld. A generated
headline is *cut* when its last word is a function word (article,
preposition, conjunction, auxiliary, pronoun, determiner) or a dangling
modifier (a number word, an adjective-like word ending a phrase such as
"potential", "former", "more"), or when it ends in "…" (truncated); a
particle after a form of "be" ("the search is over") is a complete predicate. Prints
the share of cut headlines per set and ROUGE-1/L F1 against the real BBC
titles.

``pages``: every page of the page set (``README`` there) loaded and digested;
counts the pages whose summary or facts contain a ``without`` snippet, and
the pages whose summary or facts hold a line that the non-article rules
(``clean.non_article_kind``) classify. ``--dump`` writes each page's
summary and facts, so that a dump made with an older version can be
classified with the current rules (``classify``).

``removals``: how many lines and sentences of the CNN and BBC texts the
non-article rules take out (and the older boilerplate rules would have
kept), by kind, with a sample to read by hand.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections import Counter
from pathlib import Path

from newsdigest import Options
from newsdigest.errors import NewsdigestError
from newsdigest.pipeline.digest import digest

FUNCTION_WORDS = frozenset(
    """a an the and or but nor so yet of to in on at for with by as from into onto over under about
    after before since until than that which who whom whose what when where while if because though
    although is are was were be been being has have had do does did will would can could shall should
    may might must its his her their our your my this these those there here it he she they we you i
    not no up out off per via amid among between through against without within during including
    like such very more most less least another other each every any some all both either neither
    """.split()
)
DANGLING = frozenset(
    """potential former new top big major key first last next own same possible further early
    late recent latest leading senior chief deputy acting vice general national local global public
    private several many few much one two three four five six seven eight nine ten""".split()
)
PARTICLES = frozenset("on off out up over in down back away through".split())


def is_cut(headline: str) -> bool:
    if headline.endswith("…"):
        return True
    words = headline.split()
    if not words:
        return True
    last = words[-1].lower().replace("’", "'").strip(".,;:!?\"“”'‘’()")
    before = words[-2].lower() if len(words) > 1 else ""
    if last in PARTICLES and before in ("is", "are", "was", "were", "be", "been"):
        return False  # "the search is over": a complete predicate
    return last in FUNCTION_WORDS or last in DANGLING


def _records(path: str) -> list[dict[str, object]]:
    with Path(path).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def headlines(paths: list[str], show: int) -> None:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rougeL"], use_stemmer=True)
    for path in paths:
        records = _records(path)
        cut: list[str] = []
        rouge: dict[str, list[float]] = {"rouge1": [], "rougeL": []}
        for record in records:
            text = str(record["text"])
            try:
                result = digest(text, Options())
            except NewsdigestError:
                continue
            generated = result.headline.text
            if result.headline.source == "generated" and is_cut(generated):
                cut.append(generated)
            title = record.get("title")
            if isinstance(title, str) and title:
                scores = scorer.score(title, generated)
                for kind in rouge:
                    rouge[kind].append(100 * scores[kind].fmeasure)
        line = f"{Path(path).name}: {len(records)} articles, cut headlines {len(cut)} ({100 * len(cut) / len(records):.1f}%)"
        if rouge["rouge1"]:
            r1 = sum(rouge["rouge1"]) / len(rouge["rouge1"])
            rl = sum(rouge["rougeL"]) / len(rouge["rougeL"])
            line += f", ROUGE-1 {r1:.2f}, ROUGE-L {rl:.2f} against the titles"
        print(line)
        for example in cut[:show]:
            print(f"    cut: {example}")


def _normal(text: str) -> str:
    return " ".join(text.split())


def pages(folder: str, dump: str | None) -> None:
    from newsdigest.pipeline.load import load_bytes

    base = Path(folder)
    entries = _records(str(base / "evaldata.jsonl"))
    out = Path(dump).open("w", encoding="utf-8") if dump else None  # noqa: SIM115 - closed below
    leaked = failed = 0
    for entry in entries:
        data = gzip.decompress((base / str(entry["file"])).read_bytes())
        try:
            source = load_bytes(data, str(entry["file"]))
            result = digest(source.text, Options(), source=source.info)
        except NewsdigestError:
            failed += 1
            continue
        lines = [item.text for item in result.summary] + [fact.text for fact in result.facts]
        shown = _normal(" ".join(lines))
        without = [str(snippet) for snippet in entry["without"]]  # type: ignore[attr-defined]
        if any(_normal(snippet) in shown for snippet in without if snippet.strip()):
            leaked += 1
        if out is not None:
            record = {
                "file": entry["file"],
                "summary": lines[: len(result.summary)],
                "facts": lines[len(result.summary) :],
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    if out is not None:
        out.close()
    print(
        f"{len(entries)} pages, {failed} without article text; pages whose summary/facts hold a 'without' snippet: {leaked}"
    )
    if dump:
        classify(dump, show=0)


def classify(dump: str, show: int = 10) -> None:
    from newsdigest.pipeline.clean import non_article_kind

    pages_with: Counter[str] = Counter()
    examples: list[str] = []
    records = _records(dump)
    for record in records:
        kinds = set()
        for line in [*record["summary"], *record["facts"]]:  # type: ignore[misc]
            kind = non_article_kind(str(line))
            if kind:
                kinds.add(kind)
                examples.append(f"{kind}: {line}")
        pages_with.update(kinds)
        if kinds:
            pages_with["any"] += 1
    print(f"{len(records)} digests; pages whose summary/facts hold a line of a non-article kind: {dict(pages_with)}")
    for example in examples[:show]:
        print(f"    {example[:160]}")


def removals(paths: list[str], sample: int) -> None:
    from newsdigest.pipeline.clean import clean, is_boilerplate, non_article_kind
    from newsdigest.pipeline.segment import segment

    rng = random.Random(14)
    for path in paths:
        removed: list[str] = []
        kinds: Counter[str] = Counter()
        sentences = 0
        for record in _records(path):
            article = clean(str(record["text"]))
            segments = segment(article)
            sentences += len(segments.sentences) + len(segments.boilerplate)
            for line in (*article.boilerplate, *segments.boilerplate):
                kind = non_article_kind(line) or non_article_kind(line, in_footer=True)
                if kind and not is_boilerplate(line, in_footer=True, non_article=False):
                    kinds[kind] += 1  # taken out by the non-article rules alone
                    removed.append(f"{kind}: {line}")
        print(
            f"{Path(path).name}: {sentences} sentences; taken out by the non-article rules: {sum(kinds.values())} {dict(kinds)}"
        )
        for example in rng.sample(removed, min(sample, len(removed))):
            print(f"    {example[:200]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("headlines")
    command.add_argument("paths", nargs="+")
    command.add_argument("--show", type=int, default=10)
    command = commands.add_parser("pages")
    command.add_argument("folder")
    command.add_argument("--dump")
    command = commands.add_parser("classify")
    command.add_argument("dump")
    command = commands.add_parser("removals")
    command.add_argument("paths", nargs="+")
    command.add_argument("--sample", type=int, default=30)
    args = parser.parse_args()
    if args.command == "headlines":
        headlines(args.paths, args.show)
    elif args.command == "pages":
        pages(args.folder, args.dump)
    elif args.command == "classify":
        classify(args.dump)
    else:
        removals(args.paths, args.sample)


if __name__ == "__main__":
    sys.exit(main())
