"""The window's playback actions and keyboard shortcuts, and the Help menu that lists them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

from companion.playback.controller import PlaybackController


@dataclass(frozen=True)
class Shortcut:
    """One keyboard shortcut: its text, keys and what it does."""

    name: str
    keys: str
    handler: Callable[[], None]


def playback_shortcuts(
    controller: PlaybackController, toggle: Callable[[], None] | None = None
) -> list[Shortcut]:
    """Space play/pause, arrows skip, Ctrl+arrows change chapter, brackets change speed."""
    return [
        Shortcut("Play / pause", "Space", toggle or controller.toggle),
        Shortcut("Skip back (step in Preferences)", "Left", controller.skip_back),
        Shortcut("Skip forward (step in Preferences)", "Right", controller.skip_forward),
        Shortcut("Previous chapter", "Ctrl+Left", controller.previous_chapter),
        Shortcut("Next chapter", "Ctrl+Right", controller.next_chapter),
        Shortcut("Slower", "[", controller.slower),
        Shortcut("Faster", "]", controller.faster),
    ]


def bookmark_shortcuts(bookmark: Callable[[], None], toggle_star: Callable[[], None]) -> list[Shortcut]:
    """Ctrl+B bookmarks the playing moment, Ctrl+D stars or unstars the selected episode."""
    return [
        Shortcut("Bookmark this moment", "Ctrl+B", bookmark),
        Shortcut("Star / unstar episode", "Ctrl+D", toggle_star),
    ]


def install_actions(
    window: QMainWindow, shortcuts: list[Shortcut], menu_title: str = "&Playback"
) -> dict[str, QAction]:
    """Add the shortcuts as window-wide actions in a menu; returns them by name."""
    menu = window.menuBar().addMenu(menu_title)
    actions: dict[str, QAction] = {}
    for shortcut in shortcuts:
        action = QAction(shortcut.name, window)
        action.setShortcut(QKeySequence(shortcut.keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(shortcut.handler)
        menu.addAction(action)
        window.addAction(action)
        actions[shortcut.name] = action
    return actions


def shortcuts_html(shortcuts: list[Shortcut]) -> str:
    """A table of the shortcuts for the Help menu."""
    rows = "".join(
        f"<tr><td><b>{QKeySequence(s.keys).toString(QKeySequence.SequenceFormat.NativeText)}"
        f"</b></td><td>&nbsp;&nbsp;{s.name}</td></tr>"
        for s in shortcuts
    )
    return f"<table>{rows}</table>"


def install_help_menu(window: QMainWindow, shortcuts: list[Shortcut], parent: QObject) -> QAction:
    """A Help menu with 'Keyboard shortcuts'."""
    menu = window.menuBar().addMenu("&Help")
    action = QAction("Keyboard shortcuts", parent)
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    action.triggered.connect(
        lambda: QMessageBox.information(window, "Keyboard shortcuts", shortcuts_html(shortcuts))
    )
    menu.addAction(action)
    return action
