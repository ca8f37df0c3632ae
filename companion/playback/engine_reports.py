"""What the audio engine reports to the PlaybackController: state, position, length, failures (a mixin)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Slot

from companion.domain import Episode, PlaybackState
from companion.library import LibraryError
from companion.playback.seek_guard import Report, SeekGuard
from companion.shownotes.timestamps import format_timestamp as clock

if TYPE_CHECKING:
    from collections.abc import Callable

    from companion.library import Library
    from companion.playback.backend import AudioBackend

SAVE_INTERVAL_S = 5.0  # while playing, the position reaches the library at least this often


class EngineReportsMixin:
    """Takes the engine's reports: a pending seek applied when it can be, positions checked against
    the seek asked for, the position saved; the controller supplies state, signals and helpers."""

    library: Library
    backend: AudioBackend
    _episode: Episode | None
    _seeks: SeekGuard
    _rate: float
    _position_ms: int
    _duration_ms: int
    _length_known: bool
    _confirmed: bool
    _shut_down: bool
    _save_due: bool
    _last_save: float
    state_changed: Any
    duration_changed: Any
    episode_updated: Any
    _reload: Callable[..., None]
    _say_beyond: Callable[[int], None]
    _show_position: Callable[[int], None]
    _check_played: Callable[[int], None]
    _set_error: Callable[[str], None]

    def _apply_pending_seek(self) -> None:
        if self._seeks.pending_ms is None:
            return
        if not self.backend.is_seekable():
            if self.backend.state() == PlaybackState.PLAYING:  # open, and it cannot seek: reopen there
                self._reload(self._seeks.pending_ms)
            return
        target = self._seeks.take_pending(self.backend.position_ms(), self._rate)
        if target is not None:
            self._position_ms = target
            self.backend.seek(target)

    @Slot(object)
    def _on_backend_state_changed(self, state: PlaybackState) -> None:
        if state == PlaybackState.PLAYING:
            self._seeks.started()
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
        if self._seeks.pending_ms is not None:
            # the reported position predates the seek: apply it (the backend reports anew)
            self._apply_pending_seek()
            return
        target = self._seeks.target_ms
        verdict = self._seeks.check(position_ms)
        if verdict is Report.RESEEK and target is not None:
            if self.backend.is_seekable():
                self.backend.seek(target)  # the engine dropped it (it can while opening)
                return
            verdict = Report.ACCEPT
            cannot = self.tr(
                "This stream could not be opened at {time}: its server does not allow jumping within it."
                " Download the episode to jump freely."
            )
            self._set_error(cannot.format(time=clock(target)))
        if verdict is Report.IGNORE:
            return
        self._position_ms = position_ms
        self._confirmed = True
        self._show_position(position_ms)
        self._check_played(position_ms)
        self._save_position(force=self._save_due)

    @Slot(int)
    def _on_backend_duration_changed(self, duration_ms: int) -> None:
        self._duration_ms = duration_ms
        self._length_known = duration_ms > 0
        self.duration_changed.emit(duration_ms)
        pending = self._seeks.pending_ms
        if pending is not None and duration_ms > 0 and pending >= duration_ms:
            self._seeks.reset()  # asked for a moment the audio does not have
            self._say_beyond(pending)
        if self._episode is not None and duration_ms > 0:
            try:
                self.library.set_duration(self._episode.id, duration_ms)
            except LibraryError:
                pass

    @Slot(str)
    def _on_backend_failed(self, message: str) -> None:
        self._set_error(message)

    def _sync_from_engine(self) -> None:
        """Take the engine's position now (before saving it on pause, switch or quit), if it landed."""
        if self._shut_down or self.backend.media is None or self._seeks.pending_ms is not None:
            return
        if self.backend.state() not in (PlaybackState.PLAYING, PlaybackState.PAUSED):
            return
        position = self.backend.position_ms()
        if position > 0 and self._seeks.landed(position):
            self._seeks.check(position)
            self._position_ms = position
            self._confirmed = True

    def _save_position(self, force: bool = False) -> None:
        if self._episode is None or self._shut_down or not self._confirmed:
            return  # a position the engine never reached is never saved
        now = time.monotonic()
        if not force and now - self._last_save < SAVE_INTERVAL_S:
            return
        self._last_save = now
        self._save_due = False
        try:
            self.library.save_position(self._episode.id, self._position_ms)
        except LibraryError:
            return
        self.episode_updated.emit(self._episode.id)  # the list shows the progress
