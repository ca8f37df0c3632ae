"""The window's Up Next and episode context menus, and its guarded queue writes (a MainWindow mixin)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Slot
from PySide6.QtWidgets import QMenu, QStatusBar, QTabWidget

from companion.library import Library, LibraryError
from companion.playback.controller import PlaybackController
from companion.ui.panes.queue_view import QueueModel, QueueView

if TYPE_CHECKING:
    from companion.ui.window.bookmarks_ui import BookmarksUi
    from companion.ui.window.feed_actions import FeedUi


class QueueMenusMixin:
    """Context menus of the episode list and Up Next, and the queue's commands; the window supplies
    what is declared below."""

    library: Library
    controller: PlaybackController
    queue_model: QueueModel
    queue_view: QueueView
    left_tabs: QTabWidget
    bookmarks_ui: BookmarksUi
    feed_ui: FeedUi
    statusBar: Callable[[], QStatusBar]

    def episode_menu(self, episode_id: int) -> QMenu:
        """The actions for one episode (context menu of the list)."""
        menu = QMenu(self)
        menu.addAction(self.tr("Play"), lambda: self.controller.play_episode(episode_id))
        menu.addSeparator()
        menu.addAction(self.tr("Add to top of Up Next"), lambda: self.add_to_queue(episode_id, top=True))
        menu.addAction(self.tr("Add to bottom of Up Next"), lambda: self.add_to_queue(episode_id))
        if episode_id in self.queue_model.episode_ids():
            menu.addAction(self.tr("Remove from Up Next"), lambda: self.remove_from_queue(episode_id))
        menu.addSeparator()
        try:
            played = self.library.episode(episode_id).played_at is not None
        except LibraryError:
            played = False
        if played:
            menu.addAction(
                self.tr("Mark as unplayed"), lambda: self.controller.mark_played(episode_id, False)
            )
        else:
            menu.addAction(self.tr("Mark as played"), lambda: self.controller.mark_played(episode_id, True))
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
            self.statusBar().showMessage(self.tr("Added to Up Next"), 3000)
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
        index = self.left_tabs.indexOf(self.queue_view)
        self.left_tabs.setTabText(
            index, self.tr("Up Next ({count})").format(count=count) if count else self.tr("Up Next")
        )

    @Slot(int, QPoint)
    def _on_episode_pane_menu_requested(self, episode_id: int, where: QPoint) -> None:
        self.episode_menu(episode_id).popup(where)

    @Slot(QPoint)
    def _on_queue_view_menu_requested(self, point: QPoint) -> None:
        menu = QMenu(self)
        index = self.queue_view.indexAt(point)
        if index.isValid():
            episode_id = self.queue_model.episode_ids()[index.row()]
            menu.addAction(self.tr("Play"), lambda: self.controller.play_episode(episode_id))
            menu.addAction(self.tr("Move to top"), lambda: self.add_to_queue(episode_id, top=True))
            menu.addAction(self.tr("Remove"), lambda: self.remove_from_queue(episode_id))
        menu.addAction(self.tr("Clear Up Next"), self.clear_queue)
        menu.popup(self.queue_view.viewport().mapToGlobal(point))
