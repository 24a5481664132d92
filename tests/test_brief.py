"""The briefing library: stories from already-loaded articles (no I/O)."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import timedelta

import pytest

from newsdigest import BriefItem, BriefOptions, UsageError, brief
from newsdigest.briefing.group import THRESHOLD, lead, pair_similarities, profiles

from .stories import NOW, items, labelled


def _groups(briefing_stories: object) -> set[frozenset[str]]:
    return {frozenset(a.id for a in story.articles) for story in briefing_stories}  # type: ignore[attr-defined]


def test_the_labelled_set_groups_exactly_into_its_stories() -> None:
    expected: dict[str, set[str]] = {}
    for article in labelled():
        expected.setdefault(article["story"], set()).add(article["id"])
    result = brief(items(), BriefOptions(now=NOW))
    assert _groups(result.stories) == {frozenset(ids) for ids in expected.values()}


def test_the_threshold_separates_every_pair_of_the_labelled_set() -> None:
    """Precision first: no different-story pair reaches the threshold; every same-event pair does."""
    articles = labelled()
    found = pair_similarities(
        profiles(
            [a["title"] for a in articles],
            [lead(a["text"], a["title"]) for a in articles],
            [None] * len(articles),
        )
    )
    for i, j in itertools.combinations(range(len(articles)), 2):
        score = found.get((i, j), 0.0)
        if articles[i]["story"] == articles[j]["story"]:
            assert score >= THRESHOLD, (articles[i]["id"], articles[j]["id"], score)
        else:
            assert score < THRESHOLD, (articles[i]["id"], articles[j]["id"], score)


def test_stories_sharing_names_stay_apart() -> None:
    result = brief(items(), BriefOptions(now=NOW))
    story_of = {a.id: story.id for story in result.stories for a in story.articles}
    assert story_of["recall-business"] != story_of["factory-coastline"]  # Aurora Motors twice
    assert story_of["rates-business"] != story_of["voss-markets"]  # Helena Voss twice
    assert story_of["bridge-gazette"] != story_of["flood-gazette"]  # Port Ellery twice


def test_the_story_most_sources_carry_comes_first_and_single_sources_say_so() -> None:
    result = brief(items(), BriefOptions(now=NOW))
    first = result.stories[0]
    assert {a.id for a in first.articles} == {"bridge-gazette", "bridge-wire", "bridge-coastline"}
    assert first.sources == 3
    assert [story.sources for story in result.stories] == sorted((s.sources for s in result.stories), reverse=True)
    singles = [story for story in result.stories if story.single_source]
    assert {a.id for story in singles for a in story.articles} == {"voss-markets", "factory-coastline", "cup-wire"}
    assert first.headline in {a.title for a in first.articles}


def test_a_story_summary_states_the_shared_fact_once() -> None:
    """All three outlets open with the £42m, 18-month closure; the summary says it once."""
    bridge = brief(items(), BriefOptions(now=NOW)).stories[0]
    assert 2 <= len(bridge.summary) <= 3
    assert sum("42" in sentence for sentence in bridge.summary) == 1
    assert len({a.site for a in bridge.articles}) == 3


def test_merged_facts_state_each_value_once_with_every_source() -> None:
    result = brief(items(), BriefOptions(now=NOW))
    recall = next(s for s in result.stories if "recall-business" in {a.id for a in s.articles})
    shown = [v.text for fact in recall.facts for v in fact.values]
    assert len(shown) == len(set(shown))
    shares = next(v for fact in recall.facts for v in fact.values if v.text == "6%")
    assert set(shares.sources) == {"recall-business", "recall-wire"}


def test_top_since_and_per_source() -> None:
    assert len(brief(items(), BriefOptions(now=NOW, top=2)).stories) == 2
    recent = brief(items(), BriefOptions(now=NOW, since=timedelta(hours=12)))
    ids = {a.id for story in recent.stories for a in story.articles}
    assert "cup-wire" not in ids  # 15.5 hours old
    assert "voss-markets" not in ids  # 19 hours old
    assert "bridge-gazette" in ids
    one_each = brief(items(), BriefOptions(now=NOW, per_source=1))
    sites = [a.site for story in one_each.stories for a in story.articles]
    assert sorted(sites) == sorted(set(sites))
    assert one_each.articles == 5  # five sites in the set


def test_an_item_without_a_date_is_kept_by_since() -> None:
    undated = replace(items()[0], published=None)
    result = brief([undated], BriefOptions(now=NOW, since=timedelta(hours=1)))
    assert result.articles == 1


def test_the_same_link_twice_is_one_article() -> None:
    twice = items()[:1] * 2
    result = brief(twice, BriefOptions(now=NOW))
    assert result.articles == 1
    assert len(result.stories[0].articles) == 1


def test_an_item_with_nothing_to_digest_is_skipped_with_its_reason() -> None:
    result = brief([BriefItem(text="   ", title="Empty", url="https://x.example/a"), *items()[:1]])
    assert result.articles == 1
    assert [(s.url, s.reason) for s in result.skipped] == [("https://x.example/a", "the input is empty")]


def test_no_items_is_an_empty_briefing() -> None:
    result = brief([])
    assert result.stories == ()
    assert result.to_dict()["stories"] == []


@pytest.mark.parametrize("field", ["top", "per_source"])
def test_counts_below_one_are_usage_errors(field: str) -> None:
    with pytest.raises(UsageError):
        brief(items(), BriefOptions(**{field: 0}))  # type: ignore[arg-type]


def test_the_json_document_links_stories_to_articles_and_facts_to_sources() -> None:
    document = brief(items(), BriefOptions(now=NOW)).to_dict()
    assert document["schema_version"] == 1
    stories = document["stories"]
    assert isinstance(stories, list)
    ids = set()
    for story in stories:
        article_ids = {a["id"] for a in story["articles"]}
        ids |= article_ids
        for fact in story["facts"]:
            assert set(fact["sources"]) <= article_ids
        assert all(a["url"].startswith("https://") for a in story["articles"])
    assert ids == {a["id"] for a in labelled()}


def test_the_json_schema_document_names_every_key() -> None:
    from pathlib import Path

    schema = (Path(__file__).resolve().parent.parent / "docs" / "brief-json-schema.md").read_text(encoding="utf-8")
    document = brief(items(), BriefOptions(now=NOW)).to_dict()
    story = document["stories"][0]  # type: ignore[index]

    def names(prefix: str, record: dict[str, object]) -> list[str]:
        return [f"`{prefix}{key}[]`" if isinstance(v, list) else f"`{prefix}{key}`" for key, v in record.items()]

    keys = names("", document) + names("stories[].", story)
    keys += names("stories[].articles[].", story["articles"][0])
    keys += names("stories[].facts[].", story["facts"][0])
    missing = [key for key in keys if key not in schema]
    assert missing == []


@pytest.mark.parametrize(("text", "hours"), [("24h", 24), ("90m", 1.5), ("2d", 48), ("1w", 168), ("6", 6)])
def test_since_spans(text: str, hours: float) -> None:
    from newsdigest.briefing.collect import parse_since

    assert parse_since(text) == timedelta(hours=hours)


@pytest.mark.parametrize("text", ["", "soon", "0h", "-3d", "99999w"])
def test_since_spans_that_are_not(text: str) -> None:
    from newsdigest.briefing.collect import parse_since

    with pytest.raises(UsageError):
        parse_since(text)
