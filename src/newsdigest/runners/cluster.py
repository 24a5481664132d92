"""Digest an archive on a Dask cluster: one task per partition, one record per row.

The engine is Dask (``dask.distributed``); this is the only module that
imports it, and only inside :func:`run`, so :func:`record`, the one place an
input row becomes an output record, costs nothing to import and can serve any
other way of running many articles.

Each task reads its partition itself (workers need the input and the output
on a filesystem they share with the client), digests every row with the same
:class:`Options`, and writes its part file atomically (see
:mod:`newsdigest.archive`). Failures of one article become error records; a
task that dies with its worker is rerun by the scheduler and replaces its own
part file, so the output has every record once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from newsdigest.briefing.model import BriefItem, BriefOptions
from newsdigest.errors import InputError, UsageError
from newsdigest.model import SourceInfo
from newsdigest.options import Options
from newsdigest.pipeline.digest import digest
from newsdigest.runners.archive import (
    Partition,
    Row,
    error_record,
    finish,
    located,
    mark_success,
    read_partition,
    row_id,
    row_text,
    write_json,
    write_lines,
    write_partition,
)
from newsdigest.runners.briefs import (
    ERRORS_FILE,
    INDEX_FILE,
    Grouping,
    GroupResult,
    Key,
    SortedPartition,
    briefing_document,
    file_names,
    index_document,
    sort_rows,
)
from newsdigest.sanitise import line, redact

if TYPE_CHECKING:
    from pathlib import Path

#: Local clusters get one thread per worker process: digesting is pure Python
#: and holds the GIL, so only processes add speed.
THREADS_PER_WORKER = 1
DEFAULT_WORKERS = 2
CONNECT_TIMEOUT = 10.0

_WARMUP_TEXT = (
    "The city council approved a new budget of $4.2 million on Monday, officials said.\n"
    "Mayor Ana Ruiz called the vote a turning point for the harbour district."
)


def record(row: Mapping[str, object], options: Options) -> dict[str, object]:
    """The output record for one input row (``id``, ``text``, optional ``title`` and ``url``).

    A digest gives ``{"id": ..., **Digest.to_dict()}``, with ``title`` and
    ``url`` in its ``source`` block (the title is the headline). Anything that
    goes wrong with this one article gives
    ``{"id": ..., "error": {"message": ..., "type": ...}}`` instead: this
    function never raises for a bad row.
    """
    ident: str | int | None = None
    try:
        ident = row_id(row)
        source = _source(row)
        result = digest(row_text(row), options, source=source)
    except Exception as exc:  # one article's failure, whatever it is, must not fail the job
        return error_record(ident, exc)
    return {"id": ident, **result.to_dict()}


def _source(row: Mapping[str, object]) -> SourceInfo | None:
    given: dict[str, str] = {}
    for name in ("title", "url"):
        value = row.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(f"the {name} must be a string, not {type(value).__name__}")
        given[name] = value
    return SourceInfo(**given) if given else None


def _row_record(row: Row, options: Options) -> dict[str, object]:
    if row.fields is None:
        return error_record(None, f"{row.where}: {row.problem}")
    return located(record(row.fields, options), row.where)


@dataclass(frozen=True)
class PartitionResult:
    index: int
    records: int
    errors: int
    cpu_seconds: float


@cache
def _warm(options: Options) -> None:
    """Build the sentence model and whatever else the method loads, once per
    worker process rather than inside the first article's time."""
    digest(_WARMUP_TEXT, options)


def digest_partition(partition: Partition, out: str, options: Options) -> PartitionResult:
    """One task: read a partition, digest each row, write its part file."""
    _warm(options)
    started = time.thread_time()
    errors = 0

    def records() -> Iterator[dict[str, object]]:
        nonlocal errors
        for row in read_partition(partition):
            result = _row_record(row, options)
            errors += "error" in result
            yield result

    count = write_partition(out, partition, records())
    return PartitionResult(partition.index, count, errors, time.thread_time() - started)


@dataclass(frozen=True)
class RunReport:
    partitions: int
    records: int
    errors: int
    seconds: float
    workers: int
    #: CPU time the workers spent on the partitions that made the output (a
    #: retried partition counts once): the cost of the work, whatever the load.
    cpu_seconds: float


def _check_temporary_directory() -> None:
    """The directory a local cluster's workers write to must be writable: say so before Dask fails."""
    import tempfile
    from pathlib import Path

    import dask

    directory = dask.config.get("temporary-directory", None) or tempfile.gettempdir()
    try:
        Path(directory).mkdir(parents=True, exist_ok=True)
        Path(tempfile.mkdtemp(dir=directory, prefix=".newsdigest-check-")).rmdir()
    except OSError as exc:
        raise InputError(
            f"the temporary directory {line(directory)} is not writable ({exc.strerror or exc});"
            " set DASK_TEMPORARY_DIRECTORY or TMPDIR to one that is"
        ) from None


