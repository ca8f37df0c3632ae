"""What the Podcasts view asks of covers (a small interface): the window's CoverCache behind it, and
lettered placeholders for podcasts without a cached cover."""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QRectF, Qt, Signal, SignalInstance
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap

if TYPE_CHECKING:
    from companion.ui.widgets.covers import CoverCache

PLACEHOLDER_CACHE = 256  # placeholder pixmaps kept (a letter and a colour per size)


class CoverSource(Protocol):
    """Covers by podcast: a pixmap now (the placeholder until the cover is there), a signal when one
    arrives. Only the rows a view paints ask, so covers load lazily."""

    cover_ready: SignalInstance  # podcast id, -1 for every podcast

    def cover(self, podcast_id: int, title: str, size: int) -> QPixmap: ...


def placeholder_cover(title: str, size: int, seed: int = 0) -> QPixmap:
    """A square of a colour of the title's own with its first character: what shows without a cover."""
    pixmap = QPixmap(size, size)
    hue = zlib.crc32(title.encode("utf-8"), seed) % 360
    pixmap.fill(QColor.fromHsl(hue, 90, 120))
    letter = next((c for c in title.strip() if not c.isspace()), "?").upper()
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    font = QFont()
    font.setPixelSize(max(8, size // 2))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, letter)
    painter.end()
    return pixmap


class PlaceholderCovers(QObject):
    """Placeholder covers only (a CoverSource): a lettered colour square per podcast title."""

    cover_ready = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cache: dict[tuple[str, int], QPixmap] = {}

    def cover(self, podcast_id: int, title: str, size: int) -> QPixmap:
        """The placeholder of ``title`` at ``size`` pixels."""
        key = (title, size)
        pixmap = self._cache.get(key)
        if pixmap is None:
            if len(self._cache) >= PLACEHOLDER_CACHE:
                self._cache.pop(next(iter(self._cache)))
            pixmap = self._cache[key] = placeholder_cover(title, size)
        return pixmap


class CachedCovers(QObject):
    """The window's CoverCache as a CoverSource: the cached copy scaled, a lettered placeholder while
    a podcast has none; ``cover_ready(-1)`` when the cache has new covers."""

    cover_ready = Signal(int)

    def __init__(self, cache: CoverCache, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cache = cache
        self._letters = PlaceholderCovers(self)
        cache.changed.connect(lambda: self.cover_ready.emit(-1))

    def cover(self, podcast_id: int, title: str, size: int) -> QPixmap:
        """The podcast's cover at ``size`` (read from its cached file once, then from the LRU)."""
        pixmap = self.cache.podcast_pixmap(podcast_id, size)
        if self.cache.is_placeholder(pixmap):
            return self._letters.cover(podcast_id, title, size)
        return pixmap
