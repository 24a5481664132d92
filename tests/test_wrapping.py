"""Line structure: hard-wrapped text is unwrapped, other line breaks are kept."""

from __future__ import annotations

import json
import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdigest import digest
from newsdigest.pipeline.clean import clean, unwrap
from newsdigest.pipeline.segment import segment

from .articles import article
from .conftest import ROOT, SAMPLE

ARTICLES = [json.loads(line)["text"] for line in (ROOT / "tests" / "data" / "articles.jsonl").read_text().splitlines()]

STORY = [
    "Alibaba is set to raise up to $12.9bn from its record-breaking share sale in Hong Kong, "
    "the Chinese e-commerce giant said on Wednesday, after months of delays caused by the protests in the city.",
    "The company will sell 500 million new shares at no more than HK$188 each, and may sell a further "
    "75 million if demand is strong, according to a filing with the stock exchange.",
    "Trading is expected to begin on 26 November. The listing would be the largest in Hong Kong since 2010, "
    "when the insurer AIA raised $20.5bn.",
    "Analysts said the timing was a vote of confidence in the city as a financial centre, which has been "
    "shaken by more than five months of unrest and a trade war between Washington and Beijing.",
]


def wrapped(paragraphs: list[str], width: int, joiner: str = "\n\n") -> str:
    return joiner.join(textwrap.fill(paragraph, width, break_long_words=False) for paragraph in paragraphs)


def reading(text: str) -> tuple[object, ...]:
    """What a reader sees of a digest, white space normalised."""
    result = digest(text)

    def flat(value: str) -> str:
        return " ".join(value.split())

    return (
        flat(result.headline.text),
        [flat(s.text) for s in result.summary],
        [flat(f.text) for f in result.facts],
        [k.text for k in result.keywords],
        result.headings,
    )


def sentences(text: str) -> list[str]:
    return [sentence.text for sentence in segment(clean(text)).sentences]


def test_a_wrapped_story_is_split_as_the_unwrapped_one() -> None:
    plain = sentences("\n\n".join(STORY))
    for width in (40, 55, 72, 100):
        text = wrapped(STORY, width)
        assert sentences(text) == plain, width
        article_ = clean(text)
        assert article_.headings == ()
        assert article_.title is None
        assert len(article_.paragraphs) == len(STORY)


def test_balanced_lines_short_of_the_width_are_unwrapped_too() -> None:
    # As fmt fills: lines kept some columns short of the width, not greedily full.
    text = (
        "The company will sell 500 million new shares at no more\n"
        "than HK$188 each, and may sell a further 75 million if\n"
        "demand is strong, according to a filing with the stock\n"
        "exchange. Trading is expected to begin on 26 November.\n"
    )
    assert clean(text).paragraphs == (
        (
            "The company will sell 500 million new shares at no more than HK$188 each, and may sell a further "
            "75 million if demand is strong, according to a filing with the stock exchange. "
            "Trading is expected to begin on 26 November.",
        ),
    )


def test_paragraphs_without_blank_lines_between_them_stay_apart() -> None:
    text = wrapped(STORY, 60, joiner="\n")
    assert sentences(text) == sentences("\n".join(STORY))


def test_a_heading_in_wrapped_text_is_set_apart_by_what_surrounds_it() -> None:
    text = "Markets\n\n" + wrapped(STORY[:2], 60, joiner="\nWhat the sale means\n")
    article_ = clean(text)
    assert article_.headings == ("Markets", "What the sale means")
    assert [line for paragraph in article_.paragraphs for line in paragraph] == STORY[:2]


def test_a_short_line_inside_a_sentence_is_no_heading() -> None:
    # The second line ends a paragraph in mid-clause; the third goes on in lower case.
    text = (
        "The council approved the new tram line on Monday after a debate that\n"
        "lasted until midnight, and the vote\n"
        "was close: 31 to 29.\n"
    )
    article_ = clean(text)
    assert article_.headings == ()
    assert article_.paragraphs == (
        (
            "The council approved the new tram line on Monday after a debate that lasted until midnight, "
            "and the vote was close: 31 to 29.",
        ),
    )


