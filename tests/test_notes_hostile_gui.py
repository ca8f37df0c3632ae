"""Hostile show notes in the real window: selecting the episode shows its notes at once (they used to
freeze the window for up to minutes, each time), and showing them costs little memory."""

from __future__ import annotations

import re
import resource
import time
from pathlib import Path

import pytest

MARK = "Notes begin here"
STATUS = Path("/proc/self/status")


def _timeline(count: int) -> str:
    return "\n".join(f"{i // 3600}:{i // 60 % 60:02d}:{i % 60:02d} chapter {i}" for i in range(count))


def _fifty_mb() -> str:
    para = "<p>Words about this and that 12:34, with a link https://example.org/x.</p>\n"
    return para * (50_000_000 // len(para))


HOSTILE = {
    "100,000 unclosed <b>": lambda: "<b>" * 100_000 + "end",  # 300 KB: 91-139 s each time
    "10,000 nested <div>": lambda: "<div>" * 10_000 + "deep" + "</div>" * 10_000,  # 2 s
    "50 MB of notes": _fifty_mb,  # 6 s and 1.2 GB
    "100,000 timestamps": lambda: _timeline(100_000),  # 7 s and 900 MB
    "25 nested tables": lambda: "<table><tr><td>" * 25 + "cell",  # minutes
    "100,000 list items": lambda: "<ul>" + "<li>item</li>" * 100_000 + "</ul>",  # ~40 s
}


def _kib(field: str) -> int:
    return int(re.search(rf"^{field}:\s+(\d+) kB", STATUS.read_text(), re.MULTILINE).group(1))


def _reset_peak() -> bool:
    """Start measuring peak memory from now (Linux: writing 5 to clear_refs resets VmHWM)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_notes_show_at_once(make_window, library, name, qtbot):
    podcast = library.add_podcast("Hostile Cast", feed_url="https://example.org/feed.xml")
    plain = library.add_episode(podcast.id, "Plain", notes="00:00 a 00:10 b", published_at=2)
    notes = HOSTILE[name]()
    notes = f"<p>{MARK}</p>{notes}" if notes.startswith("<") else f"{MARK}\n{notes}"
    hostile = library.add_episode(podcast.id, "Hostile", notes=notes, published_at=1)
    del notes
    app = make_window()
    window = app.window
    view = window.notes_view
    window.select_episode(plain.id)
    qtbot.waitUntil(lambda: "00:10" in view.toPlainText(), timeout=5000)

    before_kib = _kib("VmRSS")
    exact = _reset_peak()
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    shown_s = []
    for _ in range(2):  # each time it is shown
        start = time.monotonic()
        window.select_episode(hostile.id)
        qtbot.waitUntil(lambda: MARK in view.toPlainText(), timeout=5000)
        window.grab()  # painted, too
        shown_s.append(time.monotonic() - start)
        assert shown_s[-1] < 5, f"{name}: the window froze"
        window.select_episode(plain.id)
        qtbot.waitUntil(lambda: MARK not in view.toPlainText(), timeout=5000)
    if exact:
        extra_mb = (_kib("VmHWM") - before_kib) / 1024
    else:  # the process's peak so far: only growth past it shows
        extra_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024
    print(f"{name}: shown in {' and '.join(f'{s:.2f}' for s in shown_s)} s, {extra_mb:.0f} MB more")
    assert extra_mb < 200, f"{name}: showing the notes took {extra_mb:.0f} MB"
    assert len(library.chapters(hostile.id)) <= 500
