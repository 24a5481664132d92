"""Step 1, load: bytes from a file or standard input to text.

Decoding policy: a byte-order mark wins (UTF-8, UTF-16, UTF-32); otherwise the
bytes must be UTF-8, and text that is not is read as Windows-1252 (a superset
of Latin-1's printable range, the usual encoding of such files) with a warning,
so nothing is refused that a person could read. Binary data (NUL bytes outside
a UTF-16/32 text, or a known binary signature) is refused.

HTML is recognised by its content, whatever the file is called: its charset
is the one declared (by the HTTP header for a download, else by a ``<meta>``
tag) when Python knows it and the bytes fit it, else the policy above; its main
text and metadata come from the extract step.
"""

from __future__ import annotations

import codecs
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

#: Inputs larger than this are refused rather than read into memory.
MAX_INPUT_BYTES = 32 * 1024 * 1024
#: For URLs (see fetch.py): seconds to wait to connect and for each read; four times that for the whole download.
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
    text = data.decode("cp1252", errors="replace")
    warning = f"{name}: not valid UTF-8; read as Windows-1252 (Latin-1)"
    return Source(text, name, "cp1252", (warning,))


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
    except UnicodeDecodeError:
        source = decode(data, name)
    return Source(source.text, name, source.encoding, (f"{name}: not valid {declared}; read as {source.encoding}",))


def _refuse_binary(data: bytes, name: str) -> None:
    if data.startswith(_BINARY_SIGNATURES) or b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file, not text")


def _codec(label: str) -> str | None:
    """Python's codec for a charset label, as browsers read it (WHATWG Encoding)."""
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
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
