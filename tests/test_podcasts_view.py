"""The Podcasts tab in the real window: grid and list, pinyin order, an opened podcast's episodes, mark
all played, its own speed heard by the player, unsubscribe, the New badge; the model under qtmodeltester."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from companion.domain import PlaybackState
from companion.library import LibraryError
from companion.ui.models.podcast_model import PodcastListModel
from companion.ui.widgets.cover_source import PlaceholderCovers

TITLES = ["中国故事", "北京话", "Apple Talk", "zebra radio", "Episode 10 club", "Episode 9 club", "阿拉丁"]
PINYIN_ORDER = [
    "阿拉丁",
    "北京话",
    "中国故事",
    "Apple Talk",
    "Episode 9 club",
    "Episode 10 club",
    "zebra radio",
]


@pytest.fixture
def shows(library, tone_wav):
    """Seven subscriptions, Chinese and English titles, each with its own number of episodes (the
    podcast at index i has i + 1), all of the tone WAV; every podcast looked at before the last one."""
    ids = {}
    for index, title in enumerate(TITLES):
        podcast = library.add_podcast(title, feed_url=f"https://example.org/{index}.xml")
        for number in range(index + 1):
            library.add_episode(
                podcast.id,
                f"{title} #{number}",
                audio_path=str(tone_wav),
                duration_ms=90_000,
                published_at=1_700_000_000 + index * 1000 + number,
            )
        library.mark_podcast_seen(podcast.id)
        ids[title] = podcast.id
    return ids


def _open_tab(app, qtbot):
    window = app.window
    window.activateWindow()  # shortcuts (Esc, Backspace, the player's keys) need an active window
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    pane = window.podcasts_pane
    tab_bar = window.left_tabs.tabBar()
    index = window.left_tabs.indexOf(pane)
    qtbot.mouseClick(tab_bar, Qt.MouseButton.LeftButton, pos=tab_bar.tabRect(index).center())
    assert window.left_tabs.currentWidget() is pane
    return pane


def _shown_titles(view) -> list[str]:
    """The titles in the order the view shows them (top to bottom, left to right)."""
    model = view.model()
    rows = [
        model.index(r, view.modelColumn() if hasattr(view, "modelColumn") else 0)
        for r in range(model.rowCount())
    ]
    placed = sorted(rows, key=lambda i: (view.visualRect(i).top(), view.visualRect(i).left()))
    return [i.data() for i in placed]


def _activate_row(qtbot, view, row: int) -> None:
    index = view.model().index(row, view.modelColumn() if hasattr(view, "modelColumn") else 0)
    view.scrollTo(index)
    center = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)


def _row_of(pane, title: str) -> int:
    model = pane.model
    return next(r for r in range(model.rowCount()) if model.summary(r).title == title)


def test_the_model_passes_qtmodeltester(library, shows, qtmodeltester, qtbot):
    model = PodcastListModel(library, PlaceholderCovers())
    qtmodeltester.check(model, force_py=True)
    model.sort(PodcastListModel.UNPLAYED, Qt.SortOrder.DescendingOrder)
    model.sort(PodcastListModel.TITLE, Qt.SortOrder.AscendingOrder)
    library.mark_podcast_played(shows["北京话"])
    model.reload()
    qtmodeltester.check(model, force_py=True)
    assert [model.summary(r).title for r in range(model.rowCount())] == PINYIN_ORDER


def test_counts_are_one_query_for_every_podcast(library, shows):
    statements: list[str] = []
    library.db.conn.set_trace_callback(statements.append)
    try:
        rows = library.podcast_summaries()
    finally:
        library.db.conn.set_trace_callback(None)
    assert len(statements) == 1 and "GROUP BY" in statements[0]
    by_title = {p.title: p for p in rows}
    assert [by_title[t].episodes for t in TITLES] == [1, 2, 3, 4, 5, 6, 7]
    assert all(p.unplayed == p.episodes and p.new == 0 for p in rows)


def test_grid_and_list_switch_and_are_remembered(make_window, library, shows, qtbot):
    app = make_window()
    pane = _open_tab(app, qtbot)
    assert pane.mode == "grid" and pane.views.currentWidget() is pane.grid
    assert _shown_titles(pane.grid) == PINYIN_ORDER  # by title, pinyin for Chinese, numbers as numbers
    qtbot.mouseClick(pane.list_button, Qt.MouseButton.LeftButton)
    assert pane.mode == "list" and pane.views.currentWidget() is pane.table
    assert _shown_titles(pane.table) == PINYIN_ORDER
    table = pane.table
    row = _row_of(pane, "阿拉丁")
    assert table.model().index(row, PodcastListModel.EPISODES).data() == "7"
    assert table.model().index(row, PodcastListModel.UNPLAYED).data() == "7"
    app.window.save_geometry()
    again = make_window()
    pane2 = again.window.podcasts_pane
    assert again.window.left_tabs.currentWidget() is pane2
    assert pane2.mode == "list"


def test_sorting_by_unplayed_and_last_episode(make_window, library, shows, qtbot):
    app = make_window()
    pane = _open_tab(app, qtbot)
    combo = pane.sort_combo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # Most unplayed
    combo.activated.emit(combo.currentIndex())
    assert pane.sort_name == "unplayed"
    assert _shown_titles(pane.grid)[:3] == ["阿拉丁", "Episode 9 club", "Episode 10 club"]
    combo.setCurrentIndex(2)
    combo.activated.emit(2)
    assert pane.sort_name == "last_episode"
    assert _shown_titles(pane.grid)[0] == "阿拉丁"  # published last
    qtbot.mouseClick(pane.list_button, Qt.MouseButton.LeftButton)
    header = pane.table.horizontalHeader()
    x = header.sectionViewportPosition(PodcastListModel.TITLE) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    assert pane.sort_name == "title" and combo.currentIndex() == 0
    assert _shown_titles(pane.table) == PINYIN_ORDER


def test_opening_a_podcast_shows_its_episodes_only_and_back(make_window, library, shows, qtbot):
    app = make_window()
    pane = _open_tab(app, qtbot)
    _activate_row(qtbot, pane.grid, _row_of(pane, "北京话"))
    assert pane.opened_podcast_id == shows["北京话"]
    detail = pane.detail
    assert detail.title_label.text() == "北京话"
    model = detail.episode_model
    titles = sorted(model.data(model.index(r, 0)) for r in range(model.rowCount()))
    assert titles == ["北京话 #0", "北京话 #1"]
    assert app.window.selected_episode.podcast_id == shows["北京话"]  # its notes are shown beside
    qtbot.keyClick(detail.episode_view, Qt.Key.Key_Escape)
    assert pane.opened_podcast_id is None and pane.pages.currentWidget() is pane.overview
    assert pane.current_podcast_id() == shows["北京话"]
    qtbot.keyClick(pane.grid, Qt.Key.Key_Return)  # Enter opens the current one
    assert pane.opened_podcast_id == shows["北京话"]
    qtbot.keyClick(detail.episode_view, Qt.Key.Key_Backspace)
    assert pane.opened_podcast_id is None


def test_arrows_move_in_the_grid_and_the_menu_key_opens_the_podcast_menu(make_window, library, shows, qtbot):
    app = make_window()
    pane = _open_tab(app, qtbot)
    grid = pane.grid
    grid.setFocus()
    grid.setCurrentIndex(pane.model.index(0, 0))
    qtbot.keyClick(grid, Qt.Key.Key_Right)  # the grid moves; the player does not skip
    assert pane.current_podcast_id() == shows[PINYIN_ORDER[1]]
    assert app.controller.episode is None or app.controller.position_ms() == 0
    menus: list[QMenu] = []
    ui = app.window.podcasts_ui
    original = ui.menu
    ui.menu = lambda podcast_id: menus.append(original(podcast_id)) or menus[-1]
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, QPoint(0, 0), grid.mapToGlobal(QPoint(0, 0)))
    QApplication.sendEvent(grid.viewport(), event)
    assert len(menus) == 1
    texts = [a.text() for a in menus[0].actions() if a.text()]
    assert texts[:4] == ["Open", "Refresh", "Mark all played", "Mark as seen"] and "Unsubscribe…" in texts
    menus[0].close()


def test_mark_all_played_changes_the_counts(make_window, library, shows, qtbot):
    app = make_window()
    pane = _open_tab(app, qtbot)
    pane.open_podcast(shows["Episode 9 club"])
    detail = pane.detail
    assert "6 unplayed" in detail.counts_label.text()
    qtbot.mouseClick(detail.mark_played_button, Qt.MouseButton.LeftButton)
    assert "0 unplayed" in detail.counts_label.text()
    assert not detail.mark_played_button.isEnabled()
    row = _row_of(pane, "Episode 9 club")
    assert pane.model.index(row, PodcastListModel.UNPLAYED).data() == "0"
    model = detail.episode_model
    assert {model.data(model.index(r, 4)) for r in range(model.rowCount())} == {"Played"}
    episodes = app.window.episode_model  # the Episodes tab shows it too
    played = [
        episodes.data(episodes.index(r, 4)) for r in range(episodes.rowCount())
        if episodes.data(episodes.index(r, 0)).startswith("Episode 9 club")
    ]  # fmt: skip
    assert played == ["Played"] * 6


def test_a_podcasts_own_speed_is_what_the_player_plays(make_window, library, shows, qtbot):
    app = make_window()
    controller = app.controller
    pane = _open_tab(app, qtbot)
    pane.open_podcast(shows["中国故事"])
    combo = pane.detail.speed_combo
    index = combo.findData(1.5)
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    assert library.podcast_rate(shows["中国故事"]) == 1.5
    view = pane.detail.episode_view
    _activate_row(qtbot, view, 0)
    qtbot.waitUntil(lambda: controller.state() == PlaybackState.PLAYING, timeout=5000)
    assert controller.episode.podcast_id == shows["中国故事"]
    assert controller.rate == 1.5
    qtbot.waitUntil(lambda: abs(app.backend._player.get_rate() - 1.5) < 0.01, timeout=3000)  # VLC's own
    assert app.window.player_bar.rate_button.text() == "1.5×"
    app.window.setFocus()
    qtbot.keyClick(app.window, Qt.Key.Key_BracketRight)  # faster while one of its episodes plays
    assert library.podcast_rate(shows["中国故事"]) == 1.6  # the podcast's speed changed...
    assert controller.global_rate == 1.0  # ...not the others'
    other = next(e.id for e in library.episodes(podcast_id=shows["北京话"]))
    controller.play_episode(other)
    qtbot.waitUntil(lambda: controller.episode.id == other, timeout=3000)
    assert controller.rate == 1.0
    qtbot.waitUntil(lambda: abs(app.backend._player.get_rate() - 1.0) < 0.01, timeout=3000)
    pane.detail.speed_combo.setCurrentIndex(0)  # back to the global speed
    pane.detail.speed_combo.activated.emit(0)
    assert library.podcast_rate(shows["中国故事"]) is None


def _confirm_box(app, qtbot) -> QMessageBox:
    qtbot.waitUntil(
        lambda: app.window.feed_ui.confirm_box is not None and app.window.feed_ui.confirm_box.isVisible()
    )
    return app.window.feed_ui.confirm_box


def test_unsubscribe_from_the_view_asks_each_time(make_window, library, shows, qtbot):
    app = make_window()
    pane = _open_tab(app, qtbot)
    grid = pane.grid
    pane.select(shows["zebra radio"])
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    box = _confirm_box(app, qtbot)
    assert "zebra radio" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shiboken6.isValid(box) or not box.isVisible())
    assert pane.model.row_of(shows["zebra radio"]) is not None
    pane.open_podcast(shows["zebra radio"])
    qtbot.mouseClick(pane.detail.unsubscribe_button, Qt.MouseButton.LeftButton)  # the second time
    box = _confirm_box(app, qtbot)
    with qtbot.waitSignal(app.jobs.unsubscribed, timeout=10_000):
        yes = box.button(QMessageBox.StandardButton.Yes)
        assert yes.text() == "Unsubscribe"
        qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.model.row_of(shows["zebra radio"]) is None)
    assert pane.opened_podcast_id is None  # its page closed with it
    assert "zebra radio" not in [p.title for p in library.podcasts()]


def test_the_new_badge_goes_once_the_podcast_is_looked_at(make_window, library, shows, tone_wav, qtbot):
    for number in range(2):
        library.add_episode(shows["Apple Talk"], f"Apple Talk new {number}", audio_path=str(tone_wav))
    library.add_episode(shows["阿拉丁"], "阿拉丁 新的一集", audio_path=str(tone_wav))
    app = make_window()
    window = app.window
    pane = _open_tab(app, qtbot)
    index = window.left_tabs.indexOf(pane)
    assert window.left_tabs.tabText(index) == "Podcasts (3 new)"
    row = _row_of(pane, "Apple Talk")
    assert pane.model.index(row, PodcastListModel.NEW).data() == "2 new"
    _activate_row(qtbot, pane.grid, row)
    assert "2 new since you last looked" in pane.detail.counts_label.text()
    assert pane.model.summary(_row_of(pane, "Apple Talk")).new == 0
    assert window.left_tabs.tabText(index) == "Podcasts (1 new)"
    qtbot.keyClick(pane.detail.episode_view, Qt.Key.Key_Escape)
    ui = window.podcasts_ui
    menu = ui.menu(shows["阿拉丁"])  # mark it seen without opening it
    next(a for a in menu.actions() if a.text() == "Mark as seen").trigger()
    assert window.left_tabs.tabText(index) == "Podcasts"
    assert library.podcast_summary(shows["阿拉丁"]).new == 0


def test_the_menus_speed_is_the_podcasts_own(make_window, library, shows, qtbot):
    app = make_window()
    pane = _open_tab(app, qtbot)
    ui = app.window.podcasts_ui
    podcast_id = shows["Apple Talk"]
    speeds = next(a.menu() for a in ui.menu(podcast_id).actions() if a.menu() is not None)
    next(a for a in speeds.actions() if a.text() == "2×").trigger()
    assert library.podcast_rate(podcast_id) == 2.0
    speeds = next(a.menu() for a in ui.menu(podcast_id).actions() if a.menu() is not None)
    assert [a.text() for a in speeds.actions() if a.isChecked()] == ["2×"]
    pane.open_podcast(podcast_id)
    assert pane.detail.speed_combo.currentData() == 2.0
    episode = library.episode_ids(podcast_id=podcast_id)[0]
    app.controller.play_episode(episode)
    assert app.controller.rate == 2.0
    next(a for a in speeds.actions() if a.text() == "Global speed").trigger()
    assert library.podcast_rate(podcast_id) is None and app.controller.rate == 1.0  # at once
    with pytest.raises(LibraryError):
        library.set_podcast_rate(podcast_id, True)  # a flag is not a speed


def test_a_library_from_before_the_view_has_nothing_new(tmp_path):
    from sqlite_utils import Database

    from companion.library import Library
    from companion.library.migrations import MIGRATIONS

    path = tmp_path / "old.db"
    db = Database(path)
    MIGRATIONS.apply(db, stop_before="m015_podcast_view")
    db.execute(
        "INSERT INTO podcasts (id, title, feed_url) VALUES (1, 'Old show', 'https://example.org/o.xml')"
    )
    for number in range(3):
        db.execute(
            "INSERT INTO episodes (podcast_id, guid, title, played_at) VALUES (1, ?, ?, ?)",
            [f"g{number}", f"Old {number}", 1 if number == 0 else None],
        )
    db.conn.commit()
    db.close()
    library = Library(path)
    try:
        (old,) = library.podcast_summaries()
        assert (old.episodes, old.unplayed, old.new, old.playback_rate, old.author) == (3, 2, 0, None, "")
        podcast = library.podcast(1)
        library.add_episode(podcast.id, "Arrived after the upgrade")
        assert library.podcast_summary(1).new == 1
    finally:
        library.close()
