"""Downloads from hostile servers: documents as audio, lying lengths, endless bodies, stalls, full
disks, cancels in a stuck read; and stable file names with nothing left that no episode owns."""

from __future__ import annotations

import shutil
import threading
import time

import pytest

from companion.feeds import DownloadCancelled, FeedError, download_episode_file
from companion.feeds.deadline import Cancel
from companion.feeds.download import DownloadLimits
from companion.library import media_dir
from companion.library.media_files import download_tag
from companion.library.unsubscribe import unsubscribe
from companion.services import download_episode

AUDIO = b"ID3\x04\x00" + bytes(range(256)) * 1024  # 256 KB that start like an MP3
PAGE = b"<!DOCTYPE html><html><head><title>Sign in</title></head><body>" + b"x" * 5000 + b"</body></html>"


def episode_of(library, url: str, title: str = "Ep"):
    podcast = library.add_podcast("Show", feed_url="https://example.org/feed.xml")
    return library.add_episode(podcast.id, title, audio_url=url)


# ----- what the server sends ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (PAGE, "text/html; charset=utf-8", r"it is a web page \(text/html\), not audio"),
        (PAGE, "audio/mpeg", r"it is a web page \(audio/mpeg\), not audio"),
        (b'{"error": "expired token"}', "application/json", r"it is a document \(application/json\)"),
        (b"<?xml version='1.0'?><Error>Denied</Error>", "application/xml", "it is a document"),
        (b"Not found\n", "text/plain", r"it is a document \(text/plain\)"),
    ],
)
def test_a_document_served_as_the_audio_is_refused_and_not_marked_downloaded(
    library, feed_server, body, content_type, message
):
    url = feed_server.add("/ep.mp3", body, content_type=content_type)
    episode = episode_of(library, url)
    with pytest.raises(FeedError, match=message):
        download_episode(library, episode.id)
    stored = library.episode(episode.id)
    assert stored.downloaded_at is None and stored.audio_path is None
    assert [p.name for p in media_dir(library.path).iterdir()] == []


def test_audio_the_server_calls_html_is_still_audio(feed_server, tmp_path):
    url = feed_server.add("/ep.mp3", AUDIO, content_type="text/html")
    assert download_episode_file(url, tmp_path / "a.mp3").read_bytes() == AUDIO


def test_a_content_length_shorter_than_the_file_is_not_taken_as_complete(feed_server, tmp_path):
    url = feed_server.add("/ep.mp3", AUDIO, content_type="audio/mpeg", content_length=100_000)
    assert download_episode_file(url, tmp_path / "a.mp3").read_bytes() == AUDIO
    hits = feed_server.hits("/ep.mp3")
    assert [h.status for h in hits] == [200, 206]  # asked past the announced end: the rest came
    assert hits[1].headers["Range"] == "bytes=100000-"


def test_a_whole_download_is_confirmed_by_one_request_past_its_end(feed_server, tmp_path):
    url = feed_server.add("/ep.mp3", AUDIO, content_type="audio/mpeg")
    download_episode_file(url, tmp_path / "a.mp3")
    hits = feed_server.hits("/ep.mp3")
    assert [h.status for h in hits] == [200, 416]
    assert hits[1].headers["Range"] == f"bytes={len(AUDIO)}-"


def test_a_body_shorter_than_its_content_length_keeps_the_part(feed_server, tmp_path):
    url = feed_server.add("/ep.mp3", AUDIO, chunked=False, cut_at=70_000, cuts_left=10)
    with pytest.raises(FeedError, match=f"broke off at 70000 of {len(AUDIO)} bytes"):
        download_episode_file(url, tmp_path / "a.mp3", attempts=2)
    assert not (tmp_path / "a.mp3").exists()
    assert (tmp_path / "a.mp3.part").stat().st_size == 70_000


