"""FakeBackend: an AudioBackend without an engine that keeps the same contract as VLC, for fast tests."""

from __future__ import annotations

import os
import time
import wave
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from companion.domain import PlaybackState
from companion.playback.backend import MAX_RATE, MIN_RATE, AudioBackend

TICK_MS = 20
DEFAULT_LENGTH_MS = 60_000


def _length_of(media: str) -> int | None:
    """A WAV file's length from its header; None when it is not a readable WAV."""
    try:
        with wave.open(media, "rb") as w:
            return int(w.getnframes() * 1000 / w.getframerate())
    except (OSError, EOFError, wave.Error):
        return None


class FakeBackend(AudioBackend):
    """Plays nothing, but in time: the position moves with the clock at the rate, seeks land at once,
    the end comes at the media's length. WAV files give their real length; URLs ``lengths[url]`` or a
    minute. Missing files and non-WAV files fail like VLC does (a message, the ERROR state)."""

    def __init__(
        self,
        lengths: dict[str, int] | None = None,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._lengths = dict(lengths or {})
        self._clock = clock
        self._rate = 1.0
        self._volume = 100
        self._length = 0
        self._base_ms = 0  # position when the clock was last read into it
        self._base_at = 0.0
        self._released = False
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self.seeks: list[int] = []  # every seek the engine was asked for (tests read it)

    # ----- commands ----------------------------------------------------------------------------

    def load(self, media: str, start_ms: int = 0) -> None:
        if self._released:
            return
        self._timer.stop()
        self._media = media
        is_url = "://" in media
        if not is_url and not os.path.exists(media):
            self._set_state(PlaybackState.ERROR)
            self.failed.emit(f"The audio file is missing: {media}")
            return
        length = self._lengths.get(media) if is_url else _length_of(media)
        self._length = length if length is not None else (DEFAULT_LENGTH_MS if is_url else 0)
        self._base_ms, self._base_at = max(0, start_ms), self._clock()
        self._set_state(PlaybackState.LOADING)

    def play(self) -> None:
        if self._released or self._media is None or self._state == PlaybackState.PLAYING:
            return
        if self._length <= 0:  # not audio it can read: fails when it tries, like VLC
            self._set_state(PlaybackState.ERROR)
            self.failed.emit(f"VLC cannot play {self._media}: unsupported or damaged audio.")
            return
        if self._base_ms >= self._length:
            self._end()
            return
        first = self._state == PlaybackState.LOADING
        self._base_at = self._clock()
        self._set_state(PlaybackState.PLAYING)
        if first:
            self.duration_changed.emit(self._length)
            self.seekable_changed.emit(True)
        self._timer.start()
        self.position_changed.emit(self._base_ms)

    def pause(self) -> None:
        if self._state == PlaybackState.PLAYING:
            self._base_ms = self.position_ms()
            self._base_at = self._clock()
            self._timer.stop()
            self._set_state(PlaybackState.PAUSED)

    def stop(self) -> None:
        self._timer.stop()
        self._media = None
        self._set_state(PlaybackState.STOPPED)

    def seek(self, position_ms: int) -> None:
        if self._released or self._media is None:
            return
        self.seeks.append(int(position_ms))
        self._base_ms = max(0, min(int(position_ms), max(0, self._length - 1)))
        self._base_at = self._clock()

    def set_rate(self, rate: float) -> None:
        self._base_ms, self._base_at = self.position_ms(), self._clock()
        self._rate = max(MIN_RATE, min(MAX_RATE, float(rate)))

    def set_volume(self, volume: int) -> None:
        self._volume = max(0, min(100, int(volume)))

    def position_ms(self) -> int:
        if self._state != PlaybackState.PLAYING:
            return self._base_ms
        elapsed = (self._clock() - self._base_at) * 1000 * self._rate
        return min(self._length, int(self._base_ms + elapsed))

    def duration_ms(self) -> int:
        return self._length if self._state in (PlaybackState.PLAYING, PlaybackState.PAUSED) else 0

    def is_seekable(self) -> bool:
        return self._media is not None and self._state in (PlaybackState.PLAYING, PlaybackState.PAUSED)

    def shutdown(self) -> None:
        self._released = True
        self._timer.stop()

    # ----- the clock ------------------------------------------------------------------------------

    def _tick(self) -> None:
        position = self.position_ms()
        if position >= self._length:
            self._end()
            return
        self.position_changed.emit(position)

    def _end(self) -> None:
        self._timer.stop()
        self._base_ms = self._length
        self._set_state(PlaybackState.ENDED)
        self.finished.emit()
