"""PreferencesDialog: skip steps, the feed refresh at start-up, light or dark and the podcast directory,
stored in the library."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from companion.library import Library
from companion.library.settings import directory_consent, read_settings, store_settings
from companion.playback.controller import PlaybackController
from companion.ui.window.appearance import Appearance, ColorScheme

# (Settings id, name): feeds.directory.DIRECTORIES names them alike (the window does not load it at start)
DIRECTORIES = (("apple", "Apple Podcasts"), ("podcastindex", "Podcast Index"))
SCHEMES = (
    ("Like the desktop", ColorScheme.SYSTEM),
    ("Light", ColorScheme.LIGHT),
    ("Dark", ColorScheme.DARK),
)


class PreferencesDialog(QDialog):
    """Edits the settings a listener is likely to change; Apply writes them at once."""

    def __init__(
        self,
        library: Library,
        controller: PlaybackController,
        appearance: Appearance,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self._library = library
        self._controller = controller
        self._appearance = appearance
        self.scheme = QComboBox(self)
        for label, scheme in SCHEMES:
            self.scheme.addItem(label, scheme.value)
        self.scheme.setCurrentIndex(max(0, self.scheme.findData(appearance.scheme.value)))
        self.skip_back = QSpinBox(self)
        self.skip_back.setRange(1, 300)
        self.skip_back.setSuffix(" s")
        self.skip_back.setValue(controller.skip_back_ms // 1000)
        self.skip_forward = QSpinBox(self)
        self.skip_forward.setRange(1, 600)
        self.skip_forward.setSuffix(" s")
        self.skip_forward.setValue(controller.skip_forward_ms // 1000)
        self.refresh_minutes = QSpinBox(self)
        self.refresh_minutes.setRange(0, 7 * 24 * 60)
        self.refresh_minutes.setSuffix(" min")
        self.refresh_minutes.setSpecialValueText("never")
        self.refresh_minutes.setValue(read_settings(library).auto_refresh_minutes)
        form = QFormLayout()
        form.addRow("Skip back (Left):", self.skip_back)
        form.addRow("Skip forward (Right):", self.skip_forward)
        form.addRow("Refresh feeds at start when older than:", self.refresh_minutes)
        form.addRow("Appearance:", self.scheme)
        self._build_directory(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.accepted.connect(self.apply)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _build_directory(self, form: QFormLayout) -> None:
        """Where Find podcasts searches, and whether search terms may be sent there."""
        settings = read_settings(self._library)
        self._consents = {d: directory_consent(settings, d) for d, _name in DIRECTORIES}
        self.directory = QComboBox(self)
        for directory_id, name in DIRECTORIES:
            self.directory.addItem(name, directory_id)
        self.directory.setCurrentIndex(max(0, self.directory.findData(settings.directory)))
        self.directory_consent = QCheckBox(self.tr("Send what I type in Find podcasts there"), self)
        self.directory_consent.setToolTip(
            self.tr("Unchecked, nothing is sent; when you have not chosen yet, the first search asks.")
        )
        self.directory.currentIndexChanged.connect(self._show_consent)
        self.directory_consent.toggled.connect(self._on_directory_consent_toggled)
        self._show_consent()
        form.addRow(self.tr("Find podcasts in:"), self.directory)
        form.addRow("", self.directory_consent)

    def _show_consent(self) -> None:
        consent = self._consents[self.directory.currentData()]
        self.directory_consent.blockSignals(True)
        self.directory_consent.setChecked(consent == "yes")
        self.directory_consent.blockSignals(False)

    def _on_directory_consent_toggled(self, checked: bool) -> None:
        self._consents[self.directory.currentData()] = "yes" if checked else "no"

    def apply(self) -> None:
        """Store the values and use them now."""
        self._controller.skip_back_ms = self.skip_back.value() * 1000
        self._controller.skip_forward_ms = self.skip_forward.value() * 1000
        store_settings(
            self._library,
            skip_back_ms=self._controller.skip_back_ms,
            skip_forward_ms=self._controller.skip_forward_ms,
            auto_refresh_minutes=self.refresh_minutes.value(),
            directory=self.directory.currentData(),
            directory_consent_apple=self._consents["apple"],
            directory_consent_podcastindex=self._consents["podcastindex"],
        )
        scheme = ColorScheme(self.scheme.currentData())
        if scheme is not self._appearance.scheme:
            self._appearance.set_scheme(scheme)
