"""A real HTTP server on 127.0.0.1 for feed tests: Range, ETag/Last-Modified + 304, redirects, failures,
and the hostile ones: trickling, chunks cut off, gzip bombs, endless bodies, lying lengths."""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
_RANGE_RE = re.compile(r"bytes=(\d+)-(\d*)$")


@dataclass
class Route:
    """What the server answers for one path, and how it misbehaves."""

    body: bytes
    content_type: str = "application/rss+xml"
    etag: str | None = None
    last_modified: str | None = None
    status: int = 200
    delay_s: float = 0.0
    cut_at: int | None = None  # send the full Content-Length but close after this many body bytes
    cuts_left: int = 0  # how many responses to cut (then serve whole)
    ranges: bool = True
    location: str | None = None  # with a 3xx status: where the redirect points (absolute or relative)
    trickle_s: float = 0.0  # send the body one byte every trickle_s seconds (headers at once)
    trickle_headers: bool = False  # with trickle_s: the status line and headers trickle too
    chunked: bool = False  # Transfer-Encoding: chunked, one chunk (cut_at cuts inside it)
    content_encoding: str | None = None  # sent as Content-Encoding (the body is given encoded)
    content_length: int | None = None  # announced instead of the body's real length (a lie)
    endless: bool = False  # after the body, repeat it forever (no Content-Length)
    headers: dict[str, str] = field(default_factory=dict)  # more headers to send


@dataclass
class Request:
    """One request the server saw."""

    path: str
    headers: dict[str, str]
    status: int


@dataclass
class FeedServer:
    """The test server: ``add`` routes, read ``requests``; ``url(path)`` gives the address."""

    base: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    in_flight: int = 0  # requests being answered right now
    max_in_flight: int = 0  # the most answered at the same time
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes | str, **options) -> str:
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.routes[path] = Route(body.replace(b"@BASE@", self.base.encode()), **options)
        return self.url(path)

    def add_fixture(self, path: str, name: str, **options) -> str:
        return self.add(path, (FIXTURES / name).read_bytes(), **options)

    def hits(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]

    def redirect(self, path: str, status: int, location: str) -> str:
        """Make ``path`` answer ``status`` with a Location header; returns its address."""
        return self.add(path, b"", status=status, location=location)


class _Handler(BaseHTTPRequestHandler):
    server_version = "FeedTestServer/1.0"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass

    def _record(self, status: int) -> None:
        self.server.feed.requests.append(Request(self.path, dict(self.headers.items()), status))

    def do_GET(self) -> None:  # noqa: N802
        feed: FeedServer = self.server.feed
        with feed.lock:
            feed.in_flight += 1
            feed.max_in_flight = max(feed.max_in_flight, feed.in_flight)
        try:
            self._answer(feed)
        finally:
            with feed.lock:
                feed.in_flight -= 1

    def _answer(self, feed: FeedServer) -> None:
        route = feed.routes.get(self.path)
        if route is None:
            self._record(404)
            self.send_error(404, "Not Found")
            return
        if route.delay_s:
            time.sleep(route.delay_s)
        if route.location is not None:
            self._record(route.status)
            self.send_response(route.status)
            self.send_header("Location", route.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if route.status != 200:
            self._record(route.status)
            self.send_error(route.status)
            return
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if (route.etag and inm == route.etag) or (
            not inm and route.last_modified and ims == route.last_modified
        ):
            self._record(304)
            self.send_response(304)
            if route.etag:
                self.send_header("ETag", route.etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = route.body
        start, status = 0, 200
        match = _RANGE_RE.match(self.headers.get("Range") or "")
        if match and route.ranges:
            start = int(match.group(1))
            end = int(match.group(2)) if match.group(2) else len(body) - 1
            if start >= len(body):
                self._record(416)
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{len(body)}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status = 206
            part = body[start : end + 1]
        else:
            part = body
        self._record(status)
        if route.trickle_s and route.trickle_headers:
            self._trickle(route, part)
            return
        self.send_response(status)
        self.send_header("Content-Type", route.content_type)
        if route.content_encoding:
            self.send_header("Content-Encoding", route.content_encoding)
        for name, value in route.headers.items():
            self.send_header(name, value)
        if route.chunked:
            self.send_header("Transfer-Encoding", "chunked")
        elif route.endless:
            self.send_header("Connection", "close")
            self.close_connection = True
        else:
            lie = route.content_length is not None and status == 200
            length = route.content_length if lie else len(part)
            self.send_header("Content-Length", str(length))
        self.send_header("Accept-Ranges", "bytes")
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{start + len(part) - 1}/{len(body)}")
        if route.etag:
            self.send_header("ETag", route.etag)
        if route.last_modified:
            self.send_header("Last-Modified", route.last_modified)
        self.end_headers()
        if route.chunked:
            self.wfile.write(b"%x\r\n" % len(part))
        if route.cut_at is not None and route.cuts_left > 0:
            route.cuts_left -= 1
            self.wfile.write(part[: max(0, route.cut_at - start)])
            self.wfile.flush()
            self.close_connection = True
            return
        if route.trickle_s:
            self._trickle(route, part)
            return
        self.wfile.write(part)
        while route.endless:
            self.wfile.write(part)
        if route.chunked:
            self.wfile.write(b"\r\n0\r\n\r\n")
        if route.content_length is not None and route.content_length < len(part):
            self.close_connection = True  # the rest of the body was sent after the announced end

    def _trickle(self, route: Route, body: bytes) -> None:
        """One byte at a time, until all is sent or the client goes away."""
        data = body
        if route.trickle_headers:
            data = f"HTTP/1.1 200 OK\r\nContent-Type: {route.content_type}\r\n".encode()
            data += f"Content-Length: {len(body)}\r\n\r\n".encode() + body
        self.close_connection = True
        for index in range(len(data)):
            self.wfile.write(data[index : index + 1])
            self.wfile.flush()
            time.sleep(route.trickle_s)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that gave up (timeout tests) is not a server error


@pytest.fixture
def feed_server():
    """A FeedServer on 127.0.0.1 (a free port), stopped after the test."""
    httpd = _Server(("127.0.0.1", 0), _Handler)
    feed = FeedServer(base=f"http://127.0.0.1:{httpd.server_address[1]}")
    httpd.feed = feed
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield feed
    httpd.shutdown()
    httpd.server_close()


# What a failed refresh does write: why it failed, for the Podcasts view (test_podcasts_view.py checks it).
_FAILURE_NOTE = {"refresh_error", "refresh_failed_at"}


def _table_rows(library) -> dict[str, list[tuple]]:
    conn = library.db.conn
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    rows = {}
    for name in names:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info([{name}])") if r[1] not in _FAILURE_NOTE]
        listed = ", ".join(f"[{c}]" for c in columns) or "*"
        rows[name] = sorted(conn.execute(f"SELECT {listed} FROM [{name}]").fetchall(), key=repr)
    return rows


@pytest.fixture
def table_rows():
    """``table_rows(library)``: every row of every table, to prove a failure changed nothing."""
    return _table_rows
