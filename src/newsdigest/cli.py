"""The ``newsdigest`` command: parse, call :func:`newsdigest.digest`, render.

This module is the one error boundary: the library raises
:class:`~newsdigest.errors.NewsdigestError` subclasses, and :func:`_boundary`
turns them into one ``Error: ...`` line on stderr and an exit code (see the
README's exit-code table). stdout carries the digest only.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from newsdigest.options import (
    DEFAULT_FACTS,
    DEFAULT_KEYWORDS,
    DEFAULT_METHOD,
    DEFAULT_SENTENCES,
    DEFAULT_TIMEOUT,
    Method,
)
from newsdigest.output.render import Format

if TYPE_CHECKING:
    from newsdigest.options import Options
    from newsdigest.runners import batch

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
#: A run ended by a signal exits 128 + its number, as a shell reports it.
_SIGNAL_EXIT = 128
#: COLUMNS (or a terminal's width) outside this range is ignored: 80 columns, or 1,000.
_WIDTHS = range(10, 1001)

_DEFAULT_METHOD = Method(DEFAULT_METHOD)


class InputFormat(str, Enum):
    auto = "auto"
    text = "text"
    jsonl = "jsonl"


app = typer.Typer(
    name="newsdigest",
    help="Headline, key facts and summary of a news article, offline.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain help and usage errors: Rich-formatted help imports Rich's Markdown
    # and syntax highlighting, which triples the time `--help` takes.
    rich_markup_mode=None,
)


def _version_callback(value: bool) -> None:
    if value:
        from newsdigest._version import __version__

        typer.echo(f"newsdigest {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version_callback, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Headline, key facts and summary of a news article, offline."""


def _stderr(message: str) -> None:
    """Each line of ``message`` on stderr, made safe to show (see sanitise.py)."""
    from newsdigest.sanitise import line

    if sys.stderr is None:  # closed (2>&-): nowhere to say it
        return
    try:
        sys.stderr.write("".join(line(part) + "\n" for part in message.split("\n")))
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr itself cannot be written: the exit code has to say it
        pass


class _Signalled(BaseException):
    """SIGTERM or SIGHUP arrived: unwind like Ctrl-C (workers ended, temporary files removed)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_signalled(signum: int, frame: object) -> None:
    raise _Signalled(signum)


def _on_termination_signals() -> None:
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _raise_signalled)


@contextmanager
def _boundary(command: str = "summarise") -> Iterator[None]:
    """Map every failure inside ``command`` to one stderr line and an exit code."""
    from newsdigest.errors import NewsdigestError, UsageError

    try:
        yield
        if sys.stdout is not None:
            sys.stdout.flush()
    except UsageError as exc:
        _stderr(f"Error: {exc}\nTry 'newsdigest {command} --help' for help.")
        raise typer.Exit(EXIT_USAGE) from None
    except NewsdigestError as exc:
        _stderr(f"Error: {exc}")
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        _say_interrupted()
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except _Signalled as exc:
        import signal

        _silence_stdout()
        _stderr("Hung up." if exc.signum == getattr(signal, "SIGHUP", None) else "Terminated.")
        # Ended from outside, as the signal's default action would end it, but
        # after the cleanup above (workers ended, temporary file removed): no
        # exit-time join may wait on a pool queue whose readers are gone.
        os._exit(_SIGNAL_EXIT + exc.signum)
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(EXIT_OK) from None
    except Exception as exc:
        if os.environ.get("NEWSDIGEST_DEBUG"):
            raise
        _stderr(f"Error: internal error ({type(exc).__name__}); set NEWSDIGEST_DEBUG=1 for details")
        raise typer.Exit(EXIT_INPUT) from None


_interruption_said = False


def _say_interrupted() -> None:
    """ "Interrupted." on stderr, once, whichever layer saw the Ctrl-C."""
    global _interruption_said
    if not _interruption_said:
        _interruption_said = True
        _stderr("Interrupted.")


def _silence_stdout() -> None:
    """The reader went away (``| head``), or stdout failed: drop what is left, quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout is not a real file (tests), or closed
        pass


def _finite(value: float | None) -> float | None:
    """Typer's range checks let NaN through (every comparison with it is false)."""
    import math

    if value is not None and not math.isfinite(value):
        raise typer.BadParameter(f"{value} is not a finite number.")
    return value


