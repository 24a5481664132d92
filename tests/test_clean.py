"""The clean step: line structure, titles, sub-headings and boilerplate."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdigest.pipeline.clean import (
    _LINK,
    _WORD_OR_NUMBER,
    clean,
    has_words,
    is_boilerplate,
    non_article_kind,
    normalize,
)


def body(article_text: str) -> list[str]:
    return [line for paragraph in clean(article_text).paragraphs for line in paragraph]


def test_sample_has_no_title_two_headings_and_a_promo_footer(sample_text: str) -> None:
    article = clean(sample_text)
    assert article.title is None
    assert article.headings == (
        "A central figure in OpenAI’s reasoning shift",
        "From Codex to Copilot and GPT-4",
    )
    assert len(article.boilerplate) == 3
    assert all(line.startswith(("Discover", "Find", "Stay")) for line in article.boilerplate)
    lines = [line for paragraph in article.paragraphs for line in paragraph]
    assert not any("Moneycontrol" in line or "startup news" in line for line in lines)
    assert lines[0].startswith("Jerry Tworek announced")


def test_a_title_line_is_detected() -> None:
    article = clean("Bank raises rates to 5%\n\nThe central bank raised rates on Thursday. Markets fell.\n")
    assert article.title == "Bank raises rates to 5%"
    assert body("Bank raises rates to 5%\n\nThe central bank raised rates on Thursday.") == [
        "The central bank raised rates on Thursday."
    ]


def test_a_first_line_that_is_a_sentence_is_no_title() -> None:
    assert clean("The bank raised rates.\nMarkets fell sharply.").title is None


def test_headings_end_paragraphs_and_never_join_body_lines() -> None:
    article = clean("Lead sentence here.\nA short sub heading\nNext sentence follows.")
    assert article.headings == ("A short sub heading",)
    assert article.paragraphs == (("Lead sentence here.",), ("Next sentence follows.",))


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "Read more: Why markets fell today",
        "Also Read | Five things to know",
        "By Jane Smith",
        "By Jane Smith and John Doe, Reuters",
        "Published: 12:01 EST, 1 March 2015",
        "Last updated on 3 March 2025 at 10:15",
        "© 2025 Example News Ltd. All rights reserved.",
        "Copyright 2024 The Daily Example",
        "Share this article",
        "Sign up for our daily newsletter to get the latest news in your inbox.",
        "Download the Example News app for breaking news alerts.",
        "Follow us on Twitter and Facebook for the latest updates.",
        "Click here to subscribe.",
        "Scroll down for video",
        "Related Articles: Markets rally after rate cut",
        "See the original story at Billboard.com.",
    ],
)
def test_boilerplate_lines_in_many_house_styles(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "The minister said the latest figures showed growth in every region.",
        "Get ready for higher prices, economists warned on Monday.",
        "By the end of the year, the company had hired 500 people.",
        "Sales of the app rose 20% after the update, the firm said.",
        "Follow-up talks are planned for next week in Geneva.",
        "Share prices fell 3% in early trading.",
    ],
)
def test_news_sentences_are_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


def test_the_footer_gets_a_lower_bar_for_promotion() -> None:
    promo = "Stay on top of the latest."
    assert not is_boilerplate(promo)  # one marketing word: news text could say this
    assert is_boilerplate(promo, in_footer=True)
    article = clean(f"The company said profits rose 10%.\nAnalysts were surprised.\n{promo}")
    assert article.boilerplate == (promo,)


def test_a_promo_in_the_middle_needs_strong_marketing_language() -> None:
    text = "Profits rose 10%.\nDownload our app to get the latest news alerts.\nAnalysts were surprised."
    assert clean(text).boilerplate == ("Download our app to get the latest news alerts.",)


def test_datelines_and_stamps_glued_to_the_first_words_are_removed() -> None:
    assert body("(CNN)The primary suspect was arrested.")[0] == "The primary suspect was arrested."
    assert body("Moscow (CNN)The primary suspect was arrested.")[0] == "The primary suspect was arrested."
    assert body("WASHINGTON (Reuters) - Lawmakers voted on Tuesday.")[0] == "Lawmakers voted on Tuesday."
    stamped = (
        "By . Daily Mail Reporter . PUBLISHED: . 12:01 EST, 1 March 2015 . | . UPDATED: . 14:20 EST, 1 March 2015 . "
        "A man was rescued from the sea on Sunday."
    )
    assert body(stamped)[0] == "A man was rescued from the sea on Sunday."


def test_control_sequences_and_line_endings_are_normalised() -> None:
    text = "Red \x1b[31malert\x1b[0m here.\r\nTitle \x1b]0;evil\x07set.\rBell\x07 rang.\u202eX"
    assert normalize(text) == "Red alert here.\nTitle set.\nBell rang.X"


def test_lines_without_words_are_dropped_but_numbers_inside_sentences_stay() -> None:
    article = clean("Attendance: 3,803 people came.\n3,803\n...\nThe match ended 2-1.")
    assert body("Attendance: 3,803 people came.\n3,803\n...\nThe match ended 2-1.") == [
        "Attendance: 3,803 people came.",
        "The match ended 2-1.",
    ]
    assert "3,803" in article.boilerplate


def test_text_made_only_of_short_lines_is_kept_as_body() -> None:
    article = clean("First item here\nSecond item here\nThird item here")
    assert article.title == "First item here"
    assert [line for p in article.paragraphs for line in p] == ["Second item here", "Third item here"]
    # A line that the next continues in lower case is no title: all three are body lines.
    article = clean("first item here\nsecond item here\nthird item here")
    assert article.title is None
    assert [line for p in article.paragraphs for line in p] == [
        "first item here",
        "second item here",
        "third item here",
    ]


LINK_TEXT = st.lists(
    st.sampled_from(
        ["www.", "WwW.", "ww.", "http://", "HTTPS://", "://", "@", "me@x.com", "x.org", "3.5", "1,000", "a", " ", "é"]
    ),
    max_size=8,
).map("".join)


@given(LINK_TEXT)
def test_has_words_skips_the_link_search_only_where_no_link_can_be(text: str) -> None:
    without_links = _LINK.sub(" ", text)  # what has_words did on every text before the pre-check
    expected = any(
        not m.group().replace(".", "").replace(",", "").isdigit() for m in _WORD_OR_NUMBER.finditer(without_links)
    )
    assert has_words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("www.example.com", False),
        ("WWW.EXAMPLE.COM 2024", False),
        ("https://x.org/a", False),
        ("me@x.com", False),
        ("See www.x.org", True),
    ],
)
def test_links_and_addresses_are_no_words(text: str, expected: bool) -> None:
    assert has_words(text) == expected


@given(st.text(alphabet="  \t\u00a0\u2003\u3000ab\n", max_size=30))
def test_white_space_runs_become_one_space_as_a_plain_run_pattern_would_make_them(text: str) -> None:
    import re

    import newsdigest.pipeline.clean as module

    every_run = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")  # the definition
    assert [module._single_spaced(line) for line in text.split("\n")] == [
        every_run.sub(" ", line) for line in text.split("\n")
    ]


# Lines written for these tests in the house styles of news sites, per kind and language.
@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("(Reporting by Jane Doe in Lisbon; editing by Mark Roe)", "credit"),
        ("Additional reporting by Sam Lee; Writing by Ann Cole", "credit"),
        ("Harbour News staff writers Ann Cole and Tom Ash contributed to this report.", "credit"),
        ("Source: Reuters", "credit"),
        ("Mit Material von dpa", "credit"),
        ("Avec AFP", "credit"),
        ("Con información de EFE", "credit"),
        ("Com agências", "credit"),
        ("Źródło: PAP", "credit"),
        ("Zdroj: ČTK", "credit"),
        ("Πηγή: ΑΠΕ", "credit"),
        ("Correction, Nov. 15, 2019: This article originally misstated the year the bridge opened.", "correction"),
        ("Editor's note: This story has been updated with comment from the council.", "correction"),
        ("An earlier version of this article misidentified the mayor.", "correction"),
        ("Korrektur: In einer früheren Version dieses Artikels stand ein falsches Datum.", "correction"),
        ("Une précédente version de cet article indiquait une date erronée.", "correction"),
        ("Una versión anterior de este artículo decía otra cifra.", "correction"),
        ("Rättelse: Artikeln har uppdaterats.", "correction"),
        ("Sprostowanie: w poprzedniej wersji tekstu podaliśmy błędną datę.", "correction"),
        ("Cover image: The old harbour at dawn.", "caption"),
        ("Photo: Jane Doe / Getty Images", "caption"),
        ("Photo by Sam Lee on Unsplash", "caption"),
        ("(AP Photo/Ann Cole)", "caption"),
        ("Foto: dpa", "caption"),
        ("Bild: Keystone", "caption"),
        ("Zdjęcie: Jan Kowalski", "caption"),
        ("This shop has been compensated by Collective Bias, Inc. and its advertiser.", "disclosure"),
        ("This post contains affiliate links; we may earn a commission.", "disclosure"),
        ("Anzeige, enthält Affiliate Links", "disclosure"),
        ("Contenu sponsorisé", "disclosure"),
        ("Contenido patrocinado: una marca paga este texto", "disclosure"),
        ("Materiał partnera", "disclosure"),
        ("Komerční sdělení", "disclosure"),
        ("Be sure to follow Harbour Sports on Facebook, Twitter, and Instagram.", "social"),
        ("You can follow her on Instagram.", "social"),
        ("Folgen Sie uns auf Instagram und Facebook.", "social"),
        ("Suivez-nous sur les réseaux sociaux.", "social"),
        ("Síguenos en Twitter.", "social"),
        ("Seguici su Facebook", "social"),
        ("Följ oss på Instagram", "social"),
        ("Obserwuj nas na Facebooku", "social"),
        ("Sledujte nás na Twitteru", "social"),
        ("Lesen Sie auch: Der neue Hafenplan", "related"),
        ("À lire aussi : le budget de la ville", "related"),
        ("Leggi anche", "related"),
        ("Czytaj też: Nowy plan portu", "related"),
        ("Čtěte také: Nový plán", "related"),
        ("About the author", "bio"),
        ("Ann Cole is a senior writer for Harbour News covering transport.", "bio"),
        ("Die neue Ausgabe ist jetzt am Kiosk erhältlich.", "promo"),
        ("Das ganze Interview lesen Sie im Heft (jetzt am Kiosk oder hier bestellen).", "promo"),
        ("Actuellement en kiosque", "promo"),
        ("Ya a la venta en quioscos", "promo"),
        ("In edicola da giovedì", "promo"),
        ("Tested by: Sam Lee | RRP: £49 | Rating: 4/5", "spec"),
    ],
)
def test_non_article_lines_by_kind_and_language(line: str, kind: str) -> None:
    assert non_article_kind(line) == kind
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("- Ten ferry routes to try this summer", "related"),
        ("• Council names new harbour master", "related"),
        ("Jana Nováková je redaktorkou zpravodajství.", "bio"),
        ("Anna Berg är reporter på Hamnbladet.", "bio"),
        ("Hans Weber ist Redakteur im Ressort Wirtschaft.", "bio"),
    ],
)
def test_link_lists_and_bios_are_recognised_at_the_end_of_an_article(line: str, kind: str) -> None:
    assert non_article_kind(line) is None
    assert non_article_kind(line, in_footer=True) == kind


@pytest.mark.parametrize(
    "line",
    [
        "Research by the university shows that more people now cycle to work.",
        "Produced by a small studio in Leeds, the film cost less than £1m and won three awards at the festival.",
        "Weekend tickets are now on sale priced at £125 each.",
        "The minister told followers on Twitter that she would stand again.",
        "He said the plan would follow the law on Facebook data.",
        "Werbung ist ein Milliardengeschäft.",
        "Reklama w internecie rośnie szybciej niż w telewizji.",
        "The source of the leak was a broken valve.",
        "A correction in share prices followed the announcement.",
        "The photographs show the damage to the harbour wall.",
        "Ten cm of snow weigh about 10 kg per square metre, a load of 98 pascals (Pa).",
        "Ann Cole is a teacher who has lived in the town for 20 years.",
    ],
)
def test_article_sentences_with_the_same_words_are_not_non_article_lines(line: str) -> None:
    assert non_article_kind(line) is None
    assert not is_boilerplate(line)


def test_non_article_lines_glued_into_a_paragraph_are_reported_and_never_facts() -> None:
    from newsdigest import Options, digest

    text = (
        "The harbour authority approved a £40m plan on Monday to rebuild the old pier by 2027. "
        "Work will begin in March and employ 200 people, the authority said.\n\n"
        "Local traders welcomed the decision after years of delays. "
        "The pier was closed in 2019 after storm damage cost £3m in repairs.\n\n"
        "(Reporting by Jane Doe; editing by Mark Roe)\n"
        "Cover image: The old pier at dawn. Photo: Sam Lee / Getty Images\n"
        "Be sure to follow Harbour News on Facebook, Twitter, and Instagram.\n"
        "Correction, Nov. 15, 2019: This article originally misstated the cost of the repairs.\n"
    )
    result = digest(text, Options(sentences=2, facts=5))
    shown = [item.text for item in result.summary] + [fact.text for fact in result.facts]
    for line in ("Reporting by", "Cover image", "Getty", "follow Harbour", "Correction"):
        assert not any(line in item for item in shown)
        assert any(line in item for item in result.boilerplate)
    assert result.to_dict()["article"]["boilerplate"] == list(result.boilerplate)  # type: ignore[index]


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("Von Anna Schmidt", True),
        ("Par Jean Dupont, envoyé spécial à Kiev", True),
        ("Av Anna Berg", True),
        ("Par ailleurs, le gouvernement hésite.", False),
        ("Di solito la gente resta a casa.", False),
        ("Von Montag an gilt das Gesetz.", False),
    ],
)
def test_bylines_in_the_languages_words_for_by_need_names(line: str, byline: bool) -> None:
    assert is_boilerplate(line) is byline
