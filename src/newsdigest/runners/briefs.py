"""Briefings of an archive, one per day or per topic: what each task does, no engine here.

An archive's rows (as :mod:`newsdigest.runners.archive` reads them) are
sorted into groups: by the UTC day of each row's ``published`` (else
``date``) field, rows with no readable date going to the ``undated`` group;
or by the value of a field the user names (``topic``, ``section``...), rows
without one going to the ``none`` group. Each row is digested where it is
read, so the costly part spreads over the partitions however unevenly the
groups are sized; each group is then handed to the same :func:`brief` the
``brief`` command calls, and becomes one JSON briefing.

A row that is not an article (not a JSON object, no text, a field of the
wrong type) becomes an error record, as in ``cluster``; an article with
nothing to digest is listed in its briefing's ``skipped``, as in ``brief``.
:mod:`newsdigest.runners.cluster` schedules these steps on Dask.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, timezone

from newsdigest.briefing.brief import brief, source_info
from newsdigest.briefing.feeds import iso_date
from newsdigest.briefing.model import BriefItem, BriefOptions
from newsdigest.errors import InputError, NewsdigestError, UsageError
from newsdigest.options import Options
from newsdigest.pipeline.digest import digest
from newsdigest.runners.archive import DIGEST_FIELDS, Row, error_record, located, row_id, row_text

#: ``--brief day``: one briefing per UTC day of the rows' dates.
BY_DAY = "day"
#: The row fields a date is read from, first found first.
DATE_FIELDS = ("published", "date")
#: Name of the group of rows without a date (by day) or without a value (by a field).
UNDATED = "undated"
UNGROUPED = "none"
ERRORS_FILE = "errors.jsonl"
INDEX_FILE = "index.json"
_NAME_MAX = 60

#: A group: its day (``YYYY-MM-DD``) or field value; None for the rows that have none.
Key = str | None


@dataclass(frozen=True)
class Grouping:
    """How rows are grouped: ``by`` is :data:`BY_DAY` or the name of a row field."""

    by: str = BY_DAY

    def __post_init__(self) -> None:
        if not self.by.strip():
            raise UsageError("--brief needs day or the name of a field to group by")

    @property
    def by_day(self) -> bool:
        return self.by == BY_DAY

    @property
    def fields(self) -> tuple[str, ...]:
        """The row fields a briefing reads (the Parquet columns)."""
        return (*DIGEST_FIELDS, "site", *DATE_FIELDS, *(() if self.by_day else (self.by,)))

    def key(self, row: Mapping[str, object], item: BriefItem) -> Key:
        if self.by_day:
            return item.published.astimezone(timezone.utc).date().isoformat() if item.published else None
        value = row.get(self.by)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise InputError(f"the {self.by} must be a string or an integer, not {type(value).__name__}")
        return str(value).strip()

    def label(self, key: Key) -> str:
        if key is None:
            return UNDATED if self.by_day else UNGROUPED
        return key

    def now(self, key: Key, items: Sequence[BriefItem], started: datetime) -> datetime:
        """The moment a group's briefing is as of: the end of its day; else its newest
        article's date; else ``started`` (the run's start). Recency counts back from it."""
        if self.by_day and key is not None:
            day = date.fromisoformat(key)
            if day == date.max:  # a placeholder date (9999-12-31): its day has no end to count from
                return datetime.max.replace(tzinfo=timezone.utc)
            return datetime.combine(day + timedelta(days=1), time(), timezone.utc)
        # A date after the run's start (more than a day ahead, as brief() allows) is a wrong
        # date: as the group's "now" it would make every other article look days old.
        latest = started + timedelta(days=1)
        dates = [item.published for item in items if item.published and item.published <= latest]
        return max(dates) if dates else started


def article(row: Mapping[str, object]) -> BriefItem:
    """The briefing item of one row (``text``; optional ``id``, ``title``, ``url``, ``site``,
    ``published`` or ``date``), or :class:`InputError` naming the field that is wrong."""
    ident = row_id(row)
    given: dict[str, str | None] = {}
    for name in ("title", "url", "site"):
        value = row.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(f"the {name} must be a string, not {type(value).__name__}")
        given[name] = value if value and value.strip() else None
    return BriefItem(
        text=row_text(row),
        title=given["title"],
        url=given["url"],
        site=given["site"],
        published=_published(row),
        id=None if ident is None else str(ident),
    )


def _published(row: Mapping[str, object]) -> datetime | None:
    """The row's date, aware; None when it has none or it cannot be read (the row is then undated)."""
    for name in DATE_FIELDS:
        value = row.get(name)
        if isinstance(value, datetime):  # a Parquet timestamp column
            moment: datetime | None = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        elif isinstance(value, date):
            moment = datetime.combine(value, time(), timezone.utc)
        else:
            moment = iso_date(value)
        if moment is not None:
            try:  # in UTC, where days are told apart; 0001-01-01T00:00+01:00 has no UTC time
                return moment.astimezone(timezone.utc)
            except OverflowError:
                return None
    return None


