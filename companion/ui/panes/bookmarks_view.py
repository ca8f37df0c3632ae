"""BookmarkListModel and BookmarksView: bookmarks newest first, filterable by text; a click plays one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLineEdit,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from companion.domain import Bookmark
from companion.library import Library
from companion.ui.models.tables import HeaderedTableModel, row_table
from companion.ui.plain import plain_tooltip
from companion.ui.widgets.format import format_date, format_ms

BOOKMARK_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


def first_line(text: str) -> str:
    """The first non-blank line of ``text`` (with … when more follows)."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if not lines:
        return ""
    return lines[0] + (" …" if len(lines) > 1 else "")


class BookmarkListModel(HeaderedTableModel):
    """The bookmarks of the library (or of one episode), newest first, with a text filter."""

    PODCAST, EPISODE, TIME, CHAPTER, NOTE = range(5)
    HEADERS = (
        QT_TRANSLATE_NOOP("Columns", "Podcast"),
        QT_TRANSLATE_NOOP("Columns", "Episode"),
        QT_TRANSLATE_NOOP("Columns", "Time"),
        QT_TRANSLATE_NOOP("Columns", "Chapter"),
        QT_TRANSLATE_NOOP("Columns", "Note"),
    )

    def __init__(self, library: Library, episode_id: int | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._library = library
        self._episode_id = episode_id
        self._text = ""
        self._rows: list[Bookmark] = []
        self.reload()

    @property
    def episode_id(self) -> int | None:
        """The episode whose bookmarks are listed (None: every episode)."""
        return self._episode_id

    def reload(self) -> None:
        """Re-read the bookmarks."""
        self.beginResetModel()
        if not self._library.is_open:
            self._rows = []
        else:
            self._rows = self._library.bookmarks(self._text, episode_id=self._episode_id)
        self.endResetModel()

    def set_text_filter(self, text: str) -> None:
        """Show only bookmarks whose note, chapter, episode or podcast holds every word of ``text``."""
        if text != self._text:
            self._text = text
            self.reload()

    def set_episode(self, episode_id: int | None) -> None:
        """List the bookmarks of another episode (None: all)."""
        if episode_id != self._episode_id:
            self._episode_id = episode_id
            self.reload()

    def bookmark(self, row: int) -> Bookmark | None:
        """The bookmark shown in ``row``."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def bookmarks(self) -> list[Bookmark]:
        """Every bookmark shown, in order."""
        return list(self._rows)

    def row_of(self, bookmark_id: int) -> int | None:
        """The row showing ``bookmark_id``."""
        for row, b in enumerate(self._rows):
            if b.id == bookmark_id:
                return row
        return None

    # ----- Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        b = self._rows[index.row()]
        column = index.column()
        if role == BOOKMARK_ID_ROLE:
            return b.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.TIME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{b.episode_title} — {b.podcast_title}", f"{format_ms(b.position_ms)}"]
            if b.chapter_title:
                lines[-1] += f" · {b.chapter_title}"
            if b.note:
                lines += ["", b.note]
            lines += ["", self.tr("Added {date}").format(date=format_date(b.created_at))]
            return plain_tooltip("\n".join(lines))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == self.PODCAST:
            return b.podcast_title
        if column == self.EPISODE:
            return b.episode_title
        if column == self.TIME:
            return format_ms(b.position_ms)
        if column == self.CHAPTER:
            return b.chapter_title or ""
        if column == self.NOTE:
            return first_line(b.note)
        return None


class BookmarksView(QWidget):
    """A filter field over a bookmark table. A click (or Enter) asks to play the bookmark; the menu
    and the Delete key ask to edit or delete it. ``compact`` hides the filter and the episode columns
    (the pane of one episode)."""

    bookmark_activated = Signal(int)  # bookmark id
    edit_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(
        self,
        library: Library,
        episode_id: int | None = None,
        compact: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = BookmarkListModel(library, episode_id, self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter bookmarks"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._on_filter_edit_text_changed)
        self.view = row_table(
            self.model,
            BookmarkListModel.NOTE,
            ((0, 120), (1, 180), (2, 64), (3, 160)),
            self,
            self.tr(
                "No bookmarks here yet.\nPress Ctrl+B while listening, or right-click a chapter or a"
                " timestamp: “Bookmark this moment”."
            ),
        )
        view = self.view
        view.clicked.connect(self._on_view_activated)
        view.activated.connect(self._on_view_activated)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._on_view_menu_requested)
        self.delete_action = QAction(self.tr("Delete bookmark"), view)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.setProperty("shortcut_where", self.tr("In a bookmarks list"))
        self.delete_action.triggered.connect(self._on_delete_action_triggered)
        view.addAction(self.delete_action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.filter_edit)
        layout.addWidget(view, 1)
        if compact:
            self.filter_edit.hide()
            view.hideColumn(BookmarkListModel.PODCAST)
            view.hideColumn(BookmarkListModel.EPISODE)
            layout.setContentsMargins(0, 0, 0, 0)

    def selected_bookmark(self) -> Bookmark | None:
        """The selected bookmark."""
        rows = self.view.selectionModel().selectedRows()
        return self.model.bookmark(rows[0].row()) if rows else None

    def select(self, bookmark_id: int) -> bool:
        """Select a bookmark's row; False when it is not shown."""
        row = self.model.row_of(bookmark_id)
        if row is None:
            return False
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        return True

    def menu_for(self, bookmark_id: int) -> QMenu:
        """The actions for one bookmark: play, edit, delete."""
        menu = QMenu(self)
        menu.addAction(self.tr("Play from here"), lambda: self.bookmark_activated.emit(bookmark_id))
        menu.addAction(self.tr("Edit…"), lambda: self.edit_requested.emit(bookmark_id))
        menu.addAction(self.tr("Delete"), lambda: self.delete_requested.emit(bookmark_id))
        return menu

    @Slot(str)
    def _on_filter_edit_text_changed(self, text: str) -> None:
        self.model.set_text_filter(text)

    @Slot(QModelIndex)
    def _on_view_activated(self, index: QModelIndex) -> None:
        bookmark = self.model.bookmark(index.row())
        if bookmark is not None:
            self.bookmark_activated.emit(bookmark.id)

    @Slot(QPoint)
    def _on_view_menu_requested(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        bookmark = self.model.bookmark(index.row()) if index.isValid() else None
        if bookmark is not None:
            self.view.selectRow(index.row())
            self.menu_for(bookmark.id).popup(self.view.viewport().mapToGlobal(point))

    @Slot()
    def _on_delete_action_triggered(self) -> None:
        bookmark = self.selected_bookmark()
        if bookmark is not None:
            self.delete_requested.emit(bookmark.id)
