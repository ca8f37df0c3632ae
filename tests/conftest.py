"""Shared fixtures: offscreen Qt, a real library file, generated audio, a real VLC backend."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt
os.environ.setdefault("COMPANION_VLC_ARGS", "--aout=dummy")

import socket  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from companion.library import Library  # noqa: E402
from companion.services.tones import chapter_tones, write_tone_wav  # noqa: E402

VLC_TEST_ARGS = ("--aout=dummy",)
_THIS_MACHINE = ("localhost", "::1", "")


@pytest.fixture(autouse=True, scope="session")
def _only_this_machine():
    """Tests reach servers on 127.0.0.1 only. A name that is not this machine's resolves to nothing, as
    on a machine without network, and no DNS query leaves it: feed fixtures carry addresses such as
    https://example.org/cover.jpg, which the cover fetch after a subscribe would otherwise look up."""
    real = socket.getaddrinfo

    def guarded(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if name is None or name in _THIS_MACHINE or str(name).startswith("127."):
            return real(host, *args, **kwargs)
        raise socket.gaierror(socket.EAI_NONAME, f"{name}: the tests reach this machine only")

    socket.getaddrinfo = guarded
    yield
    socket.getaddrinfo = real


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "library.db"


@pytest.fixture
def library(library_path: Path):
    lib = Library(library_path)
    yield lib
    lib.close()


@pytest.fixture(scope="session")
def tone_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 90-second WAV whose chapters (0, 30, 60 s) each have their own tone."""
    path = tmp_path_factory.mktemp("audio") / "tones.wav"
    return write_tone_wav(path, chapter_tones([0, 30, 60], 90))


@pytest.fixture
def vlc_backend(qtbot):
    from companion.playback.vlc_backend import VlcBackend, import_vlc

    backend = VlcBackend(import_vlc(), VLC_TEST_ARGS)
    yield backend
    backend.shutdown()


@pytest.fixture
def tone_episode(library, tone_wav):
    """An episode of the 90-second tone WAV whose notes carry a three-chapter timeline."""
    podcast = library.add_podcast("Test Cast", feed_url="https://example.org/feed.xml")
    notes = (
        "时间轴 00:00 开场 Opening 00:30 第二段 Second part 01:00 结尾 The end 相关链接 https://example.org"
    )
    return library.add_episode(
        podcast.id,
        "测试节目 Tone episode",
        audio_path=str(tone_wav),
        notes=notes,
        duration_ms=90_000,
        published_at=1_700_000_000,
    )


@pytest.fixture
def make_window(qtbot, library):
    """Builds the real main window (real VLC with --aout=dummy) on the test library."""
    from companion.app import CompanionApp

    apps = []

    def make(lib=None):
        app = CompanionApp(lib or library, VLC_TEST_ARGS)
        qtbot.addWidget(app.window)
        app.window.show()
        qtbot.waitExposed(app.window)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.window.save_geometry()
        app.controller.shutdown()
        if app.library is not library:
            app.library.close()
