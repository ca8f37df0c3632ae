"""Whether a file is one of our libraries (decided reading only), and new libraries made whole."""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
import stat
from pathlib import Path

from companion.library.connection import LibraryDatabase, connect_read_only
from companion.library.errors import (
    SQLITE_NOTADB,
    LibraryError,
    describe,
    describe_os_error,
    disk_is_full,
    sqlite_code,
)
from companion.library.migrations import APPLICATION_ID, FIRST_STEP, MIGRATIONS

NEW_FILE_MARK = ".new-"  # a library being made is named ".library.db.new-PID-XXXX" until it is whole


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """Names of our schema steps applied to the database of ``conn`` (none when it has no record)."""
    table = MIGRATIONS.migrations_table
    exists = conn.execute("select 1 from sqlite_master where type='table' and name=?", [table]).fetchone()
    if not exists:
        return []
    rows = conn.execute(
        f"select name from [{table}] where migration_set = ? order by rowid", [MIGRATIONS.name]
    )
    return [row[0] for row in rows]


def _not_ours(path: Path, why: str) -> LibraryError:
    return LibraryError(
        f"{path} is not a Podcast Companion library: {why}. It has not been changed. "
        "Choose another file with --library (or $COMPANION_LIBRARY)."
    )


def inspect_library(path: Path, timeout_ms: int) -> list[str] | None:
    """The schema steps applied to the library at ``path``, None when there is no file there.

    Decided before anything is written, through a read-only connection that changes no journal
    mode and leaves no file behind: anything that is not ours (another application's database,
    an empty file, a folder, a library of a newer version) is refused with a LibraryError.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            target = os.readlink(path)
            raise LibraryError(f"{path} is a link to a file that does not exist: {target}.") from None
        return None
    except OSError as exc:
        raise LibraryError(describe_os_error(exc, path)) from exc
    if stat.S_ISDIR(info.st_mode):
        raise LibraryError(f"{path} is a folder, not a library file. Choose a file with --library.")
    if not stat.S_ISREG(info.st_mode):
        raise _not_ours(path, "it is not a regular file")
    if info.st_size == 0:
        raise LibraryError(
            f"{path} is empty (0 bytes): it is not a Podcast Companion library, or it was one and has "
            "been emptied. It has not been changed. Restore it from a backup, or delete the empty file "
            "to start a new library there, or choose another file with --library."
        )
    try:
        conn = connect_read_only(path, timeout_ms)
    except sqlite3.Error as exc:
        raise LibraryError(describe(exc, path)) from exc
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        applied = applied_migrations(conn)
    except sqlite3.Error as exc:
        if sqlite_code(exc) == SQLITE_NOTADB:
            raise _not_ours(path, f"it is not an SQLite database (SQLite says: {exc})") from exc
        raise LibraryError(describe(exc, path)) from exc
    finally:
        conn.close()
    if app_id not in (0, APPLICATION_ID):
        raise _not_ours(path, f"it is the database of another application (application id {app_id:#010x})")
    if FIRST_STEP not in applied:  # libraries made before the application id had our schema steps
        if not tables:
            raise _not_ours(path, "it is an empty SQLite database that Podcast Companion did not make")
        shown = ", ".join(sorted(tables)[:6]) + (", …" if len(tables) > 6 else "")
        raise _not_ours(path, f"it is another application's SQLite database (tables: {shown})")
    known = {m.name for m in MIGRATIONS._migrations}
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise LibraryError(
            f"The library {path} was written by a newer version of Podcast Companion "
            f"(schema steps this version does not know: {', '.join(unknown)}). "
            "Update the app to open it; the file has not been changed."
        )
    return applied


def _remove_with_sidecars(path: Path) -> None:
    for name in (path.name, path.name + "-wal", path.name + "-shm", path.name + "-journal"):
        with contextlib.suppress(FileNotFoundError):
            path.with_name(name).unlink()


def remove_abandoned(path: Path) -> None:
    """Remove the half-made libraries beside ``path`` of processes that died while making one."""
    prefix = f".{path.name}{NEW_FILE_MARK}"
    for leftover in path.parent.glob(f"{prefix}*"):
        parts = leftover.name[len(prefix) :].split("-")
        if not parts[0].isdigit() or leftover.name.endswith(("-wal", "-shm", "-journal")):
            continue
        try:
            os.kill(int(parts[0]), 0)
            continue  # still being made
        except ProcessLookupError:
            _remove_with_sidecars(leftover)
        except OSError:
            continue


def create_library(path: Path, timeout_ms: int) -> None:
    """Make a new, fully migrated library at ``path``: built under a temporary name beside it and
    linked into place once whole, so a crash never leaves a half-made library (or an empty file)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_abandoned(path)
    except OSError as exc:
        raise LibraryError(describe_os_error(exc, path)) from exc
    temp = path.with_name(f".{path.name}{NEW_FILE_MARK}{os.getpid()}-{secrets.token_hex(4)}")
    try:
        conn = sqlite3.connect(str(temp), timeout=timeout_ms / 1000)
        db = LibraryDatabase(conn, temp, timeout_ms)
        try:
            with db.ensure_autocommit_on():
                db.execute("PRAGMA journal_mode=WAL")
            with db.atomic():
                MIGRATIONS.apply(db)
        finally:
            db.close()
        try:
            os.link(temp, path)  # never over a library another process made meanwhile
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(temp, path)
    except (LibraryError, sqlite3.Error, OSError) as exc:
        if disk_is_full(path):
            message = f"The disk holding {path} is full: a new library cannot be made there. Free some space."
        elif isinstance(exc, LibraryError):
            message = str(exc)
        elif isinstance(exc, sqlite3.Error):
            message = describe(exc, path)
        else:
            message = describe_os_error(exc, path)
        raise LibraryError(message.replace(str(temp), str(path))) from exc
    finally:
        _remove_with_sidecars(temp)
