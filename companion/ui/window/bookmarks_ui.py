"""BookmarksUi: puts stars and bookmarks into the window: tabs, star button, menus, context menus."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QTabWidget, QToolButton

from companion.domain import Episode
from companion.library import EpisodeFilter, Library
from companion.playback.controller import PlaybackController
from companion.ui.panes.bookmarks_view import BookmarksView
from companion.ui.plain import plain_tooltip
from companion.ui.window.bookmark_actions import BookmarkActions
from companion.ui.window.hosts import BookmarksHost

STAR_KEYS = "Ctrl+D"
BOOKMARK_KEYS = "Ctrl+B"
NO_EPISODE = 0  # an id no episode has: the episode pane's list starts empty


class BookmarksUi(QObject):
    """Owns the bookmark widgets and BookmarkActions; MainWindow places the widgets and calls
    ``show_episode`` and ``add_episode_actions``. Expects the window's episode pane, chapter and notes
    views, queue model, jobs and status bar."""

    def __init__(self, window: BookmarksHost, library: Library, controller: PlaybackController) -> None:
        super().__init__(window)
        self.window = window
        self.library = library
        self.actions = BookmarkActions(library, controller, window)
        self.library_view = BookmarksView(library, parent=window)
        self.episode_view = BookmarksView(library, NO_EPISODE, compact=True, parent=window)
        self.library_view.setObjectName("bookmarks")  # the window remembers its tabs by name
        self.episode_view.setObjectName("episode-bookmarks")
        self._episode_tabs: QTabWidget | None = None
        self._library_tabs: QTabWidget | None = None

        self.star_button = QToolButton(window)
        self.star_button.setCheckable(True)
        self.star_button.setAutoRaise(True)
        font = self.star_button.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self.star_button.setFont(font)
        self.star_button.setEnabled(False)
        self.star_button.clicked.connect(self._on_star_button_clicked)
        self._show_star(False)

        for view in (self.library_view, self.episode_view):
            view.bookmark_activated.connect(self.actions.play)
            view.edit_requested.connect(self.actions.edit)
            view.delete_requested.connect(self.actions.delete)
        self.actions.bookmarks_changed.connect(self._on_actions_bookmarks_changed)
        self.actions.star_changed.connect(self._on_actions_star_changed)
        self.actions.episode_deleted.connect(self._on_actions_episode_deleted)
        self.actions.reported.connect(self._on_actions_reported)
        window.chapter_view.bookmark_requested.connect(self._on_chapter_view_bookmark_requested)
        window.notes_view.bookmark_requested.connect(self._on_notes_view_bookmark_requested)
        window.jobs.library_changed.connect(self._on_actions_bookmarks_changed)

    # ----- placing ---------------------------------------------------------------------------

    def add_library_tab(self, tabs: QTabWidget) -> None:
        """Add the library-wide Bookmarks view as a tab."""
        self._library_tabs = tabs
        tabs.addTab(self.library_view, self.tr("Bookmarks"))

    def add_episode_tab(self, tabs: QTabWidget) -> None:
        """Add the selected episode's bookmarks as a tab (its title counts them)."""
        self._episode_tabs = tabs
        tabs.addTab(self.episode_view, self.tr("Bookmarks"))

    def install_menus(self, file_menu: QMenu) -> None:
        """Export bookmarks… in the File menu; an Edit menu with Undo and Redo."""
        self.export_action = QAction(self.tr("Export bookmarks…"), self.window)
        self.export_action.triggered.connect(self.actions.ask_export)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        edit_menu = self.window.menuBar().addMenu(self.tr("&Edit"))
        self.undo_action = self.actions.undo_stack.createUndoAction(self.window, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo_action = self.actions.undo_stack.createRedoAction(self.window, self.tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Redo))
        self.undo_action.setProperty("shortcut_help", self.tr("Undo the last bookmark or star change"))
        self.redo_action.setProperty("shortcut_help", self.tr("Redo it"))
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            edit_menu.addAction(action)
            self.window.addAction(action)
        self.edit_menu = edit_menu

    def add_episode_actions(self, menu: QMenu, episode_id: int) -> None:
        """Star / Unstar and Delete episode… for the episode context menu."""
        starred = self.library.is_starred(episode_id)
        menu.addSeparator()
        menu.addAction(
            self.tr("Unstar") if starred else self.tr("Star"),
            lambda: self.actions.set_starred(episode_id, not starred),
        )
        menu.addAction(self.tr("Delete episode…"), lambda: self.actions.ask_delete_episode(episode_id))

    # ----- shortcuts -------------------------------------------------------------------------

    def bookmark_playing_moment(self) -> None:
        """Ctrl+B and the player bar's button: bookmark the playing episode here."""
        self.actions.bookmark_playing_moment()

    def toggle_selected_star(self) -> None:
        """Ctrl+D: star or unstar the selected episode."""
        episode = self.window.selected_episode
        if episode is not None:
            self.actions.toggle_star(episode.id)

    # ----- showing ---------------------------------------------------------------------------

    def show_episode(self, episode: Episode | None) -> None:
        """Follow the episode shown in the window: its star and its bookmarks."""
        self.star_button.setEnabled(episode is not None)
        self._show_star(episode is not None and episode.starred_at is not None)
        self.episode_view.model.set_episode(episode.id if episode is not None else NO_EPISODE)
        self._update_tab_titles()

    def _show_star(self, starred: bool) -> None:
        self.star_button.setChecked(starred)
        self.star_button.setText("★" if starred else "☆")
        tip = self.tr("Unstar this episode") if starred else self.tr("Star this episode")
        self.star_button.setToolTip(plain_tooltip(f"{tip} ({STAR_KEYS})"))
        self.star_button.setAccessibleName(tip)

    def _update_tab_titles(self) -> None:
        count = self.episode_view.model.rowCount()
        if self._episode_tabs is not None:
            index = self._episode_tabs.indexOf(self.episode_view)
            self._episode_tabs.setTabText(index, self._tab_title(count))
        if self._library_tabs is not None:
            total = self.library.bookmark_count() if self.library.is_open else 0
            index = self._library_tabs.indexOf(self.library_view)
            self._library_tabs.setTabText(index, self._tab_title(total))

    def _tab_title(self, count: int) -> str:
        return self.tr("Bookmarks ({count})").format(count=count) if count else self.tr("Bookmarks")

    # ----- slots -----------------------------------------------------------------------------

    @Slot()
    def _on_star_button_clicked(self) -> None:
        episode = self.window.selected_episode
        if episode is not None:
            self.actions.set_starred(episode.id, self.star_button.isChecked())

    @Slot()
    def _on_actions_bookmarks_changed(self) -> None:
        self.library_view.model.reload()
        self.episode_view.model.reload()
        self._update_tab_titles()

    @Slot(int, bool)
    def _on_actions_star_changed(self, episode_id: int, starred: bool) -> None:
        pane = self.window.episode_pane
        if pane.model.episode_filter == EpisodeFilter.STARRED:
            pane.reload()
        else:
            pane.model.refresh_episode(episode_id)
        selected = self.window.selected_episode
        if selected is not None and selected.id == episode_id:
            self._show_star(starred)
        self.window.statusBar().showMessage(self.tr("Starred") if starred else self.tr("Unstarred"), 3000)

    @Slot(int)
    def _on_actions_episode_deleted(self, episode_id: int) -> None:
        window = self.window
        pane = window.episode_pane
        row = pane.model.row_of(episode_id)
        pane.reload()
        window.queue_model.reload()
        selected = window.selected_episode
        if selected is not None and selected.id == episode_id and pane.model.rowCount():
            window.episode_view.selectRow(min(row or 0, pane.model.rowCount() - 1))

    @Slot(str)
    def _on_actions_reported(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 6000)

    @Slot(int, str)
    def _on_chapter_view_bookmark_requested(self, start_ms: int, title: str) -> None:
        episode = self.window.selected_episode
        if episode is not None:
            self.actions.bookmark_moment(episode.id, start_ms, title or None)

    @Slot(int)
    def _on_notes_view_bookmark_requested(self, position_ms: int) -> None:
        episode = self.window.selected_episode
        if episode is not None:
            self.actions.bookmark_moment(episode.id, position_ms)
