"""Feeds in the real window: subscribe, refresh (never freezing), failures, downloads, add episode."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialogButtonBox

from companion.services.tones import write_tone_wav

EPISODE_2 = "Episode 2: JSON chapters"


def _serve_feed(feed_server, **options) -> str:
    feed_server.add_fixture("/chapters/ep2.json", "chapters_ep2.json", content_type="application/json")
    return feed_server.add_fixture("/feed.xml", "en_feed.xml", **options)


def _subscribe(app, qtbot, url: str) -> tuple:
    with qtbot.waitSignal(app.jobs.batch_finished, timeout=15_000) as blocker:
        app.jobs.subscribe(url)
    return tuple(blocker.args)


def _titles(window) -> list[str]:
    model = window.episode_model
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def test_subscribe_shows_episodes_and_chapter_sources(make_window, feed_server, qtbot):
    url = _serve_feed(feed_server)
    app = make_window()
    summary, failures, _manual = _subscribe(app, qtbot, url)
    assert failures == [] and "3 new episodes" in summary
    assert EPISODE_2 in _titles(app.window)
    episode_id = next(e.id for e in app.library.episodes() if e.title == EPISODE_2)
    app.window.select_episode(episode_id)
    combo = app.window.chapter_source_combo
    sources = [combo.itemData(i) for i in range(combo.count())]
    assert sources[0] == "podcast-json" and "shownotes" in sources
    json_titles = [i.text(0) for i in app.window.chapter_view.chapter_items()]
    combo.setCurrentIndex(sources.index("shownotes"))
    combo.activated.emit(sources.index("shownotes"))
    notes_titles = [i.text(0) for i in app.window.chapter_view.chapter_items()]
    assert notes_titles == ["Hello", "Main topic", "Goodbye"]
    assert json_titles != notes_titles


def test_refresh_is_conditional_and_the_window_stays_responsive(make_window, feed_server, qtbot):
    url = _serve_feed(feed_server, etag='"v1"', delay_s=0.0)
    app = make_window()
    _subscribe(app, qtbot, url)
    feed_server.routes["/feed.xml"].delay_s = 1.0  # a slow server
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    with qtbot.waitSignal(app.jobs.batch_finished, timeout=15_000) as blocker:
        assert app.jobs.refresh_all(manual=True)
        assert app.window.feed_ui.progress.isVisible()
        assert not app.jobs.refresh_all()  # one batch at a time
    timer.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert len(ticks) > 20 and max(gaps) < 0.5  # the event loop kept running during the fetch
    assert blocker.args[1] == []
    assert feed_server.hits("/feed.xml")[-1].status == 304
    assert not app.window.feed_ui.progress.isVisible()


def test_failing_feed_is_reported_and_changes_nothing(make_window, feed_server, qtbot, table_rows):
    url = _serve_feed(feed_server)
    app = make_window()
    _subscribe(app, qtbot, url)
    qtbot.waitUntil(lambda: not app.jobs.covers.busy(), timeout=10_000)  # the cover fetch after it
    before = table_rows(app.library)
    feed_server.routes["/feed.xml"].status = 500
    with qtbot.waitSignal(app.jobs.batch_finished, timeout=15_000) as blocker:
        app.jobs.refresh_all(manual=False)
    summary, failures, manual = blocker.args
    assert len(failures) == 1 and "1 failed" in summary and not manual
    assert url in failures[0]
    after = table_rows(app.library)
    assert {k: v for k, v in after.items() if k != "settings"} == {
        k: v for k, v in before.items() if k != "settings"
    }


def test_bad_address_is_refused_with_a_message(make_window, qtbot):
    app = make_window()
    with qtbot.waitSignal(app.jobs.subscribe_failed) as blocker:
        app.jobs.subscribe("ftp://example.org/feed.xml")
    assert "http" in blocker.args[0]


def test_download_then_playback_prefers_the_file(make_window, feed_server, tmp_path, qtbot):
    wav = write_tone_wav(tmp_path / "ep1.wav", [(20, 440)]).read_bytes()
    feed_server.add("/audio/ep1.mp3", wav, content_type="audio/wav")
    url = _serve_feed(feed_server)
    app = make_window()
    _subscribe(app, qtbot, url)
    episode = next(e for e in app.library.episodes() if e.title.startswith("Episode 1"))
    progress = []
    app.jobs.download_progress.connect(lambda eid, pct: progress.append(pct))
    with qtbot.waitSignal(app.jobs.download_finished, timeout=15_000) as blocker:
        app.jobs.download(episode.id)
    assert blocker.args == [episode.id, ""]
    stored = app.library.episode(episode.id)
    assert stored.audio_path
    with open(stored.audio_path, "rb") as fh:
        assert fh.read() == wav
    assert progress and progress[0] == 0
    app.controller.play_episode(episode.id, 5_000)
    assert app.backend.media == stored.audio_path
    qtbot.waitUntil(lambda: abs(app.backend.position_ms() - 5_000) < 500, timeout=5000)
    # the context menu now offers to delete it
    menu = app.window.episode_menu(episode.id)
    assert "Delete download" in [a.text() for a in menu.actions()]


def test_add_episode_dialog_adds_with_chapters(make_window, tone_wav, qtbot):
    app = make_window()
    app.window.feed_ui.add_episode_action.trigger()
    dialog = app.window.feed_ui.add_dialog
    assert dialog.isVisible()  # open without blocking the window
    dialog.audio.edit.setText(str(tone_wav))
    dialog.title_edit.setText("手动添加 Manual")
    dialog.notes_edit.setPlainText("00:00 开始 Start 00:40 中段 Middle 01:10 结尾 End")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    added = next(e for e in app.library.episodes() if e.title == "手动添加 Manual")
    assert [c.start_ms for c in app.library.chapters(added.id)] == [0, 40_000, 70_000]
    assert app.window.selected_episode.id == added.id
    # a second time it opens again, and a problem keeps it open with the message
    app.window.feed_ui.add_episode_action.trigger()
    again = app.window.feed_ui.add_dialog
    assert again is not dialog and again.isVisible()
    again.audio.edit.setText(str(tone_wav) + ".missing")
    again.title_edit.setText("Missing")
    again.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert again.isVisible() and "no audio file" in again.error_label.text()
    again.reject()


def _big_feed(items: int) -> str:
    entries = []
    for n in range(items):
        timeline = " ".join(
            f"{m:02d}:{(n * 7 + m) % 60:02d} 第{m}段 Part {m} 讨论与回顾" for m in range(1, 11)
        )
        notes = f"<p>第{n}期节目，聊聊开源、模型与播客。{'长篇笔记 long notes ' * 40}</p><p>{timeline}</p>"
        entries.append(
            f"<item><title>Episode {n} 第{n}期</title><guid>big-{n}</guid>"
            f"<enclosure url='https://example.org/{n}.mp3' length='1000' type='audio/mpeg'/>"
            f"<itunes:duration>1:00:00</itunes:duration>"
            f"<description><![CDATA[{notes}]]></description></item>"
        )
    return (
        "<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'"
        " xmlns:itunes='http://www.itunes.com/dtds/podcast-1.0.dtd'><channel>"
        f"<title>Big feed</title>{''.join(entries)}</channel></rss>"
    )


def test_storing_a_big_feed_never_freezes_the_window(make_window, feed_server, qtbot):
    url = feed_server.add("/big.xml", _big_feed(1500))
    app = make_window()
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    # the moment the batch ends counts as a tick too: a stall just before it must show
    app.jobs.batch_finished.connect(lambda *_: ticks.append(time.perf_counter()))
    summary, failures, _ = _subscribe(app, qtbot, url)
    timer.stop()
    assert failures == [] and "1500 new episodes" in summary
    gaps = sorted(b - a for a, b in zip(ticks, ticks[1:], strict=False))
    assert gaps[-1] < 0.5, f"the event loop stalled {gaps[-1]:.2f} s"
    assert app.window.episode_model.rowCount() == 1500
    assert app.library.search("第1499期").episodes  # indexed in the same transaction
    workers = app.jobs._notes_workers  # the notes went to worker processes, stopped once done
    assert workers is not None and workers.usable and workers._pool is None
    episode = app.library.episode(app.library.episode_ids()[0])
    assert app.library.chapters(episode.id)  # their timelines came back as chapters


def test_the_player_follows_the_chapter_source_being_shown(make_window, feed_server, qtbot):
    url = _serve_feed(feed_server)
    app = make_window()
    _subscribe(app, qtbot, url)
    episode_id = next(e.id for e in app.library.episodes() if e.title == EPISODE_2)
    app.window.select_episode(episode_id)
    combo = app.window.chapter_source_combo
    index = combo.findData("shownotes")
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    items = app.window.chapter_view.chapter_items()
    app.window.chapter_view.itemClicked.emit(items[1], 0)  # "Main topic" at 5:00
    assert app.controller.episode.id == episode_id
    assert [c.source for c in app.controller.chapters] == ["shownotes"] * 3
    assert app.controller.position_ms() == 300_000
    assert app.window.player_bar.slider.mark_values() == [300_000, 3_300_000]


def test_downloaded_episodes_are_marked_in_the_list(make_window, feed_server, tmp_path, qtbot):
    from companion.ui.models.episode_model import DOWNLOADED_MARK, PAGE_SIZE

    wav = write_tone_wav(tmp_path / "ep1.wav", [(5, 440)]).read_bytes()
    feed_server.add("/audio/ep1.mp3", wav, content_type="audio/wav")
    app = make_window()
    _subscribe(app, qtbot, _serve_feed(feed_server))
    window = app.window
    episode = next(e for e in app.library.episodes() if e.title.startswith("Episode 1"))
    assert not any(t.startswith(DOWNLOADED_MARK) for t in _titles(window))
    download = next(a for a in window.episode_menu(episode.id).actions() if a.text() == "Download")
    with qtbot.waitSignal(app.jobs.download_finished, timeout=15_000):
        download.trigger()
    row = window.episode_model.row_of(episode.id)
    qtbot.waitUntil(lambda: _titles(window)[row] == DOWNLOADED_MARK + episode.title, timeout=3000)
    assert [t for t in _titles(window) if t.startswith(DOWNLOADED_MARK)] == [DOWNLOADED_MARK + episode.title]
    tip = window.episode_model.data(window.episode_model.index(row, 0), 3)  # ToolTipRole
    assert "Downloaded" in tip
    window.bookmarks_ui.actions.set_starred(episode.id, True)  # both marks, the tooltip still says it
    qtbot.waitUntil(lambda: _titles(window)[row] == "★ " + DOWNLOADED_MARK + episode.title, timeout=3000)
    assert "Downloaded" in window.episode_model.data(window.episode_model.index(row, 0), 3)
    delete = next(a for a in window.episode_menu(episode.id).actions() if a.text() == "Delete download")
    delete.trigger()
    qtbot.waitUntil(lambda: _titles(window)[row] == "★ " + episode.title, timeout=3000)  # the star stays
    # the marker costs no query per row: a page of rows is still read in one statement
    for i in range(PAGE_SIZE + 10):
        app.library.add_episode(episode.podcast_id, f"Filler {i}", published_at=i)
    window.episode_model.reload()
    statements = []
    app.library.db.conn.set_trace_callback(statements.append)
    try:
        for r in range(PAGE_SIZE):
            window.episode_model.data(window.episode_model.index(r, 0))
    finally:
        app.library.db.conn.set_trace_callback(None)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1
