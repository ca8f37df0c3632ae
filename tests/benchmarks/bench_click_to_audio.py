"""Click-to-audio latency: from a chapter click in the real window to VLC playing at its start."""

from __future__ import annotations

import statistics
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from companion.app import CompanionApp
from companion.domain import PlaybackState
from companion.library import Library
from companion.tones import chapter_tones, write_tone_wav

CLICKS = 20
TOLERANCE_MS = 250


def _wait_for(app: CompanionApp, target_ms: int, timeout_s: float = 5.0) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout_s:
        QApplication.processEvents()
        if (
            app.backend.state() == PlaybackState.PLAYING
            and abs(app.backend.position_ms() - target_ms) <= TOLERANCE_MS
        ):
            return time.perf_counter() - start
        time.sleep(0.001)
    raise AssertionError(f"VLC never reached {target_ms} ms")


def test_click_to_audio(tmp_path, qtbot, record):
    library = Library(tmp_path / "library.db")
    podcast = library.add_podcast("Bench")
    episodes = []
    for n in range(2):
        starts = [0, 120, 300, 600, 900, 1200]
        audio = write_tone_wav(tmp_path / f"{n}.wav", chapter_tones(starts, 1500))
        notes = " ".join(
            f"{s // 60:02d}:{s % 60:02d} 第{i + 1}章 Chapter {i + 1}" for i, s in enumerate(starts)
        )
        episodes.append(library.add_episode(podcast.id, f"Episode {n}", audio_path=str(audio), notes=notes))
    app = CompanionApp(library, ["--aout=dummy"])
    qtbot.addWidget(app.window)
    app.window.show()
    qtbot.waitExposed(app.window)
    view = app.window.chapter_view
    timings = []
    for click in range(CLICKS):
        episode = episodes[click % 2]  # every other click is in an episode that is not playing
        app.window.select_episode(episode.id)
        items = view.chapter_items()
        item = items[1 + click % (len(items) - 1)]
        target = int(item.data(0, Qt.ItemDataRole.UserRole + 1))
        rect = view.visualItemRect(item)
        t0 = time.perf_counter()
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        _wait_for(app, target)
        timings.append((time.perf_counter() - t0) * 1000)
    app.window.hide()
    app.shutdown()
    median = statistics.median(timings)
    worst = max(timings)
    switch = statistics.median(timings[0::2])
    same = statistics.median(timings[1::2])
    print(
        f"\nclick to audio over {CLICKS} clicks: median {median:.0f} ms, worst {worst:.0f} ms"
        f" (switching episode {switch:.0f} ms, same episode {same:.0f} ms)"
    )
    record("click_to_audio_p50_ms", median)
    record("click_to_audio_max_ms", worst)
