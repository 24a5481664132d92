"""The briefing's memory: fetched feeds and pages (with their validators), and the items already shown.

One SQLite file (standard library), by default ``newsdigest/brief.sqlite3``
in the user's cache directory: ``$XDG_CACHE_HOME`` or ``~/.cache`` on Linux
and other Unix systems, ``~/Library/Caches`` on macOS, ``%LOCALAPPDATA%`` on
Windows; ``$NEWSDIGEST_STORE`` or ``--store`` name another file.

Runs at the same time share it safely: the file is in WAL mode (readers do
not block the writer), every change is one short transaction, and a writer
waits up to :data:`BUSY_SECONDS` for another. A file that is not SQLite, or
an SQLite file that is not a newsdigest store, is refused with a one-line
:class:`StoreError` and left untouched.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from newsdigest.errors import InputError

#: The store's ``application_id`` (SQLite header bytes 68-71): "ndbr".
APPLICATION_ID = 0x6E646272
SCHEMA = 1
BUSY_SECONDS = 30.0
ENV = "NEWSDIGEST_STORE"

_TABLES = """
CREATE TABLE IF NOT EXISTS documents (
    url TEXT PRIMARY KEY,
    final_url TEXT NOT NULL,
    content_type TEXT,
    charset TEXT,
    etag TEXT,
    last_modified TEXT,
    max_age INTEGER,
    checked REAL NOT NULL,
    body BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS shown (
    item TEXT PRIMARY KEY,
    first_shown REAL NOT NULL
);
"""


class StoreError(InputError):
    """The store file cannot be used: not SQLite, not ours, or not writable (exit code 1)."""


@dataclass(frozen=True)
class Document:
    """A stored copy of a feed or page."""

    url: str
    final_url: str
    content_type: str | None
    charset: str | None
    etag: str | None
    last_modified: str | None
    max_age: int | None
    checked: float
    body: bytes


def default_path() -> Path:
    """Where the store lives unless told otherwise (see the module docstring)."""
    if named := os.environ.get(ENV):
        return Path(named)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "newsdigest" / "brief.sqlite3"


class Store:
    """An open store; use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc})") from None
        try:
            self._prepare()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise StoreError(
                f"{self.path}: not a newsdigest store ({exc}); give another --store or remove the file"
            ) from None

    def _prepare(self) -> None:
        db = self._db
        application_id = db.execute("PRAGMA application_id").fetchone()[0]
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if application_id not in (0, APPLICATION_ID) or (application_id == 0 and tables):
            raise sqlite3.DatabaseError("an SQLite file of another program")
        if application_id == APPLICATION_ID:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA:
                raise sqlite3.DatabaseError(f"written by a newer newsdigest, schema {version}")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        with self._transaction():
            # executescript() would commit first: one statement at a time keeps this one transaction.
            for statement in (f"PRAGMA application_id = {APPLICATION_ID}", f"PRAGMA user_version = {SCHEMA}"):
                db.execute(statement)
            for statement in _TABLES.split(";"):
                if statement.strip():
                    db.execute(statement)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (BEGIN IMMEDIATE), so two runs never interleave a change."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot write the store ({exc})") from None

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        try:
            yield self._db
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: the store is damaged ({exc}); remove the file to start afresh") from None

    def document(self, url: str) -> Document | None:
        with self._reading() as db:
            row = db.execute(
                "SELECT url, final_url, content_type, charset, etag, last_modified, max_age, checked, body"
                " FROM documents WHERE url = ?",
                (url,),
            ).fetchone()
        return Document(*row) if row else None

    def save(self, document: Document) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    document.url,
                    document.final_url,
                    document.content_type,
                    document.charset,
                    document.etag,
                    document.last_modified,
                    document.max_age,
                    document.checked,
                    document.body,
                ),
            )

    def touch(self, url: str, checked: float, max_age: int | None) -> None:
        """The copy of ``url`` was revalidated (304) at ``checked``."""
        with self._transaction() as db:
            db.execute(
                "UPDATE documents SET checked = ?, max_age = COALESCE(?, max_age) WHERE url = ?",
                (checked, max_age, url),
            )

    def shown(self, items: Iterable[str]) -> set[str]:
        """Which of ``items`` were shown by an earlier run."""
        wanted = list(items)
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            with self._reading() as db:
                found.update(row[0] for row in db.execute(f"SELECT item FROM shown WHERE item IN ({marks})", chunk))
        return found

    def mark_shown(self, items: Iterable[str]) -> None:
        now = time.time()
        with self._transaction() as db:
            db.executemany("INSERT OR IGNORE INTO shown VALUES (?, ?)", ((item, now) for item in items))

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
