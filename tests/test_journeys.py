"""Journeys: one test per job, walking a session in order the way a person does, in the real window
(real VLC with --aout=dummy, a real library file, a real HTTP server), one action after another, each
checked by what the library holds and what the screen shows."""

from __future__ import annotations

import importlib.util
import json
import sys
import threading
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QLineEdit, QMenu, QMessageBox

from companion.domain import PlaybackState
from companion.library import media_dir
from companion.services.tones import chapter_tones, write_tone_wav
from companion.ui.dialogs.files import FileDialog

CTRL = Qt.KeyboardModifier.ControlModifier


# ----- what a person's hands do ---------------------------------------------------------------


def _activate(window, qtbot) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)


def _click_notes_link(qtbot, view, position_ms: int) -> None:
    """Click, with the mouse, where Qt laid out the timestamp link to ``position_ms``."""
    doc = view.document()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref() == f"seek:{position_ms}":
                cursor = QTextCursor(doc)
                cursor.setPosition(fragment.position() + 1)
                view.ensureCursorVisible()
                qtbot.mouseClick(
                    view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect(cursor).center()
                )
                return
            it += 1
        block = block.next()
    raise AssertionError(f"no link to seek:{position_ms} in the notes")


def _row_center(view, row: int) -> QPoint:
    return view.visualRect(view.model().index(row, 1)).center()


def _double_click(qtbot, view, row: int) -> None:
    """Double-click a row: press and release, then the second press (a double-click event)."""
    pos = _row_center(view, row)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def _menu_action(qtbot, view, row: int, text: str) -> None:
    """Right-click a row of a table and choose ``text`` (its start) in the menu that pops up."""
    viewport = view.viewport()
    pos = _row_center(view, row)
    qtbot.mouseClick(viewport, Qt.MouseButton.RightButton, pos=pos)
    # the platform turns a right-click into a context-menu event; QTest's click does not
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, viewport.mapToGlobal(pos))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=5000)
    menu = QApplication.activePopupWidget()
    action = next((a for a in menu.actions() if a.text().startswith(text)), None)
    assert action is not None, [a.text() for a in menu.actions()]
    menu.close()
    action.trigger()


def _note_editor(app, qtbot):
    dialog = app.window.bookmarks_ui.actions.dialog
    assert dialog is not None and dialog.isVisible(), "the note editor did not open"
    return dialog


def _gone(qtbot, dialog, window) -> None:
    """Wait until a dismissed dialog is closed and deleted, as it is a moment later in a session,
    and the window is active again (the desktop does that; the offscreen platform does not)."""
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=5000)
    _activate(window, qtbot)


def _playing(app, qtbot, episode_id: int) -> None:
    qtbot.waitUntil(
        lambda: (
            app.controller.episode is not None
            and app.controller.episode.id == episode_id
            and app.controller.state() == PlaybackState.PLAYING
        ),
        timeout=10_000,
    )


# ----- job 1: listen, keep moments with notes, take them away ---------------------------------


