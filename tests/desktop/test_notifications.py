"""New-episode notifications on a real private session bus, shown by a tiny notification server of the
test's own: one per refresh that brought episodes, naming the podcasts; off in Preferences; nothing
(and no stall) where no server runs."""

from __future__ import annotations

from desktop_feeds import rss
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusVirtualObject

from companion.desktop.mpris_protocol import _Marshal
from companion.desktop.notifications import OBJECT_PATH, SERVICE
from companion.library.settings import read_settings

INTROSPECTION = """<interface name="org.freedesktop.Notifications">
  <method name="GetCapabilities"><arg type="as" direction="out"/></method>
  <method name="Notify"><arg type="s"/><arg type="u"/><arg type="s"/><arg type="s"/><arg type="s"/>
    <arg type="as"/><arg type="a{sv}"/><arg type="i"/><arg type="u" direction="out"/></method>
</interface>
"""


class NotificationServer(QDBusVirtualObject):
    """org.freedesktop.Notifications, as small as can be: records every Notify with its signature."""

    def __init__(self, address: str, capabilities: list[str]) -> None:
        super().__init__()
        self.capabilities = capabilities
        self.calls: list[tuple[str, list]] = []
        self.asked = 0
        self.connection = QDBusConnection.connectToBus(address, "test-notification-server")
        assert self.connection.registerVirtualObject(OBJECT_PATH, self)
        assert self.connection.registerService(SERVICE)

    def introspect(self, path: str) -> str:
        return INTROSPECTION

    def handleMessage(self, message: QDBusMessage, connection: QDBusConnection) -> bool:  # noqa: N802
        if message.member() == "GetCapabilities":
            self.asked += 1
            connection.send(_reply(message, [_Marshal.strings(self.capabilities)]))  # 'as'
            return True
        if message.member() == "Notify":
            self.calls.append((message.signature(), list(message.arguments())))
            connection.send(_reply(message, [len(self.calls)]))
            return True
        return False

    def close(self) -> None:
        self.connection.unregisterService(SERVICE)
        self.connection.unregisterObject(OBJECT_PATH)
        QDBusConnection.disconnectFromBus("test-notification-server")


def _reply(message: QDBusMessage, arguments: list) -> QDBusMessage:
    reply = message.createReply()
    reply.setArguments(arguments)  # createReply(list) would send the list as one 'av'
    return reply


def _refresh(app, qtbot) -> None:
    with qtbot.waitSignal(app.jobs.batch_finished, timeout=20_000):
        assert app.jobs.refresh_all(manual=True)


def _subscribe(app, qtbot, url: str) -> None:
    with qtbot.waitSignal(app.jobs.batch_finished, timeout=20_000):
        app.jobs.subscribe(url)


def test_a_refresh_with_new_episodes_notifies_once_naming_the_podcasts(
    session_bus, make_window, feed_server, qtbot
):
    server = NotificationServer(session_bus, ["body", "body-markup"])
    try:
        feed_server.add("/a.xml", rss("Long <Talks> & Co", ["A1"]))
        feed_server.add("/b.xml", rss("中文播客", ["第一期"]))
        feed_server.add("/c.xml", rss("Quiet Show", ["Q1"]))
        app = make_window()
        for path in ("/a.xml", "/b.xml", "/c.xml"):
            _subscribe(app, qtbot, feed_server.url(path))
        assert server.calls == []  # subscribing is not news

        feed_server.add("/a.xml", rss("Long <Talks> & Co", ["A2", "A3", "A1"]))
        feed_server.add("/b.xml", rss("中文播客", ["第二期", "第一期"]))
        _refresh(app, qtbot)
        qtbot.waitUntil(lambda: len(server.calls) == 1, timeout=5000)
        signature, (name, replaces, icon, summary, body, actions, hints, timeout) = server.calls[0]
        assert signature == "susssasa{sv}i"
        assert (name, replaces, icon, actions, timeout) == (
            "Podcast Companion",
            0,
            "podcast-companion",
            [],
            -1,
        )
        assert summary.startswith("3 new episode")  # "3 new episodes" with the English plural file
        assert body == "“Long &lt;Talks&gt; &amp; Co”, “中文播客”"  # escaped: this server reads markup
        assert hints is not None  # a{sv}: the signature above

        _refresh(app, qtbot)  # nothing new: no notification
        qtbot.wait(500)
        assert len(server.calls) == 1 and server.asked == 1  # capabilities asked once
    finally:
        server.close()


def test_preferences_turn_them_off_and_a_plain_text_server_gets_plain_titles(
    session_bus, make_window, feed_server, qtbot
):
    server = NotificationServer(session_bus, ["body"])
    try:
        feed_server.add("/a.xml", rss("Tom & Jerry <live>", ["one"]))
        app = make_window()
        _subscribe(app, qtbot, feed_server.url("/a.xml"))
        dialog = app.window.show_preferences()
        box = dialog.notify_new
        assert box.isChecked()
        box.setChecked(False)
        dialog.accept()
        assert read_settings(app.library).notify_new_episodes is False
        feed_server.add("/a.xml", rss("Tom & Jerry <live>", ["two", "one"]))
        _refresh(app, qtbot)
        qtbot.wait(500)
        assert server.calls == [] and server.asked == 0

        again = app.window.show_preferences()  # the second time: it shows what was stored
        box = again.notify_new
        assert not box.isChecked()
        box.setChecked(True)
        again.accept()
        feed_server.add("/a.xml", rss("Tom & Jerry <live>", ["three", "two", "one"]))
        _refresh(app, qtbot)
        qtbot.waitUntil(lambda: len(server.calls) == 1, timeout=5000)
        assert server.calls[0][1][4] == "“Tom & Jerry <live>”"  # no markup: the title as it is
    finally:
        server.close()


def test_without_a_notification_server_nothing_shows_and_nothing_waits(
    session_bus, make_window, feed_server, qtbot
):
    feed_server.add("/a.xml", rss("Alone", ["one"]))
    app = make_window()
    _subscribe(app, qtbot, feed_server.url("/a.xml"))
    feed_server.add("/a.xml", rss("Alone", ["two", "one"]))
    with qtbot.waitSignal(app.jobs.new_episodes, timeout=20_000) as news:
        _refresh(app, qtbot)
    assert news.args == [["Alone"], 1]
    qtbot.waitUntil(lambda: app.notices.notifier._watcher is None, timeout=6000)  # the bus said: no one
    assert app.notices.notifier.markup is None  # and the next refresh asks again


def test_without_a_session_bus_there_is_no_notifier(monkeypatch, library, qtbot):
    from companion.desktop.notifications import NewEpisodeNotices

    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    notices = NewEpisodeNotices(library, env={})
    assert notices.notifier.connection is None
    assert notices.new_episodes(["A"], 2) is False
    assert notices.podcast_list(["A", "B", "C", "D", "E"]).startswith("“A”, “B”, “C” and 2 more")
