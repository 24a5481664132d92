"""The briefing's SQLite store: where it lives, what it refuses, and two runs writing at once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdigest.briefing.store import Document, Store, StoreError, default_path
from newsdigest.cli import app

runner = CliRunner()


def _document(url: str, body: bytes = b"<rss/>") -> Document:
    return Document(url, url, "application/rss+xml", None, '"v1"', None, None, time.time(), body)


def test_the_default_place_follows_the_platform_convention(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("NEWSDIGEST_STORE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert default_path() == tmp_path / "xdg" / "newsdigest" / "brief.sqlite3"
        monkeypatch.delenv("XDG_CACHE_HOME")
        monkeypatch.setenv("HOME", str(tmp_path / "home"))
        assert default_path() == tmp_path / "home" / ".cache" / "newsdigest" / "brief.sqlite3"
    monkeypatch.setenv("NEWSDIGEST_STORE", str(tmp_path / "mine.db"))
    assert default_path() == tmp_path / "mine.db"


def test_documents_and_shown_items_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "store.db"
    with Store(path) as store:
        store.save(_document("https://x.example/feed", b"body"))
        store.mark_shown(["one", "two"])
    with Store(path) as store:
        found = store.document("https://x.example/feed")
        assert found is not None
        assert found.body == b"body"
        assert found.etag == '"v1"'
        assert store.shown(["one", "three"]) == {"one"}
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_file_that_is_not_sqlite_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    path.write_bytes(b"this is not a database\n" * 100)
    with pytest.raises(StoreError, match="not a newsdigest store"):
        Store(path)
    assert path.read_bytes() == b"this is not a database\n" * 100  # left as it was
    result = runner.invoke(app, ["brief", "--store", str(path), str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"Error: {path}: not a newsdigest store")


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE accounts (name TEXT)")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="another program"):
        Store(path)
    assert path.read_bytes() == before


def test_a_truncated_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    with Store(path) as store:
        for n in range(200):
            store.save(_document(f"https://x.example/{n}", b"x" * 2000))
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\x00" * 50 + data[150 : len(data) // 3])
    with pytest.raises(StoreError):
        _read_all(path)


def _read_all(path: Path) -> None:
    with Store(path) as store:
        for n in range(200):
            store.document(f"https://x.example/{n}")


_WRITER = """
import sys, time
from newsdigest.briefing.store import Document, Store
path, name = sys.argv[1], sys.argv[2]
with Store(path) as store:
    for n in range(150):
        url = f"https://{name}.example/{n}"
        store.save(Document(url, url, None, None, None, None, None, time.time(), name.encode() * 500))
        store.mark_shown([f"{name}-{n}"])
"""


def test_two_processes_writing_at_once_leave_a_sound_store(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    Store(path).close()
    writers = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(path), name], stderr=subprocess.PIPE)
        for name in ("first", "second")
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err.decode()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 300
        assert db.execute("SELECT COUNT(*) FROM shown").fetchone()[0] == 300
    with Store(path) as store:
        document = store.document("https://second.example/149")
        assert document is not None
        assert document.body == b"second" * 500
