"""The backend contract: the same checks on real VLC (--aout=dummy) and on the fake the fast tests use."""

from __future__ import annotations

import time

import pytest

from companion.domain import PlaybackState
from companion.playback.backend import MAX_RATE, MIN_RATE


@pytest.fixture(params=["vlc", "fake"])
def backend(request, qtbot):
    if request.param == "vlc":
        from companion.playback.vlc_backend import VlcBackend, import_vlc

        made = VlcBackend(import_vlc(), ("--aout=dummy",))
    else:
        from companion.playback.fake_backend import FakeBackend

        made = FakeBackend()
    yield made
    made.shutdown()


vlc_backend = backend  # the checks below were written for VLC; they hold for both


def test_rates_are_clamped_to_the_same_limits(backend, tone_wav, qtbot):
    backend.load(str(tone_wav))
    backend.play()
    qtbot.waitUntil(lambda: backend.state() == PlaybackState.PLAYING, timeout=5000)
    for asked, kept in ((0.1, MIN_RATE), (9.0, MAX_RATE)):
        backend.set_rate(asked)
        qtbot.wait(200)  # the new rate takes hold
        start, t0 = backend.position_ms(), time.monotonic()
        qtbot.wait(1000)
        moved, elapsed_ms = backend.position_ms() - start, (time.monotonic() - t0) * 1000
        # the position moves at the clamped rate (0.1x would be far slower, 9x far faster)
        assert elapsed_ms * kept * 0.55 <= moved <= elapsed_ms * kept * 1.6, (asked, moved, elapsed_ms)


def test_plays_and_reports_duration(vlc_backend, tone_wav, qtbot):
    with qtbot.waitSignal(
        vlc_backend.state_changed,
        timeout=5000,
        check_params_cb=lambda s: s == PlaybackState.PLAYING,
    ):
        vlc_backend.load(str(tone_wav))
        vlc_backend.play()
    qtbot.waitUntil(lambda: vlc_backend.duration_ms() > 0, timeout=5000)
    assert abs(vlc_backend.duration_ms() - 90_000) < 100


def test_seek_lands_within_half_a_second(vlc_backend, tone_wav, qtbot):
    vlc_backend.load(str(tone_wav))
    vlc_backend.play()
    qtbot.waitUntil(vlc_backend.is_seekable, timeout=5000)
    vlc_backend.seek(35_000)
    qtbot.waitUntil(lambda: abs(vlc_backend.position_ms() - 35_000) < 500, timeout=5000)
    qtbot.waitUntil(lambda: vlc_backend.state() == PlaybackState.PLAYING, timeout=5000)


def test_start_position_given_at_load(vlc_backend, tone_wav, qtbot):
    vlc_backend.load(str(tone_wav), start_ms=61_000)
    vlc_backend.play()
    qtbot.waitUntil(lambda: abs(vlc_backend.position_ms() - 61_000) < 500, timeout=5000)


def test_pause_then_resume(vlc_backend, tone_wav, qtbot):
    vlc_backend.load(str(tone_wav))
    vlc_backend.play()
    qtbot.waitUntil(lambda: vlc_backend.state() == PlaybackState.PLAYING, timeout=5000)
    with qtbot.waitSignal(vlc_backend.state_changed, timeout=5000):
        vlc_backend.pause()
    assert vlc_backend.state() == PlaybackState.PAUSED
    paused_at = vlc_backend.position_ms()
    vlc_backend.play()
    qtbot.waitUntil(lambda: vlc_backend.position_ms() > paused_at + 200, timeout=5000)


def test_missing_file_fails_with_a_clear_message(vlc_backend, tmp_path, qtbot):
    missing = tmp_path / "gone.mp3"
    with qtbot.waitSignal(vlc_backend.failed, timeout=2000) as blocker:
        vlc_backend.load(str(missing))
    assert "missing" in blocker.args[0] and str(missing) in blocker.args[0]
    assert vlc_backend.state() == PlaybackState.ERROR


def test_unreadable_file_reports_an_error(vlc_backend, tmp_path, qtbot):
    junk = tmp_path / "junk.mp3"
    junk.write_bytes(b"\x00not audio at all" * 10)
    vlc_backend.load(str(junk))
    with qtbot.waitSignal(vlc_backend.failed, timeout=8000):
        vlc_backend.play()
    assert vlc_backend.state() == PlaybackState.ERROR


def test_finished_at_the_end(vlc_backend, tmp_path, qtbot):
    from companion.services.tones import write_tone_wav

    short = write_tone_wav(tmp_path / "short.wav", [(2, 440)])
    vlc_backend.load(str(short))
    with qtbot.waitSignal(vlc_backend.finished, timeout=8000):
        vlc_backend.play()
    assert vlc_backend.state() == PlaybackState.ENDED
