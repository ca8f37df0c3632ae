"""A podcast directory on 127.0.0.1 for the Find podcasts tests: ``/search`` answers per term with
documents in the iTunes Search format that we wrote (``fixtures/directory/``), or misbehaves."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

DIRECTORY_FIXTURES = Path(__file__).parent / "fixtures" / "directory"


@dataclass
class Answer:
    """What ``/search`` answers for one term."""

    body: bytes
    status: int = 200
    delay_s: float = 0.0
    content_type: str = "text/javascript; charset=utf-8"  # what the iTunes Search API sends


@dataclass
class DirectoryServer:
    """``answer(term, ...)`` sets what a search for ``term`` gets; ``searches`` lists what was asked
    (each request's query, as a dict of single values)."""

    base: str = ""
    answers: dict[str, Answer] = field(default_factory=dict)
    searches: list[dict[str, str]] = field(default_factory=list)
    feeds_base: str = ""  # what ``@FEEDS@`` in a fixture becomes

    def answer(self, term: str, body: bytes | str, **options) -> None:
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.answers[term] = Answer(body.replace(b"@FEEDS@", self.feeds_base.encode()), **options)

    def answer_fixture(self, term: str, name: str, **options) -> None:
        self.answer(term, (DIRECTORY_FIXTURES / name).read_bytes(), **options)

    def terms(self) -> list[str]:
        return [s.get("term", "") for s in self.searches]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        directory: DirectoryServer = self.server.directory
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        if parts.path != "/search":
            self.send_error(404)
            return
        directory.searches.append(query)
        answer = directory.answers.get(query.get("term", ""))
        if answer is None:
            answer = Answer(b'{"resultCount": 0, "results": []}')
        if answer.delay_s:
            time.sleep(answer.delay_s)
        if answer.status != 200:
            self.send_error(answer.status)
            return
        self.send_response(200)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        try:
            self.wfile.write(answer.body)
        except OSError:
            pass  # the client gave up (a timeout test)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass


@pytest.fixture(name="directory_server")
def directory_server_fixture(monkeypatch, feed_server):
    """A DirectoryServer that every directory points at (``COMPANION_DIRECTORY_URL``); its results'
    feeds and artwork live on ``feed_server``."""
    httpd = _Server(("127.0.0.1", 0), _Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    directory = DirectoryServer(base=base, feeds_base=feed_server.base)
    httpd.directory = directory
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    monkeypatch.setenv("COMPANION_DIRECTORY_URL", directory.base)
    yield directory
    httpd.shutdown()
    httpd.server_close()
