"""``cluster --brief``: briefings of an archive by day or by topic, on a real local Dask cluster (conftest.py)."""

from __future__ import annotations

import json
import os
import re
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from distributed import Client, LocalCluster
from typer.testing import CliRunner

from newsdigest import BriefItem, BriefOptions, brief
from newsdigest.cli import app
from newsdigest.runners.archive import SUCCESS_MARKER, plan, prepare_output
from newsdigest.runners.briefs import Grouping, article, file_names
from newsdigest.runners.cluster import run_briefs

from . import articles, stories

runner = CliRunner()
OPTIONS = BriefOptions()


def story_rows() -> list[dict[str, object]]:
    """The labelled story set as archive rows: 9 articles of 3 March 2026 (the flood, the bridge, the recall
    and the rate rise each by two or three outlets) and 3 of 2 March."""
    return [
        {
            "id": item.id,
            "text": item.text,
            "title": item.title,
            "url": item.url,
            "site": item.site,
            "published": item.published.isoformat() if item.published else None,
        }
        for item in stories.items()
    ]


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def end_of(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc) + timedelta(days=1)


def expected(items: list[BriefItem], by: str, value: str | None, now: datetime) -> dict[str, object]:
    """The briefing of one group made in this process by brief() itself, with the group block."""
    document = brief(items, replace(OPTIONS, now=now)).to_dict()
    return {**document, "group": {"by": by, "value": value}}


def read_json(path: Path) -> dict[str, object]:
    document = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def read_errors(out: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]


