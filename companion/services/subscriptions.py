"""Subscribe, refresh and OPML, planned once: typed feed jobs, fetched in workers, stored on the calling
thread in one transaction. The command runs them here; the window's FeedJobs runs the same plans."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from companion.domain import FeedUpdate, OpmlOutline
from companion.feeds.errors import FeedError
from companion.feeds.fetch import fetch_feed_update, is_remote, normalize_source
from companion.feeds.http import FEED_DEADLINE_S
from companion.feeds.items import NotesProcessor
from companion.feeds.opml import parse_opml, write_opml
from companion.library import Library, LibraryError
from companion.library.steps import run_steps
from companion.library.store_feed import SyncReport, feed_state, store_feed_update_steps
from companion.services.transcripts import interface_language

log = logging.getLogger(__name__)

# progress(done, total, message): called on the calling thread
Progress = Callable[[int, int, str], None]
# store_progress(episodes written, episodes in the feed): while a fetched feed is written
StoreProgress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class FeedJob:
    """One feed to fetch and store: a subscription to refresh (``podcast_id``) or a new one (None)."""

    url: str
    title: str
    podcast_id: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    known_chapters_urls: frozenset[str] = frozenset()
    # items stored unchanged are not processed again, and a paged feed's older pages not read
    known_fingerprints: frozenset[str] = frozenset()
    # True when the listener gave the address: it may be a web page, whose feed link is then followed
    discover: bool = False
    known_transcript_urls: frozenset[str] = frozenset()  # transcripts stored: fetched again only if moved
    ui_language: str = ""  # the interface's language: the transcript in it is chosen first

    def fetch(
        self,
        notes_processor: NotesProcessor | None = None,
        deadline_s: float = FEED_DEADLINE_S,
        cancel: threading.Event | None = None,
    ) -> FeedUpdate:
        """Fetch and parse the feed (thread-safe, no library): a conditional GET for a subscription."""
        return fetch_feed_update(
            self.url,
            self.etag,
            self.last_modified,
            known_chapters_urls=self.known_chapters_urls,
            known_fingerprints=self.known_fingerprints,
            discover=self.discover,
            notes_processor=notes_processor,
            deadline_s=deadline_s,
            cancel=cancel,
            known_transcript_urls=self.known_transcript_urls,
            ui_language=self.ui_language or interface_language(),
        )

    def store_steps(
        self, library: Library, update: FeedUpdate
    ) -> Generator[tuple[int, int], None, SyncReport]:
        """Write what ``fetch`` gave, in steps inside one transaction (see store_feed_update_steps)."""
        podcast_id = self.podcast_id
        if update.url != self.url:  # a page's feed: stored under the feed's own address
            found = library.find_podcast(update.url)
            podcast_id = found.id if found else None
        return store_feed_update_steps(library, update, podcast_id)


@dataclass(frozen=True, slots=True)
class RefreshResult:
    """The outcome for one feed: a SyncReport, or the error that stopped it (nothing was written)."""

    url: str
    title: str
    podcast_id: int | None = None
    report: SyncReport | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when the feed was stored (or was unchanged)."""
        return self.error is None


def _job_of(library: Library, podcast_id: int) -> FeedJob:
    state = feed_state(library, podcast_id)
    return FeedJob(
        state.feed_url,
        state.title,
        state.podcast_id,
        state.etag,
        state.last_modified,
        state.known_chapters_urls,
        state.known_fingerprints,
        known_transcript_urls=state.known_transcript_urls,
    )


def plan_subscribe(library: Library, url_or_file: str) -> FeedJob:
    """The job of Add podcast / ``companion subscribe``: a feed URL, a feed file or a web page (a feed
    already subscribed is fetched in full, keeping what is known of it). FeedError or LibraryError
    (the library's own file) when it cannot be."""
    url = normalize_source(url_or_file)
    if not is_remote(url):
        library.refuse_own_file(url, "subscribe to")
    existing = library.find_podcast(url)
    if existing is None:
        return FeedJob(url, url, discover=True)
    state = feed_state(library, existing.id)
    return FeedJob(
        url, url, existing.id, known_chapters_urls=state.known_chapters_urls, discover=True,
        known_transcript_urls=state.known_transcript_urls,
    )  # fmt: skip


def plan_refresh(library: Library, podcast_ids: Iterable[int] | None = None) -> list[FeedJob]:
    """The jobs of a refresh: every subscription (or those of ``podcast_ids``), with their validators.
    Never the local podcast or the demo (Library.subscriptions decides)."""
    wanted = set(podcast_ids) if podcast_ids is not None else None
    return [_job_of(library, p.id) for p in library.subscriptions() if wanted is None or p.id in wanted]


