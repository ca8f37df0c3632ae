"""Open a library file: location, pragmas, schema checks and migrations."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import platformdirs
from sqlite_utils import Database

from companion.library.migrations import MIGRATIONS

APP_NAME = "podcast-companion"
ENV_LIBRARY = "COMPANION_LIBRARY"


class LibraryError(Exception):
    """A library problem, with a message a person can act on."""


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


def _applied_migrations(conn: sqlite3.Connection) -> list[str]:
    table = MIGRATIONS.migrations_table
    exists = conn.execute("select 1 from sqlite_master where type='table' and name=?", [table]).fetchone()
    if not exists:
        return []
    rows = conn.execute(
        f"select name from [{table}] where migration_set = ? order by rowid", [MIGRATIONS.name]
    )
    return [row[0] for row in rows]


def check_schema(path: Path) -> None:
    """Refuse, without writing anything, a file that is not a library or is newer than this app."""
    if not path.exists():
        return
    # A proper file: URI, so '#' or '?' in the path cannot point SQLite at another file. Without a -wal
    # file everything is in the main file: read it as immutable, or SQLite creates -wal and -shm files.
    wal = path.with_name(path.name + "-wal")
    uri = path.resolve().as_uri() + ("?mode=ro" if wal.exists() else "?mode=ro&immutable=1")
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise LibraryError(f"Cannot open the library {path}: {exc}") from exc
    try:
        applied = _applied_migrations(conn)
    except sqlite3.DatabaseError as exc:
        raise LibraryError(
            f"{path} is not a Podcast Companion library (SQLite says: {exc}). "
            "Choose another file with --library."
        ) from exc
    finally:
        conn.close()
    known = {m.name for m in MIGRATIONS._migrations}
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise LibraryError(
            f"The library {path} was written by a newer version of Podcast Companion "
            f"(schema steps this version does not know: {', '.join(unknown)}). "
            "Update the app to open it; the file has not been changed."
        )


def open_database(path: Path | str) -> Database:
    """Open (creating if needed) and migrate the library at ``path``."""
    path = Path(path).expanduser()
    check_schema(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = Database(path, execute_plugins=False)
        with db.ensure_autocommit_on():
            db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA busy_timeout=5000")
        db.execute("PRAGMA synchronous=NORMAL")
        MIGRATIONS.apply(db)
    except (OSError, sqlite3.Error) as exc:
        raise LibraryError(f"Cannot open the library {path}: {exc}") from exc
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
