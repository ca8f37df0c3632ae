"""PodcastDetail: one podcast opened from the Podcasts view: its cover, words, links, commands and
its episodes (the window's episode list model, filtered to it)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QModelIndex, QPoint, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from companion.domain import Funding, PodcastSummary
from companion.library import Library
from companion.shownotes import render_notes_html
from companion.ui.models.episode_model import EpisodeListModel
from companion.ui.models.podcast_model import PodcastListModel
from companion.ui.models.tables import row_table
from companion.ui.panes.notes_view import ShowNotesView
from companion.ui.panes.player_menus import RATES, rate_text
from companion.ui.plain import plain_label, plain_menu_text, plain_tooltip
from companion.ui.widgets.cover_source import CoverSource

DETAIL_COVER_SIZE = 112
WEB_SCHEMES = ("http", "https")
MAX_LINKS = 6  # funding links shown (a feed may list many)


class LinkButtons(QWidget):
    """Web links as flat buttons: the text as the characters it is (never rich text), the address in
    the tooltip; a click (or Space on the focused one) opens an http(s) address in the browser."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self.buttons: list[QToolButton] = []

    def set_links(self, links: list[tuple[str, str]]) -> None:
        """Show ``(text, address)`` pairs; addresses that are not http(s) are left out."""
        for button in self.buttons:
            button.deleteLater()
        self.buttons = []
        for text, url in links:
            if QUrl(url).scheme().lower() not in WEB_SCHEMES or len(self.buttons) >= MAX_LINKS:
                continue
            button = QToolButton(self)
            button.setAutoRaise(True)
            button.setText(plain_menu_text(text or url))
            button.setToolTip(plain_tooltip(url))
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda *_, u=url: QDesktopServices.openUrl(QUrl(u)))
            self._layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            self.buttons.append(button)
        self.setVisible(bool(self.buttons))


