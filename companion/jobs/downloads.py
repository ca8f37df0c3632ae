"""Downloads for the window: an episode's audio fetched in a worker, resumed, cancelled, recorded."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from companion.feeds.errors import DownloadCancelled, FeedError
from companion.library import Library, LibraryError


class DownloadJobsMixin:
    """Downloads as a job of FeedJobs, which supplies the library, the runner and the signals."""

    library: Library
    download_runner: Any
    download_progress: Any
    download_finished: Any
    library_changed: Any
    _downloads: dict[int, threading.Event]
    _last_progress: dict[int, float]

    # ----- downloads -----------------------------------------------------------------------

    def is_downloading(self, episode_id: int) -> bool:
        """True while an episode's download runs."""
        return episode_id in self._downloads

    def download(self, episode_id: int) -> None:
        """Download an episode's audio into the media dir (resumes a broken-off download)."""
        if episode_id in self._downloads:
            return
        from companion.feeds.download import download_episode_file
        from companion.services.episodes import plan_download

        try:
            plan = plan_download(self.library, episode_id)
        except (FeedError, LibraryError) as exc:
            self.download_finished.emit(episode_id, str(exc))
            return
        from companion.feeds.deadline import Cancel

        cancel = Cancel()  # setting it also shuts the download's socket: a stuck read ends at once
        self._downloads[episode_id] = cancel

        def work(progress):  # noqa: ANN001, ANN202
            def report(done: int, total: int | None) -> None:
                progress((done, total))

            return download_episode_file(
                plan.url, plan.dest, report, cancel, name=f"episode {episode_id} {plan.title}"
            )

        self.download_progress.emit(episode_id, 0)
        self.download_runner.run(
            work,
            lambda path, eid=episode_id: self._on_downloaded(eid, path),
            lambda exc, eid=episode_id: self._on_download_failed(eid, exc),
            lambda value, eid=episode_id: self._on_download_progress(eid, value),
        )

    def cancel_download(self, episode_id: int) -> None:
        """Stop a running download (its partial file is removed)."""
        event = self._downloads.get(episode_id)
        if event is not None:
            event.set()

    def delete_download(self, episode_id: int) -> str:
        """Remove a downloaded file; returns an error message or ""."""
        from companion.services.episodes import delete_download

        try:
            delete_download(self.library, episode_id)
        except (FeedError, LibraryError) as exc:
            return str(exc)
        self.library_changed.emit()
        return ""

    def _on_download_progress(self, episode_id: int, value: tuple[int, int | None]) -> None:
        now = time.monotonic()
        if now - self._last_progress.get(episode_id, 0.0) < 0.1:
            return
        self._last_progress[episode_id] = now
        done, total = value
        self.download_progress.emit(episode_id, int(100 * done / total) if total else -1)

    def _on_downloaded(self, episode_id: int, path: Path) -> None:
        from companion.services.episodes import record_download

        self._downloads.pop(episode_id, None)
        try:
            self.library.episode(episode_id)
            record_download(self.library, episode_id, path)
        except LibraryError as exc:  # the episode was deleted meanwhile: no file left behind
            path.unlink(missing_ok=True)
            self.download_finished.emit(episode_id, str(exc))
            return
        self.download_finished.emit(episode_id, "")

    def _on_download_failed(self, episode_id: int, exc: BaseException) -> None:
        self._downloads.pop(episode_id, None)
        if isinstance(exc, DownloadCancelled):
            self.download_finished.emit(episode_id, self.tr("Download cancelled."))
        else:
            self.download_finished.emit(episode_id, str(exc))
