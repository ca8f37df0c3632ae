"""Downloads from the 127.0.0.1 server: Range resume, cancel, size mismatch, 404, safe names, disk."""

from __future__ import annotations

import errno
import threading
from pathlib import Path

import pytest

from companion.feeds import DownloadCancelled, FeedError, download_episode_file, download_path, safe_filename
from companion.feeds.download import _disk_error
from companion.library import media_dir
from companion.services import delete_download, download_episode

AUDIO = bytes(range(256)) * 1024  # 256 KB


def test_download_whole_file_with_progress(feed_server, tmp_path):
    url = feed_server.add("/a.mp3", AUDIO, content_type="audio/mpeg")
    seen = []
    dest = download_episode_file(url, tmp_path / "a.mp3", lambda done, total: seen.append((done, total)))
    assert dest.read_bytes() == AUDIO
    assert seen[-1] == (len(AUDIO), len(AUDIO))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert not (tmp_path / "a.mp3.part").exists()


def test_resume_with_range_after_the_server_cuts_the_first_attempt(feed_server, tmp_path):
    url = feed_server.add("/a.mp3", AUDIO, content_type="audio/mpeg", cut_at=100_000, cuts_left=1)
    dest = download_episode_file(url, tmp_path / "a.mp3")
    assert dest.read_bytes() == AUDIO
    first, second = feed_server.hits("/a.mp3")
    assert "Range" not in first.headers and first.status == 200
    assert second.headers["Range"] == "bytes=100000-" and second.status == 206


def test_interrupted_every_time_keeps_the_part_and_resumes_on_the_next_call(feed_server, tmp_path):
    url = feed_server.add("/a.mp3", AUDIO, cut_at=50_000, cuts_left=2)
    with pytest.raises(FeedError, match=r"broke off at 50000 of 262144 bytes") as info:
        download_episode_file(url, tmp_path / "a.mp3", attempts=2, name="Episode 7")
    assert "Episode 7" in str(info.value)
    assert not (tmp_path / "a.mp3").exists()
    assert (tmp_path / "a.mp3.part").stat().st_size == 50_000
    dest = download_episode_file(url, tmp_path / "a.mp3")
    assert dest.read_bytes() == AUDIO
    assert feed_server.hits("/a.mp3")[-1].headers["Range"] == "bytes=50000-"


def test_server_without_range_support_restarts_from_zero(feed_server, tmp_path):
    url = feed_server.add("/a.mp3", AUDIO, ranges=False)
    (tmp_path / "a.mp3.part").write_bytes(b"stale bytes")
    assert download_episode_file(url, tmp_path / "a.mp3").read_bytes() == AUDIO


def test_part_already_complete_gets_416_and_is_kept(feed_server, tmp_path):
    url = feed_server.add("/a.mp3", AUDIO)
    (tmp_path / "a.mp3.part").write_bytes(AUDIO)
    assert download_episode_file(url, tmp_path / "a.mp3").read_bytes() == AUDIO
    assert feed_server.hits("/a.mp3")[-1].status == 416


def test_part_longer_than_the_file_is_started_again(feed_server, tmp_path):
    url = feed_server.add("/a.mp3", AUDIO)
    (tmp_path / "a.mp3.part").write_bytes(AUDIO + b"extra")
    assert download_episode_file(url, tmp_path / "a.mp3").read_bytes() == AUDIO


def test_cancel_removes_the_partial_file(feed_server, tmp_path):
    url = feed_server.add("/a.mp3", AUDIO)
    cancel = threading.Event()

    def progress(done, total):
        if done >= 64 * 1024:
            cancel.set()

    with pytest.raises(DownloadCancelled, match="cancelled"):
        download_episode_file(url, tmp_path / "a.mp3", progress, cancel)
    assert list(tmp_path.iterdir()) == []


def test_404_names_the_episode(feed_server, tmp_path):
    with pytest.raises(FeedError, match=r"“Lost episode”.*answered 404"):
        download_episode_file(feed_server.url("/gone.mp3"), tmp_path / "x.mp3", name="Lost episode")
    assert list(tmp_path.iterdir()) == []


def test_size_mismatch_is_not_renamed(feed_server, tmp_path):
    # the server announces the full size but always stops short: never renamed to the final name
    url = feed_server.add("/a.mp3", AUDIO, cut_at=len(AUDIO) - 10, cuts_left=99)
    with pytest.raises(FeedError, match=f"at {len(AUDIO) - 10} of {len(AUDIO)} bytes"):
        download_episode_file(url, tmp_path / "a.mp3")
    assert not (tmp_path / "a.mp3").exists()


@pytest.mark.parametrize(
    ("stem", "url", "expected"),
    [
        ("../../etc/passwd", "https://x/a.mp3", "etc passwd.mp3"),
        ("ab12cd34-7", "https://x/ep.m4a?x=1", "ab12cd34-7.m4a"),
        ("...", "https://x/../../etc/passwd", "episode.mp3"),
        ("ab12cd34-7", "https://x/%2E%2E%2Fsecret.ogg", "ab12cd34-7.ogg"),
        ("t", "https://x/file.exe%00.mp3", "t.mp3"),
        ("a\x00b\nc", "https://x/noext", "a b c.mp3"),
    ],
)
def test_safe_filenames(stem, url, expected):
    assert safe_filename(stem, url) == expected


def test_download_path_stays_in_the_media_dir(tmp_path):
    base = tmp_path / "media"
    for stem, url in [("../../etc/passwd", "https://x/../../a.mp3"), ("/abs/path", "file:///etc/passwd")]:
        path = download_path(base, stem, url)
        assert path.parent == base.resolve()


def test_disk_full_message(tmp_path):
    error = _disk_error(OSError(errno.ENOSPC, "No space left on device"), tmp_path / "a.mp3", "“Ep”")
    assert "disk holding" in str(error) and "is full" in str(error) and "“Ep”" in str(error)


def test_unwritable_dir_is_reported(feed_server, tmp_path):
    url = feed_server.add("/a.mp3", AUDIO)
    blocker = tmp_path / "file"
    blocker.write_text("not a dir")
    with pytest.raises(FeedError, match="Could not download"):
        download_episode_file(url, blocker / "a.mp3")


def test_download_episode_records_the_file_and_delete_forgets_it(library, feed_server):
    url = feed_server.add("/audio/ep.mp3", AUDIO, content_type="audio/mpeg")
    podcast = library.add_podcast("Show", feed_url=feed_server.url("/feed.xml"))
    episode = library.add_episode(podcast.id, "../../etc/passwd", audio_url=url)
    path = download_episode(library, episode.id)
    assert path.parent == media_dir(library.path)
    assert path.read_bytes() == AUDIO
    stored = library.episode(episode.id)
    assert stored.audio_path == str(path) and stored.media == str(path)
    assert stored.downloaded_at is not None
    assert delete_download(library, episode.id)
    assert not path.exists()
    stored = library.episode(episode.id)
    assert stored.audio_path is None and stored.media == url


def test_delete_download_leaves_files_added_by_hand(library, tmp_path):
    own = tmp_path / "mine.wav"
    own.write_bytes(b"RIFF")
    podcast = library.local_podcast()
    episode = library.add_episode(podcast.id, "Mine", audio_path=str(own))
    with pytest.raises(Exception, match="added by hand"):
        delete_download(library, episode.id)
    assert own.exists()
    assert Path(library.episode(episode.id).audio_path) == own
