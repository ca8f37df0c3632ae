"""What each window helper uses of the window, declared (typing Protocols) instead of reached for."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import QByteArray, QRect, QSize, Qt
    from PySide6.QtGui import QAction, QScreen
    from PySide6.QtWidgets import QMenuBar, QStatusBar, QTableView, QTabWidget

    from companion.domain import Episode
    from companion.jobs.feed_jobs import FeedJobs
    from companion.library import Library
    from companion.playback.controller import PlaybackController
    from companion.ui.panes.chapter_list import ChapterListView
    from companion.ui.panes.episode_pane import EpisodePane
    from companion.ui.panes.notes_view import ShowNotesView
    from companion.ui.panes.player_bar import PlayerBar
    from companion.ui.panes.podcasts_pane import PodcastsPane
    from companion.ui.panes.queue_view import QueueModel


class StatusHost(Protocol):
    """A window with a status bar (FeedUi tells its progress and results there)."""

    def statusBar(self) -> QStatusBar: ...  # noqa: N802 (Qt's name)


class BookmarksHost(StatusHost, Protocol):
    """What BookmarksUi uses: the panes it adds menus and signals to, the selection, the menu bar."""

    episode_pane: EpisodePane
    episode_view: QTableView
    chapter_view: ChapterListView
    notes_view: ShowNotesView
    jobs: FeedJobs
    queue_model: QueueModel

    @property
    def selected_episode(self) -> Episode | None: ...

    def menuBar(self) -> QMenuBar: ...  # noqa: N802

    def addAction(self, action: QAction) -> None: ...  # noqa: N802


class LayoutHost(Protocol):
    """What WindowLayout saves and restores: the tabs, the episode and podcasts panes, the geometry."""

    left_tabs: QTabWidget
    detail_tabs: QTabWidget
    episode_pane: EpisodePane
    podcasts_pane: PodcastsPane

    def saveGeometry(self) -> QByteArray: ...  # noqa: N802

    def restoreGeometry(self, geometry: QByteArray) -> bool: ...  # noqa: N802

    def geometry(self) -> QRect: ...

    def frameGeometry(self) -> QRect: ...  # noqa: N802

    def normalGeometry(self) -> QRect: ...  # noqa: N802

    def size(self) -> QSize: ...

    def resize(self, width: int, height: int) -> None: ...

    def move(self, x: int, y: int) -> None: ...

    def setGeometry(self, rect: QRect) -> None: ...  # noqa: N802

    def windowState(self) -> Qt.WindowState: ...  # noqa: N802

    def setWindowState(self, state: Qt.WindowState) -> None: ...  # noqa: N802

    def isMaximized(self) -> bool: ...  # noqa: N802

    def isFullScreen(self) -> bool: ...  # noqa: N802

    def screen(self) -> QScreen: ...


class SyncHost(StatusHost, Protocol):
    """What SyncUi uses: the library, the player and its bar, the feed jobs, letting go of a podcast."""

    library: Library
    controller: PlaybackController
    jobs: FeedJobs
    player_bar: PlayerBar

    def let_go_of_podcast(self, podcast_id: int) -> None: ...
