"""Removing a podcast for the window: in steps inside one transaction, so the window keeps painting."""

from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer

from companion.library import Library, LibraryError
from companion.library.steps import Finished, advance

if TYPE_CHECKING:
    from collections.abc import Callable


class RemovalJobsMixin:
    """Unsubscribe as a job of FeedJobs, which supplies the library, the signals and the other jobs."""

    library: Library
    progress_changed: Any
    library_changed: Any
    unsubscribed: Any
    _batch: Any
    _store: Any
    _unsubscribing: tuple[int, Generator] | None
    cancel_download: Callable[[int], None]

    def unsubscribe(self, podcast_id: int) -> bool:
        """Remove a podcast with everything of it, in steps inside one transaction (the window keeps
        painting); ``unsubscribed`` tells when it is done. False (nothing done) while feeds are being
        fetched or written, or another podcast is being removed."""
        if self._batch is not None or self._store is not None or self._unsubscribing is not None:
            return False
        from companion.library.unsubscribe import unsubscribe_steps

        for episode_id in self.library.episode_ids(podcast_id=podcast_id):
            self.cancel_download(episode_id)  # its partial file goes; a finished one is dropped
        self._unsubscribing = (podcast_id, unsubscribe_steps(self.library, podcast_id))
        QTimer.singleShot(0, self._unsubscribe_step)
        return True

    def _unsubscribe_step(self) -> None:
        if self._unsubscribing is None:
            return
        podcast_id, steps = self._unsubscribing
        try:
            step = advance(steps)
        except LibraryError as exc:
            self._unsubscribing = None
            self.progress_changed.emit(0, 0, "")
            self.unsubscribed.emit(podcast_id, str(exc))
            return
        if isinstance(step, Finished):
            self._unsubscribing = None
            self.progress_changed.emit(0, 0, "")
            self.library_changed.emit()
            self.unsubscribed.emit(
                podcast_id, self.tr("Unsubscribed from “{title}”").format(title=step.value.title)
            )
            return
        self.progress_changed.emit(*step, self.tr("Unsubscribing"))
        QTimer.singleShot(0, self._unsubscribe_step)

    def finish_unsubscribe(self) -> None:
        """Run a removal in progress to its end (on quit: its transaction is not left open)."""
        while self._unsubscribing is not None:
            self._unsubscribe_step()
