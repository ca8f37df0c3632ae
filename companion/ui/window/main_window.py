"""MainWindow: episodes and Up Next on the left, notes and chapters on the right, the player below."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from companion.domain import Episode, SearchHit
from companion.jobs.feed_jobs import FeedJobs
from companion.library import Library
from companion.playback.controller import PlaybackController
from companion.playback.sleep_timer import SleepTimer
from companion.ui.dialogs.preferences import PreferencesDialog
from companion.ui.panes.episode_pane import EpisodePane
from companion.ui.panes.player_bar import PlayerBar
from companion.ui.panes.queue_view import QueueModel, QueueView
from companion.ui.panes.search_box import SearchController, SearchField, SearchPlacement, SearchResultsView
from companion.ui.widgets.cover_source import CachedCovers
from companion.ui.widgets.covers import CoverCache
from companion.ui.window.actions import (
    bookmark_shortcuts,
    install_actions,
    playback_shortcuts,
    player_shortcuts,
)
from companion.ui.window.appearance import Appearance
from companion.ui.window.episode_detail import EpisodeDetailMixin
from companion.ui.window.feed_actions import FeedUi
from companion.ui.window.keyboard import install_help_menu, set_focus_chain, standard_keys
from companion.ui.window.podcasts_ui import PodcastsUi
from companion.ui.window.queue_menus import QueueMenusMixin
from companion.ui.window.sync_ui import SyncUi
from companion.ui.window.window_state import WindowLayout


class MainWindow(EpisodeDetailMixin, QueueMenusMixin, QMainWindow):
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
        self.setWindowTitle(self.tr("Podcast Companion"))
        # every view's covers (the Podcasts view's too): scaled pixmaps of the cached files
        self.covers = CoverCache(library, parent=self)
        self.jobs.covers.cover_stored.connect(self.covers.invalidate)

        self._build_left_tabs()
        self._build_detail_panes()

        self.sleep_timer = SleepTimer(controller, self)
        self.player_bar = PlayerBar(controller, self.sleep_timer, parent=self, toggle=self.toggle_playback)
        self.player_bar.bookmark_requested.connect(self.bookmarks_ui.bookmark_playing_moment)
        self.player_bar.set_cover_cache(self.covers)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.player_bar)
        self.setCentralWidget(central)
        self.toolbar = self.addToolBar(self.tr("Main"))
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setMovable(False)
        self._build_menus()
        self._build_podcasts()
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
        self._say_where_the_library_is()
        self.layout_keeper = WindowLayout(self, library)
        self.layout_keeper.restore()
        self._set_focus_chain()
        if self.episode_model.rowCount():
            self.episode_view.selectRow(0)

    def _build_left_tabs(self) -> None:
        """The episode list and Up Next, in tabs (search and bookmarks add theirs)."""
        self.episode_pane = EpisodePane(self.library, self)
        self.episode_pane.setObjectName("episodes")  # tabs are remembered by these names
        self.episode_model = self.episode_pane.model
        self.episode_view = self.episode_pane.view
        self.episode_pane.episode_selected.connect(self._show_episode)
        self.episode_pane.episode_activated.connect(self._on_episode_pane_activated)
        self.episode_pane.menu_requested.connect(self._on_episode_pane_menu_requested)
        self.queue_model = QueueModel(self.library, self)
        self.queue_view = QueueView(self.queue_model, self)
        self.queue_view.setObjectName("up-next")
        self.queue_view.episode_activated.connect(self._on_queue_view_episode_activated)
        self.queue_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.queue_view.customContextMenuRequested.connect(self._on_queue_view_menu_requested)
        self.queue_model.modelReset.connect(self._update_queue_tab)
        self.left_tabs = QTabWidget(self)
        self.left_tabs.addTab(self.episode_pane, self.tr("Episodes"))
        self.left_tabs.addTab(self.queue_view, self.tr("Up Next"))

    def _build_podcasts(self) -> None:
        """The Podcasts tab (beside Episodes), its covers from the window's CoverCache."""
        self.podcasts_ui = PodcastsUi(
            self,
            self.library,
            self.controller,
            self.feed_ui,
            self.left_tabs,
            self.episode_menu,
            self._show_episode,
            CachedCovers(self.covers, self),
        )
        self.podcasts_pane = self.podcasts_ui.pane

    def _say_where_the_library_is(self) -> None:
        """The status bar's first line: the library's size and place, or that it is read-only."""
        if self.library.read_only:
            text = self.tr(
                "The library {path} is read-only ({reason}): you can browse and listen, but nothing you"
                " change is saved."
            )
            self.statusBar().showMessage(text.format(path=self.library.path, reason=self.library.read_only))
        else:
            text = self.tr("%n episode(s) · library {path}", "", self.episode_model.rowCount())
            self.statusBar().showMessage(text.format(path=self.library.path), 8000)

    def _set_focus_chain(self) -> None:
        """Tab: search, the left pane (tabs, filters, list), notes, chapters, the player bar, round."""
        pane, marks, podcasts = self.episode_pane, self.bookmarks_ui, self.podcasts_pane
        chain = [
            self.search_field,
            self.left_tabs.tabBar(),
            pane.filter_combo,
            pane.podcast_combo,
            self.episode_view,
            *podcasts.focus_order(),
            self.queue_view,
            marks.library_view.filter_edit,
            marks.library_view.view,
            self.search_results,
            marks.star_button,
            self.notes_view,
            self.chapter_source_combo,
            self.detail_tabs.tabBar(),
            self.chapter_view,
            self.transcript_ui.pane.source_combo,
            self.transcript_ui.pane.view,
            marks.episode_view.view,
            *self.player_bar.focus_order(),
        ]
        set_focus_chain(chain, self.findChildren(QAbstractItemView))

    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.feed_ui = FeedUi(self, self.library, self.jobs, self.toolbar, self.file_menu)
        self.sync_ui = SyncUi(self, self.file_menu, self.toolbar)
        self.bookmarks_ui.install_menus(self.file_menu)
        preferences = QAction(self.tr("Preferences…"), self)
        preferences.setShortcuts(standard_keys(QKeySequence.StandardKey.Preferences, "Ctrl+,"))
        preferences.triggered.connect(self.show_preferences)
        self.bookmarks_ui.edit_menu.addSeparator()
        self.bookmarks_ui.edit_menu.addAction(preferences)
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.setShortcuts(standard_keys(QKeySequence.StandardKey.Quit, "Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        self.file_menu.addAction(quit_action)
        shortcuts = playback_shortcuts(self.controller, self.toggle_playback)
        shortcuts += player_shortcuts(self.player_bar, self.sleep_timer.cancel)
        self.playback_actions = install_actions(self, shortcuts)
        marks = bookmark_shortcuts(
            self.bookmarks_ui.bookmark_playing_moment, self.bookmarks_ui.toggle_selected_star
        )
        self.bookmark_menu_actions = install_actions(self, marks, self.tr("&Bookmarks"))
        self.help_action, self.shortcuts_dialog = install_help_menu(self)

    def _build_search(self) -> None:
        self.search_results = SearchResultsView(self)
        self.search_results.setObjectName("search")
        self.search_field = SearchField(self.search_results, self)
        self.search = SearchController(self.library, self.search_field, self.search_results, self)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.search_field)
        self.left_tabs.addTab(self.search_results, self.tr("Search"))
        self.search_placement = SearchPlacement(
            self.left_tabs, self.search_field, self.search_results, self.episode_view, self
        )
        self.search.results_changed.connect(self.search_placement.show_results)
        self.search_results.hit_activated.connect(self._on_search_results_hit_activated)
        find = QAction(self.tr("Search"), self)
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
        """Work deferred until after the first paint: the refresh and the sync when they are old, the
        Podcasts tab's counts, the covers not fetched yet."""
        QTimer.singleShot(300, self.podcasts_ui.start)  # after the first paint: the tab count
        if not self.library.read_only:  # a read-only library could not store what is fetched
            QTimer.singleShot(1500, self.jobs.refresh_if_due)
            QTimer.singleShot(2000, self.sync_ui.start)  # when the last sync is older than 10 minutes
            self.jobs.covers.start()  # covers never fetched yet, and those asked for meanwhile

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
                self.tr("Nothing to play yet. Add a podcast (Ctrl+N) or an episode (Ctrl+Shift+N)."), 8000
            )
            return
        self.controller.play_episode(episode_id)

    @Slot(int)
    def _on_episode_pane_activated(self, episode_id: int) -> None:
        self.controller.play_episode(episode_id)

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
                self.transcript_ui.show_episode(None)

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
