"""Cover art planned once: which addresses to fetch (new, missing or due a conditional GET), fetched in
workers, recorded in the library on the calling thread. The CLI runs them here; the window's
``jobs/covers.CoverJobs`` runs the same plans."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from companion.feeds.covers import COVER_DEADLINE_S, CoverResult, fetch_cover
from companion.feeds.errors import FetchCancelled
from companion.library import Library, LibraryError

log = logging.getLogger(__name__)

RECHECK_S = 24 * 3600  # a cached cover is asked again (conditional GET) at a refresh at most once a day
RETRY_S = 3600  # a failed one is tried again at a refresh after an hour
COVER_WORKERS = 2


@dataclass(frozen=True, slots=True)
class CoverJob:
    """One image address to fetch into the covers folder, with what the cache knows of it."""

    url: str
    folder: Path
    title: str = ""
    etag: str | None = None  # given only when the old copy exists: else the whole image is asked for
    last_modified: str | None = None
    old_file: str | None = None

    def fetch(
        self, cancel: threading.Event | None = None, deadline_s: float = COVER_DEADLINE_S
    ) -> CoverResult:
        """Fetch and decode (thread-safe, no library); failures are the result's ``error``."""
        return fetch_cover(
            self.url,
            self.folder,
            title=self.title,
            etag=self.etag,
            last_modified=self.last_modified,
            cancel=cancel,
            deadline_s=deadline_s,
        )


def _titles(library: Library) -> dict[str, str]:
    """Each podcast image address's podcast title (for messages)."""
    rows = library.db.conn.execute("SELECT image_url, title FROM podcasts WHERE image_url IS NOT NULL")
    return {url: title for url, title in rows}


def plan_covers(
    library: Library,
    podcast_ids: Iterable[int] | None = None,
    episode_ids: Iterable[int] = (),
    *,
    recheck_after_s: float = RECHECK_S,
    retry_after_s: float = RETRY_S,
    missing_only: bool = False,
) -> list[CoverJob]:
    """The fetches due for these podcasts' images (every podcast's when None) and these episodes':
    an address never fetched, one whose copy is gone, one due its conditional GET (``recheck_after_s``
    since the last) or a failure due another try (``retry_after_s``). ``missing_only``: only
    addresses with no copy and no attempt yet (the window's start)."""
    ids = list(podcast_ids) if podcast_ids is not None else None
    urls = library.cover_addresses(ids, episode_ids)
    titles = _titles(library)
    folder = library.covers_dir()
    now = time.time()
    jobs = []
    for url in urls:
        state = library.cover_state(url)
        copy = folder / state.file if state and state.file else None
        have = copy is not None and copy.is_file()
        if state is not None and state.checked_at is not None:
            if missing_only:
                continue
            age = now - state.checked_at
            if have and age < recheck_after_s or not have and state.error and age < retry_after_s:
                continue
        etag, modified = (state.etag, state.last_modified) if have and state else (None, None)
        jobs.append(CoverJob(url, folder, titles.get(url, ""), etag, modified, state.file if state else None))
    return jobs


def record(library: Library, job: CoverJob, result: CoverResult) -> bool:
    """Write a fetch's outcome to the library; True when a new copy is in place. A failure is logged
    (the view keeps the old copy or its placeholder); a copy under a new name replaces the old file."""
    if result.error:
        log.warning("%s", result.error)
    library.record_cover(
        job.url,
        file=result.file,
        etag=result.etag,
        last_modified=result.last_modified,
        size=result.size,
        error=result.error,
        not_modified=result.not_modified,
    )
    if result.file and job.old_file and job.old_file != result.file:
        (job.folder / job.old_file).unlink(missing_ok=True)  # the same address, another format
    return result.file is not None


@dataclass(frozen=True, slots=True)
class CoverSummary:
    """What a run of cover fetches did."""

    stored: int = 0
    not_modified: int = 0
    failed: int = 0


def fetch_covers(
    library: Library,
    jobs: list[CoverJob],
    max_workers: int = COVER_WORKERS,
    cancel: threading.Event | None = None,
) -> CoverSummary:
    """Fetch ``jobs`` a few at a time in worker threads and record each here as it comes (the CLI)."""
    stored = unchanged = failed = 0
    if not jobs:
        return CoverSummary()
    with ThreadPoolExecutor(max_workers=max(1, max_workers), thread_name_prefix="cover") as pool:
        futures = {pool.submit(job.fetch, cancel): job for job in jobs}
        for future in as_completed(futures):
            job = futures[future]
            try:
                result = future.result()
            except FetchCancelled:
                continue
            except Exception as exc:  # a bug on one image must not stop the others
                log.exception("fetching the cover %s", job.url)
                result = CoverResult(job.url, error=f"Could not fetch the cover {job.url}: {exc!r}")
            try:
                record(library, job, result)
            except LibraryError as exc:
                log.warning("%s", exc)
                failed += 1
                continue
            stored += result.file is not None
            unchanged += result.not_modified
            failed += result.error is not None
    return CoverSummary(stored, unchanged, failed)
