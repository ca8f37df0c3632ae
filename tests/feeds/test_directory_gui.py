"""Find podcasts in the real window: consent asked once, covers, one-click Subscribe, typing, failures."""

from __future__ import annotations

import struct
import zlib

import pytest
from directory_server import directory_server_fixture  # noqa: F401 (the directory_server fixture)
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from companion.feeds.directory import MAX_ANSWER_BYTES
from companion.library.settings import read_settings
from companion.ui.widgets.artwork import decode_artwork


def _png(color: str, side: int = 300) -> bytes:
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def _open(app, qtbot, find: bool = True):
    feed_ui = app.window.feed_ui
    (feed_ui.find_action if find else feed_ui.add_podcast_action).trigger()
    dialog = feed_ui.add_dialog
    qtbot.waitExposed(dialog)
    return dialog, dialog.directory


def _type(qtbot, edit, text: str) -> None:
    """Type ``text``: keys for ASCII, an input method's commit for Chinese (as a real one sends it)."""
    if text.isascii():
        qtbot.keyClicks(edit, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


def _search(qtbot, panel, term: str) -> None:
    panel.search_edit.clear()
    _type(qtbot, panel.search_edit, term)
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)


def _titles(panel) -> list[str]:
    return [row.title_label.text() for row in panel.rows]


def _wait_status(qtbot, panel, text: str, timeout: int = 10_000) -> None:
    qtbot.waitUntil(lambda: text in panel.status_label.text(), timeout=timeout)


