"""HTTP for feeds and downloads with urllib: conditional GET, gzip, redirects, limits, plain errors."""

from __future__ import annotations

import errno
import functools
import http.client
import socket
import threading
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from email.message import Message
from typing import IO, Any

from companion.domain import web_url_problem
from companion.feeds.deadline import Deadline
from companion.feeds.errors import FeedError

USER_AGENT = "PodcastCompanion/0.1 (+https://example.org/podcast-companion)"
MAX_FEED_BYTES = 64 * 1024 * 1024
FEED_DEADLINE_S = 60.0  # the most one feed, page or chapters file may take, however the server trickles
READ_CHUNK = 64 * 1024
_GZIP_WBITS = 16 + zlib.MAX_WBITS
MAX_REDIRECTS = 10
PERMANENT_REDIRECTS = frozenset({301, 308})  # the others (302, 303, 307) are temporary


@dataclass(frozen=True, slots=True)
class HttpResult:
    """A finished GET: status 200 with a body, or 304 with none."""

    status: int
    body: bytes
    headers: Message
    url: str  # the final address, after any redirects
    # True when the address redirected and every hop was permanent (301/308): ``url`` is the new home
    moved_permanently: bool = False

    @property
    def charset(self) -> str | None:
        """The charset the server declared in Content-Type, if any."""
        return self.headers.get_content_charset()


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """urllib's redirect following, remembering each hop's status; loops and non-http hops are refused."""

    def __init__(self, url: str, what: str, codes: list[int]) -> None:
        self.what = what
        self.visited = [url]
        self.codes = codes  # the status of each hop followed, in order

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: Message, newurl: str
    ) -> urllib.request.Request | None:
        problem = None
        bad = web_url_problem(newurl)
        if bad:
            problem = f"it redirects to {newurl!r}, which is refused ({bad})"
        elif newurl in self.visited:
            problem = f"its redirects go round in a loop (back to {newurl})"
        elif len(self.codes) >= MAX_REDIRECTS:
            problem = f"it redirects more than {MAX_REDIRECTS} times (last to {newurl})"
        if problem:
            fp.close()
            raise FeedError(
                f"Could not fetch {self.what}: {problem}. Try again later, or ask its publisher for the"
                " current address."
            )
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            self.visited.append(newurl)
            self.codes.append(code)
        return new


