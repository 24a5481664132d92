"""The ``newsdigest`` command: parse, call :func:`newsdigest.digest`, render.

This module is the one error boundary: the library raises
:class:`~newsdigest.errors.NewsdigestError` subclasses, and :func:`_boundary`
turns them into one ``Error: ...`` line on stderr and an exit code (see the
README's exit-code table). stdout carries the digest only.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from .options import DEFAULT_FACTS, DEFAULT_METHOD, DEFAULT_SENTENCES, Method
from .render import Format

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

_DEFAULT_METHOD = Method(DEFAULT_METHOD)

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
        from importlib.metadata import version

        typer.echo(f"newsdigest {version('newsdigest')}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version_callback, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Headline, key facts and summary of a news article, offline."""


def _stderr(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


@contextmanager
def _boundary() -> Iterator[None]:
    """Map every failure inside a command to one stderr line and an exit code."""
    from .errors import NewsdigestError, UsageError

    try:
        yield
        sys.stdout.flush()
    except UsageError as exc:
        _stderr(f"Error: {exc}\nTry 'newsdigest summarise --help' for help.")
        raise typer.Exit(EXIT_USAGE) from None
    except NewsdigestError as exc:
        _stderr(f"Error: {exc}")
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        _stderr("Interrupted.")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(EXIT_OK) from None
    except Exception as exc:
        if os.environ.get("NEWSDIGEST_DEBUG"):
            raise
        _stderr(f"Error: internal error ({type(exc).__name__}: {exc}); set NEWSDIGEST_DEBUG=1 for details")
        raise typer.Exit(EXIT_INPUT) from None


def _silence_stdout() -> None:
    """The reader went away (``| head``): drop what is left, quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (tests)
        pass


@app.command("summarise")
def summarise(
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="PATH",
            help="Article text file, or - for standard input (the default when input is piped).",
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
            help="Scoring method: news (built for news), lead (first sentences), or one of sumy's.",
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
        typer.Option("--ratio", "-r", min=0.0, max=1.0, help="Summary length as a fraction of the sentences."),
    ] = None,
    words: Annotated[
        int | None,
        typer.Option("--words", "-w", min=1, help="Hard word budget for the summary (never empty)."),
    ] = None,
    facts: Annotated[
        int, typer.Option("--facts", min=0, max=50, help="How many key facts to list (0 hides them).")
    ] = DEFAULT_FACTS,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colours or styles (NO_COLOR is honoured too).")
    ] = False,
) -> None:
    """Summarise one article: headline, key facts and summary."""
    with _boundary():
        from .digest import digest
        from .errors import UsageError
        from .load import read_source
        from .options import Options
        from .render import render

        options = Options(method=method, sentences=sentences, ratio=ratio, words=words, facts=facts)
        if path is None:
            if sys.stdin is None or sys.stdin.isatty():
                raise UsageError("no input: give a PATH, or pipe text in (cat article.txt | newsdigest summarise)")
            path = "-"
        source = read_source(path)
        for warning in source.warnings:
            _stderr(f"Warning: {warning}")
        result = digest(source.text, options)
        render(result, fmt, sys.stdout, color=not no_color)


# British and American spelling both work; only one is listed in --help.
app.command("summarize", hidden=True)(summarise)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="newsdigest")
