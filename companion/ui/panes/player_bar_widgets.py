"""The player bar's widgets, built and laid out in bar order (a PlayerBar mixin)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QStyle, QToolButton, QVBoxLayout

from companion.playback.controller import PlaybackController
from companion.playback.sleep_timer import SleepTimer
from companion.ui.panes.player_menus import RateMenu, SleepMenu
from companion.ui.plain import plain_label, plain_tooltip
from companion.ui.widgets.seek_slider import SeekSlider

SLEEP_TIP = "Sleep timer (T; Shift+T turns it off)"
PLAYER_COVER_SIZE = 40


class PlayerBarWidgetsMixin:
    """Makes the bar's buttons, labels, sliders and menus; the bar supplies what is declared below."""

    _controller: PlaybackController
    _sleep: SleepTimer
    bookmark_requested: Any  # the bar's signal
    toggle_mute: Callable[[], None]
    _set_icon: Callable[[QToolButton, QStyle.StandardPixmap], None]
    _on_slider_pressed: Callable[[], None]
    _on_slider_released: Callable[[], None]
    _on_slider_preview_changed: Callable[[str], None]
    _on_slider_action_triggered: Callable[[int], None]
    title_label: QLabel
    _transport: tuple[QToolButton, ...]

    def _button(self, icon: QStyle.StandardPixmap, tip: str, slot: Callable[[], object]) -> QToolButton:
        """A flat icon button reached with Tab, its tooltip and accessible name from ``tip``."""
        b = QToolButton(self)
        b.setAutoRaise(True)
        b.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reached with Tab; a click leaves the focus
        self._set_icon(b, icon)
        b.setToolTip(plain_tooltip(tip))
        b.setAccessibleName(tip.split(" (")[0])
        b.clicked.connect(slot)
        return b

    def _build_transport(self, toggle: Callable[[], None] | None) -> None:
        """Previous/next chapter, skip back/forward, play and Bookmark."""
        SP = QStyle.StandardPixmap
        self.previous_chapter_button = self._button(
            SP.SP_MediaSkipBackward, "Previous chapter (Ctrl+Left)", self._controller.previous_chapter
        )
        self.skip_back_button = self._button(
            SP.SP_MediaSeekBackward, "Skip back (Left)", self._controller.skip_back
        )
        self.play_button = self._button(
            SP.SP_MediaPlay, "Play / pause (Space)", toggle or self._controller.toggle
        )
        self.skip_forward_button = self._button(
            SP.SP_MediaSeekForward, "Skip forward (Right)", self._controller.skip_forward
        )
        self.next_chapter_button = self._button(
            SP.SP_MediaSkipForward, "Next chapter (Ctrl+Right)", self._controller.next_chapter
        )
        self.bookmark_button = QToolButton(self)
        self.bookmark_button.setText("Bookmark")
        self.bookmark_button.setAutoRaise(True)
        self.bookmark_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.bookmark_button.setToolTip("Bookmark this moment (Ctrl+B)")
        self.bookmark_button.setAccessibleName("Bookmark this moment")
        self.bookmark_button.clicked.connect(self.bookmark_requested)

    def _build_labels_and_slider(self) -> None:
        """The titles, the times and the seek bar."""
        self.title_label = plain_label("Nothing playing", self)
        self.cover_label = plain_label(parent=self)  # the playing episode's cover (set_cover_cache)
        self.cover_label.setObjectName("player-cover")
        self.cover_label.setFixedSize(PLAYER_COVER_SIZE, PLAYER_COVER_SIZE)
        self.cover_label.hide()
        self.sleep_label = plain_label(parent=self)  # "Sleep in 14:59" while the sleep timer runs
        self.sleep_label.hide()
        self.chapter_label = plain_label(parent=self)
        chapter_font = self.chapter_label.font()
        chapter_font.setItalic(True)
        self.chapter_label.setFont(chapter_font)
        self.elapsed_label = plain_label("0:00", self)
        self.elapsed_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.total_label = plain_label("0:00", self)
        self.slider = SeekSlider(self)
        self.slider.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.slider.setRange(0, 0)
        self.slider.setEnabled(False)
        self.slider.setAccessibleName("Position")
        self.slider.sliderPressed.connect(self._on_slider_pressed)
        self.slider.sliderReleased.connect(self._on_slider_released)
        self.slider.preview_changed.connect(self._on_slider_preview_changed)
        self.slider.actionTriggered.connect(self._on_slider_action_triggered)

    def _build_controls(self) -> None:
        """Speed, mute and volume, the sleep timer, and the message lines."""
        self.rate_button = QToolButton(self)
        self.rate_button.setToolTip("Speed ([ slower, ] faster)")
        self.rate_button.setAccessibleName("Speed")
        self.rate_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.rate_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.rate_menu = RateMenu(self._controller, self.rate_button)
        self.rate_button.setMenu(self.rate_menu)

        self.mute_button = self._button(QStyle.StandardPixmap.SP_MediaVolume, "Mute (M)", self.toggle_mute)
        self.volume_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setFixedWidth(90)
        self.volume_slider.setAccessibleName("Volume")
        self.volume_slider.setToolTip("Volume (Ctrl+Up, Ctrl+Down)")
        self.volume_slider.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.volume_slider.setValue(self._controller.volume)
        self.volume_slider.valueChanged.connect(self._controller.set_volume)

        self.sleep_button = QToolButton(self)
        self.sleep_button.setText("Sleep")
        self.sleep_button.setToolTip(plain_tooltip(SLEEP_TIP))
        self.sleep_button.setAccessibleName("Sleep timer")
        self.sleep_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.sleep_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.sleep_menu = SleepMenu(self._sleep, self)
        self.sleep_button.setMenu(self.sleep_menu)

        self.message_label = plain_label(parent=self)
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.hide()
        # what the player did on its own (the sleep timer paused it)
        self.notice_label = plain_label(parent=self)
        self.notice_label.hide()

    def _lay_out(self) -> None:
        """Titles above; the controls in bar order below; messages under them."""
        titles = QHBoxLayout()
        titles.addWidget(self.title_label, 1)
        titles.addWidget(self.sleep_label)
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
        outer = QHBoxLayout(self)
        outer.setContentsMargins(8, 4, 8, 6)
        outer.addWidget(self.cover_label, 0, Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(layout, 1)
        layout.addLayout(titles)
        layout.addLayout(row)
        layout.addWidget(self.message_label)
        layout.addWidget(self.notice_label)