def test_journey_bookmark_the_moments_of_an_episode_and_export_them(
    make_window, library, tone_episode, qtbot, tmp_path
):
    app = make_window()
    window = app.window
    _activate(window, qtbot)
    assert window.selected_episode.id == tone_episode.id

    # a timestamp in the notes: the episode plays from there
    _click_notes_link(qtbot, window.notes_view, 30_000)
    _playing(app, qtbot, tone_episode.id)
    qtbot.waitUntil(lambda: app.backend.position_ms() >= 30_000, timeout=5000)
    assert window.player_bar.chapter_label.text() == "第二段 Second part"

    # Ctrl+B, type a note, Enter
    qtbot.keyClick(window.notes_view, Qt.Key.Key_B, CTRL)
    editor = _note_editor(app, qtbot)
    qtbot.keyClicks(editor.note_edit, "the second tone starts")
    qtbot.keyClick(editor.note_edit, Qt.Key.Key_Return)
    _gone(qtbot, editor, window)
    (first,) = library.bookmarks()
    assert first.note == "the second tone starts" and first.chapter_title == "第二段 Second part"
    assert 30_000 <= first.position_ms <= 33_000

    # again, and Esc: the moment is kept without a note
    qtbot.keyClick(window.notes_view, Qt.Key.Key_B, CTRL)
    editor = _note_editor(app, qtbot)
    qtbot.keyClick(editor.note_edit, Qt.Key.Key_Escape)
    _gone(qtbot, editor, window)
    assert [b.note for b in library.bookmarks()] == ["", "the second tone starts"]

    # again: the editor opens (after an Esc too), a note with two lines
    qtbot.keyClick(window.notes_view, Qt.Key.Key_B, CTRL)
    editor = _note_editor(app, qtbot)
    qtbot.keyClicks(editor.note_edit, "third")
    qtbot.keyClick(editor.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(editor.note_edit, "with a second line")
    qtbot.keyClick(editor.note_edit, Qt.Key.Key_Return)
    _gone(qtbot, editor, window)
    assert len(library.bookmarks()) == 3
    assert library.bookmarks()[0].note == "third\nwith a second line"

    # the Bookmarks tab lists them; right-click the one without a note, Edit…, give it one
    bookmarks = window.bookmarks_ui.library_view
    tab_bar = window.left_tabs.tabBar()
    index = window.left_tabs.indexOf(bookmarks)
    assert tab_bar.tabText(index) == "Bookmarks (3)"
    qtbot.mouseClick(tab_bar, Qt.MouseButton.LeftButton, pos=tab_bar.tabRect(index).center())
    assert window.left_tabs.currentWidget() is bookmarks
    row = next(r for r in range(bookmarks.model.rowCount()) if bookmarks.model.bookmark(r).note == "")
    _menu_action(qtbot, bookmarks.view, row, "Edit")
    editor = _note_editor(app, qtbot)
    assert editor.note_edit.toPlainText() == ""
    qtbot.keyClicks(editor.note_edit, "edited later")
    qtbot.mouseClick(editor.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    _gone(qtbot, editor, window)
    assert sorted(b.note for b in library.bookmarks()) == [
        "edited later",
        "the second tone starts",
        "third\nwith a second line",
    ]
    notes_on_screen = {bookmarks.model.data(bookmarks.model.index(r, 4)) for r in range(3)}
    assert "edited later" in notes_on_screen

    # File ▸ Export bookmarks…: the file dialog, a name typed, Save
    target = tmp_path / "my bookmarks.json"
    window.bookmarks_ui.export_action.trigger()
    dialog = window.bookmarks_ui.actions.file_dialog
    assert isinstance(dialog, FileDialog) and dialog.isVisible()
    dialog.setDirectory(str(tmp_path))
    types = dialog.findChild(QComboBox, "fileTypeCombo")
    assert types.currentText() == "Markdown (*.md)"
    qtbot.keyClick(types, Qt.Key.Key_Down)  # the listener picks JSON
    assert dialog.selectedNameFilter() == "JSON (*.json)"
    name = dialog.findChild(QLineEdit, "fileNameEdit")
    assert name.text() == "bookmarks.json"  # the suggested name follows the type
    name.clear()
    qtbot.keyClicks(name, "my bookmarks")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    qtbot.waitUntil(target.exists, timeout=5000)
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert sorted(e["note"] for e in exported) == [
        "edited later",
        "the second tone starts",
        "third\nwith a second line",
    ]
    assert {e["chapter"] for e in exported} == {"第二段 Second part"}
    assert f"Exported 3 bookmarks to {target}" in window.statusBar().currentMessage()


# ----- job 2: pick what to hear next, and let it play on ---------------------------------------


@pytest.fixture
def short_episodes(library, tmp_path):
    """Three episodes of 3-second tones, newest first: A, B, C."""
    podcast = library.add_podcast("Short Cast", feed_url="https://example.org/short.xml")
    episodes = []
    for index, name in enumerate("ABC"):
        audio = write_tone_wav(tmp_path / f"{name}.wav", chapter_tones([0], 3, 330 + 110 * index))
        episodes.append(
            library.add_episode(
                podcast.id,
                f"Short {name}",
                audio_path=str(audio),
                notes=f"00:00 {name} begins 00:02 {name} ends",
                duration_ms=3_000,
                published_at=1_700_000_000 - index,
            )
        )
    return episodes


def test_journey_star_queue_and_let_it_play_on(make_window, library, short_episodes, qtbot):
    a, b, c = short_episodes
    app = make_window()
    window = app.window
    view = window.episode_view
    _activate(window, qtbot)
    rows = {window.episode_model.episode_id(r): r for r in range(window.episode_model.rowCount())}

    # star A with the ☆ beside its title
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_row_center(view, rows[a.id]))
    assert window.selected_episode.id == a.id
    star = window.bookmarks_ui.star_button
    assert star.text() == "☆"
    qtbot.mouseClick(star, Qt.MouseButton.LeftButton)
    assert library.is_starred(a.id) and star.text() == "★"
    assert "★" in str(window.episode_model.data(window.episode_model.index(rows[a.id], 0)))

    # B and C to Up Next, from their context menus
    _menu_action(qtbot, view, rows[b.id], "Add to bottom of Up Next")
    _menu_action(qtbot, view, rows[c.id], "Add to bottom of Up Next")
    assert library.queue_ids() == [b.id, c.id]
    assert window.left_tabs.tabText(window.left_tabs.indexOf(window.queue_view)) == "Up Next (2)"

    # play A (double-click its row) and let it end: B starts, A is marked played
    _double_click(qtbot, view, rows[a.id])
    _playing(app, qtbot, a.id)
    _playing(app, qtbot, b.id)
    assert library.episode(a.id).played_at is not None
    assert window.player_bar.title_label.text().startswith("Short B")
    assert library.queue_ids() == [b.id, c.id]  # B plays at the top of Up Next
    queue = window.queue_model
    on_screen = [queue.data(queue.index(r, 0)).split("\n")[0] for r in range(queue.rowCount())]
    assert on_screen == ["Short B", "Short C"]
    # and after B, C: B leaves Up Next, C is the last to play
    _playing(app, qtbot, c.id)
    assert library.episode(b.id).played_at is not None
    assert library.queue_ids() == [c.id]
    assert window.left_tabs.tabText(window.left_tabs.indexOf(window.queue_view)) == "Up Next (1)"
    qtbot.waitUntil(lambda: app.controller.state() == PlaybackState.ENDED, timeout=10_000)
    assert library.episode(c.id).played_at is not None and library.queue_ids() == []
    assert window.left_tabs.tabText(window.left_tabs.indexOf(window.queue_view)) == "Up Next"
    assert library.is_starred(a.id)  # the star stays through it all


# ----- job 3: subscribe, download, listen to the file, unsubscribe -----------------------------


def _load_feed_server_module():
    """The feed tests' HTTP server (tests/feeds/conftest.py), as a plain module."""
    path = Path(__file__).parent / "feeds" / "conftest.py"
    name = "journey_feed_server"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture
def http_server():
    """A FeedServer (Range, ETag) on 127.0.0.1, the one the feed tests use."""
    server_module = _load_feed_server_module()
    httpd = server_module._Server(("127.0.0.1", 0), server_module._Handler)
    feed = server_module.FeedServer(base=f"http://127.0.0.1:{httpd.server_address[1]}")
    httpd.feed = feed
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield feed
    httpd.shutdown()
    httpd.server_close()


FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
  <channel>
    <title>Journey Radio 旅途电台</title>
    <link>@BASE@/</link>
    <description>A feed written for the journey test.</description>
    <item>
      <title>第二期 The long walk</title>
      <guid isPermaLink="false">journey-2</guid>
      <pubDate>Tue, 02 Jan 2024 10:00:00 +0000</pubDate>
      <enclosure url="@BASE@/audio/two.wav" length="96044" type="audio/wav"/>
      <itunes:duration>0:06</itunes:duration>
      <description>时间轴 00:00 出发 Setting out 00:03 到达 Arriving</description>
    </item>
    <item>
      <title>第一期 First steps</title>
      <guid isPermaLink="false">journey-1</guid>
      <pubDate>Mon, 01 Jan 2024 10:00:00 +0000</pubDate>
      <enclosure url="@BASE@/audio/one.wav" length="96044" type="audio/wav"/>
      <itunes:duration>0:06</itunes:duration>
      <description>Just the first steps.</description>
    </item>
  </channel>
</rss>
"""


def test_journey_subscribe_download_listen_unsubscribe(make_window, library, http_server, qtbot, tmp_path):
    for name, hz in (("one", 440), ("two", 550)):
        audio = write_tone_wav(tmp_path / f"{name}.wav", [(3, hz), (3, hz + 110)]).read_bytes()
        http_server.add(f"/audio/{name}.wav", audio, content_type="audio/wav")
    url = http_server.add("/feed.xml", FEED)
    app = make_window()
    window = app.window
    _activate(window, qtbot)

    # Add podcast…: the address typed, Subscribe
    window.feed_ui.add_podcast_action.trigger()
    dialog = window.feed_ui.add_dialog
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.source.edit, url)
    with qtbot.waitSignal(app.jobs.batch_finished, timeout=15_000) as finished:
        subscribe = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(subscribe, Qt.MouseButton.LeftButton)
    summary, failures, _manual = finished.args
    assert failures == [] and "2 new episodes" in summary
    (podcast,) = library.podcasts()
    assert podcast.title == "Journey Radio 旅途电台"
    model = window.episode_model
    titles = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert titles == ["第二期 The long walk", "第一期 First steps"]
    assert window.selected_episode.title == "第二期 The long walk"
    assert "00:03 到达 Arriving" in window.notes_view.toPlainText()

    # Download, from the episode's menu
    episode = window.selected_episode
    with qtbot.waitSignal(app.jobs.download_finished, timeout=15_000) as downloaded:
        _menu_action(qtbot, window.episode_view, 0, "Download")
    assert downloaded.args == [episode.id, ""]
    audio_path = Path(library.episode(episode.id).audio_path)
    assert audio_path.is_file() and audio_path.parent == media_dir(library.path)
    assert audio_path.read_bytes() == http_server.routes["/audio/two.wav"].body
    assert window.statusBar().currentMessage() == "Download finished"

    # play it (double-click): the player reads the downloaded file, not the address
    hits_before = len(http_server.hits("/audio/two.wav"))
    _double_click(qtbot, window.episode_view, 0)
    _playing(app, qtbot, episode.id)
    assert app.backend.media == str(audio_path)
    qtbot.waitUntil(lambda: app.backend.position_ms() > 500, timeout=5000)
    assert len(http_server.hits("/audio/two.wav")) == hits_before
    assert window.player_bar.title_label.text().startswith("第二期 The long walk")

    # Unsubscribe…, from the menu: it asks first, then everything of the podcast goes
    _menu_action(qtbot, window.episode_view, 0, "Unsubscribe")
    box = window.feed_ui.confirm_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "2 episodes" in box.text() and "download" in box.text().lower()
    with qtbot.waitSignal(app.jobs.unsubscribed, timeout=15_000):
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert library.podcasts() == [] and library.episodes() == []
    assert not audio_path.exists()
    assert app.controller.episode is None
    assert window.player_bar.title_label.text() == "Nothing playing"
    assert window.episode_model.rowCount() == 0
    assert "Unsubscribed from “Journey Radio 旅途电台”" in window.statusBar().currentMessage()
