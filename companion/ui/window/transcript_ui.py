"""The window's Transcript tab: shows the selected episode's transcript (fetching it in a worker when
first shown), follows the playing cue, and plays, bookmarks or switches what the listener picks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QTabWidget

from companion.domain import Episode, StoredTranscript, Transcript
from companion.jobs.transcript_jobs import TranscriptJobs
from companion.library import Library, LibraryError
from companion.playback.controller import PlaybackController
from companion.ui.panes.transcript_pane import TranscriptPane
from companion.ui.window.hosts import StatusHost

# bookmark(episode id, position_ms, note): "Bookmark this moment" on a cue
BookmarkMoment = Callable[[int, int, str], object]


class TranscriptUi(QObject):
    """Owns the Transcript tab and its fetches; the window calls ``show_episode`` on selection."""

    def __init__(
        self,
        window: StatusHost,
        library: Library,
        controller: PlaybackController,
        bookmark: BookmarkMoment,
    ) -> None:
        super().__init__(window)  # type: ignore[arg-type]
        self.window = window
        self.library = library
        self.controller = controller
        self.bookmark = bookmark
        self.pane = TranscriptPane(window)  # type: ignore[arg-type]
        self.jobs = TranscriptJobs(library, self)
        self.episode: Episode | None = None
        self.stored: StoredTranscript | None = None
        self.pane.view.cue_activated.connect(self._on_view_cue_activated)
        self.pane.view.bookmark_requested.connect(self._on_view_bookmark_requested)
        self.pane.source_chosen.connect(self._on_pane_source_chosen)
        self.pane.retry_requested.connect(self.retry)
        self.jobs.stored.connect(self._on_jobs_stored)
        self.jobs.failed.connect(self._on_jobs_failed)
        self.jobs.reported.connect(self._on_jobs_reported)
        controller.position_changed.connect(self._on_controller_position_changed)
        controller.episode_changed.connect(self._on_controller_episode_changed)

    def add_tab(self, tabs: QTabWidget) -> None:
        """The Transcript tab, after Chapters."""
        tabs.insertTab(1, self.pane, self.tr("Transcript"))

    # ----- showing ----------------------------------------------------------------------------

    def show_episode(self, episode: Episode | None) -> None:
        """Show the episode's transcript: stored cues, or a fetch in a worker the first time (its
        feed names one), or why there is none."""
        self.episode = episode
        if episode is None:
            self.stored = None
            self.pane.set_sources([], None)
            self.pane.show_message(self.tr("No transcript for this episode."))
            return
        from companion.services.transcripts import transcript_choices

        try:
            self.stored = self.library.stored_transcript(episode.id)
            choices = transcript_choices(self.library, episode.id)
        except LibraryError as exc:
            self.pane.show_message(str(exc))
            return
        self._show_sources(choices)
        stored = self.stored
        if stored is not None and stored.cue_count:
            self.pane.show_cues(self.library.transcript_cues(episode.id), stored.timed)
            self._follow_now()
        elif episode.id in self.jobs.fetching:
            self.pane.show_message(self.tr("Fetching the transcript…"))
        elif stored is not None and stored.error:
            self.pane.show_message(
                self.tr("The transcript could not be fetched: {0}").format(stored.error), True
            )
        elif choices and self.jobs.fetch(episode.id):
            self.pane.show_message(self.tr("Fetching the transcript…"))
        else:
            self.pane.show_message(self.tr("No transcript for this episode."))

    def _show_sources(self, choices: list[Transcript]) -> None:
        sources = [(self._label(t.type, t.url, t.language), t.url) for t in choices]
        stored = self.stored
        current = stored.url if stored is not None else None
        if stored is not None and stored.path:
            sources.insert(0, (self.tr("File: {0}").format(Path(stored.path).name), None))
        self.pane.set_sources(sources, current)

    def _label(self, mime: str | None, url: str, language: str | None) -> str:
        from companion.transcripts.kinds import transcript_kind

        names = {
            "vtt": "WebVTT",
            "srt": "SRT",
            "json": "JSON",
            "html": "HTML",
            "text": self.tr("Plain text"),
        }
        kind = names.get(transcript_kind(mime, url) or "", mime or self.tr("Unknown type"))
        return self.tr("{0} ({1})").format(kind, language) if language else kind

    # ----- following and acting ---------------------------------------------------------------

    def _playing_here(self) -> bool:
        playing = self.controller.episode
        return playing is not None and self.episode is not None and playing.id == self.episode.id

    def _follow_now(self) -> None:
        if self._playing_here():
            self.pane.view.follow(self.controller.position_ms())
        else:
            self.pane.view.cue_model.set_current(-1)

    @Slot(int)
    def _on_controller_position_changed(self, position_ms: int) -> None:
        if self._playing_here():
            self.pane.view.follow(position_ms)

    @Slot(object)
    def _on_controller_episode_changed(self, _episode: object) -> None:
        self._follow_now()

    @Slot(int)
    def _on_view_cue_activated(self, start_ms: int) -> None:
        if self.episode is not None:
            self.controller.play_episode(self.episode.id, start_ms)  # the path chapters use

    @Slot(int, str)
    def _on_view_bookmark_requested(self, start_ms: int, quote: str) -> None:
        if self.episode is not None:
            self.bookmark(self.episode.id, start_ms, f"> {quote}")

    @Slot(str)
    def _on_pane_source_chosen(self, url: str) -> None:
        if self.episode is None or (self.stored is not None and self.stored.url == url):
            return
        if self.jobs.fetch(self.episode.id, url):
            self.window.statusBar().showMessage(self.tr("Fetching the transcript…"), 6000)

    def retry(self) -> None:
        """Fetch the shown episode's transcript again (Retry after a failure)."""
        if self.episode is None:
            return
        url = self.stored.url if self.stored is not None else None
        if self.jobs.fetch(self.episode.id, url):
            self.pane.show_message(self.tr("Fetching the transcript…"))

    @Slot(int)
    def _on_jobs_stored(self, episode_id: int) -> None:
        if self.episode is not None and self.episode.id == episode_id:
            self.show_episode(self.episode)

    @Slot(int, str)
    def _on_jobs_failed(self, episode_id: int, message: str) -> None:
        if self.episode is not None and self.episode.id == episode_id:  # nothing stored: say it, offer Retry
            self.pane.show_message(self.tr("The transcript could not be fetched: {0}").format(message), True)

    @Slot(str)
    def _on_jobs_reported(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 8000)
