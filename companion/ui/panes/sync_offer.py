"""SyncOffer: the line in the player bar offering another device's place in the playing episode."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QToolButton, QWidget

from companion.playback.controller import PlaybackController
from companion.sync import Offer
from companion.ui.plain import plain_label
from companion.ui.widgets.format import format_ms


class SyncOffer(QWidget):
    """ "Continue at 41:20 from <device>": a click seeks there through the controller; Dismiss keeps
    the listener where they are. Hidden when another episode loads."""

    def __init__(self, controller: PlaybackController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.offer: Offer | None = None
        self.label = plain_label(parent=self)
        self.continue_button = QPushButton(self)
        self.continue_button.clicked.connect(self.accept)
        self.dismiss_button = QToolButton(self)
        self.dismiss_button.setText(self.tr("Dismiss"))
        self.dismiss_button.setAutoRaise(True)
        self.dismiss_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.continue_button)
        layout.addWidget(self.dismiss_button)
        layout.addStretch(1)
        controller.episode_changed.connect(self._on_controller_episode_changed)
        self.hide()

    def show_offer(self, offer: Offer) -> None:
        """Offer ``offer`` when its episode is the one loaded (else it is not shown)."""
        episode = self._controller.episode
        if episode is None or episode.id != offer.episode_id:
            return
        self.offer = offer
        device = offer.device or self.tr("another device")
        if abs(offer.position_ms - self._controller.position_ms()) < 1000:
            return  # already there
        self.label.setText(self.tr("Sync:"))
        self.continue_button.setText(
            self.tr("Continue at {time} from {device}").format(
                time=format_ms(offer.position_ms), device=device
            )
        )
        self.show()

    def accept(self) -> None:
        """Seek to the other device's place."""
        offer, self.offer = self.offer, None
        self.hide()
        episode = self._controller.episode
        if offer is not None and episode is not None and episode.id == offer.episode_id:
            self._controller.seek(offer.position_ms)

    def dismiss(self) -> None:
        """Stay where the listener is."""
        self.offer = None
        self.hide()

    @Slot(object)
    def _on_controller_episode_changed(self, _episode: object) -> None:
        self.dismiss()
