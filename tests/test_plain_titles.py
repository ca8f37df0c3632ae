"""Titles from feeds and notes are shown as the characters they are: no tooltip, label, dialog or
list in the real window lays them out as HTML, so an <img src="file://…"> in a title never reads
that file (an inotify canary says whether anything opened it)."""

from __future__ import annotations

import pytest
from canary import Canary
from PySide6 import QtGui
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent, QMouseEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QToolTip, QWidget


@pytest.fixture
def canary(tmp_path):
    watch = Canary(tmp_path / "canary.png")
    yield watch
    watch.close()


def _shown(tip: str) -> str:
    """The characters a tooltip shows: what Qt lays out when it takes the text for rich text."""
    if QtGui.Qt.mightBeRichText(tip):
        doc = QTextDocument()
        doc.setHtml(tip)
        return doc.toPlainText()
    return tip


def _tooltip_at(widget: QWidget, pos: QPoint) -> str:
    """Hover ``widget`` at ``pos`` (a tooltip event, as Qt sends after a pause) and read the tooltip."""
    QToolTip.hideText()
    QApplication.sendEvent(widget, QHelpEvent(QEvent.Type.ToolTip, pos, widget.mapToGlobal(pos)))
    QApplication.processEvents()
    return QToolTip.text()


def _row_tooltip(view, row: int, column: int = 0) -> str:
    index = view.model().index(row, column)
    view.scrollTo(index)
    return _tooltip_at(view.viewport(), view.visualRect(index).center())


def _labels_with(widget: QWidget, text: str) -> list[QLabel]:
    return [label for label in widget.findChildren(QLabel) if text in label.text()]


def test_titles_are_plain_text_everywhere(make_window, library, tone_wav, canary, qtbot):
    hostile = f'<img src="{canary.url}"> <b>x</b> & co'
    podcast = library.add_podcast(hostile, feed_url="https://example.org/feed.xml")
    notes = "".join(
        f"<p>{stamp} {text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}</p>"
        for stamp, text in (("00:00", f"{hostile} one"), ("00:30", f"{hostile} two"), ("01:00", "three"))
    )
    episode = library.add_episode(
        podcast.id, hostile, audio_path=str(tone_wav), notes=notes, duration_ms=90_000, published_at=1
    )
    assert library.chapters(episode.id)[0].title == f"{hostile} one"
    library.add_bookmark(episode.id, 5_000, note=hostile)
    library.queue_add(episode.id)

    app = make_window()
    window = app.window
    window.select_episode(episode.id)
    app.controller.play_episode(episode.id, 1_000)
    bar = window.player_bar
    qtbot.waitUntil(lambda: hostile in bar.chapter_label.text(), timeout=5000)
    window.grab()

    # labels: the episode heading and the player bar hold the title as plain text
    for label in (window.episode_title, bar.title_label, bar.chapter_label):
        assert hostile in label.text()
        assert label.textFormat() == Qt.TextFormat.PlainText
    labels = [label for label in window.findChildren(QLabel) if type(label).__name__ != "DemoHint"]
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)  # the hint is our own

    # tooltips: the chapter list, the player bar's chapter, the seek bar, the lists
    chapters = window.chapter_view
    item = chapters.chapter_items()[0]
    tips = {"chapter list": _tooltip_at(chapters.viewport(), chapters.visualItemRect(item).center())}
    tips["player bar chapter"] = _tooltip_at(bar.chapter_label, QPoint(2, 2))
    slider = bar.slider
    x = slider.x_for_value(10_000)
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(x, slider.height() / 2),
        slider.mapToGlobal(QPointF(x, slider.height() / 2)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QToolTip.hideText()
    QApplication.sendEvent(slider, move)
    tips["seek bar"] = QToolTip.text()
    window.left_tabs.setCurrentWidget(window.episode_pane)
    tips["episode list"] = _row_tooltip(window.episode_view, 0)
    tips["episode list, podcast"] = _row_tooltip(window.episode_view, 0, 1)
    window.left_tabs.setCurrentWidget(window.queue_view)
    tips["Up Next"] = _row_tooltip(window.queue_view, 0)
    bookmarks = window.bookmarks_ui.library_view
    window.left_tabs.setCurrentWidget(bookmarks)
    tips["bookmarks"] = _row_tooltip(bookmarks.view, 0)
    field = window.search_field
    with qtbot.waitSignal(window.search.results_changed, timeout=3000):
        field.setText("co")
    results = window.search_results
    results.grab()  # the rich-text delegate paints the hits
    hit = results.hit_items()[0]
    tips["search result"] = _tooltip_at(results.viewport(), results.visualItemRect(hit).center())
    for where, tip in tips.items():
        shown = _shown(tip)
        assert "<b>x</b> &" in shown, where  # the tags show as the characters they are
        assert hostile in shown or where == "search result", where  # a snippet is shortened

    # dialogs naming the episode or the podcast
    boxes = [
        window.bookmarks_ui.actions.ask_delete_episode(episode.id),
        window.feed_ui.ask_unsubscribe(podcast.id),
        window.feed_ui.warn("Add podcast", f"The feed “{hostile}” is broken"),
    ]
    for box in boxes:
        qtbot.waitExposed(box)
        box.grab()
        label = box.findChild(QLabel, "qt_msgbox_label")
        assert hostile in label.text() and label.textFormat() == Qt.TextFormat.PlainText
        box.done(QMessageBox.StandardButton.Cancel)
    window.episode_menu(episode.id).grab()
    window.grab()

    assert not canary.touched(), "a title's <img src=file://…> made Qt read the file"


def test_an_ampersand_in_a_podcast_title_is_no_shortcut_mark(make_window, library, tone_wav):
    podcast = library.add_podcast("Tom & Jerry", feed_url="https://example.org/feed.xml")
    episode = library.add_episode(podcast.id, "One", audio_path=str(tone_wav), published_at=1)
    app = make_window()
    texts = [action.text() for action in app.window.episode_menu(episode.id).actions()]
    assert "Refresh “Tom && Jerry”" in texts  # shown as "Refresh “Tom & Jerry”"


def test_the_notes_view_reads_nothing_that_markup_names(make_window, tmp_path, qtbot):
    # The rendered notes never hold an <img> or a style sheet; should one get there, nothing is read.
    image, style = Canary(tmp_path / "image.png"), Canary(tmp_path / "style.css")
    app = make_window()
    view = app.window.notes_view
    view.setHtml(
        f'<html><head><link rel="stylesheet" type="text/css" href="{style.url}"></head>'
        f'<body><p><img src="{image.url}"> <img src="{image.path}"> text</p></body></html>'
    )
    view.grab()
    assert "text" in view.toPlainText()
    assert not image.touched() and not style.touched()
    image.close()
    style.close()
