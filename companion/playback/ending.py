"""The end of an episode for the PlaybackController: played marks, a real end or a break, past the end."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Slot

from companion.domain import PLAYED_FRACTION as PLAYED_FRACTION
from companion.domain import PLAYED_REMAINING_MS as PLAYED_REMAINING_MS
from companion.domain import Episode, PlaybackState, counts_as_played
from companion.library import LibraryError
from companion.shownotes.timestamps import format_timestamp as clock

if TYPE_CHECKING:
    from collections.abc import Callable

    from companion.library import Library
    from companion.playback.backend import AudioBackend

END_MARGIN_MS = 15_000  # an "end" this far (or 10%) before the length is a stream that broke off


class EpisodeEndMixin:
    """Decides what an end of the media means; the controller supplies state, signals and helpers."""

    library: Library
    backend: AudioBackend
    advance_queue: bool
    _episode: Episode | None
    _marked_played: bool
    _confirmed: bool
    _duration_ms: int
    _position_ms: int
    _load_start_ms: int
    position_changed: Any
    episode_updated: Any
    queue_changed: Any
    _set_error: Callable[[str], None]
    _write: Callable[..., bool]
    _save_position: Callable[..., None]
    _show_position: Callable[[int], None]
    play_episode: Callable[..., None]
    tr: Callable[..., str]  # QObject.tr of the controller
    _beyond_message = ""  # the message that a moment is past the end (a seek elsewhere clears it)

    def mark_played(self, episode_id: int, played: bool) -> None:
        """Mark an episode played or unplayed by hand (its position starts over)."""
        self._write(self.library.set_played, episode_id, played)
        self._write(self.library.save_position, episode_id, 0)
        if self._episode is not None and self._episode.id == episode_id:
            self._marked_played = played
        self.episode_updated.emit(episode_id)

    def mark_podcast_played(self, podcast_id: int) -> int | None:
        """Mark every unplayed episode of a podcast played (their positions start over); how many,
        None when the library could not take it (said as a player message)."""
        marked: list[int] = []
        if not self._write(lambda: marked.append(self.library.mark_podcast_played(podcast_id))):
            return None
        if self._episode is not None and self._episode.podcast_id == podcast_id:
            self._marked_played = True
        return marked[0]

    def _say_beyond(self, position_ms: int, episode: Episode | None = None) -> None:
        episode = episode or self._episode
        title = episode.title if episode is not None else ""
        length = (episode.audio_length_ms if episode is not self._episode else None) or self._duration_ms
        self._beyond_message = self.tr(
            "{time} is past the end of the audio of “{title}”, which is {length} long (the show notes"
            " describe a longer version)."
        ).format(time=clock(position_ms), title=title, length=clock(length))
        self._set_error(self._beyond_message)

    def _check_played(self, position_ms: int) -> None:
        if self._marked_played or self._episode is None or self._duration_ms <= 0:
            return
        if self.backend.state() != PlaybackState.PLAYING:
            return
        if counts_as_played(position_ms, self._duration_ms):
            self._marked_played = True
            self._write(self.library.set_played, self._episode.id, True)
            self.episode_updated.emit(self._episode.id)

    @Slot()
    def _on_backend_finished(self) -> None:
        episode = self._episode
        if episode is None:
            return
        if not self._confirmed and self._load_start_ms >= self._duration_ms > 0:
            # opened at a moment past the end (a chapter of a longer cut): not an end, not played
            self._say_beyond(self._load_start_ms)
            self._position_ms = episode.position_ms
            self._show_position(self._position_ms)
            return
        # VLC ends when the input is done, up to ~1.5 s before the buffered audio is: hence the floor
        margin = max(2_500, min(END_MARGIN_MS, self._duration_ms // 10))
        if self._duration_ms > 0 and self._position_ms < self._duration_ms - margin:
            # the stream broke off or the file stopped decoding: keep the place, say so, stay
            stopped = self.tr(
                "Playback of “{title}” stopped at {time} of {length}: the stream broke off or the file is"
                " damaged. Press Play to try again from there."
            )
            self._set_error(
                stopped.format(
                    title=episode.title, time=clock(self._position_ms), length=clock(self._duration_ms)
                )
            )
            self._save_position(force=True)
            return
        self._write(self.library.save_position, episode.id, 0)
        self._write(self.library.set_played, episode.id, True)
        self._marked_played = True
        self._position_ms = 0
        self.position_changed.emit(0)
        self.episode_updated.emit(episode.id)
        try:
            next_id = self.library.queue_next(episode.id)
        except LibraryError as exc:
            self._set_error(str(exc))
            next_id = None
        self.queue_changed.emit()
        if next_id is not None and self.advance_queue:
            self.play_episode(next_id)
