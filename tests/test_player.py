"""The listening experience on the real window and real VLC: chapters on the seek bar, chapter
navigation, resume, the played rule, speed, sleep timer and the Up Next queue."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QModelIndex, Qt

from companion.domain import PlaybackState
from companion.library import Library
from companion.services.tones import write_tone_wav
from companion.ui.panes.queue_view import MIME


def _pos(app) -> int:
    return app.backend.position_ms()


def _play_at(app, qtbot, episode_id: int, start_ms: int) -> None:
    app.controller.play_episode(episode_id, start_ms)
    qtbot.waitUntil(lambda: abs(_pos(app) - start_ms) < 500, timeout=5000)
    qtbot.waitUntil(lambda: app.controller.state() == PlaybackState.PLAYING, timeout=5000)


def test_seek_bar_marks_chapters_and_names_them(make_window, tone_episode, qtbot):
    app = make_window()
    app.window.resize(1000, 600)
    _play_at(app, qtbot, tone_episode.id, 5_000)
    slider = app.window.player_bar.slider
    assert slider.maximum() == 90_000
    assert slider.mark_values() == [30_000, 60_000]
    xs = [slider.x_for_value(v) for v in (0, 30_000, 60_000, 89_999)]
    assert xs == sorted(xs) and len(set(xs)) == 4
    assert slider.describe(slider.value_at_x(xs[1] + 2)).endswith("Second part")
    assert slider.describe(45_000) == "0:45 · 第二段 Second part"
    # dragging shows the target and its chapter before release
    slider.setSliderDown(True)
    app.window.player_bar._on_slider_pressed()
    slider.setSliderPosition(65_000)
    assert app.window.player_bar.elapsed_label.text() == "1:05"
    assert "The end" in app.window.player_bar.chapter_label.text()
    assert abs(_pos(app) - 65_000) > 1_000  # not yet seeked
    slider.setSliderDown(False)
    app.window.player_bar._on_slider_released()
    qtbot.waitUntil(lambda: abs(_pos(app) - 65_000) < 500, timeout=5000)
    assert not app.window.player_bar.grab().isNull()


def test_current_chapter_follows_playback(make_window, tone_episode, qtbot):
    app = make_window()
    bar = app.window.player_bar
    _play_at(app, qtbot, tone_episode.id, 27_000)
    assert "开场" in bar.chapter_label.text()
    assert app.window.chapter_view.current_start() == 0
    app.controller.set_rate(3.0)
    qtbot.waitUntil(lambda: "Second part" in bar.chapter_label.text(), timeout=6000)
    assert app.window.chapter_view.current_start() == 30_000
    assert app.controller.chapter_index == 1
    app.controller.set_rate(1.0)


def test_next_and_previous_chapter(make_window, tone_episode, qtbot):
    app = make_window()
    _play_at(app, qtbot, tone_episode.id, 35_000)
    app.controller.next_chapter()
    qtbot.waitUntil(lambda: abs(_pos(app) - 60_000) < 500, timeout=5000)
    app.controller.previous_chapter()  # within 3 s of the start: the chapter before
    qtbot.waitUntil(lambda: abs(_pos(app) - 30_000) < 500, timeout=5000)
    _play_at(app, qtbot, tone_episode.id, 45_000)
    app.controller.previous_chapter()  # 15 s in: restart this chapter
    qtbot.waitUntil(lambda: abs(_pos(app) - 30_000) < 500, timeout=5000)


def test_skip_steps(make_window, tone_episode, qtbot):
    app = make_window()
    _play_at(app, qtbot, tone_episode.id, 40_000)
    app.controller.skip_forward()
    qtbot.waitUntil(lambda: abs(_pos(app) - 70_000) < 700, timeout=5000)
    app.controller.skip_back()
    qtbot.waitUntil(lambda: abs(_pos(app) - 60_000) < 700, timeout=5000)


def test_keyboard_shortcuts_drive_the_player(make_window, tone_episode, qtbot):
    app = make_window()
    window = app.window
    window.episode_view.setFocus()
    _play_at(app, qtbot, tone_episode.id, 35_000)
    qtbot.keyClick(window.episode_view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: abs(_pos(app) - 60_000) < 500, timeout=5000)
    qtbot.keyClick(window.episode_view, Qt.Key.Key_BracketRight)
    assert app.controller.rate == 1.1
    qtbot.keyClick(window.episode_view, Qt.Key.Key_BracketLeft)
    assert app.controller.rate == 1.0
    qtbot.keyClick(window.episode_view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: app.controller.state() == PlaybackState.PAUSED, timeout=5000)
    names = [a.text() for a in window.menuBar().actions()]
    assert "&Help" in names


def test_resume_after_closing_and_reopening_the_window(make_window, library_path, tone_episode, qtbot):
    app = make_window()
    _play_at(app, qtbot, tone_episode.id, 50_000)
    app.window.close()
    app.controller.shutdown()
    again = make_window(Library(library_path))
    bar = again.window.player_bar
    # the stored position shows before anything loads, then Space resumes there
    assert bar.title_label.text().startswith("测试节目")
    assert 49_000 <= again.controller.position_ms() <= 52_000
    again.window.toggle_playback()
    qtbot.waitUntil(lambda: abs(_pos(again) - 50_500) < 1_000, timeout=5000)


def test_marked_played_near_the_end_but_not_before(make_window, library, tone_episode, qtbot):
    app = make_window()
    _play_at(app, qtbot, tone_episode.id, 20_000)
    assert library.episode(tone_episode.id).played_at is None
    _play_at(app, qtbot, tone_episode.id, 81_000)  # within 10 s of the end (and past 90%)
    qtbot.waitUntil(lambda: library.episode(tone_episode.id).played_at is not None, timeout=3000)
    assert app.window.episode_model.data(app.window.episode_model.index(0, 4)) == "Played"
    app.controller.mark_played(tone_episode.id, False)
    assert library.episode(tone_episode.id).played_at is None


def test_queue_advances_at_the_end_of_an_episode(make_window, library, tmp_path, qtbot):
    podcast = library.add_podcast("Short ones")
    first = library.add_episode(
        podcast.id, "Two seconds", audio_path=str(write_tone_wav(tmp_path / "a.wav", [(2, 440)]))
    )
    second = library.add_episode(
        podcast.id, "Next one", audio_path=str(write_tone_wav(tmp_path / "b.wav", [(20, 660)]))
    )
    app = make_window()
    app.window.add_to_queue(first.id)
    app.window.add_to_queue(second.id)
    assert app.window.queue_model.episode_ids() == [first.id, second.id]
    app.controller.play_episode(first.id, 0)
    qtbot.waitUntil(
        lambda: app.controller.episode is not None and app.controller.episode.id == second.id,
        timeout=10_000,
    )
    qtbot.waitUntil(lambda: app.controller.state() == PlaybackState.PLAYING, timeout=5000)
    assert library.episode(first.id).played_at is not None
    assert app.window.queue_model.episode_ids() == [second.id]


def test_queue_order_is_stored_and_survives_a_restart(library_path, library, qtbot):
    from companion.ui.panes.queue_view import QueueModel

    podcast = library.add_podcast("Queue")
    ids = [library.add_episode(podcast.id, f"Ep {i}").id for i in range(4)]
    model = QueueModel(library)
    for episode_id in ids:
        library.queue_add(episode_id)
    model.reload()
    # drag row 3 to the top, as the view does
    data = model.mimeData([model.index(3)])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert model.episode_ids() == [ids[3], ids[0], ids[1], ids[2]]
    # drag row 0 below row 2
    assert model.dropMimeData(model.mimeData([model.index(0)]), Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert model.episode_ids() == [ids[0], ids[1], ids[3], ids[2]]
    bogus = QMimeData()
    bogus.setData("text/plain", b"1")
    assert not model.dropMimeData(bogus, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert MIME in model.mimeTypes()
    reopened = Library(library_path)
    assert reopened.queue_ids() == [ids[0], ids[1], ids[3], ids[2]]
    reopened.close()


def test_queue_model_passes_the_model_tester(library, qtmodeltester):
    from companion.ui.panes.queue_view import QueueModel

    podcast = library.add_podcast("Queue")
    for i in range(3):
        library.queue_add(library.add_episode(podcast.id, f"Ep {i}").id)
    qtmodeltester.check(QueueModel(library))


def test_sleep_timer_pauses_after_the_time(make_window, tone_episode, qtbot):
    app = make_window()
    _play_at(app, qtbot, tone_episode.id, 10_000)
    timer = app.window.sleep_timer
    with qtbot.waitSignal(timer.fired, timeout=5000):
        timer.start_minutes(1.5 / 60)
        assert app.window.player_bar.sleep_label.text().startswith("Sleep in")
    qtbot.waitUntil(lambda: app.controller.state() == PlaybackState.PAUSED, timeout=5000)
    assert app.window.player_bar.sleep_label.isHidden()


def test_sleep_timer_at_the_end_of_the_chapter(make_window, tone_episode, qtbot):
    app = make_window()
    _play_at(app, qtbot, tone_episode.id, 28_500)
    with qtbot.waitSignal(app.window.sleep_timer.fired, timeout=6000):
        app.window.sleep_timer.start_end_of_chapter()
    qtbot.waitUntil(lambda: app.controller.state() == PlaybackState.PAUSED, timeout=5000)
    assert 29_000 <= _pos(app) <= 31_500


def test_volume_and_mute(make_window, tone_episode, qtbot):
    app = make_window()
    _play_at(app, qtbot, tone_episode.id, 1_000)
    app.window.player_bar.volume_slider.setValue(40)
    assert app.controller.volume == 40
    app.window.player_bar.mute_button.click()
    assert app.controller.muted
    app.window.player_bar.mute_button.click()
    assert not app.controller.muted and app.controller.volume == 40


def test_preferences_change_the_skip_steps(make_window, library, tone_episode, qtbot):
    app = make_window()
    dialog = app.window.show_preferences()
    dialog.skip_back.setValue(5)
    dialog.skip_forward.setValue(15)
    dialog.refresh_minutes.setValue(0)
    dialog.accept()
    assert library.setting("skip_forward_ms") == "15000"
    assert library.setting("auto_refresh_minutes") == "0"
    assert not app.jobs.refresh_if_due()  # refreshing at start-up is off
    _play_at(app, qtbot, tone_episode.id, 40_000)
    app.controller.skip_forward()
    qtbot.waitUntil(lambda: abs(_pos(app) - 55_000) < 700, timeout=5000)
    app.controller.skip_back()
    qtbot.waitUntil(lambda: abs(_pos(app) - 50_000) < 700, timeout=5000)


def test_sleep_at_the_end_of_the_episode_does_not_start_the_next(make_window, library, tmp_path, qtbot):
    podcast = library.add_podcast("Short ones")
    first = library.add_episode(
        podcast.id, "Three seconds", audio_path=str(write_tone_wav(tmp_path / "a.wav", [(3, 440)]))
    )
    second = library.add_episode(
        podcast.id, "Next one", audio_path=str(write_tone_wav(tmp_path / "b.wav", [(20, 660)]))
    )
    app = make_window()
    app.window.add_to_queue(first.id)
    app.window.add_to_queue(second.id)
    app.controller.play_episode(first.id, 0)
    qtbot.waitUntil(lambda: app.controller.state() == PlaybackState.PLAYING, timeout=5000)
    with qtbot.waitSignal(app.window.sleep_timer.fired, timeout=10_000):
        app.window.sleep_timer.start_end_of_episode()
    assert app.controller.episode.id == first.id  # the queue did not advance
    assert app.controller.state() != PlaybackState.PLAYING
    assert library.episode(first.id).played_at is not None
    assert app.controller.advance_queue  # the next episode end advances again
