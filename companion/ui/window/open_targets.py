"""TargetOpener: a feed address, podcast link, OPML or audio file handed to the window opens what it is.

A podcast link opens Add podcast filled in, with Subscribe ready (Enter): a link on a web page is one
click away from the listener's library, so it never subscribes by itself, and the dialog shows the
address that will be fetched. An OPML file asks before its podcasts are added (through the import job
of File ▸ Import OPML), an audio file opens Add episode with it. Whatever arrives raises the window.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialogButtonBox, QMainWindow, QWidget

from companion.feeds.errors import FeedError
from companion.library import Library, LibraryError
from companion.services.open_target import OpenTarget, TargetError, TargetKind, parse_target
from companion.ui.dialogs.confirm import confirm
from companion.ui.window.feed_actions import FeedUi

MAX_TARGETS = 20  # a hand-over opens at most this many dialogs


class TargetOpener(QObject):
    """Opens targets in the window; ``opened(what, text)`` tells what was shown (a dialog's name and
    the address or file in it, or a message), for tests and the start-up probe."""

    opened = Signal(str, str)

    def __init__(self, window: QMainWindow, feed_ui: FeedUi, library: Library) -> None:
        super().__init__(window)
        self.window = window
        self.feed_ui = feed_ui
        self.library = library
        self.last_shown: QWidget | None = None

    def open_request(self, request: dict[str, Any]) -> None:
        """A request another launch handed over: raise the window, then open its targets (if any),
        each checked again here."""
        self.raise_window(str(request.get("activation_token") or ""))
        targets = request.get("targets")
        for target in targets[:MAX_TARGETS] if isinstance(targets, list) else []:
            try:
                self.open_target(
                    parse_target(str(target.get("value", "")) if isinstance(target, dict) else "")
                )
            except TargetError as exc:
                self._tell(str(exc))

    def raise_window(self, token: str = "") -> None:
        """Bring the window to the front (un-minimised), with the desktop's activation token if given."""
        window = self.window
        if token:
            os.environ["XDG_ACTIVATION_TOKEN"] = token  # Qt's Wayland platform hands it to the compositor
        window.setWindowState(
            (window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
        )
        window.show()
        window.raise_()
        window.activateWindow()

    def open_target(self, target: OpenTarget) -> QWidget | None:
        """Open what ``target`` is; returns the dialog or box shown."""
        if target.kind is TargetKind.FEED:
            shown = self._add_podcast(target.value)
        elif target.kind is TargetKind.OPML:
            shown = self._ask_import(target.value)
        else:
            shown = self._add_episode(target.value)
        self.last_shown = shown
        return shown

    def _add_podcast(self, url: str) -> QWidget | None:
        try:
            existing = self.library.find_podcast(url)
        except LibraryError:
            existing = None
        if existing is not None and existing.is_subscription:
            pane = getattr(self.window, "episode_pane", None)
            if pane is not None:
                pane.show_podcast(existing.id)
            self._tell(
                self.tr("You already subscribe to “{title}”: its episodes are shown.").format(
                    title=existing.title
                )
            )
            return None
        dialog = self.feed_ui.ask_add_podcast()
        dialog.source.edit.setText(url)
        buttons = dialog.findChild(QDialogButtonBox)
        if buttons is not None:  # Enter subscribes
            buttons.button(QDialogButtonBox.StandardButton.Ok).setFocus()
        self.opened.emit("add-podcast", url)
        return dialog

    def _add_episode(self, audio: str) -> QWidget:
        dialog = self.feed_ui.ask_add_episode()
        dialog.audio.edit.setText(audio)
        if not audio.startswith(("http://", "https://")):
            dialog.title_edit.setText(Path(audio).stem)
        dialog.title_edit.setFocus()
        dialog.title_edit.selectAll()
        self.opened.emit("add-episode", audio)
        return dialog

    def _ask_import(self, path: str) -> QWidget | None:
        from companion.services.subscriptions import plan_import

        name = Path(path).name
        try:
            jobs = plan_import(self.library, path)
        except (FeedError, LibraryError) as exc:
            self.opened.emit("message", str(exc))
            return self.feed_ui.warn(self.tr("Import OPML"), str(exc))
        if not jobs:
            self._tell(self.tr("{file}: every podcast it lists is already in the library.").format(file=name))
            return None
        text = self.tr(
            "Subscribe to the %n podcast(s) listed in {file} that are not in the library yet?", "", len(jobs)
        )
        box = confirm(
            self.window,
            self.tr("Import OPML"),
            text.format(file=name),
            self.tr("Import"),
            lambda: self.feed_ui.jobs.import_opml(path),
        )
        self.opened.emit("import-opml", path)
        return box

    def _tell(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 10_000)
        self.opened.emit("message", message)
