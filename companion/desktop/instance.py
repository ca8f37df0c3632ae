"""One window per library: the first launch holds a lock and listens on a local socket, a second launch
hands its request to it (QLocalServer / QLocalSocket) and exits.

Both live in the user's runtime directory (``$XDG_RUNTIME_DIR/podcast-companion``, else a folder of the
user's own in the temporary directory), named by a hash of the user and the library's real path, so
two libraries have two windows. The lock is an ``flock`` the kernel drops when the process ends, however
it ends: whoever holds it owns the socket name, so a socket file left by a crash is removed and never
blocks a start. The server reads each request without waiting on it (a few KB at most, within a few
seconds, then the connection is dropped), so a slow or broken client never freezes the window.
"""

from __future__ import annotations

import contextlib
import enum
import fcntl
import hashlib
import json
import os
import stat
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

RUNTIME_FOLDER = "podcast-companion"
HAND_OVER_WAIT_MS = 10_000  # a second launch waits this long for the first window to answer
CLIENT_TIMEOUT_MS = 5_000  # a client has this long to send its request
MAX_REQUEST_BYTES = 64 * 1024
MAX_CLIENTS = 16  # connections read at once; more are dropped
ACTIVATION_VARIABLES = ("XDG_ACTIVATION_TOKEN", "DESKTOP_STARTUP_ID")  # Wayland, X11


@dataclass(frozen=True, slots=True)
class InstancePaths:
    """Where one library's window listens, and its lock."""

    socket: Path
    lock: Path


class HandOver(enum.Enum):
    """How a launch that found the library's window taken ended."""

    DELIVERED = "delivered"  # the window has the request
    CLAIMED = "claimed"  # the window was gone by then: this launch holds the lock now
    NO_ANSWER = "no-answer"  # a window holds the library but did not answer in time


def runtime_folder(env: Mapping[str, str] | None = None) -> Path:
    """The user's own folder for sockets (made 0700); OSError when it is not safely ours."""
    env = os.environ if env is None else env
    runtime = env.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isdir(runtime):
        folder = Path(runtime) / RUNTIME_FOLDER
    else:
        folder = Path(tempfile.gettempdir()) / f"{RUNTIME_FOLDER}-{os.getuid()}"
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o700)
    info = os.lstat(folder)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise OSError(f"{folder} is not a folder of this user's")
    if stat.S_IMODE(info.st_mode) & 0o077:
        os.chmod(folder, 0o700)
    return folder


def instance_paths(
    library_path: str | os.PathLike[str], env: Mapping[str, str] | None = None
) -> InstancePaths:
    """The socket and lock of the window on ``library_path`` (its real path: links lead to one window)."""
    real = os.path.realpath(os.path.expanduser(os.fspath(library_path)))
    key = f"{os.getuid()}\0{real}".encode("utf-8", "surrogateescape")
    name = hashlib.sha256(key).hexdigest()[:24]
    folder = runtime_folder(env)
    return InstancePaths(folder / f"{name}.sock", folder / f"{name}.lock")


def activation_token(env: Mapping[str, str] | None = None) -> str:
    """The desktop's token for raising a window, given to a launch (Wayland's or X11's), or ""."""
    env = os.environ if env is None else env
    return next((env[name] for name in ACTIVATION_VARIABLES if env.get(name)), "")