# --- options that summarise and brief share, declared once ---------------------------------------

NoColorOption = Annotated[
    bool,
    typer.Option(
        "--no-color",
        help="Plain text on a terminal too: no colours, bold, italic or dim (NO_COLOR=1 drops only the colours).",
    ),
]
OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output", "-o", metavar="FILE", help="Write to FILE (atomically: complete or untouched) instead of stdout."
    ),
]


def _timeout_option(what: str) -> Any:  # typer.Option is typed as returning Any
    """``--timeout``: one deadline per fetch; ``what`` says which fetches."""
    return typer.Option(
        "--timeout",
        min=0.1,
        max=600.0,
        callback=_finite,
        help=f"{what}: seconds the whole fetch may take (host name lookup, connecting, headers, body, redirects).",
    )


@app.command("summarise")
def summarise(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH|URL...",
            help=(
                "Article files (text or HTML), an http(s) URL, directories, glob patterns or JSON Lines files "
                "(*.jsonl), or - for standard input (the default when input is piped). Several inputs: one digest each."
            ),
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")] = Format.text,
    method: Annotated[
        Method,
        typer.Option(
            "--method",
            "-m",
            case_sensitive=False,
            help="Scoring method: learned (fitted to journalists' highlights), news (hand-set rules for news), lead (first sentences), or one of sumy's.",
        ),
    ] = _DEFAULT_METHOD,
    sentences: Annotated[
        int | None,
        typer.Option(
            "--sentences",
            "-n",
            min=1,
            help=f"Summary length in sentences (default {DEFAULT_SENTENCES}).",
            show_default=False,
        ),
    ] = None,
    ratio: Annotated[
        float | None,
        typer.Option(
            "--ratio", "-r", min=0.0, max=1.0, callback=_finite, help="Summary length as a fraction of the sentences."
        ),
    ] = None,
    words: Annotated[
        int | None,
        typer.Option("--words", "-w", min=1, help="Hard word budget for the summary (never empty)."),
    ] = None,
    keywords: Annotated[
        int, typer.Option("--keywords", "-k", min=0, max=50, help="At most this many keywords (0 hides them).")
    ] = DEFAULT_KEYWORDS,
    facts: Annotated[
        int, typer.Option("--facts", min=0, max=50, help="At most this many key facts (0 hides them).")
    ] = DEFAULT_FACTS,
    language: Annotated[
        str,
        typer.Option(
            "--language",
            "-l",
            help="auto (detect it), or one of: cs, de, el, en, es, fr, it, pl, pt, sv (codes or English names).",
        ),
    ] = "auto",
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Worker processes for several inputs (default: one per core; at most one per input, and 64).",
            show_default=False,
        ),
    ] = None,
    input_format: Annotated[
        InputFormat,
        typer.Option(
            "--input-format",
            case_sensitive=False,
            help='auto: *.jsonl and *.ndjson are JSON Lines (one article per line, a "text" field), the rest text.',
        ),
    ] = InputFormat.auto,
    no_color: NoColorOption = False,
    timeout: Annotated[float, _timeout_option("For a URL")] = DEFAULT_TIMEOUT,
    output: OutputOption = None,
) -> None:
    """Summarise articles (text, HTML pages or URLs): headline, key facts and summary of each."""
    failures = 0
    with _boundary():
        from newsdigest.errors import UsageError
        from newsdigest.options import Options

        options = Options(
            method=method,
            sentences=sentences,
            ratio=ratio,
            words=words,
            facts=facts,
            keywords=keywords,
            language=language,
        )
        if not paths:
            if sys.stdin is None or sys.stdin.isatty():
                raise UsageError("no input: give a PATH, or pipe text in (cat article.txt | newsdigest summarise)")
            paths = ["-"]
        from newsdigest.runners.inputs import is_batch

        with _destination(output, paths) as out:
            if is_batch(paths, fmt, input_format.value):
                failures = _summarise_many(paths, options, fmt, input_format.value, jobs, out, timeout)
            else:
                _summarise_one(paths[0], options, fmt, out, color=not no_color and output is None, timeout=timeout)
    if failures:
        raise typer.Exit(EXIT_INPUT)


