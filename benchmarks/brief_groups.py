"""How the briefing's story grouping splits and merges, at several thresholds.

Two sets:

* the suite's labelled story set (tests/data/stories.json): every pair of
  articles is labelled same story / different story;
* a development set of JSON Lines articles with a ``category`` and a
  ``title`` (the BBC development set): different articles, so every merge
  there is a wrong one, and articles of one category (business, politics...)
  share names and vocabulary, which is the hard case.

    python benchmarks/brief_groups.py ../shared/data/eval/bbc_news_summary_dev500.jsonl

    python benchmarks/brief_groups.py --show ../shared/data/eval/cnndm_dev.jsonl

Prints, per threshold, the groups formed on each set: wrong merges (pairs of
different stories in one group) and missed merges (pairs of one story left
apart), and the highest different-story pair similarity on each set.
"""

from __future__ import annotations

import argparse
import itertools
import json
from datetime import datetime
from pathlib import Path

from newsdigest.briefing.group import THRESHOLD, group, lead, pair_similarities, profiles

STORIES = Path(__file__).resolve().parent.parent / "tests" / "data" / "stories.json"


def _load_labelled() -> list[dict[str, str]]:
    return json.loads(STORIES.read_text(encoding="utf-8"))["articles"]  # type: ignore[no-any-return]


def _counts(labels: list[str], groups: list[list[int]]) -> tuple[int, int]:
    where = {m: g for g, members in enumerate(groups) for m in members}
    wrong = missed = 0
    for i, j in itertools.combinations(range(len(labels)), 2):
        same_story, same_group = labels[i] == labels[j], where[i] == where[j]
        wrong += same_group and not same_story
        missed += same_story and not same_group
    return wrong, missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dev", nargs="?", help="JSON Lines with title, text and category (the BBC development set)")
    parser.add_argument(
        "--show",
        metavar="JSONL",
        help="instead: group these articles (text, optional title) at the default threshold and print each group's leads",
    )
    args = parser.parse_args()
    if args.show:
        _show(Path(args.show))
        return
    sets = []
    labelled = _load_labelled()
    sets.append(
        (
            "story set",
            [a["title"] for a in labelled],
            [lead(a["text"], a["title"]) for a in labelled],
            [datetime.fromisoformat(a["published"]) for a in labelled],
            [a["story"] for a in labelled],
        )
    )
    if args.dev:
        rows = [json.loads(line) for line in Path(args.dev).read_text(encoding="utf-8").splitlines() if line.strip()]
        rows = [r for r in rows if r.get("title")]
        for category in sorted({r["category"] for r in rows}):
            chosen = [r for r in rows if r["category"] == category]
            sets.append(
                (
                    f"dev {category}",
                    [r["title"] for r in chosen],
                    [lead(r["text"], r["title"]) for r in chosen],
                    [None] * len(chosen),
                    [r["title"] for r in chosen],  # the set holds a few copies of one article: same title, same story
                )
            )
    print(f"default threshold {THRESHOLD}")
    computed = []
    for name, titles, leads, dates, labels in sets:
        pairs = pair_similarities(profiles(titles, leads, dates))
        where_same = {(i, j) for i, j in itertools.combinations(range(len(labels)), 2) if labels[i] == labels[j]}
        negatives = [s for p, s in pairs.items() if p not in where_same]
        positives = [pairs.get(p, 0.0) for p in where_same]
        print(
            f"{name}: {len(labels)} articles, {len(where_same)} same-story pairs,"
            f" highest different-story pair {max(negatives, default=0):.3f},"
            f" lowest same-story pair {min(positives, default=float('nan')):.3f}"
        )
        computed.append((name, labels, pairs))
    print(f"{'threshold':>9} " + " ".join(f"{name:>22}" for name, _, _ in computed))
    for threshold in (0.2, 0.25, 0.3, 0.35, 0.38, 0.4, 0.45, 0.5):
        cells = []
        for _, labels, pairs in computed:
            wrong, missed = _counts(labels, group(len(labels), pairs, threshold))
            cells.append(f"wrong {wrong:4d} missed {missed:3d}")
        print(f"{threshold:>9} " + " ".join(f"{cell:>22}" for cell in cells))


def _show(path: Path) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    titles = [r.get("title") or " ".join(r["text"].split()[:10]) for r in rows]
    pairs = pair_similarities(
        profiles(titles, [lead(r["text"], t) for r, t in zip(rows, titles, strict=True)], [None] * len(rows))
    )
    groups = [members for members in group(len(rows), pairs) if len(members) > 1]
    print(f"{len(rows)} articles, {len(groups)} stories of more than one, {sum(map(len, groups))} articles in them")
    for members in groups:
        print(" | ".join(" ".join(rows[i]["text"].split())[:70] for i in members))


if __name__ == "__main__":
    main()
