"""PlayerBar: transport buttons, the chapter-marked seek bar, times, speed, volume, sleep timer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QSlider,
    QStyle,
    QToolButton,
    QWidget,
)

from companion.domain import Chapter, Episode, PlaybackState
from companion.playback.controller import PlaybackController
from companion.playback.sleep_timer import SleepTimer
from companion.ui.panes.player_bar_widgets import PLAYER_COVER_SIZE, SLEEP_TIP, PlayerBarWidgetsMixin
from companion.ui.panes.player_menus import rate_text
from companion.ui.plain import plain_tooltip
from companion.ui.widgets.covers import CoverCache
from companion.ui.widgets.format import format_ms
from companion.ui.widgets.icons import palette_icon

SLEEP_PAUSED = "Sleep timer paused playback"
VOLUME_STEP = 5
# The widths beside the seek bar are kept at the widest text they can show (the times for the
# episode's length), so the seek bar and its chapter marks never move while an episode plays; the
# sleep timer's countdown is shown above the bar, not beside it.
RATE_SAMPLES = tuple(rate_text(r + d / 100) for r in (0, 1, 2) for d in (55, 75, 85, 95))
ERROR_COLORS = ("#b3261e", "#ff8a80")  # on a light, on a dark palette


class PlayerBar(PlayerBarWidgetsMixin, QWidget):
    """The strip at the bottom of the window that drives the PlaybackController."""

    bookmark_requested = Signal()  # the Bookmark button: keep this moment

    def __init__(
        self,
        controller: PlaybackController,
        sleep_timer: SleepTimer | None = None,
        parent: QWidget | None = None,
        toggle: Callable[[], None] | None = None,
    ) -> None:
        """``toggle`` is what ▶ does (the window's: with nothing loaded it plays the selection)."""
        super().__init__(parent)
        self._controller = controller
        self._sleep = sleep_timer or SleepTimer(controller, self)
        self._dragging = False
        self._icons: dict[QToolButton, QStyle.StandardPixmap] = {}  # redrawn when the palette changes
        self._covers: CoverCache | None = None

        self._build_transport(toggle)
        self._build_labels_and_slider()
        self._build_controls()
        self._lay_out()
        self._follow_controller()
        self._show_state(PlaybackState.STOPPED)
        self._on_controller_rate_changed(controller.rate)
        self._set_transport_enabled(False)
        self._reserve_widths()
        self._show_error_color()
        for widget in (*self._transport, self.bookmark_button, self.mute_button):
            widget.installEventFilter(self)  # Space and Enter press the focused button
        if not controller.available:
            self._on_controller_error_changed(controller.unavailable_reason)

    def _follow_controller(self) -> None:
        """The controller's and the sleep timer's signals."""
        self._controller.episode_changed.connect(self._on_controller_episode_changed)
        self._controller.state_changed.connect(self._on_controller_state_changed)
        self._controller.position_changed.connect(self._on_controller_position_changed)
        self._controller.duration_changed.connect(self._on_controller_duration_changed)
        self._controller.error_changed.connect(self._on_controller_error_changed)
        self._controller.chapters_changed.connect(self._on_controller_chapters_changed)
        self._controller.chapter_changed.connect(self._on_controller_chapter_changed)
        self._controller.rate_changed.connect(self._on_controller_rate_changed)
        self._controller.muted_changed.connect(self._on_controller_muted_changed)
        self._controller.volume_changed.connect(self._on_controller_volume_changed)
        self._sleep.changed.connect(self._on_sleep_changed)
        self._sleep.fired.connect(self._on_sleep_fired)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if isinstance(watched, QToolButton) and kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            key = event.key() if isinstance(event, QKeyEvent) else None
            plain = isinstance(event, QKeyEvent) and not event.modifiers()
            if plain and key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if kind == QEvent.Type.ShortcutOverride:
                    event.accept()  # the button takes the key rather than the window's shortcut
                    return True
                if key != Qt.Key.Key_Space:  # Space is pressed and released by the button itself
                    watched.animateClick()
                    return True
        return super().eventFilter(watched, event)

    def focus_order(self) -> list[QWidget]:
        """The bar's controls in the order Tab visits them (left to right)."""
        return [
            *self._transport,
            self.slider,
            self.bookmark_button,
            self.rate_button,
            self.mute_button,
            self.volume_slider,
            self.sleep_button,
        ]

    def set_cover_cache(self, covers: CoverCache) -> None:
        """Show the playing episode's cover (its own, else its podcast's) from ``covers``."""
        self._covers = covers
        covers.changed.connect(self._show_cover)
        self._show_cover()

    @Slot()
    def _show_cover(self) -> None:
        episode = self._controller.episode
        if self._covers is None or episode is None:
            self.cover_label.hide()
            return
        self.cover_label.setPixmap(self._covers.episode_pixmap(episode.id, PLAYER_COVER_SIZE))
        self.cover_label.show()

    @property
    def sleep_timer(self) -> SleepTimer:
        """The sleep timer this bar drives."""
        return self._sleep

    # ----- commands (keyboard shortcuts) ---------------------------------------------------

    def toggle_mute(self) -> None:
        """Mute or unmute (M)."""
        self._controller.set_muted(not self._controller.muted)

    def volume_up(self) -> None:
        """A step louder (Ctrl+Up)."""
        self._controller.set_volume(self._controller.volume + VOLUME_STEP)

    def volume_down(self) -> None:
        """A step quieter (Ctrl+Down)."""
        self._controller.set_volume(self._controller.volume - VOLUME_STEP)

    def popup_sleep_menu(self) -> None:
        """Open the sleep timer's choices under its button (T): arrows and Enter choose."""
        self.sleep_menu.popup(self.sleep_button.mapToGlobal(QPoint(0, self.sleep_button.height())))
        self.sleep_menu.setActiveAction(self.sleep_menu.actions()[0])

    # ----- looks ---------------------------------------------------------------------------

    def _set_icon(self, button: QToolButton, icon: QStyle.StandardPixmap) -> None:
        self._icons[button] = icon
        button.setIcon(palette_icon(button, icon, self.palette()))  # the bar's: the buttons inherit it

    def _reserve_widths(self) -> None:
        """Keep what sits beside the seek bar at the width of its widest text: the times of an episode
        of this length (any length when unknown) and every speed."""
        controller = self._controller
        unknown = 0 if controller.episode is None else 36_000_000 - 1  # nothing loaded; a live stream
        length = format_ms(controller.duration_ms() or unknown)
        metrics = self.elapsed_label.fontMetrics()
        samples = ["".join(d if c.isdigit() else c for c in length) for d in "0123456789"]
        time_width = max(metrics.horizontalAdvance(t) for t in samples) + 4
        self.elapsed_label.setMinimumWidth(time_width)
        self.total_label.setMinimumWidth(time_width)
        text = self.rate_button.text()
        widths = []
        for sample in RATE_SAMPLES:
            self.rate_button.setText(sample)
            widths.append(self.rate_button.sizeHint().width())
        self.rate_button.setText(text)
        self.rate_button.setFixedWidth(max(widths))

    def _show_error_color(self) -> None:
        window = self.palette().color(QPalette.ColorRole.Window)
        color = ERROR_COLORS[1] if window.lightness() < 128 else ERROR_COLORS[0]
        self.message_label.setStyleSheet(f"color: {color};")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        kind = event.type()
        if kind in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange, QEvent.Type.StyleChange):
            for button, icon in list(self._icons.items()):  # the buttons get the palette after the bar
                self._set_icon(button, icon)
            self._show_error_color()
        if kind in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._reserve_widths()

    def _show_state(self, state: PlaybackState) -> None:
        playing = state in (PlaybackState.PLAYING, PlaybackState.LOADING)
        icon = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        self._set_icon(self.play_button, icon)
        self.play_button.setText("Pause" if playing else "Play")
        if playing:
            self._show_notice("")

    def _set_transport_enabled(self, enabled: bool) -> None:
        for widget in (*self._transport, self.slider, self.bookmark_button):
            widget.setEnabled(enabled)
        # ▶ with nothing loaded plays the window's selection: it works whenever there is audio
        self.play_button.setEnabled(self._controller.available)

    @Slot(object)
    def _on_controller_episode_changed(self, episode: Episode | None) -> None:
        self._show_cover()
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
        self._reserve_widths()

    @Slot(float)
    def _on_controller_rate_changed(self, rate: float) -> None:
        self.rate_button.setText(rate_text(rate))

    @Slot(bool)
    def _on_controller_muted_changed(self, muted: bool) -> None:
        icon = QStyle.StandardPixmap.SP_MediaVolumeMuted if muted else QStyle.StandardPixmap.SP_MediaVolume
        self._set_icon(self.mute_button, icon)
        self.mute_button.setToolTip(plain_tooltip("Unmute (M)" if muted else "Mute (M)"))

    @Slot(int)
    def _on_controller_volume_changed(self, volume: int) -> None:
        if self.volume_slider.value() != volume:
            self.volume_slider.setValue(volume)

    @Slot(str)
    def _on_sleep_changed(self, text: str) -> None:
        self.sleep_label.setText(text)
        self.sleep_label.setVisible(bool(text))
        self.sleep_button.setToolTip(
            plain_tooltip(f"{text} (T; Shift+T turns it off)" if text else SLEEP_TIP)
        )
        if text:
            self._show_notice("")

    @Slot()
    def _on_sleep_fired(self) -> None:
        self._show_notice(SLEEP_PAUSED)

    def _show_notice(self, text: str) -> None:
        self.notice_label.setText(text)
        self.notice_label.setVisible(bool(text))

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
