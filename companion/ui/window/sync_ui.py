"""SyncUi: File ▸ Sync… and Sync now, the status bar's sync line, and the player bar's sync offer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolBar

from companion.domain import PlaybackState
from companion.jobs.sync_jobs import SyncJobs
from companion.ui.dialogs.sync_dialog import SyncDialog
from companion.ui.panes.sync_offer import SyncOffer
from companion.ui.window.hosts import SyncHost

if TYPE_CHECKING:
    from companion import sync


class SyncUi(QObject):
    """Wires SyncJobs to the window: the menu and toolbar actions, pauses, messages and offers."""

    def __init__(self, window: SyncHost, menu: QMenu, toolbar: QToolBar) -> None:
        super().__init__(window)
        self.window = window
        controller = window.controller
        self.jobs = SyncJobs(window.library, window.jobs, self._playing, self)
        self.jobs.let_go = window.let_go_of_podcast
        self.dialog: SyncDialog | None = None
        self.offer = SyncOffer(controller, window.player_bar)
        window.player_bar.layout().addWidget(self.offer)
        self.dialog_action = QAction(self.tr("Sync…"), window)
        self.dialog_action.setToolTip(self.tr("Sync with a gpodder.net or Nextcloud server"))
        self.dialog_action.triggered.connect(self.show_dialog)
        self.sync_action = QAction(self.tr("Sync now"), window)
        self.sync_action.setToolTip(self.tr("Send and fetch subscriptions and positions now"))
        self.sync_action.triggered.connect(self.sync_now)
        menu.addAction(self.dialog_action)
        menu.addAction(self.sync_action)
        menu.addSeparator()
        toolbar.addAction(self.sync_action)
        controller.state_changed.connect(self._on_controller_state_changed)
        self.jobs.started.connect(self._on_jobs_started)
        self.jobs.finished.connect(self._on_jobs_finished)
        self.jobs.failed.connect(self._on_jobs_failed)
        self.jobs.offered.connect(self.offer.show_offer)

    def _playing(self) -> int | None:
        episode = self.window.controller.episode
        return episode.id if episode is not None else None

    def show_dialog(self) -> SyncDialog:
        """File ▸ Sync…: window-modal, not blocking; a new one each time it opens."""
        dialog = SyncDialog(self.window.library, self.jobs, self.window)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def sync_now(self) -> None:
        """Sync now (menu and toolbar); says why not when it cannot start."""
        if not self.jobs.logged_in():
            self.window.statusBar().showMessage(self.tr("Sync is not set up: File ▸ Sync… to log in."), 8000)
            return
        if self.jobs.running:
            self.window.statusBar().showMessage(self.tr("A sync is running already."), 5000)
            return
        self.jobs.sync()

    @Slot(object)
    def _on_controller_state_changed(self, state: PlaybackState) -> None:
        if state in (PlaybackState.PAUSED, PlaybackState.STOPPED):
            self.jobs.note_pause()

    @Slot()
    def _on_jobs_started(self) -> None:
        self.sync_action.setEnabled(False)
        self.window.statusBar().showMessage(self.tr("Syncing…"), 10_000)

    @Slot(object)
    def _on_jobs_finished(self, report: sync.SyncReport) -> None:
        self.sync_action.setEnabled(True)
        sent = self.tr("%n change(s) sent", "", len(report.subscriptions_sent) + report.actions_sent)
        changed = report.positions + report.played + report.unplayed
        came = self.tr("%n episode(s) updated from other devices", "", changed)
        podcasts = self.tr(
            "%n podcast(s) added or removed", "", len(report.subscribed) + len(report.unsubscribed)
        )
        text = self.tr("Synced: {sent}, {came}, {podcasts}").format(sent=sent, came=came, podcasts=podcasts)
        self.window.statusBar().showMessage(text, 10_000)

    @Slot(str)
    def _on_jobs_failed(self, error: str) -> None:
        self.sync_action.setEnabled(True)
        self.window.statusBar().showMessage(
            self.tr("Sync failed: {error} Your changes are kept and sent next time.").format(error=error),
            15_000,
        )

    def start(self) -> None:
        """At start: a sync when the last one is older than ten minutes."""
        self.jobs.sync_if_due()
