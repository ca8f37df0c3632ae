"""SleepTimer: pauses playback after N minutes or at the end of the chapter or episode, fading out."""

from __future__ import annotations

import enum
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from companion.domain import PlaybackState
from companion.playback.controller import PlaybackController
from companion.shownotes.timestamps import format_timestamp as clock

FADE_MS = 5_000
TICK_MS = 100


class SleepMode(enum.Enum):
    """When the sleep timer stops playback."""

    OFF = "off"
    MINUTES = "minutes"
    END_OF_CHAPTER = "chapter"
    END_OF_EPISODE = "episode"


class SleepTimer(QObject):
    """Counts down while playing and fades the volume out over the last five seconds."""

    changed = Signal(str)  # a short description for the player bar, "" when off
    fired = Signal()

    def __init__(self, controller: PlaybackController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.mode = SleepMode.OFF
        self._deadline = 0.0
        self._chapter_index = -1
        self._episode_id: int | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start_minutes(self, minutes: float) -> None:
        """Stop after ``minutes`` of wall time."""
        self._start(SleepMode.MINUTES, lambda: setattr(self, "_deadline", time.monotonic() + minutes * 60))

    def start_end_of_chapter(self) -> None:
        """Stop when the chapter playing now ends."""
        self._start(
            SleepMode.END_OF_CHAPTER, lambda: setattr(self, "_chapter_index", self._controller.chapter_index)
        )

    def start_end_of_episode(self) -> None:
        """Stop when the episode ends (the queue does not advance)."""
        self._start(SleepMode.END_OF_EPISODE)
        self._controller.advance_queue = False

    def cancel(self) -> None:
        """Turn the timer off and restore the volume."""
        if self.mode != SleepMode.OFF:
            self.mode = SleepMode.OFF
            self._timer.stop()
            self._controller.advance_queue = True
            self._controller.apply_volume(self._controller.volume)
            self.changed.emit("")

    def remaining_ms(self) -> int | None:
        """Time left until the stop, when it can be known."""
        c = self._controller
        if self.mode == SleepMode.MINUTES:
            return max(0, int((self._deadline - time.monotonic()) * 1000))
        if self.mode == SleepMode.END_OF_CHAPTER:
            chapter = c.current_chapter
            if chapter is None:
                return None
            end = chapter.end_ms
            index = c.chapter_index
            if index + 1 < len(c.chapters):
                end = c.chapters[index + 1].start_ms
            end = end or c.duration_ms()
            return max(0, int((end - c.position_ms()) / max(c.rate, 0.1)))
        if self.mode == SleepMode.END_OF_EPISODE and c.duration_ms():
            return max(0, int((c.duration_ms() - c.position_ms()) / max(c.rate, 0.1)))
        return None

    def _start(self, mode: SleepMode, prepare: Callable[[], None] | None = None) -> None:
        self.cancel()
        self.mode = mode
        if prepare is not None:
            prepare()  # the deadline or chapter is set before the countdown is first shown
        self._episode_id = self._controller.episode.id if self._controller.episode else None
        self._timer.start()
        self.changed.emit(self.describe())

    def describe(self) -> str:
        """``Sleep in 12:00`` / ``Sleep at chapter end`` / ``Sleep at episode end``."""
        if self.mode == SleepMode.MINUTES:
            return self.tr("Sleep in {time}").format(time=clock(self.remaining_ms() or 0))
        if self.mode == SleepMode.END_OF_CHAPTER:
            return self.tr("Sleep at chapter end")
        if self.mode == SleepMode.END_OF_EPISODE:
            return self.tr("Sleep at episode end")
        return ""

    @Slot()
    def _on_timer_timeout(self) -> None:
        c = self._controller
        changed_episode = c.episode is None or c.episode.id != self._episode_id
        if self.mode == SleepMode.END_OF_EPISODE and (c.state() == PlaybackState.ENDED or changed_episode):
            self._fire()
            return
        if c.state() != PlaybackState.PLAYING:
            if self.mode == SleepMode.MINUTES:
                self._deadline += TICK_MS / 1000  # the countdown waits while paused
            return
        if self.mode == SleepMode.END_OF_CHAPTER and (
            c.chapter_index != self._chapter_index or changed_episode
        ):
            self._fire()
            return
        remaining = self.remaining_ms()
        if remaining is None:
            return
        if remaining <= 0:
            self._fire()
        elif remaining < FADE_MS:
            c.apply_volume(int(c.volume * remaining / FADE_MS))
        if self.mode == SleepMode.MINUTES:
            self.changed.emit(self.describe())

    def _fire(self) -> None:
        self._controller.pause()
        self.cancel()
        self.fired.emit()
