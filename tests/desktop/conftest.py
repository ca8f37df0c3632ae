"""Desktop integration fixtures: a private runtime folder per test, the window's single instance on the
test library, second launches as real processes, a private session bus."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from feeds.conftest import feed_server  # noqa: F401 - the real HTTP server of the feed tests
from listening.server import start_bus, stop_bus

from companion.desktop.instance import SingleInstance


@pytest.fixture(autouse=True)
def runtime_dir(monkeypatch) -> Path:
    """A runtime folder of this test's own (short: a socket's path holds at most 107 bytes)."""
    folder = Path(tempfile.mkdtemp(prefix="pc-run-"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def running_window(make_window, library):
    """The real window on the test library, holding its single instance as ``app.main`` does."""
    app = make_window()
    instance = SingleInstance(library.path)
    assert instance.claim() and instance.listen()
    instance.received.connect(app.opener.open_request)
    app.instance = instance
    yield app
    instance.close()


@pytest.fixture
def session_bus(monkeypatch):
    """A private session bus for this test, in the environment while it runs."""
    started = start_bus()
    assert started is not None, "dbus-daemon is missing: `make test` installs it (package dbus)"
    address, pid = started
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    yield address
    stop_bus(pid)
