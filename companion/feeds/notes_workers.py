"""Notes processing in worker processes: a big feed's timelines and search text on every core."""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import select
import signal
import sys
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor

from companion.feeds.items import NotesBatch, NotesResult, NotesWork, process_notes

log = logging.getLogger(__name__)

MIN_ITEMS = 200  # fewer items than this are processed here: a pool round trip would cost more
MAX_WORKERS = 4
CHUNK = 100  # items per task: small enough to keep every worker busy while the parse goes on


PR_SET_PDEATHSIG = 1  # prctl(2)


def _die_with(app_pid: int) -> None:
    """A worker's initializer: end the worker when the app ends, however it ends (a SIGKILL too).

    Its parent is the fork server, so the kernel's parent-death signal covers the fork server's end;
    a thread watching the app's process covers the app's. Without them a killed app leaves its
    workers waiting on their task queue for ever, and they keep the fork server and the resource
    tracker alive with them.
    """
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    threading.Thread(target=_watch_app, args=(app_pid,), name="app-watch", daemon=True).start()


def _watch_app(app_pid: int) -> None:
    try:
        pidfd = os.pidfd_open(app_pid)
    except ProcessLookupError:
        os._exit(0)  # the app is already gone
    except (OSError, AttributeError):  # no pidfd here: look every half second
        while True:
            try:
                os.kill(app_pid, 0)
            except ProcessLookupError:
                os._exit(0)
            except OSError:
                pass
            time.sleep(0.5)
    poller = select.poll()
    poller.register(pidfd, select.POLLIN)
    while not poller.poll():  # readable once the app has exited
        pass
    os._exit(0)


def _worker_count() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cores))


class NotesWorkers:
    """A pool of processes that run ``process_notes`` for big feeds, started on first use.

    Parsing a feed is Python work that holds the interpreter lock: in threads it uses one core and
    competes with the window's thread. Here the notes of a big feed are split over processes (started
    by a fork server, so never forked from a process with Qt's threads); small feeds and any failure
    of the pool fall back to processing in the calling thread, with the same result. Thread-safe:
    several fetch threads may call ``process`` at once. ``close`` when done (the app does on quit).
    """

    def __init__(self, max_workers: int | None = None, min_items: int = MIN_ITEMS) -> None:
        self.max_workers = max_workers or _worker_count()
        self.min_items = min_items
        self._pool: ProcessPoolExecutor | None = None
        self._broken = False
        self._closed = False
        self._lock = threading.Lock()
        self._active = 0  # batches between batch() and results()
        self._stop_when_idle = False

    @property
    def usable(self) -> bool:
        """True while big feeds go to worker processes (not after a failure or close)."""
        return self.max_workers > 1 and not self._broken and not self._closed

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
                context = multiprocessing.get_context(method)
                if method == "forkserver":
                    context.set_forkserver_preload(["companion.feeds.items"])
                self._pool = ProcessPoolExecutor(
                    self.max_workers, mp_context=context, initializer=_die_with, initargs=(os.getpid(),)
                )
            return self._pool

    def start(self) -> None:
        """Start the processes now (in the background) rather than with the first big feed."""
        if self.usable:
            try:
                self._executor().submit(process_notes, [])
            except Exception as exc:  # noqa: BLE001 (the pool is an optimisation: never fatal)
                self._give_up(exc)

    def batch(self) -> NotesBatch:
        """A batch for one feed: once it holds ``min_items`` items its notes go to the worker
        processes a chunk at a time, while the parser reads the rest (a NotesProcessor)."""
        with self._lock:
            self._active += 1
        return _WorkerBatch(self)

    def _batch_done(self) -> None:
        with self._lock:
            self._active -= 1
            idle = self._active == 0 and self._stop_when_idle
            if idle:
                self._stop_when_idle = False
        if idle:
            self._shutdown()

    def process(self, items: list[NotesWork]) -> list[NotesResult]:
        """``process_notes(items)``, split over the worker processes when there are many items."""
        batch = self.batch()
        for item in items:
            batch.add(item)
        return batch.results()

    def _submit(self, items: list[NotesWork]) -> Future[list[NotesResult]]:
        return self._executor().submit(process_notes, items)

    def _give_up(self, exc: BaseException) -> None:
        log.warning("Feed parsing goes on in one process; the worker processes failed: %r", exc)
        self._broken = True
        self._shutdown()

    def _shutdown(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def stop(self) -> None:
        """Stop the worker processes for now, or once the feeds being parsed are done (they start
        again with the next big feed)."""
        with self._lock:
            self._stop_when_idle = self._active > 0
            busy = self._active > 0
        if not busy:
            self._shutdown()

    def close(self) -> None:
        """Stop the worker processes; later calls process here."""
        self._closed = True
        self._shutdown()

    def __enter__(self) -> NotesWorkers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _WorkerBatch:
    """A feed's notes, sent to the workers in chunks as they come; processed here if the pool fails."""

    def __init__(self, workers: NotesWorkers) -> None:
        self.workers = workers
        self.work: list[NotesWork] = []
        self.sent = 0  # items of ``work`` already submitted
        self.futures: list[Future[list[NotesResult]]] | None = []  # None: processing here instead
        self.done = False

    def add(self, work: NotesWork) -> None:
        """Keep one item's notes; send a chunk once the feed is big enough for the pool."""
        self.work.append(work)
        if len(self.work) >= max(self.workers.min_items, self.sent + CHUNK):
            self._send(len(self.work))

    def _send(self, end: int) -> None:
        if self.futures is None or not self.workers.usable or end <= self.sent:
            return
        try:
            for start in range(self.sent, end, CHUNK):
                self.futures.append(self.workers._submit(self.work[start : min(start + CHUNK, end)]))
            self.sent = end
        except Exception as exc:  # noqa: BLE001 (the pool is an optimisation: never fatal)
            self.workers._give_up(exc)
            self.futures = None

    def results(self) -> list[NotesResult]:
        """Every item's results in order, from the workers or, for a small feed or a failure, from here."""
        try:
            return self._results()
        finally:
            self._finish()

    def cancel(self) -> None:
        """The feed failed to parse: drop what was sent."""
        for future in self.futures or ():
            future.cancel()
        self._finish()

    def _finish(self) -> None:
        if not self.done:
            self.done = True
            self.workers._batch_done()

    def _results(self) -> list[NotesResult]:
        if len(self.work) < self.workers.min_items:
            return process_notes(self.work)
        self._send(len(self.work))
        if self.futures is not None and self.sent == len(self.work):
            try:
                results: list[NotesResult] = []
                for future in self.futures:
                    results.extend(future.result())
                return results
            except Exception as exc:  # noqa: BLE001 (a worker died, a pickling error...)
                self.workers._give_up(exc)
        return process_notes(self.work)
