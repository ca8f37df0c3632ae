"""Open a library file: location, read-only or read-write, pragmas and migrations."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import platformdirs

from companion.library.connection import (
    LibraryDatabase,
    busy_timeout_ms,
    connect_read_only,
    connect_read_write,
)
from companion.library.errors import DISK_FULL, LibraryError, describe, describe_os_error, disk_is_full
from companion.library.migrations import MIGRATIONS, READ_COMPATIBLE_STEPS
from companion.library.opening import create_library, inspect_library, remove_abandoned

__all__ = ["LibraryError", "bulk_cache", "default_library_path", "media_dir", "open_database"]

APP_NAME = "podcast-companion"
ENV_LIBRARY = "COMPANION_LIBRARY"


def default_library_path() -> Path:
    """The library file: ``$COMPANION_LIBRARY`` or ``library.db`` in the user data dir."""
    env = os.environ.get(ENV_LIBRARY)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "library.db"


def media_dir(library_path: Path) -> Path:
    """Where downloads and generated audio for this library live (beside the file)."""
    return Path(library_path).expanduser().resolve().parent / "media"


LIBRARY_FILE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def library_files(library_path: Path | str) -> list[Path]:
    """The files SQLite keeps for a library: the database, its WAL, shared memory and journal."""
    path = Path(library_path).expanduser()
    return [path.with_name(path.name + suffix) for suffix in LIBRARY_FILE_SUFFIXES]


def is_library_file(library_path: Path | str, path: Path | str) -> bool:
    """True when ``path`` is one of the library's files, by name, symlink or hard link.

    Only ``stat`` is used: nothing is opened (opening and closing one of them drops SQLite's locks).
    """
    candidate = Path(path).expanduser()
    try:
        seen = os.stat(candidate)
    except (OSError, ValueError):
        seen = None
    real = os.path.realpath(candidate)
    for own in library_files(library_path):
        if os.path.realpath(own) == real:
            return True
        if seen is not None:
            try:
                mine = os.stat(own)
            except OSError:
                continue
            if (mine.st_dev, mine.st_ino) == (seen.st_dev, seen.st_ino):
                return True
    return False


def read_only_reason(path: Path) -> str | None:
    """Why the library at ``path`` can only be read (a read-only disk, file or folder), or None."""
    folder = path.parent
    for target, what in ((path, "the file"), (folder, f"its folder {folder}")):
        if os.access(target, os.W_OK):
            continue
        try:
            on_read_only_disk = bool(os.statvfs(target).f_flag & os.ST_RDONLY)
        except OSError:
            on_read_only_disk = False
        return "it is on a read-only disk" if on_read_only_disk else f"{what} cannot be written"
    for suffix in ("-wal", "-shm"):
        sidecar = path.with_name(path.name + suffix)
        if sidecar.exists() and not os.access(sidecar, os.W_OK):
            return f"{sidecar.name} beside it cannot be written"
    return None


def open_database(path: Path | str, timeout_ms: int | None = None) -> LibraryDatabase:
    """Open the library at ``path``, creating it if there is none, migrated to this version.

    A file that is not ours is refused untouched. A library that cannot be written (a read-only
    disk, file or folder, or a disk too full to open it for writing) is opened read-only: it can
    be read, and every write says why it failed.
    """
    path = Path(path).expanduser()
    timeout_ms = busy_timeout_ms(timeout_ms)
    applied = inspect_library(path, timeout_ms)
    if applied is None:
        create_library(path, timeout_ms)
        applied = [m.name for m in MIGRATIONS._migrations]
    pending = [m.name for m in MIGRATIONS._migrations if m.name not in applied]
    reason = read_only_reason(path)
    if not reason:
        with contextlib.suppress(OSError):
            remove_abandoned(path)  # killed after the new library was in place, before tidying up
        try:
            return _connect(path, timeout_ms, None, pending)
        except LibraryError:
            if not disk_is_full(path):
                raise
            reason = DISK_FULL
    if set(pending) - READ_COMPATIBLE_STEPS:
        raise LibraryError(
            f"The library {path} needs an update to its schema, but {reason}: open it once where it "
            "can be written. It has not been changed."
        )
    return _connect(path, timeout_ms, reason, [])


def _connect(path: Path, timeout_ms: int, read_only: str | None, pending: list[str]) -> LibraryDatabase:
    """The connection to the library: read-only (for ``read_only``'s reason) or read-write with the
    ``pending`` schema steps applied."""
    try:
        conn = connect_read_only(path, timeout_ms) if read_only else connect_read_write(path, timeout_ms)
        db = LibraryDatabase(conn, path, timeout_ms, read_only)
    except sqlite3.Error as exc:
        raise LibraryError(describe(exc, path, timeout_ms, read_only)) from exc
    try:
        db.execute("PRAGMA foreign_keys=ON")
        db.execute(f"PRAGMA busy_timeout={int(timeout_ms)}")
        if not read_only:
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                with db.ensure_autocommit_on():
                    db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            if pending:
                with db.atomic():  # the steps still pending once the write lock is ours
                    MIGRATIONS.apply(db)
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the schema can be read
    except LibraryError:
        db.close()
        raise
    except sqlite3.Error as exc:
        db.close()
        raise LibraryError(describe(exc, path, timeout_ms, read_only)) from exc
    except OSError as exc:
        db.close()
        raise LibraryError(describe_os_error(exc, path)) from exc
    return db


BULK_CACHE_KIB = 64 * 1024


@contextlib.contextmanager
def bulk_cache(conn: sqlite3.Connection, kib: int = BULK_CACHE_KIB) -> Iterator[None]:
    """A larger page cache for one big write (a feed of thousands of episodes), given back after.

    With the default 2 MB, a transaction that writes tens of MB of rows and search index pages
    spills pages to the WAL and reads them back while the index merges; the cache only grows as
    it is used and shrinking it again frees the pages.
    """
    before = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(before)}")
