"""MPRIS2 on a real session bus started by the test: dbus-send and a QtDBus client drive the real app."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from listening.server import start_bus, stop_bus
from PySide6.QtDBus import QDBusArgument, QDBusConnection, QDBusMessage, QDBusVariant
from PySide6.QtGui import QColor, QImage

from companion.desktop.mpris import (
    OBJECT_PATH,
    PLAYER_IFACE,
    PROPERTIES_IFACE,
    PROPERTY_TYPES,
    ROOT_IFACE,
    SERVICE,
    _Marshal,
    session_bus_address,
    start_mpris,
    track_id,
)
from companion.domain import PlaybackState

pytestmark = pytest.mark.skipif(
    not (shutil.which("dbus-daemon") and shutil.which("dbus-send")), reason="needs dbus-daemon and dbus-send"
)


@pytest.fixture
def session_bus(monkeypatch):
    """A private session bus for this test; its address is in the environment while the test runs."""
    started = start_bus()
    assert started is not None, "dbus-daemon is missing: `make test` installs it (package dbus)"
    address, pid = started
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    yield address
    stop_bus(pid)


@pytest.fixture
def bus_app(session_bus, make_window):
    """The real app (window, controller, VLC) with its MPRIS service on the private bus."""
    app = make_window()
    assert app.mpris is not None
    yield app
    app.mpris.close()


def _run(qtbot, args: list[str]) -> subprocess.CompletedProcess:
    """Runs a D-Bus client while the Qt loop keeps turning, so the app can answer it."""
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=10_000)
    out, err = proc.communicate()
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


def send(qtbot, interface: str, member: str, *args: str, dest: str = SERVICE) -> str:
    """``dbus-send --print-reply`` a method call to the player; its printed reply."""
    cmd = ["dbus-send", "--session", "--print-reply", f"--dest={dest}", OBJECT_PATH, f"{interface}.{member}"]
    result = _run(qtbot, [*cmd, *args])
    assert result.returncode == 0, result.stderr
    return result.stdout


def send_fails(qtbot, interface: str, member: str, *args: str) -> str:
    """A call the player must refuse; the error dbus-send prints."""
    cmd = [
        "dbus-send",
        "--session",
        "--print-reply",
        f"--dest={SERVICE}",
        OBJECT_PATH,
        f"{interface}.{member}",
    ]
    result = _run(qtbot, [*cmd, *args])
    assert result.returncode != 0
    return result.stderr


def get(qtbot, name: str, interface: str = PLAYER_IFACE) -> str:
    """A property as dbus-send prints it, e.g. ``variant string "Playing"``."""
    out = send(qtbot, PROPERTIES_IFACE, "Get", f"string:{interface}", f"string:{name}")
    return " ".join(out.split("\n", 1)[1].split())


def call(qtbot, method: str, *args: str) -> None:
    send(qtbot, PLAYER_IFACE, method, *args)


def _pos(app) -> int:
    return app.backend.position_ms()


def _wait_pos(app, qtbot, target_ms: int) -> None:
    qtbot.waitUntil(lambda: abs(_pos(app) - target_ms) < 700, timeout=5000)


def _wait_state(app, qtbot, state: PlaybackState) -> None:
    qtbot.waitUntil(lambda: app.controller.state() == state, timeout=5000)


def test_playerctl_style_control_of_the_real_player(bus_app, tone_episode, qtbot):
    app = bus_app
    assert app.mpris.service_name == SERVICE
    assert get(qtbot, "Identity", ROOT_IFACE) == 'variant string "Podcast Companion"'
    assert get(qtbot, "DesktopEntry", ROOT_IFACE) == 'variant string "podcast-companion"'
    assert get(qtbot, "PlaybackStatus") == 'variant string "Stopped"'
    assert "/org/mpris/MediaPlayer2/TrackList/NoTrack" in get(qtbot, "Metadata")

    app.controller.cue_episode(tone_episode.id)
    call(qtbot, "Play")
    _wait_state(app, qtbot, PlaybackState.PLAYING)
    assert get(qtbot, "PlaybackStatus") == 'variant string "Playing"'

    meta = get(qtbot, "Metadata")
    track = track_id(tone_episode.id)
    assert f'string "mpris:trackid" variant object path "{track}"' in meta
    assert 'string "mpris:length" variant int64 90000000' in meta
    assert 'string "xesam:title" variant string "测试节目 Tone episode"' in meta
    assert 'string "xesam:album" variant string "Test Cast"' in meta
    assert 'string "xesam:artist" variant array [ string "Test Cast" ]' in meta
    assert "mpris:artUrl" not in meta  # this podcast has no image

    call(qtbot, "SetPosition", f"objpath:{track}", "int64:35000000")
    _wait_pos(app, qtbot, 35_000)
    call(qtbot, "Next")  # chapters at 0, 30 and 60 s
    _wait_pos(app, qtbot, 60_000)
    call(qtbot, "Previous")  # within 3 s of its start: the chapter before
    _wait_pos(app, qtbot, 30_000)
    call(qtbot, "Seek", "int64:10000000")
    _wait_pos(app, qtbot, 40_000)
    call(qtbot, "Seek", "int64:-5000000")
    _wait_pos(app, qtbot, 35_000)

    call(qtbot, "SetPosition", "objpath:/org/podcast_companion/episode/999", "int64:5000000")  # stale
    position = get(qtbot, "Position")
    assert position.startswith("variant int64 ")
    assert 34_000_000 < int(position.split()[-1]) < 40_000_000
    assert abs(app.controller.position_ms() - 35_000) < 3_000

    call(qtbot, "Pause")
    _wait_state(app, qtbot, PlaybackState.PAUSED)
    assert get(qtbot, "PlaybackStatus") == 'variant string "Paused"'
    call(qtbot, "PlayPause")
    _wait_state(app, qtbot, PlaybackState.PLAYING)
    call(qtbot, "PlayPause")
    _wait_state(app, qtbot, PlaybackState.PAUSED)

    send(qtbot, PROPERTIES_IFACE, "Set", f"string:{PLAYER_IFACE}", "string:Rate", "variant:double:1.5")
    assert app.controller.rate == 1.5
    assert get(qtbot, "Rate") == "variant double 1.5"
    send(qtbot, PROPERTIES_IFACE, "Set", f"string:{PLAYER_IFACE}", "string:Volume", "variant:double:0.4")
    assert app.controller.volume == 40
    assert get(qtbot, "Volume") == "variant double 0.4"
    assert get(qtbot, "MaximumRate") == "variant double 3"
    assert get(qtbot, "CanGoNext") == "variant boolean true"  # 35 s: the 60 s chapter is ahead

    everything = " ".join(send(qtbot, PROPERTIES_IFACE, "GetAll", f"string:{PLAYER_IFACE}").split())
    for name in ("PlaybackStatus", "Metadata", "Position", "Rate", "Volume", "CanSeek", "CanControl"):
        assert f'string "{name}"' in everything
    assert 'string "mpris:length" variant int64 90000000' in everything
    root = " ".join(send(qtbot, PROPERTIES_IFACE, "GetAll", f"string:{ROOT_IFACE}").split())
    assert 'string "CanQuit" variant boolean true' in root
    assert 'string "HasTrackList" variant boolean false' in root

    assert "PropertyReadOnly" in send_fails(
        qtbot, PROPERTIES_IFACE, "Set", f"string:{PLAYER_IFACE}", "string:PlaybackStatus", "variant:string:x"
    )
    assert "UnknownMethod" in send_fails(qtbot, PLAYER_IFACE, "Shuffle")
    assert "NotSupported" in send_fails(qtbot, PLAYER_IFACE, "OpenUri", "string:file:///x.mp3")
    assert "org.mpris.MediaPlayer2.Player" in send(qtbot, "org.freedesktop.DBus.Introspectable", "Introspect")

    send(qtbot, ROOT_IFACE, "Raise")
    send(qtbot, ROOT_IFACE, "Quit")
    qtbot.waitUntil(lambda: not app.window.isVisible(), timeout=5000)


def test_signals_seeked_and_properties_changed(bus_app, tone_episode, qtbot, tmp_path: Path):
    app = bus_app
    log = tmp_path / "monitor.txt"
    with log.open("w") as out:
        monitor = subprocess.Popen(["dbus-monitor", "--session"], stdout=out, stderr=subprocess.STDOUT)
    try:
        qtbot.waitUntil(lambda: "NameLost" in log.read_text(), timeout=5000)  # the monitor is in place
        app.controller.cue_episode(tone_episode.id)
        call(qtbot, "Play")
        _wait_state(app, qtbot, PlaybackState.PLAYING)
        call(qtbot, "SetPosition", f"objpath:{track_id(tone_episode.id)}", "int64:50000000")
        _wait_pos(app, qtbot, 50_000)
        app.controller.set_rate(2.0)

        def signalled() -> bool:
            text = " ".join(log.read_text().split())
            return (
                re.search(r"member=Seeked int64 50000000", text) is not None
                and 'string "PlaybackStatus" variant string "Playing"' in text
                and 'string "Rate" variant double 2' in text
                and 'string "mpris:length" variant int64 90000000' in text
            )

        qtbot.waitUntil(signalled, timeout=5000)
        text = log.read_text()
        assert "member=PropertiesChanged" in text
        assert 'string "Position"' not in text  # position is read, never signalled
    finally:
        monitor.terminate()
        monitor.wait(timeout=5)
        app.controller.set_rate(1.0)


def test_a_qtdbus_client_sees_mpris_types(bus_app, session_bus, library, tone_wav, qtbot):
    podcast = library.add_podcast("Art Cast", image_url="https://example.org/art.png")
    episode = library.add_episode(podcast.id, "With art", audio_path=str(tone_wav), duration_ms=90_000)
    bus_app.controller.cue_episode(episode.id)
    client = QDBusConnection.connectToBus(session_bus, "test_mpris_client")
    try:

        def ask(member: str, *args) -> QDBusMessage:
            message = QDBusMessage.createMethodCall(SERVICE, OBJECT_PATH, PROPERTIES_IFACE, member)
            message.setArguments(list(args))
            pending = client.asyncCall(message)
            qtbot.waitUntil(pending.isFinished, timeout=5000)
            return pending.reply()

        reply = ask("GetAll", PLAYER_IFACE)
        assert reply.type() == QDBusMessage.MessageType.ReplyMessage
        assert reply.signature() == "a{sv}"
        assert ask("Get", PLAYER_IFACE, "Position").signature() == "v"
        schemes = ask("Get", ROOT_IFACE, "SupportedUriSchemes").arguments()[0]
        assert isinstance(schemes, QDBusVariant)
        assert schemes.variant() == []
    finally:
        QDBusConnection.disconnectFromBus("test_mpris_client")
    for interface, declared in PROPERTY_TYPES.items():  # introspection and answers agree
        assert [p.split(":")[0] for p in declared.split()] == list(bus_app.mpris.properties(interface))
    meta = " ".join(get(qtbot, "Metadata").split())
    assert "mpris:artUrl" not in meta  # no cached copy yet: absent, never the remote address
    assert "example.org" not in meta
    assert 'string "xesam:url" variant string "file://' in meta
    copy = _cache_cover(library, "https://example.org/art.png")
    meta = " ".join(get(qtbot, "Metadata").split())
    assert f'string "mpris:artUrl" variant string "{copy.as_uri()}"' in meta


def _cache_cover(library, url: str) -> Path:
    """A cached copy of ``url``, as the cover fetch leaves it (a file in covers/ and its record)."""
    folder = library.covers_dir()
    folder.mkdir(exist_ok=True)
    copy = folder / "art.png"
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    assert image.save(str(copy))
    library.record_cover(url, file=copy.name, size=(64, 64))
    return copy


def test_mpris_never_publishes_a_remote_address_for_art(bus_app, library, tone_wav, qtbot, tmp_path):
    """Whatever the podcast's and the episode's image addresses are, and whether a copy is cached or
    not, every artUrl the desktop can read (Get, GetAll, PropertiesChanged) is a file:// URL."""
    podcast = library.add_podcast("Remote Art", image_url="https://tracker.example.net/podcast.jpg")
    plain = library.add_episode(podcast.id, "Plain", audio_path=str(tone_wav), duration_ms=90_000)
    log = tmp_path / "monitor.txt"
    with log.open("w") as out:
        monitor = subprocess.Popen(["dbus-monitor", "--session"], stdout=out, stderr=subprocess.STDOUT)
    try:
        qtbot.waitUntil(lambda: "NameLost" in log.read_text(), timeout=5000)  # the monitor is in place
        seen = []
        for cached in (False, True):
            if cached:
                _cache_cover(library, "https://tracker.example.net/podcast.jpg")
            bus_app.controller.cue_episode(plain.id)
            seen.append(" ".join(get(qtbot, "Metadata").split()))
            seen.append(" ".join(send(qtbot, PROPERTIES_IFACE, "GetAll", f"string:{PLAYER_IFACE}").split()))
            bus_app.window.covers.invalidate()  # a cover arrived: Metadata is signalled again
        qtbot.wait(300)
        seen.append(log.read_text())
    finally:
        monitor.terminate()
        monitor.wait(timeout=5)
    text = "\n".join(seen)
    assert "tracker.example.net" not in text
    arts = re.findall(r'"mpris:artUrl"\s+variant\s+string "([^"]*)"', text)
    assert arts and all(art.startswith("file:///") for art in arts)


