"""Batch mode: many inputs in one run, digested by worker processes, in input order.

Inputs are text or HTML files, http(s) URLs (downloaded by the workers),
directories (their files, by name; hidden files and
sub-directories are skipped), glob patterns the shell did not expand, ``-``
for standard input, and JSON Lines: one article per line, an object with a
``text`` field and optional ``id`` and ``title`` (``*.jsonl`` and
``*.ndjson`` files, or every input with ``input_format="jsonl"``).

Every input becomes one :class:`Outcome`, in input order: its rendered
record, or an error message naming the input. A failing input does not stop
the others. Memory stays flat on a long stream: JSON Lines are read lazily,
at most ``2 × jobs`` chunks of ``CHUNK`` inputs are in flight, and each
record is handed back as soon as the ones before it are.

This module does no printing; the CLI writes the records, shows progress and
turns failures into the exit code.
"""

from __future__ import annotations

import dataclasses
import glob
import json
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING

from newsdigest.errors import InputError, NewsdigestError, UsageError
from newsdigest.model import Headline
from newsdigest.options import DEFAULT_TIMEOUT, Options
from newsdigest.output.render import Format, render
from newsdigest.pipeline.load import MAX_INPUT_BYTES, is_url

if TYPE_CHECKING:  # imported when a pool starts: the one-article path decides here and moves on
    from concurrent.futures import Future, ProcessPoolExecutor

#: Inputs sent to a worker at a time: enough to amortise the hand-over.
CHUNK = 16
JSONL_SUFFIXES = (".jsonl", ".ndjson")
INPUT_FORMATS = ("auto", "text", "jsonl")
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Item:
    """One input: where it came from, and what to digest (read lazily, in the worker)."""

    source: dict[str, object]  # {"path": ...} and, for JSON Lines, "line" and "id"
    path: str | None = None  # a text file to read
    line: bytes | None = None  # a JSON line to parse
    text: str | None = None  # text already read (standard input)
    error: str | None = None  # the input could not even be listed
    warnings: tuple[str, ...] = ()  # from reading ``text``


@dataclass(frozen=True)
class Outcome:
    source: dict[str, object]
    record: str  # what goes to stdout for this input, newline-terminated
    error: str | None = None  # the message when this input failed
    warnings: tuple[str, ...] = ()  # such as a file read as Windows-1252


