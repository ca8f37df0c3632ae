"""Fetch and parse transcripts: one address (for the window's worker) or each episode's chosen one of a feed,
a few at a time, within the budget, deadlines and errors of JSON chapter files."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from urllib.parse import urljoin

from companion.domain import FetchedTranscript, ParsedFeed, Transcript, web_url_problem
from companion.feeds import http
from companion.feeds.errors import FeedError, FetchCancelled
from companion.transcripts import choose_transcript, parse_transcript, transcript_kind

log = logging.getLogger(__name__)

MAX_TRANSCRIPT_FETCHES = 20  # per refresh of one feed, as JSON chapter files (the rest next time)
TRANSCRIPT_FETCH_WORKERS = 4
TRANSCRIPT_DEADLINE_S = 30.0  # the most one transcript may take
MAX_TRANSCRIPT_BYTES = 8 * 1024 * 1024  # a 10-hour WebVTT file is about 3 MB


def _absolute(url: str, base: str | None) -> str:
    try:
        return urljoin(base, url) if base else url
    except ValueError:  # an address urllib cannot even join
        return url


def fetch_transcript(
    candidate: Transcript,
    title: str,
    base_url: str | None = None,
    timeout: float = 10,
    deadline_s: float = TRANSCRIPT_DEADLINE_S,
    cancel: threading.Event | None = None,
) -> FetchedTranscript:
    """Fetch and parse one podcast:transcript of the episode ``title`` (thread-safe, no library). A
    failure comes back as the record's ``error``, one line naming the address; FetchCancelled when
    ``cancel`` was set (nothing to store)."""
    url = _absolute(candidate.url, base_url)

    def failed(message: str) -> FetchedTranscript:
        return FetchedTranscript(candidate.url, candidate.type, candidate.language, error=message)

    problem = web_url_problem(url)
    if problem:
        return failed(f"The transcript address {url!r} of “{title}” is not fetched: {problem}.")
    kind = transcript_kind(candidate.type, url)
    try:
        result = http.get(
            url,
            f"the transcript of “{title}” ({url})",
            timeout=timeout,
            max_bytes=MAX_TRANSCRIPT_BYTES,
            deadline_s=deadline_s,
            cancel=cancel,
        )
    except FetchCancelled:
        raise
    except FeedError as exc:
        return failed(str(exc))
    kind = kind or transcript_kind(result.headers.get("Content-Type"), result.url)
    if kind is None:
        return failed(
            f"The transcript of “{title}” ({url}) is of a type the app does not read"
            f" ({candidate.type or result.headers.get('Content-Type') or 'no type given'})."
        )
    parsed = parse_transcript(result.body, kind)
    if not parsed.cues:
        why = f": {parsed.warnings[0]}" if parsed.warnings else ""
        return failed(f"The transcript of “{title}” ({url}) holds no text the app could read{why}.")
    return FetchedTranscript(
        candidate.url, candidate.type, candidate.language, None, parsed.format, parsed.cues, parsed.timed
    )


def with_transcripts(
    feed: ParsedFeed,
    feed_url: str,
    known: Collection[str],
    ui_language: str,
    spent: Callable[[], bool],
    timeout: float,
    deadline_s: float,
    cancel: threading.Event | None,
    budget: int = MAX_TRANSCRIPT_FETCHES,
) -> ParsedFeed:
    """The feed with the chosen transcript of each episode fetched, at most ``budget`` in feed order,
    ``TRANSCRIPT_FETCH_WORKERS`` at a time: an episode one of whose addresses is in ``known`` (stored)
    is left as it is, and so is one reached when ``spent()`` says the feed has taken long enough."""
    wanted: dict[int, Transcript] = {}
    for index, ep in enumerate(feed.episodes):
        if len(wanted) >= budget:
            break
        if not ep.transcripts or any(t.url in known for t in ep.transcripts):
            continue
        ranked = choose_transcript(list(ep.transcripts), ui_language, None)
        if ranked:
            wanted[index] = ranked[0]
    if not wanted:
        return feed

    def one(index: int, candidate: Transcript) -> FetchedTranscript | None:
        title = feed.episodes[index].title
        if spent():
            log.warning("Not fetching the transcript of “%s” now: the feed has taken long enough", title)
            return None
        try:
            fetched = fetch_transcript(candidate, title, feed_url, timeout, deadline_s, cancel)
        except FetchCancelled:
            return None
        if fetched.error:
            log.warning("%s", fetched.error)
        return fetched

    with ThreadPoolExecutor(
        min(TRANSCRIPT_FETCH_WORKERS, len(wanted)), thread_name_prefix="transcripts"
    ) as pool:
        futures = {index: pool.submit(one, index, candidate) for index, candidate in wanted.items()}
        fetched = {index: future.result() for index, future in futures.items()}
    episodes = [
        replace(ep, transcript=fetched[index]) if fetched.get(index) is not None else ep
        for index, ep in enumerate(feed.episodes)
    ]
    return replace(feed, episodes=tuple(episodes))
