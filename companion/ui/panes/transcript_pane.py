"""The Transcript tab: the source switcher, the find bar (Ctrl+F), the cue list or a message with Retry."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion.ui.panes.transcript_view import TranscriptView
from companion.ui.plain import plain_label


class TranscriptPane(QWidget):
    """What the Transcript tab shows: cues, or why there are none (none, fetching, failed + Retry)."""

    source_chosen = Signal(str)  # the address of another of the episode's transcripts
    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcript")
        self.view = TranscriptView(self)
        self.source_combo = QComboBox(self)
        self.source_combo.setToolTip(self.tr("Which of the episode's transcripts is shown"))
        self.source_combo.activated.connect(self._on_source_combo_activated)
        self.message = plain_label(parent=self)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.retry_button = QPushButton(self.tr("Retry"), self)
        self.retry_button.clicked.connect(self.retry_requested)
        message_page = QWidget(self)
        message_layout = QVBoxLayout(message_page)
        message_layout.addStretch(1)
        message_layout.addWidget(self.message)
        message_layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignHCenter)
        message_layout.addStretch(1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(message_page)
        self._build_find_bar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        row = QHBoxLayout()
        row.addWidget(plain_label(self.tr("Transcript:"), self))
        row.addWidget(self.source_combo, 1)
        layout.addLayout(row)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.stack, 1)
        self.view.find_requested.connect(self.open_find)
        self.matches: list[int] = []
        self.show_message(self.tr("No transcript for this episode."))

    def _build_find_bar(self) -> None:
        self.find_bar = QWidget(self)
        self.find_edit = QLineEdit(self.find_bar)
        self.find_edit.setPlaceholderText(self.tr("Find in the transcript"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.textChanged.connect(self._on_find_edit_text_changed)
        self.find_edit.installEventFilter(self)
        self.find_count = plain_label(parent=self.find_bar)
        self.previous_button = QPushButton(self.tr("Previous"), self.find_bar)
        self.previous_button.clicked.connect(self.find_previous)
        self.next_button = QPushButton(self.tr("Next"), self.find_bar)
        self.next_button.clicked.connect(self.find_next)
        row = QHBoxLayout(self.find_bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.find_edit, 1)
        row.addWidget(self.find_count)
        row.addWidget(self.previous_button)
        row.addWidget(self.next_button)
        self.find_bar.hide()

    # ----- what is shown -------------------------------------------------------------------------

    def set_sources(self, sources: Sequence[tuple[str, str | None]], current: str | None) -> None:
        """The switcher: ``(label, address)`` of each transcript the episode has, ``current`` chosen."""
        self.source_combo.clear()
        for label, url in sources:
            self.source_combo.addItem(label, url)
        index = self.source_combo.findData(current) if current is not None else -1
        self.source_combo.setCurrentIndex(max(0, index))
        self.source_combo.setEnabled(len(sources) > 1)
        self.source_combo.setVisible(bool(sources))

    def show_cues(self, cues: Sequence[Sequence[Any]], timed: bool = True) -> None:
        """The cue list."""
        self.view.set_cues(cues, timed)
        self.stack.setCurrentWidget(self.view)
        self._refind()

    def show_message(self, text: str, retry: bool = False) -> None:
        """A message instead of cues (no transcript, fetching, failed), with Retry when it failed."""
        self.view.set_cues([])
        self.message.setText(text)
        self.retry_button.setVisible(retry)
        self.stack.setCurrentIndex(1)

    @Slot(int)
    def _on_source_combo_activated(self, index: int) -> None:
        url = self.source_combo.itemData(index)
        if url:
            self.source_chosen.emit(url)

    # ----- find ----------------------------------------------------------------------------------

    def open_find(self) -> None:
        """Show the find bar with the cursor in it (Ctrl+F in the transcript)."""
        self.find_bar.show()
        self.find_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_edit.selectAll()

    def close_find(self) -> None:
        """Hide the find bar (Esc) and go back to the cues."""
        self.find_bar.hide()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot(str)
    def _on_find_edit_text_changed(self, _text: str) -> None:
        self._refind()
        if self.matches:
            self._go_to(0)

    def _refind(self) -> None:
        needle = self.find_edit.text().strip().casefold()
        cues = self.view.cue_model.cues
        self.matches = [row for row, cue in enumerate(cues) if needle and needle in cue[3].casefold()]
        self._current_match = -1
        self._show_count()

    def _show_count(self) -> None:
        if not self.find_edit.text().strip():
            self.find_count.setText("")
        elif not self.matches:
            self.find_count.setText(self.tr("Not found"))
        else:
            self.find_count.setText(
                self.tr("{0} of {1}").format(max(self._current_match, 0) + 1, len(self.matches))
            )

    def _go_to(self, match: int) -> None:
        self._current_match = match % len(self.matches)
        row = self.matches[self._current_match]
        index = self.view.cue_model.index(row)
        self.view.setCurrentIndex(index)
        self.view.pause_following()  # the listener is reading there
        self.view.show_row(row)
        self._show_count()

    def find_next(self) -> None:
        """The next cue holding the text (after the last one, the first)."""
        if self.matches:
            self._go_to(self._current_match + 1)

    def find_previous(self) -> None:
        """The cue before holding the text (before the first, the last)."""
        if self.matches:
            self._go_to(self._current_match - 1 if self._current_match >= 0 else -1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.find_edit and isinstance(event, QKeyEvent):
            if event.type() == QEvent.Type.ShortcutOverride and event.matches(QKeySequence.StandardKey.Find):
                event.accept()
                return True
            if event.type() == QEvent.Type.KeyPress:
                if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                    self.find_previous() if shift else self.find_next()
                    return True
                if event.key() == Qt.Key.Key_Escape:
                    self.close_find()
                    return True
                if event.matches(QKeySequence.StandardKey.Find):
                    self.find_edit.selectAll()
                    return True
        return super().eventFilter(watched, event)
