"""What a run's inputs are: one article, or a batch for ``batch.py``.

Kept apart from the batch runner so that a run on one article, the common
case, decides this without importing it.
"""

from __future__ import annotations

from pathlib import Path

from newsdigest.output.render import Format
from newsdigest.pipeline.load import is_url

JSONL_SUFFIXES = (".jsonl", ".ndjson")
_GLOB_CHARS = frozenset("*?[")


def is_batch(paths: list[str], fmt: Format, input_format: str) -> bool:
    """Whether these inputs need batch mode (else one article in, one digest out, as always)."""
    if len(paths) != 1 or fmt is Format.jsonl or input_format == "jsonl":
        return True
    path = paths[0]
    if path == "-" or is_url(path):
        return False
    return is_dir(path) or path.endswith(JSONL_SUFFIXES) or is_pattern(path)


def is_dir(path: str) -> bool:
    try:
        return Path(path).is_dir()
    except (OSError, ValueError):  # a name too long for the OS, a NUL byte: not a directory
        return False


def is_pattern(path: str) -> bool:
    """A glob pattern the shell did not expand: it has a pattern character and names no file."""
    if is_url(path) or not _GLOB_CHARS & set(path):
        return False
    try:
        return not Path(path).exists()
    except (OSError, ValueError):
        return False