@contextmanager
def _destination(output: str | None, inputs: list[str]) -> Iterator[TextIO]:
    """stdout, or a file written atomically (complete or untouched); a write error is one OutputError."""
    from newsdigest.output.files import OutputError, atomic_output

    if output is not None:
        with atomic_output(output, inputs=inputs) as stream:
            yield stream
        return
    if sys.stdout is None:
        raise OutputError("standard output is closed; redirect it to a file, or give --output FILE")
    try:
        yield sys.stdout
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _silence_stdout()
        raise OutputError(f"cannot write to standard output ({exc.strerror or exc})") from None
    except UnicodeEncodeError:
        _silence_stdout()
        encoding = getattr(sys.stdout, "encoding", None) or "its"
        raise OutputError(
            f"the output cannot be written in the {encoding} encoding; set PYTHONIOENCODING=utf-8"
        ) from None


def _summarise_one(path: str, options: Options, fmt: Format, out: TextIO, *, color: bool, timeout: float) -> None:
    from newsdigest.analysis.language import language_warning
    from newsdigest.output.render import render
    from newsdigest.pipeline.digest import digest
    from newsdigest.pipeline.load import read_input

    source = read_input(path, timeout=timeout)
    for warning in source.warnings:
        _stderr(f"Warning: {warning}")
    result = digest(source.text, options, source=source.info)
    if unsure := language_warning(result):
        _stderr(f"Warning: {unsure}")
    render(result, fmt, out, color=color)


def _summarise_many(
    paths: list[str], options: Options, fmt: Format, input_format: str, jobs: int | None, out: TextIO, timeout: float
) -> int:
    """Batch mode (see runners/batch.py): records in input order; returns how many inputs failed."""
    from newsdigest.runners import batch

    failures = total = 0
    workers = batch.worker_count(jobs or batch.default_jobs(), paths, input_format)
    with (
        batch.Runner(options, fmt, workers, timeout=timeout) as runner,
        _batch_progress() as report,
    ):
        for outcome in runner.run(batch.items(paths, input_format)):
            with _uninterrupted():  # Ctrl-C lands between records, never inside one
                out.write(outcome.record)
                out.flush()
            failures += outcome.error is not None
            total += 1
            report(outcome)
    if failures:
        _stderr(f"Error: {failures} of {total} inputs failed")
    return failures


@contextmanager
def _uninterrupted() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP back for the duration of the block; they are delivered after it."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):  # not on POSIX: nothing to hold back
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGHUP})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _messages(outcome: batch.Outcome) -> list[str]:
    """What to say about one input; each line is sanitised where it is shown."""
    messages = [f"Warning: {warning}" for warning in outcome.warnings]
    return messages + ([f"Error: {outcome.error}"] if outcome.error is not None else [])


