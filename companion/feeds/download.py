"""Episode downloads: safe file names, HTTP Range resume, temp name renamed when complete, cancel."""

from __future__ import annotations

import errno
import http.client
import mimetypes
import os
import re
import threading
import unicodedata
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from companion.feeds.errors import DownloadCancelled, FeedError
from companion.feeds.http import open_url

CHUNK = 64 * 1024
PART_SUFFIX = ".part"
_UNSAFE_RE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
_EXT_RE = re.compile(r"^\.[a-z0-9]{1,5}$")
_RANGE_RE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)")
_TOTAL_RE = re.compile(r"bytes\s+\*/(\d+)")

Progress = Callable[[int, "int | None"], None]


def safe_filename(title: str, url: str | None, episode_id: int, mime_type: str | None = None) -> str:
    """``<id>-<title><.ext>`` with no path separators, no leading dots, no control characters."""
    stem = unicodedata.normalize("NFC", title or "")
    stem = _UNSAFE_RE.sub(" ", stem)
    stem = re.sub(r"\s+", " ", stem).strip(" .")[:60].strip(" .")
    ext = PurePosixPath(unquote(urlsplit(url or "").path)).suffix.lower()
    if not _EXT_RE.match(ext):
        ext = (mimetypes.guess_extension(mime_type or "") or "") if mime_type else ""
        ext = ext if _EXT_RE.match(ext) else ".mp3"
    return f"{episode_id}-{stem or 'episode'}{ext}"


def download_path(
    media_dir: Path, episode_id: int, title: str, url: str | None, mime_type: str | None = None
) -> Path:
    """Where an episode's download goes: inside ``media_dir``, whatever the title or URL say."""
    base = Path(media_dir).resolve()
    path = base / safe_filename(title, url, episode_id, mime_type)
    if path.resolve().parent != base:  # cannot happen with safe_filename; a guard for the future
        raise FeedError(f"Refusing to download episode {episode_id} outside {base}.")
    return path


def _write(out, data: bytes, dest: Path, what: str) -> None:  # noqa: ANN001
    try:
        out.write(data)
    except OSError as exc:
        raise _disk_error(exc, dest, what) from exc


def _disk_error(exc: OSError, dest: Path, what: str) -> FeedError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return FeedError(
            f"Could not download {what}: the disk holding {dest.parent} is full. Free some space and "
            "download again; it resumes where it stopped."
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return FeedError(f"Could not download {what}: no permission to write in {dest.parent}.")
    return FeedError(f"Could not download {what}: cannot write {dest} ({exc.strerror or exc}).")


def _attempt(
    url: str, part: Path, dest: Path, progress: Progress | None, cancel: threading.Event | None,
    timeout: float, what: str,
) -> tuple[int, int | None]:  # fmt: skip
    """One GET (ranged when a part exists). Returns (bytes on disk, expected total or None)."""
    offset = part.stat().st_size if part.exists() else 0
    headers = {"Accept-Encoding": "identity"}
    if offset:
        headers["Range"] = f"bytes={offset}-"
    response = open_url(url, headers, timeout, what, passthrough=(416,))
    with response:
        status = getattr(response, "status", None) or response.getcode()
        if status == 416:  # the part is already whole, or the file changed: start again if so
            match = _TOTAL_RE.match(response.headers.get("Content-Range") or "")
            if match and int(match.group(1)) == offset:
                return offset, offset
            part.unlink(missing_ok=True)
            return 0, -1
        length = response.headers.get("Content-Length")
        length_n = int(length) if length and length.isdigit() else None
        mode = "ab"
        if status == 206:
            match = _RANGE_RE.match(response.headers.get("Content-Range") or "")
            if not match or int(match.group(1)) != offset:
                part.unlink(missing_ok=True)  # the server sent another range than we asked: restart
                return 0, -1
            total = int(match.group(3)) if match.group(3) != "*" else None
        else:
            offset, mode, total = 0, "wb", length_n
        done = offset
        try:
            out = open(part, mode)  # noqa: SIM115 (closed below)
        except OSError as exc:
            raise _disk_error(exc, dest, what) from exc
        with out:
            if progress:
                progress(done, total)
            while True:
                if cancel is not None and cancel.is_set():
                    raise DownloadCancelled(f"The download of {what} was cancelled.")
                try:
                    chunk = response.read(CHUNK)
                except (OSError, http.client.HTTPException, ValueError):
                    break  # connection broke off: what arrived is kept for the next attempt
                if not chunk:
                    break
                _write(out, chunk, dest, what)
                done += len(chunk)
                if progress:
                    progress(done, total)
        return done, total


def download_episode_file(
    url: str,
    dest: Path,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    *,
    timeout: float = 30,
    attempts: int = 3,
    name: str | None = None,
) -> Path:
    """Download ``url`` to ``dest`` (worker-safe): into ``dest.part``, resumed with HTTP Range after a
    break, renamed to ``dest`` only when the size matches what the server announced.

    ``progress(bytes_done, total_or_None)`` is called as bytes arrive; setting ``cancel`` stops the
    download and removes the partial file (DownloadCancelled). Other failures are FeedErrors naming
    ``name`` (or the URL); a broken-off part stays on disk so the next call resumes it.
    """
    what = f"“{name}” ({url})" if name else url
    dest = Path(dest)
    part = dest.with_name(dest.name + PART_SUFFIX)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _disk_error(exc, dest, what) from exc
    done, total = 0, None
    try:
        for _ in range(max(1, attempts)):
            done, total = _attempt(url, part, dest, progress, cancel, timeout, what)
            if total == -1:  # restart from zero, not counted as a break
                done, total = _attempt(url, part, dest, progress, cancel, timeout, what)
            if total is None or done == total:
                break
            if done > total:
                part.unlink(missing_ok=True)
                raise FeedError(
                    f"Could not download {what}: the server sent {done} bytes but announced {total}. "
                    "The partial file was removed; try again later."
                )
    except DownloadCancelled:
        part.unlink(missing_ok=True)
        raise
    if total is not None and done != total:
        raise FeedError(
            f"Could not download {what}: the connection broke off at {done} of {total} bytes, "
            f"{attempts} times. Download again to resume from there."
        )
    if not part.exists():
        raise FeedError(f"Could not download {what}: the server sent nothing.")
    try:
        os.replace(part, dest)
    except OSError as exc:
        raise _disk_error(exc, dest, what) from exc
    return dest
