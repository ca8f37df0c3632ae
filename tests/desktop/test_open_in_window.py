"""A second launch with a link or a file, handed to the running window (a real second process each time):
each kind opens what it is there, and the listener finishes the job in the window."""

from __future__ import annotations

import time
import urllib.parse

from desktop_feeds import opml, rss
from launches import finish, launch
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from companion.services.tones import write_tone_wav
from companion.ui.dialogs.confirm import AddEpisodeDialog, AddPodcastDialog


def _podcast_titles(library) -> list[str]:
    return sorted(p.title for p in library.subscriptions())


def test_a_podcast_link_opens_add_podcast_filled_in_and_subscribe_adds_it(running_window, feed_server, qtbot):
    app = running_window
    url = feed_server.add("/long.xml", rss("Long Conversations", ["Part one", "Part two"]))
    link = "itpc://" + url.removeprefix("http://")
    code, out, err = finish(qtbot, launch(app.library.path, link))
    assert (code, err) == (0, "")
    dialog = app.opener.last_shown
    assert isinstance(dialog, AddPodcastDialog) and dialog.isVisible()
    assert dialog.url() == url  # the itpc:// link is the feed's http address
    assert dialog.focusWidget() is dialog.findChild(QDialogButtonBox).button(
        QDialogButtonBox.StandardButton.Ok
    )
    with qtbot.waitSignal(app.jobs.batch_finished, timeout=15_000):
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert _podcast_titles(app.library) == ["Long Conversations"]
    model = app.window.episode_model
    assert {model.data(model.index(r, 0)) for r in range(model.rowCount())} >= {"Part one", "Part two"}

    # a link to it again: the window says it is there and shows its episodes, no dialog
    code, _out, _err = finish(qtbot, launch(app.library.path, "podcast:" + url))
    assert code == 0 and app.opener.last_shown is None
    assert "already subscribe" in app.window.statusBar().currentMessage()
    assert app.window.episode_pane.model.podcast_id == app.library.subscriptions()[0].id


def test_an_opml_file_asks_then_imports_through_the_import_job(running_window, feed_server, qtbot, tmp_path):
    app = running_window
    feeds = {
        "中文播客": feed_server.add("/zh.xml", rss("中文播客", ["第一期"])),
        "English Talk": feed_server.add("/en.xml", rss("English Talk", ["Hello"])),
    }
    (tmp_path / "我的订阅.opml").write_text(opml(feeds), encoding="utf-8")
    code, _out, err = finish(qtbot, launch(app.library.path, "我的订阅.opml", cwd=tmp_path))  # relative
    assert (code, err) == (0, "")
    box = app.opener.last_shown
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert (
        "2 podcast" in box.text()
    )  # "2 podcasts" with the English plural file and "我的订阅.opml" in box.text()
    assert _podcast_titles(app.library) == []  # nothing before the listener says yes
    with qtbot.waitSignal(app.jobs.batch_finished, timeout=20_000) as finished:
        box.button(QMessageBox.StandardButton.Yes).click()
    assert "Importing 我的订阅.opml" in finished.args[0]
    assert _podcast_titles(app.library) == ["English Talk", "中文播客"]

    # the same file again: nothing new to add, said in the status bar
    code, _out, _err = finish(qtbot, launch(app.library.path, str(tmp_path / "我的订阅.opml")))
    assert code == 0 and app.opener.last_shown is None
    assert "already in the library" in app.window.statusBar().currentMessage()


def test_cancel_on_the_opml_question_imports_nothing(running_window, feed_server, qtbot, tmp_path):
    app = running_window
    path = tmp_path / "subs.opml"
    path.write_text(opml({"A": feed_server.add("/a.xml", rss("A", ["a"]))}), encoding="utf-8")
    assert finish(qtbot, launch(app.library.path, path.as_uri()))[0] == 0
    app.opener.last_shown.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.wait(300)
    assert _podcast_titles(app.library) == [] and feed_server.hits("/a.xml") == []


def test_an_audio_file_opens_add_episode_with_it(running_window, qtbot, tmp_path):
    app = running_window
    audio = write_tone_wav(tmp_path / "访谈 Interview.wav", [(440, 2)])
    file_url = "file://" + urllib.parse.quote(str(audio))
    code, _out, err = finish(qtbot, launch(app.library.path, file_url))
    assert (code, err) == (0, "")
    dialog = app.opener.last_shown
    assert isinstance(dialog, AddEpisodeDialog) and dialog.isVisible()
    assert dialog.audio.text() == str(audio) and dialog.title_edit.text() == "访谈 Interview"
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    episodes = [app.library.episode(e.id) for e in app.library.episodes()]
    added = [e for e in episodes if e.audio_path == str(audio)]
    assert [e.title for e in added] == ["访谈 Interview"]
    assert app.window.selected_episode.id == added[0].id


def test_several_files_at_once_open_one_after_another(running_window, feed_server, qtbot, tmp_path):
    app = running_window  # as a file manager starts Exec=companion %U with two files chosen
    audio = write_tone_wav(tmp_path / "one.wav", [(440, 1)])
    subscriptions = tmp_path / "subs.opml"
    subscriptions.write_text(opml({"A": feed_server.add("/a.xml", rss("A", ["a"]))}), encoding="utf-8")
    opened: list[tuple[str, str]] = []
    app.opener.opened.connect(lambda what, text: opened.append((what, text)))
    code, _out, err = finish(qtbot, launch(app.library.path, str(audio), str(subscriptions)))
    assert (code, err) == (0, "")
    assert opened == [("add-episode", str(audio)), ("import-opml", str(subscriptions))]


def test_a_plain_second_launch_raises_the_window(running_window, qtbot):
    app = running_window
    app.window.showMinimized()
    qtbot.waitUntil(app.window.isMinimized)
    code, out, err = finish(qtbot, launch(app.library.path))
    assert (code, out, err) == (0, "", "")
    assert not app.window.isMinimized() and app.window.isVisible()
    assert app.opener.last_shown is None


def test_anything_else_is_refused_with_exit_2_and_the_window_is_left_alone(running_window, qtbot, tmp_path):
    app = running_window
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    # every kind of refusal is in test_open_target; here, one with the window open
    code, out, err = finish(qtbot, launch(app.library.path, str(tmp_path / "notes.txt")))
    assert code == 2 and out == "" and "Traceback" not in err
    assert err.startswith("companion: Cannot open") and "not an OPML file, a feed or audio" in err
    assert len(err.strip().splitlines()) == 1
    assert app.opener.last_shown is None


def test_a_slow_or_broken_client_never_freezes_the_window(running_window, qtbot, monkeypatch):
    import socket

    from companion.desktop import instance as instance_module

    monkeypatch.setattr(instance_module, "CLIENT_TIMEOUT_MS", 1500)
    app = running_window
    silent = socket.socket(socket.AF_UNIX)
    silent.connect(str(app.instance.paths.socket))
    silent.sendall(b'{"target": ')  # half a request, and then nothing
    flood = socket.socket(socket.AF_UNIX)
    flood.connect(str(app.instance.paths.socket))
    flood.setblocking(False)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    try:
        try:
            flood.sendall(b"x" * (200 * 1024))  # no line end, far more than a request may be
        except BlockingIOError:
            pass
        code, _out, _err = finish(qtbot, launch(app.library.path))  # a real launch meanwhile
        assert code == 0
        qtbot.waitUntil(lambda: not app.instance._clients, timeout=5000)  # both were dropped
        assert silent.recv(16) == b"" and ticks
        gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
        assert max(gaps) < 0.5  # the loop kept turning
    finally:
        timer.stop()
        silent.close()
        flood.close()
