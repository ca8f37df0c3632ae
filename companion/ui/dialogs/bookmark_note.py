"""BookmarkDialog: the note (several lines), time and chapter of one bookmark, shown without blocking."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from companion.domain import Bookmark
from companion.services.bookmarks_export import format_hms
from companion.shownotes.timestamps import parse_time_input
from companion.ui.plain import plain_label


def parse_time_text(text: str) -> int | None:
    """``H:MM:SS``, ``M:SS`` or plain seconds as milliseconds (``parse_time_input``); None when it is
    not a time."""
    return parse_time_input(text)


class BookmarkDialog(QDialog):
    """Edits a bookmark's note, time and chapter title. Open it with ``open()`` and read ``values()``
    once ``accepted`` fires; a time that is not a time keeps it open with a message."""

    def __init__(self, bookmark: Bookmark, title: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bookmark = bookmark
        self.setWindowTitle(title or self.tr("Bookmark"))
        self.setModal(True)
        where = plain_label(f"{bookmark.episode_title}\n{bookmark.podcast_title}", self)
        where.setWordWrap(True)
        self.time_edit = QLineEdit(format_hms(bookmark.position_ms), self)
        self.time_edit.setToolTip(self.tr("H:MM:SS or seconds"))
        self.chapter_edit = QLineEdit(bookmark.chapter_title or "", self)
        self.chapter_edit.setPlaceholderText(self.tr("(no chapter)"))
        self.note_edit = QPlainTextEdit(bookmark.note, self)
        self.note_edit.setPlaceholderText(
            self.tr("A note (optional): Enter saves, Shift+Enter starts a new line")
        )
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.installEventFilter(self)
        self.error_label = plain_label(parent=self)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()
        form = QFormLayout()
        form.addRow(self.tr("Time:"), self.time_edit)
        form.addRow(self.tr("Chapter:"), self.chapter_edit)
        form.addRow(self.tr("Note:"), self.note_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(460, 320)
        self.note_edit.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # in the note, Enter saves (as in the other fields); Shift+Enter starts a new line
        if (
            watched is self.note_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def position_ms(self) -> int | None:
        """The time typed, or None when it is not a time."""
        return parse_time_text(self.time_edit.text())

    def values(self) -> tuple[int, str | None, str]:
        """(position_ms, chapter title or None, note) as typed."""
        position = self.position_ms()
        chapter = self.chapter_edit.text().strip() or None
        note = self.note_edit.toPlainText().strip("\n")
        return (self.bookmark.position_ms if position is None else position), chapter, note

    def accept(self) -> None:
        if self.position_ms() is None:
            self.error_label.setText(self.tr("The time should look like 1:02:03 (or be seconds)."))
            self.error_label.show()
            self.time_edit.setFocus()
            return
        super().accept()
