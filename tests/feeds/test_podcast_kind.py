"""What a podcast is (a feed, the local podcast, the demo) is a column: the demo and the local podcast are
never fetched, refreshed or exported, from the command or the window, in a new library or an old one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from sqlite_utils import Database

from companion.cli.main import main
from companion.domain import PodcastKind
from companion.feeds import parse_opml
from companion.library import Library
from companion.library.migrations import MIGRATIONS
from companion.services.demo import ensure_demo
from companion.ui.dialogs.files import FileDialog


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def fresh_install(path: Path, audio: Path | None = None) -> None:
    """A library as the first launch leaves it: the demo, and (if given) one episode added by hand."""
    library = Library(path)
    try:
        assert ensure_demo(library) is not None
        if audio is not None:
            library.add_episode(library.local_podcast().id, "Mine", audio_path=str(audio))
    finally:
        library.close()


def test_an_old_librarys_pseudo_addresses_become_kinds(capsys, tmp_path):
    path = tmp_path / "old.db"
    db = Database(path)
    MIGRATIONS.apply(db, stop_before="m011_podcast_kind")
    db.execute(
        "INSERT INTO podcasts (id, title, feed_url) VALUES (1, 'Local', 'companion:local'),"
        " (2, 'Companion Demo', 'companion:demo'), (3, 'Cast', 'https://example.org/feed')"
    )
    db.conn.commit()
    db.close()
    library = Library(path)
    try:
        rows = library.db.conn.execute(
            "SELECT id, title, feed_url, kind FROM podcasts ORDER BY id"
        ).fetchall()
        assert rows == [
            (1, "Local", None, "local"),
            (2, "Companion Demo", None, "demo"),
            (3, "Cast", "https://example.org/feed", "feed"),
        ]
        assert [p.id for p in library.subscriptions()] == [3]
        assert library.local_podcast().id == 1  # the same podcast, found by its kind
        assert library.podcast_of_kind(PodcastKind.DEMO).id == 2
    finally:
        library.close()
    # at most one local podcast: the schema says so
    conn = sqlite3.connect(path)
    try:
        try:
            conn.execute("INSERT INTO podcasts (title, kind) VALUES ('Second', 'local')")
        except sqlite3.IntegrityError as exc:
            assert "UNIQUE" in str(exc)
        else:
            raise AssertionError("a second local podcast was accepted")
    finally:
        conn.close()


def test_refresh_on_a_fresh_install_with_the_demo_fetches_nothing(capsys, tmp_path, feed_server):
    path = tmp_path / "library.db"
    fresh_install(path)
    code, out, err = run(capsys, "--library", str(path), "refresh")
    assert (code, out, err) == (
        0,
        "No subscriptions to refresh. Subscribe with: companion subscribe URL\n",
        "",
    )
    # with a real subscription next to the demo and the local podcast, only the feed is fetched
    url = feed_server.add_fixture("/feeds/en.xml", "en_feed.xml")
    feed_server.add_fixture("/chapters/ep2.json", "chapters_ep2.json", content_type="application/json")
    assert run(capsys, "--library", str(path), "subscribe", url)[0] == 0
    feed_server.requests.clear()
    code, out, err = run(capsys, "--library", str(path), "refresh")
    assert (code, out.splitlines()[-1], err) == (0, "1 of 1 feeds done.", "")
    assert [r.path for r in feed_server.requests] == ["/feeds/en.xml"]


def test_export_opml_from_the_command_writes_only_the_feeds(capsys, tmp_path, feed_server):
    path = tmp_path / "library.db"
    audio = tmp_path / "mine.mp3"
    audio.write_bytes(b"\0" * 100)
    fresh_install(path, audio)
    url = feed_server.add_fixture("/feeds/en.xml", "en_feed.xml")
    assert run(capsys, "--library", str(path), "subscribe", url)[0] == 0
    exported = tmp_path / "out.opml"
    code, out, _ = run(capsys, "--library", str(path), "export-opml", str(exported))
    assert (code, out) == (0, f"Wrote 1 subscription to {exported}\n")
    assert [o.xml_url for o in parse_opml(exported.read_bytes(), "out")] == [url]
    assert b"companion:" not in exported.read_bytes()
    code, out, _ = run(capsys, "--library", str(path), "podcasts")
    assert code == 0 and "companion:" not in out
    assert "demo: made by the app to try it, not a subscription" in out


def test_export_opml_from_the_window_writes_only_the_feeds(
    qtbot, make_window, library, tmp_path, feed_server
):
    audio = tmp_path / "mine.mp3"
    audio.write_bytes(b"\0" * 100)
    ensure_demo(library)
    library.add_episode(library.local_podcast().id, "Mine", audio_path=str(audio))
    url = feed_server.add_fixture("/feeds/en.xml", "en_feed.xml")
    window = make_window().window
    with qtbot.waitSignal(window.feed_ui.jobs.batch_finished, timeout=10_000):
        window.feed_ui.jobs.subscribe(url)
    for _ in range(2):  # the dialog works the second time too
        target = tmp_path / "podcasts.opml"
        target.unlink(missing_ok=True)
        window.feed_ui.export_action.trigger()
        dialog = window.feed_ui.file_dialog
        assert isinstance(dialog, FileDialog) and dialog.isVisible()
        dialog.setDirectory(str(tmp_path))
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        qtbot.keyClick(name, Qt.Key.Key_Return)
        qtbot.waitUntil(target.exists, timeout=5000)
        assert [o.xml_url for o in parse_opml(target.read_bytes(), "out")] == [url]
        assert window.statusBar().currentMessage() == f"Exported 1 podcast to {target}"
