"""Speed, volume and mute of the PlaybackController, remembered in the library."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from companion.library import Library
    from companion.playback.backend import AudioBackend

from companion.library.settings import store_settings
from companion.playback.backend import MAX_RATE, MIN_RATE

__all__ = ["MAX_RATE", "MIN_RATE", "AudioSettingsMixin"]


class AudioSettingsMixin:
    """Rate/volume/mute state and commands; the controller supplies the signals and collaborators."""

    library: Library
    backend: AudioBackend
    _rate: float
    _volume: int
    _muted: bool
    rate_changed: Any
    volume_changed: Any
    muted_changed: Any
    _write: Any  # the controller's guarded library write

    @property
    def rate(self) -> float:
        """Playback speed."""
        return self._rate

    @property
    def volume(self) -> int:
        """Volume 0..100 (kept while muted)."""
        return self._volume

    @property
    def muted(self) -> bool:
        """True while muted."""
        return self._muted

    def set_rate(self, rate: float) -> None:
        """Playback speed, 0.5x to 3.0x, pitch kept."""
        rate = round(max(MIN_RATE, min(MAX_RATE, float(rate))), 2)
        if rate != self._rate:
            self._rate = rate
            self.backend.set_rate(rate)
            self._write(lambda: store_settings(self.library, rate=rate))
            self.rate_changed.emit(rate)

    def faster(self) -> None:
        """A step faster (0.1x)."""
        self.set_rate(self._rate + 0.1)

    def slower(self) -> None:
        """A step slower (0.1x)."""
        self.set_rate(self._rate - 0.1)

    def set_volume(self, volume: int) -> None:
        """Volume 0..100; unmutes."""
        self._volume = max(0, min(100, int(volume)))
        self._muted = False
        self.backend.set_volume(self._volume)
        self._write(lambda: store_settings(self.library, volume=self._volume))
        self.volume_changed.emit(self._volume)
        self.muted_changed.emit(False)

    def apply_volume(self, volume: int) -> None:
        """Set the engine's volume without storing it (fades)."""
        self.backend.set_volume(0 if self._muted else max(0, min(100, int(volume))))

    def set_muted(self, muted: bool) -> None:
        """Mute or unmute, keeping the volume."""
        self._muted = bool(muted)
        self.backend.set_volume(0 if self._muted else self._volume)
        self.muted_changed.emit(self._muted)
