"""ShowNotesView: safe show notes where a timestamp link seeks and web links open in the browser."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QContextMenuEvent, QDesktopServices
from PySide6.QtWidgets import QMenu, QTextBrowser, QTextEdit, QWidget

from companion.shownotes import parse_seek_url
from companion.ui.plain import no_resource

WEB_SCHEMES = ("http", "https")


class ShowNotesView(QTextBrowser):
    """Never follows links itself: seek links become ``timestamp_activated``, web links open outside."""

    timestamp_activated = Signal(int)  # ms
    web_link_activated = Signal(QUrl)
    bookmark_requested = Signal(int)  # ms of a timestamp link

    def __init__(self, parent: QWidget | None = None, open_web_links: bool = True) -> None:
        super().__init__(parent)
        self._open_web_links = open_web_links
        self._html = ""
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_self_anchor_clicked)
        self.setPlaceholderText(self.tr("Select an episode to read its show notes."))

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 (Qt's name)
        # Tab leaves the notes for the next pane rather than walking every link in them
        return QTextEdit.focusNextPrevChild(self, next)

    def set_notes_html(self, html: str) -> None:
        """Show already-sanitized notes HTML."""
        self._html = html
        self.setHtml(html)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._html:
            # links take the palette's link colour when the HTML is read: read it again
            scroll = self.verticalScrollBar().value()
            self.setHtml(self._html)
            self.verticalScrollBar().setValue(scroll)

    def loadResource(self, type: int, name: QUrl) -> Any:  # noqa: A002
        # Remote images and style sheets are never fetched (privacy); nothing local is read either.
        return no_resource(type)

    def activate_link(self, url: QUrl) -> None:
        """Act on a link as a click would."""
        self._on_self_anchor_clicked(url)

    def context_menu_at(self, pos: QPoint) -> QMenu:
        """The usual menu, with Play from here / Bookmark this moment over a timestamp link."""
        menu = self.createStandardContextMenu(pos)
        position_ms = parse_seek_url(self.anchorAt(pos))
        if position_ms is not None:
            first = menu.actions()[0] if menu.actions() else None
            play = menu.addAction(
                self.tr("Play from here"), lambda: self.timestamp_activated.emit(position_ms)
            )
            mark = menu.addAction(
                self.tr("Bookmark this moment"), lambda: self.bookmark_requested.emit(position_ms)
            )
            if first is not None:
                menu.insertAction(first, play)
                menu.insertAction(first, mark)
                menu.insertSeparator(first)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu_at(event.pos())
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())

    @Slot(QUrl)
    def _on_self_anchor_clicked(self, url: QUrl) -> None:
        position_ms = parse_seek_url(url.toString())
        if position_ms is not None:
            self.timestamp_activated.emit(position_ms)
        elif url.scheme().lower() in WEB_SCHEMES:
            self.web_link_activated.emit(url)
            if self._open_web_links:
                QDesktopServices.openUrl(url)
