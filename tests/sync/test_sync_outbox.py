"""The outbox and the judging of remote actions, on a real library file (no server needed)."""

from __future__ import annotations

import os
import time

import pytest

from companion import sync
from companion.cli.main import main as companion
from companion.library import Library
from companion.library.settings import store_settings
from companion.sync import outbox, remote, secrets
from companion.sync.protocol import EpisodeAction

FEED = "https://cast.example/feed.xml"


def _logged_in(library: Library) -> sync.SyncAccount:
    account = sync.SyncAccount("gpodder", "https://sync.example", "me", "podcast-companion-test", "Desk")
    store_settings(library, sync_account=account.to_json())
    return account


def _episodes(library: Library, count: int) -> list[int]:
    podcast = library.add_podcast("Cast", FEED)
    return [
        library.add_episode(podcast.id, f"Ep {i}", guid=f"g{i}", audio_url=f"https://cast.example/{i}.mp3",
                            duration_ms=3_600_000).id
        for i in range(count)
    ]  # fmt: skip


def _rows(library: Library) -> list[tuple]:
    return library.db.conn.execute(
        "SELECT kind, episode_id, started_ms, position_ms, total_ms FROM sync_outbox WHERE sent_at IS NULL"
        " ORDER BY id"
    ).fetchall()


def test_nothing_is_queued_without_an_account(library):
    (episode_id,) = _episodes(library, 1)
    library.save_position(episode_id, 5_000)
    local = library.add_episode(library.local_podcast().id, "Mine", audio_url="https://x.example/a.mp3")
    _logged_in(library)
    library.save_position(local.id, 9_000)  # not a subscription's episode: nothing to tell the server
    assert _rows(library) == []


def test_each_path_is_queued_with_its_change_and_plays_coalesce(library):
    _logged_in(library)
    first, second = _episodes(library, 2)
    for ms in (10_000, 20_000, 30_000):  # the player saves every 5 s: one pending play, its start kept
        library.save_position(first, ms)
    library.set_played(second, True)
    library.set_download(second, "/tmp/x.mp3")
    library.set_download(second, None)
    assert _rows(library) == [
        ("subscribe", None, None, None, None),
        ("play", first, 0, 30_000, 3_600_000),
        ("play", second, 0, 3_600_000, 3_600_000),
        ("download", second, None, 0, 3_600_000),
        ("delete", second, None, 0, 3_600_000),
    ]


def test_batches_hold_at_most_30_actions_and_one_play_per_episode(library):
    _logged_in(library)
    ids = _episodes(library, 35)
    for episode_id in ids:
        library.save_position(episode_id, 60_000)
    with library.db.atomic():  # a second pending play of one episode (say, written by an older version)
        library.db.conn.execute(
            "INSERT INTO sync_outbox (kind, podcast_url, episode_url, episode_id, position_ms, at)"
            " VALUES ('play', ?, ?, ?, 90000, ?)",
            [FEED, "https://cast.example/0.mp3", ids[0], int(time.time()) + 1],
        )
    out = outbox.outgoing(library)
    assert out.add == (FEED,) and [len(b) for b in out.batches] == [30, 6]
    plays = [a for a in out.batches[0] if a.episode.endswith("/0.mp3")]
    assert [a.position for a in plays] == [60]  # the first batch's own; the later one goes next
    assert sum(len(rows) for rows in out.batch_rows) == 36


def test_a_row_changed_while_it_was_sent_stays_pending(library):
    _logged_in(library)
    (episode_id,) = _episodes(library, 1)
    library.save_position(episode_id, 10_000)
    out = outbox.outgoing(library)
    library.save_position(episode_id, 15_000)  # the player saved again while the request was out
    assert outbox.mark_sent(library, out.batch_rows[0]) == 0
    assert _rows(library)[-1][3] == 15_000


def _remote(library: Library, episode: str, at: int, position: int, guid: str | None = None, kind="play"):
    action = EpisodeAction(FEED, episode, kind, at, guid, "phone", 0, position, 3600)
    assert remote.store_received(library, [action], "podcast-companion-test") == 1
    return remote.apply_received(library, playing=None)