def default_jobs() -> int:
    """Worker processes by default: the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def is_batch(paths: list[str], fmt: Format, input_format: str) -> bool:
    """Whether these inputs need batch mode (else one article in, one digest out, as always)."""
    if len(paths) != 1 or fmt is Format.jsonl or input_format == "jsonl":
        return True
    path = paths[0]
    if path == "-":
        return False
    return Path(path).is_dir() or path.endswith(JSONL_SUFFIXES) or _is_pattern(path)


def check_format(fmt: Format) -> None:
    if fmt is Format.json:
        raise UsageError("--format json prints one document; use --format jsonl for several inputs")


def items(paths: list[str], input_format: str = "auto") -> Iterator[Item]:
    """Every input named by ``paths``, in order, expanded lazily."""
    if input_format not in INPUT_FORMATS:
        raise UsageError(f"unknown input format {input_format!r}; choose one of: {', '.join(INPUT_FORMATS)}")
    for path in paths:
        for file in _expand(path):
            if isinstance(file, Item):
                yield file
            elif input_format == "jsonl" or (input_format == "auto" and file.endswith(JSONL_SUFFIXES)):
                yield from _json_lines(file)
            elif file == "-":
                yield _stdin_text()
            else:
                yield Item({"path": file}, path=file)


def _is_pattern(path: str) -> bool:
    return not is_url(path) and not Path(path).exists() and bool(_GLOB_CHARS & set(path))


def _expand(path: str) -> Iterator[str | Item]:
    if path == "-":
        yield path
    elif Path(path).is_dir():
        files = sorted(p for p in Path(path).iterdir() if p.is_file() and not p.name.startswith("."))
        if not files:
            yield Item({"path": path}, error=f"{path}: directory has no files")
        yield from (str(file) for file in files)
    elif _is_pattern(path):
        # glob.glob takes absolute patterns and ** as a shell would; Path.glob needs a base.
        matches = sorted(match for match in glob.glob(path, recursive=True) if Path(match).is_file())  # noqa: PTH207
        if not matches:
            yield Item({"path": path}, error=f"{path}: no file matches")
        yield from matches
    else:
        yield path


def _json_lines(path: str) -> Iterator[Item]:
    try:
        stream = sys.stdin.buffer if path == "-" else Path(path).open("rb")  # noqa: SIM115 (closed below)
    except OSError as exc:
        yield Item({"path": path}, error=f"{path}: cannot read ({exc.strerror or exc})")
        return
    try:
        for number, line in enumerate(stream, 1):
            if line.strip():
                yield Item({"path": path, "line": number}, line=line)
    finally:
        if path != "-":
            stream.close()


def _stdin_text() -> Item:
    from newsdigest.pipeline.load import read_source

    try:
        source = read_source("-")
        return Item({"path": "-"}, text=source.text, warnings=source.warnings)
    except NewsdigestError as exc:
        return Item({"path": "-"}, error=str(exc))


class Runner:
    """Digests items with ``jobs`` worker processes (in this process when 1).

    Use as a context manager: the workers start on entry, before anything
    else (a progress display, say) starts threads in this process.
    """

    def __init__(self, options: Options, fmt: Format, jobs: int, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        check_format(fmt)
        self.options = options
        self.fmt = fmt
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Runner:
        if self.jobs > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # fork shares the loaded pipeline with the workers; elsewhere the
            # platform's default start method is used.
            context = multiprocessing.get_context("fork") if sys.platform == "linux" else None
            _warm()
            self._pool = ProcessPoolExecutor(self.jobs, mp_context=context, initializer=_worker_init)
            for future in [self._pool.submit(_warm) for _ in range(self.jobs)]:
                future.result()  # every worker is up before any thread starts here
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=exc[0] is None, cancel_futures=True)
            self._pool = None

    def run(self, inputs: Iterable[Item]) -> Iterator[Outcome]:
        """One outcome per input, in input order."""
        chunks = _chunks(inputs, CHUNK)
        if self._pool is None:
            for chunk in chunks:
                yield from digest_chunk(chunk, self.options, self.fmt, self.timeout)
            return
        pending: deque[Future[list[Outcome]]] = deque()
        for chunk in chunks:
            pending.append(self._pool.submit(digest_chunk, chunk, self.options, self.fmt, self.timeout))
            if len(pending) >= 2 * self.jobs:  # bounded work in flight
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _chunks(inputs: Iterable[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in inputs:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _worker_init() -> None:
    import signal

    from newsdigest._gc import tune_gc

    tune_gc()
    # Ctrl-C is the parent's to handle; workers end when it shuts the pool down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _warm() -> None:
    """Load the pipeline and the sentence model once, before the work arrives."""
    import newsdigest.pipeline.digest  # noqa: F401 (imported for its side effect: the whole pipeline loaded)
    from newsdigest.pipeline.segment import _tokenizer

    _tokenizer("english")


def digest_chunk(chunk: list[Item], options: Options, fmt: Format, timeout: float = DEFAULT_TIMEOUT) -> list[Outcome]:
    return [digest_item(item, options, fmt, timeout) for item in chunk]


def digest_item(item: Item, options: Options, fmt: Format, timeout: float = DEFAULT_TIMEOUT) -> Outcome:
    """Digest one input; expected failures become an error outcome naming the input."""
    from newsdigest.pipeline.digest import digest

    source = dict(item.source)
    warnings = item.warnings
    try:
        info = None
        if item.path is not None:
            from newsdigest.pipeline.load import read_input

            read = read_input(item.path, timeout=timeout)
            text, title, warnings, info = read.text, None, read.warnings, read.info
        else:
            text, title = _read(item, source)
        result = digest(text, options, source=info)
        from newsdigest.analysis.language import language_warning

        if warning := language_warning(result):
            warnings = (*warnings, warning)
        if title:  # the record's own title is the headline
            result = dataclasses.replace(result, headline=Headline(title, "title"), title=title)
    except NewsdigestError as exc:
        message = _naming(source, str(exc))
        warnings = tuple(_naming(source, warning) for warning in warnings)
        return Outcome(source, _error_record(source, message, fmt, warnings), message, warnings)
    # Each warning names its input on stderr, as errors do, and is kept in that input's record.
    warnings = tuple(_naming(source, warning) for warning in warnings)
    return Outcome(source, _record(source, result, fmt, warnings), warnings=warnings)


def _read(item: Item, source: dict[str, object]) -> tuple[str, str | None]:
    """The text and title of an input that is not a file: listed in error, read already, or a JSON line."""
    if item.error is not None:
        raise InputError(item.error)
    if item.text is not None:
        return item.text, None
    assert item.line is not None
    if len(item.line) > MAX_INPUT_BYTES:
        raise InputError(f"record is larger than the {MAX_INPUT_BYTES // (1024 * 1024)} MiB input limit")
    try:
        record = json.loads(item.line)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"not a JSON object ({exc})") from None
    if not isinstance(record, dict):
        raise InputError("not a JSON object")
    if record.get("id") is not None:
        source["id"] = record["id"]
    text, title = record.get("text"), record.get("title")
    if not isinstance(text, str):
        raise InputError('no "text" string in this record')
    return text, _one_line(title) if isinstance(title, str) else None


def _one_line(text: str) -> str:
    """Input text made safe for a heading or a message: no control sequences, one line."""
    from newsdigest.pipeline.clean import normalize

    return " ".join(normalize(text).split())


def label(source: dict[str, object]) -> str:
    """How an input is named in messages: ``path``, ``path:line`` or ``path:line (id ...)``."""
    name = str(source["path"])
    if "line" in source:
        name = f"{name}:{source['line']}"
    if "id" in source:
        name = f"{name} (id {source['id']})"
    return _one_line(name)


def _naming(source: dict[str, object], message: str) -> str:
    name = label(source)
    path = str(source["path"])
    return message if "line" not in source and message.startswith(path) else f"{name}: {message}"


def _record(source: dict[str, object], result: object, fmt: Format, warnings: tuple[str, ...] = ()) -> str:
    from newsdigest.model import Digest

    assert isinstance(result, Digest)
    if fmt is Format.jsonl:
        record: dict[str, object] = {"input": source, "digest": result.to_dict()}
        if warnings:
            record["warnings"] = list(warnings)
        return json.dumps(record, ensure_ascii=False) + "\n"
    out = StringIO()
    render(result, fmt, out, color=False)
    return _heading(source, fmt) + out.getvalue() + "\n"


def _error_record(source: dict[str, object], message: str, fmt: Format, warnings: tuple[str, ...] = ()) -> str:
    if fmt is Format.jsonl:
        record: dict[str, object] = {"input": source, "error": message}
        if warnings:
            record["warnings"] = list(warnings)
        return json.dumps(record, ensure_ascii=False) + "\n"
    return _heading(source, fmt) + f"Error: {message}\n\n"


def _heading(source: dict[str, object], fmt: Format) -> str:
    if fmt is Format.markdown:
        return f"<!-- {label(source)} -->\n"
    return f"==> {label(source)} <==\n"
