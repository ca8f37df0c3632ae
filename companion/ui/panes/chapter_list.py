"""ChapterListView: the selected episode's chapters grouped under their sections."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QHeaderView, QMenu, QTreeWidget, QTreeWidgetItem, QWidget

from companion.domain import Chapter
from companion.ui.plain import plain_tooltip
from companion.ui.widgets.format import format_ms

START_ROLE = Qt.ItemDataRole.UserRole + 1
CURRENT_ROLE = Qt.ItemDataRole.UserRole + 2
BEYOND_ROLE = Qt.ItemDataRole.UserRole + 3  # starts past the end of the audio
TITLE_ROLE = Qt.ItemDataRole.UserRole + 4


class ChapterListView(QTreeWidget):
    """Start time beside each title; activating a chapter asks to play from it."""

    chapter_activated = Signal(int)  # start_ms
    bookmark_requested = Signal(int, str)  # start_ms, chapter title

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._audio_length: int | None = None
        self.setColumnCount(2)
        self.setHeaderLabels([self.tr("Chapter"), self.tr("Start")])
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.itemActivated.connect(self._on_self_item_activated)
        self.itemClicked.connect(self._on_self_item_activated)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._on_self_menu_requested)

    def set_chapters(self, chapters: list[Chapter]) -> None:
        """Show ``chapters`` (sorted by start), a group per section."""
        self.clear()
        group: QTreeWidgetItem | None = None
        current_section: str | None = None
        for chapter in chapters:
            if chapter.section and chapter.section != current_section:
                current_section = chapter.section
                group = QTreeWidgetItem(self, [chapter.section, ""])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setExpanded(True)
            elif not chapter.section:
                current_section, group = None, None
            parent = group if group is not None else self.invisibleRootItem()
            item = QTreeWidgetItem(parent, [chapter.title, format_ms(chapter.start_ms)])
            item.setData(0, START_ROLE, chapter.start_ms)
            item.setData(0, TITLE_ROLE, chapter.title)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, plain_tooltip(chapter.title))
        self.expandAll()

    def set_audio_length(self, length_ms: int | None) -> None:
        """Mark the chapters that start past the end of the audio (the notes describe a longer cut)."""
        self._audio_length = length_ms
        for item in self.chapter_items():
            start = int(item.data(0, START_ROLE))
            beyond = bool(length_ms) and start >= length_ms
            if bool(item.data(0, BEYOND_ROLE)) == beyond:
                continue
            item.setData(0, BEYOND_ROLE, beyond)
            brush = self.palette().placeholderText() if beyond else QBrush()
            for column in (0, 1):
                item.setForeground(column, brush)
            past = self.tr("{time} · past the end").format(time=format_ms(start))
            item.setText(1, past if beyond else format_ms(start))
            title = item.data(0, TITLE_ROLE)
            after = self.tr("{title} (starts after the end of the audio)").format(title=title)
            item.setToolTip(0, plain_tooltip(after if beyond else title))

    def set_current(self, start_ms: int | None) -> None:
        """Highlight the chapter starting at ``start_ms`` (None: no highlight)."""
        for item in self.chapter_items():
            current = start_ms is not None and item.data(0, START_ROLE) == start_ms
            if bool(item.data(0, CURRENT_ROLE)) == current:
                continue
            item.setData(0, CURRENT_ROLE, current)
            for column in (0, 1):
                font = item.font(column)
                font.setBold(current)
                item.setFont(column, font)
                item.setBackground(column, self.palette().highlight() if current else QBrush())
                item.setForeground(column, self.palette().highlightedText() if current else QBrush())
            if current:
                self.scrollToItem(item)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            current, length = self.current_start(), self._audio_length
            self.set_current(None)
            self.set_audio_length(None)
            self.set_audio_length(length)  # the marks and the highlight in the new palette's colours
            self.set_current(current)

    def current_start(self) -> int | None:
        """Start of the highlighted chapter."""
        for item in self.chapter_items():
            if item.data(0, CURRENT_ROLE):
                return int(item.data(0, START_ROLE))
        return None

    def chapter_items(self) -> list[QTreeWidgetItem]:
        """Every chapter item in order (section headers left out)."""
        items = []
        for i in range(self.topLevelItemCount()):
            top = self.topLevelItem(i)
            if top.data(0, START_ROLE) is not None:
                items.append(top)
            for j in range(top.childCount()):
                items.append(top.child(j))
        return items

    def chapter_menu(self, item: QTreeWidgetItem) -> QMenu | None:
        """Play from here / Bookmark this moment, for a chapter item (None for a section header)."""
        start = item.data(0, START_ROLE)
        if start is None:
            return None
        menu = QMenu(self)
        menu.addAction(self.tr("Play from here"), lambda: self.chapter_activated.emit(int(start)))
        menu.addAction(
            self.tr("Bookmark this moment"), lambda: self.bookmark_requested.emit(int(start), item.text(0))
        )
        return menu

    @Slot(QPoint)
    def _on_self_menu_requested(self, point: QPoint) -> None:
        item = self.itemAt(point)
        menu = self.chapter_menu(item) if item is not None else None
        if menu is not None:
            menu.popup(self.viewport().mapToGlobal(point))

    @Slot(QTreeWidgetItem, int)
    def _on_self_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        start = item.data(0, START_ROLE)
        if start is not None:
            self.chapter_activated.emit(int(start))
