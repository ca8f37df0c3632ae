"""Feeds: fetch and parse podcast feeds, OPML, chapter sources and downloads (plain Python, no Qt)."""

from companion.feeds.download import download_episode_file, download_path, safe_filename
from companion.feeds.embedded import read_embedded_chapters
from companion.feeds.episodes import (
    DownloadPlan,
    add_local_episode,
    delete_download,
    download_episode,
    plan_download,
)
from companion.feeds.errors import DownloadCancelled, FeedError
from companion.feeds.model import FeedUpdate, OpmlOutline, ParsedChapter, ParsedEpisode, ParsedFeed
from companion.feeds.opml import parse_opml, write_opml
from companion.feeds.rss import parse_feed
from companion.feeds.service import (
    RefreshResult,
    export_opml,
    fetch_feed_update,
    import_opml,
    refresh_all,
    subscribe,
)
from companion.library.sync import FeedState, SyncReport, feed_state, store_feed_update

__all__ = [
    "DownloadCancelled",
    "DownloadPlan",
    "FeedError",
    "FeedState",
    "FeedUpdate",
    "OpmlOutline",
    "ParsedChapter",
    "ParsedEpisode",
    "ParsedFeed",
    "RefreshResult",
    "SyncReport",
    "add_local_episode",
    "delete_download",
    "download_episode",
    "download_episode_file",
    "download_path",
    "export_opml",
    "feed_state",
    "fetch_feed_update",
    "import_opml",
    "parse_feed",
    "parse_opml",
    "plan_download",
    "read_embedded_chapters",
    "refresh_all",
    "safe_filename",
    "store_feed_update",
    "subscribe",
    "write_opml",
]