class PodcastDetail(QWidget):
    """The opened podcast. Says what the listener asks for; the window does it."""

    back_requested = Signal()
    refresh_requested = Signal(int)
    unsubscribe_requested = Signal(int)
    mark_played_requested = Signal(int)
    rate_chosen = Signal(int, object)  # podcast id, rate (None: the global speed)
    episode_selected = Signal(int)
    episode_activated = Signal(int)
    episode_menu_requested = Signal(int, QPoint)

    def __init__(self, library: Library, covers: CoverSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._covers = covers
        self.podcast: PodcastSummary | None = None
        self.back_button = QToolButton(self)
        self.back_button.setText(self.tr("← Podcasts"))
        self.back_button.setToolTip(plain_tooltip(self.tr("Back to every podcast (Backspace, Esc)")))
        self.back_button.clicked.connect(self.back_requested)
        self.cover_label = plain_label("", self)  # a pixmap only
        self.cover_label.setFixedSize(DETAIL_COVER_SIZE, DETAIL_COVER_SIZE)
        self.title_label = plain_label("", self)
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.author_label = plain_label("", self)
        self.counts_label = plain_label("", self)
        self.refresh_label = plain_label("", self)
        self.refresh_label.setWordWrap(True)
        self.links_label = LinkButtons(self)
        self.funding_label = LinkButtons(self)
        self._build_buttons()
        self.description_view = ShowNotesView(self)
        self.description_view.setPlaceholderText(self.tr("This podcast has no description."))
        self.episode_model = EpisodeListModel(library, self)
        self.episode_model.set_podcast(-1)  # nothing until a podcast is opened
        self.episode_view = row_table(
            self.episode_model, EpisodeListModel.TITLE, ((1, 0), (2, 90), (3, 64), (4, 70)), self
        )
        self.episode_view.hideColumn(EpisodeListModel.PODCAST)  # it is this podcast's list
        self.episode_view.setSortingEnabled(True)
        self.episode_view.horizontalHeader().setSortIndicator(
            EpisodeListModel.PUBLISHED, Qt.SortOrder.DescendingOrder
        )
        self.episode_view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.episode_view.activated.connect(self._on_episode_view_activated)
        self.episode_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.episode_view.customContextMenuRequested.connect(self._on_episode_view_menu_requested)
        self._lay_out()
        covers.cover_ready.connect(self._on_covers_cover_ready)
        self.back_shortcuts = []
        for key in (Qt.Key.Key_Escape, Qt.Key.Key_Backspace):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.setWhatsThis(self.tr("Back to every podcast"))
            shortcut.setProperty("shortcut_where", self.tr("In an opened podcast"))
            shortcut.activated.connect(self.back_requested)
            self.back_shortcuts.append(shortcut)

    def _build_buttons(self) -> None:
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.clicked.connect(lambda: self._ask(self.refresh_requested))
        self.mark_played_button = QPushButton(self.tr("Mark all played"), self)
        self.mark_played_button.clicked.connect(lambda: self._ask(self.mark_played_requested))
        self.unsubscribe_button = QPushButton(self.tr("Unsubscribe…"), self)
        self.unsubscribe_button.clicked.connect(lambda: self._ask(self.unsubscribe_requested))
        self.speed_combo = QComboBox(self)
        self.speed_combo.setToolTip(plain_tooltip(self.tr("This podcast's playback speed")))
        self.speed_combo.addItem(self.tr("Global speed"), None)
        for rate in RATES:
            self.speed_combo.addItem(rate_text(rate), rate)
        self.speed_combo.activated.connect(self._on_speed_combo_activated)

    def _lay_out(self) -> None:
        """Narrow enough for the left pane: the cover beside the words, the commands two by two."""
        words = QVBoxLayout()
        for widget in (self.title_label, self.author_label, self.counts_label, self.refresh_label):
            widget.setWordWrap(True)
            words.addWidget(widget)
        words.addWidget(self.links_label)
        words.addWidget(self.funding_label)
        words.addStretch(1)
        speed = QHBoxLayout()
        speed.addWidget(plain_label(self.tr("Speed:"), self))
        speed.addWidget(self.speed_combo, 1)
        buttons = QGridLayout()
        buttons.addWidget(self.refresh_button, 0, 0)
        buttons.addWidget(self.mark_played_button, 0, 1)
        buttons.addLayout(speed, 1, 0)
        buttons.addWidget(self.unsubscribe_button, 1, 1)
        head = QGridLayout()
        head.addWidget(self.back_button, 0, 0, 1, 2, Qt.AlignmentFlag.AlignLeft)
        head.addWidget(self.cover_label, 1, 0, Qt.AlignmentFlag.AlignTop)
        head.addLayout(words, 1, 1)
        head.addLayout(buttons, 2, 0, 1, 2, Qt.AlignmentFlag.AlignLeft)
        head.setColumnStretch(1, 1)
        header = QWidget(self)
        header.setLayout(head)
        self.header_area = QScrollArea(self)  # a short window scrolls the head instead of growing
        self.header_area.setWidget(header)
        self.header_area.setWidgetResizable(True)
        self.header_area.setFrameShape(QFrame.Shape.NoFrame)
        self.header_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.header_area.setMinimumHeight(self.back_button.sizeHint().height() + 8)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        for widget in (self.header_area, self.description_view, self.episode_view):
            widget.setMinimumHeight(max(widget.minimumHeight(), 40))
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([header.sizeHint().height(), 120, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(self.splitter, 1)

    # ----- showing -------------------------------------------------------------------------------

    def show_podcast(self, podcast: PodcastSummary, words: PodcastListModel, new_before: int = 0) -> None:
        """Show ``podcast``; ``new_before`` episodes were new when it was opened (said once here)."""
        first = self.podcast is None or self.podcast.id != podcast.id
        self.podcast = podcast
        self.title_label.setText(podcast.title)
        self.author_label.setText(
            self.tr("by {author}").format(author=podcast.author) if podcast.author else ""
        )
        self.author_label.setVisible(bool(podcast.author))
        counts = words.counts_text(podcast)
        if new_before:
            counts = self.tr("{counts} · %n new since you last looked", "", new_before).format(counts=counts)
        self.counts_label.setText(counts)
        self.refresh_label.setText(words.refresh_text(podcast))
        self.refresh_label.setVisible(bool(podcast.feed_url))
        self.refresh_label.setProperty("failed", bool(podcast.refresh_error))
        self.cover_label.setPixmap(self._covers.cover(podcast.id, podcast.title, DETAIL_COVER_SIZE))
        subscription = bool(podcast.feed_url)
        self.refresh_button.setVisible(subscription)
        self.unsubscribe_button.setVisible(subscription)
        self.mark_played_button.setEnabled(podcast.unplayed > 0)
        index = self.speed_combo.findData(podcast.playback_rate) if podcast.playback_rate is not None else 0
        self.speed_combo.setCurrentIndex(max(index, 0))
        if first:
            self._show_words(podcast.id)
            self.episode_model.set_podcast(podcast.id)
            if self.episode_model.rowCount():
                self.episode_view.selectRow(0)
                self.episode_view.scrollToTop()

    def _show_words(self, podcast_id: int) -> None:
        """The description (sanitised, nothing remote loaded), the web page and the funding links."""
        podcast = self._library.podcast(podcast_id)
        details = self._library_details(podcast_id)
        self.description_view.set_notes_html(
            render_notes_html(podcast.description) if podcast.description else ""
        )
        page = self.tr("Web page: {url}").format(url=podcast.link or "")
        self.links_label.set_links([(page, podcast.link or "")])
        funding = [(self.tr("Support: {name}").format(name=f.title or f.url), f.url) for f in details]
        self.funding_label.set_links(funding)

    def _library_details(self, podcast_id: int) -> tuple[Funding, ...]:
        from companion.library.details import podcast_details

        return podcast_details(self._library, podcast_id).funding

    def forget(self) -> None:
        """No podcast shown (it was removed)."""
        self.podcast = None
        self.episode_model.set_podcast(-1)

    def set_rate_shown(self, rate: float | None) -> None:
        """Show the podcast's speed (it changed in the player)."""
        index = self.speed_combo.findData(rate) if rate is not None else 0
        if index < 0:  # a speed between the listed ones ([ and ] step by 0.1)
            self.speed_combo.addItem(rate_text(rate), rate)
            index = self.speed_combo.count() - 1
        self.speed_combo.setCurrentIndex(index)

    @Slot(int)
    def _on_covers_cover_ready(self, podcast_id: int) -> None:
        podcast = self.podcast
        if podcast is not None and podcast_id in (-1, podcast.id):
            self.cover_label.setPixmap(self._covers.cover(podcast.id, podcast.title, DETAIL_COVER_SIZE))

    # ----- asking ------------------------------------------------------------------------------

    def _ask(self, signal: Signal) -> None:
        if self.podcast is not None:
            signal.emit(self.podcast.id)

    @Slot(int)
    def _on_speed_combo_activated(self, index: int) -> None:
        if self.podcast is not None:
            self.rate_chosen.emit(self.podcast.id, self.speed_combo.itemData(index))

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, selected: QItemSelection, _old: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            episode_id = self.episode_model.episode_id(indexes[0].row())
            if episode_id is not None:
                self.episode_selected.emit(episode_id)

    @Slot(QModelIndex)
    def _on_episode_view_activated(self, index: QModelIndex) -> None:
        episode_id = self.episode_model.episode_id(index.row())
        if episode_id is not None:
            self.episode_activated.emit(episode_id)

    @Slot(QPoint)
    def _on_episode_view_menu_requested(self, point: QPoint) -> None:
        index = self.episode_view.indexAt(point)
        episode_id = self.episode_model.episode_id(index.row()) if index.isValid() else None
        if episode_id is not None:
            self.episode_menu_requested.emit(episode_id, self.episode_view.viewport().mapToGlobal(point))
