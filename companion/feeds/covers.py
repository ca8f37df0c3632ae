"""Cover art fetched and decoded safely: capped download, claimed size checked before decoding, a small copy.

Thread-safe and without the library: a worker calls ``fetch_cover`` with what the cache knows of the
address; the caller records the result. The image is decoded with Pillow, which reads only the
header on ``Image.open``: the format and the claimed dimensions are checked before a pixel is
decoded, and a JPEG is decoded at a reduced scale (``draft``) when it is much larger than the copy.
The copy, at most ``MAX_SIDE`` px on its long side, is JPEG (PNG when the image has transparency),
written to a temporary file and renamed over the old copy once whole.
"""

from __future__ import annotations

import hashlib
import io
import os
import secrets
import struct
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from companion.feeds import http
from companion.feeds.errors import FeedError

if TYPE_CHECKING:
    from PIL import Image

MAX_COVER_BYTES = 8 * 1024 * 1024  # the download stops past this (real covers are well under 2 MB)
COVER_DEADLINE_S = 30.0  # the most one cover may take, however the server trickles
MAX_SIDE = 600  # the stored copy's long side at most
MAX_CLAIMED_SIDE = 10_000  # an image claiming more on a side is not decoded
MAX_CLAIMED_PIXELS = 25_000_000  # nor one claiming more pixels (5000 x 5000; Apple asks 3000 x 3000 at most)
FORMATS = frozenset({"PNG", "JPEG", "WEBP", "GIF"})
JPEG_QUALITY = 88
PART_PREFIX = ".part-"


def _pillow():  # noqa: ANN202 - the PIL.Image module
    """Pillow with its PNG, JPEG, WebP and GIF decoders, imported with the first decode (a worker
    thread), never at the window's start. Its own
    bomb check only warns (through the global warnings filters) between its limit and twice it: the
    claimed size is checked here instead, right after the header and before any pixel is decoded."""
    from PIL import GifImagePlugin, Image, JpegImagePlugin, PngImagePlugin, WebPImagePlugin  # noqa: F401

    Image.MAX_IMAGE_PIXELS = None
    return Image


class CoverError(FeedError):
    """The cover could not be fetched or is not an image we show."""


@dataclass(frozen=True, slots=True)
class CoverResult:
    """A fetch of one cover: a new copy (``file``), unchanged (``not_modified``), or failed (``error``)."""

    url: str
    file: str | None = None  # the new copy's name in the covers folder
    etag: str | None = None
    last_modified: str | None = None
    size: tuple[int, int] | None = None  # the copy's width and height
    not_modified: bool = False
    error: str | None = None


def cover_stem(url: str) -> str:
    """The cached copy's name without extension: a hash of its address (one copy per address)."""
    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def decode_cover(data: bytes, what: str = "the cover") -> tuple[bytes, str, tuple[int, int]]:
    """The small copy of the image ``data``: its bytes, its extension (``.jpg`` or ``.png``) and its
    size. CoverError (with a plain reason) for anything that is not a whole PNG, JPEG, WebP or GIF
    of a sensible size; nothing past the header is decoded before its claimed size is checked."""
    pillow = _pillow()
    try:
        # only these four decoders are tried: no other plugin is loaded (AVIF, TIFF, PSD, ... never run)
        with pillow.open(io.BytesIO(data), formats=sorted(FORMATS)) as image:
            _check_claims(image, what)
            image.draft("RGB", (MAX_SIDE, MAX_SIDE))  # JPEG: decode at 1/2, 1/4 or 1/8 scale
            image.load()
            return _small_copy(image)
    except CoverError:
        raise
    except pillow.UnidentifiedImageError as exc:
        raise CoverError(f"{what} is not an image (PNG, JPEG, WebP or GIF).") from exc
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error, MemoryError) as exc:
        raise CoverError(f"{what} is a broken image ({exc}).") from exc


def _check_claims(image: Image.Image, what: str) -> None:
    if image.format not in FORMATS:
        raise CoverError(f"{what} is a {image.format} image; only PNG, JPEG, WebP and GIF are shown.")
    width, height = image.size
    if width <= 0 or height <= 0:
        raise CoverError(f"{what} claims an empty size ({width} x {height}).")
    if max(width, height) > MAX_CLAIMED_SIDE or width * height > MAX_CLAIMED_PIXELS:
        raise CoverError(f"{what} claims to be {width} x {height} pixels, too large to decode.")


def _small_copy(image: Image.Image) -> tuple[bytes, str, tuple[int, int]]:
    from PIL import ImageOps

    image = ImageOps.exif_transpose(image) or image
    alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if alpha else "RGB")
    image.thumbnail((MAX_SIDE, MAX_SIDE), _pillow().Resampling.LANCZOS)  # never enlarged
    out = io.BytesIO()
    if alpha:
        image.save(out, "PNG")
        return out.getvalue(), ".png", image.size
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue(), ".jpg", image.size


def write_atomically(folder: Path, name: str, data: bytes) -> None:
    """Put ``data`` at ``folder/name`` whole or not at all: a temporary file renamed over the old one."""
    folder.mkdir(parents=True, exist_ok=True)
    part = folder / f"{PART_PREFIX}{secrets.token_hex(6)}-{name}"
    try:
        with open(part, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(part, folder / name)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def fetch_cover(
    url: str,
    folder: Path,
    *,
    title: str = "",
    etag: str | None = None,
    last_modified: str | None = None,
    cancel: threading.Event | None = None,
    deadline_s: float = COVER_DEADLINE_S,
    timeout: float = 20,
) -> CoverResult:
    """GET the image at ``url`` (conditional when ``etag`` / ``last_modified`` are given: the caller
    gives them only when its copy exists) and store its small copy in ``folder``. Never raises for
    the server or the image: a failure is the result's ``error`` (FetchCancelled is raised)."""
    what = f"the cover of “{title}” ({url})" if title else f"the cover {url}"
    headers = {"Accept": "image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.1"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        result = http.get(
            url,
            what,
            headers,
            timeout=timeout,
            max_bytes=MAX_COVER_BYTES,
            deadline_s=deadline_s,
            cancel=cancel,
        )
        new_etag = result.headers.get("ETag") or None
        new_modified = result.headers.get("Last-Modified") or None
        if result.status == 304:
            return CoverResult(url, etag=new_etag, last_modified=new_modified, not_modified=True)
        data, ext, size = decode_cover(result.body, what[0].upper() + what[1:])
        name = cover_stem(url) + ext
        write_atomically(folder, name, data)
        return CoverResult(url, name, new_etag, new_modified, size)
    except OSError as exc:
        return CoverResult(url, error=f"Could not store {what} in {folder}: {exc.strerror or exc}.")
    except FeedError as exc:
        if cancel is not None and cancel.is_set():
            raise
        return CoverResult(url, error=str(exc))
