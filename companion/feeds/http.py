"""HTTP for feeds and downloads with urllib: conditional GET, gzip, redirects, size limits, plain errors."""

from __future__ import annotations

import errno
import gzip
import socket
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from email.message import Message
from typing import IO

from companion.feeds.errors import FeedError

USER_AGENT = "PodcastCompanion/0.1 (+https://example.org/podcast-companion)"
MAX_FEED_BYTES = 64 * 1024 * 1024
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
        if not newurl.lower().startswith(("http://", "https://")):
            problem = f"it redirects to {newurl!r}, which is not an http or https address"
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


def _opener(redirects: urllib.request.HTTPRedirectHandler) -> urllib.request.OpenerDirector:
    # http(s) only: no file:, ftp: or data: handlers, so a feed cannot make us read a local file
    handlers = [
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
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
    return FeedError(f"Could not fetch {what}: {reason}.")


def open_url(
    url: str,
    headers: dict[str, str],
    timeout: float,
    what: str,
    passthrough: tuple[int, ...] = (304,),
    redirects: list[int] | None = None,
) -> IO[bytes]:
    """Open an http(s) URL; returns the response (a file object with ``status``, ``headers`` and
    ``geturl()``, the final address).

    The ``passthrough`` statuses (304) are returned, not raised. The status of every redirect followed
    is appended to ``redirects``. Any other failure, a redirect loop included, is a FeedError naming
    ``what``.
    """
    if not url.lower().startswith(("http://", "https://")):
        raise FeedError(f"Could not fetch {what}: {url!r} is not an http or https address.")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **headers})
    handler = _RedirectHandler(url, what, redirects if redirects is not None else [])
    try:
        return _opener(handler).open(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        if exc.code in passthrough:
            return exc
        raise describe_error(exc, what, timeout) from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise describe_error(exc, what, timeout) from exc


def get(
    url: str,
    what: str,
    headers: dict[str, str] | None = None,
    timeout: float = 20,
    max_bytes: int = MAX_FEED_BYTES,
) -> HttpResult:
    """GET a whole (small) document such as a feed or chapters file, gzip allowed; 304 has an empty body.

    Redirects are followed; the result tells the final address and whether the move was permanent.
    """
    redirects: list[int] = []
    response = open_url(
        url, {"Accept-Encoding": "gzip", **(headers or {})}, timeout, what, redirects=redirects
    )
    moved = bool(redirects) and all(code in PERMANENT_REDIRECTS for code in redirects)
    with response:
        final_url = response.geturl() or url
        status = getattr(response, "status", None) or response.getcode()
        if status == 304:
            return HttpResult(304, b"", response.headers, final_url, moved)
        try:
            body = response.read(max_bytes + 1)
        except (OSError, ValueError) as exc:  # timeouts, resets, IncompleteRead
            raise FeedError(f"Could not fetch {what}: the connection broke off ({exc}). Try again.") from exc
        if len(body) > max_bytes:
            raise FeedError(f"Could not fetch {what}: it is larger than {max_bytes // 2**20} MB.")
        length = response.headers.get("Content-Length")
        if length and length.isdigit() and int(length) != len(body):
            raise FeedError(f"Could not fetch {what}: the connection broke off before the end. Try again.")
        if (response.headers.get("Content-Encoding") or "").lower() == "gzip":
            try:
                body = gzip.decompress(body)
            except (OSError, EOFError, zlib.error) as exc:
                raise FeedError(f"Could not fetch {what}: the server sent damaged compressed data.") from exc
            if len(body) > max_bytes:
                raise FeedError(f"Could not fetch {what}: it is larger than {max_bytes // 2**20} MB.")
        return HttpResult(status, body, response.headers, final_url, moved)
