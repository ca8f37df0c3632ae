"""Runs plain-Python jobs on a QThreadPool and delivers their results on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    """Carries a job's outcome back to the thread that owns it (queued signals)."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], relay: _Relay, with_progress: bool) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay
        self._with_progress = with_progress

    def run(self) -> None:  # worker thread: no library, no widgets
        try:
            args = (self._relay.progressed.emit,) if self._with_progress else ()
            result = self._fn(*args)
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI thread
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


class TaskRunner(QObject):
    """``run(fn, on_done, on_error, on_progress)``: ``fn`` runs in a worker; callbacks on this thread."""

    def __init__(self, max_threads: int = 4, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._relays: set[_Relay] = set()

    def run(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        on_progress: Callable[[Any], None] | None = None,
    ) -> None:
        """Start ``fn`` (called with a progress callback when ``on_progress`` is given)."""
        relay = _Relay(self)
        self._relays.add(relay)

        @Slot(object)
        def done(result: Any) -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            on_done(result)

        @Slot(object)
        def error(exc: BaseException) -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            on_error(exc)

        relay.succeeded.connect(done)
        relay.failed.connect(error)
        if on_progress is not None:
            relay.progressed.connect(on_progress)
        self.pool.start(_Job(fn, relay, on_progress is not None))

    def active(self) -> int:
        """Jobs not finished yet."""
        return len(self._relays)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every job is done (used on quit and in tests)."""
        return self.pool.waitForDone(msecs)
