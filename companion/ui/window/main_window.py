"""MainWindow: episodes and Up Next on the left, notes and chapters on the right, the player below."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QMainWindow,
    QMenu,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from companion.domain import Episode, SearchHit, source_label
from companion.jobs.feed_jobs import FeedJobs
from companion.library import Library, LibraryError
from companion.playback.controller import PlaybackController
from companion.playback.sleep_timer import SleepTimer
from companion.ui.dialogs.preferences import PreferencesDialog
from companion.ui.panes.chapter_list import ChapterListView
from companion.ui.panes.episode_pane import EpisodePane
from companion.ui.panes.notes_view import ShowNotesView
from companion.ui.panes.player_bar import PlayerBar
from companion.ui.panes.queue_view import QueueModel, QueueView
from companion.ui.panes.search_box import SearchController, SearchField, SearchPlacement, SearchResultsView
from companion.ui.plain import plain_label
from companion.ui.window.actions import (
    bookmark_shortcuts,
    install_actions,
    playback_shortcuts,
    player_shortcuts,
)
from companion.ui.window.appearance import Appearance
from companion.ui.window.bookmarks_ui import BookmarksUi
from companion.ui.window.demo_hint import DemoHint
from companion.ui.window.feed_actions import FeedUi
from companion.ui.window.keyboard import install_help_menu, set_focus_chain, standard_keys
from companion.ui.window.window_state import WindowLayout


class MainWindow(QMainWindow):
    """The one window. Collaborators come from app.py (or a test fixture)."""

    def __init__(
        self,
        library: Library,
        controller: PlaybackController,
        jobs: FeedJobs | None = None,
        parent: QWidget | None = None,
        appearance: Appearance | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.controller = controller
        self.jobs = jobs or FeedJobs(library, self)
        self.appearance = appearance or Appearance(library)
        self.appearance.setParent(self)  # it follows the desktop while the window lives
        self._selected: Episode | None = None
        self.setWindowTitle("Podcast Companion")

        self.episode_pane = EpisodePane(library, self)
        self.episode_pane.setObjectName("episodes")  # tabs are remembered by these names
        self.episode_model = self.episode_pane.model
        self.episode_view = self.episode_pane.view
        self.episode_pane.episode_selected.connect(self._show_episode)
        self.episode_pane.episode_activated.connect(self._on_episode_pane_activated)
        self.episode_pane.menu_requested.connect(self._on_episode_pane_menu_requested)
        self.queue_model = QueueModel(library, self)
        self.queue_view = QueueView(self.queue_model, self)
        self.queue_view.setObjectName("up-next")
        self.queue_view.episode_activated.connect(self._on_queue_view_episode_activated)
        self.queue_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.queue_view.customContextMenuRequested.connect(self._on_queue_view_menu_requested)
        self.queue_model.modelReset.connect(self._update_queue_tab)
        self.left_tabs = QTabWidget(self)
        self.left_tabs.addTab(self.episode_pane, "Episodes")
        self.left_tabs.addTab(self.queue_view, "Up Next")

        self.episode_title = plain_label(parent=self)
        self.episode_title.setWordWrap(True)
        font = self.episode_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.episode_title.setFont(font)
        self.notes_view = ShowNotesView(self)
        self.demo_hint = DemoHint(library, self)
        self.notes_view.timestamp_activated.connect(self._on_notes_view_timestamp_activated)
        self.chapter_view = ChapterListView(self)
        self.chapter_view.chapter_activated.connect(self._on_chapter_view_chapter_activated)
        controller.duration_changed.connect(self._show_audio_length)
        self.chapter_source_combo = QComboBox(self)
        self.chapter_source_combo.setToolTip("Where these chapters come from")
        self.chapter_source_combo.activated.connect(self._on_chapter_source_combo_activated)
        self.bookmarks_ui = BookmarksUi(self, library, controller)
        self.bookmarks_ui.add_library_tab(self.left_tabs)

        notes_pane = QWidget(self)
        notes_layout = QVBoxLayout(notes_pane)
        notes_layout.setContentsMargins(6, 6, 6, 0)
        title_row = QHBoxLayout()
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

        self.sleep_timer = SleepTimer(controller, self)
        self.player_bar = PlayerBar(controller, self.sleep_timer, parent=self, toggle=self.toggle_playback)
        self.player_bar.bookmark_requested.connect(self.bookmarks_ui.bookmark_playing_moment)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.player_bar)
        self.setCentralWidget(central)
        self.toolbar = self.addToolBar("Main")
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setMovable(False)
        self._build_menus()
        self._build_search()
        controller.episode_changed.connect(self._on_controller_episode_changed)
        controller.chapter_changed.connect(self._on_controller_chapter_changed)
        controller.episode_updated.connect(self._on_controller_episode_updated)
        controller.queue_changed.connect(self.queue_model.reload)
        self.queue_model.follow(controller)
        self.jobs.library_changed.connect(self._on_jobs_library_changed)
        self.jobs.download_progress.connect(self.episode_model.set_download_progress)
        self.jobs.download_finished.connect(self._on_jobs_download_finished)
        self._update_queue_tab()
        if library.read_only:
            self.statusBar().showMessage(
                f"The library {library.path} is read-only ({library.read_only}): you can browse and"
                " listen, but nothing you change is saved."
            )
        else:
            self.statusBar().showMessage(
                f"{self.episode_model.rowCount()} episodes · library {library.path}", 8000
            )
        self.layout_keeper = WindowLayout(self, library)
        self.layout_keeper.restore()
        self._set_focus_chain()
        if self.episode_model.rowCount():
            self.episode_view.selectRow(0)

    def _set_focus_chain(self) -> None:
        """Tab: search, the left pane (tabs, filters, list), notes, chapters, the player bar, round."""
        pane, marks = self.episode_pane, self.bookmarks_ui
        chain = [
            self.search_field,
            self.left_tabs.tabBar(),
            pane.filter_combo,
            pane.podcast_combo,
            self.episode_view,
            self.queue_view,
            marks.library_view.filter_edit,
            marks.library_view.view,
            self.search_results,
            marks.star_button,
            self.notes_view,
            self.chapter_source_combo,
            self.detail_tabs.tabBar(),
            self.chapter_view,
            marks.episode_view.view,
            *self.player_bar.focus_order(),
        ]
        set_focus_chain(chain, self.findChildren(QAbstractItemView))

    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu("&File")
        self.feed_ui = FeedUi(self, self.library, self.jobs, self.toolbar, self.file_menu)
        self.bookmarks_ui.install_menus(self.file_menu)
        preferences = QAction("Preferences…", self)
        preferences.setShortcuts(standard_keys(QKeySequence.StandardKey.Preferences, "Ctrl+,"))
        preferences.triggered.connect(self.show_preferences)
        self.bookmarks_ui.edit_menu.addSeparator()
        self.bookmarks_ui.edit_menu.addAction(preferences)
        quit_action = QAction("Quit", self)
        quit_action.setShortcuts(standard_keys(QKeySequence.StandardKey.Quit, "Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        self.file_menu.addAction(quit_action)
        shortcuts = playback_shortcuts(self.controller, self.toggle_playback)
        shortcuts += player_shortcuts(self.player_bar, self.sleep_timer.cancel)
        self.playback_actions = install_actions(self, shortcuts)
        marks = bookmark_shortcuts(
            self.bookmarks_ui.bookmark_playing_moment, self.bookmarks_ui.toggle_selected_star
        )
        self.bookmark_menu_actions = install_actions(self, marks, "&Bookmarks")
        self.help_action, self.shortcuts_dialog = install_help_menu(self)

    def _build_search(self) -> None:
        self.search_results = SearchResultsView(self)
        self.search_results.setObjectName("search")
        self.search_field = SearchField(self.search_results, self)
        self.search = SearchController(self.library, self.search_field, self.search_results, self)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.search_field)
        self.left_tabs.addTab(self.search_results, "Search")
        self.search_placement = SearchPlacement(
            self.left_tabs, self.search_field, self.search_results, self.episode_view, self
        )
        self.search.results_changed.connect(self.search_placement.show_results)
        self.search_results.hit_activated.connect(self._on_search_results_hit_activated)
        find = QAction("Search", self)
        find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        find.triggered.connect(self.focus_search)
        self.addAction(find)

    @property
    def search_tab(self) -> int:
        """Index of the search results tab."""
        return self.left_tabs.indexOf(self.search_results)

    def focus_search(self) -> None:
        """Put the cursor in the search field (Ctrl+F)."""
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    @Slot(object)
    def _on_search_results_hit_activated(self, hit: SearchHit) -> None:
        if hit.kind == "episode":
            self.select_episode(hit.episode_id)
        else:
            self._show_episode(hit.episode_id)
            self.controller.play_episode(hit.episode_id, hit.start_ms or 0)

    def show_preferences(self) -> PreferencesDialog:
        """Open the Preferences dialog (window-modal, not blocking)."""
        dialog = PreferencesDialog(self.library, self.controller, self.appearance, self)
        dialog.open()
        return dialog

    def start_background_work(self) -> None:
        """Work deferred until after the first paint: the refresh when the last one is old."""
        if not self.library.read_only:  # a read-only library could not store what is fetched
            QTimer.singleShot(1500, self.jobs.refresh_if_due)

    # ----- selection and playback --------------------------------------------------------

    @property
    def selected_episode(self) -> Episode | None:
        """The episode whose notes are shown."""
        return self._selected

    def select_episode(self, episode_id: int) -> None:
        """Select an episode in the list (or just show it when the filter hides it)."""
        if not self.episode_pane.select(episode_id):
            self._show_episode(episode_id)

    def toggle_playback(self) -> None:
        """Play/pause (▶ and Space); with nothing loaded, play the selected episode (else the first
        in the list) from where it was left."""
        if self.controller.episode is not None:
            self.controller.toggle()
            return
        episode_id = self._selected.id if self._selected is not None else self.episode_model.episode_id(0)
        if episode_id is None:
            self.statusBar().showMessage(
                "Nothing to play yet. Add a podcast (Ctrl+N) or an episode (Ctrl+Shift+N).", 8000
            )
            return
        self.controller.play_episode(episode_id)

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
    def _on_episode_pane_activated(self, episode_id: int) -> None:
        self.controller.play_episode(episode_id)

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

    @Slot(int)
    def _on_queue_view_episode_activated(self, episode_id: int) -> None:
        self.controller.play_episode(episode_id)

    @Slot(object)
    def _on_controller_episode_changed(self, episode: Episode | None) -> None:
        if episode is not None:
            self.episode_model.refresh_episode(episode.id)
        self._highlight_current_chapter()

    @Slot(int)
    def _on_controller_chapter_changed(self, _index: int) -> None:
        self._highlight_current_chapter()

    @Slot(int)
    def _on_controller_episode_updated(self, episode_id: int) -> None:
        self.episode_model.refresh_episode(episode_id)

    @Slot()
    def _on_jobs_library_changed(self) -> None:
        self.episode_pane.reload()
        self.queue_model.reload()
        if self._selected is not None:
            self._show_episode(self._selected.id)

    @Slot(int, str)
    def _on_jobs_download_finished(self, episode_id: int, _error: str) -> None:
        self.episode_model.set_download_progress(episode_id, None)

    def let_go_of_podcast(self, podcast_id: int) -> None:
        """Before a podcast is removed: unload its episode from the player, forget the selection."""
        playing = self.controller.episode
        if playing is not None and playing.podcast_id == podcast_id:
            self.controller.unload()
        if self._selected is not None and self._selected.podcast_id == podcast_id:
            self._selected = None  # not shown again once the list reloads without it
        self.bookmarks_ui.actions.undo_stack.clear()  # undo steps may name its bookmarks

    def podcast_removed(self) -> None:
        """After a podcast was removed: bookmarks shown again, another episode selected."""
        self.bookmarks_ui.actions.bookmarks_changed.emit()
        if self._selected is None:
            if self.episode_model.rowCount():
                self.episode_view.selectRow(0)
            else:
                self.episode_title.setText("")
                self.demo_hint.follow(None)
                self.notes_view.set_notes_html("")
                self.chapter_view.set_chapters([])

    # ----- context menus and the queue ---------------------------------------------------

    def episode_menu(self, episode_id: int) -> QMenu:
        """The actions for one episode (context menu of the list)."""
        menu = QMenu(self)
        menu.addAction("Play", lambda: self.controller.play_episode(episode_id))
        menu.addSeparator()
        menu.addAction("Add to top of Up Next", lambda: self.add_to_queue(episode_id, top=True))
        menu.addAction("Add to bottom of Up Next", lambda: self.add_to_queue(episode_id))
        if episode_id in self.queue_model.episode_ids():
            menu.addAction("Remove from Up Next", lambda: self.remove_from_queue(episode_id))
        menu.addSeparator()
        try:
            played = self.library.episode(episode_id).played_at is not None
        except LibraryError:
            played = False
        if played:
            menu.addAction("Mark as unplayed", lambda: self.controller.mark_played(episode_id, False))
        else:
            menu.addAction("Mark as played", lambda: self.controller.mark_played(episode_id, True))
        self.bookmarks_ui.add_episode_actions(menu, episode_id)
        self.feed_ui.add_episode_actions(menu, episode_id)
        return menu

    def show_library_error(self, exc: LibraryError) -> None:
        """Say in the status bar why the library could not do something (busy, full, read-only)."""
        self.statusBar().showMessage(str(exc), 15_000)

    def _write(self, write: Callable[[], object]) -> bool:
        """Run a write to the library; a LibraryError is shown, not raised. True when it landed."""
        try:
            write()
        except LibraryError as exc:
            self.show_library_error(exc)
            return False
        return True

    def add_to_queue(self, episode_id: int, top: bool = False) -> None:
        """Put an episode in Up Next."""
        if self._write(lambda: self.library.queue_add(episode_id, top=top)):
            self.statusBar().showMessage("Added to Up Next", 3000)
        self.queue_model.reload()

    def remove_from_queue(self, episode_id: int) -> None:
        """Take an episode out of Up Next."""
        self._write(lambda: self.library.queue_remove(episode_id))
        self.queue_model.reload()

    def clear_queue(self) -> None:
        """Empty Up Next."""
        self._write(self.library.queue_clear)
        self.queue_model.reload()

    def _update_queue_tab(self) -> None:
        count = self.queue_model.rowCount()
        self.left_tabs.setTabText(1, f"Up Next ({count})" if count else "Up Next")

    @Slot(int, QPoint)
    def _on_episode_pane_menu_requested(self, episode_id: int, where: QPoint) -> None:
        self.episode_menu(episode_id).popup(where)

    @Slot(QPoint)
    def _on_queue_view_menu_requested(self, point: QPoint) -> None:
        menu = QMenu(self)
        index = self.queue_view.indexAt(point)
        if index.isValid():
            episode_id = self.queue_model.episode_ids()[index.row()]
            menu.addAction("Play", lambda: self.controller.play_episode(episode_id))
            menu.addAction("Move to top", lambda: self.add_to_queue(episode_id, top=True))
            menu.addAction("Remove", lambda: self.remove_from_queue(episode_id))
        menu.addAction("Clear Up Next", self.clear_queue)
        menu.popup(self.queue_view.viewport().mapToGlobal(point))

    # ----- layout ------------------------------------------------------------------------

    def show_resumed_episode(self) -> None:
        """At start: select (or at least show) the episode the player resumes, not the first row."""
        episode = self.controller.episode
        if episode is None:
            return
        if not self.episode_pane.select(episode.id):  # the list's filter hides it: show it anyway
            self.episode_view.clearSelection()
            self._show_episode(episode.id)

    def save_geometry(self) -> None:
        """Remember size, splitters, tabs and the list's filter in the library."""
        self.layout_keeper.save()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.layout_keeper.after_first_show()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_geometry()
        self.controller.pause()
        super().closeEvent(event)
