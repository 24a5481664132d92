"""The load step: bytes from a real file or standard input to text.

Every test writes real bytes to a real file (or feeds real bytes as standard
input) and goes through ``newsdigest.load.read_source``; ``decode`` is also
checked on its own where the policy is about bytes rather than files.
"""

from __future__ import annotations

import codecs
import gzip
import io
import os
import shutil
import stat
import struct
import subprocess
import sys
import sysconfig
import tempfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import newsdigest
from newsdigest.errors import InputError
from newsdigest.pipeline import load
from newsdigest.pipeline.load import Source, decode, read_source

from .privileges import modes_apply

TEXT = "The council approved the new budget on Monday. Café owners – and naïve critics – objected.\n"
LATIN = "café – naïve"


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    file = tmp_path / name
    file.write_bytes(data)
    return str(file)


class _FakeStdin:
    """Stands in for ``sys.stdin``: text-mode wrapper whose ``.buffer`` holds bytes."""

    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)

    def isatty(self) -> bool:
        return False


# --- text encodings --------------------------------------------------------------------------


def test_utf8_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", TEXT.encode("utf-8"))
    source = read_source(path)
    assert isinstance(source, Source)
    assert source.text == TEXT
    assert source.encoding == "utf-8"
    assert source.name == path
    assert source.warnings == ()


def test_utf8_with_bom_drops_the_bom(tmp_path: Path) -> None:
    path = _write(tmp_path, "bom.txt", codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    source = read_source(path)
    assert source.text == TEXT
    assert "\ufeff" not in source.text
    assert source.encoding == "utf-8"
    assert source.warnings == ()


@pytest.mark.parametrize(
    ("codec", "bom"),
    [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)],
)
def test_utf16_with_bom(tmp_path: Path, codec: str, bom: bytes) -> None:
    data = bom + TEXT.encode(codec)
    assert b"\x00" in data  # really UTF-16: NUL bytes must not make it "binary"
    path = _write(tmp_path, f"{codec}.txt", data)
    source = read_source(path)
    assert source.text == TEXT
    assert "\ufeff" not in source.text
    assert source.encoding == "utf-16"
    assert source.warnings == ()


@pytest.mark.parametrize(
    ("codec", "bom"),
    [("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE)],
)
def test_utf32_with_bom(tmp_path: Path, codec: str, bom: bytes) -> None:
    path = _write(tmp_path, f"{codec}.txt", bom + TEXT.encode(codec))
    source = read_source(path)
    assert source.text == TEXT
    assert source.encoding == "utf-32"


def test_windows_1252_is_decoded_with_a_warning(tmp_path: Path) -> None:
    data = f"Le {LATIN} article was published on Monday.\n".encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the premise: these bytes are not UTF-8
    path = _write(tmp_path, "latin.txt", data)
    source = read_source(path)
    assert source.text == f"Le {LATIN} article was published on Monday.\n"
    assert "\ufffd" not in source.text
    assert source.encoding == "cp1252"
    assert len(source.warnings) == 1
    assert path in source.warnings[0]
    assert "UTF-8" in source.warnings[0]
    assert "1252" in source.warnings[0]


def test_decode_bytes_directly() -> None:
    assert decode(TEXT.encode(), "x").text == TEXT
    latin = decode(LATIN.encode("cp1252"), "x")
    assert latin.text == LATIN
    assert latin.warnings


def test_bom_with_invalid_payload_is_an_input_error() -> None:
    with pytest.raises(InputError, match="byte-order mark"):
        decode(codecs.BOM_UTF8 + b"caf\xe9 \xff\xfe", "bad.txt")


# --- binary input is refused -----------------------------------------------------------------


def _png() -> bytes:
    def chunk(kind: bytes, payload: bytes) -> bytes:
        body = kind + payload
        return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)  # 1x1, 8-bit greyscale
    pixels = zlib.compress(b"\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def test_png_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "image.txt", _png())
    with pytest.raises(InputError, match="binary") as info:
        read_source(path)
    assert path in str(info.value)


def test_gzip_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "article.txt.gz"
    with gzip.open(file, "wb") as stream:
        stream.write(TEXT.encode() * 20)
    assert file.read_bytes()[:2] == b"\x1f\x8b"
    with pytest.raises(InputError, match="binary"):
        read_source(str(file))


def test_nul_bytes_inside_ascii_text_are_refused(tmp_path: Path) -> None:
    data = b"The council met on Monday.\x00\x00\x00 It approved the budget.\n"
    path = _write(tmp_path, "nul.txt", data)
    with pytest.raises(InputError, match="binary"):
        read_source(path)


def test_binary_on_standard_input_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _FakeStdin(_png()))
    with pytest.raises(InputError, match="binary") as info:
        read_source("-")
    assert "standard input" in str(info.value)


# --- paths that are not readable text files --------------------------------------------------


def test_missing_path(tmp_path: Path) -> None:
    path = str(tmp_path / "nope.txt")
    with pytest.raises(InputError) as info:
        read_source(path)
    assert str(info.value) == f"{path}: no such file"


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_source(str(tmp_path))
    assert str(info.value).startswith(f"{tmp_path}: is a directory")


def test_input_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "MAX_INPUT_BYTES", 100)
    path = _write(tmp_path, "big.txt", b"The council met on Monday. " * 10)  # 270 bytes
    with pytest.raises(InputError, match="larger than") as info:
        read_source(path)
    assert path in str(info.value)


