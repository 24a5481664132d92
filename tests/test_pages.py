"""The page check: widgets out, the headline from the page without its site name, non-articles refused.

The pages in tests/data/pages/ are written for the suite, each around one
thing sites do; they are read from files and served by the local test server.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdigest import digest
from newsdigest.cli import app
from newsdigest.errors import InputError
from newsdigest.pipeline.load import read_input, read_source
from newsdigest.pipeline.page import (
    Block,
    Titles,
    check_blocks,
    choose_headline,
    refusal,
    sane_author,
    sane_date,
    sane_site_name,
)

PAGES = Path(__file__).resolve().parent / "data" / "pages"

REFUSED = {
    "cookie-only.html": "only a cookie or consent notice",
    "nav-only.html": "only navigation, links and headings",
    "noscript.html": "the page needs JavaScript to show its text",
    "template.html": "template placeholders: the page is filled in by JavaScript",
}


def _shown(name: str, loaded: str) -> str:
    source = read_input(loaded)
    result = digest(source.text, source=source.info)
    parts = [result.headline.text, *(s.text for s in result.summary), *(f.text for f in result.facts)]
    return "\n".join(parts + [k.text for k in result.keywords])


@pytest.fixture(params=["file", "server"])
def where(request: pytest.FixtureRequest) -> str:
    """Where a page is loaded from: its file, or the test server serving it."""
    if request.param == "file":
        return str(PAGES)
    return request.getfixturevalue("web") + "/pages"


@pytest.mark.parametrize(("name", "reason"), sorted(REFUSED.items()))
def test_non_article_pages_are_refused(where: str, name: str, reason: str) -> None:
    with pytest.raises(InputError) as refused:
        read_input(f"{where}/{name}")
    assert str(refused.value) == f"{where}/{name}: no article text found ({reason})"


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_non_article_page_is_exit_1_with_one_line(name: str) -> None:
    run = CliRunner().invoke(app, ["summarise", str(PAGES / name)])
    assert run.exit_code == 1
    assert run.stdout == ""
    assert run.stderr == f"Error: {PAGES / name}: no article text found ({REFUSED[name]})\n"


def test_non_article_page_in_a_batch_is_an_error_record(tmp_path: Path) -> None:
    run = CliRunner().invoke(
        app, ["summarise", "--format", "jsonl", str(PAGES / "cookie-only.html"), str(PAGES / "sidebar.html")]
    )
    assert run.exit_code == 1
    lines = run.stdout.splitlines()
    assert len(lines) == 2
    assert "no article text found (only a cookie or consent notice)" in lines[0]
    assert "Flood barrier opens in Millbrook" in lines[1]


def test_sidebar_guide_box_stays_out(where: str) -> None:
    shown = _shown("sidebar.html", f"{where}/sidebar.html")
    assert shown.splitlines()[0] == "Flood barrier opens in Millbrook"
    for phrase in ("Guides", "headphones", "Laptops", "Valley Post"):
        assert phrase not in shown


def test_hover_card_is_taken_out_of_the_sentence(where: str) -> None:
    source = read_input(f"{where}/hovercard.html")
    lead = source.text.splitlines()[0]
    assert (
        lead
        == "Gov. Kristi Noem (R) said on Monday that her state would not require vaccines for schoolchildren this year."
    )


def test_standfirst_and_title_are_apart_from_the_lead(where: str) -> None:
    source = read_input(f"{where}/standfirst.html")
    lines = source.text.splitlines()
    assert "Coach says the team is healthy for the divisional game" in lines
    assert (
        "The Steelers spent Monday in meetings and a short walk-through before a full practice on Tuesday afternoon."
        in lines
    )
    result = digest(source.text, source=source.info)
    assert result.headline.text == "Steelers prepare for Thursday night"
    assert all(result.headline.text not in s.text for s in result.summary)


def test_figure_caption_stays_out(where: str) -> None:
    text = read_input(f"{where}/figure.html").text
    assert "Photograph" not in text
    assert "at dawn" not in text
    assert len(text.splitlines()) == 4


def test_logo_h1_never_wins(where: str) -> None:
    source = read_input(f"{where}/logo-h1.html")
    assert source.info is not None
    assert source.info.title == "시청 앞 광장에 새 도서관 문 연다"
    assert source.info.site_name == "한빛일보"


def test_the_headline_line_is_not_repeated_in_the_text() -> None:
    source = read_source(str(PAGES / "sidebar.html"))
    assert "Flood barrier opens in Millbrook" not in source.text.splitlines()


@pytest.mark.parametrize(
    ("titles", "expected"),
    [
        # behind, by a pipe, named by og:site_name
        (Titles(title="Storm closes bridge | The Gazette", site_name="The Gazette"), "Storm closes bridge"),
        # in front, by a dash, named by the domain
        (Titles(og="Gazette - Storm closes bridge", url="https://www.gazette.example/x"), "Storm closes bridge"),
        # in front, by a colon: the part og:title has and <title> lacks
        (
            Titles(og="Nigeria's popular news platform: Actress opens film school", title="Actress opens film school"),
            "Actress opens film school",
        ),
        # behind, a site name that holds a separator itself
        (
            Titles(
                title="Concert in Rome - Remember 80/90 - Memorabilia anni 80/90",
                site_name="Remember 80/90 - Memorabilia anni 80/90",
            ),
            "Concert in Rome",
        ),
        # behind, section and site: the h1 agrees with the part that remains
        (
            Titles(title="Eurocash opens a trade platform - Retail news", h1=("Eurocash opens a trade platform",)),
            "Eurocash opens a trade platform",
        ),
        # slashes: section and site behind
        (
            Titles(title="A lift in the clouds / Customs / twoweekly.com", url="https://www.twoweekly.com/a"),
            "A lift in the clouds",
        ),
        # a logo and a section name never win
        (
            Titles(h1=("Politics", "Ministers agree budget deal"), logos=("Gazette",), title="Gazette"),
            "Ministers agree budget deal",
        ),
        # a headline styled as a masthead is no logo; soft hyphens go
        (
            Titles(
                og="Italy: travel advice",
                title="Italy: travel advice - Foreign Office",
                logos=("Italy: travel advice",),
                h1=("Welcome to the Foreign Office",),
            ),
            "Italy: travel advice",
        ),
        (
            Titles(h1=("Mes\u00adsen\u00adger services are no law-free zone",)),
            "Messenger services are no law-free zone",
        ),
        # the name behind the longest of the pipe-separated parts
        (
            Titles(title="A strange music video : Crime Archive | Since 2005 | Year 6", logos=("Crime Archive",)),
            "A strange music video",
        ),
        # a one-word <h1> is a menu entry, a one-word title may be a name
        (Titles(title="Axios Future", url="https://www.axios.com/n", h1=("Sections", "About")), None),
        (Titles(title="蔡健雅", h1=("Sections",)), "蔡健雅"),
        # underscores, guillemets and angle quotes as separators, spaced or run into the words
        (
            Titles(title="Budget passes second reading_Daily Courier", site_name="Daily Courier"),
            "Budget passes second reading",
        ),
        (
            Titles(title="Budget passes second reading _ Daily Courier", site_name="Daily Courier"),
            "Budget passes second reading",
        ),
        (Titles(title="Market day in Horka › Horka Society", site_name="Horka Society"), "Market day in Horka"),
        (Titles(title="Rsync over stunnel_rsync notes"), "Rsync over stunnel_rsync notes"),
        # nothing but the site's name: no headline
        (Titles(title="The Gazette", site_name="The Gazette"), None),
    ],
)
def test_choose_headline(titles: Titles, expected: str | None) -> None:
    assert choose_headline(titles) == expected


def test_link_lists_are_dropped() -> None:
    body = [
        Block("paragraph", "Best headphones of the year, tested by reviewers for comfort and sound", 60),
        Block(
            "paragraph", "Pension savers can transfer their funds freely from April, regulators announced on Monday."
        ),
        Block("paragraph", "The regulators said savers would no longer pay fees to move their pension funds."),
        Block("paragraph", "Funds that refuse transfers from April face fines, the regulators added."),
        Block("paragraph", "Read next: Bank raises rates", 22),
    ]
    checked = check_blocks(body, headline="Pension transfers made free", standfirst=None)
    assert [b.text for b in checked.blocks] == [b.text for b in body[1:4]]
    assert [reason for reason, _ in checked.dropped] == ["links", "links"]


def test_a_short_page_is_refused_with_its_word_count() -> None:
    blocks = [Block("paragraph", "A notice of ten words that is all this page has.")]
    assert refusal(blocks, headline=None, page_text="", has_password=False) == "11 words, fewer than an article has"
    blocks.append(Block("paragraph", "Another sentence gives it enough words to be a very short article."))
    assert refusal(blocks, headline=None, page_text="", has_password=False) is None


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("By The Russian; Syrian defense ministries", None),
        ("Priya Raman", "Priya Raman"),
        ("Ludwig van Beethoven, Ann Lee", "Ludwig van Beethoven, Ann Lee"),
        ("Associated Press", "Associated Press"),
        ("news@example.com", None),
        ("Updated 2 hours ago", None),
        ("김민수", "김민수"),
    ],
)
def test_sane_author(author: str, expected: str | None) -> None:
    assert sane_author(author) == expected


def test_sane_site_name_and_date() -> None:
    assert sane_site_name("Copyright 2014") is None
    assert sane_site_name("© Gazette Media") is None
    assert sane_site_name("The Gazette") == "The Gazette"
    today = datetime.date(2025, 6, 1)
    assert sane_date("2025-06-01", today=today) == "2025-06-01"
    assert sane_date("2025-06-03", today=today) is None
    assert sane_date("1989-12-31", today=today) is None
    assert sane_date("1990-01-01", today=today) == "1990-01-01"


def test_a_lead_that_begins_with_the_headline_is_not_cut() -> None:
    lead = Block(
        "paragraph", "Storm closes harbour bridge for the first time in forty years, the council said on Monday."
    )
    checked = check_blocks(
        [lead], headline="Storm closes harbour bridge", standfirst="Storm closes harbour bridge for the first…"
    )
    assert checked.blocks == (lead,)
    glued = Block("paragraph", "Storm closes harbour bridge The council shut the bridge on Monday as winds rose.")
    checked = check_blocks([glued], headline="Storm closes harbour bridge", standfirst=None)
    assert [b.text for b in checked.blocks] == ["The council shut the bridge on Monday as winds rose."]


@pytest.mark.parametrize(
    "line",
    [
        "LAS GUERRILLAS",
        "MERCI DE VOTRE AIDE",
        "SOUTHWEST MIAMI-DADE, FLA. (WSVN) - An overnight crash",
        "Anna Maria Annabel said",
    ],
)
def test_capitals_and_repeated_letters_are_no_hover_card(line: str) -> None:
    checked = check_blocks([Block("paragraph", line)], headline=None, standfirst=None)
    assert [b.text for b in checked.blocks] == [line]


def test_a_few_damaged_bytes_do_not_turn_a_utf8_page_into_mojibake(where: str) -> None:
    source = read_input(f"{where}/damaged-utf8.html")
    assert source.encoding == "utf-8"
    assert source.warnings == (f"{where}/damaged-utf8.html: not valid UTF-8 in a few places; those bytes replaced",)
    assert "Miasto otworzyło w poniedziałek nową bibliotekę" in source.text
    assert "Ã" not in source.text
    assert "Å" not in source.text


def test_app_letter_and_advertiser_prompts_stay_out(where: str) -> None:
    shown = _shown("prompts.html", f"{where}/prompts.html")
    assert shown.splitlines()[0] == "Ferry service to Inchmore resumes after repairs"
    for phrase in ("apps for iOS", "advertisers", "letter to the editor", "Harbour Times"):
        assert phrase not in shown
    assert "The ferry to Inchmore sailed again on Friday morning" in shown


def test_page_metadata_goes_through_the_sanitiser(where: str) -> None:
    source = read_input(f"{where}/prompts.html")
    result = digest(source.text, source=source.info)
    assert result.source is not None
    assert result.source.author == "Ann Lee"
    assert result.source.site_name == "The Harbour Times"