def test_matching_newest_wins_and_no_echo(library):
    _logged_in(library)
    first, second = _episodes(library, 2)
    outbox.mark_sent(library, outbox.pending(library))
    now = int(time.time())
    # by guid; then by the audio address, normalised (https/http, host case)
    assert _remote(library, "https://elsewhere.example/moved.mp3", now - 100, 600, guid="g0").positions == 1
    assert library.episode(first).position_ms == 600_000
    assert _remote(library, "HTTP://CAST.example/1.mp3", now - 100, 3500).played == 1
    assert library.episode(second).played_at is not None and _rows(library) == []  # nothing sent back
    # an unsent local change newer than the remote one wins
    library.save_position(first, 700_000)
    assert _remote(library, "https://cast.example/0.mp3", now - 50, 100).older == 1
    assert library.episode(first).position_ms == 700_000
    # a remote one newer than the unsent local change wins, and the local one is not sent
    later = int(time.time()) + 60
    assert _remote(library, "https://cast.example/0.mp3", later, 1800).positions == 1
    assert library.episode(first).position_ms == 1_800_000 and _rows(library) == []
    assert _remote(library, "https://cast.example/1.mp3", later, 0, kind="new").unplayed == 1
    assert library.episode(second).played_at is None


def test_the_playing_episode_is_offered_not_moved(library):
    _logged_in(library)
    (episode_id,) = _episodes(library, 1)
    library.save_position(episode_id, 100_000)
    outbox.mark_sent(library, outbox.pending(library))
    action = EpisodeAction(
        FEED, "https://cast.example/0.mp3", "play", int(time.time()) + 5, "g0", "phone", 0, 2480
    )
    remote.store_received(library, [action], "podcast-companion-test")
    outcome = remote.apply_received(library, playing=episode_id)
    assert outcome.offers == (sync.Offer(episode_id, 2_480_000, "phone", action.at),)
    assert library.episode(episode_id).position_ms == 100_000


def test_position_and_mark_commands_are_queued(library_path, capsys):
    library = Library(library_path)
    _logged_in(library)
    (episode_id,) = _episodes(library, 1)
    library.close()
    lib = ["--library", str(library_path)]
    assert companion([*lib, "position", str(episode_id), "12:34"]) == 0
    assert companion([*lib, "mark", str(episode_id), "--played"]) == 0
    assert companion([*lib, "mark", str(episode_id), "--unplayed"]) == 0
    assert companion([*lib, "position", str(episode_id), "soon"]) == 1
    assert companion([*lib, "position", str(episode_id), "2:00:00"]) == 1
    err = capsys.readouterr().err
    assert "not a time: 'soon'" in err and "past the end" in err and "Traceback" not in err
    library = Library(library_path)
    assert [r[0] for r in _rows(library)] == ["subscribe", "play", "new"]
    assert library.db.conn.execute("SELECT position_ms FROM sync_outbox WHERE kind = 'play'").fetchone() == (
        3_600_000,
    )  # 12:34 was sent as a play too, then the mark replaced it (one pending play per episode)
    library.close()


def test_the_password_goes_to_a_private_file_when_no_secret_service_runs(tmp_path, monkeypatch):
    from listening.server import start_bus, stop_bus

    bus = start_bus()
    if bus is None:
        pytest.fail("dbus-daemon is missing (make test installs dbus)")
    address, pid = bus
    try:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        started = time.monotonic()
        assert not secrets.secret_service_running()  # a real bus, no one owns org.freedesktop.secrets
        where = secrets.store_password("https://sync.example", "me", "s3cret-pw")
        assert time.monotonic() - started < 5  # never hangs or prompts
    finally:
        stop_bus(pid)
    path = tmp_path / "sync-secrets.json"
    assert where == str(path) and (os.stat(path).st_mode & 0o777) == 0o600
    assert secrets.load_password("https://sync.example", "me") == "s3cret-pw"
    secrets.forget_password("https://sync.example", "me")
    assert secrets.load_password("https://sync.example", "me") is None
