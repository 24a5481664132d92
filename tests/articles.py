"""Generated news articles for tests that need many distinct ones."""

from __future__ import annotations

import random

_PLACES = ["Portmere", "Lindhaven", "Brackwater", "Old Tarrow", "Kessington", "Marlow Bay", "Northfield", "Ashcombe"]
_PEOPLE = [
    "Marta Keil",
    "David Osei",
    "Lena Park",
    "Tomas Reyes",
    "Aisha Khan",
    "Peter Lund",
    "Grace Mbeki",
    "Ivo Novak",
]
_BODIES = ["city council", "port authority", "transport ministry", "school board", "health trust", "water company"]
_TOPICS = ["a new tram line", "a ban on cruise ships", "a cut in bus fares", "a flood barrier", "a new hospital wing"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = ["January", "March", "April", "June", "September", "November"]


def article(seed: int) -> tuple[str, str]:
    """A title and a plain-text news story of 7 to 11 sentences, different for each seed."""
    pick = random.Random(seed)
    place, body, topic = pick.choice(_PLACES), pick.choice(_BODIES), pick.choice(_TOPICS)
    person, other = pick.sample(_PEOPLE, 2)
    share, cost, year = pick.randint(51, 79), pick.randint(2, 90), pick.randint(2026, 2031)
    sentences = [
        f"The {body} of {place} approved {topic} on {pick.choice(_DAYS)}, ending a dispute that had run for {pick.randint(2, 12)} years.",
        f"The plan passed with {share}% of the vote and will cost about ${cost} million, officials said.",
        f"Work is due to start in {pick.choice(_MONTHS)} {year} and to finish within {pick.randint(2, 5)} years.",
        f'"This is a victory for everyone who lives here," said {person}, who led the campaign.',
        f"{other}, who opposed the plan, said the {body} had ignored residents of the eastern districts.",
        f"Critics warned that the cost could rise by a {pick.choice(['third', 'quarter', 'half'])} before the work is done.",
        f"The {body} said it would publish a detailed budget within {pick.randint(3, 9)} weeks.",
    ]
    extra = [
        f"Similar schemes in {pick.choice(_PLACES)} took longer than planned.",
        f"Local businesses said they expected {pick.randint(100, 900)} new jobs.",
        "The decision can still be challenged in court.",
        f"A public meeting is planned for {pick.choice(_DAYS)} evening at the town hall.",
    ]
    sentences += pick.sample(extra, pick.randint(0, len(extra)))
    lines = [" ".join(sentences[:2]), " ".join(sentences[2:5]), " ".join(sentences[5:])]
    title = f"{place} approves {topic}"
    return title, "\n".join(lines)


def rows(count: int, *, start: int = 0) -> list[dict[str, object]]:
    """``count`` input rows with ids ``a<n>``; every third has a title and a URL."""
    result: list[dict[str, object]] = []
    for number in range(start, start + count):
        title, text = article(number)
        row: dict[str, object] = {"id": f"a{number}", "text": text}
        if number % 3 == 0:
            row["title"] = title
            row["url"] = f"https://news.example/{number}"
        result.append(row)
    return result
