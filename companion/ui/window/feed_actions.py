"""FeedUi: the window's menus, toolbar buttons and status-bar progress for podcasts and downloads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QMenu,
    QMessageBox,
    QProgressBar,
    QToolBar,
)

from companion.feeds.errors import FeedError
from companion.jobs.feed_jobs import FeedJobs
from companion.library import Library, LibraryError
from companion.ui.dialogs.confirm import AddEpisodeDialog, AddPodcastDialog, confirm
from companion.ui.dialogs.files import FileDialog, ask_open_file, ask_save_file
from companion.ui.plain import plain_menu_text, plain_message_box, plain_tooltip
from companion.ui.window.hosts import StatusHost

if TYPE_CHECKING:
    from companion.jobs.directory import DirectorySearches
    from companion.ui.widgets.artwork import ArtworkCache

OPML_OPEN_FILTER = "OPML (*.opml *.xml);;All files (*)"
OPML_SAVE_FILTER = "OPML (*.opml)"


class FeedUi(QObject):
    """Connects FeedJobs to the window: File menu, toolbar, status bar and the episode menu."""

    def __init__(
        self, window: StatusHost, library: Library, jobs: FeedJobs, toolbar: QToolBar, menu: QMenu
    ) -> None:
        super().__init__(window)
        self.window = window
        self.library = library
        self.jobs = jobs
        self.progress = QProgressBar(window)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.hide()
        window.statusBar().addPermanentWidget(self.progress)

        self.add_podcast_action = QAction("Add podcast…", window)
        self.add_podcast_action.setShortcut(QKeySequence("Ctrl+N"))
        self.add_podcast_action.triggered.connect(self.ask_add_podcast)
        self.add_episode_action = QAction("Add episode…", window)
        self.add_episode_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.add_episode_action.triggered.connect(self.ask_add_episode)
        self.find_action = QAction(self.tr("Find podcasts…"), window)
        self.find_action.setToolTip(self.tr("Find podcasts by name in a directory, and subscribe"))
        self.find_action.triggered.connect(self.ask_find_podcasts)
        self.refresh_action = QAction("Refresh all", window)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.triggered.connect(lambda: self.jobs.refresh_all(manual=True))
        self.import_action = QAction("Import OPML…", window)
        self.import_action.triggered.connect(self.ask_import_opml)
        self.export_action = QAction("Export OPML…", window)
        self.export_action.triggered.connect(self.ask_export_opml)
        actions = (self.add_podcast_action, self.find_action, self.add_episode_action, self.refresh_action)
        for action in actions:
            menu.addAction(action)
            window.addAction(action)
        menu.addSeparator()
        menu.addAction(self.import_action)
        menu.addAction(self.export_action)
        menu.addSeparator()
        toolbar.addAction(self.add_podcast_action)
        toolbar.addAction(self.find_action)
        toolbar.addAction(self.refresh_action)

        jobs.progress_changed.connect(self._on_jobs_progress_changed)
        jobs.batch_finished.connect(self._on_jobs_batch_finished)
        jobs.subscribe_failed.connect(self._on_jobs_subscribe_failed)
        jobs.download_finished.connect(self._on_jobs_download_finished)
        jobs.unsubscribed.connect(self._on_jobs_unsubscribed)
        jobs.subscribed.connect(self._on_jobs_subscribed)
        self.confirm_box: QMessageBox | None = None
        self.add_dialog: AddPodcastDialog | AddEpisodeDialog | None = None
        self.file_dialog: FileDialog | None = None
        self.directory_searches: DirectorySearches | None = None  # made with the first Add podcast
        self.artwork: ArtworkCache | None = None  # directory artwork, kept while the window lives

    # ----- asking --------------------------------------------------------------------------

    def ask_add_podcast(self) -> AddPodcastDialog:
        """Show the Add podcast dialog (not blocking); Subscribe starts the subscription. Below the
        address, Find podcasts searches a directory by name."""
        dialog = AddPodcastDialog(self.window, self._directory_panel())

        def subscribe() -> None:
            if dialog.url():
                self.jobs.subscribe(dialog.url())

        dialog.accepted.connect(subscribe)
        return self._open(dialog)

    def ask_find_podcasts(self) -> AddPodcastDialog:
        """The Add podcast dialog with the cursor in its search field (Find podcasts)."""
        dialog = self.ask_add_podcast()
        if dialog.directory is not None:
            dialog.directory.search_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return dialog

    def _directory_panel(self):  # noqa: ANN202 (the panel's module loads on first use)
        from companion.jobs.directory import DirectorySearches
        from companion.ui.dialogs.find_podcasts import DirectoryPanel
        from companion.ui.widgets.artwork import ArtworkCache

        if self.directory_searches is None:
            self.directory_searches = DirectorySearches(self)
            self.artwork = ArtworkCache(parent=self)
            app = QCoreApplication.instance()
            if app is not None:
                app.aboutToQuit.connect(self.directory_searches.shutdown)
                app.aboutToQuit.connect(self.artwork.shutdown)
        assert self.artwork is not None
        return DirectoryPanel(self.library, self.jobs, self.directory_searches, self.artwork)

    def ask_add_episode(self) -> AddEpisodeDialog:
        """Show the Add episode dialog (not blocking); Add adds the episode (chapters from notes and
        tags) or says why not and stays open."""
        dialog = AddEpisodeDialog(self.window, self._add_episode, self._check_readable)
        return self._open(dialog)

    def _open(self, dialog: AddPodcastDialog | AddEpisodeDialog):  # noqa: ANN202
        dialog.finished.connect(dialog.deleteLater)
        self.add_dialog = dialog
        dialog.open()
        return dialog

    def _check_readable(self, path: str) -> None:
        try:
            self.library.refuse_own_file(path, "read")
        except LibraryError as exc:
            raise ValueError(str(exc)) from exc

    def _add_episode(self, audio: str, title: str, notes: str) -> str:
        from companion.services.episodes import add_local_episode

        try:
            episode = add_local_episode(self.library, audio, title, notes)
        except (FeedError, LibraryError) as exc:
            return str(exc)
        self.jobs.library_changed.emit()
        self.window.statusBar().showMessage(f"Added “{episode.title}”", 5000)
        select = getattr(self.window, "select_episode", None)
        if select is not None:
            select(episode.id)
        return ""

    def ask_import_opml(self) -> FileDialog:
        """Choose an OPML file (not blocking) and subscribe to its feeds."""
        self.file_dialog = ask_open_file(self.window, "Import OPML", OPML_OPEN_FILTER, self.jobs.import_opml)
        return self.file_dialog

    def ask_export_opml(self) -> FileDialog:
        """Choose where to write the subscriptions as OPML (not blocking)."""
        self.file_dialog = ask_save_file(
            self.window, "Export OPML", "podcasts.opml", OPML_SAVE_FILTER, self.export_opml_to
        )
        return self.file_dialog

    def export_opml_to(self, path: str) -> int:
        """Write the subscriptions to ``path`` as OPML; says how many (or why not) and returns it."""
        try:
            count = self.jobs.export_opml(path)
        except (FeedError, LibraryError) as exc:
            self.warn("Export OPML", str(exc))
            return 0
        self.window.statusBar().showMessage(f"Exported {count} podcasts to {path}", 5000)
        return count

    def add_episode_actions(self, menu: QMenu, episode_id: int) -> None:
        """Download / cancel / delete entries for the episode context menu."""
        try:
            episode = self.library.episode(episode_id)
        except LibraryError:
            return
        menu.addSeparator()
        if self.jobs.is_downloading(episode_id):
            menu.addAction("Cancel download", lambda: self.jobs.cancel_download(episode_id))
        elif episode.audio_path and episode.audio_url:
            menu.addAction("Delete download", lambda: self._delete_download(episode_id))
        elif episode.audio_url:
            menu.addAction("Download", lambda: self.jobs.download(episode_id))
        podcast = self.library.podcast(episode.podcast_id)
        if podcast.is_subscription:
            menu.addSeparator()
            name = plain_menu_text(_short(podcast.title))
            refresh = menu.addAction(f"Refresh “{name}”", lambda: self.jobs.refresh_all(True, {podcast.id}))
            refresh.setEnabled(not self.jobs.busy())
            menu.addAction(f"Unsubscribe from “{name}”…", lambda: self.ask_unsubscribe(podcast.id))

    def ask_unsubscribe(self, podcast_id: int) -> QMessageBox | None:
        """Ask (without blocking) before unsubscribing, saying what goes with the podcast."""
        from companion.library.unsubscribe import podcast_usage

        try:
            usage = podcast_usage(self.library, podcast_id)
        except LibraryError as exc:
            self.warn("Unsubscribe", str(exc))
            return None
        text = f"Unsubscribe from “{usage.title}”?\n\n{usage.describe()}"
        self.confirm_box = confirm(
            self.window, "Unsubscribe", text, "Unsubscribe", lambda: self.unsubscribe(podcast_id)
        )
        return self.confirm_box

    def unsubscribe(self, podcast_id: int) -> None:
        """Remove a podcast without asking (the window lets go of it first), or say why not now."""
        if self.jobs.busy() or self.jobs.storing():
            self.warn("Unsubscribe", "Feeds are being refreshed; unsubscribe again when the refresh is done.")
            return
        let_go = getattr(self.window, "let_go_of_podcast", None)
        if let_go is not None:
            let_go(podcast_id)
        self.jobs.unsubscribe(podcast_id)

    def _delete_download(self, episode_id: int) -> None:
        error = self.jobs.delete_download(episode_id)
        self.window.statusBar().showMessage(error or "Download deleted", 6000)

    # ----- reporting -----------------------------------------------------------------------

    @Slot(int, int, str)
    def _on_jobs_progress_changed(self, done: int, total: int, label: str) -> None:
        if total <= 0:
            self.progress.hide()
            return
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat(f"{label}: {done}/{total}")
        self.progress.setToolTip(plain_tooltip(label))
        self.progress.show()

    @Slot(str, list, bool)
    def _on_jobs_batch_finished(self, summary: str, failures: list, manual: bool) -> None:
        self.window.statusBar().showMessage(summary, 10_000)
        if failures and manual:
            title = "Some feeds could not be updated"
            box = plain_message_box(QMessageBox.Icon.Warning, title, summary, parent=self.window)
            box.setDetailedText("\n\n".join(failures))
            box.setInformativeText(failures[0])
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            self.last_warning = box

    @Slot(str)
    def _on_jobs_subscribe_failed(self, message: str) -> None:
        self.warn("Add podcast", message)

    def warn(self, title: str, message: str) -> QMessageBox:
        """A window-modal warning that does not block the event loop."""
        box = plain_message_box(QMessageBox.Icon.Warning, title, message, parent=self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.last_warning = box
        return box

    @Slot(int, str)
    def _on_jobs_download_finished(self, episode_id: int, error: str) -> None:
        self.window.statusBar().showMessage(error or "Download finished", 8000)

    @Slot(int)
    def _on_jobs_subscribed(self, podcast_id: int) -> None:
        pane = getattr(self.window, "episode_pane", None)
        if pane is not None:  # the list shows what was just added, newest first
            pane.show_podcast(podcast_id)
            if pane.model.rowCount():
                pane.view.selectRow(0)

    @Slot(int, str)
    def _on_jobs_unsubscribed(self, _podcast_id: int, message: str) -> None:
        removed = getattr(self.window, "podcast_removed", None)
        if removed is not None:
            removed()
        self.window.statusBar().showMessage(message, 8000)


def _short(title: str, limit: int = 40) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"
