"""DirectorySearches: the window's directory searches, each in a worker; only the latest is answered."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from companion.jobs.workers import TaskRunner


class DirectorySearches(QObject):
    """``search(directory_id, term)`` starts a search in a worker and returns its number; ``answered``
    or ``failed`` come back on this thread for the latest search only (an older one's answer, arriving
    after the listener typed on, is dropped)."""

    answered = Signal(int, object)  # search number, feeds.directory.DirectoryAnswer
    failed = Signal(int, str)  # search number, the message to show

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = TaskRunner(2, self)
        self.deadline_s: float | None = None  # the most one search may take (None: the feeds default)
        self.limit = 30
        self.latest = 0
        self._stop = None  # a feeds.deadline.Cancel, made with the first search

    def search(self, directory_id: str, term: str) -> int:
        """Start a search; returns its number (the latest from now on)."""
        from companion.feeds.deadline import Cancel
        from companion.feeds.directory import directory, search

        if self._stop is None:
            self._stop = Cancel()
        self.latest += 1
        number, stop, limit = self.latest, self._stop, self.limit
        deadline_s = self.deadline_s
        where = directory(directory_id)
        self.runner.run(
            lambda: search(where, term, limit, deadline_s, stop),
            lambda answer: self._deliver(number, answer),
            lambda exc: self._fail(number, exc),
        )
        return number

    def forget(self) -> None:
        """Drop the answer of every search started so far (the listener cleared the field)."""
        self.latest += 1

    def busy(self) -> bool:
        """True while a search is running."""
        return self.runner.active() > 0

    def _deliver(self, number: int, answer: object) -> None:
        if number == self.latest:
            self.answered.emit(number, answer)

    def _fail(self, number: int, exc: BaseException) -> None:
        from companion.feeds.errors import FeedError, FetchCancelled

        if number != self.latest or isinstance(exc, FetchCancelled):
            return
        self.failed.emit(number, str(exc) if isinstance(exc, FeedError) else f"The search failed: {exc!r}")

    def shutdown(self) -> None:
        """Stop every search at once (on quit): their sockets are shut down."""
        if self._stop is not None:
            self._stop.set()
