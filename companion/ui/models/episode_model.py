"""EpisodeListModel: the episode table over the library, loading rows in pages on demand."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, Qt

from companion.domain import EpisodeSummary
from companion.library import EpisodeFilter, EpisodeSort, Library
from companion.ui.models.tables import HeaderedTableModel
from companion.ui.plain import plain_tooltip
from companion.ui.widgets.format import format_date, format_ms

PAGE_SIZE = 200
MAX_PAGES = 64  # rows kept in memory: PAGE_SIZE * MAX_PAGES
EPISODE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STAR_MARK = "★ "  # before the title of a starred episode
DOWNLOADED_MARK = "⬇ "  # before the title of a downloaded episode

_Index = QModelIndex | QPersistentModelIndex


class EpisodeListModel(HeaderedTableModel):
    """Holds only the ids of the whole list; rows are fetched a page at a time when shown."""

    TITLE, PODCAST, PUBLISHED, DURATION, PROGRESS = range(5)
    HEADERS = (
        QT_TRANSLATE_NOOP("Columns", "Title"),
        QT_TRANSLATE_NOOP("Columns", "Podcast"),
        QT_TRANSLATE_NOOP("Columns", "Published"),
        QT_TRANSLATE_NOOP("Columns", "Length"),
        QT_TRANSLATE_NOOP("Columns", "Progress"),
    )

    def __init__(self, library: Library, parent: Any = None) -> None:
        super().__init__(parent)
        self._library = library
        self._sort = EpisodeSort.NEWEST
        self._filter = EpisodeFilter.ALL
        self._podcast_id: int | None = None  # None: every podcast
        self._ids: list[int] = []
        self._pages: OrderedDict[int, list[EpisodeSummary]] = OrderedDict()
        self._downloads: dict[int, int] = {}  # episode id -> percent (-1: size unknown)
        self.reload()

    # ----- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read the list (after a change of filter, sort or library)."""
        self.beginResetModel()
        self._ids = self._library.episode_ids(self._sort, self._filter, self._podcast_id)
        self._pages.clear()
        self.endResetModel()

    @property
    def episode_filter(self) -> EpisodeFilter:
        """The filter the list shows."""
        return self._filter

    def set_filter(self, episode_filter: EpisodeFilter) -> None:
        """Show only the episodes the filter lets through."""
        if episode_filter != self._filter:
            self._filter = episode_filter
            self.reload()

    @property
    def podcast_id(self) -> int | None:
        """The podcast whose episodes the list shows, or None for all."""
        return self._podcast_id

    def set_podcast(self, podcast_id: int | None) -> None:
        """Show one podcast's episodes (None: every podcast's)."""
        if podcast_id != self._podcast_id:
            self._podcast_id = podcast_id
            self.reload()

    def set_order(self, sort: EpisodeSort) -> None:
        """Change the order of the list."""
        if sort != self._sort:
            self._sort = sort
            self.reload()

    SORTS = {
        TITLE: (EpisodeSort.TITLE, EpisodeSort.TITLE_DESC),
        PUBLISHED: (EpisodeSort.OLDEST, EpisodeSort.NEWEST),
        DURATION: (EpisodeSort.SHORTEST, EpisodeSort.LONGEST),
    }

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by title, date or length (other columns keep the current order)."""
        pair = self.SORTS.get(column)
        if pair is not None:
            self.set_order(pair[0] if order == Qt.SortOrder.AscendingOrder else pair[1])

    def refresh_episode(self, episode_id: int) -> None:
        """Re-read one episode's row (position, played) after it changed."""
        row = self.row_of(episode_id)
        if row is None:
            return
        page = row // PAGE_SIZE
        if page in self._pages:
            del self._pages[page]
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    def set_download_progress(self, episode_id: int, percent: int | None) -> None:
        """Show a running download in the Progress column (None when it ends)."""
        if percent is None:
            self._downloads.pop(episode_id, None)
        else:
            self._downloads[episode_id] = percent
        self.refresh_episode(episode_id)

    def _summary(self, row: int) -> EpisodeSummary | None:
        page = row // PAGE_SIZE
        rows = self._pages.get(page)
        if rows is None:
            ids = self._ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
            rows = self._library.episode_summaries(ids)
            if len(rows) != len(ids):  # an episode vanished meanwhile: keep rows aligned
                by_id = {r.id: r for r in rows}
                rows = [by_id.get(i) for i in ids]  # type: ignore[misc]
            self._pages[page] = rows
            if len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        offset = row - page * PAGE_SIZE
        return rows[offset] if 0 <= offset < len(rows) else None

    # ----- lookups ---------------------------------------------------------------------------

    def episode_id(self, row: int) -> int | None:
        """The episode shown in ``row``."""
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, episode_id: int) -> int | None:
        """The row showing ``episode_id`` (a scan in C: about 1 ms for 100,000 rows)."""
        try:
            return self._ids.index(episode_id)
        except ValueError:
            return None

    # ----- Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == EPISODE_ID_ROLE:
            return self._ids[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self.data(index, Qt.ItemDataRole.DisplayRole)
            if text is not None and index.column() == self.TITLE:
                episode = self._summary(index.row())  # the row just read: no query
                if episode is not None and episode.downloaded_at is not None:
                    text += "\n" + self.tr("Downloaded: plays from the file on this computer")
            return plain_tooltip(text) if text is not None else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if not self._library.is_open:  # painting during shutdown
            return None
        episode = self._summary(index.row())
        if episode is None:
            return None
        column = index.column()
        if column == self.TITLE:
            marks = (STAR_MARK if episode.starred_at is not None else "") + (
                DOWNLOADED_MARK if episode.downloaded_at is not None else ""
            )
            return marks + episode.title
        if column == self.PODCAST:
            return episode.podcast_title
        if column == self.PUBLISHED:
            return format_date(episode.published_at)
        if column == self.DURATION:
            return format_ms(episode.duration_ms)
        if column == self.PROGRESS:
            if episode.id in self._downloads:
                percent = self._downloads[episode.id]
                return f"↓ {percent}%" if percent >= 0 else "↓"
            if episode.played_at:
                return self.tr("Played")
            if episode.position_ms > 0:
                if episode.duration_ms:
                    return f"{min(99, 100 * episode.position_ms // episode.duration_ms)}%"
                return format_ms(episode.position_ms)
            return ""
        return None
