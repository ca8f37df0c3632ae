"""Images made in the run for the cover tests: every format a feed serves, and the broken and hostile ones."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image

RED = (200, 30, 40)


def image_bytes(fmt: str, size: tuple[int, int] = (1400, 1400), mode: str = "RGB", **options) -> bytes:
    """A real image of ``size`` in ``fmt``: a red field with a blue square in its top-left quarter."""
    if mode == "CMYK":
        image = Image.new("CMYK", size, (0, 220, 200, 50))
    elif mode == "RGBA":
        image = Image.new("RGBA", size, (*RED, 128))
    else:
        image = Image.new("RGB", size, RED)
        image.paste((20, 40, 220), (0, 0, size[0] // 4, size[1] // 4))
    if mode == "P":
        image = image.convert("P")
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG of a few hundred bytes whose header claims ``width`` x ``height`` pixels (a decompression
    bomb: decoding it would take tens of gigabytes)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\x00" * 65536, 9)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", rows) + _chunk(b"IEND", b"")


def gif_bomb() -> bytes:
    """A GIF whose screen and image claim 65535 x 65535."""
    screen = b"GIF89a" + struct.pack("<HHBBB", 65535, 65535, 0, 0, 0)
    image = b"," + struct.pack("<HHHHB", 0, 0, 65535, 65535, 0) + b"\x02\x02\x44\x01\x00;"
    return screen + image


SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
HTML = b"<!doctype html><html><head><title>Not found</title></head><body>Sorry</body></html>"


def truncated(data: bytes, keep: float = 0.5) -> bytes:
    """The first part of ``data`` (a download that broke off)."""
    return data[: int(len(data) * keep)]


# A feed with a podcast image, an episode image, and an image in the show notes (never fetched).
FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel>
<title>Cover Cast</title><itunes:author>Ann Author</itunes:author>
<itunes:image href="@BASE@/cover.jpg"/>
<item><title>One</title><guid>one</guid><enclosure url="@BASE@/one.mp3" type="audio/mpeg" length="1"/>
<itunes:image href="@BASE@/one.png"/>
<description>&lt;img src="@BASE@/notes.png"&gt; Show notes with an image</description></item>
<item><title>Two</title><guid>two</guid><enclosure url="@BASE@/two.mp3" type="audio/mpeg" length="1"/></item>
</channel></rss>"""
