"""Fit the ``learned`` method's weights on CNN/Daily Mail stories with highlights.

Usage (the training file is read by path, never copied; it needs the
``train`` extra: ``pip install -e '.[train]'``):

    python training/train.py TRAIN_FILE.jsonl.gz [--stories N] [--out PATH]

Only rows of the ``train`` split are read. They are shuffled with a fixed
seed; the first ``--tune`` stories are kept aside to choose the settings
(regularisation, the MMR weight) and the next ``--stories`` fit the model.
The ``validation`` rows are never read here (``training/benchmark.py``
scores them).

Each story goes through the product's own pipeline: :func:`data.detokenise`,
then ``clean`` and ``segment``; the sentences segment keeps (duplicates out)
are the ones a user's article would be scored on. Labels come from a greedy
ROUGE oracle: sentences are added while they raise the mean of ROUGE-1 and
ROUGE-2 F1 of the extract against the highlights (at most 3). The oracle is
used rather than each sentence's own ROUGE because a summary is judged as a
whole: per-sentence ROUGE rates a long sentence repeating the lead as highly
as the lead and would teach the model to take both. The model is a logistic
regression (scikit-learn, lbfgs, fixed seed) on the features of
``newsdigest.ranking.learned``; its weights are written, with the data's
SHA-256 and this command, to ``src/newsdigest/ranking/learned.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from multiprocessing import Pool
from pathlib import Path

import numpy
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from data import Story, detokenise, read_stories, sha256
from newsdigest.pipeline.clean import clean
from newsdigest.pipeline.segment import segment
from newsdigest.ranking import learned, news
from newsdigest.words import stop_words

VERSION = 1
OUT = Path(__file__).resolve().parent.parent / "src" / "newsdigest" / "ranking" / "learned.json"


def _grams(words: Sequence[str]) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    return Counter(words), Counter(pairwise(words))


def _f1(overlap: int, predicted: int, reference: int) -> float:
    if not overlap:
        return 0.0
    p, r = overlap / predicted, overlap / reference
    return 2 * p * r / (p + r)


def rouge12(predicted: Sequence[str], reference: Sequence[str]) -> float:
    """Mean of ROUGE-1 and ROUGE-2 F1 on word tokens (no stemming): for labels and choices only."""
    p1, p2 = _grams(predicted)
    r1, r2 = _grams(reference)
    one = _f1(sum((p1 & r1).values()), max(1, len(predicted)), max(1, len(reference)))
    two = _f1(sum((p2 & r2).values()), max(1, len(predicted) - 1), max(1, len(reference) - 1))
    return (one + two) / 2


def oracle(sentences: Sequence[Sequence[str]], reference: Sequence[str], limit: int = 3) -> set[int]:
    chosen: list[int] = []
    best = 0.0
    while len(chosen) < limit:
        gains = []
        for i in range(len(sentences)):
            if i not in chosen:
                words = [w for j in sorted([*chosen, i]) for w in sentences[j]]
                gains.append((rouge12(words, reference), -i))
        if not gains:
            break
        value, neg = max(gains)
        if value <= best:
            break
        best = value
        chosen.append(-neg)
    return set(chosen)


def _words(tokens: Sequence[str]) -> list[str]:
    return [t for t in tokens if t[0].isalnum()]


def prepare(story: Story) -> tuple[list[tuple[str, ...]], list[str], list[str]] | None:
    """The story as the product segments it: sentence tokens, their texts, the highlights' words."""
    try:
        sentences = [s for s in segment(clean(detokenise(story.sentences))).sentences if s.duplicate_of is None]
    except Exception:  # a story the pipeline rejects (no sentences) teaches nothing
        return None
    if len(sentences) < 2:
        return None
    tokens = [learned.normal_tokens(s.text) for s in sentences]
    reference = [w for h in story.highlights for w in _words(learned.normal_tokens(h))]
    return tokens, [s.text for s in sentences], reference


def common_words(prepared: Sequence[tuple[list[tuple[str, ...]], list[str], list[str]]], size: int) -> list[str]:
    stops = stop_words("english")
    frequency: Counter[str] = Counter()
    for tokens, _, _ in prepared:
        frequency.update({w for t in tokens for w in _words(t) if len(w) > 1 and w not in stops and not w[0].isdigit()})
    return sorted(w for w, _ in frequency.most_common(size))


def matrices(prepared, common: frozenset[str], columns: dict[str, int] | None):  # type: ignore[no-untyped-def]
    """Dense and lexical feature matrices, labels and each story's row range."""
    dense, rows, cols, values, labels, spans = [], [], [], [], [], []
    grow = columns is None
    columns = {} if columns is None else columns
    boilerplate = learned.DENSE.index("boilerplate")
    for tokens, _, reference in prepared:
        extracted = learned.features(tokens, common)
        # The oracle chooses among the sentences the method may choose.
        positive = oracle(
            [[] if e.dense[boilerplate] else _words(t) for e, t in zip(extracted, tokens, strict=True)], reference
        )
        start = len(labels)
        for i, item in enumerate(extracted):
            if item.dense[boilerplate] and grow:  # ranked last by a fixed rule, not learned
                continue
            row = len(labels)
            dense.append(item.dense)
            for key, value in item.lexical.items():
                if key not in columns:
                    if not grow:
                        continue
                    columns[key] = len(columns)
                rows.append(row)
                cols.append(columns[key])
                values.append(value)
            labels.append(1 if i in positive else 0)
        spans.append((start, len(labels)))
    lexical = sparse.csr_matrix((values, (rows, cols)), shape=(len(labels), len(columns)))
    return numpy.asarray(dense), lexical, numpy.asarray(labels), spans, columns


