"""Foreign and broken library files are refused untouched: byte for byte, mtime, and no -wal or -shm."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from procs import run_companion

from companion.library import Library, LibraryError
from companion.library.migrations import APPLICATION_ID


def _snapshot(path: Path) -> tuple[bytes, int, list[str]]:
    return path.read_bytes(), path.stat().st_mtime_ns, sorted(p.name for p in path.parent.iterdir())


def _other_apps_notes(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
        CREATE TABLE tags (note_id INTEGER, tag TEXT);
        INSERT INTO notes (body) VALUES ('shopping list'), ('call the plumber');
        """
    )
    conn.close()


def _other_apps_podcasts(path: Path) -> None:
    """Another podcast app's database: its own podcasts table, in WAL mode."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.executescript(
        """
        CREATE TABLE podcasts (uuid TEXT PRIMARY KEY, name TEXT);
        INSERT INTO podcasts VALUES ('a1', 'Their podcast');
        """
    )
    conn.close()  # the last connection: the -wal is checkpointed and removed


def _with_application_id(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {0x47504B47}")  # "GPKG": a GeoPackage
    conn.execute("CREATE TABLE gpkg_contents (table_name TEXT)")
    conn.commit()
    conn.close()


def _empty_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 0")
    conn.execute("VACUUM")  # writes the header page: a valid, empty database
    conn.close()


def _zero_length(path: Path) -> None:
    path.write_bytes(b"")


def _not_sqlite(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)


def _half_a_library(path: Path) -> None:
    """A library's file cut short: the header of an SQLite file, then nothing."""
    Library(path).close()
    data = path.read_bytes()
    path.write_bytes(data[:100])


CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "another app's database": (
        _other_apps_notes,
        "another application's SQLite database (tables: notes, tags)",
    ),
    "another podcast app": (_other_apps_podcasts, "another application's SQLite database (tables: podcasts)"),
    "an application id": (
        _with_application_id,
        "database of another application (application id 0x47504b47)",
    ),
    "an empty SQLite database": (
        _empty_sqlite,
        "an empty SQLite database that Podcast Companion did not make",
    ),
    "a zero-length file": (_zero_length, "is empty (0 bytes)"),
    "not SQLite at all": (_not_sqlite, "is not a Podcast Companion library"),
    "a library cut short": (_half_a_library, "is damaged"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_file_that_is_not_ours_is_refused_untouched(library_path: Path, case: str):
    make, expected = CASES[case]
    make(library_path)
    before = _snapshot(library_path)

    with pytest.raises(LibraryError) as info:
        Library(library_path)

    message = str(info.value)
    assert expected in message
    assert str(library_path) in message
    assert "Traceback" not in message
    assert _snapshot(library_path) == before  # same bytes, same mtime, no -wal, -shm or journal


@pytest.mark.parametrize("case", ["another podcast app", "a zero-length file"])
def test_the_command_refuses_a_foreign_file_with_a_message(library_path: Path, case: str):
    make, expected = CASES[case]
    make(library_path)
    before = _snapshot(library_path)
    for args in (["list"], ["add", "https://example.org/a.mp3", "--title", "T"], ["queue", "add", "1"]):
        result = run_companion(library_path, *args)
        assert result.returncode == 1
        assert result.stdout == ""
        assert expected in result.stderr and "Traceback" not in result.stderr
        assert result.stderr.startswith(f"companion: {library_path}")
    assert _snapshot(library_path) == before


def test_zero_length_message_says_what_to_do(library_path: Path):
    library_path.touch()
    with pytest.raises(LibraryError) as info:
        Library(library_path)
    assert "Restore it from a backup, or delete the empty file" in str(info.value)
    assert library_path.stat().st_size == 0


def test_a_folder_is_not_a_library(tmp_path: Path):
    (tmp_path / "library.db").mkdir()
    with pytest.raises(LibraryError, match="is a folder"):
        Library(tmp_path / "library.db")
    assert list((tmp_path / "library.db").iterdir()) == []


def test_a_new_library_is_marked_ours(library_path: Path):
    Library(library_path).close()
    conn = sqlite3.connect(f"{library_path.as_uri()}?mode=ro", uri=True)
    assert conn.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    conn.close()


def test_a_library_from_before_the_mark_is_still_ours_and_gets_it(library_path: Path):
    lib = Library(library_path)
    lib.add_episode(lib.add_podcast("Old").id, "Kept", notes="00:00 a 01:00 b")
    lib.close()
    conn = sqlite3.connect(library_path)  # as the version before the mark left it
    conn.execute("PRAGMA application_id = 0")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm009_application_id'")
    conn.commit()
    conn.close()

    lib = Library(library_path)
    try:
        assert [e.title for e in lib.episodes()] == ["Kept"]
        assert lib.db.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    finally:
        lib.close()


def test_a_new_library_appears_whole_and_leaves_nothing_beside_it(tmp_path: Path):
    folder = tmp_path / "data"
    path = folder / "library.db"
    # what a process killed while making a library left: its half-made file under a temporary name
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    leftover = folder / f".library.db.new-{dead.stdout.strip()}-0badf00d"
    folder.mkdir()
    leftover.write_bytes(b"SQLite format 3\x00 half made")
    leftover.with_name(leftover.name + "-wal").write_bytes(b"wal")

    Library(path).close()

    assert sorted(p.name for p in folder.iterdir()) == ["library.db"]
    lib = Library(path)
    assert lib.is_empty()
    lib.close()


def test_a_damaged_library_is_told_not_a_traceback(library_path: Path):
    lib = Library(library_path)
    podcast = lib.add_podcast("Cast")
    for n in range(300):
        lib.add_episode(podcast.id, f"Episode {n}", notes="words " * 100)
    lib.close()
    conn = sqlite3.connect(library_path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'episodes'").fetchone()[0]
    conn.close()
    data = bytearray(library_path.read_bytes())
    page = root + 5  # a page of episode rows, past the schema the opening reads
    data[(page - 1) * 4096 : page * 4096] = b"\xff" * 4096
    library_path.write_bytes(bytes(data))

    result = run_companion(library_path, "show", "5")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"The library {library_path} is damaged" in result.stderr
    assert "Restore it from a backup" in result.stderr