def test_find_consent_cover_subscribe_and_a_second_opening(make_window, directory_server, feed_server, qtbot):
    feed_server.add_fixture("/shangu.xml", "en_feed.xml")
    feed_server.add_fixture("/chapters/ep2.json", "chapters_ep2.json", content_type="application/json")
    feed_server.add("/art/shangu-100.png", _png("#2a6f97"), content_type="image/png")
    feed_server.add("/art/broken.png", b"\x89PNG\r\n\x1a\n not really a picture", content_type="image/png")
    directory_server.answer_fixture("山谷", "zh_results.json")
    app = make_window()
    toolbar_texts = [a.text() for a in app.window.toolbar.actions()]
    assert "Find podcasts…" in toolbar_texts

    dialog, panel = _open(app, qtbot)
    assert dialog.focusWidget() is panel.search_edit
    _search(qtbot, panel, "山谷")
    # the first search asks, naming the directory; nothing is sent before the answer
    assert panel.consent_frame.isVisible() and dialog.isVisible()  # Enter searched, it did not accept
    assert (
        "Apple Podcasts" in panel.consent_label.text()
        and directory_server.base[7:] in panel.consent_label.text()
    )
    assert directory_server.searches == [] and panel.rows == []
    qtbot.mouseClick(panel.allow_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(panel.rows) == 3, timeout=10_000)
    assert not panel.consent_frame.isVisible()
    assert read_settings(app.library).directory_consent_apple == "yes"
    assert _titles(panel) == ["山谷夜话", "代码与咖啡 Code & Coffee", "城市漫步"]
    # "%n episode(s)": its English plural comes with the translations (issue 18)
    assert panel.rows[0].details_label.text().startswith("山谷电台工作室 · 128 episode")
    status = panel.status_label.text()
    assert status.startswith("Apple Podcasts: 3 podcast") and "for “山谷”." in status
    assert status.endswith("1 without a feed address not shown.")
    assert directory_server.terms() == ["山谷"]

    # the cover comes from the directory's artwork address; a broken picture keeps the placeholder
    qtbot.waitUntil(lambda: len(app.window.feed_ui.artwork) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: feed_server.hits("/art/broken.png") != [], timeout=5_000)
    cover = panel.rows[0].cover.pixmap().toImage()
    seen, want = cover.pixelColor(cover.width() // 2, cover.height() // 2), QColor("#2a6f97")
    # the artwork is the covers' small copy (JPEG): its colour within a few levels
    assert all(abs(a - b) <= 3 for a, b in zip(seen.getRgb()[:3], want.getRgb()[:3], strict=True))
    assert panel.rows[1].cover.pixmap().toImage().pixelColor(20, 20) != QColor("#2a6f97")
    fetched = app.window.feed_ui.artwork.fetched

    # Subscribe: the window's subscribe job, its progress in the status bar, then "Subscribed"
    row = panel.rows[0]
    with qtbot.waitSignal(app.jobs.batch_finished, timeout=15_000) as finished:
        qtbot.mouseClick(row.button, Qt.MouseButton.LeftButton)
        assert row.button.text() == "Subscribing…" and not row.button.isEnabled()
    assert finished.args[1] == []
    (podcast,) = app.library.subscriptions()
    assert podcast.feed_url == feed_server.url("/shangu.xml")
    assert row.button.text() == "Subscribed" and not row.button.isEnabled()
    assert panel.rows[1].button.text() == "Subscribe" and panel.rows[1].button.isEnabled()
    assert app.window.episode_model.rowCount() == 3  # the episodes are in the list behind
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible())

    # a second opening: not asked again, the result says Subscribed, the cover comes from memory
    again, panel = _open(app, qtbot, find=False)
    assert again is not dialog
    _search(qtbot, panel, "山谷")
    qtbot.waitUntil(lambda: len(panel.rows) == 3, timeout=10_000)
    assert not panel.consent_frame.isVisible()
    assert directory_server.terms() == ["山谷", "山谷"]
    assert panel.rows[0].button.text() == "Subscribed" and not panel.rows[0].button.isEnabled()
    cover = panel.rows[0].cover.pixmap().toImage()
    seen, want = cover.pixelColor(cover.width() // 2, cover.height() // 2), QColor("#2a6f97")
    # the artwork is the covers' small copy (JPEG): its colour within a few levels
    assert all(abs(a - b) <= 3 for a, b in zip(seen.getRgb()[:3], want.getRgb()[:3], strict=True))
    assert app.window.feed_ui.artwork.fetched == fetched  # nothing fetched again
    again.reject()


def test_typing_searches_once_it_pauses_and_stale_answers_are_dropped(make_window, directory_server, qtbot):
    directory_server.answer_fixture("Lighthouse", "en_results.json")
    directory_server.answer_fixture("slow", "zh_results.json", delay_s=1.5)
    directory_server.answer_fixture("空", "empty.json")
    app = make_window()
    app.library.set_setting("directory_consent_apple", "yes")
    _dialog, panel = _open(app, qtbot)
    qtbot.keyClicks(panel.search_edit, "Lighthouse")  # ten keys, quickly
    qtbot.waitUntil(lambda: len(panel.rows) == 2, timeout=10_000)
    assert directory_server.terms() == ["Lighthouse"]  # one request, not one a key
    assert _titles(panel) == ["The Lighthouse Hour", "Lighthouses of the North"]
    _search(qtbot, panel, "Lighthouse")  # the same search again: nothing is sent
    assert directory_server.terms() == ["Lighthouse"]

    _search(qtbot, panel, "slow")
    _search(qtbot, panel, "空")
    _wait_status(qtbot, panel, "found no podcasts for “空”")
    # both were sent (in either order: two workers), the slow one answering last
    qtbot.waitUntil(lambda: sorted(directory_server.terms()[1:]) == ["slow", "空"], timeout=5_000)
    qtbot.waitUntil(lambda: not app.window.feed_ui.directory_searches.busy(), timeout=10_000)
    qtbot.wait(50)
    assert panel.rows == [] and "“空”" in panel.status_label.text()  # the slow answer was dropped
    # the field emptied by hand: the results go, and the same search later is sent again
    _search(qtbot, panel, "Lighthouse")
    qtbot.waitUntil(lambda: len(panel.rows) == 2, timeout=10_000)
    panel.search_edit.selectAll()
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Backspace)
    assert panel.rows == [] and not panel.status_label.isVisible()
    _search(qtbot, panel, "Lighthouse")
    qtbot.waitUntil(lambda: len(panel.rows) == 2, timeout=10_000)
    assert directory_server.terms().count("Lighthouse") == 3


def test_each_failure_is_a_line_in_the_panel_and_it_stays_usable(make_window, directory_server, qtbot):
    directory_server.answer("down", b"", status=500)
    directory_server.answer("slow", b"{}", delay_s=3.0)
    directory_server.answer("junk", b'{"results": [')
    directory_server.answer("huge", b" " * (MAX_ANSWER_BYTES + 1))
    directory_server.answer_fixture("档案", "none_with_feed.json")
    directory_server.answer_fixture("Lighthouse", "en_results.json")
    app = make_window()
    app.library.set_setting("directory_consent_apple", "yes")
    dialog, panel = _open(app, qtbot)
    app.window.feed_ui.directory_searches.deadline_s = 0.5
    cases = [
        ("down", "the server answered 500"),
        ("slow", "took longer than 0.5 seconds"),
        ("junk", "not valid JSON"),
        ("huge", "larger than 4 MB"),
        ("档案", "none gives a feed address"),
    ]
    for term, expected in cases:
        _search(qtbot, panel, term)
        _wait_status(qtbot, panel, expected)
        assert panel.rows == [] and "\n" not in panel.status_label.text()
        shown_as_error = bool(panel.status_label.styleSheet())
        assert shown_as_error is (term != "档案")  # results without feeds are no failure
    _search(qtbot, panel, "down")  # a failed search may be tried again at once
    qtbot.waitUntil(lambda: directory_server.terms().count("down") == 2, timeout=5_000)
    _search(qtbot, panel, "Lighthouse")
    qtbot.waitUntil(lambda: len(panel.rows) == 2, timeout=10_000)
    assert dialog.isVisible()
    dialog.reject()


