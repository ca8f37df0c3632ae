"""Fetch one feed: an http(s) address or a file, conditional GET, moves, pages, web pages, JSON chapters."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from companion.domain import (
    ChapterSource,
    FeedUpdate,
    ParsedChapter,
    ParsedEpisode,
    ParsedFeed,
    web_url_problem,
)
from companion.feeds import http
from companion.feeds.chapters_json import parse_chapters_json
from companion.feeds.discover import feed_links
from companion.feeds.errors import FeedError, FetchCancelled, WebPageError
from companion.feeds.items import NotesProcessor
from companion.feeds.rss import parse_feed
from companion.feeds.transcript_fetch import TRANSCRIPT_DEADLINE_S, with_transcripts

log = logging.getLogger(__name__)

MAX_CHAPTER_FETCHES = 20  # JSON chapter files fetched per refresh of one feed (the rest next time)
MAX_PAGES = 100  # pages of a paged feed read in one fetch
CHAPTER_FETCH_WORKERS = 4  # of them at a time (feeds themselves are fetched a few at a time too)
CHAPTERS_DEADLINE_S = 30.0  # the most one chapters file may take
BUDGET_DEADLINES = 3  # a feed's pages and chapter files stop after this many times its deadline
MAX_CHAPTERS_BYTES = 4 * 1024 * 1024


def is_remote(url: str) -> bool:
    """True for http(s) addresses, False for local feed files."""
    return url.lower().startswith(("http://", "https://"))


def normalize_source(url_or_file: str) -> str:
    """An http(s) URL as given, or a local file (path or file: URI) as an absolute path."""
    text = url_or_file.strip()
    if is_remote(text):
        return text
    if text.lower().startswith("file://"):
        text = unquote(urlsplit(text).path)
    elif "://" in text:
        raise FeedError(
            f"Cannot subscribe to {text}: use an http(s) address or a feed file on this computer."
        )
    return str(Path(text).expanduser().resolve())


def _read_local(
    path: str, last_modified: str | None, max_bytes: int = http.MAX_FEED_BYTES
) -> tuple[bytes | None, str]:
    """A feed file's bytes (None when unchanged since ``last_modified``), refused past ``max_bytes``
    while it is read (a file that grows, a FIFO or a device is never read whole)."""
    too_big = FeedError(
        f"The feed file {path} is larger than {max_bytes // 2**20} MB; no podcast feed is that big, so it"
        " was not read."
    )
    try:
        stat = os.stat(path)
        validator = str(stat.st_mtime_ns)
        if last_modified == validator:
            return None, validator
        if stat.st_size > max_bytes:
            raise too_big
        with open(path, "rb") as file:
            data = file.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise too_big
        return data, validator
    except FileNotFoundError as exc:
        raise FeedError(f"There is no feed file at {path}.") from exc
    except OSError as exc:
        raise FeedError(f"Cannot read the feed file {path}: {exc.strerror or exc}.") from exc


def _fetch_chapters_file(
    url: str, title: str, timeout: float, limits: _Limits
) -> tuple[ParsedChapter, ...] | None:
    """One JSON chapters file (a worker thread); None when it failed (logged, tried again next time)."""
    what = f"the chapters of “{title}” ({url})"
    if limits.spent():
        log.warning("Not fetching %s now: the feed has taken long enough (next refresh)", what)
        return None
    try:
        deadline = min(limits.deadline_s, CHAPTERS_DEADLINE_S)
        result = http.get(
            url,
            what,
            timeout=timeout,
            max_bytes=MAX_CHAPTERS_BYTES,
            deadline_s=deadline,
            cancel=limits.cancel,
        )
        return parse_chapters_json(result.body, url)
    except FeedError as exc:  # the next refresh tries again: nothing is stored for this source
        log.warning("%s", exc)
        return None


class _Limits:
    """One feed fetch's limits: each request's deadline, the whole fetch's budget, the cancel flag."""

    def __init__(self, deadline_s: float, cancel: threading.Event | None) -> None:
        self.deadline_s = deadline_s
        self.cancel = cancel
        self.ends = time.monotonic() + BUDGET_DEADLINES * deadline_s
        self.known_transcripts: Collection[str] = ()  # and the listener's language, for transcripts
        self.ui_language = ""

    def spent(self) -> bool:
        """True once the fetch should start no more requests (over budget, or stopped)."""
        return time.monotonic() > self.ends or (self.cancel is not None and self.cancel.is_set())


