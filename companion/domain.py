"""Frozen domain dataclasses and enums shared by every layer: podcasts, episodes, chapters."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class PlaybackState(enum.Enum):
    """What the audio backend is doing."""

    STOPPED = "stopped"
    LOADING = "loading"
    PLAYING = "playing"
    PAUSED = "paused"
    ENDED = "ended"
    ERROR = "error"


class ChapterSource(str, enum.Enum):
    """Where a chapter list came from; publisher sources rank before the show-notes timeline."""

    PODCAST_JSON = "podcast-json"
    PODLOVE = "podlove"
    ID3 = "id3"
    SHOWNOTES = "shownotes"
    MP4 = "mp4"
    VORBIS = "vorbis"


@dataclass(frozen=True, slots=True)
class Podcast:
    """A subscribed (or local) podcast."""

    id: int
    title: str
    feed_url: str | None = None
    link: str | None = None
    description: str = ""
    image_url: str | None = None


@dataclass(frozen=True, slots=True)
class Episode:
    """One episode with the listener's state (position, played)."""

    id: int
    podcast_id: int
    guid: str
    title: str
    podcast_title: str = ""
    audio_url: str | None = None
    audio_path: str | None = None
    link: str | None = None
    duration_ms: int | None = None
    published_at: int | None = None
    notes_html: str = ""
    notes_text: str = ""
    position_ms: int = 0
    played_at: int | None = None
    chapters_url: str | None = None
    vanished_at: int | None = None
    downloaded_at: int | None = None
    starred_at: int | None = None
    audio_length_ms: int | None = None  # the audio's own length (its file or the player), not a feed's claim

    @property
    def media(self) -> str | None:
        """The local file when there is one, else the stream URL."""
        return self.audio_path or self.audio_url


@dataclass(frozen=True, slots=True)
class Chapter:
    """A chapter of an episode; ``end_ms`` is None when it runs to the next one or the end."""

    episode_id: int
    start_ms: int
    title: str
    section: str | None = None
    end_ms: int | None = None
    source: str = ChapterSource.SHOWNOTES.value
    id: int | None = None
    url: str | None = None
    image_url: str | None = None
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class EpisodeSummary:
    """The light row the episode list shows: no show notes, cheap to hold by the thousand."""

    id: int
    podcast_id: int
    podcast_title: str
    title: str
    duration_ms: int | None
    published_at: int | None
    position_ms: int
    played_at: int | None
    starred_at: int | None = None


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result: a chapter (play from ``start_ms``), an episode, or a bookmark.

    ``title`` is the chapter title, the episode title or the bookmark note's first line. ``snippet``
    is plain text with the match between « and »; ``snippet_html`` is the same, HTML-escaped, with
    the match in <b></b>. A lower ``rank`` is a better hit within its kind.
    """

    kind: str
    episode_id: int
    title: str
    episode_title: str
    podcast_title: str
    start_ms: int | None
    snippet: str
    snippet_html: str = ""
    rank: float = 0.0
    id: int | None = None


@dataclass(frozen=True, slots=True)
class SearchResults:
    """Search hits grouped by kind, each group best first; iterates chapters, episodes, bookmarks."""

    chapters: tuple[SearchHit, ...] = ()
    episodes: tuple[SearchHit, ...] = ()
    bookmarks: tuple[SearchHit, ...] = ()

    def __iter__(self):
        return iter(self.chapters + self.episodes + self.bookmarks)

    def __len__(self) -> int:
        return len(self.chapters) + len(self.episodes) + len(self.bookmarks)


@dataclass(frozen=True, slots=True)
class Bookmark:
    """A moment of an episode the listener kept: where, the chapter there, a note, and what it is in."""

    id: int
    episode_id: int
    position_ms: int
    note: str = ""
    chapter_title: str | None = None
    created_at: int = 0
    updated_at: int | None = None
    episode_title: str = ""
    podcast_title: str = ""
    episode_link: str | None = None
