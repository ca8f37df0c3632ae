"""Episode downloads: stable names, Range resume, deadlines and stall timeouts, size and disk caps,
lengths verified, documents refused as audio, the part renamed only when complete, cancel."""

from __future__ import annotations

import errno
import http.client
import mimetypes
import os
import re
import shutil
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from companion.feeds.deadline import Deadline
from companion.feeds.errors import DownloadCancelled, FeedError, FetchCancelled
from companion.feeds.http import open_url

CHUNK = 64 * 1024
PART_SUFFIX = ".part"
MAX_DOWNLOAD_BYTES = 2 * 1024**3  # no episode is bigger; an endless stream stops here
MIN_FREE_BYTES = 256 * 1024**2  # a download stops before the disk has less than this free
_UNSAFE_RE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
_EXT_RE = re.compile(r"^\.[a-z0-9]{1,5}$")
_RANGE_RE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)")
_TOTAL_RE = re.compile(r"bytes\s+\*/(\d+)")
_DOCUMENT_TYPES = ("text/", "application/xhtml", "application/xml", "application/rss", "application/atom",
                   "application/json")  # fmt: skip

Progress = Callable[[int, "int | None"], None]


@dataclass(frozen=True, slots=True)
class DownloadLimits:
    """How long and how big a download may be: the answer's headers within ``headers_s``, then at
    least ``stall_bytes`` every ``stall_s`` (a body may take hours, but not stall); at most
    ``max_bytes``, and never leaving the disk with less than ``min_free_bytes``."""

    timeout: float = 30
    headers_s: float = 60
    stall_s: float = 30
    stall_bytes: int = 16 * 1024
    max_bytes: int = MAX_DOWNLOAD_BYTES
    min_free_bytes: int = MIN_FREE_BYTES


def safe_filename(stem: str, url: str | None, mime_type: str | None = None) -> str:
    """``<stem><.ext>`` with no path separators, no leading dots, no control characters; the
    extension from the URL, else the MIME type, else ``.mp3``."""
    stem = unicodedata.normalize("NFC", stem or "")
    stem = _UNSAFE_RE.sub(" ", stem)
    stem = re.sub(r"\s+", " ", stem).strip(" .")[:60].strip(" .")
    ext = PurePosixPath(unquote(urlsplit(url or "").path)).suffix.lower()
    if not _EXT_RE.match(ext):
        ext = (mimetypes.guess_extension(mime_type or "") or "") if mime_type else ""
        ext = ext if _EXT_RE.match(ext) else ".mp3"
    return f"{stem or 'episode'}{ext}"


def download_path(media_dir: Path, stem: str, url: str | None, mime_type: str | None = None) -> Path:
    """Where a download goes: ``<stem><.ext>`` inside ``media_dir``, whatever the URL says."""
    base = Path(media_dir).resolve()
    path = base / safe_filename(stem, url, mime_type)
    if path.resolve().parent != base:  # cannot happen with safe_filename; a guard for the future
        raise FeedError(f"Refusing to download {stem} outside {base}.")
    return path


def _size(count: int) -> str:
    return f"{count / 1024**3:.1f} GB" if count >= 1024**3 else f"{count / 1024**2:.0f} MB"


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


def _not_audio(first: bytes, content_type: str) -> str | None:
    """Why the first bytes of a download are not audio (a web page, XML, JSON, text), or None."""
    head = first[:512]
    if not head or any(b < 9 or 13 < b < 32 for b in head):
        return None  # binary: audio, whatever the server calls it
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    kind = content_type.split(";")[0].strip().lower()
    if start[:1] in (b"<", b"{", b"[") or kind.startswith(_DOCUMENT_TYPES):
        what = "a web page" if b"html" in start[:512].lower() else "a document"
        return f"it is {what} ({kind or 'no type given'}), not audio"
    return None


