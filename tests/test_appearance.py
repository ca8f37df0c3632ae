"""Light and dark in the real window: the player's icons follow the palette, the app follows the
desktop's colour scheme, and Preferences can force light or dark, kept in the library."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication

from companion.library import Library
from companion.ui.window.appearance import SCHEME_KEY, dark_palette, is_dark, light_palette


@pytest.fixture(autouse=True)
def _platform_palette_after():
    yield
    QApplication.setPalette(QPalette())  # the next test starts from the platform's palette


def _luminance(color: QColor) -> float:
    return 0.2126 * color.redF() + 0.7152 * color.greenF() + 0.0722 * color.blueF()


def _glyph_luminance(image: QImage) -> float:
    """Mean luminance of the opaque pixels of an icon."""
    values = [
        _luminance(image.pixelColor(x, y))
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() > 160
    ]
    assert len(values) > 10  # there is a glyph
    return sum(values) / len(values)


def _icons(bar) -> list[QImage]:
    return [b.icon().pixmap(QSize(24, 24)).toImage() for b in (bar.play_button, bar.mute_button)]


def _settle() -> None:
    QApplication.processEvents()


def test_transport_and_mute_icons_are_light_on_a_dark_palette(make_window, tone_episode, qtbot):
    app = make_window()
    bar = app.window.player_bar
    app.controller.cue_episode(tone_episode.id)
    QApplication.setPalette(dark_palette())
    _settle()
    background = _luminance(bar.play_button.palette().color(QPalette.ColorRole.Button))
    assert background < 0.3
    for image in _icons(bar):
        assert _glyph_luminance(image) > 0.7
    # what is painted: the brightest pixel of the button is the glyph, light on dark
    shot = bar.play_button.grab().toImage()
    brightest = max(
        _luminance(shot.pixelColor(x, y)) for y in range(shot.height()) for x in range(shot.width())
    )
    assert brightest > 0.7
    # the notes' links take the dark palette's link colour (light blue, readable on dark)
    notes = app.window.notes_view
    link = dark_palette().color(QPalette.ColorRole.Link)
    assert f"color:{link.name()}" in notes.toHtml().replace(" ", "")
    # the playing chapter's highlight takes the new palette's colour too
    (current,) = [i for i in app.window.chapter_view.chapter_items() if i.font(0).bold()]
    assert current.background(0).color() == dark_palette().color(QPalette.ColorRole.Highlight)
    app.controller.set_muted(True)  # the muted icon too
    assert _glyph_luminance(bar.mute_button.icon().pixmap(QSize(24, 24)).toImage()) > 0.7
    QApplication.setPalette(light_palette())
    _settle()
    for image in _icons(bar):
        assert _glyph_luminance(image) < 0.3  # and dark again on a light palette


def test_preferences_force_light_or_dark_and_it_is_kept(make_window, library, library_path, qtbot):
    app = make_window()
    assert not is_dark(QApplication.palette())  # the platform here is light
    for choice, dark in (("Dark", True), ("Light", False), ("Dark", True)):
        dialog = app.window.show_preferences()  # the dialog opens each time
        assert dialog.isVisible()
        dialog.scheme.setCurrentIndex(dialog.scheme.findText(choice))
        dialog.accept()
        _settle()
        assert is_dark(QApplication.palette()) is dark, choice
        assert is_dark(app.window.palette()) is dark
        assert library.setting(SCHEME_KEY) == choice.lower()
        assert (_glyph_luminance(_icons(app.window.player_bar)[0]) > 0.5) is dark
    again = app.window.show_preferences()
    assert again.scheme.currentText() == "Dark"
    again.reject()
    # applied at start: a new session on the same library comes up dark
    QApplication.setPalette(QPalette())
    assert not is_dark(QApplication.palette())
    second = make_window(Library(library_path))
    assert is_dark(QApplication.palette()) and is_dark(second.window.palette())
    dialog = second.window.show_preferences()
    dialog.scheme.setCurrentIndex(dialog.scheme.findText("Like the desktop"))
    dialog.accept()
    assert not is_dark(QApplication.palette())  # the platform's own (light) palette
    assert library.setting(SCHEME_KEY) == "system"


def test_the_app_follows_the_desktop_scheme(make_window, library, qtbot):
    # the windows of earlier tests (closed, their deletion posted) must not answer the desktop too
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    app = make_window()
    hints = QGuiApplication.styleHints()
    # the desktop turns dark (this platform cannot, so its signal is sent as the desktop would)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    _settle()
    assert is_dark(QApplication.palette())
    assert _glyph_luminance(_icons(app.window.player_bar)[0]) > 0.7
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    _settle()
    assert not is_dark(QApplication.palette())
    # a scheme chosen in Preferences wins over the desktop's
    app.appearance.set_scheme(app.appearance.scheme.LIGHT)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    _settle()
    assert not is_dark(QApplication.palette())
    app.appearance.set_scheme(app.appearance.scheme.SYSTEM)
    assert is_dark(QApplication.palette())  # back to the desktop's, which is dark now
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Unknown)
