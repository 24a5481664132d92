"""Partitioned archives: JSON Lines or Parquet rows in, JSON Lines part files out.

An archive is split into :class:`Partition` s that workers read on their own:
a JSON Lines file by byte ranges (a line belongs to the range its first byte
falls in, so ranges need no coordination), a Parquet file by row groups.
Output goes to one ``part-NNNNN.jsonl`` per partition (or, for briefings,
one JSON file per group), written to a temporary file and renamed into
place: a task that runs twice (its worker died, the engine retried it)
replaces its file instead of adding a second copy.

No engine here, and pyarrow only inside the Parquet functions: this module
is plain file handling that any scheduler can call.
"""

from __future__ import annotations

import glob
import json
import os
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from newsdigest.errors import InputError, NewsdigestError, UsageError
from newsdigest.pipeline.load import MAX_INPUT_BYTES, input_errors, parse_json_line

#: Bytes of JSON Lines per partition: about a thousand news articles, a few
#: seconds of one worker's time, so tasks are few enough for the scheduler and
#: many enough to spread over workers and retry cheaply.
DEFAULT_PARTITION_BYTES = 4 * 1024 * 1024
JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")
#: Marks a finished output directory, as Spark and Hadoop jobs do.
SUCCESS_MARKER = "_SUCCESS"

#: The row fields a digest reads; Parquet files are read for these columns only.
DIGEST_FIELDS = ("id", "text", "title", "url")

Kind = Literal["jsonl", "parquet"]


@dataclass(frozen=True)
class Partition:
    """One task's share of the input: ``[start, stop)`` of a file's bytes
    (JSON Lines) or row groups (Parquet)."""

    index: int
    path: str
    kind: Kind
    start: int
    stop: int

    @property
    def part_name(self) -> str:
        return f"part-{self.index:05d}.jsonl"


@dataclass(frozen=True)
class Row:
    """One input row: its fields, or why it has none; ``where`` locates it for messages."""

    where: str
    fields: Mapping[str, object] | None = None
    problem: str | None = None


def input_files(inputs: Iterable[str]) -> list[Path]:
    """The files named by ``inputs``: files, directories (searched for JSON
    Lines and Parquet files, in name order) and glob patterns."""
    found: list[Path] = []
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and _kind(p) is not None))
        elif path.exists():
            if _kind(path) is None:
                raise UsageError(
                    f"{name}: not a JSON Lines or Parquet file (expected {', '.join(JSONL_SUFFIXES + PARQUET_SUFFIXES)})"
                )
            found.append(path)
        elif glob.has_magic(name):
            # Path.glob takes no absolute pattern, and a user's pattern may well be one.
            matches = map(Path, glob.glob(name, recursive=True))  # noqa: PTH207
            found.extend(sorted(p for p in matches if p.is_file() and _kind(p)))
        else:
            raise InputError(f"{name}: no such file or directory")
    if not found:
        raise InputError(f"no JSON Lines or Parquet file in {', '.join(inputs)}")
    return [path.resolve() for path in found]


def plan(inputs: Iterable[str], *, partition_bytes: int = DEFAULT_PARTITION_BYTES) -> list[Partition]:
    """Split the input files into partitions, numbered in input order, so the
    part files read in order give the records in input order."""
    if partition_bytes < 1:
        raise UsageError("the partition size must be at least 1 byte")
    partitions: list[Partition] = []
    for path in input_files(inputs):
        kind = _kind(path)
        assert kind is not None
        with input_errors(str(path)):
            if kind == "parquet":
                bounds = [(group, group + 1) for group in range(_parquet_row_groups(path))]
            else:
                size = path.stat().st_size
                bounds = [(start, min(start + partition_bytes, size)) for start in range(0, size, partition_bytes)]
        for start, stop in bounds:
            partitions.append(Partition(len(partitions), str(path), kind, start, stop))
    return partitions