def test_a_second_player_takes_an_instance_name(session_bus, make_window, qtbot):
    holder = QDBusConnection.connectToBus(session_bus, "test_mpris_holder")
    try:
        assert holder.registerService(SERVICE)
        app = make_window()
        assert app.mpris is not None
        assert app.mpris.service_name == f"{SERVICE}.instance{os.getpid()}"
        out = send(
            qtbot,
            PROPERTIES_IFACE,
            "Get",
            f"string:{ROOT_IFACE}",
            "string:Identity",
            dest=app.mpris.service_name,
        )
        assert "Podcast Companion" in out
        app.mpris.close()
    finally:
        QDBusConnection.disconnectFromBus("test_mpris_holder")


@pytest.mark.parametrize("address", [None, "unix:path=/nonexistent/podcast-companion-bus"])
def test_without_a_session_bus_the_app_runs_silently(
    address, monkeypatch, tmp_path, make_window, tone_episode, qtbot, capfd, qtlog
):
    if address is None:
        monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    else:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))  # no $XDG_RUNTIME_DIR/bus either
    capfd.readouterr()
    app = make_window()
    assert app.mpris is None
    app.controller.play_episode(tone_episode.id, 10_000)
    _wait_state(app, qtbot, PlaybackState.PLAYING)
    out, err = capfd.readouterr()
    assert "dbus" not in (out + err).lower()
    assert not [r for r in qtlog.records if "dbus" in r.message.lower()]


def test_typed_values_marshal_as_mpris_asks():
    marshal = _Marshal()
    for value in (0, 5, 90_000_000, 2**40, -3):
        arg = marshal.int64(value)
        assert isinstance(arg, QDBusArgument) and arg.currentSignature() == "x"
    assert marshal.strings([]).currentSignature() == "as"
    assert marshal.strings(["file"]).currentSignature() == "as"


def test_session_bus_address_never_autolaunches(tmp_path):
    assert session_bus_address({}) is None
    assert session_bus_address({"DBUS_SESSION_BUS_ADDRESS": "  "}) is None
    assert session_bus_address({"XDG_RUNTIME_DIR": str(tmp_path)}) is None
    (tmp_path / "bus").touch()
    assert session_bus_address({"XDG_RUNTIME_DIR": str(tmp_path)}) == f"unix:path={tmp_path / 'bus'}"
    assert session_bus_address({"DBUS_SESSION_BUS_ADDRESS": "unix:path=/x"}) == "unix:path=/x"
    assert start_mpris(None, None, None, env={}) is None  # type: ignore[arg-type]
