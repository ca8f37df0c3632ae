"""A real HTTP server on 127.0.0.1 for audio: byte ranges or none, and connections that break off."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

_RANGE = re.compile(r"bytes=(\d+)-(\d*)$")


class AudioServer:
    """Serves files on 127.0.0.1, with byte ranges or (``ranges=False``) without, like a bare server."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[Path, bool]] = {}
        self.cuts: dict[str, int] = {}  # path -> bytes sent before the connection drops for good
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_HEAD(self) -> None:  # noqa: N802
                self._answer(head=True)

            def do_GET(self) -> None:  # noqa: N802
                self._answer(head=False)

            def _answer(self, head: bool) -> None:
                entry = server.files.get(self.path)
                if entry is None:
                    self.send_error(404)
                    return
                path, ranges = entry
                size = path.stat().st_size
                cut = server.cuts.get(self.path)
                if cut == -1:  # broke off before: the host is gone
                    self.send_error(503)
                    return
                start, end, status = 0, size - 1, 200
                match = _RANGE.match(self.headers.get("Range") or "")
                if ranges and match:
                    start = int(match.group(1))
                    end = min(size - 1, int(match.group(2))) if match.group(2) else size - 1
                    status = 206
                self.send_response(status)
                self.send_header("Content-Type", "audio/wav")
                self.send_header("Content-Length", str(end - start + 1))
                if ranges:
                    self.send_header("Accept-Ranges", "bytes")
                if status == 206:
                    self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
                self.end_headers()
                if head:
                    return
                try:
                    with path.open("rb") as f:
                        f.seek(start)
                        left = end - start + 1
                        if cut is not None:
                            left = min(left, cut)
                            server.cuts[self.path] = -1
                        while left > 0:
                            chunk = f.read(min(left, 256 * 1024))
                            if not chunk:
                                break
                            self.wfile.write(chunk)
                            left -= len(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the player let go (a seek opens a new range)
                if cut is not None:
                    self.close_connection = True

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address) -> None:
                pass

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def serve(self, name: str, path: Path, ranges: bool = True, cut_at: int | None = None) -> str:
        """Serve ``path`` as ``/name``; ``cut_at``: drop the connection after that many bytes, then
        answer 503 (a stream that breaks off)."""
        self.files[f"/{name}"] = (Path(path), ranges)
        if cut_at is not None:
            self.cuts[f"/{name}"] = cut_at
        return f"{self.base}/{name}"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def start_bus() -> tuple[str, int] | None:
    """A private D-Bus session bus: (address, pid), None without dbus-daemon."""
    if not shutil.which("dbus-daemon"):
        return None
    out = subprocess.run(
        ["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1"],
        capture_output=True,
        text=True,
        timeout=10,
        check=True,
    ).stdout.split()
    return out[0], int(out[1])


def stop_bus(pid: int) -> None:
    """Stop a bus from ``start_bus``."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
