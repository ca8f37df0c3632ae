"""A thin HTTP client for the sync servers: JSON in and out, Basic auth sent up front, deadlines, caps.

Every failure becomes a SyncError with one line: a wrong password (401), a refused connection, a 500,
a timeout, a body that is not JSON (a login page, a proxy's error page) or one too big.
"""

from __future__ import annotations

import base64
import http.client
import json
import socket
import ssl
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any

from companion.feeds.http import USER_AGENT
from companion.sync.errors import SyncError

DEADLINE_S = 30.0  # the most one request may take, however the server trickles
MAX_BODY = 32 * 1024 * 1024  # a sync answer bigger than this is not one
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Credentials:
    """Who we are on the server: sent as Basic auth with every request (some servers never challenge)."""

    user: str
    password: str = ""

    def header(self) -> str:
        """The Authorization header's value."""
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
        return f"Basic {token}"

    def __repr__(self) -> str:  # never the password, whatever prints it
        return f"Credentials(user={self.user!r})"


def _connection(url: str, timeout: float) -> tuple[http.client.HTTPConnection, str]:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SyncError(f"{url} is not a web address (it should start with https://).")
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    if parts.scheme == "https":
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    return conn, target


def request(
    method: str,
    url: str,
    credentials: Credentials,
    body: Any = None,
    *,
    deadline_s: float | None = None,
    expect_json: bool = True,
    session: dict[str, str] | None = None,
) -> Any:
    """Send one request and return the decoded JSON answer (None for an empty body or when not
    ``expect_json``); ``deadline_s`` defaults to DEADLINE_S. Raises SyncError with one line for
    anything else.

    With a ``session`` dict, the server's session cookie is kept in it and sent instead of the
    password while the server takes it (a server checks a password slowly, on purpose: bcrypt); on
    a 401 the request is sent once more with the password."""
    cookie = session.get("cookie") if session is not None else None
    if cookie:
        try:
            return _request(method, url, credentials, body, deadline_s, expect_json, session, cookie)
        except _Refused:
            session.pop("cookie", None)
    try:
        return _request(method, url, credentials, body, deadline_s, expect_json, session, None)
    except _Refused as exc:
        raise exc.error from None


class _Refused(Exception):
    """A 401, carrying its SyncError (retried with the password when a cookie was refused)."""

    def __init__(self, error: SyncError) -> None:
        self.error = error


def _request(
    method: str,
    url: str,
    credentials: Credentials,
    body: Any,
    deadline_s: float | None,
    expect_json: bool,
    session: dict[str, str] | None,
    cookie: str | None,
) -> Any:
    deadline_s = DEADLINE_S if deadline_s is None else deadline_s
    host = urllib.parse.urlsplit(url).netloc or url
    started = time.monotonic()
    try:
        conn, target = _connection(url, min(deadline_s, 15.0))
    except ValueError as exc:  # a port that is not a number
        raise SyncError(f"{url} is not a valid address: {exc}.") from exc
    data = json.dumps(body).encode("utf-8") if body is not None else None
    headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
    if cookie:
        headers["Cookie"] = cookie
    else:
        headers["Authorization"] = credentials.header()
    if data is not None:
        headers["Content-Type"] = "application/json"
    try:
        conn.request(method, target, body=data, headers=headers)
        response = conn.getresponse()
        raw = _read(response, started, deadline_s, host)
    except SyncError:
        raise
    except TimeoutError as exc:
        raise SyncError(f"The sync server {host} did not answer in time; try again later.") from exc
    except ConnectionRefusedError as exc:
        raise SyncError(
            f"Cannot reach the sync server {host}: nothing answers there (is it running?)."
        ) from exc
    except ssl.SSLError as exc:
        raise SyncError(f"The secure connection to {host} failed: {exc.reason or exc}.") from exc
    except socket.gaierror as exc:
        raise SyncError(f"Cannot find the sync server {host}: check the address.") from exc
    except (OSError, http.client.HTTPException) as exc:
        raise SyncError(
            f"The connection to the sync server {host} failed: {exc or type(exc).__name__}."
        ) from exc
    finally:
        conn.close()
    if response.status == 401:
        raise _Refused(
            SyncError(f"The sync server {host} refused the user name or password (401): check them.")
        )
    if session is not None and 200 <= response.status < 300:
        for header in response.headers.get_all("Set-Cookie") or ():
            name, _, value = header.split(";", 1)[0].partition("=")
            if name.strip().lower() == "sessionid" and value.strip():
                session["cookie"] = f"sessionid={value.strip()}"
    return _answer(response, raw, url, host, expect_json)


def _read(response: http.client.HTTPResponse, started: float, deadline_s: float, host: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() - started > deadline_s:
            raise SyncError(f"The sync server {host} did not answer in time; try again later.")
        chunk = response.read1(_CHUNK) if hasattr(response, "read1") else response.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_BODY:
            raise SyncError(
                f"The sync server {host} sent more than {MAX_BODY // 2**20} MB: not a sync answer."
            )
        chunks.append(chunk)


def _answer(response: http.client.HTTPResponse, raw: bytes, url: str, host: str, expect_json: bool) -> Any:
    status = response.status
    if status == 401:
        raise SyncError(f"The sync server {host} refused the user name or password (401): check them.")
    if status == 403:
        raise SyncError(f"The sync server {host} does not let this account do that (403 Forbidden).")
    if status == 404:
        raise SyncError(f"{url} is not there (404): check the address and the server type.")
    if 300 <= status < 400:
        where = response.getheader("Location") or "elsewhere"
        raise SyncError(f"The sync server {host} sends us to {where} ({status}): use that address.")
    if status >= 500:
        raise SyncError(f"The sync server {host} failed ({status} {response.reason}); try again later.")
    if status >= 400:
        raise SyncError(f"The sync server {host} refused the request ({status} {response.reason}).")
    if not expect_json or not raw.strip():
        return None
    kind = (response.getheader("Content-Type") or "").lower()
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        what = "a web page" if "html" in kind or raw.lstrip()[:1] == b"<" else "something that is not JSON"
        raise SyncError(
            f"{host} answered with {what} instead of sync data: check the address and the server type."
        ) from exc
