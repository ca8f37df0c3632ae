"""LibraryError, and SQLite and OS errors told as what is wrong and where (full disk, lock, read-only)."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from companion.i18n import Tr

# SQLite's primary result codes (the low byte of an extended code)
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_NOMEM = 7
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26
DISK_CONDITIONS = frozenset(
    {SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_NOMEM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT}
    | {SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB}
)
LOW_SPACE_BYTES = 1024 * 1024  # an I/O error with less than this left is taken as a full disk
DISK_FULL = "the disk holding it is full"  # why a library was opened read-only


class LibraryError(Exception):
    """A library problem, with a message a person can act on."""


class Told:
    """The context of the messages below (``Told.tr``): what a person is told, in their language."""

    tr = Tr()


def sqlite_code(exc: BaseException) -> int | None:
    """The primary SQLite result code of ``exc`` (None when it is not an SQLite error)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        text = str(exc).lower()  # errors raised before SQLite gave a code (or by an older Python)
        for needle, value in (
            ("database is locked", SQLITE_BUSY),
            ("disk is full", SQLITE_FULL),
            ("readonly database", SQLITE_READONLY),
            ("disk i/o error", SQLITE_IOERR),
            ("file is not a database", SQLITE_NOTADB),
            ("malformed", SQLITE_CORRUPT),
            ("unable to open", SQLITE_CANTOPEN),
        ):
            if needle in text:
                return value
        return None
    return int(code) & 0xFF


def is_disk_condition(exc: BaseException) -> bool:
    """True for an SQLite error that comes from the file or the disk, not from a wrong statement."""
    return isinstance(exc, sqlite3.Error) and sqlite_code(exc) in DISK_CONDITIONS


def disk_is_full(path: Path) -> bool:
    """True when the disk holding ``path`` has (almost) no space left for us."""
    folder = Path(path).parent
    try:
        stat = os.statvfs(folder)
    except OSError:
        return False
    return stat.f_bavail * stat.f_frsize < LOW_SPACE_BYTES


def full_message(path: Path) -> str:
    """The message for a full disk."""
    return Told.tr(
        "The disk holding {path} is full: the change was not saved and the library is as it was."
        " Free some space and try again."
    ).format(path=path)


def describe(
    exc: BaseException, path: Path, busy_timeout_ms: int | None = None, read_only: str | None = None
) -> str:
    """What a person is told about ``exc`` met while using the library at ``path`` (``read_only``:
    why the library was opened read-only, if it was)."""
    if isinstance(exc, OSError) and not isinstance(exc, sqlite3.Error):
        return describe_os_error(exc, path)
    code = sqlite_code(exc)
    said = Told.tr("SQLite says: {error}").format(error=exc)
    if code == SQLITE_FULL or (code == SQLITE_IOERR and disk_is_full(path)) or read_only == DISK_FULL:
        return full_message(path)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        waited = (
            Told.tr(" for {seconds} s").format(seconds=f"{busy_timeout_ms / 1000:g}")
            if busy_timeout_ms
            else ""
        )
        return Told.tr(
            "The library {path} is busy: another program (the window, or another companion command) kept it"
            " locked{waited}, so the change was not saved. Try again once it is done."
        ).format(path=path, waited=waited)
    if code == SQLITE_READONLY:
        why = read_only or said
        return Told.tr("The library {path} is read-only ({why}): the change was not saved.").format(
            path=path, why=why
        )
    if code == SQLITE_IOERR:
        failed = Told.tr(
            "Reading or writing the library {path} failed: the disk reports an I/O error ({said})."
        )
        return failed.format(path=path, said=said)
    if code == SQLITE_CORRUPT:
        damaged = Told.tr(
            "The library {path} is damaged ({said}). Restore it from a backup, or choose another file."
        )
        return damaged.format(path=path, said=said)
    if code == SQLITE_NOTADB:
        other = Told.tr(
            "{path} is not a Podcast Companion library ({said}). Choose another file with --library."
        )
        return other.format(path=path, said=said)
    if code == SQLITE_NOMEM:
        return Told.tr("Out of memory while using the library {path}.").format(path=path)
    return Told.tr("Cannot use the library {path} ({said}).").format(path=path, said=said)


def describe_os_error(exc: OSError, path: Path) -> str:
    """What a person is told about an OS error met while creating or opening the library."""
    where = exc.filename or path
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return full_message(Path(where))
    if exc.errno == errno.EROFS:
        return Told.tr("Cannot write {path}: it is on a read-only disk.").format(path=where)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Told.tr("Cannot write {path}: permission denied.").format(path=where)
    return Told.tr("Cannot use the library {path}: {reason} ({where}).").format(
        path=path, reason=exc.strerror or exc, where=where
    )


def library_error(
    exc: BaseException, path: Path, busy_timeout_ms: int | None = None, read_only: str | None = None
) -> LibraryError:
    """``exc`` as a LibraryError whose message says what is wrong and where."""
    error = LibraryError(describe(exc, path, busy_timeout_ms, read_only))
    error.__cause__ = exc
    return error
