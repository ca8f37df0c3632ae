"""The Transcript tab in the real window (real VLC, --aout=dummy): following the playing cue, the 5 s pause
after scrolling by hand (a controlled clock), a click plays a cue of an episode not playing, Ctrl+F with
next and previous, copy with times, a cue bookmarked with its text quoted, a search hit played."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication

from companion.domain import FetchedTranscript, PlaybackState
from companion.transcripts import Cue
from companion.ui.panes.transcript_view import FOLLOW_PAUSE_S

SPEAKERS = ("Ann", "Ben")


def cue_text(second: int) -> str:
    return f"Sentence number {second} about fireflies" if second != 42 else "The glowworm moment is here"


@pytest.fixture
def transcribed(library, tone_episode):
    """The 90-second tone episode with a cue a second (each naming its second)."""
    cues = tuple(Cue(s * 1000, s * 1000 + 1000, SPEAKERS[s % 2], cue_text(s)) for s in range(90))
    library.store_transcript(
        tone_episode.id, FetchedTranscript(None, "text/vtt", "en", "/x/t.vtt", "vtt", cues)
    )
    return tone_episode


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def open_transcript(app, qtbot, episode_id: int):
    window = app.window
    window.select_episode(episode_id)
    ui = window.transcript_ui
    window.detail_tabs.setCurrentWidget(ui.pane)
    qtbot.waitUntil(lambda: ui.pane.view.cue_model.rowCount() > 0, timeout=3000)
    return ui.pane


def third_from_top(view, row: int) -> bool:
    rect = view.visualRect(view.cue_model.index(row))
    target = view.viewport().height() / 3
    return rect.isValid() and abs(rect.top() - target) <= max(rect.height(), 4)


def test_the_tab_shows_cues_with_time_and_speaker_and_an_empty_state(
    make_window, library, transcribed, qtbot
):
    other = library.add_episode(transcribed.podcast_id, "No words here")
    app = make_window()
    pane = open_transcript(app, qtbot, transcribed.id)
    assert app.window.detail_tabs.tabText(1) == "Transcript"
    index = pane.view.cue_model.index(3)
    assert index.data() == "0:03  Ben: Sentence number 3 about fireflies"
    app.window.select_episode(other.id)
    assert pane.view.cue_model.rowCount() == 0
    assert pane.message.text() == "No transcript for this episode." and pane.retry_button.isHidden()


def test_the_playing_cue_is_highlighted_and_kept_a_third_from_the_top(make_window, transcribed, qtbot):
    app = make_window()
    app.window.resize(900, 700)
    pane = open_transcript(app, qtbot, transcribed.id)
    view = pane.view
    app.controller.play_episode(transcribed.id, 50_000)
    qtbot.waitUntil(lambda: view.cue_model.current in (50, 51, 52), timeout=8000)
    row = view.cue_model.current
    assert view.cue_model.index(row).data(Qt.ItemDataRole.FontRole).bold()
    qtbot.waitUntil(lambda: third_from_top(view, view.cue_model.current), timeout=3000)
    qtbot.waitUntil(lambda: view.cue_model.current > row, timeout=4000)  # it moves on with the audio
    assert third_from_top(view, view.cue_model.current)


def test_scrolling_by_hand_pauses_following_for_five_seconds(make_window, transcribed, qtbot):
    app = make_window()
    pane = open_transcript(app, qtbot, transcribed.id)
    view = pane.view
    clock = Clock()
    view.clock = clock
    view.follow(20_000)
    assert third_from_top(view, 20)
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())  # the listener drags the scroll bar to the end
    scrolled = bar.value()
    clock.now += FOLLOW_PAUSE_S - 0.5
    view.follow(30_000)  # a tick: the highlight moves, the list stays where the listener put it
    assert view.cue_model.current == 30 and bar.value() == scrolled
    clock.now += 1.0
    view.follow(31_000)  # five seconds after the scroll: following again
    assert third_from_top(view, 31)


def test_a_click_on_a_cue_plays_it_in_an_episode_that_is_not_playing(
    make_window, library, transcribed, tone_wav, qtbot
):
    other = library.add_episode(
        transcribed.podcast_id, "Another", audio_path=str(tone_wav), duration_ms=90_000
    )
    app = make_window()
    app.controller.play_episode(other.id, 5_000)
    qtbot.waitUntil(lambda: app.controller.state() == PlaybackState.PLAYING, timeout=5000)
    pane = open_transcript(app, qtbot, transcribed.id)
    view = pane.view
    view.show_row(70)
    rect = view.visualRect(view.cue_model.index(70))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: app.controller.episode.id == transcribed.id, timeout=5000)
    qtbot.waitUntil(lambda: abs(app.backend.position_ms() - 70_000) < 800, timeout=5000)
    qtbot.waitUntil(lambda: view.cue_model.current in (70, 71), timeout=5000)


def test_ctrl_f_finds_in_the_transcript_with_next_and_previous(make_window, transcribed, qtbot):
    app = make_window()
    pane = open_transcript(app, qtbot, transcribed.id)
    view = pane.view
    view.setFocus()
    override = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    QApplication.sendEvent(view, override)
    assert override.isAccepted()  # Ctrl+F in the list is the list's, not the window's search shortcut
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    # (a key sent to the list itself: QTest cannot deliver Ctrl+letter shortcuts offscreen)
    assert pane.find_bar.isVisible() and app.window.focusWidget() is pane.find_edit  # not the window's search
    qtbot.keyClicks(pane.find_edit, "number 1")  # 1, 10-19 (rows 1 and 10..19)
    assert pane.matches == [1, *range(10, 20)]
    assert view.currentIndex().row() == 1 and pane.find_count.text() == "1 of 11"
    qtbot.keyClick(pane.find_edit, Qt.Key.Key_Return)
    assert view.currentIndex().row() == 10 and pane.find_count.text() == "2 of 11"
    pane.next_button.click()
    assert view.currentIndex().row() == 11
    qtbot.keyClick(pane.find_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert view.currentIndex().row() == 10
    pane.previous_button.click()
    pane.previous_button.click()
    assert view.currentIndex().row() == 19  # before the first: the last
    pane.find_edit.setText("no such words")
    assert pane.matches == [] and pane.find_count.text() == "Not found"
    qtbot.keyClick(pane.find_edit, Qt.Key.Key_Escape)
    assert not pane.find_bar.isVisible()


def test_selected_cues_are_copied_with_their_times(make_window, transcribed, qtbot):
    app = make_window()
    pane = open_transcript(app, qtbot, transcribed.id)
    view = pane.view
    model = view.cue_model
    selection = view.selectionModel()
    selection.select(model.index(3), selection.SelectionFlag.Select)
    selection.select(model.index(2), selection.SelectionFlag.Select)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == (
        "0:02  Ann: Sentence number 2 about fireflies\n0:03  Ben: Sentence number 3 about fireflies"
    )


def test_bookmark_this_moment_on_a_cue_quotes_its_text(make_window, library, transcribed, qtbot):
    app = make_window()
    pane = open_transcript(app, qtbot, transcribed.id)
    menu = pane.view.cue_menu(42)
    labels = [action.text() for action in menu.actions()]
    assert labels == ["Play from here", "Bookmark this moment", "Copy"]
    menu.actions()[1].trigger()
    marks = library.bookmarks(episode_id=transcribed.id)
    assert [(b.position_ms, b.note) for b in marks] == [(42_000, "> Ann: The glowworm moment is here")]
    dialog = app.window.bookmarks_ui.actions.dialog
    if dialog is not None:  # the note editor opened on the quote: Save keeps it
        dialog.accept()
    assert library.bookmarks(episode_id=transcribed.id)[0].note == "> Ann: The glowworm moment is here"


def test_a_transcript_search_hit_plays_its_moment_on_enter(make_window, transcribed, qtbot):
    app = make_window()
    field = app.window.search_field
    field.setFocus()
    with qtbot.waitSignal(app.window.search.results_changed, timeout=3000):
        qtbot.keyClicks(field, "glowworm")
    hits = [item.data(0, Qt.ItemDataRole.UserRole + 1) for item in app.window.search_results.hit_items()]
    assert [(h.kind, h.start_ms) for h in hits] == [("transcript", 42_000)]
    assert "<b>glowworm</b>" in hits[0].snippet_html
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: abs(app.backend.position_ms() - 42_000) < 800, timeout=5000)
    assert app.controller.episode.id == transcribed.id


def test_add_episode_takes_a_transcript_file_or_the_one_beside_the_audio(
    make_window, library, tmp_path, qtbot
):
    from companion.services.tones import write_tone_wav

    first = write_tone_wav(tmp_path / "first.wav", [(2, 440)])
    second = write_tone_wav(tmp_path / "second.wav", [(2, 550)])
    (tmp_path / "second.vtt").write_text(
        "WEBVTT\n\n00:01.000 --> 00:02.000\nBeside the audio.\n", encoding="utf-8"
    )
    chosen = tmp_path / "chosen.srt"
    chosen.write_text("1\n00:00:00,000 --> 00:00:01,000\nChosen by hand.\n", encoding="utf-8")
    (tmp_path / "bad.vtt").write_bytes(b"")
    app = make_window()
    for audio, transcript, expected in (
        (first, chosen, "Chosen by hand."),
        (second, None, "Beside the audio."),
    ):
        dialog = app.window.feed_ui.ask_add_episode()  # the second time too
        dialog.audio.edit.setText(str(audio))
        dialog.title_edit.setText(audio.stem)
        if transcript is not None:
            dialog.transcript.edit.setText(str(tmp_path / "bad.vtt"))
            dialog._on_accept()
            assert dialog.isVisible() and "holds no text" in dialog.error_label.text()
            dialog.transcript.edit.setText(str(transcript))
        dialog._on_accept()
        assert not dialog.isVisible()
        episode_id = app.window.selected_episode.id
        assert [c[3] for c in library.transcript_cues(episode_id)] == [expected]
        qtbot.waitUntil(lambda: app.window.transcript_ui.pane.view.cue_model.rowCount() == 1, timeout=3000)
    assert sorted(e.title for e in library.episodes()) == ["first", "second"]


def test_the_window_indexes_stored_cues_in_steps_without_waiting(make_window, library, transcribed, qtbot):
    assert library.transcripts_to_index() == 90
    app = make_window()
    jobs = app.window.transcript_ui.jobs
    steps = []
    original = library.index_transcripts_step
    library.index_transcripts_step = lambda budget=30: steps.append(budget) or original(30)
    jobs.index_soon(0)
    qtbot.waitUntil(lambda: library.transcripts_to_index() == 0, timeout=5000)
    assert len(steps) == 3  # 30 cues a step, the event loop running between them
