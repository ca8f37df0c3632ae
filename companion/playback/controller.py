"""PlaybackController: plays an episode at a position, keeps pending seeks, saves the position."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Signal, Slot

from companion.domain import Episode, PlaybackState
from companion.library import Library, LibraryError
from companion.playback.backend import AudioBackend

SAVE_INTERVAL_S = 5.0
SEEK_TOLERANCE_MS = 300
SETTLE_S = 1.5  # how long after a seek a far-off position report is taken as stale
SETTLE_TOLERANCE_MS = 1500


class PlaybackController(QObject):
    """The one place the window asks for playback; talks to the library and a backend."""

    episode_changed = Signal(object)  # Episode | None
    state_changed = Signal(object)  # PlaybackState
    position_changed = Signal(int)
    duration_changed = Signal(int)
    error_changed = Signal(str)  # "" when cleared

    def __init__(self, library: Library, backend: AudioBackend, parent: QObject | None = None):
        super().__init__(parent)
        self.library = library
        self.backend = backend
        self._episode: Episode | None = None
        self._pending_seek_ms: int | None = None
        self._position_ms = 0
        self._duration_ms = 0
        self._last_save = 0.0
        self._error = ""
        self._shut_down = False
        self._settle_target: int | None = None
        self._settle_until = 0.0
        backend.state_changed.connect(self._on_backend_state_changed)
        backend.position_changed.connect(self._on_backend_position_changed)
        backend.duration_changed.connect(self._on_backend_duration_changed)
        backend.seekable_changed.connect(self._on_backend_seekable_changed)
        backend.finished.connect(self._on_backend_finished)
        backend.failed.connect(self._on_backend_failed)

    # ----- state -----------------------------------------------------------------------------

    @property
    def episode(self) -> Episode | None:
        """The loaded episode."""
        return self._episode

    @property
    def available(self) -> bool:
        """False when there is no audio engine (the reason is in ``unavailable_reason``)."""
        return self.backend.available

    @property
    def unavailable_reason(self) -> str:
        """What to install to get playback."""
        return self.backend.unavailable_reason

    def state(self) -> PlaybackState:
        """The backend's state."""
        return self.backend.state()

    def position_ms(self) -> int:
        """The position, or the pending seek target while loading."""
        if self._pending_seek_ms is not None:
            return self._pending_seek_ms
        return self._position_ms

    def duration_ms(self) -> int:
        """The episode length from the player, else from the library."""
        return self._duration_ms

    def is_playing(self) -> bool:
        """True while audio plays or is about to."""
        return self.backend.state() in (PlaybackState.PLAYING, PlaybackState.LOADING)

    # ----- commands --------------------------------------------------------------------------

    def play_episode(self, episode_id: int, start_ms: int | None = None) -> None:
        """Play an episode from ``start_ms`` (default: where the listener left it)."""
        if self._shut_down:
            return
        if self._episode is not None and self._episode.id == episode_id and self.backend.media:
            if start_ms is not None:
                self.seek(start_ms)
            if self.backend.state() != PlaybackState.PLAYING:
                self.backend.play()
            return
        try:
            episode = self.library.episode(episode_id)
        except LibraryError as exc:
            self._set_error(str(exc))
            return
        self._save_position()
        self._set_error("")
        if start_ms is None:
            start_ms = 0 if episode.played_at else episode.position_ms
        start_ms = max(0, int(start_ms))
        self._episode = episode
        self._position_ms = start_ms
        self._duration_ms = episode.duration_ms or 0
        self._pending_seek_ms = start_ms if start_ms > 0 else None
        self._settle_target = None
        self.episode_changed.emit(episode)
        self.duration_changed.emit(self._duration_ms)
        self.position_changed.emit(start_ms)
        media = episode.media
        if not media:
            self._set_error(f"“{episode.title}” has no audio file or URL.")
            return
        self.backend.load(media, start_ms)
        if self.backend.media is not None and self.backend.state() != PlaybackState.ERROR:
            self.backend.play()

    def toggle(self) -> None:
        """Play/pause; plays the selected-but-not-loaded episode's saved position otherwise."""
        if self._shut_down:
            return
        state = self.backend.state()
        if state == PlaybackState.PLAYING:
            self.pause()
        elif self._episode is not None:
            if self.backend.media is None or state in (PlaybackState.ENDED, PlaybackState.ERROR):
                episode_id = self._episode.id
                self._episode = None
                self.play_episode(episode_id, self._position_ms)
            else:
                self.backend.play()

    def pause(self) -> None:
        """Pause and save the position."""
        if self._shut_down:
            return
        self.backend.pause()
        self._save_position(force=True)

    def seek(self, position_ms: int) -> None:
        """Seek now, or as soon as the media allows."""
        if self._shut_down:
            return
        position_ms = max(0, int(position_ms))
        self._position_ms = position_ms
        if self.backend.is_seekable():
            self._pending_seek_ms = None
            self._settle(position_ms)
            self.backend.seek(position_ms)
        else:
            self._pending_seek_ms = position_ms
        self.position_changed.emit(position_ms)
        self._save_position(force=True)

    def set_rate(self, rate: float) -> None:
        """Playback speed."""
        self.backend.set_rate(rate)

    def set_volume(self, volume: int) -> None:
        """Volume 0..100."""
        self.backend.set_volume(volume)

    def shutdown(self) -> None:
        """Save the position and release the engine (on quit); later backend events are ignored."""
        if self._shut_down:
            return
        self._shut_down = True
        self.backend.blockSignals(True)
        self._save_position(force=True)
        self._episode = None
        self.backend.shutdown()

    # ----- backend events --------------------------------------------------------------------

    def _apply_pending_seek(self) -> None:
        target = self._pending_seek_ms
        if target is None or not self.backend.is_seekable():
            return
        self._pending_seek_ms = None
        self._settle(target)
        if abs(self.backend.position_ms() - target) > SEEK_TOLERANCE_MS:
            self.backend.seek(target)

    def _settle(self, target_ms: int) -> None:
        """For a moment after a seek, positions far from the target are stale reports."""
        self._settle_target = target_ms
        self._settle_until = time.monotonic() + SETTLE_S

    @Slot(object)
    def _on_backend_state_changed(self, state: PlaybackState) -> None:
        if state == PlaybackState.PLAYING:
            self._apply_pending_seek()
        elif state == PlaybackState.PAUSED:
            self._save_position(force=True)
        self.state_changed.emit(state)

    @Slot(bool)
    def _on_backend_seekable_changed(self, seekable: bool) -> None:
        if seekable:
            self._apply_pending_seek()

    @Slot(int)
    def _on_backend_position_changed(self, position_ms: int) -> None:
        if self._pending_seek_ms is not None:
            # the reported position predates the seek: apply it (the backend reports anew)
            self._apply_pending_seek()
            return
        if self._settle_target is not None:
            if time.monotonic() >= self._settle_until:
                self._settle_target = None
            elif abs(position_ms - self._settle_target) > SETTLE_TOLERANCE_MS:
                return
        self._position_ms = position_ms
        self.position_changed.emit(position_ms)
        self._save_position()

    @Slot(int)
    def _on_backend_duration_changed(self, duration_ms: int) -> None:
        self._duration_ms = duration_ms
        self.duration_changed.emit(duration_ms)
        if self._episode is not None and duration_ms > 0:
            try:
                self.library.set_duration(self._episode.id, duration_ms)
            except LibraryError:
                pass

    @Slot()
    def _on_backend_finished(self) -> None:
        if self._episode is None:
            return
        self.library.save_position(self._episode.id, 0)
        self.library.set_played(self._episode.id, True)
        self._position_ms = 0
        self.position_changed.emit(0)

    @Slot(str)
    def _on_backend_failed(self, message: str) -> None:
        self._set_error(message)

    def _set_error(self, message: str) -> None:
        if message != self._error:
            self._error = message
            self.error_changed.emit(message)

    def _save_position(self, force: bool = False) -> None:
        if self._episode is None:
            return
        now = time.monotonic()
        if not force and now - self._last_save < SAVE_INTERVAL_S:
            return
        self._last_save = now
        try:
            self.library.save_position(self._episode.id, self.position_ms())
        except LibraryError:
            pass
