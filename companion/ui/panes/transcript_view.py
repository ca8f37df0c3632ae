"""TranscriptView: an episode's cues with time and speaker, following the playing cue, find and copy."""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QListView, QMenu, QWidget

from companion.ui.widgets.format import format_ms

START_ROLE = Qt.ItemDataRole.UserRole + 1
FOLLOW_PAUSE_S = 5.0  # scrolling by hand stops the list following the playing cue this long
FOLLOW_AT = 1 / 3  # the playing cue is kept this far down the list


def cue_line(cue: Sequence[Any], timed: bool = True) -> str:
    """One cue as text: its time, its speaker and what is said (what Copy puts on the clipboard)."""
    start, _end, speaker, text = cue
    who = f"{speaker}: " if speaker else ""
    return f"{format_ms(start)}  {who}{text}" if timed else f"{who}{text}"


class CueModel(QAbstractListModel):
    """The cues ``(start_ms, end_ms, speaker, text)`` of one transcript, and which one is playing."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cues: list[tuple[int, int, str, str]] = []
        self.starts: list[int] = []
        self.timed = True
        self.current = -1

    def set_cues(self, cues: Sequence[Sequence[Any]], timed: bool = True) -> None:
        """Show ``cues`` (sorted by start)."""
        self.beginResetModel()
        self.cues = [tuple(c) for c in cues]  # type: ignore[misc]
        self.starts = [c[0] for c in self.cues]
        self.timed = timed
        self.current = -1
        self.endResetModel()

    def row_at(self, position_ms: int) -> int:
        """The cue playing at ``position_ms``: the last one starting at or before it (-1: none yet)."""
        return bisect.bisect_right(self.starts, position_ms) - 1 if self.timed else -1

    def set_current(self, row: int) -> bool:
        """Mark ``row`` as the playing cue; True when that changed."""
        if row == self.current:
            return False
        old, self.current = self.current, row
        for changed in (old, row):
            if 0 <= changed < len(self.cues):
                index = self.index(changed)
                self.dataChanged.emit(
                    index, index, [Qt.ItemDataRole.FontRole, Qt.ItemDataRole.BackgroundRole]
                )
        return True

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.cues)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.cues):
            return None
        cue = self.cues[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cue_line(cue, self.timed)
        if role == START_ROLE:
            return cue[0]
        if index.row() == self.current:
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.BackgroundRole:
                return QGuiApplication.palette().alternateBase()
        return None


class TranscriptView(QListView):
    """The cue list: a click plays from a cue; while playing the current cue is highlighted and kept a
    third from the top, unless the listener scrolled in the last five seconds; Ctrl+C copies."""

    cue_activated = Signal(int)  # start_ms
    bookmark_requested = Signal(int, str)  # start_ms, the cue's text as the note's quote
    find_requested = Signal()  # Ctrl+F inside the transcript

    def __init__(self, parent: QWidget | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.clock = clock  # tests move it instead of sleeping
        self.cue_model = CueModel(self)
        self.setModel(self.cue_model)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(500)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._paused_until = 0.0
        self._scrolling = False  # set while the view scrolls itself
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.clicked.connect(self._on_self_clicked)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._on_self_menu_requested)

    def set_cues(self, cues: Sequence[Sequence[Any]], timed: bool = True) -> None:
        """Show ``cues``; following starts afresh."""
        self._paused_until = 0.0
        self._scrolling = True
        try:
            self.cue_model.set_cues(cues, timed)
        finally:
            self._scrolling = False

    # ----- following the playing cue ------------------------------------------------------------

    @property
    def following(self) -> bool:
        """False for five seconds after the listener scrolled by hand."""
        return self.clock() >= self._paused_until

    def follow(self, position_ms: int) -> int:
        """Highlight the cue playing at ``position_ms`` and, unless paused, keep it a third from the
        top; returns its row. Costs a bisect when the cue did not change (each position tick)."""
        row = self.cue_model.row_at(position_ms)
        if self.cue_model.set_current(row) and row >= 0 and self.following:
            self.show_row(row)
        return row

    def show_row(self, row: int) -> None:
        """Scroll so that ``row`` sits about a third from the top (not a scroll by hand)."""
        index = self.cue_model.index(row)
        self._scrolling = True
        try:
            self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
            bar = self.verticalScrollBar()
            rect = self.visualRect(index)
            bar.setValue(bar.value() + rect.top() - int(self.viewport().height() * FOLLOW_AT))
        finally:
            self._scrolling = False

    def pause_following(self) -> None:
        """The listener moved the list: stop following for FOLLOW_PAUSE_S seconds."""
        self._paused_until = self.clock() + FOLLOW_PAUSE_S

    @Slot(int)
    def _on_scrolled(self, _value: int) -> None:
        if not self._scrolling:
            self.pause_following()

    # ----- clicks, menu, copy ------------------------------------------------------------------

    def selected_text(self) -> str:
        """The selected cues (or the current one), one line each with its time."""
        rows = sorted(index.row() for index in self.selectedIndexes())
        if not rows and self.currentIndex().isValid():
            rows = [self.currentIndex().row()]
        model = self.cue_model
        return "\n".join(cue_line(model.cues[row], model.timed) for row in rows)

    def copy_selection(self) -> str:
        """Put the selected cues on the clipboard; returns what was copied."""
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)
        return text

    def cue_menu(self, row: int) -> QMenu:
        """Play from here / Bookmark this moment / Copy, for the cue at ``row``."""
        start, _end, speaker, text = self.cue_model.cues[row]
        quote = f"{speaker}: {text}" if speaker else text
        menu = QMenu(self)
        if self.cue_model.timed:
            menu.addAction(self.tr("Play from here"), lambda: self.cue_activated.emit(start))
            menu.addAction(
                self.tr("Bookmark this moment"), lambda: self.bookmark_requested.emit(start, quote)
            )
        menu.addAction(self.tr("Copy"), self.copy_selection)
        return menu

    @Slot(QPoint)
    def _on_self_menu_requested(self, point: QPoint) -> None:
        index = self.indexAt(point)
        if index.isValid():
            if not self.selectionModel().isSelected(index):
                self.setCurrentIndex(index)
            self.cue_menu(index.row()).popup(self.viewport().mapToGlobal(point))

    @Slot(QModelIndex)
    def _on_self_clicked(self, index: QModelIndex) -> None:
        if not index.isValid() or not self.cue_model.timed:
            return
        modifiers = QGuiApplication.keyboardModifiers()
        if modifiers & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier):
            return  # extending the selection to copy, not playing
        self.cue_activated.emit(int(index.data(START_ROLE)))

    def event(self, event: QEvent) -> bool:
        ours = (QKeySequence.StandardKey.Find, QKeySequence.StandardKey.Copy)
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and any(event.matches(key) for key in ours)
        ):
            event.accept()  # ours here, not the window's search or anyone's copy
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Find):
            self.find_requested.emit()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            if self.cue_model.timed:
                self.cue_activated.emit(int(self.currentIndex().data(START_ROLE)))
        else:
            super().keyPressEvent(event)
