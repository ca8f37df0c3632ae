"""Where playing can go wrong: chapters past the end of the audio, a stream that breaks off, a download
deleted behind the app's back, an added file's length. Real window, real VLC, a real HTTP server."""

from __future__ import annotations

import pytest
from listening.server import AudioServer
from PySide6.QtCore import Qt

from companion.domain import PlaybackState
from companion.services.episodes import add_local_episode
from companion.services.tones import write_tone_wav


@pytest.fixture
def audio_server():
    server = AudioServer()
    yield server
    server.stop()


LONGER_CUT = "00:00 开场 Opening 00:05 第二段 Middle 01:40 加长版 Extended cut 02:30 彩蛋 Outtakes"


def _click_chapter(qtbot, window, index: int) -> None:
    view = window.chapter_view
    qtbot.waitUntil(lambda: len(view.chapter_items()) > index, timeout=5000)
    rect = view.visualItemRect(view.chapter_items()[index])
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _message(app) -> str:
    label = app.window.player_bar.message_label
    return label.text() if label.isVisible() else ""


def test_chapters_past_the_end_of_an_added_file_are_marked_and_refused(make_window, library, tmp_path, qtbot):
    audio = write_tone_wav(tmp_path / "short.wav", [(30, 330), (30, 440)])  # a minute; notes say 2:30
    episode = add_local_episode(library, str(audio), "短版 Short cut", LONGER_CUT)
    assert episode.audio_length_ms == 60_000  # known when added, not after playing
    nxt = add_local_episode(library, str(audio), "Next up", "")
    library.queue_add(nxt.id)
    app = make_window()
    window = app.window
    window.select_episode(episode.id)
    items = window.chapter_view.chapter_items()
    assert [i.text(1) for i in items] == ["0:00", "0:05", "1:40 · past the end", "2:30 · past the end"]
    # not playing yet: a click on a chapter past the end says so and loads nothing
    _click_chapter(qtbot, window, 2)
    qtbot.waitUntil(lambda: "past the end" in _message(app), timeout=3000)
    assert app.controller.episode is None or app.controller.episode.id != episode.id
    # playing: the same click says so, and playing goes on where it was
    _click_chapter(qtbot, window, 1)
    qtbot.waitUntil(lambda: app.controller.state() == PlaybackState.PLAYING, timeout=5000)
    qtbot.waitUntil(lambda: app.controller.position_ms() >= 5_200, timeout=5000)
    _click_chapter(qtbot, window, 3)
    qtbot.waitUntil(lambda: "past the end" in _message(app), timeout=3000)
    assert "2:30" in _message(app) and "1:00" in _message(app)
    qtbot.wait(400)
    assert 5_000 <= app.backend.position_ms() <= 9_000
    assert app.controller.state() == PlaybackState.PLAYING
    stored = library.episode(episode.id)
    assert stored.played_at is None and stored.position_ms < 10_000
    assert library.queue_ids() == [nxt.id]
    # Bookmark this moment on a chapter past the end: refused, nothing stored
    assert not library.bookmarks(episode_id=episode.id)


def test_a_feed_that_claims_a_longer_episode_is_caught_when_vlc_opens_it(
    make_window, library, tmp_path, qtbot
):
    audio = write_tone_wav(tmp_path / "feed.wav", [(60, 330)])
    podcast = library.add_podcast("Feed", feed_url="https://example.org/f.xml")
    episode = library.add_episode(
        podcast.id, "Claims 3 minutes", audio_path=str(audio), notes=LONGER_CUT, duration_ms=180_000
    )
    library.save_position(episode.id, 12_000)
    nxt = library.add_episode(podcast.id, "After it", audio_path=str(audio))
    library.queue_add(nxt.id)
    app = make_window()
    app.window.select_episode(episode.id)
    _click_chapter(qtbot, app.window, 3)  # 2:30: the feed says it exists; the audio ends at 1:00
    qtbot.waitUntil(lambda: "past the end" in _message(app), timeout=5000)
    qtbot.wait(500)
    stored = library.episode(episode.id)
    assert stored.played_at is None  # not taken for the end of the episode
    assert stored.position_ms == 12_000  # the place the listener left is kept
    assert stored.audio_length_ms == 60_000  # VLC told the real length
    assert app.controller.episode.id == episode.id  # the next in Up Next did not start
    assert library.queue_ids() == [nxt.id]
    items = app.window.chapter_view.chapter_items()
    assert items[3].text(1).endswith("past the end")


