"""SeekGuard: pending seeks, stale reports after a seek, and one retry when a seek is dropped."""

from __future__ import annotations

from companion.playback.seek_guard import SETTLE_S, Report, SeekGuard


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_pending_seek_is_kept_until_the_media_can_seek():
    guard = SeekGuard(Clock())
    guard.reset(35_000)
    assert guard.pending_ms == 35_000
    assert guard.take_pending(engine_position_ms=0) == 35_000
    assert guard.pending_ms is None and guard.target_ms == 35_000


def test_no_second_seek_when_the_engine_already_started_there():
    guard = SeekGuard(Clock())
    guard.reset(35_000)
    assert guard.take_pending(engine_position_ms=35_100) is None


def test_stale_reports_are_ignored_until_the_seek_lands_then_all_are_believed():
    clock = Clock()
    guard = SeekGuard(clock)
    guard.sought(60_000)
    assert guard.check(0) is Report.IGNORE  # from before the seek
    clock.now += 0.1
    assert guard.check(60_100) is Report.ACCEPT  # landed
    assert guard.target_ms is None
    clock.now += 0.3
    assert guard.check(0) is Report.ACCEPT  # after landing the engine is believed (a real jump)


def test_normal_progress_after_a_seek_is_never_taken_for_a_dropped_seek():
    """The bug listeners heard: 1.4 s after a seek, playing on looked 'far' and was sought back."""
    for rate in (1.0, 2.0, 3.0):
        clock = Clock()
        guard = SeekGuard(clock)
        guard.sought(300_000, rate)
        clock.now += 0.25  # the first report comes a poll later, already past the target
        position = 300_000 + int(250 * rate)
        for _ in range(100):  # ten seconds of reports every 100 ms
            assert guard.check(position) is Report.ACCEPT, (rate, position)
            clock.now += 0.1
            position += int(100 * rate)


def test_a_report_beyond_where_playing_on_could_be_is_stale():
    clock = Clock()
    guard = SeekGuard(clock)
    guard.sought(60_000)  # skip back from 90 s
    clock.now += 0.1
    assert guard.check(90_100) is Report.IGNORE  # still the old place
    assert guard.check(60_050) is Report.ACCEPT


def test_a_dropped_seek_is_retried_once_then_the_engine_is_believed():
    clock = Clock()
    guard = SeekGuard(clock)
    guard.sought(90_000)
    clock.now += SETTLE_S / 2
    assert guard.check(1_000) is Report.IGNORE  # may still be on its way
    clock.now += SETTLE_S / 2 + 0.01
    assert guard.check(1_000) is Report.RESEEK
    clock.now += 0.5
    assert guard.check(1_500) is Report.IGNORE
    clock.now += SETTLE_S
    assert guard.check(2_000) is Report.ACCEPT
    assert guard.target_ms is None


def test_media_opened_at_a_start_position_needs_no_second_seek():
    clock = Clock()
    guard = SeekGuard(clock)
    guard.loading(200_000)
    assert guard.pending_ms is None  # the engine opens there by itself
    clock.now += 5  # opening a stream takes its time; the settle time starts when it plays
    guard.started()
    assert guard.check(0) is Report.IGNORE
    clock.now += 0.3
    assert guard.check(200_300) is Report.ACCEPT


def test_reset_forgets_everything():
    guard = SeekGuard(Clock())
    guard.sought(10_000)
    guard.reset()
    assert guard.pending_ms is None and guard.check(0) is Report.ACCEPT
