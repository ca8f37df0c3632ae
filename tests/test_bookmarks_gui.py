"""Stars and bookmarks in the real window with real VLC: Ctrl+B while playing, the Bookmarks view
plays from a bookmark, edit / delete / undo, chapter and show-notes menus, stars, export, delete an
episode after asking."""

from __future__ import annotations

import json

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from companion.domain import PlaybackState
from companion.ui.dialogs.bookmark_note import parse_time_text
from companion.ui.panes.bookmarks_view import BookmarkListModel


def _pos(app) -> int:
    return app.backend.position_ms()


def _play_at(app, qtbot, episode_id: int, start_ms: int) -> None:
    app.controller.play_episode(episode_id, start_ms)
    qtbot.waitUntil(lambda: abs(_pos(app) - start_ms) < 500, timeout=5000)
    qtbot.waitUntil(lambda: app.controller.state() == PlaybackState.PLAYING, timeout=5000)


def _ui(app):
    return app.window.bookmarks_ui


def _focus_list(app, qtbot) -> None:
    """Make the window active (window shortcuts need it) and put the focus in the episode list."""
    app.window.activateWindow()
    qtbot.waitUntil(app.window.isActiveWindow, timeout=5000)
    app.window.episode_view.setFocus()


def _click_row(qtbot, view, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 2))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_ctrl_b_bookmarks_the_playing_moment_with_its_chapter(make_window, library, tone_episode, qtbot):
    app = make_window()
    window = app.window
    _focus_list(app, qtbot)
    _play_at(app, qtbot, tone_episode.id, 40_000)
    vlc_ms = _pos(app)
    qtbot.keyClick(window.episode_view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    (bookmark,) = library.bookmarks()
    assert abs(bookmark.position_ms - vlc_ms) <= 1_000
    assert bookmark.chapter_title == "第二段 Second part"
    assert bookmark.episode_id == tone_episode.id and bookmark.note == ""
    # the note editor is open at once (not blocking); what is typed becomes the note
    dialog = _ui(app).actions.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.chapter_edit.text() == "第二段 Second part"
    dialog.note_edit.setPlainText("Remember this\nand this line")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert library.bookmark(bookmark.id).note == "Remember this\nand this line"
    # both lists show it; the tabs count it
    assert _ui(app).library_view.model.rowCount() == 1
    assert _ui(app).episode_view.model.rowCount() == 1
    assert window.left_tabs.tabText(window.left_tabs.indexOf(_ui(app).library_view)) == "Bookmarks (1)"
    assert window.detail_tabs.tabText(window.detail_tabs.indexOf(_ui(app).episode_view)) == "Bookmarks (1)"
    model = _ui(app).library_view.model
    assert model.data(model.index(0, BookmarkListModel.NOTE)) == "Remember this …"
    assert model.data(model.index(0, BookmarkListModel.CHAPTER)) == "第二段 Second part"
    # the player bar button does the same
    assert window.player_bar.bookmark_button.isEnabled()
    _ui(app).actions.ask_note = False
    window.player_bar.bookmark_button.click()
    assert library.bookmark_count(tone_episode.id) == 2


def test_ctrl_b_with_nothing_playing_says_so(make_window, library, tone_episode, qtbot):
    app = make_window()
    _focus_list(app, qtbot)
    qtbot.keyClick(app.window.episode_view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert library.bookmark_count() == 0
    assert "Play an episode" in app.window.statusBar().currentMessage()


def test_clicking_a_bookmark_plays_from_it(make_window, library, tone_episode, qtbot):
    library.add_bookmark(tone_episode.id, 62_000, note="late")
    early = library.add_bookmark(tone_episode.id, 33_000, note="early")
    app = make_window()
    window = app.window
    view = _ui(app).library_view
    window.left_tabs.setCurrentWidget(view)
    assert view.model.bookmark(0).id == early.id  # newest first
    _click_row(qtbot, view.view, 0)
    qtbot.waitUntil(lambda: app.controller.episode is not None, timeout=5000)
    qtbot.waitUntil(lambda: abs(_pos(app) - 33_000) < 500, timeout=5000)
    _click_row(qtbot, view.view, 1)
    qtbot.waitUntil(lambda: abs(_pos(app) - 62_000) < 500, timeout=5000)
    # the filter narrows the list by text
    qtbot.keyClicks(view.filter_edit, "EARLY")
    assert [b.id for b in view.model.bookmarks()] == [early.id]
    view.filter_edit.clear()
    assert view.model.rowCount() == 2


def test_edit_delete_undo_redo(make_window, library, tone_episode, qtbot):
    bookmark = library.add_bookmark(tone_episode.id, 10_000, note="first")
    app = make_window()
    ui = _ui(app)
    window = app.window
    # edit through the dialog: a bad time keeps it open
    dialog = ui.actions.edit(bookmark.id)
    dialog.time_edit.setText("soon")
    dialog.accept()
    assert dialog.isVisible() and dialog.error_label.isVisible()
    dialog.time_edit.setText("0:45")
    dialog.note_edit.setPlainText("edited\nnote")
    dialog.accept()
    edited = library.bookmark(bookmark.id)
    assert (edited.position_ms, edited.note, edited.chapter_title) == (
        45_000,
        "edited\nnote",
        "第二段 Second part",
    )
    assert ui.library_view.model.bookmark(0).note == "edited\nnote"
    # delete from the view with the Delete key
    _focus_list(app, qtbot)
    window.left_tabs.setCurrentWidget(ui.library_view)
    ui.library_view.view.selectRow(0)
    ui.library_view.view.setFocus()
    qtbot.keyClick(ui.library_view.view, Qt.Key.Key_Delete)
    assert library.bookmarks() == []
    assert ui.library_view.model.rowCount() == 0
    # Ctrl+Z puts it back as it was; again undoes the edit; Ctrl+Shift+Z redoes
    _focus_list(app, qtbot)
    qtbot.keyClick(window.episode_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert library.bookmark(bookmark.id) == edited
    assert ui.library_view.model.rowCount() == 1
    ui.undo_action.trigger()
    assert library.bookmark(bookmark.id) == bookmark
    ui.redo_action.trigger()
    assert library.bookmark(bookmark.id) == edited
    ui.redo_action.trigger()
    assert library.bookmarks() == []
    assert ui.undo_action.text().startswith("&Undo Delete bookmark")
    # the context menu offers play, edit and delete
    ui.undo_action.trigger()
    menu = ui.library_view.menu_for(bookmark.id)
    assert [a.text() for a in menu.actions()] == ["Play from here", "Edit…", "Delete"]
    menu.actions()[2].trigger()
    assert library.bookmarks() == []


def test_bookmark_this_moment_from_chapters_and_show_notes(make_window, library, tone_episode, qtbot):
    app = make_window()
    window = app.window
    window.select_episode(tone_episode.id)
    ui = _ui(app)
    ui.actions.ask_note = False
    items = window.chapter_view.chapter_items()
    menu = window.chapter_view.chapter_menu(items[2])
    assert [a.text() for a in menu.actions()] == ["Play from here", "Bookmark this moment"]
    menu.actions()[1].trigger()
    (bookmark,) = library.bookmarks()
    assert (bookmark.position_ms, bookmark.chapter_title) == (60_000, "结尾 The end")
    ui.undo_action.trigger()  # adding is undoable too
    assert library.bookmarks() == []
    ui.redo_action.trigger()
    assert library.bookmarks() == [bookmark]
    assert app.controller.episode is None or app.controller.state() != PlaybackState.PLAYING  # not played
    # a timestamp link in the show notes
    notes = window.notes_view
    window.resize(1200, 800)
    qtbot.waitUntil(lambda: notes.isVisible())
    anchor_point = _find_anchor(notes, "seek:30000")
    assert anchor_point is not None
    menu = notes.context_menu_at(anchor_point)
    texts = [a.text() for a in menu.actions()]
    assert texts[:2] == ["Play from here", "Bookmark this moment"]
    menu.actions()[1].trigger()
    newest = library.bookmarks()[0]
    assert (newest.position_ms, newest.chapter_title) == (30_000, "第二段 Second part")
    assert "Bookmark this moment" not in [a.text() for a in notes.context_menu_at(QPoint(1, 1)).actions()]
    assert ui.episode_view.model.rowCount() == 2


def _find_anchor(notes, href: str) -> QPoint | None:
    viewport = notes.viewport()
    for y in range(2, viewport.height(), 4):
        for x in range(2, viewport.width(), 4):
            if notes.anchorAt(QPoint(x, y)) == href:
                return QPoint(x, y)
    return None


def test_star_from_shortcut_button_menu_and_the_starred_filter(make_window, library, tone_episode, qtbot):
    other = library.add_episode(tone_episode.podcast_id, "Other one", published_at=1_600_000_000)
    app = make_window()
    window = app.window
    ui = _ui(app)
    pane = window.episode_pane
    window.select_episode(tone_episode.id)
    assert ui.star_button.text() == "☆"
    _focus_list(app, qtbot)
    qtbot.keyClick(window.episode_view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert library.is_starred(tone_episode.id)
    assert ui.star_button.text() == "★" and ui.star_button.isChecked()
    row = window.episode_model.row_of(tone_episode.id)
    assert window.episode_model.data(window.episode_model.index(row, 0)) == "★ 测试节目 Tone episode"
    # the Starred filter
    pane.filter_combo.setCurrentIndex(pane.filter_combo.findText("Starred"))
    assert window.episode_model.rowCount() == 1
    assert window.episode_model.episode_id(0) == tone_episode.id
    # the context menu stars the other one; the button unstars the first, which leaves the list
    menu = window.episode_menu(other.id)
    next(a for a in menu.actions() if a.text() == "Star").trigger()
    assert library.is_starred(other.id)
    assert [window.episode_model.episode_id(r) for r in range(window.episode_model.rowCount())] == [
        tone_episode.id,
        other.id,
    ]
    window.select_episode(tone_episode.id)
    ui.star_button.click()
    assert not library.is_starred(tone_episode.id)
    assert [window.episode_model.episode_id(r) for r in range(window.episode_model.rowCount())] == [other.id]
    menu = window.episode_menu(other.id)
    assert "Unstar" in [a.text() for a in menu.actions()]
    # Undo puts the star back with its first date, and the list shows it again; Redo takes it away
    first = library.starred_at(other.id)
    library.restore_star(tone_episode.id, None)
    window.select_episode(other.id)
    ui.star_button.click()
    assert not library.is_starred(other.id)
    stack = ui.actions.undo_stack
    assert stack.undoText() == "Unstar"
    stack.undo()
    assert library.starred_at(other.id) == first
    assert other.id in [window.episode_model.episode_id(r) for r in range(window.episode_model.rowCount())]
    stack.redo()
    assert not library.is_starred(other.id)
    stack.undo()
    # the Help menu lists the new shortcuts
    from companion.ui.window.actions import bookmark_shortcuts

    assert [s.keys for s in bookmark_shortcuts(print, print)] == ["Ctrl+B", "Ctrl+D"]
    assert "Bookmark this moment" in window.bookmark_menu_actions


def test_delete_episode_asks_with_the_bookmark_count(make_window, library, tone_episode, qtbot):
    other = library.add_episode(tone_episode.podcast_id, "Other one", published_at=1_600_000_000)
    library.add_bookmark(tone_episode.id, 1_000)
    library.add_bookmark(tone_episode.id, 2_000)
    app = make_window()
    window = app.window
    ui = _ui(app)
    window.select_episode(tone_episode.id)
    menu = window.episode_menu(tone_episode.id)
    next(a for a in menu.actions() if a.text() == "Delete episode…").trigger()
    box = ui.actions.confirm_box
    assert box is not None and box.isVisible()
    assert "2 bookmarks will be deleted" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert library.episode(tone_episode.id)
    box = ui.actions.ask_delete_episode(tone_episode.id)
    box.button(QMessageBox.StandardButton.Yes).click()
    assert library.episode_ids() == [other.id]
    assert library.bookmark_count() == 0
    assert window.episode_model.rowCount() == 1
    assert ui.library_view.model.rowCount() == 0
    assert window.selected_episode.id == other.id
    # without bookmarks it still asks, without a count
    box = ui.actions.ask_delete_episode(other.id)
    assert "bookmark" not in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()


def test_export_from_the_window(make_window, library, tone_episode, qtbot, tmp_path):
    library.add_bookmark(tone_episode.id, 65_000, note="a note")
    app = make_window()
    actions = _ui(app).actions
    assert actions.export_to(tmp_path / "b.json") == 1
    (entry,) = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    assert (entry["time"], entry["start_ms"], entry["chapter"]) == ("0:01:05", 65_000, "结尾 The end")
    assert actions.export_to(tmp_path / "b.md") == 1
    assert "- **0:01:05** (65000 ms) — *结尾 The end*\n  > a note\n" in (tmp_path / "b.md").read_text(
        encoding="utf-8"
    )
    dialog = actions.ask_export()
    assert dialog.isVisible()
    dialog.reject()
    file_menu = app.window.file_menu
    assert "Export bookmarks…" in [a.text() for a in file_menu.actions()]


def test_bookmark_model_passes_the_model_tester(library, tone_episode, qtmodeltester):
    for ms in (1_000, 40_000, 80_000):
        library.add_bookmark(tone_episode.id, ms, note=f"note {ms}\nmore")
    model = BookmarkListModel(library)
    qtmodeltester.check(model)
    model.set_text_filter("40000")
    assert model.rowCount() == 1
    model.set_episode(tone_episode.id)
    qtmodeltester.check(model)


def test_parse_time_text():
    assert parse_time_text("1:02:03") == 3_723_000
    assert parse_time_text(" 90.5 ") == 90_500
    assert parse_time_text("-3") is None
    assert parse_time_text("soon") is None


def test_deleting_the_playing_episode_unloads_the_player(make_window, library, tone_episode, qtbot):
    from companion.domain import PlaybackState

    app = make_window()
    app.controller.play_episode(tone_episode.id, 10_000)
    qtbot.waitUntil(lambda: app.controller.state() == PlaybackState.PLAYING, timeout=5000)
    _ui(app).actions.delete_episode(tone_episode.id)
    assert app.controller.episode is None
    qtbot.waitUntil(lambda: app.controller.state() == PlaybackState.STOPPED, timeout=5000)
    assert app.window.player_bar.title_label.text() == "Nothing playing"
    assert app.window.player_bar.slider.mark_values() == []


def _dismiss(dialog, how: str, qtbot) -> None:
    if how == "esc":
        qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Escape)
    else:
        qtbot.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.MouseButton.LeftButton
        )
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=5000)  # gone, deleted by Qt


@pytest.mark.parametrize("how", ["esc", "cancel"])
def test_the_note_editor_opens_again_after_it_was_dismissed(make_window, library, tone_episode, qtbot, how):
    app = make_window()
    window = app.window
    _focus_list(app, qtbot)
    _play_at(app, qtbot, tone_episode.id, 40_000)
    for round_ in range(3):
        qtbot.keyClick(window.episode_view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
        dialog = _ui(app).actions.dialog
        assert dialog is not None and dialog.isVisible(), f"round {round_}: no note editor"
        _dismiss(dialog, how, qtbot)
        _focus_list(app, qtbot)
    assert [b.note for b in library.bookmarks()] == ["", "", ""]  # kept without a note
    qtbot.keyClick(window.episode_view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    dialog = _ui(app).actions.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.note_edit, "typed after dismissing")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=5000)
    assert library.bookmarks()[0].note == "typed after dismissing"
    assert len(library.bookmarks()) == 4
    # editing from the list opens it too, and again after a dismissal
    bookmark_id = library.bookmarks()[1].id
    for _ in range(2):
        dialog = _ui(app).actions.edit(bookmark_id)
        assert dialog is not None and dialog.isVisible()
        _dismiss(dialog, how, qtbot)


def test_enter_saves_the_note_and_shift_enter_starts_a_line(make_window, library, tone_episode, qtbot):
    bookmark = library.add_bookmark(tone_episode.id, 10_000)
    app = make_window()
    dialog = _ui(app).actions.edit(bookmark.id)
    qtbot.keyClicks(dialog.note_edit, "first line")
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(dialog.note_edit, "second line")
    assert dialog.isVisible()
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=5000)
    assert library.bookmark(bookmark.id).note == "first line\nsecond line"
