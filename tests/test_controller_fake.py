"""PlaybackController and the sleep timer on the fake backend: the logic, fast (the contract test shows
the fake keeps VLC's promises)."""

from __future__ import annotations

import pytest

from companion.domain import PlaybackState
from companion.playback.controller import PlaybackController
from companion.playback.fake_backend import FakeBackend
from companion.playback.sleep_timer import SleepTimer
from companion.services.tones import write_tone_wav


@pytest.fixture
def fake():
    backend = FakeBackend()
    yield backend
    backend.shutdown()


@pytest.fixture
def controller(library, fake):
    ctl = PlaybackController(library, fake)
    yield ctl
    ctl.shutdown()


def test_a_seek_is_sent_once_and_signalled(controller, fake, tone_episode, qtbot):
    seeked = []
    controller.seeked.connect(seeked.append)
    controller.play_episode(tone_episode.id, 20_000)
    qtbot.waitUntil(lambda: controller.state() == PlaybackState.PLAYING, timeout=2000)
    assert fake.seeks == []  # opened at 20 s by itself: no second seek
    controller.seek(50_000)
    qtbot.waitUntil(lambda: controller.position_ms() >= 51_000, timeout=3000)
    assert fake.seeks == [50_000] and seeked == [50_000]


def test_normal_progress_is_never_sought_back(controller, fake, tone_episode, qtbot):
    controller.set_rate(2.0)
    controller.play_episode(tone_episode.id, 10_000)
    qtbot.waitUntil(lambda: controller.position_ms() >= 16_000, timeout=5000)
    assert fake.seeks == []


def test_previous_and_next_chapter(controller, tone_episode, qtbot):
    controller.play_episode(tone_episode.id, 31_000)
    qtbot.waitUntil(lambda: controller.state() == PlaybackState.PLAYING, timeout=2000)
    controller.previous_chapter()  # within 3 s of the chapter's start: the one before
    assert controller.position_ms() == 0
    controller.next_chapter()
    assert controller.position_ms() == 30_000
    controller.next_chapter()
    assert controller.position_ms() == 60_000


def test_the_end_marks_played_and_starts_the_next(controller, library, tmp_path, qtbot):
    short = write_tone_wav(tmp_path / "short.wav", [(1, 440)])
    podcast = library.add_podcast("Short")
    first = library.add_episode(podcast.id, "One second", audio_path=str(short))
    second = library.add_episode(podcast.id, "Next", audio_path=str(short))
    library.queue_add(first.id)
    library.queue_add(second.id)
    controller.play_episode(first.id, 0)
    qtbot.waitUntil(lambda: controller.episode.id == second.id, timeout=3000)
    assert library.episode(first.id).played_at is not None
    assert library.queue_ids() == [second.id]


def test_sleep_timer_pauses_after_its_time(controller, tone_episode, qtbot):
    timer = SleepTimer(controller)
    controller.play_episode(tone_episode.id, 0)
    qtbot.waitUntil(lambda: controller.state() == PlaybackState.PLAYING, timeout=2000)
    timer.start_minutes(0.02)  # 1.2 s
    qtbot.waitUntil(lambda: controller.state() == PlaybackState.PAUSED, timeout=5000)
