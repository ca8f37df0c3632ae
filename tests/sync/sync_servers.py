"""The sync tests' real servers (started by the shared run.sh on free ports), accounts, and our feeds."""

from __future__ import annotations

import contextlib
import fcntl
import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import platformdirs
import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED_RUN_SH = ROOT / ".." / "shared" / "sync-servers" / "run.sh"  # the team's, beside the clone
# A copy of the team's script and of oPodSync's source it runs (AGPL-3.0, unchanged: servers/README.md),
# for a clone that has no shared/ folder beside it; the team's is used where it is there.
VENDORED_RUN_SH = ROOT / "tests" / "sync" / "servers" / "run.sh"
RUN_SH = SHARED_RUN_SH if SHARED_RUN_SH.is_file() else VENDORED_RUN_SH
PASSWORD = "pass-word-123"
# the servers' venvs (gfr's, mygpoclient's) are kept between sessions: pip runs once per machine
VENV_CACHE = Path(platformdirs.user_cache_dir("podcast-companion-tests", appauthor=False))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class SyncServer:
    """One running server: its kind, base URL, state dir and the environment run.sh was given."""

    name: str
    url: str
    state: Path
    env: dict[str, str]

    def run(self, action: str, **more: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["bash", str(RUN_SH), self.name, action], env={**self.env, **more}, capture_output=True,
            text=True, timeout=600,
        )  # fmt: skip

    def stop(self) -> None:
        """run.sh stop, then whatever of this server still serves its port: PHP's workers
        (PHP_CLI_SERVER_WORKERS) outlive the parent run.sh ends, and would answer on."""
        port = self.url.rsplit(":", 1)[1]
        self.run("stop")
        for pid in _serving(port):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)

    def new_account(self) -> str:
        """A fresh user (so tests never see each other's subscriptions); its password is PASSWORD."""
        user = "u" + uuid.uuid4().hex[:10]
        if self.name == "gfr":
            subprocess.run(
                [str(self.state / "venv" / "bin" / "gpodder-router"), "--database-url",
                 f"sqlite+aiosqlite:///{self.state}/gpodder.db", "create-user", user, "--password", PASSWORD],
                check=True, capture_output=True, timeout=60,
            )  # fmt: skip
        else:
            _register_opodsync(self.url, user)
        return user


def _serving(port: str) -> list[int]:
    """The PHP servers started for 127.0.0.1:``port`` (the port is this server's alone)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if argv and argv[0].endswith(b"php") and f"127.0.0.1:{port}".encode() in argv:
            found.append(int(entry.name))
    return found


def _register_opodsync(base: str, user: str) -> None:
    """oPodSync's sign-up page, as a person fills it (the captcha's answer is the digits in <i>)."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open(base + "/register.php", timeout=10).read().decode()
    fields = {"login": user, "password": PASSWORD}
    cc = re.search(r'name="cc" value="([0-9a-f]*)"', page)
    if cc:
        fields["cc"] = cc.group(1)
        fields["captcha"] = "".join(re.findall(r"<i>([0-9])</i>", page))
    opener.open(base + "/register.php", urllib.parse.urlencode(fields).encode(), timeout=10).read()


def _python312() -> str:
    """A Python >= 3.12, found where run.sh looks (PYTHON312, python3.13/3.12 on PATH, pyenv's)."""
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates = [os.environ.get("PYTHON312"), shutil.which("python3.13"), shutil.which("python3.12")]
    for version in ("3.13", "3.12"):
        candidates += sorted(str(p) for p in root.glob(f"versions/{version}*/bin/python3"))
    for candidate in filter(None, candidates):
        probe = [candidate, "-c", "import sys; sys.exit(sys.version_info < (3, 12))"]
        if subprocess.run(probe, capture_output=True).returncode == 0:
            return candidate
    pytest.fail("gpodder-fastapi-router needs Python >= 3.12 (set PYTHON312 to one)")


def _cached_venv(name: str) -> Path:
    """The venv run.sh would make under STATE, made once per machine in the cache with run.sh's own
    pins (read from it), so a session starts the servers without pip."""
    pins = re.findall(r'pip" install -q ((?:"[^"]+" ?)+)', RUN_SH.read_text())
    packages = re.findall(r'"([^"]+)"', pins[0] if name == "gfr-venv" else pins[1])
    target = VENV_CACHE / name
    ready = target / ".ready"
    VENV_CACHE.mkdir(parents=True, exist_ok=True)
    with open(VENV_CACHE / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another session may be making it
        if not ready.exists() or ready.read_text() != " ".join(packages):
            shutil.rmtree(target, ignore_errors=True)
            python = _python312() if name == "gfr-venv" else sys.executable
            subprocess.run([python, "-m", "venv", str(target)], check=True, timeout=300)
            subprocess.run([str(target / "bin" / "pip"), "install", "-q", *packages], check=True, timeout=600)
            ready.write_text(" ".join(packages))
    return target


def start_server(name: str, tmp_path_factory: pytest.TempPathFactory) -> SyncServer:
    if not RUN_SH.is_file():
        pytest.fail(
            f"The sync servers' script is neither at {SHARED_RUN_SH.resolve()} nor at {VENDORED_RUN_SH}: "
            "the sync tests need one of them."
        )
    state = tmp_path_factory.mktemp(f"sync-{name}")
    (state / "venv").symlink_to(_cached_venv("gfr-venv")) if name == "gfr" else None
    (state / "peer-venv").symlink_to(_cached_venv("peer-venv")) if name == "opodsync" else None
    failures = []
    for _attempt in range(2):  # a port taken between choosing and binding, a start too slow: once more
        port = free_port()
        env = {**os.environ, "PORT": str(port), "STATE": str(state), "SYNC_PASS": PASSWORD,
               "ENABLE_SUBSCRIPTIONS": "true", "PHP_CLI_SERVER_WORKERS": "4"}  # fmt: skip
        server = SyncServer(name, f"http://127.0.0.1:{port}", state, env)
        done = server.run("start")
        if done.returncode == 0:
            return server
        failures.append(done.stderr[-2000:])
        server.stop()
    pytest.fail(f"run.sh {name} start failed twice:\n" + "\n".join(failures))


class _FeedHandler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        body = self.server.routes.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class FeedHost:
    """Our own feeds on 127.0.0.1: ``feed(name, episodes)`` serves one and gives its address."""

    def __init__(self) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _FeedHandler)
        self.httpd.daemon_threads = True
        self.httpd.routes = {}
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def feed(self, name: str, episodes: int = 3, minutes: int = 60) -> str:
        items = "".join(
            f"<item><title>{name} episode {i}</title><guid>{name}-guid-{i}</guid>"
            f'<enclosure url="{self.base}/audio/{name}-{i}.mp3" type="audio/mpeg" length="1000"/>'
            f"<itunes:duration>{minutes * 60}</itunes:duration>"
            f"<pubDate>Mon, 0{i} Jun 2026 10:00:00 GMT</pubDate></item>"
            for i in range(1, episodes + 1)
        )
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
            'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel>'
            f"<title>{name}</title><link>{self.base}/</link><description>ours</description>{items}</channel></rss>"
        )
        self.httpd.routes[f"/feeds/{name}.xml"] = xml.encode()
        return f"{self.base}/feeds/{name}.xml"
