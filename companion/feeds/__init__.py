"""Feeds: fetch and parse podcast feeds, OPML, chapter sources and downloads (plain Python, no Qt,
no library: the services store what feeds fetch).

Names load on first use (PEP 562), so the window starts without the parser, mutagen or urllib."""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "download_episode_file": "companion.feeds.download",
    "download_path": "companion.feeds.download",
    "safe_filename": "companion.feeds.download",
    "read_embedded_chapters": "companion.feeds.embedded",
    "DownloadCancelled": "companion.feeds.errors",
    "FeedError": "companion.feeds.errors",
    "FeedUpdate": "companion.domain",
    "OpmlOutline": "companion.domain",
    "ParsedChapter": "companion.domain",
    "ParsedEpisode": "companion.domain",
    "ParsedFeed": "companion.domain",
    "NotesWorkers": "companion.feeds.notes_workers",
    "parse_opml": "companion.feeds.opml",
    "write_opml": "companion.feeds.opml",
    "parse_feed": "companion.feeds.rss",
    "fetch_feed_update": "companion.feeds.fetch",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'companion.feeds' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
