"""digest(): the whole pipeline on the sample and on awkward articles."""

from __future__ import annotations

import json
import re

import pytest

from newsdigest import Digest, InputError, Options, digest
from newsdigest.output.render import Format, render, to_json

from .conftest import GOLDEN

PROMO = re.compile(r"Moneycontrol|Discover the latest|curated for you|startup news")
HEADINGS = ("A central figure in OpenAI’s reasoning shift", "From Codex to Copilot and GPT-4")


def everything_shown(result: Digest) -> list[str]:
    return [result.headline.text] + [s.text for s in result.summary] + [f.text for f in result.facts]


def test_the_sample_digest(sample_text: str) -> None:
    result = digest(sample_text)
    assert result.headline.source == "generated"
    assert result.headline.text == "Jerry Tworek announced his resignation from OpenAI after nearly seven years"
    shown = everything_shown(result)
    assert not any(PROMO.search(text) for text in shown)
    assert not any(heading in text for text in shown for heading in HEADINGS)
    facts = " | ".join(f.text for f in result.facts)
    assert "2019" in facts + " ".join(s.text for s in result.summary)  # a fact, or the summary's second sentence
    assert "o1" in facts
    assert "LiveBench" in facts
    assert "August" in facts
    assert "Codex" in facts
    assert "GitHub Copilot" in facts
    assert len(result.summary) == 3
    assert result.stats.sentences == 16
    assert result.stats.boilerplate == 3
    assert result.stats.headings == 2


@pytest.mark.parametrize(
    "method",
    ["news", "lead", "learned", "lexrank", "textrank", "lsa", "luhn", "kl", "sumbasic", "edmundson", "reduction"],
)
def test_no_method_shows_promo_or_headings(sample_text: str, method: str) -> None:
    shown = everything_shown(digest(sample_text, Options(method=method)))
    assert not any(PROMO.search(text) for text in shown)
    assert not any(heading in text for text in shown for heading in HEADINGS)


def test_summary_and_facts_are_distinct_sentences(sample_text: str) -> None:
    result = digest(sample_text, Options(facts=10))
    assert not {s.index for s in result.summary} & {f.index for f in result.facts}


def test_a_title_line_becomes_the_headline() -> None:
    result = digest("Council approves budget\n\nThe council approved the budget on Monday. It includes $12m for roads.")
    assert (result.headline.text, result.headline.source) == ("Council approves budget", "title")
    assert all(s.text != "Council approves budget" for s in result.summary)


def test_a_one_sentence_article_is_digested() -> None:
    result = digest("The council approved the budget on Monday.")
    assert [s.text for s in result.summary] == ["The council approved the budget on Monday."]
    assert result.headline.text == "The council approved the budget on Monday"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t  \n",
        "1 2 3\n4 5",
        "... !!! ???",
        "Advertisement\n",
        "https://a.example/x\nwww.b.example\nme@c.example",
    ],
)
def test_text_with_nothing_to_summarise_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError):
        digest(text)


def test_a_digest_keeps_no_sentence_of_its_article(sample_text: str) -> None:
    """The word caches serve one digest: in a batch, memory does not grow with the articles seen."""
    from newsdigest import words

    def cached() -> list[int]:
        return [function.cache_info().currsize for function in (words.word_count, words.lowered_words, words.tokens)]

    digest(sample_text)
    assert cached() == [0, 0, 0]
    with pytest.raises(InputError):
        digest("Advertisement\n")  # a failing digest, too
    assert cached() == [0, 0, 0]
    assert words.tokens("The mayor’s plan") == ("the", "mayor", "plan")  # and they still work afterwards


def test_exact_duplicates_are_not_repeated_in_the_summary() -> None:
    text = "The mayor resigned on Monday.\nThe mayor resigned on Monday.\nA new election is due in May 2026."
    result = digest(text, Options(ratio=1.0))
    assert [s.text for s in result.summary] == ["The mayor resigned on Monday.", "A new election is due in May 2026."]
    assert result.stats.duplicates == 1


def test_to_dict_is_json_and_documents_the_settings(sample_text: str) -> None:
    data = json.loads(to_json(digest(sample_text, Options(method="lexrank", words=60, facts=2, keywords=3))))
    assert data["schema_version"] == 2
    assert data["method"] == "lexrank"
    assert data["settings"] == {
        "method": "lexrank",
        "length": {"words": 60},
        "facts": 2,
        "keywords": 3,
        "language": "auto",
    }
    assert data["stats"]["summary_words"] <= 60
    assert set(data) == {
        "schema_version",
        "headline",
        "summary",
        "facts",
        "keywords",
        "language",
        "stats",
        "method",
        "settings",
        "article",
        "generator",
    }
    assert data["article"]["headings"] == list(HEADINGS)


def _golden(name: str, actual: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} changed; rerun with --update-golden if intended"


def test_golden_text(sample_text: str, update_golden: bool) -> None:
    import io

    out = io.StringIO()
    render(digest(sample_text), Format.text, out)
    _golden("sample.txt", out.getvalue(), update_golden)


def test_golden_json(sample_text: str, update_golden: bool) -> None:
    data = digest(sample_text).to_dict()
    data.pop("generator")  # carries the version
    _golden("sample.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n", update_golden)


def test_golden_markdown(sample_text: str, update_golden: bool) -> None:
    import io

    out = io.StringIO()
    render(digest(sample_text), Format.markdown, out)
    _golden("sample.md", out.getvalue(), update_golden)