UNDATED_TEXT = (
    "The Port Ellery ferry ran two hours late on Tuesday after an engine fault, its operator said.\n"
    "Passengers were offered refunds, and the crossing ran to time again by the evening."
)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two JSON Lines files: the days' articles split across them (and across partitions), a row that is
    not JSON, one whose text is a number, one with an empty text, and one with no date."""
    rows = [json.dumps(row, ensure_ascii=False) for row in story_rows()]
    folder = tmp_path_factory.mktemp("archive")
    write_lines(folder / "a.jsonl", [*rows[:5], "this is not json", *rows[5:7]])
    write_lines(
        folder / "b.jsonl",
        [
            *rows[7:],
            json.dumps({"id": "numeric", "text": 42, "published": "2026-03-03T10:00:00+00:00"}),
            json.dumps({"id": "empty", "text": "", "published": "2026-03-03T10:00:00+00:00"}),
            json.dumps({"id": 7, "text": UNDATED_TEXT, "title": "Ferry delayed by engine fault"}),
        ],
    )
    return folder


@pytest.fixture(scope="module")
def by_day(archive: Path, tmp_path_factory: pytest.TempPathFactory, dask_cluster: LocalCluster) -> Path:
    partitions = plan([str(archive)], partition_bytes=1500)
    assert len(partitions) > 4
    out = prepare_output(str(tmp_path_factory.mktemp("briefs") / "out"))
    report = run_briefs(partitions, out, Grouping("day"), OPTIONS, scheduler=dask_cluster.scheduler_address)
    assert (report.briefings, report.articles, report.skipped, report.errors, report.workers) == (3, 13, 1, 2, 2)
    return out


def test_one_briefing_per_day_and_one_for_the_undated(by_day: Path) -> None:
    assert sorted(path.name for path in by_day.iterdir()) == [
        SUCCESS_MARKER,
        "brief-2026-03-02.json",
        "brief-2026-03-03.json",
        "brief-undated.json",
        "errors.jsonl",
        "index.json",
    ]


def test_each_day_is_the_briefing_brief_makes_of_it(by_day: Path) -> None:
    items = stories.items()
    for day in ("2026-03-02", "2026-03-03"):
        of_day = [item for item in items if item.published and item.published.date().isoformat() == day]
        if day == "2026-03-03":
            of_day.append(BriefItem("", id="empty", published=datetime.fromisoformat("2026-03-03T10:00:00+00:00")))
        assert read_json(by_day / f"brief-{day}.json") == expected(of_day, "day", day, end_of(day))


def test_the_same_story_from_two_outlets_is_one_story(by_day: Path) -> None:
    document = read_json(by_day / "brief-2026-03-03.json")
    found = {story["headline"]: sorted(article["id"] for article in story["articles"]) for story in document["stories"]}
    assert sorted(found.values()) == [
        ["bridge-coastline", "bridge-gazette", "bridge-wire"],
        ["flood-coastline", "flood-gazette"],
        ["rates-business", "rates-markets"],
        ["recall-business", "recall-wire"],
    ]
    assert [story["sources"] for story in document["stories"]] == [3, 2, 2, 2]
    assert document["generated"] == "2026-03-04T00:00:00+00:00"  # as of the end of its day
    assert document["skipped"] == [{"id": "empty", "title": None, "url": None, "reason": "the input is empty"}]
    earlier = read_json(by_day / "brief-2026-03-02.json")
    assert [story["single_source"] for story in earlier["stories"]] == [True, True, True]


def test_rows_without_a_date_are_briefed_together(by_day: Path) -> None:
    document = read_json(by_day / "brief-undated.json")
    assert document["group"] == {"by": "day", "value": None}
    assert [[article["id"] for article in story["articles"]] for story in document["stories"]] == [["7"]]
    assert document["stories"][0]["headline"] == "Ferry delayed by engine fault"


def test_bad_rows_are_error_records(by_day: Path, archive: Path) -> None:
    errors = read_errors(by_day)
    assert errors[1] == {
        "id": "numeric",
        "error": {"message": "the text must be a string, not int", "type": "InputError"},
    }
    assert errors[0]["id"] is None
    message = errors[0]["error"]["message"]
    assert re.fullmatch(rf"{re.escape(str(archive / 'a.jsonl'))}, byte \d+: not valid JSON \(.*\)", message)


def test_the_index_lists_every_briefing(by_day: Path) -> None:
    index = read_json(by_day / "index.json")
    assert index["by"] == "day"
    assert index["errors"] == 2
    listed = index["briefings"]
    assert [(entry["group"], entry["file"]) for entry in listed] == [
        ("2026-03-02", "brief-2026-03-02.json"),
        ("2026-03-03", "brief-2026-03-03.json"),
        (None, "brief-undated.json"),
    ]
    for entry in listed:
        document = read_json(by_day / entry["file"])
        assert entry["stories"] == len(document["stories"])
        assert entry["articles"] == document["articles"]
        assert entry["skipped"] == len(document["skipped"])


def test_a_killed_worker_changes_nothing_in_the_briefings(
    tmp_path: Path, dask_cluster: LocalCluster, client: Client
) -> None:
    client.wait_for_workers(2, timeout=60)
    days = ["2026-05-01", "2026-05-02", "2026-05-03"]
    rows = articles.rows(120, start=3000)
    for number, row in enumerate(rows):
        row["published"] = f"{days[number % 3]}T{number % 24:02d}:00:00+00:00"
    source = write_lines(tmp_path / "in.jsonl", [json.dumps(row) for row in rows])
    partitions = plan([str(source)], partition_bytes=3000)
    out = prepare_output(str(tmp_path / "out"))
    pids: dict[str, int] = client.run(os.getpid)

    with ThreadPoolExecutor(1) as pool:
        job = pool.submit(
            run_briefs, partitions, out, Grouping("day"), OPTIONS, scheduler=dask_cluster.scheduler_address
        )
        killed = None
        deadline = time.monotonic() + 60
        while killed is None and not job.done() and time.monotonic() < deadline:
            held = {address: keys for address, keys in client.has_what().items() if address in pids}
            sorted_already = sum(str(key).startswith("sort_partition") for keys in held.values() for key in keys)
            busy = [address for address, keys in client.processing().items() if keys and address in pids]
            if sorted_already >= 2 and busy:
                killed = busy[0]
                os.kill(pids[killed], signal.SIGKILL)
            time.sleep(0.01)
        report = job.result(timeout=180)

    assert killed is not None, "the run ended before a worker could be killed"
    assert (report.briefings, report.articles, report.errors) == (3, 120, 0)
    for day in days:
        of_day = [
            BriefItem(
                str(row["text"]),
                title=row.get("title"),  # type: ignore[arg-type]
                url=row.get("url"),  # type: ignore[arg-type]
                published=datetime.fromisoformat(str(row["published"])),
                id=str(row["id"]),
            )
            for row in rows
            if str(row["published"]).startswith(day)
        ]
        assert read_json(out / f"brief-{day}.json") == expected(of_day, "day", day, end_of(day))
    client.wait_for_workers(2, timeout=60)  # the nanny restarts the worker for the tests after this one
    assert pids[killed] not in client.run(os.getpid).values()


def test_cli_briefs_by_a_topic_field(tmp_path: Path, dask_cluster: LocalCluster) -> None:
    rows = story_rows()
    topics = {"bridge": "Local/Transport", "flood": "Local/Transport", "recall": "Business", "rates": "business"}
    for row in rows:
        label = str(row["id"]).split("-")[0]
        if label in topics:
            row["topic"] = topics[label]
    source = write_lines(tmp_path / "in.jsonl", [json.dumps(row, ensure_ascii=False) for row in rows])
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["cluster", "--brief", "topic", str(source), str(out), "--scheduler", dask_cluster.scheduler_address]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert re.fullmatch(
        rf"{out}: briefings 4, articles 12, stories 7, skipped 0, errors 0, partitions 1, workers 2, [0-9.]+ s\n",
        result.stderr,
    )
    index = read_json(out / "index.json")
    assert [(entry["group"], entry["file"]) for entry in index["briefings"]] == [
        ("Business", "brief-business.json"),
        ("Local/Transport", "brief-local-transport.json"),
        ("business", "brief-business-2.json"),  # names that differ only in case stay apart
        (None, "brief-none.json"),
    ]
    transport = read_json(out / "brief-local-transport.json")
    assert transport["group"] == {"by": "topic", "value": "Local/Transport"}
    assert [story["sources"] for story in transport["stories"]] == [3, 2]
    # A topic's briefing is as of its newest article.
    assert transport["generated"] == "2026-03-03T11:40:00+00:00"
    rest = read_json(out / "brief-none.json")
    assert sorted(a["id"] for story in rest["stories"] for a in story["articles"]) == [
        "cup-wire",
        "factory-coastline",
        "voss-markets",
    ]


def test_cli_brief_top_per_source_and_method(tmp_path: Path, dask_cluster: LocalCluster) -> None:
    source = write_lines(tmp_path / "in.jsonl", [json.dumps(row) for row in story_rows()])
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            *("cluster", str(source), str(out), "--brief", "day", "--top", "2", "--per-source", "1", "-m", "lead"),
            *("--scheduler", dask_cluster.scheduler_address),
        ],
    )
    assert result.exit_code == 0, result.stderr
    document = read_json(out / "brief-2026-03-03.json")
    items = [item for item in stories.items() if item.published and item.published.day == 3]
    lead = replace(OPTIONS.digest, method="lead")
    at = replace(OPTIONS, now=end_of("2026-03-03"))
    assert brief(items, replace(at, digest=lead)).to_dict() != brief(items, at).to_dict()  # -m lead is seen
    assert document == {
        **brief(items, replace(OPTIONS, top=2, per_source=1, now=end_of("2026-03-03"), digest=lead)).to_dict(),
        "group": {"by": "day", "value": "2026-03-03"},
    }
    assert len(document["stories"]) == 2


def test_parquet_timestamps_give_the_day(tmp_path: Path, dask_cluster: LocalCluster) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{**row, "published": datetime.fromisoformat(str(row["published"]))} for row in story_rows()]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "in.parquet", row_group_size=5)
    out = prepare_output(str(tmp_path / "out"))
    report = run_briefs(
        plan([str(tmp_path / "in.parquet")]), out, Grouping("day"), OPTIONS, scheduler=dask_cluster.scheduler_address
    )
    assert (report.partitions, report.briefings, report.articles, report.errors) == (3, 2, 12, 0)
    earlier = read_json(out / "brief-2026-03-02.json")
    assert sorted(a["site"] for story in earlier["stories"] for a in story["articles"]) == [
        "Coastline News",
        "Market Times",
        "Northern Wire",
    ]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--brief", "day", "-n", "2"], "Error: --sentences does not apply to --brief: "),
        (["--brief", "day", "--facts", "2"], "Error: --facts does not apply to --brief: "),
        (["--top", "2"], "Error: --top needs --brief\n"),
        (["--per-source", "2"], "Error: --per-source needs --brief\n"),
        (["--brief", " "], "Error: --brief needs day or the name of a field to group by\n"),
    ],
)
def test_cli_brief_usage_errors(tmp_path: Path, arguments: list[str], message: str) -> None:
    source = write_lines(tmp_path / "in.jsonl", [json.dumps(story_rows()[0])])
    result = runner.invoke(app, ["cluster", str(source), str(tmp_path / "out"), *arguments])
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert result.stdout == ""
    assert not (tmp_path / "out").exists()


def test_file_names_are_safe_and_distinct() -> None:
    names = file_names(Grouping("section"), ["Sport", "sport", "../etc", "Ünïcode news", "***", "none", None])
    assert names == {
        "***": "brief-group.json",
        "../etc": "brief-etc.json",
        "Sport": "brief-sport.json",
        "none": "brief-none-2.json",
        "sport": "brief-sport-2.json",
        "Ünïcode news": "brief-ünïcode-news.json",
        None: "brief-none.json",
    }
    assert list(names)[-1] is None  # the group without a value comes last


def test_dates_at_the_ends_of_the_calendar_are_rows_like_others() -> None:
    # Placeholder dates: one whose UTC time does not exist is undated; the last day still has a briefing time.
    assert article({"text": "Words.", "published": "0001-01-01T00:00:00+01:00"}).published is None
    last = article({"text": "Words.", "published": "9999-12-31"})
    assert last.published == datetime(9999, 12, 31, tzinfo=timezone.utc)
    by_day = Grouping("day")
    key = by_day.key({}, last)
    assert key == "9999-12-31"
    assert by_day.now(key, [last], datetime(2026, 3, 3, tzinfo=timezone.utc)).year == 9999


def test_a_topics_briefing_is_not_dated_by_an_article_from_the_future() -> None:
    started = datetime(2026, 3, 4, 12, tzinfo=timezone.utc)
    items = [
        article({"text": "Words.", "published": "2026-03-03T09:00:00+00:00"}),
        article({"text": "Words.", "published": "2099-01-01T00:00:00+00:00"}),  # a wrong date
    ]
    assert Grouping("topic").now("transport", items, started) == datetime(2026, 3, 3, 9, tzinfo=timezone.utc)
    only_wrong = items[1:]
    assert Grouping("topic").now("transport", only_wrong, started) == started