@contextmanager
def _client(scheduler: str | None, workers: int, doing: str) -> Iterator[Any]:
    """A Dask client: of the cluster at ``scheduler``, or of a local cluster of
    ``workers`` processes started here and closed after."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError(
            f"{doing} on a cluster needs Dask, in the dask extra: pip install '.[dask]' in the newsdigest folder"
        ) from None

    with ExitStack() as stack:
        if scheduler is None:
            _check_temporary_directory()
            try:
                cluster = stack.enter_context(
                    LocalCluster(
                        n_workers=workers,
                        threads_per_worker=THREADS_PER_WORKER,
                        processes=True,
                        # The scheduler serves HTTP whatever this says: a free loopback
                        # port keeps it off the network and clear of other clusters.
                        dashboard_address="127.0.0.1:0",
                    )
                )
            except Exception as exc:  # Dask's start-up failures have no common type
                raise InputError(f"cannot start a local Dask cluster ({type(exc).__name__}: {line(exc)})") from None
            client = stack.enter_context(Client(cluster))
        else:
            shown = line(redact(scheduler))
            try:
                client = stack.enter_context(Client(scheduler, timeout=CONNECT_TIMEOUT))
            except ValueError as exc:
                raise UsageError(
                    f"--scheduler {shown}: not a scheduler address ({line(exc)}); give one like tcp://host:8786"
                ) from None
            except (OSError, TimeoutError) as exc:
                raise InputError(f"cannot reach the Dask scheduler at {shown} ({line(exc)})") from None
        yield client


def _completed(futures: Sequence[Any], out: Path, task: str) -> Iterator[Any]:
    """The results of ``futures`` as they come; a task that failed for good is one :class:`InputError`.

    A task whose worker died is rerun by the scheduler and is not seen here.
    """
    from distributed import KilledWorker, as_completed

    try:
        for future in as_completed(futures):
            yield future.result()
    except KilledWorker as exc:
        raise InputError(
            f"{task} killed every worker that ran it ({exc}); an article may need more memory than a worker has"
        ) from None
    except OSError as exc:
        raise InputError(f"a worker could not read its input or write {out}: {exc}") from None


def run(
    partitions: Sequence[Partition],
    out: Path,
    options: Options,
    *,
    scheduler: str | None = None,
    workers: int = DEFAULT_WORKERS,
    progress: Callable[[int], None] | None = None,
) -> RunReport:
    """Digest ``partitions`` into the (empty, prepared) directory ``out``.

    With ``scheduler`` (a Dask scheduler address such as
    ``tcp://10.0.0.5:8786``) the work goes to that cluster; without, a local
    cluster of ``workers`` processes is started for the run and closed after.
    """
    started = time.perf_counter()
    with _client(scheduler, workers, "digesting") as client:
        workers = len(client.nthreads())
        futures = client.map(digest_partition, partitions, out=str(out), options=options, pure=False)
        records = errors = 0
        cpu_seconds = 0.0
        for result in _completed(futures, out, "a partition"):
            assert isinstance(result, PartitionResult)
            records += result.records
            errors += result.errors
            cpu_seconds += result.cpu_seconds
            if progress:
                progress(1)
    mark_success(out, partitions)
    return RunReport(len(partitions), records, errors, time.perf_counter() - started, workers, cpu_seconds)


# --- briefings: one per day or per topic (see briefs.py) ------------------------------


def sort_partition(partition: Partition, grouping: Grouping, options: Options) -> SortedPartition:
    """One task: read a partition, digest each row, sort the articles into their groups."""
    _warm(options)
    started = time.thread_time()
    result = sort_rows(read_partition(partition, grouping.fields), partition.index, grouping, options)
    return replace(result, cpu_seconds=time.thread_time() - started)


def _sizes(result: SortedPartition) -> tuple[int, dict[Key, int], tuple[dict[str, object], ...], float]:
    """What the client needs of a sorted partition: its groups' sizes and error records, not the articles."""
    return result.index, result.sizes(), result.errors, result.cpu_seconds


def _pick(result: SortedPartition, key: Key) -> tuple[BriefItem, ...]:
    """One group's share of a sorted partition: run where the partition is, so only that share moves."""
    return result.groups[key]


def brief_group(
    key: Key,
    parts: Sequence[Sequence[BriefItem]],
    out: str,
    name: str,
    grouping: Grouping,
    options: BriefOptions,
    started: datetime,
) -> GroupResult:
    """One task: brief one group's articles (in input order) and write its file."""
    cpu_started = time.thread_time()
    items = [item for part in parts for item in part]
    try:
        document = briefing_document(key, items, grouping, options, started)
    except Exception as exc:  # a briefing that cannot be made is one error record, not a failed job
        record = error_record(None, exc)
        located(record, f"the briefing of {grouping.by} {grouping.label(key)}")
        return GroupResult(key, name, error=record)
    write_json(out, name, document)
    articles, stories, skipped = document["articles"], document["stories"], document["skipped"]
    assert isinstance(articles, int)
    assert isinstance(stories, list)
    assert isinstance(skipped, list)
    return GroupResult(key, name, articles, len(stories), len(skipped), cpu_seconds=time.thread_time() - cpu_started)


@dataclass(frozen=True)
class BriefReport:
    partitions: int
    briefings: int
    #: Articles briefed (after duplicate links), stories in all briefings, articles with nothing to digest.
    articles: int
    stories: int
    skipped: int
    #: Error records (rows that are not articles, briefings that could not be made), in errors.jsonl.
    errors: int
    seconds: float
    workers: int
    #: CPU time of the tasks that made the output (digesting and sorting, then briefing).
    cpu_seconds: float = 0.0


T = TypeVar("T")


def _holders(
    groups: Iterable[Key], partitions: Sequence[Partition], results: Sequence[T], keys_of: Mapping[int, Iterable[Key]]
) -> dict[Key, list[T]]:
    """Each group's partition results, in file order: one pass over the partitions, whatever the number of groups."""
    holders: dict[Key, list[T]] = {key: [] for key in groups}
    for partition, result in zip(partitions, results, strict=True):
        for key in keys_of[partition.index]:
            holders[key].append(result)
    return holders


def run_briefs(
    partitions: Sequence[Partition],
    out: Path,
    grouping: Grouping,
    options: BriefOptions,
    *,
    scheduler: str | None = None,
    workers: int = DEFAULT_WORKERS,
    progress: Callable[[int], None] | None = None,
) -> BriefReport:
    """Brief ``partitions`` into the (empty, prepared) directory ``out``: one briefing per group.

    First one task per partition digests its rows and sorts them into groups
    (``progress`` is told of each); then one task per group gathers its
    articles from those results, worker to worker, and briefs them. A worker
    that dies is replaced and its lost results are recomputed by the
    scheduler; every file is written atomically, so a rerun task replaces it.
    """
    started = time.perf_counter()
    now = datetime.now(timezone.utc)
    with _client(scheduler, workers, "briefing") as client:
        workers = len(client.nthreads())
        sorted_parts = client.map(sort_partition, partitions, grouping=grouping, options=options.digest, pure=False)
        sizes = client.map(_sizes, sorted_parts, pure=False)
        keys_of: dict[int, dict[Key, int]] = {}
        errors_of: dict[int, tuple[dict[str, object], ...]] = {}
        cpu_seconds = 0.0
        for index, counts, errors, cpu in _completed(sizes, out, "a partition"):
            keys_of[index], errors_of[index] = counts, errors
            cpu_seconds += cpu
            if progress:
                progress(1)
        names = file_names(grouping, (key for counts in keys_of.values() for key in counts))
        holders = _holders(names, partitions, sorted_parts, keys_of)
        briefings = []
        for key, name in names.items():
            shares = [client.submit(_pick, future, key, pure=False) for future in holders[key]]
            briefings.append(
                client.submit(
                    brief_group, key, shares, str(out), name, grouping, options, now, pure=False
                )  # no fixed key: two runs on one scheduler must not share each other's tasks
            )
        del sorted_parts, sizes, holders  # each partition's articles are released once its groups are briefed
        results: list[GroupResult] = list(_completed(briefings, out, "a briefing"))
    records = [record for index in sorted(errors_of) for record in errors_of[index]]
    records += [result.error for result in sorted(results, key=lambda r: r.file) if result.error is not None]
    write_lines(out, ERRORS_FILE, records)
    write_json(out, INDEX_FILE, index_document(grouping, results, len(records)))
    written = [result for result in results if result.error is None]
    finish(out, [ERRORS_FILE, INDEX_FILE, *(result.file for result in written)])
    return BriefReport(
        partitions=len(partitions),
        briefings=len(written),
        articles=sum(result.articles for result in written),
        stories=sum(result.stories for result in written),
        skipped=sum(result.skipped for result in written),
        errors=len(records),
        seconds=time.perf_counter() - started,
        workers=workers,
        cpu_seconds=cpu_seconds + sum(result.cpu_seconds for result in results),
    )
