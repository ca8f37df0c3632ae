"""Frozen domain dataclasses and enums shared by every layer: podcasts, episodes, chapters, feed records."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# What feeds hand to the services and the library: parsed feeds, episodes, chapters, OPML outlines.
from companion.domain.feed_records import FeedUpdate as FeedUpdate
from companion.domain.feed_records import FetchedTranscript as FetchedTranscript
from companion.domain.feed_records import OpmlOutline as OpmlOutline
from companion.domain.feed_records import ParsedChapter as ParsedChapter
from companion.domain.feed_records import ParsedEpisode as ParsedEpisode
from companion.domain.feed_records import ParsedFeed as ParsedFeed
from companion.domain.feed_records import ParsedFunding as ParsedFunding
from companion.domain.feed_records import ParsedPerson as ParsedPerson
from companion.domain.feed_records import ParsedTranscript as ParsedTranscript
from companion.i18n import QT_TRANSLATE_NOOP, translate


class PlaybackState(enum.Enum):
    """What the audio backend is doing."""

    STOPPED = "stopped"
    LOADING = "loading"
    PLAYING = "playing"
    PAUSED = "paused"
    ENDED = "ended"
    ERROR = "error"


class ChapterSource(str, enum.Enum):
    """Where a chapter list came from, best first: the publisher's chapters, then the audio file's own,
    then the show-notes timeline. The one place that ranks and names sources."""

    PODCAST_JSON = "podcast-json"
    PODLOVE = "podlove"
    ID3 = "id3"
    MP4 = "mp4"
    VORBIS = "vorbis"
    SHOWNOTES = "shownotes"

    @property
    def label(self) -> str:
        """What the window's source menu calls it."""
        return translate("ChapterSource", _SOURCE_LABELS[self])


_SOURCE_LABELS = {
    ChapterSource.PODCAST_JSON: QT_TRANSLATE_NOOP("ChapterSource", "Publisher chapters"),
    ChapterSource.PODLOVE: QT_TRANSLATE_NOOP("ChapterSource", "Publisher chapters (Podlove)"),
    ChapterSource.ID3: QT_TRANSLATE_NOOP("ChapterSource", "Chapters in the audio file"),
    ChapterSource.MP4: QT_TRANSLATE_NOOP("ChapterSource", "Chapters in the audio file (MP4)"),
    ChapterSource.VORBIS: QT_TRANSLATE_NOOP("ChapterSource", "Chapters in the audio file (Ogg, Opus, FLAC)"),
    ChapterSource.SHOWNOTES: QT_TRANSLATE_NOOP("ChapterSource", "Show-notes timeline"),
}
_SOURCE_RANK = {source.value: rank for rank, source in enumerate(ChapterSource)}


def source_rank(source: str) -> int:
    """A chapter source's rank (0 is best); a source this version does not know ranks last."""
    return _SOURCE_RANK.get(source, len(_SOURCE_RANK))


def source_label(source: str) -> str:
    """A chapter source's name for people; an unknown source's own name."""
    try:
        return ChapterSource(source).label
    except ValueError:
        return source


class PodcastKind(str, enum.Enum):
    """What a podcast is: a feed to refresh, the podcast of episodes added by hand, or the demo."""

    FEED = "feed"
    LOCAL = "local"
    DEMO = "demo"


@dataclass(frozen=True, slots=True)
class Podcast:
    """A subscribed (or local, or demo) podcast; only a ``FEED`` has a feed address."""

    id: int
    title: str
    feed_url: str | None = None
    link: str | None = None
    description: str = ""
    image_url: str | None = None
    kind: PodcastKind = PodcastKind.FEED

    @property
    def is_subscription(self) -> bool:
        """True for a feed the app refreshes and exports (not the local podcast, not the demo)."""
        return self.kind is PodcastKind.FEED and bool(self.feed_url)