def _check_space(dest: Path, needed: int, limits: DownloadLimits, what: str) -> None:
    try:
        free = shutil.disk_usage(dest.parent).free
    except OSError:
        return
    if free - needed < limits.min_free_bytes:
        need = f"it needs {_size(needed)} more and " if needed else ""
        raise FeedError(
            f"Could not download {what}: {need}the disk holding {dest.parent} has {_size(free)} free, and "
            f"{_size(limits.min_free_bytes)} are kept free. Free some space and download again; it resumes "
            "where it stopped."
        )


class _TooBig(FeedError):
    """The download passed its size cap (its part is removed)."""


class _NotAudio(FeedError):
    """The server sent a document, not audio (its part is removed)."""


@dataclass(frozen=True, slots=True)
class _Outcome:
    done: int  # bytes on disk
    total: int | None  # what the server says the whole file is (None: unknown; -1: start again)
    status: int  # of the answer
    ranges: bool  # the server takes Range requests


def _attempt(
    url: str, part: Path, dest: Path, progress: Progress | None, cancel: threading.Event | None,
    limits: DownloadLimits, what: str,
) -> _Outcome:  # fmt: skip
    """One GET (ranged when a part exists)."""
    offset = part.stat().st_size if part.exists() else 0
    headers = {"Accept-Encoding": "identity"}
    if offset:
        headers["Range"] = f"bytes={offset}-"
    with Deadline(limits.headers_s, cancel) as deadline:
        try:
            response = open_url(url, headers, limits.timeout, what, passthrough=(416,), deadline=deadline)
        except FetchCancelled as exc:
            raise DownloadCancelled(f"The download of {what} was cancelled.") from exc
        with response:
            return _receive(response, offset, part, dest, progress, cancel, limits, what, deadline)


def _receive(
    response, offset: int, part: Path, dest: Path, progress: Progress | None,  # noqa: ANN001
    cancel: threading.Event | None, limits: DownloadLimits, what: str, deadline: Deadline,
) -> _Outcome:  # fmt: skip
    """Read one HTTP answer into the part file: its status and range checked, then the body.

    Long on purpose: every status case (416, 206, 200) decides how the part file is opened and how
    many bytes are expected; they sit beside the body loop that enforces those numbers and the limits.
    """
    status = getattr(response, "status", None) or response.getcode()
    ranges = (response.headers.get("Accept-Ranges") or "").strip().lower() == "bytes"
    if status == 416:  # the part is already whole, or the file changed: start again if so
        match = _TOTAL_RE.match(response.headers.get("Content-Range") or "")
        if match and int(match.group(1)) == offset:
            return _Outcome(offset, offset, 416, True)
        part.unlink(missing_ok=True)
        return _Outcome(0, -1, 416, True)
    length = (response.headers.get("Content-Length") or "").strip()
    length_n = int(length) if length.isdigit() else None
    mode = "ab"
    if status == 206:
        match = _RANGE_RE.match(response.headers.get("Content-Range") or "")
        if not match or int(match.group(1)) != offset:
            part.unlink(missing_ok=True)  # the server sent another range than we asked: restart
            return _Outcome(0, -1, 206, True)
        total = int(match.group(3)) if match.group(3) != "*" else None
        ranges = True
    else:
        offset, mode, total = 0, "wb", length_n
    if total is not None and total > limits.max_bytes:
        raise FeedError(
            f"Could not download {what}: the server says it is {_size(total)}, more than the"
            f" {_size(limits.max_bytes)} a download may be."
        )
    _check_space(dest, max(0, (total or 0) - offset), limits, what)
    deadline.push(limits.stall_s)  # the headers are in: from now on, a stall timeout
    done = mark = offset
    checked = 0  # bytes since the free space was last looked at
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
                chunk = response.read1(CHUNK)
            except (OSError, http.client.HTTPException, ValueError):
                chunk = b""  # broke off or stalled: what arrived is kept for the next attempt
            if not chunk:
                break
            if done == 0:
                problem = _not_audio(chunk, response.headers.get("Content-Type") or "")
                if problem:
                    raise _NotAudio(f"Could not download {what}: {problem}. Nothing was kept.")
            if done + len(chunk) > limits.max_bytes:
                raise _TooBig(
                    f"Could not download {what}: it is larger than {_size(limits.max_bytes)} (the server"
                    " sends on and on, or it is not an episode). Nothing was kept."
                )
            _write(out, chunk, dest, what)
            done += len(chunk)
            checked += len(chunk)
            if done - mark >= limits.stall_bytes:
                deadline.push(limits.stall_s)
                mark = done
            if checked >= 2**20:
                checked = 0
                out.flush()
                _check_space(dest, 0, limits, what)
            if progress:
                progress(done, total)
    if cancel is not None and cancel.is_set():
        raise DownloadCancelled(f"The download of {what} was cancelled.")
    if deadline.expired:
        raise _Stalled(done, total, limits.stall_s)
    return _Outcome(done, total, status, ranges)


