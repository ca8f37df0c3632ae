"""Subscribe, refresh and OPML: fetch and parse in workers, store on the calling thread in one transaction."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from companion.feeds.errors import FeedError
from companion.feeds.fetch import fetch_feed_update, is_remote, normalize_source
from companion.feeds.items import NotesProcessor
from companion.feeds.model import OpmlOutline
from companion.feeds.opml import parse_opml, write_opml
from companion.library import Library, LibraryError
from companion.library.store_feed import (
    FeedState,
    SyncReport,
    feed_state,
    store_feed_update,
    store_feed_update_steps,
)

log = logging.getLogger(__name__)

# progress(done, total, message): called on the calling thread
Progress = Callable[[int, int, str], None]
# store_progress(episodes written, episodes in the feed): while a fetched feed is written
StoreProgress = Callable[[int, int], None]


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
    url = normalize_source(url_or_file)
    if not is_remote(url):
        library.refuse_own_file(url, "subscribe to")
    if progress:
        progress(0, 1, f"Fetching {url}")
    existing = library.find_podcast(url)
    known = feed_state(library, existing.id).known_chapters_urls if existing else frozenset()
    update = fetch_feed_update(url, known_chapters_urls=known, discover=True, notes_processor=notes_processor)
    if update.url != url and progress:
        progress(0, 1, f"That is a web page; its podcast feed is {update.url}")
    if update.feed is not None and progress:
        count = len(update.feed.episodes)
        progress(0, 1, f"Storing “{update.feed.title}”: {count} episode{'s' if count != 1 else ''}")
    if update.url != url:  # a page's feed: subscribed (or found) under the feed's own address
        existing = library.find_podcast(update.url)
    steps = store_feed_update_steps(library, update, existing.id if existing else None)
    while True:
        try:
            done, total = next(steps)
        except StopIteration as finished:
            report: SyncReport = finished.value
            break
        if store_progress:
            store_progress(done, total)
    if progress:
        moved = f"; the feed moved to {report.moved_to}" if report.moved_to else ""
        progress(1, 1, f"{report.title}: {report.added} new, {report.updated} updated{moved}")
    return report


def _fetch_many(
    library: Library,
    jobs: list[FeedState],
    progress: Progress | None,
    max_workers: int,
    notes_processor: NotesProcessor | None = None,
) -> list[RefreshResult]:
    """Fetch the feeds of ``jobs`` concurrently (podcast_id 0: not subscribed yet); store each here."""
    results: list[RefreshResult] = []
    if not jobs:
        return results
    with ThreadPoolExecutor(max_workers=max(1, max_workers), thread_name_prefix="feed") as pool:
        futures = {
            pool.submit(
                fetch_feed_update,
                job.feed_url,
                job.etag,
                job.last_modified,
                known_chapters_urls=job.known_chapters_urls,
                known_fingerprints=job.known_fingerprints,
                discover=not job.podcast_id,  # a new subscription may be given its web page
                notes_processor=notes_processor,
            ): (job.podcast_id or None, job.feed_url, job.title)
            for job in jobs
        }
        for future in as_completed(futures):
            pid, url, title = futures[future]
            try:
                update = future.result()
                report = store_feed_update(library, update, pid)
                result = RefreshResult(url, report.title or title, report.podcast_id, report)
            except (FeedError, LibraryError) as exc:
                result = RefreshResult(url, title, pid, None, str(exc))
            except Exception as exc:  # a bug in one feed must not stop the others
                log.exception("refreshing %s", url)
                result = RefreshResult(url, title, pid, None, f"Could not refresh {url}: {exc!r}")
            results.append(result)
            if progress:
                progress(len(results), len(jobs), _describe(result))
    return results


def _describe(result: RefreshResult) -> str:
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
    """Refresh every subscribed podcast (or ``podcast_ids``) with conditional GETs, a few at a time.

    A failing feed gives a RefreshResult with its error, leaves its podcast as it was and does not
    stop the others.
    """
    wanted = set(podcast_ids) if podcast_ids is not None else None
    jobs = []
    for podcast in library.subscriptions():
        if wanted is not None and podcast.id not in wanted:
            continue
        jobs.append(feed_state(library, podcast.id))
    return _fetch_many(library, jobs, progress, max_workers, notes_processor)


def read_opml_file(path: Path | str) -> list[OpmlOutline]:
    """The feeds listed in an OPML file."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise FeedError(f"Cannot read the OPML file {path}: {exc.strerror or exc}.") from exc
    return parse_opml(data, str(path))


def import_opml(
    library: Library,
    path: Path | str,
    progress: Progress | None = None,
    max_workers: int = 4,
    notes_processor: NotesProcessor | None = None,
) -> list[RefreshResult]:
    """Subscribe to every feed of an OPML file not yet in the library; failures are reported, not added."""
    library.refuse_own_file(path, "read")
    jobs = []
    for outline in read_opml_file(path):
        url = outline.xml_url
        if not is_remote(url) or library.find_podcast(url):
            continue
        jobs.append(FeedState(0, outline.title or url, url, None, None, frozenset()))
    return _fetch_many(library, jobs, progress, max_workers, notes_processor)


def export_opml(library: Library, path: Path | str) -> int:
    """Write every subscription to an OPML file (atomically); returns how many were written."""
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