def test_an_enclosure_that_never_ends_stops_at_the_cap(feed_server, tmp_path):
    url = feed_server.add("/live.mp3", AUDIO, content_type="audio/mpeg", endless=True)
    limits = DownloadLimits(max_bytes=2 * 2**20)
    started = time.monotonic()
    with pytest.raises(FeedError, match="it is larger than 2 MB .* Nothing was kept"):
        download_episode_file(url, tmp_path / "a.mp3", limits=limits)
    assert time.monotonic() - started < 10
    assert list(tmp_path.iterdir()) == []


def test_a_length_past_the_cap_is_refused_before_anything_is_written(feed_server, tmp_path):
    url = feed_server.add("/big.mp3", AUDIO, content_type="audio/mpeg")
    with pytest.raises(FeedError, match="the server says it is 0 MB, more than the 0 MB"):
        download_episode_file(url, tmp_path / "a.mp3", limits=DownloadLimits(max_bytes=1000))
    assert list(tmp_path.iterdir()) == []


def test_a_download_that_would_fill_the_disk_is_refused_and_says_how_much_is_free(feed_server, tmp_path):
    url = feed_server.add("/ep.mp3", AUDIO, content_type="audio/mpeg")
    free = shutil.disk_usage(tmp_path).free
    limits = DownloadLimits(min_free_bytes=free + 2**30)  # as if the disk were nearly full
    with pytest.raises(FeedError, match=f"the disk holding {tmp_path} has .* free, and .* are kept free"):
        download_episode_file(url, tmp_path / "a.mp3", limits=limits)
    assert not (tmp_path / "a.mp3").exists()


# ----- slow and stuck servers --------------------------------------------------------------------


def test_a_download_that_stalls_stops_and_keeps_what_arrived(feed_server, tmp_path):
    url = feed_server.add("/ep.mp3", AUDIO, content_type="audio/mpeg", trickle_s=0.02)
    limits = DownloadLimits(stall_s=0.6, stall_bytes=4096)
    started = time.monotonic()
    with pytest.raises(FeedError, match=r"it stalled \(less than 4 KB in 0.6 s\) at \d+ of 262149 bytes"):
        download_episode_file(url, tmp_path / "a.mp3", attempts=2, limits=limits)
    assert time.monotonic() - started < 5
    assert 0 < (tmp_path / "a.mp3.part").stat().st_size < len(AUDIO)


def test_headers_that_trickle_stop_at_their_deadline(feed_server, tmp_path):
    url = feed_server.add("/ep.mp3", AUDIO, trickle_s=0.1, trickle_headers=True)
    with pytest.raises(FeedError, match=r"took longer than 1 seconds"):
        download_episode_file(url, tmp_path / "a.mp3", limits=DownloadLimits(headers_s=1))


def test_cancel_ends_a_download_stuck_in_a_read_at_once(feed_server, tmp_path):
    url = feed_server.add("/ep.mp3", AUDIO, content_type="audio/mpeg", trickle_s=1.0)
    cancel = Cancel()
    outcome: list[BaseException] = []

    def work() -> None:
        try:
            download_episode_file(url, tmp_path / "a.mp3", cancel=cancel)
        except BaseException as exc:  # noqa: BLE001
            outcome.append(exc)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    while not (tmp_path / "a.mp3.part").exists():
        time.sleep(0.01)
    time.sleep(0.3)
    stopped = time.monotonic()
    cancel.set()
    thread.join(3)
    assert time.monotonic() - stopped < 0.5
    assert isinstance(outcome[0], DownloadCancelled)
    assert list(tmp_path.iterdir()) == []


# ----- stable names, nothing left over -----------------------------------------------------------


