"""MainWindow: the episode list, the selected episode's notes and chapters, and the player bar."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QItemSelection, QModelIndex, Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from companion.domain import Episode
from companion.library import Library, LibraryError
from companion.playback.controller import PlaybackController
from companion.ui.chapter_panel import ChapterListView
from companion.ui.episode_model import EpisodeListModel
from companion.ui.notes_view import ShowNotesView
from companion.ui.player_bar import PlayerBar

GEOMETRY_KEY = "window_geometry"
STATE_KEY = "window_state"


class MainWindow(QMainWindow):
    """The one window. Collaborators come from app.py (or a test fixture)."""

    def __init__(
        self,
        library: Library,
        controller: PlaybackController,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.controller = controller
        self._selected: Episode | None = None
        self.setWindowTitle("Podcast Companion")

        self.episode_model = EpisodeListModel(library, self)
        self.episode_view = QTableView(self)
        self.episode_view.setModel(self.episode_model)
        self.episode_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.episode_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.episode_view.setShowGrid(False)
        self.episode_view.setWordWrap(False)
        self.episode_view.setAlternatingRowColors(True)
        self.episode_view.verticalHeader().hide()
        self.episode_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.episode_view.verticalHeader().setDefaultSectionSize(self.episode_view.fontMetrics().height() + 8)
        header = self.episode_view.horizontalHeader()
        header.setSectionResizeMode(EpisodeListModel.TITLE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 140), (2, 90), (3, 64), (4, 64)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.episode_view.selectionModel().selectionChanged.connect(self._on_episode_selection_changed)
        self.episode_view.doubleClicked.connect(self._on_episode_view_double_clicked)

        self.episode_title = QLabel(self)
        self.episode_title.setTextFormat(Qt.TextFormat.PlainText)
        self.episode_title.setWordWrap(True)
        font = self.episode_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.episode_title.setFont(font)
        self.notes_view = ShowNotesView(self)
        self.notes_view.timestamp_activated.connect(self._on_notes_view_timestamp_activated)
        self.chapter_view = ChapterListView(self)
        self.chapter_view.chapter_activated.connect(self._on_chapter_view_chapter_activated)

        notes_pane = QWidget(self)
        notes_layout = QVBoxLayout(notes_pane)
        notes_layout.setContentsMargins(6, 6, 6, 0)
        notes_layout.addWidget(self.episode_title)
        notes_layout.addWidget(self.notes_view, 1)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(notes_pane)
        right.addWidget(self.chapter_view)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.episode_view)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)

        self.player_bar = PlayerBar(controller, self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.player_bar)
        self.setCentralWidget(central)
        self._build_actions()
        controller.episode_changed.connect(self._on_controller_episode_changed)
        self.statusBar().showMessage(
            f"{self.episode_model.rowCount()} episodes · library {library.path}", 8000
        )
        self._restore_geometry()
        if self.episode_model.rowCount():
            self.episode_view.selectRow(0)

    def _build_actions(self) -> None:
        play = QAction("Play / Pause", self)
        play.setShortcut(QKeySequence(Qt.Key.Key_Space))
        play.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        play.triggered.connect(self.controller.toggle)
        quit_action = QAction("Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(quit_action)
        playback_menu = self.menuBar().addMenu("&Playback")
        playback_menu.addAction(play)
        self.addAction(play)

    # ----- selection and playback --------------------------------------------------------

    @property
    def selected_episode(self) -> Episode | None:
        """The episode whose notes are shown."""
        return self._selected

    def select_episode(self, episode_id: int) -> None:
        """Select an episode in the list and show its notes."""
        row = self.episode_model.row_of(episode_id)
        if row is not None:
            self.episode_view.selectRow(row)
            self.episode_view.scrollTo(self.episode_model.index(row, 0))

    def _show_episode(self, episode_id: int) -> None:
        try:
            episode = self.library.episode(episode_id)
            chapters = self.library.chapters(episode_id)
        except LibraryError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            return
        self._selected = episode
        self.episode_title.setText(f"{episode.title}\n{episode.podcast_title}")
        self.notes_view.set_notes_html(episode.notes_html)
        self.chapter_view.set_chapters(chapters)

    @Slot(QItemSelection, QItemSelection)
    def _on_episode_selection_changed(self, selected: QItemSelection, _old: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            episode_id = self.episode_model.episode_id(indexes[0].row())
            if episode_id is not None:
                self._show_episode(episode_id)

    @Slot(QModelIndex)
    def _on_episode_view_double_clicked(self, index: QModelIndex) -> None:
        episode_id = self.episode_model.episode_id(index.row())
        if episode_id is not None:
            self.controller.play_episode(episode_id)

    @Slot(int)
    def _on_notes_view_timestamp_activated(self, position_ms: int) -> None:
        if self._selected is not None:
            self.controller.play_episode(self._selected.id, position_ms)

    @Slot(int)
    def _on_chapter_view_chapter_activated(self, start_ms: int) -> None:
        if self._selected is not None:
            self.controller.play_episode(self._selected.id, start_ms)

    @Slot(object)
    def _on_controller_episode_changed(self, episode: Episode | None) -> None:
        if episode is not None:
            self.episode_model.refresh_episode(episode.id)

    # ----- geometry ----------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.library.setting(GEOMETRY_KEY)
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode()))
        else:
            self.resize(1200, 760)
        state = self.library.setting(STATE_KEY)
        if state:
            self.splitter.restoreState(QByteArray.fromBase64(state.encode()))

    def save_geometry(self) -> None:
        """Remember size, position and splitter in the library."""
        try:
            self.library.set_setting(GEOMETRY_KEY, bytes(self.saveGeometry().toBase64()).decode())
            self.library.set_setting(STATE_KEY, bytes(self.splitter.saveState().toBase64()).decode())
        except LibraryError:
            pass

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_geometry()
        self.controller.pause()
        super().closeEvent(event)