@contextmanager
def _batch_progress() -> Iterator[Callable[[batch.Outcome], None]]:
    """A progress line on stderr when it is a terminal; each input's warnings and error as lines either way."""
    if not sys.stderr.isatty():

        def plain(outcome: batch.Outcome) -> None:
            for message in _messages(outcome):
                _stderr(message)

        yield plain
        return
    import time

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.text import Text

    from newsdigest.sanitise import line

    done = failed = 0
    last = 0.0
    # No refresh thread (auto_refresh=False): worker processes may still be forked.
    with Progress(
        TextColumn("digesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[failed]} failed"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
        auto_refresh=False,
        redirect_stdout=False,  # stdout carries the records, untouched
        redirect_stderr=False,
    ) as progress:
        task = progress.add_task("digest", total=None, failed=0)

        def bar(outcome: batch.Outcome) -> None:
            nonlocal done, failed, last
            done += 1
            failed += outcome.error is not None
            for message in _messages(outcome):
                progress.console.print(Text(line(message)))
            progress.update(task, completed=done, failed=failed)
            now = time.monotonic()
            if now - last > 0.1:
                progress.refresh()
                last = now

        yield bar


class EvalFormat(str, Enum):
    text = "text"
    json = "json"


@app.command("evaluate")
def evaluate_command(
    data: Annotated[
        str,
        typer.Argument(
            metavar="DATA.jsonl",
            help="One article per line: text, reference or reference_sentences, optional title and id.",
        ),
    ],
    methods: Annotated[
        list[str] | None,
        typer.Option(
            "--method",
            "-m",
            help="Method to score; repeat it, or 'all' for every method and the Lead baseline (default: all).",
        ),
    ] = None,
    sentences: Annotated[
        int, typer.Option("--sentences", "-n", min=1, help="Summary length in sentences.")
    ] = DEFAULT_SENTENCES,
    split: Annotated[
        str, typer.Option("--split", help="all, or the tune / heldout part (held out: sha1(id) prefix divisible by 5).")
    ] = "all",
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Only the first N articles of the split.")] = None,
    fmt: Annotated[
        EvalFormat, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")
    ] = EvalFormat.text,
) -> None:
    """Score methods with ROUGE against reference summaries, and headlines against titles."""
    with _boundary("evaluate"):
        from newsdigest.errors import InputError, UsageError
        from newsdigest.evaluation.evaluate import evaluate, expand_methods, read_records, select_split

        names = [name for value in methods or ["all"] for name in value.split(",") if name.strip()]
        if not names:
            raise UsageError("--method needs a method name (or all)")
        chosen = expand_methods(names)
        records, bad = read_records(data)
        records = select_split(records, split)[:limit]
        for line in bad:
            _stderr(f"Warning: {data}:{line.line}: skipped: {line.message}")
        if not records:
            raise InputError(f"{data}: no article to evaluate")
        with _progress(len(records) * len(chosen), "Evaluating") as advance:
            result = evaluate(
                records,
                chosen,
                sentences=sentences,
                dataset=Path(data).name,
                split=split,
                bad_lines=bad,
                progress=advance,
            )
        if fmt is EvalFormat.json:
            import json

            sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, allow_nan=False, indent=2) + "\n")
        else:
            from newsdigest.evaluation.report import write_evaluation

            write_evaluation(result, sys.stdout)
        if bad:
            raise InputError(f"{len(bad)} bad line(s) in {data} were skipped (see warnings above)")


@app.command("cluster")
def cluster_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="IN...",
            help=(
                "JSON Lines or Parquet files (id, text, optional title and url; for --brief also site and"
                " published or date), directories of them, or glob patterns."
            ),
            show_default=False,
        ),
    ],
    out: Annotated[
        str,
        typer.Argument(
            metavar="OUT",
            help="A new or empty directory for the part-NNNNN.jsonl files (with --brief: brief-GROUP.json files).",
        ),
    ],
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            envvar="DASK_SCHEDULER_ADDRESS",
            help="Address of a running Dask scheduler (tcp://host:8786); without it a local cluster is started.",
            show_default=False,
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=256, help="Worker processes of the local cluster (no --scheduler).")
    ] = 2,
    partition_mib: Annotated[
        float,
        typer.Option(
            "--partition-size", min=0.001, callback=_finite, help="MiB of JSON Lines per task (Parquet: one row group)."
        ),
    ] = 4.0,
    method: Annotated[
        Method, typer.Option("--method", "-m", case_sensitive=False, help="Scoring method (as for summarise).")
    ] = _DEFAULT_METHOD,
    sentences: Annotated[
        int | None, typer.Option("--sentences", "-n", min=1, help="Summary length in sentences.", show_default=False)
    ] = None,
    ratio: Annotated[
        float | None, typer.Option("--ratio", "-r", min=0.0, max=1.0, help="Summary length as a fraction.")
    ] = None,
    words: Annotated[int | None, typer.Option("--words", "-w", min=1, help="Hard word budget for the summary.")] = None,
    facts: Annotated[
        int | None,
        typer.Option(
            "--facts", min=0, max=50, help=f"At most this many key facts (default {DEFAULT_FACTS}).", show_default=False
        ),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--brief",
            metavar="day|FIELD",
            help=(
                "Write briefings instead (as brief --format json): one per UTC day of the rows' published"
                " (else date) field, undated rows in one more; or one per value of FIELD (topic, section...)."
            ),
            show_default=False,
        ),
    ] = None,
    top: Annotated[
        int | None,
        typer.Option("--top", min=1, help="With --brief: only the N best stories of each.", show_default=False),
    ] = None,
    per_source: Annotated[
        int | None,
        typer.Option(
            "--per-source", min=1, help="With --brief: at most the N newest items of each site.", show_default=False
        ),
    ] = None,
) -> None:
    """Digest an archive on a Dask cluster: one JSON record per input row, errors included; or brief it by day or topic."""
    with _boundary("cluster"):
        from newsdigest.errors import UsageError
        from newsdigest.options import Options
        from newsdigest.runners.archive import plan, prepare_output
        from newsdigest.runners.cluster import run

        partition_bytes = max(1, int(partition_mib * 1024 * 1024))
        if by is not None:
            given = [
                name
                for name, value in (
                    ("--sentences", sentences),
                    ("--ratio", ratio),
                    ("--words", words),
                    ("--facts", facts),
                )
                if value is not None
            ]
            if given:
                raise UsageError(
                    f"{given[0]} does not apply to --brief: a story's summary and facts are drawn across its articles, as in brief"
                )
            _cluster_briefs(inputs, out, by, method, top, per_source, scheduler, workers, partition_bytes)
            return
        if top is not None or per_source is not None:
            raise UsageError(f"{'--top' if top is not None else '--per-source'} needs --brief")
        options = Options(
            method=method,
            sentences=sentences,
            ratio=ratio,
            words=words,
            facts=DEFAULT_FACTS if facts is None else facts,
        )
        partitions = plan(inputs, partition_bytes=partition_bytes)
        directory = prepare_output(out)
        with _progress(len(partitions), "Digesting") as advance:
            report = run(partitions, directory, options, scheduler=scheduler, workers=workers, progress=advance)
        _stderr(
            f"{out}: records {report.records}, errors {report.errors}, partitions {report.partitions},"
            f" workers {report.workers}, {report.seconds:.1f} s"
        )


