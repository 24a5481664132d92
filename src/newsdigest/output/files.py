"""Writing results to a file atomically: readers see the old file or the new one.

Output goes to a temporary file beside the target, which replaces the target
only once everything is written and flushed to disk. An error or Ctrl-C on the
way leaves the target as it was and removes the temporary file, so an
interrupted run never leaves a truncated file behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from newsdigest.errors import InputError


class OutputError(InputError):
    """The output file cannot be written (exit code 1)."""


@contextmanager
def atomic_output(path: str) -> Iterator[TextIO]:
    """A text stream whose content becomes ``path`` when the block succeeds."""
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{path}: is a directory; give a file name for --output")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    except FileNotFoundError:
        raise OutputError(f"{path}: the folder does not exist") from None
    except PermissionError:
        raise OutputError(f"{path}: permission denied (cannot write in {target.parent or '.'})") from None
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            Path(temporary).chmod(target.stat().st_mode & 0o777)
        else:  # as an ordinary new file would be: 0666 less the umask
            umask = os.umask(0)
            os.umask(umask)
            Path(temporary).chmod(0o666 & ~umask)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