def test_saying_no_sends_nothing_and_the_address_still_subscribes(
    make_window, directory_server, feed_server, qtbot
):
    url = feed_server.add_fixture("/feed.xml", "en_feed.xml")
    feed_server.add_fixture("/chapters/ep2.json", "chapters_ep2.json", content_type="application/json")
    app = make_window()
    dialog, panel = _open(app, qtbot, find=False)
    _search(qtbot, panel, "Lighthouse")
    assert "Apple Podcasts" in panel.allow_button.text()
    qtbot.mouseClick(panel.decline_button, Qt.MouseButton.LeftButton)
    assert read_settings(app.library).directory_consent_apple == "no"
    assert "nothing was sent" in panel.status_label.text() and not panel.consent_frame.isVisible()
    _search(qtbot, panel, "Lighthouse again")  # not asked again, still nothing sent
    assert not panel.consent_frame.isVisible() and directory_server.searches == []
    qtbot.keyClicks(dialog.source.edit, url)
    with qtbot.waitSignal(app.jobs.batch_finished, timeout=15_000) as finished:
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert finished.args[1] == [] and len(app.library.subscriptions()) == 1
    assert directory_server.searches == []


def test_preferences_choose_the_directory_and_its_consent(make_window, directory_server, qtbot):
    directory_server.answer_fixture("Lighthouse", "en_results.json")
    app = make_window()
    app.library.set_setting("directory_consent_apple", "no")
    prefs = app.window.show_preferences()
    assert prefs.directory.currentData() == "apple" and not prefs.directory_consent.isChecked()
    prefs.directory_consent.setChecked(True)  # Apple allowed after all
    prefs.directory.setCurrentIndex(prefs.directory.findData("podcastindex"))
    assert not prefs.directory_consent.isChecked()  # Podcast Index: not asked yet
    prefs.accept()
    settings = read_settings(app.library)
    assert (settings.directory, settings.directory_consent_apple) == ("podcastindex", "yes")
    assert settings.directory_consent_podcastindex == ""
    # the next search asks about Podcast Index, by name, and then searches it
    _dialog, panel = _open(app, qtbot)
    _search(qtbot, panel, "Lighthouse")
    assert panel.consent_frame.isVisible() and "Podcast Index" in panel.consent_label.text()
    qtbot.mouseClick(panel.allow_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(panel.rows) == 2, timeout=10_000)
    assert directory_server.searches == [{"term": "Lighthouse"}]  # Podcast Index's form of the search
    assert read_settings(app.library).directory_consent_podcastindex == "yes"
    # a second Preferences opening shows what was stored
    again = app.window.show_preferences()
    assert again.directory.currentData() == "podcastindex" and again.directory_consent.isChecked()
    again.reject()


def test_a_subscription_that_fails_says_why_in_the_panel(make_window, directory_server, qtbot):
    directory_server.answer_fixture("Lighthouse", "en_results.json")  # its feeds are not served: 404
    app = make_window()
    app.library.set_setting("directory_consent_apple", "yes")
    dialog, panel = _open(app, qtbot)
    _search(qtbot, panel, "Lighthouse")
    qtbot.waitUntil(lambda: len(panel.rows) == 2, timeout=10_000)
    row = panel.rows[1]
    with qtbot.waitSignal(app.jobs.batch_finished, timeout=15_000):
        qtbot.mouseClick(row.button, Qt.MouseButton.LeftButton)
    assert row.feed_url in panel.status_label.text() and "404" in panel.status_label.text()
    assert row.button.text() == "Subscribe" and row.button.isEnabled()  # it may be tried again
    assert app.library.subscriptions() == []
    app.window.feed_ui.last_warning.close()
    dialog.reject()


def test_artwork_is_decoded_small_and_a_lying_or_broken_picture_is_refused(qtbot):
    image = decode_artwork(_png("#aa3300", 600), 128)
    assert (image.width(), image.height()) == (128, 128)
    png = bytearray(_png("#aa3300", 16))
    ihdr = bytes(png[12:16]) + struct.pack(">II", 30_000, 30_000) + bytes(png[24:29])
    png[16:24] = ihdr[4:12]
    png[29:33] = struct.pack(">I", zlib.crc32(ihdr))
    with pytest.raises(ValueError, match="claims to be 30000 x 30000"):
        decode_artwork(bytes(png), 128)
    for junk in (b"", b"<html>not a picture</html>", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40):
        with pytest.raises(ValueError):
            decode_artwork(junk, 128)
