"""CoverJobs: the window's cover downloads, fetched and decoded in workers, recorded on the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from companion.jobs.workers import TaskRunner
from companion.library import Library, LibraryError

if TYPE_CHECKING:  # Pillow and the cover code load with the first fetch, not at start-up
    from companion.feeds.covers import CoverResult
    from companion.services.covers import CoverJob

log = logging.getLogger(__name__)

COVER_THREADS = 2


class CoverJobs(QObject):
    """Fetches the covers that are due (see ``services.covers.plan_covers``), two at a time, never on
    the GUI thread; ``cover_stored`` tells the views a new copy is in place."""

    cover_stored = Signal(str)  # the image address whose new copy is in place

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.runner = TaskRunner(COVER_THREADS, self)
        self.recheck_after_s: float | None = None  # None: services.covers.RECHECK_S (tests set 0)
        self.deadline_s: float | None = None  # the most one cover may take (None: COVER_DEADLINE_S)
        self._in_flight: set[str] = set()
        self._cancel = None  # a feeds.deadline.Cancel, made with the first fetch
        self._started = False  # ``want`` waits for ``start`` (after the first paint)
        self._wanted: dict[int, set[int]] = {}  # podcast id -> episode ids asked for before the start

    def start(self) -> None:
        """From now on ``want`` fetches at once: fetch every cover never tried yet and those asked for
        before (the window calls it after its first paint: the cover code is not loaded before)."""
        self._started = True
        self.fetch(missing_only=True)
        wanted, self._wanted = self._wanted, {}
        for podcast_id, episode_ids in wanted.items():
            self.fetch([podcast_id], episode_ids, missing_only=True)

    def want(self, podcast_id: int, episode_id: int | None = None) -> None:
        """A view shows this podcast's (or episode's) cover: fetch it if it was never tried (the
        conditional GETs of cached ones are left to the refresh)."""
        if not self._started:
            self._wanted.setdefault(podcast_id, set()).update(() if episode_id is None else (episode_id,))
            return
        self.fetch([podcast_id], () if episode_id is None else (episode_id,), missing_only=True)

    def fetch(
        self,
        podcast_ids: Iterable[int] | None = None,
        episode_ids: Iterable[int] = (),
        missing_only: bool = False,
    ) -> int:
        """Start the fetches due for these podcasts (all when None) and episodes; returns how many
        started (an address already being fetched is not fetched twice)."""
        from companion.feeds.deadline import Cancel
        from companion.services.covers import RECHECK_S, plan_covers

        if self._cancel is None:
            self._cancel = Cancel()
        recheck = RECHECK_S if self.recheck_after_s is None else self.recheck_after_s
        try:
            jobs = plan_covers(
                self.library, podcast_ids, episode_ids, recheck_after_s=recheck, missing_only=missing_only
            )
        except LibraryError as exc:  # a busy or closed library: the covers wait for the next time
            log.warning("%s", exc)
            return 0
        started = 0
        for job in jobs:
            if job.url in self._in_flight:
                continue
            self._in_flight.add(job.url)
            started += 1
            self.runner.run(
                lambda job=job: self._fetch_one(job),
                lambda result, job=job: self._on_fetched(job, result),
                lambda exc, job=job: self._on_failed(job, exc),
            )
        return started

    def _fetch_one(self, job: CoverJob) -> CoverResult:  # a worker thread
        from companion.feeds.covers import COVER_DEADLINE_S

        return job.fetch(self._cancel, self.deadline_s or COVER_DEADLINE_S)

    def _on_fetched(self, job: CoverJob, result: CoverResult) -> None:
        from companion.services.covers import record

        self._in_flight.discard(job.url)
        if not self.library.is_open:
            return
        try:
            stored = record(self.library, job, result)
        except LibraryError as exc:
            log.warning("%s", exc)
            return
        if stored:
            self.cover_stored.emit(job.url)

    def _on_failed(self, job: CoverJob, exc: BaseException) -> None:
        self._in_flight.discard(job.url)
        from companion.feeds.errors import FetchCancelled

        if not isinstance(exc, FetchCancelled):
            log.warning("Could not fetch the cover %s: %r", job.url, exc)

    def busy(self) -> bool:
        """True while a cover is being fetched."""
        return bool(self._in_flight)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every fetch has run (tests; the results still arrive through the event loop)."""
        return self.runner.wait(msecs)

    def shutdown(self) -> None:
        """Stop every fetch now (their sockets are shut down)."""
        if self._cancel is not None:
            self._cancel.set()
