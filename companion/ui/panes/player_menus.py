"""The player bar's menus: speeds (the current one checked) and the sleep timer's choices."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from companion.playback.controller import PlaybackController
from companion.playback.sleep_timer import SleepTimer

RATES = (0.5, 0.75, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)
SLEEP_MINUTES = (5, 15, 30, 45, 60, 90)


def rate_text(rate: float) -> str:
    """``1.25×``."""
    return f"{rate:g}×"


class RateMenu(QMenu):
    """The speeds, one checked: the player's; a speed reached with [ and ] that is not in the list is
    shown checked in its place until the speed changes again."""

    def __init__(self, controller: PlaybackController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        self._extra: QAction | None = None
        for rate in RATES:
            self.addAction(self._action(rate))
        controller.rate_changed.connect(self._on_controller_rate_changed)
        self._on_controller_rate_changed(controller.rate)

    def _action(self, rate: float) -> QAction:
        action = QAction(rate_text(rate), self, checkable=True)
        action.setData(rate)
        action.triggered.connect(lambda _=False, r=rate: self._controller.set_rate(r))
        self._group.addAction(action)
        return action

    def checked_rate(self) -> float | None:
        """The speed shown checked."""
        action = self._group.checkedAction()
        return float(action.data()) if action is not None else None

    @Slot(float)
    def _on_controller_rate_changed(self, rate: float) -> None:
        if self._extra is not None and abs(float(self._extra.data()) - rate) > 1e-6:
            self._group.removeAction(self._extra)
            self.removeAction(self._extra)
            self._extra.deleteLater()
            self._extra = None
        actions = self.actions()
        match = next((a for a in actions if abs(float(a.data()) - rate) < 1e-6), None)
        if match is None:
            match = self._extra = self._action(rate)
            after = next((a for a in actions if float(a.data()) > rate), None)
            self.insertAction(after, match) if after is not None else self.addAction(match)
        match.setChecked(True)


class SleepMenu(QMenu):
    """Off, after N minutes, at the end of the chapter or of the episode; the running choice checked."""

    def __init__(self, timer: SleepTimer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        group = QActionGroup(self)
        self.off_action = QAction(self.tr("Off"), self, checkable=True, checked=True)
        self.off_action.triggered.connect(timer.cancel)
        entries: list[QAction] = [self.off_action]
        for minutes in SLEEP_MINUTES:
            action = QAction(self.tr("In %n minute(s)", "", minutes), self, checkable=True)
            action.triggered.connect(lambda _=False, m=minutes: timer.start_minutes(m))
            entries.append(action)
        chapter = QAction(self.tr("At the end of this chapter"), self, checkable=True)
        chapter.triggered.connect(timer.start_end_of_chapter)
        episode = QAction(self.tr("At the end of this episode"), self, checkable=True)
        episode.triggered.connect(timer.start_end_of_episode)
        entries += [chapter, episode]
        for action in entries:
            group.addAction(action)
            self.addAction(action)
        timer.changed.connect(self._on_timer_changed)

    @Slot(str)
    def _on_timer_changed(self, text: str) -> None:
        if not text:
            self.off_action.setChecked(True)
