"""Start-up, scrolling, sorting, filtering and memory with a 100,000-episode library."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from companion.app import CompanionApp
from companion.library import EpisodeFilter, Library

from .libgen import cached_library, with_covers

ROOT = Path(__file__).resolve().parents[2]
N = 100_000
RUNS = 3


@pytest.fixture(scope="session")
def big_library() -> Path:
    """The generated 100k library, shared with the search benchmark and cached in .bench/; what an
    earlier run left of the window (its layout, list filter, last episode) is cleared, so every run
    starts on the whole list as the first did. Its 200 podcasts have covers (cached copies)."""
    path = with_covers(cached_library(N))
    lib = Library(path)
    try:
        for key in ("window_layout", "window_geometry", "window_state", "last_episode_id"):
            lib.set_setting(key, None)
    finally:
        lib.close()
    return path


@pytest.fixture(scope="session")
def empty_library(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("empty") / "library.db"
    lib = Library(path)
    lib.set_setting("demo_created", "1")  # an empty library, not the demo
    lib.close()
    return path


TRANSLATIONS_MS: list[float] = []  # what loading the translations took, as each probe printed it


def _first_paint_s(library: Path, lang: str = "C.UTF-8") -> float:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "COMPANION_STARTUP_PROBE": "1",
        "COMPANION_VLC_ARGS": "--aout=dummy",
        "DBUS_SESSION_BUS_ADDRESS": "",
        "LANG": lang,
    }
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--library", str(library)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("translations-ms "):
            TRANSLATIONS_MS.append(float(line.split()[1]))
        if line.strip() == "first-paint":
            elapsed = time.perf_counter() - start
            break
    else:
        raise AssertionError("the app never painted")
    proc.wait(timeout=30)
    return elapsed


def test_startup(big_library, empty_library, record):
    _first_paint_s(empty_library)  # warm the disk cache for the interpreter and Qt
    empty = statistics.median(_first_paint_s(empty_library) for _ in range(RUNS))
    big = statistics.median(_first_paint_s(big_library) for _ in range(RUNS))
    print(f"\nstart-up to first paint: empty {empty:.3f} s, 100k {big:.3f} s, ratio {big / empty:.2f}")
    record("startup_empty_s", empty)
    record("startup_100k_s", big)
    TRANSLATIONS_MS.clear()
    chinese = statistics.median(_first_paint_s(empty_library, "zh_CN.UTF-8") for _ in range(RUNS))
    loading = statistics.median(TRANSLATIONS_MS)
    print(f"start-up in Chinese (zh_CN): {chinese:.3f} s, of which loading the translations {loading:.1f} ms")
    record("startup_zh_cn_s", chinese)
    record("translations_load_ms", loading)


def _timed_ms(action) -> float:
    app = QApplication.instance()
    start = time.perf_counter()
    action()
    app.processEvents()
    return (time.perf_counter() - start) * 1000


def test_list_operations(big_library, qtbot, record):
    library = Library(big_library)
    app = CompanionApp(library, ["--aout=dummy"])
    window = app.window
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    view, model = window.episode_view, window.episode_model
    assert model.rowCount() == N
    assert not window.covers.is_placeholder(window.episode_cover.pixmap())  # the selected one's cover

    def show_end() -> None:
        view.scrollToBottom()
        view.viewport().repaint()

    def show_top() -> None:
        view.scrollToTop()
        view.viewport().repaint()

    scroll = statistics.median(_timed_ms(show_end) for _ in range(RUNS) if _timed_ms(show_top) >= 0)
    last = model.data(model.index(N - 1, 0))
    assert last and last.startswith(f"第{N}期")  # the oldest

    def sort_by(column: int, order: Qt.SortOrder):
        def run() -> None:
            view.sortByColumn(column, order)
            view.viewport().repaint()

        return run

    orders = [
        sort_by(0, Qt.SortOrder.AscendingOrder),
        sort_by(3, Qt.SortOrder.DescendingOrder),
        sort_by(2, Qt.SortOrder.DescendingOrder),
    ]
    # each order three times, round robin (every run re-reads the list), median of each: one
    # figure per order that a noisy shared machine does not swing by a factor of three
    sort_runs: list[list[float]] = [[] for _ in orders]
    for _ in range(RUNS):
        for runs, order in zip(sort_runs, orders, strict=True):
            runs.append(_timed_ms(order))
    sorts = [statistics.median(runs) for runs in sort_runs]

    def filter_to(index: int):
        def run() -> None:
            window.episode_pane.filter_combo.setCurrentIndex(index)
            view.viewport().repaint()

        return run

    filter_runs: list[list[float]] = [[] for _ in range(5)]
    for _ in range(RUNS):
        for runs, index in zip(filter_runs, (1, 3, 2, 4, 0), strict=True):
            runs.append(_timed_ms(filter_to(index)))
    filters = [statistics.median(runs) for runs in filter_runs]
    assert window.episode_pane.model._filter == EpisodeFilter.ALL
    print(
        f"\nshow the last rows {scroll:.1f} ms; sort (title, length, date; median of {RUNS}) "
        + ", ".join(f"{s:.1f}" for s in sorts)
        + " ms; filter (unplayed, played, in progress, starred, all) "
        + ", ".join(f"{f:.1f}" for f in filters)
        + " ms"
    )
    record("scroll_end_100k_ms", scroll)
    record("sort_100k_ms", max(sorts))
    record("filter_100k_ms", max(filters))
    window.hide()
    app.shutdown()


def test_peak_memory(big_library, record):
    code = (
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtWidgets import QApplication\n"
        "qapp = QApplication([])\n"
        "from companion.app import CompanionApp\n"
        "from companion.library import Library\n"
        "app = CompanionApp(Library(sys.argv[1]), ['--aout=dummy'])\n"
        "app.window.resize(1200, 800); app.window.show(); qapp.processEvents()\n"
        "view = app.window.episode_view; bar = view.verticalScrollBar()\n"
        "for step in range(0, bar.maximum() + 1, max(1, bar.maximum() // 400)):\n"
        "    bar.setValue(step); view.viewport().repaint()\n"
        "app.window.episode_pane.filter_combo.setCurrentIndex(1); qapp.processEvents()\n"
        "app.window.select_episode(app.window.episode_model.episode_id(500)); qapp.processEvents()\n"
        "status = dict(line.split(':', 1) for line in open('/proc/self/status'))\n"
        "print(int(status.get('RssAnon', '0 kB').split()[0]) / 1024)\n"
        # VmHWM, not ru_maxrss: Linux keeps in ru_maxrss the forking parent's size before exec (this
        # pytest process's, hundreds of MB after the other benchmarks), VmHWM is this process's own
        "print(int(status['VmHWM'].split()[0]) / 1024)\n"
        "app.shutdown()\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DBUS_SESSION_BUS_ADDRESS": ""}
    out = subprocess.run(
        [sys.executable, "-c", code, str(big_library)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    anon, peak = (float(line) for line in out.stdout.strip().splitlines()[-2:])
    # peak RSS counts the shared libraries' pages too, and how many of those are mapped depends on
    # the page cache (the same run gave 152-241 MB); the anonymous memory is what the app allocated
    print(f"\npeak RSS with {N} episodes open and scrolled through: {peak:.0f} MB ({anon:.0f} MB anonymous)")
    record("peak_rss_100k_mb", peak)
    record("anon_rss_100k_mb", anon)
