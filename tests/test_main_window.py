"""The real window on a real library: a clicked timestamp plays, in any episode, playing or not."""

from __future__ import annotations

from PySide6.QtCore import QUrl

from companion.domain import PlaybackState
from companion.ui.models.episode_model import EpisodeListModel


def _position(app) -> int:
    return app.backend.position_ms()


def test_window_lists_episodes_and_shows_linkified_notes(make_window, tone_episode, qtbot):
    app = make_window()
    window = app.window
    assert window.episode_model.rowCount() == 1
    assert window.selected_episode.id == tone_episode.id
    html = window.notes_view.toHtml()
    assert 'href="seek:30000"' in html and 'href="seek:60000"' in html
    assert "测试节目" in window.episode_title.text()
    titles = [item.text(0) for item in window.chapter_view.chapter_items()]
    assert len(titles) == 3 and "Second part" in titles[1]


def test_timestamp_click_plays_an_episode_that_is_not_playing(
    make_window, library, tone_episode, tone_wav, qtbot
):
    other = library.add_episode(
        tone_episode.podcast_id, "Another one", audio_path=str(tone_wav), notes="00:10 a 00:20 b"
    )
    app = make_window()
    window = app.window
    app.controller.play_episode(other.id, 5_000)
    qtbot.waitUntil(lambda: app.controller.state() == PlaybackState.PLAYING, timeout=5000)
    window.select_episode(tone_episode.id)
    assert window.selected_episode.id == tone_episode.id
    window.notes_view.activate_link(QUrl("seek:60000"))
    qtbot.waitUntil(lambda: app.controller.episode.id == tone_episode.id, timeout=2000)
    qtbot.waitUntil(lambda: abs(_position(app) - 60_000) < 500, timeout=5000)
    qtbot.waitUntil(lambda: app.controller.state() == PlaybackState.PLAYING, timeout=5000)
    assert window.player_bar.title_label.text().startswith("测试节目")


def test_clicking_a_rendered_link_in_the_view_seeks(make_window, tone_episode, qtbot):
    app = make_window()
    view = app.window.notes_view
    link_urls = []
    view.anchorClicked.connect(lambda url: link_urls.append(url.toString()))
    # find the rendered anchor for 00:30 and click where Qt laid it out
    doc = view.document()
    block = doc.begin()
    target = None
    while block.isValid() and target is None:
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref() == "seek:30000":
                target = fragment.position()
                break
            it += 1
        block = block.next()
    assert target is not None
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(doc)
    cursor.setPosition(target + 1)
    rect = view.cursorRect(cursor)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert link_urls == ["seek:30000"]
    qtbot.waitUntil(lambda: abs(_position(app) - 30_000) < 500, timeout=5000)


def test_chapter_click_plays_from_the_chapter(make_window, tone_episode, qtbot):
    app = make_window()
    items = app.window.chapter_view.chapter_items()
    app.window.chapter_view.itemClicked.emit(items[2], 0)
    qtbot.waitUntil(lambda: abs(_position(app) - 60_000) < 500, timeout=5000)


def test_web_links_are_not_followed_inside_the_view(make_window, tone_episode, qtbot):
    app = make_window()
    view = app.window.notes_view
    view._open_web_links = False  # do not launch a browser from the test
    source_before = view.toHtml()
    with qtbot.waitSignal(view.web_link_activated) as blocker:
        view.activate_link(QUrl("https://example.org"))
    assert blocker.args[0].toString() == "https://example.org"
    assert view.toHtml() == source_before
    view.activate_link(QUrl("file:///etc/passwd"))
    assert view.toHtml() == source_before


def test_position_is_saved_and_resumed(make_window, library, tone_episode, qtbot):
    app = make_window()
    app.controller.play_episode(tone_episode.id, 40_000)
    qtbot.waitUntil(lambda: abs(_position(app) - 40_000) < 500, timeout=5000)
    app.controller.pause()
    qtbot.waitUntil(lambda: app.controller.state() == PlaybackState.PAUSED, timeout=5000)
    app.controller.shutdown()
    saved = library.episode(tone_episode.id).position_ms  # where the engine stopped, saved at quit
    assert 39_500 <= saved <= 42_000
    second = make_window()
    second.controller.play_episode(tone_episode.id)
    qtbot.waitUntil(lambda: abs(_position(second) - saved) < 500, timeout=5000)


def test_window_geometry_is_remembered(make_window, library, tone_episode, qtbot):
    app = make_window()
    app.window.resize(700, 520)
    app.window.save_geometry()
    again = make_window()
    assert (again.window.width(), again.window.height()) == (700, 520)


def test_episode_model_passes_the_model_tester(library, tone_episode, qtmodeltester):
    for i in range(450):
        library.add_episode(tone_episode.podcast_id, f"Episode {i}", published_at=1_600_000_000 + i)
    model = EpisodeListModel(library)
    qtmodeltester.check(model)
    assert model.rowCount() == 451
    last = model.index(450, EpisodeListModel.TITLE)
    assert model.data(last) == "Episode 0"


