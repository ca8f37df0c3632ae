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


def test_stale_reports_are_ignored_then_accepted_after_the_settle_time():
    clock = Clock()
    guard = SeekGuard(clock)
    guard.sought(60_000)
    assert guard.check(0) is Report.IGNORE  # from before the seek
    assert guard.check(60_100) is Report.ACCEPT
    assert guard.check(0) is Report.IGNORE  # a late stale report is still ignored
    clock.now += SETTLE_S + 0.1
    assert guard.check(0) is Report.RESEEK  # far off after the settle time: ask once more
    assert guard.check(0) is Report.IGNORE
    clock.now += SETTLE_S + 0.1
    assert guard.check(0) is Report.ACCEPT  # the engine really is there: believe it
    assert guard.target_ms is None


def test_a_dropped_seek_is_retried_only_once():
    clock = Clock()
    guard = SeekGuard(clock)
    guard.sought(90_000)
    clock.now += SETTLE_S / 2
    assert guard.check(1_000) is Report.RESEEK
    clock.now += SETTLE_S / 2
    assert guard.check(1_000) is Report.IGNORE
    clock.now += SETTLE_S
    assert guard.check(1_000) is Report.ACCEPT


def test_reset_forgets_everything():
    guard = SeekGuard(Clock())
    guard.sought(10_000)
    guard.reset()
    assert guard.pending_ms is None and guard.check(0) is Report.ACCEPT
