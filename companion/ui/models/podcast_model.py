"""PodcastListModel: every podcast with its counts (one grouped query), sorted with a collator."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCollator,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Slot,
)

from companion.domain import PodcastSummary
from companion.library import Library, LibraryError
from companion.ui.models.tables import HeaderedTableModel
from companion.ui.plain import plain_tooltip
from companion.ui.widgets.cover_source import CoverSource
from companion.ui.widgets.format import format_date

PODCAST_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NEW_COUNT_ROLE = Qt.ItemDataRole.UserRole + 2
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 3
LIST_COVER_SIZE = 32
_Index = QModelIndex | QPersistentModelIndex


def title_collator() -> QCollator:
    """Titles in the reader's order: Chinese by pinyin (a zh collator), numbers as numbers, any case."""
    collator = QCollator(QLocale("zh_CN"))
    collator.setNumericMode(True)
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return collator


def _date_time(epoch_s: int | None) -> str:
    if epoch_s is None:
        return ""
    return dt.datetime.fromtimestamp(epoch_s).strftime("%Y-%m-%d %H:%M")


class PodcastListModel(HeaderedTableModel):
    """The Podcasts view's rows: a podcast a row, its counts as columns; sorted in Python (200 rows)."""

    TITLE, AUTHOR, EPISODES, UNPLAYED, NEW, LAST_EPISODE, REFRESHED = range(7)
    HEADERS = (
        QT_TRANSLATE_NOOP("PodcastListModel", "Title"),
        QT_TRANSLATE_NOOP("PodcastListModel", "Author"),
        QT_TRANSLATE_NOOP("PodcastListModel", "Episodes"),
        QT_TRANSLATE_NOOP("PodcastListModel", "Unplayed"),
        QT_TRANSLATE_NOOP("PodcastListModel", "New"),
        QT_TRANSLATE_NOOP("PodcastListModel", "Last episode"),
        QT_TRANSLATE_NOOP("PodcastListModel", "Last refresh"),
    )

    def __init__(self, library: Library, covers: CoverSource, parent: Any = None, load: bool = True) -> None:
        """``load``: read the podcasts now (else at the first ``reload``: the window reads them only
        after its first paint, or when the tab is first shown)."""
        super().__init__(parent)
        self._library = library
        self.covers = covers
        self._rows: list[PodcastSummary] = []
        self._sort_column = self.TITLE
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._collator = title_collator()
        self.loaded = False
        covers.cover_ready.connect(self._on_covers_cover_ready)
        if load:
            self.reload()

    # ----- loading and order -------------------------------------------------------------------

    def reload(self) -> None:
        """Read every podcast with its counts again (one query) and sort them."""
        try:
            rows = self._library.podcast_summaries() if self._library.is_open else []
        except LibraryError:
            rows = self._rows
        self.beginResetModel()
        self._rows = self._sorted(rows)
        self.loaded = True
        self.endResetModel()

    def _key(self, column: int) -> Callable[[PodcastSummary], Any]:
        keys: dict[int, Callable[[PodcastSummary], Any]] = {
            self.TITLE: lambda p: self._collator.sortKey(p.title),
            self.AUTHOR: lambda p: self._collator.sortKey(p.author),
            self.EPISODES: lambda p: p.episodes,
            self.UNPLAYED: lambda p: p.unplayed,
            self.NEW: lambda p: p.new,
            self.LAST_EPISODE: lambda p: p.last_published_at or 0,
            self.REFRESHED: lambda p: p.refreshed_at or 0,
        }
        return keys.get(column, keys[self.TITLE])

    def _sorted(self, rows: list[PodcastSummary]) -> list[PodcastSummary]:
        """By the sort column; equal ones by title, A to Z (a stable sort on the titles' order)."""
        by_title = sorted(rows, key=self._key(self.TITLE))
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        if self._sort_column == self.TITLE:
            return by_title[::-1] if descending else by_title
        return sorted(by_title, key=self._key(self._sort_column), reverse=descending)

    @property
    def sort_column(self) -> int:
        """The column the rows are sorted by."""
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        """Ascending or descending."""
        return self._sort_order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by any column (titles and authors by the collator); persistent indexes follow."""
        if not 0 <= column < len(self.HEADERS):
            return
        self.layoutAboutToBeChanged.emit()
        old = list(self._rows)
        self._sort_column, self._sort_order = column, order
        self._rows = self._sorted(self._rows)
        where = {p.id: row for row, p in enumerate(self._rows)}
        for persistent in self.persistentIndexList():
            if persistent.isValid():
                row = where[old[persistent.row()].id]
                self.changePersistentIndex(persistent, self.index(row, persistent.column()))
        self.layoutChanged.emit()

    # ----- lookups -------------------------------------------------------------------------------

    def podcast_id(self, row: int) -> int | None:
        """The podcast shown in ``row``."""
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def summary(self, row: int) -> PodcastSummary | None:
        """The podcast of ``row`` with its counts."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, podcast_id: int) -> int | None:
        """The row showing ``podcast_id``."""
        return next((row for row, p in enumerate(self._rows) if p.id == podcast_id), None)

    def new_total(self) -> int:
        """New episodes over every podcast (the tab's count)."""
        return sum(p.new for p in self._rows)

    @Slot(int)
    def _on_covers_cover_ready(self, podcast_id: int) -> None:
        if not self._rows:
            return
        row = self.row_of(podcast_id) if podcast_id >= 0 else None
        first, last = (row, row) if row is not None else (0, len(self._rows) - 1)
        if podcast_id < 0 or row is not None:  # the views repaint what they show, no more
            roles = [Qt.ItemDataRole.DecorationRole]
            self.dataChanged.emit(self.index(first, self.TITLE), self.index(last, self.TITLE), roles)

    # ----- Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        text = super().headerData(section, orientation, role)
        return QCoreApplication.translate("PodcastListModel", text) if text else text

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        podcast = self._rows[index.row()]
        column = index.column()
        if role == PODCAST_ID_ROLE:
            return podcast.id
        if role == NEW_COUNT_ROLE:
            return podcast.new
        if role == SUMMARY_ROLE:
            return podcast
        if role == Qt.ItemDataRole.DecorationRole and column == self.TITLE:
            return self.covers.cover(podcast.id, podcast.title, LIST_COVER_SIZE)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self.describe(podcast))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.EPISODES, self.UNPLAYED, self.NEW):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(podcast, column)
        return None

    def _text(self, podcast: PodcastSummary, column: int) -> str | None:
        if column == self.TITLE:
            return podcast.title
        if column == self.AUTHOR:
            return podcast.author
        if column == self.EPISODES:
            return str(podcast.episodes)
        if column == self.UNPLAYED:
            return str(podcast.unplayed)
        if column == self.NEW:
            return self.tr("%n new", "", podcast.new) if podcast.new else ""
        if column == self.LAST_EPISODE:
            return format_date(podcast.last_published_at)
        if column == self.REFRESHED:
            if podcast.refresh_error:
                return self.tr("failed {when}").format(when=_date_time(podcast.refresh_failed_at))
            return _date_time(podcast.refreshed_at)
        return None

    def describe(self, podcast: PodcastSummary) -> str:
        """The podcast in a few lines: title, author, counts, last refresh or its error (a tooltip)."""
        lines = [podcast.title]
        if podcast.author:
            lines.append(self.tr("by {author}").format(author=podcast.author))
        lines.append(self.counts_text(podcast))
        lines.append(self.refresh_text(podcast))
        return "\n".join(line for line in lines if line)

    def counts_text(self, podcast: PodcastSummary) -> str:
        """“12 episodes, 3 unplayed, 1 new”."""
        text = self.tr("%n episode(s)", "", podcast.episodes)
        text = self.tr("{episodes}, {unplayed} unplayed").format(episodes=text, unplayed=podcast.unplayed)
        if podcast.new:
            text = self.tr("{counts}, %n new", "", podcast.new).format(counts=text)
        return text

    def refresh_text(self, podcast: PodcastSummary) -> str:
        """When the feed was last refreshed, or why the last refresh failed ("" for no feed)."""
        if not podcast.feed_url:
            return ""
        if podcast.refresh_error:
            return self.tr("The last refresh ({when}) failed: {error}").format(
                when=_date_time(podcast.refresh_failed_at), error=podcast.refresh_error
            )
        if podcast.refreshed_at is None:
            return self.tr("Not refreshed yet")
        return self.tr("Last refreshed {when}").format(when=_date_time(podcast.refreshed_at))
