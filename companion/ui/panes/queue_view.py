"""The Up Next queue: QueueModel (drag-and-drop reorder, stored in the library) and QueueView."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from companion.domain import EpisodeSummary
from companion.library import Library
from companion.ui.models.episode_model import EPISODE_ID_ROLE
from companion.ui.plain import plain_tooltip
from companion.ui.widgets.format import format_ms

if TYPE_CHECKING:
    from companion.playback.controller import PlaybackController

MIME = "application/x-companion-queue-row"
_Index = QModelIndex | QPersistentModelIndex


class QueueModel(QAbstractListModel):
    """The queue's episodes in order; moving rows writes the new order to the library."""

    def __init__(self, library: Library, parent: Any = None) -> None:
        super().__init__(parent)
        self._library = library
        self._rows: list[EpisodeSummary] = []
        self._controller: PlaybackController | None = None
        self.reload()

    def follow(self, controller: PlaybackController) -> None:
        """Keep each row's time left current: the playing episode's as it plays, another's when its
        stored position or played mark changes."""
        self._controller = controller
        controller.position_changed.connect(self._on_controller_position_changed)
        controller.duration_changed.connect(self._on_controller_position_changed)
        controller.episode_updated.connect(self._on_controller_episode_updated)

    def _row_of(self, episode_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == episode_id), None)

    def _replace(self, row: int, summary: EpisodeSummary) -> None:
        old = self._rows[row]
        self._rows[row] = summary
        if _time_left(old) != _time_left(summary):
            index = self.index(row)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])

    def _on_controller_position_changed(self, _value: int) -> None:
        controller = self._controller
        episode = controller.episode if controller is not None else None
        row = self._row_of(episode.id) if episode is not None else None
        if controller is None or row is None:
            return
        old = self._rows[row]
        position = controller.position_ms()
        duration = controller.duration_ms() or old.duration_ms
        self._replace(row, dataclasses.replace(old, position_ms=position, duration_ms=duration))

    def _on_controller_episode_updated(self, episode_id: int) -> None:
        row = self._row_of(episode_id)
        playing = self._controller.episode if self._controller is not None else None
        if row is None or (playing is not None and playing.id == episode_id):
            return  # the playing episode follows the player's position instead
        fresh = self._library.episode_summaries([episode_id])
        if fresh:
            self._replace(row, fresh[0])

    def reload(self) -> None:
        """Re-read the queue from the library."""
        self.beginResetModel()
        self._rows = self._library.episode_summaries(self._library.queue_ids())
        self.endResetModel()

    def episode_ids(self) -> list[int]:
        """The queue, in order."""
        return [r.id for r in self._rows]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            left = _time_left(row)
            return f"{row.title}\n{row.podcast_title}{f'  ·  {left}' if left else ''}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(row.title)
        if role == EPISODE_ID_ROLE:
            return row.id
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if index.isValid():
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        return Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data.setData(MIME, QByteArray(",".join(map(str, rows)).encode()))
        return data

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME):
            return False
        text = bytes(data.data(MIME).data()).decode()
        rows = [int(r) for r in text.split(",") if r.strip().isdigit()]
        if not rows:
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._rows)
        self.move_rows(rows, row)
        return True

    def move_rows(self, rows: list[int], destination: int) -> None:
        """Move ``rows`` so they sit before ``destination`` and store the new order."""
        moving = [self._rows[r].id for r in rows if 0 <= r < len(self._rows)]
        before_id = next((r.id for r in self._rows[max(0, destination) :] if r.id not in moving), None)
        # relative to a neighbour, not the whole order shown: what another process queued or took
        # out since this list was read stays as it is
        self._library.queue_move_before(moving, before_id)
        self.reload()

    def removeRows(self, row: int, count: int, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        # moves are done in dropMimeData; the view's own "remove after move" is refused
        return False


def _time_left(row: EpisodeSummary) -> str:
    """``12:34 left`` (``played`` once played through), "" when the length is unknown."""
    if row.played_at is not None and row.position_ms == 0:
        return QCoreApplication.translate("QueueModel", "played")
    if not row.duration_ms:
        return ""
    left = format_ms(max(0, row.duration_ms - row.position_ms))
    return QCoreApplication.translate("QueueModel", "{time} left").format(time=left)


class QueueView(QListView):
    """The queue list: drag to reorder; shows a hint when empty."""

    episode_activated = Signal(int)

    HINT = QT_TRANSLATE_NOOP(
        "QueueView", "Up Next is empty.\nRight-click an episode and choose “Add to Up Next”."
    )

    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.activated.connect(self._on_self_activated)

    def _on_self_activated(self, index: QModelIndex) -> None:
        episode_id = index.data(EPISODE_ID_ROLE)
        if episode_id is not None:
            self.episode_activated.emit(int(episode_id))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self.viewport().rect().adjusted(12, 12, -12, -12),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.tr(self.HINT),
            )
            painter.end()
