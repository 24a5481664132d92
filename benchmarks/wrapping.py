"""Does hard-wrapping an article change its digest? (The figure in the README's "Limits".)

Usage:
    .venv/bin/python benchmarks/wrapping.py ARTICLES.jsonl [MORE.jsonl ...] [--widths 40,72,100]

ARTICLES.jsonl holds one article per line (a ``text`` field, an optional
``id``), for example the development sets kept outside the repository; they
are read by path and never copied. Each article is digested as it is and
again with every paragraph (every non-empty line) filled to each width by
``textwrap.fill`` (words longer than the width kept whole, as ``fmt`` does;
the blank lines between paragraphs kept). For each width it prints the share
of articles whose summary, headline or key facts differ from the unwrapped
article's, white space normalised. ``--fmt`` wraps with the ``fmt`` command
instead (balanced lines, short of the width).

Only the public API is used (``from newsdigest import digest``), so the same
script measures the code before and after a change.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import textwrap
from pathlib import Path


def wrap(text: str, width: int, *, fmt: bool = False) -> str:
    """``text`` with each non-empty line filled to ``width``; empty lines kept."""
    if fmt:
        return "\n".join(
            subprocess.run(
                ["fmt", "-w", str(width)], input=line, capture_output=True, text=True, check=True
            ).stdout.strip()
            if line.strip()
            else line
            for line in text.split("\n")
        )
    return "\n".join(
        textwrap.fill(line, width, break_long_words=False) if line.strip() else line for line in text.split("\n")
    )


def parts(text: str) -> dict[str, object] | str:
    """What a reader compares: summary, headline and facts, white space normalised (or the error)."""
    from newsdigest import NewsdigestError, digest

    def flat(value: str) -> str:
        return " ".join(value.split())

    try:
        result = digest(text)
    except NewsdigestError as error:
        return f"error: {type(error).__name__}"
    return {
        "summary": [flat(sentence.text) for sentence in result.summary],
        "headline": flat(result.headline.text),
        "facts": [flat(fact.text) for fact in result.facts],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="+")
    parser.add_argument("--widths", default="40,72,100")
    parser.add_argument("--fmt", action="store_true", help="wrap with fmt instead of textwrap")
    parser.add_argument("--show", type=int, default=0, help="print the first N changed articles")
    arguments = parser.parse_args()
    widths = [int(width) for width in arguments.widths.split(",")]
    for path in arguments.articles:
        with Path(path).open(encoding="utf-8") as lines:
            records = [json.loads(line) for line in lines if line.strip()]
        changed = {width: {"summary": 0, "headline": 0, "facts": 0, "any": 0} for width in widths}
        shown = 0
        for number, record in enumerate(records, 1):
            text = record["text"]
            plain = parts(text)
            for width in widths:
                wrapped = parts(wrap(text, width, fmt=arguments.fmt))
                if wrapped == plain:
                    continue
                changed[width]["any"] += 1
                if isinstance(plain, str) or isinstance(wrapped, str):
                    for key in ("summary", "headline", "facts"):
                        changed[width][key] += 1
                else:
                    for key in ("summary", "headline", "facts"):
                        changed[width][key] += plain[key] != wrapped[key]
                if shown < arguments.show:
                    shown += 1
                    print(f"--- {record.get('id', number)} at {width}:\n  before {plain}\n  after  {wrapped}")
        print(f"{Path(path).name}: {len(records)} articles, {'fmt' if arguments.fmt else 'textwrap'}")
        print(f"  {'width':>5} {'summary':>8} {'headline':>9} {'facts':>7} {'any':>7}")
        for width, counts in changed.items():
            shares = [100 * counts[key] / len(records) for key in ("summary", "headline", "facts", "any")]
            print(f"  {width:>5} " + " ".join(f"{share:7.1f}%" for share in shares))


if __name__ == "__main__":
    main()
