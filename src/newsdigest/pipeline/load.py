"""Step 1, load: bytes from a file or standard input to text.

Decoding policy: a byte-order mark wins (UTF-8, UTF-16, UTF-32); otherwise the
bytes must be UTF-8, and text that is not is read as Windows-1252 (a superset
of Latin-1's printable range, the usual encoding of such files) with a warning,
so nothing is refused that a person could read. Text that is UTF-8 but for a
few damaged bytes (a character cut in half where a server truncated a string)
stays UTF-8, the damaged bytes replaced by U+FFFD with a warning: at least
:data:`MIN_VALID_PER_INVALID` valid multi-byte characters to each invalid
sequence, a ratio Windows-1252 text does not reach (its accented letters are
single bytes, which UTF-8 rejects). Binary data (NUL bytes outside
a UTF-16/32 text, or a known binary signature) is refused.

HTML is recognised by its content, whatever the file is called: its charset
is the one declared (by the HTTP header for a download, else by a ``<meta>``
tag) when Python knows it and the bytes fit it, else the policy above; its main
text and metadata come from the extract step.
"""

from __future__ import annotations

import codecs
import json
import math
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newsdigest.errors import InputError
from newsdigest.model import SourceInfo
from newsdigest.options import DEFAULT_TIMEOUT
from newsdigest.pipeline.extract import NoArticle, extract, looks_like_html
from newsdigest.sanitise import text as encodable

#: Inputs larger than this are refused rather than read into memory.
MAX_INPUT_BYTES = 32 * 1024 * 1024
#: Digits an integer in a JSON Lines record may have (Python refuses over 4,300).
MAX_JSON_DIGITS = 100
#: Codecs Python knows that are not how a page is written: transforms of the
#: text (escapes, IDNA labels) and UTF-7, which browsers refuse.
_NOT_CHARSETS = frozenset(("unicode_escape", "raw_unicode_escape", "idna", "punycode", "utf_7", "undefined"))
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


_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Source:
    """Text read from one input, with how it was decoded and any warnings.

    For an HTML page, ``text`` is its main text and ``info`` what the page says
    about itself (title, author, date, site, URL); for plain text ``info`` is None.
    """

    text: str
    name: str
    encoding: str
    warnings: tuple[str, ...] = ()
    info: SourceInfo | None = None


def is_url(value: str) -> bool:
    """True when ``value`` is written as a URL (``scheme://...``) rather than a path."""
    scheme, sep, _ = value.partition("://")
    return bool(sep) and scheme.isascii() and scheme.isalpha()


