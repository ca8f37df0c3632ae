"""Speed, volume and mute of the PlaybackController, remembered in the library."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from companion.library import Library
    from companion.playback.backend import AudioBackend

from companion.library import LibraryError
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

    _global_rate: float  # the speed of every podcast without its own
    _episode: Any  # the loaded Episode, or None

    @property
    def rate(self) -> float:
        """Playback speed (the loaded episode's podcast's own, else the global one)."""
        return self._rate

    @property
    def global_rate(self) -> float:
        """The speed of podcasts without one of their own."""
        return self._global_rate

    def podcast_rate(self, podcast_id: int) -> float | None:
        """A podcast's own speed, None when it plays at the global speed."""
        try:
            return self.library.podcast_rate(podcast_id)
        except LibraryError:
            return None

    def set_podcast_rate(self, podcast_id: int, rate: float | None) -> bool:
        """Give a podcast its own speed (None: the global one again); applied at once when one of its
        episodes is loaded. False when the library could not store it (said as a player message)."""
        if rate is not None:
            rate = round(max(MIN_RATE, min(MAX_RATE, float(rate))), 2)
        if not self._write(lambda: self.library.set_podcast_rate(podcast_id, rate)):
            return False
        episode = self._episode
        if episode is not None and episode.podcast_id == podcast_id:
            self._apply_rate(self._global_rate if rate is None else rate)
        return True

    def use_podcast_rate(self) -> None:
        """Play at the loaded episode's podcast's speed, or the global one (an episode was loaded)."""
        episode = self._episode
        own = self.podcast_rate(episode.podcast_id) if episode is not None else None
        self._apply_rate(self._global_rate if own is None else own)

    def _apply_rate(self, rate: float) -> None:
        if rate != self._rate:
            self._rate = rate
            self.backend.set_rate(rate)
            self.rate_changed.emit(rate)

    @property
    def volume(self) -> int:
        """Volume 0..100 (kept while muted)."""
        return self._volume

    @property
    def muted(self) -> bool:
        """True while muted."""
        return self._muted

    def set_rate(self, rate: float) -> None:
        """Playback speed, 0.5x to 3.0x, pitch kept. While an episode of a podcast with its own speed
        is loaded, that podcast's speed changes; else the global speed."""
        rate = round(max(MIN_RATE, min(MAX_RATE, float(rate))), 2)
        if rate == self._rate:
            return
        episode = self._episode
        if episode is not None and self.podcast_rate(episode.podcast_id) is not None:
            self._write(lambda: self.library.set_podcast_rate(episode.podcast_id, rate))
        else:
            self._global_rate = rate
            self._write(lambda: store_settings(self.library, rate=rate))
        self._apply_rate(rate)

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
