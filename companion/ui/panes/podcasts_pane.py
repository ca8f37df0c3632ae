"""PodcastsPane: the Podcasts tab: every podcast as a grid of covers or a list (switchable), sorted,
and one podcast opened in place (PodcastDetail)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from companion.library import Library
from companion.ui.models.podcast_model import PodcastListModel
from companion.ui.panes.podcast_detail import PodcastDetail
from companion.ui.panes.podcast_views import PodcastGrid, podcast_table
from companion.ui.plain import plain_label, plain_tooltip
from companion.ui.widgets.cover_source import CoverSource

GRID, LIST = "grid", "list"
# the sort choices: (name kept in the layout, column, order)
SORTS = (
    ("title", PodcastListModel.TITLE, Qt.SortOrder.AscendingOrder),
    ("unplayed", PodcastListModel.UNPLAYED, Qt.SortOrder.DescendingOrder),
    ("last_episode", PodcastListModel.LAST_EPISODE, Qt.SortOrder.DescendingOrder),
)


class PodcastsPane(QWidget):
    """The podcasts and the opened one. Says what is opened or asked for; the window acts."""

    podcast_opened = Signal(int)
    closed = Signal()  # back to every podcast

    def __init__(self, library: Library, covers: CoverSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PodcastListModel(library, covers, self, load=False)  # read when first needed
        self.grid = PodcastGrid(self.model, self)
        self.grid.setObjectName("podcast-grid")
        self.table = podcast_table(
            self.model, self, self.tr("No podcasts yet. Add one with Add podcast (Ctrl+N).")
        )
        self.table.setObjectName("podcast-list")
        for view in (self.grid, self.table):
            view.activated.connect(self._on_view_activated)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._on_table_sorted)
        self.sort_combo = QComboBox(self)
        for label in (self.tr("Title"), self.tr("Most unplayed"), self.tr("Last episode")):
            self.sort_combo.addItem(label)
        self.sort_combo.setToolTip(plain_tooltip(self.tr("Sort the podcasts")))
        self.sort_combo.activated.connect(self._on_sort_combo_activated)
        self.grid_button = self._mode_button(self.tr("Grid"), self.tr("Show covers in a grid"))
        self.list_button = self._mode_button(self.tr("List"), self.tr("Show a list with every count"))
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.grid_button)
        self.mode_group.addButton(self.list_button)
        self.grid_button.setChecked(True)
        self.grid_button.toggled.connect(lambda on: self.set_mode(GRID if on else LIST))
        self.views = QStackedWidget(self)
        self.views.addWidget(self.grid)
        self.views.addWidget(self.table)
        overview = QWidget(self)
        row = QHBoxLayout()
        row.setContentsMargins(4, 0, 4, 0)
        row.addWidget(plain_label(self.tr("Sort by:"), overview))
        row.addWidget(self.sort_combo)
        row.addStretch(1)
        row.addWidget(self.grid_button)
        row.addWidget(self.list_button)
        column = QVBoxLayout(overview)
        column.setContentsMargins(0, 4, 0, 0)
        column.addLayout(row)
        column.addWidget(self.views, 1)
        self.overview = overview
        self.detail = PodcastDetail(library, covers, self)
        self.detail.back_requested.connect(self.close_podcast)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(overview)
        self.pages.addWidget(self.detail)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def _mode_button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(plain_tooltip(tip))
        button.setCheckable(True)
        button.setAutoRaise(True)
        return button

    # ----- modes, order ------------------------------------------------------------------------

    @property
    def mode(self) -> str:
        """``grid`` or ``list``."""
        return GRID if self.views.currentWidget() is self.grid else LIST

    @property
    def current_view(self) -> QAbstractItemView:
        """The view shown (the grid or the list)."""
        return self.grid if self.mode == GRID else self.table

    def set_mode(self, mode: str) -> None:
        """Show the grid or the list, keeping the current podcast."""
        podcast_id = self.current_podcast_id()
        view = self.table if mode == LIST else self.grid
        self.views.setCurrentWidget(view)
        (self.list_button if mode == LIST else self.grid_button).setChecked(True)
        if podcast_id is not None:
            self.select(podcast_id)
        if self.pages.currentWidget() is self.overview and self.isVisible():
            view.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def sort_name(self) -> str:
        """The sort choice's name (``title``, ``unplayed``, ``last_episode``), or the column's number."""
        for name, column, order in SORTS:
            if (self.model.sort_column, self.model.sort_order) == (column, order):
                return name
        return f"{self.model.sort_column}:{int(self.model.sort_order.value)}"

    def sort_by(self, name: str) -> None:
        """Sort as one of SORTS (by name) or as a remembered ``column:order``."""
        for index, (known, column, order) in enumerate(SORTS):
            if known == name:
                self.sort_combo.setCurrentIndex(index)
                self.table.horizontalHeader().setSortIndicator(column, order)  # sorts the model
                return
        try:
            column, order = (int(part) for part in name.split(":"))
            self.table.horizontalHeader().setSortIndicator(column, Qt.SortOrder(order))
        except ValueError:
            return

    @Slot(int)
    def _on_sort_combo_activated(self, index: int) -> None:
        self.sort_by(SORTS[index][0])

    @Slot(int, Qt.SortOrder)
    def _on_table_sorted(self, _column: int, _order: Qt.SortOrder) -> None:
        for index, (name, _, _) in enumerate(SORTS):
            if name == self.sort_name:
                self.sort_combo.setCurrentIndex(index)

    # ----- the podcasts ------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_loaded()
        super().showEvent(event)

    def ensure_loaded(self) -> None:
        """Read the podcasts, if not yet (the window does after its first paint; a shown tab at once)."""
        if not self.model.loaded:
            self.reload()

    def reload(self) -> None:
        """Read the podcasts again, keeping the current one (and the opened one, while it exists)."""
        keep = self.current_podcast_id()
        self.model.reload()
        if keep is not None:
            self.select(keep)
        opened = self.opened_podcast_id
        if opened is not None:
            row = self.model.row_of(opened)
            if row is None:
                self.close_podcast()
                self.detail.forget()
            else:
                self.detail.show_podcast(self.model.summary(row), self.model)  # type: ignore[arg-type]
                self.detail.episode_model.reload()

    def focus_order(self) -> list[QWidget]:
        """The pane's widgets in Tab order (hidden ones are passed over)."""
        detail = self.detail
        return [
            self.sort_combo,
            self.grid_button,
            self.list_button,
            self.grid,
            self.table,
            detail.back_button,
            detail.refresh_button,
            detail.mark_played_button,
            detail.speed_combo,
            detail.unsubscribe_button,
            detail.description_view,
            detail.episode_view,
        ]

    def current_podcast_id(self) -> int | None:
        """The podcast under the cursor of the view shown."""
        return self.model.podcast_id(self.current_view.currentIndex().row())

    def select(self, podcast_id: int) -> bool:
        """Make a podcast the current one in both views; False when it is not there."""
        row = self.model.row_of(podcast_id)
        if row is None:
            return False
        for view in (self.grid, self.table):
            index = self.model.index(row, 0 if view is self.table else self.grid.modelColumn())
            view.setCurrentIndex(index)
            view.scrollTo(index)
        return True

    @property
    def opened_podcast_id(self) -> int | None:
        """The podcast shown in the detail page, None on the overview."""
        if self.pages.currentWidget() is not self.detail or self.detail.podcast is None:
            return None
        return self.detail.podcast.id

    def open_podcast(self, podcast_id: int, new_before: int = 0) -> bool:
        """Show one podcast's page; False when it is not there."""
        row = self.model.row_of(podcast_id)
        if row is None:
            return False
        self.select(podcast_id)
        self.detail.show_podcast(self.model.summary(row), self.model, new_before)  # type: ignore[arg-type]
        self.pages.setCurrentWidget(self.detail)
        self.detail.episode_view.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    @Slot()
    def close_podcast(self) -> None:
        """Back to every podcast, the one just opened the current one."""
        if self.pages.currentWidget() is self.detail:
            self.pages.setCurrentWidget(self.overview)
            if self.detail.podcast is not None:
                self.select(self.detail.podcast.id)
            self.current_view.setFocus(Qt.FocusReason.OtherFocusReason)
            self.closed.emit()

    @Slot(QModelIndex)
    def _on_view_activated(self, index: QModelIndex) -> None:
        podcast_id = self.model.podcast_id(index.row())
        if podcast_id is not None:
            self.podcast_opened.emit(podcast_id)
