"""newsdigest on a real local Dask cluster (2 worker processes, the ``dask_cluster`` fixture of conftest.py)."""

from __future__ import annotations

import json
import os
import re
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from distributed import Client, LocalCluster
from typer.testing import CliRunner

from newsdigest import Options, digest
from newsdigest.cli import app
from newsdigest.model import SourceInfo
from newsdigest.runners import cluster as cluster_module
from newsdigest.runners.archive import SUCCESS_MARKER, Partition, plan, prepare_output, read_output, read_partition
from newsdigest.runners.cluster import record, run

from . import articles

OPTIONS = Options(sentences=2, facts=3)

BAD_LINES = [
    '{"id": "empty", "text": ""}',
    '{"id": "blank", "text": "   \\n  "}',
    '{"id": "missing"}',
    '{"id": "number", "text": 42}',
    '{"id": "null", "text": null}',
    '{"id": "list", "text": ["a", "b"]}',
    '{"id": "badtitle", "text": "Rain fell on Monday in the north.", "title": 7}',
    '{"id": ["x"], "text": "Rain fell on Monday in the north."}',
    "this is not json",
    "[1, 2, 3]",
]


def expected(row: dict[str, object]) -> dict[str, object]:
    """The single-process digest of one good row, built here with digest() itself."""
    title, url = row.get("title"), row.get("url")
    source = SourceInfo(title=title, url=url) if isinstance(title, str) and isinstance(url, str) else None
    assert isinstance(row["text"], str)
    return {"id": row["id"], **digest(row["text"], OPTIONS, source=source).to_dict()}


