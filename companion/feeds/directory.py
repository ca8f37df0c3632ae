"""Podcast directory search over HTTP: the iTunes Search API and Podcast Index's Apple-compatible one.

Both answer in the iTunes format (``resultCount``, ``results[]`` with ``collectionName``, ``artistName``,
``feedUrl``, ``artworkUrl100``/``artworkUrl600``, ``trackCount``...). A result without a usable feed
address is dropped (it cannot be subscribed to), duplicates by feed address are merged, and whatever
the server sends is bounded (an overall deadline, a size cap) and read defensively: an answer that is
not what the format says gives a DirectoryError naming the directory, never a crash.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from companion.domain import web_url_problem
from companion.feeds.errors import FeedError
from companion.feeds.http import get

DIRECTORY_URL_ENV = "COMPANION_DIRECTORY_URL"  # points every directory at another server (tests)
DIRECTORY_DEADLINE_S = 20.0  # the most one search may take, however the server trickles
MAX_ANSWER_BYTES = 4 * 1024 * 1024  # 200 results of the iTunes format are well under 1 MB
MAX_LIMIT = 200  # the iTunes Search API's own maximum
MAX_TERM_CHARS = 200
_MAX_TEXT = 500  # a title or author longer than this is cut (a directory's, not the feed's)


class DirectoryError(FeedError):
    """A search that could not be done; the message names the directory and says why."""


@dataclass(frozen=True, slots=True)
class Directory:
    """One directory the listener may search: its id in Settings, its name, its own server."""

    id: str
    name: str
    base_url: str
    sends_limit: bool  # Podcast Index's Apple-compatible search takes no limit: results are cut here

    def search_url(self, term: str, limit: int) -> str:
        """The address of a search for ``term`` (``COMPANION_DIRECTORY_URL`` replaces the server)."""
        base = (os.environ.get(DIRECTORY_URL_ENV) or self.base_url).strip().rstrip("/")
        query: dict[str, str | int] = {"term": term}
        if self.sends_limit:
            query = {"media": "podcast", "entity": "podcast", "term": term, "limit": limit}
        return f"{base}/search?{urlencode(query)}"

    def host(self) -> str:
        """The server a search goes to (what the consent question names)."""
        base = (os.environ.get(DIRECTORY_URL_ENV) or self.base_url).strip()
        return urlsplit(base).netloc or base


APPLE = Directory("apple", "Apple Podcasts", "https://itunes.apple.com", sends_limit=True)
PODCAST_INDEX = Directory("podcastindex", "Podcast Index", "https://api.podcastindex.org", sends_limit=False)
DIRECTORIES = {d.id: d for d in (APPLE, PODCAST_INDEX)}


def directory(directory_id: str) -> Directory:
    """The directory of a Settings id (``apple`` or ``podcastindex``); ValueError for another."""
    try:
        return DIRECTORIES[directory_id]
    except KeyError:
        raise ValueError(f"{directory_id!r} is not one of {', '.join(DIRECTORIES)}") from None


@dataclass(frozen=True, slots=True)
class DirectoryEntry:
    """One podcast a directory found: what the listener sees before subscribing."""

    title: str
    author: str
    feed_url: str
    artwork_url: str | None = None  # http(s) only: the directory's own picture of the podcast
    episode_count: int | None = None
    genre: str = ""
    page_url: str | None = None  # the podcast's page at the directory


@dataclass(frozen=True, slots=True)
class DirectoryAnswer:
    """What one search gave: the entries (at most ``limit``), and what was left out and why."""

    directory_id: str
    term: str
    entries: tuple[DirectoryEntry, ...]
    without_feed: int = 0  # results that give no usable feed address (not shown)
    merged: int = 0  # results that repeat a feed address already listed


def feed_key(url: str) -> str:
    """A feed address as compared with the library's: as subscribe keeps it (stripped), with the
    scheme and host in lower case, a default port dropped and http taken as https (a directory often
    lists the http address of a feed the listener subscribed to over https)."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return text
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return text
    host = (parts.hostname or "").lower()
    if port is not None and port != {"http": 80, "https": 443}[scheme]:
        host = f"{host}:{port}"
    if parts.username or parts.password:
        host = parts.netloc.rsplit("@", 1)[0] + "@" + host
    return urlunsplit(("https", host, parts.path or "/", parts.query, ""))


