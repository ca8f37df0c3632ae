"""Light or dark: the app follows the desktop's colour scheme, or the one chosen in Preferences."""

from __future__ import annotations

import enum

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from companion.library import Library, LibraryError
from companion.library.settings import read_settings, store_settings

SCHEME_KEY = "color_scheme"

Role = QPalette.ColorRole
Group = QPalette.ColorGroup
# (role, active colour, disabled colour)
_DARK = (
    (Role.Window, "#2b2b2b", "#2b2b2b"),
    (Role.WindowText, "#e8e8e8", "#7f7f7f"),
    (Role.Base, "#1e1e1e", "#262626"),
    (Role.AlternateBase, "#262626", "#2b2b2b"),
    (Role.ToolTipBase, "#3c3c3c", "#3c3c3c"),
    (Role.ToolTipText, "#e8e8e8", "#7f7f7f"),
    (Role.PlaceholderText, "#8c8c8c", "#5f5f5f"),
    (Role.Text, "#e8e8e8", "#7f7f7f"),
    (Role.Button, "#353535", "#303030"),
    (Role.ButtonText, "#e8e8e8", "#7f7f7f"),
    (Role.BrightText, "#ff6b6b", "#ff6b6b"),
    (Role.Light, "#4a4a4a", "#4a4a4a"),
    (Role.Midlight, "#3e3e3e", "#3e3e3e"),
    (Role.Mid, "#262626", "#262626"),
    (Role.Dark, "#1a1a1a", "#1a1a1a"),
    (Role.Shadow, "#0d0d0d", "#0d0d0d"),
    (Role.Highlight, "#3d7bd6", "#4a4a4a"),
    (Role.HighlightedText, "#ffffff", "#9f9f9f"),
    (Role.Link, "#7ab8ff", "#5f7f9f"),
    (Role.LinkVisited, "#c49cff", "#7f6f9f"),
)
_LIGHT = (
    (Role.Window, "#efefef", "#efefef"),
    (Role.WindowText, "#000000", "#bebebe"),
    (Role.Base, "#ffffff", "#efefef"),
    (Role.AlternateBase, "#f7f7f7", "#f7f7f7"),
    (Role.ToolTipBase, "#ffffdc", "#ffffdc"),
    (Role.ToolTipText, "#000000", "#bebebe"),
    (Role.PlaceholderText, "#7f7f7f", "#bebebe"),
    (Role.Text, "#000000", "#bebebe"),
    (Role.Button, "#efefef", "#efefef"),
    (Role.ButtonText, "#000000", "#bebebe"),
    (Role.BrightText, "#ffffff", "#ffffff"),
    (Role.Light, "#ffffff", "#ffffff"),
    (Role.Midlight, "#cacaca", "#cacaca"),
    (Role.Mid, "#b8b8b8", "#b8b8b8"),
    (Role.Dark, "#9f9f9f", "#bebebe"),
    (Role.Shadow, "#767676", "#b1b1b1"),
    (Role.Highlight, "#308cc6", "#919191"),
    (Role.HighlightedText, "#ffffff", "#ffffff"),
    (Role.Link, "#0000ff", "#0000ff"),
    (Role.LinkVisited, "#ff00ff", "#ff00ff"),
)


class ColorScheme(enum.Enum):
    """The choice in Preferences."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


def _palette(colors: tuple[tuple[QPalette.ColorRole, str, str], ...]) -> QPalette:
    palette = QPalette()
    for role, active, disabled in colors:
        for group in (Group.Active, Group.Inactive):
            palette.setColor(group, role, QColor(active))
        palette.setColor(Group.Disabled, role, QColor(disabled))
    return palette


def dark_palette() -> QPalette:
    """Light text on dark grey."""
    return _palette(_DARK)


def light_palette() -> QPalette:
    """Dark text on light grey."""
    return _palette(_LIGHT)


def is_dark(palette: QPalette) -> bool:
    """True when the window colour is darker than its text."""
    return palette.color(Role.Window).lightness() < palette.color(Role.WindowText).lightness()


def stored_scheme(library: Library) -> ColorScheme:
    """The scheme kept in the library (System when none or unknown)."""
    try:
        return ColorScheme(read_settings(library).color_scheme)
    except (ValueError, LibraryError):
        return ColorScheme.SYSTEM


class Appearance(QObject):
    """Puts the chosen palette on the application: the desktop's (dark when the desktop is dark, even
    where the platform gives Qt no dark palette), or light or dark whatever the desktop says."""

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        hints = QGuiApplication.styleHints()
        self._desktop = hints.colorScheme()
        self._applying = False
        self.scheme = stored_scheme(library)
        hints.colorSchemeChanged.connect(self._on_hints_color_scheme_changed)

    def set_scheme(self, scheme: ColorScheme) -> None:
        """Use ``scheme`` from now on and keep it in the library."""
        self.scheme = scheme
        store_settings(self._library, color_scheme=scheme.value)
        self.apply()

    def apply(self) -> None:
        """Put the palette for the scheme (and the desktop's, for System) on the application."""
        app = QApplication.instance()
        if not isinstance(app, QApplication) or self._applying:
            return
        self._applying = True
        try:
            self._apply(app)
        finally:
            self._applying = False

    def _apply(self, app: QApplication) -> None:
        hints = QGuiApplication.styleHints()
        forced = {ColorScheme.LIGHT: Qt.ColorScheme.Light, ColorScheme.DARK: Qt.ColorScheme.Dark}
        if self.scheme in forced:
            if hasattr(hints, "setColorScheme"):  # Qt 6.8: window frames follow too, where they can
                hints.setColorScheme(forced[self.scheme])
            app.setPalette(dark_palette() if self.scheme is ColorScheme.DARK else light_palette())
            return
        if hasattr(hints, "unsetColorScheme"):
            hints.unsetColorScheme()
        if hints.colorScheme() != Qt.ColorScheme.Unknown:
            self._desktop = hints.colorScheme()
        app.setPalette(QPalette())  # the platform's own palette
        if self._desktop == Qt.ColorScheme.Dark and not is_dark(app.palette()):
            app.setPalette(dark_palette())  # the desktop is dark, the platform gave Qt a light palette

    @Slot(Qt.ColorScheme)
    def _on_hints_color_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        if self._applying:
            return  # the forced scheme echoing back
        self._desktop = scheme  # (re-read from the platform, where it can tell, when System is chosen)
        if self.scheme is ColorScheme.SYSTEM:
            self.apply()
