"""MPRIS2 on the session bus: media keys, sound menus and playerctl drive the PlaybackController."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtDBus import (
    QDBusConnection,
    QDBusMessage,
    QDBusObjectPath,
    QDBusVariant,
    QDBusVirtualObject,
)
from PySide6.QtWidgets import QWidget

from companion.desktop.mpris_protocol import (  # noqa: F401 - names tests and callers use from here
    DESKTOP_ENTRY,
    IDENTITY,
    INT64_WRITER,
    INTROSPECTABLE_IFACE,
    METHODS,
    NO_TRACK,
    OBJECT_PATH,
    PLAYER_IFACE,
    PROPERTIES_IFACE,
    PROPERTY_TYPES,
    ROOT_IFACE,
    SERVICE,
    STANDARD_INTERFACES,
    TRACK_PREFIX,
    WRITABLE,
    MprisError,
    _load_int64_writer,
    _Marshal,
    introspection_xml,
    playback_status,
    session_bus_address,
    track_id,
)
from companion.domain import Episode
from companion.library import Library, LibraryError
from companion.playback.audio_settings import MAX_RATE, MIN_RATE
from companion.playback.controller import PlaybackController


class MprisService(QDBusVirtualObject):
    """The object at /org/mpris/MediaPlayer2: answers MPRIS calls and signals the player's changes."""

    def __init__(
        self,
        controller: PlaybackController,
        window: QWidget,
        library: Library,
        connection: QDBusConnection,
        connection_name: str = "",
    ) -> None:
        super().__init__(window)
        self.controller = controller
        self.window = window
        self.library = library
        self.connection = connection
        self.connection_name = connection_name
        self.service_name = ""
        self._marshal = _Marshal()
        self._changed: dict[str, set[str]] = {}
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self._flush_changes)
        self._closed = False
        controller.state_changed.connect(self._on_controller_state_changed)
        controller.episode_changed.connect(self._on_controller_episode_changed)
        controller.duration_changed.connect(self._on_controller_duration_changed)
        controller.rate_changed.connect(self._on_controller_rate_changed)
        controller.volume_changed.connect(self._on_controller_volume_changed)
        controller.chapter_changed.connect(self._on_controller_chapter_changed)
        controller.chapters_changed.connect(self._on_controller_chapter_changed)
        controller.seeked.connect(self._on_controller_seeked)
        covers = getattr(window, "covers", None)  # the window's CoverCache: a cover arrived
        if covers is not None:
            covers.changed.connect(self._on_covers_changed)

    # ----- bus registration ------------------------------------------------------------------

    def register(self) -> bool:
        """Export the object and take the MPRIS name (``.instance<pid>`` when it is taken)."""
        if not self.connection.registerVirtualObject(OBJECT_PATH, self):
            return False
        for name in (SERVICE, f"{SERVICE}.instance{os.getpid()}"):
            if self.connection.registerService(name):
                self.service_name = name
                return True
        self.connection.unregisterObject(OBJECT_PATH)
        return False

    def close(self) -> None:
        """Leave the bus: release the name, unexport the object, drop our connection."""
        if self._closed:
            return
        self._closed = True
        self._flush_timer.stop()
        if self.service_name:
            self.connection.unregisterService(self.service_name)
        self.connection.unregisterObject(OBJECT_PATH)
        if self.connection_name:
            QDBusConnection.disconnectFromBus(self.connection_name)

    # ----- properties ------------------------------------------------------------------------

    def metadata(self) -> dict[str, Any]:
        """The loaded episode as MPRIS metadata (a{sv})."""
        episode = self.controller.episode
        if episode is None:
            return {"mpris:trackid": QDBusObjectPath(NO_TRACK)}
        meta: dict[str, Any] = {
            "mpris:trackid": QDBusObjectPath(track_id(episode.id)),
            "xesam:title": episode.title,
        }
        length_ms = self.controller.duration_ms() or episode.duration_ms or 0
        if length_ms > 0:
            meta["mpris:length"] = self._marshal.int64(length_ms * 1000)
        if episode.podcast_title:
            meta["xesam:album"] = episode.podcast_title
            meta["xesam:artist"] = [episode.podcast_title]
        art = self._art_url(episode)
        if art:
            meta["mpris:artUrl"] = art
        url = _media_url(episode)
        if url:
            meta["xesam:url"] = url
        return meta

    def properties(self, interface: str) -> dict[str, Any]:
        """Every property of ``interface``, marshal-ready."""
        if interface == ROOT_IFACE:
            return {
                "CanQuit": True,
                "CanRaise": True,
                "HasTrackList": False,
                "Identity": IDENTITY,
                "DesktopEntry": DESKTOP_ENTRY,
                "SupportedUriSchemes": self._marshal.strings([]),
                "SupportedMimeTypes": self._marshal.strings([]),
            }
        if interface == PLAYER_IFACE:
            controller = self.controller
            loaded = controller.episode is not None
            chapters = controller.chapters if loaded else []
            return {
                "PlaybackStatus": playback_status(controller.state()),
                "Rate": float(controller.rate),
                "Metadata": self.metadata(),
                "Volume": controller.volume / 100.0,
                "Position": self._marshal.int64(controller.position_ms() * 1000),
                "MinimumRate": float(MIN_RATE),
                "MaximumRate": float(MAX_RATE),
                "CanGoNext": controller.chapter_at(controller.position_ms()) + 1 < len(chapters),
                "CanGoPrevious": bool(chapters),
                "CanPlay": loaded,
                "CanPause": loaded,
                "CanSeek": loaded,
                "CanControl": True,
            }
        return {}

    def _property(self, interface: str, name: str) -> Any:
        values = self.properties(interface)
        if name not in values:
            raise MprisError("org.freedesktop.DBus.Error.InvalidArgs", f"No property {interface}.{name}")
        return values[name]

    def _set_property(self, interface: str, name: str, value: Any) -> None:
        self._property(interface, name)  # raises when unknown
        if (interface, name) not in WRITABLE:
            raise MprisError("org.freedesktop.DBus.Error.PropertyReadOnly", f"{name} is read-only")
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise MprisError("org.freedesktop.DBus.Error.InvalidArgs", f"{name} takes a number") from None
        if name == "Rate":
            if number <= 0:
                self.controller.pause()  # the spec: a rate of 0 pauses
            else:
                self.controller.set_rate(number)
        else:
            self.controller.set_volume(round(max(0.0, min(1.0, number)) * 100))

    def _art_url(self, episode: Episode) -> str | None:
        """The ``file://`` URL of the cached cover copy (the episode's, else its podcast's); never the
        feed's remote address (the desktop would fetch that host at every track change); None when
        no copy is cached."""
        try:
            path = self.library.episode_cover_path(episode.id)
        except LibraryError:
            return None
        return QUrl.fromLocalFile(str(path)).toString() if path is not None else None

    def _on_covers_changed(self) -> None:
        if self.controller.episode is not None:
            self._mark_changed(PLAYER_IFACE, "Metadata")

    # ----- method calls ----------------------------------------------------------------------

    def introspect(self, path: str) -> str:
        """The introspection data Qt asks for (interfaces only, without the node wrapper)."""
        return introspection_xml()

    def handleMessage(self, message: QDBusMessage, connection: QDBusConnection) -> bool:  # noqa: N802
        """Answer one call to /org/mpris/MediaPlayer2."""
        if message.type() != QDBusMessage.MessageType.MethodCallMessage:
            return False
        try:
            values = self._dispatch(message.interface(), message.member(), list(message.arguments()))
            reply = message.createReply()
            reply.setArguments(values)
        except MprisError as exc:
            reply = message.createErrorReply(exc.name, str(exc))
        connection.send(reply)
        return True

    def _dispatch(self, interface: str, member: str, args: list[Any]) -> list[Any]:
        if self._closed:
            raise MprisError("org.freedesktop.DBus.Error.ServiceUnknown", "The player has quit")
        if interface == PROPERTIES_IFACE:
            if member == "Get" and len(args) == 2:
                return [QDBusVariant(self._property(str(args[0]), str(args[1])))]
            if member == "GetAll" and len(args) == 1:
                return [self.properties(str(args[0]))]
            if member == "Set" and len(args) == 3:
                value = args[2].variant() if isinstance(args[2], QDBusVariant) else args[2]
                self._set_property(str(args[0]), str(args[1]), value)
                return []
        elif interface == INTROSPECTABLE_IFACE:
            if member == "Introspect":
                return [f"<node>\n{introspection_xml()}</node>\n"]
        elif interface in (ROOT_IFACE, PLAYER_IFACE, ""):
            method = self._methods().get(member)
            if method is not None:
                method(*args)
                return []
        raise MprisError("org.freedesktop.DBus.Error.UnknownMethod", f"No method {interface}.{member}")

    def _methods(self) -> dict[str, Callable[..., None]]:
        controller = self.controller
        return {
            "Raise": self._raise_window,
            "Quit": self.window.close,
            "Next": controller.next_chapter,
            "Previous": controller.previous_chapter,
            "Pause": controller.pause,
            "PlayPause": controller.toggle,
            "Stop": controller.pause,  # a podcast keeps its place: stopping is pausing
            "Play": controller.play,
            "Seek": self._seek,
            "SetPosition": self._set_position,
            "OpenUri": self._open_uri,
        }

    def _raise_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def _seek(self, offset_us: int = 0, *_: Any) -> None:
        if self.controller.episode is None:
            return
        self.controller.skip(int(offset_us) // 1000)

    def _set_position(self, track: Any = None, position_us: int = 0, *_: Any) -> None:
        episode = self.controller.episode
        path = track.path() if isinstance(track, QDBusObjectPath) else str(track)
        if episode is None or path != track_id(episode.id):
            return  # a stale track id: ignored, as the spec asks
        length_us = self.controller.duration_ms() * 1000
        if int(position_us) < 0 or (length_us and int(position_us) > length_us):
            return
        self.controller.seek(int(position_us) // 1000)

    def _open_uri(self, *_: Any) -> None:
        raise MprisError("org.mpris.MediaPlayer2.Error.NotSupported", "Add episodes from the library")

    # ----- signals ---------------------------------------------------------------------------

    def _mark_changed(self, interface: str, *names: str) -> None:
        if self._closed:
            return
        self._changed.setdefault(interface, set()).update(names)
        self._flush_timer.start()

    def _flush_changes(self) -> None:
        changed, self._changed = self._changed, {}
        for interface, names in changed.items():
            values = self.properties(interface)
            signal = QDBusMessage.createSignal(OBJECT_PATH, PROPERTIES_IFACE, "PropertiesChanged")
            signal.setArguments([interface, {n: values[n] for n in sorted(names)}, self._marshal.strings([])])
            self.connection.send(signal)

    def _on_controller_state_changed(self, _state: object) -> None:
        self._mark_changed(PLAYER_IFACE, "PlaybackStatus")

    def _on_controller_duration_changed(self, _duration_ms: int) -> None:
        self._mark_changed(PLAYER_IFACE, "Metadata")

    def _on_controller_rate_changed(self, _rate: float) -> None:
        self._mark_changed(PLAYER_IFACE, "Rate")

    def _on_controller_volume_changed(self, _volume: int) -> None:
        self._mark_changed(PLAYER_IFACE, "Volume")

    def _on_controller_chapter_changed(self, _chapter: object) -> None:
        self._mark_changed(PLAYER_IFACE, "CanGoNext", "CanGoPrevious")

    def _on_controller_episode_changed(self, _episode: object) -> None:
        self._mark_changed(PLAYER_IFACE, "Metadata", "CanPlay", "CanPause", "CanSeek", "PlaybackStatus")

    def _on_controller_seeked(self, position_ms: int) -> None:
        """The position was moved within the episode: tell the desktop (Seeked)."""
        if self._closed:
            return
        signal = QDBusMessage.createSignal(OBJECT_PATH, PLAYER_IFACE, "Seeked")
        signal.setArguments([self._marshal.int64(position_ms * 1000)])
        self.connection.send(signal)


def _media_url(episode: Episode) -> str | None:
    if episode.audio_path:
        return QUrl.fromLocalFile(episode.audio_path).toString()
    return episode.audio_url or None


def start_mpris(
    controller: PlaybackController,
    window: QWidget,
    library: Library,
    env: Mapping[str, str] | None = None,
) -> MprisService | None:
    """Put the player on the session bus; None (silently) when there is no bus to join."""
    address = session_bus_address(env)
    if address is None:
        return None
    name = f"podcast_companion_mpris_{os.getpid()}_{id(controller):x}"
    connection = QDBusConnection.connectToBus(address, name)
    if not connection.isConnected():
        QDBusConnection.disconnectFromBus(name)
        return None
    service = MprisService(controller, window, library, connection, name)
    window.destroyed.connect(functools.partial(QDBusConnection.disconnectFromBus, name))
    if not service.register():
        service.close()
        service.setParent(None)
        return None
    return service
