"""Only http(s) audio from feeds is ever opened; a local file only where the listener chose it."""

from __future__ import annotations

import pytest

from companion.domain import Episode, safe_media, web_url_problem
from companion.feeds import FeedError
from companion.playback.controller import PlaybackController
from companion.services import add_local_episode

REFUSED = [
    "file:///home/you/.ssh/id_rsa",
    "FILE:///etc/passwd",
    "ftp://ftp.example.org/a.mp3",
    "javascript:alert(1)",
    "http://javascript:alert(1)/",
    "http://cdn.example.org:abc/a.mp3",
    "http://[::1/x.mp3",
    "smb://host/share/a.mp3",
    "http:///a.mp3",
    "http://cdn.example.org/a b.mp3",
]


@pytest.mark.parametrize("url", REFUSED)
def test_a_feed_address_that_is_not_http_is_never_media(url):
    episode = Episode(1, 1, "g", "Hostile", audio_url=url)
    media, message = safe_media(episode)
    assert media is None and episode.media is None
    assert "“Hostile” is not played" in message and "only http and https" in message
    assert web_url_problem(url)


def test_http_addresses_and_chosen_files_are_media():
    assert Episode(1, 1, "g", "t", audio_url=" https://cdn.example.org/a.mp3 ").media == (
        "https://cdn.example.org/a.mp3"
    )
    assert Episode(1, 1, "g", "t", audio_url="http://[::1]:8080/a.mp3").media == "http://[::1]:8080/a.mp3"
    chosen = Episode(1, 1, "g", "t", audio_url="file:///x", audio_path="/home/you/a.mp3")
    assert chosen.media == "/home/you/a.mp3"  # the file wins; the address is not opened
    assert safe_media(Episode(1, 1, "g", "Silent")) == (None, "“Silent” has no audio file or URL.")


def test_the_player_never_opens_a_file_address_a_feed_named(library, vlc_backend, tmp_path, qtbot):
    canary = tmp_path / "id_rsa"
    canary.write_text("secret")
    podcast = library.add_podcast("Hostile", feed_url="https://example.org/feed.xml")
    # as a library written before the feed check holds it
    episode = library.add_episode(podcast.id, "Reads your key", audio_url=canary.as_uri())
    controller = PlaybackController(library, vlc_backend)
    try:
        with qtbot.waitSignal(controller.error_changed, timeout=3000):
            controller.play_episode(episode.id, 0)
        assert vlc_backend.media is None
    finally:
        controller.shutdown()


def test_add_episode_takes_a_file_address_as_the_listeners_own_file(library, tone_wav, table_rows):
    episode = add_local_episode(library, tone_wav.as_uri(), "Mine")
    assert episode.audio_path == str(tone_wav) and episode.audio_url is None
    assert library.episode(episode.id).media == str(tone_wav)
    before = table_rows(library)
    for url in ("ftp://ftp.example.org/a.mp3", "http://cdn.example.org:abc/a.mp3"):
        with pytest.raises(FeedError, match="Unsupported address"):
            add_local_episode(library, url, "X")
    assert table_rows(library) == before