def _with_json_chapters(
    feed: ParsedFeed,
    feed_url: str,
    known: Collection[str],
    timeout: float,
    budget: int,
    limits: _Limits,
    workers: int = CHAPTER_FETCH_WORKERS,
) -> ParsedFeed:
    """The feed with the JSON chapters of its episodes fetched, ``workers`` files at a time, at most
    ``budget`` files in feed order; already stored, failed or over-budget ones are left as they are."""
    source = ChapterSource.PODCAST_JSON.value
    wanted: dict[int, str] = {}  # episode index -> absolute chapters URL, in feed order
    for index, ep in enumerate(feed.episodes):
        if len(wanted) >= budget:
            break
        if not ep.chapters_url:
            continue
        try:
            url = urljoin(feed_url, ep.chapters_url) if is_remote(feed_url) else ep.chapters_url
        except ValueError:  # an address urllib cannot even join
            url = ep.chapters_url
        problem = web_url_problem(url)
        if problem:
            log.warning(
                "%s: the chapters address %r of “%s” is skipped: %s", feed_url, url, ep.title, problem
            )
            continue
        if url not in known and ep.chapters_url not in known:
            wanted[index] = url
    fetched: dict[int, tuple[ParsedChapter, ...] | None] = {}
    if wanted:
        with ThreadPoolExecutor(min(max(1, workers), len(wanted)), thread_name_prefix="chapters") as pool:
            futures = {
                index: pool.submit(_fetch_chapters_file, url, feed.episodes[index].title, timeout, limits)
                for index, url in wanted.items()
            }
            fetched = {index: future.result() for index, future in futures.items()}
    episodes: list[ParsedEpisode] = []
    for index, ep in enumerate(feed.episodes):
        chapters = fetched.get(index)
        if not ep.chapters_url:
            episodes.append(replace(ep, chapters=(*ep.chapters, (source, ()))))
        elif chapters is not None:
            episodes.append(replace(ep, chapters=(*ep.chapters, (source, chapters))))
        else:
            episodes.append(ep)  # already stored, failed, over budget or not http: left as it is
    return replace(feed, episodes=tuple(episodes))


def fetch_feed_update(
    url: str,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = 20,
    known_chapters_urls: Collection[str] = (),
    max_chapter_fetches: int = MAX_CHAPTER_FETCHES,
    known_fingerprints: Collection[str] = (),
    discover: bool = False,
    notes_processor: NotesProcessor | None = None,
    deadline_s: float = http.FEED_DEADLINE_S,
    cancel: threading.Event | None = None,
    known_transcript_urls: Collection[str] = (),
    ui_language: str = "",
) -> FeedUpdate:
    """Fetch and parse one feed (thread-safe, no library): an http(s) URL or a local feed file.

    Sends ``etag``/``last_modified`` as a conditional GET; an unchanged feed comes back as
    ``not_modified`` without being parsed. The JSON chapters of episodes whose chapter file is not in
    ``known_chapters_urls`` are fetched too, at most ``max_chapter_fetches`` of them (the rest next time).
    Items whose fingerprint is in ``known_fingerprints`` (FeedState) are not processed again.

    A feed that moved is followed to its new home, which comes back as ``moved_to``: a redirect whose
    every hop was permanent (301/308), or an ``itunes:new-feed-url`` naming another address (fetched
    once; if that fails, the feed as it is here is used and the address kept). With ``discover`` (a new
    subscription), a web page that links to its feed is followed to it: the update's ``url`` is then
    the feed's address, not the page's. ``notes_processor`` processes the items' notes (parse_feed).

    Each request takes at most ``deadline_s`` however slowly the server sends, and the pages and
    chapter files together stop after a few times that; setting ``cancel`` stops it all at once
    (FetchCancelled). Each episode's transcript (the best for ``ui_language``) is fetched in the same
    budget unless one of its addresses is in ``known_transcript_urls`` (transcript_fetch).
    """
    limits = _Limits(deadline_s, cancel)
    limits.known_transcripts, limits.ui_language = known_transcript_urls, ui_language
    return _fetch_feed_update(
        url, etag, last_modified, timeout, known_chapters_urls, max_chapter_fetches, known_fingerprints,
        discover, notes_processor, limits,
    )  # fmt: skip