@dataclass(frozen=True)
class SortedPartition:
    """One partition's articles, digested, by group (in file order), and its error records."""

    index: int
    groups: dict[Key, tuple[BriefItem, ...]]
    errors: tuple[dict[str, object], ...]
    #: CPU time the task spent (set by the task that ran it).
    cpu_seconds: float = 0.0

    def sizes(self) -> dict[Key, int]:
        return {key: len(items) for key, items in self.groups.items()}


def sort_rows(rows: Iterable[Row], index: int, grouping: Grouping, options: Options) -> SortedPartition:
    """Digest each row (``options`` as in :class:`BriefOptions`'s ``digest``) and sort it into its group.

    Never raises for a bad row: it becomes an error record. An article whose
    text holds nothing to digest goes to its group undigested, and
    :func:`brief` lists it in ``skipped`` with the reason.
    """
    groups: dict[Key, list[BriefItem]] = {}
    errors: list[dict[str, object]] = []
    for row in rows:
        if row.fields is None:
            errors.append(error_record(None, f"{row.where}: {row.problem}"))
            continue
        ident = row.fields.get("id")
        try:
            item = article(row.fields)
            key = grouping.key(row.fields, item)
        except Exception as exc:  # one row's failure, whatever it is, must not fail the job
            errors.append(located(error_record(_shown_id(ident), exc), row.where))
            continue
        try:
            item = replace(item, digest=digest(item.text, options, source=source_info(item)))
        except NewsdigestError:
            pass  # nothing to digest: brief() lists the article in skipped, with the reason
        except Exception as exc:
            errors.append(located(error_record(_shown_id(ident), exc), row.where))
            continue
        groups.setdefault(key, []).append(item)
    return SortedPartition(index, {key: tuple(items) for key, items in groups.items()}, tuple(errors))


def _shown_id(ident: object) -> str | int | None:
    return ident if isinstance(ident, str | int) and not isinstance(ident, bool) else None


def order(keys: Iterable[Key]) -> list[Key]:
    """Groups in the order of their files: days (or values) ascending, the group without one last."""
    present = set(keys)
    return sorted(key for key in present if key is not None) + ([None] if None in present else [])


def file_names(grouping: Grouping, keys: Iterable[Key]) -> dict[Key, str]:
    """A safe, distinct file name for each group: ``brief-2026-03-03.json``, ``brief-undated.json``,
    ``brief-world-europe.json`` (letters and digits of any script kept, the rest made ``-``);
    names that would collide (ignoring case) get ``-2``, ``-3``..."""
    ordered = order(keys)
    names: dict[Key, str] = {}
    taken: set[str] = set()
    for key in [None, *ordered] if None in ordered else ordered:
        if key in names:
            continue
        stem = re.sub(r"[\W_]+", "-", grouping.label(key).casefold()).strip("-")[:_NAME_MAX].strip("-")
        stem = stem or "group"
        name, number = stem, 1
        while name in taken:
            number += 1
            name = f"{stem}-{number}"
        taken.add(name)
        names[key] = f"brief-{name}.json"
    return {key: names[key] for key in ordered}


@dataclass(frozen=True)
class GroupResult:
    """One written briefing, or (``error``) the record of one that could not be made."""

    key: Key
    file: str
    articles: int = 0
    stories: int = 0
    skipped: int = 0
    error: dict[str, object] | None = field(default=None, compare=False)
    cpu_seconds: float = field(default=0.0, compare=False)


def briefing_document(
    key: Key, items: Sequence[BriefItem], grouping: Grouping, options: BriefOptions, started: datetime
) -> dict[str, object]:
    """The briefing of one group: :meth:`Briefing.to_dict` (the ``brief --format json``
    document) with a ``group`` block saying which group it is."""
    result = brief(items, replace(options, now=grouping.now(key, items, started)))
    document = result.to_dict()
    head = {name: document.pop(name) for name in ("schema_version", "kind")}
    return {**head, "group": {"by": grouping.by, "value": key}, **document}


def index_document(grouping: Grouping, results: Iterable[GroupResult], errors: int) -> dict[str, object]:
    """``index.json``: each briefing's group, file and counts, in file order, and the error records' count."""
    written = {result.key: result for result in results if result.error is None}
    return {
        "by": grouping.by,
        "briefings": [
            {
                "group": key,
                "file": written[key].file,
                "articles": written[key].articles,
                "stories": written[key].stories,
                "skipped": written[key].skipped,
            }
            for key in order(written)
        ],
        "errors": errors,
        "errors_file": ERRORS_FILE,
    }
