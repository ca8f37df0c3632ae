"""FeedJobs: subscribe, refresh, OPML and downloads for the window, fetching in workers and
storing each result on the GUI thread in one transaction."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from companion.domain import FeedUpdate
from companion.feeds.errors import FeedError
from companion.jobs.covers import CoverJobs
from companion.jobs.downloads import DownloadJobsMixin
from companion.jobs.removals import RemovalJobsMixin
from companion.jobs.workers import TaskRunner
from companion.library import Library, LibraryError
from companion.library.settings import read_settings
from companion.library.steps import Finished, advance

if TYPE_CHECKING:  # the plans are imported when first used: the window starts without the feed code
    from companion.services.subscriptions import FeedJob

LAST_REFRESH_KEY = "last_refresh_at"
AUTO_REFRESH_KEY = "auto_refresh_minutes"  # 0 turns the refresh at start-up off
DEFAULT_AUTO_REFRESH_MINUTES = 60
SHUTDOWN_WAIT_MS = 2000  # the most quitting waits for stopped workers to end


@dataclass
class Batch:
    """A group of feed fetches reported as one progress bar."""

    label: str
    total: int
    done: int = 0
    added: int = 0
    failures: list[str] = field(default_factory=list)
    manual: bool = True
    moved: list[str] = field(default_factory=list)  # "Title moved to URL" for each permanent move
    show_new: bool = False  # Add podcast: the list then shows the podcast
    refresh_all: bool = False  # Refresh all (sync follows it)
    added_urls: list[str] | None = None  # subscribe_many's addresses
    refresh: bool = False  # a refresh of subscriptions (new episodes are announced)
    new_in: list[str] = field(default_factory=list)  # titles of the podcasts that got new episodes


class FeedJobs(DownloadJobsMixin, RemovalJobsMixin, QObject):
    """The window's feed work. Signals carry what the status bar and the list need to show."""

    progress_changed = Signal(int, int, str)  # done, total, label (total 0: idle)
    batch_finished = Signal(str, list, bool)  # summary, failure messages, manual
    library_changed = Signal()  # episodes or podcasts were added or changed
    subscribe_failed = Signal(str)
    download_progress = Signal(int, int)  # episode id, percent (-1 unknown)
    download_finished = Signal(int, str)  # episode id, error message ("" when done)
    unsubscribed = Signal(int, str)  # podcast id, what to tell (done, or why not)
    subscribed = Signal(int)  # podcast id of a feed added with Add podcast (the list shows it)
    refreshed = Signal()  # a Refresh all ended (the window's sync follows it)
    feeds_added = Signal(list)  # the addresses subscribe_many was given, once their batch ended
    new_episodes = Signal(list, int)  # after a refresh that brought any: podcast titles, episode count

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.fetch_deadline_s: float | None = None  # the most one feed request may take (None: a minute)
        self.runner = TaskRunner(4, self)
        self.download_runner = TaskRunner(2, self)
        self._batch: Batch | None = None
        self._downloads: dict[int, threading.Event] = {}
        self._stores: deque[tuple[Batch, FeedJob, FeedUpdate]] = deque()
        self._store: tuple[Batch, FeedJob, Generator] | None = None
        self._last_progress: dict[int, float] = {}
        self._notes_workers = None  # NotesWorkers, started with the first batch of feeds
        self._unsubscribing: tuple[int, Generator] | None = None
        self._stop = threading.Event()  # a Cancel once a feed is fetched: set on quit, stops every fetch
        self.covers = CoverJobs(library, self)  # each stored feed's cover is fetched when due

    # ----- subscribe / refresh / OPML --------------------------------------------------------

    def busy(self) -> bool:
        """True while a batch of feeds is being fetched."""
        return self._batch is not None

    def storing(self) -> bool:
        """True while fetched feeds are being written or a podcast removed."""
        return self._store is not None or bool(self._stores) or self._unsubscribing is not None

    def subscribe(self, url_or_file: str) -> None:
        """Fetch and store a new feed (an http(s) URL, a feed file or a web page)."""
        from companion.services.subscriptions import plan_subscribe

        try:
            job = plan_subscribe(self.library, url_or_file)
        except (FeedError, LibraryError) as exc:
            self.subscribe_failed.emit(str(exc))
            return
        self._start_batch(self.adding_label(job.url), [job], show_new=True)

    def adding_label(self, url: str) -> str:
        """The label of a subscription's batch (its summary starts with it): "Adding URL"."""
        return self.tr("Adding {address}").format(address=url.strip())

    def refresh_all(self, manual: bool = True, podcast_ids: set[int] | None = None) -> bool:
        """Refresh every subscription (or those of ``podcast_ids``) with conditional GETs, four at a
        time; False if busy or there is nothing to refresh (asked by hand, that is said)."""
        if self._batch is not None:
            return False
        from companion.services.subscriptions import plan_refresh

        jobs = plan_refresh(self.library, podcast_ids)
        if not jobs:  # no "0 of 0 feeds done": nothing starts
            if manual:
                nothing = self.tr("No podcast feeds to refresh yet: add one with Add podcast (Ctrl+N).")
                self.batch_finished.emit(nothing, [], manual)
            return False
        label = self.tr("Refreshing feeds")
        if podcast_ids is not None and len(jobs) == 1:
            label = self.tr("Refreshing {title}").format(title=jobs[0].title)
        self._start_batch(label, jobs, manual, refresh=True)
        if self._batch is not None and podcast_ids is None:
            self._batch.refresh_all = True
        return True

    def subscribe_many(self, urls: list[str], label: str) -> bool:
        """Subscribe to several feeds in one batch (sync's feeds from other devices); False while a
        batch runs (nothing starts). ``feeds_added`` gives the addresses when the batch ends."""
        if self._batch is not None:
            return False
        from companion.services.subscriptions import plan_subscribe

        jobs, failures = [], []
        for url in urls:
            try:
                jobs.append(plan_subscribe(self.library, url))
            except (FeedError, LibraryError) as exc:
                failures.append(str(exc))
        self._start_batch(label, jobs, manual=False)
        if self._batch is not None:
            self._batch.failures += failures
            self._batch.added_urls = list(urls)
        else:
            self.feeds_added.emit(list(urls))
        return True

    def refresh_if_due(self) -> bool:
        """The refresh at start-up, when the last one is older than the configured minutes."""
        settings = read_settings(self.library)  # a malformed stored value reads as its default
        minutes, last = settings.auto_refresh_minutes, settings.last_refresh_at
        if minutes <= 0 or time.time() - last < minutes * 60:
            return False
        return self.refresh_all(manual=False)

    def import_opml(self, path: str) -> None:
        """Subscribe to every new feed listed in an OPML file."""
        from companion.services.subscriptions import plan_import

        try:
            jobs = plan_import(self.library, path)
        except (FeedError, LibraryError) as exc:
            self.subscribe_failed.emit(str(exc))
            return
        if not jobs:
            self.batch_finished.emit(
                self.tr("{file}: no new feeds to add").format(file=Path(path).name), [], True
            )
            return
        self._start_batch(self.tr("Importing {file}").format(file=Path(path).name), jobs)

    def export_opml(self, path: str) -> int:
        """Write the subscriptions to an OPML file; returns how many."""
        from companion.services.subscriptions import export_opml

        return export_opml(self.library, path)

    def _start_batch(
        self,
        label: str,
        jobs: list[FeedJob],
        manual: bool = True,
        show_new: bool = False,
        refresh: bool = False,
    ) -> None:
        from companion.feeds.deadline import Cancel
        from companion.feeds.http import FEED_DEADLINE_S

        if self._notes_workers is None:
            from companion.feeds.notes_workers import NotesWorkers

            self._notes_workers = NotesWorkers()  # big feeds are parsed on every core, off this process
        if not isinstance(self._stop, Cancel):
            self._stop = Cancel()
        processor = self._notes_workers.batch
        stop = self._stop
        deadline_s = self.fetch_deadline_s or FEED_DEADLINE_S
        batch = Batch(label, len(jobs), manual=manual, show_new=show_new, refresh=refresh)
        self._batch = batch
        self.progress_changed.emit(0, batch.total, label)
        if not jobs:
            self._finish_batch(batch)
            return
        for job in jobs:
            self.runner.run(
                lambda job=job: job.fetch(processor, deadline_s, stop),
                lambda update, b=batch, j=job: self._on_fetched(b, j, update),
                lambda exc, b=batch, j=job: self._on_fetch_failed(b, j, exc),
            )

    def _on_fetched(self, batch: Batch, job: FeedJob, update: FeedUpdate) -> None:
        # stores run one at a time, in steps, so the window keeps painting during a big feed
        self._stores.append((batch, job, update))
        if self._store is None:
            self._next_store()

    def _next_store(self) -> None:
        if not self._stores:
            self._store = None
            return
        if self._unsubscribing is not None:  # its transaction first: stores wait for it
            self._store = None
            QTimer.singleShot(50, self._next_store_if_idle)
            return
        batch, job, update = self._stores.popleft()
        try:
            steps = job.store_steps(self.library, update)
        except LibraryError as exc:
            self._failed(batch, job, str(exc))
            self._next_store()
            self._step(batch)
            return
        self._store = (batch, job, steps)
        QTimer.singleShot(0, self._store_step)

    def _next_store_if_idle(self) -> None:
        if self._store is None:
            self._next_store()

    def _store_step(self) -> None:
        if self._store is None:
            return
        batch, job, steps = self._store
        podcast_id = job.podcast_id
        try:
            step = advance(steps)
            if not isinstance(step, Finished):
                QTimer.singleShot(0, self._store_step)
                return
            report = step.value
            batch.added += report.added
            if report.added:
                batch.new_in.append(report.title)
            if report.moved_to:
                batch.moved.append(
                    self.tr("{title} moved to {address}").format(title=report.title, address=report.moved_to)
                )
            if report.added or report.updated or podcast_id is None:
                self.library_changed.emit()
            if batch.show_new:
                self.subscribed.emit(report.podcast_id)
            if report.podcast_id is not None:
                self.covers.fetch([report.podcast_id])
        except (FeedError, LibraryError) as exc:
            self._failed(batch, job, str(exc))
        self._next_store()
        self._step(batch)

    def finish_stores(self) -> None:
        """Write every fetched feed still waiting (on quit, and in tests)."""
        self.finish_unsubscribe()
        if self._store is None:
            self._next_store()
        while self._store is not None:
            self._store_step()

    def _on_fetch_failed(self, batch: Batch, job: FeedJob, exc: BaseException) -> None:
        message = str(exc) if isinstance(exc, FeedError | LibraryError) else f"{job.title}: {exc!r}"
        self._failed(batch, job, message)
        self._step(batch)

    def _failed(self, batch: Batch, job: FeedJob, message: str) -> None:
        from companion.services.subscriptions import note_refresh_failure

        batch.failures.append(message)
        note_refresh_failure(self.library, job, message)

    def _step(self, batch: Batch) -> None:
        batch.done += 1
        self.progress_changed.emit(batch.done, batch.total, batch.label)
        if batch.done >= batch.total:
            self._finish_batch(batch)

    def _finish_batch(self, batch: Batch) -> None:
        self._batch = None
        if self._notes_workers is not None:
            self._notes_workers.stop()  # no idle processes between refreshes
        try:
            self.library.set_setting(LAST_REFRESH_KEY, str(int(time.time())))
        except LibraryError as exc:  # busy, full or read-only: the batch still ends, and says so
            if not batch.failures:
                batch.failures.append(str(exc))
        ok = batch.total - len(batch.failures)
        summary = self.tr("{label}: {done} of {total} feeds done, %n new episode(s)", "", batch.added).format(
            label=batch.label, done=ok, total=batch.total
        )
        if batch.failures:
            summary += self.tr(", {count} failed").format(count=len(batch.failures))
        if batch.moved:
            summary += self.tr("; {moves} (new address kept)").format(moves="; ".join(batch.moved))
        self.progress_changed.emit(0, 0, "")
        self.batch_finished.emit(summary, list(batch.failures), batch.manual)
        if batch.refresh_all:
            self.refreshed.emit()
        if batch.added_urls is not None:
            self.feeds_added.emit(batch.added_urls)
        if batch.refresh and batch.added:
            self.new_episodes.emit(list(batch.new_in), batch.added)

    def shutdown(self) -> None:
        """Stop every fetch and download at once (their sockets are shut down), wait a moment for the
        workers and finish writing what was fetched (on quit). A worker that still does not end (a
        name lookup that hangs) is a daemon thread: it never holds up the quit."""
        self._stop.set()
        self.covers.shutdown()
        for event in self._downloads.values():
            event.set()
        self.runner.wait(SHUTDOWN_WAIT_MS)
        self.download_runner.wait(SHUTDOWN_WAIT_MS)
        self.covers.wait(SHUTDOWN_WAIT_MS)
        QCoreApplication.sendPostedEvents()  # deliver finished fetches still queued
        self.finish_stores()
        if self._notes_workers is not None:
            self._notes_workers.close()
