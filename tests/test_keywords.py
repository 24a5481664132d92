"""Keywords: ranked key phrases, inflections merged, never boilerplate."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from newsdigest import Options, digest
from newsdigest.analysis.keywords import keywords
from newsdigest.cli import app
from newsdigest.model import Sentence


def sentences(*texts: str) -> list[Sentence]:
    return [Sentence(i, text, 0, len(text.split())) for i, text in enumerate(texts)]


def test_inflections_and_possessives_are_one_keyword() -> None:
    found = keywords(
        sentences(
            "OpenAI’s researchers work on reasoning.",
            "OpenAI said the reasoning model reasons step by step.",
            "Critics doubt OpenAI and its reasons.",
        ),
        10,
    )
    texts = [k.text for k in found]
    assert texts[:2] == ["reasons", "OpenAI"]  # reason* 4 times, OpenAI 3 times
    assert sum(t.lower().startswith("reason") for t in texts) == 1
    assert "OpenAI’s" not in texts


def test_scores_are_ranked_in_0_to_1_and_the_count_is_respected() -> None:
    found = keywords(sentences("Rail strike halts trains.", "The rail strike goes on.", "Trains stop again."), 2)
    assert len(found) == 2
    assert found[0].score == 1.0
    assert all(0 < k.score <= 1 for k in found)
    assert [k.score for k in found] == sorted((k.score for k in found), reverse=True)
    assert keywords(sentences("Rail strike."), 0) == ()


def test_repeated_phrases_become_multiword_keywords_and_absorb_their_words() -> None:
    found = [
        k.text
        for k in keywords(
            sentences("The harbour bridge opened.", "Crowds crossed the harbour bridge.", "Tolls start soon."), 3
        )
    ]
    assert found[0] == "harbour bridge"
    assert "harbour" not in found
    assert "bridge" not in found


def test_the_sample_has_no_boilerplate_keywords(sample_text: str) -> None:
    texts = [k.text.lower() for k in digest(sample_text, Options(keywords=10)).keywords]
    assert "openai" in texts
    assert "tworek" in texts
    for promo in ("moneycontrol", "latest", "stay", "discover", "news"):
        assert promo not in texts


def test_keywords_in_every_format_and_hidden_by_zero(sample_text: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.txt"
    path.write_text(sample_text, encoding="utf-8")
    runner = CliRunner()
    data = json.loads(runner.invoke(app, ["summarise", str(path), "-f", "json", "--keywords", "3"]).stdout)
    assert [k["text"] for k in data["keywords"]][:1] == ["OpenAI"]
    assert len(data["keywords"]) == 3
    assert data["settings"]["keywords"] == 3
    text = runner.invoke(app, ["summarise", str(path)]).stdout
    assert "OpenAI · " in text.splitlines()[1]
    markdown = runner.invoke(app, ["summarise", str(path), "-f", "markdown"]).stdout
    assert markdown.splitlines()[2].startswith("*OpenAI · ")
    hidden = runner.invoke(app, ["summarise", str(path), "-k", "0"]).stdout
    assert hidden.splitlines()[1] == ""
    assert json.loads(runner.invoke(app, ["summarise", str(path), "-f", "json", "-k", "0"]).stdout)["keywords"] == []


def test_a_full_token_table_is_emptied_between_articles_and_the_keywords_stay_the_same(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import newsdigest.analysis.keywords as module

    first = sentences(
        "Rail unions called a national rail strike on Monday.",
        "The rail strike will halt trains across the country, unions said.",
        "Ministers said the national rail strike was unjustified.",
    )
    second = sentences("Storms closed schools in the north.", "Schools will reopen when the storms pass.")
    expected = (keywords(first, 5), keywords(second, 5))
    small = module._Words("english")
    monkeypatch.setattr(small, "LIMIT", 4)  # fewer entries than one article has tokens
    monkeypatch.setattr(module, "_words", lambda language: small)
    assert (keywords(first, 5), keywords(second, 5)) == expected
    # Emptied before the second article: only its own tokens are held.
    assert set(small.stems) == {token for s in second for token in module._TOKEN.findall(s.text)}