def read_source(path: str) -> Source:
    """Read ``path`` (``-`` for standard input) and decode it."""
    if path == "-":
        return load_bytes(_read_limited(sys.stdin.buffer, "standard input"), "standard input")
    with input_errors(path):
        if Path(path).is_dir():
            raise IsADirectoryError
        with Path(path).open("rb") as stream:
            data = _read_limited(stream, path)
    return load_bytes(data, path)


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
    except UnicodeEncodeError:  # a lone surrogate no file system name can hold
        raise InputError(f"{path}: not a valid file name") from None
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
    _refuse_binary(data, name)
    try:
        return Source(data.decode("utf-8"), name, "utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return Source(damaged, name, "utf-8", (f"{name}: not valid UTF-8 in a few places; those bytes replaced",))
    text = data.decode("cp1252", errors="replace")
    warning = f"{name}: not valid UTF-8; read as Windows-1252 (Latin-1)"
    return Source(text, name, "cp1252", (warning,))


#: Valid multi-byte UTF-8 characters to one invalid sequence, at least, for
#: text to be read as damaged UTF-8 rather than as Windows-1252.
MIN_VALID_PER_INVALID = 20


def _damaged_utf8(data: bytes) -> str | None:
    """``data`` as UTF-8 with its few invalid sequences replaced, or None when they are not few."""
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = sum(1 for char in text if char > "\x7f") - text.count("\ufffd")
    return text if valid >= MIN_VALID_PER_INVALID * max(1, invalid) else None


def load_bytes(data: bytes, name: str, *, charset: str | None = None, url: str | None = None) -> Source:
    """Decode ``data`` and, when it is an HTML page, extract its main text and metadata.

    ``charset`` is the one a server declared (HTTP ``Content-Type``) and
    ``url`` the address the bytes came from; both are for downloads.
    """
    html = looks_like_html(data[:1024].removeprefix(codecs.BOM_UTF8).decode("latin-1"))
    declared = charset or (_meta_charset(data) if html else None)
    source = _decode_declared(data, name, declared)
    if not html and source.encoding in ("utf-16", "utf-32"):  # the byte sniff cannot see their markup
        html = looks_like_html(source.text)
    if not html:
        return source
    try:
        extracted = extract(source.text, url=url)
    except NoArticle as refused:
        raise InputError(f"{name}: no article text found ({refused.reason})") from None
    return Source(extracted.text, name, source.encoding, source.warnings, extracted.info)


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", errors="replace") if match else None


def _decode_declared(data: bytes, name: str, declared: str | None) -> Source:
    """Decode by a declared charset, unless a byte-order mark says otherwise or it does not fit."""
    encoding = _codec(declared) if declared else None
    if encoding is None or data.startswith(tuple(bom for bom, _ in _BOMS)):
        source = decode(data, name)
        if declared and encoding is None:
            return _warn(source, f"{name}: unknown charset {declared!r}; read as {source.encoding}")
        return source
    _refuse_binary(data, name)
    try:
        return Source(data.decode(encoding), name, encoding)
    except UnicodeError:  # some codecs raise their own kind (a CJK codec on a bad sequence)
        source = decode(data, name)
    if source.encoding == encoding:  # the declared charset after all, a few damaged bytes replaced
        return source
    return Source(source.text, name, source.encoding, (f"{name}: not valid {declared}; read as {source.encoding}",))


def _refuse_binary(data: bytes, name: str) -> None:
    if data.startswith(_BINARY_SIGNATURES) or b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file, not text")


def _codec(label: str) -> str | None:
    """Python's codec for a charset label, as browsers read it (WHATWG Encoding);
    None for a label that names no text encoding (``hex``, ``rot13``, ``base64``)."""
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
        if name.replace("-", "_") in _NOT_CHARSETS or not isinstance(codecs.decode(b"a", name), str):
            return None
    except Exception:  # unknown, or a transform that refuses text (bytes to bytes, str to str, zlib's own error)
        return None
    if name in ("ascii", "latin-1", "iso8859-1"):
        return "cp1252"  # browsers read all three as Windows-1252
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"  # a page that reached us as bytes to sniff cannot be UTF-16
    return name


def _warn(source: Source, warning: str) -> Source:
    return Source(source.text, source.name, source.encoding, (*source.warnings, warning))


def read_input(path: str, *, timeout: float = DEFAULT_TIMEOUT) -> Source:
    """Load one input: an http(s) URL (fetched), ``-`` for standard input, or a file."""
    if is_url(path):
        from newsdigest.pipeline.fetch import fetch  # urllib and ssl cost 25 ms: only for URLs

        download = fetch(path, timeout=timeout)
        return load_bytes(download.data, path, charset=download.charset, url=download.url)
    return read_source(path)


class LineTooLong(InputError):
    """A JSON Lines line over the input limit; ``line`` is its number, ``reason`` the message without the place."""

    def __init__(self, name: str, line: int, reason: str) -> None:
        super().__init__(f"{name}:{line}: {reason}")
        self.line = line
        self.reason = reason


def json_lines(stream: BinaryIO, name: str) -> Iterator[tuple[int, bytes]]:
    """The non-blank lines of a JSON Lines stream, numbered from 1, read one at a time.

    A line is capped while it is read: one longer than ``MAX_INPUT_BYTES`` is
    never held whole; it raises :class:`LineTooLong` naming it, and the rest of
    the stream is not read (a stream without newlines, ``/dev/zero``, has no
    next line to resume at). A stream with no record at all raises too.
    """
    found = False
    with input_errors(name):
        for number in range(1, sys.maxsize):
            line = stream.readline(MAX_INPUT_BYTES + 1)
            if not line:
                break
            if len(line) > MAX_INPUT_BYTES:
                limit = MAX_INPUT_BYTES // (1024 * 1024)
                raise LineTooLong(
                    name, number, f"line is longer than the {limit} MiB input limit; the rest of the file was not read"
                )
            if line.strip():
                found = True
                yield number, line
    if not found:
        raise InputError(f"{name}: no JSON Lines record in it (it is empty or blank)")


def parse_json_line(line: bytes) -> object:
    """One JSON Lines record, parsed within bounds; ``ValueError`` with a one-line reason otherwise.

    Refused: bytes that are not UTF-8, nesting deeper than Python's parser
    goes, integers over ``MAX_JSON_DIGITS`` digits, ``NaN`` and infinities
    (output must stay valid JSON). Lone surrogates (``"\\ud800"``) become U+FFFD.
    """
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 (byte {exc.start + 1})") from None
    try:
        value = json.loads(decoded, parse_int=_bounded_int, parse_float=_finite_float, parse_constant=_no_constant)
    except RecursionError:
        raise ValueError("not valid JSON (nested too deeply)") from None
    except _OutOfBounds as exc:
        raise ValueError(f"not valid JSON ({exc})") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if _LONE_SURROGATE_ESCAPE.search(decoded):
        value = _repaired(value)
    return value


# A surrogate can reach a parsed string only from an escape: \ud800 to \udfff.
_LONE_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class _OutOfBounds(Exception):
    """A number the parser hooks refuse."""


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_JSON_DIGITS:
        raise _OutOfBounds(f"an integer of more than {MAX_JSON_DIGITS} digits")
    return int(digits)


def _finite_float(digits: str) -> float:
    value = float(digits)
    if not math.isfinite(value):
        raise _OutOfBounds(f"the number {digits[:20]} is too large")
    return value


def _no_constant(name: str) -> float:
    raise _OutOfBounds(f"{name} is not a number JSON allows")


def _repaired(value: object) -> object:
    """``value`` with every string (keys too) made encodable; iterative, as deep as the parser went."""
    if isinstance(value, str):
        return encodable(value)
    todo = [value]
    while todo:
        node = todo.pop()
        if isinstance(node, list):
            for index, item in enumerate(node):
                if isinstance(item, str):
                    node[index] = encodable(item)
                elif isinstance(item, list | dict):
                    todo.append(item)
        elif isinstance(node, dict):
            for key in list(node):
                item = node.pop(key)
                if isinstance(item, str):
                    item = encodable(item)
                elif isinstance(item, list | dict):
                    todo.append(item)
                node[encodable(key)] = item
    return value
