"""Find podcasts: a directory search with each result marked when it is already a subscription.

The search itself (``feeds.directory``) runs anywhere (a worker, the command); marking reads the
library, so it runs on the library's thread. The command searches here in one call; the window
searches in a worker (``jobs.directory``) and marks the answer when it comes.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from companion.feeds.directory import (
    Directory,
    DirectoryAnswer,
    DirectoryEntry,
    directory,
    feed_key,
    search,
)
from companion.library import Library
from companion.library.settings import read_settings


@dataclass(frozen=True, slots=True)
class DirectoryHit:
    """One result as the listener sees it: the directory's entry, and the podcast it already is."""

    entry: DirectoryEntry
    podcast_id: int | None = None  # the subscription at this feed address, if any

    @property
    def subscribed(self) -> bool:
        """True when the library already subscribes to this feed."""
        return self.podcast_id is not None


def chosen_directory(library: Library) -> Directory:
    """The directory chosen in Preferences (Apple Podcasts unless changed)."""
    return directory(read_settings(library).directory)


def subscribed_keys(library: Library) -> dict[str, int]:
    """Every subscription's feed address as ``feed_key`` compares it, with its podcast id."""
    return {feed_key(p.feed_url): p.id for p in library.subscriptions() if p.feed_url}


def mark_subscriptions(library: Library, entries: Iterable[DirectoryEntry]) -> list[DirectoryHit]:
    """The entries, each with the id of the subscription it already is (compared as subscribe keeps
    addresses, scheme and host case and http/https aside: see ``feed_key``)."""
    known = subscribed_keys(library)
    return [DirectoryHit(entry, known.get(feed_key(entry.feed_url))) for entry in entries]


def find_podcasts(
    library: Library,
    term: str,
    limit: int = 25,
    directory_id: str | None = None,
    deadline_s: float | None = None,
    cancel: threading.Event | None = None,
) -> tuple[DirectoryAnswer, list[DirectoryHit]]:
    """Search the chosen directory (or ``directory_id``) here and mark the results (the command)."""
    where = directory(directory_id) if directory_id else chosen_directory(library)
    answer = search(where, term, limit, deadline_s, cancel)
    return answer, mark_subscriptions(library, answer.entries)


def describe_answer(answer: DirectoryAnswer) -> str:
    """One line on what a search found (or why nothing is listed), for the command."""
    name = directory(answer.directory_id).name
    shown, dropped = len(answer.entries), answer.without_feed
    results = f"{dropped} result{'s' if dropped != 1 else ''}"
    if not shown and dropped:
        return (
            f"{name} found {results} for “{answer.term}”, but none gives a feed address, so none can be"
            " subscribed to."
        )
    if not shown:
        return f"{name} found no podcasts for “{answer.term}”."
    line = f"{name}: {shown} podcast{'s' if shown != 1 else ''} for “{answer.term}”."
    if dropped:
        line += f" {results} without a feed address {'is' if dropped == 1 else 'are'} not shown."
    return line
