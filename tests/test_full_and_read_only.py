"""Full and read-only disks: said plainly and where, the library kept as it was, read what can be read."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from disks import file_size_limit_here, fill, limit_file_size, read_only, remount, small_disk
from procs import companion_argv, program_env, run_companion
from PySide6.QtWidgets import QMessageBox

from companion.library import Library

BIG_NOTES = "".join(
    f"{m // 60:02d}:{m % 60:02d} 第{m}段 a long part about things 讨论与回顾\n" for m in range(3000)
)


def _feed(items: int) -> str:
    entries = "".join(
        f"<item><title>Fed {n}</title><guid>fed-{n}</guid>"
        f"<enclosure url='https://example.org/f{n}.mp3' length='1' type='audio/mpeg'/>"
        f"<description>{'notes that take room ' * 80} 00:00 开场 05:00 Part {n}</description></item>"
        for n in range(items)
    )
    return f"<rss version='2.0'><channel><title>Filler Cast</title>{entries}</channel></rss>"


def _make_library(path: Path) -> int:
    lib = Library(path)
    podcast = lib.add_podcast("Kept Cast", feed_url="https://example.org/kept.xml")
    episode = lib.add_episode(podcast.id, "Kept 1", notes="00:00 开场 01:00 Two", duration_ms=300_000)
    lib.add_episode(podcast.id, "Kept 2", duration_ms=300_000)
    lib.add_bookmark(episode.id, 30_000, note="a note of mine")
    lib.queue_add(episode.id)
    lib.close()
    return episode.id


def _state(path: Path) -> tuple:
    """What the listener has, read through a read-only connection, and the file's integrity."""
    wal = path.with_name(path.name + "-wal")
    whole = not wal.exists() or wal.stat().st_size == 0  # all in the main file: read it as it is
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro{'&immutable=1' if whole else ''}", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return (
            conn.execute("SELECT id, title, position_ms FROM episodes ORDER BY id").fetchall(),
            conn.execute("SELECT episode_id, position_ms, note FROM bookmarks ORDER BY id").fetchall(),
            conn.execute("SELECT episode_id FROM queue ORDER BY position").fetchall(),
        )
    finally:
        conn.close()


def _run(path: Path, *args: str, preexec=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        companion_argv(path, *args),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=program_env(),
        timeout=120,
        preexec_fn=preexec,
    )


def _assert_told_full(result: subprocess.CompletedProcess, path: Path, mounted: bool) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    if mounted:
        assert f"The disk holding {path} is full" in result.stderr
        assert "Free some space" in result.stderr
    else:  # a file size limit: SQLite only sees a failed write
        assert "I/O error" in result.stderr or "is full" in result.stderr


# ----- a full disk ------------------------------------------------------------------------


def test_a_disk_with_little_room_left_says_so_and_keeps_the_library(tmp_path: Path):
    notes = tmp_path / "notes.txt"
    notes.write_text(BIG_NOTES, encoding="utf-8")
    feed = tmp_path / "feed.xml"
    feed.write_text(_feed(400), encoding="utf-8")
    with small_disk(tmp_path / "disk", 3072) as disk:
        path = (disk or tmp_path) / "lib" / "library.db"
        episode_id = _make_library(path)
        before = _state(path)
        preexec = None
        if disk is not None:
            fill(disk, leave_kib=300)
        else:
            preexec = limit_file_size(path.stat().st_size + 100_000)

        added = _run(
            path,
            "add",
            "https://example.org/big.mp3",
            "--title",
            "Big notes",
            "--notes",
            str(notes),
            preexec=preexec,
        )
        _assert_told_full(added, path, disk is not None)
        subscribed = _run(path, "subscribe", str(feed), preexec=preexec)
        _assert_told_full(subscribed, path, disk is not None)
        assert _state(path) == before  # (only the planner's statistics may have been refreshed)
        listed = _run(path, "list", "--json", preexec=preexec)
        assert listed.returncode == 0, listed.stderr
        assert [e["title"] for e in json.loads(listed.stdout)] == ["Kept 2", "Kept 1"]
        bookmark = _run(path, "bookmark", str(episode_id), "--at", "0:40", preexec=preexec)
        assert bookmark.returncode == 0, bookmark.stderr  # a small write still fits


