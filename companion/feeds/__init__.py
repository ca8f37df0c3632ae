"""Feeds: fetch and parse podcast feeds, OPML, chapter sources and downloads (plain Python, no Qt).

Names load on first use (PEP 562), so the window starts without the parser, mutagen or urllib."""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "download_episode_file": "companion.feeds.download",
    "download_path": "companion.feeds.download",
    "safe_filename": "companion.feeds.download",
    "read_embedded_chapters": "companion.feeds.embedded",
    "DownloadPlan": "companion.feeds.episodes",
    "add_local_episode": "companion.feeds.episodes",
    "delete_download": "companion.feeds.episodes",
    "download_episode": "companion.feeds.episodes",
    "plan_download": "companion.feeds.episodes",
    "DownloadCancelled": "companion.feeds.errors",
    "FeedError": "companion.feeds.errors",
    "FeedUpdate": "companion.feeds.model",
    "OpmlOutline": "companion.feeds.model",
    "ParsedChapter": "companion.feeds.model",
    "ParsedEpisode": "companion.feeds.model",
    "ParsedFeed": "companion.feeds.model",
    "NotesWorkers": "companion.feeds.notes_workers",
    "parse_opml": "companion.feeds.opml",
    "write_opml": "companion.feeds.opml",
    "parse_feed": "companion.feeds.rss",
    "RefreshResult": "companion.feeds.service",
    "export_opml": "companion.feeds.service",
    "fetch_feed_update": "companion.feeds.fetch",
    "import_opml": "companion.feeds.service",
    "refresh_all": "companion.feeds.service",
    "subscribe": "companion.feeds.service",
    "FeedState": "companion.library.store_feed",
    "SyncReport": "companion.library.store_feed",
    "feed_state": "companion.library.store_feed",
    "store_feed_update": "companion.library.store_feed",
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
