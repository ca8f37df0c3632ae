"""The window's selected episode: title, notes and chapters, and what a click on them plays (a mixin)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QStatusBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from companion.domain import Episode, source_label
from companion.library import Library, LibraryError
from companion.playback.controller import PlaybackController
from companion.ui.panes.chapter_list import ChapterListView
from companion.ui.panes.notes_view import ShowNotesView
from companion.ui.plain import plain_label
from companion.ui.widgets.covers import CoverCache
from companion.ui.window.bookmarks_ui import BookmarksUi
from companion.ui.window.demo_hint import DemoHint

if TYPE_CHECKING:
    from companion.jobs.feed_jobs import FeedJobs

EPISODE_COVER_SIZE = 96


class EpisodeDetailMixin:
    """Builds the notes and chapters panes and shows the selected episode in them; the window
    supplies what is declared below."""

    library: Library
    controller: PlaybackController
    jobs: FeedJobs
    covers: CoverCache
    episode_cover: QLabel
    left_tabs: QTabWidget
    _selected: Episode | None
    statusBar: Callable[[], QStatusBar]
    episode_title: QLabel
    notes_view: ShowNotesView
    demo_hint: DemoHint
    chapter_view: ChapterListView
    chapter_source_combo: QComboBox
    bookmarks_ui: BookmarksUi
    detail_tabs: QTabWidget
    detail_splitter: QSplitter
    splitter: QSplitter

    def _build_detail_panes(self) -> None:
        """The notes (title, star, demo hint, notes), the chapters and bookmarks tabs below them, and
        the splitter between the left tabs and these."""
        self.episode_title = plain_label(parent=self)
        self.episode_title.setWordWrap(True)
        font = self.episode_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.episode_title.setFont(font)
        self.episode_cover = plain_label(parent=self)  # the episode's cover, else its podcast's
        self.episode_cover.setObjectName("episode-cover")
        self.episode_cover.setFixedSize(EPISODE_COVER_SIZE, EPISODE_COVER_SIZE)
        self.episode_cover.hide()
        self.covers.changed.connect(self._show_episode_cover)
        self.notes_view = ShowNotesView(self)
        self.demo_hint = DemoHint(self.library, self)
        self.notes_view.timestamp_activated.connect(self._on_notes_view_timestamp_activated)
        self.chapter_view = ChapterListView(self)
        self.chapter_view.chapter_activated.connect(self._on_chapter_view_chapter_activated)
        self.controller.duration_changed.connect(self._show_audio_length)
        self.chapter_source_combo = QComboBox(self)
        self.chapter_source_combo.setToolTip("Where these chapters come from")
        self.chapter_source_combo.activated.connect(self._on_chapter_source_combo_activated)
        self.bookmarks_ui = BookmarksUi(self, self.library, self.controller)
        self.bookmarks_ui.add_library_tab(self.left_tabs)

        notes_pane = QWidget(self)
        notes_layout = QVBoxLayout(notes_pane)
        notes_layout.setContentsMargins(6, 6, 6, 0)
        title_row = QHBoxLayout()
        title_row.addWidget(self.episode_cover, 0, Qt.AlignmentFlag.AlignTop)
        title_row.addWidget(self.episode_title, 1)
        title_row.addWidget(self.bookmarks_ui.star_button, 0, Qt.AlignmentFlag.AlignTop)
        notes_layout.addLayout(title_row)
        notes_layout.addWidget(self.demo_hint)
        notes_layout.addWidget(self.notes_view, 1)
        chapters_pane = QWidget(self)
        chapters_pane.setObjectName("chapters")
        chapters_layout = QVBoxLayout(chapters_pane)
        chapters_layout.setContentsMargins(6, 0, 6, 0)
        source_row = QHBoxLayout()
        source_row.addWidget(plain_label("Chapters:", self))
        source_row.addWidget(self.chapter_source_combo, 1)
        chapters_layout.addLayout(source_row)
        chapters_layout.addWidget(self.chapter_view, 1)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(notes_pane)
        self.detail_tabs = QTabWidget(self)
        self.detail_tabs.addTab(chapters_pane, "Chapters")
        self.bookmarks_ui.add_episode_tab(self.detail_tabs)
        right.addWidget(self.detail_tabs)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        self.detail_splitter = right  # notes above, chapters and bookmarks below
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.left_tabs)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)

    @Slot(int)
    def _show_episode(self, episode_id: int) -> None:
        try:
            episode = self.library.episode(episode_id)
            sources = self.library.chapter_sources(episode_id)
            chapters = self.library.chapters(episode_id, sources[0] if sources else None)
        except LibraryError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            return
        self._selected = episode
        self.bookmarks_ui.show_episode(episode)
        self.episode_title.setText(f"{episode.title}\n{episode.podcast_title}")
        self._show_episode_cover()
        self.jobs.covers.want(episode.podcast_id, episode_id)  # fetched in a worker when not cached yet
        self.demo_hint.follow(episode)
        self.notes_view.set_notes_html(episode.notes_html)
        self.chapter_source_combo.clear()
        for source in sources:
            self.chapter_source_combo.addItem(source_label(source), source)
        if not sources:
            self.chapter_source_combo.addItem("No chapters", None)
        self.chapter_source_combo.setEnabled(len(sources) > 1)
        playing = self.controller.episode
        if playing is not None and playing.id == episode_id and self.controller.chapters:
            chapters = self.controller.chapters  # the list the player follows
            index = self.chapter_source_combo.findData(chapters[0].source)
            if index >= 0:
                self.chapter_source_combo.setCurrentIndex(index)
        self.chapter_view.set_chapters(chapters)
        self.chapter_view.set_audio_length(episode.audio_length_ms)
        self._highlight_current_chapter()

    @Slot()
    def _show_episode_cover(self) -> None:
        if self._selected is None:
            self.episode_cover.hide()
            return
        self.episode_cover.setPixmap(self.covers.episode_pixmap(self._selected.id, EPISODE_COVER_SIZE))
        self.episode_cover.show()

    def _show_audio_length(self, length_ms: int) -> None:
        """The player learned the audio's real length: mark the chapters past it."""
        playing = self.controller.episode
        same = playing is not None and self._selected is not None and playing.id == self._selected.id
        if same and self.controller.length_known:
            self.chapter_view.set_audio_length(length_ms)

    def _highlight_current_chapter(self) -> None:
        playing = self.controller.episode
        chapter = self.controller.current_chapter
        same = playing is not None and self._selected is not None and playing.id == self._selected.id
        self.chapter_view.set_current(chapter.start_ms if (same and chapter) else None)

    @Slot(int)
    def _on_chapter_source_combo_activated(self, index: int) -> None:
        source = self.chapter_source_combo.itemData(index)
        if self._selected is None or source is None:
            return
        chapters = self.library.chapters(self._selected.id, source)
        self.chapter_view.set_chapters(chapters)
        playing = self.controller.episode
        if playing is not None and playing.id == self._selected.id:
            self.controller.use_chapters(chapters)
        self._highlight_current_chapter()

    @Slot(int)
    def _on_notes_view_timestamp_activated(self, position_ms: int) -> None:
        self.demo_hint.done()
        if self._selected is not None:
            self.controller.play_episode(self._selected.id, position_ms)

    @Slot(int)
    def _on_chapter_view_chapter_activated(self, start_ms: int) -> None:
        if self._selected is None:
            return
        episode_id = self._selected.id
        playing = self.controller.episode
        switching = playing is None or playing.id != episode_id
        source = self.chapter_source_combo.currentData()
        self.controller.play_episode(episode_id, start_ms)
        chapters = self.controller.chapters
        if switching and source and chapters and chapters[0].source != source:
            # the player follows the chapter list the listener is looking at
            self.controller.use_chapters(self.library.chapters(episode_id, source))
