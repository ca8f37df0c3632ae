"""Shared fixtures: offscreen Qt, a real library file, generated audio, a real VLC backend."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt
os.environ.setdefault("COMPANION_VLC_ARGS", "--aout=dummy")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from companion.library import Library  # noqa: E402
from companion.tones import chapter_tones, write_tone_wav  # noqa: E402

VLC_TEST_ARGS = ("--aout=dummy",)


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
