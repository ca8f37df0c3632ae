"""PlayerBar: play/pause, the position slider, elapsed/total time and the player's messages."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSlider,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from companion.domain import Episode, PlaybackState
from companion.playback.controller import PlaybackController
from companion.ui.format import format_ms


class PlayerBar(QWidget):
    """The strip at the bottom of the window that drives the PlaybackController."""

    seek_requested = Signal(int)

    def __init__(self, controller: PlaybackController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._dragging = False

        self.play_button = QToolButton(self)
        self.play_button.setAutoRaise(True)
        self.play_button.setToolTip("Play / pause (Space)")
        self.play_button.clicked.connect(self._on_play_button_clicked)
        self.title_label = QLabel("Nothing playing", self)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.elapsed_label = QLabel("0:00", self)
        self.total_label = QLabel("0:00", self)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(0, 0)
        self.slider.setEnabled(False)
        self.slider.sliderPressed.connect(self._on_slider_pressed)
        self.slider.sliderReleased.connect(self._on_slider_released)
        self.slider.sliderMoved.connect(self._on_slider_moved)
        self.slider.actionTriggered.connect(self._on_slider_action_triggered)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setStyleSheet("color: #b3261e;")
        self.message_label.hide()

        row = QHBoxLayout()
        row.addWidget(self.play_button)
        row.addWidget(self.elapsed_label)
        row.addWidget(self.slider, 1)
        row.addWidget(self.total_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.addWidget(self.title_label)
        layout.addLayout(row)
        layout.addWidget(self.message_label)

        controller.episode_changed.connect(self._on_controller_episode_changed)
        controller.state_changed.connect(self._on_controller_state_changed)
        controller.position_changed.connect(self._on_controller_position_changed)
        controller.duration_changed.connect(self._on_controller_duration_changed)
        controller.error_changed.connect(self._on_controller_error_changed)
        self._show_state(PlaybackState.STOPPED)
        if not controller.available:
            self._on_controller_error_changed(controller.unavailable_reason)

    def _show_state(self, state: PlaybackState) -> None:
        playing = state in (PlaybackState.PLAYING, PlaybackState.LOADING)
        icon = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(icon))
        self.play_button.setText("Pause" if playing else "Play")

    @Slot()
    def _on_play_button_clicked(self) -> None:
        self._controller.toggle()

    @Slot(object)
    def _on_controller_episode_changed(self, episode: Episode | None) -> None:
        if episode is None:
            self.title_label.setText("Nothing playing")
            self.slider.setEnabled(False)
            return
        self.title_label.setText(f"{episode.title} — {episode.podcast_title}")
        self.slider.setEnabled(True)

    @Slot(object)
    def _on_controller_state_changed(self, state: PlaybackState) -> None:
        self._show_state(state)

    @Slot(int)
    def _on_controller_position_changed(self, position_ms: int) -> None:
        if not self._dragging:
            self.slider.setValue(position_ms)
            self.elapsed_label.setText(format_ms(position_ms))

    @Slot(int)
    def _on_controller_duration_changed(self, duration_ms: int) -> None:
        self.slider.setRange(0, max(0, duration_ms))
        self.slider.setSingleStep(10_000)
        self.slider.setPageStep(60_000)
        self.total_label.setText(format_ms(duration_ms) if duration_ms else "–:––")

    @Slot(str)
    def _on_controller_error_changed(self, message: str) -> None:
        if not message and not self._controller.available:
            message = self._controller.unavailable_reason
        self.message_label.setText(message)
        self.message_label.setVisible(bool(message))

    @Slot()
    def _on_slider_pressed(self) -> None:
        self._dragging = True

    @Slot(int)
    def _on_slider_moved(self, value: int) -> None:
        self.elapsed_label.setText(format_ms(value))

    @Slot()
    def _on_slider_released(self) -> None:
        self._dragging = False
        self._controller.seek(self.slider.value())

    @Slot(int)
    def _on_slider_action_triggered(self, action: int) -> None:
        # clicks on the groove and keyboard steps (not drags, handled on release)
        if action != QSlider.SliderAction.SliderMove:
            self._controller.seek(self.slider.sliderPosition())
