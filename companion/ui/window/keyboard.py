"""Keyboard use of the window: the Tab order between its panes, and Help ▸ Keyboard shortcuts, listed
from the actions and shortcuts the window really has."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from companion.i18n import Tr

WHERE_PROPERTY = "shortcut_where"  # on an action or shortcut that works only in one place: that place
HELP_PROPERTY = "shortcut_help"  # on an action whose text is not a good description of it
ANYWHERE = QT_TRANSLATE_NOOP("Keyboard", "Anywhere in the window")
NATIVE = QKeySequence.SequenceFormat.NativeText
# keys the widgets themselves handle (no action or shortcut to read them from); translated when shown
MOVING_AROUND = (
    (
        "Tab / Shift+Tab",
        QT_TRANSLATE_NOOP(
            "Keyboard", "Next / previous pane: search, episode list, notes, chapters, player bar"
        ),
    ),
    (
        "Up / Down, Page Up / Page Down",
        QT_TRANSLATE_NOOP("Keyboard", "Move within a list (the search field: through the results)"),
    ),
    (
        "Enter",
        QT_TRANSLATE_NOOP(
            "Keyboard", "Play the chapter or bookmark, open the episode, podcast or search hit"
        ),
    ),
    (
        "Ctrl+Tab / Ctrl+Shift+Tab",
        QT_TRANSLATE_NOOP("Keyboard", "Next / previous tab (Episodes, Podcasts, Up Next, Bookmarks)"),
    ),
    (
        "Arrows, Delete, menu key",
        QT_TRANSLATE_NOOP("Keyboard", "In the Podcasts tab: move, ask to unsubscribe, the podcast's menu"),
    ),
)


class Keyboard:
    """The context of this module's texts (``Keyboard.tr``)."""

    tr = Tr()


@dataclass(frozen=True)
class ShortcutEntry:
    """One listed shortcut: where it works, its keys as shown to the user, and what it does."""

    group: str
    keys: str
    name: str


def standard_keys(key: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """The platform's keys for ``key``, or ``fallback`` where the platform has none (Quit and
    Preferences have none on some Linux desktops)."""
    keys = QKeySequence.keyBindings(key)
    return keys or [QKeySequence(fallback)]


def _clean(text: str) -> str:
    """A menu text as a name: no mnemonic (``&File``; ``文件(&F)`` as Chinese menus write it), no …."""
    text = re.sub(r"\(&\w\)", "", text)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _describe(action: QAction) -> str:
    return str(action.property(HELP_PROPERTY) or "") or _clean(action.text()) or action.toolTip()


def _keys(sequences: Iterable[QKeySequence]) -> str:
    return ", ".join(s.toString(NATIVE) for s in sequences if not s.isEmpty())


def _menu_entries(menu: QMenu, group: str, seen: set[int]) -> list[ShortcutEntry]:
    entries = []
    for action in menu.actions():
        if action.menu() is not None:
            entries += _menu_entries(action.menu(), f"{group} ▸ {_clean(action.text())}", seen)
        elif action.shortcuts() and id(action) not in seen:
            seen.add(id(action))
            entries.append(ShortcutEntry(group, _keys(action.shortcuts()), _describe(action)))
    return entries


def collect_shortcuts(window: QMainWindow) -> list[ShortcutEntry]:
    """Every shortcut the window has: its menus' actions by menu, then the other actions and the
    QShortcuts of the window and its widgets (by where they work)."""
    seen: set[int] = set()
    entries: list[ShortcutEntry] = []
    for top in window.menuBar().actions():
        if top.menu() is not None:
            entries += _menu_entries(top.menu(), _clean(top.text()), seen)
    rest: list[ShortcutEntry] = []
    for action in window.findChildren(QAction):
        if action.shortcuts() and id(action) not in seen:
            seen.add(id(action))
            where = str(action.property(WHERE_PROPERTY) or "") or Keyboard.tr(ANYWHERE)
            rest.append(ShortcutEntry(where, _keys(action.shortcuts()), _describe(action)))
    for shortcut in window.findChildren(QShortcut):
        if shortcut.keys():
            where = str(shortcut.property(WHERE_PROPERTY) or "") or Keyboard.tr(ANYWHERE)
            rest.append(ShortcutEntry(where, _keys(shortcut.keys()), shortcut.whatsThis()))
    rest.sort(key=lambda e: e.group != Keyboard.tr(ANYWHERE))
    unique = dict.fromkeys(entries + rest)  # two views with the same action list it once
    return list(unique)


def shortcuts_html(entries: Sequence[ShortcutEntry]) -> str:
    """The shortcuts as tables under their groups, then the keys for moving around."""
    parts: list[str] = []
    group = None
    for entry in entries:
        if entry.group != group:
            if group is not None:
                parts.append("</table>")
            group = entry.group
            parts.append(f"<h4>{html.escape(group)}</h4><table cellspacing='2'>")
        parts.append(
            f"<tr><td><b>{html.escape(entry.keys)}</b></td><td>&nbsp;&nbsp;{html.escape(entry.name)}</td></tr>"
        )
    if group is not None:
        parts.append("</table>")
    moving = Keyboard.tr("Moving around")
    parts.append(f"<h4>{html.escape(moving)}</h4><table cellspacing='2'>")
    for keys, name in MOVING_AROUND:
        parts.append(
            f"<tr><td><b>{html.escape(keys)}</b></td><td>&nbsp;&nbsp;{html.escape(Keyboard.tr(name))}</td></tr>"
        )
    parts.append("</table>")
    return "".join(parts)


class ShortcutsDialog(QDialog):
    """Help ▸ Keyboard shortcuts: the list, read from the window each time it opens."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(560, 640)

    def show_shortcuts(self) -> None:
        """Fill the list from the window's actions and shortcuts and show it (not blocking)."""
        self.browser.setHtml(shortcuts_html(collect_shortcuts(self._window)))
        self.show()  # not modal: it can stay open beside the window
        self.raise_()
        self.activateWindow()


def install_help_menu(window: QMainWindow) -> tuple[QAction, ShortcutsDialog]:
    """A Help menu with Keyboard shortcuts (F1)."""
    menu = window.menuBar().addMenu(Keyboard.tr("&Help"))
    dialog = ShortcutsDialog(window)
    action = QAction(Keyboard.tr("Keyboard shortcuts"), window)
    action.setShortcuts(standard_keys(QKeySequence.StandardKey.HelpContents, "F1"))
    action.triggered.connect(dialog.show_shortcuts)
    menu.addAction(action)
    window.addAction(action)
    return action, dialog


def set_focus_chain(widgets: Sequence[QWidget], views: Iterable[QAbstractItemView] = ()) -> None:
    """Tab goes through ``widgets`` in this order and round again; in ``views`` Tab leaves the view
    (arrows move inside it) instead of walking its cells."""
    for view in views:
        view.setTabKeyNavigation(False)
    for first, second in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(first, second)
    if len(widgets) > 1:
        QWidget.setTabOrder(widgets[-1], widgets[0])
