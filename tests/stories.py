"""The labelled story set (tests/data/stories.json) as briefing items."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from newsdigest import BriefItem

STORIES = Path(__file__).resolve().parent / "data" / "stories.json"
#: A moment just after the last article of the set.
NOW = datetime.fromisoformat("2026-03-03T13:00:00+00:00")


def labelled() -> list[dict[str, str]]:
    return json.loads(STORIES.read_text(encoding="utf-8"))["articles"]  # type: ignore[no-any-return]


def slug(site: str) -> str:
    return site.replace(" ", "").lower()


def items() -> list[BriefItem]:
    return [
        BriefItem(
            text=article["text"],
            title=article["title"],
            url=f"https://{slug(article['site'])}.example/{article['id']}",
            site=article["site"],
            published=datetime.fromisoformat(article["published"]),
            id=article["id"],
        )
        for article in labelled()
    ]
