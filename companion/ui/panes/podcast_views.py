"""The Podcasts view's two views of one model: a grid of covers and a list, with the New badge."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QFont, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from companion.ui.models.podcast_model import NEW_COUNT_ROLE, PODCAST_ID_ROLE, PodcastListModel
from companion.ui.models.tables import HintTableView, row_table

GRID_COVER_SIZE = 128
LIST_ROW_HEIGHT = 38
_MOVES = {Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home, Qt.Key.Key_End}
_Index = QModelIndex | QPersistentModelIndex


def paint_badge(painter: QPainter, right_top: QPoint, count: int, palette: QPalette) -> QRect:
    """The New badge: the count in a pill whose top right corner is ``right_top``; its rectangle."""
    text = str(count) if count < 1000 else "999+"
    font = QFont(painter.font())
    font.setBold(True)
    painter.save()
    painter.setFont(font)
    metrics = painter.fontMetrics()
    height = metrics.height() + 4
    width = max(height, metrics.horizontalAdvance(text) + 10)
    rect = QRect(right_top.x() - width, right_top.y(), width, height)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
    painter.drawRoundedRect(rect, height / 2, height / 2)
    painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()
    return rect


class GridDelegate(QStyledItemDelegate):
    """A grid cell: the cover (asked for only when painted), the New badge on it, two lines of title."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        lines = option.fontMetrics.lineSpacing() * 2
        return QSize(GRID_COVER_SIZE + 16, GRID_COVER_SIZE + lines + 16)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(option.palette.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(option.rect.adjusted(1, 1, -1, -1), 6, 6)
            painter.restore()
        model = index.model()
        cover_rect = QRect(
            option.rect.x() + (option.rect.width() - GRID_COVER_SIZE) // 2,
            option.rect.y() + 6,
            GRID_COVER_SIZE,
            GRID_COVER_SIZE,
        )
        if isinstance(model, PodcastListModel):
            summary = model.summary(index.row())
            if summary is not None:
                painter.drawPixmap(cover_rect, model.covers.cover(summary.id, summary.title, GRID_COVER_SIZE))
        count = index.data(NEW_COUNT_ROLE) or 0
        if count:
            paint_badge(painter, QPoint(cover_rect.right() + 4, cover_rect.top() - 4), count, option.palette)
        text_rect = QRect(
            option.rect.x() + 4,
            cover_rect.bottom() + 6,
            option.rect.width() - 8,
            option.rect.bottom() - cover_rect.bottom() - 6,
        )
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setPen(option.palette.color(role))
        title = index.data(Qt.ItemDataRole.DisplayRole) or ""
        metrics = option.fontMetrics
        elided = metrics.elidedText(title, Qt.TextElideMode.ElideRight, text_rect.width() * 2 - 8)
        painter.drawText(
            text_rect,
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            elided,
        )
        painter.restore()


class BadgeDelegate(QStyledItemDelegate):
    """The list's New column: the count as the same badge as the grid's (nothing when none is new)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        panel = QStyleOptionViewItem(option)
        self.initStyleOption(panel, index)
        panel.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, panel, painter, option.widget)
        count = index.data(NEW_COUNT_ROLE) or 0
        if count:
            top = option.rect.top() + (option.rect.height() - option.fontMetrics.height() - 4) // 2
            paint_badge(painter, QPoint(option.rect.right() - 6, top), count, option.palette)


class PodcastViewKeys:
    """What both views do with keys and the context menu: Enter opens (``activated``), Delete asks to
    unsubscribe, the menu key or a right click asks for the podcast's menu at its place."""

    menu_requested: Signal  # podcast id, global position (each view declares the signals)
    delete_requested: Signal

    def _menu_event(self, view: QAbstractItemView, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            index = view.indexAt(event.pos())
            where = event.globalPos()
        else:  # the menu key: at the current podcast
            index = view.currentIndex()
            where = view.viewport().mapToGlobal(view.visualRect(index).center())
        podcast_id = index.data(PODCAST_ID_ROLE) if index.isValid() else None
        if podcast_id is not None:
            self.menu_requested.emit(podcast_id, where)

    def _key_event(self, view: QAbstractItemView, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Delete and not event.modifiers():
            index = view.currentIndex()
            if index.isValid():
                self.delete_requested.emit(index.data(PODCAST_ID_ROLE))
                return True
        return False


def _claims_moves(event: QEvent) -> bool:
    """A ShortcutOverride of a plain arrow, Home or End: the view moves (the window's Left/Right skip
    elsewhere)."""
    if event.type() != QEvent.Type.ShortcutOverride:
        return False
    key = event  # a QKeyEvent
    return key.key() in _MOVES and not key.modifiers() & ~Qt.KeyboardModifier.KeypadModifier  # type: ignore[attr-defined]


class PodcastGrid(PodcastViewKeys, QListView):
    """The podcasts as a grid of covers (icon mode)."""

    menu_requested = Signal(int, QPoint)
    delete_requested = Signal(int)

    def __init__(self, model: PodcastListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setModelColumn(PodcastListModel.TITLE)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setSpacing(6)
        self.setWordWrap(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setItemDelegate(GridDelegate(self))

    def event(self, event: QEvent) -> bool:
        if _claims_moves(event):
            event.accept()
            return True
        return super().event(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self._menu_event(self, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._key_event(self, event):
            super().keyPressEvent(event)


class PodcastTable(PodcastViewKeys, HintTableView):
    """The podcasts as a list: cover, title, author, counts, last episode, last refresh."""

    menu_requested = Signal(int, QPoint)
    delete_requested = Signal(int)

    def event(self, event: QEvent) -> bool:
        if _claims_moves(event) and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):  # type: ignore[attr-defined]
            event.accept()
            return True
        return super().event(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self._menu_event(self, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._key_event(self, event):
            super().keyPressEvent(event)


def podcast_table(model: PodcastListModel, parent: QWidget | None = None, hint: str = "") -> PodcastTable:
    """The list view over ``model``, set up as the window's other tables are (rows, fixed heights)."""
    view = row_table(
        model,
        PodcastListModel.TITLE,
        ((1, 140), (2, 70), (3, 70), (4, 70), (5, 90), (6, 130)),
        parent,
        hint,
        PodcastTable,
    )
    view.setIconSize(QSize(32, 32))
    view.verticalHeader().setDefaultSectionSize(LIST_ROW_HEIGHT)
    view.setItemDelegateForColumn(PodcastListModel.NEW, BadgeDelegate(view))
    view.horizontalHeader().setSortIndicator(model.sort_column, model.sort_order)
    view.horizontalHeader().setSortIndicatorShown(True)
    view.setSortingEnabled(True)
    return view
