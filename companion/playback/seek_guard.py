"""SeekGuard: keeps a seek asked for before the media can seek, tells stale position reports (sent
before a seek took effect) from the engine playing on after it, and asks once more if a seek was dropped."""

from __future__ import annotations

import enum
import time
from collections.abc import Callable

SEEK_TOLERANCE_MS = 300  # a pending seek this close to where the engine already is is not re-sent
LAND_BEFORE_MS = 400  # a report this far before the target still counts as landed (frame granularity)
LAND_SLACK_MS = 1_000  # ... and up to this far beyond where playing on from the target would be
SETTLE_S = 1.5  # how long a seek may take to show in the engine's reports before it counts as dropped


class Report(enum.Enum):
    """What to do with a position the engine reported."""

    ACCEPT = "accept"
    IGNORE = "ignore"  # stale: from before the seek took effect
    RESEEK = "reseek"  # the engine dropped the seek: send it again (once)


class SeekGuard:
    """Plain bookkeeping (no Qt, no engine): the controller asks it and acts.

    After a seek, the first report that lies where playing on from the target could have got
    to (``target - 0.4 s`` up to ``target + elapsed x rate + 1 s``) means the seek landed: from then
    on every report is believed, so normal progress is never taken for a dropped seek. Reports
    elsewhere are stale until ``SETTLE_S`` has passed; then the seek is sent once more, and after
    that the engine is believed wherever it is.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.pending_ms: int | None = None
        self.target_ms: int | None = None
        self._sent_at = 0.0
        self._rate = 1.0
        self._retried = False

    def reset(self, pending_ms: int | None = None) -> None:
        """New media: forget everything; ``pending_ms`` is where it should start."""
        self.pending_ms = pending_ms if pending_ms else None
        self.target_ms = None

    def loading(self, start_ms: int, rate: float = 1.0) -> None:
        """New media opens at ``start_ms`` by itself (a start option): that is the seek to watch for."""
        self.reset()
        if start_ms > 0:
            self.sought(start_ms, rate)

    def started(self) -> None:
        """The media began to play: a seek still to show has had no time to, until now."""
        if self.target_ms is not None:
            self._sent_at = self._clock()

    def hold(self, target_ms: int) -> None:
        """The media cannot seek yet: keep the target."""
        self.pending_ms = target_ms

    def sought(self, target_ms: int, rate: float = 1.0) -> None:
        """A seek to ``target_ms`` was just sent; the media plays at ``rate``."""
        self.pending_ms = None
        self.target_ms = target_ms
        self._sent_at = self._clock()
        self._rate = max(0.25, float(rate))
        self._retried = False

    def take_pending(self, engine_position_ms: int, rate: float = 1.0) -> int | None:
        """The media can seek now: the seek to send, if the engine is not already there."""
        target = self.pending_ms
        if target is None:
            return None
        self.sought(target, rate)
        return target if abs(engine_position_ms - target) > SEEK_TOLERANCE_MS else None

    def landed(self, position_ms: int) -> bool:
        """True when ``position_ms`` is where the engine can be once the last seek took effect."""
        if self.target_ms is None:
            return True
        elapsed_ms = (self._clock() - self._sent_at) * 1000 * self._rate
        return self.target_ms - LAND_BEFORE_MS <= position_ms <= self.target_ms + elapsed_ms + LAND_SLACK_MS

    def check(self, position_ms: int) -> Report:
        """Judge a position report after the last seek."""
        if self.target_ms is None:
            return Report.ACCEPT
        if self.landed(position_ms):
            self.target_ms = None  # it took effect: believe the engine from now on
            return Report.ACCEPT
        if self._clock() - self._sent_at < SETTLE_S:
            return Report.IGNORE  # from before the seek took effect
        if not self._retried:
            self._retried = True
            self._sent_at = self._clock()
            return Report.RESEEK
        self.target_ms = None  # asked twice: the engine is where it is
        return Report.ACCEPT
