"""WindowLayout: the window's size, splitters, tabs and list filter, kept in the library across launches.

The place is kept per screen setup (the screens' names, sizes and scales): a window closed on the
second monitor at scale 1 comes back there, a start at ``QT_SCALE_FACTOR=2`` gets its own place
without spoiling the first one, and a setup never seen (the monitor it was on is gone) takes the latest
place onto the screen of that name, else the primary one, shrunk to fit and moved fully on screen. A
maximised window comes back maximised on that screen. Qt's ``saveGeometry`` blob is still written
(earlier versions read it) and used when no place is stored. After the restore, and again once the
window is first shown, the size Qt gave is checked against the wanted one: with a scale factor Qt's
restore can shrink a window that fits the screen, and a window should come back as it was closed.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QSplitter, QTabWidget

from companion.library import EpisodeFilter, Library, LibraryError
from companion.ui.window.hosts import LayoutHost

LAYOUT_KEY = "window_layout"
GEOMETRY_KEY = "window_geometry"  # Qt's blob (also written by earlier versions)
SPLITTER_KEY = "window_state"  # the list | notes splitter (earlier versions)
DEFAULT_SIZE = QSize(1200, 760)
DEFAULT_SCREEN_SHARE = 0.9  # the first window takes at most this much of the screen
NOT_RESTORED_TABS = ("search",)  # search results are not there at start
KEPT_SETUPS = 8  # places remembered for this many screen setups (the latest ones)


@dataclass
class Layout:
    """What is remembered of the window (all JSON-friendly)."""

    width: int = 0
    height: int = 0
    maximized: bool = False
    detail_splitter: str = ""  # base64 of QSplitter.saveState
    left_tab: str = ""  # the objectName of the current tab's widget
    detail_tab: str = ""
    episode_filter: str = ""  # an EpisodeFilter name
    podcast_id: int | None = None
    # screen setup -> {"screen", "x", "y" (from the screen's available top left), "w", "h", "max"}
    placements: dict = field(default_factory=dict)
    podcasts_view: str = ""  # the Podcasts tab: "grid" or "list"
    podcasts_sort: str = ""  # its order (PodcastsPane.sort_name)

    @classmethod
    def from_json(cls, text: str | None) -> Layout:
        """The stored layout; an empty one for anything unreadable."""
        try:
            data = json.loads(text or "{}")
            known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
            return cls(**known)
        except (TypeError, ValueError):
            return cls()


def _b64(data: QByteArray) -> str:
    return bytes(data.toBase64()).decode()


def _unb64(text: str) -> QByteArray:
    return QByteArray.fromBase64(text.encode())


def _current_tab(tabs: QTabWidget) -> str:
    widget = tabs.currentWidget()
    return widget.objectName() if widget is not None else ""


def _select_tab(tabs: QTabWidget, name: str) -> None:
    if not name or name in NOT_RESTORED_TABS:
        return
    for index in range(tabs.count()):
        if tabs.widget(index).objectName() == name and tabs.isTabVisible(index):
            tabs.setCurrentIndex(index)
            return


class WindowLayout:
    """Saves and restores the layout of a MainWindow (its ``splitter``, ``detail_splitter``,
    ``left_tabs``, ``detail_tabs`` and ``episode_pane``) in the library's settings."""

    def __init__(self, window: LayoutHost, library: Library) -> None:
        self.window = window
        self.library = library
        self.saved = Layout()
        self.wanted = QSize()  # the size to give back once shown (empty: whatever Qt gave)
        self._checked_after_show = False

    # ----- restoring ---------------------------------------------------------------------------

    def restore(self) -> None:
        """Before the first show: size and place, splitters, tabs, the list's filter and podcast."""
        window = self.window
        self.saved = Layout.from_json(self.library.setting(LAYOUT_KEY))
        self.wanted = QSize(self.saved.width, self.saved.height)
        placements = self.saved.placements if isinstance(self.saved.placements, dict) else {}
        placement = placements.get(screen_setup()) or next(reversed(placements.values()), None)
        if not (isinstance(placement, dict) and self.place(placement)):
            geometry = self.library.setting(GEOMETRY_KEY)
            if not (geometry and window.restoreGeometry(_unb64(geometry))):
                window.resize(default_size(window.screen()))
        self.check_size()
        splitter = self.library.setting(SPLITTER_KEY)
        if splitter:
            self._splitter("splitter").restoreState(_unb64(splitter))
        if self.saved.detail_splitter:
            self._splitter("detail_splitter").restoreState(_unb64(self.saved.detail_splitter))
        pane = window.episode_pane
        if self.saved.episode_filter in EpisodeFilter.__members__:
            pane.show_filter(EpisodeFilter[self.saved.episode_filter])
        if self.saved.podcast_id is not None:
            pane.show_podcast(self.saved.podcast_id)
        podcasts = window.podcasts_pane
        if self.saved.podcasts_view:
            podcasts.set_mode(self.saved.podcasts_view)
        if self.saved.podcasts_sort:
            podcasts.sort_by(self.saved.podcasts_sort)
        _select_tab(window.left_tabs, self.saved.left_tab)
        _select_tab(window.detail_tabs, self.saved.detail_tab)

    def check_size(self) -> None:
        """Give the window back the size it was closed at, when Qt restored another one that fits."""
        saved = self.wanted
        window = self.window
        if saved.isEmpty() or window.isMaximized() or window.size() == saved:
            return
        screen = window.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        frame = window.frameGeometry().size() - window.geometry().size()
        room = screen.availableGeometry().size() - frame
        if saved.width() <= room.width() and saved.height() <= room.height():
            window.resize(saved)

    def place(self, placement: dict) -> bool:
        """Put the window where ``placement`` says, on the screen of its name (else the primary),
        shrunk to fit and wholly on it; False for a placement that cannot be read."""
        try:
            name, x, y = str(placement["screen"]), int(placement["x"]), int(placement["y"])
            width, height, maximized = int(placement["w"]), int(placement["h"]), bool(placement["max"])
        except (KeyError, TypeError, ValueError):
            return False
        if width <= 0 or height <= 0:
            return False
        screens = QGuiApplication.screens()
        screen = next((s for s in screens if s.name() == name), None) or QGuiApplication.primaryScreen()
        if screen is None:
            return False
        room = screen.availableGeometry()
        width, height = min(width, room.width()), min(height, room.height())
        x = room.x() + max(0, min(x, room.width() - width))
        y = room.y() + max(0, min(y, room.height() - height))
        window = self.window
        window.setGeometry(QRect(x, y, width, height))
        self.wanted = QSize(width, height)
        if maximized:
            window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
        return True

    def after_first_show(self) -> None:
        """Once shown (the platform may have changed the size while creating the window): check again."""
        if not self._checked_after_show:
            self._checked_after_show = True
            self.check_size()
            self.keep_on_screen()

    def keep_on_screen(self) -> None:
        """Once the frame is known: the whole window, frame and all, on its screen (shrunk if need be)."""
        window = self.window
        screen = window.screen()
        if screen is None or window.isMaximized() or window.isFullScreen():
            return
        room, frame, inner = screen.availableGeometry(), window.frameGeometry(), window.geometry()
        extra_w, extra_h = frame.width() - inner.width(), frame.height() - inner.height()
        width = max(1, min(inner.width(), room.width() - extra_w))
        height = max(1, min(inner.height(), room.height() - extra_h))
        if (width, height) != (inner.width(), inner.height()):
            window.resize(width, height)
        x = max(room.x(), min(frame.x(), room.x() + room.width() - width - extra_w))
        y = max(room.y(), min(frame.y(), room.y() + room.height() - height - extra_h))
        if (x, y) != (frame.x(), frame.y()):
            window.move(x, y)

    # ----- saving ------------------------------------------------------------------------------

    def save(self) -> None:
        """Remember the layout in the library (quietly nothing once it is closed)."""
        if not self.library.is_open:
            return
        window = self.window
        maximized = window.isMaximized() or window.isFullScreen()
        normal = window.normalGeometry() if maximized else window.geometry()
        if not normal.isValid():
            normal = window.geometry()
        size = normal.size()
        pane = window.episode_pane
        layout = Layout(
            width=size.width(),
            height=size.height(),
            maximized=maximized,
            detail_splitter=_b64(self._splitter("detail_splitter").saveState()),
            left_tab=_current_tab(window.left_tabs),
            detail_tab=_current_tab(window.detail_tabs),
            episode_filter=pane.model.episode_filter.name,
            podcast_id=pane.model.podcast_id,
            placements=self._placements(normal, maximized),
            podcasts_view=window.podcasts_pane.mode,
            podcasts_sort=window.podcasts_pane.sort_name,
        )
        try:
            self.library.set_setting(GEOMETRY_KEY, _b64(window.saveGeometry()))
            self.library.set_setting(SPLITTER_KEY, _b64(self._splitter("splitter").saveState()))
            self.library.set_setting(LAYOUT_KEY, json.dumps(asdict(layout), ensure_ascii=False))
        except LibraryError:
            pass
        self.saved = layout

    def _placements(self, normal: QRect, maximized: bool) -> dict:
        """The stored places with this setup's now (the latest last; the oldest beyond KEPT_SETUPS go)."""
        screen = self.window.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return dict(self.saved.placements)
        room = screen.availableGeometry()
        here = {
            "screen": screen.name(),
            "x": normal.x() - room.x(),
            "y": normal.y() - room.y(),
            "w": normal.width(),
            "h": normal.height(),
            "max": maximized,
        }
        key = screen_setup()
        placements = {k: v for k, v in dict(self.saved.placements).items() if k != key}
        placements[key] = here
        return dict(list(placements.items())[-KEPT_SETUPS:])

    def _splitter(self, name: str) -> QSplitter:
        return getattr(self.window, name)


def screen_setup() -> str:
    """The screens as they are now (names, places, sizes, scales): the key of a stored place."""
    parts = []
    for screen in QGuiApplication.screens():
        g = screen.geometry()
        parts.append(
            f"{screen.name()}:{g.x()},{g.y()},{g.width()}x{g.height()}@{screen.devicePixelRatio():g}"
        )
    return "|".join(sorted(parts))


def default_size(screen: QScreen | None) -> QSize:
    """The first window's size: 1200x760, or less on a small (or scaled) screen."""
    if screen is None:
        return DEFAULT_SIZE
    room = screen.availableGeometry()
    return QSize(
        min(DEFAULT_SIZE.width(), int(room.width() * DEFAULT_SCREEN_SHARE)),
        min(DEFAULT_SIZE.height(), int(room.height() * DEFAULT_SCREEN_SHARE)),
    )