def test_hyphens_at_line_ends() -> None:
    text = (
        "The international body met on Monday in Geneva,\n"
        "where the delegates discussed the inter-\n"
        "national rules for the trade in well-\n"
        "known brands of medicines and for self-\n"
        "and peer-reviewed journals in the region.\n"
    )
    (line,) = [line for paragraph in clean(text).paragraphs for line in paragraph]
    # "international" occurs in the text, so the hyphen was a line-end break;
    # "wellknown" does not, so "well-known" keeps its hyphen; before "and" the space stays.
    assert "the international rules" in line
    assert "well-known brands" in line
    assert "self- and peer-reviewed" in line


def test_a_dash_that_wrapping_put_at_a_line_start_is_no_list_item() -> None:
    text = (
        "Venezuela, the world's fifth largest oil exporter and a member of\n"
        "- as it happens - the oil cartel, sells about 60% of its output to\n"
        "the United States.\n"
    )
    assert len(clean(text).paragraphs[0]) == 1


def test_lists_addresses_and_one_paragraph_per_line_are_left_alone() -> None:
    lines = ["Ingredients for the cake, as the recipe gives them:", "- 200 g flour", "- 100 g sugar", "- two eggs"]
    assert unwrap(lines) == lines
    one_per_line = SAMPLE.read_text(encoding="utf-8").split("\n")
    assert unwrap(one_per_line) == one_per_line
    address = ["Harbour Office", "12 Quay Street", "Portmere"]
    assert unwrap(address) == address


def test_a_long_list_item_wrapped_onto_a_second_line_is_one_item() -> None:
    text = (
        "The council listed three reasons for the decision, as follows:\n"
        "- the cost of the old port's upkeep, which has doubled in\n"
        "ten years, and the falling number of visitors\n"
        "- the pollution from ships at anchor\n"
        "- the wishes of residents\n"
        "The council will vote on the final plan in May, after a public meeting.\n"
    )
    assert [line for paragraph in clean(text).paragraphs for line in paragraph][-4:-1] == [
        "- the cost of the old port's upkeep, which has doubled in ten years, and the falling number of visitors",
        "- the pollution from ships at anchor",
        "- the wishes of residents",
    ]


def test_the_sample_wrapped_at_72_columns_gives_the_samples_digest() -> None:
    lines = [line for line in SAMPLE.read_text(encoding="utf-8").split("\n") if line]
    assert reading(wrapped(lines, 72)) == reading(SAMPLE.read_text(encoding="utf-8"))


#: Texts written for the suite, one paragraph per line; the sample has headings.
SUITE_TEXTS = st.one_of(
    st.just(SAMPLE.read_text(encoding="utf-8")),
    st.sampled_from(ARTICLES),
    st.integers(0, 10_000).map(lambda seed: article(seed)[1]),
    st.just("\n\n".join(STORY)),
)
#: Those without headings or boilerplate lines: with no blank line between
#: paragraphs, a heading as long as the width and in sentence case cannot be
#: told from a paragraph's first line ("A central figure in OpenAI's reasoning
#: shift" / "Tworek joined"), and a line a reader skips ("Follow us on ...")
#: after a full line is joined to the paragraph before it.
WITHOUT_HEADINGS = st.one_of(
    st.integers(0, 10_000).map(lambda seed: article(seed)[1]),
    st.just("\n\n".join(STORY)),
)


def unwrapped_and_wrapped(text: str, width: int, joiner: str) -> tuple[object, object]:
    paragraphs = [line for line in text.split("\n") if line.strip()]
    return reading("\n".join(paragraphs)), reading(wrapped(paragraphs, width, joiner))


@settings(max_examples=60, deadline=None)
@given(text=SUITE_TEXTS, width=st.integers(40, 100))
def test_wrapping_at_any_width_leaves_the_digest_as_it_was(text: str, width: int) -> None:
    before, after = unwrapped_and_wrapped(text, width, "\n\n")
    assert after == before


@settings(max_examples=30, deadline=None)
@given(text=WITHOUT_HEADINGS, width=st.integers(40, 100))
def test_wrapped_paragraphs_without_blank_lines_between_them_keep_the_digest(text: str, width: int) -> None:
    before, after = unwrapped_and_wrapped(text, width, "\n")
    assert after == before
