"""Batch mode: many inputs in one run, digested by worker processes, in input order.

Inputs are text or HTML files, http(s) URLs (downloaded by the workers),
directories (their files, by name; hidden files and
sub-directories are skipped), glob patterns the shell did not expand, ``-``
for standard input, and JSON Lines: one article per line, an object with a
``text`` field and optional ``id`` and ``title`` (``*.jsonl`` and
``*.ndjson`` files, or every input with ``input_format="jsonl"``).

Every input becomes one :class:`Outcome`, in input order: its rendered
record, or an error message naming the input. A failing input does not stop
the others, whatever it raises while it is listed, read, parsed, digested or
serialised: the reason is one line (an unexpected exception is named by its
type; never a traceback, never the article's text). Memory stays flat on a long stream: JSON Lines are read lazily,
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
from contextlib import contextmanager
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING

from newsdigest.errors import InputError, NewsdigestError, UsageError
from newsdigest.model import Digest, Headline
from newsdigest.options import DEFAULT_TIMEOUT, Options
from newsdigest.output.render import Format, render
from newsdigest.pipeline.load import LineTooLong, is_url, json_lines, parse_json_line
from newsdigest.runners.inputs import JSONL_SUFFIXES, is_dir, is_pattern
from newsdigest.sanitise import comment, line, markdown, redact
from newsdigest.sanitise import text as encodable

if TYPE_CHECKING:  # imported when a pool starts
    from concurrent.futures import Future, ProcessPoolExecutor

#: Inputs sent to a worker at a time: enough to amortise the hand-over.
CHUNK = 16
#: Worker processes at most, whatever ``--jobs`` asks for.
MAX_JOBS = 64
INPUT_FORMATS = ("auto", "text", "jsonl")


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


def worker_count(jobs: int, paths: list[str], input_format: str) -> int:
    """``jobs`` capped at ``MAX_JOBS`` and at the number of inputs when that is known
    without reading them (files and URLs; a directory's files; not JSON Lines or patterns)."""
    inputs = 0
    for path in paths:
        if path == "-" or input_format == "jsonl" or path.endswith(JSONL_SUFFIXES) or is_pattern(path):
            return max(1, min(jobs, MAX_JOBS))
        try:
            inputs += len(_files(path)) if is_dir(path) else 1
        except OSError:  # an unreadable directory: its error record comes later
            inputs += 1
    return max(1, min(jobs, MAX_JOBS, inputs))


def check_format(fmt: Format) -> None:
    if fmt is Format.json:
        raise UsageError("--format json prints one document; use --format jsonl for several inputs")


def items(paths: list[str], input_format: str = "auto") -> Iterator[Item]:
    """Every input named by ``paths``, in order, expanded lazily."""
    if input_format not in INPUT_FORMATS:
        raise UsageError(f"unknown input format {input_format!r}; choose one of: {', '.join(INPUT_FORMATS)}")
    for path in paths:
        try:
            for file in _expand(path):
                if isinstance(file, Item):
                    yield file
                elif input_format == "jsonl" or (input_format == "auto" and file.endswith(JSONL_SUFFIXES)):
                    yield from _json_lines(file)
                elif file == "-":
                    yield _stdin_text()
                else:
                    yield Item(_source(file), path=file)
        except Exception as exc:  # a directory that cannot be listed, a name the OS refuses
            yield Item(_source(path), error=f"{path}: cannot list ({_reason(exc)})")


def _source(path: str) -> dict[str, object]:
    """How an input is recorded: its name, encodable, without a URL's password."""
    return {"path": encodable(redact(path))}


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.errno:
        return os.strerror(exc.errno)  # the system's words: never something read from the input
    return str(exc) if isinstance(exc, NewsdigestError) else f"internal error: {type(exc).__name__}"


def _files(directory: str) -> list[Path]:
    return sorted(p for p in Path(directory).iterdir() if p.is_file() and not p.name.startswith("."))


def _expand(path: str) -> Iterator[str | Item]:
    if path == "-" or is_url(path):
        yield path
    elif is_dir(path):
        files = _files(path)
        if not files:
            yield Item(_source(path), error=f"{path}: directory has no files")
        yield from (str(file) for file in files)
    elif is_pattern(path):
        # glob.glob takes absolute patterns and ** as a shell would; Path.glob needs a base.
        matches = sorted(match for match in glob.glob(path, recursive=True) if Path(match).is_file())  # noqa: PTH207
        if not matches:
            yield Item(_source(path), error=f"{path}: no file matches")
        yield from matches
    else:
        yield path


def _json_lines(path: str) -> Iterator[Item]:
    try:
        stream = sys.stdin.buffer if path == "-" else Path(path).open("rb")  # noqa: SIM115 (closed below)
    except OSError as exc:
        yield Item(_source(path), error=f"{path}: cannot read ({exc.strerror or exc})")
        return
    try:
        for number, record in json_lines(stream, path):
            yield Item({**_source(path), "line": number}, line=record)
    except InputError as exc:  # a line over the limit, a read error, no record at all
        if isinstance(exc, LineTooLong):
            yield Item({**_source(path), "line": exc.line}, error=exc.reason)
        else:
            yield Item(_source(path), error=str(exc))
    finally:
        if path != "-":
            stream.close()


def _stdin_text() -> Item:
    from newsdigest.pipeline.load import read_source

    try:
        source = read_source("-")
        return Item({"path": "-"}, text=source.text, warnings=source.warnings)
    except Exception as exc:
        return Item({"path": "-"}, error=_reason(exc))


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
            load_pipeline()
            self._pool = ProcessPoolExecutor(self.jobs, mp_context=context, initializer=init_worker)
            try:
                with _termination_held():  # until each worker has its own handlers (see init_worker)
                    for future in [self._pool.submit(load_pipeline) for _ in range(self.jobs)]:
                        future.result()  # every worker is up before any thread starts here
            except BaseException as exc:
                self._stop()
                if isinstance(exc, Exception):
                    raise InputError(
                        f"cannot start {self.jobs} worker processes ({_reason(exc)}); try a smaller --jobs"
                    ) from None
                raise
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            if exc[0] is None:
                self._pool.shutdown(wait=True)
            else:
                self._stop()
            self._pool = None

    def _stop(self) -> None:
        """End the workers now (an error, Ctrl-C or a signal): none outlives the run."""
        assert self._pool is not None
        # The executor has no public way to end busy workers before Python 3.14.
        processes = list(getattr(self._pool, "_processes", {}).values())
        for process in processes:
            process.kill()  # a worker has nothing to clean up, and may not have its handlers yet
        self._pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.join(timeout=5)

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


_TERMINATION = ("SIGTERM", "SIGHUP")


@contextmanager
def _termination_held() -> Iterator[None]:
    """SIGTERM and SIGHUP held back (a forked worker starts with this mask)."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = {getattr(signal, name) for name in _TERMINATION if hasattr(signal, name)}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def init_worker() -> None:
    """Set up a digest worker process: the initializer of the batch and briefing pools.

    Ctrl-C is left to the parent, SIGTERM and SIGHUP end the worker at once,
    and its stdout goes to the null device.
    """
    import signal

    # Ctrl-C is the parent's to handle; workers end when it shuts the pool down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # SIGTERM and SIGHUP end a worker at once, not through the parent's handlers;
    # they were held back while it started, and are let through from here on.
    held = {getattr(signal, name) for name in _TERMINATION if hasattr(signal, name)}
    for number in held:
        signal.signal(number, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)
    # Records go back through the pool, never to stdout: a worker must not hold
    # the parent's stdout open (``$(newsdigest ...)`` waits for every holder).
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass


def load_pipeline() -> None:
    """Load the pipeline and the sentence model once, before the work arrives (the parent and each pool worker)."""
    import newsdigest.pipeline.digest  # noqa: F401 (imported for its side effect: the whole pipeline loaded)
    from newsdigest.pipeline.segment import _tokenizer

    _tokenizer("english")


def digest_chunk(chunk: list[Item], options: Options, fmt: Format, timeout: float = DEFAULT_TIMEOUT) -> list[Outcome]:
    return [digest_item(item, options, fmt, timeout) for item in chunk]


def digest_item(item: Item, options: Options, fmt: Format, timeout: float = DEFAULT_TIMEOUT) -> Outcome:
    """Digest one input; any failure becomes an error outcome naming the input."""
    source = dict(item.source)
    warnings = list(item.warnings)
    try:
        result = _digest(item, source, options, timeout, warnings)
        named = _named(source, warnings)
        return Outcome(source, _record(source, result, fmt, named), warnings=named)
    except Exception as exc:  # one input's failure, whatever it is, must not cost the others their records
        if os.environ.get("NEWSDIGEST_DEBUG") and not isinstance(exc, NewsdigestError):
            raise
        message = _naming(source, _reason(exc))
        if not isinstance(exc, NewsdigestError):
            message += "; set NEWSDIGEST_DEBUG=1 for details"
        named = _named(source, warnings)
        return Outcome(source, _error_record(source, message, fmt, named), line(message), named)


def _digest(item: Item, source: dict[str, object], options: Options, timeout: float, warnings: list[str]) -> Digest:
    """The digest of one input; its warnings are added to ``warnings`` as they arise."""
    from newsdigest.pipeline.digest import digest

    info = None
    if item.path is not None:
        from newsdigest.pipeline.load import read_input

        read = read_input(item.path, timeout=timeout)
        text, title, info = read.text, None, read.info
        warnings.extend(read.warnings)
    else:
        text, title = _read(item, source)
    result = digest(text, options, source=info)
    from newsdigest.analysis.language import language_warning

    if warning := language_warning(result):
        warnings.append(warning)
    if title:  # the record's own title is the headline
        result = dataclasses.replace(result, headline=Headline(title, "title"), title=title)
    return result


def _named(source: dict[str, object], warnings: list[str]) -> tuple[str, ...]:
    """Each warning names its input on stderr, as errors do, and is kept in that input's record."""
    return tuple(line(_naming(source, warning)) for warning in warnings)


def _read(item: Item, source: dict[str, object]) -> tuple[str, str | None]:
    """The text and title of an input that is not a file: listed in error, read already, or a JSON line."""
    if item.error is not None:
        raise InputError(item.error)
    if item.text is not None:
        return item.text, None
    assert item.line is not None
    try:
        record = parse_json_line(item.line)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    if not isinstance(record, dict):
        raise InputError("not a JSON object")
    ident = record.get("id")
    if ident is not None:
        if isinstance(ident, bool) or not isinstance(ident, str | int):
            raise InputError("the id must be a string or an integer")
        source["id"] = ident
    text, title = record.get("text"), record.get("title")
    if not isinstance(text, str):
        raise InputError('no "text" string in this record')
    return text, _one_line(title) if isinstance(title, str) else None


def _one_line(text: str) -> str:
    """Input text made safe for a heading or a message: no control sequences, one line."""
    from newsdigest.pipeline.clean import normalize

    return line(normalize(text))


def label(source: dict[str, object]) -> str:
    """How an input is named in messages: ``path``, ``path:line`` or ``path:line (id ...)``."""
    name = str(source["path"])
    if "line" in source:
        name = f"{name}:{source['line']}"
    if "id" in source:
        name = f"{name} (id {source['id']})"
    return line(name)


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
        return json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n"
    out = StringIO()
    render(result, fmt, out, color=False)
    return _heading(source, fmt) + out.getvalue() + "\n"


def _error_record(source: dict[str, object], message: str, fmt: Format, warnings: tuple[str, ...] = ()) -> str:
    if fmt is Format.jsonl:
        record: dict[str, object] = {"input": source, "error": line(message)}
        if warnings:
            record["warnings"] = list(warnings)
        return json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n"
    shown = markdown(line(message)) if fmt is Format.markdown else line(message)
    return _heading(source, fmt) + f"Error: {shown}\n\n"


def _heading(source: dict[str, object], fmt: Format) -> str:
    if fmt is Format.markdown:
        return f"<!-- {comment(label(source))} -->\n"
    return f"==> {label(source)} <==\n"
