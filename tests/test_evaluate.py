"""`newsdigest evaluate`: reading data sets, scoring, reporting bad lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdigest.cli import app
from newsdigest.evaluation.evaluate import (
    Record,
    bootstrap,
    difference,
    evaluate,
    expand_methods,
    held_out,
    read_records,
    reference_items,
)

ARTICLE = (
    "The city council approved a $12m budget for road repairs on Monday.\n"
    "Mayor Jane Hill said the vote was a turning point for Springfield.\n"
    "Work will begin in March and take two years.\n"
    "Opposition members called the plan too expensive."
)


def write_jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text(
        "\n".join(row if isinstance(row, str) else json.dumps(row) for row in rows) + "\n", encoding="utf-8"
    )
    return path


def test_read_records_reports_bad_lines_by_number(tmp_path: Path) -> None:
    data = write_jsonl(
        tmp_path / "d.jsonl",
        [
            {"id": "a", "text": ARTICLE, "reference_sentences": ["Council approves $12m road budget."]},
            "{not json",
            {"id": "c", "reference": "No text here."},
            {"id": "d", "text": ARTICLE},
            {
                "id": "e",
                "text": ARTICLE,
                "reference": "Council approves budget. Work starts in March.",
                "title": "Road budget",
            },
        ],
    )
    records, bad = read_records(str(data))
    assert [r.id for r in records] == ["a", "e"]
    assert records[1].reference_sentences == ("Council approves budget.", "Work starts in March.")
    assert records[1].title == "Road budget"
    assert [b.line for b in bad] == [2, 3, 4]
    assert "text" in bad[1].message
    assert "reference" in bad[2].message


def test_scores_are_wired_to_the_reference() -> None:

    lead_sentence = ARTICLE.splitlines()[0]
    records = [Record("a", ARTICLE, (lead_sentence,), "Council approves road budget")]
    result = evaluate(records, ["lead", "news"], sentences=1)
    lead = result.methods[0]
    assert lead.method == "lead"
    assert lead.rouge["rouge1"].mean == pytest.approx(100.0)
    assert lead.words == 12
    assert set(result.headline) == {"newsdigest", "lead-10-words"}
    assert 0 < result.headline["newsdigest"]["rouge1"].mean <= 100


def test_fact_coverage_counts_reference_numbers_and_names() -> None:
    items = reference_items(["Mayor Jane Hill backs the $12m plan.", "Work starts in March."])
    assert items == {"Jane Hill", "12", "March"}  # "Mayor" opens the sentence, "Work" too


def test_bootstrap_interval_is_reproducible_and_brackets_the_mean() -> None:
    values = [10.0, 20.0, 30.0, 40.0]
    first, second = bootstrap(values), bootstrap(values)
    assert first == second
    assert first.low <= first.mean == 25.0 <= first.high
    assert bootstrap([5.0, 5.0]).low == 5.0


def test_paired_difference_sees_a_steady_lead_that_overlapping_intervals_hide() -> None:
    theirs = [float(v) for v in range(0, 100, 5)]  # widely spread scores
    ours = [v + 1.0 for v in theirs]  # one point better on every article
    assert bootstrap(ours).low < bootstrap(theirs).high  # the intervals of the means overlap
    gap = difference(ours, theirs)
    assert gap.mean == gap.low == gap.high == pytest.approx(1.0)
    mixed = difference(theirs, list(reversed(theirs)))  # no steady difference
    assert mixed.low < 0 < mixed.high
    with pytest.raises(ValueError, match="same articles"):
        difference(ours, theirs[:-1])


def test_evaluation_keeps_each_articles_scores_in_order() -> None:
    records = [
        Record(
            "a",
            "The council approved the new budget on Monday. Taxes will rise next year.",
            ("The council approved the new budget.",),
        ),
        Record("b", "Storms closed schools across the region. Power returned by night.", ("Floods hit farms.",)),
    ]
    result = evaluate(records, ["lead"], sentences=1, facts=0)
    scores = result.methods[0].per_article["rouge1"]
    assert len(scores) == 2
    assert scores[0] > scores[1]  # the first lead states its reference; the second shares no word with it
    assert result.methods[0].rouge["rouge1"].mean == pytest.approx(sum(scores) / 2)


def test_all_expands_to_every_method_once() -> None:
    methods = expand_methods(["all", "news"])
    assert methods[:3] == ["news", "lead", "learned"]
    assert len(methods) == len(set(methods)) == 11


def test_held_out_split_is_a_stable_fifth() -> None:
    ids = [f"article-{i}" for i in range(1000)]
    share = sum(held_out(i) for i in ids) / len(ids)
    assert 0.15 < share < 0.25
    assert [held_out(i) for i in ids] == [held_out(i) for i in ids]


def test_cli_prints_the_table_and_fails_on_skipped_lines(tmp_path: Path) -> None:
    data = write_jsonl(
        tmp_path / "d.jsonl",
        ["{oops", {"id": "a", "text": ARTICLE, "reference": "Council approves $12m road budget."}],
    )
    result = CliRunner().invoke(app, ["evaluate", str(data), "-m", "news", "-m", "lead"])
    assert result.exit_code == 1
    assert "news" in result.stdout
    assert "ROUGE-1" in result.stdout
    assert "d.jsonl:1: skipped" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("Error: 1 bad line")


def test_cli_json(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "d.jsonl", [{"id": "a", "text": ARTICLE, "reference": "Council approves budget."}])
    result = CliRunner().invoke(app, ["evaluate", str(data), "--method", "lead,textrank", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert [m["method"] for m in report["methods"]] == ["lead", "textrank"]
    assert set(report["methods"][0]["rouge1"]) == {"mean", "low", "high"}
    assert "use_stemmer=True" in report["settings"]["rouge"]


def test_cli_unknown_method_is_a_usage_error(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "d.jsonl", [{"id": "a", "text": ARTICLE, "reference": "x."}])
    result = CliRunner().invoke(app, ["evaluate", str(data), "-m", "bogus"])
    assert result.exit_code == 2
    assert "lexrank" in result.stderr
    assert "Try 'newsdigest evaluate --help'" in result.stderr  # the command that failed, not summarise
