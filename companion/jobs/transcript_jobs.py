"""TranscriptJobs: an episode's transcript fetched in a worker and stored on the GUI thread, and the
cues' search index brought up to date in short steps between the window's events."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from companion.feeds.errors import FeedError
from companion.jobs.workers import TaskRunner
from companion.library import Library, LibraryError

START_INDEX_DELAY_MS = 2000  # after the first paint and the start-up work


class TranscriptJobs(QObject):
    """Fetches one episode's transcript at a time per episode (never on the GUI thread)."""

    stored = Signal(int)  # episode id: its transcript (or why it failed) is in the library now
    failed = Signal(int, str)  # episode id, what went wrong (nothing was stored)
    reported = Signal(str)  # a fetch that failed (told in the status bar; cues stored before are kept)

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.runner = TaskRunner(2, self)
        self.fetching: set[int] = set()
        self._stop = threading.Event()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._stop.set)
        self._index_timer = QTimer(self)
        self._index_timer.setSingleShot(True)
        self._index_timer.timeout.connect(self._index_step)
        self.index_soon(START_INDEX_DELAY_MS)  # what an earlier run or a command left to index

    def index_soon(self, delay_ms: int = 200) -> None:
        """Index newly stored cues for search, a step at a time, starting in ``delay_ms``."""
        if not self._index_timer.isActive():
            self._index_timer.start(delay_ms)

    def _index_step(self) -> None:
        library = self.library
        if not library.is_open or library.read_only:
            return
        if library.db.conn.in_transaction:  # a feed being stored in steps: after it
            self._index_timer.start(200)
            return
        try:
            waiting = library.transcripts_to_index() and library.index_transcripts_step()
        except LibraryError:  # busy (another program writes) or the disk is full: later
            self._index_timer.start(5000)
            return
        if waiting:
            self._index_timer.start(0)

    def fetch(self, episode_id: int, url: str | None = None) -> bool:
        """Fetch the episode's best transcript (or the one at ``url``); False when there is none to
        fetch or it is being fetched already."""
        from companion.services.transcripts import plan_transcript_fetch

        if episode_id in self.fetching:
            return False
        try:
            plan = plan_transcript_fetch(self.library, episode_id, url)
        except LibraryError as exc:
            self.failed.emit(episode_id, str(exc))
            return False
        if plan is None:
            return False
        self.fetching.add(episode_id)
        stop = self._stop
        self.runner.run(
            lambda: plan.fetch(stop),
            lambda fetched: self._on_fetched(plan, fetched),
            lambda exc: self._on_failed(episode_id, exc),
        )
        return True

    def _on_fetched(self, plan, fetched) -> None:  # noqa: ANN001 (TranscriptFetch, FetchedTranscript)
        self.fetching.discard(plan.episode_id)
        if not self.library.is_open:  # the window closed meanwhile
            return
        try:
            plan.store(self.library, fetched)
        except LibraryError as exc:
            self.failed.emit(plan.episode_id, str(exc))
            return
        if fetched.error:
            self.reported.emit(fetched.error)
        self.stored.emit(plan.episode_id)
        self.index_soon()

    def _on_failed(self, episode_id: int, exc: BaseException) -> None:
        self.fetching.discard(episode_id)
        message = str(exc) if isinstance(exc, FeedError | LibraryError) else repr(exc)
        self.failed.emit(episode_id, message)

    def shutdown(self) -> None:
        """Stop every fetch (on quit)."""
        self._stop.set()
