"""PodcastsUi: the Podcasts tab wired to the window: opening (and so "seen"), the podcast's menu,
refresh through the feed jobs, the confirmed unsubscribe, mark all played, its own speed, the tab's
count of new episodes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Slot
from PySide6.QtWidgets import QMenu, QTabWidget

from companion.jobs.feed_jobs import FeedJobs
from companion.library import Library, LibraryError
from companion.playback.controller import PlaybackController
from companion.ui.panes.player_menus import RATES, rate_text
from companion.ui.panes.podcasts_pane import PodcastsPane
from companion.ui.plain import plain_menu_text
from companion.ui.widgets.cover_source import CoverSource, PlaceholderCovers
from companion.ui.window.feed_actions import FeedUi
from companion.ui.window.hosts import StatusHost


class PodcastsUi(QObject):
    """Owns the Podcasts pane and does what it asks, through the controller, the feed jobs and FeedUi."""

    def __init__(
        self,
        window: StatusHost,
        library: Library,
        controller: PlaybackController,
        feed_ui: FeedUi,
        tabs: QTabWidget,
        episode_menu: Callable[[int], QMenu],
        show_episode: Callable[[int], None],
        covers: CoverSource | None = None,
    ) -> None:
        super().__init__(window)  # type: ignore[arg-type]
        self.window = window
        self.library = library
        self.controller = controller
        self.feed_ui = feed_ui
        self.jobs: FeedJobs = feed_ui.jobs
        self.tabs = tabs
        self._episode_menu = episode_menu
        self.covers = covers or PlaceholderCovers(self)
        self.pane = PodcastsPane(library, self.covers, tabs)
        self.pane.setObjectName("podcasts")  # tabs are remembered by these names
        tabs.insertTab(1, self.pane, self.tr("Podcasts"))  # beside Episodes
        pane, detail = self.pane, self.pane.detail
        pane.podcast_opened.connect(self.open_podcast)
        for view in (pane.grid, pane.table):
            view.menu_requested.connect(self._on_view_menu_requested)
            view.delete_requested.connect(self.ask_unsubscribe)
        detail.refresh_requested.connect(self.refresh)
        detail.unsubscribe_requested.connect(self.ask_unsubscribe)
        detail.mark_played_requested.connect(self.mark_played)
        detail.rate_chosen.connect(self.set_rate)
        detail.episode_selected.connect(show_episode)
        detail.episode_activated.connect(lambda episode_id: controller.play_episode(episode_id))
        detail.episode_menu_requested.connect(lambda e, where: episode_menu(e).popup(where))
        controller.rate_changed.connect(self._on_controller_rate_changed)
        controller.episode_updated.connect(detail.episode_model.refresh_episode)
        self.jobs.library_changed.connect(self.reload)
        self.jobs.batch_finished.connect(lambda *_: self.reload())  # refresh errors and times
        pane.model.modelReset.connect(self.update_tab)
        self.update_tab()

    # ----- what the listener asks ----------------------------------------------------------------

    @Slot(int)
    def open_podcast(self, podcast_id: int) -> bool:
        """Open a podcast's page; it counts as looked at (its New badge goes)."""
        self.pane.ensure_loaded()
        row = self.pane.model.row_of(podcast_id)
        summary = self.pane.model.summary(row) if row is not None else None
        if summary is None:
            return False
        try:
            self.library.mark_podcast_seen(podcast_id)
        except LibraryError as exc:
            self.window.statusBar().showMessage(str(exc), 10_000)
        self.pane.model.reload()
        return self.pane.open_podcast(podcast_id, summary.new)

    def mark_seen(self, podcast_id: int) -> None:
        """Nothing of this podcast is new any more (without opening it)."""
        if self._write(lambda: self.library.mark_podcast_seen(podcast_id)):
            self.reload()

    def refresh(self, podcast_id: int) -> None:
        """Refresh one subscription through the feed jobs (progress in the status bar)."""
        if not self.jobs.refresh_all(True, {podcast_id}) and self.jobs.busy():
            self.window.statusBar().showMessage(self.tr("Feeds are being refreshed already."), 6000)

    def ask_unsubscribe(self, podcast_id: int) -> None:
        """The window's confirmed, stepwise unsubscribe (the local podcast and the demo have none)."""
        summary = self._summary(podcast_id)
        if summary is not None and summary.feed_url:
            self.feed_ui.ask_unsubscribe(podcast_id)

    def mark_played(self, podcast_id: int) -> None:
        """Mark every episode of the podcast played."""
        count = self.controller.mark_podcast_played(podcast_id)
        if count is not None:
            self.window.statusBar().showMessage(self.tr("Marked %n episode(s) played", "", count), 6000)
            self.jobs.library_changed.emit()  # every list shows it

    def set_rate(self, podcast_id: int, rate: float | None) -> None:
        """Give the podcast its own speed (None: the global one); the player uses it at once."""
        if self.controller.set_podcast_rate(podcast_id, rate):
            self.reload()

    def menu(self, podcast_id: int) -> QMenu:
        """The podcast's context menu."""
        summary = self._summary(podcast_id)
        menu = QMenu(self.pane)
        menu.addAction(self.tr("Open"), lambda: self.open_podcast(podcast_id))
        if summary is None:
            return menu
        if summary.feed_url:
            refresh = menu.addAction(self.tr("Refresh"), lambda: self.refresh(podcast_id))
            refresh.setEnabled(not self.jobs.busy())
        played = menu.addAction(self.tr("Mark all played"), lambda: self.mark_played(podcast_id))
        played.setEnabled(summary.unplayed > 0)
        seen = menu.addAction(self.tr("Mark as seen"), lambda: self.mark_seen(podcast_id))
        seen.setEnabled(summary.new > 0)
        speeds = menu.addMenu(self.tr("Playback speed"))
        own = self.library.podcast_rate(podcast_id)  # the player's [ and ] may have changed it
        choices = [(self.tr("Global speed"), None), *((rate_text(r), r) for r in RATES)]
        for text, rate in choices:
            action = speeds.addAction(plain_menu_text(text), lambda *_, r=rate: self.set_rate(podcast_id, r))
            action.setCheckable(True)
            action.setChecked(own == rate)
        if summary.feed_url:
            menu.addSeparator()
            menu.addAction(self.tr("Unsubscribe…"), lambda: self.ask_unsubscribe(podcast_id))
        return menu

    # ----- keeping up ---------------------------------------------------------------------------

    def start(self) -> None:
        """After the window's first paint: read the podcasts (the tab's count of new episodes)."""
        self.pane.ensure_loaded()

    @Slot()
    def reload(self) -> None:
        """Counts, errors and titles again (after a refresh, a mark, an unsubscribe), once read."""
        if self.pane.model.loaded:
            self.pane.reload()

    def update_tab(self) -> None:
        """The tab says how many episodes are new over every podcast."""
        count = self.pane.model.new_total()
        text = self.tr("Podcasts (%n new)", "", count) if count else self.tr("Podcasts")
        self.tabs.setTabText(self.tabs.indexOf(self.pane), text)

    def _summary(self, podcast_id: int):  # noqa: ANN202 (PodcastSummary | None)
        row = self.pane.model.row_of(podcast_id)
        return self.pane.model.summary(row) if row is not None else None

    def _write(self, write: Callable[[], object]) -> bool:
        try:
            write()
        except LibraryError as exc:
            self.window.statusBar().showMessage(str(exc), 10_000)
            return False
        return True

    @Slot(int, QPoint)
    def _on_view_menu_requested(self, podcast_id: int, where: QPoint) -> None:
        self.last_menu = self.menu(podcast_id)
        self.last_menu.popup(where)

    @Slot(float)
    def _on_controller_rate_changed(self, _rate: float) -> None:
        detail = self.pane.detail
        if detail.podcast is not None:
            detail.set_rate_shown(self.library.podcast_rate(detail.podcast.id))
