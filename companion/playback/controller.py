"""PlaybackController: plays an episode at a position, follows its chapters, saves where you are."""

from __future__ import annotations

import bisect
import time

from PySide6.QtCore import QObject, Signal, Slot

from companion.domain import Chapter, Episode, PlaybackState
from companion.library import Library, LibraryError
from companion.playback.audio_settings import AudioSettingsMixin
from companion.playback.backend import AudioBackend
from companion.playback.seek_guard import Report, SeekGuard

SAVE_INTERVAL_S = 5.0  # while playing, the position reaches the library at least this often
PLAYED_FRACTION = 0.95  # an episode counts as played at 95% ...
PLAYED_REMAINING_MS = 10_000  # ... or within 10 s of its end
RESTART_CHAPTER_MS = 3_000  # "previous" restarts the current chapter when further in than this
LAST_EPISODE_KEY = "last_episode_id"


class PlaybackController(AudioSettingsMixin, QObject):
    """The one place the window asks for playback; talks to the library and a backend."""

    episode_changed = Signal(object)  # Episode | None
    state_changed = Signal(object)  # PlaybackState
    position_changed = Signal(int)
    duration_changed = Signal(int)
    error_changed = Signal(str)  # "" when cleared
    chapters_changed = Signal(list)  # list[Chapter] of the loaded episode
    chapter_changed = Signal(int)  # index into the chapters, -1 when none
    rate_changed = Signal(float)
    volume_changed = Signal(int)
    muted_changed = Signal(bool)
    episode_updated = Signal(int)  # an episode's stored state (played, position) changed
    queue_changed = Signal()

    def __init__(self, library: Library, backend: AudioBackend, parent: QObject | None = None):
        super().__init__(parent)
        self.library = library
        self.backend = backend
        self.skip_back_ms = int(library.setting("skip_back_ms", "10000") or 10000)
        self.skip_forward_ms = int(library.setting("skip_forward_ms", "30000") or 30000)
        self._episode: Episode | None = None
        self._chapters: list[Chapter] = []
        self._chapter_starts: list[int] = []
        self._chapter_index = -1
        self._seeks = SeekGuard()
        self._position_ms = 0
        self._duration_ms = 0
        self._last_save = 0.0
        self._error = ""
        self._shut_down = False
        self._marked_played = False
        self._rate = float(library.setting("rate", "1.0") or 1.0)
        self._volume = int(library.setting("volume", "100") or 100)
        self._muted = False
        self.advance_queue = True  # when an episode ends, the next in the queue starts
        backend.set_rate(self._rate)
        backend.set_volume(self._volume)
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
    def chapters(self) -> list[Chapter]:
        """The loaded episode's chapters (its best source)."""
        return self._chapters

    @property
    def chapter_index(self) -> int:
        """Index of the chapter playing now, -1 when none."""
        return self._chapter_index

    @property
    def current_chapter(self) -> Chapter | None:
        """The chapter playing now."""
        return self._chapters[self._chapter_index] if self._chapter_index >= 0 else None

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
        if self._seeks.pending_ms is not None:
            return self._seeks.pending_ms
        return self._position_ms

    def duration_ms(self) -> int:
        """The episode length from the player, else from the library."""
        return self._duration_ms

    def is_playing(self) -> bool:
        """True while audio plays or is about to."""
        return self.backend.state() in (PlaybackState.PLAYING, PlaybackState.LOADING)

    def chapter_at(self, position_ms: int) -> int:
        """Index of the chapter containing ``position_ms``, -1 when none."""
        return bisect.bisect_right(self._chapter_starts, position_ms) - 1

    # ----- commands --------------------------------------------------------------------------

    def play_episode(self, episode_id: int, start_ms: int | None = None) -> None:
        """Play an episode from ``start_ms`` (default: where the listener left it)."""
        if self._shut_down:
            return
        if self._episode is not None and self._episode.id == episode_id and self.backend.media:
            if start_ms is not None:
                self.seek(start_ms)
            if self.backend.state() not in (PlaybackState.PLAYING, PlaybackState.LOADING):
                if self.backend.state() in (PlaybackState.ENDED, PlaybackState.ERROR):
                    self._reload(self.position_ms())
                else:
                    self.backend.play()
            return
        try:
            episode = self.library.episode(episode_id)
            chapters = self.library.chapters(episode_id)
        except LibraryError as exc:
            self._set_error(str(exc))
            return
        self._save_position(force=True)
        self._set_error("")
        if start_ms is None:
            start_ms = 0 if episode.played_at else episode.position_ms
        self._show_episode(episode, chapters, max(0, int(start_ms)))
        self.library.set_setting(LAST_EPISODE_KEY, str(episode.id))
        self._reload(self._position_ms)

    def _show_episode(self, episode: Episode, chapters: list[Chapter], position_ms: int) -> None:
        """Make ``episode`` the loaded one and tell the views (the engine is not touched)."""
        self._episode = episode
        self._marked_played = episode.played_at is not None
        self._duration_ms = episode.duration_ms or 0
        self._position_ms = position_ms
        self.episode_changed.emit(episode)
        self.duration_changed.emit(self._duration_ms)
        self.use_chapters(chapters)

    def use_chapters(self, chapters: list[Chapter]) -> None:
        """Follow another chapter list for the loaded episode (the user switched its source)."""
        self._chapters = list(chapters)
        self._chapter_starts = [c.start_ms for c in self._chapters]
        self._chapter_index = -2
        self.chapters_changed.emit(self._chapters)
        self._show_position(self.position_ms())

    def cue_episode(self, episode_id: int) -> None:
        """Show an episode and its stored position without loading it (Play resumes it)."""
        if self._shut_down or self._episode is not None:
            return
        try:
            episode = self.library.episode(episode_id)
            chapters = self.library.chapters(episode_id)
        except LibraryError:
            return
        self._show_episode(episode, chapters, 0 if episode.played_at else episode.position_ms)

    def cue_last_episode(self) -> None:
        """Show the episode that was playing when the app last closed."""
        last = self.library.setting(LAST_EPISODE_KEY)
        if last and last.isdigit():
            self.cue_episode(int(last))

    def _reload(self, start_ms: int) -> None:
        episode = self._episode
        if episode is None:
            return
        self._position_ms = start_ms
        self._seeks.loading(start_ms, self._rate)  # the engine opens there itself: no second seek
        media = episode.media
        if not media:
            self._set_error(f"“{episode.title}” has no audio file or URL.")
            return
        self._set_error("")
        self.backend.load(media, start_ms)
        if self.backend.media is not None and self.backend.state() != PlaybackState.ERROR:
            self.backend.set_rate(self._rate)
            self.backend.play()

    def toggle(self) -> None:
        """Play/pause."""
        if self._shut_down:
            return
        state = self.backend.state()
        if state in (PlaybackState.PLAYING, PlaybackState.LOADING):
            self.pause()
        else:
            self.play()

    def play(self) -> None:
        """Resume (or reload after an end or a failure)."""
        if self._shut_down or self._episode is None:
            return
        if self.backend.media is None or self.backend.state() in (
            PlaybackState.ENDED,
            PlaybackState.ERROR,
            PlaybackState.STOPPED,
        ):
            self._reload(self.position_ms())
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
        if self._shut_down or self._episode is None:
            return
        position_ms = max(0, int(position_ms))
        if self._duration_ms:
            position_ms = min(position_ms, max(0, self._duration_ms - 500))
        self._position_ms = position_ms
        if self.backend.is_seekable():
            self._seeks.sought(position_ms, self._rate)
            self.backend.seek(position_ms)
        else:
            self._seeks.hold(position_ms)
        self._show_position(position_ms)
        self._save_position(force=True)

    def skip(self, delta_ms: int) -> None:
        """Jump forward (positive) or back (negative)."""
        self.seek(self.position_ms() + delta_ms)

    def skip_back(self) -> None:
        """Jump back by the configured step (10 s)."""
        self.skip(-self.skip_back_ms)

    def skip_forward(self) -> None:
        """Jump forward by the configured step (30 s)."""
        self.skip(self.skip_forward_ms)

    def next_chapter(self) -> None:
        """Jump to the start of the next chapter."""
        index = self.chapter_at(self.position_ms()) + 1
        if 0 <= index < len(self._chapters):
            self.seek(self._chapters[index].start_ms)

    def previous_chapter(self) -> None:
        """Restart this chapter, or go to the previous one when near its start."""
        position = self.position_ms()
        index = self.chapter_at(position)
        if index < 0:
            self.seek(0)
            return
        if position - self._chapters[index].start_ms <= RESTART_CHAPTER_MS and index > 0:
            index -= 1
        self.seek(self._chapters[index].start_ms)

    def mark_played(self, episode_id: int, played: bool) -> None:
        """Mark an episode played or unplayed by hand (its position starts over)."""
        self.library.set_played(episode_id, played)
        self.library.save_position(episode_id, 0)
        if self._episode is not None and self._episode.id == episode_id:
            self._marked_played = played
        self.episode_updated.emit(episode_id)

    def unload(self) -> None:
        """Stop and forget the loaded episode (it was deleted): nothing is saved for it."""
        if self._shut_down or self._episode is None:
            return
        self._episode = None
        self._seeks.reset()
        self._chapters, self._chapter_starts, self._chapter_index = [], [], -1
        self.backend.stop()
        self._position_ms = self._duration_ms = 0
        self.episode_changed.emit(None)
        self.chapters_changed.emit([])
        self.duration_changed.emit(0)
        self.position_changed.emit(0)
        self.chapter_changed.emit(-1)

    def shutdown(self) -> None:
        """Save the position and release the engine (on quit); later backend events are ignored."""
        if self._shut_down:
            return
        self.backend.blockSignals(True)
        self._save_position(force=True)
        self._shut_down = True
        self._episode = None
        self.backend.shutdown()

    # ----- backend events --------------------------------------------------------------------

    def _apply_pending_seek(self) -> None:
        if self._seeks.pending_ms is None or not self.backend.is_seekable():
            return
        target = self._seeks.take_pending(self.backend.position_ms(), self._rate)
        if target is not None:
            self.backend.seek(target)

    def _show_position(self, position_ms: int) -> None:
        self.position_changed.emit(position_ms)
        index = self.chapter_at(position_ms)
        if index != self._chapter_index:
            self._chapter_index = index
            self.chapter_changed.emit(index)

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
        verdict = self._seeks.check(position_ms)
        if verdict is Report.RESEEK and self._seeks.target_ms is not None:
            self.backend.seek(self._seeks.target_ms)  # the engine dropped it (it can while opening)
            return
        if verdict is Report.IGNORE:
            return
        self._position_ms = position_ms
        self._show_position(position_ms)
        self._check_played(position_ms)
        self._save_position()

    def _check_played(self, position_ms: int) -> None:
        if self._marked_played or self._episode is None or self._duration_ms <= 0:
            return
        if self.backend.state() != PlaybackState.PLAYING:
            return
        if (
            position_ms >= PLAYED_FRACTION * self._duration_ms
            or self._duration_ms - position_ms <= PLAYED_REMAINING_MS
        ):
            self._marked_played = True
            self.library.set_played(self._episode.id, True)
            self.episode_updated.emit(self._episode.id)

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
        episode = self._episode
        if episode is None:
            return
        self.library.save_position(episode.id, 0)
        self.library.set_played(episode.id, True)
        self._marked_played = True
        self._position_ms = 0
        self.position_changed.emit(0)
        self.episode_updated.emit(episode.id)
        next_id = self.library.queue_next(episode.id)
        self.queue_changed.emit()
        if next_id is not None and self.advance_queue:
            self.play_episode(next_id)

    @Slot(str)
    def _on_backend_failed(self, message: str) -> None:
        self._set_error(message)

    def _set_error(self, message: str) -> None:
        if message != self._error:
            self._error = message
            self.error_changed.emit(message)

    def _save_position(self, force: bool = False) -> None:
        if self._episode is None or self._shut_down:
            return
        now = time.monotonic()
        if not force and now - self._last_save < SAVE_INTERVAL_S:
            return
        self._last_save = now
        try:
            self.library.save_position(self._episode.id, self.position_ms())
        except LibraryError:
            return
        self.episode_updated.emit(self._episode.id)  # the list shows the progress