def test_input_at_the_size_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "MAX_INPUT_BYTES", 100)
    path = _write(tmp_path, "exact.txt", b"a" * 100)
    assert read_source(path).text == "a" * 100


def test_standard_input_over_the_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "MAX_INPUT_BYTES", 100)
    monkeypatch.setattr(sys, "stdin", _FakeStdin(b"x" * 101))
    with pytest.raises(InputError, match="standard input: input is larger than"):
        read_source("-")


# --- standard input --------------------------------------------------------------------------


def test_standard_input_via_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _FakeStdin(TEXT.encode("utf-8")))
    source = read_source("-")
    assert source.text == TEXT
    assert source.name == "standard input"
    assert source.encoding == "utf-8"


def test_standard_input_windows_1252(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _FakeStdin(LATIN.encode("cp1252")))
    source = read_source("-")
    assert source.text == LATIN
    assert source.warnings
    assert "standard input" in source.warnings[0]


def test_standard_input_utf16_bom(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _FakeStdin(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")))
    assert read_source("-").text == TEXT


# --- permission denied (through the real CLI) ------------------------------------------------

NOBODY = 65534


def _world_reachable(path: Path) -> bool:
    """Can a user with no rights of its own reach ``path`` (traverse every parent)?"""
    path = path.resolve()
    for parent in (path, *path.parents):
        if parent.is_dir() and not parent.stat().st_mode & stat.S_IXOTH:
            return False
    return bool(path.stat().st_mode & stat.S_IROTH)


def _nobody_can_run_newsdigest() -> bool:
    needed = [
        Path(sys.executable),
        Path(sysconfig.get_paths()["stdlib"]),
        Path(sysconfig.get_paths()["purelib"]),
        Path(newsdigest.__file__).parent,
    ]
    return all(_world_reachable(path) for path in needed)


def _become_nobody() -> None:  # runs in the child, before exec
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


@pytest.fixture
def unreadable_file(tmp_path: Path) -> Iterator[tuple[Path, Callable[[], None] | None]]:
    """A file with mode 000 in a directory the reading user can traverse, and how to
    start the reader so that the mode applies to it.

    Root reads any file whatever its mode, so as root the child either becomes
    "nobody" (when nobody can run this interpreter at all: a pyenv under a
    private /root cannot be) or stays root without the capabilities that
    override file modes. Either way the kernel itself says EACCES.
    """
    demote: Callable[[], None] | None = None
    directory = tmp_path / "articles"
    if os.geteuid() == 0:
        if _nobody_can_run_newsdigest():
            demote = _become_nobody
            # pytest's temporary tree is private to root (0o700): nobody must
            # get as far as the file itself, so it lives in a directory of its own.
            directory = Path(tempfile.mkdtemp(prefix="newsdigest-perm-"))
        else:
            demote = modes_apply()
    directory.mkdir(exist_ok=True)
    directory.chmod(0o755)
    file = directory / "secret.txt"
    file.write_text("The council approved the budget on Monday. It takes effect in May.\n", encoding="utf-8")
    file.chmod(0o000)
    try:
        yield file, demote
    finally:
        file.chmod(0o600)
        if not directory.is_relative_to(tmp_path):
            shutil.rmtree(directory)


def test_permission_denied_through_the_cli(unreadable_file: tuple[Path, Callable[[], None] | None]) -> None:
    file, demote = unreadable_file
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("NEWSDIGEST_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-m", "newsdigest", "summarise", str(file)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd="/",
        env=env,
        timeout=60,
        check=False,
        preexec_fn=demote,
    )
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("Error:")
    assert "permission denied" in lines[0]
    assert str(file) in lines[0]
    assert done.returncode == 1