def read_opml_file(path: Path | str) -> list[OpmlOutline]:
    """The feeds listed in an OPML file."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise FeedError(f"Cannot read the OPML file {path}: {exc.strerror or exc}.") from exc
    return parse_opml(data, str(path))


def plan_import(library: Library, path: Path | str) -> list[FeedJob]:
    """The jobs of an OPML import: every http(s) feed of the file not yet in the library."""
    library.refuse_own_file(path, "read")
    jobs: list[FeedJob] = []
    for outline in read_opml_file(path):
        url = outline.xml_url
        if is_remote(url) and not library.find_podcast(url):
            jobs.append(FeedJob(url, outline.title or url, discover=True))
    return jobs


def store(
    library: Library, job: FeedJob, update: FeedUpdate, progress: StoreProgress | None = None
) -> SyncReport:
    """Run ``job.store_steps`` to its end here, telling ``progress`` of each step."""
    return run_steps(job.store_steps(library, update), progress)


def subscribe(
    library: Library,
    url_or_file: str,
    progress: Progress | None = None,
    store_progress: StoreProgress | None = None,
    notes_processor: NotesProcessor | None = None,
) -> SyncReport:
    """Subscribe to a feed URL or feed file (or refresh it fully if already subscribed).

    ``progress`` hears of the fetch and the result; ``store_progress`` of the episodes written so far
    (a feed of thousands takes a second or two to store).
    """
    job = plan_subscribe(library, url_or_file)
    if progress:
        progress(0, 1, f"Fetching {job.url}")
    update = job.fetch(notes_processor)
    if update.url != job.url and progress:
        progress(0, 1, f"That is a web page; its podcast feed is {update.url}")
    if update.feed is not None and progress:
        count = len(update.feed.episodes)
        progress(0, 1, f"Storing “{update.feed.title}”: {count} episode{'s' if count != 1 else ''}")
    report = store(library, job, update, store_progress)
    if progress:
        moved = f"; the feed moved to {report.moved_to}" if report.moved_to else ""
        progress(1, 1, f"{report.title}: {report.added} new, {report.updated} updated{moved}")
    return report


def run_jobs(
    library: Library,
    jobs: list[FeedJob],
    progress: Progress | None = None,
    max_workers: int = 4,
    notes_processor: NotesProcessor | None = None,
) -> list[RefreshResult]:
    """Fetch ``jobs`` concurrently, ``max_workers`` at a time, and store each here as it comes.

    A failing feed gives a RefreshResult with its error, leaves its podcast as it was and does not
    stop the others."""
    results: list[RefreshResult] = []
    if not jobs:
        return results
    with ThreadPoolExecutor(max_workers=max(1, max_workers), thread_name_prefix="feed") as pool:
        futures = {pool.submit(job.fetch, notes_processor): job for job in jobs}
        for future in as_completed(futures):
            job = futures[future]
            try:
                report = store(library, job, future.result())
                result = RefreshResult(job.url, report.title or job.title, report.podcast_id, report)
            except (FeedError, LibraryError) as exc:
                result = RefreshResult(job.url, job.title, job.podcast_id, None, str(exc))
            except Exception as exc:  # a bug in one feed must not stop the others
                log.exception("refreshing %s", job.url)
                result = RefreshResult(
                    job.url, job.title, job.podcast_id, None, f"Could not refresh {job.url}: {exc!r}"
                )
            if result.error:
                note_refresh_failure(library, job, result.error)
            results.append(result)
            if progress:
                progress(len(results), len(jobs), describe(result))
    return results


def note_refresh_failure(library: Library, job: FeedJob, message: str) -> None:
    """Keep why a subscription's refresh failed (the Podcasts view shows it until one works); a library
    that cannot take the note (busy, read-only) loses only the note."""
    if job.podcast_id is None:
        return
    try:
        library.record_refresh_failure(job.podcast_id, message)
    except LibraryError as exc:
        log.warning("could not keep the refresh error of podcast %d: %s", job.podcast_id, exc)


def describe(result: RefreshResult) -> str:
    """One line on what refreshing one feed did (or why it failed)."""
    if result.error:
        return f"{result.title}: failed: {result.error}"
    report = result.report
    assert report is not None
    if report.not_modified:
        return f"{result.title}: not modified"
    moved = f"; the feed moved to {report.moved_to}, its new address is kept" if report.moved_to else ""
    return (
        f"{result.title}: {report.added} new, {report.updated} updated, {report.vanished} gone from the feed"
        f"{moved}"
    )


def refresh_all(
    library: Library,
    progress: Progress | None = None,
    max_workers: int = 4,
    podcast_ids: Iterable[int] | None = None,
    notes_processor: NotesProcessor | None = None,
) -> list[RefreshResult]:
    """Refresh every subscribed podcast (or ``podcast_ids``) with conditional GETs, a few at a time."""
    return run_jobs(library, plan_refresh(library, podcast_ids), progress, max_workers, notes_processor)


def import_opml(
    library: Library,
    path: Path | str,
    progress: Progress | None = None,
    max_workers: int = 4,
    notes_processor: NotesProcessor | None = None,
) -> list[RefreshResult]:
    """Subscribe to every feed of an OPML file not yet in the library; failures are reported, not added."""
    return run_jobs(library, plan_import(library, path), progress, max_workers, notes_processor)


def export_opml(library: Library, path: Path | str) -> int:
    """Write every subscription (never the local podcast or the demo) to an OPML file, atomically;
    returns how many were written."""
    library.refuse_own_file(path, "write to")
    outlines = [OpmlOutline(p.feed_url or "", p.title, p.link) for p in library.subscriptions()]
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(write_opml(outlines), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise FeedError(f"Cannot write the OPML file {path}: {exc.strerror or exc}.") from exc
    return len(outlines)
