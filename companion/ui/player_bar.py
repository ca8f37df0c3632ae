"""PlayerBar: transport buttons, the chapter-marked seek bar, times, speed, volume, sleep timer."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QSlider,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from companion.domain import Chapter, Episode, PlaybackState
from companion.playback.controller import PlaybackController
from companion.playback.sleep_timer import SleepTimer
from companion.ui.format import format_ms
from companion.ui.plain import plain_label, plain_tooltip
from companion.ui.seek_slider import SeekSlider

RATES = (0.5, 0.75, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)
SLEEP_MINUTES = (5, 15, 30, 45, 60, 90)


class PlayerBar(QWidget):
    """The strip at the bottom of the window that drives the PlaybackController."""

    bookmark_requested = Signal()  # the Bookmark button: keep this moment

    def __init__(
        self,
        controller: PlaybackController,
        sleep_timer: SleepTimer | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._sleep = sleep_timer or SleepTimer(controller, self)
        self._dragging = False
        style = self.style()

        def button(icon: QStyle.StandardPixmap, tip: str, slot) -> QToolButton:
            b = QToolButton(self)
            b.setAutoRaise(True)
            b.setIcon(style.standardIcon(icon))
            b.setToolTip(plain_tooltip(tip))
            b.clicked.connect(slot)
            return b

        SP = QStyle.StandardPixmap
        self.previous_chapter_button = button(
            SP.SP_MediaSkipBackward, "Previous chapter (Ctrl+Left)", controller.previous_chapter
        )
        self.skip_back_button = button(SP.SP_MediaSeekBackward, "Skip back (Left)", controller.skip_back)
        self.play_button = button(SP.SP_MediaPlay, "Play / pause (Space)", controller.toggle)
        self.play_button.setEnabled(False)
        self.skip_forward_button = button(
            SP.SP_MediaSeekForward, "Skip forward (Right)", controller.skip_forward
        )
        self.next_chapter_button = button(
            SP.SP_MediaSkipForward, "Next chapter (Ctrl+Right)", controller.next_chapter
        )
        self.bookmark_button = QToolButton(self)
        self.bookmark_button.setText("Bookmark")
        self.bookmark_button.setAutoRaise(True)
        self.bookmark_button.setToolTip("Bookmark this moment (Ctrl+B)")
        self.bookmark_button.setAccessibleName("Bookmark this moment")
        self.bookmark_button.clicked.connect(self.bookmark_requested)
        self.title_label = plain_label("Nothing playing", self)
        self.chapter_label = plain_label(parent=self)
        chapter_font = self.chapter_label.font()
        chapter_font.setItalic(True)
        self.chapter_label.setFont(chapter_font)
        self.elapsed_label = plain_label("0:00", self)
        self.total_label = plain_label("0:00", self)
        self.slider = SeekSlider(self)
        self.slider.setRange(0, 0)
        self.slider.setEnabled(False)
        self.slider.setAccessibleName("Position")
        self.slider.sliderPressed.connect(self._on_slider_pressed)
        self.slider.sliderReleased.connect(self._on_slider_released)
        self.slider.preview_changed.connect(self._on_slider_preview_changed)
        self.slider.actionTriggered.connect(self._on_slider_action_triggered)

        self.rate_button = QToolButton(self)
        self.rate_button.setToolTip("Speed ([ slower, ] faster)")
        self.rate_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        rate_menu = QMenu(self.rate_button)
        for rate in RATES:
            action = rate_menu.addAction(f"{rate:g}×")
            action.triggered.connect(lambda _=False, r=rate: controller.set_rate(r))
        self.rate_button.setMenu(rate_menu)

        self.mute_button = button(SP.SP_MediaVolume, "Mute", self._on_mute_button_clicked)
        self.volume_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setFixedWidth(90)
        self.volume_slider.setAccessibleName("Volume")
        self.volume_slider.setValue(controller.volume)
        self.volume_slider.valueChanged.connect(controller.set_volume)

        self.sleep_button = QToolButton(self)
        self.sleep_button.setText("Sleep")
        self.sleep_button.setToolTip("Sleep timer")
        self.sleep_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.sleep_button.setMenu(self._build_sleep_menu())

        self.message_label = plain_label(parent=self)
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setStyleSheet("color: #b3261e;")
        self.message_label.hide()

        titles = QHBoxLayout()
        titles.addWidget(self.title_label, 1)
        titles.addWidget(self.chapter_label, 1, Qt.AlignmentFlag.AlignRight)
        # the buttons that act on a loaded episode, in bar order
        self._transport = (
            self.previous_chapter_button,
            self.skip_back_button,
            self.play_button,
            self.skip_forward_button,
            self.next_chapter_button,
        )
        row = QHBoxLayout()
        for widget in (*self._transport, self.elapsed_label):
            row.addWidget(widget)
        row.addWidget(self.slider, 1)
        for widget in (
            self.total_label,
            self.bookmark_button,
            self.rate_button,
            self.mute_button,
            self.volume_slider,
            self.sleep_button,
        ):
            row.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.addLayout(titles)
        layout.addLayout(row)
        layout.addWidget(self.message_label)

        controller.episode_changed.connect(self._on_controller_episode_changed)
        controller.state_changed.connect(self._on_controller_state_changed)
        controller.position_changed.connect(self._on_controller_position_changed)
        controller.duration_changed.connect(self._on_controller_duration_changed)
        controller.error_changed.connect(self._on_controller_error_changed)
        controller.chapters_changed.connect(self._on_controller_chapters_changed)
        controller.chapter_changed.connect(self._on_controller_chapter_changed)
        controller.rate_changed.connect(self._on_controller_rate_changed)
        controller.muted_changed.connect(self._on_controller_muted_changed)
        self._sleep.changed.connect(self._on_sleep_changed)
        self._show_state(PlaybackState.STOPPED)
        self._on_controller_rate_changed(controller.rate)
        self._set_transport_enabled(False)
        if not controller.available:
            self._on_controller_error_changed(controller.unavailable_reason)

    @property
    def sleep_timer(self) -> SleepTimer:
        """The sleep timer this bar drives."""
        return self._sleep

    def _build_sleep_menu(self) -> QMenu:
        menu = QMenu(self)
        group = QActionGroup(menu)
        off = QAction("Off", menu, checkable=True, checked=True)
        off.triggered.connect(self._sleep.cancel)
        entries: list[QAction] = [off]
        for minutes in SLEEP_MINUTES:
            action = QAction(f"In {minutes} minutes", menu, checkable=True)
            action.triggered.connect(lambda _=False, m=minutes: self._sleep.start_minutes(m))
            entries.append(action)
        chapter = QAction("At the end of this chapter", menu, checkable=True)
        chapter.triggered.connect(self._sleep.start_end_of_chapter)
        episode = QAction("At the end of this episode", menu, checkable=True)
        episode.triggered.connect(self._sleep.start_end_of_episode)
        entries += [chapter, episode]
        for action in entries:
            group.addAction(action)
            menu.addAction(action)
        self._sleep_off_action = off
        return menu

    def _show_state(self, state: PlaybackState) -> None:
        playing = state in (PlaybackState.PLAYING, PlaybackState.LOADING)
        icon = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(icon))
        self.play_button.setText("Pause" if playing else "Play")

    def _set_transport_enabled(self, enabled: bool) -> None:
        for widget in (*self._transport, self.slider, self.bookmark_button):
            widget.setEnabled(enabled)

    @Slot(object)
    def _on_controller_episode_changed(self, episode: Episode | None) -> None:
        if episode is None:
            self.title_label.setText("Nothing playing")
            self._set_transport_enabled(False)
            return
        self.title_label.setText(f"{episode.title} — {episode.podcast_title}")
        self._set_transport_enabled(True)

    @Slot(list)
    def _on_controller_chapters_changed(self, chapters: list[Chapter]) -> None:
        self.slider.set_chapters(chapters)
        has = bool(chapters)
        self.previous_chapter_button.setEnabled(has)
        self.next_chapter_button.setEnabled(has)

    @Slot(int)
    def _on_controller_chapter_changed(self, index: int) -> None:
        chapter = self._controller.current_chapter
        self.chapter_label.setText(chapter.title if chapter else "")
        self.chapter_label.setToolTip(plain_tooltip(chapter.title if chapter else ""))

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

    @Slot(float)
    def _on_controller_rate_changed(self, rate: float) -> None:
        self.rate_button.setText(f"{rate:g}×")

    @Slot(bool)
    def _on_controller_muted_changed(self, muted: bool) -> None:
        icon = QStyle.StandardPixmap.SP_MediaVolumeMuted if muted else QStyle.StandardPixmap.SP_MediaVolume
        self.mute_button.setIcon(self.style().standardIcon(icon))
        self.mute_button.setToolTip("Unmute" if muted else "Mute")

    @Slot()
    def _on_mute_button_clicked(self) -> None:
        self._controller.set_muted(not self._controller.muted)

    @Slot(str)
    def _on_sleep_changed(self, text: str) -> None:
        self.sleep_button.setText(text or "Sleep")
        if not text:
            self._sleep_off_action.setChecked(True)

    @Slot(str)
    def _on_controller_error_changed(self, message: str) -> None:
        if not message and not self._controller.available:
            message = self._controller.unavailable_reason
        self.message_label.setText(message)
        self.message_label.setVisible(bool(message))

    @Slot()
    def _on_slider_pressed(self) -> None:
        self._dragging = True

    @Slot(str)
    def _on_slider_preview_changed(self, text: str) -> None:
        if text:
            self.elapsed_label.setText(text.split(" · ")[0])
            self.chapter_label.setText(text.partition(" · ")[2])

    @Slot()
    def _on_slider_released(self) -> None:
        self._dragging = False
        self._controller.seek(self.slider.value())
        self._on_controller_chapter_changed(self._controller.chapter_index)

    @Slot(int)
    def _on_slider_action_triggered(self, action: int) -> None:
        # clicks on the groove and keyboard steps (not drags, handled on release)
        move = QSlider.SliderAction.SliderMove
        if action not in (move, move.value) and not self.slider.isSliderDown():
            self._controller.seek(self.slider.sliderPosition())