def choose(prepared, scores, weight: float) -> float:  # type: ignore[no-untyped-def]
    """Mean ROUGE-1/2 of 3-sentence extracts chosen from ``scores`` with MMR ``weight``."""
    total = 0.0
    for (tokens, texts, reference), story_scores in zip(prepared, scores, strict=True):
        order = news.preference(texts, list(story_scores), 3, mmr_weight=weight)[:3]
        total += rouge12([w for i in sorted(order) for w in _words(tokens[i])], reference)
    return 100 * total / len(prepared)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", help="cnndm_train_val.jsonl.gz (train rows only are read)")
    parser.add_argument("--stories", type=int, default=20000, help="train stories to fit on")
    parser.add_argument("--tune", type=int, default=2000, help="train stories kept aside to choose settings")
    parser.add_argument("--common", type=int, default=3000, help="common content words with their own weight")
    parser.add_argument("--keep", type=int, default=3000, help="lexical weights kept (largest first)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args()
    started, cpu0 = time.time(), resource.getrusage(resource.RUSAGE_SELF)
    stories = list(read_stories(args.data, split="train"))
    random.Random(args.seed).shuffle(stories)
    stories = stories[: args.tune + args.stories]
    with Pool(args.workers) as pool:
        prepared = [p for p in pool.map(prepare, stories, chunksize=200) if p is not None]
    tune, fit = prepared[: args.tune], prepared[args.tune :]
    print(f"prepared {len(prepared)} stories in {time.time() - started:.0f} s", file=sys.stderr)
    common = frozenset(common_words(fit, args.common))
    x_dense, x_lex, y, _, columns = matrices(fit, common, None)
    t_dense, t_lex, _, t_spans, _ = matrices(tune, common, columns)
    fixed = learned.BOILERPLATE_SCORE * t_dense[:, learned.DENSE.index("boilerplate")]
    scale = numpy.maximum(numpy.abs(x_dense).max(axis=0), 1e-9)
    x = sparse.hstack([sparse.csr_matrix(x_dense / scale), x_lex]).tocsr()
    t = sparse.hstack([sparse.csr_matrix(t_dense / scale), t_lex]).tocsr()
    print(f"{x.shape[0]} sentences, {x.shape[1]} features, {y.mean():.3f} positive", file=sys.stderr)
    lead = choose(tune, [[-float(i) for i in range(len(p[0]))] for p in tune], 0.0)
    plain = choose(tune, [news.score(p[1]) for p in tune], news.MMR_WEIGHT)
    print(f"tune slice, mean ROUGE-1/2: lead-3 {lead:.2f}, news {plain:.2f}", file=sys.stderr)
    best = None
    for c in (0.1, 0.3):
        fitted = LogisticRegression(C=c, max_iter=300, random_state=args.seed).fit(x, y)
        raw = fitted.decision_function(t) + fixed
        per_story = [raw[a:b] for a, b in t_spans]
        for weight in (1.0, 2.0, 3.0, 4.0):
            value = choose(tune, per_story, weight)
            print(f"C={c} mmr={weight}: {value:.2f}", file=sys.stderr)
            if best is None or value > best[0]:
                best = (value, c, weight, fitted)
    assert best is not None
    value, c, weight, fitted = best
    coef = fitted.coef_[0]
    dense = coef[: len(learned.DENSE)] / scale
    dense[learned.DENSE.index("bias")] += fitted.intercept_[0]
    names = {column: key for key, column in columns.items()}
    lexical_coef = coef[len(learned.DENSE) :].copy()
    if len(lexical_coef) > args.keep:
        cut = numpy.sort(numpy.abs(lexical_coef))[-args.keep]
        lexical_coef[numpy.abs(lexical_coef) < cut] = 0.0
    pruned = numpy.concatenate([coef[: len(learned.DENSE)], lexical_coef])
    raw = t @ pruned + fixed
    kept = choose(tune, [raw[a:b] for a, b in t_spans], weight)
    print(f"with the {args.keep} largest lexical weights: {kept:.2f}", file=sys.stderr)
    lexical = {names[j]: round(float(w), 4) for j, w in enumerate(lexical_coef) if w}
    wall = time.time() - started
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_seconds = cpu.ru_utime + cpu.ru_stime - cpu0.ru_utime - cpu0.ru_stime + children.ru_utime + children.ru_stime
    command = "python training/train.py TRAIN_FILE " + " ".join(
        f"--{k}={v}" for k, v in sorted(vars(args).items()) if k not in ("data", "out", "workers")
    )
    model = {
        "version": VERSION,
        "data": Path(args.data).name,
        "data_sha256": sha256(args.data),
        "command": command,
        "labels": "greedy ROUGE-1/2 oracle, at most 3 sentences",
        "fitted_on": f"{len(fit)} train stories ({x.shape[0]} sentences); settings chosen on {len(tune)} others",
        "settings": {"C": c, "mmr_weight": weight, "lexical_kept": args.keep, "tune_rouge12": round(kept, 2)},
        "tune_baselines_rouge12": {"lead": round(lead, 2), "news": round(plain, 2)},
        "training_seconds": {"wall": round(wall), "cpu": round(cpu_seconds)},
        "mmr_weight": weight,
        "dense_names": list(learned.DENSE),
        "dense": [round(float(w), 5) for w in dense],
        "lexical": dict(sorted(lexical.items())),
        "common": sorted(common),
    }
    Path(args.out).write_text(
        json.dumps(model, indent=0, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(
        f"chose C={c}, mmr={weight} ({value:.2f}); {len(lexical)} lexical weights; {wall:.0f} s wall, "
        f"{cpu_seconds:.0f} s CPU; wrote {args.out}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
