"""Two libraries as two devices (and gPodder's own client library as a third) against real servers."""

from __future__ import annotations

import json
import subprocess
import time
import urllib.request

import pytest
from sync_servers import PASSWORD, SyncServer

from companion import sync
from companion.library import Library
from companion.services import subscribe
from companion.sync.http import Credentials


def _episode(library: Library, guid: str):
    sql = "SELECT id FROM episodes WHERE guid = ? OR guid LIKE ?"  # the parser may resolve it as a URL
    (episode_id,) = library.db.conn.execute(sql, [guid, "%/" + guid]).fetchone()
    return library.episode(episode_id)


def _device(tmp_path, name: str, server: SyncServer, user: str, kind: str = "gpodder") -> Library:
    library = Library(tmp_path / f"{name}.db")
    sync.login(library, kind, server.url, user, PASSWORD, f"Desk {name}")
    return library


def _server_actions(server: SyncServer, user: str) -> list[dict]:
    request = urllib.request.Request(f"{server.url}/api/2/episodes/{user}.json?since=0")
    request.add_header("Authorization", Credentials(user, PASSWORD).header())
    return json.load(urllib.request.urlopen(request, timeout=10))["actions"]


@pytest.mark.parametrize("server_name", ["gfr", "opodsync"])
def test_listening_on_one_device_reaches_the_other(server_name, request, tmp_path, feeds):
    server = request.getfixturevalue(server_name)
    user = server.new_account()
    feed = feeds.feed(f"two-{server_name}")
    a = _device(tmp_path, "a", server, user)
    b = _device(tmp_path, "b", server, user, "nextcloud" if server_name == "opodsync" else "gpodder")
    subscribe(a, feed)
    a.save_position(_episode(a, f"two-{server_name}-guid-1").id, 754_000)
    a.set_played(_episode(a, f"two-{server_name}-guid-2").id, True)
    assert sync.status(a).pending == 3  # the subscription, a play, a play to the end
    up = sync.sync_now(a)
    assert (up.subscriptions_sent, up.actions_sent) == ((feed,), 2)
    assert sync.status(a).pending == 0
    if server_name == "gfr":  # gfr keeps subscriptions per device until they are linked
        assert sync.link_devices(b, [a_id for a_id in [sync.account_of(a).device_id]])
    down = sync.sync_now(b)
    assert down.subscribed == (feed,)
    assert (down.positions, down.played) == (2, 1)
    ep1, ep2 = _episode(b, f"two-{server_name}-guid-1"), _episode(b, f"two-{server_name}-guid-2")
    assert ep1.position_ms == 754_000 and ep1.played_at is None
    assert ep2.played_at is not None
    assert sync.status(b).pending == 0  # what came from the server is not sent back
    again = sync.sync_now(b)  # the overlap reads them again: seen once, applied once
    assert (again.received, again.positions, again.subscribed) == (0, 0, ())
    # b listens on, marks ep2 new; a gets both; an older action from a is not newer than b's
    b.save_position(ep1.id, 1_200_000)
    b.set_played(ep2.id, False)
    sync.sync_now(b)
    back = sync.sync_now(a)
    assert (back.positions, back.unplayed) == (1, 1)
    assert _episode(a, f"two-{server_name}-guid-1").position_ms == 1_200_000
    assert _episode(a, f"two-{server_name}-guid-2").played_at is None
    a.close()
    b.close()


def test_a_gpodder_client_device_and_the_since_trap(opodsync, tmp_path, feeds):
    user = opodsync.new_account()
    feed = feeds.feed("peer", episodes=2)
    desk = _device(tmp_path, "desk", opodsync, user)
    subscribe(desk, feed)
    sync.sync_now(desk)
    ep = _episode(desk, "peer-guid-1")
    # gPodder's own client library, as the phone: a play action at 21:40 (uploaded now)
    now = int(time.time())
    script = f"""
import sys
from mygpoclient import api
c = api.MygPodderClient({user!r}, {PASSWORD!r}, "{opodsync.url.removeprefix("http://")}")
c.update_device_settings("phone", caption="phone", type="mobile")
stamp = sys.argv[1]
c.upload_episode_actions([api.EpisodeAction({feed!r}, {ep.audio_url!r}, "play", device="phone",
    timestamp=stamp, started=0, position=1300, total=3600)])
"""
    python = str(opodsync.state / "peer-venv" / "bin" / "python")
    if not (opodsync.state / "peer-venv" / "bin" / "python").exists():
        assert opodsync.run("peer").returncode == 0  # run.sh makes mygpoclient's venv once
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now))
    subprocess.run([python, "-c", script, stamp], check=True, timeout=60)
    got = sync.sync_now(desk)
    assert got.positions == 1 and _episode(desk, "peer-guid-1").position_ms == 1_300_000
    # the trap: an action uploaded late whose own timestamp is 40 minutes old, older than the last
    # answer's timestamp: asking with since alone never sees it; the overlap does
    late = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now - 2400))
    ep2 = _episode(desk, "peer-guid-2")
    script2 = script.replace(repr(ep.audio_url), repr(ep2.audio_url)).replace("position=1300", "position=600")
    subprocess.run([python, "-c", script2, late], check=True, timeout=60)
    caught = sync.sync_now(desk)
    assert caught.positions == 1 and _episode(desk, "peer-guid-2").position_ms == 600_000
    desk.close()
