"""CoverCache: the window's covers as scaled pixmaps, loaded lazily from the cached files, with a placeholder.

Every view that shows a cover asks the one ``CoverCache`` of the window (``MainWindow.covers``):
``podcast_pixmap(podcast_id, size)``, ``episode_pixmap(episode_id, size)`` (the episode's own image,
else its podcast's) or ``pixmap(path, size)``. Nothing is fetched here: a cover that is not cached yet
is the placeholder, and ``changed`` is emitted when a download has put a new cover in place (the view
then asks again and repaints). Pixmaps are kept in a small LRU keyed by (path, size), so scrolling
a list never reads a file twice; the path of each podcast and episode is looked up once.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImageReader, QPainter, QPainterPath, QPen, QPixmap

CACHE_SIZE = 256  # scaled pixmaps kept (a grid of 200 podcasts at one size, plus a few larger ones)
PATH_CACHE_SIZE = 4096  # podcast and episode ids whose cached file is remembered
PLACEHOLDER_BACKGROUND = QColor(0x6E, 0x76, 0x85)
PLACEHOLDER_FOREGROUND = QColor(0xE8, 0xEA, 0xEE)


class CoverLookup(Protocol):
    """What the cache asks of the library (``Library`` is one)."""

    def cover_path(self, podcast_id: int) -> Path | None: ...

    def episode_cover_path(self, episode_id: int) -> Path | None: ...


def draw_placeholder(size: int, device_pixel_ratio: float = 1.0) -> QPixmap:
    """A cover for a podcast without one: a grey rounded square with a broadcast sign."""
    pixels = max(1, round(size * device_pixel_ratio))
    pixmap = QPixmap(pixels, pixels)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    frame = QPainterPath()
    frame.addRoundedRect(QRectF(0, 0, pixels, pixels), pixels * 0.12, pixels * 0.12)
    painter.fillPath(frame, PLACEHOLDER_BACKGROUND)
    pen = QPen(
        PLACEHOLDER_FOREGROUND, max(1.0, pixels * 0.06), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap
    )
    painter.setPen(pen)
    centre = pixels / 2
    painter.setBrush(PLACEHOLDER_FOREGROUND)
    dot = pixels * 0.07
    painter.drawEllipse(QRectF(centre - dot, centre - dot, 2 * dot, 2 * dot))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for radius in (pixels * 0.2, pixels * 0.33):
        arc = QRectF(centre - radius, centre - radius, 2 * radius, 2 * radius)
        painter.drawArc(arc, 45 * 16, 90 * 16)  # the waves above the dot
        painter.drawArc(arc, 225 * 16, 90 * 16)  # and below it
    painter.end()
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    return pixmap


def load_scaled(path: Path, size: int, device_pixel_ratio: float = 1.0) -> QPixmap | None:
    """The image at ``path`` scaled to fit a ``size`` square (kept in proportion), or None when it
    cannot be read. The files are the cache's own copies (at most 600 px), read with Qt's limits."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    image = reader.read()
    if image.isNull():
        return None
    pixels = max(1, round(size * device_pixel_ratio))
    scaled = image.scaled(
        pixels, pixels, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    pixmap = QPixmap.fromImage(scaled)
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    return pixmap


class CoverCache(QObject):
    """Scaled cover pixmaps for the window's views (GUI thread only), lazily loaded and LRU-kept."""

    changed = Signal()  # a new cover is in place (a download finished): ask again and repaint

    def __init__(
        self, library: CoverLookup, capacity: int = CACHE_SIZE, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.capacity = max(1, capacity)
        self.device_pixel_ratio = 1.0
        self._pixmaps: OrderedDict[tuple[str, int], QPixmap] = OrderedDict()
        self._placeholders: dict[int, QPixmap] = {}
        self._podcast_paths: OrderedDict[int, Path | None] = OrderedDict()
        self._episode_paths: OrderedDict[int, Path | None] = OrderedDict()
        self.loads = 0  # files read so far (the benchmarks and tests watch it)
        self._tell = QTimer(self)  # covers stored in a burst (a first refresh) are told once
        self._tell.setSingleShot(True)
        self._tell.setInterval(50)
        self._tell.timeout.connect(self.changed)

    def placeholder(self, size: int) -> QPixmap:
        """The drawn cover of a podcast that has none (yet)."""
        pixmap = self._placeholders.get(size)
        if pixmap is None:
            pixmap = self._placeholders[size] = draw_placeholder(size, self.device_pixel_ratio)
        return pixmap

    def is_placeholder(self, pixmap: QPixmap) -> bool:
        """True when ``pixmap`` is one of the placeholders this cache drew."""
        return any(pixmap.cacheKey() == p.cacheKey() for p in self._placeholders.values())

    def pixmap(self, path: Path | None, size: int) -> QPixmap:
        """``path`` scaled to a ``size`` square; the placeholder when there is no path or it cannot
        be read."""
        if path is None:
            return self.placeholder(size)
        key = (str(path), size)
        pixmap = self._pixmaps.get(key)
        if pixmap is not None:
            self._pixmaps.move_to_end(key)
            return pixmap
        self.loads += 1
        pixmap = load_scaled(path, size, self.device_pixel_ratio) or self.placeholder(size)
        self._pixmaps[key] = pixmap
        if len(self._pixmaps) > self.capacity:
            self._pixmaps.popitem(last=False)
        return pixmap

    def podcast_path(self, podcast_id: int) -> Path | None:
        """The podcast's cached cover file (looked up once until ``changed``)."""
        return _remembered(self._podcast_paths, podcast_id, self.library.cover_path)

    def episode_path(self, episode_id: int) -> Path | None:
        """The episode's cover file: its own image's, else its podcast's (looked up once)."""
        return _remembered(self._episode_paths, episode_id, self.library.episode_cover_path)

    def podcast_pixmap(self, podcast_id: int, size: int) -> QPixmap:
        """The podcast's cover at ``size``, or the placeholder."""
        return self.pixmap(self.podcast_path(podcast_id), size)

    def episode_pixmap(self, episode_id: int, size: int) -> QPixmap:
        """The episode's cover (or its podcast's) at ``size``, or the placeholder."""
        return self.pixmap(self.episode_path(episode_id), size)

    def set_device_pixel_ratio(self, ratio: float) -> None:
        """Draw for a screen of this scale from now on (everything is drawn again)."""
        if ratio > 0 and ratio != self.device_pixel_ratio:
            self.device_pixel_ratio = ratio
            self._placeholders.clear()
            self._pixmaps.clear()

    def invalidate(self, *_: object) -> None:
        """Forget every lookup and pixmap now (a cover was stored, a podcast went) and tell the views
        in a moment (``changed``, once for a burst of covers)."""
        self._pixmaps.clear()
        self._podcast_paths.clear()
        self._episode_paths.clear()
        self._tell.start()


def _remembered(cache: OrderedDict, key: int, lookup) -> Path | None:  # noqa: ANN001 - a bound method
    if key in cache:
        cache.move_to_end(key)
        return cache[key]
    try:
        path = lookup(key)
    except Exception:  # noqa: BLE001 - a closed or busy library: the placeholder, never a crash
        return None
    cache[key] = path
    if len(cache) > PATH_CACHE_SIZE:
        cache.popitem(last=False)
    return path
