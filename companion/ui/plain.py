"""Text from feeds and notes shown as itself: escaped tooltips, plain labels and message boxes."""

from __future__ import annotations

import html

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

# Qt shows a tooltip as rich text when it merely looks like HTML (Qt.mightBeRichText), so a title
# such as '<img src="file:///etc/passwd">' would be laid out as an image and the file read. A tooltip
# is therefore always rich text of the escaped content: the characters shown are the title's own.


def plain_tooltip(text: str | None) -> str:
    """A tooltip that shows ``text`` literally (empty for no tooltip)."""
    if not text:
        return ""
    return "<qt>" + html.escape(text, quote=False).replace("\n", "<br>") + "</qt>"


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that never interprets its text as HTML."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def plain_menu_text(text: str) -> str:
    """``text`` for a menu item: an ``&`` in a title stays an ``&`` (not a shortcut mark)."""
    return text.replace("&", "&&")


def plain_message_box(
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
    parent: QWidget | None = None,
) -> QMessageBox:
    """A QMessageBox whose text (and informative text) is shown as plain text."""
    box = QMessageBox(icon, title, "", buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box


def no_resource(kind: int) -> QImage | QByteArray:
    """What a text document's ``loadResource`` returns so that nothing is read: an empty image or
    empty data (returning None makes Qt read an image's file itself)."""
    if kind == QTextDocument.ResourceType.ImageResource.value:
        return QImage()
    return QByteArray()
