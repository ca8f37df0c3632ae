"""Desktop notifications (freedesktop Notifications on the session bus): a refresh that brought new
episodes says so, once per refresh, naming the podcasts; nothing at all where no bus or server runs.

Nothing waits for the notification server: the capabilities are asked once, asynchronously, and
``Notify`` is sent without waiting for its answer, so a slow or missing server never holds the window.
A notification's body may be read as markup (servers with ``body-markup``), so feed titles are
escaped for those servers and sent as they are to the others; the summary is always plain text.
"""

from __future__ import annotations

import ctypes
import html
import os
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QObject
from PySide6.QtDBus import QDBusArgument, QDBusConnection, QDBusMessage, QDBusPendingCallWatcher, QDBusVariant

from companion.desktop.mpris_protocol import (
    DESKTOP_ENTRY,
    _Marshal,
    load_argument_writer,
    session_bus_address,
)
from companion.library import Library, LibraryError
from companion.library.settings import read_settings

SERVICE = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
INTERFACE = SERVICE
APP_NAME = "Podcast Companion"
UINT32_WRITER = "_ZN13QDBusArgumentlsEj"  # QDBusArgument::operator<<(uint)
CAPABILITIES_TIMEOUT_MS = 5_000
NAMED_PODCASTS = 3  # the body names this many podcasts, then says how many more
TITLE_CHARS = 60


class Notifier(QObject):
    """Sends freedesktop notifications on the session bus (``notify``); a no-op without one."""

    def __init__(self, env: Mapping[str, str] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.connection: QDBusConnection | None = None
        self.connection_name = f"podcast_companion_notify_{os.getpid()}_{id(self):x}"
        address = session_bus_address(env)
        if address is not None:
            connection = QDBusConnection.connectToBus(address, self.connection_name)
            if connection.isConnected():
                self.connection = connection
            else:
                QDBusConnection.disconnectFromBus(self.connection_name)
        self.markup: bool | None = None  # the server's body-markup, once known
        self._waiting: list[tuple[str, str]] = []
        self._watcher: QDBusPendingCallWatcher | None = None
        self._write_uint = load_argument_writer(UINT32_WRITER, ctypes.c_uint)

    def notify(self, summary: str, body: str) -> bool:
        """Show a notification (sent once the server's capabilities are known); False without a bus."""
        if self.connection is None:
            return False
        if self.markup is None:
            self._waiting.append((summary, body))
            self._ask_capabilities()
        else:
            self._send(summary, body)
        return True

    def close(self) -> None:
        """Leave the bus."""
        if self.connection is not None:
            self.connection = None
            QDBusConnection.disconnectFromBus(self.connection_name)

    def _ask_capabilities(self) -> None:
        if self._watcher is not None or self.connection is None:
            return
        call = QDBusMessage.createMethodCall(SERVICE, OBJECT_PATH, INTERFACE, "GetCapabilities")
        self._watcher = QDBusPendingCallWatcher(
            self.connection.asyncCall(call, CAPABILITIES_TIMEOUT_MS), self
        )
        self._watcher.finished.connect(self._on_capabilities_finished)

    def _on_capabilities_finished(self, watcher: QDBusPendingCallWatcher) -> None:
        self._watcher = None
        watcher.deleteLater()
        waiting, self._waiting = self._waiting, []
        reply = watcher.reply()
        if watcher.isError() or reply.type() != QDBusMessage.MessageType.ReplyMessage:
            return  # no notification server: nothing is shown, and the next refresh asks again
        arguments = reply.arguments()
        self.markup = "body-markup" in _strings(arguments[0] if arguments else [])
        for summary, body in waiting:
            self._send(summary, body)

    def _send(self, summary: str, body: str) -> None:
        if self.connection is None:
            return
        call = QDBusMessage.createMethodCall(SERVICE, OBJECT_PATH, INTERFACE, "Notify")
        text = html.escape(body, quote=False) if self.markup else body
        hints = {"desktop-entry": DESKTOP_ENTRY}
        call.setArguments(
            [APP_NAME, self._uint32(0), DESKTOP_ENTRY, summary, text, _Marshal.strings([]), hints, -1]
        )
        self.connection.send(call)  # the answer (the notification's id) is not needed

    def _uint32(self, value: int) -> QDBusArgument | int:
        if self._write_uint is None:
            return value
        import shiboken6

        argument = QDBusArgument()
        self._write_uint(shiboken6.getCppPointer(argument)[0], value)
        return argument


class NewEpisodeNotices(QObject):
    """After a refresh that brought new episodes: one notification naming the podcasts and the count,
    unless Preferences turned them off."""

    def __init__(self, library: Library, parent: QObject | None = None, env: Mapping[str, str] | None = None):
        super().__init__(parent)
        self.library = library
        self.notifier = Notifier(env, self)

    def new_episodes(self, titles: Sequence[str], count: int) -> bool:
        """Tell of ``count`` new episodes in the podcasts ``titles``; True when a notification went."""
        try:
            if not read_settings(self.library).notify_new_episodes:
                return False
        except LibraryError:
            return False
        summary = self.tr("%n new episode(s)", "", count)
        return self.notifier.notify(summary, self.podcast_list(sorted(titles, key=str.casefold)))

    def podcast_list(self, titles: Sequence[str]) -> str:
        """``“A”, “B”, “C” and 2 more``: the podcasts a notification names."""
        named = [self.tr("“{title}”").format(title=_short(t)) for t in titles[:NAMED_PODCASTS]]
        names = self.tr(", ").join(named)
        rest = len(titles) - len(named)
        if rest <= 0:
            return names
        return self.tr("{names} and %n more", "", rest).format(names=names)

    def close(self) -> None:
        """Leave the bus (on quit)."""
        self.notifier.close()


def _strings(value: object) -> list[str]:
    """An 'as' from the bus as a list (PySide hands it over as a QDBusArgument)."""
    if not isinstance(value, QDBusArgument):
        return [str(v) for v in value] if isinstance(value, list | tuple) else []
    items: list[str] = []
    value.beginArray()
    while not value.atEnd() and len(items) < 1000:
        item = value.asVariant()
        items.append(str(item.variant() if isinstance(item, QDBusVariant) else item))
    value.endArray()
    return items


def _short(title: str) -> str:
    title = " ".join(title.split())  # no line breaks or tabs of a feed's title
    return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1] + "…"