def read_partition(partition: Partition, fields: Iterable[str] = DIGEST_FIELDS) -> Iterator[Row]:
    """The rows of one partition, in file order; of a Parquet file, only the columns ``fields``."""
    if partition.kind == "parquet":
        yield from _parquet_rows(partition, tuple(fields))
    else:
        yield from _jsonl_rows(partition)


def row_text(row: Mapping[str, object]) -> str:
    """The row's ``text``, or :class:`InputError` saying what is wrong with it."""
    if "text" not in row or row["text"] is None:
        raise InputError("no text: the row needs a text field")
    text = row["text"]
    if not isinstance(text, str):
        raise InputError(f"the text must be a string, not {type(text).__name__}")
    if len(text) > MAX_INPUT_BYTES:  # characters, not bytes: a cheap first bound
        raise InputError(f"the text is larger than the {MAX_INPUT_BYTES // (1024 * 1024)} MiB limit")
    return text


def row_id(row: Mapping[str, object]) -> str | int | None:
    """The row's ``id`` (a string or an integer, or none), or :class:`InputError`."""
    ident = row.get("id")
    if ident is not None and (isinstance(ident, bool) or not isinstance(ident, str | int)):
        raise InputError("the id must be a string or an integer")
    return ident


def error_record(ident: object, error: BaseException | str) -> dict[str, object]:
    """The record for an input that has no digest: its id and what went wrong."""
    if isinstance(error, str):
        message, kind = error, "InputError"
    elif isinstance(error, NewsdigestError):
        message, kind = str(error), type(error).__name__
    else:  # the type only: an unexpected exception's message may quote the article
        message, kind = f"internal error ({type(error).__name__})", "InternalError"
    return {"id": ident, "error": {"message": message, "type": kind}}


def located(record: dict[str, object], where: str) -> dict[str, object]:
    """An error record without an id to find its row by, told where the row is."""
    error = record.get("error")
    if isinstance(error, dict) and record.get("id") is None:
        error["message"] = f"{where}: {error['message']}"
    return record


def _jsonl_rows(partition: Partition) -> Iterator[Row]:
    with Path(partition.path).open("rb") as stream:
        if partition.start > 0:
            # Skip the line that began in the previous range; when the byte
            # before ours ends a line, this reads just that newline.
            stream.seek(partition.start - 1)
            stream.readline()
        while (offset := stream.tell()) < partition.stop:
            line = stream.readline(MAX_INPUT_BYTES + 1)
            if not line:
                break
            where = f"{partition.path}, byte {offset}"
            if len(line) > MAX_INPUT_BYTES:  # never held whole: skipped to its end in bounded reads
                while (rest := stream.readline(MAX_INPUT_BYTES)) and not rest.endswith(b"\n"):
                    pass
                yield Row(where, problem=f"the line is longer than the {MAX_INPUT_BYTES // (1024 * 1024)} MiB limit")
                continue
            if not line.strip():
                continue
            try:
                fields = parse_json_line(line)
            except ValueError as exc:
                yield Row(where, problem=str(exc))
                continue
            if isinstance(fields, dict):
                yield Row(where, fields)
            else:
                yield Row(where, problem=f"a JSON line must be an object, not {_json_type(fields)}")


