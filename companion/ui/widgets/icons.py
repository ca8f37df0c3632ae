"""Icons that follow the palette: the style's standard icons redrawn in the palette's button text colour."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QStyle, QWidget

ICON_SIZES = (16, 24)  # logical sizes drawn ahead (a tool button's, a toolbar's); Qt scales for others


def tinted_pixmap(pixmap: QPixmap, color: QColor) -> QPixmap:
    """``pixmap``'s shape (its alpha) filled with ``color``."""
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(image.rect(), color)
    painter.end()
    out = QPixmap.fromImage(image)
    out.setDevicePixelRatio(pixmap.devicePixelRatio())
    return out


def tinted_icon(base: QIcon, normal: QColor, disabled: QColor, device_pixel_ratio: float = 1.0) -> QIcon:
    """``base`` redrawn in ``normal`` (``disabled`` for the disabled state) at the usual sizes."""
    icon = QIcon()
    for size in ICON_SIZES:
        pixmap = base.pixmap(QSize(size, size), device_pixel_ratio)
        if pixmap.isNull():
            continue
        icon.addPixmap(tinted_pixmap(pixmap, normal), QIcon.Mode.Normal)  # Active falls back to it
        icon.addPixmap(tinted_pixmap(pixmap, disabled), QIcon.Mode.Disabled)
    return icon


def palette_icon(widget: QWidget, standard: QStyle.StandardPixmap, palette: QPalette | None = None) -> QIcon:
    """The style's ``standard`` icon in the button text colour of ``palette`` (``widget``'s by
    default): light on a dark palette."""
    palette = palette or widget.palette()
    return tinted_icon(
        widget.style().standardIcon(standard, None, widget),
        palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText),
        palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText),
        widget.devicePixelRatioF(),
    )
