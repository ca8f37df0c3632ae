"""The one exception type of the feeds subsystem, with messages a person can act on."""

from __future__ import annotations


class FeedError(Exception):
    """A feed, OPML file, chapter list or download problem; the message names what failed and why."""


class FetchCancelled(FeedError):
    """The fetch was stopped (the window is quitting, or the listener cancelled)."""


class DownloadCancelled(FetchCancelled):
    """The listener cancelled a download; nothing is left behind."""


class WebPageError(FeedError):
    """The address gave a web page instead of a feed; ``page`` is its text (for feed autodiscovery)."""

    def __init__(self, message: str, page: str) -> None:
        super().__init__(message)
        self.page = page
        self.base: str | None = None  # where the page really was (after redirects), for its links
