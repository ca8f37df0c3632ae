"""The composition root: QApplication, the library, the audio backend, the controller, the window."""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from companion import i18n
from companion.desktop.instance import SingleInstance, claim_or_hand_over
from companion.desktop.mpris import start_mpris
from companion.desktop.notifications import NewEpisodeNotices
from companion.jobs.feed_jobs import FeedJobs
from companion.library import Library, LibraryError, default_library_path
from companion.library.settings import read_settings
from companion.playback.controller import PlaybackController
from companion.playback.vlc_backend import create_backend
from companion.services.demo import ensure_demo
from companion.services.open_target import OpenTarget, TargetError, parse_targets, target_json
from companion.ui.plain import plain_message_box
from companion.ui.translation import Installed, install_translations
from companion.ui.window.appearance import Appearance
from companion.ui.window.main_window import MainWindow
from companion.ui.window.open_targets import TargetOpener

APP_TITLE = "Podcast Companion"
WINDOW_BUSY_TIMEOUT_MS = 10_000  # the window waits at most this long for another program's write
ICON = Path(__file__).resolve().parent.parent / "resources" / "icons" / "podcast-companion.svg"


def vlc_args_from_env() -> list[str]:
    """Extra libvlc arguments from ``$COMPANION_VLC_ARGS`` (for example ``--aout=dummy``)."""
    return shlex.split(os.environ.get("COMPANION_VLC_ARGS", ""))


class CompanionApp:
    """Owns the parts of a running app and closes them in order."""

    def __init__(self, library: Library, vlc_args: Sequence[str] = (), backend=None) -> None:
        self.library = library
        self.translations = choose_language(library)  # before any widget exists
        self.backend = backend if backend is not None else create_backend(vlc_args)
        self.controller = PlaybackController(library, self.backend)
        self.jobs = FeedJobs(library)
        self.appearance = Appearance(library)
        self.appearance.apply()  # light, dark or the desktop's, before the window first paints
        self.window = MainWindow(library, self.controller, self.jobs, appearance=self.appearance)
        self.mpris = start_mpris(self.controller, self.window, library)  # None without a session bus
        self.opener = TargetOpener(self.window, self.window.feed_ui, library)
        self.notices = NewEpisodeNotices(library, self.window)  # quietly nothing without a bus or server
        self.jobs.new_episodes.connect(self.notices.new_episodes)
        self.controller.cue_last_episode()
        self.window.show_resumed_episode()

    def shutdown(self) -> None:
        """Save what must be saved and release the player and the library: every step is taken,
        even when the library cannot be written (read-only, full, busy)."""
        steps = [self.window.save_geometry, self.jobs.shutdown, self.controller.shutdown, self.library.close]
        steps.insert(0, self.notices.close)
        if self.mpris is not None:
            steps.insert(0, self.mpris.close)
        for step in steps:
            try:
                step()
            except LibraryError as exc:
                print(f"companion: {exc}", file=sys.stderr)


def install_library_error_hook(window: MainWindow) -> Callable[..., Any]:
    """Show a LibraryError that escapes a slot (a write that could not be made) in the window's
    status bar instead of a traceback; other exceptions go to the hook there was. Returns that hook."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if isinstance(value, LibraryError):
            print(f"companion: {value}", file=sys.stderr)
            window.show_library_error(value)
        else:
            previous(kind, value, tb)

    sys.excepthook = hook
    return previous


def parse_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """The GUI's own options and the one thing to open; the rest goes to Qt."""
    parser = argparse.ArgumentParser(prog="companion", description=APP_TITLE)
    parser.add_argument("--library", type=Path, help="the library file to open")
    parser.add_argument(
        "targets", nargs="*", help="feed addresses, podcast links, OPML or audio files to open"
    )
    args, rest = parser.parse_known_args(list(argv))
    return args, rest


_installed: list[Installed] = []  # the translations in the application now (one set at a time)


def choose_language(library: Library | None) -> Installed:
    """Install the translations of the library's language setting (the system's when it says
    ``system`` or there is no library), replacing those installed before when they are another."""
    choice = read_settings(library).language if library is not None and library.is_open else "system"
    language = i18n.resolve_language(choice)
    if _installed and _installed[0].language == language and _installed[0].translators:
        return _installed[0]
    while _installed:
        _installed.pop().remove()
    _installed.append(install_translations(language))
    return _installed[0]


def main(argv: Sequence[str] | None = None, instance: SingleInstance | None = None) -> int:
    """Run the desktop app until its window closes; when a window already has the library, hand it
    the request (raise it, open the targets) and return 0. A target that is none of what the window
    opens returns 2, with the reason on stderr, and nothing is opened. ``instance``: the library's
    lock, when the caller (``companion.entry``, which hands over before Qt's widgets are loaded)
    already holds it."""
    args, qt_args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        targets = parse_targets(args.targets)
    except TargetError as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return 2
    path = args.library or default_library_path()
    if instance is None:
        instance, code = claim_or_hand_over(path, [target_json(t) for t in targets])
        if code is not None:
            return code
    try:
        return _run_window(path, qt_args, instance, targets)
    finally:
        instance.close()


def _run_window(path: Path, qt_args: list[str], instance: SingleInstance, targets: list[OpenTarget]) -> int:
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    app.setApplicationName(APP_TITLE)
    app.setOrganizationName("podcast-companion")
    app.setDesktopFileName("podcast-companion")
    app.setWindowIcon(QIcon(str(ICON)))
    try:
        library = Library(path, busy_timeout_ms=WINDOW_BUSY_TIMEOUT_MS)
    except LibraryError as exc:
        choose_language(None)
        title = QApplication.translate("App", "Podcast Companion")
        plain_message_box(QMessageBox.Icon.Critical, title, str(exc)).exec()
        print(f"companion: {exc}", file=sys.stderr)
        return 1
    try:
        ensure_demo(library)
    except (OSError, LibraryError) as exc:
        print(f"companion: the demo podcast could not be created: {exc}", file=sys.stderr)
    companion = CompanionApp(library, vlc_args_from_env())
    if os.environ.get("COMPANION_STARTUP_PROBE"):  # start-up measurements
        print(f"translations-ms {companion.translations.load_ms:.1f}", flush=True)
    install_library_error_hook(companion.window)
    app.aboutToQuit.connect(instance.stop_listening)  # the lock is let go of once the library is closed
    app.aboutToQuit.connect(companion.shutdown)
    instance.received.connect(companion.opener.open_request)
    instance.listen()
    if os.environ.get("COMPANION_OPEN_PROBE"):  # tests: what a hand-over opened, one JSON line each
        companion.opener.opened.connect(_print_opened)
    companion.window.show()
    companion.window.start_background_work()
    for target in targets:
        QTimer.singleShot(0, lambda target=target: companion.opener.open_target(target))
    if os.environ.get("COMPANION_STARTUP_PROBE"):  # start-up measurements
        _report_first_paint(companion.window, app)
    return app.exec()


def _print_opened(what: str, text: str) -> None:
    print(json.dumps({"opened": what, "text": text}, ensure_ascii=False), flush=True)


class _FirstPaintProbe(QObject):
    """Prints ``first-paint`` when the window first paints, then quits (start-up benchmark)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not getattr(self, "done", False):
            self.done = True
            print("first-paint", flush=True)
            QTimer.singleShot(0, QApplication.instance().quit)
        return False


def _report_first_paint(window: QObject, app: QApplication) -> None:
    probe = _FirstPaintProbe(app)
    window.installEventFilter(probe)
