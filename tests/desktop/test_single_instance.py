"""One window per library, with real processes only: a second launch hands over and exits 0, commands
still run beside the window, a socket left by a killed window never blocks a start, and two libraries
have a window each."""

from __future__ import annotations

import fcntl
import json
import os
import queue
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
from launches import launch
from procs import run_companion

from companion.desktop.instance import instance_paths


class Window:
    """A window process started with the hand-over probe: ``opened()`` waits for what it opened."""

    def __init__(self, library_path: Path, *args: str) -> None:
        self.library_path = library_path
        self.proc = launch(library_path, *args, COMPANION_OPEN_PROBE="1")
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line)

    def wait_listening(self, timeout: float = 60) -> None:
        """Until the window holds the library's lock and a socket is there (a stale one, after a crash,
        proves nothing by itself: the lock does)."""
        paths = instance_paths(self.library_path)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.proc.stderr.read() if self.proc.stderr else ""
            if paths.socket.exists() and _lock_is_held(paths.lock):
                return  # a launch now waits for it to answer, if it is still building the window
            time.sleep(0.2)
        raise AssertionError("the window never listened")

    def opened(self, timeout: float = 15) -> dict:
        while True:
            line = self.lines.get(timeout=timeout)
            if line.startswith("{"):
                return json.loads(line)

    def nothing_opened(self, wait: float = 1.0) -> bool:
        try:
            while True:
                if self.lines.get(timeout=wait).startswith("{"):
                    return False
        except queue.Empty:
            return True

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        self.proc.wait(timeout=30)


def _lock_is_held(lock: Path) -> bool:
    if not lock.exists():
        return False
    fd = os.open(lock, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


@pytest.fixture
def windows():
    started: list[Window] = []

    def start(library_path: Path, *args: str) -> Window:
        window = Window(library_path, *args)
        started.append(window)
        return window

    yield start
    for window in started:
        window.kill()


def test_a_second_launch_hands_over_and_a_killed_window_leaves_nothing_in_the_way(windows, tmp_path):
    library = tmp_path / "library.db"
    first = windows(library)
    first.wait_listening()
    second = run_companion(library, "itpc://127.0.0.1:9/feed.xml", timeout=30)
    assert (second.returncode, second.stdout, second.stderr) == (0, "", "")
    assert first.opened() == {"opened": "add-podcast", "text": "http://127.0.0.1:9/feed.xml"}
    listed = run_companion(library, "list", "--json", timeout=30)  # commands still run beside it
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 3  # the demo's episodes

    first.kill(signal.SIGKILL)  # a crash: the socket file stays behind
    socket_file = instance_paths(library).socket
    assert socket_file.exists()
    started = time.monotonic()
    third = windows(library)
    third.wait_listening()
    assert time.monotonic() - started < 30
    again = run_companion(library, "feed:https://127.0.0.1:9/other.xml", timeout=30)
    assert again.returncode == 0
    assert third.opened() == {"opened": "add-podcast", "text": "https://127.0.0.1:9/other.xml"}


def test_two_libraries_have_a_window_each(windows, tmp_path):
    one, two = tmp_path / "one.db", tmp_path / "two" / "two.db"
    two.parent.mkdir()
    first, second = windows(one), windows(two, "feed://127.0.0.1:9/first.xml")  # no window yet: it starts
    first.wait_listening()
    second.wait_listening()
    assert second.opened() == {"opened": "add-podcast", "text": "http://127.0.0.1:9/first.xml"}
    assert instance_paths(one).socket != instance_paths(two).socket
    assert run_companion(two, "podcast://127.0.0.1:9/two.xml", timeout=30).returncode == 0
    assert second.opened()["text"] == "http://127.0.0.1:9/two.xml"
    link = tmp_path / "link-to-one.db"
    link.symlink_to(one)  # the same library under another name: the same window
    assert run_companion(link, "pcast://127.0.0.1:9/one.xml", timeout=30).returncode == 0
    assert first.opened()["text"] == "http://127.0.0.1:9/one.xml"
    assert second.nothing_opened()


def test_a_bad_argument_exits_2_before_any_window_is_found(tmp_path):
    result = run_companion(tmp_path / "library.db", "ftp://example.org/feed.xml", timeout=30)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("companion: Cannot open ftp://example.org/feed.xml: ftp: links")
    assert not (tmp_path / "library.db").exists()  # nothing was opened or made


def test_make_desktop_registers_the_links_and_never_fails_without_the_tools(tmp_path):
    root = Path(__file__).resolve().parents[2]
    desktop = (root / "resources" / "podcast-companion.desktop").read_text(encoding="utf-8")
    fields = dict(line.split("=", 1) for line in desktop.splitlines() if "=" in line)
    mime = fields["MimeType"].rstrip(";").split(";")
    schemes = [f"x-scheme-handler/{s}" for s in ("podcast", "itpc", "pcast", "feed")]
    assert set(schemes) <= set(mime) and {"text/x-opml+xml", "text/x-opml", "audio/mpeg"} <= set(mime)
    assert "application/xml" not in mime and fields["Exec"] == "companion %U"
    bin_dir = tmp_path / "bin"  # a fake xdg-mime records what it is asked; no update-desktop-database
    bin_dir.mkdir()
    (bin_dir / "xdg-mime").write_text(f'#!/bin/sh\necho "$@" >> {tmp_path}/xdg-mime.log\n', encoding="utf-8")
    (bin_dir / "xdg-mime").chmod(0o755)
    env = {**os.environ, "HOME": str(tmp_path / "home"), "PATH": f"{bin_dir}:/usr/bin:/bin"}
    make = ["make", "-s", "-o", "setup", "desktop"]  # setup (venv, system packages) is the suite's own
    result = subprocess.run(make, cwd=root, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    installed = (tmp_path / "home/.local/share/applications/podcast-companion.desktop").read_text()
    assert f"Exec={root}/.venv/bin/companion %U" in installed
    assert (tmp_path / "xdg-mime.log").read_text().split() == [
        "default",
        "podcast-companion.desktop",
        *schemes,
    ]
    os.remove(bin_dir / "xdg-mime")  # neither tool there: still done
    result = subprocess.run(make, cwd=root, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "xdg-mime is missing" in result.stdout
