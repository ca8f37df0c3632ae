"""Overall time limits and cancelling for fetches: a fetch's sockets are shut down when its time is up."""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

from companion.feeds.errors import FeedError, FetchCancelled


class Cancel(threading.Event):
    """A flag that stops fetches (the window sets it on quit, the listener on a download's cancel).

    Setting it also shuts down the sockets of every fetch watching it, so a worker blocked in a read
    returns at once instead of when the server next sends a byte.
    """

    def __init__(self) -> None:
        super().__init__()
        self._watchers: set[Deadline] = set()
        self._watch_lock = threading.Lock()

    def set(self) -> None:
        """Stop every fetch that shares this flag, now."""
        super().set()
        with self._watch_lock:
            watchers = list(self._watchers)
        for deadline in watchers:
            deadline.abort()

    def _watch(self, deadline: Deadline) -> None:
        with self._watch_lock:
            self._watchers.add(deadline)
        if self.is_set():
            deadline.abort()

    def _unwatch(self, deadline: Deadline) -> None:
        with self._watch_lock:
            self._watchers.discard(deadline)


class Deadline:
    """The time one request may take, whatever the server does: a watchdog thread shuts down its
    sockets when ``seconds`` have passed (or ``cancel`` is set), which ends any blocked connect or read.

    ``push(seconds)`` moves the limit to that long from now (a download's stall timeout: pushed
    while bytes keep arriving). Use as a context manager; ``check()`` raises once it has fired.
    """

    def __init__(self, seconds: float, cancel: threading.Event | None = None) -> None:
        self.seconds = seconds
        self.cancel = cancel
        self.ends = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[Any] = []
        self._lock = threading.Condition()
        self._done = False
        self._thread: threading.Thread | None = None

    def __enter__(self) -> Deadline:
        self._thread = threading.Thread(target=self._watchdog, name="fetch-deadline", daemon=True)
        self._thread.start()
        if isinstance(self.cancel, Cancel):
            self.cancel._watch(self)
        return self

    def __exit__(self, *exc: object) -> None:
        if isinstance(self.cancel, Cancel):
            self.cancel._unwatch(self)
        with self._lock:
            self._done = True
            self._sockets.clear()
            self._lock.notify_all()

    @property
    def cancelled(self) -> bool:
        """True once the cancel flag is set."""
        return self.cancel is not None and self.cancel.is_set()

    def remaining(self) -> float:
        """Seconds left (0 once expired)."""
        return max(0.0, self.ends - time.monotonic())

    def push(self, seconds: float) -> None:
        """The limit is now ``seconds`` from now."""
        with self._lock:
            self.seconds = seconds
            self.ends = time.monotonic() + seconds
            self._lock.notify_all()

    def check(self, what: str) -> None:
        """Raise FetchCancelled or a FeedError naming ``what`` when the fetch was stopped."""
        if self.cancelled:
            raise FetchCancelled(f"Stopped fetching {what}.")
        if self.expired:
            raise FeedError(
                f"Could not fetch {what}: it took longer than {self.seconds:g} seconds (the server sends too"
                " slowly, or stopped sending). Try again later."
            )

    def add(self, sock: Any) -> None:
        """Watch ``sock``: it is shut down when the time is up (at once if it already is)."""
        with self._lock:
            fired = self.expired or self.cancelled
            if not fired and not self._done:
                self._sockets.append(sock)
        if fired:
            _shut(sock)

    def abort(self) -> None:
        """Shut down every watched socket now (the cancel flag was set)."""
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            _shut(sock)

    def _watchdog(self) -> None:
        with self._lock:
            while not self._done:
                left = self.ends - time.monotonic()
                if left <= 0:
                    self.expired = True
                    sockets, self._sockets = self._sockets, []
                    break
                self._lock.wait(left)
            else:
                return
        for sock in sockets:
            _shut(sock)

    def connect(
        self, address: tuple[str, int], timeout: float | None = None, source_address: Any = None
    ) -> socket.socket:
        """``socket.create_connection`` whose sockets are watched from before they connect."""
        host, port = address
        error: OSError | None = None
        for family, kind, proto, _, sockaddr in socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM):
            if self.expired or self.cancelled:
                break
            sock = socket.socket(family, kind, proto)
            try:
                self.add(sock)
                if timeout is not None:
                    sock.settimeout(timeout)
                if source_address:
                    sock.bind(source_address)
                sock.connect(sockaddr)
                return sock
            except OSError as exc:
                error = exc
                sock.close()
        raise error or OSError(f"could not connect to {host}:{port}")


def _shut(sock: Any) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except (OSError, ValueError):  # already closed, or never connected
        pass
