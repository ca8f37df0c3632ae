"""The library's SQLite connection: every write transaction takes the write lock first (BEGIN IMMEDIATE)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Generator
from pathlib import Path

from sqlite_utils import Database

from companion.library.errors import is_disk_condition, library_error

ENV_BUSY_TIMEOUT = "COMPANION_BUSY_TIMEOUT_MS"
DEFAULT_BUSY_TIMEOUT_MS = 30_000  # a command waits this long for the window's write to finish


def busy_timeout_ms(default: int | None = None) -> int:
    """How long a write waits for another one to finish: ``$COMPANION_BUSY_TIMEOUT_MS`` or ``default``."""
    text = os.environ.get(ENV_BUSY_TIMEOUT, "").strip()
    if text.isdigit():
        return int(text)
    return DEFAULT_BUSY_TIMEOUT_MS if default is None else int(default)


class LibraryDatabase(Database):
    """A sqlite-utils Database whose transactions start with BEGIN IMMEDIATE.

    A deferred BEGIN takes the write lock at the first write, after its reads: if another process
    wrote meanwhile, SQLite answers "database is locked" at once, without waiting out the busy
    timeout. BEGIN IMMEDIATE waits its turn for the lock (the busy timeout) and then reads and
    writes the latest state. SQLite errors of the file or the disk come out as LibraryError.
    """

    def __init__(
        self, conn: sqlite3.Connection, path: Path, timeout_ms: int, read_only: str | None = None
    ) -> None:
        conn.isolation_level = "IMMEDIATE"  # the driver's implicit transactions, too
        super().__init__(conn, execute_plugins=False)
        self.path = path
        self.timeout_ms = timeout_ms
        self.read_only = read_only  # why the library was opened read-only, or None

    @contextlib.contextmanager
    def atomic(self) -> Generator[Database, None, None]:
        """One write transaction (a savepoint when one is open); disk and lock errors as LibraryError."""
        try:
            if self.conn.in_transaction:
                with super().atomic():
                    yield self
                return
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self
            except BaseException:
                self.rollback()
                raise
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                self.rollback()
                raise
        except sqlite3.Error as exc:
            if not is_disk_condition(exc):
                raise
            raise library_error(exc, self.path, self.timeout_ms, self.read_only) from exc

    def begin(self) -> None:
        """Start a transaction that holds the write lock (see atomic)."""
        self.conn.execute("BEGIN IMMEDIATE")


def connect_read_write(path: Path, timeout_ms: int) -> sqlite3.Connection:
    """A read-write connection to the library file at ``path`` (which must exist)."""
    uri = path.resolve().as_uri() + "?mode=rw"  # a URI: '#' or '?' in the path cannot mislead SQLite
    return sqlite3.connect(uri, uri=True, timeout=timeout_ms / 1000)


def connect_read_only(path: Path, timeout_ms: int) -> sqlite3.Connection:
    """A connection that cannot write and creates no file: without a -wal file (or with an empty one)
    everything is in the main file, read as immutable (else SQLite would create -wal and -shm files
    beside it, or need to write the -shm)."""
    wal = path.with_name(path.name + "-wal")
    try:
        in_wal = wal.stat().st_size > 0
    except OSError:
        in_wal = False
    query = "?mode=ro" if in_wal else "?mode=ro&immutable=1"
    return sqlite3.connect(path.resolve().as_uri() + query, uri=True, timeout=timeout_ms / 1000)
