"""ShowNotesView: safe show notes where a timestamp link seeks and web links open in the browser."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

from companion.shownotes import parse_seek_url

WEB_SCHEMES = ("http", "https")


class ShowNotesView(QTextBrowser):
    """Never follows links itself: seek links become ``timestamp_activated``, web links open outside."""

    timestamp_activated = Signal(int)  # ms
    web_link_activated = Signal(QUrl)

    def __init__(self, parent: QWidget | None = None, open_web_links: bool = True) -> None:
        super().__init__(parent)
        self._open_web_links = open_web_links
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_self_anchor_clicked)
        self.setPlaceholderText("Select an episode to read its show notes.")

    def set_notes_html(self, html: str) -> None:
        """Show already-sanitized notes HTML."""
        self.setHtml(html)

    def loadResource(self, type: int, name: QUrl) -> Any:  # noqa: A002
        # Remote images and style sheets are never fetched (privacy); nothing local is read either.
        return None

    def activate_link(self, url: QUrl) -> None:
        """Act on a link as a click would."""
        self._on_self_anchor_clicked(url)

    @Slot(QUrl)
    def _on_self_anchor_clicked(self, url: QUrl) -> None:
        position_ms = parse_seek_url(url.toString())
        if position_ms is not None:
            self.timestamp_activated.emit(position_ms)
        elif url.scheme().lower() in WEB_SCHEMES:
            self.web_link_activated.emit(url)
            if self._open_web_links:
                QDesktopServices.openUrl(url)