def _cluster_briefs(
    inputs: list[str],
    out: str,
    by: str,
    method: Method,
    top: int | None,
    per_source: int | None,
    scheduler: str | None,
    workers: int,
    partition_bytes: int,
) -> None:
    """``cluster --brief``: one briefing per group (see runners/briefs.py)."""
    from dataclasses import replace

    from newsdigest.briefing.model import BriefOptions
    from newsdigest.runners.archive import plan, prepare_output
    from newsdigest.runners.briefs import Grouping
    from newsdigest.runners.cluster import run_briefs

    grouping = Grouping(by.strip())
    defaults = BriefOptions()
    options = replace(defaults, top=top, per_source=per_source, digest=replace(defaults.digest, method=method))
    partitions = plan(inputs, partition_bytes=partition_bytes)
    directory = prepare_output(out)
    with _progress(len(partitions), "Digesting") as advance:
        report = run_briefs(
            partitions, directory, grouping, options, scheduler=scheduler, workers=workers, progress=advance
        )
    _stderr(
        f"{out}: briefings {report.briefings}, articles {report.articles}, stories {report.stories},"
        f" skipped {report.skipped}, errors {report.errors}, partitions {report.partitions},"
        f" workers {report.workers}, {report.seconds:.1f} s"
    )


@contextmanager
def _progress(total: int, description: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr when it is a terminal; otherwise nothing."""
    if not sys.stderr.isatty():
        yield lambda _: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(description, total=total)
        yield lambda n: progress.advance(task, n)


# --- newsdigest brief: feeds in, the day's stories out (briefing/) ---------------


@app.command("brief")
def brief_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="FEED|OPML|SITE|PATH...",
            help=(
                "RSS, Atom or JSON feeds (URLs or files), OPML subscription lists, a site's home page (its"
                " <link rel=alternate> feeds), article files or URLs, directories, JSON Lines files."
            ),
            show_default=False,
        ),
    ],
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="text|markdown|json|html", help="Output format.")
    ] = "text",
    top: Annotated[
        int | None, typer.Option("--top", min=1, help="Only the N best stories.", show_default=False)
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", metavar="SPAN", help="Only items of the last SPAN (90m, 24h, 2d, 1w).", show_default=False
        ),
    ] = None,
    per_source: Annotated[
        int | None,
        typer.Option("--per-source", min=1, help="At most the N newest items of each site.", show_default=False),
    ] = None,
    new: Annotated[bool, typer.Option("--new", help="Only stories with articles no earlier run showed.")] = False,
    offline: Annotated[
        bool, typer.Option("--offline", help="No network: build from what earlier runs stored.")
    ] = False,
    refresh: Annotated[
        bool, typer.Option("--refresh", help="Ask the servers again now, even for copies still fresh.")
    ] = False,
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            envvar="NEWSDIGEST_STORE",
            metavar="FILE",
            help="The SQLite store of fetched pages and shown items (default: newsdigest/brief.sqlite3 in the user's cache directory).",
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            max=64,
            help="Pages fetched at a time; worker processes read them (one per core at most).",
        ),
    ] = 8,
    timeout: Annotated[float, _timeout_option("For each feed and page")] = DEFAULT_TIMEOUT,
    no_color: NoColorOption = False,
    output: OutputOption = None,
) -> None:
    """Brief the day: fetch feeds and their articles, group them into stories, rank and summarise each."""
    failed: list[str] = []
    with _boundary("brief"):
        from newsdigest.briefing.collect import Settings, parse_since, run
        from newsdigest.briefing.model import BriefOptions
        from newsdigest.briefing.render import BriefFormat, render_briefing
        from newsdigest.errors import UsageError

        try:
            chosen = BriefFormat(fmt.strip().lower())
        except ValueError:
            raise UsageError(f"unknown format {fmt!r}; choose one of: text, markdown, json, html") from None
        options = BriefOptions(top=top, since=parse_since(since) if since else None, per_source=per_source)
        settings = Settings(timeout=timeout, jobs=jobs, offline=offline, refresh=refresh)
        with _brief_progress() as progress:
            result = run(inputs, settings, options, store_path=store, new=new, progress=progress)
        for warning in result.collected.warnings:
            _stderr(f"Warning: {warning}")
        failed = result.collected.failed
        with _destination(output, inputs) as out:
            render_briefing(result.briefing, chosen, out, color=not no_color and output is None)
    if failed:
        for message in failed:
            _stderr(f"Error: {message}")
        raise typer.Exit(EXIT_INPUT)


@contextmanager
def _brief_progress() -> Iterator[Callable[[str], None]]:
    """What is being fetched, on one stderr line that each message overwrites, when stderr is a terminal.

    No display thread: the pages' worker processes are forked while it shows.
    """
    if not sys.stderr.isatty():
        yield lambda _: None
        return

    def show(message: str) -> None:
        sys.stderr.write(f"\r\x1b[2K{message[:200]}")
        sys.stderr.flush()

    try:
        yield show
    finally:
        sys.stderr.write("\r\x1b[2K")
        sys.stderr.flush()


# British and American spelling both work; only one is listed in --help.
app.command("summarize", hidden=True)(summarise)


def _sane_width() -> None:
    """COLUMNS of 0, a negative or an absurd number (or such a terminal) would make Rich
    draw nothing or allocate without bound: ignore it, and cap a terminal's width."""
    columns = os.environ.get("COLUMNS")
    if columns is not None and not (columns.isdigit() and int(columns) in _WIDTHS):
        del os.environ["COLUMNS"]
    if "COLUMNS" not in os.environ:
        try:
            width = os.get_terminal_size(1).columns
        except (OSError, ValueError):  # not a terminal
            return
        if width > _WIDTHS[-1]:
            os.environ["COLUMNS"] = str(_WIDTHS[-1])


def _hold_standard_descriptors() -> None:
    """A closed stdin, stdout or stderr (``>&-``) gets /dev/null beneath it, so that
    no file opened later takes its number and receives what was meant for it."""
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            try:
                os.open(os.devnull, os.O_RDWR)  # the lowest free number: this one
            except OSError:
                return


def main() -> None:
    """Console-script entry point (see ``_entry.py`` for Ctrl-C while starting)."""
    _hold_standard_descriptors()
    _sane_width()
    _on_termination_signals()
    try:
        app(prog_name="newsdigest")
    except SystemExit as done:
        # Ctrl-C while Typer reads the command line (before the command's boundary) is
        # Typer's own silent exit 130: say it, as everywhere else.
        if done.code == EXIT_INTERRUPTED:
            _say_interrupted()
        raise
