"""Real sync servers on 127.0.0.1 for the sync tests, started once per session by the shared run.sh:
gpodder-fastapi-router (gfr, the gpodder.net API) and oPodSync (both APIs), each on a free port with
its state under the session's temp dir; a fresh account per test; a small feed server of our own."""

from __future__ import annotations

import pytest
from sync_servers import FeedHost, start_server


@pytest.fixture(scope="session")
def gfr(tmp_path_factory):
    """gpodder-fastapi-router (the gpodder.net API v2), once per session."""
    server = start_server("gfr", tmp_path_factory)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def opodsync(tmp_path_factory):
    """oPodSync (the gpodder.net API v2 and the Nextcloud app's), once per session."""
    server = start_server("opodsync", tmp_path_factory)
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def secrets_file(tmp_path, monkeypatch):
    """Each test keeps its passwords in a file of its own (no Secret Service on the test bus)."""
    monkeypatch.setenv("COMPANION_SYNC_SECRETS", str(tmp_path / "sync-secrets.json"))
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    return tmp_path / "sync-secrets.json"


@pytest.fixture(scope="session")
def feeds():
    host = FeedHost()
    yield host
    host.httpd.shutdown()
    host.httpd.server_close()
