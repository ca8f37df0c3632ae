"""PlaybackController: plays an episode at a position, follows its chapters, saves where you are."""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, Signal

from companion.domain import Chapter, Episode, PlaybackState, safe_media
from companion.library import Library, LibraryError
from companion.library.settings import read_settings, store_settings
from companion.playback.audio_settings import AudioSettingsMixin
from companion.playback.backend import AudioBackend
from companion.playback.chapter_nav import ChapterNavigationMixin
from companion.playback.ending import EpisodeEndMixin
from companion.playback.engine_reports import SAVE_INTERVAL_S as SAVE_INTERVAL_S
from companion.playback.engine_reports import EngineReportsMixin
from companion.playback.seek_guard import SeekGuard


class PlaybackController(
    EngineReportsMixin, AudioSettingsMixin, ChapterNavigationMixin, EpisodeEndMixin, QObject
):
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
    seeked = Signal(int)  # ms: the listener (or a remote) moved the position within the episode

    def __init__(self, library: Library, backend: AudioBackend, parent: QObject | None = None):
        super().__init__(parent)
        self.library = library
        self.backend = backend
        settings = read_settings(library)
        self.skip_back_ms = settings.skip_back_ms
        self.skip_forward_ms = settings.skip_forward_ms
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
        self._confirmed = False  # the engine reported a position of this media since it was loaded
        self._length_known = False  # the duration is the audio's own (file or VLC), not a feed's claim
        self._load_start_ms = 0
        self._save_due = False  # a seek landed: save at the next report
        self._write_problem = ""  # the last library write that could not be made, said while playing
        self._rate = self._global_rate = settings.rate
        self._volume = settings.volume
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
        if start_ms is not None and episode.audio_length_ms and start_ms >= episode.audio_length_ms:
            self._say_beyond(start_ms, episode)  # whatever plays goes on
            return
        self._sync_from_engine()
        self._save_position(force=True)
        self._set_error("")
        if start_ms is None:
            start_ms = 0 if episode.played_at else episode.position_ms
        self._show_episode(episode, chapters, max(0, int(start_ms)))
        self._write(lambda: store_settings(self.library, last_episode_id=episode.id))
        self._reload(self._position_ms)

    def _show_episode(self, episode: Episode, chapters: list[Chapter], position_ms: int) -> None:
        """Make ``episode`` the loaded one and tell the views (the engine is not touched)."""
        self._episode = episode
        self._marked_played = episode.played_at is not None
        self._duration_ms = episode.audio_length_ms or episode.duration_ms or 0
        self._length_known = bool(episode.audio_length_ms)  # the audio's own length is known
        self._confirmed = False
        self._position_ms = position_ms
        self.use_podcast_rate()
        self.episode_changed.emit(episode)
        self.duration_changed.emit(self._duration_ms)
        self.use_chapters(chapters)

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
        last = read_settings(self.library).last_episode_id
        if last is not None:
            self.cue_episode(last)

    def _reload(self, start_ms: int, note: str = "") -> None:
        episode = self._episode
        if episode is None:
            return
        if self._length_known and start_ms >= self._duration_ms > 0:
            self._say_beyond(start_ms)
            return
        self._position_ms = start_ms
        self._load_start_ms = start_ms
        self._confirmed = False
        self._seeks.loading(start_ms, self._rate)  # the engine opens there itself: no second seek
        media, message = self._media_for(episode)
        self._set_error(note or message or self._write_problem)
        if not media:
            return
        self.backend.load(media, start_ms)
        if self.backend.media is not None and self.backend.state() != PlaybackState.ERROR:
            self.backend.set_rate(self._rate)
            self.backend.play()

    def _media_for(self, episode: Episode) -> tuple[str | None, str]:
        """What to open and what to tell: the download, or the enclosure (said so) when the downloaded
        file went missing; None and why when there is nothing the player may open (safe_media)."""
        note = ""
        if episode.audio_path and not os.path.exists(episode.audio_path) and episode.audio_url:
            try:
                self.library.set_download(episode.id, None)
                self._episode = episode = self.library.episode(episode.id)
            except LibraryError:
                gone = self.tr("The downloaded file of “{title}” is gone: {path}")
                return None, gone.format(title=episode.title, path=episode.audio_path)
            note = self.tr("The downloaded file of “{title}” is gone; playing it from the web instead.")
            note = note.format(title=episode.title)
            self.episode_updated.emit(episode.id)
        media, problem = safe_media(episode)
        return media, (note if media else problem)

    @property
    def length_known(self) -> bool:
        """True when the duration is the audio's own length (its file's or VLC's), not a feed's claim."""
        return self._length_known

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
        self._sync_from_engine()
        self._save_position(force=True)

    def seek(self, position_ms: int) -> None:
        """Seek now, or as soon as the media allows."""
        if self._shut_down or self._episode is None:
            return
        position_ms = max(0, int(position_ms))
        if self._length_known and position_ms >= self._duration_ms > 0:
            self._say_beyond(position_ms)  # nothing moves, nothing is marked
            return
        if self._error and self._error == self._beyond_message:
            self._set_error("")
        if self.backend.is_seekable():
            self._position_ms = position_ms
            self._seeks.sought(position_ms, self._rate)
            self.backend.seek(position_ms)
            self._save_due = True
        elif self._open_without_seeking():
            # the stream cannot seek (its server takes no byte ranges): VLC opens it again at the
            # target and reads up to it; until then the shown position is the target
            self._reload(position_ms)
        else:
            self._position_ms = position_ms
            self._seeks.hold(position_ms)  # still opening: applied once it can seek
        self._show_position(position_ms)
        self.seeked.emit(position_ms)

    def _open_without_seeking(self) -> bool:
        """True when the media is open and playing but cannot seek (a server without Range)."""
        return self.backend.media is not None and self.backend.state() in (
            PlaybackState.PLAYING,
            PlaybackState.PAUSED,
        )

    def skip(self, delta_ms: int) -> None:
        """Jump forward (positive) or back (negative)."""
        self.seek(self.position_ms() + delta_ms)

    def skip_back(self) -> None:
        """Jump back by the configured step (10 s)."""
        self.skip(-self.skip_back_ms)

    def skip_forward(self) -> None:
        """Jump forward by the configured step (30 s)."""
        self.skip(self.skip_forward_ms)

    def unload(self) -> None:
        """Stop and forget the loaded episode (it was deleted): nothing is saved for it."""
        if self._shut_down or self._episode is None:
            return
        self._episode = None
        self._seeks.reset()
        self._chapters, self._chapter_starts, self._chapter_index = [], [], -1
        self.backend.stop()
        self._position_ms = self._duration_ms = 0
        self.use_podcast_rate()  # nothing loaded: the global speed
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
        self._sync_from_engine()
        self._save_position(force=True)
        self._shut_down = True
        self._episode = None
        self.backend.shutdown()

    def _write(self, write, *args) -> bool:  # noqa: ANN001
        """Make one library write; a library that cannot take it (read-only, full, busy) is said, not
        raised: playing goes on. True when it was written."""
        try:
            write(*args)
        except LibraryError as exc:
            self._write_problem = str(exc)  # kept on show while playing goes on
            self._set_error(self._write_problem)
            return False
        return True

    def _set_error(self, message: str) -> None:
        if message != self._error:
            self._error = message
            self.error_changed.emit(message)