def test_a_stream_that_breaks_off_keeps_its_place_and_says_so(
    make_window, library, tmp_path, qtbot, audio_server
):
    audio = write_tone_wav(tmp_path / "stream.wav", [(20, 330), (20, 440), (20, 550)])  # 16 KB a second
    url = audio_server.serve("stream.wav", audio, cut_at=64_000)  # about 4 s in, the connection drops
    podcast = library.add_podcast("Streams", feed_url="https://example.org/s.xml")
    episode = library.add_episode(podcast.id, "Breaks off", audio_url=url, duration_ms=60_000)
    nxt = library.add_episode(podcast.id, "Queued after", audio_url=url)
    library.queue_add(episode.id)
    library.queue_add(nxt.id)
    app = make_window()
    app.controller.play_episode(episode.id)
    qtbot.waitUntil(lambda: "broke off" in _message(app), timeout=15_000)
    stored = library.episode(episode.id)
    assert stored.played_at is None
    assert 2_500 <= stored.position_ms <= 5_000  # where the audio stopped, not 0 and not the end
    assert library.queue_ids() == [episode.id, nxt.id]  # still in Up Next, nothing advanced
    assert app.controller.episode.id == episode.id


def test_a_deleted_download_falls_back_to_the_enclosure(make_window, library, tmp_path, qtbot, audio_server):
    audio = write_tone_wav(tmp_path / "ep.wav", [(20, 330)])
    url = audio_server.serve("ep.wav", audio)
    podcast = library.add_podcast("Downloads", feed_url="https://example.org/d.xml")
    episode = library.add_episode(podcast.id, "Downloaded once", audio_url=url)
    gone = tmp_path / "media" / "gone.wav"
    library.set_download(episode.id, str(gone))  # the file was removed behind the app's back
    app = make_window()
    app.controller.play_episode(episode.id, 3_000)
    qtbot.waitUntil(lambda: app.controller.state() == PlaybackState.PLAYING, timeout=5000)
    assert "gone" in _message(app) and "web" in _message(app)
    assert app.backend.media == url
    assert library.episode(episode.id).downloaded_at is None


def test_a_feed_address_that_is_not_http_is_never_opened(make_window, library, tmp_path, qtbot):
    secret = tmp_path / "id_rsa"
    secret.write_text("not for a player")
    podcast = library.add_podcast("Hostile", feed_url="https://example.org/h.xml")
    episode = library.add_episode(podcast.id, "Reads your keys", audio_url=f"file://{secret}")
    app = make_window()
    app.controller.play_episode(episode.id, 0)
    qtbot.waitUntil(lambda: _message(app) != "", timeout=3000)
    assert app.backend.media is None
    assert "file" in _message(app)


def test_a_read_only_library_still_plays_and_says_what_is_not_saved(library_path, tmp_path, qtbot):
    from disks import read_only

    from companion.app import CompanionApp
    from companion.library import Library

    audio = write_tone_wav(tmp_path / "ro.wav", [(30, 330)])
    lib = Library(library_path)
    podcast = lib.add_podcast("Read only", feed_url="https://example.org/ro.xml")
    episode = lib.add_episode(podcast.id, "Listen anyway", audio_path=str(audio), notes=LONGER_CUT)
    lib.close()
    with read_only(library_path):
        library = Library(library_path)
        assert library.read_only
        app = CompanionApp(library, ["--aout=dummy"])
        qtbot.addWidget(app.window)
        app.window.show()
        app.window.select_episode(episode.id)
        _click_chapter(qtbot, app.window, 1)
        qtbot.waitUntil(lambda: app.controller.state() == PlaybackState.PLAYING, timeout=5000)
        qtbot.waitUntil(lambda: "read-only" in _message(app), timeout=3000)
        app.controller.pause()
        app.shutdown()