def validate_term(term: str) -> str:
    """The term to send, stripped; DirectoryError when there is nothing to search for or too much."""
    text = " ".join(term.split())
    if not text:
        raise DirectoryError("Type a podcast's name (or part of it) to search for.")
    if len(text) > MAX_TERM_CHARS:
        raise DirectoryError(f"The search is too long: at most {MAX_TERM_CHARS} characters.")
    return text


def search(
    where: Directory,
    term: str,
    limit: int = 25,
    deadline_s: float | None = None,
    cancel: threading.Event | None = None,
) -> DirectoryAnswer:
    """Search ``where`` for podcasts matching ``term`` (thread-safe, no library); the whole request
    takes at most ``deadline_s`` (DIRECTORY_DEADLINE_S unless given)."""
    text = validate_term(term)
    deadline_s = deadline_s or DIRECTORY_DEADLINE_S
    limit = max(1, min(MAX_LIMIT, limit))
    url = where.search_url(text, limit)
    problem = web_url_problem(url)
    if problem:
        raise DirectoryError(f"Cannot search {where.name} at {url!r}: {problem}.")
    what = f"the search results of {where.name} ({where.host()})"
    try:
        result = get(
            url,
            what,
            {"Accept": "application/json"},
            timeout=min(10.0, deadline_s),
            max_bytes=MAX_ANSWER_BYTES,
            deadline_s=deadline_s,
            cancel=cancel,
        )
    except DirectoryError:
        raise
    except FeedError as exc:
        raise DirectoryError(str(exc)) from exc
    return parse_answer(result.body, where, text, limit)


def parse_answer(body: bytes, where: Directory, term: str, limit: int = MAX_LIMIT) -> DirectoryAnswer:
    """The entries of an answer in the iTunes format; DirectoryError when it is not one."""
    try:
        document = json.loads(body)
    except (UnicodeDecodeError, ValueError) as exc:
        detail = f" ({exc.msg}, line {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise DirectoryError(
            f"Could not search {where.name}: its answer is not valid JSON{detail}. Try again later."
        ) from exc
    results = document.get("results") if isinstance(document, dict) else None
    if not isinstance(results, list):
        raise DirectoryError(
            f"Could not search {where.name}: its answer holds no list of results (is"
            f" {where.host()} a podcast directory?)."
        )
    entries: list[DirectoryEntry] = []
    seen: dict[str, int] = {}
    without_feed = merged = 0
    for item in results:
        entry = _entry(item) if isinstance(item, dict) else None
        if entry is None:
            without_feed += 1
            continue
        key = feed_key(entry.feed_url)
        if key in seen:
            merged += 1
            entries[seen[key]] = _merge(entries[seen[key]], entry)
            continue
        if len(entries) < limit:
            seen[key] = len(entries)
            entries.append(entry)
    return DirectoryAnswer(where.id, term, tuple(entries), without_feed, merged)


def _text(item: dict[str, Any], *names: str) -> str:
    for name in names:
        value = item.get(name)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())[:_MAX_TEXT]
    return ""


def _web_url(item: dict[str, Any], *names: str) -> str | None:
    for name in names:
        value = item.get(name)
        if isinstance(value, str) and value.strip() and web_url_problem(value.strip()) is None:
            return value.strip()
    return None


def _entry(item: dict[str, Any]) -> DirectoryEntry | None:
    feed_url = _web_url(item, "feedUrl")
    if feed_url is None:
        return None
    count = item.get("trackCount")
    episodes = count if isinstance(count, int) and not isinstance(count, bool) and count >= 0 else None
    return DirectoryEntry(
        title=_text(item, "collectionName", "trackName", "collectionCensoredName") or feed_url,
        author=_text(item, "artistName"),
        feed_url=feed_url,
        artwork_url=_web_url(item, "artworkUrl100", "artworkUrl600", "artworkUrl60", "artworkUrl30"),
        episode_count=episodes,
        genre=_text(item, "primaryGenreName"),
        page_url=_web_url(item, "collectionViewUrl", "trackViewUrl"),
    )


def _merge(first: DirectoryEntry, later: DirectoryEntry) -> DirectoryEntry:
    """The first listing of a feed, with what it lacks taken from a later one."""
    return replace(
        first,
        author=first.author or later.author,
        artwork_url=first.artwork_url or later.artwork_url,
        episode_count=first.episode_count if first.episode_count is not None else later.episode_count,
        genre=first.genre or later.genre,
        page_url=first.page_url or later.page_url,
    )
