"""The MPRIS2 protocol side: names, introspection, status strings and typed D-Bus values."""

from __future__ import annotations

import ctypes
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtDBus import QDBusArgument

from companion.domain import PlaybackState

SERVICE = "org.mpris.MediaPlayer2.podcast_companion"
OBJECT_PATH = "/org/mpris/MediaPlayer2"
ROOT_IFACE = "org.mpris.MediaPlayer2"
PLAYER_IFACE = "org.mpris.MediaPlayer2.Player"
PROPERTIES_IFACE = "org.freedesktop.DBus.Properties"
INTROSPECTABLE_IFACE = "org.freedesktop.DBus.Introspectable"
TRACK_PREFIX = "/org/podcast_companion/episode/"
NO_TRACK = "/org/mpris/MediaPlayer2/TrackList/NoTrack"
IDENTITY = "Podcast Companion"
DESKTOP_ENTRY = "podcast-companion"
INT64_WRITER = "_ZN13QDBusArgumentlsEx"  # QDBusArgument::operator<<(qlonglong)
WRITABLE = {(PLAYER_IFACE, "Rate"), (PLAYER_IFACE, "Volume")}

METHODS = {  # name -> "arg:type ..." (all in)
    ROOT_IFACE: {"Raise": "", "Quit": ""},
    PLAYER_IFACE: {
        **dict.fromkeys(("Next", "Previous", "Pause", "PlayPause", "Stop", "Play"), ""),
        "Seek": "Offset:x",
        "SetPosition": "TrackId:o Position:x",
        "OpenUri": "Uri:s",
    },
}
PROPERTY_TYPES = {
    ROOT_IFACE: "CanQuit:b CanRaise:b HasTrackList:b Identity:s DesktopEntry:s SupportedUriSchemes:as "
    "SupportedMimeTypes:as",
    PLAYER_IFACE: "PlaybackStatus:s Rate:d Metadata:a{sv} Volume:d Position:x MinimumRate:d MaximumRate:d "
    "CanGoNext:b CanGoPrevious:b CanPlay:b CanPause:b CanSeek:b CanControl:b",
}
STANDARD_INTERFACES = """  <interface name="org.freedesktop.DBus.Introspectable">
    <method name="Introspect"><arg type="s" direction="out"/></method>
  </interface>
  <interface name="org.freedesktop.DBus.Properties">
    <method name="Get"><arg type="s" direction="in"/><arg type="s" direction="in"/>
      <arg type="v" direction="out"/></method>
    <method name="GetAll"><arg type="s" direction="in"/><arg type="a{sv}" direction="out"/></method>
    <method name="Set"><arg type="s" direction="in"/><arg type="s" direction="in"/>
      <arg type="v" direction="in"/></method>
    <signal name="PropertiesChanged"><arg type="s"/><arg type="a{sv}"/><arg type="as"/></signal>
  </interface>
"""


def introspection_xml() -> str:
    """The introspection document of /org/mpris/MediaPlayer2."""
    parts = [STANDARD_INTERFACES]
    for interface, methods in METHODS.items():
        parts.append(f'  <interface name="{interface}">\n')
        for method, signature in methods.items():
            args = "".join(
                f'<arg name="{a}" type="{t}" direction="in"/>'
                for a, t in (x.split(":") for x in signature.split())
            )
            parts.append(f'    <method name="{method}">{args}</method>\n')
        if interface == PLAYER_IFACE:
            parts.append('    <signal name="Seeked"><arg name="Position" type="x"/></signal>\n')
        for prop in PROPERTY_TYPES[interface].split():
            name, kind = prop.split(":", 1)
            access = "readwrite" if (interface, name) in WRITABLE else "read"
            parts.append(f'    <property name="{name}" type="{kind}" access="{access}"/>\n')
        parts.append("  </interface>\n")
    return "".join(parts)


class MprisError(Exception):
    """A D-Bus error reply: ``name`` is the error name, the message says what went wrong."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


def session_bus_address(env: Mapping[str, str] | None = None) -> str | None:
    """The session bus address from the environment (or ``$XDG_RUNTIME_DIR/bus``); None when there is none."""
    env = os.environ if env is None else env
    address = env.get("DBUS_SESSION_BUS_ADDRESS", "").strip()
    if address:
        return address
    runtime = env.get("XDG_RUNTIME_DIR", "")
    if runtime and (Path(runtime) / "bus").exists():
        return f"unix:path={Path(runtime) / 'bus'}"
    return None  # never autolaunch a bus


def track_id(episode_id: int) -> str:
    """The MPRIS track id (an object path) of an episode."""
    return f"{TRACK_PREFIX}{episode_id}"


def playback_status(state: PlaybackState) -> str:
    """MPRIS PlaybackStatus for a backend state."""
    if state in (PlaybackState.PLAYING, PlaybackState.LOADING):
        return "Playing"
    if state == PlaybackState.PAUSED:
        return "Paused"
    return "Stopped"


class _Marshal:
    """Typed D-Bus values PySide cannot express directly: int64 ('x') and string lists ('as')."""

    def __init__(self) -> None:
        self._write_int64 = _load_int64_writer()

    def int64(self, value: int) -> QDBusArgument | int:
        """``value`` marshalled as int64 (falls back to a plain int when the writer is missing)."""
        if self._write_int64 is None:
            return int(value)
        import shiboken6

        arg = QDBusArgument()
        self._write_int64(shiboken6.getCppPointer(arg)[0], int(value))
        return arg

    @staticmethod
    def strings(values: list[str]) -> QDBusArgument:
        """A string list that stays 'as' even when empty."""
        arg = QDBusArgument()
        arg << list(values)
        return arg


def _load_int64_writer() -> Callable[[int, int], Any] | None:
    """QtDBus's own int64 writer: PySide picks the ushort overload of ``QDBusArgument << int``."""
    return load_argument_writer(INT64_WRITER, ctypes.c_longlong)


def load_argument_writer(symbol: str, value_type: type) -> Callable[[int, int], Any] | None:
    """One of QtDBus's typed ``QDBusArgument::operator<<`` (by its C++ symbol), or None."""
    import PySide6

    for name in ("libQt6DBus.so.6", str(Path(PySide6.__file__).parent / "Qt" / "lib" / "libQt6DBus.so.6")):
        try:
            function = ctypes.CDLL(name)[symbol]
        except (OSError, AttributeError):
            continue
        function.restype = ctypes.c_void_p
        function.argtypes = [ctypes.c_void_p, value_type]
        return function
    return None