class SingleInstance(QObject):
    """The library's one window: ``claim`` the lock, then ``listen``; or ``hand_over`` a request to the
    window that holds it. ``received`` carries each request (a dict) to the window."""

    received = Signal(dict)

    def __init__(
        self,
        library_path: str | os.PathLike[str],
        env: Mapping[str, str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        try:
            self.paths: InstancePaths | None = instance_paths(library_path, env)
        except OSError:
            self.paths = None  # no safe place for a socket: every launch opens its own window
        self.server: QLocalServer | None = None
        self._lock_fd: int | None = None
        self._clients: set[QLocalSocket] = set()

    # ----- the first launch -----------------------------------------------------------------------

    def claim(self) -> bool:
        """Take the library's lock; False when another window holds it (then ``hand_over``)."""
        if self.paths is None or self._lock_fd is not None:
            return True
        try:
            fd = os.open(self.paths.lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError:
            return True
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._lock_fd = fd
        return True

    def listen(self) -> bool:
        """Listen for later launches (a stale socket of a crashed window is removed first)."""
        if self.paths is None or self._lock_fd is None:
            return False
        name = str(self.paths.socket)
        QLocalServer.removeServer(name)  # we hold the lock: a socket file there is a dead window's
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.setMaxPendingConnections(MAX_CLIENTS)
        self.server.newConnection.connect(self._on_server_new_connection)
        return self.server.listen(name)

    def stop_listening(self) -> None:
        """Take no more requests (the socket file goes); the lock is kept until ``close``."""
        if self.server is not None:
            self.server.close()
            self.server = None
        for client in list(self._clients):
            client.abort()

    def close(self) -> None:
        """Stop listening and let go of the lock (the process's end does it too)."""
        self.stop_listening()
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def _on_server_new_connection(self) -> None:
        while self.server is not None and self.server.hasPendingConnections():
            client = self.server.nextPendingConnection()
            if len(self._clients) >= MAX_CLIENTS:
                client.abort()
                client.deleteLater()
                continue
            self._clients.add(client)
            buffer = bytearray()
            timer = QTimer(client)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda c=client: c.abort())  # a client that never finishes its request
            timer.start(CLIENT_TIMEOUT_MS)
            client.readyRead.connect(lambda c=client, b=buffer: self._read(c, b))
            client.disconnected.connect(lambda c=client: self._forget(c))
            if client.bytesAvailable():
                self._read(client, buffer)

    def _read(self, client: QLocalSocket, buffer: bytearray) -> None:
        buffer += bytes(client.readAll().data())
        if len(buffer) > MAX_REQUEST_BYTES:
            client.abort()
            return
        line, newline, _ = bytes(buffer).partition(b"\n")
        if not newline:
            return
        request = _decode(line)
        client.write(b"ok\n" if request is not None else b"error\n")
        client.flush()
        client.disconnectFromServer()
        if request is not None:
            self.received.emit(request)

    def _forget(self, client: QLocalSocket) -> None:
        self._clients.discard(client)
        client.deleteLater()

    # ----- a later launch -------------------------------------------------------------------------

    def hand_over(self, request: Mapping[str, Any], wait_ms: int = HAND_OVER_WAIT_MS) -> HandOver:
        """Give ``request`` to the library's window (blocking: this launch has nothing else to do).
        The window may still be starting: it is asked again until ``wait_ms`` has passed."""
        assert self.paths is not None
        deadline = time.monotonic() + wait_ms / 1000
        payload = json.dumps(dict(request), ensure_ascii=False).encode("utf-8") + b"\n"
        while True:
            left_ms = int((deadline - time.monotonic()) * 1000)
            if left_ms <= 0:
                return HandOver.NO_ANSWER
            socket = QLocalSocket()
            socket.connectToServer(str(self.paths.socket))
            if socket.waitForConnected(min(left_ms, 1000)) and _exchange(socket, payload, deadline):
                return HandOver.DELIVERED
            socket.abort()
            if self.claim():  # the window ended meanwhile: this launch opens the window itself
                return HandOver.CLAIMED
            time.sleep(0.1)


def claim_or_hand_over(
    library_path: str | os.PathLike[str], targets: list[Mapping[str, str]]
) -> tuple[SingleInstance, int | None]:
    """This launch's instance, and None when it is to open the window (it holds the lock), else the
    exit code: 0 when the library's window took the request (``targets``: each a kind and a value;
    none just raises the window), 1 when that window does not answer (said on stderr)."""
    instance = SingleInstance(library_path)
    if instance.claim():
        return instance, None
    outcome = instance.hand_over(
        {"targets": [dict(t) for t in targets], "activation_token": activation_token()}
    )
    if outcome is HandOver.DELIVERED:
        return instance, 0
    if outcome is HandOver.NO_ANSWER:
        print(
            f"companion: a Podcast Companion window has {os.fspath(library_path)} open but does not answer;"
            " close it (or wait for it) and try again.",
            file=sys.stderr,
        )
        return instance, 1
    return instance, None


def _exchange(socket: QLocalSocket, payload: bytes, deadline: float) -> bool:
    """Send the request and wait for the window's one-line answer (waiting also sends what is written)."""
    socket.write(payload)
    socket.flush()
    reply = b""
    while b"\n" not in reply:
        left_ms = int((deadline - time.monotonic()) * 1000)
        if left_ms <= 0:
            return False
        if not socket.bytesAvailable() and not socket.waitForReadyRead(left_ms):
            reply += bytes(socket.readAll().data())  # written just before the window hung up
            break
        reply += bytes(socket.readAll().data())
    return reply.startswith(b"ok\n")


def _decode(line: bytes) -> dict[str, Any] | None:
    try:
        request = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return request if isinstance(request, dict) else None