def _parquet_row_groups(path: Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError(
            f"{path}: reading Parquet needs pyarrow, in the parquet extra: pip install '.[parquet]' in the newsdigest folder"
        ) from None

    try:
        return int(pq.ParquetFile(path).metadata.num_row_groups)
    except pa.ArrowException as exc:
        raise InputError(f"{path}: not a readable Parquet file ({exc})") from None


def _parquet_rows(partition: Partition, wanted: tuple[str, ...]) -> Iterator[Row]:
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(partition.path)
    available = set(parquet.schema_arrow.names)
    columns = [name for name in dict.fromkeys(wanted) if name in available]
    first_row = sum(parquet.metadata.row_group(group).num_rows for group in range(partition.start))
    table = parquet.read_row_groups(list(range(partition.start, partition.stop)), columns=columns)
    for number, fields in enumerate(table.to_pylist(), start=first_row):
        yield Row(f"{partition.path}, row {number}", fields)


def prepare_output(out: str) -> Path:
    """An empty output directory: created if missing, refused if it holds files,
    so that no part file of an earlier run can pass for this run's."""
    path = Path(out)
    with input_errors(out):
        if path.exists() and not path.is_dir():
            raise UsageError(f"{out}: the output must be a directory")
        path.mkdir(parents=True, exist_ok=True)
        if any(path.iterdir()):
            raise UsageError(f"{out}: the output directory is not empty; choose a new or empty one")
    return path.resolve()


def write_partition(out: str, partition: Partition, records: Iterable[Mapping[str, object]]) -> int:
    """Write one partition's records as JSON Lines, atomically; the number written."""
    return write_lines(out, partition.part_name, records)


def write_lines(out: str | Path, name: str, records: Iterable[Mapping[str, object]]) -> int:
    """Write ``records`` to ``out/name`` as JSON Lines, atomically; the number written."""
    count = 0

    def lines() -> Iterator[str]:
        nonlocal count
        for record in records:
            yield _json_line(record)
            count += 1

    _write_atomically(Path(out) / name, lines())
    return count


def write_json(out: str | Path, name: str, document: Mapping[str, object]) -> None:
    """Write one JSON document to ``out/name``, indented, atomically."""
    _write_atomically(Path(out) / name, [json.dumps(document, ensure_ascii=False, allow_nan=False, indent=2) + "\n"])


def _write_atomically(final: Path, chunks: Iterable[str]) -> None:
    """The temporary name is unique to this attempt, so two attempts at the same
    file never write into one, and the last rename wins whole."""
    temporary = final.with_name(f".{final.name}.{uuid.uuid4().hex}.tmp")
    try:
        with temporary.open("w", encoding="utf-8") as stream:
            for chunk in chunks:
                stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.replace(final)
    finally:
        temporary.unlink(missing_ok=True)


def _json_line(record: Mapping[str, object]) -> str:
    """One output line; a record that cannot be JSON becomes an error record, never a failed task."""
    try:
        return json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n"
    except (ValueError, TypeError, RecursionError) as exc:
        ident = record.get("id")
        fallback = {
            "id": ident if isinstance(ident, str | int) else None,
            "error": {
                "message": f"the record cannot be written as JSON ({type(exc).__name__})",
                "type": "InternalError",
            },
        }
        return json.dumps(fallback, ensure_ascii=False, allow_nan=False) + "\n"


def mark_success(out: Path, partitions: Iterable[Partition]) -> None:
    """Check that every partition has its part file, clear the temporary files
    of attempts that died with their worker, and mark the directory done."""
    finish(out, [p.part_name for p in partitions])


def finish(out: Path, names: Iterable[str]) -> None:
    """Check that every file of ``names`` is in ``out``, clear the temporary files
    of attempts that died with their worker, and mark the directory done."""
    missing = [name for name in names if not (out / name).is_file()]
    if missing:
        raise InputError(f"{out}: {len(missing)} output file(s) missing after the run, e.g. {missing[0]}")
    for leftover in out.glob(".*.tmp"):
        leftover.unlink(missing_ok=True)
    (out / SUCCESS_MARKER).touch()


def read_output(out: str | Path) -> Iterator[dict[str, object]]:
    """The records of a finished output directory, in input order."""
    for part in sorted(Path(out).glob("part-*.jsonl")):
        with part.open(encoding="utf-8") as stream:
            for line in stream:
                yield json.loads(line)


def _kind(path: Path) -> Kind | None:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in PARQUET_SUFFIXES:
        return "parquet"
    return None


def _json_type(value: object) -> str:
    return {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(type(value), "a number")
