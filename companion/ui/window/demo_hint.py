"""DemoHint: the line over the demo podcast's notes that says what to try, until it has been tried."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QWidget

from companion.domain import Episode, PodcastKind
from companion.library import Library, LibraryError
from companion.library.settings import read_settings, store_settings

# the hint's text is the class's (translated): see DemoHint.__init__


class DemoHint(QLabel):
    """Shown while a demo episode is selected, until a timestamp was clicked or "Got it" pressed."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        text = self.tr(
            "Try it: click any timestamp in the notes below, or a chapter, and the episode plays from that"
            " moment; each chapter has its own tone, so you hear the seek land."
        )
        super().__init__(parent)
        got_it = self.tr("Got it")
        self.setText(f'{text} <a href="done">{got_it}</a>')
        self._library = library
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.setContentsMargins(8, 6, 8, 6)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAccessibleName(self.tr("Tip"))
        self.linkActivated.connect(self._on_self_link_activated)
        self.hide()

    def follow(self, episode: Episode | None) -> None:
        """Show the hint over a demo episode's notes (while it has not been tried)."""
        self.setVisible(episode is not None and self._is_demo(episode) and not self._done())

    def done(self) -> None:
        """The listener has tried it: never shown again for this library."""
        if self.isVisible() or not self._done():
            try:
                store_settings(self._library, demo_hint_done=True)
            except LibraryError:
                pass
        self.hide()

    def _done(self) -> bool:
        return self._library.is_open and read_settings(self._library).demo_hint_done

    def _is_demo(self, episode: Episode) -> bool:
        try:
            return self._library.podcast(episode.podcast_id).kind is PodcastKind.DEMO
        except LibraryError:
            return False

    @Slot(str)
    def _on_self_link_activated(self, _link: str) -> None:
        self.done()
