"""Click to audio, by ear: from a chapter click in the real window to the first audio VLC hands to its
output that comes from the chapter's start (VLC's afile output, decoded), and the share of seeks, over
every way to seek, heard clean (landing within 1 s, then 5 s without a jump)."""

from __future__ import annotations

import statistics
import time

from listening.ear import LAND_S
from listening.plan import make_sessions, position_audio_files, run_plan
from listening.positional import decode_samples, read_wav_growing
from listening.server import AudioServer, start_bus, stop_bus
from listening.session import CHAPTERS_S, ListeningSession
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

CLICKS = 20


def _first_heard_at(
    session: ListeningSession, target_s: float, since_s: float, timeout_s: float = 5.0
) -> float:
    """Seconds from now until the output holds audio from ``target_s`` written after ``since_s`` of it."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout_s:
        QApplication.processEvents()
        samples, rate = read_wav_growing(session.out)
        from_sample = max(0, int((since_s - 0.1) * rate))
        new = samples[from_sample:] if len(samples) > from_sample else samples[:0]
        heard = decode_samples(new, rate) if len(new) > rate // 20 else []
        if any(abs(p - target_s) <= LAND_S for _, p in heard):
            return time.perf_counter() - start
        time.sleep(0.002)
    raise AssertionError(f"{target_s} s was never heard")


def test_click_to_heard_audio(tmp_path, qtbot, record):
    audio = position_audio_files(tmp_path / "audio")
    session = ListeningSession(
        qtbot, tmp_path, "bench", 1.0, {key: {"path": str(p)} for key, p in audio.items()}, None
    )
    view = session.window.chapter_view
    timings = []
    try:
        for click in range(CLICKS):
            episode = session.episodes[(click // 2) % 2]  # every other click switches episodes
            session.window.select_episode(episode.id)
            items = view.chapter_items()
            index = 1 + click % (len(items) - 1)
            target = session.heard_target(episode, CHAPTERS_S[index])
            samples, rate = read_wav_growing(session.out) if session.out.exists() else ([], 1)
            since = len(samples) / rate if click % 2 else 0.0  # a new episode starts a new output take
            rect = view.visualItemRect(items[index])
            t0 = time.perf_counter()
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            _first_heard_at(session, target, since)
            timings.append((time.perf_counter() - t0) * 1000)
            qtbot.wait(300)
    finally:
        session.close()
    median, worst = statistics.median(timings), max(timings)
    print(
        f"\nclick to heard audio over {CLICKS} clicks: median {median:.0f} ms, worst {worst:.0f} ms"
        f" (switching episode {statistics.median(timings[0::2]):.0f} ms,"
        f" same episode {statistics.median(timings[1::2]):.0f} ms)"
    )
    record("click_to_audio_p50_ms", median)
    record("click_to_audio_max_ms", worst)


def test_seeks_heard_clean(tmp_path, qtbot, record, monkeypatch):
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    server, buses = AudioServer(), []

    def bus() -> str | None:
        started = start_bus()
        if started is None:
            return None
        buses.append(started[1])
        return started[0]

    try:
        audio = position_audio_files(tmp_path / "audio")
        verdicts = run_plan(qtbot, make_sessions(qtbot, tmp_path, audio, server, bus))
    finally:
        server.stop()
        for pid in buses:
            stop_bus(pid)
    clean = sum(v.ok for v in verdicts)
    print(f"\nseeks heard clean: {clean} of {len(verdicts)}")
    for v in verdicts:
        if not v.ok:
            print(f"  {v}")
    record("seeks_heard_clean", 100.0 * clean / len(verdicts))
