"""Directory artwork: a result's picture fetched and decoded in a worker, kept in a small memory cache.

Only what a directory names as the podcast's artwork (http(s)) is fetched, and only to show a search
the listener agreed to send. The download is capped; the claimed size is checked before decoding and
the picture decoded straight to the small size shown; a broken one keeps the placeholder and logs a
line, never raises.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

from companion.jobs.workers import TaskRunner

log = logging.getLogger(__name__)

MAX_ARTWORK_BYTES = 2 * 1024 * 1024
ARTWORK_DEADLINE_S = 20.0


def decode_artwork(data: bytes, side: int) -> QImage:
    """``data`` decoded to fit ``side`` pixels by the covers' one safe decoder (``feeds.covers``:
    claimed size checked before decoding, only whole PNG, JPEG, WebP or GIF); ValueError with the
    reason otherwise. Safe in any thread (QImage, no QPixmap)."""
    from companion.feeds.covers import CoverError, decode_cover

    try:
        small, _extension, _size = decode_cover(data, "the artwork")
    except CoverError as exc:
        raise ValueError(str(exc)) from exc
    image = QImage.fromData(small)
    if image.isNull():
        raise ValueError("the artwork could not be decoded")
    return image.scaled(
        side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


def fetch_artwork(
    url: str, side: int, deadline_s: float = ARTWORK_DEADLINE_S, cancel: threading.Event | None = None
) -> QImage:
    """Download and decode one picture (a worker's job); FeedError or ValueError when it fails."""
    from companion.feeds.http import get

    what = f"the artwork {url}"
    result = get(url, what, max_bytes=MAX_ARTWORK_BYTES, deadline_s=deadline_s, timeout=10, cancel=cancel)
    return decode_artwork(result.body, side)


def placeholder(side: int, color: QColor | None = None) -> QPixmap:
    """A plain rounded square shown until (or instead of) a result's artwork."""
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color or QColor(128, 128, 128, 70))
    painter.drawRoundedRect(0, 0, side, side, side / 8, side / 8)
    painter.end()
    return pixmap


class ArtworkCache(QObject):
    """``pixmap(url)`` gives the cached picture, or None after starting its download; ``ready(url)``
    says when it came. At most ``capacity`` pictures are kept (least recently used go first); one that
    failed is not asked for again while the cache lives."""

    ready = Signal(str)

    def __init__(self, side: int = 64, capacity: int = 200, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.capacity = capacity
        self.runner = TaskRunner(3, self)
        self.deadline_s = ARTWORK_DEADLINE_S
        self._pixmaps: OrderedDict[str, QPixmap] = OrderedDict()
        self._pending: set[str] = set()
        self._failed: set[str] = set()
        self.fetched = 0  # downloads started (what the tests count)
        self._stop: threading.Event | None = None  # a feeds.deadline.Cancel, made with the first download

    def pixmap(self, url: str | None) -> QPixmap | None:
        """The picture of ``url`` if cached; otherwise None, and its download is started."""
        if not url:
            return None
        cached = self._pixmaps.get(url)
        if cached is not None:
            self._pixmaps.move_to_end(url)
            return cached
        if url not in self._pending and url not in self._failed:
            if self._stop is None:
                from companion.feeds.deadline import Cancel

                self._stop = Cancel()
            stop = self._stop
            self._pending.add(url)
            self.fetched += 1
            side, deadline_s = self.side * 2, self.deadline_s  # sharp on a high-density screen
            self.runner.run(
                lambda: fetch_artwork(url, side, deadline_s, stop),
                lambda image: self._store(url, image),
                lambda exc: self._fail(url, exc),
            )
        return None

    def _store(self, url: str, image: QImage) -> None:
        self._pending.discard(url)
        self._pixmaps[url] = QPixmap.fromImage(image)
        while len(self._pixmaps) > self.capacity:
            self._pixmaps.popitem(last=False)
        self.ready.emit(url)

    def _fail(self, url: str, exc: BaseException) -> None:
        self._pending.discard(url)
        self._failed.add(url)
        log.info("No artwork from %s: %s", url, exc)

    def shutdown(self) -> None:
        """Stop every download at once (on quit): their sockets are shut down."""
        if self._stop is not None:
            self._stop.set()

    def __len__(self) -> int:
        return len(self._pixmaps)
