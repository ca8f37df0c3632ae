"""The window and a server that trickles: the refresh ends with a message, and quitting never waits."""

from __future__ import annotations

import threading
import time

from feed_text import rss


def test_a_refresh_of_a_trickling_feed_ends_with_a_message(make_window, feed_server, qtbot):
    url = feed_server.add("/feed", rss("Trickle", ["a"]), trickle_s=0.2)
    app = make_window()
    app.jobs.fetch_deadline_s = 1.0  # a minute in the app
    with qtbot.waitSignal(app.jobs.batch_finished, timeout=6000) as blocker:
        app.jobs.subscribe(url)
    summary, failures, _manual = blocker.args
    assert "1 failed" in summary
    assert len(failures) == 1 and "took longer than 1 seconds" in failures[0] and url in failures[0]
    assert not app.jobs.busy()


def test_quitting_during_a_refresh_stops_the_fetch_at_once(make_window, feed_server, qtbot):
    url = feed_server.add("/feed", rss("Trickle", ["a", "b"]), trickle_s=0.5)
    app = make_window()
    app.jobs.subscribe(url)
    qtbot.waitUntil(lambda: bool(feed_server.hits("/feed")), timeout=5000)
    time.sleep(0.2)  # the worker is blocked in a read, waiting for the next byte
    started = time.monotonic()
    app.window.close()
    app.jobs.shutdown()  # what quitting runs (CompanionApp.shutdown)
    assert time.monotonic() - started < 1.5
    assert app.jobs.runner.wait(0)  # the fetch itself ended, it was not left behind
    assert not [t for t in threading.enumerate() if t.name in ("companion-worker", "fetch-deadline")]
    assert app.library.podcasts() == [p for p in app.library.podcasts() if p.feed_url != url]
