"""The window's playback actions and their keyboard shortcuts (Help ▸ Keyboard shortcuts lists them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from companion.playback.controller import PlaybackController


@dataclass(frozen=True)
class Shortcut:
    """One keyboard shortcut: its text (in English, translated in context "Shortcuts" when shown),
    keys and what it does."""

    name: str
    keys: str
    handler: Callable[[], None]


def playback_shortcuts(
    controller: PlaybackController, toggle: Callable[[], None] | None = None
) -> list[Shortcut]:
    """Space play/pause, arrows skip, Ctrl+arrows change chapter, brackets change speed."""
    return [
        Shortcut(QT_TRANSLATE_NOOP("Shortcuts", "Play / pause"), "Space", toggle or controller.toggle),
        Shortcut(
            QT_TRANSLATE_NOOP("Shortcuts", "Skip back (step in Preferences)"), "Left", controller.skip_back
        ),
        Shortcut(
            QT_TRANSLATE_NOOP("Shortcuts", "Skip forward (step in Preferences)"),
            "Right",
            controller.skip_forward,
        ),
        Shortcut(
            QT_TRANSLATE_NOOP("Shortcuts", "Previous chapter"), "Ctrl+Left", controller.previous_chapter
        ),
        Shortcut(QT_TRANSLATE_NOOP("Shortcuts", "Next chapter"), "Ctrl+Right", controller.next_chapter),
        Shortcut(QT_TRANSLATE_NOOP("Shortcuts", "Slower"), "[", controller.slower),
        Shortcut(QT_TRANSLATE_NOOP("Shortcuts", "Faster"), "]", controller.faster),
    ]


class PlayerCommands(Protocol):
    """What the player bar does on its own: volume and mute, the sleep timer's menu."""

    def toggle_mute(self) -> None: ...
    def volume_up(self) -> None: ...
    def volume_down(self) -> None: ...
    def popup_sleep_menu(self) -> None: ...


def player_shortcuts(bar: PlayerCommands, sleep_off: Callable[[], None]) -> list[Shortcut]:
    """M mutes, Ctrl+Up/Down change the volume, T opens the sleep timer's choices, Shift+T ends it."""
    return [
        Shortcut(QT_TRANSLATE_NOOP("Shortcuts", "Mute / unmute"), "M", bar.toggle_mute),
        Shortcut(QT_TRANSLATE_NOOP("Shortcuts", "Volume up"), "Ctrl+Up", bar.volume_up),
        Shortcut(QT_TRANSLATE_NOOP("Shortcuts", "Volume down"), "Ctrl+Down", bar.volume_down),
        Shortcut(QT_TRANSLATE_NOOP("Shortcuts", "Sleep timer…"), "T", bar.popup_sleep_menu),
        Shortcut(QT_TRANSLATE_NOOP("Shortcuts", "Sleep timer off"), "Shift+T", sleep_off),
    ]


def bookmark_shortcuts(bookmark: Callable[[], None], toggle_star: Callable[[], None]) -> list[Shortcut]:
    """Ctrl+B bookmarks the playing moment, Ctrl+D stars or unstars the selected episode."""
    return [
        Shortcut(QT_TRANSLATE_NOOP("Shortcuts", "Bookmark this moment"), "Ctrl+B", bookmark),
        Shortcut(QT_TRANSLATE_NOOP("Shortcuts", "Star / unstar episode"), "Ctrl+D", toggle_star),
    ]


def install_actions(
    window: QMainWindow, shortcuts: list[Shortcut], menu_title: str | None = None
) -> dict[str, QAction]:
    """Add the shortcuts as window-wide actions in a menu (Playback unless named); returns them by
    their English name."""
    menu = window.menuBar().addMenu(menu_title or QCoreApplication.translate("Shortcuts", "&Playback"))
    actions: dict[str, QAction] = {}
    for shortcut in shortcuts:
        action = QAction(QCoreApplication.translate("Shortcuts", shortcut.name), window)
        action.setShortcut(QKeySequence(shortcut.keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(shortcut.handler)
        menu.addAction(action)
        window.addAction(action)
        actions[shortcut.name] = action
    return actions
