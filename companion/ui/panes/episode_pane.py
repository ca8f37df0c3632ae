"""EpisodePane: the filter row and the episode table over EpisodeListModel."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelection, QModelIndex, QPoint, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from companion.library import EpisodeFilter, Library
from companion.ui.models.episode_model import EpisodeListModel
from companion.ui.models.tables import row_table
from companion.ui.plain import plain_label

FILTERS = (  # shown translated (context EpisodePane)
    (QT_TRANSLATE_NOOP("EpisodePane", "All episodes"), EpisodeFilter.ALL),
    (QT_TRANSLATE_NOOP("EpisodePane", "Unplayed"), EpisodeFilter.UNPLAYED),
    (QT_TRANSLATE_NOOP("EpisodePane", "In progress"), EpisodeFilter.IN_PROGRESS),
    (QT_TRANSLATE_NOOP("EpisodePane", "Played"), EpisodeFilter.PLAYED),
    (QT_TRANSLATE_NOOP("EpisodePane", "Starred"), EpisodeFilter.STARRED),
)


class EpisodePane(QWidget):
    """Shows the library's episodes; says which one is selected, activated or right-clicked."""

    episode_selected = Signal(int)
    episode_activated = Signal(int)
    menu_requested = Signal(int, QPoint)  # episode id, global position

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = EpisodeListModel(library, self)
        self._keep: int | None = None
        self.model.modelAboutToBeReset.connect(self._on_model_about_to_be_reset)
        self.model.modelReset.connect(self._on_model_reset)
        self.view = row_table(
            self.model,
            EpisodeListModel.TITLE,
            ((1, 140), (2, 90), (3, 64), (4, 70)),
            self,
            self._empty_hint(),
        )
        view = self.view
        header = view.horizontalHeader()
        header.setSortIndicator(EpisodeListModel.PUBLISHED, Qt.SortOrder.DescendingOrder)
        header.setSortIndicatorShown(True)
        view.setSortingEnabled(True)
        view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        view.activated.connect(self._on_view_activated)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._on_view_menu_requested)

        self.filter_combo = QComboBox(self)
        for label, _ in FILTERS:
            self.filter_combo.addItem(self.tr(label))
        self.filter_combo.currentIndexChanged.connect(self._on_filter_combo_changed)
        self.podcast_combo = QComboBox(self)
        self.podcast_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.podcast_combo.setMinimumContentsLength(16)
        self.podcast_combo.setToolTip(self.tr("Show the episodes of one podcast"))
        self._library = library
        self._fill_podcasts()
        self.podcast_combo.currentIndexChanged.connect(self._on_podcast_combo_changed)
        row = QHBoxLayout()
        row.setContentsMargins(4, 0, 4, 0)
        row.addWidget(plain_label(self.tr("Show:"), self))
        row.addWidget(self.filter_combo)
        row.addWidget(plain_label(self.tr("of", "Show: [All episodes] of [all podcasts]"), self))
        row.addWidget(self.podcast_combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(row)
        layout.addWidget(view, 1)

    def select(self, episode_id: int) -> bool:
        """Select and show an episode's row; False when the list does not show it."""
        row = self.model.row_of(episode_id)
        if row is None:
            return False
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        return True

    def reload(self) -> None:
        """Re-read the list and the podcasts, keeping the selection (and the podcast, while it exists)."""
        self._fill_podcasts()
        self.model.reload()

    def show_filter(self, episode_filter: EpisodeFilter) -> None:
        """Show only the episodes of ``episode_filter`` (unplayed, starred, ...)."""
        for index, (_, which) in enumerate(FILTERS):
            if which is episode_filter:
                self.filter_combo.setCurrentIndex(index)

    def show_podcast(self, podcast_id: int | None) -> None:
        """Show one podcast's episodes, or all (None)."""
        index = self.podcast_combo.findData(podcast_id) if podcast_id is not None else 0
        self.podcast_combo.setCurrentIndex(max(index, 0))

    def _fill_podcasts(self) -> None:
        """The podcast choice: every podcast by title (one cheap query; no counts)."""
        combo = self.podcast_combo
        current = self.model.podcast_id
        podcasts = [(p.id, p.title) for p in self._library.podcasts()]
        shown = [combo.itemData(i) for i in range(1, combo.count())]
        if combo.count() and shown == [pid for pid, _ in podcasts]:  # the same podcasts: titles only
            for i, (_, title) in enumerate(podcasts, start=1):
                combo.setItemText(i, title)
            return
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("all podcasts"), None)
        for podcast_id, title in podcasts:
            combo.addItem(title, podcast_id)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
        if current is not None and index < 0:
            self.model.set_podcast(None)  # it was removed: back to every podcast

    @Slot()
    def _on_model_about_to_be_reset(self) -> None:
        self._keep = self.current_episode_id()

    @Slot()
    def _on_model_reset(self) -> None:
        if self._keep is not None:
            self.select(self._keep)

    def current_episode_id(self) -> int | None:
        """The selected episode."""
        rows = self.view.selectionModel().selectedRows()
        return self.model.episode_id(rows[0].row()) if rows else None

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, selected: QItemSelection, _old: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            episode_id = self.model.episode_id(indexes[0].row())
            if episode_id is not None:
                self.episode_selected.emit(episode_id)

    @Slot(QModelIndex)
    def _on_view_activated(self, index: QModelIndex) -> None:
        episode_id = self.model.episode_id(index.row())
        if episode_id is not None:
            self.episode_activated.emit(episode_id)

    @Slot(QPoint)
    def _on_view_menu_requested(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        episode_id = self.model.episode_id(index.row()) if index.isValid() else None
        if episode_id is not None:
            self.menu_requested.emit(episode_id, self.view.viewport().mapToGlobal(point))

    @Slot(int)
    def _on_filter_combo_changed(self, index: int) -> None:
        self._update_hint()
        self.model.set_filter(FILTERS[index][1])

    @Slot(int)
    def _on_podcast_combo_changed(self, index: int) -> None:
        self._update_hint()
        self.model.set_podcast(self.podcast_combo.itemData(index))

    def _update_hint(self) -> None:
        everything = self.filter_combo.currentIndex() == 0 and self.podcast_combo.currentIndex() <= 0
        self.view.hint = self._empty_hint() if everything else self.tr("No episodes match this filter.")

    def _empty_hint(self) -> str:
        return self.tr(
            "No episodes yet.\nAdd a podcast (Ctrl+N), import your subscriptions (File ▸ Import OPML…)"
            " or add an episode from a file (Ctrl+Shift+N)."
        )