@dataclass(frozen=True, slots=True)
class PodcastSummary:
    """A podcast as the Podcasts view shows it: its counts from one grouped query, its state."""

    id: int
    title: str
    kind: PodcastKind = PodcastKind.FEED
    author: str = ""
    feed_url: str | None = None
    image_url: str | None = None
    episodes: int = 0
    unplayed: int = 0
    new: int = 0  # unplayed episodes that arrived since the listener last looked (feeds only)
    last_published_at: int | None = None
    refreshed_at: int | None = None
    refresh_error: str | None = None  # why the last refresh failed (None: it worked, or never ran)
    refresh_failed_at: int | None = None
    playback_rate: float | None = None  # the podcast's own speed (None: the global one)
    seen_at: int | None = None  # when the listener last looked at it (None: never)


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
        """The local file when there is one, else the stream URL when it may be opened (safe_media)."""
        return safe_media(self)[0]


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
    downloaded_at: int | None = None  # set while the audio is downloaded beside the library


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
    """Search hits grouped by kind, each group best first; iterates chapters, transcript cues,
    episodes, bookmarks."""

    chapters: tuple[SearchHit, ...] = ()
    episodes: tuple[SearchHit, ...] = ()
    bookmarks: tuple[SearchHit, ...] = ()
    transcripts: tuple[SearchHit, ...] = ()  # cues of stored transcripts (play from ``start_ms``)

    def __iter__(self):
        return iter(self.chapters + self.transcripts + self.episodes + self.bookmarks)

    def __len__(self) -> int:
        return len(self.chapters) + len(self.transcripts) + len(self.episodes) + len(self.bookmarks)


@dataclass(frozen=True, slots=True)
class StoredTranscript:
    """The transcript kept with an episode: its source (a feed address with its type and language,
    or a file), what was read, how many cues, and why the last fetch failed (``error``, no cues)."""

    episode_id: int
    url: str | None
    path: str | None
    type: str | None
    language: str | None
    format: str
    timed: bool
    cue_count: int
    error: str | None
    fetched_at: int


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


WEB_SCHEMES = ("http", "https")
_NOT_IN_URLS = re.compile("[\x00-\x20\x7f]")  # spaces and control characters


# What a feed names and what the library keeps of it are one record each (written once):
Transcript = ParsedTranscript  # a podcast:transcript of an episode
Person = ParsedPerson  # a podcast:person of a podcast or an episode: host, guest...
Funding = ParsedFunding  # a podcast:funding link of a podcast


@dataclass(frozen=True, slots=True)
class EpisodeDetails:
    """What a feed says of an episode beyond its notes: numbering, kind, image, transcripts, people."""

    season: int | None = None
    season_name: str | None = None
    number: int | float | None = None
    number_label: str | None = None
    episode_type: str | None = None  # full, trailer or bonus
    itunes_title: str | None = None
    image_url: str | None = None
    audio_type: str | None = None
    transcripts: tuple[Transcript, ...] = ()
    persons: tuple[Person, ...] = ()


@dataclass(frozen=True, slots=True)
class PodcastDetails:
    """What a feed says of its podcast beyond title and description."""

    podcast_guid: str | None = None
    locked: bool | None = None
    locked_owner: str | None = None
    image_url: str | None = None
    funding: tuple[Funding, ...] = ()
    persons: tuple[Person, ...] = ()


PLAYED_FRACTION = 0.95  # an episode counts as played at 95% ...
PLAYED_REMAINING_MS = 10_000  # ... or within 10 s of its end


def counts_as_played(position_ms: int, duration_ms: int | None) -> bool:
    """The app's one rule for "played" by where the listener is: at 95% or within 10 s of the end
    (the player while playing, and a place another device synced)."""
    if not duration_ms or duration_ms <= 0:
        return False
    return position_ms >= PLAYED_FRACTION * duration_ms or duration_ms - position_ms <= PLAYED_REMAINING_MS


def web_url_problem(url: str | None) -> str | None:
    """Why ``url`` is not a usable http(s) address, in words (None when it is one): its scheme, its
    server name and its port are checked, and anything urllib or the player would choke on."""
    if not url or not isinstance(url, str) or not url.strip():
        return "it is empty"
    text = url.strip()
    if _NOT_IN_URLS.search(text):
        return "it holds spaces or control characters"
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 (raises for a port that is not a number from 0 to 65535)
    except ValueError as exc:
        return f"it is not a valid address ({exc})"
    if parts.scheme.lower() not in WEB_SCHEMES:
        return "it is not an http or https address"
    if not parts.hostname:
        return "it names no server"
    return None


def safe_media(episode: Episode) -> tuple[str | None, str]:
    """What the player may open for ``episode``, or None with a message saying why not.

    A local file (``audio_path``) is only ever one the listener chose (Add episode, ``companion add``)
    or downloaded; an address (``audio_url``) comes from a feed and is opened only when it is http(s):
    a feed naming ``file:///home/you/.ssh/id_rsa`` or ``ftp://`` as its audio is never played.
    """
    if episode.audio_path:
        return episode.audio_path, ""
    if not episode.audio_url:
        return None, f"“{episode.title}” has no audio file or URL."
    problem = web_url_problem(episode.audio_url)
    if problem:
        return None, (
            f"“{episode.title}” is not played: its audio address {episode.audio_url!r} is refused"
            f" ({problem}); only http and https addresses from feeds are opened."
        )
    return episode.audio_url.strip(), ""
