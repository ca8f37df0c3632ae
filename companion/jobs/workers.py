"""Runs plain-Python jobs on daemon worker threads and delivers their results on the GUI thread."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot


class _Relay(QObject):
    """Carries a job's outcome back to the thread that owns it (queued signals). It has no parent: the
    job holds it, so a worker never emits from an object its window's deletion took away."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(object)


class _Receiver(QObject):
    """The runner's end of one job (a child of the runner, on its thread): deleted with the runner,
    which drops the queued connections, so a result arriving after its window went is never delivered."""

    def __init__(
        self,
        runner: TaskRunner,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        on_progress: Callable[[Any], None] | None,
    ) -> None:
        super().__init__(runner)
        self._runner = runner
        self._on_done = on_done
        self._on_error = on_error
        self._on_progress = on_progress

    def _finish(self) -> None:
        self._runner._receivers.discard(self)
        self.deleteLater()

    @Slot(object)
    def done(self, result: Any) -> None:
        self._finish()
        self._on_done(result)

    @Slot(object)
    def error(self, exc: BaseException) -> None:
        self._finish()
        self._on_error(exc)

    @Slot(object)
    def progress(self, value: Any) -> None:
        if self._on_progress is not None:
            self._on_progress(value)


class _Job:
    def __init__(self, fn: Callable[..., Any], relay: _Relay, with_progress: bool) -> None:
        self._fn = fn
        self._relay = relay
        self._with_progress = with_progress

    def run(self) -> None:  # worker thread: no library, no widgets
        try:
            args = (self._relay.progressed.emit,) if self._with_progress else ()
            result = self._fn(*args)
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI thread
            self._tell(self._relay.failed, exc)
        else:
            self._tell(self._relay.succeeded, result)

    @staticmethod
    def _tell(signal: Any, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the runner was deleted meanwhile (its window closed): no one to tell
            pass


class TaskRunner(QObject):
    """``run(fn, on_done, on_error, on_progress)``: ``fn`` runs in a worker; callbacks on this thread.

    The workers are daemon threads, at most ``max_threads`` at a time, each ending when no job is
    left: a job stuck where nothing can stop it (a name lookup that hangs) never holds up the quit,
    which a thread pool would (it waits for its threads when it is destroyed).
    """

    def __init__(self, max_threads: int = 4, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.max_threads = max(1, max_threads)
        self._receivers: set[_Receiver] = set()
        self._queue: deque[_Job] = deque()
        self._lock = threading.Condition()
        self._workers = 0
        self._running = 0  # jobs queued or running

    def run(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        on_progress: Callable[[Any], None] | None = None,
    ) -> None:
        """Start ``fn`` (called with a progress callback when ``on_progress`` is given)."""
        relay = _Relay()
        receiver = _Receiver(self, on_done, on_error, on_progress)
        self._receivers.add(receiver)
        relay.succeeded.connect(receiver.done)
        relay.failed.connect(receiver.error)
        if on_progress is not None:
            relay.progressed.connect(receiver.progress)
        with self._lock:
            self._queue.append(_Job(fn, relay, on_progress is not None))
            self._running += 1
            start = self._workers < self.max_threads
            if start:
                self._workers += 1
        if start:
            threading.Thread(target=self._work, name="companion-worker", daemon=True).start()

    def _work(self) -> None:
        while True:
            with self._lock:
                if not self._queue:
                    self._workers -= 1
                    return
                job = self._queue.popleft()
            try:
                job.run()
            finally:
                with self._lock:
                    self._running -= 1
                    self._lock.notify_all()

    def active(self) -> int:
        """Jobs not finished yet."""
        return len(self._receivers)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every job has run (used on quit and in tests); False when ``msecs`` passed first."""
        with self._lock:
            return self._lock.wait_for(lambda: self._running == 0, None if msecs < 0 else msecs / 1000)
