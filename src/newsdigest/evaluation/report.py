"""The evaluation table, drawn with Rich: one row per method, then headlines and settings."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsdigest.evaluation.evaluate import Evaluation, Interval


def write_evaluation(evaluation: Evaluation, out: TextIO) -> None:
    """The evaluation table: one row per method, then headlines and settings."""
    console = Console(file=out, highlight=False, emoji=False, markup=False, width=max(120, Console(file=out).width))
    table = Table(
        title=f"{evaluation.dataset} · {evaluation.split} · {evaluation.articles} articles", title_justify="left"
    )
    for column in ("method", "ROUGE-1", "ROUGE-2", "ROUGE-Lsum", "words", "fact cov.", "fact words"):
        table.add_column(column, justify="left" if column == "method" else "right")
    for m in evaluation.methods:
        table.add_row(
            m.method,
            *(_interval(m.rouge[name]) for name in ("rouge1", "rouge2", "rougeLsum")),
            f"{m.words:.1f}",
            "-" if m.fact_coverage is None else f"{m.fact_coverage:.1f}",
            f"{m.fact_words:.1f}",
        )
    console.print(table)
    if evaluation.headline:
        headlines = Table(title="Headline against the real title", title_justify="left")
        for column in ("system", "ROUGE-1", "ROUGE-L"):
            headlines.add_column(column, justify="left" if column == "system" else "right")
        for system, scores in evaluation.headline.items():
            headlines.add_row(system, _interval(scores["rouge1"]), _interval(scores["rougeL"]))
        console.print(headlines)
    for key, value in evaluation.settings().items():
        console.print(Text(f"{key}: {value}", style="dim"))


def _interval(interval: Interval) -> str:
    return f"{interval.mean:.2f} ({interval.low:.2f}–{interval.high:.2f})"