class _WatchedHTTP(http.client.HTTPConnection):
    """An HTTP connection whose socket its Deadline watches from before it connects."""

    def __init__(self, *args: Any, deadline: Deadline, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = deadline.connect


class _WatchedHTTPS(http.client.HTTPSConnection):
    """The same for HTTPS: the TLS socket is watched too once it wraps the plain one."""

    def __init__(self, *args: Any, deadline: Deadline, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline = deadline
        self._create_connection = deadline.connect

    def connect(self) -> None:
        super().connect()
        self._deadline.add(self.sock)


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(functools.partial(_WatchedHTTP, deadline=self._deadline), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        connection = functools.partial(_WatchedHTTPS, deadline=self._deadline)
        return self.do_open(connection, req, context=self._context)


def _opener(
    redirects: urllib.request.HTTPRedirectHandler, deadline: Deadline | None
) -> urllib.request.OpenerDirector:
    # http(s) only: no file:, ftp: or data: handlers, so a feed cannot make us read a local file
    handlers = [
        urllib.request.ProxyHandler(),
        _HTTPHandler(deadline) if deadline else urllib.request.HTTPHandler(),
        _HTTPSHandler(deadline) if deadline else urllib.request.HTTPSHandler(),
        redirects,
        urllib.request.HTTPErrorProcessor(),
        urllib.request.HTTPDefaultErrorHandler(),
    ]
    opener = urllib.request.OpenerDirector()
    for handler in handlers:
        opener.add_handler(handler)
    return opener


def describe_error(exc: BaseException, what: str, timeout: float) -> FeedError:
    """A FeedError saying in plain words why ``what`` (\"the feed https://...\") could not be fetched."""
    if isinstance(exc, urllib.error.HTTPError):
        reason = exc.reason or ""
        if exc.code == 404 or exc.code == 410:
            hint = "the address is wrong or the file was removed"
        elif exc.code in (401, 403):
            hint = "the server refuses access (a private feed needs its personal address)"
        elif exc.code >= 500:
            hint = "the server has a problem; try again later"
        elif 300 <= exc.code < 400:
            hint = "a redirect without a usable new address"
        else:
            hint = "the server refused the request"
        return FeedError(f"Could not fetch {what}: the server answered {exc.code} {reason} ({hint}).")
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return FeedError(f"Could not fetch {what}: no answer within {timeout:g} seconds. Try again later.")
    if isinstance(reason, socket.gaierror):
        return FeedError(f"Could not fetch {what}: the server name could not be found (are you online?).")
    if isinstance(reason, ConnectionRefusedError):
        return FeedError(f"Could not fetch {what}: the server refused the connection.")
    if isinstance(reason, OSError) and reason.errno == errno.ENETUNREACH:
        return FeedError(f"Could not fetch {what}: the network is unreachable (are you online?).")
    if isinstance(reason, http.client.InvalidURL):
        return FeedError(f"Could not fetch {what}: the address is not valid ({reason}).")
    if isinstance(reason, http.client.HTTPException):
        return FeedError(f"Could not fetch {what}: the server's answer was broken ({reason!r}). Try again.")
    return FeedError(f"Could not fetch {what}: {reason}.")


def open_url(
    url: str,
    headers: dict[str, str],
    timeout: float,
    what: str,
    passthrough: tuple[int, ...] = (304,),
    redirects: list[int] | None = None,
    deadline: Deadline | None = None,
) -> IO[bytes]:
    """Open an http(s) URL; returns the response (a file object with ``status``, ``headers`` and
    ``geturl()``, the final address).

    The ``passthrough`` statuses (304) are returned, not raised. The status of every redirect followed
    is appended to ``redirects``. ``timeout`` bounds each socket operation; a ``deadline`` (entered)
    bounds the whole request, body included: its sockets are shut down when it fires. Any other
    failure, a redirect loop or an invalid address included, is a FeedError naming ``what``.
    """
    problem = web_url_problem(url)
    if problem:
        raise FeedError(f"Could not fetch {what}: {url!r} cannot be fetched ({problem}).")
    request = urllib.request.Request(url.strip(), headers={"User-Agent": USER_AGENT, **headers})
    handler = _RedirectHandler(url, what, redirects if redirects is not None else [])
    try:
        return _opener(handler, deadline).open(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        if exc.code in passthrough:
            return exc
        raise describe_error(exc, what, timeout) from exc
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
        if deadline is not None:
            deadline.check(what)
        raise describe_error(exc, what, timeout) from exc


class _Inflater:
    """gzip decompressed as it arrives, never more than ``limit`` bytes out (a bomb stops at the cap)."""

    def __init__(self, limit: int, what: str) -> None:
        self.limit = limit
        self.what = what
        self.size = 0
        self._inflate = zlib.decompressobj(_GZIP_WBITS)
        self._fed = False  # the current member has had input
        self._done = False  # trailing bytes after the last member are ignored, as gzip does

    def feed(self, data: bytes) -> bytes:
        pieces = []
        while data and not self._done:
            self._fed = True
            try:
                piece = self._inflate.decompress(data, self.limit - self.size + 1)
            except zlib.error as exc:
                raise FeedError(
                    f"Could not fetch {self.what}: the server sent damaged compressed data."
                ) from exc
            self.size += len(piece)
            if self.size > self.limit:
                raise FeedError(
                    f"Could not fetch {self.what}: it is larger than {self.limit // 2**20} MB once"
                    " uncompressed."
                )
            pieces.append(piece)
            if self._inflate.eof:
                data = self._inflate.unused_data
                if len(data) >= 2 and not data.startswith(b"\x1f\x8b"):
                    self._done = True
                self._inflate = zlib.decompressobj(_GZIP_WBITS)
                self._fed = False
            else:
                data = self._inflate.unconsumed_tail
        return b"".join(pieces)

    def finish(self) -> None:
        if self._fed and not self._done and not self._inflate.eof:
            raise FeedError(f"Could not fetch {self.what}: the server sent damaged compressed data.")


def get(
    url: str,
    what: str,
    headers: dict[str, str] | None = None,
    timeout: float = 20,
    max_bytes: int = MAX_FEED_BYTES,
    deadline_s: float = FEED_DEADLINE_S,
    cancel: threading.Event | None = None,
) -> HttpResult:
    """GET a whole (small) document such as a feed or chapters file, gzip allowed; 304 has an empty body.

    Redirects are followed; the result tells the final address and whether the move was permanent.
    The whole request takes at most ``deadline_s`` (each socket operation at most ``timeout``) and
    stops at once when ``cancel`` is set (FetchCancelled); the body, compressed or not, is refused as
    soon as it passes ``max_bytes``.
    """
    with Deadline(deadline_s, cancel) as deadline:
        try:
            return _get(url, what, headers or {}, timeout, max_bytes, deadline)
        except FeedError:
            deadline.check(what)  # a stop or the deadline is what really happened
            raise


def _get(
    url: str, what: str, headers: dict[str, str], timeout: float, max_bytes: int, deadline: Deadline
) -> HttpResult:
    redirects: list[int] = []
    response = open_url(
        url, {"Accept-Encoding": "gzip", **headers}, timeout, what, redirects=redirects, deadline=deadline
    )
    moved = bool(redirects) and all(code in PERMANENT_REDIRECTS for code in redirects)
    with response:
        final_url = response.geturl() or url
        status = getattr(response, "status", None) or response.getcode()
        if status == 304:
            return HttpResult(304, b"", response.headers, final_url, moved)
        encoding = (response.headers.get("Content-Encoding") or "").lower()
        inflater = _Inflater(max_bytes, what) if encoding in ("gzip", "x-gzip") else None
        pieces: list[bytes] = []
        received = size = 0
        while True:
            try:
                chunk = response.read1(READ_CHUNK)
            except (OSError, ValueError, http.client.HTTPException) as exc:  # resets, IncompleteRead
                deadline.check(what)
                raise FeedError(
                    f"Could not fetch {what}: the connection broke off ({exc!r}). Try again."
                ) from exc
            if not chunk:
                break
            received += len(chunk)
            if received > max_bytes:
                raise FeedError(f"Could not fetch {what}: it is larger than {max_bytes // 2**20} MB.")
            if inflater is not None:
                chunk = inflater.feed(chunk)
            size += len(chunk)
            if size > max_bytes:
                raise FeedError(f"Could not fetch {what}: it is larger than {max_bytes // 2**20} MB.")
            pieces.append(chunk)
        deadline.check(what)
        length = response.headers.get("Content-Length")
        if length and length.strip().isdigit() and int(length) != received:
            raise FeedError(f"Could not fetch {what}: the connection broke off before the end. Try again.")
        if inflater is not None:
            inflater.finish()
        return HttpResult(status, b"".join(pieces), response.headers, final_url, moved)
