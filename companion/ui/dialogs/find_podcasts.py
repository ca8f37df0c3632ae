"""Find podcasts: the Add podcast dialog's search of a directory, with covers and one-click Subscribe.

Nothing is sent before the listener agrees, once per directory (the answer is kept in Settings);
typing searches after a pause or on Enter, never on every key; an answer that comes after the listener
typed on is dropped; every failure is a line in the panel. Subscribe runs the window's own subscribe
job (its progress in the status bar); a result already subscribed says so and cannot be pressed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from companion.feeds.directory import Directory, DirectoryAnswer, directory, feed_key
from companion.jobs.directory import DirectorySearches
from companion.jobs.feed_jobs import FeedJobs
from companion.library import Library, LibraryError
from companion.library.settings import directory_consent, read_settings, store_directory_consent
from companion.services.directory import DirectoryHit, mark_subscriptions, subscribed_keys
from companion.ui.plain import plain_label, plain_tooltip
from companion.ui.widgets.artwork import ArtworkCache, placeholder

SEARCH_PAUSE_MS = 700  # typing searches once the listener stops for this long
ERROR_STYLE = "color: #b3261e;"


class SearchEdit(QLineEdit):
    """A line edit whose Enter searches (``submitted``) instead of pressing the dialog's default button."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class ResultRow(QWidget):
    """One result: cover, title, author and episode count, and its Subscribe button."""

    subscribe_clicked = Signal(str)  # the feed address

    def __init__(self, hit: DirectoryHit, cover: QPixmap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        entry = hit.entry
        self.feed_url = entry.feed_url
        self.artwork_url = entry.artwork_url
        self.cover = QLabel(self)
        self.cover.setFixedSize(cover.deviceIndependentSize().toSize())
        self.set_cover(cover)
        self.title_label = plain_label(entry.title, self)
        bold = QFont(self.title_label.font())
        bold.setBold(True)
        self.title_label.setFont(bold)
        self.title_label.setToolTip(plain_tooltip(f"{entry.title}\n{entry.feed_url}"))
        count = entry.episode_count
        episodes = self.tr("%n episode(s)", "", count) if count is not None else ""
        self.details_label = plain_label(" · ".join(p for p in (entry.author, episodes) if p), self)
        for label in (self.title_label, self.details_label):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.button = QPushButton(self)
        self.button.setAutoDefault(False)
        self.button.clicked.connect(lambda: self.subscribe_clicked.emit(self.feed_url))
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.title_label)
        text.addWidget(self.details_label)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 4, 4, 4)
        row.addWidget(self.cover)
        row.addLayout(text, 1)
        row.addWidget(self.button)
        self.set_subscribed(hit.subscribed)

    def set_cover(self, pixmap: QPixmap) -> None:
        """Show ``pixmap`` (the artwork, or the placeholder) in the cover's square."""
        side = self.cover.width()
        if pixmap.width() > side:
            pixmap = QPixmap(pixmap)
            pixmap.setDevicePixelRatio(max(pixmap.width(), pixmap.height()) / side)
        self.cover.setPixmap(pixmap)

    def set_subscribed(self, subscribed: bool) -> None:
        """ "Subscribed" (disabled) or "Subscribe"."""
        self.subscribed = subscribed
        self.button.setText(self.tr("Subscribed") if subscribed else self.tr("Subscribe"))
        self.button.setEnabled(not subscribed)

    def set_subscribing(self) -> None:
        """The subscription has started: the button waits for it."""
        self.button.setText(self.tr("Subscribing…"))
        self.button.setEnabled(False)


