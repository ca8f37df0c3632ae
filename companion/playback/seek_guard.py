"""SeekGuard: keeps a seek asked for before the media can seek, and tells stale position reports
(sent before a seek took effect) from real ones, asking once more if the engine dropped the seek."""

from __future__ import annotations

import enum
import time
from collections.abc import Callable

SEEK_TOLERANCE_MS = 300  # a pending seek this close to where the engine already is is not re-sent
SETTLE_S = 1.5  # how long after a seek a far-off position report is taken as stale
SETTLE_TOLERANCE_MS = 1500


class Report(enum.Enum):
    """What to do with a position the engine reported."""

    ACCEPT = "accept"
    IGNORE = "ignore"  # stale: from before the seek took effect
    RESEEK = "reseek"  # the engine dropped the seek: send it again (once)


class SeekGuard:
    """Plain bookkeeping (no Qt, no engine): the controller asks it and acts."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.pending_ms: int | None = None
        self.target_ms: int | None = None
        self._until = 0.0
        self._retried = False

    def reset(self, pending_ms: int | None = None) -> None:
        """New media: forget everything; ``pending_ms`` is where it should start."""
        self.pending_ms = pending_ms if pending_ms else None
        self.target_ms = None

    def hold(self, target_ms: int) -> None:
        """The media cannot seek yet: keep the target."""
        self.pending_ms = target_ms

    def sought(self, target_ms: int) -> None:
        """A seek to ``target_ms`` was just sent."""
        self.pending_ms = None
        self.target_ms = target_ms
        self._until = self._clock() + SETTLE_S
        self._retried = False

    def take_pending(self, engine_position_ms: int) -> int | None:
        """The media can seek now: the seek to send, if the engine is not already there."""
        target = self.pending_ms
        if target is None:
            return None
        self.sought(target)
        return target if abs(engine_position_ms - target) > SEEK_TOLERANCE_MS else None

    def check(self, position_ms: int) -> Report:
        """Judge a position report after the last seek."""
        if self.target_ms is None:
            return Report.ACCEPT
        now = self._clock()
        far = abs(position_ms - self.target_ms) > SETTLE_TOLERANCE_MS
        if far and not self._retried and now >= self._until - SETTLE_S / 2:
            self._retried = True
            self._until = now + SETTLE_S
            return Report.RESEEK
        if now >= self._until:
            self.target_ms = None
            return Report.ACCEPT
        return Report.IGNORE if far else Report.ACCEPT