def test_an_empty_library_says_what_to_do(make_window, library, qtbot):
    app = make_window()
    view = app.window.episode_view
    assert app.window.episode_model.rowCount() == 0
    assert "Add a podcast" in view.hint
    assert not view.grab().isNull()  # the hint paints
    app.window.episode_pane.filter_combo.setCurrentIndex(1)
    assert view.hint == "No episodes match this filter."


def test_play_button_on_first_launch_plays_the_selected_episode(make_window, library, tone_episode, qtbot):
    from PySide6.QtCore import Qt

    other = library.add_episode(
        tone_episode.podcast_id, "Older one", audio_path=tone_episode.audio_path, published_at=1
    )
    app = make_window()
    window = app.window
    assert app.controller.episode is None  # nothing played yet: nothing loaded
    button = window.player_bar.play_button
    window.select_episode(other.id)
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.controller.state() == PlaybackState.PLAYING, timeout=5000)
    assert app.controller.episode.id == other.id
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # and then it pauses
    qtbot.waitUntil(lambda: app.controller.state() == PlaybackState.PAUSED, timeout=5000)


def test_play_button_with_nothing_selected_plays_the_first_in_the_list(
    make_window, library, tone_episode, qtbot
):
    from PySide6.QtCore import Qt

    library.add_episode(
        tone_episode.podcast_id, "Older one", audio_path=tone_episode.audio_path, published_at=1
    )
    app = make_window()
    window = app.window
    window.episode_view.clearSelection()
    window._selected = None
    qtbot.mouseClick(window.player_bar.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.controller.state() == PlaybackState.PLAYING, timeout=5000)
    assert app.controller.episode.id == tone_episode.id  # the newest, first in the list


def test_play_button_in_an_empty_library_says_what_to_do(make_window, qtbot):
    from PySide6.QtCore import Qt

    app = make_window()
    button = app.window.player_bar.play_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert app.controller.episode is None
    assert "Add a podcast" in app.window.statusBar().currentMessage()


def test_a_relaunch_comes_back_as_it_was_left(make_window, library, tone_episode, tone_wav, qtbot):
    other_cast = library.add_podcast("Other Cast", feed_url="https://example.org/other.xml")
    library.add_episode(other_cast.id, "Newest of another podcast", published_at=1_800_000_000)
    resumed = library.add_episode(
        tone_episode.podcast_id, "Resumed one", audio_path=str(tone_wav), published_at=1_600_000_000
    )
    app = make_window()
    window = app.window
    assert window.selected_episode.id != resumed.id  # the first row is another episode
    app.controller.play_episode(resumed.id, 20_000)
    qtbot.waitUntil(lambda: abs(_position(app) - 20_000) < 500, timeout=5000)
    app.controller.pause()
    window.episode_pane.show_podcast(tone_episode.podcast_id)
    window.episode_pane.filter_combo.setCurrentIndex(2)  # In progress
    window.resize(760, 600)
    qtbot.waitUntil(lambda: window.size().width() == 760)
    window.detail_splitter.setSizes([150, 350])
    window.splitter.setSizes([300, 600])
    window.left_tabs.setCurrentWidget(window.bookmarks_ui.library_view)
    window.detail_tabs.setCurrentIndex(1)
    sizes = (window.splitter.sizes(), window.detail_splitter.sizes())
    window.close()  # saves, as quitting does
    app.controller.shutdown()

    again = make_window().window
    assert again.size().width() == 760 and again.size().height() == 600
    assert again.selected_episode.id == resumed.id  # the notes shown are the resumed episode's
    assert again.episode_pane.current_episode_id() == resumed.id  # and its row is the selected one
    assert "Resumed one" in again.episode_title.text()
    assert again.player_bar.title_label.text().startswith("Resumed one")
    assert (again.splitter.sizes(), again.detail_splitter.sizes()) == sizes
    assert again.episode_pane.podcast_combo.currentData() == tone_episode.podcast_id
    assert again.episode_pane.filter_combo.currentText() == "In progress"
    assert again.left_tabs.currentWidget() is again.bookmarks_ui.library_view
    assert again.detail_tabs.currentIndex() == 1


SCREENS = {
    "screens": [{"name": "probe", "x": 0, "y": 0, "width": 1600, "height": 1200, "logicalDpi": 96, "dpr": 1}]
}


def test_at_2x_scaling_the_window_comes_back_at_its_size(library_path, tone_episode, tmp_path):
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    config = tmp_path / "screens.json"
    config.write_text(json.dumps(SCREENS), encoding="utf-8")
    probe = Path(__file__).with_name("window_size_probe.py")
    env = {**os.environ, "QT_SCALE_FACTOR": "2", "PROBE_PLATFORM": f"offscreen:configfile={config}"}
    env["PYTHONPATH"] = str(probe.parent.parent)

    def launch(*size: int) -> dict:
        argv = [sys.executable, str(probe), str(library_path), *map(str, size)]
        result = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout.strip().splitlines()[-1])

    first = launch(760, 540)
    assert first["scale"] == 2.0 and first["room"] == [800, 600]
    # the first window fits the (scaled) screen: it is not bigger than what it can be restored at
    assert first["shown"][0] <= 800 and first["shown"][1] <= 600
    second = launch()
    assert second["shown"] == [760, 540]
    third = launch(790, 575)  # nearly the whole screen
    assert launch()["shown"] == third["closed"] == [790, 575]