class DirectoryPanel(QWidget):
    """The search field, the consent question, a status line and the results."""

    def __init__(
        self,
        library: Library,
        jobs: FeedJobs,
        searches: DirectorySearches,
        artwork: ArtworkCache,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.jobs = jobs
        self.searches = searches
        self.artwork = artwork
        self.rows: list[ResultRow] = []
        self._asked: tuple[str, str] | None = None  # (directory id, term) of the search running or shown
        self._pending_term = ""  # what to search once the listener has answered the question
        self._subscribing: set[str] = set()
        self._starting: str | None = None
        self._placeholder = placeholder(artwork.side)
        self._build()
        searches.answered.connect(self._on_searches_answered)
        searches.failed.connect(self._on_searches_failed)
        artwork.ready.connect(self._on_artwork_ready)
        jobs.subscribed.connect(self._on_jobs_subscribed)
        jobs.batch_finished.connect(self._on_jobs_batch_finished)
        jobs.subscribe_failed.connect(self._on_jobs_subscribe_failed)
        jobs.library_changed.connect(self.remark)

    def _build(self) -> None:
        self.heading = plain_label(self.tr("Or find a podcast by name:"), self)
        self.search_edit = SearchEdit(self)
        self.search_edit.setPlaceholderText(self.tr("A podcast's name, or part of it"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.submitted.connect(self.search_now)
        self.search_edit.textEdited.connect(self._on_search_edit_text_edited)
        self.search_button = QPushButton(self.tr("Search"), self)
        self.search_button.setAutoDefault(False)
        self.search_button.clicked.connect(self.search_now)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_PAUSE_MS)
        self._timer.timeout.connect(self.search_now)
        self.consent_frame = QFrame(self)
        self.consent_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.consent_label = plain_label("", self.consent_frame)
        self.consent_label.setWordWrap(True)
        self.allow_button = QPushButton(self.consent_frame)
        self.allow_button.setAutoDefault(False)
        self.allow_button.clicked.connect(self.allow)
        self.decline_button = QPushButton(self.tr("Don't search"), self.consent_frame)
        self.decline_button.setAutoDefault(False)
        self.decline_button.clicked.connect(self.decline)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.decline_button)
        buttons.addWidget(self.allow_button)
        consent = QVBoxLayout(self.consent_frame)
        consent.addWidget(self.consent_label)
        consent.addLayout(buttons)
        self.consent_frame.hide()
        self.status_label = plain_label("", self)
        self.status_label.setWordWrap(True)
        self.results = QListWidget(self)
        self.results.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.results.setMinimumHeight(240)
        field = QHBoxLayout()
        field.addWidget(self.search_edit, 1)
        field.addWidget(self.search_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(field)
        layout.addWidget(self.consent_frame)
        layout.addWidget(self.status_label)
        layout.addWidget(self.results, 1)

    # ----- searching ------------------------------------------------------------------------

    def directory(self) -> Directory:
        """The directory chosen in Preferences."""
        return directory(read_settings(self.library).directory)

    @Slot(str)
    def _on_search_edit_text_edited(self, text: str) -> None:
        if text.strip():
            self._timer.start()  # restarted by every key: one search once typing pauses
        else:
            self._timer.stop()
            self.searches.forget()
            self._asked = None
            self._show_hits([])
            self._say("")

    @Slot()
    def search_now(self) -> None:
        """Search for what is typed (Enter, the Search button, or a pause in typing)."""
        self._timer.stop()
        term = " ".join(self.search_edit.text().split())
        if not term:
            return
        where = self.directory()
        consent = directory_consent(read_settings(self.library), where.id)
        if consent == "":
            self._ask(where, term)
            return
        if consent == "no":
            self._say(
                self.tr(
                    "Searching {name} is off, as you chose: nothing was sent. You can still add a podcast by"
                    " its address above, or allow the search in Preferences."
                ).format(name=where.name)
            )
            return
        if self._asked == (where.id, term):
            return  # that search is running or shown
        self._asked = (where.id, term)
        self.searches.search(where.id, term)
        self._say(self.tr("Searching {name} for “{term}”…").format(name=where.name, term=term))

    def _ask(self, where: Directory, term: str) -> None:
        self._pending_term = term
        self.consent_label.setText(
            self.tr(
                "Search {name}? What you type here will be sent to {name} ({host}) to find podcasts."
                " Nothing is sent until you agree, and you are asked once."
            ).format(name=where.name, host=where.host())
        )
        self.allow_button.setText(self.tr("Search {name}").format(name=where.name))
        self.consent_frame.show()
        self._say("")

    @Slot()
    def allow(self) -> None:
        """The listener agrees: remember it for this directory and search."""
        self._answer("yes")
        self.search_now()

    @Slot()
    def decline(self) -> None:
        """The listener declines: remember it; nothing is sent, adding by address still works."""
        self._answer("no")
        self.search_now()

    def _answer(self, consent: str) -> None:
        self.consent_frame.hide()
        try:
            store_directory_consent(self.library, self.directory().id, consent)
        except LibraryError as exc:
            self._say(str(exc), error=True)

    @Slot(int, object)
    def _on_searches_answered(self, _number: int, answer: DirectoryAnswer) -> None:
        hits = mark_subscriptions(self.library, answer.entries)
        self._show_hits(hits)
        name = directory(answer.directory_id).name
        if not hits and answer.without_feed:
            text = self.tr(
                "{name} found %n result(s) for “{term}”, but none gives a feed address to subscribe to.",
                "",
                answer.without_feed,
            )
        elif not hits:
            text = self.tr("{name} found no podcasts for “{term}”.")
        else:
            text = self.tr("{name}: %n podcast(s) for “{term}”.", "", len(hits))
            if answer.without_feed:
                text += " " + self.tr("%n without a feed address not shown.", "", answer.without_feed)
        self._say(text.format(name=name, term=answer.term))

    @Slot(int, str)
    def _on_searches_failed(self, _number: int, message: str) -> None:
        self._asked = None  # the same search may be tried again
        self._show_hits([])
        self._say(message, error=True)

    def _say(self, text: str, error: bool = False) -> None:
        self.status_label.setStyleSheet(ERROR_STYLE if error else "")
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))

    # ----- results ---------------------------------------------------------------------------

    def _show_hits(self, hits: list[DirectoryHit]) -> None:
        self.results.clear()
        self.rows = []
        for hit in hits:
            row = ResultRow(hit, self.artwork.pixmap(hit.entry.artwork_url) or self._placeholder)
            if hit.entry.feed_url in self._subscribing and not hit.subscribed:
                row.set_subscribing()
            row.subscribe_clicked.connect(self.subscribe)
            item = QListWidgetItem(self.results)
            item.setSizeHint(row.sizeHint())
            self.results.setItemWidget(item, row)
            self.rows.append(row)

    @Slot(str)
    def _on_artwork_ready(self, url: str) -> None:
        pixmap = self.artwork.pixmap(url)
        for row in self.rows:
            if pixmap is not None and row.artwork_url == url:
                row.set_cover(pixmap)

    @Slot(str)
    def subscribe(self, feed_url: str) -> None:
        """Subscribe to a result's feed through the window's subscribe job."""
        self._subscribing.add(feed_url)
        for row in self.rows:
            if row.feed_url == feed_url:
                row.set_subscribing()
        self._say(self.tr("Subscribing to {url}…").format(url=feed_url))
        self._starting = feed_url  # a plan that fails says so at once, inside this call
        try:
            self.jobs.subscribe(feed_url)
        finally:
            self._starting = None

    @Slot()
    def remark(self) -> None:
        """Mark again which results are subscriptions (after a subscribe or an unsubscribe)."""
        if not self.rows:
            return
        known = subscribed_keys(self.library)
        for row in self.rows:
            subscribed = feed_key(row.feed_url) in known
            if subscribed:
                self._subscribing.discard(row.feed_url)
            if row.feed_url not in self._subscribing:
                row.set_subscribed(subscribed)

    @Slot(int)
    def _on_jobs_subscribed(self, _podcast_id: int) -> None:
        self.remark()

    @Slot(str, list, bool)
    def _on_jobs_batch_finished(self, summary: str, failures: list, _manual: bool) -> None:
        # a subscription's batch is labelled "Adding URL" (FeedJobs.subscribe); others are not ours
        ended = [url for url in self._subscribing if summary.startswith(f"Adding {url.strip()}:")]
        if ended:
            self._end_subscribing(ended, failures)

    @Slot(str)
    def _on_jobs_subscribe_failed(self, message: str) -> None:
        if self._starting is not None:
            self._end_subscribing([self._starting], [message])

    def _end_subscribing(self, urls: list[str], failures: list[str]) -> None:
        for url in urls:
            self._subscribing.discard(url)
        self.remark()
        if failures:
            self._say(failures[0], error=True)
        elif urls:
            self._say(self.tr("Subscribed: its episodes are in the list."))
