"""SyncDialog (File ▸ Sync…): the account, log in and out, Sync now, Full resync, how the last went,
what waits to be sent, and linking devices; everything that reaches the server runs in a worker."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion import sync
from companion.jobs.sync_jobs import SyncJobs
from companion.library import Library, LibraryError
from companion.ui.plain import plain_label

ERROR_STYLE = "color: #b3261e;"


class SyncDialog(QDialog):
    """Sync's settings and buttons; opened window-modal (``open``), never blocking the window."""

    def __init__(self, library: Library, jobs: SyncJobs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sync"))
        self._library = library
        self._jobs = jobs
        self._build_fields()
        self._build_buttons()
        self._lay_out()
        jobs.login_finished.connect(self._on_jobs_login_finished)
        jobs.started.connect(self._show_status)
        jobs.progress.connect(self._on_jobs_progress)
        jobs.finished.connect(self._show_status)
        jobs.failed.connect(self._show_status)
        jobs.devices_listed.connect(self._on_jobs_devices_listed)
        jobs.linked.connect(self._on_jobs_linked)
        self._show_account()
        self._show_status()

    def _build_fields(self) -> None:
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("gPodder API (gpodder.net, oPodSync, mygpo)"), "gpodder")
        self.kind.addItem(self.tr("Nextcloud (gPodder Sync app)"), "nextcloud")
        self.kind.currentIndexChanged.connect(self._show_devices_part)
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("https://gpodder.example.org")
        self.user = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.device_name = QLineEdit(self)
        self.device_name.setText(self.tr("Podcast Companion"))
        self.error_label = plain_label(parent=self)  # the inline error: one line a person can act on
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.busy = QProgressBar(self)
        self.busy.setTextVisible(True)
        self.busy.hide()
        self.account_label = plain_label(parent=self)
        self.status_label = plain_label(parent=self)
        self.status_label.setWordWrap(True)
        self.pending_label = plain_label(parent=self)
        self.note = QLabel(
            self.tr(
                "Subscriptions, positions and played marks sync. Up Next, stars and bookmarks stay on"
                " this computer: the gPodder protocol has no place for them."
            ),
            self,
        )
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.devices = QListWidget(self)
        self.devices.setMaximumHeight(90)

    def _build_buttons(self) -> None:
        self.login_button = QPushButton(self.tr("Log in"), self)
        self.login_button.clicked.connect(self.log_in)
        self.logout_button = QPushButton(self.tr("Log out"), self)
        self.logout_button.clicked.connect(self.log_out)
        self.sync_button = QPushButton(self.tr("Sync now"), self)
        self.sync_button.clicked.connect(lambda: self._jobs.sync())
        self.full_button = QPushButton(self.tr("Full resync"), self)
        self.full_button.setToolTip(self.tr("Send everything and read everything again from the server"))
        self.full_button.clicked.connect(lambda: self._jobs.sync(full=True))
        self.list_devices_button = QPushButton(self.tr("Show devices"), self)
        self.list_devices_button.clicked.connect(self._list_devices)
        self.link_button = QPushButton(self.tr("Link checked devices"), self)
        self.link_button.clicked.connect(self._link)
        self.close_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_box.rejected.connect(self.reject)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Server type"), self.kind)
        form.addRow(self.tr("Address"), self.url)
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Device name"), self.device_name)
        account_row = QHBoxLayout()
        account_row.addWidget(self.login_button)
        account_row.addWidget(self.logout_button)
        account_row.addStretch(1)
        sync_row = QHBoxLayout()
        sync_row.addWidget(self.sync_button)
        sync_row.addWidget(self.full_button)
        sync_row.addStretch(1)
        self.devices_part = QWidget(self)
        devices_layout = QVBoxLayout(self.devices_part)
        devices_layout.setContentsMargins(0, 0, 0, 0)
        devices_layout.addWidget(plain_label(self.tr("Your other devices on this server"), self))
        devices_layout.addWidget(self.devices)
        devices_buttons = QHBoxLayout()
        devices_buttons.addWidget(self.list_devices_button)
        devices_buttons.addWidget(self.link_button)
        devices_buttons.addStretch(1)
        devices_layout.addLayout(devices_buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(account_row)
        layout.addWidget(self.error_label)
        layout.addWidget(self.busy)
        layout.addWidget(self.account_label)
        layout.addLayout(sync_row)
        layout.addWidget(self.status_label)
        layout.addWidget(self.pending_label)
        layout.addWidget(self.devices_part)
        layout.addWidget(self.note)
        layout.addWidget(self.close_box)
        self.resize(520, self.sizeHint().height())

    # ----- showing ----------------------------------------------------------------------------

    def _show_account(self) -> None:
        account = sync.account_of(self._library)
        if account is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(account.kind)))
            self.url.setText(account.url)
            self.user.setText(account.user)
            self.device_name.setText(account.device_name)

    @Slot()
    def _show_status(self, *_args: object) -> None:
        """The account, the last sync and its result, and what waits to be sent."""
        try:
            status = sync.status(self._library)
        except LibraryError as exc:
            self.status_label.setText(str(exc))
            return
        account = status.account
        logged_in = account is not None
        if logged_in:
            self.account_label.setText(
                self.tr("Logged in as {user} on {url} (this device: {device})").format(
                    user=account.user, url=account.url, device=account.device_id
                )
            )
        else:
            self.account_label.setText(self.tr("Not logged in."))
        if self._jobs.running:
            self.status_label.setText(self.tr("Syncing…"))
        elif status.last_error:
            self.status_label.setText(
                self.tr("The last sync failed: {error}").format(error=status.last_error)
            )
        elif status.last_sync_at:
            self.status_label.setText(
                self.tr("Last synced {when}").format(when=_local_time(status.last_sync_at))
            )
        else:
            self.status_label.setText(self.tr("Not synced yet."))
        self.pending_label.setText(self.tr("%n change(s) waiting to be sent", "", status.pending))
        self.pending_label.setVisible(logged_in)
        self.logout_button.setEnabled(logged_in)
        for button in (self.sync_button, self.full_button):
            button.setEnabled(logged_in and not self._jobs.running)
        self._show_devices_part()
        if not self._jobs.running:
            self.busy.hide()

    def _show_devices_part(self, *_args: object) -> None:
        account = sync.account_of(self._library)
        self.devices_part.setVisible(account is not None and account.kind == "gpodder")

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    @Slot(int, int, str)
    def _on_jobs_progress(self, done: int, total: int, message: str) -> None:
        if total <= 0:
            self.busy.hide()
            return
        self.busy.setRange(0, total)
        self.busy.setValue(done)
        self.busy.setFormat(message)
        self.busy.show()

    # ----- doing ------------------------------------------------------------------------------

    def log_in(self) -> None:
        """Check the account on the server (in a worker); the result shows here."""
        self._show_error("")
        self.login_button.setEnabled(False)
        self.busy.setRange(0, 0)  # busy until the server answers
        self.busy.setFormat(self.tr("Logging in…"))
        self.busy.show()
        self._jobs.login(
            self.kind.currentData(), self.url.text(), self.user.text(), self.password.text(),
            self.device_name.text(),
        )  # fmt: skip

    @Slot(object, str)
    def _on_jobs_login_finished(self, account: sync.SyncAccount | None, error: str) -> None:
        self.login_button.setEnabled(True)
        self.busy.hide()
        self.password.clear()
        self._show_error(error)
        self._show_status()
        if account is not None:
            self._jobs.sync()  # the first sync: subscriptions both ways

    def log_out(self) -> None:
        """Forget the account and its password."""
        try:
            self._jobs.logout()
        except (LibraryError, sync.SyncError) as exc:
            self._show_error(str(exc))
        self.devices.clear()
        self._show_status()

    def _list_devices(self) -> None:
        self.list_devices_button.setEnabled(False)
        self._jobs.list_devices()

    @Slot(object, str)
    def _on_jobs_devices_listed(self, found: list | None, error: str) -> None:
        self.list_devices_button.setEnabled(True)
        self._show_error(error)
        self.devices.clear()
        for device in found or []:
            item = QListWidgetItem(f"{device.caption or device.id} ({device.id})")
            item.setData(Qt.ItemDataRole.UserRole, device.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.devices.addItem(item)
        if found == []:
            self._show_error(self.tr("No other devices on this server yet."))

    def _link(self) -> None:
        ids = [
            self.devices.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.devices.count())
            if self.devices.item(i).checkState() == Qt.CheckState.Checked
        ]
        if ids:
            self._jobs.link(ids)

    @Slot(str)
    def _on_jobs_linked(self, message: str) -> None:
        self.status_label.setText(message)


def _local_time(epoch_s: int) -> str:
    return dt.datetime.fromtimestamp(epoch_s).strftime("%Y-%m-%d %H:%M")
