"""Plain frozen data the feed workers hand to the GUI thread: parsed feeds, episodes, chapters."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ParsedChapter:
    """One chapter read from a publisher source, a tag or the show notes; starts in milliseconds."""

    start_ms: int
    title: str
    section: str | None = None
    end_ms: int | None = None
    url: str | None = None
    image_url: str | None = None
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class ParsedTranscript:
    """A podcast:transcript of an episode: its address, type, language and rel (``captions``)."""

    url: str
    type: str | None = None
    language: str | None = None
    rel: str | None = None


@dataclass(frozen=True, slots=True)
class FetchedTranscript:
    """A transcript fetched (or read from a file) and parsed for an episode: where it came from and
    its cues (``companion.transcripts.Cue``: start_ms, end_ms, speaker, text), or why it failed."""

    url: str | None
    type: str | None = None
    language: str | None = None
    path: str | None = None  # a file of the listener's instead of an address
    format: str = ""
    cues: tuple = ()
    timed: bool = True
    error: str | None = None  # set when it could not be fetched or read (no cues)


@dataclass(frozen=True, slots=True)
class ParsedPerson:
    """A podcast:person of a podcast or an episode."""

    name: str
    role: str = "host"
    group: str = "cast"
    href: str | None = None
    img: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedFunding:
    """A podcast:funding link of a podcast."""

    url: str
    title: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedEpisode:
    """One feed item: its notes as the feed gave them (the library renders them when shown), their
    plain text for search, and its chapter lists already parsed."""

    guid: str
    title: str
    audio_url: str | None = None
    audio_size: int | None = None
    audio_type: str | None = None
    link: str | None = None
    duration_ms: int | None = None
    published_at: int | None = None
    notes: str = ""
    notes_text: str = ""
    image_url: str | None = None
    chapters_url: str | None = None
    # chapter lists by source name ("shownotes", "podlove", "podcast-json"); a source that is
    # missing here is left as it is in the library (JSON chapters not fetched this time)
    chapters: tuple[tuple[str, tuple[ParsedChapter, ...]], ...] = ()
    fingerprint: str = ""
    # True when the library already holds this exact item: notes and chapters were not processed
    unchanged: bool = False
    season: int | None = None
    season_name: str | None = None  # podcast:season's name
    number: int | float | None = None  # the episode's number (Podcasting 2.0 allows 1.5)
    number_label: str | None = None  # podcast:episode's display
    episode_type: str | None = None  # itunes:episodeType: full, trailer or bonus
    itunes_title: str | None = None
    transcripts: tuple[ParsedTranscript, ...] = ()
    persons: tuple[ParsedPerson, ...] = ()
    # the chosen transcript fetched with the feed (None: not fetched this time, left as stored)
    transcript: FetchedTranscript | None = None

    def chapters_of(self, source: str) -> tuple[ParsedChapter, ...] | None:
        """The chapters from ``source``, or None when this parse did not read that source."""
        for name, entries in self.chapters:
            if name == source:
                return entries
        return None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A parsed podcast feed."""

    title: str
    link: str | None = None
    description: str = ""
    image_url: str | None = None
    episodes: tuple[ParsedEpisode, ...] = ()
    new_url: str | None = None  # itunes:new-feed-url: the publisher says the feed now lives there
    next_page: str | None = None  # a paged feed's next page (RFC 5005 atom:link rel="next")
    # False when some pages of a paged feed were not read: items missing here did not leave the feed
    complete: bool = True
    # the parts of items that were skipped (an enclosure that is not http(s)...), one line each
    warnings: tuple[str, ...] = ()
    podcast_guid: str | None = None
    locked: bool | None = None  # podcast:locked: the publisher forbids moving the feed elsewhere
    locked_owner: str | None = None
    funding: tuple[ParsedFunding, ...] = ()
    persons: tuple[ParsedPerson, ...] = ()
    author: str = ""  # itunes:author of the channel


@dataclass(frozen=True, slots=True)
class FeedUpdate:
    """What a worker fetched: either ``not_modified`` (HTTP 304 / unchanged file) or a parsed feed.

    ``url`` is the address asked for; ``moved_to`` the new address when the feed moved permanently
    (every redirect 301 or 308), to be stored in its place.
    """

    url: str
    not_modified: bool
    feed: ParsedFeed | None = None
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None


@dataclass(frozen=True, slots=True)
class OpmlOutline:
    """One subscription in an OPML file."""

    xml_url: str
    title: str = ""
    html_url: str | None = None