class _Stalled(Exception):
    def __init__(self, done: int, total: int | None, stall_s: float) -> None:
        super().__init__(done, total, stall_s)
        self.done, self.total, self.stall_s = done, total, stall_s


def download_episode_file(
    url: str,
    dest: Path,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    *,
    timeout: float = 30,
    attempts: int = 3,
    name: str | None = None,
    limits: DownloadLimits | None = None,
) -> Path:
    """Download ``url`` to ``dest`` (worker-safe): into ``dest.part``, resumed with HTTP Range after a
    break, renamed to ``dest`` only when the size matches what the server announced, and (when the
    server takes ranges) confirmed by asking for what would come after the end.

    ``progress(bytes_done, total_or_None)`` is called as bytes arrive; setting ``cancel`` stops the
    download at once and removes the partial file (DownloadCancelled). Other failures are FeedErrors
    naming ``name`` (or the URL): a broken-off or stalled part stays on disk so the next call resumes
    it; a document instead of audio, or a file past ``limits.max_bytes``, leaves nothing.

    Long on purpose: the attempts loop, with the answer to each failure (resume, restart, give up)
    beside the request that failed, reads as one procedure; each step is already its own helper.
    """
    limits = limits or DownloadLimits(timeout=timeout)
    what = f"“{name}” ({url})" if name else url
    dest = Path(dest)
    part = dest.with_name(dest.name + PART_SUFFIX)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _disk_error(exc, dest, what) from exc
    outcome = _Outcome(0, None, 0, False)
    verified = False
    stalls = 0
    tries = 0
    try:
        while tries < max(1, attempts):
            try:
                outcome = _attempt(url, part, dest, progress, cancel, limits, what)
            except _Stalled as stalled:
                stalls += 1
                tries += 1
                outcome = _Outcome(stalled.done, stalled.total, 0, False)
                continue
            if outcome.total == -1:  # start again from zero, not counted as a break
                continue
            complete = outcome.total is None or outcome.done == outcome.total
            if complete and outcome.status == 200 and outcome.ranges and not verified:
                verified = True  # ask for what comes after the end: 416 says there is nothing
                continue
            if complete:
                break
            tries += 1
            if outcome.done > outcome.total:
                part.unlink(missing_ok=True)
                raise FeedError(
                    f"Could not download {what}: the server sent {outcome.done} bytes but announced"
                    f" {outcome.total}. The partial file was removed; try again later."
                )
    except (DownloadCancelled, _TooBig, _NotAudio):
        part.unlink(missing_ok=True)
        raise
    done, total = outcome.done, outcome.total
    if total is None and stalls:
        total = -1
    if total is not None and done != total:
        of = f" of {total}" if total >= 0 else ""
        why = "the connection broke off"
        if stalls:
            why = f"it stalled (less than {limits.stall_bytes // 1024} KB in {limits.stall_s:g} s)"
        raise FeedError(
            f"Could not download {what}: {why} at {done}{of} bytes, {attempts} times. Download again to"
            " resume from there."
        )
    if not part.exists():
        raise FeedError(f"Could not download {what}: the server sent nothing.")
    try:
        os.replace(part, dest)
    except OSError as exc:
        raise _disk_error(exc, dest, what) from exc
    return dest
