"""SeekSlider: the position slider with chapter boundaries as marks and chapter-aware hover/drag."""

from __future__ import annotations

import bisect

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QProxyStyle,
    QSlider,
    QStyle,
    QStyleHintReturn,
    QStyleOption,
    QStyleOptionSlider,
    QToolTip,
    QWidget,
)

from companion.domain import Chapter
from companion.ui.plain import plain_tooltip
from companion.ui.widgets.format import format_ms


class _JumpToClickStyle(QProxyStyle):
    """The application's style, except that a left click anywhere on the bar puts the handle's centre
    under the pointer (and starts a drag from there) instead of paging, as media players do."""

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        returnData: QStyleHintReturn | None = None,  # noqa: N803 (Qt's name)
    ) -> int:
        if hint == QStyle.StyleHint.SH_Slider_AbsoluteSetButtons:
            return int(Qt.MouseButton.LeftButton.value | Qt.MouseButton.MiddleButton.value)
        return super().styleHint(hint, option, widget, returnData)


class SeekSlider(QSlider):
    """Horizontal slider in milliseconds; hovering names the chapter and time under the pointer; a click
    on the groove jumps to the time clicked (a drag from there moves on)."""

    preview_changed = Signal(str)  # "1:02:03 · Chapter title" while dragging, "" after

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._style = _JumpToClickStyle()
        self._style.setParent(self)
        self.setStyle(self._style)
        self.setMouseTracking(True)
        self._chapters: list[Chapter] = []
        self._starts: list[int] = []
        self.sliderMoved.connect(self._on_self_slider_moved)
        self.sliderReleased.connect(lambda: self.preview_changed.emit(""))

    def set_chapters(self, chapters: list[Chapter]) -> None:
        """Mark these chapters' starts on the groove."""
        self._chapters = list(chapters)
        self._starts = [c.start_ms for c in self._chapters]
        self.update()

    def mark_values(self) -> list[int]:
        """The chapter starts drawn as marks (ms), the first at 0 left out."""
        return [s for s in self._starts if 0 < s < self.maximum()]

    def chapter_at(self, value_ms: int) -> Chapter | None:
        """The chapter containing ``value_ms``."""
        index = bisect.bisect_right(self._starts, value_ms) - 1
        return self._chapters[index] if index >= 0 else None

    def describe(self, value_ms: int) -> str:
        """``time · chapter`` for a value."""
        chapter = self.chapter_at(value_ms)
        text = format_ms(value_ms)
        return f"{text} · {chapter.title}" if chapter else text

    def _groove(self) -> tuple[QRect, int]:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        groove = self.style().subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderGroove, self
        )
        handle = self.style().subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, self
        )
        return groove, handle.width()

    def x_for_value(self, value_ms: int) -> int:
        """Widget x of a value (the centre of the handle there, as QRect.center() counts it)."""
        groove, handle = self._groove()
        span = max(1, groove.width() - handle)
        return (
            groove.x()
            + (handle - 1) // 2
            + QStyle.sliderPositionFromValue(self.minimum(), self.maximum(), value_ms, span)
        )

    def value_at_x(self, x: int) -> int:
        """The value under widget x: where a click there puts the handle (the same sum as QSlider's)."""
        groove, handle = self._groove()
        span = max(1, groove.width() - handle)
        return QStyle.sliderValueFromPosition(
            self.minimum(), self.maximum(), x - groove.x() - (handle - 1) // 2, span
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        marks = self.mark_values()
        if not marks or self.maximum() <= 0:
            return
        painter = QPainter(self)
        painter.setPen(QPen(QColor(self.palette().text().color()), 2))
        groove, _handle = self._groove()
        middle = groove.center().y()
        for value in marks:
            x = self.x_for_value(value)
            painter.drawLine(x, middle - 6, x, middle + 6)
        painter.end()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if self.maximum() > 0 and not self.isSliderDown():
            x = int(event.position().x())
            where = self.mapToGlobal(QPoint(x, 0))
            QToolTip.showText(where, plain_tooltip(self.describe(self.value_at_x(x))), self)

    def _on_self_slider_moved(self, value: int) -> None:
        self.preview_changed.emit(self.describe(value))