def test_a_download_is_named_by_the_episode_not_its_title(library, feed_server):
    url = feed_server.add("/audio/ep.mp3", AUDIO, content_type="audio/mpeg")
    episode = episode_of(library, url, "First title")
    tag = download_tag(library)
    path = download_episode(library, episode.id)
    assert path.name == f"{tag}-{episode.id}.mp3"
    library.db.conn.execute(
        "UPDATE episodes SET title = 'Renamed by the publisher' WHERE id = ?", [episode.id]
    )
    assert download_episode(library, episode.id) == path  # downloaded again: the same file
    assert [p.name for p in media_dir(library.path).iterdir()] == [path.name]


def test_a_title_change_does_not_orphan_a_partial_download(library, feed_server):
    url = feed_server.add("/ep.mp3", AUDIO, content_type="audio/mpeg", cut_at=100_000, cuts_left=1)
    episode = episode_of(library, url, "Before")
    with pytest.raises(FeedError, match="broke off"):
        download_episode_file(url, _plan_dest(library, episode.id), attempts=1)
    library.db.conn.execute("UPDATE episodes SET title = 'After' WHERE id = ?", [episode.id])
    path = download_episode(library, episode.id)  # resumes the same part
    assert path.read_bytes() == AUDIO
    assert feed_server.hits("/ep.mp3")[1].headers["Range"] == "bytes=100000-"
    assert [p.name for p in media_dir(library.path).iterdir()] == [path.name]


def _plan_dest(library, episode_id):
    from companion.services.episodes import plan_download

    return plan_download(library, episode_id).dest


def test_files_no_episode_owns_are_removed_and_others_kept(library, feed_server):
    url = feed_server.add("/ep.mp3", AUDIO, content_type="audio/mpeg")
    keep_ep = episode_of(library, url, "Resumable")
    gone_ep = episode_of(library, url, "Deleted")
    moved_ep = episode_of(library, url, "Enclosure changed type")
    tag = download_tag(library)
    media = media_dir(library.path)
    media.mkdir(parents=True, exist_ok=True)
    resumable = media / f"{tag}-{keep_ep.id}.mp3.part"
    resumable.write_bytes(b"half")
    deleted = media / f"{tag}-{gone_ep.id}.mp3.part"
    deleted.write_bytes(b"half")
    other_library = media / f"0badc0de-{gone_ep.id}.mp3"
    other_library.write_bytes(b"another library's")
    (media / "demo").mkdir()
    library.delete_episode(gone_ep.id)
    old = media / f"{tag}-{moved_ep.id}.ogg"
    old.write_bytes(b"old")
    library.set_download(moved_ep.id, str(old))
    library.db.conn.execute("UPDATE episodes SET audio_url = ? WHERE id = ?", [url, moved_ep.id])
    path = download_episode(library, moved_ep.id)  # now an .mp3: the .ogg goes once this is recorded
    assert sorted(p.name for p in media.iterdir()) == sorted(
        [resumable.name, other_library.name, "demo", path.name]
    )


def test_unsubscribing_removes_partial_downloads_too(library, feed_server):
    url = feed_server.add("/ep.mp3", AUDIO, content_type="audio/mpeg", cut_at=50_000, cuts_left=1)
    episode = episode_of(library, url)
    with pytest.raises(FeedError):
        download_episode_file(url, _plan_dest(library, episode.id), attempts=1)
    assert len(list(media_dir(library.path).iterdir())) == 1
    unsubscribe(library, episode.podcast_id)
    assert list(media_dir(library.path).iterdir()) == []


def test_a_file_downloaded_under_an_old_name_goes_when_downloaded_again(library, feed_server):
    url = feed_server.add("/ep.mp3", AUDIO, content_type="audio/mpeg")
    episode = episode_of(library, url, "New title")
    media = media_dir(library.path)
    media.mkdir(parents=True)
    legacy = media / f"{episode.id}-Old title.mp3"  # how earlier versions named it, before a title change
    legacy.write_bytes(AUDIO)
    library.set_download(episode.id, str(legacy))
    path = download_episode(library, episode.id)
    assert [p.name for p in media.iterdir()] == [path.name]
    assert library.episode(episode.id).audio_path == str(path)
