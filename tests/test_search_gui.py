"""Search in the real window: live grouped results, keyboard navigation, a chapter hit plays."""

from __future__ import annotations

from PySide6.QtCore import Qt

from companion.domain import PlaybackState


def _search(app, qtbot, text: str) -> None:
    field = app.window.search_field
    field.setFocus()
    field.clear()
    with qtbot.waitSignal(app.window.search.results_changed, timeout=3000):
        if text.isascii():
            qtbot.keyClicks(field, text)
        else:  # QTest cannot type CJK characters: an input method would, as one text change
            field.setText(text)


def _hits(app):
    return [item.data(0, Qt.ItemDataRole.UserRole + 1) for item in app.window.search_results.hit_items()]


def test_typing_searches_once_after_a_pause(make_window, tone_episode, qtbot):
    app = make_window()
    calls = []
    app.window.search_field.query_changed.connect(calls.append)
    _search(app, qtbot, "Second")
    assert calls == ["Second"]  # debounced: one search for six keystrokes
    assert app.window.left_tabs.currentIndex() == app.window.search_tab
    hits = _hits(app)
    assert hits[0].kind == "chapter" and hits[0].start_ms == 30_000
    assert "<b>" in hits[0].snippet_html


def test_enter_plays_the_chapter_hit(make_window, tone_episode, qtbot):
    app = make_window()
    _search(app, qtbot, "The end")
    qtbot.keyClick(app.window.search_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: abs(app.backend.position_ms() - 60_000) < 500, timeout=5000)
    qtbot.waitUntil(lambda: app.controller.state() == PlaybackState.PLAYING, timeout=5000)
    assert app.controller.episode.id == tone_episode.id


def test_short_chinese_query_and_keyboard_navigation(make_window, library, tone_episode, qtbot):
    library.add_episode(tone_episode.podcast_id, "另一集 结尾的故事", notes="没有时间线的节目")
    app = make_window()
    _search(app, qtbot, "结尾")
    hits = _hits(app)
    kinds = [h.kind for h in hits]
    assert "chapter" in kinds and "episode" in kinds
    view = app.window.search_results
    first = view.currentItem()
    qtbot.keyClick(app.window.search_field, Qt.Key.Key_Down)
    assert view.currentItem() is not first
    qtbot.keyClick(app.window.search_field, Qt.Key.Key_Up)
    assert view.currentItem() is first
    # an episode hit selects the episode rather than playing it
    episode_hit = next(
        i for i in view.hit_items() if i.data(0, Qt.ItemDataRole.UserRole + 1).kind == "episode"
    )
    view.setCurrentItem(episode_hit)
    qtbot.keyClick(app.window.search_field, Qt.Key.Key_Enter)
    assert app.window.selected_episode.title == "另一集 结尾的故事"
    assert app.controller.episode is None
    qtbot.keyClick(app.window.search_field, Qt.Key.Key_Escape)
    assert app.window.search_field.text() == ""
    assert not app.window.left_tabs.isTabVisible(app.window.search_tab)


def test_junk_query_shows_a_message_not_an_error(make_window, tone_episode, qtbot):
    app = make_window()
    _search(app, qtbot, '") OR NEAR(* zzzq')
    assert _hits(app) == []
    assert "Nothing in the library matches" in app.window.search_results.message


def test_ctrl_f_focuses_the_field(make_window, tone_episode, qtbot):
    from PySide6.QtGui import QKeySequence

    app = make_window()
    window = app.window
    find = next(a for a in window.actions() if a.shortcut() == QKeySequence("Ctrl+F"))
    window.episode_view.setFocus()
    find.trigger()  # QTest cannot deliver Ctrl+letter shortcuts offscreen; the binding is checked
    assert window.focusWidget() is window.search_field


def test_esc_goes_back_to_the_tab_and_the_widget_the_listener_was_on(make_window, tone_episode, qtbot):
    from PySide6.QtWidgets import QApplication

    app = make_window()
    window = app.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    tabs = window.left_tabs
    # from the episode list: Ctrl+F, type, Esc
    window.episode_view.setFocus()
    assert tabs.currentWidget() is window.episode_pane
    window.focus_search()
    with qtbot.waitSignal(window.search.results_changed, timeout=3000):
        qtbot.keyClicks(window.search_field, "Second")
    assert tabs.currentIndex() == window.search_tab
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    assert window.search_field.text() == ""
    assert tabs.currentWidget() is window.episode_pane  # not the Bookmarks tab
    assert not tabs.isTabVisible(window.search_tab)
    assert QApplication.focusWidget() is window.episode_view
    # from Up Next: the search ends there again, focus in the queue
    tabs.setCurrentWidget(window.queue_view)
    window.queue_view.setFocus()
    window.focus_search()
    with qtbot.waitSignal(window.search.results_changed, timeout=3000):
        qtbot.keyClicks(window.search_field, "end")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    assert tabs.currentWidget() is window.queue_view
    assert QApplication.focusWidget() is window.queue_view
    # clearing the field by hand also gives the tab back (the focus stays in the field)
    tabs.setCurrentWidget(window.episode_pane)
    with qtbot.waitSignal(window.search.results_changed, timeout=3000):
        qtbot.keyClicks(window.search_field, "Second")
    with qtbot.waitSignal(window.search.results_changed, timeout=3000):
        window.search_field.clear()
    assert tabs.currentWidget() is window.episode_pane
