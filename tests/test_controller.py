"""PlaybackController with real VLC: pending seeks, saved positions, end of episode, failures."""

from __future__ import annotations

import pytest

from companion.domain import PlaybackState
from companion.playback.controller import PlaybackController
from companion.services.tones import write_tone_wav


@pytest.fixture
def controller(library, vlc_backend):
    ctl = PlaybackController(library, vlc_backend)
    yield ctl
    ctl.shutdown()


def test_seek_asked_before_the_media_is_ready_is_applied(controller, tone_episode, qtbot):
    controller.play_episode(tone_episode.id, 0)
    controller.seek(70_000)
    assert controller.position_ms() == 70_000  # the target is shown at once
    qtbot.waitUntil(lambda: abs(controller.backend.position_ms() - 70_000) < 500, timeout=5000)


def test_switching_episodes_saves_the_position(controller, library, tone_episode, tone_wav, qtbot):
    other = library.add_episode(tone_episode.podcast_id, "Other", audio_path=str(tone_wav))
    controller.play_episode(tone_episode.id, 20_000)
    qtbot.waitUntil(lambda: abs(controller.backend.position_ms() - 20_000) < 500, timeout=5000)
    controller.play_episode(other.id, 0)
    assert 19_500 <= library.episode(tone_episode.id).position_ms <= 21_500


def test_resume_starts_where_the_listener_left(controller, library, tone_episode, qtbot):
    library.save_position(tone_episode.id, 45_000)
    controller.play_episode(tone_episode.id)
    qtbot.waitUntil(lambda: abs(controller.backend.position_ms() - 45_000) < 500, timeout=5000)


def test_end_marks_played_and_rewinds(controller, library, tmp_path, qtbot):
    audio = write_tone_wav(tmp_path / "short.wav", [(2, 330)])
    podcast = library.add_podcast("Short")
    episode = library.add_episode(podcast.id, "Two seconds", audio_path=str(audio))
    controller.play_episode(episode.id, 1_000)
    qtbot.waitUntil(lambda: library.episode(episode.id).played_at is not None, timeout=8000)
    assert library.episode(episode.id).position_ms == 0


def test_missing_audio_is_an_error_and_not_played(controller, library, tmp_path, qtbot):
    podcast = library.add_podcast("Gone")
    episode = library.add_episode(podcast.id, "Deleted file", audio_path=str(tmp_path / "x.wav"))
    with qtbot.waitSignal(controller.error_changed) as blocker:
        controller.play_episode(episode.id, 0)
    assert "missing" in blocker.args[0]
    assert controller.state() == PlaybackState.ERROR
    assert library.episode(episode.id).played_at is None


def test_episode_without_media_says_so(controller, library, qtbot):
    podcast = library.add_podcast("Notes only")
    episode = library.add_episode(podcast.id, "No audio", notes="00:10 a 00:20 b")
    with qtbot.waitSignal(controller.error_changed) as blocker:
        controller.play_episode(episode.id, 10_000)
    assert "no audio" in blocker.args[0]


def test_shutdown_saves_and_ignores_later_calls(controller, library, tone_episode, qtbot):
    controller.play_episode(tone_episode.id, 30_000)
    qtbot.waitUntil(lambda: abs(controller.backend.position_ms() - 30_000) < 500, timeout=5000)
    controller.shutdown()
    assert 29_500 <= library.episode(tone_episode.id).position_ms <= 31_500
    controller.pause()
    controller.seek(1_000)  # no crash after the engine is released
    assert 29_500 <= library.episode(tone_episode.id).position_ms <= 31_500