def test_a_full_disk_still_lists_and_every_write_says_it_is_full(tmp_path: Path):
    with small_disk(tmp_path / "disk", 2048) as disk:
        if disk is None:  # no tmpfs here: a file size limit as small as the library
            path = tmp_path / "lib" / "library.db"
            episode_id = _make_library(path)
            preexec = limit_file_size(path.stat().st_size)
        else:
            path = disk / "lib" / "library.db"
            episode_id = _make_library(path)
            filler = fill(disk, leave_kib=0)
            preexec = None
        before = _state(path)

        listed = _run(path, "list", preexec=preexec)
        assert listed.returncode == 0, listed.stderr
        assert "Kept 1" in listed.stdout and "Kept 2" in listed.stdout
        shown = _run(path, "show", str(episode_id), preexec=preexec)
        assert shown.returncode == 0 and "开场" in shown.stdout
        for args in (
            ("add", "https://example.org/a.mp3", "--title", "No room"),
            ("bookmark", str(episode_id), "--at", "10"),
            ("queue", "add", str(episode_id + 1)),
            ("star", str(episode_id)),
        ):
            _assert_told_full(_run(path, *args, preexec=preexec), path, disk is not None)
        assert _state(path) == before
        if disk is not None:  # room again: everything works as before
            filler.unlink()
            assert run_companion(path, "star", str(episode_id)).returncode == 0
            assert _state(path) == before


def test_a_new_library_on_a_full_disk(tmp_path: Path):
    with small_disk(tmp_path / "disk", 1024) as disk:
        if disk is None:
            path = tmp_path / "new" / "library.db"
            result = _run(path, "list", preexec=limit_file_size(1024))
        else:
            fill(disk, leave_kib=0)
            path = disk / "new" / "library.db"
            result = _run(path, "list")
        assert result.returncode == 1 and "Traceback" not in result.stderr
        if disk is not None:
            assert f"The disk holding {path} is full: a new library cannot be made there" in result.stderr
        assert list(path.parent.iterdir()) == []  # nothing half-made left behind


def test_the_window_on_a_full_disk_says_so_and_quits(make_window, tmp_path: Path, qtbot):
    feed = tmp_path / "feed.xml"
    feed.write_text(_feed(400), encoding="utf-8")
    with small_disk(tmp_path / "disk", 2048) as disk:
        path = (disk or tmp_path) / "lib" / "library.db"
        episode_id = _make_library(path)
        before = _state(path)
        lib = Library(path)
        app = make_window(lib)
        wal = path.with_name(path.name + "-wal")
        if disk is not None:
            fill(disk, leave_kib=0)
            full = contextlib.nullcontext()
        else:  # no tmpfs here: no file of this process may grow
            full = file_size_limit_here(max(path.stat().st_size, wal.stat().st_size) + 4096)
        with full:
            with qtbot.waitSignal(app.jobs.batch_finished, timeout=60_000) as finished:
                app.jobs.subscribe(str(feed))
            summary, failures, _ = finished.args
            assert "1 failed" in summary
            boxes = [b for b in app.window.findChildren(QMessageBox) if b.isVisible()]
            assert boxes and boxes[-1].informativeText() == failures[0]
            if disk is not None:
                assert f"The disk holding {path} is full" in failures[0]
            app.controller.cue_episode(episode_id)
            app.shutdown()  # every step of quitting runs
        assert not lib.is_open and app.controller._shut_down
    if disk is None:
        assert _state(path) == before


# ----- read-only disks, files and folders -------------------------------------------------


