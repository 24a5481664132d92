"""Writing results to a file atomically: readers see the old file or the new one.

Output goes to a temporary file beside the target, which replaces the target
only once everything is written and flushed to disk. An error or Ctrl-C on the
way leaves the target as it was and removes the temporary file, so an
interrupted run never leaves a truncated file behind.

What may be a target: a new file, or an existing regular file that is not one
of the inputs. A terminal and a sink such as ``/dev/null`` are written as they
are (no temporary file: renaming onto a device would replace it). Anything else
that exists (a directory, a FIFO, a socket, another device) is refused, as is
the input itself, which the output would replace before it was read.
"""

from __future__ import annotations

import glob
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from newsdigest.errors import InputError, UsageError

#: Sinks that take anything written and keep nothing.
_SINKS = ("/dev/null", "/dev/zero")
#: Characters mkstemp adds to the prefix: a dot, eight random ones, ".tmp".
_TEMPORARY_PART = 13


class OutputError(InputError):
    """The output file cannot be written (exit code 1)."""


@contextmanager
def atomic_output(path: str, *, inputs: Iterable[str] = ()) -> Iterator[TextIO]:
    """A text stream whose content becomes ``path`` when the block succeeds.

    ``inputs`` are what the run reads (paths, directories, patterns, ``-``):
    a target among them is refused.
    """
    target = Path(path)
    existing = _stat(path)
    if existing is not None:
        if stat.S_ISDIR(existing.st_mode):
            raise OutputError(f"{path}: is a directory; give a file name for --output")
        if _is_input(existing, inputs):
            raise UsageError(f"{path}: is also an input; write the output to another file")
        if not stat.S_ISREG(existing.st_mode):
            if _is_sink(path, existing):
                with _written(path), Path(path).open("w", encoding="utf-8", newline="\n") as stream:
                    yield stream
                return
            raise UsageError(
                f"{path}: not a regular file; --output writes a regular file (or a terminal, or /dev/null)"
            )
    directory = target.parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=_prefix(target), suffix=".tmp", dir=directory)
    except FileNotFoundError:
        raise OutputError(f"{path}: the folder does not exist") from None
    except PermissionError:
        raise OutputError(f"{path}: permission denied (cannot write in {directory})") from None
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    try:
        with _written(path), os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        with _written(path):
            if existing is not None:
                Path(temporary).chmod(existing.st_mode & 0o777)
            else:  # as an ordinary new file would be: 0666 less the umask
                umask = os.umask(0)
                os.umask(umask)
                Path(temporary).chmod(0o666 & ~umask)
            Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def _written(path: str) -> Iterator[None]:
    """A failure to write (a full disk, a quota) as one OutputError naming ``path``."""
    try:
        yield
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None


def _stat(path: str) -> os.stat_result | None:
    try:
        return Path(path).stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:  # a name too long, a loop of links
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None


def _prefix(target: Path) -> str:
    """``.name.``, shortened so that the temporary name fits the file system's name limit."""
    try:
        limit = os.pathconf(target.parent, "PC_NAME_MAX")
    except (OSError, ValueError):
        limit = 255
    return os.fsdecode(os.fsencode(f".{target.name}")[: max(1, limit - _TEMPORARY_PART - 1)]) + "."


def _is_sink(path: str, existing: os.stat_result) -> bool:
    if stat.S_ISCHR(existing.st_mode):
        for sink in _SINKS:
            try:
                if Path(sink).stat().st_rdev == existing.st_rdev:
                    return True
            except OSError:
                continue
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_NONBLOCK)
        except OSError:
            return False
        try:
            return os.isatty(descriptor)
        finally:
            os.close(descriptor)
    return False


def _is_input(existing: os.stat_result, inputs: Iterable[str]) -> bool:
    """Whether the file ``existing`` describes is read by the run: named, in a named
    directory, matched by a pattern, or on standard input."""
    same = (existing.st_dev, existing.st_ino)
    for name in inputs:
        candidates: list[str] = []
        if name == "-":
            try:
                info = os.fstat(0)
            except OSError:
                continue
            if (info.st_dev, info.st_ino) == same:
                return True
            continue
        if "://" in name:
            continue
        try:
            if Path(name).is_dir():
                candidates = [str(child) for child in Path(name).iterdir()]
            elif Path(name).exists():
                candidates = [name]
            elif glob.has_magic(name):
                candidates = glob.glob(name, recursive=True)  # noqa: PTH207 (absolute patterns too)
        except OSError:
            continue
        for candidate in candidates:
            try:
                info = Path(candidate).stat()
            except OSError:
                continue
            if (info.st_dev, info.st_ino) == same:
                return True
    return False
