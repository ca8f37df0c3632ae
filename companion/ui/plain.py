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


def link_label(parent: QWidget | None = None) -> QLabel:
    """A label for web links set with ``show_links``: it opens nothing itself (``linkActivated``)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setOpenExternalLinks(False)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
    return label


def show_links(label: QLabel, links: list[tuple[str, str]], separator: str = " · ") -> None:
    """Show ``(text, address)`` pairs as links in a ``link_label``: text and address escaped (shown as
    the characters they are), only http(s) addresses, the address itself when the text is empty."""
    parts = []
    for text, url in links:
        if not url.lower().startswith(("http://", "https://")):
            continue
        shown = html.escape(text or url, quote=False)
        parts.append(f'<a href="{html.escape(url, quote=True)}">{shown}</a>')
    label.setText(separator.join(parts))
    label.setVisible(bool(parts))


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
