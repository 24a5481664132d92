"""Step 1, load: bytes from a file or standard input to text.

Decoding policy: a byte-order mark wins (UTF-8, UTF-16, UTF-32); otherwise the
bytes must be UTF-8, and text that is not is read as Windows-1252 (a superset
of Latin-1's printable range, the usual encoding of such files) with a warning,
so nothing is refused that a person could read. Binary data (NUL bytes outside
a UTF-16/32 text, or a known binary signature) is refused.
"""

from __future__ import annotations

import codecs
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .errors import InputError

#: Inputs larger than this are refused rather than read into memory.
MAX_INPUT_BYTES = 32 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_SIGNATURES = (
    b"\x89PNG",
    b"\x1f\x8b",
    b"%PDF",
    b"PK\x03\x04",
    b"GIF8",
    b"\xff\xd8\xff",
    b"\x7fELF",
    b"BZh",
    b"\xfd7zXZ",
)


@dataclass(frozen=True)
class Source:
    """Text read from one input, with how it was decoded and any warnings."""

    text: str
    name: str
    encoding: str
    warnings: tuple[str, ...] = ()


def read_source(path: str) -> Source:
    """Read ``path`` (``-`` for standard input) and decode it."""
    if path == "-":
        return decode(_read_limited(sys.stdin.buffer, "standard input"), "standard input")
    with input_errors(path):
        if Path(path).is_dir():
            raise IsADirectoryError
        with Path(path).open("rb") as stream:
            data = _read_limited(stream, path)
    return decode(data, path)


@contextmanager
def input_errors(path: str) -> Iterator[None]:
    """Turn the OS's errors on opening or reading ``path`` into one-line InputErrors."""
    try:
        yield
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory; give a file") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not valid UTF-8") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _read_limited(stream: BinaryIO, name: str) -> bytes:
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        limit = MAX_INPUT_BYTES // (1024 * 1024)
        raise InputError(f"{name}: input is larger than the {limit} MiB limit; split it into articles")
    return data


def decode(data: bytes, name: str) -> Source:
    """Decode ``data`` by the policy in this module's docstring."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Source(data.decode(encoding), name, encoding.replace("-sig", ""))
            except UnicodeDecodeError:
                raise InputError(
                    f"{name}: starts with a {encoding} byte-order mark but is not valid {encoding}"
                ) from None
    if data.startswith(_BINARY_SIGNATURES) or b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return Source(data.decode("utf-8"), name, "utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    warning = f"{name}: not valid UTF-8; read as Windows-1252 (Latin-1)"
    return Source(text, name, "cp1252", (warning,))
