"""Covers in the real window: the episode pane and the player bar show the cached copy (fetched in a
worker after the feed is stored), the placeholder before it and for a broken image; the CoverCache."""

from __future__ import annotations

import threading

from cover_images import FEED, HTML, image_bytes
from PySide6.QtGui import QColor

from companion.ui.widgets.covers import PLACEHOLDER_BACKGROUND, CoverCache


def _colour_at_centre(label) -> QColor:
    image = label.pixmap().toImage()
    return image.pixelColor(image.width() * 3 // 4, image.height() * 3 // 4)


def _is_red(colour: QColor) -> bool:
    return colour.red() > 150 and colour.green() < 90 and colour.blue() < 90


def _subscribe(qtbot, window, url: str) -> int:
    with qtbot.waitSignal(window.jobs.batch_finished, timeout=15_000):
        window.jobs.subscribe(url)
    (podcast,) = window.library.subscriptions()
    return podcast.id


def test_the_window_shows_the_cover_in_the_episode_pane_and_the_player_bar(
    qtbot, make_window, feed_server, tone_wav
):
    feed_server.add("/cover.jpg", image_bytes("JPEG"), content_type="image/jpeg", etag='"v1"')
    feed_server.add("/one.png", image_bytes("PNG", size=(300, 300)), content_type="image/png")
    app = make_window()
    window = app.window
    window.jobs.covers.start()  # what start_background_work does after the first paint
    stored = []
    window.jobs.covers.cover_stored.connect(stored.append)
    gui_thread = threading.get_ident()
    fetched_on = []
    original = window.jobs.covers._fetch_one
    window.jobs.covers._fetch_one = lambda job: fetched_on.append(threading.get_ident()) or original(job)
    podcast_id = _subscribe(qtbot, window, feed_server.add("/feed.xml", FEED))
    qtbot.waitUntil(lambda: feed_server.url("/cover.jpg") in stored, timeout=15_000)
    assert fetched_on and gui_thread not in fetched_on  # decoded in a worker, never on the GUI thread
    one, two = sorted(window.library.episode_ids(podcast_id=podcast_id))
    window.library.set_audio_path(two, str(tone_wav))
    window.select_episode(two)  # no image of its own: its podcast's
    shown = window.episode_cover
    qtbot.waitUntil(
        lambda: shown.isVisible() and not window.covers.is_placeholder(shown.pixmap()), timeout=5000
    )
    assert _is_red(_colour_at_centre(window.episode_cover))
    window.select_episode(one)  # its own image, asked for when first shown, arrives in a worker
    qtbot.waitUntil(lambda: feed_server.url("/one.png") in stored, timeout=15_000)
    assert window.library.episode_cover_path(one) != window.library.cover_path(podcast_id)
    own = str(window.library.episode_cover_path(one))
    qtbot.waitUntil(
        lambda: shown.pixmap().cacheKey() == window.covers.pixmap(own, 96).cacheKey(), timeout=5000
    )
    assert _is_red(_colour_at_centre(window.episode_cover))
    app.controller.play_episode(two, 0)
    bar = window.player_bar.cover_label
    qtbot.waitUntil(bar.isVisible, timeout=5000)
    assert bar.width() <= 48 and not window.covers.is_placeholder(bar.pixmap())
    assert _is_red(_colour_at_centre(bar))
    assert feed_server.hits("/notes.png") == []  # nothing in the show notes is fetched


def test_a_broken_cover_leaves_the_placeholder(qtbot, make_window, feed_server):
    feed_server.add("/cover.jpg", HTML, content_type="image/jpeg")
    app = make_window()
    window = app.window
    podcast_id = _subscribe(qtbot, window, feed_server.add("/feed.xml", FEED))
    url = feed_server.url("/cover.jpg")
    qtbot.waitUntil(lambda: (window.library.cover_state(url) or None) is not None, timeout=15_000)
    assert "is not an image" in window.library.cover_state(url).error
    episode = max(window.library.episode_ids(podcast_id=podcast_id))
    window.select_episode(episode)
    assert window.covers.is_placeholder(window.episode_cover.pixmap())
    image = window.episode_cover.pixmap().toImage()
    assert image.pixelColor(image.width() // 10, image.height() // 2) == PLACEHOLDER_BACKGROUND


class _Lookup:
    def __init__(self, paths):
        self.paths = paths
        self.asked = 0

    def cover_path(self, podcast_id):
        self.asked += 1
        return self.paths.get(podcast_id)

    def episode_cover_path(self, episode_id):
        return None


def test_the_cover_cache_loads_lazily_keeps_a_few_and_tells_of_new_covers(qtbot, tmp_path):
    paths = {}
    for index in range(4):
        path = tmp_path / f"{index}.jpg"
        path.write_bytes(image_bytes("JPEG", size=(600, 600)))
        paths[index] = path
    lookup = _Lookup(paths)
    cache = CoverCache(lookup, capacity=2)
    assert cache.loads == 0  # nothing is read before a view asks
    first = cache.podcast_pixmap(0, 64)
    assert first.width() == 64 and not cache.is_placeholder(first)
    assert cache.podcast_pixmap(0, 64).cacheKey() == first.cacheKey()
    assert (cache.loads, lookup.asked) == (1, 1)  # one read, one lookup, however often it is painted
    cache.podcast_pixmap(0, 32)
    cache.podcast_pixmap(1, 64)
    cache.podcast_pixmap(2, 64)
    assert cache.loads == 4
    cache.podcast_pixmap(0, 64)  # evicted (the cache keeps two): read again
    assert cache.loads == 5
    assert cache.is_placeholder(cache.podcast_pixmap(99, 64))
    (tmp_path / "broken.jpg").write_bytes(b"not an image")
    assert cache.is_placeholder(cache.pixmap(tmp_path / "broken.jpg", 64))
    with qtbot.waitSignal(cache.changed, timeout=1000):
        cache.invalidate("https://example.org/new.jpg")
    cache.podcast_pixmap(0, 64)
    assert lookup.asked == 5  # looked up again after a new cover


def test_the_window_paints_first_without_loading_the_cover_code(tmp_path):
    """The cover code loads after the first paint (start_background_work), Pillow with the first decode
    (in a worker), neither before:
    start-up stays as fast as without covers. A real second process, so nothing is imported already."""
    import subprocess
    import sys

    from companion.library import Library

    path = tmp_path / "library.db"
    library = Library(path)
    # port 9 on this machine refuses: the fetch started after the paint fails at once, going nowhere
    podcast = library.add_podcast("Art", "https://x.test/a.xml", image_url="http://127.0.0.1:9/a.jpg")
    library.add_episode(podcast.id, "One", audio_url="https://x.test/1.mp3")
    library.set_setting("demo_created", "1")
    library.close()
    code = (
        "import sys; from PySide6.QtWidgets import QApplication; app = QApplication(['x']);"
        "from companion.app import CompanionApp; from companion.library import Library;"
        f"c = CompanionApp(Library({str(path)!r}), ['--aout=dummy']); c.window.show(); app.processEvents();"
        "names = ('PIL', 'companion.feeds.covers', 'companion.services.covers');"
        "print(sorted(m for m in names if m in sys.modules));"
        "c.window.jobs.covers.start(); print('companion.services.covers' in sys.modules); c.shutdown()"
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "DBUS_SESSION_BUS_ADDRESS": "", "PATH": "/usr/bin:/bin"}
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.split() == ["[]", "True"]
