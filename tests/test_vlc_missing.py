"""Without a working libvlc the app still opens, browsing works, and the player says what to install."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from companion.library import Library
from companion.playback.backend import PlayerError
from companion.playback.vlc_backend import create_backend, import_vlc

PROBE = Path(__file__).with_name("vlc_missing_probe.py")


def _loaded_library(name: str) -> str:
    """The real path of a shared library this process has loaded (libvlc is, via the vlc module)."""
    import_vlc()
    for line in Path("/proc/self/maps").read_text().splitlines():
        path = line.split()[-1]
        if f"/{name}" in path:
            return path
    raise AssertionError(f"{name} is not loaded")


@pytest.fixture
def probe_library(tmp_path, tone_wav):
    path = tmp_path / "library.db"
    lib = Library(path)
    podcast = lib.add_podcast("Cast")
    lib.add_episode(podcast.id, "第一集", audio_path=str(tone_wav), notes="00:00 开场 00:30 正文 01:00 结尾")
    lib.close()
    return path


def _run_probe(library_path: Path, **env: str) -> dict:
    full_env = {**os.environ, **env}
    result = subprocess.run(
        [sys.executable, str(PROBE), str(library_path)],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _assert_hint(report: dict) -> None:
    assert report["available"] is False
    assert report["visible"] is True
    assert "Audio playback is off" in report["message"]
    assert "libvlc5" in report["message"] or "vlc" in report["message"]
    assert report["episodes"] == 1  # browsing still works
    assert "开场" in report["notes"]
    assert "Audio playback is off" in report["after_click"]


def test_library_cannot_load(probe_library, tmp_path):
    report = _run_probe(probe_library, PYTHON_VLC_LIB_PATH=str(tmp_path / "no" / "libvlc.so.5"))
    _assert_hint(report)


def test_loaded_library_has_no_libvlc_new(probe_library):
    libc = _loaded_library("libc.so.6")
    report = _run_probe(probe_library, PYTHON_VLC_LIB_PATH=libc)
    _assert_hint(report)
    assert "libvlc_new" in report["message"]


def test_plugins_missing(probe_library, tmp_path):
    # a copy of libvlc away from its plugins: libvlc_new() returns NULL, Instance() gives None
    copies = tmp_path / "lib"
    copies.mkdir()
    libvlc = shutil.copy(_loaded_library("libvlc.so.5"), copies / "libvlc.so.5")
    core = shutil.copy(_loaded_library("libvlccore.so.9"), copies / "libvlccore.so.9")
    report = _run_probe(probe_library, PYTHON_VLC_LIB_PATH=str(libvlc), PROBE_PRELOAD=str(core))
    _assert_hint(report)
    assert "plugins" in report["message"]


def test_failing_loader_gives_the_unavailable_backend(qtbot):
    def loader():
        raise PlayerError("Audio playback is off: test")

    backend = create_backend(loader=loader)
    assert not backend.available
    with qtbot.waitSignal(backend.failed) as blocker:
        backend.load("/tmp/x.wav")
    assert blocker.args == ["Audio playback is off: test"]


def test_working_libvlc_is_available(qtbot):
    backend = create_backend(["--aout=dummy"])
    try:
        assert backend.available
    finally:
        backend.shutdown()