def _read_only_checks(path: Path, episode_id: int, reason: str) -> None:
    before = _state(path)
    names = sorted(p.name for p in path.parent.iterdir())
    bytes_before = path.read_bytes()
    for args, expected in (
        (("list",), "Kept 1"),
        (("show", str(episode_id)), "开场"),
        (("bookmarks",), "a note of mine"),
        (("queue",), "Kept 1"),
        (("search", "Kept"), "Kept 2"),
    ):
        result = run_companion(path, *args)
        assert result.returncode == 0, (args, result.stderr)
        assert expected in result.stdout and result.stderr == ""
    for args in (
        ("add", "https://example.org/a.mp3", "--title", "Not saved"),
        ("bookmark", str(episode_id), "--at", "10"),
        ("queue", "add", str(episode_id + 1)),
        ("star", str(episode_id)),
        ("bookmarks", "delete", "1"),
    ):
        result = run_companion(path, *args)
        assert result.returncode == 1, (args, result.stdout)
        assert "Traceback" not in result.stderr
        assert f"The library {path} is read-only ({reason}): the change was not saved." in result.stderr
    assert _state(path) == before
    assert path.read_bytes() == bytes_before
    assert sorted(p.name for p in path.parent.iterdir()) == names  # no -wal or -shm appeared


def test_a_read_only_disk_is_read_and_writes_say_why(tmp_path: Path):
    with small_disk(tmp_path / "disk", 2048) as disk:
        if disk is None:  # without a mount: a folder nobody may write
            path = tmp_path / "lib" / "library.db"
            episode_id = _make_library(path)
            with read_only(path.parent):
                _read_only_checks(path, episode_id, f"its folder {path.parent} cannot be written")
            return
        path = disk / "lib" / "library.db"
        episode_id = _make_library(path)
        remount(disk, "ro")
        try:
            _read_only_checks(path, episode_id, "it is on a read-only disk")
        finally:
            remount(disk, "rw")


def test_a_read_only_file_is_read_and_writes_say_why(library_path: Path):
    episode_id = _make_library(library_path)
    with read_only(library_path):
        _read_only_checks(library_path, episode_id, "the file cannot be written")


def test_a_read_only_folder_is_read_and_writes_say_why(library_path: Path):
    episode_id = _make_library(library_path)
    with read_only(library_path.parent):
        _read_only_checks(library_path, episode_id, f"its folder {library_path.parent} cannot be written")


def test_the_window_on_a_read_only_library_reads_says_and_quits(make_window, library_path: Path, qtbot):
    episode_id = _make_library(library_path)
    with read_only(library_path):
        lib = Library(library_path)
        app = make_window(lib)
        assert "is read-only" in app.window.statusBar().currentMessage()
        assert app.window.episode_model.rowCount() == 2
        app.window.add_to_queue(episode_id + 1)
        assert "the change was not saved" in app.window.statusBar().currentMessage()
        app.controller.cue_episode(episode_id)
        app.controller.seek(20_000)
        app.shutdown()  # every step of quitting runs, none of them raises
        assert not lib.is_open
        assert app.controller._shut_down
        assert lib.read_only == "the file cannot be written"
    assert _state(library_path)[2] == [(episode_id,)]


def test_a_write_error_escaping_a_slot_is_shown_in_the_window(make_window, library_path: Path, qtbot, capsys):
    """The app's last resort: a LibraryError no one caught (a write made by the player, say) is shown
    in the status bar and told on stderr in one line, never as a traceback. (The player's own writes
    are caught where they are made: tests/test_playback_edges.py.)"""
    from PySide6.QtCore import QTimer

    from companion.app import install_library_error_hook

    episode_id = _make_library(library_path)
    with read_only(library_path):
        lib = Library(library_path)
        app = make_window(lib)
        previous = install_library_error_hook(app.window)
        try:
            QTimer.singleShot(0, lambda: app.library.set_played(episode_id, True))  # a slot that fails
            qtbot.waitUntil(lambda: "the change was not saved" in app.window.statusBar().currentMessage())
        finally:
            sys.excepthook = previous
        app.shutdown()
    err = capsys.readouterr().err
    assert "Traceback" not in err and f"companion: The library {library_path} is read-only" in err