def _fetch_feed_update(
    url: str,
    etag: str | None,
    last_modified: str | None,
    timeout: float,
    known_chapters_urls: Collection[str],
    max_chapter_fetches: int,
    known_fingerprints: Collection[str],
    discover: bool,
    notes_processor: NotesProcessor | None,
    limits: _Limits,
) -> FeedUpdate:
    try:
        update, final_url = _fetch_one(
            url, etag, last_modified, timeout, known_fingerprints, notes_processor, limits
        )
    except WebPageError as exc:
        links = feed_links(exc.page, exc.base or url) if discover else []
        if not links:
            raise
        log.info("%s is a web page; following its feed link %s", url, links[0])
        try:
            return _fetch_feed_update(
                links[0], None, None, timeout, known_chapters_urls, max_chapter_fetches, known_fingerprints,
                False, notes_processor, limits,
            )  # fmt: skip
        except FeedError as inner:
            raise FeedError(
                f"{url} is a web page, not a podcast feed. The feed it links to could not be read: {inner}"
            ) from inner
    feed = update.feed
    if feed is not None and feed.new_url and is_remote(url) and feed.new_url not in (url, final_url):
        try:
            moved, moved_final = _fetch_one(
                feed.new_url, None, None, timeout, known_fingerprints, notes_processor, limits
            )
        except FeedError as exc:
            log.warning("%s says it moved to %s, which failed; kept where it is: %s", url, feed.new_url, exc)
        else:
            update = replace(moved, url=url, moved_to=moved.moved_to or feed.new_url)
            feed, final_url = moved.feed, moved_final
    if feed is not None and is_remote(url):
        # relative chapter addresses are relative to where the feed really is
        limit = min(timeout, 10)
        feed = _with_json_chapters(feed, final_url, known_chapters_urls, limit, max_chapter_fetches, limits)
        deadline = min(limits.deadline_s, TRANSCRIPT_DEADLINE_S)
        feed = with_transcripts(feed, final_url, limits.known_transcripts, limits.ui_language, limits.spent,
                                limit, deadline, limits.cancel)  # fmt: skip
        update = replace(update, feed=feed)
    return update


def _fetch_one(
    url: str,
    etag: str | None,
    last_modified: str | None,
    timeout: float,
    known_fingerprints: Collection[str],
    notes_processor: NotesProcessor | None,
    limits: _Limits,
) -> tuple[FeedUpdate, str]:
    """One feed fetched (conditionally) and parsed, without chapter files; and its final address."""
    if not is_remote(url):
        data, validator = _read_local(url, last_modified)
        if data is None:
            return FeedUpdate(url, True, None, None, validator), url
        feed = parse_feed(data, url, None, known_fingerprints, notes_processor, limits.cancel)
        return FeedUpdate(url, False, feed, None, validator), url
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    what = f"the feed {url}"
    result = http.get(url, what, headers, timeout, deadline_s=limits.deadline_s, cancel=limits.cancel)
    moved_to = result.url if result.moved_permanently and result.url != url else None
    if result.status == 304 and moved_to:
        # an unchanged feed stores no address: fetch the new one in full, once, so that it is stored
        result = http.get(moved_to, what, None, timeout, deadline_s=limits.deadline_s, cancel=limits.cancel)
        if result.moved_permanently:
            moved_to = result.url
    new_etag = result.headers.get("ETag") or etag
    new_modified = result.headers.get("Last-Modified") or last_modified
    if result.status == 304:
        return FeedUpdate(url, True, None, new_etag, new_modified), result.url
    try:
        feed = parse_feed(
            result.body, url, result.charset, known_fingerprints, notes_processor, limits.cancel
        )
    except WebPageError as exc:
        exc.base = result.url  # its relative links are relative to where it really is
        raise
    if feed.next_page:
        feed = _with_next_pages(feed, result.url, timeout, known_fingerprints, notes_processor, limits)
    return FeedUpdate(url, False, feed, new_etag, new_modified, moved_to), result.url


def _with_next_pages(
    feed: ParsedFeed,
    url: str,
    timeout: float,
    known_fingerprints: Collection[str],
    notes_processor: NotesProcessor | None,
    limits: _Limits,
) -> ParsedFeed:
    """A paged feed (RFC 5005) with the items of its next pages: all of them for a new subscription;
    on a refresh, until a page holds an item already stored. Unless every page was read, the feed is
    not ``complete`` (its missing items did not leave it)."""
    episodes = list(feed.episodes)
    guids = {ep.guid for ep in episodes}
    visited = {url}
    page = feed
    while page.next_page:
        if known_fingerprints and any(ep.unchanged for ep in page.episodes):
            break  # the rest of the archive is already in the library
        if page.next_page in visited or len(visited) >= MAX_PAGES:
            log.warning("%s: its pages stop at %s (a loop, or more than %d)", url, page.next_page, MAX_PAGES)
            break
        if limits.spent():
            if limits.cancel is not None and limits.cancel.is_set():
                raise FetchCancelled(f"Stopped fetching the feed {url}.")
            log.warning(
                "%s: its pages stop at %s: the feed has taken long enough (next refresh)", url, page.next_page
            )
            break
        visited.add(page.next_page)
        try:
            what = f"page {len(visited)} of the feed {url}"
            result = http.get(
                page.next_page, what, None, timeout, deadline_s=limits.deadline_s, cancel=limits.cancel
            )
            charset, address = result.charset, page.next_page
            page = parse_feed(
                result.body, address, charset, known_fingerprints, notes_processor, limits.cancel
            )
        except FetchCancelled:
            raise
        except FeedError as exc:  # the pages read so far are stored; the next refresh tries again
            log.warning("%s", exc)
            break
        for ep in page.episodes:
            if ep.guid not in guids:
                guids.add(ep.guid)
                episodes.append(ep)
    return replace(feed, episodes=tuple(episodes), next_page=None, complete=not page.next_page)
