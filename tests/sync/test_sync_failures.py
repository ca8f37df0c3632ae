"""Sync failures are one line and keep the outbox; a process killed before sending loses nothing."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sync_servers import PASSWORD, ROOT, free_port

from companion import sync
from companion.library import Library
from companion.services import subscribe
from companion.sync import http as sync_http


class _Bad(BaseHTTPRequestHandler):
    """Answers every request the way ``server.mode`` says: a 500, silence, bad JSON, a login page."""

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass

    def _answer(self) -> None:
        mode = self.server.mode
        if mode == "slow":
            time.sleep(3)
        status, kind, body = {
            "500": (500, "text/plain", b"oops"),
            "slow": (200, "application/json", b"{}"),
            "json": (200, "application/json", b'{"add": [1, 2'),
            "html": (200, "text/html", b"<!DOCTYPE html><html><body><form>Log in</form></body></html>"),
        }[mode]
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer  # noqa: N815


@pytest.fixture
def bad_server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Bad)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _queued(tmp_path: Path, server_url: str, feeds) -> Library:
    """A library logged in to ``server_url`` (its account set directly) with changes queued."""
    library = Library(tmp_path / "q.db")
    account = sync.SyncAccount("gpodder", server_url, "someone", sync.new_device_id(), "Desk")
    from companion.library.settings import store_settings
    from companion.sync import secrets

    store_settings(library, sync_account=account.to_json())
    secrets.store_password(server_url, "someone", "pw")
    subscribe(library, feeds.feed("queued"))
    library.save_position(library.episode_ids()[0], 99_000)
    return library


@pytest.mark.parametrize(
    ("mode", "words"),
    [
        ("500", "failed (500"),
        ("slow", "did not answer in time"),
        ("json", "not JSON"),
        ("html", "a web page"),
    ],
)
def test_a_broken_server_is_one_line_and_the_outbox_stays(
    bad_server, tmp_path, feeds, monkeypatch, mode, words
):
    monkeypatch.setattr(sync_http, "DEADLINE_S", 1.0)
    bad_server.mode = mode
    library = _queued(tmp_path, f"http://127.0.0.1:{bad_server.server_address[1]}", feeds)
    before = library.db.conn.execute("SELECT * FROM sync_outbox").fetchall()
    with pytest.raises(sync.SyncError, match=re.escape(words)) as caught:
        sync.sync_now(library)
    assert "\n" not in str(caught.value)
    assert library.db.conn.execute("SELECT * FROM sync_outbox").fetchall() == before
    assert words.split("(")[0].strip() in sync.status(library).last_error


def test_wrong_password_and_a_stopped_server_from_the_command(opodsync, tmp_path, feeds):
    user = opodsync.new_account()
    env = {**os.environ, "COMPANION_SYNC_SECRETS": str(tmp_path / "s.json"), "PYTHONPATH": str(ROOT)}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    lib = str(tmp_path / "cli.db")

    def companion(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "companion", "--library", lib, *args], input=stdin,
                              capture_output=True, text=True, env=env, timeout=60)  # fmt: skip

    wrong = companion("sync", "login", opodsync.url, user, stdin="not-it\n")
    assert wrong.returncode == 1 and "refused the user name or password" in wrong.stderr
    assert "Traceback" not in wrong.stderr and wrong.stderr.count("\n") == 1
    assert companion("sync", "login", opodsync.url, user, stdin=PASSWORD + "\n").returncode == 0
    assert PASSWORD not in Path(lib).read_bytes().decode("latin-1")  # never in the library
    assert (os.stat(tmp_path / "s.json").st_mode & 0o777) == 0o600
    gone = f"http://127.0.0.1:{free_port()}"
    library = Library(lib)
    account = sync.account_of(library)
    from companion.library.settings import store_settings
    from companion.sync import secrets

    store_settings(
        library, sync_account=sync.SyncAccount("gpodder", gone, user, account.device_id, "x").to_json()
    )
    library.close()
    os.environ["COMPANION_SYNC_SECRETS"] = env["COMPANION_SYNC_SECRETS"]
    secrets.store_password(gone, user, PASSWORD)
    down = companion("sync")
    assert down.returncode == 1 and "nothing answers there" in down.stderr and "Traceback" not in down.stderr
    status = companion("sync", "status")
    assert "Last error: Cannot reach the sync server" in status.stdout


KILLED_AFTER_SAVE = """
import os, signal, sys
from companion.library import Library
library = Library(sys.argv[1])
library.save_position(int(sys.argv[2]), 1_234_000)
os.kill(os.getpid(), signal.SIGKILL)
"""

KILLED_AFTER_SEND = """
import os, signal, sys
from companion.library import Library
from companion.sync import engine
def killed(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
engine.apply = killed
library = Library(sys.argv[1])
engine.sync_now(library)
"""


def test_killed_before_sending_and_after_sending(opodsync, tmp_path, feeds, secrets_file):
    from test_sync_devices import _device, _episode

    user = opodsync.new_account()
    a = _device(tmp_path, "a", opodsync, user)
    subscribe(a, feeds.feed("killed"))
    sync.sync_now(a)
    episode_id = _episode(a, "killed-guid-1").id
    a.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = [sys.executable, "-c"]
    dead = subprocess.run(
        [*run, KILLED_AFTER_SAVE, str(tmp_path / "a.db"), str(episode_id)], env=env, timeout=60
    )
    assert dead.returncode == -signal.SIGKILL
    a = Library(tmp_path / "a.db")
    assert sync.status(a).pending == 1  # queued in the same transaction as the position
    a.close()
    dead = subprocess.run([*run, KILLED_AFTER_SEND, str(tmp_path / "a.db")], env=env, timeout=60)
    assert dead.returncode == -signal.SIGKILL  # the server has it; the outbox does not know yet
    a = Library(tmp_path / "a.db")
    assert sync.status(a).pending == 1
    again = sync.sync_now(a)
    assert again.actions_sent == 1 and sync.status(a).pending == 0
    b = _device(tmp_path, "b", opodsync, user)
    got = sync.sync_now(b)
    assert got.positions == 1  # sent twice, the same action: applied once
    assert _episode(b, "killed-guid-1").position_ms == 1_234_000
    assert (
        b.db.conn.execute("SELECT count(*) FROM sync_remote WHERE outcome = 'positions'").fetchone()[0] == 1
    )
    a.close()
    b.close()
