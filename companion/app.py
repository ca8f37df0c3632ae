"""The composition root: QApplication, the library, the audio backend, the controller, the window."""

from __future__ import annotations

import argparse
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
from companion.desktop.mpris import start_mpris
from companion.jobs.feed_jobs import FeedJobs
from companion.library import Library, LibraryError, default_library_path
from companion.library.settings import read_settings
from companion.playback.controller import PlaybackController
from companion.playback.vlc_backend import create_backend
from companion.services.demo import ensure_demo
from companion.ui.plain import plain_message_box
from companion.ui.translation import Installed, install_translations
from companion.ui.window.appearance import Appearance
from companion.ui.window.main_window import MainWindow

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
        self.controller.cue_last_episode()
        self.window.show_resumed_episode()

    def shutdown(self) -> None:
        """Save what must be saved and release the player and the library: every step is taken,
        even when the library cannot be written (read-only, full, busy)."""
        steps = [self.window.save_geometry, self.jobs.shutdown, self.controller.shutdown, self.library.close]
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
    """The GUI's own options; the rest goes to Qt."""
    parser = argparse.ArgumentParser(prog="companion", description=APP_TITLE)
    parser.add_argument("--library", type=Path, help="the library file to open")
    return parser.parse_known_args(list(argv))


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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the desktop app until its window closes."""
    args, qt_args = parse_args(sys.argv[1:] if argv is None else argv)
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    app.setApplicationName(APP_TITLE)
    app.setOrganizationName("podcast-companion")
    app.setDesktopFileName("podcast-companion")
    app.setWindowIcon(QIcon(str(ICON)))
    path = args.library or default_library_path()
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
    app.aboutToQuit.connect(companion.shutdown)
    companion.window.show()
    companion.window.start_background_work()
    if os.environ.get("COMPANION_STARTUP_PROBE"):  # start-up measurements
        _report_first_paint(companion.window, app)
    return app.exec()


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
