"""The keyboard in the real window: Tab goes from pane to pane and round, arrows move within a pane,
and Help ▸ Keyboard shortcuts lists every shortcut the window has."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication

from companion.domain import PlaybackState

NATIVE = QKeySequence.SequenceFormat.NativeText


def _activate(app, qtbot) -> None:
    app.window.activateWindow()
    qtbot.waitUntil(app.window.isActiveWindow, timeout=5000)


def _window_shortcuts(window) -> list[tuple[str, str]]:
    """(keys, what) of every action and shortcut object in the window, found independently."""
    found = []
    for action in window.findChildren(QAction):
        found += [(seq.toString(NATIVE), action.text()) for seq in action.shortcuts()]
    for shortcut in window.findChildren(QShortcut):
        found += [(seq.toString(NATIVE), shortcut.whatsThis()) for seq in shortcut.keys()]  # noqa: SIM118
    return found


def _listed(text: str) -> list[tuple[list[str], str]]:
    """The help's rows as (keys, description): a table row reads as its keys' line, then its text's."""
    lines = [line.replace("\xa0", " ") for line in text.splitlines()]
    return [
        (lines[i].split(", "), lines[i + 1].strip())
        for i in range(len(lines) - 1)
        if lines[i].strip() and lines[i + 1].startswith("  ")
    ]


def test_help_lists_every_shortcut_the_window_has(make_window, tone_episode, qtbot):
    app = make_window()
    window = app.window
    _activate(app, qtbot)
    window.episode_view.setFocus()
    found = _window_shortcuts(window)
    keys = {k for k, _ in found}
    for expected in ("Ctrl+F", "Ctrl+N", "Ctrl+Shift+N", "F5", "Ctrl+Z", "Ctrl+Q", "Esc", "Space", "F1",
                     "M", "Ctrl+Up", "Ctrl+Down", "T", "Shift+T", "Ctrl+B", "Ctrl+D", "[", "]"):  # fmt: skip
        assert expected in keys, expected
    dialog = window.shortcuts_dialog
    for _ in range(2):  # it opens again after it was closed
        qtbot.keyClick(window.episode_view, Qt.Key.Key_F1)
        qtbot.waitUntil(dialog.isVisible, timeout=2000)
        listed = _listed(dialog.browser.toPlainText())
        for key, _what in found:
            assert any(key in keys for keys, _ in listed), key
        for key, what in (
            ("Ctrl+F", "Search"),
            ("Esc", "Clear the search"),
            ("M", "Mute"),
            ("Del", "Delete"),
        ):
            assert any(key in keys and what in text for keys, text in listed), (key, what)
        assert "Tab / Shift+Tab" in dialog.browser.toPlainText()
        dialog.reject()
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
        _activate(app, qtbot)


def test_tab_goes_from_pane_to_pane_and_arrows_move_within(make_window, library, tone_episode, qtbot):
    for i in range(3):
        library.add_episode(tone_episode.podcast_id, f"Older {i}", published_at=1_600_000_000 + i)
    app = make_window()
    window, bar = app.window, app.window.player_bar
    app.controller.cue_episode(tone_episode.id)  # the player bar's buttons are enabled
    _activate(app, qtbot)
    view = window.episode_view
    view.setFocus()
    visited = [QApplication.focusWidget()]
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
        if visited[-1] is view:
            break
    assert visited[1] is not view  # Tab leaves the table at once, not for its next cell
    assert visited[-1] is view, [type(w).__name__ for w in visited]  # and comes back round
    order = [window.notes_view, window.chapter_view, bar.play_button, bar.sleep_button, window.search_field]
    for widget in order:
        assert widget in visited, type(widget).__name__
    indexes = [visited.index(w) for w in order]
    assert indexes == sorted(indexes)
    # Shift+Tab goes back the same way
    qtbot.keyClick(view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is visited[-2]
    # arrows move within the list
    view.setFocus()
    view.selectRow(0)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 2
    assert window.selected_episode.id == window.episode_model.episode_id(2)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.currentIndex().row() == 1


def test_space_presses_the_focused_player_button(make_window, tone_episode, qtbot):
    app = make_window()
    bar = app.window.player_bar
    app.controller.play_episode(tone_episode.id, 35_000)
    qtbot.waitUntil(lambda: app.controller.state() == PlaybackState.PLAYING, timeout=5000)
    _activate(app, qtbot)
    bar.next_chapter_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(bar.next_chapter_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: abs(app.backend.position_ms() - 60_000) < 500, timeout=5000)
    assert app.controller.state() == PlaybackState.PLAYING  # Space pressed the button, did not pause
    app.window.episode_view.setFocus()
    qtbot.keyClick(app.window.episode_view, Qt.Key.Key_Space)  # elsewhere Space plays and pauses
    qtbot.waitUntil(lambda: app.controller.state() == PlaybackState.PAUSED, timeout=5000)