def write_jsonl(path: Path, good: list[dict[str, object]], bad: list[str] = BAD_LINES) -> Path:
    lines = [json.dumps(row, ensure_ascii=False) for row in good]
    # Bad rows among the good ones, not only at the end.
    for offset, line in enumerate(bad):
        lines.insert(min(len(lines), 7 * offset + 3), line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def wait_for_workers(client: Client, count: int = 2) -> None:
    client.wait_for_workers(count, timeout=60)


@pytest.fixture(scope="module")
def good_rows() -> list[dict[str, object]]:
    return articles.rows(60)


@pytest.fixture(scope="module")
def clean_run(
    tmp_path_factory: pytest.TempPathFactory, dask_cluster: LocalCluster, good_rows: list[dict[str, object]]
) -> list[dict[str, object]]:
    """One run over good and bad rows, in many small partitions."""
    base = tmp_path_factory.mktemp("clean")
    source = write_jsonl(base / "in.jsonl", good_rows)
    partitions = plan([str(source)], partition_bytes=4000)
    assert len(partitions) > 8
    out = prepare_output(str(base / "out"))
    report = run(partitions, out, OPTIONS, scheduler=dask_cluster.scheduler_address)
    assert report.records == len(good_rows) + len(BAD_LINES)
    assert report.errors == len(BAD_LINES)
    assert report.workers == 2
    assert (out / SUCCESS_MARKER).is_file()
    return list(read_output(out))


def test_every_input_id_appears_exactly_once(
    clean_run: list[dict[str, object]], good_rows: list[dict[str, object]]
) -> None:
    ids = [record["id"] for record in clean_run if "error" not in record]
    assert ids == [row["id"] for row in good_rows]  # once each, in input order


def test_digests_equal_single_process_digest(
    clean_run: list[dict[str, object]], good_rows: list[dict[str, object]]
) -> None:
    digests = [record for record in clean_run if "error" not in record]
    assert digests == [expected(row) for row in good_rows]
    with_source = [record for record in digests if "source" in record]
    assert with_source  # titles and URLs reached the digest
    assert all(isinstance(record["source"], dict) and record["source"]["url"] for record in with_source)


def test_bad_rows_become_error_records(clean_run: list[dict[str, object]]) -> None:
    errors = {json.dumps(r["id"]): r["error"] for r in clean_run if "error" in r}
    messages = {key: error["message"] for key, error in errors.items() if isinstance(error, dict)}
    assert {error["type"] for error in errors.values() if isinstance(error, dict)} == {"InputError"}
    assert messages['"empty"'] == "the input is empty"
    assert messages['"blank"'] == "the input is empty"
    assert messages['"missing"'] == "no text: the row needs a text field"
    assert messages['"null"'] == "no text: the row needs a text field"
    assert messages['"number"'] == "the text must be a string, not int"
    assert messages['"list"'] == "the text must be a string, not list"
    assert messages['"badtitle"'] == "the title must be a string, not int"
    # Rows without a usable id are found by file and byte offset instead.
    unnamed = [r["error"] for r in clean_run if r["id"] is None]
    assert len(unnamed) == 3
    notes = sorted(str(error["message"]).split(": ", 1)[1] for error in unnamed if isinstance(error, dict))
    assert notes[0] == "a JSON line must be an object, not an array"
    assert notes[1].startswith("not valid JSON (")
    assert notes[2] == "the id must be a string or an integer"
    assert all(", byte " in str(error["message"]) for error in unnamed if isinstance(error, dict))


def test_a_killed_worker_changes_nothing_in_the_output(
    tmp_path: Path, dask_cluster: LocalCluster, client: Client
) -> None:
    wait_for_workers(client)
    good = articles.rows(150, start=1000)
    source = write_jsonl(tmp_path / "in.jsonl", good, bad=BAD_LINES[:3])
    partitions = plan([str(source)], partition_bytes=3000)
    out = prepare_output(str(tmp_path / "out"))
    pids: dict[str, int] = client.run(os.getpid)

    with ThreadPoolExecutor(1) as pool:
        job = pool.submit(run, partitions, out, OPTIONS, scheduler=dask_cluster.scheduler_address)
        killed = None
        deadline = time.monotonic() + 60
        while killed is None and not job.done() and time.monotonic() < deadline:
            written = len(list(out.glob("part-*.jsonl")))
            busy = [address for address, keys in client.processing().items() if keys and address in pids]
            if written >= 2 and busy:
                killed = (busy[0], written)
                os.kill(pids[busy[0]], signal.SIGKILL)
            time.sleep(0.01)
        report = job.result(timeout=120)

    assert killed is not None, "the run ended before a worker could be killed"
    assert killed[1] < len(partitions)  # mid-run: some part files were still to come
    records = list(read_output(out))
    assert report.records == len(records) == len(good) + 3
    digests = [r for r in records if "error" not in r]
    assert digests == [expected(row) for row in good]
    assert sorted(str(r["id"]) for r in records if "error" in r) == ["blank", "empty", "missing"]
    assert sorted(p.name for p in out.iterdir()) == sorted([p.part_name for p in partitions] + [SUCCESS_MARKER])
    wait_for_workers(client)  # the nanny restarts the worker for the tests after this one
    assert set(client.run(os.getpid).values()).isdisjoint({pids[killed[0]]})


def test_parquet_input(tmp_path: Path, dask_cluster: LocalCluster) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    good = articles.rows(20, start=500)
    rows = [*good, {"id": "empty", "text": "", "title": None, "url": None}]
    table = pa.Table.from_pylist([{"title": None, "url": None, **row} for row in rows])
    pq.write_table(table, tmp_path / "in.parquet", row_group_size=6)
    partitions = plan([str(tmp_path)], partition_bytes=1)
    assert [(p.kind, p.start) for p in partitions] == [("parquet", group) for group in range(4)]
    out = prepare_output(str(tmp_path / "out"))
    run(partitions, out, OPTIONS, scheduler=dask_cluster.scheduler_address)
    records = list(read_output(out))
    assert records[:-1] == [expected(row) for row in good]
    assert records[-1] == {"id": "empty", "error": {"message": "the input is empty", "type": "InputError"}}


runner = CliRunner()


def test_cli_on_a_running_scheduler(tmp_path: Path, dask_cluster: LocalCluster) -> None:
    good = articles.rows(12, start=2000)
    source = write_jsonl(tmp_path / "in.jsonl", good, bad=BAD_LINES[:1])
    address = dask_cluster.scheduler_address
    result = runner.invoke(
        app, ["cluster", str(source), str(tmp_path / "out"), "--scheduler", address, "-n", "2", "--facts", "3"]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert re.fullmatch(
        rf"{tmp_path / 'out'}: records 13, errors 1, partitions 1, workers 2, [0-9.]+ s\n", result.stderr
    )
    records = list(read_output(tmp_path / "out"))
    assert [r for r in records if "error" not in r] == [expected(row) for row in good]


def test_cli_starts_a_local_cluster_without_a_scheduler(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", articles.rows(4), bad=[])
    result = runner.invoke(app, ["cluster", str(source), str(tmp_path / "out"), "--workers", "1"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"{tmp_path / 'out'}: records 4, errors 0, partitions 1, workers 1, ")
    assert len(list(read_output(tmp_path / "out"))) == 4


def test_cli_refuses_an_output_directory_that_holds_files(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", articles.rows(2), bad=[])
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "part-00000.jsonl").write_text("{}\n")
    result = runner.invoke(app, ["cluster", str(source), str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {tmp_path / 'out'}: the output directory is not empty;")
    assert result.stdout == ""


def test_cli_reports_missing_input(tmp_path: Path) -> None:
    result = runner.invoke(app, ["cluster", str(tmp_path / "nope.jsonl"), str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'nope.jsonl'}: no such file or directory\n"


def test_cli_reports_an_unreachable_scheduler(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cluster_module, "CONNECT_TIMEOUT", 1.0)
    source = write_jsonl(tmp_path / "in.jsonl", articles.rows(2), bad=[])
    result = runner.invoke(app, ["cluster", str(source), str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9 (")
    assert "\n" not in result.stderr.rstrip("\n")


# Without a cluster: the pieces a cluster runs.


@pytest.mark.parametrize("size", [1, 2, 3, 17, 64, 100_000])
def test_byte_ranges_hold_every_line_once(tmp_path: Path, size: int) -> None:
    lines = [json.dumps({"id": n, "text": "x" * (n % 23)}) for n in range(40)]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    seen = [
        row.fields["id"] for p in plan([str(path)], partition_bytes=size) for row in read_partition(p) if row.fields
    ]
    assert seen == list(range(40))


def test_a_file_without_a_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "in.ndjson"
    path.write_text('{"id": 1}\n{"id": 2}', encoding="utf-8")
    partition = Partition(0, str(path), "jsonl", 0, path.stat().st_size)
    assert [row.fields for row in read_partition(partition)] == [{"id": 1}, {"id": 2}]


def test_record_is_the_digest_plus_its_id() -> None:
    row = articles.rows(1)[0]
    assert record(row, OPTIONS) == expected(row)
    assert record({"id": 5, "text": ""}, OPTIONS) == {
        "id": 5,
        "error": {"message": "the input is empty", "type": "InputError"},
    }


def test_readme_documents_the_cluster_command(tmp_path: Path, dask_cluster: LocalCluster) -> None:
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    for option in ("--scheduler", "--workers", "--partition-size", "IN...", "OUT"):
        assert f"`{option}`" in readme
    # The example's output: the first two records' ids and headlines.
    example = re.search(r"\$ newsdigest cluster (\S+) digests/\n.*?\| head -2\n(.*?)\n```", readme, re.S)
    assert example is not None
    out = tmp_path / "digests"
    result = runner.invoke(
        app, ["cluster", str(root / example.group(1)), str(out), "--scheduler", dask_cluster.scheduler_address]
    )
    assert result.exit_code == 0, result.stderr
    shown = [json.loads(line) for line in example.group(2).splitlines()]
    assert shown == [{"id": r["id"], "headline": r["headline"]["text"]} for r in list(read_output(out))[:2]]


def test_readme_python_example_runs(
    tmp_path: Path, dask_cluster: LocalCluster, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    code = next(block for block in readme.split("```python\n")[1:] if "newsdigest.runners.cluster" in block).split(
        "```"
    )[0]
    (tmp_path / "crawl").mkdir()
    write_jsonl(tmp_path / "crawl" / "2025-01-01.jsonl", articles.rows(5), bad=[])
    monkeypatch.chdir(tmp_path)
    exec(code.replace("tcp://127.0.0.1:8786", dask_cluster.scheduler_address), {})
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("5 0 ")
    assert lines[1].startswith("{'id': 1, 'schema_version': 2, 'headline': {'text': 'Rain fell on Monday in the north'")
    assert len(list(read_output(tmp_path / "digests"))) == 5


def test_record_and_the_plain_command_do_not_import_dask() -> None:
    import subprocess
    import sys

    code = (
        "import sys, newsdigest.cli, newsdigest.runners.cluster, newsdigest.runners.archive, newsdigest.runners.briefs; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'dask', 'distributed', 'pyarrow'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "[]\n"
