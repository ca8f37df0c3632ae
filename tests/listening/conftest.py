"""Fixtures for the listening tests: position-coded episodes, an HTTP server with or without Range, D-Bus."""

from __future__ import annotations

from pathlib import Path

import pytest

from listening.plan import position_audio_files
from listening.server import AudioServer, start_bus, stop_bus


@pytest.fixture(scope="session")
def position_audio(tmp_path_factory) -> dict[str, Path]:
    """Episode A and episode B: 20 minutes each, every moment of them told apart by ear."""
    return position_audio_files(tmp_path_factory.mktemp("heard-audio"))


@pytest.fixture
def audio_server():
    server = AudioServer()
    yield server
    server.stop()


@pytest.fixture
def private_buses(monkeypatch):
    """``bus()`` starts a private D-Bus session bus and gives its address (None without dbus-daemon)."""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    pids = []

    def bus() -> str | None:
        started = start_bus()
        if started is None:
            return None
        pids.append(started[1])
        return started[0]

    yield bus
    for pid in pids:
        stop_bus(pid)
