"""The player bar in the real window with real VLC: a click on the seek bar lands where clicked, the
bar keeps its width, the sleep timer says when it paused, the speed menu shows the speed, and the
volume, mute and sleep keys work."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from companion.domain import PlaybackState
from companion.services.tones import chapter_tones, write_tone_wav


def _pos(app) -> int:
    return app.backend.position_ms()


def _play_at(app, qtbot, episode_id: int, start_ms: int) -> None:
    app.controller.play_episode(episode_id, start_ms)
    qtbot.waitUntil(lambda: abs(_pos(app) - start_ms) < 500, timeout=5000)
    qtbot.waitUntil(lambda: app.controller.state() == PlaybackState.PLAYING, timeout=5000)


def _activate(app, qtbot) -> None:
    """Window shortcuts need the window active; the focus goes to the episode list."""
    app.window.activateWindow()
    qtbot.waitUntil(app.window.isActiveWindow, timeout=5000)
    app.window.episode_view.setFocus()


def _settle() -> None:
    QApplication.processEvents()  # the layout is redone on a posted LayoutRequest


def test_a_click_on_the_bar_seeks_to_the_time_clicked(make_window, library, tmp_path, qtbot):
    # 20 minutes: far enough that a page step (60 s, what a click on the groove used to do) shows
    wav = write_tone_wav(tmp_path / "long.wav", chapter_tones([0, 300, 600, 900], 1200), sample_rate=2000)
    podcast = library.add_podcast("Long", feed_url="https://example.org/long.xml")
    notes = "00:00 One 05:00 Two 10:00 Three 15:00 Four"
    episode = library.add_episode(
        podcast.id, "Twenty minutes", audio_path=str(wav), duration_ms=1_200_000, notes=notes
    )
    app = make_window()
    app.window.resize(1000, 600)
    _play_at(app, qtbot, episode.id, 60_000)
    slider = app.window.player_bar.slider
    qtbot.waitUntil(lambda: slider.maximum() > 1_100_000, timeout=5000)
    _settle()
    groove, handle = slider._groove()
    ms_per_pixel = slider.maximum() / max(1, groove.width() - handle)
    # forward, back, forward, and on the handle's own edge: always the time under the pointer
    for wanted in (900_000, 200_000, 1_100_000, None):
        if wanted is None:
            x = slider.x_for_value(slider.value()) + handle // 2 - 1
            wanted = slider.value_at_x(x)
        else:
            x = slider.x_for_value(wanted)
        with qtbot.waitSignal(app.controller.seeked, timeout=2000) as sought:
            qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=QPoint(x, slider.height() // 2))
        asked = sought.args[0]  # the seek the controller was asked for
        assert abs(asked - wanted) <= ms_per_pixel, (wanted, asked)
        assert abs(asked - slider.value_at_x(x)) <= 1  # the time the hover tip names at that pixel
        assert abs(app.controller.position_ms() - asked) <= 300  # shown at once
        qtbot.waitUntil(lambda t=asked: abs(_pos(app) - t) < 1000, timeout=5000)
        # saved once the player is there (a position it never reached is never saved)
        qtbot.waitUntil(
            lambda t=asked: abs(library.episode(episode.id).position_ms - t) <= 1600, timeout=3000
        )
        assert app.window.player_bar.chapter_label.text() == slider.chapter_at(asked).title


def test_the_seek_bar_keeps_its_width(make_window, tone_episode, qtbot):
    app = make_window()
    window, bar = app.window, app.window.player_bar
    window.resize(1000, 600)
    _play_at(app, qtbot, tone_episode.id, 5_000)
    _settle()
    width = bar.slider.width()
    marks = [bar.slider.x_for_value(v) for v in bar.slider.mark_values()]
    assert width > 300 and len(marks) == 2

    def unchanged() -> None:
        _settle()
        assert bar.slider.width() == width
        assert [bar.slider.x_for_value(v) for v in bar.slider.mark_values()] == marks

    sleep_menu, rate_menu = bar.sleep_button.menu(), bar.rate_button.menu()
    next(a for a in sleep_menu.actions() if a.text() == "In 15 minutes").trigger()
    qtbot.waitUntil(lambda: bar.sleep_timer.describe().startswith("Sleep in 1"), timeout=2000)
    unchanged()
    next(a for a in sleep_menu.actions() if a.text() == "At the end of this episode").trigger()
    assert bar.sleep_timer.describe() == "Sleep at episode end"
    unchanged()
    next(a for a in rate_menu.actions() if a.text() == "1.25×").trigger()
    assert bar.rate_button.text() == "1.25×"
    unchanged()
    app.controller.slower()  # 1.15×: a speed that is not in the menu
    unchanged()
    app.controller.seek(65_000)  # a later time of the same length
    qtbot.waitUntil(lambda: bar.elapsed_label.text().startswith("1:0"), timeout=5000)
    unchanged()
    next(a for a in sleep_menu.actions() if a.text() == "Off").trigger()
    unchanged()
    # the countdown shows above the bar
    next(a for a in sleep_menu.actions() if a.text() == "In 5 minutes").trigger()
    qtbot.waitUntil(lambda: bar.sleep_label.text().startswith("Sleep in"), timeout=2000)
    unchanged()


def test_the_sleep_timer_says_it_paused_playback(make_window, tone_episode, qtbot):
    app = make_window()
    bar = app.window.player_bar
    _play_at(app, qtbot, tone_episode.id, 10_000)
    assert bar.notice_label.isHidden()
    with qtbot.waitSignal(bar.sleep_timer.fired, timeout=5000):
        bar.sleep_timer.start_minutes(1 / 60)
    qtbot.waitUntil(lambda: app.controller.state() == PlaybackState.PAUSED, timeout=5000)
    assert bar.notice_label.text() == "Sleep timer paused playback"
    assert bar.notice_label.isVisible()
    bar.play_button.click()  # playing again: the notice has been read
    qtbot.waitUntil(lambda: app.controller.state() == PlaybackState.PLAYING, timeout=5000)
    assert bar.notice_label.isHidden()


def test_the_speed_menu_checks_the_current_speed(make_window, tone_episode, qtbot):
    app = make_window()
    bar = app.window.player_bar
    _activate(app, qtbot)
    menu = bar.rate_menu
    assert menu.checked_rate() == 1.0
    assert [a.text() for a in menu.actions() if a.isChecked()] == ["1×"]
    qtbot.keyClick(app.window.episode_view, Qt.Key.Key_BracketRight)
    assert app.controller.rate == 1.1 and menu.checked_rate() == 1.1
    qtbot.keyClick(app.window.episode_view, Qt.Key.Key_BracketRight)  # 1.2×, not in the list
    assert menu.checked_rate() == 1.2
    texts = [a.text() for a in menu.actions()]
    assert texts.index("1.2×") == texts.index("1.1×") + 1  # listed in its place
    assert [a.text() for a in menu.actions() if a.isChecked()] == ["1.2×"]
    qtbot.keyClick(app.window.episode_view, Qt.Key.Key_BracketLeft)
    qtbot.keyClick(app.window.episode_view, Qt.Key.Key_BracketLeft)
    assert menu.checked_rate() == 1.0 and "1.2×" not in [a.text() for a in menu.actions()]
    next(a for a in menu.actions() if a.text() == "1.5×").trigger()
    assert app.controller.rate == 1.5
    assert [a.text() for a in menu.actions() if a.isChecked()] == ["1.5×"] == [bar.rate_button.text()]


def test_mute_volume_and_sleep_keys(make_window, tone_episode, qtbot):
    app = make_window()
    bar = app.window.player_bar
    _play_at(app, qtbot, tone_episode.id, 1_000)
    _activate(app, qtbot)
    view = app.window.episode_view
    qtbot.keyClick(view, Qt.Key.Key_M)
    assert app.controller.muted and "Unmute" in bar.mute_button.toolTip()
    qtbot.keyClick(view, Qt.Key.Key_M)
    assert not app.controller.muted
    bar.volume_slider.setValue(50)
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert app.controller.volume == 55 and bar.volume_slider.value() == 55
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert app.controller.volume == 40 and bar.volume_slider.value() == 40
    # T opens the sleep timer's choices: Down, Enter picks the first time
    qtbot.keyClick(view, Qt.Key.Key_T)
    menu = bar.sleep_menu
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    qtbot.keyClick(menu, Qt.Key.Key_Down)
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not menu.isVisible(), timeout=2000)
    qtbot.waitUntil(lambda: bar.sleep_label.text() in ("Sleep in 5:00", "Sleep in 4:59"), timeout=2000)
    _activate(app, qtbot)  # the window is active again once the menu is gone
    qtbot.keyClick(view, Qt.Key.Key_T, Qt.KeyboardModifier.ShiftModifier)
    assert bar.sleep_label.isHidden() and menu.off_action.isChecked()
